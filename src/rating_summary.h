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
	SummaryHeader head;			/* version RATING_SUMMARY_VERSION, flags 0 */
	RatingHistogram hist;		/* n and counts[0..10] */
} RatingSummary;

StaticAssertDecl(sizeof(RatingSummary) == SUMMARY_HEADER_SIZE + 8 * (1 + RATING_NVALUES),
				 "a RatingSummary is the counts core's wide form of the rating layout");

extern const SummaryType rating_summary_type;

/*
 * A rating_summary argument in the wide form every accessor reads: the
 * detoasted value when it is stored wide, else a wide copy of it.
 */
#define PG_GETARG_RATING_SUMMARY_WIDE(n) \
	((RatingSummary *) counts_summary_wide(&rating_summary_type, PG_GETARG_DATUM(n)))

#endif							/* CSM_RATING_SUMMARY_H */
