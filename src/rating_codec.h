/*
 * rating_codec.h
 *	  The rating_summary layout for the counts core: one cell per rating
 *	  0..10, keyed by the rating, with a total.  Plain C, fuzzed.
 */
#ifndef CSM_RATING_CODEC_H
#define CSM_RATING_CODEC_H

#include "counts.h"

#define RATING_MIN			0
#define RATING_MAX			10
#define RATING_NVALUES		(RATING_MAX + 1)

/* The on-disk and wire format version written by this release. */
#define RATING_SUMMARY_VERSION	1

/* A rating summary's counts in the wide layout, as every accessor reads them. */
typedef struct RatingHistogram
{
	int64_t		n;					/* sum of counts, never above INT64_MAX */
	int64_t		counts[RATING_NVALUES];
} RatingHistogram;

extern const CountsLayout rating_layout;

/* A rating's cell (-1 for a key outside 0..10) and a cell's rating, for every layout keyed by rating. */
extern int	rating_cell(int64_t key);
extern int64_t rating_key(int cell);

#endif							/* CSM_RATING_CODEC_H */
