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

#endif							/* CSM_RATING_CODEC_H */
