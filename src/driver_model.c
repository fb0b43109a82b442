/*
 * driver_model.c
 *	  Key drivers in plain C: the mergeable moments and the analyses read
 *	  from them.
 *
 * See driver_model.h for the layout of the moments, the sources and the
 * table of degenerate cases.  The analyses all start from fit(): the
 * correlations of the attributes that have a variance, a Cholesky factor of
 * their correlation matrix that leaves out aliased attributes, and the
 * standardized OLS solution.  Working on the correlation scale keeps the
 * alias tolerance meaningful whatever the units.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dd.h"
#include "distributions.h"
#include "driver_model.h"
#include "linalg.h"

#define LD DRIVER_MAX_ATTRIBUTES	/* row stride of the k x k scratch */

/* The moments array's blocks. */
#define M_MEAN(m) ((m) + 1)
#define M_LOW(m, q) ((m) + 1 + (q))
#define M_COMOMENT(m, q) ((m) + 1 + 2 * (q))

int
driver_moments_length(int p)
{
	return DRIVER_MOMENTS_LENGTH(p);
}

/* Position of C_ij (i <= j) inside the co-moment block. */
static inline int
comoment_offset(int q, int i, int j)
{
	return i * q - i * (i - 1) / 2 + (j - i);
}

int
driver_moments_index(int p, int i, int j)
{
	int			q = p + 1;

	if (i > j)
	{
		int			t = i;

		i = j;
		j = t;
	}
	return 1 + 2 * q + comoment_offset(q, i, j);
}

void
driver_moments_init(double *m, int p)
{
	memset(m, 0, sizeof(double) * DRIVER_MOMENTS_LENGTH(p));
}

double
driver_moments_mean(const double *m, int p, int i)
{
	return M_MEAN(m)[i] + M_LOW(m, p + 1)[i];
}

/* Every C_ii and mean finite (C_ij is bounded by the C_ii). */
static bool
moments_finite(const double *m, int q)
{
	const double *c = M_COMOMENT(m, q);

	if (!isfinite(m[0]))
		return false;
	for (int i = 0; i < q; i++)
		if (!isfinite(M_MEAN(m)[i]) || !isfinite(c[comoment_offset(q, i, i)]))
			return false;
	return true;
}

/* mean_i += x as a double-double: the mean stays exact to about 32 digits. */
static inline void
mean_add(double *m, int q, int i, double x)
{
	DD			s = dd_add_double((DD) {M_MEAN(m)[i], M_LOW(m, q)[i]}, x);

	M_MEAN(m)[i] = s.hi;
	M_LOW(m, q)[i] = s.lo;
}

/* v_i - mean_i, from both parts of the mean. */
static inline double
deviation(const double *m, int q, int i, double v)
{
	return (v - M_MEAN(m)[i]) - M_LOW(m, q)[i];
}

bool
driver_moments_add(double *m, int p, const double *v, double w)
{
	int			q = p + 1;
	double	   *c = M_COMOMENT(m, q);
	double		d[DRIVER_MAX_VARIABLES];
	double		W = m[0],
				Wn = W + w,
				probe = Wn,
				f,
				g;

	if (!(w > 0.0) || !isfinite(w) || q > DRIVER_MAX_VARIABLES)
		return false;
	if (W == 0.0)
	{
		/* the first row: its values are the means, no co-moment yet */
		driver_moments_init(m, p);
		m[0] = w;
		memcpy(M_MEAN(m), v, sizeof(double) * q);
		return moments_finite(m, q);
	}
	f = w / Wn;
	g = w * (W / Wn);
	for (int i = 0; i < q; i++)
		d[i] = deviation(m, q, i, v[i]);
	for (int i = 0; i < q; i++)
		mean_add(m, q, i, d[i] * f);
	for (int i = 0; i < q; i++)
	{
		double		gi = g * d[i];

		for (int j = i; j < q; j++)
			c[j - i] += gi * d[j];
		/* inf * 0 is NaN: one test at the end finds an overflowed C_ii */
		probe += c[0] * 0.0;
		c += q - i;
	}
	m[0] = Wn;
	return isfinite(probe);
}

bool
driver_moments_merge(double *a, const double *b, int p)
{
	int			q = p + 1;
	double	   *c = M_COMOMENT(a, q);
	const double *cb = M_COMOMENT(b, q);
	double		d[DRIVER_MAX_VARIABLES];
	double		Wa = a[0],
				Wb = b[0],
				W,
				f,
				g;

	if (q > DRIVER_MAX_VARIABLES)
		return false;
	if (Wb == 0.0)
		return true;
	if (Wa == 0.0)
	{
		memcpy(a, b, sizeof(double) * DRIVER_MOMENTS_LENGTH(p));
		return true;
	}
	W = Wa + Wb;
	f = Wb / W;
	g = Wa * f;
	for (int i = 0; i < q; i++)
		d[i] = (M_MEAN(b)[i] - M_MEAN(a)[i]) + (M_LOW(b, q)[i] - M_LOW(a, q)[i]);
	for (int i = 0; i < q; i++)
		mean_add(a, q, i, d[i] * f);
	for (int i = 0; i < q; i++)
	{
		double		gi = g * d[i];

		for (int j = i; j < q; j++, c++, cb++)
			*c += *cb + gi * d[j];
	}
	a[0] = W;
	return moments_finite(a, q);
}

bool
driver_moments_remove(double *m, int p, const double *v, double w, double *drift)
{
	int			q = p + 1;
	double	   *c = M_COMOMENT(m, q);
	double		d[DRIVER_MAX_VARIABLES],
				bound[DRIVER_MAX_VARIABLES + 1];
	double		W = m[0],
				Wn = W - w,
				f,
				g;

	if (!(w > 0.0) || !isfinite(w) || q > DRIVER_MAX_VARIABLES)
		return false;
	if (!(Wn >= DRIVER_REMOVE_MIN_FRACTION * W) || !(Wn > 0.0))
		return false;

	/*
	 * With d = v - mean (after the row was added), the mean before it was
	 * mean - d w / W', and C lost w (W / W') d_i d_j.  Each subtraction
	 * rounds by about DBL_EPSILON times its operands; those errors stay
	 * while C shrinks, so the caller's drift adds them up (in quadrature:
	 * they are independent) and the removal is refused once they could
	 * reach DRIVER_REMOVE_TOLERANCE of what is left.
	 */
	f = w / Wn;
	g = w * (W / Wn);
	if (drift != NULL)
	{
		double		e = DBL_EPSILON * W;

		bound[0] = sqrt(drift[0] * drift[0] + e * e);
		if (bound[0] > DRIVER_REMOVE_TOLERANCE * Wn)
			return false;
	}
	for (int i = 0; i < q; i++)
	{
		double		cii = c[comoment_offset(q, i, i)],
					term;

		d[i] = deviation(m, q, i, v[i]);
		term = g * d[i] * d[i];
		if (!(cii - term >= DRIVER_REMOVE_MIN_FRACTION * cii))
			return false;
		if (drift != NULL)
		{
			double		e = DBL_EPSILON * (cii + term);

			bound[1 + i] = sqrt(drift[1 + i] * drift[1 + i] + e * e);
			if (bound[1 + i] > DRIVER_REMOVE_TOLERANCE * (cii - term))
				return false;
		}
	}
	for (int i = 0; i < q; i++)
		mean_add(m, q, i, -d[i] * f);
	for (int i = 0; i < q; i++)
	{
		double		gi = g * d[i];

		for (int j = i; j < q; j++)
			*c++ -= gi * d[j];
	}
	m[0] = Wn;
	if (drift != NULL)
		memcpy(drift, bound, sizeof(double) * (q + 1));
	return true;
}

DriverMomentsFault
driver_moments_check(const double *m, int p, int *where_i, int *where_j)
{
	int			q = p + 1;
	int			len = DRIVER_MOMENTS_LENGTH(p);
	const double *c = M_COMOMENT(m, q);
	int			dummy_i,
				dummy_j;

	if (where_i == NULL)
		where_i = &dummy_i;
	if (where_j == NULL)
		where_j = &dummy_j;
	*where_i = *where_j = 0;
	for (int i = 0; i < len; i++)
		if (!isfinite(m[i]))
		{
			*where_i = i;
			return DRIVER_MOMENTS_NOT_FINITE;
		}
	if (m[0] < 0.0)
		return DRIVER_MOMENTS_NEGATIVE_TOTAL;
	if (m[0] == 0.0)
	{
		for (int i = 1; i < len; i++)
			if (m[i] != 0.0)
			{
				*where_i = i;
				return DRIVER_MOMENTS_EMPTY_NONZERO;
			}
		return DRIVER_MOMENTS_VALID;
	}
	for (int i = 0; i < q; i++)
	{
		*where_i = i;
		if (fabs(M_LOW(m, q)[i]) > DBL_EPSILON * fabs(M_MEAN(m)[i]))
			return DRIVER_MOMENTS_LOW_PART;
		if (c[comoment_offset(q, i, i)] < 0.0)
			return DRIVER_MOMENTS_NEGATIVE_VARIANCE;
	}

	/*
	 * A product that underflows rounds by up to the smallest subnormal, so
	 * a C_ii of data near 1e-160 may read 0 while C_ij does not: the slack
	 * added to each C_ii (far above the rows times that rounding) keeps
	 * such data valid without loosening anything at ordinary scales.
	 */
	for (int i = 0; i < q; i++)
		for (int j = i + 1; j < q; j++)
		{
			double		bound = sqrt(c[comoment_offset(q, i, i)] + DRIVER_UNDERFLOW_SLACK) *
				sqrt(c[comoment_offset(q, j, j)] + DRIVER_UNDERFLOW_SLACK);

			if (fabs(c[comoment_offset(q, i, j)]) > bound * (1.0 + DRIVER_CORRELATION_SLACK))
			{
				*where_i = i;
				*where_j = j;
				return DRIVER_MOMENTS_CORRELATION;
			}
		}
	return DRIVER_MOMENTS_VALID;
}

bool
driver_moments_valid(const double *m, int p)
{
	if (p < 0 || p > DRIVER_MAX_ATTRIBUTES)
		return false;
	return driver_moments_check(m, p, NULL, NULL) == DRIVER_MOMENTS_VALID;
}

/* The analyses. */

static inline DriverValue
value_of(double x)
{
	DriverValue v = {x, DRIVER_DEFINED};

	/* the one place a result could leave the double range: hostile input */
	if (!isfinite(x))
	{
		v.value = 0.0;
		v.null = DRIVER_NULL_OVERFLOW;
	}
	return v;
}

static inline DriverValue
null_value(DriverNull why)
{
	DriverValue v = {0.0, why};

	return v;
}

static inline double
clamp(double x, double lo, double hi)
{
	return x < lo ? lo : (x > hi ? hi : x);
}

/*
 * Fills w from the moments (W > 0): which variables are constant, the
 * correlation matrix of all q variables (0 where undefined), the attributes
 * with a variance (index[0..k-1]), the Cholesky factor L of their
 * correlation matrix with aliased ones left out, z = L^-1 r_xy, R^2 = |z|^2
 * and the standardized coefficients beta = L^-T z (0 for aliased ones).
 */
static void
fit(const double *m, int p, DriverWork *w)
{
	int			q = p + 1;
	const double *c = M_COMOMENT(m, q);
	double	   *corr = w->corr;

	w->p = p;
	for (int i = 0; i < q; i++)
	{
		double		cii = c[comoment_offset(q, i, i)];

		w->constant[i] = !(cii > 0.0);
		w->root[i] = w->constant[i] ? 0.0 : sqrt(cii);
	}
	for (int i = 0; i < q; i++)
		for (int j = i; j < q; j++)
		{
			double		r = 0.0;

			if (!w->constant[i] && !w->constant[j])
				r = (i == j) ? 1.0 :
					clamp(c[comoment_offset(q, i, j)] / (w->root[i] * w->root[j]), -1.0, 1.0);
			corr[i * q + j] = corr[j * q + i] = r;
		}
	w->outcome_constant = w->constant[0];

	w->k = 0;
	for (int j = 1; j < q; j++)
		if (!w->constant[j])
			w->index[w->k++] = j;

	for (int a = 0; a < w->k; a++)
	{
		for (int b = 0; b <= a; b++)
			w->L[a * LD + b] = corr[w->index[a] * q + w->index[b]];
		w->rxy[a] = corr[w->index[a]];	/* 0 when y is constant */
	}
	w->rank = linalg_cholesky(w->k, w->L, LD, DRIVER_ALIAS_TOLERANCE, w->aliased);

	memcpy(w->z, w->rxy, sizeof(double) * w->k);
	linalg_forward_solve(w->k, w->L, LD, w->z);
	w->r2 = 0.0;
	for (int a = 0; a < w->k; a++)
		w->r2 += w->z[a] * w->z[a];
	memcpy(w->beta, w->z, sizeof(double) * w->k);
	linalg_backward_solve(w->k, w->L, LD, w->beta);
}

/* R^2 as reported: within [0, 1] (rounding can step past 1 on an exact fit). */
static double
reported_r2(const DriverWork *w)
{
	return clamp(w->r2, 0.0, 1.0);
}

/*
 * The eigen-decomposition of the attributes' correlation matrix, its
 * symmetric square root with rounding-residue eigenvalues taken as 0
 * (root_half), and the minimum-norm least-squares coefficients: beta
 * projected onto the range of the matrix, which moves nothing when no
 * attribute is aliased and otherwise spreads the effect over the collinear
 * set whatever the column order.
 */
static DriverStatus
eigen_parts(DriverWork *w)
{
	int			k = w->k,
				q = w->p + 1;
	double		top,
				s[DRIVER_MAX_ATTRIBUTES];

	for (int a = 0; a < k; a++)
		for (int b = 0; b < k; b++)
			w->aux[a * LD + b] = w->corr[w->index[a] * q + w->index[b]];
	if (linalg_symmetric_eigen(k, w->aux, LD, w->eigenvalues, w->vectors) < 0)
		return DRIVER_NOT_CONVERGED;

	top = k > 0 ? w->eigenvalues[0] : 0.0;
	for (int i = 0; i < k; i++)
		s[i] = (w->eigenvalues[i] > DRIVER_EIGEN_TOLERANCE * top) ?
			sqrt(w->eigenvalues[i]) : 0.0;

	for (int a = 0; a < k; a++)
		for (int b = 0; b <= a; b++)
		{
			double		x = 0.0;

			for (int i = 0; i < k; i++)
				x += w->vectors[a * LD + i] * s[i] * w->vectors[b * LD + i];
			w->root_half[a * LD + b] = w->root_half[b * LD + a] = x;
		}

	/* coef_min_norm = sum over kept eigenvectors v of v (v . beta) */
	for (int a = 0; a < k; a++)
		w->coef_min_norm[a] = 0.0;
	for (int i = 0; i < k; i++)
	{
		double		dot = 0.0;

		if (s[i] == 0.0)
			continue;
		for (int a = 0; a < k; a++)
			dot += w->vectors[a * LD + i] * w->beta[a];
		for (int a = 0; a < k; a++)
			w->coef_min_norm[a] += w->vectors[a * LD + i] * dot;
	}
	return DRIVER_OK;
}

/*
 * Johnson's relative weights: with R_xx = V diag(lambda) V^T and its square
 * root Lambda = V diag(sqrt(lambda)) V^T, the outcome's coefficients on the
 * orthogonal counterparts are b* = Lambda^-1 r_xy and the weight of x_j is
 * sum_m Lambda_jm^2 b*_m^2.  r_xy = R_xx beta, so b* = Lambda beta: no
 * inverse, and the weights sum to beta' R_xx beta = R^2 even when R_xx is
 * singular (beta is then any solution; b* does not depend on which).
 */
static void
relative_weights(DriverWork *w, double *weight)
{
	int			k = w->k;
	double		bstar[DRIVER_MAX_ATTRIBUTES];

	for (int a = 0; a < k; a++)
	{
		double		x = 0.0;

		for (int b = 0; b < k; b++)
			x += w->root_half[a * LD + b] * w->beta[b];
		bstar[a] = x * x;
	}
	for (int j = 0; j < k; j++)
	{
		double		x = 0.0;

		for (int a = 0; a < k; a++)
			x += w->root_half[j * LD + a] * w->root_half[j * LD + a] * bstar[a];
		weight[j] = x;
	}
}

/*
 * The depth-first walk over the subsets of the k attributes for Shapley:
 * each subset S is reached once, from S minus its largest member, by
 * extending that subset's Cholesky factor by one row (O(|S|^2)); its R^2 is
 * the parent's plus the new z^2, and an aliased member adds nothing.
 */
typedef struct ShapleyWalk
{
	const double *corr;			/* q x q */
	int			q;
	const int  *index;
	int			k;
	double	   *table;			/* R^2 by subset bitmask */
	double		L[DRIVER_SHAPLEY_MAX_ATTRIBUTES * DRIVER_SHAPLEY_MAX_ATTRIBUTES];
	double		z[DRIVER_SHAPLEY_MAX_ATTRIBUTES];
	int			member[DRIVER_SHAPLEY_MAX_ATTRIBUTES];	/* attribute of L's row */
} ShapleyWalk;

#define SLD DRIVER_SHAPLEY_MAX_ATTRIBUTES

static inline int
bit_count(uint32_t x)
{
	int			n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

static void
shapley_walk(ShapleyWalk *s, int next, uint32_t mask, int rows, double r2)
{
	for (int j = next; j < s->k; j++)
	{
		uint32_t	child = mask | ((uint32_t) 1 << j);
		double	   *row = s->L + rows * SLD;
		int			vj = s->index[j];
		double		pivot;

		for (int i = 0; i < rows; i++)
			row[i] = s->corr[s->index[s->member[i]] * s->q + vj];
		pivot = linalg_cholesky_extend(rows, s->L, SLD, row, 1.0, row);
		if (pivot > DRIVER_ALIAS_TOLERANCE)
		{
			double		lj = sqrt(pivot),
						x = s->corr[vj];	/* r_yj */

			for (int i = 0; i < rows; i++)
				x -= row[i] * s->z[i];
			x /= lj;
			row[rows] = lj;
			s->z[rows] = x;
			s->member[rows] = j;
			s->table[child] = r2 + x * x;
			shapley_walk(s, j + 1, child, rows + 1, s->table[child]);
		}
		else
		{
			s->table[child] = r2;
			shapley_walk(s, j + 1, child, rows, r2);
		}
	}
}

/*
 * LMG: importance_j = sum over S not containing j of
 * |S|! (k - |S| - 1)! / k! (R^2(S + j) - R^2(S)), every R^2(S) computed once.
 */
static void
shapley(DriverWork *w, double *table, double *importance)
{
	ShapleyWalk s;
	int			k = w->k;
	uint32_t	full = ((uint32_t) 1 << k) - 1;
	double		weight[DRIVER_SHAPLEY_MAX_ATTRIBUTES];

	s.corr = w->corr;
	s.q = w->p + 1;
	s.index = w->index;
	s.k = k;
	s.table = table;
	table[0] = 0.0;
	shapley_walk(&s, 0, 0, 0, 0.0);

	/* weight[s] = s! (k - s - 1)! / k! = 1 / (k C(k - 1, s)) */
	for (int size = 0; size < k; size++)
	{
		double		binom = 1.0;

		for (int i = 1; i <= size; i++)
			binom = binom * (k - i) / i;
		weight[size] = 1.0 / (k * binom);
	}
	for (int j = 0; j < k; j++)
		importance[j] = 0.0;
	for (uint32_t mask = 0; mask < full; mask++)
	{
		double		base = table[mask],
					wt = weight[bit_count(mask)];

		for (int j = 0; j < k; j++)
			if (!(mask & ((uint32_t) 1 << j)))
				importance[j] += wt * (table[mask | ((uint32_t) 1 << j)] - base);
	}
}

size_t
driver_shapley_table_length(int p)
{
	if (p < 0 || p > DRIVER_SHAPLEY_MAX_ATTRIBUTES)
		return 0;
	return (size_t) 1 << p;
}

DriverStatus
driver_correlations(const double *m, int p, DriverValue *r)
{
	int			q = p + 1;
	const double *c = M_COMOMENT(m, q);

	if (p < 0)
		return DRIVER_BAD_ARGUMENT;
	if (p > DRIVER_MAX_ATTRIBUTES)
		return DRIVER_TOO_MANY_ATTRIBUTES;
	for (int i = 0; i < q; i++)
		for (int j = 0; j < q; j++)
		{
			double		cii = c[comoment_offset(q, i, i)],
						cjj = c[comoment_offset(q, j, j)];

			if (!(m[0] > 0.0))
				r[i * q + j] = null_value(DRIVER_NULL_NO_ROWS);
			else if (!(cii > 0.0) || !(cjj > 0.0))
				r[i * q + j] = null_value(DRIVER_NULL_CONSTANT);
			else if (i == j)
				r[i * q + j] = value_of(1.0);
			else
				r[i * q + j] = value_of(clamp(c[comoment_offset(q, i < j ? i : j, i < j ? j : i)] /
											  (sqrt(cii) * sqrt(cjj)), -1.0, 1.0));
		}
	return DRIVER_OK;
}

DriverStatus
driver_r_squared(const double *m, int p, DriverValue *r2, DriverWork *work)
{
	if (p < 0 || work == NULL)
		return DRIVER_BAD_ARGUMENT;
	if (p > DRIVER_MAX_ATTRIBUTES)
		return DRIVER_TOO_MANY_ATTRIBUTES;
	if (!(m[0] > 0.0))
	{
		*r2 = null_value(DRIVER_NULL_NO_ROWS);
		return DRIVER_OK;
	}
	fit(m, p, work);
	*r2 = work->outcome_constant ? null_value(DRIVER_NULL_OUTCOME_CONSTANT) :
		value_of(reported_r2(work));
	return DRIVER_OK;
}

/* 2 P(T > |t|) on df degrees of freedom. */
static double
two_sided_p(double t, double df)
{
	return 2.0 * t_cdf(-fabs(t), df);
}

DriverStatus
driver_regression(const double *m, int p, int64_t rows, DriverRegression *out,
				  DriverWork *work)
{
	DriverWork *w = work;
	double		W = m[0],
				sse,
				sigma2,
				intercept,
				u[DRIVER_MAX_ATTRIBUTES],
				uu = 0.0,
				coef[DRIVER_MAX_ATTRIBUTES];
	DriverNull	inference = DRIVER_DEFINED;

	if (p < 0 || rows < 0 || work == NULL || out == NULL)
		return DRIVER_BAD_ARGUMENT;
	if (p > DRIVER_MAX_ATTRIBUTES)
		return DRIVER_TOO_MANY_ATTRIBUTES;

	memset(out, 0, sizeof(*out));
	out->p = p;
	if (!(W > 0.0))
	{
		DriverValue none = null_value(DRIVER_NULL_NO_ROWS);

		out->r2 = out->sigma = none;
		out->intercept = out->intercept_se = out->intercept_t = out->intercept_p = none;
		for (int j = 0; j < p; j++)
			out->coef[j] = out->se[j] = out->t[j] = out->p_value[j] = none;
		out->df = (double) rows - 1.0;
		return DRIVER_OK;
	}

	fit(m, p, w);
	out->rank = w->rank;
	out->df = (double) rows - w->rank - 1.0;
	out->r2 = w->outcome_constant ? null_value(DRIVER_NULL_OUTCOME_CONSTANT) :
		value_of(reported_r2(w));

	/* raw coefficients: b_j = beta_j sqrt(C_yy / C_jj); aliased and constant NULL */
	for (int j = 0; j < p; j++)
		out->coef[j] = out->se[j] = out->t[j] = out->p_value[j] =
			null_value(DRIVER_NULL_ALIASED);
	intercept = driver_moments_mean(m, p, 0);
	for (int a = 0; a < w->k; a++)
	{
		int			v = w->index[a];

		coef[a] = w->beta[a] * w->root[0] / w->root[v];
		if (w->aliased[a])
			continue;
		out->coef[v - 1] = value_of(coef[a]);
		intercept -= coef[a] * driver_moments_mean(m, p, v);
	}
	out->intercept = value_of(intercept);

	if (out->df < 1.0)
		inference = DRIVER_NULL_FEW_ROWS;
	if (inference != DRIVER_DEFINED)
	{
		DriverValue none = null_value(inference);

		out->sigma = out->intercept_se = out->intercept_t = out->intercept_p = none;
		for (int a = 0; a < w->k; a++)
			if (!w->aliased[a])
				out->se[w->index[a] - 1] = out->t[w->index[a] - 1] =
					out->p_value[w->index[a] - 1] = none;
		return DRIVER_OK;
	}

	/*
	 * SSE = C_yy (1 - R^2); sigma^2 = SSE / df.  From moments, 1 - R^2 is
	 * only known to about 1e-16 times the conditioning: at or below the
	 * alias tolerance the outcome is a linear combination of the
	 * attributes, an exact fit, and SSE is 0 rather than rounding noise.
	 */
	sse = (1.0 - w->r2 <= DRIVER_ALIAS_TOLERANCE) ? 0.0 :
		w->root[0] * w->root[0] * (1.0 - w->r2);
	sigma2 = sse / out->df;
	out->sigma = value_of(sqrt(sigma2));

	/* Var b_j = sigma^2 (R_xx^-1)_jj / C_jj */
	linalg_cholesky_inverse(w->k, w->L, LD, w->aux, LD);
	for (int a = 0; a < w->k; a++)
	{
		int			j = w->index[a] - 1;
		double		se;

		if (w->aliased[a])
			continue;
		se = sqrt(sigma2 * w->aux[a * LD + a]) / w->root[j + 1];
		out->se[j] = value_of(se);
		if (se > 0.0)
		{
			out->t[j] = value_of(coef[a] / se);
			out->p_value[j] = value_of(two_sided_p(coef[a] / se, out->df));
		}
		else
			out->t[j] = out->p_value[j] = null_value(DRIVER_NULL_PERFECT_FIT);
	}

	/* Var b_0 = sigma^2 (1 / W + xbar' S_xx^-1 xbar), S_xx = D R_xx D */
	for (int a = 0; a < w->k; a++)
		u[a] = driver_moments_mean(m, p, w->index[a]) / w->root[w->index[a]];
	linalg_forward_solve(w->k, w->L, LD, u);
	for (int a = 0; a < w->k; a++)
		uu += u[a] * u[a];
	{
		double		se0 = sqrt(sigma2 * (1.0 / W + uu));

		out->intercept_se = value_of(se0);
		if (se0 > 0.0)
		{
			out->intercept_t = value_of(intercept / se0);
			out->intercept_p = value_of(two_sided_p(intercept / se0, out->df));
		}
		else
			out->intercept_t = out->intercept_p = null_value(DRIVER_NULL_PERFECT_FIT);
	}
	return DRIVER_OK;
}

DriverStatus
driver_key_drivers(const double *m, int p, int64_t rows, DriverMethod method,
				   DriverImportance *out, DriverWork *work, double *shapley_table)
{
	DriverWork *w = work;
	DriverNull	importance_null = DRIVER_DEFINED;
	DriverStatus status;
	double		importance[DRIVER_MAX_ATTRIBUTES];
	double		r2;

	if (p < 0 || rows < 0 || work == NULL || out == NULL)
		return DRIVER_BAD_ARGUMENT;
	if (method != DRIVER_RELATIVE_WEIGHTS && method != DRIVER_SHAPLEY)
		return DRIVER_BAD_ARGUMENT;
	if (p > DRIVER_MAX_ATTRIBUTES ||
		(method == DRIVER_SHAPLEY && p > DRIVER_SHAPLEY_MAX_ATTRIBUTES))
		return DRIVER_TOO_MANY_ATTRIBUTES;
	if (method == DRIVER_SHAPLEY && shapley_table == NULL)
		return DRIVER_BAD_ARGUMENT;

	memset(out, 0, sizeof(*out));
	out->p = p;
	if (!(m[0] > 0.0))
	{
		DriverValue none = null_value(DRIVER_NULL_NO_ROWS);

		out->r2 = none;
		for (int j = 0; j < p; j++)
			out->importance[j] = out->share[j] = out->signed_share[j] =
				out->correlation[j] = out->mean[j] = none;
		return DRIVER_OK;
	}

	fit(m, p, w);
	out->r2 = w->outcome_constant ? null_value(DRIVER_NULL_OUTCOME_CONSTANT) :
		value_of(reported_r2(w));
	for (int j = 0; j < p; j++)
	{
		out->mean[j] = value_of(driver_moments_mean(m, p, j + 1));
		if (w->outcome_constant)
			out->correlation[j] = null_value(DRIVER_NULL_OUTCOME_CONSTANT);
		else if (w->constant[j + 1])
			out->correlation[j] = null_value(DRIVER_NULL_CONSTANT);
		else
			out->correlation[j] = value_of(w->corr[j + 1]);
	}

	/* relaimpo's rule: a model with no residual degree of freedom has none */
	if ((double) rows < p + 2.0)
		importance_null = DRIVER_NULL_FEW_ROWS;
	else if (w->outcome_constant)
		importance_null = DRIVER_NULL_OUTCOME_CONSTANT;
	if (importance_null != DRIVER_DEFINED)
	{
		DriverValue none = null_value(importance_null);

		for (int j = 0; j < p; j++)
			out->importance[j] = out->share[j] = out->signed_share[j] = none;
		return DRIVER_OK;
	}

	status = eigen_parts(w);
	if (status != DRIVER_OK)
		return status;
	if (method == DRIVER_SHAPLEY)
		shapley(w, shapley_table, importance);
	else
		relative_weights(w, importance);

	/* constant attributes: importance 0, sign 0 (they join no model) */
	for (int j = 0; j < p; j++)
	{
		out->importance[j] = value_of(0.0);
		out->sign[j] = 0;
	}
	for (int a = 0; a < w->k; a++)
	{
		int			j = w->index[a] - 1;

		out->importance[j] = value_of(importance[a]);
		out->sign[j] = w->coef_min_norm[a] < -DRIVER_ALIAS_TOLERANCE ? -1 : 1;
	}
	r2 = w->r2;
	for (int j = 0; j < p; j++)
	{
		if (!(r2 > 0.0))
			out->share[j] = out->signed_share[j] = null_value(DRIVER_NULL_ZERO_R2);
		else
		{
			double		share = 100.0 * out->importance[j].value / r2;

			out->share[j] = value_of(share);
			out->signed_share[j] = value_of(out->sign[j] * share);
		}
	}
	return DRIVER_OK;
}

DriverStatus
driver_cronbach_alpha(const double *m, int p, DriverAlpha *out)
{
	int			q = p + 1;
	const double *c = M_COMOMENT(m, q);
	double		variances = 0.0,
				total,
				covariances = 0.0,
				rsum = 0.0,
				rbar,
				denominator;
	bool		any_constant = false;

	if (p < 0 || out == NULL)
		return DRIVER_BAD_ARGUMENT;
	if (p > DRIVER_MAX_ATTRIBUTES)
		return DRIVER_TOO_MANY_ATTRIBUTES;
	if (p < 2)
		return DRIVER_TOO_FEW_ITEMS;
	if (!(m[0] > 0.0))
	{
		out->alpha = out->standardized = out->mean_correlation =
			null_value(DRIVER_NULL_NO_ROWS);
		return DRIVER_OK;
	}

	/* items are variables 1..p; the scale of C cancels */
	for (int i = 1; i < q; i++)
	{
		double		cii = c[comoment_offset(q, i, i)];

		variances += cii;
		if (!(cii > 0.0))
			any_constant = true;
		for (int j = i + 1; j < q; j++)
		{
			covariances += c[comoment_offset(q, i, j)];
			if (cii > 0.0 && c[comoment_offset(q, j, j)] > 0.0)
				rsum += clamp(c[comoment_offset(q, i, j)] /
							  (sqrt(cii) * sqrt(c[comoment_offset(q, j, j)])), -1.0, 1.0);
		}
	}
	total = variances + 2.0 * covariances;
	if (!(total > DRIVER_ALIAS_TOLERANCE * variances))
		out->alpha = null_value(DRIVER_NULL_TOTAL_CONSTANT);
	else
		out->alpha = value_of((double) p / (p - 1) * (1.0 - variances / total));

	if (any_constant)
	{
		out->standardized = out->mean_correlation = null_value(DRIVER_NULL_CONSTANT);
		return DRIVER_OK;
	}
	rbar = rsum / (p * (p - 1) / 2.0);
	out->mean_correlation = value_of(rbar);
	/* 1 + (k - 1) rbar is the standardized total's variance over k: >= 0 */
	denominator = 1.0 + (p - 1) * rbar;
	if (!(denominator > DRIVER_ALIAS_TOLERANCE * p))
		out->standardized = null_value(DRIVER_NULL_TOTAL_CONSTANT);
	else
		out->standardized = value_of(p * rbar / denominator);
	return DRIVER_OK;
}

const char *
driver_status_message(DriverStatus status)
{
	switch (status)
	{
		case DRIVER_OK:
			return "ok";
		case DRIVER_TOO_MANY_ATTRIBUTES:
			return "too many attributes for the method";
		case DRIVER_TOO_FEW_ITEMS:
			return "Cronbach's alpha needs at least 2 attributes";
		case DRIVER_BAD_ARGUMENT:
			return "invalid argument";
		case DRIVER_NOT_CONVERGED:
			return "the eigen-decomposition did not converge";
	}
	return "unknown status";
}

const char *
driver_null_message(DriverNull reason)
{
	switch (reason)
	{
		case DRIVER_DEFINED:
			return "defined";
		case DRIVER_NULL_NO_ROWS:
			return "no rows were aggregated";
		case DRIVER_NULL_FEW_ROWS:
			return "too few rows: the model has no residual degree of freedom";
		case DRIVER_NULL_CONSTANT:
			return "the variable has no variance";
		case DRIVER_NULL_OUTCOME_CONSTANT:
			return "the outcome has no variance";
		case DRIVER_NULL_ALIASED:
			return "the attribute is a linear combination of earlier attributes";
		case DRIVER_NULL_PERFECT_FIT:
			return "the standard error is 0: the fit is exact";
		case DRIVER_NULL_ZERO_R2:
			return "R squared is 0: there is nothing to share";
		case DRIVER_NULL_TOTAL_CONSTANT:
			return "the items' total has no variance";
		case DRIVER_NULL_OVERFLOW:
			return "the value is out of the double range";
	}
	return "unknown reason";
}
