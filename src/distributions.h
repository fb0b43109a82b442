/*
 * distributions.h
 *	  Normal, Student-t and beta distribution functions, in plain C.
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

#endif							/* CSM_DISTRIBUTIONS_H */
