/*
 * kano_fuzz.c
 *	  libFuzzer target for the kano_summary text parser and binary decoder.
 *
 * The first input byte chooses the decoder; the rest is the input.  Besides
 * "no crash, no undefined behaviour", it checks the properties the server
 * relies on: whatever is accepted is a consistent set of counts, and its
 * canonical text and binary forms decode back to the same histogram.
 */
#include <stdlib.h>
#include <string.h>

#include "kano_codec.h"

static void
check_consistent(const KanoCounts *h)
{
	int64_t		sum = 0;

	for (int i = 0; i < KANO_CELLS; i++)
	{
		if (h->cells[i] < 0 || h->cells[i] > INT64_MAX - sum)
			abort();
		sum += h->cells[i];
	}
	if (sum != h->n)
		abort();
}

static void
check_round_trips(const KanoCounts *h)
{
	char		text[KANO_TEXT_MAXLEN];
	uint8_t		bin[KANO_BINARY_SIZE];
	KanoCounts again;
	KanoCodecError err;
	size_t		len = kano_format_text(h, text, sizeof(text));

	if (len == 0 || len >= sizeof(text) || text[len] != '\0')
		abort();
	if (kano_parse_text(text, &again, &err) != KANO_CODEC_OK ||
		memcmp(&again, h, sizeof(again)) != 0)
		abort();

	kano_encode_binary(h, bin);
	if (kano_decode_binary(bin, sizeof(bin), &again, &err) != KANO_CODEC_OK ||
		memcmp(&again, h, sizeof(again)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	KanoCounts h;
	KanoCodecError err;

	if (size == 0)
		return 0;

	if (data[0] & 1)
	{
		/* binary: accepted input must be exactly the canonical encoding */
		uint8_t		bin[KANO_BINARY_SIZE];

		if (kano_decode_binary(data + 1, size - 1, &h, &err) != KANO_CODEC_OK)
			return 0;
		check_consistent(&h);
		kano_encode_binary(&h, bin);
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
		if (kano_parse_text(str, &h, &err) == KANO_CODEC_OK)
		{
			check_consistent(&h);
			check_round_trips(&h);
		}
		free(str);
	}
	return 0;
}
