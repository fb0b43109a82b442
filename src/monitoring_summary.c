/*
 * monitoring_summary.c
 *	  control_summary's input, output and equality; the control_baseline
 *	  composite as arguments bring it; a period read from a ratings summary;
 *	  the family's parameter checks and errors (monitoring_summary.h).
 *
 * control_summary is a variable-size summary (summary.h): a baseline keeps
 * every period it has read.  Its rules are the codec's
 * (monitoring_codec.c), which text and binary input both apply.
 */
#include "postgres.h"

#include <math.h>

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/typcache.h"

#include "monitoring_summary.h"
#include "counts_summary.h"
#include "rating_scales.h"
#include "rating_summary.h"
#include "rating_tally.h"
#include "result_types.h"
#include "survey.h"

PG_FUNCTION_INFO_V1(control_summary_in);
PG_FUNCTION_INFO_V1(control_summary_out);
PG_FUNCTION_INFO_V1(control_summary_recv);
PG_FUNCTION_INFO_V1(control_summary_send);
PG_FUNCTION_INFO_V1(control_summary_eq);
PG_FUNCTION_INFO_V1(control_summary_ne);

/* ---- the type ---------------------------------------------------------------- */

/* The size a value's contents need; with CONTROL_TAIL, at least that. */
static bool
control_size_valid(const SummaryHeader *h)
{
	const ControlSummary *s = (const ControlSummary *) h;
	Size		bytes = VARSIZE(h) - SUMMARY_HEADER_SIZE;
	Size		need;

	if (s->state.head.kind == CONTROL_BASELINE && !s->state.head.nulls &&
		bytes < CONTROL_HEAD_SIZE + sizeof(MonitorBaselineState))
		return false;
	need = control_state_size(&s->state);
	if (need == 0)
		return false;
	if (h->flags & CONTROL_TAIL)
		return s->state.head.kind == CONTROL_BASELINE && bytes >= need;
	return bytes == need;
}

const SummaryType control_summary_type = {
	.name = "control_summary",
	.version = CONTROL_SUMMARY_VERSION,
	.state_flags = CONTROL_TAIL,
	.size = CONTROL_SUMMARY_MIN_SIZE,
	.binary_size = 8,
	.size_valid = control_size_valid,
	.wording = SUMMARY_VALUED,
	.syntax_hint = gettext_noop("A control_summary is the state of a monitoring aggregate, as its output prints it: {} when empty, {kind:baseline,metric:nps,empty:0,periods:[[n,weight,sum,variance],...]} for a baseline."),
	.count_detail = gettext_noop("Counts are whole numbers from 0 to 9223372036854775807."),
	.answers = gettext_noop("periods"),
	.sums_detail = CONTROL_RULE_HEAD,
};

ControlSummary *
control_summary_new(Size bytes, bool tail)
{
	ControlSummary *s = (ControlSummary *) summary_new_sized(&control_summary_type,
															 SUMMARY_HEADER_SIZE + bytes);

	if (tail)
		s->head.flags |= CONTROL_TAIL;
	return s;
}

ControlSummary *
control_state_for_update(FunctionCallInfo fcinfo)
{
	return (ControlSummary *) summary_state(fcinfo, &control_summary_type);
}

pg_noreturn static void
report_codec(CodecStatus status, const CodecError *err, const char *input)
{
	if (status == CODEC_INCONSISTENT)
		ereport(ERROR,
				(errcode(input ? ERRCODE_INVALID_TEXT_REPRESENTATION :
						 ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid control_summary: a state no monitoring aggregate could reach"),
				 errdetail("%s", _(err->rule ? err->rule : CONTROL_RULE_HEAD))));
	if (status == CODEC_LENGTH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary control_summary: %lld bytes", (long long) err->value),
				 errdetail("The length does not match the kind and the number of periods the value states.")));
	summary_report(&control_summary_type, status, err, input);
}

Datum
control_summary_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Size		capacity = control_text_capacity(str);
	ControlState *state = palloc0(capacity);
	CodecError	err;
	CodecStatus status = control_parse_text(str, state, capacity, &err);
	ControlSummary *s;
	Size		bytes;

	if (status != CODEC_OK)
		report_codec(status, &err, str);
	bytes = control_state_size(state);
	s = control_summary_new(bytes, false);
	memcpy(&s->state, state, bytes);
	PG_RETURN_POINTER(s);
}

Datum
control_summary_out(PG_FUNCTION_ARGS)
{
	ControlSummary *s = PG_GETARG_CONTROL_SUMMARY_P(0);
	Size		len = control_text_length(&s->state);
	char	   *buf = palloc(len);

	control_format_text(&s->state, buf, len);
	PG_RETURN_CSTRING(buf);
}

Datum
control_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	Size		len = (Size) (buf->len - buf->cursor);
	Size		capacity = control_binary_capacity(len);
	ControlState *state = palloc0(capacity);
	CodecError	err;
	CodecStatus status = control_decode_binary((const uint8 *) buf->data + buf->cursor, len,
											   state, capacity, &err);
	ControlSummary *s;
	Size		bytes;

	if (status != CODEC_OK)
		report_codec(status, &err, NULL);
	buf->cursor = buf->len;
	bytes = control_state_size(state);
	s = control_summary_new(bytes, false);
	memcpy(&s->state, state, bytes);
	PG_RETURN_POINTER(s);
}

Datum
control_summary_send(PG_FUNCTION_ARGS)
{
	ControlSummary *s = PG_GETARG_CONTROL_SUMMARY_P(0);
	Size		len = control_binary_size(&s->state);
	StringInfoData buf;

	pq_begintypsend(&buf);
	enlargeStringInfo(&buf, (int) len);
	control_encode_binary(&s->state, (uint8 *) buf.data + buf.len);
	buf.len += (int) len;
	buf.data[buf.len] = '\0';
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
control_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(control_equal(&PG_GETARG_CONTROL_SUMMARY_P(0)->state,
								 &PG_GETARG_CONTROL_SUMMARY_P(1)->state));
}

Datum
control_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!control_equal(&PG_GETARG_CONTROL_SUMMARY_P(0)->state,
								  &PG_GETARG_CONTROL_SUMMARY_P(1)->state));
}

/* ---- words --------------------------------------------------------------------- */

const char *
control_metric_name(uint32 metric)
{
	switch (metric)
	{
		case MONITOR_NPS:
			return "nps";
		case MONITOR_SHARE:
			return "share";
		case MONITOR_MEAN:
			return "mean";
	}
	return "?";
}

const char *
control_metric_article(uint32 metric)
{
	switch (metric)
	{
		case MONITOR_NPS:
			return "an NPS";
		case MONITOR_SHARE:
			return "a share";
		case MONITOR_MEAN:
			return "a mean";
	}
	return "a";
}

MonitorMetric
control_metric_of(const char *name)
{
	if (pg_strcasecmp(name, "nps") == 0)
		return MONITOR_NPS;
	if (pg_strcasecmp(name, "share") == 0)
		return MONITOR_SHARE;
	if (pg_strcasecmp(name, "mean") == 0)
		return MONITOR_MEAN;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown baseline metric \"%s\"", name),
			 errhint("A baseline's metric is 'nps', 'share' (a top-k box share) or 'mean'.")));
}

/* Whether a text is the word, in any case: without a copy, as it runs per row. */
static bool
text_is(text *t, const char *word)
{
	size_t		len = strlen(word);

	return VARSIZE_ANY_EXHDR(t) == len && pg_strncasecmp(VARDATA_ANY(t), word, len) == 0;
}

ControlMethod
control_method_of(text *name)
{
	char	   *s;

	if (text_is(name, "shewhart"))
		return CONTROL_SHEWHART;
	if (text_is(name, "laney"))
		return CONTROL_LANEY;
	s = text_to_cstring(name);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown control chart method \"%s\"", s),
			 errhint("Use 'shewhart' (limits from the baseline's variance, the default) or 'laney' (p' and NPS' limits, for overdispersed series of large periods).")));
}

void
control_reading_require_valid(MonitorMetric metric, int k, int scale_max)
{
	switch (metric)
	{
		case MONITOR_NPS:
			if (k != 0 || scale_max != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("an NPS baseline has no k or scale_max"),
						 errdetail("k and scale_max read a top-k box share; NPS reads ratings 0 to 10 as detractors, passives and promoters.")));
			break;
		case MONITOR_SHARE:
			rating_require_scale_max(scale_max, 2);
			rating_require_top_boxes(k, scale_max);
			break;
		case MONITOR_MEAN:
			if (k != 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("a mean baseline has no k"),
						 errdetail("k reads a top-k box share; a mean reads every rating.")));
			if (scale_max != 0)
				rating_require_scale_max(scale_max, 2);
			break;
	}
}

/* ---- parameters ------------------------------------------------------------------ */

double
control_require_lambda(double lambda)
{
	if (!(lambda > 0.0 && lambda <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("EWMA lambda %g is out of range", lambda),
				 errdetail("The EWMA's smoothing constant lambda is greater than 0 and at most 1, as in 0.2.")));
	return lambda;
}

double
control_require_sigmas(double sigmas)
{
	if (!(sigmas > 0.0 && isfinite(sigmas)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sigmas %g is out of range", sigmas),
				 errdetail("Control limits lie a finite number of standard errors greater than 0 from the centre, as in 3.")));
	return sigmas;
}

double
control_require_k(double k)
{
	if (!(k >= 0.0 && isfinite(k)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("CUSUM reference value k %g is out of range", k),
				 errdetail("k is a finite number of standard errors of at least 0, as in 0.5.")));
	return k;
}

double
control_require_h(double h)
{
	if (!(h > 0.0 && isfinite(h)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("CUSUM decision interval h %g is out of range", h),
				 errdetail("h is a finite number of standard errors greater than 0, as in 5.")));
	return h;
}

double
control_require_shift(double shift)
{
	if (!isfinite(shift))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("shift %g is not a finite number", shift),
				 errdetail("The shift of the mean is a finite number of standard errors; 0 gives the in-control run length.")));
	return shift;
}

void
control_report_changed(const char *function, const char *parameter)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s changed between rows of one series", function, parameter),
			 errdetail("A series is charted against one baseline with one set of parameters: they must be the same on every row."),
			 errhint("Chart each series on its own, with PARTITION BY in the window or GROUP BY in the query.")));
}

void
control_report_kind(const char *function, const ControlSummary *s)
{
	static const char *const kinds[] = {"no aggregate", "a baseline", "ewma_chart",
	"cusum_chart", "run_rules", "run_rules over z"};

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s cannot continue a control_summary of %s", function,
					s->state.head.kind < lengthof(kinds) ? kinds[s->state.head.kind] : "?"),
			 errdetail("Each monitoring aggregate continues only its own states.")));
}

void
control_report_status(MonitorStatus status, const char *function)
{
	if (status == MONITOR_TOO_MANY_PERIODS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s: a baseline holds at most %u periods with answers",
						function, MONITOR_MAX_PERIODS)));
	/* parameters and baselines are checked, with their values, before the model sees them */
	elog(ERROR, "%s: unexpected monitoring status: %s", function, monitor_status_message(status));
}

/* ---- results and the call's cache -------------------------------------------------- */

typedef struct ControlCache
{
	TupleDesc	result;			/* the result row's descriptor, blessed */
	const char *result_name;
	/* the last control_baseline argument: its bytes and what they decode to */
	char	   *raw;
	Size		raw_len;
	Size		raw_room;
	ControlBaseline value;
} ControlCache;

static ControlCache *
control_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo == NULL)
		return NULL;
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt,
														  sizeof(ControlCache));
	return (ControlCache *) fcinfo->flinfo->fn_extra;
}

Datum
control_result_row(FunctionCallInfo fcinfo, const char *typname, Datum *values, bool *nulls)
{
	ControlCache *cache = control_cache(fcinfo);

	if (cache == NULL)
		return csm_result_row(fcinfo, typname, values, nulls);
	if (cache->result == NULL || cache->result_name != typname)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		cache->result = csm_result_tupdesc(fcinfo, typname);
		cache->result_name = typname;
		MemoryContextSwitchTo(old);
	}
	return HeapTupleGetDatum(heap_form_tuple(cache->result, values, nulls));
}

/* ---- the control_baseline composite ------------------------------------------------ */

/* metric, centre, variance, sigma_z, periods, empty_periods, answers, k, scale_max */
#define BASELINE_NATTS 9

void
control_baseline_require_valid(const ControlBaseline *b)
{
	const MonitorBaseline *m = &b->baseline;

	if (!(isfinite(m->centre) && m->centre >= m->range_lo && m->centre <= m->range_hi))
	{
		if (isinf(m->range_lo))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("baseline centre %g is not a finite number", m->centre)));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline centre %g is out of range", m->centre),
				 errdetail("The centre of %s baseline lies between %g and %g.",
						   control_metric_article(m->metric), m->range_lo, m->range_hi)));
	}
	if (!(isnan(m->variance) || (m->variance >= 0.0 && isfinite(m->variance))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline variance %g is out of range", m->variance),
				 errdetail("A baseline's variance per answer is a finite number of at least 0, or NULL when unknown.")));
	if (!(isnan(m->sigma_z) || (m->sigma_z >= 0.0 && isfinite(m->sigma_z))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline sigma_z %g is out of range", m->sigma_z),
				 errdetail("Laney's sigma_z is a finite number of at least 0, or NULL when unknown.")));
	if (m->periods < 0 || m->empty_periods < 0 || !(m->n >= 0.0 && isfinite(m->n)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("baseline counts out of range: %lld periods, %lld empty periods, %g answers",
						(long long) m->periods, (long long) m->empty_periods, m->n),
				 errdetail("A baseline's periods, empty periods and answers are at least 0.")));
	if (!monitor_baseline_valid(m))
		elog(ERROR, "a checked baseline fails the model's check");
}

static double
float8_or_nan(Datum *values, bool *nulls, int i)
{
	return nulls[i] ? NAN : DatumGetFloat8(values[i]);
}

static void
decode_baseline(HeapTupleHeader th, ControlBaseline *out)
{
	Oid			type = HeapTupleHeaderGetTypeId(th);
	int32		typmod = HeapTupleHeaderGetTypMod(th);
	TupleDesc	desc = lookup_rowtype_tupdesc(type, typmod);
	HeapTupleData tuple;
	Datum		values[BASELINE_NATTS];
	bool		nulls[BASELINE_NATTS];
	MonitorBaseline *m = &out->baseline;
	double		scale_lo,
				scale_hi;

	if (desc->natts != BASELINE_NATTS)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("a control_baseline has %d fields, not %d", BASELINE_NATTS, desc->natts)));
	tuple.t_len = HeapTupleHeaderGetDatumLength(th);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = th;
	heap_deform_tuple(&tuple, desc, values, nulls);
	ReleaseTupleDesc(desc);

	memset(out, 0, sizeof(*out));
	if (nulls[0] || nulls[1])
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a control_baseline needs a metric and a centre"),
				 errhint("Make one with nps_baseline(), share_baseline(), mean_baseline() or control_baseline(metric, centre, sd).")));
	m->metric = control_metric_of(TextDatumGetCString(values[0]));
	out->k = 0;
	out->scale_max = 0;
	/* k and scale_max are small integers once checked: check them whole first */
	{
		int32		k = nulls[7] ? 0 : DatumGetInt32(values[7]);
		int32		scale_max = nulls[8] ? 0 : DatumGetInt32(values[8]);

		if (m->metric == MONITOR_SHARE && (nulls[7] || nulls[8]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("a share baseline needs k and scale_max"),
					 errdetail("A share is the top k boxes of a 1..scale_max scale, as csat_topk(s, k, scale_max) reads it.")));
		control_reading_require_valid((MonitorMetric) m->metric, k, scale_max);
		out->k = (int16) k;
		out->scale_max = (int16) scale_max;
	}
	control_reading_scale((MonitorMetric) m->metric, out->scale_max, &scale_lo, &scale_hi);
	monitor_metric_range((MonitorMetric) m->metric, &m->range_lo, &m->range_hi);
	if (!isnan(scale_lo))
	{
		m->range_lo = scale_lo;
		m->range_hi = scale_hi;
	}
	m->centre = DatumGetFloat8(values[1]);
	m->variance = float8_or_nan(values, nulls, 2);
	m->sigma_z = float8_or_nan(values, nulls, 3);
	m->periods = nulls[4] ? 0 : DatumGetInt64(values[4]);
	m->empty_periods = nulls[5] ? 0 : DatumGetInt64(values[5]);
	m->n = nulls[6] ? 0.0 : DatumGetFloat8(values[6]);
	control_baseline_require_valid(out);
}

const ControlBaseline *
control_baseline_arg(FunctionCallInfo fcinfo, int argno)
{
	HeapTupleHeader th = PG_GETARG_HEAPTUPLEHEADER(argno);
	Size		len = HeapTupleHeaderGetDatumLength(th);
	ControlCache *cache = control_cache(fcinfo);
	ControlBaseline *b;

	if (cache == NULL)
	{
		b = palloc(sizeof(ControlBaseline));
		decode_baseline(th, b);
		return b;
	}
	if (cache->raw != NULL && cache->raw_len == len && memcmp(cache->raw, th, len) == 0)
		return &cache->value;
	cache->raw_len = 0;
	decode_baseline(th, &cache->value);
	if (cache->raw_room < len)
	{
		if (cache->raw != NULL)
			pfree(cache->raw);
		cache->raw = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, len);
		cache->raw_room = len;
	}
	memcpy(cache->raw, th, len);
	cache->raw_len = len;
	return &cache->value;
}

Datum
control_baseline_datum(FunctionCallInfo fcinfo, const ControlBaseline *b)
{
	const MonitorBaseline *m = &b->baseline;
	Datum		values[BASELINE_NATTS];
	bool		nulls[BASELINE_NATTS] = {false};

	values[0] = CStringGetTextDatum(control_metric_name(m->metric));
	values[1] = Float8GetDatum(m->centre);
	values[2] = Float8GetDatum(m->variance);
	nulls[2] = isnan(m->variance);
	values[3] = Float8GetDatum(m->sigma_z);
	nulls[3] = isnan(m->sigma_z);
	values[4] = Int64GetDatum(m->periods);
	values[5] = Int64GetDatum(m->empty_periods);
	values[6] = Float8GetDatum(m->n);
	values[7] = Int32GetDatum(b->k);
	nulls[7] = m->metric != MONITOR_SHARE;
	values[8] = Int32GetDatum(b->scale_max);
	nulls[8] = b->scale_max == 0;
	return control_result_row(fcinfo, "control_baseline", values, nulls);
}

/* ---- a period from a summary ------------------------------------------------------ */

/*
 * The counts of a plain summary, for NPS and shares: read in place, without
 * the tally's double-double weights (a chart reads one summary per row).
 * The sums of counts are the integers the tally's would round to.
 */
static MonitorPoint
read_counts(Datum summary, MonitorMetric metric, int k, int scale_max)
{
	CountsSummary *s = counts_summary_detoast(&rating_summary_type, summary);
	CountsBuffer buf;
	CountsRef	ref = counts_buffer_ref(&buf);
	const int64 *count = (const int64 *) ref.cells;
	MonitorPoint empty = {0.0, 0.0, 0.0, 0.0};
	int64		hits = 0;

	counts_summary_read(&rating_summary_type, s, ref);
	if (*ref.total == 0)
		return empty;
	if (metric == MONITOR_NPS)
	{
		NpsCounts	c = {0.0, 0.0, 0.0};

		c.detractors = (double) rating_count_range(count, RATING_MIN, NPS_DETRACTOR_MAX);
		c.passives = (double) rating_count_range(count, NPS_DETRACTOR_MAX + 1, NPS_PASSIVE_MAX);
		c.promoters = (double) rating_count_range(count, NPS_PASSIVE_MAX + 1, RATING_MAX);
		return monitor_point_nps(c, (double) *ref.total);
	}
	rating_require_scale(count, scale_max, "CSAT",
						 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	hits = rating_count_range(count, scale_max - k + 1, scale_max);
	return monitor_point_share((double) hits, (double) *ref.total, (double) *ref.total);
}

MonitorPoint
control_read_period(Datum summary, bool weighted, MonitorMetric metric, int k, int scale_max)
{
	RatingTally t;
	double		n;
	MonitorPoint empty = {0.0, 0.0, 0.0, 0.0};

	if (!weighted && metric != MONITOR_MEAN)
		return read_counts(summary, metric, k, scale_max);

	if (weighted)
		rating_tally_of_weighted(summary, &t);
	else
		rating_tally_of_rating(summary, &t);
	if (t.n == 0)
		return empty;
	if (metric == MONITOR_SHARE)
		rating_require_scale(t.answers, scale_max, "CSAT",
							 scale_max == CSAT_DEFAULT_SCALE ? CSAT_SCALE_HINT : NULL);
	else if (metric == MONITOR_MEAN && scale_max > 0)
		rating_require_scale(t.answers, scale_max, "rating", NULL);

	/* Kish's effective n, as effective_n() computes it */
	n = weighted ? dd_value(dd_mul(dd_div(t.total, rating_tally_weight_sq(&t)), t.total)) :
		(double) t.n;
	switch (metric)
	{
		case MONITOR_NPS:
			{
				NpsCounts	c;

				c.detractors = dd_value(rating_tally_weight(&t, RATING_MIN, NPS_DETRACTOR_MAX));
				c.passives = dd_value(rating_tally_weight(&t, NPS_DETRACTOR_MAX + 1,
														  NPS_PASSIVE_MAX));
				c.promoters = dd_value(rating_tally_weight(&t, NPS_PASSIVE_MAX + 1, RATING_MAX));
				return monitor_point_nps(c, n);
			}
		case MONITOR_SHARE:
			return monitor_point_share(dd_value(rating_tally_weight(&t, scale_max - k + 1,
																	 scale_max)),
									   dd_value(t.total), n);
		case MONITOR_MEAN:
			{
				double		x[RATING_NVALUES];
				double		variance;

				for (int r = RATING_MIN; r <= RATING_MAX; r++)
					x[r] = (double) r;
				/* the sample variance (svyvar's under weights); 0 for one answer */
				variance = t.n > 1 ? survey_value_variance(x, t.weight, RATING_NVALUES,
														   (double) t.n) : 0.0;
				return monitor_point_mean(dd_value(rating_tally_sum(&t)), dd_value(t.total),
										  variance, n);
			}
	}
	return empty;
}
