/*
 * gap_codec.h
 *	  Sums behind the gap models (CSI weighted gap, SERVQUAL), and their
 *	  text and binary encodings, in plain C so they can be fuzzed.
 *
 * Sums are double-double (dd.h): hi + lo, printed as codec.h describes.
 * servqual_summary is a summary of the counts core (counts.h): 22 item
 * cells, each a count and two sums.
 */
#ifndef CSM_GAP_CODEC_H
#define CSM_GAP_CODEC_H

#include "codec.h"
#include "counts.h"

#define GAP_SUMMARY_VERSION		1
#define SERVQUAL_SUMMARY_VERSION 1
#define SERVQUAL_ITEMS			22

/* Perception P, expectation E, weight w per row; g = P - E. */
typedef struct GapSums
{
	int64_t		n;				/* rows */
	DD			w;				/* sum of w */
	DD			wg;				/* sum of w * g */
	DD			g;				/* sum of g */
	DD			gg;				/* sum of g^2 */
	DD			p;				/* sum of P */
	DD			e;				/* sum of E */
} GapSums;

#define GAP_NSUMS			6
#define GAP_BINARY_SIZE		(1 + 8 + 16 * GAP_NSUMS)
#define GAP_TEXT_MAXLEN		(64 + GAP_NSUMS * 60)

/* One SERVQUAL item's cell: a counts-core cell with two sums. */
typedef struct ServqualItem
{
	int64_t		n;
	DD			p;				/* sum of perceptions */
	DD			e;				/* sum of expectations */
} ServqualItem;

typedef struct ServqualSums
{
	ServqualItem item[SERVQUAL_ITEMS];	/* item[k - 1] for item k */
} ServqualSums;

extern const CountsLayout servqual_layout;

/*
 * The rules of gap_summary sums (gap_sums_rule()), which every input path
 * checks: n >= 0 and every sum finite (statuses of their own), and
 *
 *	 GAP_RULE_EMPTY		 n = 0: every sum is exactly 0 (and, in binary, each
 *						 sum is a normalised pair);
 *	 GAP_RULE_WEIGHTS	 Σw >= 0, as every weight is;
 *	 GAP_RULE_SPREAD	 Σg² >= (Σg)² / n (Cauchy-Schwarz);
 *	 GAP_RULE_WEIGHTED	 |Σwg| <= Σw sqrt(Σg²), as |Σ w g| <= Σw max|g|.
 *
 * The comparisons allow for rounding as codec.h says: a value a real
 * aggregate produces, and the sum of two values that pass, always pass.
 * Weights may be 0, so Σw = 0 does not imply n = 0; it implies Σwg = 0.
 * Σg = ΣP - ΣE holds too, but scores of either sign can cancel in ΣP and
 * ΣE, so no allowance for its rounding follows from the sums; it is not
 * checked.
 */
#define GAP_RULE_EMPTY \
	gettext_noop("A summary without answers has zero sums, and each sum is a normalised pair.")
#define GAP_RULE_WEIGHTS \
	gettext_noop("Weights are at least 0, so the sum of weights is at least 0.")
#define GAP_RULE_SPREAD \
	gettext_noop("n gaps have sum of squared gaps >= (sum of gaps)^2 / n.")
#define GAP_RULE_WEIGHTED \
	gettext_noop("|sum of weight * gap| <= sum of weights * sqrt(sum of squared gaps): a weighted sum of the gaps cannot outgrow its weights.")

/* NULL when s keeps the rules above, else the text of the first it breaks. */
extern const char *gap_sums_rule(const GapSums *s);

/*
 * Brings sums of n > 0 answers that break a rule by their rounding back
 * within the rules, moving each as little as the rule needs: Σw up to 0,
 * Σg² up to (Σg)² / n, Σwg in to Σw sqrt(Σg²).  For a transition state
 * that answers have left (window frames), whose sums keep the rounding
 * of answers no longer in them (gap_agg.c).  0 when no finite sums can
 * hold Σg.
 */
extern int	gap_sums_project(GapSums *s);

/* The same sums with every pair normalised (aggregates defer that step). */
extern GapSums gap_sums_canonical(const GapSums *s);
/* Whether every sum, high and low part, is finite. */
extern int	gap_sums_finite(const GapSums *s);

/*
 * dst += src (sign 1), or dst -= src (sign -1, window frames).  Checked,
 * dst unchanged on error: a count past INT64_MAX (CODEC_TOTAL_RANGE),
 * removing more answers than dst holds (CODEC_COUNT_RANGE), a sum beyond
 * double precision (CODEC_NOT_FINITE).  A result without answers has exact
 * zero sums.
 */
extern CodecStatus gap_sums_add(GapSums *dst, const GapSums *src, int sign, CodecError *err);

extern CodecStatus gap_parse_text(const char *str, GapSums *s, CodecError *err);
extern size_t gap_format_text(const GapSums *s, char *buf, size_t buflen);
extern CodecStatus gap_decode_binary(const uint8_t *data, size_t len, GapSums *s,
									 CodecError *err);
extern void gap_encode_binary(const GapSums *s, uint8_t out[GAP_BINARY_SIZE]);

#endif							/* CSM_GAP_CODEC_H */
