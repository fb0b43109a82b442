/*
 * weighted_summary.h
 *	  The weighted_rating_summary type: per rating 0..10 the answers and
 *	  the exact sums of their weights and squared weights.
 *
 * It is the transition state of every weighted ratings aggregate and the
 * value users store: a summary of the counts core (counts_summary.h),
 * always in the wide form.  A transition state carries its state flag
 * WEIGHTED_INEXACT once one of its sums may have rounded
 * (weighted_codec.h); the aggregates' final functions return values
 * without it.
 */
#ifndef CSM_WEIGHTED_SUMMARY_H
#define CSM_WEIGHTED_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "counts_summary.h"
#include "weighted_codec.h"

/*
 * Set in a transition state when one of its additions may have rounded:
 * its moving-aggregate inverse then declines, and the window frame is
 * recomputed (weighted_agg.c).  A state flag (summary.h): never part of a
 * stored value.
 */
#define WEIGHTED_INEXACT		0x02

typedef struct WeightedSummary
{
	SummaryHeader head;			/* version WEIGHTED_SUMMARY_VERSION; flags 0 or WEIGHTED_INEXACT */
	WeightedCells cells;
} WeightedSummary;

StaticAssertDecl(sizeof(WeightedSummary) == SUMMARY_HEADER_SIZE + RATING_NVALUES * (8 + 2 * 16),
				 "a WeightedSummary is the counts core's wide form of its layout");

extern const SummaryType weighted_rating_summary_type;

/*
 * A weighted_rating_summary argument, detoasted: the type has only the
 * wide form, which counts_summary_wide() returns as it is.
 */
#define PG_GETARG_WEIGHTED_SUMMARY_WIDE(n) \
	((WeightedSummary *) counts_summary_wide(&weighted_rating_summary_type, PG_GETARG_DATUM(n)))

static inline CountsRef
weighted_ref(WeightedSummary *s)
{
	return counts_summary_ref(&weighted_rating_summary_type, (CountsSummary *) s);
}

#endif							/* CSM_WEIGHTED_SUMMARY_H */
