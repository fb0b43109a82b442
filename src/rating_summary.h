/*
 * rating_summary.h
 *	  The rating_summary type: a histogram of integer ratings 0..10.
 *
 * A rating_summary is the transition state of every ratings aggregate and
 * the value users store in rollup tables and materialized views.  Its
 * memory layout is its on-disk layout: a varlena with a version byte, the
 * total and one count per rating.  Storage is PLAIN and alignment double,
 * so a stored value is read in place without detoasting or copying.
 */
#ifndef CSM_RATING_SUMMARY_H
#define CSM_RATING_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"

#include "rating_codec.h"

typedef struct RatingSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* RATING_SUMMARY_VERSION */
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	RatingHistogram hist;		/* n and counts[0..10] */
} RatingSummary;

#define RATING_SUMMARY_SIZE		sizeof(RatingSummary)

#define DatumGetRatingSummaryP(X)	rating_summary_from_datum(X)
#define PG_GETARG_RATING_SUMMARY_P(n) DatumGetRatingSummaryP(PG_GETARG_DATUM(n))
#define PG_RETURN_RATING_SUMMARY_P(x) PG_RETURN_POINTER(x)

pg_noreturn extern void rating_summary_report_version(const RatingSummary *s);

/*
 * Values are built only by csm, so a size or version we do not know means
 * data written by another release; say so rather than misread it.  Inline
 * because the transition functions check their state on every row.
 */
static inline void
rating_summary_check(const RatingSummary *s)
{
	if (unlikely(s->version != RATING_SUMMARY_VERSION ||
				 VARSIZE(s) != RATING_SUMMARY_SIZE))
		rating_summary_report_version(s);
}

extern RatingSummary *rating_summary_new(void);
extern RatingSummary *rating_summary_copy(const RatingSummary *src);
extern RatingSummary *rating_summary_from_datum(Datum d);
extern void rating_summary_add(RatingSummary *dst, const RatingSummary *src);
extern void rating_summary_subtract(RatingSummary *dst, const RatingSummary *src);

#endif							/* CSM_RATING_SUMMARY_H */
