/*
 * kano_codec.h
 *	  The kano_summary layout for the counts core, in plain C (fuzzed).
 *
 * A Kano survey asks per feature a functional and a dysfunctional question,
 * each answered 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike.  The
 * summary keeps the count of each of the 25 answer pairs, from which every
 * category count, coefficient and continuous score follows.  A pair's key
 * is the functional answer followed by the dysfunctional one: 15 = like if
 * present, dislike if absent.
 */
#ifndef CSM_KANO_CODEC_H
#define CSM_KANO_CODEC_H

#include "counts.h"

#define KANO_ANSWERS		5
#define KANO_CELLS			(KANO_ANSWERS * KANO_ANSWERS)
#define KANO_CELL(f, d)		(((f) - 1) * KANO_ANSWERS + ((d) - 1))

#define KANO_SUMMARY_VERSION	1

/* A Kano summary's counts in the wide layout, as every accessor reads them. */
typedef struct KanoCounts
{
	int64_t		n;					/* sum of the cells, never above INT64_MAX */
	int64_t		cells[KANO_CELLS];	/* cells[KANO_CELL(f, d)] */
} KanoCounts;

extern const CountsLayout kano_layout;

#endif							/* CSM_KANO_CODEC_H */
