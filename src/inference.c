/*
 * inference.c
 *	  Confidence intervals and significance tests for csm's metrics.
 *
 * NPS: the variance is the trinomial one, V = p + d - (p - d)^2 (treating
 * promoters and detractors as independent binomials understates it).  The
 * three intervals follow Rocks (2016), "Interval estimation for the 'net
 * promoter score'", The American Statistician 70(4) (docs/metrics.md
 * sections 7.2-7.3): Wald; adjusted Wald,
 * which adds 3/4 detractor, 3/2 passive and 3/4 promoter and was the best
 * performer in his and MeasuringU's evaluations; and the iterative score
 * interval (Tango-type), which inverts the score statistic
 *   Z(D) = (P - Dt - n D) / sqrt(n (2 q + D (1 - D)))
 * with q the restricted maximum-likelihood detractor share.
 */
#include <math.h>

#include "distributions.h"
#include "inference.h"

static double
clip(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static double
total(NpsCounts c)
{
	return c.detractors + c.passives + c.promoters;
}

double
nps_variance(NpsCounts c)
{
	double		n = total(c);
	double		p = c.promoters / n;
	double		d = c.detractors / n;
	double		v = p + d - (p - d) * (p - d);

	return v > 0.0 ? v : 0.0;
}

static double
nps_of(NpsCounts c)
{
	return (c.promoters - c.detractors) / total(c);
}

static NpsCounts
adjusted(NpsCounts c)
{
	NpsCounts	a = {c.detractors + 0.75, c.passives + 1.5, c.promoters + 0.75};

	return a;
}

ConfidenceInterval
nps_wald_interval(NpsCounts c, double z)
{
	ConfidenceInterval	r;

	r.estimate = nps_of(c);
	r.se = sqrt(nps_variance(c) / total(c));
	r.lower = clip(r.estimate - z * r.se, -1.0, 1.0);
	r.upper = clip(r.estimate + z * r.se, -1.0, 1.0);
	return r;
}

ConfidenceInterval
nps_adjusted_wald_interval(NpsCounts c, double z)
{
	NpsCounts	a = adjusted(c);
	double		centre = nps_of(a);
	ConfidenceInterval	r;

	r.estimate = nps_of(c);
	r.se = sqrt(nps_variance(a) / total(a));
	r.lower = clip(centre - z * r.se, -1.0, 1.0);
	r.upper = clip(centre + z * r.se, -1.0, 1.0);
	return r;
}

/* The score statistic at a hypothesised NPS delta, -1 < delta < 1. */
static double
nps_score_statistic(NpsCounts c, double delta)
{
	double		n = total(c);
	double		D = c.detractors;
	double		P = c.promoters;
	double		b = -D - P + (2.0 * n - P + D) * delta;
	double		cc = -D * delta * (1.0 - delta);
	/* positive root of 2n q^2 + b q + cc = 0 (cc <= 0, so it is real) */
	double		q = (-b + sqrt(b * b - 8.0 * n * cc)) / (4.0 * n);
	double		var = n * (2.0 * q + delta * (1.0 - delta));
	double		num = P - D - n * delta;

	if (!(var > 0.0))
		return num > 0.0 ? INFINITY : num < 0.0 ? -INFINITY : 0.0;
	return num / sqrt(var);
}

/* The delta in (lo, hi) where the decreasing score statistic equals target. */
static double
solve_score(NpsCounts c, double target, double lo, double hi)
{
	for (int i = 0; i < 200 && hi - lo > 1e-15; i++)
	{
		double		mid = 0.5 * (lo + hi);

		if (nps_score_statistic(c, mid) > target)
			lo = mid;
		else
			hi = mid;
	}
	return 0.5 * (lo + hi);
}

ConfidenceInterval
nps_score_interval(NpsCounts c, double z)
{
	double		n = total(c);
	ConfidenceInterval	r;

	r.estimate = nps_of(c);
	r.se = sqrt(nps_variance(c) / n);
	r.lower = (c.detractors == n) ? -1.0 : solve_score(c, z, -1.0, r.estimate);
	r.upper = (c.promoters == n) ? 1.0 : solve_score(c, -z, r.estimate, 1.0);
	return r;
}

/* z and two-sided p for a difference and its standard error. */
static void
z_test(DifferenceTest *t)
{
	if (t->se > 0.0)
		t->z = t->difference / t->se;
	else
		t->z = t->difference > 0.0 ? INFINITY : t->difference < 0.0 ? -INFINITY : 0.0;
	t->p_value = t->z == 0.0 ? 1.0 : 2.0 * normal_sf(fabs(t->z));
}

DifferenceTest
nps_difference_test(NpsCounts a, NpsCounts b, double z, bool use_adjusted)
{
	NpsCounts	ea = use_adjusted ? adjusted(a) : a;
	NpsCounts	eb = use_adjusted ? adjusted(b) : b;
	double		centre = nps_of(ea) - nps_of(eb);
	DifferenceTest t;

	t.difference = nps_of(a) - nps_of(b);
	t.se = sqrt(nps_variance(ea) / total(ea) + nps_variance(eb) / total(eb));
	t.lower = clip(centre - z * t.se, -2.0, 2.0);
	t.upper = clip(centre + z * t.se, -2.0, 2.0);
	/* the test statistic is taken at the method's centre, as the interval */
	{
		DifferenceTest at_centre = t;

		at_centre.difference = centre;
		z_test(&at_centre);
		t.z = at_centre.z;
		t.p_value = at_centre.p_value;
	}
	return t;
}

ConfidenceInterval
wilson_interval(double x, double n, double z)
{
	double		p = x / n;
	double		z2 = z * z;
	double		denom = 1.0 + z2 / n;
	double		centre = (p + z2 / (2.0 * n)) / denom;
	double		half = z / denom * sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
	ConfidenceInterval	r;

	r.estimate = p;
	r.se = sqrt(p * (1.0 - p) / n);
	/* at x = 0 and x = n the bound is exactly 0 or 1; avoid rounding residue */
	r.lower = (x <= 0.0) ? 0.0 : clip(centre - half, 0.0, 1.0);
	r.upper = (x >= n) ? 1.0 : clip(centre + half, 0.0, 1.0);
	return r;
}

DifferenceTest
proportion_difference_test(double x1, double n1, double x2, double n2, double z)
{
	ConfidenceInterval	w1 = wilson_interval(x1, n1, z);
	ConfidenceInterval	w2 = wilson_interval(x2, n2, z);
	double		pooled = (x1 + x2) / (n1 + n2);
	DifferenceTest t;

	t.difference = w1.estimate - w2.estimate;
	t.se = sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2));
	z_test(&t);
	/* Newcombe (1998), method 10 */
	t.lower = t.difference - sqrt((w1.estimate - w1.lower) * (w1.estimate - w1.lower) +
								  (w2.upper - w2.estimate) * (w2.upper - w2.estimate));
	t.upper = t.difference + sqrt((w1.upper - w1.estimate) * (w1.upper - w1.estimate) +
								  (w2.estimate - w2.lower) * (w2.estimate - w2.lower));
	return t;
}
