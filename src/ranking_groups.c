/*
 * ranking_groups.c
 *	  The fair-ranking family's group summary: adding, merging, removing,
 *	  comparing, compacting and checking groups; and a group from weighted
 *	  cells (ranking_groups.h).
 */
#include <math.h>
#include <string.h>

#include "ranking_groups.h"

bool
rank_method_valid(RankKind kind, int method)
{
	if (method == 0)
		return true;
	if (kind == RANK_MEAN)
		return method == RANK_MLE || method == RANK_MOMENTS || method == RANK_JAMES_STEIN;
	if (kind == RANK_NPS || kind == RANK_SHARE)
		return method == RANK_MLE || method == RANK_MOMENTS;
	return false;
}

/* ---------------------------------------------------------------------
 * The group summary
 * ---------------------------------------------------------------------
 */

RankStatus
rank_summary_init(RankSummary *s, RankKind kind, int32_t capacity, int32_t param0,
				  int32_t param1)
{
	if (kind != RANK_NONE && kind != RANK_NPS && kind != RANK_SHARE && kind != RANK_MEAN)
		return RANK_BAD_KIND;
	if (kind == RANK_NONE && (param0 != 0 || param1 != 0))
		return RANK_BAD_VALUE;
	if (capacity < 0 || capacity > RANK_SUMMARY_MAX_RUNS)
		return RANK_TOO_BIG;
	memset((char *) s + sizeof(s->vl_len_), 0, RANK_SUMMARY_HEADER - sizeof(s->vl_len_));
	s->version = RANK_SUMMARY_VERSION;
	s->kind = (uint8_t) kind;
	s->ncat = (uint8_t) rank_kind_categories(kind);
	s->param[0] = param0;
	s->param[1] = param1;
	s->capacity = capacity;
	return RANK_OK;
}

/* Order of runs: list, then the values in turn. */
static int
run_compare(const RankRun *a, const RankRun *b)
{
	if (a->list != b->list)
		return a->list < b->list ? -1 : 1;
	for (int i = 0; i < 3; i++)
		if (a->value[i] != b->value[i])
			return a->value[i] < b->value[i] ? -1 : 1;
	return 0;
}

static void
sift_down(RankRun *r, size_t root, size_t end)
{
	RankRun		moving = r[root];

	for (;;)
	{
		size_t		child = 2 * root + 1;

		if (child >= end)
			break;
		if (child + 1 < end && run_compare(&r[child], &r[child + 1]) < 0)
			child++;
		if (run_compare(&moving, &r[child]) >= 0)
			break;
		r[root] = r[child];
		root = child;
	}
	r[root] = moving;
}

/* In place and without allocation (qsort may malloc), O(n log n) always. */
static void
heap_sort(RankRun *r, size_t n)
{
	if (n < 2)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(r, i, n);
	for (size_t end = n - 1; end > 0; end--)
	{
		RankRun		top = r[0];

		r[0] = r[end];
		r[end] = top;
		sift_down(r, 0, end);
	}
}

/*
 * Bottom-up merge sort of r[0..n) through buffer[0..n): sequential, so
 * several times faster than the heapsort on large tails; insertion sort
 * makes the first sorted blocks.
 */
#define SORT_BLOCK	16

static void
merge_sort(RankRun *r, RankRun *buffer, size_t n)
{
	RankRun    *from = r,
			   *to = buffer;

	for (size_t start = 0; start < n; start += SORT_BLOCK)
	{
		size_t		end = start + SORT_BLOCK < n ? start + SORT_BLOCK : n;

		for (size_t i = start + 1; i < end; i++)
		{
			RankRun		moving = r[i];
			size_t		j = i;

			for (; j > start && run_compare(&r[j - 1], &moving) > 0; j--)
				r[j] = r[j - 1];
			r[j] = moving;
		}
	}
	for (size_t width = SORT_BLOCK; width < n; width *= 2)
	{
		RankRun    *swap;

		for (size_t lo = 0; lo < n; lo += 2 * width)
		{
			size_t		mid = lo + width < n ? lo + width : n,
						hi = lo + 2 * width < n ? lo + 2 * width : n,
						a = lo,
						b = mid,
						w = lo;

			while (a < mid && b < hi)
				to[w++] = run_compare(&from[b], &from[a]) < 0 ? from[b++] : from[a++];
			while (a < mid)
				to[w++] = from[a++];
			while (b < hi)
				to[w++] = from[b++];
		}
		swap = from;
		from = to;
		to = swap;
	}
	if (from != r)
		memcpy(r, from, n * sizeof(RankRun));
}

/* Merges equal neighbours of runs[from..nruns), summing their groups. */
static int32_t
coalesce(RankRun *runs, int32_t from, int32_t to)
{
	int32_t		out = from;

	for (int32_t i = from; i < to; i++)
	{
		if (out > from && run_compare(&runs[out - 1], &runs[i]) == 0)
			runs[out - 1].groups += runs[i].groups;
		else
			runs[out++] = runs[i];
	}
	return out;
}

/*
 * Sorts the unsorted tail and merges it into the sorted prefix, both
 * through the free space after it (make_room() keeps the tail no longer
 * than that space); without that space, heapsort in place.
 */
void
rank_summary_compact(RankSummary *s)
{
	int32_t		prefix = s->nsorted,
				tail,
				end;

	if (s->nsorted == s->nruns)
		return;
	tail = s->nruns - prefix;
	if (s->capacity - s->nruns >= tail)
		merge_sort(&s->runs[prefix], &s->runs[s->nruns], (size_t) tail);
	else
		heap_sort(&s->runs[prefix], (size_t) tail);
	end = coalesce(s->runs, prefix, s->nruns);
	tail = end - prefix;
	if (prefix > 0 && s->capacity - end >= tail)
	{
		RankRun    *buffer = &s->runs[end];
		int32_t		a = prefix - 1,
					b = tail - 1,
					w = end - 1;

		memcpy(buffer, &s->runs[prefix], (size_t) tail * sizeof(RankRun));
		/* from the back: w - a = b + 1 > 0, so no unread run of the prefix is overwritten */
		while (b >= 0)
		{
			if (a >= 0 && run_compare(&s->runs[a], &buffer[b]) > 0)
				s->runs[w--] = s->runs[a--];
			else
				s->runs[w--] = buffer[b--];
		}
	}
	else if (prefix > 0)
		heap_sort(s->runs, (size_t) end);
	s->nruns = s->nsorted = coalesce(s->runs, 0, end);
}

int32_t
rank_summary_wanted_capacity(const RankSummary *s, int32_t extra)
{
	int64_t		need = (int64_t) s->nruns + (extra > 0 ? extra : 0);
	int64_t		want = 2 * need + 16;

	/*
	 * At least twice the capacity: make_room() asks to grow as soon as the
	 * compacted runs pass half the buffer, and growing each time to only
	 * twice the runs would add a few runs' room at a time, each time a copy
	 * of the whole summary.
	 */
	if (want < 2 * (int64_t) s->capacity)
		want = 2 * (int64_t) s->capacity;

	if (need > RANK_SUMMARY_MAX_RUNS)
		return -1;
	return (int32_t) (want > RANK_SUMMARY_MAX_RUNS ? RANK_SUMMARY_MAX_RUNS : want);
}

size_t
rank_summary_trim(RankSummary *s)
{
	rank_summary_compact(s);
	s->capacity = s->nruns;
	return RANK_SUMMARY_SIZE(s->nruns);
}

/*
 * Room for `need` more runs, keeping the unsorted tail no longer than the
 * free space (the merge's buffer): compact when that would break, and ask
 * to grow when the compacted runs fill more than half the buffer, so that
 * sorting costs O(log) per run appended.
 */
static RankStatus
make_room(RankSummary *s, int32_t need)
{
	int64_t		free_runs = (int64_t) s->capacity - s->nruns;
	int64_t		tail = (int64_t) s->nruns - s->nsorted;

	if (free_runs - need >= tail + need)
		return RANK_OK;
	rank_summary_compact(s);
	if ((int64_t) s->nruns + need > RANK_SUMMARY_MAX_RUNS)
		return RANK_TOO_BIG;
	if ((int64_t) s->capacity - s->nruns >= 2 * (int64_t) need && s->nruns <= s->capacity / 2)
		return RANK_OK;
	if (rank_summary_wanted_capacity(s, need) > s->capacity)
		return RANK_NEED_ROOM;
	/* at the largest size: append while it fits (compaction then sorts in place) */
	return s->capacity - s->nruns >= need ? RANK_OK : RANK_TOO_BIG;
}

static void
set_run(RankRun *r, int list, double v0, double v1, double v2)
{
	r->list = list;
	r->reserved = 0;
	/* + 0.0 turns -0.0 into 0.0, so that equal keys compare equal bitwise too */
	r->value[0] = v0 + 0.0;
	r->value[1] = v1 + 0.0;
	r->value[2] = v2 + 0.0;
	r->groups = 1;
}

/*
 * The index of the run with r's key in the sorted prefix, or -1.  The
 * category and total lists sort first and are short, so the search
 * gallops from the start (cache-friendly) before it bisects.
 */
static int32_t
find_sorted(const RankSummary *s, const RankRun *r)
{
	int32_t		lo = 0,
				hi = 1;

	while (hi < s->nsorted && run_compare(&s->runs[hi], r) < 0)
	{
		lo = hi + 1;
		hi = hi <= s->nsorted / 2 ? 2 * hi + 1 : s->nsorted;
	}
	if (hi > s->nsorted)
		hi = s->nsorted;
	else if (hi < s->nsorted)
		hi++;
	while (lo < hi)
	{
		int32_t		mid = lo + (hi - lo) / 2;
		int			c = run_compare(&s->runs[mid], r);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * Whether a run is worth looking up before it is appended: whole counts
 * and totals repeat (few distinct values); points and fractional
 * (weighted) counts as a rule do not, and compaction merges the few that do.
 */
static bool
searched(const RankRun *r)
{
	return r->list != RANK_LIST_POINT && r->value[0] == floor(r->value[0]);
}

/*
 * Adds `groups` groups with the same runs: a run the sorted prefix has gets
 * them there, any other is appended.
 */
static RankStatus
add_runs(RankSummary *s, RankRun *runs, int nruns, int64_t groups)
{
	int32_t		at[RANK_MAX_CATEGORIES + 2];
	int			missing = 0;
	RankStatus	status;

	if (s->groups > INT64_MAX - groups)
		return RANK_GROUPS_RANGE;
	for (int i = 0; i < nruns; i++)
	{
		runs[i].groups = groups;
		at[i] = searched(&runs[i]) ? find_sorted(s, &runs[i]) : -1;
		missing += at[i] < 0;
	}
	if (s->capacity - s->nruns < missing ||
		(int64_t) s->capacity - s->nruns - missing < (int64_t) s->nruns - s->nsorted + missing)
	{
		if ((status = make_room(s, missing)) != RANK_OK)
			return status;
		/* compacted: the prefix moved */
		for (int i = 0; i < nruns; i++)
			at[i] = searched(&runs[i]) ? find_sorted(s, &runs[i]) : -1;
	}
	for (int i = 0; i < nruns; i++)
	{
		if (at[i] >= 0)
			s->runs[at[i]].groups += groups;
		else
			s->runs[s->nruns++] = runs[i];
	}
	s->groups += groups;
	return RANK_OK;
}

/* A group's runs from its counts (n > 0): categories with answers, total, point. */
static int
count_runs(int ncat, const double *counts, double n, RankRun *runs)
{
	int			nruns = 0;

	for (int k = 0; k < ncat; k++)
		if (counts[k] > 0.0)
			set_run(&runs[nruns++], k, counts[k], 0.0, 0.0);
	set_run(&runs[nruns++], RANK_LIST_TOTAL, n, 0.0, 0.0);
	set_run(&runs[nruns++], RANK_LIST_POINT, counts[0], counts[1], ncat > 2 ? counts[2] : 0.0);
	return nruns;
}

/* A group without answers is counted, not listed. */
static RankStatus
count_empty_group(RankSummary *s)
{
	if (s->empty_groups == INT64_MAX)
		return RANK_GROUPS_RANGE;
	s->empty_groups++;
	return RANK_OK;
}

RankStatus
rank_summary_add_counts(RankSummary *s, const double *counts)
{
	int			ncat = s->ncat,
				nruns;
	double		n = 0.0;
	RankRun		runs[RANK_MAX_CATEGORIES + 2];

	if (s->kind != RANK_NPS && s->kind != RANK_SHARE)
		return RANK_BAD_KIND;
	for (int k = 0; k < ncat; k++)
	{
		if (!(counts[k] >= 0.0) || isinf(counts[k]))
			return RANK_BAD_VALUE;
		n += counts[k];
	}
	if (isinf(n))
		return RANK_BAD_VALUE;
	if (n == 0.0)
		return count_empty_group(s);
	nruns = count_runs(ncat, counts, n, runs);
	return add_runs(s, runs, nruns, 1);
}

RankStatus
rank_summary_add_mean(RankSummary *s, double n, double mean, double variance)
{
	RankRun		run;

	if (s->kind != RANK_MEAN)
		return RANK_BAD_KIND;
	if (!(n >= 0.0) || isinf(n))
		return RANK_BAD_VALUE;
	if (n == 0.0)
		return count_empty_group(s);
	if (!isfinite(mean) || !(variance >= 0.0) || isinf(variance))
		return RANK_BAD_VALUE;
	set_run(&run, RANK_LIST_POINT, mean, n, variance);
	return add_runs(s, &run, 1, 1);
}

RankStatus
rank_summary_add_point(RankSummary *s, const double *point, int64_t groups)
{
	RankRun		runs[RANK_MAX_CATEGORIES + 2];
	int			ncat = s->ncat;
	double		n = 0.0;

	if (s->kind != RANK_NPS && s->kind != RANK_SHARE && s->kind != RANK_MEAN)
		return RANK_BAD_KIND;
	if (groups < 1)
		return RANK_BAD_VALUE;
	if (s->kind == RANK_MEAN)
	{
		if (!isfinite(point[0]) || !(point[1] > 0.0) || isinf(point[1]) ||
			!(point[2] >= 0.0) || isinf(point[2]))
			return RANK_BAD_VALUE;
		set_run(&runs[0], RANK_LIST_POINT, point[0], point[1], point[2]);
		return add_runs(s, runs, 1, groups);
	}
	for (int k = 0; k < 3; k++)
	{
		if (!(point[k] >= 0.0) || isinf(point[k]) || (k >= ncat && point[k] != 0.0))
			return RANK_BAD_VALUE;
		if (k < ncat)
			n += point[k];
	}
	if (!(n > 0.0) || isinf(n))
		return RANK_BAD_VALUE;
	return add_runs(s, runs, count_runs(ncat, point, n, runs), groups);
}

/*
 * Whether src's kind, parameters and method agree with dst's (a summary of
 * kind RANK_NONE agrees with any); *adopt when dst has no kind yet and
 * takes src's.
 */
static RankStatus
agree(const RankSummary *dst, const RankSummary *src, bool *adopt)
{
	*adopt = false;
	if (src->kind == RANK_NONE)
		return RANK_OK;
	if (dst->kind == RANK_NONE)
	{
		*adopt = true;
		return RANK_OK;
	}
	if (dst->kind != src->kind || dst->param[0] != src->param[0] ||
		dst->param[1] != src->param[1] ||
		(dst->method != 0 && src->method != 0 && dst->method != src->method))
		return RANK_MISMATCH;
	return RANK_OK;
}

RankStatus
rank_summary_merge(RankSummary *dst, const RankSummary *src)
{
	RankStatus	status;
	bool		adopt;

	if ((status = agree(dst, src, &adopt)) != RANK_OK)
		return status;
	if (dst->groups > INT64_MAX - src->groups ||
		dst->empty_groups > INT64_MAX - src->empty_groups)
		return RANK_GROUPS_RANGE;
	if (src->nruns > 0 && (status = make_room(dst, src->nruns)) != RANK_OK)
		return status;
	if (adopt)
	{
		dst->kind = src->kind;
		dst->ncat = src->ncat;
		dst->param[0] = src->param[0];
		dst->param[1] = src->param[1];
	}
	if (src->method != 0)
		dst->method = src->method;
	/* an empty dst takes src's order as it is; otherwise the tail is unsorted */
	if (dst->nruns == 0)
		dst->nsorted = src->nsorted;
	memcpy(&dst->runs[dst->nruns], src->runs, (size_t) src->nruns * sizeof(RankRun));
	dst->nruns += src->nruns;
	dst->groups += src->groups;
	dst->empty_groups += src->empty_groups;
	return RANK_OK;
}

RankStatus
rank_summary_remove(RankSummary *dst, const RankSummary *src)
{
	RankStatus	status;
	bool		adopt;
	int32_t		at = 0,
				out = 0;

	if (src->nsorted != src->nruns)
		return RANK_CORRUPT;
	if ((status = agree(dst, src, &adopt)) != RANK_OK)
		return status;
	if (src->kind == RANK_NONE)
		return RANK_OK;
	rank_summary_compact(dst);
	if (adopt || src->groups > dst->groups || src->empty_groups > dst->empty_groups)
		return RANK_BAD_VALUE;
	/* both sorted: every run of src must be found, with enough groups, first */
	for (int32_t i = 0; i < src->nruns; i++)
	{
		while (at < dst->nruns && run_compare(&dst->runs[at], &src->runs[i]) < 0)
			at++;
		if (at == dst->nruns || run_compare(&dst->runs[at], &src->runs[i]) != 0 ||
			dst->runs[at].groups < src->runs[i].groups)
			return RANK_BAD_VALUE;
	}
	at = 0;
	for (int32_t i = 0; i < dst->nruns; i++)
	{
		RankRun		r = dst->runs[i];

		while (at < src->nruns && run_compare(&src->runs[at], &r) < 0)
			at++;
		if (at < src->nruns && run_compare(&src->runs[at], &r) == 0)
			r.groups -= src->runs[at].groups;
		if (r.groups > 0)
			dst->runs[out++] = r;
	}
	dst->nruns = dst->nsorted = out;
	dst->groups -= src->groups;
	dst->empty_groups -= src->empty_groups;
	return RANK_OK;
}

bool
rank_summary_equal(const RankSummary *a, const RankSummary *b)
{
	if (a->kind != b->kind || a->param[0] != b->param[0] || a->param[1] != b->param[1] ||
		a->method != b->method || a->groups != b->groups ||
		a->empty_groups != b->empty_groups || a->nruns != b->nruns)
		return false;
	for (int32_t i = 0; i < a->nruns; i++)
		if (run_compare(&a->runs[i], &b->runs[i]) != 0 || a->runs[i].groups != b->runs[i].groups)
			return false;
	return true;
}

static bool
list_valid(int kind, int ncat, int list)
{
	if (list == RANK_LIST_POINT)
		return true;
	if (kind == RANK_MEAN)
		return false;
	return list == RANK_LIST_TOTAL || (list >= 0 && list < ncat);
}

static bool
run_valid(const RankSummary *s, const RankRun *r)
{
	if (!list_valid(s->kind, s->ncat, r->list) || r->reserved != 0 || r->groups <= 0)
		return false;
	for (int i = 0; i < 3; i++)
		if (!isfinite(r->value[i]))
			return false;
	if (r->list != RANK_LIST_POINT)
		return r->value[0] > 0.0 && r->value[1] == 0.0 && r->value[2] == 0.0;
	if (s->kind == RANK_MEAN)
		return r->value[1] > 0.0 && r->value[2] >= 0.0;
	for (int i = 0; i < 3; i++)
		if (r->value[i] < 0.0 || (i >= s->ncat && r->value[i] != 0.0))
			return false;
	return r->value[0] + r->value[1] + r->value[2] > 0.0;
}

RankStatus
rank_summary_check(const RankSummary *s, size_t size)
{
	int64_t		points = 0,
				totals = 0;

	if (size < RANK_SUMMARY_HEADER || s->version != RANK_SUMMARY_VERSION ||
		(s->kind != RANK_NONE && s->kind != RANK_NPS && s->kind != RANK_SHARE &&
		 s->kind != RANK_MEAN) ||
		s->ncat != rank_kind_categories(s->kind) || s->flags != 0 || s->reserved != 0 ||
		s->reserved2 != 0 || !rank_method_valid((RankKind) s->kind, s->method) ||
		s->capacity < 0 || s->capacity > RANK_SUMMARY_MAX_RUNS ||
		size != RANK_SUMMARY_SIZE(s->capacity) || s->nruns < 0 || s->nruns > s->capacity ||
		s->nsorted < 0 || s->nsorted > s->nruns || s->groups < 0 || s->empty_groups < 0)
		return RANK_CORRUPT;
	if (s->kind == RANK_NONE &&
		(s->nruns != 0 || s->groups != 0 || s->empty_groups != 0 || s->param[0] != 0 ||
		 s->param[1] != 0))
		return RANK_CORRUPT;
	for (int32_t i = 0; i < s->nruns; i++)
	{
		const RankRun *r = &s->runs[i];

		if (!run_valid(s, r))
			return RANK_CORRUPT;
		if (i > 0 && i < s->nsorted && run_compare(&s->runs[i - 1], r) >= 0)
			return RANK_CORRUPT;
		if (r->list == RANK_LIST_POINT)
		{
			if (r->groups > INT64_MAX - points)
				return RANK_CORRUPT;
			points += r->groups;
		}
		else if (r->list == RANK_LIST_TOTAL)
		{
			if (r->groups > INT64_MAX - totals)
				return RANK_CORRUPT;
			totals += r->groups;
		}
	}
	if (points != s->groups || (s->kind != RANK_MEAN && totals != s->groups))
		return RANK_CORRUPT;
	return RANK_OK;
}

/* ---------------------------------------------------------------------
 * Weighted groups
 * ---------------------------------------------------------------------
 */

void
rank_kish_counts(const double *w, const double *w2, int ncells, double *counts)
{
	double		total = 0.0,
				total2 = 0.0;

	if (w2 == NULL)
	{
		memcpy(counts, w, (size_t) ncells * sizeof(double));
		return;
	}
	for (int j = 0; j < ncells; j++)
	{
		total += w[j];
		total2 += w2[j];
	}
	for (int j = 0; j < ncells; j++)
		/* n_eff w / W = w W / sum w2, without squaring W */
		counts[j] = total > 0.0 && total2 > 0.0 ? w[j] * (total / total2) : 0.0;
}

void
rank_mean_group(const double *w, const double *w2, const double *x, int ncells,
				double *n, double *mean, double *variance)
{
	double		total = 0.0,
				total2 = 0.0,
				sum = 0.0,
				ss = 0.0;

	for (int j = 0; j < ncells; j++)
	{
		total += w[j];
		total2 += w2 ? w2[j] : w[j];
		sum += w[j] * x[j];
	}
	if (!(total > 0.0))
	{
		*n = *mean = *variance = 0.0;
		return;
	}
	*mean = sum / total;
	for (int j = 0; j < ncells; j++)
		ss += w[j] * (x[j] - *mean) * (x[j] - *mean);
	*variance = ss / total;
	*n = w2 ? total * (total / total2) : total;
}
