/*
 * rating_tally.h
 *	  What every ratings accessor reads: per rating the answers and their
 *	  weight, from a rating_summary or a weighted_rating_summary.
 *
 * The metrics are weighted shares and means (docs/metrics.md §8.1); a
 * rating_summary is the case where every answer weighs 1.  Reading both
 * types into one tally lets one body of each accessor serve both
 * (rating_metrics.c), and the weighted intervals read it too.
 */
#ifndef CSM_RATING_TALLY_H
#define CSM_RATING_TALLY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "dd.h"
#include "rating_codec.h"

typedef struct RatingTally
{
	int64		n;							/* answers */
	int64		answers[RATING_NVALUES];	/* answers per rating */
	DD			weight[RATING_NVALUES];		/* their Σw; the answers when unweighted */
	DD			weight_sq[RATING_NVALUES];	/* their Σw²; the answers when unweighted */
	DD			total;						/* Σw over all ratings */
	bool		weighted;
} RatingTally;

extern void rating_tally_of_rating(Datum summary, RatingTally *t);
extern void rating_tally_of_weighted(Datum summary, RatingTally *t);

/* Σw of the ratings lo..hi, exactly as far as double-double goes. */
extern DD	rating_tally_weight(const RatingTally *t, int lo, int hi);

/* Σw² over all ratings. */
extern DD	rating_tally_weight_sq(const RatingTally *t);

/* 100 · weight / Σw: what a weight is in percent of all answers' weight. */
extern double rating_tally_percent_of(const RatingTally *t, DD weight);

/* 100 · Σw(lo..hi) / Σw, the share of ratings lo..hi in percent. */
extern double rating_tally_percent(const RatingTally *t, int lo, int hi);

/* The NPS in points: 100 · (Σw of promoters - Σw of detractors) / Σw. */
extern double rating_tally_nps(const RatingTally *t, int detractor_max, int passive_max);

/* Σ r · w, the ratings summed with their weights. */
extern DD	rating_tally_sum(const RatingTally *t);

/* Σ r · w / Σw, the (weighted) mean rating. */
extern double rating_tally_mean(const RatingTally *t);

#endif							/* CSM_RATING_TALLY_H */
