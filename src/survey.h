/*
 * survey.h
 *	  Design-based inference for weighted answers, in plain C: the
 *	  linearized variance of a weighted mean and the intervals R's survey
 *	  package gives for it (svymean, confint, svyciprop), for a
 *	  single-stage design with weights only, svydesign(ids = ~1,
 *	  weights = ~w).  docs/metrics.md §8 defines them and cites the sources.
 *
 * No server dependency, so test/weighted checks these against R directly
 * through the SQL functions (src/weighted_inference.c) and test/stats
 * checks the beta quantile they use.  Shares are on 0..1 here.
 */
#ifndef CSM_SURVEY_H
#define CSM_SURVEY_H

#include "dd.h"
#include "inference.h"

/*
 * The variance of the weighted mean Σ x_k W_k / W of per-answer values x_k
 * (one per category k, e.g. +1/0/-1 for an NPS), from n answers whose
 * weights sum to W_k and their squares to W2_k in category k:
 *
 *	 n / (n - 1) · Σ_k (x_k - mean)² W2_k / W²
 *
 * NaN below two answers.
 */
extern double survey_mean_variance(const double *x, const DD *w, const DD *w2, int ncat,
								   double n);

/* The weighted variance of the values themselves (svyvar): n/(n-1) Σ W_k (x_k - mean)² / W. */
extern double survey_value_variance(const double *x, const DD *w, int ncat, double n);

/*
 * svyciprop(method = "logit"): a Wald interval on the logit scale with t on
 * df degrees of freedom, logit(p) ± t · se / (p (1 - p)), back through the
 * logistic function.  At p = 0 or 1 the logit is infinite and the bounds
 * are NaN.
 */
extern ConfidenceInterval survey_logit_interval(double p, double se, double df, double level);

/*
 * svyciprop(method = "beta"), Korn & Graubard (1998): Clopper-Pearson's
 * beta quantiles at the effective size n* = p (1 - p) / se², which is n
 * when p is 0 or 1 (their rule, where se is 0).  *n_effective gets n*.
 */
extern ConfidenceInterval survey_beta_interval(double p, double se, double n, double level,
											   double *n_effective);

/* The effective size p (1 - p) / se² of a share, n at p = 0 or 1. */
extern double survey_share_effective_n(double p, double se, double n);

#endif							/* CSM_SURVEY_H */
