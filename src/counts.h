/*
 * counts.h
 *	  The counts core: a fixed number of keyed cells, each holding a count
 *	  of answers and, for some types, double-double sums over them; its
 *	  text and binary encodings, checked arithmetic and validation, in plain
 *	  C (fuzzed as it is).
 *
 * Rules (codec.h).  Every value of every layout keeps the core's: each
 * count is at least 0, the counts add up to at most INT64_MAX, a binary
 * total equals their sum, a cell without answers has exact zero sums, and
 * every sum is finite and, in binary, a normalised pair.  A layout adds
 * its cells' own rule (cell_rule).  Both input paths check them all, cell
 * by cell.
 *
 * Every summary whose answers fall into a fixed set of cells is one of
 * these, described by a CountsLayout:
 *
 *	 rating_summary		11 cells, keys 0..10, a count each, and a total
 *	 kano_summary		25 cells, keys 11..55 (functional, dysfunctional)
 *	 servqual_summary	22 cells, keys 1..22, a count and 2 sums each
 *
 * A cell is a record of int64 count then nsums DD sums, and the cells lie
 * one after the other (CountsCell below, cut to the layout's nsums).  Types
 * with a total keep it beside the cells; it always equals their sum.
 *
 * Text: "{key:count,...}" for plain counts, "{key:[count,sum,sum],...}"
 * with sums; cells without answers are left out, "{}" has none.  Input
 * accepts white space between tokens and, for plain counts, zero counts;
 * output is canonical, so text round-trips exactly.
 *
 * Binary (network byte order): the version byte, the total when the type
 * has one (redundant on purpose: bytes whose total does not match their
 * counts are not a summary), then every cell: its count as int64, each sum
 * as two float8 (hi, lo).
 */
#ifndef CSM_COUNTS_H
#define CSM_COUNTS_H

#include "codec.h"

#define COUNTS_MAX_CELLS	25
#define COUNTS_MAX_SUMS		2

typedef struct CountsLayout
{
	uint8_t		version;		/* binary format version written and read */
	int			ncells;
	int			nsums;			/* DD sums per cell after its count */
	int			has_total;		/* a total beside the cells, in memory and binary */
	/* text keys: cell_of() is -1 for a key the type does not have */
	int			(*cell_of) (int64_t key);
	int64_t		(*key_of) (int cell);
	/*
	 * The type's rule for the sums of a cell with n > 0 answers: NULL when
	 * they keep it, else the text of the rule they break (codec.h).  NULL
	 * for a type whose cells' sums imply nothing beyond the core's rules.
	 */
	const char *(*cell_rule) (int64_t n, const DD *sums);
} CountsLayout;

/* The largest cell record; a layout uses the first 8 + 16 * nsums bytes. */
typedef struct CountsCell
{
	int64_t		n;
	DD			sum[COUNTS_MAX_SUMS];
} CountsCell;

/* Bytes of one cell record, and of the binary form. */
#define COUNTS_CELL_SIZE(l)		(8 + 16 * (size_t) (l)->nsums)
#define COUNTS_BINARY_SIZE(l)	(1 + 8 * (size_t) (l)->has_total + \
								 (size_t) (l)->ncells * COUNTS_CELL_SIZE(l))

/*
 * The payload of a stored value (counts_summary.h): wide, the total and
 * every cell record; narrow, for plain counts with a total only, one
 * 16-bit count per cell (their total is their sum).
 */
#define COUNTS_WIDE_PAYLOAD(l)	(8 * (size_t) (l)->has_total + \
								 (size_t) (l)->ncells * COUNTS_CELL_SIZE(l))
#define COUNTS_HAS_NARROW(l)	((l)->nsums == 0 && (l)->has_total)
#define COUNTS_NARROW_PAYLOAD(l)	(2 * (size_t) (l)->ncells)
/* Text: "{" + each cell "key:[count,sum,sum]," + "}" + NUL; keys have 2 digits. */
#define COUNTS_TEXT_MAXLEN(l)	(3 + (size_t) (l)->ncells * \
								 (6 + CODEC_INT64_MAXLEN + (l)->nsums * (CODEC_DD_MAXLEN + 1)))

/*
 * A value in memory: the total (NULL for types without one) and the cell
 * records.  For plain counts the records are the int64 counts themselves.
 */
typedef struct CountsRef
{
	int64_t    *total;
	void	   *cells;
} CountsRef;

/* Room for any type's counts in the wide layout, as a local variable. */
typedef struct CountsBuffer
{
	int64_t		total;
	CountsCell	cells[COUNTS_MAX_CELLS];
} CountsBuffer;

static inline CountsRef
counts_buffer_ref(CountsBuffer *b)
{
	CountsRef	r;

	r.total = &b->total;
	r.cells = b->cells;
	return r;
}

static inline int64_t *
counts_cell_n(const CountsLayout *l, CountsRef v, int cell)
{
	return (int64_t *) ((char *) v.cells + (size_t) cell * COUNTS_CELL_SIZE(l));
}

static inline DD *
counts_cell_sums(const CountsLayout *l, CountsRef v, int cell)
{
	return (DD *) (counts_cell_n(l, v, cell) + 1);
}

extern void counts_clear(const CountsLayout *l, CountsRef v);
extern CodecStatus counts_parse_text(const CountsLayout *l, const char *str,
									 CountsRef v, CodecError *err);
extern size_t counts_format_text(const CountsLayout *l, CountsRef v,
								 char *buf, size_t buflen);
extern CodecStatus counts_decode_binary(const CountsLayout *l, const uint8_t *data,
										size_t len, CountsRef v, CodecError *err);
extern void counts_encode_binary(const CountsLayout *l, CountsRef v, uint8_t *out);

/*
 * dst += src, or dst -= src (sign -1, for window frames).  Checked: the
 * counts stay within int64 (CODEC_TOTAL_RANGE) and a subtraction removes
 * only answers dst holds (CODEC_COUNT_RANGE, err->value the cell); dst is
 * unchanged on error.  A cell left without answers has exact zero sums.
 */
extern CodecStatus counts_add(const CountsLayout *l, CountsRef dst, CountsRef src,
							  int sign, CodecError *err);
/*
 * One answer enters (sign 1) or leaves (sign -1) a cell: its count moves by
 * one and sum k by sign * values[k], a double-double each (a plain double
 * has lo 0).  This is the per-row step of every type with sums.  Checked,
 * with v unchanged on error: removing from an empty cell
 * (CODEC_COUNT_RANGE), a count past INT64_MAX (CODEC_TOTAL_RANGE), a sum
 * beyond double precision (CODEC_NOT_FINITE); err->value is the cell's key.
 * A cell left without answers has exact zero sums.  Inline: it runs once
 * per row, and a call there costs the weighted aggregates about 5% of their
 * time (test/bench/weighted.sh).
 */
static inline CodecStatus
counts_add_answer(const CountsLayout *l, CountsRef v, int cell, const DD *values,
				  int sign, CodecError *err)
{
	int64_t    *n = counts_cell_n(l, v, cell);
	DD		   *sums = counts_cell_sums(l, v, cell);
	DD			next[COUNTS_MAX_SUMS];
	CodecStatus status = CODEC_OK;

	if (sign < 0 && *n == 0)
		status = CODEC_COUNT_RANGE;
	else if (sign > 0 && *n == INT64_MAX)
		status = CODEC_TOTAL_RANGE;
	for (int k = 0; k < l->nsums && status == CODEC_OK; k++)
	{
		next[k] = dd_add(sums[k], sign > 0 ? values[k] : dd_neg(values[k]));
		if (!isfinite(next[k].hi))
			status = CODEC_NOT_FINITE;
	}
	if (status != CODEC_OK)
	{
		err->value = l->key_of(cell);
		err->position = (size_t) cell;
		return status;
	}
	*n += sign;
	for (int k = 0; k < l->nsums; k++)
		sums[k] = *n == 0 ? (DD) {0.0, 0.0} : next[k];
	return CODEC_OK;
}

extern int	counts_equal(const CountsLayout *l, CountsRef a, CountsRef b);
/* Whether every sum is finite (aggregates check once, when a value is read). */
extern int	counts_finite(const CountsLayout *l, CountsRef v);

#endif							/* CSM_COUNTS_H */
