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
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* KANO_SUMMARY_VERSION */
	uint8		flags;			/* 0: wide */
	uint16		reserved;		/* always 0 */
	KanoCounts	counts;
} KanoSummary;

extern const CountsType kano_summary_type;

/* Every kano_summary argument an accessor reads, in the wide form. */
#define PG_GETARG_KANO_SUMMARY_P(n) \
	((KanoSummary *) counts_summary_open(&kano_summary_type, PG_GETARG_DATUM(n)))

#endif							/* CSM_KANO_SUMMARY_H */
