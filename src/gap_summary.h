/*
 * gap_summary.h
 *	  The gap_summary and servqual_summary types: sums behind the gap
 *	  models, stored as plain varlenas with a version byte, like
 *	  rating_summary.
 */
#ifndef CSM_GAP_SUMMARY_H
#define CSM_GAP_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"

#include "gap_codec.h"

typedef struct GapSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* GAP_SUMMARY_VERSION */
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	GapSums		sums;
} GapSummary;

typedef struct ServqualSummary
{
	int32		vl_len_;
	uint8		version;		/* SERVQUAL_SUMMARY_VERSION */
	uint8		flags;
	uint16		reserved;
	ServqualSums sums;
} ServqualSummary;

#define PG_GETARG_GAP_SUMMARY_P(n)		gap_summary_from_datum(PG_GETARG_DATUM(n))
#define PG_GETARG_SERVQUAL_SUMMARY_P(n)	servqual_summary_from_datum(PG_GETARG_DATUM(n))

extern GapSummary *gap_summary_new(void);
extern GapSummary *gap_summary_copy(const GapSummary *src);
extern GapSummary *gap_summary_from_datum(Datum d);
extern void gap_summary_check(const GapSummary *s);
extern void gap_sums_add(GapSums *dst, const GapSums *src, int sign);
extern void gap_summary_require_finite(const GapSums *s);

extern ServqualSummary *servqual_summary_new(void);
extern ServqualSummary *servqual_summary_copy(const ServqualSummary *src);
extern ServqualSummary *servqual_summary_from_datum(Datum d);
extern void servqual_summary_check(const ServqualSummary *s);
extern void servqual_sums_add(ServqualSums *dst, const ServqualSums *src, int sign);

/* An item number 1..22, or an ERROR naming it (gap_agg.c). */
extern int	servqual_item(int64 item);

#endif							/* CSM_GAP_SUMMARY_H */
