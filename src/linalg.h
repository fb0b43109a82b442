/*
 * linalg.h
 *	  Small dense linear algebra on symmetric matrices, in plain C.
 *
 * The key-driver analyses (driver_model.c) need a Cholesky factor that
 * notices linearly dependent columns instead of dividing by a rounding
 * residue, solves and inverses with it, and a symmetric eigen-decomposition.
 * The matrices are small (at most 33 x 33), so the methods are the simple,
 * robust ones: a left-looking Cholesky and cyclic Jacobi.
 *
 * Conventions: matrices are row-major doubles, n x n, with a row stride
 * ld >= n (element (i, j) is a[i * ld + j]); workspace is the caller's; no
 * function allocates.  A Cholesky factor L is lower triangular.  A column
 * found linearly dependent on the columns before it ("aliased", as R's lm()
 * calls a coefficient it cannot estimate) gets an all-zero row in L, its
 * diagonal included; every function below treats such a row as absent, so
 * the factor, the solves and the inverse are those of the matrix with the
 * aliased rows and columns removed, with zeros put back in their places.
 */
#ifndef CSM_LINALG_H
#define CSM_LINALG_H

#include <stdbool.h>

/* Jacobi sweeps before linalg_symmetric_eigen() gives up (6 to 10 is usual). */
#define LINALG_JACOBI_MAX_SWEEPS 64

/*
 * One step of a left-looking Cholesky factorisation: given the factor L of
 * the leading m x m block (row stride ld), the new column's first m entries
 * col[] and its diagonal entry diag, writes row[0..m-1] = L^-1 col (zero
 * where L has an aliased row) and returns the pivot diag - |row|^2.  The
 * caller accepts the column (its diagonal entry in L is sqrt(pivot)) or
 * calls it aliased; col and row may be the same array.
 */
extern double linalg_cholesky_extend(int m, const double *L, int ld,
									 const double *col, double diag,
									 double *row);

/*
 * In-place Cholesky factorisation of the symmetric n x n matrix a (its lower
 * triangle is read), with rank detection: column k is aliased when its pivot
 * is at most tol times its diagonal entry a[k][k] (for a correlation matrix,
 * when 1 - R^2 of column k on the columns before it is at most tol), or when
 * that diagonal entry is not positive.  The lower triangle becomes L; the
 * strict upper triangle is left as it was.  aliased[k] (may be NULL) tells
 * which columns were.  Returns the rank.
 */
extern int	linalg_cholesky(int n, double *a, int ld, double tol, bool *aliased);

/* b := L^-1 b, in place (x[i] = 0 for an aliased row). */
extern void linalg_forward_solve(int n, const double *L, int ld, double *b);

/* b := L^-T b, in place (x[i] = 0 for an aliased row). */
extern void linalg_backward_solve(int n, const double *L, int ld, double *b);

/* b := A^-1 b from A's factor L, in place: both solves. */
extern void linalg_cholesky_solve(int n, const double *L, int ld, double *b);

/*
 * inv := A^-1 from A's factor L (inv is n x n with row stride ldi and must
 * not overlap L).  Rows and columns of aliased columns are zero.
 */
extern void linalg_cholesky_inverse(int n, const double *L, int ld,
									double *inv, int ldi);

/*
 * Eigen-decomposition of the symmetric n x n matrix a by cyclic Jacobi
 * rotations: a = V diag(values) V^T.  a is destroyed (its diagonal ends as
 * the eigenvalues); values[] come out in decreasing order and column j of
 * vectors (n x n, stride ld, must not overlap a) is the unit eigenvector of
 * values[j].  Returns the number of sweeps, or -1 when the off-diagonal
 * part did not vanish within LINALG_JACOBI_MAX_SWEEPS (not seen in
 * practice; the result is then the last iterate).
 */
extern int	linalg_symmetric_eigen(int n, double *a, int ld, double *values,
								   double *vectors);

#endif							/* CSM_LINALG_H */
