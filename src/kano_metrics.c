/*
 * kano_metrics.c
 *	  Kano classification per respondent, and per-feature results read from
 *	  a kano_summary (also the final functions of the one-step aggregates).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "kano_answer.h"
#include "kano_model.h"
#include "kano_summary.h"
#include "result_types.h"

PG_FUNCTION_INFO_V1(kano_category_int4);
PG_FUNCTION_INFO_V1(kano_category_text);
PG_FUNCTION_INFO_V1(kano_class_code);
PG_FUNCTION_INFO_V1(kano_summary_result);
PG_FUNCTION_INFO_V1(kano_summary_result_final);
PG_FUNCTION_INFO_V1(kano_summary_category);
PG_FUNCTION_INFO_V1(kano_summary_category_final);
PG_FUNCTION_INFO_V1(kano_summary_better);
PG_FUNCTION_INFO_V1(kano_summary_worse);
PG_FUNCTION_INFO_V1(kano_summary_count);
PG_FUNCTION_INFO_V1(kano_summary_pair_count);

/*
 * Returning kano_class, or a row holding it, whoever calls.
 *
 * An enum value is the OID of its pg_enum row, so making one needs the
 * enum's type.  get_fn_expr_rettype() reads that from the calling
 * expression, which not every caller builds: Citus's coord_combine_agg calls
 * an aggregate's final function through a bare fmgr_info() (no fn_expr), and
 * DirectFunctionCall passes no FmgrInfo at all.  get_fn_expr_rettype() then
 * returns 0 and enum_in fails with "cache lookup failed for type 0".
 *
 * So the type comes from what the call has:
 *	 - fn_expr, when there is one (no catalog access);
 *	 - else the function's declared return type, from pg_proc by fn_oid;
 *	 - else, with no FmgrInfo, the type of that name in csm's schema.
 * With an FmgrInfo the type and the values already made stay in fn_extra,
 * so a caller that keeps its FmgrInfo (the executor does, for every row)
 * looks each label up once.
 */
typedef struct KanoClassCache
{
	Oid			enumtype;
	Datum		value[KANO_NCLASSES];	/* 0 (no enum value has OID 0) until made */
} KanoClassCache;

/*
 * The kano_class value of class k.  enumtype is the enum's type when the
 * caller knows it (from a row type), else InvalidOid: the function returns
 * the enum itself, and its type is resolved as described above.
 */
static Datum
class_datum(FunctionCallInfo fcinfo, Oid enumtype, KanoClass k)
{
	FmgrInfo   *flinfo = fcinfo->flinfo;
	KanoClassCache *cache;

	if (flinfo == NULL)
	{
		if (!OidIsValid(enumtype))
			enumtype = csm_type_oid("kano_class");
		return DirectFunctionCall2(enum_in, CStringGetDatum(kano_class_labels[k]),
								   ObjectIdGetDatum(enumtype));
	}

	cache = (KanoClassCache *) flinfo->fn_extra;
	if (cache == NULL || (OidIsValid(enumtype) && cache->enumtype != enumtype))
	{
		if (!OidIsValid(enumtype))
			enumtype = get_fn_expr_rettype(flinfo);
		if (!OidIsValid(enumtype))
			enumtype = get_func_rettype(flinfo->fn_oid);
		if (cache == NULL)
			cache = MemoryContextAlloc(flinfo->fn_mcxt, sizeof(KanoClassCache));
		memset(cache, 0, sizeof(KanoClassCache));
		cache->enumtype = enumtype;
		flinfo->fn_extra = cache;
	}
	if (cache->value[k] == (Datum) 0)
		cache->value[k] = DirectFunctionCall2(enum_in, CStringGetDatum(kano_class_labels[k]),
											  ObjectIdGetDatum(cache->enumtype));
	return cache->value[k];
}

static KanoClass
class_of_datum(Datum d)
{
	char	   *label = DatumGetCString(DirectFunctionCall1(enum_out, d));

	for (int k = 0; k < KANO_NCLASSES; k++)
		if (strcmp(label, kano_class_labels[k]) == 0)
			return (KanoClass) k;
	elog(ERROR, "unknown kano_class label \"%s\"", label);
	pg_unreachable();
}

Datum
kano_category_int4(PG_FUNCTION_ARGS)
{
	int			f = kano_answer_from_int(PG_GETARG_INT32(0), "functional");
	int			d = kano_answer_from_int(PG_GETARG_INT32(1), "dysfunctional");

	PG_RETURN_DATUM(class_datum(fcinfo, InvalidOid, kano_classify(f, d)));
}

Datum
kano_category_text(PG_FUNCTION_ARGS)
{
	int			f = kano_answer_from_text(PG_GETARG_TEXT_PP(0), "functional");
	int			d = kano_answer_from_text(PG_GETARG_TEXT_PP(1), "dysfunctional");

	PG_RETURN_DATUM(class_datum(fcinfo, InvalidOid, kano_classify(f, d)));
}

Datum
kano_class_code(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(kano_class_codes[class_of_datum(PG_GETARG_DATUM(0))]));
}

static double
require_threshold(double threshold)
{
	if (!(threshold >= 0.0 && threshold <= 100.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("category-strength threshold %g is out of range", threshold),
				 errdetail("The threshold is in percentage points, from 0 (only exact ties) to 100.")));
	return threshold;
}

/*
 * kano_result: (category, a, o, m, i, r, q, n, better, worse, total_strength,
 * category_strength, fong_difference, fong_critical, fong_significant,
 * functional_score, dysfunctional_score)
 */
static Datum
result_datum(FunctionCallInfo fcinfo, const KanoSummary *s, double threshold)
{
	static const KanoClass field_order[6] = {
		KANO_ATTRACTIVE, KANO_ONE_DIMENSIONAL, KANO_MUST_BE, KANO_INDIFFERENT,
		KANO_REVERSE, KANO_QUESTIONABLE
	};
	TupleDesc	tupdesc;
	KanoResult	r;
	Datum		v[17];
	bool		nulls[17] = {false};

	tupdesc = csm_result_tupdesc(fcinfo, "kano_result");
	kano_evaluate(&s->counts, threshold, &r);

	v[0] = class_datum(fcinfo, TupleDescAttr(tupdesc, 0)->atttypid, (KanoClass) r.category);
	for (int k = 0; k < 6; k++)
		v[1 + k] = Int64GetDatum(r.count[field_order[k]]);
	v[7] = Int64GetDatum(r.n);
	v[8] = Float8GetDatum(r.better);
	v[9] = Float8GetDatum(r.worse);
	nulls[8] = nulls[9] = !r.has_coefficients;
	v[10] = Float8GetDatum(r.total_strength);
	v[11] = Float8GetDatum(r.category_strength);
	v[12] = Int64GetDatum(r.fong_difference);
	v[13] = Float8GetDatum(r.fong_critical);
	v[14] = BoolGetDatum(r.fong_significant);
	v[15] = Float8GetDatum(r.functional_score);
	v[16] = Float8GetDatum(r.dysfunctional_score);
	nulls[15] = nulls[16] = !r.has_coefficients;
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, v, nulls));
}

Datum
kano_summary_result(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_WIDE(0);
	double		threshold = require_threshold(PG_GETARG_FLOAT8(1));

	if (s->counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result_datum(fcinfo, s, threshold));
}

Datum
kano_summary_result_final(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_WIDE(0);

	if (s->counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result_datum(fcinfo, s, 0.0));
}

static Datum
category(FunctionCallInfo fcinfo, const KanoSummary *s, double threshold)
{
	KanoResult	r;

	kano_evaluate(&s->counts, threshold, &r);
	return class_datum(fcinfo, InvalidOid, (KanoClass) r.category);
}

Datum
kano_summary_category(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_WIDE(0);
	double		threshold = require_threshold(PG_GETARG_FLOAT8(1));

	if (s->counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(category(fcinfo, s, threshold));
}

Datum
kano_summary_category_final(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_WIDE(0);

	if (s->counts.n == 0)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(category(fcinfo, s, 0.0));
}

Datum
kano_summary_better(PG_FUNCTION_ARGS)
{
	KanoResult	r;

	kano_evaluate(&PG_GETARG_KANO_SUMMARY_WIDE(0)->counts, 0.0, &r);
	if (!r.has_coefficients)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r.better);
}

Datum
kano_summary_worse(PG_FUNCTION_ARGS)
{
	KanoResult	r;

	kano_evaluate(&PG_GETARG_KANO_SUMMARY_WIDE(0)->counts, 0.0, &r);
	if (!r.has_coefficients)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r.worse);
}

Datum
kano_summary_count(PG_FUNCTION_ARGS)
{
	KanoResult	r;
	KanoClass	k = class_of_datum(PG_GETARG_DATUM(1));

	kano_evaluate(&PG_GETARG_KANO_SUMMARY_WIDE(0)->counts, 0.0, &r);
	PG_RETURN_INT64(r.count[k]);
}

/* Answer pairs with this functional and dysfunctional answer. */
Datum
kano_summary_pair_count(PG_FUNCTION_ARGS)
{
	KanoSummary *s = PG_GETARG_KANO_SUMMARY_WIDE(0);
	int			f = kano_answer_from_int(PG_GETARG_INT32(1), "functional");
	int			d = kano_answer_from_int(PG_GETARG_INT32(2), "dysfunctional");

	PG_RETURN_INT64(s->counts.cells[KANO_CELL(f, d)]);
}
