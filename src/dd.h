/*
 * dd.h
 *	  Double-double sums: a value hi + lo carried to about 32 digits.
 *
 * The gap models add millions of products of doubles; plain summation
 * loses digits as the sum grows, and a variance from sums of squares loses
 * more to cancellation.  Each addition here is error-free (TwoSum), each
 * product exact (TwoProd by fma), so sums over 100M rows stay correct to
 * the last digit of a double, and adding -x undoes adding x.
 */
#ifndef CSM_DD_H
#define CSM_DD_H

#include <math.h>

#if defined(__GNUC__)
#define unlikely_dd(x) __builtin_expect((x) != 0, 0)
#else
#define unlikely_dd(x) (x)
#endif

typedef struct DD
{
	double		hi;
	double		lo;
} DD;

static inline DD
dd_make(double hi, double lo)
{
	DD			r;
	double		s = hi + lo;

	/* normalise: |lo| at most half an ulp of hi (FastTwoSum, |hi| >= |lo|) */
	if (fabs(hi) >= fabs(lo))
		r.lo = lo - (s - hi);
	else
		r.lo = hi - (s - lo);
	r.hi = s;
	/* one representation of zero, so equal sums compare equal byte for byte */
	if (r.hi == 0.0)
		r.hi = 0.0;
	if (r.lo == 0.0)
		r.lo = 0.0;
	return r;
}

/* a + b as an exact pair (Knuth's TwoSum). */
static inline DD
two_sum(double a, double b)
{
	DD			r;
	double		s = a + b;
	double		bb = s - a;

	r.hi = s;
	r.lo = (a - (s - bb)) + (b - bb);
	return r;
}

static inline DD
dd_add(DD a, DD b)
{
	DD			s = two_sum(a.hi, b.hi);

	return dd_make(s.hi, s.lo + a.lo + b.lo);
}

static inline DD
dd_add_double(DD a, double b)
{
	DD			s = two_sum(a.hi, b);

	return dd_make(s.hi, s.lo + a.lo);
}

static inline DD
dd_neg(DD a)
{
	DD			r = {-a.hi, -a.lo};

	return r;
}

/* a * b as an exact pair. */
static inline DD
two_prod(double a, double b)
{
	DD			r;

	r.hi = a * b;
	r.lo = fma(a, b, -r.hi);
	return r;
}

/*
 * The rounding error of p = a * b, exactly, by Veltkamp splitting (Dekker
 * 1971): pure arithmetic, for the per-row path, where fma() is a library
 * call on CPUs without a guaranteed FMA instruction.  Arguments beyond
 * 2^995 would overflow the split; they take fma() instead.
 */
static inline double
two_prod_error(double a, double b, double p)
{
	const double split = 134217729.0;	/* 2^27 + 1 */
	double		ca,
				cb,
				ah,
				al,
				bh,
				bl;

	if (unlikely_dd(fabs(a) > 1e295 || fabs(b) > 1e295))
		return fma(a, b, -p);
	ca = split * a;
	cb = split * b;
	ah = ca - (ca - a);
	al = a - ah;
	bh = cb - (cb - b);
	bl = b - bh;
	return ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

static inline DD
dd_mul(DD a, DD b)
{
	DD			p = two_prod(a.hi, b.hi);

	return dd_make(p.hi, p.lo + a.hi * b.lo + a.lo * b.hi);
}

static inline DD
dd_div_double(DD a, double b)
{
	double		q = a.hi / b;
	DD			p = two_prod(q, b);
	double		r = ((a.hi - p.hi) - p.lo + a.lo) / b;

	return dd_make(q, r);
}

/*
 * The per-row step: s += x with the rounding error of the addition (exact,
 * by TwoSum) added to lo, without renormalising.  lo stays tiny next to hi
 * and is folded in by dd_make wherever the sum is read.
 */
static inline void
dd_accumulate(DD *s, double x)
{
	double		t = s->hi + x;
	double		bb = t - s->hi;

	s->lo += (s->hi - (t - bb)) + (x - bb);
	s->hi = t;
}

/* a / b: the quotient of the high parts, corrected once by the remainder. */
static inline DD
dd_div(DD a, DD b)
{
	double		q = a.hi / b.hi;
	DD			r = dd_add(a, dd_neg(dd_mul(b, (DD) {q, 0.0})));

	return dd_make(q, r.hi / b.hi);
}

static inline DD
dd_normalise(DD a)
{
	return dd_make(a.hi, a.lo);
}

static inline double
dd_value(DD a)
{
	return a.hi + a.lo;
}

#endif							/* CSM_DD_H */
