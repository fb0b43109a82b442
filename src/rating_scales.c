/*
 * rating_scales.c
 *	  Scales and answer ranges shared by the point metrics and their
 *	  intervals, so that both read a summary the same way.
 */
#include "postgres.h"

#include "rating_scales.h"

int64
rating_count_range(const int64 *answers, int lo, int hi)
{
	int64		total = 0;

	for (int i = lo; i <= hi; i++)
		total += answers[i];
	return total;
}

/*
 * A metric defined on a 1..scale_max scale must not silently count answers
 * from another scale: a 7 in a 1-5 CSAT means the wrong scale was assumed.
 */
void
rating_require_scale(const int64 *answers, int scale_max, const char *metric,
					 const char *hint)
{
	for (int i = RATING_MIN; i <= RATING_MAX; i++)
	{
		if (answers[i] == 0 || (i >= 1 && i <= scale_max))
			continue;
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s score %d is out of range for a 1 to %d scale",
						metric, i, scale_max),
				 errdetail("The answers include %lld of %d; %s scores are whole numbers from 1 to %d.",
						   (long long) answers[i], i, metric, scale_max),
				 hint ? errhint("%s", hint) : 0));
	}
}

void
rating_require_scale_max(int scale_max, int lowest)
{
	if (scale_max < lowest || scale_max > RATING_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("scale maximum %d is out of range", scale_max),
				 errdetail("Scales run from 1 to a maximum between %d and %d.",
						   lowest, RATING_MAX)));
}

void
rating_require_top_boxes(int k, int scale_max)
{
	if (k < 1 || k >= scale_max)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("top-%d box is out of range for a 1 to %d scale", k, scale_max),
				 errdetail("The number of top boxes runs from 1 to %d on this scale.",
						   scale_max - 1)));
}

/*
 * The two CES versions point opposite ways, so the caller names one:
 * 'agreement' is CES 2.0 ("the company made it easy", 1-7, easy = 5-7);
 * 'effort' is CES 1.0 ("how much effort", 1-5, easy = 1-2).
 */
CesOrientation
rating_ces_orientation(const char *name)
{
	CesOrientation o;

	if (pg_strcasecmp(name, "agreement") == 0)
	{
		o.scale_max = 7;
		o.easy_lo = 5;
		o.easy_hi = 7;
	}
	else if (pg_strcasecmp(name, "effort") == 0)
	{
		o.scale_max = 5;
		o.easy_lo = 1;
		o.easy_hi = 2;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown CES orientation \"%s\"", name),
				 errhint("Use 'agreement' for CES 2.0 (1 to 7, easy = 5 to 7) or 'effort' for CES 1.0 (1 to 5, easy = 1 to 2).")));
	return o;
}
