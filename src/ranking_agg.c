/*
 * ranking_agg.c
 *	  Transition functions of the fair-ranking aggregates: nps_prior,
 *	  share_prior and mean_prior, and nps_league, share_league and
 *	  mean_league, over per-group rating_summary or weighted_rating_summary
 *	  values.  Their state is a league_summary; each row adds one group
 *	  (docs/metrics.md §12).
 *
 * The state starts untyped ('{}'); the first row gives it its kind, the
 * share's k and scale_max and the prior's method, and every later row
 * must agree (22023).  NULL summaries are skipped, as avg() skips NULL;
 * an empty summary is a group without answers, counted in empty_groups.
 * The parameters are not: a NULL k, scale_max or method is 22004.
 *
 * Updated in place when the executor owns the state (agg_state.h); a
 * state out of room is copied into a buffer twice its size
 * (league_grow(), ranking_summary.c), so that each group costs O(1)
 * amortised.  The add is tried at most twice: after growing it has room.
 *
 * The inverse (window frames) removes the group a row added: the state is
 * compacted and each of the group's runs loses one group, O(runs) a row
 * (rank_summary_remove()).
 */
#include "postgres.h"

#include "fmgr.h"

#include "ranking_summary.h"

PG_FUNCTION_INFO_V1(league_nps_accum);
PG_FUNCTION_INFO_V1(league_nps_accum_weighted);
PG_FUNCTION_INFO_V1(league_share_accum);
PG_FUNCTION_INFO_V1(league_share_accum_weighted);
PG_FUNCTION_INFO_V1(league_mean_accum);
PG_FUNCTION_INFO_V1(league_mean_accum_weighted);
PG_FUNCTION_INFO_V1(league_nps_retract);
PG_FUNCTION_INFO_V1(league_nps_retract_weighted);
PG_FUNCTION_INFO_V1(league_share_retract);
PG_FUNCTION_INFO_V1(league_share_retract_weighted);
PG_FUNCTION_INFO_V1(league_mean_retract);
PG_FUNCTION_INFO_V1(league_mean_retract_weighted);

/* The shares' defaults, as csat_top2(): the top 2 of 1..5. */
#define SHARE_DEFAULT_K			2
#define SHARE_DEFAULT_SCALE		5

static int32
required_int(FunctionCallInfo fcinfo, int arg, const char *name)
{
	if (PG_ARGISNULL(arg))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", name)));
	return PG_GETARG_INT32(arg);
}

/*
 * The kind, parameters and method of a row: the state takes them from
 * its first row, and every later one must agree.
 */
static void
agree(RankSummary *s, RankKind kind, int32 k, int32 scale_max, RankMethod method)
{
	if (s->kind == RANK_NONE)
	{
		if (rank_summary_init(s, kind, s->capacity, k, scale_max) != RANK_OK)
			elog(ERROR, "cannot type an empty league_summary state");
		s->method = (uint8) method;
		return;
	}
	if (s->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot add %s groups to a league_summary of %s groups",
						league_kind_name(kind), league_kind_name(s->kind))));
	if (s->param[0] != k || s->param[1] != scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top-%d box of 1..%d differs from the top-%d box of 1..%d of the groups before",
						(int) k, (int) scale_max, (int) s->param[0], (int) s->param[1]),
				 errdetail("k and scale_max are the same for every group of a league.")));
	if (s->method != method)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("method %s differs from the method %s of the groups before",
						league_method_name(method), league_method_name(s->method)),
				 errdetail("A prior is fitted by one method: it is the same for every group.")));
}

/*
 * One row: arguments (state, summary[, k, scale_max][, method]), the
 * parameters' places given by the kind and the number of arguments; sign
 * 1 adds the row's group, -1 removes it.
 */
static Datum
league_step(FunctionCallInfo fcinfo, RankKind kind, bool weighted, int sign)
{
	int			nargs = PG_NARGS();
	int32		k = 0,
				scale_max = 0;
	RankMethod	method = 0;
	int			method_arg = kind == RANK_SHARE ? 4 : 2;
	RankSummary *s;
	double		v[RANK_MAX_CATEGORIES] = {0.0, 0.0, 0.0};
	RankStatus	status;

	if (kind == RANK_SHARE)
	{
		k = nargs > 3 ? required_int(fcinfo, 2, "k") : SHARE_DEFAULT_K;
		scale_max = nargs > 3 ? required_int(fcinfo, 3, "scale_max") : SHARE_DEFAULT_SCALE;
		league_require_share(k, scale_max);
	}
	if (nargs > method_arg)
	{
		if (PG_ARGISNULL(method_arg))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("method must not be NULL")));
		method = league_method(PG_GETARG_TEXT_PP(method_arg), kind);
	}
	if (PG_ARGISNULL(0))
		s = league_new(0);		/* called as a plain function with no state */
	else
	{
		if (PG_ARGISNULL(1))
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		s = (RankSummary *) summary_state(fcinfo, &league_summary_type);
	}
	if (PG_ARGISNULL(1))
		return league_step_result(fcinfo, s);
	agree(s, kind, k, scale_max, method);

	if (kind == RANK_NPS)
		league_read_nps(PG_GETARG_DATUM(1), weighted, v);
	else if (kind == RANK_SHARE)
		league_read_share(PG_GETARG_DATUM(1), weighted, k, scale_max, v);
	else
		league_read_mean(PG_GETARG_DATUM(1), weighted, &v[0], &v[1], &v[2]);

	if (sign < 0)
	{
		/* the group as a summary of its own (room for its runs twice), whose runs leave the state */
		double		buffer[(RANK_SUMMARY_SIZE(2 * (RANK_MAX_CATEGORIES + 2) + 16) +
							sizeof(double) - 1) / sizeof(double)];
		RankSummary *group = (RankSummary *) buffer;

		rank_summary_init(group, kind, 2 * (RANK_MAX_CATEGORIES + 2) + 16, k, scale_max);
		group->method = (uint8) method;
		status = kind == RANK_MEAN ? rank_summary_add_mean(group, v[0], v[1], v[2])
			: rank_summary_add_counts(group, v);
		if (status == RANK_OK)
		{
			rank_summary_compact(group);
			status = rank_summary_remove(s, group);
		}
		if (status == RANK_BAD_VALUE)
			elog(ERROR, "a group leaves a window frame of a league it never entered");
		if (status != RANK_OK)
			league_report(status, s, group);
		return league_step_result(fcinfo, s);
	}
	for (int attempt = 0;; attempt++)
	{
		status = kind == RANK_MEAN ? rank_summary_add_mean(s, v[0], v[1], v[2])
			: rank_summary_add_counts(s, v);
		if (status != RANK_NEED_ROOM || attempt > 0)
			break;
		s = league_grow(s, 0);
	}
	if (status != RANK_OK)
		league_report(status, s, NULL);
	return league_step_result(fcinfo, s);
}

#define LEAGUE_STEPS(kind_name, kind) \
Datum \
league_##kind_name##_accum(PG_FUNCTION_ARGS) \
{ \
	return league_step(fcinfo, kind, false, 1); \
} \
Datum \
league_##kind_name##_accum_weighted(PG_FUNCTION_ARGS) \
{ \
	return league_step(fcinfo, kind, true, 1); \
} \
Datum \
league_##kind_name##_retract(PG_FUNCTION_ARGS) \
{ \
	return league_step(fcinfo, kind, false, -1); \
} \
Datum \
league_##kind_name##_retract_weighted(PG_FUNCTION_ARGS) \
{ \
	return league_step(fcinfo, kind, true, -1); \
}

LEAGUE_STEPS(nps, RANK_NPS)
LEAGUE_STEPS(share, RANK_SHARE)
LEAGUE_STEPS(mean, RANK_MEAN)
