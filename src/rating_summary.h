/*
 * rating_summary.h
 *	  The rating_summary type: a histogram of integer ratings 0..10.
 *
 * A rating_summary is the transition state of every ratings aggregate and
 * the value users store in rollup tables and materialized views.  It is a
 * summary of the counts core (counts_summary.h): stored narrow or wide,
 * read by every accessor in the wide layout below.
 */
#ifndef CSM_RATING_SUMMARY_H
#define CSM_RATING_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "counts_summary.h"
#include "rating_codec.h"

/* A rating_summary in the wide form. */
typedef struct RatingSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* RATING_SUMMARY_VERSION */
	uint8		flags;			/* 0: wide */
	uint16		reserved;		/* always 0 */
	RatingHistogram hist;		/* n and counts[0..10] */
} RatingSummary;

extern const CountsType rating_summary_type;

/* Every rating_summary argument an accessor reads, in the wide form. */
#define PG_GETARG_RATING_SUMMARY_P(n) \
	((RatingSummary *) counts_summary_open(&rating_summary_type, PG_GETARG_DATUM(n)))

#endif							/* CSM_RATING_SUMMARY_H */
