/*
 * weighted_codec.h
 *	  The weighted_rating_summary layout for the counts core, and the rules
 *	  its weights and sums follow, in plain C (fuzzed).
 *
 * Per rating 0..10: the answers with a positive weight, the sum of their
 * weights Σw and the sum of their squared weights Σw², each an exact
 * double-double (dd.h).  Text "{9:[3,2.5,2.25],10:[1,1,1]}"; binary: the
 * version byte, then per rating its count and two sums (counts.h).  No
 * total: the answers are the cells' sum.
 *
 * Exactness.  The sums are exact, and adding then removing answers gives
 * back the same bytes, while every weight is a multiple of 2^-16 and each
 * Σw² stays below 2^72: every value involved is then an integer multiple
 * of 2^-32 (of 2^-16 for Σw) below 2^104 of those units, and a
 * double-double addition of such values never rounds (docs/metrics.md
 * §8.5).  Whether a sum is inside that zone is checked per answer;
 * aggregates track it in the state's flags (weighted_summary.h).
 */
#ifndef CSM_WEIGHTED_CODEC_H
#define CSM_WEIGHTED_CODEC_H

#include "counts.h"
#include "rating_codec.h"

#define WEIGHTED_SUMMARY_VERSION	1

/*
 * Weights csm accepts: 0 (the answer is skipped) or from WEIGHT_MIN to
 * WEIGHT_MAX, so that w² is a normal double with its rounding error exact
 * (TwoProd), and Σw² cannot overflow for any number of answers.
 */
#define WEIGHT_MIN		1e-140
#define WEIGHT_MAX		1e140

/* The zone in which double-double sums are exact (see above). */
#define WEIGHT_GRID		65536.0			/* 2^16: weights are multiples of 1/WEIGHT_GRID */
#define WEIGHT_SQ_BOUND	0x1p72			/* each Σw² below this */
#define WEIGHT_BOUND	0x1p88			/* each Σw below this */

/* One rating's cell: a counts-core cell with two sums. */
typedef struct WeightedCell
{
	int64_t		n;				/* answers with a positive weight */
	DD			w;				/* Σ w */
	DD			w2;				/* Σ w² */
} WeightedCell;

typedef struct WeightedCells
{
	WeightedCell cell[RATING_NVALUES];	/* cell[r] for rating r */
} WeightedCells;

extern const CountsLayout weighted_layout;

/*
 * The rules of a rating's cell with n > 0 answers (weighted_cell_rule(),
 * within codec.h's rounding slack): its sums are positive and, by
 * Cauchy-Schwarz, (Σw)² / n <= Σw² <= (Σw)²; and since every weight lies
 * in [WEIGHT_MIN, WEIGHT_MAX], n WEIGHT_MIN <= Σw <= n WEIGHT_MAX and
 * WEIGHT_MIN Σw <= Σw² <= WEIGHT_MAX Σw.  (The counts core adds its own:
 * n >= 0, zero sums without answers, finite normalised sums.)
 */
#define WEIGHTED_RULE_SUMS \
	gettext_noop("A rating without answers has zero sums; one with n answers has positive sums with (sum of weights)^2 / n <= sum of squared weights <= (sum of weights)^2, each a normalised pair.")
#define WEIGHTED_RULE_RANGE \
	gettext_noop("Each weight lies from 1e-140 to 1e140, so n answers of a rating have n * 1e-140 <= sum of weights <= n * 1e140 and 1e-140 * sum of weights <= sum of squared weights <= 1e140 * sum of weights.")

/* Whether x is a whole multiple of 1/grid (x finite, grid a power of 2). */
static inline int
weighted_on_grid(double x, double grid)
{
	double		s = x * grid;

	/* every double of magnitude 2^63 or more is whole */
	return fabs(s) >= 0x1p63 || s == (double) (int64_t) s;
}

/* Whether a cell's sums are inside the exact zone. */
static inline int
weighted_cell_exact(const WeightedCell *c)
{
	return c->w.hi < WEIGHT_BOUND && c->w2.hi < WEIGHT_SQ_BOUND &&
		weighted_on_grid(c->w.hi, WEIGHT_GRID) && weighted_on_grid(c->w.lo, WEIGHT_GRID) &&
		weighted_on_grid(c->w2.hi, WEIGHT_GRID * WEIGHT_GRID) &&
		weighted_on_grid(c->w2.lo, WEIGHT_GRID * WEIGHT_GRID);
}

#endif							/* CSM_WEIGHTED_CODEC_H */
