/*
 * summary.h
 *	  What every stored summary shares, whatever its payload: the header of
 *	  its varlena, the description of its type, and the services the core
 *	  gives every type: checking a stored value, making and copying values,
 *	  the aggregate state, the final value and one error reporter.
 *
 * A summary is a plain varlena (STORAGE plain, alignment double) whose
 * memory layout is its on-disk layout: the 8-byte SummaryHeader, then the
 * payload.  Each type's overlay struct embeds the header as its first
 * member and asserts its own size beside its definition.  Two kinds of
 * type build on this:
 *
 *	 counts-core types (counts_summary.h): keyed cells of counts, with sums
 *		for some: rating_summary, kano_summary, servqual_summary and
 *		weighted_rating_summary;
 *	 fixed-field types, with a codec of their own: gap_summary; and
 *	 variable-size ones, whose payload says how long the value is: a
 *		driver_summary holds as many moments as it has attributes.  The
 *		type's size_valid() checks a value's size against its payload; a
 *		transition state may carry a tail after the value, which one of
 *		the type's state flags announces and its final function drops.
 *
 * The flags byte.  SUMMARY_NARROW names the counts core's narrow form of a
 * plain-counts type.  A type may name other bits as its state flags: marks
 * that only a transition state of its own aggregates carries (for example
 * WEIGHTED_INEXACT, weighted_summary.h).  They are never part of a value:
 * text, binary and = ignore them, and summary_final_value() clears them.
 * Any other bit, like an unknown version or size, means data written by
 * another release.
 *
 * The core names no family: a family describes its type in a SummaryType
 * and calls these with it.
 */
#ifndef CSM_SUMMARY_H
#define CSM_SUMMARY_H

#include "postgres.h"
#include "fmgr.h"

#include "agg_state.h"
#include "codec.h"
#include "compat.h"
#include "counts.h"

typedef struct SummaryHeader
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* the type's format version */
	uint8		flags;			/* the form, and the type's state flags */
	uint16		reserved;		/* always 0 */
} SummaryHeader;

StaticAssertDecl(sizeof(SummaryHeader) == 8,
				 "a summary's header is the 8 bytes csm 1.0 wrote");

#define SUMMARY_HEADER_SIZE		sizeof(SummaryHeader)

/* The counts core's narrow form (counts_summary.h). */
#define SUMMARY_NARROW			0x01

/*
 * How the errors of a type name what is out of range: its key ("rating 11
 * is out of range for type rating_summary") or a value of the type
 * ("servqual_summary value 23 is out of range").
 */
typedef enum SummaryWording
{
	SUMMARY_KEYED,
	SUMMARY_VALUED
} SummaryWording;

/*
 * A summary type.  The reporter's formats are literals; the words below
 * fill their %s, and are translated where they are used (gettext_noop
 * marks them for the catalog).
 */
typedef struct SummaryType
{
	const char *name;			/* the SQL type: "rating_summary" */
	uint8		version;		/* header version, the binary format's too */
	uint8		state_flags;	/* flags only its transition states carry */
	const CountsLayout *layout; /* a counts-core type's cells; NULL: fixed fields */
	Size		size;			/* a fixed-field type's varlena size; a
								 * variable-size type's smallest */
	Size		binary_size;	/* a fixed-field type's binary size */

	/*
	 * A variable-size type's check of a value's size (at least size bytes,
	 * checked first) against what its payload holds; NULL for the others.
	 */
	bool		(*size_valid) (const SummaryHeader *s);

	SummaryWording wording;
	const char *syntax_hint;	/* how the text form is written */
	const char *key;			/* what a key is: "rating", "answer pair" */
	const char *key_capitalised;	/* the same, starting a sentence */
	const char *key_detail;		/* the keys there are */
	const char *count_detail;	/* the counts there are, or NULL */
	const char *answers;		/* what the counts count: "answers" */
	const char *removed;		/* answers of one key: "answers of rating" */
	const char *sums_detail;	/* inconsistent sums that break no named rule */
} SummaryType;

/* Sizes of a stored value: full (a counts type's wide form), narrow (0: none), binary. */
static inline Size
summary_size(const SummaryType *type)
{
	return type->layout ? SUMMARY_HEADER_SIZE + COUNTS_WIDE_PAYLOAD(type->layout) : type->size;
}

static inline Size
summary_narrow_size(const SummaryType *type)
{
	return type->layout && COUNTS_HAS_NARROW(type->layout) ?
		SUMMARY_HEADER_SIZE + COUNTS_NARROW_PAYLOAD(type->layout) : 0;
}

static inline Size
summary_binary_size(const SummaryType *type)
{
	return type->layout ? COUNTS_BINARY_SIZE(type->layout) : type->binary_size;
}

/*
 * The first eight bytes of a summary as one word.  Compared with the word a
 * plain, untoasted summary of a given size, version and flags starts with,
 * it checks all of those at once: the per-row steps' in-place test.
 */
static inline uint64
summary_header_word(const void *p)
{
	uint64		word;

	memcpy(&word, p, sizeof(word));
	return word;
}

static inline uint64
summary_header_expected(Size size, uint8 version, uint8 flags)
{
	SummaryHeader head;

	SET_VARSIZE(&head, size);
	head.version = version;
	head.flags = flags;
	head.reserved = 0;
	return summary_header_word(&head);
}

/*
 * Whether a header word is exactly (size, version, flags), whatever the
 * bits of state_flags: the one test every in-place step makes before it
 * writes to the executor's state.  Every argument is a constant where the
 * steps call it, so this folds to a mask and a compare.
 */
static inline bool
summary_header_matches(uint64 word, Size size, uint8 version, uint8 flags, uint8 state_flags)
{
	SummaryHeader mask;

	memset(&mask, 0, sizeof(mask));
	mask.flags = state_flags;
	return (word & ~summary_header_word(&mask)) ==
		summary_header_expected(size, version, flags & ~state_flags);
}

/* A stored value of the type: version, reserved bytes, form and size, or XX001. */
extern void summary_check(const SummaryType *type, const SummaryHeader *s);
/* A summary argument, detoasted and checked. */
extern SummaryHeader *summary_detoast(const SummaryType *type, Datum d);
/* A new value of the type, zero-filled after its header: wide (or fixed) or narrow. */
extern SummaryHeader *summary_new(const SummaryType *type, bool narrow);
/* A new value of a variable-size type, of size bytes, zero-filled after its header. */
extern SummaryHeader *summary_new_sized(const SummaryType *type, Size size);
extern SummaryHeader *summary_copy(const SummaryHeader *s);
/* The transition state to update (agg_state.h), checked. */
extern SummaryHeader *summary_state(FunctionCallInfo fcinfo, const SummaryType *type);
/*
 * A final function's value: s, or a copy without the state flags s carries
 * (a variable-size type whose states carry a tail drops it itself).
 */
extern SummaryHeader *summary_final_value(const SummaryType *type, SummaryHeader *s);

/*
 * The errors.  summary_report() turns a codec status into its ERROR; input
 * is the text being read, or NULL for binary input and arithmetic (the
 * SQLSTATE depends on it: 22P02 or 22003 for text, 22P03 for binary).
 * CODEC_LENGTH names a fixed binary size: a variable-size type reports
 * its lengths itself.
 */
pg_noreturn extern void summary_report(const SummaryType *type, CodecStatus status,
									   const CodecError *err, const char *input);
/* Removing more answers (of one key) than a value holds: 22000. */
pg_noreturn extern void summary_report_remove(const SummaryType *type, int64 removed,
											  int64 key, int64 held);
/* Sums beyond double precision after arithmetic: 22003. */
pg_noreturn extern void summary_report_sum_range(const SummaryType *type);

#endif							/* CSM_SUMMARY_H */
