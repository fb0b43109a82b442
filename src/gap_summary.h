/*
 * gap_summary.h
 *	  The gap_summary and servqual_summary types: sums behind the gap
 *	  models, stored as summaries (summary.h).  A gap_summary is a
 *	  fixed-field summary with its own codec (gap_codec.h); a
 *	  servqual_summary is a summary of the counts core (counts_summary.h),
 *	  always in the wide form.
 */
#ifndef CSM_GAP_SUMMARY_H
#define CSM_GAP_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "compat.h"
#include "counts_summary.h"
#include "gap_codec.h"
#include "summary.h"

/*
 * Set in a transition state once an answer or a summary has left it
 * (window frames): its sums may then keep the rounding of answers no
 * longer in them, and the final function brings them back within the
 * rules (gap_sums_project()) before it returns a value.  A state flag
 * (summary.h): never part of a stored value.
 */
#define GAP_RETRACTED			0x02

typedef struct GapSummary
{
	SummaryHeader head;			/* version GAP_SUMMARY_VERSION; flags 0 or GAP_RETRACTED */
	GapSums		sums;
} GapSummary;

StaticAssertDecl(sizeof(GapSummary) == SUMMARY_HEADER_SIZE + 8 + GAP_NSUMS * 16,
				 "a GapSummary is the header, the count and the six sums");

typedef struct ServqualSummary
{
	SummaryHeader head;			/* version SERVQUAL_SUMMARY_VERSION, flags 0 */
	ServqualSums sums;
} ServqualSummary;

StaticAssertDecl(sizeof(ServqualSummary) == SUMMARY_HEADER_SIZE + SERVQUAL_ITEMS * (8 + 2 * 16),
				 "a ServqualSummary is the counts core's wide form of its layout");

extern const SummaryType gap_summary_type;
extern const SummaryType servqual_summary_type;

/* A gap_summary argument, detoasted and checked. */
#define PG_GETARG_GAP_SUMMARY_P(n) \
	((GapSummary *) summary_detoast(&gap_summary_type, PG_GETARG_DATUM(n)))
/*
 * A servqual_summary argument, detoasted: the type has only the wide form,
 * which counts_summary_wide() returns as it is.
 */
#define PG_GETARG_SERVQUAL_SUMMARY_WIDE(n) \
	((ServqualSummary *) counts_summary_wide(&servqual_summary_type, PG_GETARG_DATUM(n)))

extern GapSummary *gap_summary_new(void);
extern void gap_summary_add(GapSums *dst, const GapSums *src, int sign);
extern void gap_summary_require_finite(const GapSums *s);

/* An item number 1..22, or an ERROR naming it. */
extern int	servqual_item(int64 item);

#endif							/* CSM_GAP_SUMMARY_H */
