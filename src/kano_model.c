/*
 * kano_model.c
 *	  The Kano evaluation table and per-feature results, in plain C.
 */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include <strings.h>

#include "kano_model.h"

const char *const kano_class_labels[KANO_NCLASSES] = {
	"must-be", "one-dimensional", "attractive", "indifferent", "reverse", "questionable"
};
const char *const kano_class_codes[KANO_NCLASSES] = {"M", "O", "A", "I", "R", "Q"};

/* Rows: functional answer; columns: dysfunctional answer (Berger et al. 1993). */
static const KanoClass evaluation[KANO_ANSWERS][KANO_ANSWERS] = {
	/* like */ {KANO_QUESTIONABLE, KANO_ATTRACTIVE, KANO_ATTRACTIVE, KANO_ATTRACTIVE, KANO_ONE_DIMENSIONAL},
	/* must-be */ {KANO_REVERSE, KANO_INDIFFERENT, KANO_INDIFFERENT, KANO_INDIFFERENT, KANO_MUST_BE},
	/* neutral */ {KANO_REVERSE, KANO_INDIFFERENT, KANO_INDIFFERENT, KANO_INDIFFERENT, KANO_MUST_BE},
	/* live-with */ {KANO_REVERSE, KANO_INDIFFERENT, KANO_INDIFFERENT, KANO_INDIFFERENT, KANO_MUST_BE},
	/* dislike */ {KANO_REVERSE, KANO_REVERSE, KANO_REVERSE, KANO_REVERSE, KANO_QUESTIONABLE},
};

/* DuMouchel's continuous scale for each answer. */
static const double functional_value[KANO_ANSWERS] = {4.0, 2.0, 0.0, -1.0, -2.0};
static const double dysfunctional_value[KANO_ANSWERS] = {-2.0, -1.0, 0.0, 2.0, 4.0};

KanoClass
kano_classify(int functional, int dysfunctional)
{
	return evaluation[functional - 1][dysfunctional - 1];
}

int
kano_answer_from_label(const char *label)
{
	static const struct
	{
		const char *name;
		int			answer;
	}			names[] = {
		{"1", 1}, {"like", 1},
		{"2", 2}, {"must-be", 2}, {"must be", 2}, {"expect", 2},
		{"3", 3}, {"neutral", 3},
		{"4", 4}, {"live-with", 4}, {"live with", 4}, {"tolerate", 4},
		{"5", 5}, {"dislike", 5},
	};
	size_t		len;

	while (isspace((unsigned char) *label))
		label++;
	len = strlen(label);
	while (len > 0 && isspace((unsigned char) label[len - 1]))
		len--;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i].name) == len && strncasecmp(names[i].name, label, len) == 0)
			return names[i].answer;
	return 0;
}

void
kano_evaluate(const KanoCounts *c, double threshold, KanoResult *r)
{
	int			order[KANO_NCLASSES];
	double		fsum = 0.0,
				dsum = 0.0;
	int64_t		a,
				o,
				m,
				i,
				valid,
				top,
				second;

	memset(r, 0, sizeof(*r));
	for (int f = 1; f <= KANO_ANSWERS; f++)
		for (int d = 1; d <= KANO_ANSWERS; d++)
		{
			int64_t		cnt = c->cells[KANO_CELL(f, d)];
			KanoClass	k = kano_classify(f, d);

			r->count[k] += cnt;
			if (k <= KANO_INDIFFERENT)
			{
				fsum += (double) cnt * functional_value[f - 1];
				dsum += (double) cnt * dysfunctional_value[d - 1];
			}
		}
	r->n = c->n;
	a = r->count[KANO_ATTRACTIVE];
	o = r->count[KANO_ONE_DIMENSIONAL];
	m = r->count[KANO_MUST_BE];
	i = r->count[KANO_INDIFFERENT];
	valid = a + o + m + i;

	r->has_coefficients = valid > 0;
	if (valid > 0)
	{
		r->better = (double) (a + o) / (double) valid;
		r->worse = -(double) (o + m) / (double) valid;
		r->functional_score = fsum / (double) valid;
		r->dysfunctional_score = dsum / (double) valid;
	}

	r->category = -1;
	if (r->n == 0)
		return;

	/* categories by count, ties by priority (the enum order) */
	for (int k = 0; k < KANO_NCLASSES; k++)
		order[k] = k;
	for (int x = 1; x < KANO_NCLASSES; x++)
		for (int y = x; y > 0 && r->count[order[y]] > r->count[order[y - 1]]; y--)
		{
			int			t = order[y];

			order[y] = order[y - 1];
			order[y - 1] = t;
		}
	top = r->count[order[0]];
	second = r->count[order[1]];
	r->category = order[0];
	r->category_strength = ((double) top - (double) second) / (double) r->n;
	if (100.0 * r->category_strength < threshold && order[1] < order[0])
		r->category = order[1];

	r->total_strength = (double) (a + o + m) / (double) r->n;
	r->fong_difference = top - second;
	r->fong_critical = 1.65 * sqrt(((double) top + (double) second) *
								   (2.0 * (double) r->n - (double) top - (double) second) /
								   (2.0 * (double) r->n));
	r->fong_significant = (double) r->fong_difference >= r->fong_critical;
}
