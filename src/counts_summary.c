/*
 * counts_summary.c
 *	  The server side of the counts core: forms, errors, input, output,
 *	  operators and the aggregate steps of every summary built on it.
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"

#include "counts_summary.h"

/* ---- forms ---------------------------------------------------------------- */

static bool
is_narrow(const CountsSummary *s)
{
	return (s->flags & COUNTS_NARROW) != 0;
}

pg_noreturn static void
report_form(const CountsType *type, const CountsSummary *s)
{
	const CountsLayout *l = type->layout;

	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("unsupported %s version %d", l->type_name, s->version),
			 l->nsums == 0 ?
			 errdetail("This release of csm reads %s version %d of %zu bytes (wide) or %zu bytes (narrow); this value has %u bytes and flags %d.",
					   l->type_name, l->version, COUNTS_WIDE_SIZE(l),
					   COUNTS_NARROW_SIZE(l->ncells), (unsigned) VARSIZE(s), s->flags) :
			 errdetail("This release of csm reads %s version %d of %zu bytes; this value has %u bytes.",
					   l->type_name, l->version, COUNTS_WIDE_SIZE(l), (unsigned) VARSIZE(s))));
}

/*
 * Values are built only by csm, so a size, version or form we do not know
 * means data written by another release; say so rather than misread it.
 */
static void
check_form(const CountsType *type, const CountsSummary *s)
{
	const CountsLayout *l = type->layout;
	Size		size = VARSIZE(s);
	uint8		form = s->flags & ~(l->nsums > 0 ? COUNTS_INEXACT : 0);

	if (unlikely(s->version != l->version || s->reserved != 0 ||
				 (form == 0 ? size != COUNTS_WIDE_SIZE(l) :
				  form != COUNTS_NARROW || l->nsums != 0 ||
				  size != COUNTS_NARROW_SIZE(l->ncells))))
		report_form(type, s);
}

/* A summary argument, detoasted and checked, in whichever form it is. */
CountsSummary *
counts_summary_detoast(const CountsType *type, Datum d)
{
	CountsSummary *s = (CountsSummary *) PG_DETOAST_DATUM(d);

	check_form(type, s);
	return s;
}

/* The counts of s, in the wide layout counts.h reads. */
void
counts_summary_read(const CountsType *type, const CountsSummary *s, CountsRef out)
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

/* An empty wide summary of the type: its header, payload to be written. */
static CountsSummary *
new_wide(const CountsType *type)
{
	CountsSummary *wide = palloc(COUNTS_WIDE_SIZE(type->layout));

	SET_VARSIZE(wide, COUNTS_WIDE_SIZE(type->layout));
	wide->version = type->layout->version;
	wide->flags = 0;
	wide->reserved = 0;
	return wide;
}

/*
 * A summary argument in the wide form, which every accessor reads: the
 * stored value itself when it is wide, else a wide copy.
 */
CountsSummary *
counts_summary_open(const CountsType *type, Datum d)
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
read_arg(FunctionCallInfo fcinfo, const CountsType *type, int argno, CountsBuffer *buf)
{
	CountsRef	v = counts_buffer_ref(buf);

	counts_summary_read(type, counts_summary_detoast(type, PG_GETARG_DATUM(argno)), v);
	return v;
}

int64
counts_summary_total(const CountsType *type, const CountsSummary *s)
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

/* Whether every count of a plain-counts value fits the narrow form. */
static bool
fits_narrow(const CountsLayout *l, CountsRef v)
{
	if (l->nsums != 0 || !l->has_total)
		return false;
	for (int cell = 0; cell < l->ncells; cell++)
		if (((const int64 *) v.cells)[cell] > PG_UINT16_MAX)
			return false;
	return true;
}

/* Writes counts into s when its form holds them; false when it cannot. */
static bool
store(const CountsType *type, CountsSummary *s, CountsRef v)
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
counts_summary_make(const CountsType *type, CountsRef v)
{
	const CountsLayout *l = type->layout;
	bool		narrow = fits_narrow(l, v);
	Size		size = narrow ? COUNTS_NARROW_SIZE(l->ncells) : COUNTS_WIDE_SIZE(l);
	CountsSummary *s = palloc0(size);

	SET_VARSIZE(s, size);
	s->version = l->version;
	s->flags = narrow ? COUNTS_NARROW : 0;
	store(type, s, v);
	return s;
}

/* ---- errors --------------------------------------------------------------- */

void
counts_report(const CountsType *type, CodecStatus status, const CodecError *err,
			  const char *input)
{
	const char *name = type->layout->type_name;

	switch (status)
	{
		case CODEC_OK:
			break;
		case CODEC_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", name, input),
					 errdetail("Unexpected %s at character %zu.",
							   input[err->position] ? "character" : "end of input",
							   err->position + 1),
					 errhint("%s", type->syntax_hint)));
			break;
		case CODEC_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", name, input),
					 errdetail(type->duplicate_detail, (long long) err->value)));
			break;
		case CODEC_KEY_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg(type->key_range,
							err->value == PG_INT64_MAX ? "above 9223372036854775807" :
							psprintf("%lld", (long long) err->value)),
					 errdetail("%s", type->key_range_detail)));
			break;
		case CODEC_COUNT_RANGE:
			ereport(ERROR,
					(errcode(input ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
							 ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg(input ? type->count_range : type->count_range_binary,
							(long long) err->value),
					 type->count_range_detail ?
					 errdetail("%s", type->count_range_detail) : 0));
			break;
		case CODEC_TOTAL_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s count out of range", name),
					 errdetail("The combined number of %s exceeds %lld.",
							   type->answers, (long long) PG_INT64_MAX)));
			break;
		case CODEC_TOTAL_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: total %lld does not match the counts",
							name, (long long) err->value)));
			break;
		case CODEC_NOT_FINITE:
			ereport(ERROR,
					(errcode(input ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
							 ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("%s sums must be finite numbers", name)));
			break;
		case CODEC_INCONSISTENT:
			ereport(ERROR,
					(errcode(input ? ERRCODE_INVALID_TEXT_REPRESENTATION :
							 ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid %s: the sums are inconsistent", name),
					 errdetail("%s", type->sums_detail ? type->sums_detail :
							   "A summary without answers has zero sums, and each sum is a normalised pair.")));
			break;
		case CODEC_VERSION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("unsupported binary %s version %lld", name, (long long) err->value),
					 errdetail("This release of csm reads version %d.", type->layout->version)));
			break;
		case CODEC_LENGTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: %lld bytes", name, (long long) err->value),
					 errdetail("Version %d has exactly %zu bytes.",
							   type->layout->version, COUNTS_BINARY_SIZE(type->layout))));
			break;
	}
	elog(ERROR, "unexpected %s codec status %d", name, (int) status);
}

/* dst += sign * src, or the error that says why not. */
static void
add_checked(const CountsType *type, CountsRef dst, CountsRef src, int sign)
{
	const CountsLayout *l = type->layout;
	CodecError	err;
	CodecStatus status = counts_add(l, dst, src, sign, &err);

	if (status == CODEC_COUNT_RANGE)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg(type->remove,
						(long long) *counts_cell_n(l, src, (int) err.position),
						(long long) err.value,
						(long long) *counts_cell_n(l, dst, (int) err.position))));
	if (status != CODEC_OK)
		counts_report(type, status, &err, NULL);
	if (!counts_finite(l, dst))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s sum out of range", l->type_name),
				 errdetail("The combined sums exceed the range of double precision.")));
}

/* ---- input, output, operators --------------------------------------------- */

Datum
counts_summary_in(FunctionCallInfo fcinfo, const CountsType *type)
{
	char	   *str = PG_GETARG_CSTRING(0);
	CountsBuffer buf;
	CountsRef	v = counts_buffer_ref(&buf);
	CodecError	err;
	CodecStatus status = counts_parse_text(type->layout, str, v, &err);

	if (status != CODEC_OK)
		counts_report(type, status, &err, str);
	PG_RETURN_POINTER(counts_summary_make(type, v));
}

Datum
counts_summary_out(FunctionCallInfo fcinfo, const CountsType *type)
{
	const CountsLayout *l = type->layout;
	CountsBuffer counts;
	char	   *text = palloc(COUNTS_TEXT_MAXLEN(l));

	counts_format_text(l, read_arg(fcinfo, type, 0, &counts), text, COUNTS_TEXT_MAXLEN(l));
	PG_RETURN_CSTRING(text);
}

Datum
counts_summary_recv(FunctionCallInfo fcinfo, const CountsType *type)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	CountsBuffer counts;
	CountsRef	v = counts_buffer_ref(&counts);
	CodecError	err;
	CodecStatus status;

	status = counts_decode_binary(type->layout, (const uint8_t *) buf->data + buf->cursor,
								  (size_t) (buf->len - buf->cursor), v, &err);
	if (status != CODEC_OK)
		counts_report(type, status, &err, NULL);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(counts_summary_make(type, v));
}

Datum
counts_summary_send(FunctionCallInfo fcinfo, const CountsType *type)
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
counts_summary_operate(FunctionCallInfo fcinfo, const CountsType *type, int sign)
{
	CountsBuffer a,
				b;
	CountsRef	va = read_arg(fcinfo, type, 0, &a);

	add_checked(type, va, read_arg(fcinfo, type, 1, &b), sign);
	PG_RETURN_POINTER(counts_summary_make(type, va));
}

/* a = b (equal) or a <> b: the same answers, whatever the stored form. */
Datum
counts_summary_equal(FunctionCallInfo fcinfo, const CountsType *type, bool equal)
{
	CountsBuffer a,
				b;

	PG_RETURN_BOOL(counts_equal(type->layout, read_arg(fcinfo, type, 0, &a),
								read_arg(fcinfo, type, 1, &b)) == equal);
}

/* ---- aggregate steps ------------------------------------------------------ */

/* The transition state to update (agg_state.h), checked. */
CountsSummary *
counts_state(FunctionCallInfo fcinfo, const CountsType *type)
{
	CountsSummary *s = (CountsSummary *) agg_state_for_update(fcinfo);

	check_form(type, s);
	return s;
}

/* s with its counts v, in place when its form holds them, else a new wide value. */
static CountsSummary *
store_or_widen(const CountsType *type, CountsSummary *s, CountsRef v)
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
counts_step_slow(FunctionCallInfo fcinfo, const CountsType *type, int cell, int sign)
{
	const CountsLayout *l = type->layout;
	CountsSummary *s = counts_state(fcinfo, type);
	CountsBuffer buf;
	CountsRef	v = counts_buffer_ref(&buf);
	int64	   *count = counts_cell_n(l, v, cell);

	counts_summary_read(type, s, v);
	if (sign < 0 && *count == 0)
		elog(ERROR, "an answer leaves a %s window frame it never entered", l->type_name);
	if (sign > 0 && buf.total == PG_INT64_MAX)
		counts_report(type, CODEC_TOTAL_RANGE, NULL, NULL);
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
counts_summary_combine(FunctionCallInfo fcinfo, const CountsType *type, int sign)
{
	CountsSummary *s = counts_state(fcinfo, type);
	CountsBuffer a,
				b;
	CountsRef	va = counts_buffer_ref(&a);

	counts_summary_read(type, s, va);
	add_checked(type, va, read_arg(fcinfo, type, 1, &b), sign);
	PG_RETURN_POINTER(store_or_widen(type, s, va));
}

/* Final function of the summary aggregates (rating_agg(), rollup(), ...): no answers give NULL. */
Datum
counts_summary_final(FunctionCallInfo fcinfo, const CountsType *type)
{
	CountsSummary *s = counts_summary_detoast(type, PG_GETARG_DATUM(0));

	if (counts_summary_total(type, s) == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(s);
}
