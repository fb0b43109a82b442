/*
 * distributions.c
 *	  Normal, Student-t, beta and binomial distribution functions, in plain C.
 *
 * The normal quantile is Wichura's algorithm AS 241 (PPND16), relative
 * error about 1e-16.  The t CDF goes through the regularized incomplete
 * beta function (continued fraction, modified Lentz), and the t quantile
 * refines a Cornish-Fisher start by safeguarded Newton steps on that CDF,
 * so its accuracy is that of the CDF (test/stats checks it against scipy).
 * The beta quantile, for the Korn-Graubard interval of a weighted share,
 * is found the same way on the incomplete beta function itself, and the
 * binomial CDF is that function too (the quantile, for the run rules of
 * monitoring, a bisection over the whole numbers).
 */
#include <math.h>

#include "distributions.h"

#ifndef M_SQRT1_2
#define M_SQRT1_2 0.70710678118654752440
#endif
#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

double
normal_cdf(double x)
{
	return 0.5 * erfc(-x * M_SQRT1_2);
}

double
normal_sf(double x)
{
	return 0.5 * erfc(x * M_SQRT1_2);
}

double
normal_quantile(double p)
{
	double		q = p - 0.5;
	double		r,
				x;

	if (!(p > 0.0 && p < 1.0))
		return p == 0.0 ? -INFINITY : p == 1.0 ? INFINITY : NAN;

	if (fabs(q) <= 0.425)
	{
		r = 0.180625 - q * q;
		return q * (((((((r * 2509.0809287301226727 +
						  33430.575583588128105) * r + 67265.770927008700853) * r +
						45921.953931549871457) * r + 13731.693765509461125) * r +
					  1971.5909503065514427) * r + 133.14166789178437745) * r +
					3.387132872796366608)
			/ (((((((r * 5226.495278852545925 +
					 28729.085735721942674) * r + 39307.89580009271061) * r +
				   21213.794301586595867) * r + 5394.1960214247511077) * r +
				 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0);
	}

	r = (q < 0.0) ? p : 1.0 - p;
	r = sqrt(-log(r));
	if (r <= 5.0)
	{
		r -= 1.6;
		x = (((((((r * 7.7454501427834140764e-4 +
				   0.0227238449892691845833) * r + 0.24178072517745061177) * r +
				 1.27045825245236838258) * r + 3.64784832476320460504) * r +
			   5.7694972214606914055) * r + 4.6303378461565452959) * r +
			 1.42343711074968357734)
			/ (((((((r * 1.05075007164441684324e-9 +
					 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
				   0.14810397642748007459) * r + 0.68976733498510000455) * r +
				 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0);
	}
	else
	{
		r -= 5.0;
		x = (((((((r * 2.01033439929228813265e-7 +
				   2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
				 0.026532189526576123093) * r + 0.29656057182850489123) * r +
			   1.7848265399172913358) * r + 5.4637849111641143699) * r +
			 6.6579046435011037772)
			/ (((((((r * 2.04426310338993978564e-15 +
					 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
				   7.868691311456132591e-4) * r + 0.0148753612908506148525) * r +
				 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0);
	}
	return (q < 0.0) ? -x : x;
}

/* Continued fraction for the incomplete beta function (modified Lentz). */
static double
beta_cf(double a, double b, double x)
{
	const double tiny = 1e-300;
	double		c = 1.0,
				d = 1.0 - (a + b) * x / (a + 1.0),
				h;

	if (fabs(d) < tiny)
		d = tiny;
	d = 1.0 / d;
	h = d;
	for (int m = 1; m <= 10000; m++)
	{
		double		m2 = 2.0 * m;
		double		aa = m * (b - m) * x / ((a + m2 - 1.0) * (a + m2));
		double		del;

		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		h *= d * c;

		aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1.0));
		d = 1.0 + aa * d;
		if (fabs(d) < tiny)
			d = tiny;
		c = 1.0 + aa / c;
		if (fabs(c) < tiny)
			c = tiny;
		d = 1.0 / d;
		del = d * c;
		h *= del;
		if (fabs(del - 1.0) < 1e-16)
			break;
	}
	return h;
}

/*
 * lgamma(x) minus its Stirling approximation (x - 1/2) log x - x +
 * log sqrt(2 pi), for x >= 10: the asymptotic series, to double precision.
 */
static double
lgamma_correction(double x)
{
	double		r = 1.0 / (x * x);

	return (1.0 / 12.0 - r * (1.0 / 360.0 - r * (1.0 / 1260.0 - r * (1.0 / 1680.0 -
			r * (1.0 / 1188.0 - r * (691.0 / 360360.0 - r * (1.0 / 156.0))))))) / x;
}

#define LOG_SQRT_2PI 0.918938533204672741780329736406

/*
 * log B(a, b).  lgamma(a) + lgamma(b) - lgamma(a + b) loses to cancellation
 * about 1e-16 of lgamma's size, which for a shape in the millions is most
 * of the digits a beta quantile needs; above 10 the Stirling form is
 * written so that the large terms cancel exactly (as R's lbeta() does).
 */
double
log_beta(double a, double b)
{
	double		p = a < b ? a : b;
	double		q = a < b ? b : a;
	double		share = p / (p + q);

	if (p >= 10.0)
		return -0.5 * log(q) + LOG_SQRT_2PI + lgamma_correction(p) + lgamma_correction(q) -
			lgamma_correction(p + q) + (p - 0.5) * log(share) + q * log1p(-share);
	if (q >= 10.0)
		return lgamma(p) + lgamma_correction(q) - lgamma_correction(p + q) + p -
			p * log(p + q) + (q - 0.5) * log1p(-share);
	return lgamma(p) + lgamma(q) - lgamma(p + q);
}

/* u - log(1 + u), without the cancellation of the subtraction for small u. */
static double
log1p_remainder(double u)
{
	double		r,
				r2,
				term,
				series = 0.0;

	if (fabs(u) > 0.5)
		return u - log1p(u);
	/* log(1 + u) = 2 atanh(r), r = u / (2 + u), and u - 2r = u^2 / (2 + u) */
	r = u / (2.0 + u);
	r2 = r * r;
	term = r * r2;
	for (int k = 3; k < 60 && fabs(term) > 1e-18 * fabs(series); k += 2, term *= r2)
		series += term / k;
	return u * u / (2.0 + u) - 2.0 * series;
}

/*
 * log(x^a y^b / B(a, b)), y = 1 - x.  For large a and b the three terms are
 * each of the size of a + b and cancel to a few units; written around the
 * mean mu = a / (a + b) as in TOMS 708 (Didonato & Morris 1992), with
 * t = x - mu taken from the smaller of x and y, nothing large cancels.
 */
static double
log_beta_front(double a, double b, double x, double y, double log_x, double log_y)
{
	double		mu,
				nu,
				t;

	if (a < 10.0 || b < 10.0)
		return a * log_x + b * log_y - log_beta(a, b);
	mu = a / (a + b);
	nu = b / (a + b);
	t = x <= 0.5 ? x - mu : nu - y;
	return -(a + b) * (mu * log1p_remainder(t / mu) + nu * log1p_remainder(-t / nu)) +
		0.5 * log(a * b / (a + b)) - LOG_SQRT_2PI -
		(lgamma_correction(a) + lgamma_correction(b) - lgamma_correction(a + b));
}

/*
 * I_x(a, b), given x and y = 1 - x computed separately so that neither
 * loses precision to cancellation.
 */
static double
incomplete_beta(double a, double b, double x, double y)
{
	double		log_x,
				log_y,
				front;

	if (x <= 0.0)
		return 0.0;
	if (y <= 0.0)
		return 1.0;
	/* each logarithm from the smaller of x and y, the one known to full relative precision */
	log_x = x <= 0.5 ? log(x) : log1p(-y);
	log_y = y <= 0.5 ? log(y) : log1p(-x);
	front = exp(log_beta_front(a, b, x, y, log_x, log_y));
	if (x < (a + 1.0) / (a + b + 2.0))
		return front * beta_cf(a, b, x) / a;
	/* symmetry I_x(a,b) = 1 - I_y(b,a) */
	return 1.0 - front * beta_cf(b, a, y) / b;
}

/* P(|T| > |t|) / 2: the one-sided tail beyond |t|. */
static double
t_tail(double t, double df)
{
	double		t2 = t * t;
	double		x = df / (df + t2);
	double		y = t2 / (df + t2);

	return 0.5 * incomplete_beta(df / 2.0, 0.5, x, y);
}

/* P(0 < T < |t|): accurate in relative terms for small t, unlike 1/2 - tail. */
static double
t_central(double t, double df)
{
	double		t2 = t * t;
	double		x = df / (df + t2);
	double		y = t2 / (df + t2);

	return 0.5 * incomplete_beta(0.5, df / 2.0, y, x);
}

/* Cornish-Fisher expansion of the t quantile in powers of 1/df (A&S 26.7.5). */
static double
t_quantile_expansion(double z, double df)
{
	double		z2 = z * z;
	double		g1 = (z2 + 1.0) * z / 4.0;
	double		g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
	double		g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
	double		g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;

	return z + g1 / df + g2 / (df * df) + g3 / (df * df * df) + g4 / (df * df * df * df);
}

/*
 * Above this many degrees of freedom the expansion is exact to far below
 * double precision (its next term is O(df^-5)), while the incomplete beta
 * function loses digits to lgamma() of huge arguments.
 */
#define T_LARGE_DF	1e5

double
t_cdf(double t, double df)
{
	if (isnan(t) || !(df > 0.0))
		return NAN;
	if (isinf(t))
		return t > 0 ? 1.0 : 0.0;
	if (df > T_LARGE_DF)
	{
		/* invert the expansion: the z whose t quantile is t */
		double		z = t;

		for (int i = 0; i < 100; i++)
		{
			double		step = (t_quantile_expansion(z, df) - t) /
				(1.0 + (3.0 * z * z + 1.0) / (4.0 * df));

			z -= step;
			if (fabs(step) <= 1e-17 * fabs(z))
				break;
		}
		return normal_cdf(z);
	}
	return t > 0 ? 1.0 - t_tail(t, df) : t_tail(t, df);
}

static double
t_density(double t, double df)
{
	return exp(lgamma((df + 1.0) / 2.0) - lgamma(df / 2.0)
			   - 0.5 * log(df * M_PI) - (df + 1.0) / 2.0 * log1p(t * t / df));
}

double
t_quantile(double p, double df)
{
	double		tail,
				t,
				lo,
				hi;

	if (!(p > 0.0 && p < 1.0) || !(df > 0.0))
		return (df > 0.0 && p == 0.0) ? -INFINITY : (df > 0.0 && p == 1.0) ? INFINITY : NAN;
	if (p == 0.5)
		return 0.0;
	if (p < 0.5)
		return -t_quantile(1.0 - p, df);

	/* From here p > 0.5; work with the upper tail 1 - p, exact for p near 1. */
	tail = 1.0 - p;
	if (df == 1.0)				/* tan(pi (p - 1/2)), from the smaller side */
		return p < 0.75 ? tan(M_PI * (p - 0.5)) : 1.0 / tan(M_PI * tail);
	if (df == 2.0)
		return (2.0 * p - 1.0) / sqrt(2.0 * p * tail);
	if (df > T_LARGE_DF)
		return t_quantile_expansion(normal_quantile(p), df);

	/*
	 * Safeguarded Newton on g(t) = F(t) - p, increasing in t, written as
	 * P(0 < T < t) - (p - 1/2) below p = 3/4 and as (1 - p) - P(T > t)
	 * above, so that each side keeps full relative precision.
	 */
	t = t_quantile_expansion(normal_quantile(p), df);
	if (!(t > 0.0) || !isfinite(t))
		t = 1.0;
	lo = 0.0;
	hi = t;
	while ((p < 0.75 ? t_central(hi, df) - (p - 0.5) : tail - t_tail(hi, df)) < 0.0)
	{
		lo = hi;
		hi *= 2.0;
		if (!isfinite(hi))
			return INFINITY;
	}
	for (int i = 0; i < 200; i++)
	{
		double		g = p < 0.75 ? t_central(t, df) - (p - 0.5) : tail - t_tail(t, df);
		double		next;

		if (g < 0.0)
			lo = t;
		else
			hi = t;
		next = t - g / t_density(t, df);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		if (fabs(next - t) <= 1e-15 * fabs(next) || lo >= hi)
		{
			t = next;
			break;
		}
		t = next;
	}
	return t;
}

/*
 * Safeguarded Newton on g(x) = I_x(a, b) - p, or, far in the upper tail,
 * on (1 - p) - I_{1-x}(b, a), which keeps that tail's relative precision
 * (only there: 1 - x rounds, which costs a small x digits); g increases
 * in x.  The bracket [lo, hi] shrinks by
 * every evaluation, and a step leaving it is replaced by a bisection,
 * geometric when the bracket spans orders of magnitude, so that tiny
 * quantiles come out to full relative precision.
 */
double
beta_quantile(double p, double a, double b)
{
	int			upper = p > 0.99;
	double		tail = upper ? 1.0 - p : p;
	double		mean,
				sd,
				x,
				lo = 0.0,
				hi = 1.0;

	if (isnan(p) || isnan(a) || isnan(b) || a < 0.0 || b < 0.0 || (a == 0.0 && b == 0.0))
		return NAN;
	if (a == 0.0)
		return 0.0;
	if (b == 0.0)
		return 1.0;
	if (!(p > 0.0))
		return p == 0.0 ? 0.0 : NAN;
	if (!(p < 1.0))
		return p == 1.0 ? 1.0 : NAN;

	/* start: the normal approximation, pulled inside (0, 1) */
	mean = a / (a + b);
	sd = sqrt(a * b / ((a + b) * (a + b) * (a + b + 1.0)));
	x = mean + normal_quantile(p) * sd;
	if (!(x > 0.0 && x < 1.0))
		x = upper ? 1.0 - 0.5 * (1.0 - mean) * tail : 0.5 * mean * tail;

	for (int i = 0; i < 1000; i++)
	{
		double		y = 1.0 - x;
		double		g = upper ? tail - incomplete_beta(b, a, y, x)
			: incomplete_beta(a, b, x, y) - tail;
		double		density,
					next;

		if (g == 0.0)
			return x;
		if (g < 0.0)
			lo = x;
		else
			hi = x;
		density = exp(log_beta_front(a, b, x, y, log(x), x <= 0.5 ? log1p(-x) : log(y))) / (x * y);
		next = x - g / density;
		/*
		 * A step within rounding of x is convergence, even when it lands on
		 * the end of the bracket that x has just become: bisecting from
		 * there would only chase g's rounding noise.
		 */
		if (fabs(next - x) <= 4e-16 * fabs(x))
			return next > lo && next < hi ? next : x;
		if (!(next > lo && next < hi))
			next = (lo > 0.0 && hi / lo > 4.0) ? sqrt(lo * hi) :
				(lo == 0.0 && hi < 0.25) ? 0.0625 * hi : 0.5 * (lo + hi);
		if (fabs(next - x) <= 4e-16 * fabs(x) || next == lo || next == hi)
			return next;
		x = next;
	}
	return x;
}

/*
 * P(X <= k) for X ~ Binomial(n, p): I_{1-p}(n - k, k + 1) for 0 <= k < n,
 * the identity behind R's pbinom().  k is taken down to a whole number.
 */
double
binomial_cdf(double k, double n, double p)
{
	if (isnan(k) || isnan(n) || isnan(p) || n < 0.0 || n != floor(n) || p < 0.0 || p > 1.0)
		return NAN;
	k = floor(k);
	if (k < 0.0)
		return 0.0;
	if (k >= n)
		return 1.0;
	return incomplete_beta(n - k, k + 1.0, 1.0 - p, p);
}

/*
 * The smallest whole k with P(X <= k) >= q, as R's qbinom(): a bisection
 * over 0..n, so at most 64 evaluations of the CDF whatever n is.  q is
 * lowered by 64 ulps first, as R does, so that a CDF rounding just below
 * an exactly representable q does not move the answer up by one.
 */
double
binomial_quantile(double q, double n, double p)
{
	double		lo = -1.0,
				hi;

	if (isnan(q) || isnan(n) || isnan(p) || q < 0.0 || q > 1.0 || n < 0.0 || n != floor(n) ||
		p < 0.0 || p > 1.0)
		return NAN;
	if (p == 0.0 || n == 0.0 || q == 0.0)
		return 0.0;
	if (p == 1.0)
		return n;
	q *= 1.0 - 64.0 * 2.220446049250313e-16;
	/* invariant: CDF(lo) < q <= CDF(hi), with CDF(-1) = 0 and CDF(n) = 1 */
	hi = n;
	for (int i = 0; i < 64 && hi - lo > 1.0; i++)
	{
		double		mid = floor(lo + (hi - lo) / 2.0);

		if (binomial_cdf(mid, n, p) >= q)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/*
 * The gamma-function family of the empirical-Bayes fits (ranking_fit.c).
 * Below x = 20 the recurrences psi(x) = psi(x + 1) - 1/x and psi'(x) =
 * psi'(x + 1) + 1/x^2 move the argument up; from there the asymptotic series
 * (Abramowitz & Stegun 6.3.18, 6.4.12, 6.1.41) are exact to double
 * precision with the terms kept.  The differences at a and a + c are written
 * so that nothing large cancels when c is small against a: the terms of the
 * recurrence are taken in pairs, c / ((a + j)(a + j + c)), and the series'
 * powers as v^k - u^k = (v - u)(v^(k-1) + ... + u^(k-1)) with v - u = -c u v.
 */
#define GAMMA_ASYMPTOTIC	20.0

/* B_2k / 2k for k = 1..6, the coefficients of psi's series in x^-2k */
static const double digamma_series[6] = {
	1.0 / 12.0, -1.0 / 120.0, 1.0 / 252.0, -1.0 / 240.0, 1.0 / 132.0, -691.0 / 32760.0
};

/* B_2k for k = 1..7, the coefficients of psi''s series in x^-(2k+1) */
static const double trigamma_series[7] = {
	1.0 / 6.0, -1.0 / 30.0, 1.0 / 42.0, -1.0 / 30.0, 5.0 / 66.0, -691.0 / 2730.0, 7.0 / 6.0
};

/* B_2k / (2k (2k - 1)) for k = 1..6, log Gamma's series in x^-(2k-1) */
static const double lgamma_series[6] = {
	1.0 / 12.0, -1.0 / 360.0, 1.0 / 1260.0, -1.0 / 1680.0, 1.0 / 1188.0, -691.0 / 360360.0
};

double
digamma(double x)
{
	double		r = 0.0,
				u2,
				series = 0.0;

	if (!(x > 0.0))
		return NAN;
	if (isinf(x))
		return INFINITY;
	for (; x < GAMMA_ASYMPTOTIC; x += 1.0)
		r -= 1.0 / x;
	u2 = 1.0 / (x * x);
	for (int k = 5; k >= 0; k--)
		series = (series + digamma_series[k]) * u2;
	return r + log(x) - 0.5 / x - series;
}

double
trigamma(double x)
{
	double		r = 0.0,
				u,
				u2,
				series = 0.0;

	if (!(x > 0.0))
		return NAN;
	if (isinf(x))
		return 0.0;
	for (; x < GAMMA_ASYMPTOTIC; x += 1.0)
		r += 1.0 / (x * x);
	u = 1.0 / x;
	u2 = u * u;
	for (int k = 6; k >= 0; k--)
		series = (series + trigamma_series[k]) * u2;
	return r + u + 0.5 * u2 + series * u;
}

/*
 * For x >= 20 and y = x + c, u = 1/x, v = 1/y: the sums
 * s[m] = (v^m - u^m) / (v - u) = v^(m-1) + v^(m-2) u + ... + u^(m-1), m = 1..15.
 */
static void
power_difference_quotients(double u, double v, double *s)
{
	double		up = 1.0;		/* u^(m-1) */

	s[0] = 0.0;
	s[1] = 1.0;
	for (int m = 2; m <= 15; m++)
	{
		up *= u;
		s[m] = v * s[m - 1] + up;
	}
}

/* The three differences from the series, for x >= 20, c > 0. */
static double
log_pochhammer_series(double x, double c)
{
	double		u = 1.0 / x,
				v = 1.0 / (x + c),
				d = -c * u * v,
				s[16],
				series = 0.0;

	power_difference_quotients(u, v, s);
	for (int k = 1; k <= 6; k++)
		series += lgamma_series[k - 1] * s[2 * k - 1];
	/* (y - 1/2) log y - (x - 1/2) log x - c, plus the series' difference */
	return (x - 0.5) * log1p(c / x) + c * (log(x + c) - 1.0) + d * series;
}

static double
digamma_difference_series(double x, double c)
{
	double		u = 1.0 / x,
				v = 1.0 / (x + c),
				d = -c * u * v,
				s[16],
				series = 0.0;

	power_difference_quotients(u, v, s);
	for (int k = 1; k <= 6; k++)
		series += digamma_series[k - 1] * s[2 * k];
	/* log(y / x) - (v - u) / 2 - sum (B_2k / 2k)(v^2k - u^2k) */
	return log1p(c / x) - 0.5 * d - d * series;
}

static double
trigamma_difference_series(double x, double c)
{
	double		u = 1.0 / x,
				v = 1.0 / (x + c),
				d = -c * u * v,
				s[16],
				series = 0.0;

	power_difference_quotients(u, v, s);
	for (int k = 1; k <= 7; k++)
		series += trigamma_series[k - 1] * s[2 * k + 1];
	/* (u - v) + (u^2 - v^2) / 2 + sum B_2k (u^(2k+1) - v^(2k+1)) */
	return -d * (1.0 + 0.5 * s[2] + series);
}

/* Whether the difference at (a, c) is a short sum over a whole c. */
static int
short_whole(double c)
{
	return c <= 32.0 && c == floor(c);
}

double
log_pochhammer(double a, double c)
{
	double		r = 0.0;

	if (!(a > 0.0) || !(c >= 0.0) || isinf(a) || isinf(c))
		return NAN;
	if (c == 0.0)
		return 0.0;
	if (short_whole(c))
	{
		for (double j = 0.0; j < c; j += 1.0)
			r += log(a + j);
		return r;
	}
	if (a < GAMMA_ASYMPTOTIC && c >= GAMMA_ASYMPTOTIC)
		return lgamma(a + c) - lgamma(a);
	for (; a < GAMMA_ASYMPTOTIC; a += 1.0)
		r -= log1p(c / a);
	return r + log_pochhammer_series(a, c);
}

double
digamma_difference(double a, double c)
{
	double		r = 0.0;

	if (!(a > 0.0) || !(c >= 0.0) || isinf(a) || isinf(c))
		return NAN;
	if (c == 0.0)
		return 0.0;
	if (short_whole(c))
	{
		for (double j = 0.0; j < c; j += 1.0)
			r += 1.0 / (a + j);
		return r;
	}
	if (a < GAMMA_ASYMPTOTIC && c >= GAMMA_ASYMPTOTIC)
		return digamma(a + c) - digamma(a);
	for (; a < GAMMA_ASYMPTOTIC; a += 1.0)
		r += c / (a * (a + c));
	return r + digamma_difference_series(a, c);
}

double
trigamma_difference(double a, double c)
{
	double		r = 0.0;

	if (!(a > 0.0) || !(c >= 0.0) || isinf(a) || isinf(c))
		return NAN;
	if (c == 0.0)
		return 0.0;
	if (short_whole(c))
	{
		for (double j = 0.0; j < c; j += 1.0)
			r += 1.0 / ((a + j) * (a + j));
		return r;
	}
	if (a < GAMMA_ASYMPTOTIC && c >= GAMMA_ASYMPTOTIC)
		return trigamma(a) - trigamma(a + c);
	for (; a < GAMMA_ASYMPTOTIC; a += 1.0)
		r += c * (2.0 * a + c) / (a * a * (a + c) * (a + c));
	return r + trigamma_difference_series(a, c);
}
