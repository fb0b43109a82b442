/*
 * weighted_summary.h
 *	  The weighted_rating_summary type: per rating 0..10 the answers and
 *	  the exact sums of their weights and squared weights.
 *
 * It is the transition state of every weighted ratings aggregate and the
 * value users store: a summary of the counts core (counts_summary.h),
 * always in the wide form.  A transition state carries COUNTS_INEXACT in
 * its flags once one of its sums may have rounded (weighted_codec.h); the
 * aggregates' final functions return values without it.
 */
#ifndef CSM_WEIGHTED_SUMMARY_H
#define CSM_WEIGHTED_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "counts_summary.h"
#include "weighted_codec.h"

typedef struct WeightedSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* WEIGHTED_SUMMARY_VERSION */
	uint8		flags;			/* 0, or COUNTS_INEXACT in a transition state */
	uint16		reserved;		/* always 0 */
	WeightedCells cells;
} WeightedSummary;

extern const CountsType weighted_rating_summary_type;

/* Every weighted_rating_summary argument an accessor reads. */
#define PG_GETARG_WEIGHTED_SUMMARY_P(n) \
	((WeightedSummary *) counts_summary_open(&weighted_rating_summary_type, PG_GETARG_DATUM(n)))

static inline CountsRef
weighted_ref(WeightedSummary *s)
{
	return counts_summary_ref(&weighted_rating_summary_type, (CountsSummary *) s);
}

#endif							/* CSM_WEIGHTED_SUMMARY_H */
