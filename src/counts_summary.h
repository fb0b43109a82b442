/*
 * counts_summary.h
 *	  The server side of the counts core: the stored form of every summary
 *	  built on it (rating_summary, kano_summary, servqual_summary), its
 *	  SQL-callable input, output and operators, and the aggregate steps.
 *
 * A summary is a plain varlena (STORAGE plain, alignment double) whose
 * memory layout is its on-disk layout: an 8-byte header (varlena length,
 * version byte, flags byte, two reserved zero bytes), then the payload in
 * one of two forms the flags byte names:
 *
 *	 wide (flags 0)		 the total when the type has one, then every cell
 *						 record (counts.h): int64 count and DD sums.  This is
 *						 the only form of version 1 as csm 1.0 wrote it.
 *	 narrow (flags 1)	 for plain counts only: one uint16 count per cell and
 *						 no total (it is their sum): 30 bytes for a rating
 *						 summary instead of 104.
 *
 * A summary is written narrow whenever its counts fit, which keeps
 * high-cardinality GROUP BY states and stored rollups small; a count that
 * outgrows 16 bits widens the value for good.  Text, binary and jsonb forms
 * do not depend on the form, and every reader reads both.
 */
#ifndef CSM_COUNTS_SUMMARY_H
#define CSM_COUNTS_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "agg_state.h"
#include "compat.h"
#include "counts.h"

typedef struct CountsSummary
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;
	uint8		flags;			/* COUNTS_NARROW or 0 */
	uint16		reserved;		/* always 0 */
	int64		data[FLEXIBLE_ARRAY_MEMBER];	/* the payload */
} CountsSummary;

#define COUNTS_NARROW			0x01
/*
 * Set in a transition state with sums when one of its additions may have
 * rounded (weighted_codec.h): its moving-aggregate inverse then declines,
 * and the window frame is recomputed.  Never part of a stored value's
 * identity: text, binary and = ignore it.
 */
#define COUNTS_INEXACT			0x02
#define COUNTS_HEADER_SIZE		offsetof(CountsSummary, data)
#define COUNTS_WIDE_SIZE(l)		(COUNTS_HEADER_SIZE + 8 * (l)->has_total + \
								 (l)->ncells * COUNTS_CELL_SIZE(l))
#define COUNTS_NARROW_SIZE(ncells)	(COUNTS_HEADER_SIZE + 2 * (ncells))
/* The wide payload of a type with a total and no sums, which the narrow form shortens. */
#define COUNTS_PLAIN_WIDE_SIZE(ncells)	(COUNTS_HEADER_SIZE + 8 + 8 * (ncells))

/* A summary type: its layout and the words its error messages use. */
typedef struct CountsType
{
	const CountsLayout *layout;
	const char *syntax_hint;		/* how the text form is written */
	const char *key_range;			/* errmsg, %s the key */
	const char *key_range_detail;
	const char *duplicate_detail;	/* %lld the key */
	const char *count_range;		/* errmsg of a bad count in text, %lld the key */
	const char *count_range_binary; /* ... in binary, %lld the key */
	const char *count_range_detail; /* or NULL */
	const char *answers;			/* what the counts count: "answers" */
	const char *remove;				/* errmsg, %lld the count, the key, what dst holds */
	const char *sums_detail;		/* errdetail of inconsistent sums, or NULL */
} CountsType;

/* Reading and making values. */
extern CountsSummary *counts_summary_detoast(const CountsType *type, Datum d);
extern CountsSummary *counts_summary_open(const CountsType *type, Datum d);
extern CountsSummary *counts_summary_make(const CountsType *type, CountsRef wide);
extern void counts_summary_read(const CountsType *type, const CountsSummary *s,
								CountsRef out);
extern int64 counts_summary_total(const CountsType *type, const CountsSummary *s);
pg_noreturn extern void counts_report(const CountsType *type, CodecStatus status,
									  const CodecError *err, const char *input);

/* A wide summary's payload, as counts.h reads it. */
static inline CountsRef
counts_summary_ref(const CountsType *type, CountsSummary *s)
{
	CountsRef	r;

	r.total = type->layout->has_total ? &s->data[0] : NULL;
	r.cells = &s->data[type->layout->has_total];
	return r;
}

/* SQL-callable work, each family's functions call with their type. */
extern Datum counts_summary_in(FunctionCallInfo fcinfo, const CountsType *type);
extern Datum counts_summary_out(FunctionCallInfo fcinfo, const CountsType *type);
extern Datum counts_summary_recv(FunctionCallInfo fcinfo, const CountsType *type);
extern Datum counts_summary_send(FunctionCallInfo fcinfo, const CountsType *type);
extern Datum counts_summary_operate(FunctionCallInfo fcinfo, const CountsType *type, int sign);
extern Datum counts_summary_equal(FunctionCallInfo fcinfo, const CountsType *type, bool equal);
extern Datum counts_summary_combine(FunctionCallInfo fcinfo, const CountsType *type, int sign);
extern Datum counts_summary_final(FunctionCallInfo fcinfo, const CountsType *type);

/* The state of a transition step, with its sums checked when they have any. */
extern CountsSummary *counts_state(FunctionCallInfo fcinfo, const CountsType *type);
extern Datum counts_step_slow(FunctionCallInfo fcinfo, const CountsType *type,
							  int cell, int sign);

/*
 * The first eight bytes of a summary as one word.  Compared with the word a
 * plain, untoasted summary of a given size, version and form starts with,
 * it checks all of those at once.
 */
static inline uint64
counts_header_word(const void *p)
{
	uint64		word;

	memcpy(&word, p, sizeof(word));
	return word;
}

static inline uint64
counts_expected_header(Size size, uint8 version, uint8 flags)
{
	CountsSummary head;

	SET_VARSIZE(&head, size);
	head.version = version;
	head.flags = flags;
	head.reserved = 0;
	return counts_header_word(&head);
}

/*
 * The per-row step of every plain-counts aggregate: one answer in cell
 * enters (sign 1) or leaves (sign -1, window frames) the state.  The
 * executor's own state, in either form, is updated in place here; every
 * other case (a copy, a count outgrowing its form, an error) is a call.
 * Kept this small so that the JIT can inline it (docs/development.md).
 */
static inline Datum
counts_step(FunctionCallInfo fcinfo, const CountsType *type, int ncells, uint8 version,
			int cell, int sign)
{
	CountsSummary *s = (CountsSummary *) DatumGetPointer(PG_GETARG_DATUM(0));

	if (likely(agg_state_from_aggregate(fcinfo)))
	{
		uint64		head = counts_header_word(s);

		if (likely(head == counts_expected_header(COUNTS_NARROW_SIZE(ncells), version,
												  COUNTS_NARROW)))
		{
			uint16	   *count = (uint16 *) s->data + cell;

			if (likely(sign > 0 ? *count < PG_UINT16_MAX : *count > 0))
			{
				*count += sign;
				PG_RETURN_POINTER(s);
			}
		}
		else if (likely(head == counts_expected_header(COUNTS_PLAIN_WIDE_SIZE(ncells),
													   version, 0)))
		{
			int64	   *count = &s->data[1 + cell];

			if (likely(sign > 0 ? s->data[0] < PG_INT64_MAX : *count > 0))
			{
				s->data[0] += sign;
				*count += sign;
				PG_RETURN_POINTER(s);
			}
		}
	}
	return counts_step_slow(fcinfo, type, cell, sign);
}

#endif							/* CSM_COUNTS_SUMMARY_H */
