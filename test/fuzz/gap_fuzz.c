/*
 * gap_fuzz.c
 *	  libFuzzer target for the gap_summary and servqual_summary text
 *	  parsers and binary decoders.
 *
 * First byte: bit 0 chooses binary or text, bit 1 the type.  Whatever is
 * accepted must format and encode to forms that decode to the same sums.
 */
#include <stdlib.h>
#include <string.h>

#include "gap_codec.h"

static void
check_gap(const GapSums *s)
{
	char		text[GAP_TEXT_MAXLEN];
	uint8_t		bin[GAP_BINARY_SIZE];
	GapSums		again;
	GapCodecError err;
	size_t		len = gap_format_text(s, text, sizeof(text));

	if (len == 0 || len >= sizeof(text))
		abort();
	if (gap_parse_text(text, &again, &err) != GAP_CODEC_OK || memcmp(&again, s, sizeof(again)) != 0)
		abort();
	gap_encode_binary(s, bin);
	if (gap_decode_binary(bin, sizeof(bin), &again, &err) != GAP_CODEC_OK ||
		memcmp(&again, s, sizeof(again)) != 0)
		abort();
}

static void
check_servqual(const ServqualSums *s)
{
	static char text[SERVQUAL_TEXT_MAXLEN];
	static uint8_t bin[SERVQUAL_BINARY_SIZE];
	ServqualSums again;
	GapCodecError err;
	size_t		len = servqual_format_text(s, text, sizeof(text));

	if (len == 0 || len >= sizeof(text))
		abort();
	if (servqual_parse_text(text, &again, &err) != GAP_CODEC_OK ||
		memcmp(&again, s, sizeof(again)) != 0)
		abort();
	servqual_encode_binary(s, bin);
	if (servqual_decode_binary(bin, sizeof(bin), &again, &err) != GAP_CODEC_OK ||
		memcmp(&again, s, sizeof(again)) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GapCodecError err;

	if (size == 0)
		return 0;
	if (data[0] & 2)
	{
		ServqualSums s;

		if (data[0] & 1)
		{
			if (servqual_decode_binary(data + 1, size - 1, &s, &err) == GAP_CODEC_OK)
				check_servqual(&s);
		}
		else
		{
			char	   *str = malloc(size);

			memcpy(str, data + 1, size - 1);
			str[size - 1] = '\0';
			if (servqual_parse_text(str, &s, &err) == GAP_CODEC_OK)
				check_servqual(&s);
			free(str);
		}
	}
	else
	{
		GapSums		s;

		if (data[0] & 1)
		{
			if (gap_decode_binary(data + 1, size - 1, &s, &err) == GAP_CODEC_OK)
				check_gap(&s);
		}
		else
		{
			char	   *str = malloc(size);

			memcpy(str, data + 1, size - 1);
			str[size - 1] = '\0';
			if (gap_parse_text(str, &s, &err) == GAP_CODEC_OK)
				check_gap(&s);
			free(str);
		}
	}
	return 0;
}
