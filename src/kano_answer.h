/*
 * kano_answer.h
 *	  A respondent's Kano answer, 1 (like) to 5 (dislike), from an integer
 *	  or a label: the check every Kano function makes on its answer
 *	  arguments, the aggregates (kano_agg.c) and the classification
 *	  functions (kano_metrics.c) alike.
 *
 * Inline for integers, so that the per-row paths keep the common case free
 * of calls; a bad answer is an ERROR naming it and the question it
 * answers, raised out of line (kano_answer.c).
 */
#ifndef CSM_KANO_ANSWER_H
#define CSM_KANO_ANSWER_H

#include "postgres.h"

#include "compat.h"
#include "kano_codec.h"

pg_noreturn extern pg_attribute_cold void kano_report_answer(int64 answer, const char *question);
extern int	kano_answer_from_text(text *answer, const char *question);

static inline int
kano_answer_from_int(int64 answer, const char *question)
{
	if (unlikely(answer < 1 || answer > KANO_ANSWERS))
		kano_report_answer(answer, question);
	return (int) answer;
}

#endif							/* CSM_KANO_ANSWER_H */
