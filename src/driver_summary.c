/*
 * driver_summary.c
 *	  driver_summary: input, output, send, receive, merging, equality,
 *	  and the combine, inverse and final functions every aggregate
 *	  returning one shares.
 *
 * A variable-size summary on the core's services (summary.h): the header
 * check (with driver_summary_size_valid() for the size), new and copied
 * values and the common errors; the consistency rules and their errors
 * are the type's own (driver_codec.c names the rule, this file words it).
 */
#include "postgres.h"

#include "fmgr.h"
#include "libpq/pqformat.h"
#include "utils/float.h"

#include "driver_summary.h"

PG_FUNCTION_INFO_V1(driver_summary_in);
PG_FUNCTION_INFO_V1(driver_summary_out);
PG_FUNCTION_INFO_V1(driver_summary_recv);
PG_FUNCTION_INFO_V1(driver_summary_send);
PG_FUNCTION_INFO_V1(driver_summary_merge);
PG_FUNCTION_INFO_V1(driver_summary_eq);
PG_FUNCTION_INFO_V1(driver_summary_ne);
PG_FUNCTION_INFO_V1(driver_summary_combine);
PG_FUNCTION_INFO_V1(driver_summary_retract);
PG_FUNCTION_INFO_V1(driver_summary_final);

static bool
driver_summary_size_valid(const SummaryHeader *head)
{
	const DriverSummary *s = (const DriverSummary *) head;
	int			p = s->d.p;
	bool		drift = (head->flags & DRIVER_STATE_DRIFT) != 0;

	if (p < 0 || p > DRIVER_MAX_ATTRIBUTES || (drift && p == 0))
		return false;
	return VARSIZE(head) == (drift ? driver_state_drift_size(p) : driver_summary_size(p));
}

const SummaryType driver_summary_type = {
	.name = "driver_summary",
	.version = DRIVER_SUMMARY_VERSION,
	.state_flags = DRIVER_STATE_DRIFT,
	.size = DRIVER_SUMMARY_FIXED,
	.size_valid = driver_summary_size_valid,
	.wording = SUMMARY_VALUED,
	.syntax_hint = gettext_noop("A driver_summary is written as {n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,2]}; {n:0,skipped:0,p:0} is the empty one."),
	.count_detail = gettext_noop("Row counts are whole numbers from 0."),
	.answers = gettext_noop("rows"),
	.sums_detail = gettext_noop("The moments must be ones that data can produce."),
};

DriverSummary *
driver_summary_new(int p)
{
	DriverSummary *s = (DriverSummary *) summary_new_sized(&driver_summary_type,
														   driver_summary_size(p));

	s->d.p = p;
	return s;
}

DriverSummary *
driver_summary_value(DriverSummary *s)
{
	DriverSummary *value;

	if (likely((s->head.flags & DRIVER_STATE_DRIFT) == 0))
		return s;
	value = driver_summary_new(s->d.p);
	value->d = s->d;
	memcpy(value->m, s->m, sizeof(double) * driver_moments_count(s->d.p));
	return value;
}

void
driver_report_attributes(int have, int got)
{
	ereport(ERROR,
			(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
			 errmsg("cannot merge a driver_summary of %d attributes with one of %d", have, got),
			 errdetail("Summaries merge only when they describe the same attributes.")));
}

void
driver_report_sum_range(void)
{
	summary_report_sum_range(&driver_summary_type);
}

/* A variable's name in the rules' messages: the outcome, or attribute k. */
static const char *
variable_name(int i)
{
	return i == 0 ? _("the outcome") : psprintf(_("attribute %d"), i);
}

/*
 * A value breaking a consistency rule: 22P02 for text input, 22P03 for
 * binary, the rule named in the message and stated in the detail.
 */
pg_noreturn static void
report_rule(const DriverFault *f, const DriverHead *h, const double *m, bool text)
{
	int			code = text ? ERRCODE_INVALID_TEXT_REPRESENTATION :
		ERRCODE_INVALID_BINARY_REPRESENTATION;

	switch (f->rule)
	{
		case DRIVER_RULE_COUNTS:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: negative row count (n %lld, skipped %lld)",
							(long long) h->rows, (long long) h->skipped),
					 errdetail("Rows used (n) and skipped are whole numbers from 0.")));
			break;
		case DRIVER_RULE_P_RANGE:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: %s attributes (p)",
							h->p < 0 ? _("a negative number of") : psprintf("%d", h->p)),
					 errdetail("A driver_summary has 1 to %d attributes, or p = 0 before its first row.",
							   DRIVER_MAX_ATTRIBUTES)));
			break;
		case DRIVER_RULE_FLAGS:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: unknown flags %u", (unsigned) h->flags),
					 errdetail("Version %d knows one flag: 1, weighted.", DRIVER_SUMMARY_VERSION)));
			break;
		case DRIVER_RULE_UNKNOWN_P:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: %lld rows used without attributes (p = 0)",
							(long long) h->rows),
					 errdetail("p = 0 marks a summary that has seen no attribute array: it has used no row and is not weighted.")));
			break;
		case DRIVER_RULE_LENGTH:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: a list of %d values where p = %d needs %d",
							f->j, h->p, f->i),
					 errdetail("A summary of p attributes has p + 1 means and (p + 1)(p + 2)/2 co-moments.")));
			break;
		case DRIVER_RULE_NOT_FINITE:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: moment %d is not a finite number", f->i),
					 errdetail("The weight total, every mean and every co-moment are finite numbers.")));
			break;
		case DRIVER_RULE_TOTAL_ROWS:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: weight total %s with %lld rows used",
							float8out_internal(m[0]), (long long) h->rows),
					 errdetail("The weight total is 0 exactly when no row was used, and positive otherwise.")));
			break;
		case DRIVER_RULE_EMPTY_NONZERO:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: a summary without rows holds moment %d = %s%s",
							f->i, float8out_internal(m[f->i]),
							h->flags ? _(" and is weighted") : ""),
					 errdetail("Without a row used, the weight total, every mean and every co-moment are 0, and the summary is not weighted.")));
			break;
		case DRIVER_RULE_UNWEIGHTED_TOTAL:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: weight total %s of an unweighted summary of %lld rows",
							float8out_internal(m[0]), (long long) h->rows),
					 errdetail("Without weights (weighted:false) every row weighs 1: the weight total is the number of rows used.")));
			break;
		case DRIVER_RULE_ONE_ROW:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: a summary of one row with a nonzero co-moment"),
					 errdetail("One row has no spread: every co-moment of a summary of one row is 0.")));
			break;
		case DRIVER_RULE_MEAN_PAIR:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: the mean of %s is not a normalised pair",
							variable_name(f->i)),
					 errdetail("Each mean is a double-double: its low part is at most half a unit in the last place of its high part.")));
			break;
		case DRIVER_RULE_NEGATIVE_VARIANCE:
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid driver_summary: negative sum of squares %s of %s",
							float8out_internal(m[driver_moments_index(h->p, f->i, f->i)]),
							variable_name(f->i)),
					 errdetail("The co-moment matrix's diagonal, the weighted sums of squared deviations, is at least 0.")));
			break;
		case DRIVER_RULE_CORRELATION:
			{
				double		cij = m[driver_moments_index(h->p, f->i, f->j)],
							cii = m[driver_moments_index(h->p, f->i, f->i)],
							cjj = m[driver_moments_index(h->p, f->j, f->j)];

				ereport(ERROR,
						(errcode(code),
						 errmsg("invalid driver_summary: co-moment %s of %s and %s exceeds sqrt(%s * %s)",
								float8out_internal(cij), variable_name(f->i), variable_name(f->j),
								float8out_internal(cii), float8out_internal(cjj)),
						 errdetail("No data give a correlation beyond -1 or 1: |C_ij| <= sqrt(C_ii C_jj) for every pair of variables (0 is the outcome).")));
			}
			break;
		case DRIVER_RULE_NONE:
			break;
	}
	elog(ERROR, "unexpected driver_summary rule %d", (int) f->rule);
}

/* A codec status from input: the common errors, or the rule's. */
pg_noreturn static void
report_input(CodecStatus status, const CodecError *err, const DriverFault *fault,
			 const DriverHead *h, const double *m, const char *text)
{
	if (status == CODEC_INCONSISTENT)
		report_rule(fault, h, m, text != NULL);
	if (status == CODEC_LENGTH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary driver_summary: %lld bytes", (long long) err->value),
				 h->p > 0 || err->value >= DRIVER_BINARY_HEAD ?
				 errdetail("Version %d of a summary of %d attributes has exactly %zu bytes.",
						   DRIVER_SUMMARY_VERSION, h->p, driver_binary_size(h->p)) :
				 errdetail("Version %d has at least %d bytes.", DRIVER_SUMMARY_VERSION,
						   DRIVER_BINARY_HEAD)));
	summary_report(&driver_summary_type, status, err, text);
}

/* The value read into h and m, as a new summary. */
static DriverSummary *
summary_of(const DriverHead *h, const double *m)
{
	DriverSummary *s = driver_summary_new(h->p);

	s->d = *h;
	memcpy(s->m, m, sizeof(double) * driver_moments_count(h->p));
	return s;
}

Datum
driver_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	DriverHead	h;
	double	   *m = palloc(sizeof(double) * DRIVER_MOMENTS_MAX_LENGTH);
	CodecError	err;
	DriverFault fault;
	CodecStatus status = driver_parse_text(str, &h, m, &err, &fault);

	if (status != CODEC_OK)
		report_input(status, &err, &fault, &h, m, str);
	PG_RETURN_POINTER(summary_of(&h, m));
}

Datum
driver_summary_out(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);
	size_t		size = driver_text_size(s->d.p);
	char	   *buf = palloc(size);

	driver_format_text(&s->d, s->m, buf, size);
	PG_RETURN_CSTRING(buf);
}

Datum
driver_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	DriverHead	h;
	double	   *m = palloc(sizeof(double) * DRIVER_MOMENTS_MAX_LENGTH);
	CodecError	err;
	DriverFault fault;
	CodecStatus status = driver_decode_binary((const uint8_t *) buf->data + buf->cursor,
											  (size_t) (buf->len - buf->cursor), &h, m, &err, &fault);

	if (status != CODEC_OK)
		report_input(status, &err, &fault, &h, m, NULL);
	buf->cursor = buf->len;
	PG_RETURN_POINTER(summary_of(&h, m));
}

Datum
driver_summary_send(PG_FUNCTION_ARGS)
{
	DriverSummary *s = PG_GETARG_DRIVER_SUMMARY_P(0);
	size_t		size = driver_binary_size(s->d.p);
	uint8_t    *bytes = palloc(size);
	StringInfoData buf;

	driver_encode_binary(&s->d, s->m, bytes);
	pq_begintypsend(&buf);
	pq_sendbytes(&buf, (const char *) bytes, size);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* dst := dst + src in place (dst has room: its p is src's, or src's is 0), or the error. */
static void
merge_into(DriverSummary *dst, const DriverSummary *src)
{
	switch (driver_merge(&dst->d, dst->m, &src->d, src->m))
	{
		case CODEC_OK:
			return;
		case CODEC_KEY_RANGE:
			driver_report_attributes(dst->d.p, src->d.p);
			break;
		case CODEC_NOT_FINITE:
			driver_report_sum_range();
			break;
		default:
			summary_report(&driver_summary_type, CODEC_TOTAL_RANGE, NULL, NULL);
	}
}

DriverSummary *
driver_summary_merged(const DriverSummary *a, const DriverSummary *b)
{
	int			p = a->d.p > 0 ? a->d.p : b->d.p;
	DriverSummary *r = driver_summary_new(p);

	if (a->d.p > 0 && b->d.p > 0 && a->d.p != b->d.p)
		driver_report_attributes(a->d.p, b->d.p);
	/* r is a, with room for b's moments when a has none yet */
	r->d = a->d;
	memcpy(r->m, a->m, sizeof(double) * driver_moments_count(a->d.p));
	merge_into(r, b);
	return r;
}

Datum
driver_summary_merge(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(driver_summary_merged(PG_GETARG_DRIVER_SUMMARY_P(0),
											PG_GETARG_DRIVER_SUMMARY_P(1)));
}

static bool
summaries_equal(FunctionCallInfo fcinfo)
{
	DriverSummary *a = PG_GETARG_DRIVER_SUMMARY_P(0);
	DriverSummary *b = PG_GETARG_DRIVER_SUMMARY_P(1);

	return driver_same(&a->d, a->m, &b->d, b->m);
}

Datum
driver_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(summaries_equal(fcinfo));
}

Datum
driver_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!summaries_equal(fcinfo));
}

/*
 * Combine function of every aggregate returning a driver_summary, and the
 * transition function of rollup(): in place, unless the state has no
 * attributes yet and the other value has, which needs a larger state.
 */
Datum
driver_summary_combine(PG_FUNCTION_ARGS)
{
	DriverSummary *state = (DriverSummary *) summary_state(fcinfo, &driver_summary_type);
	DriverSummary *other = PG_GETARG_DRIVER_SUMMARY_P(1);

	if (state->d.p == 0 && other->d.p > 0)
		PG_RETURN_POINTER(driver_summary_merged(state, other));
	merge_into(state, other);
	PG_RETURN_POINTER(state);
}

/*
 * The inverse of rollup() in window frames declines: removing a merged
 * summary again (an un-merge) would subtract whole co-moment matrices,
 * whose cancellation no per-row drift bound covers.  NULL tells
 * PostgreSQL to recompute the frame from its rows.
 */
Datum
driver_summary_retract(PG_FUNCTION_ARGS)
{
	PG_RETURN_NULL();
}

/*
 * Final function of driver_agg() and rollup(): the value without a
 * state's drift bounds; NULL when no row (used or skipped) was seen.
 */
Datum
driver_summary_final(PG_FUNCTION_ARGS)
{
	DriverSummary *state = PG_GETARG_DRIVER_SUMMARY_P(0);

	if (state->d.p == 0 && state->d.rows == 0 && state->d.skipped == 0)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(driver_summary_value(state));
}
