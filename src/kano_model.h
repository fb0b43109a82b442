/*
 * kano_model.h
 *	  The Kano evaluation table and per-feature results, in plain C.
 *
 * Definitions: docs/metrics.md section 6 (Kano 1984; Berger
 * et al. 1993; Sauerwein et al. 1996; Fong 1996).
 */
#ifndef CSM_KANO_MODEL_H
#define CSM_KANO_MODEL_H

#include <stdbool.h>

#include "kano_codec.h"

/* In priority order (M > O > A > I), the order of the SQL enum kano_class. */
typedef enum KanoClass
{
	KANO_MUST_BE = 0,
	KANO_ONE_DIMENSIONAL,
	KANO_ATTRACTIVE,
	KANO_INDIFFERENT,
	KANO_REVERSE,
	KANO_QUESTIONABLE,
	KANO_NCLASSES
} KanoClass;

extern const char *const kano_class_labels[KANO_NCLASSES];
extern const char *const kano_class_codes[KANO_NCLASSES];

typedef struct KanoResult
{
	int64_t		count[KANO_NCLASSES];
	int64_t		n;
	int			category;			/* a KanoClass, or -1 when n = 0 */
	bool		has_coefficients;	/* A + O + M + I > 0 */
	double		better;				/* (A + O) / (A + O + M + I) */
	double		worse;				/* -(O + M) / (A + O + M + I) */
	double		total_strength;		/* (A + O + M) / n */
	double		category_strength;	/* top share - second share */
	int64_t		fong_difference;	/* a - b, the two highest counts */
	double		fong_critical;		/* 1.65 sqrt((a + b)(2n - a - b) / 2n) */
	bool		fong_significant;
	double		functional_score;	/* DuMouchel means over A, O, M, I pairs */
	double		dysfunctional_score;
} KanoResult;

/* The cell of the evaluation table; answers are 1..5. */
extern KanoClass kano_classify(int functional, int dysfunctional);

/* 1..5 for an answer label or digit (case-insensitive, trimmed), else 0. */
extern int kano_answer_from_label(const char *label);

/*
 * Per-feature result.  threshold: category-strength threshold in
 * percentage points; when the top two categories are closer than that, the
 * priority M > O > A > I decides between them (0: only exact ties).
 */
extern void kano_evaluate(const KanoCounts *c, double threshold, KanoResult *r);

#endif							/* CSM_KANO_MODEL_H */
