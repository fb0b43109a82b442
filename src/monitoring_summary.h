/*
 * monitoring_summary.h
 *	  The server side of monitoring over time: the control_summary type (the
 *	  state of every monitoring aggregate, monitoring_codec.h), the
 *	  control_baseline composite as arguments bring it, and a period read
 *	  from a rating_summary or weighted_rating_summary.
 *
 * docs/metrics.md §11 defines the charts; monitoring_model.h computes them.
 */
#ifndef CSM_MONITORING_SUMMARY_H
#define CSM_MONITORING_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"
#include "access/tupdesc.h"

#include "compat.h"
#include "monitoring_codec.h"
#include "summary.h"

/*
 * A state flag (summary.h): a baseline state with room for more periods
 * after its last, so that a baseline of T periods costs O(T) copies, not
 * O(T²).  Only a transition state carries it; the value's size is then at
 * least what its periods need.
 */
#define CONTROL_TAIL			0x02

typedef struct ControlSummary
{
	SummaryHeader head;			/* version CONTROL_SUMMARY_VERSION, flags 0 or CONTROL_TAIL */
	ControlState state;			/* as long as its kind needs (a baseline: its periods) */
} ControlSummary;

StaticAssertDecl(offsetof(ControlSummary, state) == SUMMARY_HEADER_SIZE,
				 "a control_summary's state follows the header");
StaticAssertDecl(CONTROL_HEAD_SIZE == 8,
				 "a control_summary's payload starts 8-byte aligned after its 8-byte head");

#define CONTROL_SUMMARY_MIN_SIZE	(SUMMARY_HEADER_SIZE + CONTROL_HEAD_SIZE)

extern const SummaryType control_summary_type;

/* A control_summary argument, detoasted and checked (its size against its contents). */
#define PG_GETARG_CONTROL_SUMMARY_P(n) \
	((ControlSummary *) summary_detoast(&control_summary_type, PG_GETARG_DATUM(n)))

/* The state a transition function updates: the executor's own in place, else a copy. */
extern ControlSummary *control_state_for_update(FunctionCallInfo fcinfo);
/* A new state of `bytes` bytes of ControlState (a transition state may have a tail). */
extern ControlSummary *control_summary_new(Size bytes, bool tail);

/*
 * How a chart reads its periods and what it is drawn against: the
 * control_baseline composite, decoded and checked.  The reading (k,
 * scale_max: 0 for none) and the baseline, all padding zeroed, so that
 * two equal baselines compare equal byte for byte.
 */
typedef struct ControlBaseline
{
	int16		k;
	int16		scale_max;
	int32		reserved;
	MonitorBaseline baseline;
} ControlBaseline;

/*
 * The control_baseline argument argno, decoded and checked (22023 naming
 * the field); the last one seen is kept in the call's cache, so that a
 * series' rows, which bring the same baseline, decode it once.
 */
extern const ControlBaseline *control_baseline_arg(FunctionCallInfo fcinfo, int argno);
/* The control_baseline composite of a baseline. */
extern Datum control_baseline_datum(FunctionCallInfo fcinfo, const ControlBaseline *b);
/* Checks a baseline made by the C code or read from a composite (22023). */
extern void control_baseline_require_valid(const ControlBaseline *b);

/* A row of one of csm's composite types, its descriptor kept in the call's cache. */
extern Datum control_result_row(FunctionCallInfo fcinfo, const char *typname, Datum *values,
								bool *nulls);

/* The reading's words: "nps", "share", "mean"; and its MonitorMetric from a word (22023). */
extern const char *control_metric_name(uint32 metric);
/* "an NPS", "a share", "a mean": for messages. */
extern const char *control_metric_article(uint32 metric);
extern MonitorMetric control_metric_of(const char *name);
/* 'shewhart' or 'laney' (22023 otherwise), as a ControlMethod. */
extern ControlMethod control_method_of(text *name);
/* A reading's k and scale_max checked as csat_topk and ces_avg check them (22023). */
extern void control_reading_require_valid(MonitorMetric metric, int k, int scale_max);

/*
 * One period: a rating_summary (weighted false) or weighted_rating_summary
 * read as the reading says (docs/metrics.md §11.1): NPS from its promoters
 * and detractors, a share of the top k boxes of 1..scale_max, or a mean;
 * n is the count, or Kish's effective n for weights.  A summary with
 * answers off a share's or scaled mean's scale is an error (22003), as
 * csat_topk and ces_avg make it.  No answers: the empty point.
 */
extern MonitorPoint control_read_period(Datum summary, bool weighted, MonitorMetric metric,
										int k, int scale_max);

/* The parameters, checked with their values in the message (22023); each returns its argument. */
extern double control_require_lambda(double lambda);
extern double control_require_sigmas(double sigmas);
extern double control_require_k(double k);
extern double control_require_h(double h);
extern double control_require_shift(double shift);

/* A baseline or parameter that differs from the series' earlier rows (22023). */
pg_noreturn extern void control_report_changed(const char *function, const char *parameter);
/* A state of another aggregate handed to a transition or final function (22023). */
pg_noreturn extern void control_report_kind(const char *function, const ControlSummary *s);
/* A model status that checked arguments cannot give: too many periods (54000), else XX000. */
pg_noreturn extern void control_report_status(MonitorStatus status, const char *function);

#endif							/* CSM_MONITORING_SUMMARY_H */
