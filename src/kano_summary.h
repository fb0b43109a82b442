/*
 * kano_summary.h
 *	  The kano_summary type: counts of the 25 Kano answer pairs.
 *
 * The transition state of every Kano aggregate and the value stored in
 * rollup tables.  As rating_summary: a plain varlena with a version byte,
 * read in place, STORAGE plain.
 */
#ifndef CSM_KANO_SUMMARY_H
#define CSM_KANO_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"

#include "kano_codec.h"

typedef struct KanoSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* KANO_SUMMARY_VERSION */
	uint8		flags;			/* reserved, always 0 */
	uint16		reserved;		/* always 0 */
	KanoCounts	counts;
} KanoSummary;

#define KANO_SUMMARY_SIZE		sizeof(KanoSummary)

#define PG_GETARG_KANO_SUMMARY_P(n) kano_summary_from_datum(PG_GETARG_DATUM(n))
#define PG_RETURN_KANO_SUMMARY_P(x) PG_RETURN_POINTER(x)

pg_noreturn extern void kano_summary_report_version(const KanoSummary *s);

static inline void
kano_summary_check(const KanoSummary *s)
{
	if (unlikely(s->version != KANO_SUMMARY_VERSION || VARSIZE(s) != KANO_SUMMARY_SIZE))
		kano_summary_report_version(s);
}

extern KanoSummary *kano_summary_new(void);
extern KanoSummary *kano_summary_copy(const KanoSummary *src);
extern KanoSummary *kano_summary_from_datum(Datum d);
extern void kano_summary_add(KanoSummary *dst, const KanoSummary *src);
extern void kano_summary_subtract(KanoSummary *dst, const KanoSummary *src);

/* A respondent's answer, 1..5, or an ERROR naming the bad value (kano_agg.c). */
extern int	kano_answer_from_int(int64 answer, const char *question);
extern int	kano_answer_from_text(text *answer, const char *question);

#endif							/* CSM_KANO_SUMMARY_H */
