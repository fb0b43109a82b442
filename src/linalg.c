/*
 * linalg.c
 *	  Small dense linear algebra on symmetric matrices, in plain C.
 *
 * See linalg.h for the conventions.  Everything here is O(n^3) or less on
 * matrices of at most a few dozen rows, so clarity wins over blocking.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>

#include "linalg.h"

double
linalg_cholesky_extend(int m, const double *L, int ld, const double *col,
					   double diag, double *row)
{
	double		ss = 0.0;

	for (int i = 0; i < m; i++)
	{
		const double *Li = L + (long) i * ld;
		double		x = 0.0;

		if (Li[i] != 0.0)
		{
			double		s = col[i];

			for (int j = 0; j < i; j++)
				s -= Li[j] * row[j];
			x = s / Li[i];
		}
		row[i] = x;
		ss += x * x;
	}
	return diag - ss;
}

int
linalg_cholesky(int n, double *a, int ld, double tol, bool *aliased)
{
	int			rank = 0;

	for (int k = 0; k < n; k++)
	{
		double	   *ak = a + (long) k * ld;
		double		akk = ak[k];
		double		pivot = linalg_cholesky_extend(k, a, ld, ak, akk, ak);
		bool		dependent = !(akk > 0.0 && pivot > tol * akk);

		if (dependent)
		{
			for (int j = 0; j <= k; j++)
				ak[j] = 0.0;
		}
		else
		{
			ak[k] = sqrt(pivot);
			rank++;
		}
		if (aliased != NULL)
			aliased[k] = dependent;
	}
	return rank;
}

void
linalg_forward_solve(int n, const double *L, int ld, double *b)
{
	for (int i = 0; i < n; i++)
	{
		const double *Li = L + (long) i * ld;
		double		s = b[i];

		if (Li[i] == 0.0)
		{
			b[i] = 0.0;
			continue;
		}
		for (int j = 0; j < i; j++)
			s -= Li[j] * b[j];
		b[i] = s / Li[i];
	}
}

void
linalg_backward_solve(int n, const double *L, int ld, double *b)
{
	for (int i = n - 1; i >= 0; i--)
	{
		double		lii = L[(long) i * ld + i];
		double		s = b[i];

		if (lii == 0.0)
		{
			b[i] = 0.0;
			continue;
		}
		for (int j = i + 1; j < n; j++)
			s -= L[(long) j * ld + i] * b[j];
		b[i] = s / lii;
	}
}

void
linalg_cholesky_solve(int n, const double *L, int ld, double *b)
{
	linalg_forward_solve(n, L, ld, b);
	linalg_backward_solve(n, L, ld, b);
}

void
linalg_cholesky_inverse(int n, const double *L, int ld, double *inv, int ldi)
{
	/* A^-1 is symmetric: row j of the result is A^-1 e_j */
	for (int j = 0; j < n; j++)
	{
		double	   *row = inv + (long) j * ldi;

		for (int i = 0; i < n; i++)
			row[i] = (i == j) ? 1.0 : 0.0;
		linalg_cholesky_solve(n, L, ld, row);
	}
}

/* Swap columns i and j of the n x n matrix v (stride ld). */
static void
swap_columns(int n, double *v, int ld, int i, int j)
{
	for (int r = 0; r < n; r++)
	{
		double		t = v[(long) r * ld + i];

		v[(long) r * ld + i] = v[(long) r * ld + j];
		v[(long) r * ld + j] = t;
	}
}

int
linalg_symmetric_eigen(int n, double *a, int ld, double *values, double *vectors)
{
	double		norm2 = 0.0;
	int			sweeps = -1;

#define A(i, j) a[(long) (i) * ld + (j)]
#define V(i, j) vectors[(long) (i) * ld + (j)]

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
		{
			V(i, j) = (i == j) ? 1.0 : 0.0;
			norm2 += A(i, j) * A(i, j);
		}

	for (int sweep = 0; sweep <= LINALG_JACOBI_MAX_SWEEPS; sweep++)
	{
		double		off = 0.0;

		for (int p = 0; p < n; p++)
			for (int q = p + 1; q < n; q++)
				off += A(p, q) * A(p, q);

		/*
		 * Converged when the off-diagonal part is below a thousandth of an
		 * ulp of the matrix's norm: the eigenvalues are then as good as the
		 * matrix itself.
		 */
		if (off == 0.0 || sqrt(off) <= 1e-3 * DBL_EPSILON * sqrt(norm2))
		{
			sweeps = sweep;
			break;
		}
		if (sweep == LINALG_JACOBI_MAX_SWEEPS)
			break;

		for (int p = 0; p < n; p++)
			for (int q = p + 1; q < n; q++)
			{
				double		apq = A(p, q),
							app = A(p, p),
							aqq = A(q, q),
							g = 100.0 * fabs(apq),
							h = aqq - app,
							t,
							c,
							s,
							tau;

				if (apq == 0.0)
					continue;

				/*
				 * After a few sweeps an element negligible next to both
				 * diagonal entries is set to zero rather than rotated
				 * (Rutishauser; Numerical Recipes' jacobi).
				 */
				if (sweep > 3 && fabs(app) + g == fabs(app) && fabs(aqq) + g == fabs(aqq))
				{
					A(p, q) = A(q, p) = 0.0;
					continue;
				}
				if (fabs(h) + g == fabs(h))
					t = apq / h;
				else
				{
					double		theta = 0.5 * h / apq;

					/* the smaller root of t^2 + 2 theta t - 1 = 0 */
					if (fabs(theta) > 1e150)
						t = 0.5 / theta;
					else
					{
						t = 1.0 / (fabs(theta) + sqrt(1.0 + theta * theta));
						if (theta < 0.0)
							t = -t;
					}
				}
				c = 1.0 / sqrt(1.0 + t * t);
				s = t * c;
				tau = s / (1.0 + c);

				A(p, p) = app - t * apq;
				A(q, q) = aqq + t * apq;
				A(p, q) = A(q, p) = 0.0;
				for (int r = 0; r < n; r++)
				{
					double		arp,
								arq;

					if (r == p || r == q)
						continue;
					arp = A(r, p);
					arq = A(r, q);
					A(r, p) = A(p, r) = arp - s * (arq + tau * arp);
					A(r, q) = A(q, r) = arq + s * (arp - tau * arq);
				}
				for (int r = 0; r < n; r++)
				{
					double		vrp = V(r, p),
								vrq = V(r, q);

					V(r, p) = vrp - s * (vrq + tau * vrp);
					V(r, q) = vrq + s * (vrp - tau * vrq);
				}
			}
	}

	for (int i = 0; i < n; i++)
		values[i] = A(i, i);

	/* decreasing order, vectors along (selection sort: n is small) */
	for (int i = 0; i < n; i++)
	{
		int			best = i;

		for (int j = i + 1; j < n; j++)
			if (values[j] > values[best])
				best = j;
		if (best != i)
		{
			double		t = values[i];

			values[i] = values[best];
			values[best] = t;
			swap_columns(n, vectors, ld, i, best);
		}
	}
#undef A
#undef V
	return sweeps;
}
