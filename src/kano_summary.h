/*
 * kano_summary.h
 *	  The kano_summary type: counts of the 25 Kano answer pairs.
 *
 * The transition state of every Kano aggregate and the value stored in
 * rollup tables: a summary of the counts core (counts_summary.h), stored
 * narrow or wide, read by every accessor in the wide layout below.
 */
#ifndef CSM_KANO_SUMMARY_H
#define CSM_KANO_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "counts_summary.h"
#include "kano_codec.h"

/* A kano_summary in the wide form. */
typedef struct KanoSummary
{
	SummaryHeader head;			/* version KANO_SUMMARY_VERSION, flags 0 */
	KanoCounts	counts;
} KanoSummary;

StaticAssertDecl(sizeof(KanoSummary) == SUMMARY_HEADER_SIZE + 8 * (1 + KANO_CELLS),
				 "a KanoSummary is the counts core's wide form of the Kano layout");

extern const SummaryType kano_summary_type;

/*
 * A kano_summary argument in the wide form every accessor reads: the
 * detoasted value when it is stored wide, else a wide copy of it.
 */
#define PG_GETARG_KANO_SUMMARY_WIDE(n) \
	((KanoSummary *) counts_summary_wide(&kano_summary_type, PG_GETARG_DATUM(n)))

#endif							/* CSM_KANO_SUMMARY_H */
