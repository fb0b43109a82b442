/*
 * rating_score.h
 *	  A score as a rating 0..10: the checks every ratings aggregate, plain or
 *	  weighted, makes on its score argument (errors in rating_score.c).
 *
 * Inline, so that the per-row paths keep the common case free of calls; an
 * out-of-range or fractional score is an ERROR (22003) naming it, raised
 * by a cold function out of line.  csm never rounds a score.
 */
#ifndef CSM_RATING_SCORE_H
#define CSM_RATING_SCORE_H

#include "postgres.h"

#include <math.h>

#include "utils/numeric.h"

#include "compat.h"
#include "rating_codec.h"

pg_noreturn extern pg_attribute_cold void rating_report_score_range(const char *score);
pg_noreturn extern pg_attribute_cold void rating_report_int_score(int64 score);
pg_noreturn extern pg_attribute_cold void rating_report_float8_score(float8 score);

static inline int
rating_from_int64(int64 score)
{
	if (unlikely(score < RATING_MIN || score > RATING_MAX))
		rating_report_int_score(score);
	return (int) score;
}

static inline int
rating_from_float8(float8 score)
{
	/* NaN fails every comparison, so it takes the error path too */
	if (unlikely(!(score >= RATING_MIN && score <= RATING_MAX && score == floor(score))))
		rating_report_float8_score(score);
	return (int) score;
}

extern int	rating_from_numeric(Numeric score);

#endif							/* CSM_RATING_SCORE_H */
