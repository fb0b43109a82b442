/*
 * driver_summary.h
 *	  The driver_summary type: the key-driver analysis's mergeable moments
 *	  (driver_codec.h), stored as a variable-size summary (summary.h).
 *
 * Memory layout (also the on-disk one): the 8-byte SummaryHeader, the
 * DriverHead (rows used, rows skipped, p, flags), then the moments array
 * of driver_model.h: DRIVER_MOMENTS_LENGTH(p) doubles when p > 0, none
 * while p is 0.  32 + 8 * (1 + 2 (p + 1) + (p + 1)(p + 2) / 2) bytes: 744
 * for 10 attributes, 5,056 for 32.
 *
 * A window frame's transition state carries more: with the state flag
 * DRIVER_STATE_DRIFT, p + 3 doubles after the moments, p + 2 bounds on the
 * rounding error the removals so far have left in W and in each C_ii
 * (driver_moments_remove()), then the number of the frame's rows whose
 * weight is not 1 (driver_agg.c).  That tail is never part of a value:
 * text, binary and = ignore it, and the final functions drop it.
 */
#ifndef CSM_DRIVER_SUMMARY_H
#define CSM_DRIVER_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "driver_codec.h"
#include "summary.h"

/* A transition state whose moments are followed by removal drift bounds. */
#define DRIVER_STATE_DRIFT		0x02

typedef struct DriverSummary
{
	SummaryHeader head;			/* version DRIVER_SUMMARY_VERSION; flags 0 or
								 * DRIVER_STATE_DRIFT */
	DriverHead	d;
	double		m[FLEXIBLE_ARRAY_MEMBER];	/* the moments, then any drift */
} DriverSummary;

StaticAssertDecl(offsetof(DriverSummary, m) == SUMMARY_HEADER_SIZE + 24,
				 "a DriverSummary is the header, the counts, p and flags, then the moments");

#define DRIVER_SUMMARY_FIXED	offsetof(DriverSummary, m)

/* The size of a value of p attributes, and of a state with drift bounds. */
static inline Size
driver_summary_size(int p)
{
	return DRIVER_SUMMARY_FIXED + sizeof(double) * driver_moments_count(p);
}

/* A window state's tail: p + 2 drift bounds, then the rows weighing other than 1. */
#define DRIVER_TAIL_LENGTH(p)	((p) + 3)
#define DRIVER_TAIL_WEIGHTED(p) ((p) + 2)

static inline Size
driver_state_drift_size(int p)
{
	return driver_summary_size(p) + sizeof(double) * DRIVER_TAIL_LENGTH(p);
}

/* The tail of a state flagged DRIVER_STATE_DRIFT. */
static inline double *
driver_state_drift(DriverSummary *s)
{
	return s->m + driver_moments_count(s->d.p);
}

extern const SummaryType driver_summary_type;

/* A driver_summary argument, detoasted and checked. */
#define PG_GETARG_DRIVER_SUMMARY_P(n) \
	((DriverSummary *) summary_detoast(&driver_summary_type, PG_GETARG_DATUM(n)))

/* A new value of p attributes (0: none yet), zero-filled. */
extern DriverSummary *driver_summary_new(int p);
/* The value of a state: s itself, or a copy without its drift bounds. */
extern DriverSummary *driver_summary_value(DriverSummary *s);
/* a + b as a new value, or the error (merge of different p: 2202E). */
extern DriverSummary *driver_summary_merged(const DriverSummary *a, const DriverSummary *b);

/* Errors shared by the type, its aggregates and accessors. */
pg_noreturn extern void driver_report_attributes(int have, int got);
pg_noreturn extern void driver_report_sum_range(void);

#endif							/* CSM_DRIVER_SUMMARY_H */
