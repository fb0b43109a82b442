/*
 * monitoring_codec.h
 *	  control_summary, the transition state of every monitoring aggregate
 *	  (baselines, EWMA, CUSUM, run rules), in plain C: its layouts, its
 *	  consistency rules, and its text and binary encodings.  Fuzzed
 *	  (test/fuzz), so nothing here depends on the server.
 *
 * A control_summary is a summary (summary.h): the 8-byte header, then a
 * ControlState.  Its kind says which aggregate's state it is; every
 * aggregate starts from the empty state '{}' and its first row sets the
 * kind, the reading (how a period's summary becomes a MonitorPoint: the
 * metric, and a share's k and scale or a mean's scale) and the parameters,
 * which later rows must repeat.  The layouts are those of
 * monitoring_model.h:
 *
 *	 baseline	MonitorBaselineState and its periods: variable size
 *	 ewma		the baseline charted against, sigmas, MonitorEwmaState
 *	 cusum		the baseline, h, MonitorCusumState
 *	 runs		the baseline, MonitorRunsState (z from the summaries)
 *	 runs_z		MonitorRunsState (z given)
 *
 * A state whose parameters were NULL (a store without a baseline in a LEFT
 * JOIN) has results NULL and holds nothing after its head.
 *
 * Text, keys in this order (white space allowed between tokens):
 *
 *	 {}
 *	 {kind:ewma,parameters:null}
 *	 {kind:baseline,metric:share,k:2,scale_max:5,empty:1,
 *	  periods:[[n,weight,sum,variance],...]}
 *	 {kind:ewma,method:shewhart,baseline:{metric:nps,centre:20,
 *	  variance:6400,sigma_z:null,periods:20,empty_periods:0,answers:2400},
 *	  lambda:0.2,sigmas:3,rows:5,t:5,current:1,ewma:0.5}
 *
 * (k and scale_max in a share's reading, scale_max in a mean's when it has
 * a scale; cusum: k, h, rows, t, current, upper_sum, lower_sum; runs and
 * runs_z: rows, useful, crossings, run, longest, side, beyond, current.)
 * Numbers are plain decimals, the shortest that read back exactly; sigma_z and
 * variance may be null (unknown), an EWMA or CUSUM Infinity or -Infinity
 * (a baseline without variance).
 *
 * Binary, big-endian: version, kind, method and nulls bytes, k and
 * scale_max as int16; a baseline's metric (int32), count of periods
 * (uint32), empty periods (int64) and 4 doubles per period; a chart's
 * baseline (metric as int32, then 8 bytes per field) and its fields in the
 * text's order, int32 fields in 4 bytes, the others in 8.
 */
#ifndef CSM_MONITORING_CODEC_H
#define CSM_MONITORING_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "codec.h"
#include "monitoring_model.h"

#define CONTROL_SUMMARY_VERSION 1

typedef enum ControlKind
{
	CONTROL_EMPTY = 0,			/* '{}': the aggregates' INITCOND */
	CONTROL_BASELINE = 1,
	CONTROL_EWMA = 2,
	CONTROL_CUSUM = 3,
	CONTROL_RUNS = 4,
	CONTROL_RUNS_Z = 5
} ControlKind;

typedef enum ControlMethod
{
	CONTROL_SHEWHART = 0,
	CONTROL_LANEY = 1
} ControlMethod;

/* What every state starts with. */
typedef struct ControlHead
{
	uint8_t		kind;			/* a ControlKind */
	uint8_t		method;			/* a chart's ControlMethod; 0 elsewhere */
	uint8_t		nulls;			/* 1: a parameter was NULL, and nothing follows */
	uint8_t		reserved;		/* 0 */
	int16_t		k;				/* a share's top k boxes; 0 for other metrics */
	int16_t		scale_max;		/* a share's scale, a mean's or 0 (none); 0 for NPS */
} ControlHead;

/* What a chart is drawn against: the baseline, and sigmas (EWMA) or h (CUSUM). */
typedef struct ControlChart
{
	MonitorBaseline baseline;
	double		param;			/* EWMA: sigmas; CUSUM: h; run rules: 0 */
} ControlChart;

typedef struct ControlEwma
{
	ControlChart chart;
	MonitorEwmaState state;
} ControlEwma;

typedef struct ControlCusum
{
	ControlChart chart;
	MonitorCusumState state;
} ControlCusum;

typedef struct ControlRuns
{
	ControlChart chart;
	MonitorRunsState state;
} ControlRuns;

typedef struct ControlState
{
	ControlHead head;
	union
	{
		MonitorBaselineState baseline;	/* followed by its periods */
		ControlEwma ewma;
		ControlCusum cusum;
		ControlRuns runs;
		MonitorRunsState runs_z;
	}			u;
} ControlState;

/* Bytes of a state before its payload: the head, padded to 8. */
#define CONTROL_HEAD_SIZE	offsetof(ControlState, u)

/*
 * The consistency rules (codec.h) every input path checks, besides the
 * syntax, version and length:
 */
#define CONTROL_RULE_HEAD \
	gettext_noop("The kind is baseline, ewma, cusum, runs or runs_z; a chart's method is shewhart or laney; a state with NULL parameters holds nothing else; reserved fields are 0.")
#define CONTROL_RULE_READING \
	gettext_noop("A share is read as the top k boxes of a 1..scale_max scale, 1 <= k < scale_max <= 10; a mean's scale_max is 2 to 10 or none; an NPS has neither.")
#define CONTROL_RULE_PERIOD \
	gettext_noop("A baseline period has at least 1 effective answer, a weight above 0, a value within the metric's range, and the variance its value allows: for an NPS x (on -1..1) between 10^4 (|x| - x^2) and 10^4 (1 - x^2), for a share p 10^4 p (1 - p), for a mean at most half the square of its scale's width (0 to 10 without a scale).")
#define CONTROL_RULE_PERIODS \
	gettext_noop("A baseline holds at most 16777216 periods with answers, and at most 9223372036854775807 empty ones.")
#define CONTROL_RULE_BASELINE \
	gettext_noop("A chart's baseline has a finite centre within the metric's range, a variance and a sigma_z of at least 0 or null, and periods, empty periods and answers of at least 0.")
#define CONTROL_RULE_PARAMETERS \
	gettext_noop("A chart's parameters are in their domains: 0 < lambda <= 1, sigmas > 0, k >= 0, h > 0, all finite.")
#define CONTROL_RULE_COUNTERS \
	gettext_noop("A chart has seen at least 1 row and t <= rows periods with a z; current is 1 only after a period with a z.")
#define CONTROL_RULE_SUMS \
	gettext_noop("The EWMA and the CUSUMs are 0 before the first period with a z, and the CUSUMs are never below 0.")
#define CONTROL_RULE_RUNS \
	gettext_noop("Run-rule counts agree: useful points <= rows; crossings < useful points, or 0; 1 <= current run <= longest run <= useful points - crossings; useful points <= (crossings + 1) * longest run; the side is +1 or -1 exactly when there are useful points; points beyond 3 sigma <= rows; current is 0, 1 or 2, and 2 only after a point beyond 3 sigma.")

/* The reading's clipping range bounds for monitor_baseline_init(): NaN when none. */
extern void control_reading_scale(MonitorMetric metric, int scale_max, double *scale_lo,
								  double *scale_hi);
/* Whether (metric, k, scale_max) is a reading CONTROL_RULE_READING allows. */
extern bool control_reading_valid(uint32_t metric, int k, int scale_max);

/* The bytes a state of this kind needs (count: a baseline's periods). */
extern size_t control_kind_size(ControlKind kind, bool nulls, uint32_t count);
/* The bytes s needs, from its head and count; 0 when its head is not a valid one. */
extern size_t control_state_size(const ControlState *s);

/*
 * NULL when s, of `bytes` bytes with its head, keeps the rules above, else
 * the text of the first it breaks.  A transition state may hold room for
 * more periods after its last (tail true): then bytes may exceed its size.
 */
extern const char *control_state_rule(const ControlState *s, size_t bytes, bool tail);

/* Whether two valid states hold the same contents (NaN equal to NaN). */
extern bool control_equal(const ControlState *a, const ControlState *b);

/*
 * Text.  control_text_capacity(str) is enough bytes for whatever state
 * str can hold; control_text_length(s) enough for its text with the NUL.
 */
extern size_t control_text_capacity(const char *str);
extern CodecStatus control_parse_text(const char *str, ControlState *s, size_t capacity,
									  CodecError *err);
extern size_t control_text_length(const ControlState *s);
extern size_t control_format_text(const ControlState *s, char *buf, size_t buflen);

/*
 * Binary.  control_binary_capacity(len) is enough bytes for the state of
 * len bytes of binary; CODEC_LENGTH's err->value is the length read.
 */
extern size_t control_binary_capacity(size_t len);
extern CodecStatus control_decode_binary(const uint8_t *data, size_t len, ControlState *s,
										 size_t capacity, CodecError *err);
extern size_t control_binary_size(const ControlState *s);
extern void control_encode_binary(const ControlState *s, uint8_t *out);

#endif							/* CSM_MONITORING_CODEC_H */
