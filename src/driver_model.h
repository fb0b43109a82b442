/*
 * driver_model.h
 *	  Key drivers in plain C: the weighted moments of an outcome and its
 *	  attributes, kept mergeable, and every analysis read from them alone.
 *
 * Which attributes move satisfaction needs only the covariance matrix of
 * (y, x_1..x_p), and that is mergeable: a summary per store and month rolls
 * up to a region or a year, and the same merge serves parallel workers,
 * partitions and shards.  This file is the maths of csm's driver_summary:
 * the moments (the stored payload), their per-row update, merge and
 * removal, and the analyses: correlations, R^2, OLS with standard errors,
 * Johnson's relative weights, the exact LMG/Shapley decomposition and
 * Cronbach's alpha.  No server header, no allocation: the caller passes the
 * buffers (palloc'd in the server, test/drivers' driver outside it).
 *
 * Sources: Welford (1962) and West (1979) for the weighted per-row update;
 * Chan, Golub & LeVeque (1979) for the merge; Johnson (2000) for relative
 * weights; Lindeman, Merenda & Gold (1980) and Groemping (2006) for LMG,
 * which is the Shapley value of R^2 and Budescu's (1993) general dominance;
 * Cronbach (1951).  Weighted, every number is what R gives with frequency
 * weights: cov.wt() for the moments and correlations, lm(weights = w) for
 * the coefficients and their (model-based, not design-based) standard
 * errors, relaimpo::calc.relimp(weights = w) for the importances.
 *
 * THE MOMENTS ARRAY
 *
 * Variables are numbered 0..p: 0 is the outcome y, 1..p the attributes
 * x_1..x_p; q = p + 1.  The array holds DRIVER_MOMENTS_LENGTH(p) doubles:
 *
 *   m[0]                  W = sum of w, the weight total (the row count when
 *                         unweighted); 0 for the empty summary
 *   m[1 .. q]             mean_i, the weighted means (to double precision)
 *   m[q+1 .. 2q]          the low-order parts of the means: the mean is
 *                         mean_i + low_i exactly (a double-double, dd.h,
 *                         |low_i| <= DBL_EPSILON |mean_i|)
 *   m[2q+1 ..]            C_ij = sum w (v_i - mean_i)(v_j - mean_j), i <= j,
 *                         the upper triangle row by row: C_00, C_01, ...,
 *                         C_0p, C_11, ..., C_1p, ..., C_pp;
 *                         driver_moments_index(p, i, j) is the position
 *
 * The empty summary is all zeros.  The rows used and skipped are int64
 * counts kept by the caller next to the array; the analyses take the rows
 * used (n: lm's n, which counts rows with a positive weight).
 *
 * Why the low-order parts: with the means large against the spread (scores
 * shifted by 1e6), a mean kept in one double is off by about 1e-10, which
 * enters every later row's deviation and leaves the co-moments wrong in the
 * 11th digit, and merges disagree with the whole by as much.  Kept to about
 * 32 digits, deviations are exact to rounding and merges of random splits
 * agree with the whole to about 1e-15.  A reader who wants only the mean
 * takes m[1 + i]; the text form must carry both parts to round-trip.
 *
 * DEGENERATE DATA: DEFINED VALUES, NEVER NaN
 *
 * Nothing here returns NaN or infinity.  A function returns a DriverStatus:
 * anything but DRIVER_OK is a request the data cannot change (too many
 * attributes for the method, too few items), which the server raises as an
 * ERROR.  Whatever depends on the data is a DriverValue: a value, or NULL
 * with a DriverNull reason.  The rules, following R where it is sensible:
 *
 *  case (how detected)        | correlations   | R^2, importances, shares            | regression (coef / se, t, p)         | alpha / standardized
 *  ---------------------------+----------------+-------------------------------------+--------------------------------------+---------------------
 *  no rows (W = 0)            | NULL           | NULL                                | NULL (intercept too)                 | NULL / NULL
 *  rows < p + 2               | values         | R^2 as lm(); importances and shares | values (aliased NULL) / NULL when    | values
 *                             |                | NULL: FEW_ROWS (relaimpo refuses a  | df = rows - rank - 1 < 1 (R's NaN)   |
 *                             |                | model without a residual)           |                                      |
 *  attribute constant         | its row and    | unaffected; its importance and      | NULL: ALIASED (lm: NA, it is the     | counted (variance 0) /
 *  (C_jj = 0)                 | column NULL    | share 0 (a null player), sign 0     | intercept's column again)            | NULL: CONSTANT
 *  outcome constant           | its row and    | NULL: OUTCOME_CONSTANT (R^2 is 0/0; | coefficients 0, intercept the mean / | values
 *  (C_00 = 0)                 | column NULL    | relaimpo refuses)                   | se 0, t and p NULL: PERFECT_FIT      |
 *  collinear attributes       | values         | R^2 of the span; the collinear set  | a column dependent on the ones       | values
 *  (pivot <= 1e-10: 1 - R^2   |                | shares its importance (duplicates   | before it NULL: ALIASED (lm's rule   |
 *  of x_j on the earlier x's, |                | equally); sums to R^2               | and order); the others as lm()       |
 *  i.e. VIF >= 1e10)          |                |                                     |                                      |
 *  R^2 = 0 (e.g. every        | values         | importances 0; shares NULL: ZERO_R2 | as lm()                              | -
 *  attribute constant)        |                |                                     |                                      |
 *  exact fit (1 - R^2 <=      | -              | -                                   | sigma and se 0; t and p NULL:        | -
 *  1e-10: y is a linear       |                |                                     | PERFECT_FIT (lm gives rounding noise |
 *  combination of the x's)    |                |                                     | and huge t, or NaN)                  |
 *  items' total constant      | -              | -                                   | -                                    | NULL: TOTAL_CONSTANT
 *  (var of the sum <= 1e-10   |                |                                     |                                      | (the standardized one
 *  of the sum of variances)   |                |                                     |                                      | when its total is)
 *  a result overflows         | NULL: OVERFLOW, for that value alone (only hostile input of about 1e150 gets there)
 *
 * Errors (DriverStatus, raised by the server): p > 32 (DRIVER_MAX_ATTRIBUTES)
 * or Shapley with p > 16: DRIVER_TOO_MANY_ATTRIBUTES (SQLSTATE 54000, with
 * the limit; for Shapley suggest relative weights); Cronbach's alpha with
 * p < 2: DRIVER_TOO_FEW_ITEMS (22023); a negative p or row count, an
 * unknown method, a missing buffer: DRIVER_BAD_ARGUMENT (an internal
 * error); the eigen-solver's sweep cap: DRIVER_NOT_CONVERGED (internal;
 * never seen, every loop is bounded).
 *
 * Reading the importances: relative weights and LMG sum to R^2 over the
 * attributes; the share is 100 * importance / R^2; the signed share carries
 * the sign of the attribute's coefficient in the minimum-norm least-squares
 * solution, which is the OLS coefficient whenever no attribute is aliased
 * and, unlike lm's NA, gives each member of a collinear set a sign that does
 * not depend on the column order.  The sign is - when that standardized
 * coefficient is below -1e-10, else + (a coefficient of 0 to rounding, as
 * an attribute with no effect in an exact fit has, would flip at random).
 *
 * Precision: everything is solved from the moments (normal equations on
 * the correlation scale), so a coefficient, standard error or t carries the
 * moments' rounding (about 1e-16 times the square root of the rows) times
 * the condition number of the correlation matrix of (y, x), where lm()'s QR
 * has its square root; a p-value that times t^2 again.  The residual sum of
 * squares is C_00 (1 - R^2): it loses digits as R^2 -> 1, and at
 * 1 - R^2 <= 1e-10 the fit is taken as exact (the table).  Survey models are
 * far from both.
 */
#ifndef CSM_DRIVER_MODEL_H
#define CSM_DRIVER_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DRIVER_MAX_ATTRIBUTES 32
#define DRIVER_MAX_VARIABLES (DRIVER_MAX_ATTRIBUTES + 1)
#define DRIVER_SHAPLEY_MAX_ATTRIBUTES 16

/* An attribute is aliased when 1 - R^2 on the earlier attributes is below. */
#define DRIVER_ALIAS_TOLERANCE 1e-10

/*
 * Relative weights: eigenvalues of the attributes' correlation matrix below
 * this fraction of the largest are rounding residue of an exact dependence.
 */
#define DRIVER_EIGEN_TOLERANCE 1e-12

/*
 * driver_moments_remove() refuses a removal that would leave W or a
 * co-moment C_ii below this fraction of its value (the result would carry
 * the rounding error of the larger value), and, given the caller's drift,
 * one after which the rounding errors of the removals so far could reach
 * DRIVER_REMOVE_TOLERANCE of W or of a C_ii.
 */
#define DRIVER_REMOVE_MIN_FRACTION (1.0 / 32.0)
#define DRIVER_REMOVE_TOLERANCE 1e-13

#define DRIVER_MOMENTS_LENGTH(p) (1 + 2 * ((p) + 1) + ((p) + 1) * ((p) + 2) / 2)
#define DRIVER_MOMENTS_MAX_LENGTH DRIVER_MOMENTS_LENGTH(DRIVER_MAX_ATTRIBUTES)

typedef enum DriverStatus
{
	DRIVER_OK = 0,
	DRIVER_TOO_MANY_ATTRIBUTES,	/* p > 32, or p > 16 for Shapley */
	DRIVER_TOO_FEW_ITEMS,		/* Cronbach's alpha with p < 2 */
	DRIVER_BAD_ARGUMENT,		/* p or rows negative, unknown method, no buffer */
	DRIVER_NOT_CONVERGED		/* the eigen-solver's sweep cap */
} DriverStatus;

/* Why a DriverValue is NULL. */
typedef enum DriverNull
{
	DRIVER_DEFINED = 0,			/* not NULL */
	DRIVER_NULL_NO_ROWS,		/* W = 0: nothing was aggregated */
	DRIVER_NULL_FEW_ROWS,		/* fewer rows than the quantity needs */
	DRIVER_NULL_CONSTANT,		/* the variable has no variance */
	DRIVER_NULL_OUTCOME_CONSTANT,	/* the outcome has no variance */
	DRIVER_NULL_ALIASED,		/* linearly dependent on earlier attributes */
	DRIVER_NULL_PERFECT_FIT,	/* standard error 0: no t statistic */
	DRIVER_NULL_ZERO_R2,		/* a share of an R^2 of 0 */
	DRIVER_NULL_TOTAL_CONSTANT,	/* alpha: the items' total has no variance */
	DRIVER_NULL_OVERFLOW		/* the value is beyond the double range */
} DriverNull;

typedef struct DriverValue
{
	double		value;			/* 0 when NULL */
	DriverNull	null;			/* DRIVER_DEFINED, or why it is NULL */
} DriverValue;

typedef enum DriverMethod
{
	DRIVER_RELATIVE_WEIGHTS = 0,	/* Johnson (2000), any p */
	DRIVER_SHAPLEY				/* LMG over all 2^p subsets, p <= 16 */
} DriverMethod;

/* One row per attribute of key_drivers(), and the model's R^2. */
typedef struct DriverImportance
{
	int			p;
	DriverValue r2;
	DriverValue importance[DRIVER_MAX_ATTRIBUTES];	/* sums to R^2 */
	DriverValue share[DRIVER_MAX_ATTRIBUTES];	/* percent of R^2 */
	DriverValue signed_share[DRIVER_MAX_ATTRIBUTES];
	int			sign[DRIVER_MAX_ATTRIBUTES];	/* -1, +1; 0 for a constant */
	DriverValue correlation[DRIVER_MAX_ATTRIBUTES];	/* with the outcome */
	DriverValue mean[DRIVER_MAX_ATTRIBUTES];	/* the performance axis */
} DriverImportance;

/* lm(y ~ x_1 + ... + x_p [, weights = w]) from the moments. */
typedef struct DriverRegression
{
	int			p;
	int			rank;			/* attributes estimated (not aliased) */
	double		df;				/* residual df: rows - rank - 1 */
	DriverValue r2;
	DriverValue sigma;			/* residual standard error */
	DriverValue intercept;
	DriverValue intercept_se;
	DriverValue intercept_t;
	DriverValue intercept_p;	/* two-sided */
	DriverValue coef[DRIVER_MAX_ATTRIBUTES];
	DriverValue se[DRIVER_MAX_ATTRIBUTES];
	DriverValue t[DRIVER_MAX_ATTRIBUTES];
	DriverValue p_value[DRIVER_MAX_ATTRIBUTES];	/* two-sided */
} DriverRegression;

/* Cronbach's alpha with the p attributes as the items (y is not one). */
typedef struct DriverAlpha
{
	DriverValue alpha;
	DriverValue standardized;	/* k r / (1 + (k - 1) r) */
	DriverValue mean_correlation;	/* r, over the item pairs */
} DriverAlpha;

/*
 * Scratch space of the analyses (about 44 kB, so the server pallocs it
 * rather than putting it on the stack); its contents are private.
 */
typedef struct DriverWork
{
	int			p;
	int			k;				/* attributes with a variance */
	int			rank;			/* of those, the ones not aliased */
	bool		outcome_constant;
	double		r2;				/* unclamped */
	int			index[DRIVER_MAX_ATTRIBUTES];	/* 1-based variable of each */
	bool		constant[DRIVER_MAX_VARIABLES];
	bool		aliased[DRIVER_MAX_ATTRIBUTES];
	double		root[DRIVER_MAX_VARIABLES];	/* sqrt(C_ii) */
	double		rxy[DRIVER_MAX_ATTRIBUTES];
	double		z[DRIVER_MAX_ATTRIBUTES];
	double		beta[DRIVER_MAX_ATTRIBUTES];	/* standardized coefficients */
	double		coef_min_norm[DRIVER_MAX_ATTRIBUTES];
	double		eigenvalues[DRIVER_MAX_ATTRIBUTES];
	double		vec[DRIVER_MAX_ATTRIBUTES];
	double		corr[DRIVER_MAX_VARIABLES * DRIVER_MAX_VARIABLES];
	double		L[DRIVER_MAX_ATTRIBUTES * DRIVER_MAX_ATTRIBUTES];
	double		aux[DRIVER_MAX_ATTRIBUTES * DRIVER_MAX_ATTRIBUTES];
	double		vectors[DRIVER_MAX_ATTRIBUTES * DRIVER_MAX_ATTRIBUTES];
	double		root_half[DRIVER_MAX_ATTRIBUTES * DRIVER_MAX_ATTRIBUTES];
} DriverWork;

/* The moments. */

extern int	driver_moments_length(int p);

/* Position in m of C_ij (either order). */
extern int	driver_moments_index(int p, int i, int j);

/* The empty summary. */
extern void driver_moments_init(double *m, int p);

/*
 * Adds one row v[0..p] = (y, x_1..x_p) with weight w > 0 (finite values,
 * checked by the caller).  Weighted Welford: W' = W + w, d = v - mean,
 * mean += d w / W', C_ij += (w W / W') d_i d_j.  False when w is not a
 * positive number or the result overflows the double range.
 */
extern bool driver_moments_add(double *m, int p, const double *v, double w);

/*
 * a := a merged with b (Chan, Golub & LeVeque): d = mean_b - mean_a,
 * mean_a += d W_b / W, C_a += C_b + d_i d_j W_a W_b / W.  False on
 * overflow.
 */
extern bool driver_moments_merge(double *a, const double *b, int p);

/*
 * Removes a row added before (window frames): the inverse of
 * driver_moments_add().  Floating-point Welford is not exactly invertible:
 * each removal leaves a rounding error of about 1e-16 of the co-moments
 * before it, and those errors stay while the co-moments shrink.  So this
 * refuses (returns false, m and drift unchanged) a removal that would
 * cancel more than DRIVER_REMOVE_MIN_FRACTION of W or of a C_ii, the
 * removal of the last row, and, when drift is given, any removal after
 * which the errors of the removals so far could reach
 * DRIVER_REMOVE_TOLERANCE (1e-13) of what is left.  The caller then
 * recomputes the frame: the server's inverse transition returns NULL and
 * PostgreSQL restarts the aggregation.
 *
 * drift[0..p+1] is the caller's running error bound for W and each C_ii,
 * all 0 for moments built without removals; it belongs with the window's
 * moving state (an aggregate's MSTYPE), not in the stored summary.  With
 * drift NULL only the per-step fraction guards, and a variance collapsing
 * over many small steps can keep about 1e-16 of its largest value.
 */
extern bool driver_moments_remove(double *m, int p, const double *v, double w,
								  double *drift);

/* The weighted mean of variable i (0 = y), to double precision. */
extern double driver_moments_mean(const double *m, int p, int i);

/*
 * Which rule of a possible moments array m breaks (for validated input),
 * in this order:
 *
 *   DRIVER_MOMENTS_NOT_FINITE      every value is finite (*i: its position)
 *   DRIVER_MOMENTS_NEGATIVE_TOTAL  W >= 0
 *   DRIVER_MOMENTS_EMPTY_NONZERO   when W = 0 every value is 0 (*i)
 *   DRIVER_MOMENTS_LOW_PART        each mean's low part is at most
 *                                  DBL_EPSILON of it (*i: the variable)
 *   DRIVER_MOMENTS_NEGATIVE_VARIANCE  C_ii >= 0 (*i)
 *   DRIVER_MOMENTS_CORRELATION     |C_ij| <= sqrt(C_ii C_jj) (*i, *j)
 *
 * The last with the slack DRIVER_CORRELATION_SLACK (relative) and, for
 * co-moments near the bottom of the double range, the rounding of
 * products that underflow (DRIVER_UNDERFLOW_SLACK added to each C_ii): no
 * aggregate's rounding exceeds either.  The full matrix's positive
 * semi-definiteness is not required: collinear data leave pivots of
 * +-rounding that no fixed tolerance separates from input, and every
 * analysis treats a non-positive pivot as an aliased attribute.
 */
typedef enum DriverMomentsFault
{
	DRIVER_MOMENTS_VALID = 0,
	DRIVER_MOMENTS_NOT_FINITE,
	DRIVER_MOMENTS_NEGATIVE_TOTAL,
	DRIVER_MOMENTS_EMPTY_NONZERO,
	DRIVER_MOMENTS_LOW_PART,
	DRIVER_MOMENTS_NEGATIVE_VARIANCE,
	DRIVER_MOMENTS_CORRELATION
} DriverMomentsFault;

#define DRIVER_CORRELATION_SLACK 1e-9
#define DRIVER_UNDERFLOW_SLACK 1e-300

/* p in 0..32; i and j (may be NULL) name where the fault is. */
extern DriverMomentsFault driver_moments_check(const double *m, int p, int *i, int *j);

/* driver_moments_check() finds no fault, and p is in 0..32. */
extern bool driver_moments_valid(const double *m, int p);

/* The analyses. */

/*
 * r[(p + 1) * (p + 1)]: the correlation matrix of (y, x_1..x_p), row-major,
 * C_ij / sqrt(C_ii C_jj), the diagonal 1; NULL in the row and column of a
 * constant variable (R's cor() gives NA, PostgreSQL's corr() NULL).
 */
extern DriverStatus driver_correlations(const double *m, int p, DriverValue *r);

/* R^2 of the full model (lm's "Multiple R-squared"). */
extern DriverStatus driver_r_squared(const double *m, int p, DriverValue *r2,
									 DriverWork *work);

/* OLS coefficients, standard errors, t and p on rows - rank - 1 df. */
extern DriverStatus driver_regression(const double *m, int p, int64_t rows,
									  DriverRegression *out, DriverWork *work);

/*
 * Importances by relative weights or Shapley/LMG.  shapley_table: at least
 * driver_shapley_table_length(p) doubles for DRIVER_SHAPLEY (an R^2 per
 * subset of the attributes: 512 kB at p = 16), unused otherwise.
 */
extern DriverStatus driver_key_drivers(const double *m, int p, int64_t rows,
									   DriverMethod method, DriverImportance *out,
									   DriverWork *work, double *shapley_table);

extern size_t driver_shapley_table_length(int p);

extern DriverStatus driver_cronbach_alpha(const double *m, int p, DriverAlpha *out);

/* A sentence for each status and each NULL reason, for messages and docs. */
extern const char *driver_status_message(DriverStatus status);
extern const char *driver_null_message(DriverNull reason);

#endif							/* CSM_DRIVER_MODEL_H */
