/*
 * ranking_summary.h
 *	  The league_summary type: the fair-ranking family's summary of groups
 *	  (ranking_groups.h's RankSummary), stored as a variable-size summary
 *	  (summary.h), and what its aggregates and functions share: reading one
 *	  group from a ratings summary, growing a state, and the errors.
 *
 * Memory layout (also the on-disk one): the RankSummary as it is, whose
 * first eight bytes are the summary header; its size follows its capacity
 * in runs.  A stored value is compacted and trimmed (capacity = runs in
 * use); a transition state keeps room to grow and an unsorted tail, which
 * every reader compacts first.
 */
#ifndef CSM_RANKING_SUMMARY_H
#define CSM_RANKING_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "ranking_codec.h"
#include "ranking_groups.h"
#include "summary.h"

StaticAssertDecl(offsetof(RankSummary, version) == offsetof(SummaryHeader, version) &&
				 offsetof(RankSummary, flags) == offsetof(SummaryHeader, flags) &&
				 offsetof(RankSummary, reserved) == offsetof(SummaryHeader, reserved) &&
				 offsetof(RankSummary, kind) == SUMMARY_HEADER_SIZE,
				 "a RankSummary starts with the summary header");

extern const SummaryType league_summary_type;

/* A league_summary argument, detoasted, its header checked. */
#define PG_GETARG_LEAGUE_P(n) \
	((RankSummary *) summary_detoast(&league_summary_type, PG_GETARG_DATUM(n)))

/* A new empty summary (kind RANK_NONE) with room for capacity runs. */
extern RankSummary *league_new(int32 capacity);

/* s with room for `extra` more runs: a new, larger copy (the old one is left as it is). */
extern RankSummary *league_grow(RankSummary *s, int32 extra);

/* Every run of s checked (rank_summary_check()), else XX001. */
extern void league_verify(const RankSummary *s);

/*
 * A final function's state, compacted: in place when the executor owns it
 * (the same groups, only sorted), else a compacted copy, since an argument
 * may be a stored value read in place.
 */
extern RankSummary *league_compacted(FunctionCallInfo fcinfo, RankSummary *s);

/*
 * What a step returns: the state itself in an aggregate, else (a support
 * function called on its own) a stored value, compacted and trimmed.
 */
extern Datum league_step_result(FunctionCallInfo fcinfo, RankSummary *s);

/* A stored value of s: compacted, trimmed, a new copy. */
extern RankSummary *league_value(RankSummary *s);

/* The ERROR for a status of the model (RANK_OK excepted). */
pg_noreturn extern void league_report(RankStatus status, const RankSummary *a,
									  const RankSummary *b);

/* The kind's name in messages: "nps", "share", "mean". */
extern const char *league_kind_name(int kind);

/*
 * One group, read from a rating_summary or (weighted) a
 * weighted_rating_summary, whose answers are Kish effective counts
 * (docs/metrics.md §12.5):
 *	 NPS	counts[3]: promoters (9-10), passives (7-8), detractors (0-6);
 *	 share	counts[2]: the k highest points of 1..scale_max, the others
 *			(22003 for a rating outside the scale, as csat_topk);
 *	 mean	n, the mean rating and its variance (divisor n).
 */
extern void league_read_nps(Datum summary, bool weighted, double *counts);
extern void league_read_share(Datum summary, bool weighted, int k, int scale_max,
							  double *counts);
extern void league_read_mean(Datum summary, bool weighted, double *n, double *mean,
							 double *variance);

/* A share's parameters, else 22023 as csat_topk() says it. */
extern void league_require_share(int k, int scale_max);

/* A method's name for a kind (22023 naming the methods when unknown). */
extern RankMethod league_method(const text *name, RankKind kind);
extern const char *league_method_name(int method);

#endif							/* CSM_RANKING_SUMMARY_H */
