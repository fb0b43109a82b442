/*
 * ranking_groups.h
 *	  Fair league tables in plain C: the family's kinds, methods and
 *	  statuses, and the group summary the fits read, built one group at a
 *	  time.
 *
 * Three models, one per kind of metric:
 *	 NPS	Dirichlet-multinomial on (promoters, passives, detractors);
 *	 share	beta-binomial on (successes, failures), the top-k box;
 *	 mean	normal-normal on the groups' means (CES and other means).
 *
 * The server derives one group at a time from a rating_summary (counts) or
 * a weighted_rating_summary (Kish effective counts, rank_kish_counts()),
 * adds it to a RankSummary (the prior aggregates' transition state), fits a
 * RankPrior from the summary (ranking_fit.h), and then asks for each
 * group's posterior and funnel limits (ranking_posterior.h).  Every status
 * other than RANK_OK is for the server to turn into an ERROR or a NULL;
 * nothing in these modules allocates memory or keeps state.
 */
#ifndef CSM_RANKING_GROUPS_H
#define CSM_RANKING_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RANK_SUMMARY_VERSION	1
#define RANK_MAX_CATEGORIES		3

/* The categories of a group's counts, in the order the add functions take them. */
#define RANK_PROMOTERS			0
#define RANK_PASSIVES			1
#define RANK_DETRACTORS			2
#define RANK_SUCCESSES			0
#define RANK_FAILURES			1

typedef enum RankKind
{
	RANK_NONE = 0,				/* an empty summary that no group has typed yet */
	RANK_NPS = 1,				/* three categories, Dirichlet prior */
	RANK_SHARE = 2,				/* two categories, beta prior */
	RANK_MEAN = 3				/* a mean per group, normal prior */
} RankKind;

/* The categories of a kind's counts: 3 (NPS), 2 (share), 0 (mean, none). */
static inline int
rank_kind_categories(int kind)
{
	return kind == RANK_NPS ? 3 : kind == RANK_SHARE ? 2 : 0;
}

typedef enum RankMethod
{
	RANK_MLE = 1,				/* maximum marginal likelihood */
	RANK_MOMENTS = 2,			/* BDA3 / ebbr "mm"; DerSimonian-Laird for means */
	RANK_JAMES_STEIN = 3		/* means only: Efron-Morris's (G - 3) */
} RankMethod;

typedef enum RankStatus
{
	RANK_OK = 0,
	RANK_NEED_ROOM,				/* grow to rank_summary_wanted_capacity(), call again */
	RANK_TOO_BIG,				/* more than RANK_SUMMARY_MAX_RUNS runs */
	RANK_BAD_VALUE,				/* a count, n, mean or variance out of its domain */
	RANK_BAD_LEVEL,				/* a level not strictly between 0 and 1 */
	RANK_BAD_METHOD,			/* a method the kind does not have */
	RANK_BAD_KIND,				/* a prior or summary of another kind */
	RANK_MISMATCH,				/* merging summaries of other kinds or parameters */
	RANK_NO_GROUPS,				/* a fit over no group with answers */
	RANK_NO_DATA,				/* nothing to estimate: no answers and no prior */
	RANK_CORRUPT,				/* rank_summary_check(): not a valid summary */
	RANK_GROUPS_RANGE			/* more than INT64_MAX groups (or empty groups) */
} RankStatus;

/*
 * The group summary: Minka's "counts of counts", mergeable.
 *
 * It is a list of runs, each a value with the number of groups that have
 * it, in several lists:
 *	 list k < ncat		 a category's count c_ik (only c_ik > 0 is kept)
 *	 RANK_LIST_TOTAL	 a group's total n_i
 *	 RANK_LIST_POINT	 the group itself: NPS (P, Pa, D), share (y, n - y, 0),
 *						 mean (mean, n, variance)
 * The likelihoods of the Dirichlet- and beta-binomial depend on the data
 * only through the category and total lists, whose length is the number
 * of distinct values, not of groups.  The points carry what no margin
 * does: the proportions of each group for the method of moments, and the
 * group's z-score for Spiegelhalter's Winsorized phi (which needs the
 * order of the z-scores, and z depends on the target, known only at the
 * end).  For means only the points exist.
 *
 * Layout: flat, a 48-byte header then `capacity` runs of 40 bytes, so that
 * the server stores it as a varlena as it is.  Its first eight bytes are
 * the server's summary header (summary.h: the length word, version, flags
 * and a reserved word; nothing here reads the length).  Native byte order:
 * the binary send and receive functions convert (ranking_codec.h), and
 * rank_summary_check() validates a summary as a whole.
 *
 * Kind.  RANK_NONE is the empty summary before any group (the aggregates'
 * initial state): no runs, no groups, parameters and method 0.  It merges
 * with a summary of any kind, and a summary of a kind only with one of the
 * same kind, parameters and method.
 *
 * Method.  0, or the RankMethod a prior aggregate was asked to fit with:
 * the aggregate's argument travels in its state, also through a parallel
 * worker or a Citus shard.  Summaries of methods 0 and m merge into m.
 *
 * Order: runs[0..nsorted) are sorted by (list, value) and have distinct
 * keys; add and merge append unsorted runs after them, and
 * rank_summary_compact() sorts and coalesces (heapsort, in place, no
 * allocation).  A compacted summary's runs do not depend on the order the
 * groups came in, and neither does a fit on it.
 *
 * Size bound: 48 + 40 R bytes, R the number of runs after compaction,
 *	 R <= sum over the lists of their distinct values, each <= G (groups).
 * With whole counts and groups of at most M answers: each category and
 * the totals have at most M distinct values, and the points at most
 * min(G, (M + 1)(M + 2)(M + 3)/6) (NPS) or min(G, (M + 1)(M + 2)/2)
 * (shares); e.g. 100,000 groups of up to 30 answers: R <= 4 x 30 + 5,456.
 * For large or weighted (fractional) groups the points are about G: 4 MB
 * for 100,000 groups.  Before compaction at most twice that
 * (rank_summary_wanted_capacity() doubles).
 */
#define RANK_LIST_TOTAL			3
#define RANK_LIST_POINT			4

typedef struct RankRun
{
	int32_t		list;			/* 0..ncat-1, RANK_LIST_TOTAL or RANK_LIST_POINT */
	int32_t		reserved;		/* zero */
	double		value[3];		/* one value (a count, a total) or a point */
	int64_t		groups;			/* how many groups have it, > 0 */
} RankRun;

typedef struct RankSummary
{
	int32_t		vl_len_;		/* the server's varlena length word */
	uint8_t		version;		/* RANK_SUMMARY_VERSION */
	uint8_t		flags;			/* zero */
	uint16_t	reserved;		/* zero */
	uint8_t		kind;			/* a RankKind */
	uint8_t		ncat;			/* 3 (NPS), 2 (share), 0 (mean, none) */
	uint8_t		method;			/* 0 or a RankMethod (see above) */
	uint8_t		reserved2;		/* zero */
	int32_t		param[2];		/* the caller's (share: k, scale_max); equal to merge */
	int32_t		nruns;			/* runs in use */
	int32_t		nsorted;		/* runs[0..nsorted) sorted and coalesced */
	int32_t		capacity;		/* runs the buffer holds */
	int64_t		groups;			/* groups with answers (n > 0) */
	int64_t		empty_groups;	/* groups without: ignored, counted */
	RankRun		runs[];
} RankSummary;

#define RANK_SUMMARY_HEADER		offsetof(RankSummary, runs)
#define RANK_SUMMARY_SIZE(capacity) \
	(RANK_SUMMARY_HEADER + (size_t) (capacity) * sizeof(RankRun))
/* what fits in a varlena of at most 1 GB (test/ranking builds with less) */
#ifndef RANK_SUMMARY_MAX_RUNS
#define RANK_SUMMARY_MAX_RUNS \
	((int32_t) ((0x3FFFFFFF - RANK_SUMMARY_HEADER) / sizeof(RankRun)))
#endif

/* Whether method is 0 or a method the kind has (RANK_NONE: 0 only). */
extern bool rank_method_valid(RankKind kind, int method);

/*
 * Sets up an empty summary in a buffer of RANK_SUMMARY_SIZE(capacity)
 * bytes (capacity >= 0; vl_len_ is left alone).  kind may be RANK_NONE
 * (then the parameters must be 0); the method is 0.
 */
extern RankStatus rank_summary_init(RankSummary *s, RankKind kind, int32_t capacity,
									int32_t param0, int32_t param1);

/*
 * Adds one group.  NPS: counts[3] = promoters, passives, detractors; share:
 * counts[2] = successes, failures.  Counts are finite and >= 0, and may be
 * fractional (Kish effective counts).  A group with no answers is counted
 * in empty_groups.  RANK_NEED_ROOM: grow the buffer to
 * rank_summary_wanted_capacity(s, 0) runs, set s->capacity and call again
 * (the summary may have been compacted, nothing was added).
 */
extern RankStatus rank_summary_add_counts(RankSummary *s, const double *counts);

/*
 * Adds one group of a mean: n answers (effective, >= 0), their mean and
 * their variance per answer with divisor n (the weighted one for weights).
 */
extern RankStatus rank_summary_add_mean(RankSummary *s, double n, double mean,
										double variance);

/*
 * Adds `groups` (>= 1) groups that all have one point, given as the
 * summary's point list holds it: NPS (P, Pa, D), share (y, n - y, 0), mean
 * (mean, n, variance).  The text and binary input's way in; the values are
 * checked as the add functions check theirs (RANK_BAD_VALUE), and a point
 * without answers is refused (empty groups are counted, not listed).
 * RANK_NEED_ROOM as rank_summary_add_counts().
 */
extern RankStatus rank_summary_add_point(RankSummary *s, const double *point, int64_t groups);

/*
 * Adds src's groups to dst (kind, parameters and method must agree, as
 * above; RANK_MISMATCH when not).  RANK_NEED_ROOM: grow dst to
 * rank_summary_wanted_capacity(dst, src->nruns) runs and call again.
 */
extern RankStatus rank_summary_merge(RankSummary *dst, const RankSummary *src);

/*
 * Removes src's groups from dst (a window frame leaving a summary).  src
 * must be compacted (RANK_CORRUPT otherwise); dst is compacted first.
 * Every run of src must be in dst with at least as many groups, and dst
 * must hold as many empty groups (RANK_BAD_VALUE when not, dst then
 * compacted but holding the same groups).  Runs left without groups are
 * dropped; kind, parameters and method stay.  RANK_MISMATCH as for
 * merging; a src of kind RANK_NONE removes nothing.
 */
extern RankStatus rank_summary_remove(RankSummary *dst, const RankSummary *src);

/*
 * Whether two summaries hold the same groups, kind, parameters, method
 * and empty groups.  Both must be compacted (nsorted == nruns).
 */
extern bool rank_summary_equal(const RankSummary *a, const RankSummary *b);

/* Sorts and coalesces the runs in place; capacity is unchanged. */
extern void rank_summary_compact(RankSummary *s);

/*
 * The capacity to grow to for `extra` more runs: twice the runs and at
 * least twice the capacity, so that growing doubles (-1: beyond the maximum).
 */
extern int32_t rank_summary_wanted_capacity(const RankSummary *s, int32_t extra);

/*
 * Compacts and sets capacity = nruns: the bytes to store, returned, are
 * RANK_SUMMARY_SIZE(s->nruns).
 */
extern size_t rank_summary_trim(RankSummary *s);

/*
 * Whether `size` bytes at s are a valid summary (the binary receive and
 * the fuzzer): RANK_OK or RANK_CORRUPT.  Validates every field and run.
 */
extern RankStatus rank_summary_check(const RankSummary *s, size_t size);

/*
 * A run of the point list as a group's metric x and its n: on the
 * proportion scale for NPS (-1..1) and shares (0..1), a mean as it is.
 */
static inline void
rank_point_metric(const RankSummary *s, const RankRun *r, double *x, double *n)
{
	if (s->kind == RANK_MEAN)
	{
		*x = r->value[0];
		*n = r->value[1];
		return;
	}
	*n = r->value[0] + r->value[1] + r->value[2];
	*x = s->kind == RANK_NPS ? (r->value[RANK_PROMOTERS] - r->value[RANK_DETRACTORS]) / *n
		: r->value[RANK_SUCCESSES] / *n;
}

/* x clipped to [lo, hi]. */
static inline double
rank_clip(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/*
 * Kish effective counts of weighted cells: counts[j] = n_eff w[j] / W with
 * W = sum w, n_eff = W^2 / sum w2 (all 0 when W is 0), so that category
 * counts add up and total the effective sample size.  With w2 NULL the
 * cells are unweighted counts and are copied.
 */
extern void rank_kish_counts(const double *w, const double *w2, int ncells, double *counts);

/*
 * A mean group from cells with values x[j]: n = n_eff (as above), the
 * weighted mean, and the weighted variance with divisor W.  n = 0, mean
 * and variance 0 when W is 0.
 */
extern void rank_mean_group(const double *w, const double *w2, const double *x, int ncells,
							double *n, double *mean, double *variance);

#endif							/* CSM_RANKING_GROUPS_H */
