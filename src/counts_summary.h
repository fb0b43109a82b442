/*
 * counts_summary.h
 *	  The server side of the counts core: the stored forms of every summary
 *	  built on it (rating_summary, kano_summary, servqual_summary,
 *	  weighted_rating_summary), its SQL-callable input, output and
 *	  operators, and the aggregate steps.
 *
 * A value is a summary (summary.h): the 8-byte header, then the payload in
 * one of two forms the flags byte names:
 *
 *	 wide (flags 0)		 the total when the type has one, then every cell
 *						 record (counts.h): int64 count and DD sums.  This is
 *						 the only form of version 1 as csm 1.0 wrote it.
 *	 narrow				 for plain counts with a total only: one uint16
 *	 (SUMMARY_NARROW)	 count per cell and no total (it is their sum): 30
 *						 bytes for a rating summary instead of 104.
 *
 * A summary is written narrow whenever its counts fit, which keeps
 * high-cardinality GROUP BY states and stored rollups small; a count that
 * outgrows 16 bits widens the value for good.  A narrow value cannot claim
 * a count its form cannot hold: its cells are 16 bits and it has no total
 * of its own, and summary_check() accepts the narrow size only for the
 * layouts that have the form.  Text, binary and jsonb forms do not depend
 * on the form, and every reader reads both.
 */
#ifndef CSM_COUNTS_SUMMARY_H
#define CSM_COUNTS_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "agg_state.h"
#include "compat.h"
#include "counts.h"
#include "summary.h"

/* Any counts-core summary: the header, then the payload of its form. */
typedef struct CountsSummary
{
	SummaryHeader head;
	int64		data[FLEXIBLE_ARRAY_MEMBER];	/* the payload */
} CountsSummary;

StaticAssertDecl(offsetof(CountsSummary, data) == SUMMARY_HEADER_SIZE,
				 "a counts summary's payload follows the header");

#define COUNTS_HEADER_SIZE		offsetof(CountsSummary, data)
#define COUNTS_WIDE_SIZE(l)		(COUNTS_HEADER_SIZE + COUNTS_WIDE_PAYLOAD(l))
#define COUNTS_NARROW_SIZE(ncells)	(COUNTS_HEADER_SIZE + 2 * (ncells))
/* The wide payload of a type with a total and no sums, which the narrow form shortens. */
#define COUNTS_PLAIN_WIDE_SIZE(ncells)	(COUNTS_HEADER_SIZE + 8 + 8 * (ncells))

/* Reading and making values. */
extern CountsSummary *counts_summary_detoast(const SummaryType *type, Datum d);
extern CountsSummary *counts_summary_wide(const SummaryType *type, Datum d);
extern CountsSummary *counts_summary_make(const SummaryType *type, CountsRef wide);
extern void counts_summary_read(const SummaryType *type, const CountsSummary *s,
								CountsRef out);
extern int64 counts_summary_total(const SummaryType *type, const CountsSummary *s);

/* A wide summary's payload, as counts.h reads it. */
static inline CountsRef
counts_summary_ref(const SummaryType *type, CountsSummary *s)
{
	CountsRef	r;

	r.total = type->layout->has_total ? &s->data[0] : NULL;
	r.cells = &s->data[type->layout->has_total];
	return r;
}

/* SQL-callable work, each family's functions call with their type. */
extern Datum counts_summary_in(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum counts_summary_out(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum counts_summary_recv(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum counts_summary_send(FunctionCallInfo fcinfo, const SummaryType *type);
extern Datum counts_summary_operate(FunctionCallInfo fcinfo, const SummaryType *type, int sign);
extern Datum counts_summary_equal(FunctionCallInfo fcinfo, const SummaryType *type, bool equal);
extern Datum counts_summary_combine(FunctionCallInfo fcinfo, const SummaryType *type, int sign);
extern Datum counts_summary_final(FunctionCallInfo fcinfo, const SummaryType *type);

/* The state of a transition step, checked. */
static inline CountsSummary *
counts_state(FunctionCallInfo fcinfo, const SummaryType *type)
{
	return (CountsSummary *) summary_state(fcinfo, type);
}

extern Datum counts_step_slow(FunctionCallInfo fcinfo, const SummaryType *type,
							  int cell, int sign);

/*
 * The per-row step of every plain-counts aggregate: one answer in cell
 * enters (sign 1) or leaves (sign -1, window frames) the state.  The
 * executor's own state, in either form, is updated in place here; every
 * other case (a copy, a count outgrowing its form, an error) is a call.
 * Kept this small so that the JIT can inline it (docs/development.md).
 */
static inline Datum
counts_step(FunctionCallInfo fcinfo, const SummaryType *type, int ncells, uint8 version,
			int cell, int sign)
{
	CountsSummary *s = (CountsSummary *) DatumGetPointer(PG_GETARG_DATUM(0));

	if (likely(agg_state_from_aggregate(fcinfo)))
	{
		uint64		head = summary_header_word(s);

		if (likely(summary_header_matches(head, COUNTS_NARROW_SIZE(ncells), version,
										  SUMMARY_NARROW, 0)))
		{
			uint16	   *count = (uint16 *) s->data + cell;

			if (likely(sign > 0 ? *count < PG_UINT16_MAX : *count > 0))
			{
				*count += sign;
				PG_RETURN_POINTER(s);
			}
		}
		else if (likely(summary_header_matches(head, COUNTS_PLAIN_WIDE_SIZE(ncells),
											   version, 0, 0)))
		{
			int64	   *count = &s->data[1 + cell];

			if (likely(sign > 0 ? s->data[0] < PG_INT64_MAX : *count > 0))
			{
				s->data[0] += sign;
				*count += sign;
				PG_RETURN_POINTER(s);
			}
		}
	}
	return counts_step_slow(fcinfo, type, cell, sign);
}

#endif							/* CSM_COUNTS_SUMMARY_H */
