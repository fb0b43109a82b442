/*
 * distributions.h
 *	  Normal, Student-t, beta and binomial distribution functions, in plain C.
 *
 * csm needs quantiles for confidence intervals and CDFs for p-values, and
 * no runtime library beyond libm.  Nothing here depends on the server, so
 * test/stats checks these functions against scipy directly.
 */
#ifndef CSM_DISTRIBUTIONS_H
#define CSM_DISTRIBUTIONS_H

/* P(Z <= x) for a standard normal Z. */
extern double normal_cdf(double x);

/* Upper tail P(Z > x), accurate far into the tail. */
extern double normal_sf(double x);

/* x with P(Z <= x) = p, 0 < p < 1 (Wichura's AS 241, about 1e-16). */
extern double normal_quantile(double p);

/* P(T <= t) for Student's t with df > 0 degrees of freedom. */
extern double t_cdf(double t, double df);

/* t with P(T <= t) = p, 0 < p < 1, df > 0. */
extern double t_quantile(double p, double df);

/*
 * x with I_x(a, b) = p, 0 < p < 1, a, b >= 0: the beta quantile.  A zero
 * shape is a point mass (a = 0 at 0, b = 0 at 1), as R's qbeta() has it.
 */
extern double beta_quantile(double p, double a, double b);

/*
 * log B(a, b) for a, b > 0, without the cancellation of lgamma(a) +
 * lgamma(b) - lgamma(a + b) for large shapes.
 */
extern double log_beta(double a, double b);

/*
 * The digamma and trigamma functions psi(x) and psi'(x), x > 0 (NaN
 * elsewhere): recurrence up to x >= 20, then the asymptotic series.
 */
extern double digamma(double x);
extern double trigamma(double x);

/*
 * Differences at a > 0, c >= 0, as the Dirichlet- and beta-binomial
 * likelihoods take them for a count c and a shape a:
 *	 log_pochhammer(a, c)		 log Gamma(a + c) - log Gamma(a)
 *	 digamma_difference(a, c)	 psi(a + c) - psi(a)
 *	 trigamma_difference(a, c)	 psi'(a) - psi'(a + c)
 * each to a few units of relative precision, also where c is small against
 * a and the two terms nearly cancel.  NaN outside the domain.
 */
extern double log_pochhammer(double a, double c);
extern double digamma_difference(double a, double c);
extern double trigamma_difference(double a, double c);

/* P(X <= k) for X ~ Binomial(n, p), n a whole number >= 0, 0 <= p <= 1. */
extern double binomial_cdf(double k, double n, double p);

/*
 * The smallest whole k with P(X <= k) >= q, as R's qbinom(q, n, p); the
 * crossings limit of Anhøj's run rules is binomial_quantile(0.05, n - 1, 0.5).
 */
extern double binomial_quantile(double q, double n, double p);

#endif							/* CSM_DISTRIBUTIONS_H */
