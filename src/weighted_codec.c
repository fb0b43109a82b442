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
 * The sums of n answers with positive weights: Σw > 0, Σw² > 0, and by
 * Cauchy-Schwarz (Σw)² / n <= Σw² <= (Σw)², compared through square roots
 * so that nothing overflows, with room for the last bits of rounding.
 */
static int
weighted_sums_valid(int64_t n, const DD *sums)
{
	double		w = dd_value(sums[0]);
	double		root_w2 = sqrt(dd_value(sums[1]));
	const double slack = 1.0 + 1e-12;

	return w > 0.0 && root_w2 > 0.0 &&
		root_w2 <= w * slack && w <= sqrt((double) n) * root_w2 * slack;
}

const CountsLayout weighted_layout = {
	.version = WEIGHTED_SUMMARY_VERSION,
	.ncells = RATING_NVALUES,
	.nsums = 2,
	.has_total = 0,
	.cell_of = rating_cell,
	.key_of = rating_key,
	.sums_valid = weighted_sums_valid,
};
