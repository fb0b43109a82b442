/*
 * rating_tally.c
 *	  Reading either ratings summary into a RatingTally, and the sums every
 *	  point metric is made of (rating_tally.h).
 *
 * The sums are double-double: for a rating_summary they are exact (counts
 * are integers), so a share or mean is the correctly rounded quotient of
 * exact integers, as before weights existed; for a weighted summary they
 * carry the weights' sums to about 32 digits.
 */
#include "postgres.h"

#include "common/int.h"

#include "rating_summary.h"
#include "rating_tally.h"
#include "weighted_summary.h"

/* An int64 as an exact double-double: its high and low 32 bits are each exact. */
static DD
dd_from_int64(int64 x)
{
	DD			r = two_sum((double) (x >> 32) * 4294967296.0, (double) (x & 0xffffffff));

	return dd_normalise(r);
}

void
rating_tally_of_rating(Datum summary, RatingTally *t)
{
	RatingSummary *s = (RatingSummary *) counts_summary_wide(&rating_summary_type, summary);

	t->n = s->hist.n;
	t->total = dd_from_int64(s->hist.n);
	t->weighted = false;
	for (int r = RATING_MIN; r <= RATING_MAX; r++)
	{
		t->answers[r] = s->hist.counts[r];
		t->weight[r] = dd_from_int64(s->hist.counts[r]);
		t->weight_sq[r] = t->weight[r];
	}
}

void
rating_tally_of_weighted(Datum summary, RatingTally *t)
{
	WeightedSummary *s = (WeightedSummary *) counts_summary_wide(&weighted_rating_summary_type,
																 summary);
	DD			total = {0.0, 0.0};

	t->n = 0;
	t->weighted = true;
	for (int r = RATING_MIN; r <= RATING_MAX; r++)
	{
		const WeightedCell *c = &s->cells.cell[r];

		t->answers[r] = c->n;
		t->weight[r] = c->w;
		t->weight_sq[r] = c->w2;
		if (pg_add_s64_overflow(t->n, c->n, &t->n))
			summary_report(&weighted_rating_summary_type, CODEC_TOTAL_RANGE, NULL, NULL);
		total = dd_add(total, c->w);
	}
	t->total = total;
}

DD
rating_tally_weight(const RatingTally *t, int lo, int hi)
{
	DD			sum = {0.0, 0.0};

	for (int r = lo; r <= hi; r++)
		sum = dd_add(sum, t->weight[r]);
	return sum;
}

DD
rating_tally_weight_sq(const RatingTally *t)
{
	DD			sum = {0.0, 0.0};

	for (int r = RATING_MIN; r <= RATING_MAX; r++)
		sum = dd_add(sum, t->weight_sq[r]);
	return sum;
}

double
rating_tally_percent_of(const RatingTally *t, DD weight)
{
	return dd_value(dd_div(dd_mul(weight, (DD) {100.0, 0.0}), t->total));
}

double
rating_tally_percent(const RatingTally *t, int lo, int hi)
{
	return rating_tally_percent_of(t, rating_tally_weight(t, lo, hi));
}

double
rating_tally_nps(const RatingTally *t, int detractor_max, int passive_max)
{
	/* promoters minus detractors: exact for counts, so the one division rounds correctly */
	DD			net = dd_add(rating_tally_weight(t, passive_max + 1, RATING_MAX),
							 dd_neg(rating_tally_weight(t, RATING_MIN, detractor_max)));

	return rating_tally_percent_of(t, net);
}

DD
rating_tally_sum(const RatingTally *t)
{
	DD			sum = {0.0, 0.0};

	for (int r = RATING_MIN + 1; r <= RATING_MAX; r++)
		sum = dd_add(sum, dd_mul(t->weight[r], (DD) {(double) r, 0.0}));
	return sum;
}

double
rating_tally_mean(const RatingTally *t)
{
	return dd_value(dd_div(rating_tally_sum(t), t->total));
}
