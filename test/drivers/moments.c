/*
 * moments.c: prints every quantity src/driver_model.c computes, for the
 * data sets read from stdin, so that test/drivers/check_model.py can hold
 * them against its independent numpy oracle.
 *
 * Input, whitespace-separated:
 *
 *   set ID P N GROUPS WINDOW
 *   then N rows:  GROUP WEIGHT Y X_1 .. X_P
 *
 * A row of weight 0 is skipped, as the aggregate skips it.  Each set is
 * analysed in up to three views:
 *   whole   every row added in order (driver_moments_add)
 *   merged  one summary per group (0..GROUPS-1), merged left to right
 *           (driver_moments_merge), as rollup() will
 *   window  when WINDOW > 0: a frame of the last WINDOW rows slid over the
 *           set by driver_moments_add and driver_moments_remove, recomputed
 *           whenever a removal is refused; its moments at every position
 *           ("winpos") and the full analysis of the last frame
 *
 * Output, one line each, "ID VIEW WHAT values...", doubles as %.17g and a
 * NULL as "null<reason>" (the DriverNull code); a DriverStatus other than
 * DRIVER_OK as "ID VIEW WHAT status <code>":
 *   moments   rows, then the moments array
 *   valid     1 when driver_moments_valid() accepts the moments
 *   corr      the (P+1)^2 correlations, row-major
 *   r2
 *   reg       rank df sigma intercept se t p, then coef[P] se[P] t[P] p[P]
 *   rw, shapley   r2, importance[P] share[P] signed_share[P] sign[P]
 *             correlation[P] mean[P]
 *   alpha     alpha standardized mean_correlation
 *
 * "moments limits" instead prints "limits NAME VALUE" for the requests
 * the functions refuse (statuses, refused additions and removals, input
 * validation), which check_model.py compares with driver_model.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver_model.h"

static void
put(DriverValue v)
{
	if (v.null != DRIVER_DEFINED)
		printf(" null%d", (int) v.null);
	else
		printf(" %.17g", v.value);
}

static void
put_values(const DriverValue *v, int n)
{
	for (int i = 0; i < n; i++)
		put(v[i]);
}

static void
analyse(const char *id, const char *view, const double *m, int p, int64_t rows,
		DriverWork *work, double *table)
{
	int			len = driver_moments_length(p);
	int			q = p + 1;
	DriverValue corr[DRIVER_MAX_VARIABLES * DRIVER_MAX_VARIABLES];
	DriverValue r2;
	DriverRegression reg;
	DriverImportance imp;
	DriverAlpha alpha;
	DriverStatus st;

	printf("%s %s moments %lld", id, view, (long long) rows);
	for (int i = 0; i < len; i++)
		printf(" %.17g", m[i]);
	printf("\n%s %s valid %d\n", id, view, (int) driver_moments_valid(m, p));

	st = driver_correlations(m, p, corr);
	printf("%s %s corr", id, view);
	if (st != DRIVER_OK)
		printf(" status %d", (int) st);
	else
		put_values(corr, q * q);
	printf("\n");

	st = driver_r_squared(m, p, &r2, work);
	printf("%s %s r2", id, view);
	if (st != DRIVER_OK)
		printf(" status %d", (int) st);
	else
		put(r2);
	printf("\n");

	st = driver_regression(m, p, rows, &reg, work);
	printf("%s %s reg", id, view);
	if (st != DRIVER_OK)
		printf(" status %d", (int) st);
	else
	{
		printf(" %d %.17g", reg.rank, reg.df);
		put(reg.sigma);
		put(reg.intercept);
		put(reg.intercept_se);
		put(reg.intercept_t);
		put(reg.intercept_p);
		put_values(reg.coef, p);
		put_values(reg.se, p);
		put_values(reg.t, p);
		put_values(reg.p_value, p);
	}
	printf("\n");

	for (int method = 0; method < 2; method++)
	{
		st = driver_key_drivers(m, p, rows, (DriverMethod) method, &imp, work, table);
		printf("%s %s %s", id, view, method == DRIVER_SHAPLEY ? "shapley" : "rw");
		if (st != DRIVER_OK)
			printf(" status %d", (int) st);
		else
		{
			put(imp.r2);
			put_values(imp.importance, p);
			put_values(imp.share, p);
			put_values(imp.signed_share, p);
			for (int j = 0; j < p; j++)
				printf(" %d", imp.sign[j]);
			put_values(imp.correlation, p);
			put_values(imp.mean, p);
		}
		printf("\n");
	}

	st = driver_cronbach_alpha(m, p, &alpha);
	printf("%s %s alpha", id, view);
	if (st != DRIVER_OK)
		printf(" status %d", (int) st);
	else
	{
		put(alpha.alpha);
		put(alpha.standardized);
		put(alpha.mean_correlation);
	}
	printf("\n");
}

static void
limits(void)
{
	static DriverWork work;
	static double table[1 << DRIVER_SHAPLEY_MAX_ATTRIBUTES];
	double		m[DRIVER_MOMENTS_MAX_LENGTH + DRIVER_MOMENTS_LENGTH(33)];
	double		v[DRIVER_MAX_VARIABLES + 1];
	DriverImportance imp;
	DriverRegression reg;
	DriverAlpha alpha;
	DriverValue corr[(DRIVER_MAX_VARIABLES + 1) * (DRIVER_MAX_VARIABLES + 1)];
	int			i3;

	memset(m, 0, sizeof(m));
	for (int i = 0; i <= DRIVER_MAX_VARIABLES; i++)
		v[i] = i;
	driver_moments_add(m, 2, v, 1.0);
	v[0] = 5.0;
	driver_moments_add(m, 2, v, 1.0);

	printf("limits rw_p33 %d\n", (int) driver_key_drivers(m, 33, 10, DRIVER_RELATIVE_WEIGHTS, &imp, &work, NULL));
	printf("limits rw_p32 %d\n", (int) driver_key_drivers(m, 32, 10, DRIVER_RELATIVE_WEIGHTS, &imp, &work, NULL));
	printf("limits shapley_p17 %d\n", (int) driver_key_drivers(m, 17, 10, DRIVER_SHAPLEY, &imp, &work, table));
	printf("limits shapley_p16 %d\n", (int) driver_key_drivers(m, 16, 10, DRIVER_SHAPLEY, &imp, &work, table));
	printf("limits shapley_no_table %d\n", (int) driver_key_drivers(m, 2, 10, DRIVER_SHAPLEY, &imp, &work, NULL));
	printf("limits unknown_method %d\n", (int) driver_key_drivers(m, 2, 10, (DriverMethod) 7, &imp, &work, table));
	printf("limits negative_rows %d\n", (int) driver_regression(m, 2, -1, &reg, &work));
	printf("limits negative_p %d\n", (int) driver_r_squared(m, -1, &corr[0], &work));
	printf("limits regression_p33 %d\n", (int) driver_regression(m, 33, 10, &reg, &work));
	printf("limits correlations_p33 %d\n", (int) driver_correlations(m, 33, corr));
	printf("limits alpha_p1 %d\n", (int) driver_cronbach_alpha(m, 1, &alpha));
	printf("limits alpha_p0 %d\n", (int) driver_cronbach_alpha(m, 0, &alpha));
	printf("limits alpha_p33 %d\n", (int) driver_cronbach_alpha(m, 33, &alpha));
	printf("limits shapley_table_16 %zu\n", driver_shapley_table_length(16));
	printf("limits shapley_table_17 %zu\n", driver_shapley_table_length(17));
	printf("limits length_10 %d\n", driver_moments_length(10));
	printf("limits length_32 %d\n", driver_moments_length(32));

	/* the rows the per-row step refuses */
	printf("limits add_weight_0 %d\n", (int) driver_moments_add(m, 2, v, 0.0));
	printf("limits add_weight_negative %d\n", (int) driver_moments_add(m, 2, v, -1.0));
	printf("limits add_weight_nan %d\n", (int) driver_moments_add(m, 2, v, NAN));
	printf("limits add_weight_inf %d\n", (int) driver_moments_add(m, 2, v, INFINITY));
	v[1] = 1e200;
	printf("limits add_overflow %d\n", (int) driver_moments_add(m, 2, v, 1.0));
	v[1] = 1.0;

	/* removals: the last row, and one that cancels a variance */
	driver_moments_init(m, 2);
	driver_moments_add(m, 2, v, 1.0);
	printf("limits remove_last_row %d\n", (int) driver_moments_remove(m, 2, v, 1.0, NULL));
	v[0] = 1e6;
	driver_moments_add(m, 2, v, 1.0);
	v[0] = 0.0;
	for (int i = 0; i < 3; i++)
		driver_moments_add(m, 2, v, 1.0);
	v[0] = 1e6;
	printf("limits remove_cancelling %d\n", (int) driver_moments_remove(m, 2, v, 1.0, NULL));
	v[0] = 0.0;
	printf("limits remove_ordinary %d\n", (int) driver_moments_remove(m, 2, v, 1.0, NULL));
	printf("limits remove_weight_0 %d\n", (int) driver_moments_remove(m, 2, v, 0.0, NULL));
	printf("limits remove_more_than_total %d\n", (int) driver_moments_remove(m, 2, v, 100.0, NULL));
	{
		/* a drift near the tolerance: the next removal is refused */
		double		drift[4] = {0.0, 0.0, 0.0, 0.0};
		int			k = driver_moments_index(2, 0, 0);

		driver_moments_init(m, 2);
		for (int i = 0; i < 6; i++)
		{
			v[0] = i;
			driver_moments_add(m, 2, v, 1.0);
		}
		printf("limits remove_with_drift %d\n", (int) driver_moments_remove(m, 2, v, 1.0, drift));
		v[0] = 4.0;
		drift[1] = 0.5e-13 * m[k];	/* C_00 goes from 10 to 5: 0.5e-13 of 10 > 1e-13 of 5 */
		printf("limits remove_drift_exhausted %d\n", (int) driver_moments_remove(m, 2, v, 1.0, drift));
	}

	/* input validation */
	driver_moments_init(m, 2);
	printf("limits valid_empty %d\n", (int) driver_moments_valid(m, 2));
	m[4] = 1.0;
	printf("limits valid_empty_with_values %d\n", (int) driver_moments_valid(m, 2));
	driver_moments_init(m, 2);
	v[0] = 3.0;
	v[1] = 1.0;
	v[2] = 2.0;
	driver_moments_add(m, 2, v, 2.0);
	v[0] = 4.0;
	v[1] = 7.0;
	v[2] = 1.0;
	driver_moments_add(m, 2, v, 1.0);
	printf("limits valid_ordinary %d\n", (int) driver_moments_valid(m, 2));
	printf("limits valid_p33 %d\n", (int) driver_moments_valid(m, 33));
	m[0] = -1.0;
	printf("limits valid_negative_w %d\n", (int) driver_moments_valid(m, 2));
	m[0] = 3.0;
	i3 = driver_moments_index(2, 0, 0);
	m[i3] = -m[i3];
	printf("limits valid_negative_variance %d\n", (int) driver_moments_valid(m, 2));
	m[i3] = -m[i3];
	m[driver_moments_index(2, 0, 1)] = 1e3;
	printf("limits valid_cauchy_schwarz %d\n", (int) driver_moments_valid(m, 2));
	m[driver_moments_index(2, 0, 1)] = 0.0;
	m[4] = 1e-3;				/* the low part of mean_0 */
	printf("limits valid_low_part %d\n", (int) driver_moments_valid(m, 2));
	m[4] = 0.0;
	m[1] = INFINITY;
	printf("limits valid_infinite %d\n", (int) driver_moments_valid(m, 2));
	printf("limits index_symmetric %d\n",
		   (int) (driver_moments_index(5, 2, 4) == driver_moments_index(5, 4, 2)));
	printf("limits index_last %d\n",
		   (int) (driver_moments_index(5, 5, 5) == driver_moments_length(5) - 1));

	for (int s = DRIVER_OK; s <= DRIVER_NOT_CONVERGED; s++)
		printf("limits status_message_%d %d\n", s, (int) (strlen(driver_status_message((DriverStatus) s)) > 0));
	for (int s = DRIVER_DEFINED; s <= DRIVER_NULL_OVERFLOW; s++)
		printf("limits null_message_%d %d\n", s, (int) (strlen(driver_null_message((DriverNull) s)) > 0));
}

/* Fresh moments of rows lo..hi-1 (weight 0 skipped); returns rows used. */
static int64_t
accumulate(double *m, int p, const double *data, const double *weight, int lo, int hi)
{
	int64_t		rows = 0;

	driver_moments_init(m, p);
	for (int r = lo; r < hi; r++)
		if (weight[r] > 0.0)
		{
			if (!driver_moments_add(m, p, data + (long) r * (p + 1), weight[r]))
			{
				fprintf(stderr, "driver_moments_add failed\n");
				exit(2);
			}
			rows++;
		}
	return rows;
}

int
main(int argc, char **argv)
{
	char		word[32],
				id[64];
	DriverWork *work = malloc(sizeof(DriverWork));
	double	   *table = malloc(sizeof(double) * driver_shapley_table_length(DRIVER_SHAPLEY_MAX_ATTRIBUTES));

	if (argc > 1 && strcmp(argv[1], "limits") == 0)
	{
		limits();
		return 0;
	}

	while (scanf("%31s", word) == 1)
	{
		int			p,
					n,
					groups,
					window,
					len;
		int		   *group;
		double	   *weight,
				   *data,
				   *m,
				   *part;
		int64_t		rows;

		if (strcmp(word, "set") != 0 ||
			scanf("%63s %d %d %d %d", id, &p, &n, &groups, &window) != 5 ||
			p < 0 || p > DRIVER_MAX_ATTRIBUTES || n < 0 || groups < 1)
		{
			fprintf(stderr, "bad input near \"%s\"\n", word);
			return 2;
		}
		len = driver_moments_length(p);
		group = malloc(sizeof(int) * (n + 1));
		weight = malloc(sizeof(double) * (n + 1));
		data = malloc(sizeof(double) * (n + 1) * (p + 1));
		m = malloc(sizeof(double) * len);
		part = malloc(sizeof(double) * len);
		for (int r = 0; r < n; r++)
		{
			if (scanf("%d %lf", &group[r], &weight[r]) != 2 || group[r] < 0 || group[r] >= groups)
			{
				fprintf(stderr, "bad row %d of set %s\n", r, id);
				return 2;
			}
			for (int i = 0; i <= p; i++)
				if (scanf("%lf", &data[(long) r * (p + 1) + i]) != 1)
				{
					fprintf(stderr, "bad value in row %d of set %s\n", r, id);
					return 2;
				}
		}

		rows = accumulate(m, p, data, weight, 0, n);
		analyse(id, "whole", m, p, rows, work, table);

		if (groups > 1)
		{
			driver_moments_init(m, p);
			rows = 0;
			for (int g = 0; g < groups; g++)
			{
				driver_moments_init(part, p);
				for (int r = 0; r < n; r++)
					if (group[r] == g && weight[r] > 0.0)
					{
						driver_moments_add(part, p, data + (long) r * (p + 1), weight[r]);
						rows++;
					}
				if (!driver_moments_merge(m, part, p))
				{
					fprintf(stderr, "driver_moments_merge failed\n");
					return 2;
				}
			}
			analyse(id, "merged", m, p, rows, work, table);
		}

		if (window > 0)
		{
			int			removals = 0,
						restarts = 0;
			double		drift[DRIVER_MAX_VARIABLES + 1] = {0};

			driver_moments_init(m, p);
			rows = 0;
			for (int t = 0; t < n; t++)
			{
				driver_moments_add(m, p, data + (long) t * (p + 1), weight[t]);
				rows++;
				if (t >= window)
				{
					int			old = t - window;

					if (driver_moments_remove(m, p, data + (long) old * (p + 1), weight[old], drift))
						removals++;
					else
					{
						restarts++;
						accumulate(m, p, data, weight, old + 1, t + 1);
						memset(drift, 0, sizeof(drift));
					}
					rows--;
				}
				if (t >= window - 1)
				{
					printf("%s window winpos %d", id, t);
					for (int i = 0; i < len; i++)
						printf(" %.17g", m[i]);
					printf("\n");
				}
			}
			printf("%s window slides %d %d\n", id, removals, restarts);
			analyse(id, "window", m, p, rows, work, table);
		}
		free(group);
		free(weight);
		free(data);
		free(m);
		free(part);
	}
	free(work);
	free(table);
	return 0;
}
