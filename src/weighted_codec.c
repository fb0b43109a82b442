/*
 * weighted_codec.c
 *	  The weighted_rating_summary layout for the counts core.
 *
 * Text "{9:[3,2.5,2.25],10:[1,1,1]}": rating:[answers, Σw, Σw²] for the
 * ratings with answers, "{}" for none.
 */
#include "weighted_codec.h"

#include <math.h>

/*
 * The rules of a rating's cell with n answers (weighted_codec.h), compared
 * through square roots so that nothing overflows, within the rounding
 * slack of n answers (codec.h).  Weights are normal numbers, so no product
 * here underflows.
 */
static const char *
weighted_cell_rule(int64_t n, const DD *sums)
{
	double		w = dd_value(sums[0]);
	double		w2 = dd_value(sums[1]);
	double		root_w2 = sqrt(w2);
	double		slack = codec_slack(n);

	if (!(w > 0.0 && w2 > 0.0 &&
		  root_w2 <= w * slack && w <= sqrt((double) n) * root_w2 * slack))
		return WEIGHTED_RULE_SUMS;
	if (!(w * slack >= (double) n * WEIGHT_MIN && w <= (double) n * WEIGHT_MAX * slack &&
		  w2 * slack >= WEIGHT_MIN * w && w2 <= WEIGHT_MAX * w * slack))
		return WEIGHTED_RULE_RANGE;
	return NULL;
}

const CountsLayout weighted_layout = {
	.version = WEIGHTED_SUMMARY_VERSION,
	.ncells = RATING_NVALUES,
	.nsums = 2,
	.has_total = 0,
	.cell_of = rating_cell,
	.key_of = rating_key,
	.cell_rule = weighted_cell_rule,
};
