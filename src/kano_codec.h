/*
 * kano_codec.h
 *	  Text and binary encodings of Kano answer-pair counts, in plain C.
 *
 * A Kano survey asks per feature a functional and a dysfunctional question,
 * each answered 1 like, 2 must-be, 3 neutral, 4 live-with, 5 dislike.  The
 * summary keeps the count of each of the 25 answer pairs, from which every
 * category count, coefficient and continuous score follows.  Nothing here
 * depends on the server, so the codec can be fuzzed as it is.
 */
#ifndef CSM_KANO_CODEC_H
#define CSM_KANO_CODEC_H

#include <stddef.h>
#include <stdint.h>

#define KANO_ANSWERS		5
#define KANO_CELLS			(KANO_ANSWERS * KANO_ANSWERS)
#define KANO_CELL(f, d)		(((f) - 1) * KANO_ANSWERS + ((d) - 1))

#define KANO_SUMMARY_VERSION	1

/* Binary form: version byte, total, 25 counts (functional-major order). */
#define KANO_BINARY_SIZE	(1 + 8 + 8 * KANO_CELLS)

/* "{" + 25 × "55:9223372036854775807," + "}" + NUL */
#define KANO_TEXT_MAXLEN	(2 + KANO_CELLS * 23 + 1)

typedef struct KanoCounts
{
	int64_t		n;					/* sum of the cells, never above INT64_MAX */
	int64_t		cells[KANO_CELLS];	/* cells[KANO_CELL(f, d)] */
} KanoCounts;

typedef enum KanoCodecStatus
{
	KANO_CODEC_OK = 0,
	KANO_CODEC_SYNTAX,				/* malformed text */
	KANO_CODEC_PAIR_RANGE,			/* a pair key that is not FD with F, D in 1..5 */
	KANO_CODEC_DUPLICATE,			/* a pair given twice */
	KANO_CODEC_COUNT_RANGE,			/* a count above INT64_MAX or below 0 */
	KANO_CODEC_TOTAL_RANGE,			/* counts add up to more than INT64_MAX */
	KANO_CODEC_TOTAL_MISMATCH,		/* binary total differs from the counts */
	KANO_CODEC_VERSION,				/* unknown format version */
	KANO_CODEC_LENGTH				/* binary data too short or too long */
} KanoCodecStatus;

typedef struct KanoCodecError
{
	size_t		position;			/* byte offset into the input */
	int64_t		value;				/* the offending pair, count or version */
} KanoCodecError;

extern KanoCodecStatus kano_parse_text(const char *str, KanoCounts *counts,
									   KanoCodecError *err);
extern size_t kano_format_text(const KanoCounts *counts, char *buf, size_t buflen);
extern KanoCodecStatus kano_decode_binary(const uint8_t *data, size_t len,
										  KanoCounts *counts, KanoCodecError *err);
extern void kano_encode_binary(const KanoCounts *counts, uint8_t out[KANO_BINARY_SIZE]);

#endif							/* CSM_KANO_CODEC_H */
