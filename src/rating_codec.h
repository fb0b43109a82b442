/*
 * rating_codec.h
 *	  Text and binary encodings of a rating histogram, in plain C.
 *
 * Nothing here depends on the PostgreSQL server, so the parser and the
 * decoder can be compiled into a fuzzing harness as they are.  Errors are
 * returned as codes; the server-side callers turn them into ereport()s.
 */
#ifndef CSM_RATING_CODEC_H
#define CSM_RATING_CODEC_H

#include <stddef.h>
#include <stdint.h>

#define RATING_MIN			0
#define RATING_MAX			10
#define RATING_NVALUES		(RATING_MAX + 1)

/* The on-disk and wire format version written by this release. */
#define RATING_SUMMARY_VERSION	1

/* Binary (send/recv) form: version byte, total, one count per rating. */
#define RATING_BINARY_SIZE	(1 + 8 + 8 * RATING_NVALUES)

typedef struct RatingHistogram
{
	int64_t		n;					/* sum of counts, never above INT64_MAX */
	int64_t		counts[RATING_NVALUES];
} RatingHistogram;

typedef enum RatingCodecStatus
{
	RATING_CODEC_OK = 0,
	RATING_CODEC_SYNTAX,			/* malformed text */
	RATING_CODEC_RATING_RANGE,		/* a rating outside 0..10 */
	RATING_CODEC_DUPLICATE,			/* a rating given twice */
	RATING_CODEC_COUNT_RANGE,		/* a count above INT64_MAX or below 0 */
	RATING_CODEC_TOTAL_RANGE,		/* counts add up to more than INT64_MAX */
	RATING_CODEC_TOTAL_MISMATCH,	/* binary total differs from the counts */
	RATING_CODEC_VERSION,			/* unknown format version */
	RATING_CODEC_LENGTH				/* binary data too short or too long */
} RatingCodecStatus;

/* Where and what went wrong, for the error message. */
typedef struct RatingCodecError
{
	size_t		position;			/* byte offset into the input */
	int64_t		value;				/* the offending rating, count or version */
} RatingCodecError;

extern RatingCodecStatus rating_parse_text(const char *str,
										   RatingHistogram *hist,
										   RatingCodecError *err);
extern size_t rating_format_text(const RatingHistogram *hist,
								 char *buf, size_t buflen);
extern RatingCodecStatus rating_decode_binary(const uint8_t *data, size_t len,
											  RatingHistogram *hist,
											  RatingCodecError *err);
extern void rating_encode_binary(const RatingHistogram *hist,
								 uint8_t out[RATING_BINARY_SIZE]);

/* Longest text form: "{" + 11 × "10:9223372036854775807," + "}" + NUL. */
#define RATING_TEXT_MAXLEN	(2 + RATING_NVALUES * 23 + 1)

#endif							/* CSM_RATING_CODEC_H */
