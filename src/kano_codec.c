/*
 * kano_codec.c
 *	  The kano_summary layout for the counts core.
 *
 * Text "{15:3,25:1}", pairs in key order, "{}" for none; binary: version,
 * total, the 25 counts in functional-major order (counts.h).
 */
#include "kano_codec.h"

static int
kano_cell(int64_t key)
{
	int64_t		f = key / 10;
	int64_t		d = key % 10;

	if (key < 11 || key > 55 || d < 1 || d > KANO_ANSWERS)
		return -1;
	return KANO_CELL((int) f, (int) d);
}

static int64_t
kano_key(int cell)
{
	return (cell / KANO_ANSWERS + 1) * 10 + cell % KANO_ANSWERS + 1;
}

const CountsLayout kano_layout = {
	.version = KANO_SUMMARY_VERSION,
	.ncells = KANO_CELLS,
	.nsums = 0,
	.has_total = 1,
	.cell_of = kano_cell,
	.key_of = kano_key,
};
