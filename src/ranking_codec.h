/*
 * ranking_codec.h
 *	  The text and binary forms of league_summary, the fair-ranking
 *	  family's group summary (ranking_groups.h), and the rules every input
 *	  path checks: plain C, so that the fuzzer runs them as they are.
 *
 * A league_summary lists its groups and nothing else: per distinct group,
 * its point (what the summary's point list holds) and how many groups
 * have it; the count of groups without answers; the kind, the share's
 * parameters and the fit method.  The category and total lists of the
 * stored value (Minka's counts of counts) follow from the points, so input
 * rebuilds them: they cannot disagree with the points, or with each other.
 *
 * Text (white space allowed between tokens; output canonical, the points
 * in ascending order):
 *	 {}												  no group yet, no kind
 *	 {kind:nps,empty:1,groups:{[5,2,1]:2,[0,3,4]:1}}  promoters, passives, detractors
 *	 {kind:share,k:2,scale_max:5,empty:0,groups:{[3,1]:1}}	successes, failures
 *	 {kind:mean,empty:0,groups:{[4.5,10,0.25]:1}}	  mean, n, variance (divisor n)
 * A prior aggregate's state also carries its method after the kind and
 * parameters: {kind:nps,method:moments,...}.  Counts may be fractional:
 * Kish effective counts of weighted answers.
 *
 * Binary (network byte order): version byte, kind byte, method byte; then
 * as int64 k, scale_max (0 unless a share), the empty groups and the
 * number of points; then per point three float8 (a share's third is 0) and
 * its groups as int64.  Exactly 35 + 32 x points bytes.
 */
#ifndef CSM_RANKING_CODEC_H
#define CSM_RANKING_CODEC_H

#include <stddef.h>
#include <stdint.h>

#include "codec.h"
#include "ranking_groups.h"

#define LEAGUE_SUMMARY_VERSION	RANK_SUMMARY_VERSION
#define LEAGUE_BINARY_HEADER	(3 + 4 * 8)
#define LEAGUE_BINARY_POINT		(3 * 8 + 8)
/* The highest rating: a mean group's mean and spread lie within 0..10. */
#define LEAGUE_RATING_MAX		10
/* The most answers a group has: a rating_summary's count, 2^63 - 1. */
#define LEAGUE_MAX_COUNT		9223372036854775807.0

/*
 * The rules (league_point_rule() and the header's), each stated as the
 * error's DETAIL:
 */
#define LEAGUE_RULE_KIND \
	gettext_noop("A league_summary is of kind nps, share or mean; {} has no group and no kind.")
#define LEAGUE_RULE_PARAMETERS \
	gettext_noop("A share league counts the k highest points of a 1..scale_max scale: 1 <= k < scale_max <= 10; nps and mean leagues have no parameters.")
#define LEAGUE_RULE_METHOD \
	gettext_noop("The method is mle or moments, and for a mean league also james-stein.")
#define LEAGUE_RULE_COUNTS \
	gettext_noop("A group's counts are at least 0 and add up to at most 2^63 answers, as a rating_summary's do; a share's point has two counts.")
#define LEAGUE_RULE_ANSWERS \
	gettext_noop("A listed group has at least one answer (n >= 1: Kish's effective n of weighted answers is never below 1); groups without answers are counted in empty.")
#define LEAGUE_RULE_MEAN \
	gettext_noop("A mean group's mean lies within the ratings' range 0 to 10, and its variance between 0 and (10 - mean) * mean, the most that answers within 0 to 10 can spread.")
#define LEAGUE_RULE_GROUPS \
	gettext_noop("Each point is listed once, with a number of groups of at least 1.")

/* NULL when the point of a group of the summary's kind keeps the rules. */
extern const char *league_point_rule(int kind, const double *point);

/*
 * Parsing.  league_text_capacity() is the capacity (runs) of the summary
 * to parse str into, at most RANK_SUMMARY_MAX_RUNS (-1: more than that);
 * league_parse_text() fills s, which the caller has set up with
 * rank_summary_init(s, RANK_NONE, capacity, 0, 0), and leaves it
 * trimmed (rank_summary_trim(): its bytes are RANK_SUMMARY_SIZE(s->nruns)).
 * Statuses: CODEC_SYNTAX, CODEC_NOT_FINITE (a number beyond double
 * precision), CODEC_COUNT_RANGE (a number of groups past INT64_MAX),
 * CODEC_TOTAL_RANGE (all groups past INT64_MAX), CODEC_INCONSISTENT with
 * err->rule, CODEC_LENGTH (the capacity was too small: err->value points
 * read).
 */
extern int64_t league_text_capacity(const char *str);
extern CodecStatus league_parse_text(const char *str, RankSummary *s, CodecError *err);

/* The text of a compacted summary: its length (without NUL), and the text. */
extern size_t league_text_length(const RankSummary *s);
extern size_t league_format_text(const RankSummary *s, char *buf, size_t buflen);

/*
 * Binary.  league_binary_capacity() checks the version and the length and
 * gives the capacity to decode into (CODEC_VERSION, CODEC_LENGTH with
 * err->value the length); league_decode_binary() then fills s as
 * league_parse_text() does (statuses as there, CODEC_NOT_FINITE for a NaN
 * or infinity).
 */
extern CodecStatus league_binary_capacity(const uint8_t *data, size_t len, int64_t *capacity,
										  CodecError *err);
extern CodecStatus league_decode_binary(const uint8_t *data, size_t len, RankSummary *s,
										CodecError *err);

/* The binary form of a compacted summary: its size, and the bytes. */
extern size_t league_binary_size(const RankSummary *s);
extern void league_encode_binary(const RankSummary *s, uint8_t *out);

#endif							/* CSM_RANKING_CODEC_H */
