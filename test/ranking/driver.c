/*
 * driver.c: runs the fair-ranking maths (src/ranking_groups.c,
 * ranking_overdispersion.c, ranking_fit.c and ranking_posterior.c) and the
 * gamma-function family of src/distributions.c on commands read from
 * stdin, so that test/ranking/check_model.py can compare every result with
 * its own scipy implementation (oracle.py).  One command a line, one result
 * line for each:
 *
 *	 special F a c			lp | dd | td (log_pochhammer, digamma_ and
 *							trigamma_difference at a, c), dg | tg (digamma,
 *							trigamma at a)
 *	 begin KIND P			a case: KIND nps | share | mean, its groups added
 *							to one summary in order, and in turn to P
 *							summaries merged at the end
 *	 g v1 v2 v3				a group: nps P Pa D; share y n-y; mean n mean var
 *	 fit METHOD				mle | moments | james-stein: "prior key=value..."
 *							(also "merge_equal" and "fit_equal": the merged
 *							summary has the same runs and the same fit)
 *	 prior KIND v1 v2 v3	a prior set by hand: nps/share its alpha; mean
 *							its mean, tau2 and variance per answer
 *	 post LEVEL v1 v2 v3	the last prior's posterior of a group
 *	 funnel VALUE N LEVEL MODE LO HI	the last prior's funnel (MODE 0, 1, 2)
 *	 kish N w[N] w2[N] x[N]	rank_kish_counts() and rank_mean_group() of N cells
 *	 corrupt				rank_summary_check() of the last case's summary,
 *							as it is and after each of a list of corruptions
 *	 bench KIND G WEIGHTED	time building and fitting G random groups
 *
 * Every summary starts with capacity 0 and grows on RANK_NEED_ROOM, as the
 * server's transition function will.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "distributions.h"
#include "ranking_fit.h"
#include "ranking_groups.h"
#include "ranking_posterior.h"

#define MAX_PARTS 8

static RankSummary *
grow(RankSummary *s, int32_t extra)
{
	int32_t		cap = rank_summary_wanted_capacity(s, extra);

	if (cap < 0)
	{
		fprintf(stderr, "summary too big\n");
		exit(2);
	}
	s = realloc(s, RANK_SUMMARY_SIZE(cap));
	if (s == NULL)
	{
		perror("realloc");
		exit(2);
	}
	s->capacity = cap;
	return s;
}

static RankSummary *
new_summary(RankKind kind)
{
	RankSummary *s = malloc(RANK_SUMMARY_SIZE(0));

	if (s == NULL || rank_summary_init(s, kind, 0, 2, 5) != RANK_OK)
		exit(2);
	return s;
}

static RankStatus
add(RankSummary **s, const double *v)
{
	RankStatus	status;

	for (;;)
	{
		status = (*s)->kind == RANK_MEAN ? rank_summary_add_mean(*s, v[0], v[1], v[2])
			: rank_summary_add_counts(*s, v);
		if (status != RANK_NEED_ROOM)
			return status;
		*s = grow(*s, 0);
	}
}

static RankSummary *
merge(RankSummary *dst, const RankSummary *src)
{
	RankStatus	status;

	while ((status = rank_summary_merge(dst, src)) == RANK_NEED_ROOM)
		dst = grow(dst, src->nruns);
	if (status != RANK_OK)
	{
		fprintf(stderr, "merge: status %d\n", status);
		exit(2);
	}
	return dst;
}

static RankKind
kind_of(const char *name)
{
	return strcmp(name, "nps") == 0 ? RANK_NPS : strcmp(name, "share") == 0 ? RANK_SHARE
		: RANK_MEAN;
}

static RankMethod
method_of(const char *name)
{
	return strcmp(name, "mle") == 0 ? RANK_MLE : strcmp(name, "moments") == 0 ? RANK_MOMENTS
		: strcmp(name, "james-stein") == 0 ? RANK_JAMES_STEIN : (RankMethod) 99;
}

static void
print_prior(RankStatus status, const RankPrior *p, const RankSummary *s)
{
	printf("prior status=%d groups=%lld empty=%lld converged=%d full=%d iterations=%d "
		   "alpha=%.17g,%.17g,%.17g alpha0=%.17g pooled=%.17g,%.17g,%.17g "
		   "prior_mean=%.17g,%.17g,%.17g loglik=%.17g mean=%.17g tau2=%.17g "
		   "overdispersion=%.17g target=%.17g variance=%.17g phi=%.17g funnel_tau2=%.17g "
		   "n_total=%.17g nruns=%d\n",
		   status, (long long) p->groups, (long long) p->empty_groups, p->converged,
		   p->full_pooling, p->iterations, p->alpha[0], p->alpha[1], p->alpha[2],
		   p->alpha0, p->pooled[0], p->pooled[1], p->pooled[2], p->prior_mean[0],
		   p->prior_mean[1], p->prior_mean[2], p->loglik, p->mean, p->tau2,
		   p->overdispersion, p->target, p->variance, p->phi, p->funnel_tau2,
		   p->n_total, s->nruns);
}

static double
uniform(unsigned long long *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double) (*state >> 11) * 0x1p-53;
}

static double
seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/*
 * Random groups as stores have them: 20 to 2,000 answers, each group's
 * promoter and detractor shares drawn around 45% and 20%; weighted groups
 * get fractional Kish counts (a design effect from 1 to 2).
 */
static void
bench(RankKind kind, int groups, int weighted)
{
	unsigned long long state = 12345;
	RankSummary *s = new_summary(kind);
	RankPrior	prior;
	double		t0 = seconds(),
				t1,
				t2,
				t3;
	size_t		bytes;

	for (int i = 0; i < groups; i++)
	{
		double		n = floor(20.0 + 1980.0 * uniform(&state) * uniform(&state));
		double		p = 0.35 + 0.2 * uniform(&state);
		double		d = 0.1 + 0.2 * uniform(&state);
		double		v[3];
		double		deff = weighted ? 1.0 + uniform(&state) : 1.0;

		v[0] = floor(n * p + (uniform(&state) - 0.5) * sqrt(n));
		v[2] = floor(n * d + (uniform(&state) - 0.5) * sqrt(n));
		v[1] = n - v[0] - v[2];
		if (kind == RANK_SHARE)
		{
			v[1] += v[2];
			v[2] = 0.0;
		}
		for (int k = 0; k < 3; k++)
			v[k] /= deff;
		if (kind == RANK_MEAN)
		{
			v[1] = 4.0 + (v[0] - v[2]) / n;
			v[0] = n / deff;
			v[2] = 1.5 + uniform(&state);
		}
		if (add(&s, v) != RANK_OK)
			exit(2);
	}
	t1 = seconds();
	bytes = rank_summary_trim(s);
	t2 = seconds();
	rank_fit(s, RANK_MLE, &prior);
	t3 = seconds();
	printf("bench kind=%d groups=%d weighted=%d build=%.4f compact=%.4f fit=%.4f total=%.4f "
		   "runs=%d bytes=%zu iterations=%d converged=%d alpha0=%.6g phi=%.6g\n",
		   kind, groups, weighted, t1 - t0, t2 - t1, t3 - t2, t3 - t0, s->nruns, bytes,
		   prior.iterations, prior.converged, prior.alpha0, prior.phi);
	free(s);
}

int
main(void)
{
	char		line[512],
				word[32],
				arg[32];
	RankSummary *whole = NULL,
			   *part[MAX_PARTS] = {NULL};
	int			parts = 1,
				ngroups = 0;
	RankPrior	prior;
	bool		have_prior = false;

	memset(&prior, 0, sizeof(prior));
	while (fgets(line, sizeof(line), stdin) != NULL)
	{
		double		a,
					c,
					v[6] = {0};

		if (sscanf(line, "%31s", word) != 1)
			continue;
		if (strcmp(word, "special") == 0)
		{
			double		r = NAN;

			if (sscanf(line, "%*s %31s %lf %lf", arg, &a, &c) != 3)
				return 2;
			if (strcmp(arg, "lp") == 0)
				r = log_pochhammer(a, c);
			else if (strcmp(arg, "dd") == 0)
				r = digamma_difference(a, c);
			else if (strcmp(arg, "td") == 0)
				r = trigamma_difference(a, c);
			else if (strcmp(arg, "dg") == 0)
				r = digamma(a);
			else if (strcmp(arg, "tg") == 0)
				r = trigamma(a);
			printf("%.17g\n", r);
		}
		else if (strcmp(word, "begin") == 0)
		{
			RankKind	kind;

			if (sscanf(line, "%*s %31s %d", arg, &parts) != 2 || parts < 1 || parts > MAX_PARTS)
				return 2;
			kind = kind_of(arg);
			free(whole);
			whole = new_summary(kind);
			for (int i = 0; i < MAX_PARTS; i++)
			{
				free(part[i]);
				part[i] = i < parts ? new_summary(kind) : NULL;
			}
			ngroups = 0;
			have_prior = false;
		}
		else if (strcmp(word, "g") == 0)
		{
			RankStatus	s1,
						s2;

			sscanf(line, "%*s %lf %lf %lf", &v[0], &v[1], &v[2]);
			s1 = add(&whole, v);
			s2 = add(&part[ngroups++ % parts], v);
			if (s1 != RANK_OK || s2 != RANK_OK)
				printf("add status=%d\n", s1);
		}
		else if (strcmp(word, "fit") == 0)
		{
			RankSummary *merged = new_summary((RankKind) whole->kind);
			RankPrior	other;
			RankStatus	status;
			size_t		bytes;
			bool		removed;

			if (sscanf(line, "%*s %31s", arg) != 1)
				return 2;
			for (int i = 0; i < parts; i++)
				merged = merge(merged, part[i]);
			bytes = rank_summary_trim(whole);
			rank_summary_trim(merged);
			status = rank_fit(whole, method_of(arg), &prior);
			rank_fit(merged, method_of(arg), &other);
			have_prior = status == RANK_OK;
			print_prior(status, &prior, whole);
			/* the whole without part 0 is the other parts merged */
			{
				RankSummary *rest = new_summary((RankKind) whole->kind);
				RankSummary *less = malloc(bytes);
				RankSummary *first = malloc(RANK_SUMMARY_SIZE(part[0]->capacity));

				if (less == NULL || first == NULL)
					return 2;
				memcpy(less, whole, bytes);
				memcpy(first, part[0], RANK_SUMMARY_SIZE(part[0]->capacity));
				rank_summary_compact(first);
				for (int i = 1; i < parts; i++)
					rest = merge(rest, part[i]);
				rank_summary_compact(rest);
				removed = rank_summary_remove(less, first) == RANK_OK &&
					rank_summary_equal(less, rest) &&
					/* removing it again fails and leaves the groups alone */
					(first->groups == 0 || rank_summary_remove(less, first) == RANK_BAD_VALUE) &&
					rank_summary_equal(less, rest);
				free(rest);
				free(less);
				free(first);
			}
			printf("merge merge_equal=%d fit_equal=%d check=%d remove_equal=%d\n",
				   merged->nruns == whole->nruns && merged->groups == whole->groups &&
				   merged->empty_groups == whole->empty_groups &&
				   memcmp(merged->runs, whole->runs, whole->nruns * sizeof(RankRun)) == 0 &&
				   rank_summary_equal(merged, whole),
				   memcmp(&prior, &other, sizeof(prior)) == 0,
				   rank_summary_check(whole, bytes), removed);
			free(merged);
		}
		else if (strcmp(word, "prior") == 0)
		{
			if (sscanf(line, "%*s %31s %lf %lf %lf", arg, &v[0], &v[1], &v[2]) != 4)
				return 2;
			memset(&prior, 0, sizeof(prior));
			prior.kind = kind_of(arg);
			if (prior.kind == RANK_MEAN)
			{
				prior.mean = v[0];
				prior.tau2 = v[1];
				prior.variance = v[2];
			}
			else
			{
				for (int k = 0; k < 3; k++)
				{
					prior.alpha[k] = v[k];
					prior.alpha0 += v[k];
				}
			}
			have_prior = true;
		}
		else if (strcmp(word, "post") == 0)
		{
			RankPosterior post = {0};
			RankStatus	status = RANK_NO_DATA;

			sscanf(line, "%*s %lf %lf %lf %lf", &a, &v[0], &v[1], &v[2]);
			if (have_prior)
				status = prior.kind == RANK_NPS ? rank_nps_posterior(&prior, v, a, &post)
					: prior.kind == RANK_SHARE ? rank_share_posterior(&prior, v, a, &post)
					: rank_mean_posterior(&prior, v[0], v[1], a, &post);
			{
				double		alone = NAN,
							group[3] = {v[0], v[1], v[2]};
				RankStatus	alone_status = RANK_NO_DATA;

				/* the posterior mean alone must be the posterior's estimate */
				if (have_prior)
					alone_status = rank_posterior_mean(&prior, group, &alone);
				printf("post status=%d estimate=%.17g sd=%.17g lower=%.17g upper=%.17g "
					   "alone=%d\n", status, post.estimate, post.sd, post.lower, post.upper,
					   alone_status == status && (status != RANK_OK || alone == post.estimate));
			}
		}
		else if (strcmp(word, "funnel") == 0)
		{
			RankFunnel	f = {0};
			RankStatus	status;
			int			mode;

			sscanf(line, "%*s %lf %lf %lf %d %lf %lf", &v[0], &v[1], &a, &mode, &v[2], &v[3]);
			status = rank_prior_funnel(&prior, v[0], v[1], a, (RankOverdispersion) mode,
									   v[2], v[3], &f);
			printf("funnel status=%d target=%.17g lower=%.17g upper=%.17g z=%.17g flag=%d\n",
				   status, f.target, f.lower, f.upper, f.z, f.flag);
		}
		else if (strcmp(word, "kish") == 0)
		{
			double		w[11],
						w2[11],
						x[11],
						counts[11],
						n,
						mean,
						variance;
			int			cells,
						used,
						at;

			if (sscanf(line, "%*s %d%n", &cells, &at) != 1 || cells < 1 || cells > 11)
				return 2;
			for (int j = 0; j < 3 * cells; j++)
			{
				double	   *into = j < cells ? &w[j] : j < 2 * cells ? &w2[j - cells] : &x[j - 2 * cells];

				if (sscanf(line + at, "%lf%n", into, &used) != 1)
					return 2;
				at += used;
			}
			rank_kish_counts(w, w2, cells, counts);
			rank_mean_group(w, w2, x, cells, &n, &mean, &variance);
			printf("kish counts=");
			for (int j = 0; j < cells; j++)
				printf("%s%.17g", j ? "," : "", counts[j]);
			printf(",0 n=%.17g mean=%.17g variance=%.17g\n", n, mean, variance);
		}
		else if (strcmp(word, "corrupt") == 0)
		{
			size_t		bytes = rank_summary_trim(whole);
			RankSummary *c = malloc(bytes);

			if (c == NULL || whole->nruns == 0)
				return 2;
			printf("corrupt valid=%d", rank_summary_check(whole, bytes));
			for (int how = 0; how < 12; how++)
			{
				size_t		size = bytes;

				memcpy(c, whole, bytes);
				switch (how)
				{
					case 0: c->version = 2; break;
					case 1: c->kind = 7; break;
					case 2: c->ncat = 1; break;
					case 3: c->nruns = c->capacity + 1; break;
					case 4: size = bytes - 8; break;
					case 5: c->groups += 1; break;
					case 6: c->runs[0].groups = 0; break;
					case 7: c->runs[0].value[0] = NAN; break;
					case 8: c->runs[0].list = 9; break;
					case 9: c->runs[c->nruns - 1] = c->runs[0]; break;	/* out of order */
					case 10: c->runs[0].value[0] = -1.0; break;
					case 11: c->flags = 1; break;
				}
				printf(" c%d=%d", how, rank_summary_check(c, size));
			}
			printf("\n");
			free(c);
		}
		else if (strcmp(word, "bench") == 0)
		{
			int			g,
						weighted;

			if (sscanf(line, "%*s %31s %d %d", arg, &g, &weighted) != 3)
				return 2;
			bench(kind_of(arg), g, weighted);
		}
		fflush(stdout);
	}
	return 0;
}
