/*
 * rating_codec.c
 *	  The rating_summary layout for the counts core.
 *
 * Text "{6:1,7:2,9:3}", "{}" for no answers; binary: version, total, the
 * eleven counts (counts.h).
 */
#include "rating_codec.h"

int
rating_cell(int64_t key)
{
	return key >= RATING_MIN && key <= RATING_MAX ? (int) key : -1;
}

int64_t
rating_key(int cell)
{
	return cell;
}

const CountsLayout rating_layout = {
	.version = RATING_SUMMARY_VERSION,
	.ncells = RATING_NVALUES,
	.nsums = 0,
	.has_total = 1,
	.cell_of = rating_cell,
	.key_of = rating_key,
};
