/*
 * driver_codec.h
 *	  The driver_summary's payload, its text and binary encodings, its
 *	  consistency rules and its merge, in plain C so they can be fuzzed.
 *
 * A driver_summary is the key-driver analysis's state: the rows used and
 * skipped, the number p of attributes (0 until a row brings an attribute
 * array), whether the rows carried weights other than 1, and the moments
 * array of driver_model.h (the weight total, the means as double-double
 * pairs and the co-moment matrix of the outcome and the p attributes).
 *
 * Text, canonical (white space is accepted between tokens):
 *
 *	 {n:0,skipped:0,p:0}				no attribute array seen yet
 *	 {n:3,skipped:1,p:2,weighted:false,w:3,means:[2,3,4],comoments:[2,1,1,2,1,2]}
 *
 * n rows used, skipped rows skipped, p attributes, w the weight total
 * (n when weighted is false), means of (y, x_1..x_p), each a double-double
 * "hi" or "hi+lo" (codec.h), and the upper triangle of the co-moments
 * C_ij = sum w (v_i - mean_i)(v_j - mean_j), row by row (C_00, C_01, ...,
 * C_0p, C_11, ...), every double with 17 significant digits: the text
 * round-trips exactly.
 *
 * Binary (network byte order): the version byte, the flags byte
 * (DRIVER_WEIGHTED), p as one byte, n and skipped as int64; then, when p
 * > 0, the weight total, each mean as two float8 (hi, lo) and the
 * co-moments as float8: 19 + 8 * DRIVER_MOMENTS_LENGTH(p) bytes.
 *
 * The consistency rules (issue 24), one DriverRule each, checked by
 * driver_check() for every text and binary input: what no data can
 * produce is refused, and what an aggregate, + or rollup() produces from
 * valid values always passes (test/drivers checks both).
 */
#ifndef CSM_DRIVER_CODEC_H
#define CSM_DRIVER_CODEC_H

#include "codec.h"
#include "driver_model.h"

#define DRIVER_SUMMARY_VERSION	1

/* Some row used had a weight other than 1. */
#define DRIVER_WEIGHTED			0x01

/* The fixed part of the payload, before the moments. */
typedef struct DriverHead
{
	int64_t		rows;			/* rows used: no NULL, a weight above 0 */
	int64_t		skipped;		/* rows skipped: a NULL, or a weight of 0 */
	int32_t		p;				/* attributes; 0 before the first array */
	uint32_t	flags;			/* DRIVER_WEIGHTED */
} DriverHead;

#define DRIVER_BINARY_HEAD		19

/* The moments a head's p needs: none while p is 0. */
static inline int
driver_moments_count(int p)
{
	return p > 0 ? DRIVER_MOMENTS_LENGTH(p) : 0;
}

static inline size_t
driver_binary_size(int p)
{
	return DRIVER_BINARY_HEAD + 8 * (size_t) driver_moments_count(p);
}

/* Room for the text form of a summary of p attributes, with its NUL. */
static inline size_t
driver_text_size(int p)
{
	int			q = p + 1;

	return 160 + (size_t) q * (CODEC_DD_MAXLEN + 1) +
		(size_t) (q * (q + 1) / 2) * (CODEC_DOUBLE_MAXLEN + 1);
}

/* The consistency rules, in the order they are checked. */
typedef enum DriverRule
{
	DRIVER_RULE_NONE = 0,
	DRIVER_RULE_COUNTS,			/* n and skipped are at least 0 */
	DRIVER_RULE_P_RANGE,		/* p from 0 to 32 */
	DRIVER_RULE_FLAGS,			/* no unknown flag */
	DRIVER_RULE_UNKNOWN_P,		/* p = 0 only while no row is used */
	DRIVER_RULE_LENGTH,			/* text: q means and q (q + 1) / 2 co-moments */
	DRIVER_RULE_NOT_FINITE,		/* every moment finite (i: its position) */
	DRIVER_RULE_TOTAL_ROWS,		/* w = 0 exactly when n = 0, else w > 0 */
	DRIVER_RULE_EMPTY_NONZERO,	/* n = 0: every moment 0, not weighted */
	DRIVER_RULE_UNWEIGHTED_TOTAL,	/* not weighted: w = n */
	DRIVER_RULE_ONE_ROW,		/* n = 1: every co-moment 0 */
	DRIVER_RULE_MEAN_PAIR,		/* each mean a normalised pair (i) */
	DRIVER_RULE_NEGATIVE_VARIANCE,	/* C_ii >= 0 (i) */
	DRIVER_RULE_CORRELATION		/* |C_ij| <= sqrt(C_ii C_jj) (i, j) */
} DriverRule;

/* Which rule failed, and where (variables 0..p; 0 is the outcome). */
typedef struct DriverFault
{
	DriverRule	rule;
	int			i;
	int			j;
} DriverFault;

/*
 * The rules: CODEC_OK, or CODEC_INCONSISTENT with fault set.  m holds
 * driver_moments_count(h->p) doubles.
 */
extern CodecStatus driver_check(const DriverHead *h, const double *m, DriverFault *fault);

/*
 * Text and binary.  m has room for DRIVER_MOMENTS_MAX_LENGTH doubles.
 * Statuses: CODEC_SYNTAX (err->position), CODEC_COUNT_RANGE (a count past
 * int64), CODEC_VERSION and CODEC_LENGTH (binary: err->value), and
 * CODEC_INCONSISTENT (a rule, in fault).
 */
extern CodecStatus driver_parse_text(const char *str, DriverHead *h, double *m,
									 CodecError *err, DriverFault *fault);
/* Writes at most buflen bytes (driver_text_size() is enough); returns the length. */
extern size_t driver_format_text(const DriverHead *h, const double *m, char *buf, size_t buflen);
extern CodecStatus driver_decode_binary(const uint8_t *data, size_t len, DriverHead *h,
										double *m, CodecError *err, DriverFault *fault);
/* out has room for driver_binary_size(h->p) bytes. */
extern void driver_encode_binary(const DriverHead *h, const double *m, uint8_t *out);

/* The same summary: counts, p, flags and every moment equal (-0 = 0). */
extern bool driver_same(const DriverHead *a, const double *ma, const DriverHead *b,
						const double *mb);

/*
 * a := a merged with b (Chan et al., driver_moments_merge()).  When a's p
 * is 0 and b's is not, ma must have room for b's moments.  Statuses:
 * CODEC_KEY_RANGE when both have attributes and their p differ (a and b
 * unchanged), CODEC_TOTAL_RANGE when a count passes int64, CODEC_NOT_FINITE
 * when a moment overflows (a unchanged either way).
 */
extern CodecStatus driver_merge(DriverHead *a, double *ma, const DriverHead *b, const double *mb);

#endif							/* CSM_DRIVER_CODEC_H */
