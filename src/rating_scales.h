/*
 * rating_scales.h
 *	  Scales and answer ranges shared by the point metrics and their
 *	  intervals, so that both read a summary the same way.
 */
#ifndef CSM_RATING_SCALES_H
#define CSM_RATING_SCALES_H

#include "rating_summary.h"

/* Standard NPS cut points (Reichheld 2003): 0-6 detract, 7-8 passive. */
#define NPS_DETRACTOR_MAX	6
#define NPS_PASSIVE_MAX		8

#define CSAT_DEFAULT_SCALE	5
#define CES_DEFAULT_SCALE	7

#define CSAT_SCALE_HINT \
	"If the survey uses another scale, state it, as in csat_top2(rating_agg(score), 7)."
#define CES_SCALE_HINT \
	"For CES 1.0 (effort on 1 to 5), state the scale: ces_avg(rating_agg(score), 5)."

/* The answers a CES "easy" share counts, by questionnaire orientation. */
typedef struct CesOrientation
{
	int			scale_max;
	int			easy_lo;
	int			easy_hi;
} CesOrientation;

/* Both read the answers per rating, of either summary type (rating_tally.h). */
extern int64 rating_count_range(const int64 *answers, int lo, int hi);
extern void rating_require_scale(const int64 *answers, int scale_max,
								 const char *metric, const char *hint);
extern void rating_require_scale_max(int scale_max, int lowest);
extern void rating_require_top_boxes(int k, int scale_max);
extern CesOrientation rating_ces_orientation(const char *name);

#endif							/* CSM_RATING_SCALES_H */
