/*
 * ranking_metrics.c
 *	  Fair league tables (docs/metrics.md §12): the priors fitted from a
 *	  league_summary (the final functions of nps_prior, share_prior and
 *	  mean_prior, and the same fits of a stored league_summary), each
 *	  group's shrunk estimate, and funnel limits.  The maths is
 *	  ranking_fit.c's and ranking_posterior.c's; this file reads the SQL
 *	  values, checks them and builds the rows.
 *
 * A prior passed back (a dirichlet_prior, beta_prior or normal_prior read
 * from a table) is checked field by field at use, 22023 naming the field
 * (docs/guarantees.md); only what the posteriors and funnels read is
 * checked, and read: its kind's parameters, full_pooling, target,
 * variance, phi, funnel_tau2, and the method.  The counts of groups,
 * converged, overdispersion and prior_mean are for reading.
 *
 * Per-row calls (a league table of many groups) keep what does not change
 * from row to row in fn_extra: the result row type, the last prior read
 * and checked (compared byte for byte), the last target summary.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "inference.h"
#include "inference_args.h"
#include "ranking_fit.h"
#include "ranking_posterior.h"
#include "ranking_summary.h"
#include "result_types.h"

PG_FUNCTION_INFO_V1(league_nps_prior);
PG_FUNCTION_INFO_V1(league_share_prior);
PG_FUNCTION_INFO_V1(league_mean_prior);
PG_FUNCTION_INFO_V1(league_nps_prior_final);
PG_FUNCTION_INFO_V1(league_share_prior_final);
PG_FUNCTION_INFO_V1(league_mean_prior_final);
PG_FUNCTION_INFO_V1(rating_summary_nps_shrunk);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_shrunk);
PG_FUNCTION_INFO_V1(rating_summary_share_shrunk);
PG_FUNCTION_INFO_V1(weighted_rating_summary_share_shrunk);
PG_FUNCTION_INFO_V1(rating_summary_mean_shrunk);
PG_FUNCTION_INFO_V1(weighted_rating_summary_mean_shrunk);
PG_FUNCTION_INFO_V1(rating_summary_nps_shrunk_estimate);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_shrunk_estimate);
PG_FUNCTION_INFO_V1(rating_summary_share_shrunk_estimate);
PG_FUNCTION_INFO_V1(weighted_rating_summary_share_shrunk_estimate);
PG_FUNCTION_INFO_V1(rating_summary_mean_shrunk_estimate);
PG_FUNCTION_INFO_V1(weighted_rating_summary_mean_shrunk_estimate);
PG_FUNCTION_INFO_V1(rating_summary_nps_funnel_prior);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_funnel_prior);
PG_FUNCTION_INFO_V1(rating_summary_share_funnel_prior);
PG_FUNCTION_INFO_V1(weighted_rating_summary_share_funnel_prior);
PG_FUNCTION_INFO_V1(rating_summary_mean_funnel_prior);
PG_FUNCTION_INFO_V1(weighted_rating_summary_mean_funnel_prior);
PG_FUNCTION_INFO_V1(rating_summary_nps_funnel_summary);
PG_FUNCTION_INFO_V1(weighted_rating_summary_nps_funnel_summary);
PG_FUNCTION_INFO_V1(rating_summary_share_funnel_summary);
PG_FUNCTION_INFO_V1(weighted_rating_summary_share_funnel_summary);
PG_FUNCTION_INFO_V1(rating_summary_mean_funnel_summary);
PG_FUNCTION_INFO_V1(weighted_rating_summary_mean_funnel_summary);
PG_FUNCTION_INFO_V1(rating_summary_share_funnel_value);
PG_FUNCTION_INFO_V1(weighted_rating_summary_share_funnel_value);

/* The composite types, by kind. */
static const char *const prior_type[] = {NULL, "dirichlet_prior", "beta_prior", "normal_prior"};

#define SHRUNK_TYPE		"shrunk_estimate"
#define FUNNEL_TYPE		"funnel_limits"

/* ---- what a per-row function keeps between rows ---------------------------------- */

typedef struct RankCall
{
	TupleDesc	result;			/* the row type returned, once known */
	Size		prior_len;		/* the last prior read: its bytes, */
	char	   *prior_bytes;
	RankPrior	prior;			/* and what they say, checked; */
	int			k;				/* a beta prior's k and scale_max */
	int			scale_max;
	Size		target_len;		/* the last target summary: its bytes, */
	char	   *target_bytes;
	int			target_k;		/* the k and scale_max it was read with */
	int			target_scale_max;
	double		target;			/* its value and per-answer variance */
	double		variance;
} RankCall;

static RankCall *
rank_call(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo == NULL)
		return palloc0(sizeof(RankCall));
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(RankCall));
	return (RankCall *) fcinfo->flinfo->fn_extra;
}

/* A row of type typname, its descriptor kept for the next call. */
static Datum
rank_row(FunctionCallInfo fcinfo, RankCall *call, const char *typname, Datum *values,
		 bool *nulls)
{
	if (call->result == NULL)
	{
		TupleDesc	desc = csm_result_tupdesc(fcinfo, typname);

		if (fcinfo->flinfo != NULL)
		{
			MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

			desc = CreateTupleDescCopy(desc);
			MemoryContextSwitchTo(old);
		}
		call->result = desc;
	}
	return HeapTupleGetDatum(heap_form_tuple(call->result, values, nulls));
}

/* Whether bytes equal a kept copy. */
static bool
same_bytes(const void *bytes, Size len, const char *kept, Size kept_len)
{
	return kept != NULL && kept_len == len && memcmp(kept, bytes, len) == 0;
}

/*
 * Keeps a copy of bytes (in fn_mcxt) as what the call's cache was read
 * from: only after reading them succeeded, so that a value that failed its
 * checks is checked again.
 */
static void
keep_bytes(FunctionCallInfo fcinfo, const void *bytes, Size len, char **kept, Size *kept_len)
{
	if (*kept != NULL && fcinfo->flinfo != NULL)
		pfree(*kept);
	*kept = NULL;
	if (fcinfo->flinfo == NULL)
		return;
	*kept = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, len);
	memcpy(*kept, bytes, len);
	*kept_len = len;
}

/* ---- priors: fitted, and as rows ----------------------------------------------------- */

static Datum
prior_row(FunctionCallInfo fcinfo, const RankPrior *p, const RankSummary *s)
{
	Datum		values[15];
	bool		nulls[15] = {false};
	int			i = 0;

	if (p->kind == RANK_NPS)
	{
		values[i++] = Float8GetDatum(p->alpha[RANK_PROMOTERS]);
		values[i++] = Float8GetDatum(p->alpha[RANK_PASSIVES]);
		values[i++] = Float8GetDatum(p->alpha[RANK_DETRACTORS]);
		values[i++] = Float8GetDatum(100.0 * (p->prior_mean[RANK_PROMOTERS] -
											  p->prior_mean[RANK_DETRACTORS]));
	}
	else if (p->kind == RANK_SHARE)
	{
		values[i++] = Float8GetDatum(p->alpha[RANK_SUCCESSES]);
		values[i++] = Float8GetDatum(p->alpha[RANK_FAILURES]);
		values[i++] = Int32GetDatum(s->param[0]);
		values[i++] = Int32GetDatum(s->param[1]);
		values[i++] = Float8GetDatum(100.0 * p->prior_mean[RANK_SUCCESSES]);
	}
	else
	{
		values[i++] = Float8GetDatum(p->mean);
		values[i++] = Float8GetDatum(p->tau2);
	}
	values[i++] = Int64GetDatum(p->groups);
	values[i++] = Int64GetDatum(p->empty_groups);
	values[i++] = CStringGetTextDatum(league_method_name(p->method));
	values[i++] = BoolGetDatum(p->converged);
	values[i++] = BoolGetDatum(p->full_pooling);
	values[i++] = Float8GetDatum(p->overdispersion);
	values[i++] = Float8GetDatum(p->target);
	values[i++] = Float8GetDatum(p->variance);
	values[i++] = Float8GetDatum(p->phi);
	values[i++] = Float8GetDatum(p->funnel_tau2);
	return csm_result_row(fcinfo, prior_type[p->kind], values, nulls);
}

/* The default method of a kind: MLE for counts, DerSimonian-Laird moments for means. */
static RankMethod
default_method(RankKind kind)
{
	return kind == RANK_MEAN ? RANK_MOMENTS : RANK_MLE;
}

/* The prior of a compacted summary of the kind, or NULL (no group with answers). */
static Datum
fit_prior(FunctionCallInfo fcinfo, const RankSummary *s, RankKind kind, RankMethod method)
{
	RankPrior	prior;
	RankStatus	status;

	if (s->kind == RANK_NONE)
		PG_RETURN_NULL();
	if (s->kind != kind)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot fit a %s prior to a league_summary of %s groups",
						league_kind_name(kind), league_kind_name(s->kind)),
				 errhint("Build the league with %s_league(), or fit it with %s_prior().",
						 league_kind_name(kind), league_kind_name(s->kind))));
	status = rank_fit(s, method, &prior);
	if (status == RANK_NO_GROUPS)
		PG_RETURN_NULL();
	if (status != RANK_OK)
		league_report(status, s, NULL);
	return prior_row(fcinfo, &prior, s);
}

/* nps_prior(league_summary, method) and its kin: a stored league, its method given. */
static Datum
prior_of_league(FunctionCallInfo fcinfo, RankKind kind)
{
	RankSummary *s = PG_GETARG_LEAGUE_P(0);
	RankMethod	method = league_method(PG_GETARG_TEXT_PP(1), kind);

	league_verify(s);
	if (s->nsorted != s->nruns)
		s = league_value(s);
	return fit_prior(fcinfo, s, kind, method);
}

Datum
league_nps_prior(PG_FUNCTION_ARGS)
{
	return prior_of_league(fcinfo, RANK_NPS);
}

Datum
league_share_prior(PG_FUNCTION_ARGS)
{
	return prior_of_league(fcinfo, RANK_SHARE);
}

Datum
league_mean_prior(PG_FUNCTION_ARGS)
{
	return prior_of_league(fcinfo, RANK_MEAN);
}

/*
 * Final functions of the prior aggregates: the state's method, or the
 * kind's default.  The state is compacted first (league_compacted()), so
 * that the fit does not depend on the order of the groups.
 */
static Datum
prior_final(FunctionCallInfo fcinfo, RankKind kind)
{
	RankSummary *s = league_compacted(fcinfo, PG_GETARG_LEAGUE_P(0));

	return fit_prior(fcinfo, s, kind, s->method != 0 ? (RankMethod) s->method
					 : default_method(kind));
}

Datum
league_nps_prior_final(PG_FUNCTION_ARGS)
{
	return prior_final(fcinfo, RANK_NPS);
}

Datum
league_share_prior_final(PG_FUNCTION_ARGS)
{
	return prior_final(fcinfo, RANK_SHARE);
}

Datum
league_mean_prior_final(PG_FUNCTION_ARGS)
{
	return prior_final(fcinfo, RANK_MEAN);
}

/* ---- priors passed back ------------------------------------------------------------- */

pg_noreturn static void
bad_field(const char *type, const char *field, const char *value, const char *rule)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s field %s is %s, out of its domain", type, field, value),
			 errdetail("%s", rule)));
}

typedef struct PriorTuple
{
	HeapTupleHeader tuple;
	TupleDesc	desc;
	const char *type;
} PriorTuple;

/* A field of the row by name: its value, NULL an error. */
static Datum
field(const PriorTuple *t, const char *name)
{
	for (int i = 0; i < t->desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(t->desc, i);
		bool		isnull;
		Datum		d;

		if (att->attisdropped || strcmp(NameStr(att->attname), name) != 0)
			continue;
		d = GetAttributeByNum(t->tuple, att->attnum, &isnull);
		if (isnull)
			bad_field(t->type, name, "NULL",
					  "The posteriors and funnels read it: a prior as nps_prior(), share_prior() or mean_prior() returns it has it.");
		return d;
	}
	elog(ERROR, "type %s has no field %s", t->type, name);
	pg_unreachable();
}

/* A double field: finite and in [lo, hi] (infinite allowed when inf_ok). */
static double
real_field(const PriorTuple *t, const char *name, double lo, double hi, bool inf_ok,
		   const char *rule)
{
	double		v = DatumGetFloat8(field(t, name));

	if (isnan(v) || (!inf_ok && isinf(v)) || v < lo || v > hi)
		bad_field(t->type, name, float8out_internal(v), rule);
	return v;
}

/*
 * The prior a row holds, checked.  Dirichlet and beta: each alpha finite
 * and >= 0 (0 for a category no group had, all 0 for no pooling), or, on
 * full pooling, +Infinity for the categories the groups had and 0 for the
 * others; normal: tau2 >= 0 (+Infinity: no pooling), full pooling exactly
 * when tau2 = 0.
 */
static void
read_prior(HeapTupleHeader tuple, RankKind kind, RankPrior *p, int *share_k, int *share_scale_max)
{
	PriorTuple	t;
	Oid			typid = HeapTupleHeaderGetTypeId(tuple);
	int32		typmod = HeapTupleHeaderGetTypMod(tuple);
	static const char *const alpha_names[3][3] = {
		{NULL, NULL, NULL},
		{"alpha_promoter", "alpha_passive", "alpha_detractor"},
		{"alpha", "beta", NULL},
	};
	char	   *method;
	const char *alpha_rule = "Each alpha is finite and at least 0 (0 for a category no group has); on full pooling each is Infinity or 0, and at least one is Infinity.";
	double		big = kind == RANK_NPS ? 1e4 : 2500.0;

	t.tuple = tuple;
	t.desc = lookup_rowtype_tupdesc(typid, typmod);
	t.type = prior_type[kind];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->ncat = kind == RANK_NPS ? 3 : kind == RANK_SHARE ? 2 : 0;
	method = TextDatumGetCString(field(&t, "method"));
	if (strcmp(method, "mle") == 0)
		p->method = RANK_MLE;
	else if (strcmp(method, "moments") == 0)
		p->method = RANK_MOMENTS;
	else if (kind == RANK_MEAN && strcmp(method, "james-stein") == 0)
		p->method = RANK_JAMES_STEIN;
	else
		bad_field(t.type, "method", psprintf("'%s'", method),
				  kind == RANK_MEAN ? "A normal prior's method is moments, mle or james-stein."
				  : "The method is mle or moments.");
	p->full_pooling = DatumGetBool(field(&t, "full_pooling"));
	if (kind == RANK_MEAN)
	{
		p->mean = real_field(&t, "mean", -HUGE_VAL, HUGE_VAL, false,
							 "The prior mean is a finite number.");
		p->tau2 = real_field(&t, "tau2", 0.0, HUGE_VAL, true,
							 "tau2 is at least 0; Infinity means no pooling.");
		if (p->full_pooling != (p->tau2 == 0.0))
			bad_field(t.type, "full_pooling", p->full_pooling ? "true" : "false",
					  "full_pooling is true exactly when tau2 is 0.");
		p->target = real_field(&t, "target", -HUGE_VAL, HUGE_VAL, false,
							   "The target is a finite number.");
		p->variance = real_field(&t, "variance", 0.0, HUGE_VAL, false,
								 "The variance per answer is finite and at least 0.");
	}
	else
	{
		bool		some_infinite = false;

		for (int k = 0; k < p->ncat; k++)
		{
			double		a = real_field(&t, alpha_names[kind][k], 0.0, HUGE_VAL, true, alpha_rule);

			if (p->full_pooling ? (a != 0.0 && !isinf(a)) : isinf(a))
				bad_field(t.type, alpha_names[kind][k], float8out_internal(a), alpha_rule);
			some_infinite |= isinf(a);
			p->alpha[k] = a;
			p->alpha0 += a;
		}
		if (p->full_pooling && !some_infinite)
			bad_field(t.type, "full_pooling", "true", alpha_rule);
		p->target = real_field(&t, "target", kind == RANK_NPS ? -100.0 : 0.0, 100.0, false,
							   kind == RANK_NPS ? "The target is an NPS in points, -100 to 100."
							   : "The target is a share in percent, 0 to 100.");
		p->variance = real_field(&t, "variance", 0.0, big, false,
								 kind == RANK_NPS ? "The variance per answer is at least 0 and at most 10000 points^2."
								 : "The variance per answer is at least 0 and at most 2500 %^2.");
		if (kind == RANK_SHARE)
		{
			int32		k = DatumGetInt32(field(&t, "k")),
						scale_max = DatumGetInt32(field(&t, "scale_max"));

			if (scale_max < 2 || scale_max > LEAGUE_RATING_MAX)
				bad_field(t.type, "scale_max", psprintf("%d", scale_max),
						  "A share counts the k highest points of a 1..scale_max scale, scale_max from 2 to 10.");
			if (k < 1 || k >= scale_max)
				bad_field(t.type, "k", psprintf("%d", k),
						  "A share counts the k highest points of a 1..scale_max scale, k from 1 to scale_max - 1.");
			*share_k = k;
			*share_scale_max = scale_max;
		}
	}
	p->phi = real_field(&t, "phi", 0.0, HUGE_VAL, false, "phi is finite and at least 0.");
	p->funnel_tau2 = real_field(&t, "funnel_tau2", 0.0, HUGE_VAL, false,
								"funnel_tau2 is finite and at least 0.");
	ReleaseTupleDesc(t.desc);
}

/* The prior of argument arg, read and checked once per distinct value. */
static const RankPrior *
prior_arg(FunctionCallInfo fcinfo, RankCall *call, int arg, RankKind kind)
{
	HeapTupleHeader tuple = PG_GETARG_HEAPTUPLEHEADER(arg);
	Size		len = HeapTupleHeaderGetDatumLength(tuple);
	RankPrior	prior;
	int			k = 0,
				scale_max = 0;

	if (same_bytes(tuple, len, call->prior_bytes, call->prior_len))
		return &call->prior;
	read_prior(tuple, kind, &prior, &k, &scale_max);
	call->prior = prior;
	call->k = k;
	call->scale_max = scale_max;
	keep_bytes(fcinfo, tuple, len, &call->prior_bytes, &call->prior_len);
	return &call->prior;
}

/* ---- shrunk estimates ---------------------------------------------------------------- */

/*
 * The posterior of one group: status RANK_NO_DATA when there is nothing
 * to estimate (no answers and a prior that says nothing).
 */
static RankStatus
posterior(FunctionCallInfo fcinfo, const RankCall *call, bool weighted, double level,
		  RankPosterior *post)
{
	const RankPrior *p = &call->prior;
	double		v[RANK_MAX_CATEGORIES] = {0.0, 0.0, 0.0};

	if (p->kind == RANK_NPS)
	{
		league_read_nps(PG_GETARG_DATUM(0), weighted, v);
		return rank_nps_posterior(p, v, level, post);
	}
	if (p->kind == RANK_SHARE)
	{
		league_read_share(PG_GETARG_DATUM(0), weighted, call->k, call->scale_max, v);
		return rank_share_posterior(p, v, level, post);
	}
	league_read_mean(PG_GETARG_DATUM(0), weighted, &v[0], &v[1], &v[2]);
	return rank_mean_posterior(p, v[0], v[1], level, post);
}

static Datum
shrunk(FunctionCallInfo fcinfo, RankKind kind, bool weighted)
{
	RankCall   *call = rank_call(fcinfo);
	double		level = PG_GETARG_FLOAT8(2);
	RankPosterior post;
	RankStatus	status;
	Datum		values[5];
	bool		nulls[5] = {false};

	(void) prior_arg(fcinfo, call, 1, kind);
	(void) inference_level(level);
	status = posterior(fcinfo, call, weighted, level, &post);
	if (status == RANK_NO_DATA)
		PG_RETURN_NULL();
	if (status != RANK_OK)
		league_report(status, NULL, NULL);
	values[0] = Float8GetDatum(post.estimate);
	values[1] = Float8GetDatum(post.sd);
	values[2] = Float8GetDatum(post.lower);
	values[3] = Float8GetDatum(post.upper);
	values[4] = Float8GetDatum(level);
	return rank_row(fcinfo, call, SHRUNK_TYPE, values, nulls);
}

/*
 * The estimate alone: the posterior mean, without the credible interval's
 * quantiles, for league tables of many groups.
 */
static Datum
shrunk_estimate(FunctionCallInfo fcinfo, RankKind kind, bool weighted)
{
	RankCall   *call = rank_call(fcinfo);
	const RankPrior *p = prior_arg(fcinfo, call, 1, kind);
	double		v[RANK_MAX_CATEGORIES] = {0.0, 0.0, 0.0},
				group[RANK_MAX_CATEGORIES],
				estimate;
	RankStatus	status;

	if (kind == RANK_NPS)
		league_read_nps(PG_GETARG_DATUM(0), weighted, group);
	else if (kind == RANK_SHARE)
		league_read_share(PG_GETARG_DATUM(0), weighted, call->k, call->scale_max, group);
	else
	{
		league_read_mean(PG_GETARG_DATUM(0), weighted, &v[0], &v[1], &v[2]);
		group[0] = v[0];
		group[1] = v[1];
	}
	status = rank_posterior_mean(p, group, &estimate);
	if (status == RANK_NO_DATA)
		PG_RETURN_NULL();
	if (status != RANK_OK)
		league_report(status, NULL, NULL);
	PG_RETURN_FLOAT8(estimate);
}

#define RANK_FUNCTIONS(name, body, kind) \
Datum \
rating_summary_##name(PG_FUNCTION_ARGS) \
{ \
	return body(fcinfo, kind, false); \
} \
Datum \
weighted_rating_summary_##name(PG_FUNCTION_ARGS) \
{ \
	return body(fcinfo, kind, true); \
}

RANK_FUNCTIONS(nps_shrunk, shrunk, RANK_NPS)
RANK_FUNCTIONS(share_shrunk, shrunk, RANK_SHARE)
RANK_FUNCTIONS(mean_shrunk, shrunk, RANK_MEAN)
RANK_FUNCTIONS(nps_shrunk_estimate, shrunk_estimate, RANK_NPS)
RANK_FUNCTIONS(share_shrunk_estimate, shrunk_estimate, RANK_SHARE)
RANK_FUNCTIONS(mean_shrunk_estimate, shrunk_estimate, RANK_MEAN)

/* ---- funnels --------------------------------------------------------------------------- */

/* A group's own value in the metric's units and its (effective) n. */
static void
group_value(Datum summary, RankKind kind, bool weighted, int k, int scale_max, double *value,
			double *n)
{
	double		v[RANK_MAX_CATEGORIES] = {0.0, 0.0, 0.0};

	if (kind == RANK_MEAN)
	{
		league_read_mean(summary, weighted, n, &v[0], &v[1]);
		*value = v[0];
		return;
	}
	if (kind == RANK_NPS)
		league_read_nps(summary, weighted, v);
	else
		league_read_share(summary, weighted, k, scale_max, v);
	*n = v[0] + v[1] + v[2];
	if (*n > 0.0)
		*value = 100.0 * (kind == RANK_NPS ? v[RANK_PROMOTERS] - v[RANK_DETRACTORS]
						  : v[RANK_SUCCESSES]) / *n;
	else
		*value = 0.0;
}

static const char *
flag_name(RankFunnelFlag flag)
{
	return flag == RANK_ABOVE ? "above" : flag == RANK_BELOW ? "below" : "within";
}

static Datum
funnel_row(FunctionCallInfo fcinfo, RankCall *call, double value, double n, double level,
		   const RankFunnel *f)
{
	Datum		values[8];
	bool		nulls[8] = {false};

	values[0] = Float8GetDatum(value);
	values[1] = Float8GetDatum(n);
	values[2] = Float8GetDatum(f->target);
	values[3] = Float8GetDatum(f->lower);
	values[4] = Float8GetDatum(f->upper);
	values[5] = Float8GetDatum(f->z);
	values[6] = CStringGetTextDatum(flag_name(f->flag));
	values[7] = Float8GetDatum(level);
	return rank_row(fcinfo, call, FUNNEL_TYPE, values, nulls);
}

/* The ratings' range, to which a mean's limits are clipped. */
#define MEAN_LO		0.0
#define MEAN_HI		10.0

/* Funnel around a prior: (s, prior, level, overdispersion, overdispersion_model). */
static Datum
funnel_prior(FunctionCallInfo fcinfo, RankKind kind, bool weighted)
{
	RankCall   *call = rank_call(fcinfo);
	const RankPrior *p = prior_arg(fcinfo, call, 1, kind);
	double		level = PG_GETARG_FLOAT8(2);
	bool		overdispersion = PG_GETARG_BOOL(3);
	text	   *model = PG_GETARG_TEXT_PP(4);
	const char *m = VARDATA_ANY(model);
	int			len = VARSIZE_ANY_EXHDR(model);
	RankOverdispersion mode;
	int			k = 0,
				scale_max = 0;
	double		value,
				n;
	RankFunnel	f;
	RankStatus	status;

	(void) inference_level(level);
	if (len == 14 && pg_strncasecmp(m, "multiplicative", len) == 0)
		mode = RANK_FUNNEL_MULTIPLICATIVE;
	else if (len == 8 && pg_strncasecmp(m, "additive", len) == 0)
		mode = RANK_FUNNEL_ADDITIVE;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown overdispersion model \"%s\"", text_to_cstring(model)),
				 errhint("Use 'multiplicative' (Spiegelhalter's phi, the default) or 'additive' (a random-effects tau^2).")));
	if (!overdispersion)
		mode = RANK_FUNNEL_PLAIN;
	if (kind == RANK_SHARE)
	{
		k = call->k;
		scale_max = call->scale_max;
	}
	group_value(PG_GETARG_DATUM(0), kind, weighted, k, scale_max, &value, &n);
	if (n == 0.0)
		PG_RETURN_NULL();
	status = rank_prior_funnel(p, value, n, level, mode, MEAN_LO, MEAN_HI, &f);
	if (status != RANK_OK)
		league_report(status, NULL, NULL);
	return funnel_row(fcinfo, call, value, n, level, &f);
}

RANK_FUNCTIONS(nps_funnel_prior, funnel_prior, RANK_NPS)
RANK_FUNCTIONS(share_funnel_prior, funnel_prior, RANK_SHARE)
RANK_FUNCTIONS(mean_funnel_prior, funnel_prior, RANK_MEAN)

/*
 * The target and per-answer variance of an overall summary: NPS and its
 * trinomial variance, a share and p (1 - p), a mean and the variance of
 * the answers about it (divisor n), in the metric's units; weighted
 * shares for a weighted summary.  false when it has no answers.
 */
static bool
summary_target(Datum summary, RankKind kind, bool weighted, int k, int scale_max,
			   double *target, double *variance)
{
	double		v[RANK_MAX_CATEGORIES] = {0.0, 0.0, 0.0},
				n;

	if (kind == RANK_MEAN)
	{
		league_read_mean(summary, weighted, &n, target, variance);
		return n > 0.0;
	}
	if (kind == RANK_NPS)
	{
		NpsCounts	c;

		league_read_nps(summary, weighted, v);
		n = v[0] + v[1] + v[2];
		if (!(n > 0.0))
			return false;
		c.promoters = v[RANK_PROMOTERS];
		c.passives = v[RANK_PASSIVES];
		c.detractors = v[RANK_DETRACTORS];
		*target = 100.0 * (v[RANK_PROMOTERS] - v[RANK_DETRACTORS]) / n;
		*variance = 1e4 * fmax(nps_variance(c), 0.0);
		return true;
	}
	league_read_share(summary, weighted, k, scale_max, v);
	n = v[0] + v[1];
	if (!(n > 0.0))
		return false;
	*target = v[RANK_SUCCESSES] / n;
	*variance = 1e4 * fmax(*target * (1.0 - *target), 0.0);
	*target *= 100.0;
	return true;
}

/*
 * Funnel around an overall summary or a given share: (s, target[, k,
 * scale_max], level), no overdispersion (which needs a prior's phi or
 * tau^2, fitted from every group).
 */
static Datum
funnel_target(FunctionCallInfo fcinfo, RankKind kind, bool weighted, bool given)
{
	RankCall   *call = rank_call(fcinfo);
	int			k = 0,
				scale_max = 0,
				level_arg = kind == RANK_SHARE ? 4 : 2;
	double		level = PG_GETARG_FLOAT8(level_arg),
				value,
				n,
				lo = kind == RANK_NPS ? -100.0 : kind == RANK_SHARE ? 0.0 : MEAN_LO,
				hi = kind == RANK_MEAN ? MEAN_HI : 100.0;
	RankFunnel	f;
	RankStatus	status;

	(void) inference_level(level);
	if (kind == RANK_SHARE)
	{
		k = PG_GETARG_INT32(2);
		scale_max = PG_GETARG_INT32(3);
		league_require_share(k, scale_max);
	}
	if (given)
	{
		double		t = PG_GETARG_FLOAT8(1);

		if (!(t >= 0.0 && t <= 100.0))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("target share %s is out of range", float8out_internal(t)),
					 errdetail("A target share is in percent, from 0 to 100.")));
		call->target = t;
		call->variance = t * (100.0 - t);
	}
	else
	{
		struct varlena *target = PG_DETOAST_DATUM(PG_GETARG_DATUM(1));

		/* a share's target also depends on k and scale_max */
		if (!same_bytes(target, VARSIZE(target), call->target_bytes, call->target_len) ||
			k != call->target_k || scale_max != call->target_scale_max)
		{
			double		t,
						v;

			if (!summary_target(PointerGetDatum(target), kind, weighted, k, scale_max, &t, &v))
				PG_RETURN_NULL();	/* no answers: no target */
			call->target = t;
			call->variance = v;
			call->target_k = k;
			call->target_scale_max = scale_max;
			keep_bytes(fcinfo, target, VARSIZE(target), &call->target_bytes, &call->target_len);
		}
	}
	group_value(PG_GETARG_DATUM(0), kind, weighted, k, scale_max, &value, &n);
	if (n == 0.0)
		PG_RETURN_NULL();
	status = rank_funnel(value, n, call->target, call->variance, level, 1.0, 0.0, lo, hi, &f);
	if (status != RANK_OK)
		league_report(status, NULL, NULL);
	return funnel_row(fcinfo, call, value, n, level, &f);
}

static Datum
funnel_summary(FunctionCallInfo fcinfo, RankKind kind, bool weighted)
{
	return funnel_target(fcinfo, kind, weighted, false);
}

static Datum
funnel_value(FunctionCallInfo fcinfo, RankKind kind, bool weighted)
{
	return funnel_target(fcinfo, kind, weighted, true);
}

RANK_FUNCTIONS(nps_funnel_summary, funnel_summary, RANK_NPS)
RANK_FUNCTIONS(share_funnel_summary, funnel_summary, RANK_SHARE)
RANK_FUNCTIONS(mean_funnel_summary, funnel_summary, RANK_MEAN)
RANK_FUNCTIONS(share_funnel_value, funnel_value, RANK_SHARE)
