/*
 * driver_agg.c
 *	  Transition and inverse functions of driver_agg(outcome, attributes
 *	  [, weight]), whose state is a driver_summary (driver_summary.h).
 *
 * The transition functions are not strict, so that a row with a NULL is
 * counted as skipped: listwise, as lm() and relaimpo drop it, a row is used
 * only when the outcome, the array and every element are present (and,
 * weighted, the weight is above 0).  Present values are checked first, so
 * that bad data raise an error whether or not another value of the row is
 * NULL: a multidimensional or empty array, more than 32 attributes, an
 * array of another length than the first one's, NaN or infinity, a
 * negative weight.  The first attribute array fixes p; until then the
 * state is the empty value of p = 0, and the step that fixes p returns a
 * new, larger state (the executor copies it into the aggregate's memory).
 * Otherwise the state is updated in place when the executor owns it
 * (agg_state.h), by driver_moments_add().
 *
 * Window frames.  In a window aggregate the state carries a tail after its
 * moments (DRIVER_STATE_DRIFT): the drift bounds driver_moments_remove()
 * keeps for W and each C_ii, and the number of rows in the frame with a
 * weight other than 1, so that a frame whose last such row has left is
 * unweighted again, as a fresh aggregation of it would be.  The inverse
 * removes a row with driver_moments_remove(), which declines a removal
 * whose rounding could matter (a variance collapsing, the frame's last
 * used row); the inverse then returns NULL and PostgreSQL recomputes the
 * frame from its rows.  The final function drops the tail.
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "nodes/execnodes.h"
#include "utils/array.h"
#include "utils/float.h"

#include "driver_summary.h"

PG_FUNCTION_INFO_V1(driver_accum);
PG_FUNCTION_INFO_V1(driver_accum_weighted);
PG_FUNCTION_INFO_V1(driver_retract);
PG_FUNCTION_INFO_V1(driver_retract_weighted);

/* One row, read and checked. */
typedef struct DriverRow
{
	int			p;				/* the array's length; 0 when it is NULL */
	bool		skip;			/* a NULL somewhere, or a weight of 0 */
	double		w;
	double		v[DRIVER_MAX_VARIABLES];	/* y, x_1..x_p */
} DriverRow;

pg_noreturn static pg_attribute_cold void
report_value(double x, int position)
{
	if (position == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("outcome %s is not a finite number", float8out_internal(x)),
				 errdetail("driver_agg() reads finite numbers; NULL marks a missing answer and skips the row.")));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("attribute %d is %s, not a finite number", position, float8out_internal(x)),
			 errdetail("driver_agg() reads finite numbers; NULL marks a missing answer and skips the row.")));
}

pg_noreturn static pg_attribute_cold void
report_weight(double w)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("weight %s is out of range", float8out_internal(w)),
			 errdetail("Weights are finite numbers of at least 0; 0 or NULL skips the row.")));
}

pg_noreturn static pg_attribute_cold void
report_shape(const ArrayType *a, int have)
{
	int			ndim = ARR_NDIM(a);
	int			n = ndim == 1 ? ARR_DIMS(a)[0] : 0;

	if (ndim > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("attributes must be a one-dimensional array, not one of %d dimensions", ndim),
				 errdetail("driver_agg() reads one array of attribute scores per row.")));
	if (n > DRIVER_MAX_ATTRIBUTES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d attributes exceed the limit of %d", n, DRIVER_MAX_ATTRIBUTES),
				 errdetail("A driver_summary describes 1 to %d attributes.", DRIVER_MAX_ATTRIBUTES)));
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("an empty attribute array"),
				 errdetail("A driver_summary describes 1 to %d attributes.", DRIVER_MAX_ATTRIBUTES),
				 errhint("NULL skips a row; an empty array has no attribute to analyse.")));
	ereport(ERROR,
			(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
			 errmsg("an attribute array of %d values where the first row's had %d", n, have),
			 errdetail("Every row of one driver_agg() has the same attributes, in the same order.")));
}

/*
 * The row of arguments 1.. (outcome, attributes, weight), for a state of
 * have attributes (0: none yet).
 */
static inline void
read_row(FunctionCallInfo fcinfo, bool weighted, int have, DriverRow *row)
{
	row->p = 0;
	row->skip = false;
	row->w = 1.0;

	if (PG_ARGISNULL(2))
		row->skip = true;
	else
	{
		ArrayType  *a = PG_GETARG_ARRAYTYPE_P(2);
		int			n;

		if (unlikely(ARR_NDIM(a) != 1 || ARR_DIMS(a)[0] > DRIVER_MAX_ATTRIBUTES ||
					 ARR_DIMS(a)[0] == 0 || (have != 0 && ARR_DIMS(a)[0] != have)))
			report_shape(a, have);
		if (ARR_ELEMTYPE(a) != FLOAT8OID)
			elog(ERROR, "driver_agg() attributes must be double precision[]");
		n = row->p = ARR_DIMS(a)[0];
		if (likely(!ARR_HASNULL(a)))
		{
			memcpy(row->v + 1, ARR_DATA_PTR(a), sizeof(double) * n);
			for (int j = 1; j <= n; j++)
				if (unlikely(!isfinite(row->v[j])))
					report_value(row->v[j], j);
		}
		else
		{
			const bits8 *bitmap = ARR_NULLBITMAP(a);
			const double *data = (const double *) ARR_DATA_PTR(a);

			for (int j = 0; j < n; j++)
			{
				if (!(bitmap[j / 8] & (1 << (j % 8))))
				{
					row->skip = true;
					continue;
				}
				row->v[1 + j] = *data++;
				if (unlikely(!isfinite(row->v[1 + j])))
					report_value(row->v[1 + j], 1 + j);
			}
		}
	}
	if (PG_ARGISNULL(1))
		row->skip = true;
	else
	{
		row->v[0] = PG_GETARG_FLOAT8(1);
		if (unlikely(!isfinite(row->v[0])))
			report_value(row->v[0], 0);
	}
	if (weighted)
	{
		if (PG_ARGISNULL(3))
			row->skip = true;
		else
		{
			row->w = PG_GETARG_FLOAT8(3);
			if (unlikely(!isfinite(row->w) || row->w < 0.0))
				report_weight(row->w);
			if (row->w == 0.0)
				row->skip = true;
		}
	}
}

static inline bool
in_window(FunctionCallInfo fcinfo)
{
	return fcinfo->context != NULL && IsA(fcinfo->context, WindowAggState);
}

/*
 * The state to update.  A NULL state (a direct call) is the empty one; the
 * executor's is updated in place, anything else copied (agg_state.h).
 */
static inline DriverSummary *
driver_state(FunctionCallInfo fcinfo)
{
	if (PG_ARGISNULL(0))
		return driver_summary_new(0);
	return (DriverSummary *) summary_state(fcinfo, &driver_summary_type);
}

/*
 * A copy of s for p attributes, with a window's tail if asked (zero drift,
 * no row weighing other than 1: s must not be weighted).
 */
static DriverSummary *
resized(const DriverSummary *s, int p, bool tail)
{
	Size		size = tail ? driver_state_drift_size(p) : driver_summary_size(p);
	DriverSummary *r = (DriverSummary *) summary_new_sized(&driver_summary_type, size);

	Assert(!tail || !(s->d.flags & DRIVER_WEIGHTED));
	r->d = s->d;
	r->d.p = p;
	memcpy(r->m, s->m, sizeof(double) * driver_moments_count(s->d.p));
	if (tail)
		r->head.flags |= DRIVER_STATE_DRIFT;
	return r;
}

static inline void
count_row(int64 *count)
{
	if (unlikely(*count == PG_INT64_MAX))
		summary_report(&driver_summary_type, CODEC_TOTAL_RANGE, NULL, NULL);
	(*count)++;
}

static Datum
driver_step(FunctionCallInfo fcinfo, bool weighted)
{
	DriverSummary *state = driver_state(fcinfo);
	DriverRow	row;

	read_row(fcinfo, weighted, state->d.p, &row);
	if (row.skip)
	{
		if (state->d.p == 0 && row.p > 0)
			state = resized(state, row.p, false);
		count_row(&state->d.skipped);
		PG_RETURN_POINTER(state);
	}
	/* a window's state counts its rows weighing other than 1 from its first */
	if (state->d.p == 0 ||
		(unlikely(!(state->head.flags & DRIVER_STATE_DRIFT)) && in_window(fcinfo) &&
		 !(state->d.flags & DRIVER_WEIGHTED)))
		state = resized(state, row.p, in_window(fcinfo));
	count_row(&state->d.rows);
	if (unlikely(!driver_moments_add(state->m, row.p, row.v, row.w)))
		driver_report_sum_range();
	if (row.w != 1.0)
	{
		state->d.flags |= DRIVER_WEIGHTED;
		if (state->head.flags & DRIVER_STATE_DRIFT)
			driver_state_drift(state)[DRIVER_TAIL_WEIGHTED(row.p)] += 1.0;
	}
	PG_RETURN_POINTER(state);
}

/*
 * The inverse: removes a row the frame added before, or returns NULL
 * (recompute the frame) when driver_moments_remove() declines.
 */
static Datum
driver_unstep(FunctionCallInfo fcinfo, bool weighted)
{
	DriverSummary *state = driver_state(fcinfo);
	DriverRow	row;
	double	   *tail;
	int			p = state->d.p;

	read_row(fcinfo, weighted, p, &row);
	if (row.skip)
	{
		if (unlikely(state->d.skipped == 0))
			elog(ERROR, "a skipped row leaves a driver_agg() window frame it never entered");
		state->d.skipped--;
		PG_RETURN_POINTER(state);
	}
	if (unlikely(p == 0 || state->d.rows == 0))
		elog(ERROR, "a row leaves a driver_agg() window frame it never entered");
	if (!(state->head.flags & DRIVER_STATE_DRIFT))
	{
		DriverSummary *with_tail;

		/* a weighted state without a tail cannot tell when it is unweighted again */
		if (state->d.flags & DRIVER_WEIGHTED)
			PG_RETURN_NULL();
		with_tail = resized(state, p, true);
		state = with_tail;
	}
	tail = driver_state_drift(state);
	if (!driver_moments_remove(state->m, p, row.v, row.w, tail))
		PG_RETURN_NULL();
	state->d.rows--;
	if (row.w != 1.0 && (tail[DRIVER_TAIL_WEIGHTED(p)] -= 1.0) == 0.0)
	{
		/* every row left weighs 1: the frame is unweighted, its total its rows */
		state->d.flags &= ~DRIVER_WEIGHTED;
		state->m[0] = (double) state->d.rows;
	}
	PG_RETURN_POINTER(state);
}

Datum
driver_accum(PG_FUNCTION_ARGS)
{
	return driver_step(fcinfo, false);
}

Datum
driver_accum_weighted(PG_FUNCTION_ARGS)
{
	return driver_step(fcinfo, true);
}

Datum
driver_retract(PG_FUNCTION_ARGS)
{
	return driver_unstep(fcinfo, false);
}

Datum
driver_retract_weighted(PG_FUNCTION_ARGS)
{
	return driver_unstep(fcinfo, true);
}
