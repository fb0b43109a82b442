/*
 * counts_summary.c
 *	  The server side of the counts core: forms, input, output, operators
 *	  and the aggregate steps of every summary built on it.  Its errors are
 *	  the core's (summary.c), worded by each type's SummaryType.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"

#include "counts_summary.h"

/* ---- forms ---------------------------------------------------------------- */

static bool
is_narrow(const CountsSummary *s)
{
	return (s->head.flags & SUMMARY_NARROW) != 0;
}

/* A summary argument, detoasted and checked, in whichever form it is. */
CountsSummary *
counts_summary_detoast(const SummaryType *type, Datum d)
{
	return (CountsSummary *) summary_detoast(type, d);
}

/* The counts of s, in the wide layout counts.h reads. */
void
counts_summary_read(const SummaryType *type, const CountsSummary *s, CountsRef out)
{
	const CountsLayout *l = type->layout;

	if (!is_narrow(s))
	{
		memcpy(out.cells, &s->data[l->has_total], l->ncells * COUNTS_CELL_SIZE(l));
		if (l->has_total)
			*out.total = s->data[0];
		return;
	}
	*out.total = 0;
	for (int cell = 0; cell < l->ncells; cell++)
	{
		int64		n = ((const uint16 *) s->data)[cell];

		((int64 *) out.cells)[cell] = n;
		*out.total += n;
	}
}

/* An empty wide summary of the type. */
static CountsSummary *
new_wide(const SummaryType *type)
{
	return (CountsSummary *) summary_new(type, false);
}

/*
 * A summary argument in the wide form, which every accessor reads: the
 * stored value itself (detoasted) when it is wide, else a wide copy.
 */
CountsSummary *
counts_summary_wide(const SummaryType *type, Datum d)
{
	CountsSummary *s = counts_summary_detoast(type, d);
	CountsSummary *wide;

	if (!is_narrow(s))
		return s;
	wide = new_wide(type);
	counts_summary_read(type, s, counts_summary_ref(type, wide));
	return wide;
}

/* The counts of summary argument argno, read into buf. */
static CountsRef
read_arg(FunctionCallInfo fcinfo, const SummaryType *type, int argno, CountsBuffer *buf)
{
	CountsRef	v = counts_buffer_ref(buf);

	counts_summary_read(type, counts_summary_detoast(type, PG_GETARG_DATUM(argno)), v);
	return v;
}

int64
counts_summary_total(const SummaryType *type, const CountsSummary *s)
{
	const CountsLayout *l = type->layout;
	CountsBuffer buf;
	CountsRef	v = counts_buffer_ref(&buf);
	int64		total = 0;

	if (l->has_total && !is_narrow(s))
		return s->data[0];
	counts_summary_read(type, s, v);
	if (l->has_total)
		return buf.total;
	for (int cell = 0; cell < l->ncells; cell++)
		total += *counts_cell_n(l, v, cell);
	return total;
}

/* Whether the layout has the narrow form and every count fits it. */
static bool
fits_narrow(const CountsLayout *l, CountsRef v)
{
	if (!COUNTS_HAS_NARROW(l))
		return false;
	for (int cell = 0; cell < l->ncells; cell++)
		if (((const int64 *) v.cells)[cell] > PG_UINT16_MAX)
			return false;
	return true;
}

/* Writes counts into s when its form holds them; false when it cannot. */
static bool
store(const SummaryType *type, CountsSummary *s, CountsRef v)
{
	const CountsLayout *l = type->layout;

	if (!is_narrow(s))
	{
		memcpy(&s->data[l->has_total], v.cells, l->ncells * COUNTS_CELL_SIZE(l));
		if (l->has_total)
			s->data[0] = *v.total;
		return true;
	}
	if (!fits_narrow(l, v))
		return false;
	for (int cell = 0; cell < l->ncells; cell++)
		((uint16 *) s->data)[cell] = (uint16) ((const int64 *) v.cells)[cell];
	return true;
}

/* A new summary of these counts, in the smallest form that holds them. */
CountsSummary *
counts_summary_make(const SummaryType *type, CountsRef v)
{
	CountsSummary *s = (CountsSummary *) summary_new(type, fits_narrow(type->layout, v));

	store(type, s, v);
	return s;
}

/* dst += sign * src, or the error that says why not. */
static void
add_checked(const SummaryType *type, CountsRef dst, CountsRef src, int sign)
{
	const CountsLayout *l = type->layout;
	CodecError	err;
	CodecStatus status = counts_add(l, dst, src, sign, &err);

	if (status == CODEC_COUNT_RANGE)
		summary_report_remove(type, *counts_cell_n(l, src, (int) err.position), err.value,
							  *counts_cell_n(l, dst, (int) err.position));
	if (status != CODEC_OK)
		summary_report(type, status, &err, NULL);
	if (!counts_finite(l, dst))
		summary_report_sum_range(type);
}

/* ---- input, output, operators --------------------------------------------- */

Datum
counts_summary_in(FunctionCallInfo fcinfo, const SummaryType *type)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CountsBuffer buf;
	CountsRef	v = counts_buffer_ref(&buf);
	CodecError	err;
	CodecStatus status = counts_parse_text(type->layout, str, v, &err);

	if (status != CODEC_OK)
		summary_report(type, status, &err, str);
	PG_RETURN_POINTER(counts_summary_make(type, v));
}

Datum
counts_summary_out(FunctionCallInfo fcinfo, const SummaryType *type)
{
	const CountsLayout *l = type->layout;
	CountsBuffer counts;
	char	   *text = palloc(COUNTS_TEXT_MAXLEN(l));

	counts_format_text(l, read_arg(fcinfo, type, 0, &counts), text, COUNTS_TEXT_MAXLEN(l));
	PG_RETURN_CSTRING(text);
}

Datum
counts_summary_recv(FunctionCallInfo fcinfo, const SummaryType *type)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CountsBuffer counts;
	CountsRef	v = counts_buffer_ref(&counts);
	CodecError	err;
	CodecStatus status;

	status = counts_decode_binary(type->layout, (const uint8_t *) buf->data + buf->cursor,
								  (size_t) (buf->len - buf->cursor), v, &err);
	if (status != CODEC_OK)
		summary_report(type, status, &err, NULL);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(counts_summary_make(type, v));
}

Datum
counts_summary_send(FunctionCallInfo fcinfo, const SummaryType *type)
{
	const CountsLayout *l = type->layout;
	CountsBuffer counts;
	uint8	   *bytes = palloc(COUNTS_BINARY_SIZE(l));
	StringInfoData buf;

	counts_encode_binary(l, read_arg(fcinfo, type, 0, &counts), bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, COUNTS_BINARY_SIZE(l));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/*
 * a + b (sign 1) or a - b (sign -1), a new value: a rollup table is kept
 * up to date with ON CONFLICT ... DO UPDATE SET s = t.s + EXCLUDED.s.
 */
Datum
counts_summary_operate(FunctionCallInfo fcinfo, const SummaryType *type, int sign)
{
	CountsBuffer a,
				b;
	CountsRef	va = read_arg(fcinfo, type, 0, &a);

	add_checked(type, va, read_arg(fcinfo, type, 1, &b), sign);
	PG_RETURN_POINTER(counts_summary_make(type, va));
}

/* a = b (equal) or a <> b: the same answers, whatever the stored form. */
Datum
counts_summary_equal(FunctionCallInfo fcinfo, const SummaryType *type, bool equal)
{
	CountsBuffer a,
				b;

	PG_RETURN_BOOL(counts_equal(type->layout, read_arg(fcinfo, type, 0, &a),
								read_arg(fcinfo, type, 1, &b)) == equal);
}

/* ---- aggregate steps ------------------------------------------------------ */

/* s with its counts v, in place when its form holds them, else a new wide value. */
static CountsSummary *
store_or_widen(const SummaryType *type, CountsSummary *s, CountsRef v)
{
	CountsSummary *wide;

	if (store(type, s, v))
		return s;
	wide = new_wide(type);
	store(type, wide, v);
	return wide;
}

/*
 * Every case counts_step() leaves to a call: a state that is a copy or in
 * a window frame, a count outgrowing the narrow form (the state widens:
 * a new value, which the executor keeps in place of the old one), and the
 * errors.
 */
Datum
counts_step_slow(FunctionCallInfo fcinfo, const SummaryType *type, int cell, int sign)
{
	const CountsLayout *l = type->layout;
	CountsSummary *s = counts_state(fcinfo, type);
	CountsBuffer buf;
	CountsRef	v = counts_buffer_ref(&buf);
	int64	   *count = counts_cell_n(l, v, cell);

	counts_summary_read(type, s, v);
	if (sign < 0 && *count == 0)
		elog(ERROR, "an answer leaves a %s window frame it never entered", type->name);
	if (sign > 0 && buf.total == PG_INT64_MAX)
		summary_report(type, CODEC_TOTAL_RANGE, NULL, NULL);
	*count += sign;
	buf.total += sign;
	PG_RETURN_POINTER(store_or_widen(type, s, v));
}

/*
 * Combine function of every aggregate of the type, transition function of
 * its rollup() (sign 1), and rollup()'s inverse in window frames (sign -1):
 * the summary in argument 1 enters or leaves the state.
 */
Datum
counts_summary_combine(FunctionCallInfo fcinfo, const SummaryType *type, int sign)
{
	CountsSummary *s = counts_state(fcinfo, type);
	CountsBuffer a,
				b;
	CountsRef	va = counts_buffer_ref(&a);

	counts_summary_read(type, s, va);
	add_checked(type, va, read_arg(fcinfo, type, 1, &b), sign);
	PG_RETURN_POINTER(store_or_widen(type, s, va));
}

/*
 * Final function of the summary aggregates (rating_agg(), rollup(), ...):
 * no answers give NULL; the value carries none of its state's flags.
 */
Datum
counts_summary_final(FunctionCallInfo fcinfo, const SummaryType *type)
{
	CountsSummary *s = counts_summary_detoast(type, PG_GETARG_DATUM(0));

	if (counts_summary_total(type, s) == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(summary_final_value(type, &s->head));
}
