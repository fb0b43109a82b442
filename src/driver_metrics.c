/*
 * driver_metrics.c
 *	  What an analyst reads from a driver_summary: key_drivers(), R^2, the
 *	  regression table, the correlation matrix, Cronbach's alpha, counts
 *	  and the jsonb form.  Definitions: docs/metrics.md section 10; the
 *	  maths is driver_model.c's, read from the moments alone.
 *
 * driver_model.c answers degenerate data with a DriverValue that is NULL
 * for a documented reason (driver_model.h's table); here such a value is
 * an SQL NULL.  A DriverStatus other than DRIVER_OK is a request the data
 * cannot change (Shapley over more than 16 attributes, alpha of one item)
 * and becomes an ERROR.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "utils/tuplestore.h"

#include "driver_summary.h"
#include "result_types.h"

PG_FUNCTION_INFO_V1(driver_summary_key_drivers);
PG_FUNCTION_INFO_V1(driver_summary_r2);
PG_FUNCTION_INFO_V1(driver_summary_regression);
PG_FUNCTION_INFO_V1(driver_summary_correlations);
PG_FUNCTION_INFO_V1(driver_summary_alpha);
PG_FUNCTION_INFO_V1(driver_summary_rows);
PG_FUNCTION_INFO_V1(driver_summary_skipped);
PG_FUNCTION_INFO_V1(driver_summary_attributes);
PG_FUNCTION_INFO_V1(driver_summary_to_jsonb);

/* A DriverValue as a Datum: NULL for every reason driver_model.h gives. */
static inline void
put_value(DriverValue v, Datum *value, bool *isnull)
{
	*isnull = v.null != DRIVER_DEFINED;
	*value = Float8GetDatum(*isnull ? 0.0 : v.value);
}

/* A status other than DRIVER_OK: an error. */
static void
check_status(DriverStatus status, int p)
{
	switch (status)
	{
		case DRIVER_OK:
			return;
		case DRIVER_TOO_MANY_ATTRIBUTES:
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("Shapley decomposition of %d attributes exceeds the limit of %d",
							p, DRIVER_SHAPLEY_MAX_ATTRIBUTES),
					 errdetail("The exact Shapley (LMG) value fits a regression on each of the 2^p subsets of the attributes."),
					 errhint("Use method 'relative_weights' (Johnson's relative weights), which takes up to %d attributes and agrees closely with Shapley.",
							 DRIVER_MAX_ATTRIBUTES)));
			break;
		case DRIVER_TOO_FEW_ITEMS:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("Cronbach's alpha needs at least 2 attributes, not %d", p),
					 errdetail("Alpha is the reliability of a scale of at least 2 items.")));
			break;
		default:
			elog(ERROR, "key-driver analysis failed: %s", driver_status_message(status));
	}
}

/* The argument's summary, or NULL when the argument is NULL. */
static DriverSummary *
summary_arg(FunctionCallInfo fcinfo, int n)
{
	return PG_ARGISNULL(n) ? NULL : PG_GETARG_DRIVER_SUMMARY_P(n);
}

/*
 * The attributes' names: from names (argument n) when given, each NULL
 * element and every name without names being the position as text.
 */
static char **
attribute_names(FunctionCallInfo fcinfo, int n, int p)
{
	char	  **out = palloc(sizeof(char *) * Max(p, 1));
	Datum	   *elems = NULL;
	bool	   *nulls = NULL;

	if (!PG_ARGISNULL(n))
	{
		ArrayType  *names = PG_GETARG_ARRAYTYPE_P(n);
		int			count = ARR_NDIM(names) == 0 ? 0 : ARR_DIMS(names)[0];

		if (ARR_NDIM(names) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("names must be a one-dimensional array, not one of %d dimensions",
							ARR_NDIM(names))));
		if (count != p)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("%d names for a driver_summary of %d attributes", count, p),
					 errdetail("names gives one name per attribute, in the order of the attribute arrays.")));
		deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &count);
	}
	for (int j = 0; j < p; j++)
		out[j] = elems != NULL && !nulls[j] ? TextDatumGetCString(elems[j]) : psprintf("%d", j + 1);
	return out;
}

static DriverMethod
method_of(text *method)
{
	char	   *name = text_to_cstring(method);

	if (strcmp(name, "relative_weights") == 0)
		return DRIVER_RELATIVE_WEIGHTS;
	if (strcmp(name, "shapley") == 0)
		return DRIVER_SHAPLEY;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown key-driver method \"%s\"", name),
			 errdetail("The methods are 'relative_weights' (Johnson 2000, up to %d attributes) and 'shapley' (LMG, up to %d attributes).",
					   DRIVER_MAX_ATTRIBUTES, DRIVER_SHAPLEY_MAX_ATTRIBUTES)));
	return DRIVER_RELATIVE_WEIGHTS;	/* not reached */
}

/*
 * key_drivers(s, names, method): one row per attribute.  Not strict (names
 * defaults to NULL): a NULL summary or method gives no rows.
 */
Datum
driver_summary_key_drivers(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DriverSummary *s = summary_arg(fcinfo, 0);
	DriverImportance *imp;
	DriverWork *work;
	double	   *table = NULL;
	DriverMethod method;
	char	  **names;
	int			p;

	InitMaterializedSRF(fcinfo, 0);
	if (s == NULL || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	method = method_of(PG_GETARG_TEXT_PP(2));
	p = s->d.p;
	if (p == 0)
		PG_RETURN_NULL();
	names = attribute_names(fcinfo, 1, p);

	imp = palloc(sizeof(DriverImportance));
	work = palloc(sizeof(DriverWork));
	if (method == DRIVER_SHAPLEY && p <= DRIVER_SHAPLEY_MAX_ATTRIBUTES)
		table = palloc(sizeof(double) * driver_shapley_table_length(p));
	check_status(driver_key_drivers(s->m, p, s->d.rows, method, imp, work, table), p);

	for (int j = 0; j < p; j++)
	{
		Datum		values[7];
		bool		nulls[7] = {false};

		values[0] = CStringGetTextDatum(names[j]);
		values[1] = Int32GetDatum(j + 1);
		put_value(imp->importance[j], &values[2], &nulls[2]);
		put_value(imp->share[j], &values[3], &nulls[3]);
		put_value(imp->signed_share[j], &values[4], &nulls[4]);
		put_value(imp->correlation[j], &values[5], &nulls[5]);
		put_value(imp->mean[j], &values[6], &nulls[6]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

Datum
driver_summary_r2(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);
	DriverValue r2;

	if (s->d.p == 0)
		PG_RETURN_NULL();
	check_status(driver_r_squared(s->m, s->d.p, &r2, palloc(sizeof(DriverWork))), s->d.p);
	if (r2.null != DRIVER_DEFINED)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(r2.value);
}

/*
 * driver_regression(s, names): lm()'s coefficient table, the intercept
 * first.  se_basis says what the standard errors are: 'ols' for unweighted
 * rows, 'wls' when the rows carried weights (lm(weights = w): model-based,
 * the weights taken as precision weights, not a survey design).
 */
Datum
driver_summary_regression(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DriverSummary *s = summary_arg(fcinfo, 0);
	DriverRegression *reg;
	char	  **names;
	const char *basis;
	int			p;

	InitMaterializedSRF(fcinfo, 0);
	if (s == NULL)
		PG_RETURN_NULL();
	p = s->d.p;
	if (p == 0)
		PG_RETURN_NULL();
	names = attribute_names(fcinfo, 1, p);
	basis = (s->d.flags & DRIVER_WEIGHTED) ? "wls" : "ols";
	reg = palloc(sizeof(DriverRegression));
	check_status(driver_regression(s->m, p, s->d.rows, reg, palloc(sizeof(DriverWork))), p);

	for (int j = -1; j < p; j++)
	{
		Datum		values[6];
		bool		nulls[6] = {false};

		values[0] = CStringGetTextDatum(j < 0 ? "(intercept)" : names[j]);
		put_value(j < 0 ? reg->intercept : reg->coef[j], &values[1], &nulls[1]);
		put_value(j < 0 ? reg->intercept_se : reg->se[j], &values[2], &nulls[2]);
		put_value(j < 0 ? reg->intercept_t : reg->t[j], &values[3], &nulls[3]);
		put_value(j < 0 ? reg->intercept_p : reg->p_value[j], &values[4], &nulls[4]);
		values[5] = CStringGetTextDatum(basis);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_NULL();
}

/* The (p + 1) x (p + 1) correlations, outcome first; NULL without rows. */
Datum
driver_summary_correlations(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);
	int			q = s->d.p + 1;
	DriverValue *r;
	Datum	   *values;
	bool	   *nulls;
	int			dims[2] = {q, q},
				lbs[2] = {1, 1};

	if (s->d.p == 0 || s->d.rows == 0)
		PG_RETURN_NULL();
	r = palloc(sizeof(DriverValue) * q * q);
	check_status(driver_correlations(s->m, s->d.p, r), s->d.p);
	values = palloc(sizeof(Datum) * q * q);
	nulls = palloc(sizeof(bool) * q * q);
	for (int k = 0; k < q * q; k++)
		put_value(r[k], &values[k], &nulls[k]);
	PG_RETURN_ARRAYTYPE_P(construct_md_array(values, nulls, 2, dims, lbs, FLOAT8OID,
											 sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
}

/* cronbach_alpha(s): (alpha, standardized_alpha, items, n). */
Datum
driver_summary_alpha(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);
	DriverAlpha alpha;
	Datum		values[4];
	bool		nulls[4] = {false};

	/* no attribute array seen: no scale to speak of */
	if (s->d.p == 0)
		PG_RETURN_NULL();
	check_status(driver_cronbach_alpha(s->m, s->d.p, &alpha), s->d.p);
	put_value(alpha.alpha, &values[0], &nulls[0]);
	put_value(alpha.standardized, &values[1], &nulls[1]);
	values[2] = Int32GetDatum(s->d.p);
	values[3] = Int64GetDatum(s->d.rows);
	PG_RETURN_DATUM(csm_result_row(fcinfo, "cronbach_alpha", values, nulls));
}

Datum
driver_summary_rows(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DRIVER_SUMMARY_P(0)->d.rows);
}

Datum
driver_summary_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_DRIVER_SUMMARY_P(0)->d.skipped);
}

/* p; NULL while no attribute array was seen. */
Datum
driver_summary_attributes(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);

	if (s->d.p == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT32(s->d.p);
}

/* A JSON number, or null. */
static void
append_value(StringInfo buf, DriverValue v)
{
	if (v.null != DRIVER_DEFINED)
		appendStringInfoString(buf, "null");
	else
		appendStringInfoString(buf, float8out_internal(v.value));
}

/*
 * For reading (reporting tools, APIs): n, skipped, p, weighted, the weight
 * total, the means and the correlation matrix (null where undefined).  Not
 * a storage form: the text form keeps every digit, jsonb rounds nothing
 * but drops the co-moments.
 */
Datum
driver_summary_to_jsonb(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);
	int			p = s->d.p,
				q = p + 1;
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "{\"n\": %lld, \"skipped\": %lld, \"p\": %d, \"weighted\": %s, \"weight_total\": ",
					 (long long) s->d.rows, (long long) s->d.skipped, p,
					 (s->d.flags & DRIVER_WEIGHTED) ? "true" : "false");
	appendStringInfoString(&buf, float8out_internal(p > 0 ? s->m[0] : 0.0));
	appendStringInfoString(&buf, ", \"means\": [");
	for (int i = 0; p > 0 && i < q; i++)
	{
		DriverValue mean = {driver_moments_mean(s->m, p, i), DRIVER_DEFINED};

		if (s->d.rows == 0)
			mean.null = DRIVER_NULL_NO_ROWS;
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		append_value(&buf, mean);
	}
	appendStringInfoString(&buf, "], \"correlations\": [");
	if (p > 0)
	{
		DriverValue *r = palloc(sizeof(DriverValue) * q * q);

		check_status(driver_correlations(s->m, p, r), p);
		for (int i = 0; i < q; i++)
		{
			appendStringInfoString(&buf, i > 0 ? ", [" : "[");
			for (int j = 0; j < q; j++)
			{
				if (j > 0)
					appendStringInfoString(&buf, ", ");
				append_value(&buf, r[i * q + j]);
			}
			appendStringInfoChar(&buf, ']');
		}
	}
	appendStringInfoString(&buf, "]}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
