/*
 * inference_args.c
 *	  Checks of the parameters of intervals, tests and sample sizes, and the
 *	  mean_interval row (inference_args.h).
 */
#include "postgres.h"

#include <math.h>

#include "distributions.h"
#include "inference_args.h"
#include "result_types.h"

double
inference_level(double level)
{
	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level %g is out of range", level),
				 errdetail("A confidence level lies strictly between 0 and 1, as in 0.95.")));
	return 0.5 + level / 2.0;
}

double
inference_z(double level)
{
	return normal_quantile(inference_level(level));
}

double
inference_margin(double margin, double max)
{
	if (!(margin > 0.0 && margin <= max))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("margin of error %g is out of range", margin),
				 errdetail("The margin is in points (NPS) or percentage points (shares), greater than 0 and at most %g.", max)));
	return margin / 100.0;
}

int64
inference_responses(double n)
{
	n = ceil(n - 1e-9);			/* forgive rounding just above a whole number */
	if (n < 1.0)
		return 1;
	if (!(n < 9.2e18))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("sample size out of range"),
				 errdetail("More than 2^63 responses would be needed for this margin.")));
	return (int64) n;
}

Datum
inference_mean_interval(FunctionCallInfo fcinfo, double estimate, double se, double stddev,
						int64 n, double level)
{
	double		t = t_quantile(inference_level(level), (double) (n - 1));
	Datum		values[7];
	bool		nulls[7] = {false};

	values[0] = Float8GetDatum(estimate);
	values[1] = Float8GetDatum(estimate - t * se);
	values[2] = Float8GetDatum(estimate + t * se);
	values[3] = Float8GetDatum(se);
	values[4] = Float8GetDatum(stddev);
	values[5] = Int64GetDatum(n - 1);
	values[6] = Float8GetDatum(level);
	return csm_result_row(fcinfo, "mean_interval", values, nulls);
}
