/*
 * drivers_model.c: times the key-driver maths of src/driver_model.c (a
 * benchmark, not a test).  Prints the median and fastest of repeated runs:
 * Shapley/LMG at p = 16 (the budget: 100 ms), relative weights at
 * p = 32 (5 ms), the regression and correlations at p = 32, and the
 * per-row update at p = 10 and 32, with the summary's size.
 *
 *   cc -O2 -Isrc test/bench/drivers_model.c src/driver_model.c src/linalg.c \
 *      src/distributions.c -lm -o /tmp/drivers_model && /tmp/drivers_model
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "driver_model.h"

static uint64_t rng_state = 88172645463325252ULL;

static double
uniform(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return ((rng_state * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

static double
gaussian(void)
{
	double		u = uniform(),
				v = uniform();

	return sqrt(-2.0 * log(u + 1e-300)) * cos(6.283185307179586 * v);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int
compare(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/* Moments of n rows of survey-like data: p ratings sharing two factors. */
static void
make_moments(double *m, int p, int n)
{
	double		v[DRIVER_MAX_VARIABLES];

	driver_moments_init(m, p);
	for (int r = 0; r < n; r++)
	{
		double		f1 = gaussian(),
					f2 = gaussian(),
					y = 0.0;

		for (int j = 1; j <= p; j++)
		{
			v[j] = round(6.0 + (j % 2 ? f1 : f2) + 0.8 * gaussian());
			y += (j % 3 == 0 ? -0.2 : 0.3) * v[j];
		}
		v[0] = y + gaussian();
		driver_moments_add(m, p, v, 1.0 + (r % 3));
	}
}

typedef struct Timing
{
	double		median;
	double		fastest;
} Timing;

#define RUNS 31

static Timing
summarise(double *t, int runs)
{
	Timing		r;

	qsort(t, runs, sizeof(double), compare);
	r.median = t[runs / 2];
	r.fastest = t[0];
	return r;
}

static Timing
time_key_drivers(const double *m, int p, DriverMethod method, DriverWork *work, double *table)
{
	double		t[RUNS];
	DriverImportance out;

	for (int i = 0; i < RUNS; i++)
	{
		double		start = now();

		if (driver_key_drivers(m, p, 100000, method, &out, work, table) != DRIVER_OK)
		{
			fprintf(stderr, "key drivers failed\n");
			exit(1);
		}
		t[i] = now() - start;
	}
	return summarise(t, RUNS);
}

static Timing
time_regression(const double *m, int p, DriverWork *work)
{
	double		t[RUNS];
	DriverRegression out;

	for (int i = 0; i < RUNS; i++)
	{
		double		start = now();

		driver_regression(m, p, 100000, &out, work);
		t[i] = now() - start;
	}
	return summarise(t, RUNS);
}

static double
time_rows(int p, int rows)
{
	double	   *m = malloc(sizeof(double) * DRIVER_MOMENTS_LENGTH(p));
	double	   *data = malloc(sizeof(double) * 1024 * (p + 1));
	double		start;

	for (int i = 0; i < 1024 * (p + 1); i++)
		data[i] = round(6.0 + 2.0 * gaussian());
	driver_moments_init(m, p);
	start = now();
	for (int r = 0; r < rows; r++)
		driver_moments_add(m, p, data + (r & 1023) * (p + 1), 1.0);
	start = now() - start;
	if (m[0] != rows)
		fprintf(stderr, "unexpected weight total\n");
	free(m);
	free(data);
	return start / rows;
}

int
main(void)
{
	DriverWork *work = malloc(sizeof(DriverWork));
	double	   *table = malloc(sizeof(double) * driver_shapley_table_length(16));
	double		m16[DRIVER_MOMENTS_LENGTH(16)],
				m32[DRIVER_MOMENTS_LENGTH(32)];
	Timing		t;

	make_moments(m16, 16, 20000);
	make_moments(m32, 32, 20000);

	printf("key drivers maths, median and fastest of %d runs\n", RUNS);
	t = time_key_drivers(m16, 16, DRIVER_SHAPLEY, work, table);
	printf("  shapley (LMG), p = 16:          %8.3f ms  (fastest %.3f ms; budget 100 ms)\n",
		   t.median * 1e3, t.fastest * 1e3);
	t = time_key_drivers(m16, 16, DRIVER_RELATIVE_WEIGHTS, work, table);
	printf("  relative weights, p = 16:       %8.3f ms  (fastest %.3f ms)\n", t.median * 1e3, t.fastest * 1e3);
	t = time_key_drivers(m32, 32, DRIVER_RELATIVE_WEIGHTS, work, table);
	printf("  relative weights, p = 32:       %8.3f ms  (fastest %.3f ms; budget 5 ms)\n",
		   t.median * 1e3, t.fastest * 1e3);
	t = time_regression(m32, 32, work);
	printf("  regression with se, p = 32:     %8.3f ms  (fastest %.3f ms)\n", t.median * 1e3, t.fastest * 1e3);
	printf("  per-row update, p = 10:         %8.1f ns\n", time_rows(10, 20000000) * 1e9);
	printf("  per-row update, p = 32:         %8.1f ns\n", time_rows(32, 5000000) * 1e9);
	printf("  moments array: p = 10: %d doubles (%d bytes); p = 32: %d doubles (%d bytes)\n",
		   DRIVER_MOMENTS_LENGTH(10), (int) (8 * DRIVER_MOMENTS_LENGTH(10)),
		   DRIVER_MOMENTS_LENGTH(32), (int) (8 * DRIVER_MOMENTS_LENGTH(32)));
	printf("  workspace: DriverWork %zu bytes; Shapley table at p = 16 %zu bytes\n",
		   sizeof(DriverWork), sizeof(double) * driver_shapley_table_length(16));
	free(work);
	free(table);
	return 0;
}
