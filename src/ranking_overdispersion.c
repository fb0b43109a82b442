/*
 * ranking_overdispersion.c
 *	  Spiegelhalter's Winsorized phi and tau^2 of a group summary
 *	  (ranking_overdispersion.h), through order statistics of the groups'
 *	  z-scores taken without a copy of them.
 */
#include <math.h>
#include <string.h>

#include "ranking_overdispersion.h"

typedef struct ZScores
{
	const RankSummary *s;
	double		target;			/* proportion scale */
	double		variance;		/* per answer, proportion scale */
} ZScores;

static double
z_of(const ZScores *zs, const RankRun *r)
{
	double		x,
				n;

	rank_point_metric(zs->s, r, &x, &n);
	if (zs->variance > 0.0)
		return (x - zs->target) * sqrt(n / zs->variance);
	return 0.0;					/* no variance: every group is at the target */
}

/* Doubles as unsigned integers in the same order (no NaN among them). */
static uint64_t
order_key(double d)
{
	uint64_t	u;

	memcpy(&u, &d, sizeof(u));
	return (u >> 63) ? ~u : u | UINT64_C(0x8000000000000000);
}

static double
key_value(uint64_t k)
{
	uint64_t	u = (k >> 63) ? k & ~UINT64_C(0x8000000000000000) : ~k;
	double		d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

/* How many groups have z <= t. */
static int64_t
z_count(const ZScores *zs, double t)
{
	int64_t		count = 0;

	for (int32_t i = 0; i < zs->s->nruns; i++)
	{
		const RankRun *r = &zs->s->runs[i];

		if (r->list == RANK_LIST_POINT && z_of(zs, r) <= t)
			count += r->groups;
	}
	return count;
}

/*
 * Order statistics of the z-scores (ranks 1-based, with multiplicities)
 * without a copy of them: each pass counts the z inside every target's
 * range [lo, hi] in Z_BUCKETS buckets, with each bucket's smallest and
 * largest z, and narrows the range to the values of the bucket that holds
 * the rank.  Each pass drops at least the range's smallest or largest
 * value, and with survey data a few passes leave one value.  A target
 * still open after Z_PASSES is finished by bisection over the doubles'
 * order (at most 64 more passes).
 */
#define Z_BUCKETS	256
#define Z_TARGETS	4
#define Z_PASSES	24

typedef struct ZTarget
{
	int64_t		rank;
	int64_t		below;			/* groups with z < lo */
	double		lo;
	double		hi;
} ZTarget;

static void
z_select(const ZScores *zs, double zmin, double zmax, ZTarget *t, int ntargets)
{
	int64_t		count[Z_TARGETS][Z_BUCKETS];
	double		bmin[Z_TARGETS][Z_BUCKETS],
				bmax[Z_TARGETS][Z_BUCKETS];

	for (int j = 0; j < ntargets; j++)
	{
		t[j].below = 0;
		t[j].lo = zmin;
		t[j].hi = zmax;
	}
	for (int pass = 0; pass < Z_PASSES; pass++)
	{
		bool		open = false;

		for (int j = 0; j < ntargets; j++)
		{
			open |= t[j].lo < t[j].hi;
			for (int b = 0; b < Z_BUCKETS; b++)
			{
				count[j][b] = 0;
				bmin[j][b] = INFINITY;
				bmax[j][b] = -INFINITY;
			}
		}
		if (!open)
			return;
		for (int32_t i = 0; i < zs->s->nruns; i++)
		{
			const RankRun *r = &zs->s->runs[i];
			double		z;

			if (r->list != RANK_LIST_POINT)
				continue;
			z = z_of(zs, r);
			for (int j = 0; j < ntargets; j++)
			{
				int			b;

				if (!(t[j].lo < t[j].hi) || z < t[j].lo || z > t[j].hi)
					continue;
				/* monotone in z, so that the buckets are in order */
				b = (int) ((z - t[j].lo) / (t[j].hi - t[j].lo) * Z_BUCKETS);
				b = b < 0 ? 0 : b >= Z_BUCKETS ? Z_BUCKETS - 1 : b;
				count[j][b] += r->groups;
				bmin[j][b] = fmin(bmin[j][b], z);
				bmax[j][b] = fmax(bmax[j][b], z);
			}
		}
		for (int j = 0; j < ntargets; j++)
		{
			int64_t		cumulative = t[j].below;

			if (!(t[j].lo < t[j].hi))
				continue;
			for (int b = 0; b < Z_BUCKETS; b++)
			{
				if (cumulative + count[j][b] >= t[j].rank)
				{
					t[j].below = cumulative;
					t[j].lo = bmin[j][b];
					t[j].hi = bmax[j][b];
					break;
				}
				cumulative += count[j][b];
			}
		}
	}
	for (int j = 0; j < ntargets; j++)
	{
		uint64_t	lo = order_key(t[j].lo),
					hi = order_key(t[j].hi);

		while (lo < hi)
		{
			uint64_t	mid = lo + (hi - lo) / 2;

			if (z_count(zs, key_value(mid)) >= t[j].rank)
				hi = mid;
			else
				lo = mid + 1;
		}
		t[j].lo = t[j].hi = key_value(lo);
	}
}

/* R's quantile type 7 of the z-scores at p1 and p2 (g >= 1 groups). */
static void
z_quantiles(const ZScores *zs, double zmin, double zmax, int64_t g, double p1, double p2,
			double *q1, double *q2)
{
	double		h1 = (double) (g - 1) * p1,
				h2 = (double) (g - 1) * p2,
				j1 = floor(h1),
				j2 = floor(h2);
	ZTarget		t[Z_TARGETS];

	t[0].rank = (int64_t) j1 + 1;
	t[1].rank = (int64_t) j1 + 2 <= g ? (int64_t) j1 + 2 : g;
	t[2].rank = (int64_t) j2 + 1;
	t[3].rank = (int64_t) j2 + 2 <= g ? (int64_t) j2 + 2 : g;
	z_select(zs, zmin, zmax, t, Z_TARGETS);
	*q1 = t[0].lo + (h1 - j1) * (t[1].lo - t[0].lo);
	*q2 = t[2].lo + (h2 - j2) * (t[3].lo - t[2].lo);
}

void
rank_funnel_overdispersion(const RankSummary *s, double target, double variance,
						   double *phi, double *tau2)
{
	ZScores		zs = {s, target, variance};
	double		zmin = INFINITY,
				zmax = -INFINITY,
				q10,
				q90,
				sum = 0.0,
				n_sum = 0.0,
				n2_sum = 0.0,
				g = (double) s->groups,
				denominator;

	*phi = 0.0;
	*tau2 = 0.0;
	if (s->groups == 0 || !(variance > 0.0))
		return;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		z,
					x,
					n;

		if (r->list != RANK_LIST_POINT)
			continue;
		z = z_of(&zs, r);
		rank_point_metric(s, r, &x, &n);
		zmin = fmin(zmin, z);
		zmax = fmax(zmax, z);
		n_sum += (double) r->groups * n;
		n2_sum += (double) r->groups * n * n;
	}
	z_quantiles(&zs, zmin, zmax, s->groups, 0.1, 0.9, &q10, &q90);
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];
		double		z;

		if (r->list != RANK_LIST_POINT)
			continue;
		z = rank_clip(z_of(&zs, r), q10, q90);
		sum += (double) r->groups * z * z;
	}
	*phi = sum / g;
	/* sum w - sum w^2 / sum w with w = n / V */
	denominator = (n_sum - n2_sum / n_sum) / variance;
	if (g * *phi > g - 1.0 && denominator > 0.0)
		*tau2 = (g * *phi - (g - 1.0)) / denominator;
}
