/*
 * rating_fuzz.c
 *	  libFuzzer target for the rating_summary text parser and binary decoder.
 *
 * The first input byte chooses the decoder; the rest is the input.  Besides
 * "no crash, no undefined behaviour", it checks the properties the server
 * relies on: whatever is accepted is a consistent histogram, and its
 * canonical text and binary forms decode back to the same histogram.
 */
#include <stdlib.h>
#include <string.h>

#include "rating_codec.h"

static void
check_consistent(const RatingHistogram *h)
{
	int64_t		sum = 0;

	for (int i = 0; i < RATING_NVALUES; i++)
	{
		if (h->counts[i] < 0 || h->counts[i] > INT64_MAX - sum)
			abort();
		sum += h->counts[i];
	}
	if (sum != h->n)
		abort();
}

static void
check_round_trips(const RatingHistogram *h)
{
	char		text[RATING_TEXT_MAXLEN];
	uint8_t		bin[RATING_BINARY_SIZE];
	RatingHistogram again;
	RatingCodecError err;
	size_t		len = rating_format_text(h, text, sizeof(text));

	if (len == 0 || len >= sizeof(text) || text[len] != '\0')
		abort();
	if (rating_parse_text(text, &again, &err) != RATING_CODEC_OK ||
		memcmp(&again, h, sizeof(again)) != 0)
		abort();

	rating_encode_binary(h, bin);
	if (rating_decode_binary(bin, sizeof(bin), &again, &err) != RATING_CODEC_OK ||
		memcmp(&again, h, sizeof(again)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	RatingHistogram h;
	RatingCodecError err;

	if (size == 0)
		return 0;

	if (data[0] & 1)
	{
		/* binary: accepted input must be exactly the canonical encoding */
		uint8_t		bin[RATING_BINARY_SIZE];

		if (rating_decode_binary(data + 1, size - 1, &h, &err) != RATING_CODEC_OK)
			return 0;
		check_consistent(&h);
		rating_encode_binary(&h, bin);
		if (size - 1 != sizeof(bin) || memcmp(bin, data + 1, sizeof(bin)) != 0)
			abort();
		check_round_trips(&h);
	}
	else
	{
		/* text: the server hands the parser a NUL-terminated string */
		char	   *str = malloc(size);

		memcpy(str, data + 1, size - 1);
		str[size - 1] = '\0';
		if (rating_parse_text(str, &h, &err) == RATING_CODEC_OK)
		{
			check_consistent(&h);
			check_round_trips(&h);
		}
		free(str);
	}
	return 0;
}
