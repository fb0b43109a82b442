/*
 * gap_codec.h
 *	  Sums behind the gap models (CSI weighted gap, SERVQUAL), and their
 *	  text and binary encodings, in plain C so they can be fuzzed.
 *
 * Sums are double-double (dd.h): hi + lo.  Text prints hi with 17
 * significant digits and, when lo is not zero, lo with its sign, e.g.
 * 0.30000000000000004-2.7755575615628914e-17; this round-trips exactly.
 */
#ifndef CSM_GAP_CODEC_H
#define CSM_GAP_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "dd.h"

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

#define SERVQUAL_BINARY_SIZE	(1 + SERVQUAL_ITEMS * (8 + 32))
#define SERVQUAL_TEXT_MAXLEN	(3 + SERVQUAL_ITEMS * 140)

typedef enum GapCodecStatus
{
	GAP_CODEC_OK = 0,
	GAP_CODEC_SYNTAX,			/* malformed text */
	GAP_CODEC_RANGE,			/* a count below 0, an item outside 1..22 */
	GAP_CODEC_NOT_FINITE,		/* a sum that is NaN or infinite */
	GAP_CODEC_INCONSISTENT,		/* sums without rows, or a non-normalised pair */
	GAP_CODEC_DUPLICATE,		/* an item given twice */
	GAP_CODEC_VERSION,			/* unknown format version */
	GAP_CODEC_LENGTH			/* binary data too short or too long */
} GapCodecStatus;

typedef struct GapCodecError
{
	size_t		position;		/* byte offset into the input */
	int64_t		value;			/* the offending count, item or version */
} GapCodecError;

/* The same sums with every pair normalised (aggregates defer that step). */
extern GapSums gap_sums_canonical(const GapSums *s);
extern int	gap_sums_finite(const GapSums *s);

extern GapCodecStatus gap_parse_text(const char *str, GapSums *s, GapCodecError *err);
extern size_t gap_format_text(const GapSums *s, char *buf, size_t buflen);
extern GapCodecStatus gap_decode_binary(const uint8_t *data, size_t len, GapSums *s,
										GapCodecError *err);
extern void gap_encode_binary(const GapSums *s, uint8_t out[GAP_BINARY_SIZE]);

extern GapCodecStatus servqual_parse_text(const char *str, ServqualSums *s, GapCodecError *err);
extern size_t servqual_format_text(const ServqualSums *s, char *buf, size_t buflen);
extern GapCodecStatus servqual_decode_binary(const uint8_t *data, size_t len, ServqualSums *s,
											 GapCodecError *err);
extern void servqual_encode_binary(const ServqualSums *s, uint8_t out[SERVQUAL_BINARY_SIZE]);

#endif							/* CSM_GAP_CODEC_H */
