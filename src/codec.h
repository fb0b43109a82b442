/*
 * codec.h
 *	  What every summary codec shares, in plain C: the error statuses, where
 *	  and what went wrong, and the text and binary primitives.
 *
 * Nothing here depends on the PostgreSQL server, so the codecs built on it
 * compile into the fuzzing harness as they are.  Errors are returned as
 * statuses; the server-side callers turn them into ereport()s.
 */
#ifndef CSM_CODEC_H
#define CSM_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "dd.h"

typedef enum CodecStatus
{
	CODEC_OK = 0,
	CODEC_SYNTAX,				/* malformed text */
	CODEC_KEY_RANGE,			/* a key (rating, pair, item) the type does not have */
	CODEC_DUPLICATE,			/* a key given twice */
	CODEC_COUNT_RANGE,			/* a count below 0 or above INT64_MAX */
	CODEC_TOTAL_RANGE,			/* counts adding up to more than INT64_MAX */
	CODEC_TOTAL_MISMATCH,		/* a binary total that differs from the counts */
	CODEC_NOT_FINITE,			/* a sum that is NaN or infinite */
	CODEC_INCONSISTENT,			/* sums without answers, or a non-normalised pair */
	CODEC_VERSION,				/* an unknown format version */
	CODEC_LENGTH				/* binary data too short or too long */
} CodecStatus;

/* Where and what went wrong, for the error message. */
typedef struct CodecError
{
	size_t		position;		/* byte offset into the input */
	int64_t		value;			/* the offending key, count or version */
	const char *rule;			/* CODEC_INCONSISTENT: the rule broken, or NULL */
} CodecError;

extern CodecStatus codec_fail(CodecError *err, CodecStatus status,
							  const char *str, const char *at, int64_t value);

/* ---- consistency rules ----------------------------------------------------- */

/*
 * A stored summary can arrive by COPY, a restore, a shard or another
 * tool's export, so its input is the only guard against sums no data
 * could produce (a negative sum of squares, more weight than its answers
 * can carry), which would read as silently wrong figures.  Each type
 * states its rules in one function of its codec, which every input path
 * calls (text and binary; jsonb input goes through text) and the fuzzers
 * exercise: a broken rule is CODEC_INCONSISTENT with err->rule, the rule's
 * text, which the error's DETAIL states (22P02 in text, 22P03 in binary).
 *
 * A rule that compares sums allows for their rounding, and only for that:
 * a value a real aggregate produces always passes, and so does the sum of
 * two values that pass (docs/guarantees.md, "Consistency rules", derives
 * these two allowances):
 *
 *	 codec_slack(n)		 the relative slack, 1 + 1e-12 + 2^-50 n + 2^-102 n^2,
 *						 for a value of n answers;
 *	 codec_tiny(n)		 the absolute allowance, n 2^-1070, for the products
 *						 that fall below double precision's normal range.
 *
 * A rule's text is marked for the message catalog as gettext_noop() marks
 * a string, and is translated where the error is raised.
 */
#ifndef gettext_noop
#define gettext_noop(x) (x)
#endif

extern double codec_slack(int64_t n);
extern double codec_tiny(int64_t n);

/* ---- text ---------------------------------------------------------------- */

extern const char *codec_skip_space(const char *p);
/* After "key:", with optional white space around the colon and before the key; else NULL. */
extern const char *codec_expect_key(const char *p, const char *key);
extern const char *codec_read_uint63(const char *p, int64_t *out, int *overflow);
extern const char *codec_read_int64(const char *p, int64_t *out, int *overflow);
extern const char *codec_read_dd(const char *p, DD *out, int *not_finite);
extern size_t codec_format_dd(char *buf, size_t buflen, DD v);
/* One plain decimal double (no inf, nan or hex); *not_finite when it overflows. */
extern const char *codec_read_double(const char *p, double *out, int *not_finite);
/* A double with 17 significant digits, which reads back exactly. */
extern size_t codec_format_double(char *buf, size_t buflen, double v);

/* The longest int64, double and double-double in text, without NUL. */
#define CODEC_INT64_MAXLEN	20
#define CODEC_DOUBLE_MAXLEN	24
#define CODEC_DD_MAXLEN		48

/* ---- binary: network byte order ------------------------------------------ */

extern int64_t codec_get_int64(const uint8_t *p);
extern void codec_put_int64(uint8_t *p, int64_t v);
extern double codec_get_double(const uint8_t *p);
extern void codec_put_double(uint8_t *p, double v);
extern CodecStatus codec_get_dd(const uint8_t *p, DD *out);
extern void codec_put_dd(uint8_t *p, DD v);

#endif							/* CSM_CODEC_H */
