/*
 * summary.c
 *	  The core's services to every summary type (summary.h): checking a
 *	  stored value, making, copying and finishing values, and the one error
 *	  reporter every type's input, output and arithmetic use.
 */
#include "postgres.h"

#include "fmgr.h"

#include "summary.h"

/* ---- stored values -------------------------------------------------------- */

pg_noreturn static void
report_form(const SummaryType *type, const SummaryHeader *s)
{
	if (type->size_valid != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("unsupported %s version %d", type->name, s->version),
				 errdetail("This release of csm reads %s version %d; this value has %u bytes and flags %d, which its contents do not match.",
						   type->name, type->version, (unsigned) VARSIZE(s), s->flags)));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("unsupported %s version %d", type->name, s->version),
			 summary_narrow_size(type) != 0 ?
			 errdetail("This release of csm reads %s version %d of %zu bytes (wide) or %zu bytes (narrow); this value has %u bytes and flags %d.",
					   type->name, type->version, summary_size(type),
					   summary_narrow_size(type), (unsigned) VARSIZE(s), s->flags) :
			 errdetail("This release of csm reads %s version %d of %zu bytes; this value has %u bytes.",
					   type->name, type->version, summary_size(type), (unsigned) VARSIZE(s))));
}

/*
 * Values are built only by csm, so a size, version or form we do not know
 * means data written by another release; say so rather than misread it.
 */
void
summary_check(const SummaryType *type, const SummaryHeader *s)
{
	Size		size = VARSIZE(s);
	uint8		form = s->flags & ~type->state_flags;

	if (type->size_valid != NULL)
	{
		/* variable size: no form, and the payload says how long it is */
		if (unlikely(s->version != type->version || s->reserved != 0 || form != 0 ||
					 size < type->size || !type->size_valid(s)))
			report_form(type, s);
		return;
	}
	if (unlikely(s->version != type->version || s->reserved != 0 ||
				 (form == 0 ? size != summary_size(type) :
				  form != SUMMARY_NARROW || size != summary_narrow_size(type))))
		report_form(type, s);
}

SummaryHeader *
summary_detoast(const SummaryType *type, Datum d)
{
	SummaryHeader *s = (SummaryHeader *) PG_DETOAST_DATUM(d);

	summary_check(type, s);
	return s;
}

SummaryHeader *
summary_new(const SummaryType *type, bool narrow)
{
	Size		size = narrow ? summary_narrow_size(type) : summary_size(type);
	SummaryHeader *s = palloc0(size);

	Assert(size != 0);
	SET_VARSIZE(s, size);
	s->version = type->version;
	s->flags = narrow ? SUMMARY_NARROW : 0;
	return s;
}

SummaryHeader *
summary_new_sized(const SummaryType *type, Size size)
{
	SummaryHeader *s = palloc0(size);

	Assert(type->size_valid != NULL && size >= type->size);
	SET_VARSIZE(s, size);
	s->version = type->version;
	return s;
}

SummaryHeader *
summary_copy(const SummaryHeader *s)
{
	SummaryHeader *copy = palloc(VARSIZE(s));

	memcpy(copy, s, VARSIZE(s));
	return copy;
}

SummaryHeader *
summary_state(FunctionCallInfo fcinfo, const SummaryType *type)
{
	SummaryHeader *s = (SummaryHeader *) agg_state_for_update(fcinfo);

	summary_check(type, s);
	return s;
}

SummaryHeader *
summary_final_value(const SummaryType *type, SummaryHeader *s)
{
	SummaryHeader *result;

	if (likely((s->flags & type->state_flags) == 0))
		return s;
	result = summary_copy(s);
	result->flags &= ~type->state_flags;
	return result;
}

/* ---- errors ----------------------------------------------------------------- */

/* A key as the messages print it: INT64_MAX stands for any larger number read. */
static const char *
key_text(int64 key)
{
	return key == PG_INT64_MAX ? _("above 9223372036854775807") : psprintf("%lld", (long long) key);
}

/* A value out of range: a key, or a count the type cannot hold. */
pg_noreturn static void
report_key_range(const SummaryType *type, int64 key)
{
	if (type->wording == SUMMARY_VALUED)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s value %s is out of range", type->name, key_text(key)),
				 errdetail("%s", _(type->key_detail))));
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s %s is out of range for type %s", _(type->key), key_text(key), type->name),
			 errdetail("%s", _(type->key_detail))));
}

/*
 * A count out of range, with the key of its cell (value: the count itself
 * for fixed-field types).  In text, plain counts are unsigned and only a
 * count past bigint fails; a type with sums reads signed counts.
 */
pg_noreturn static void
report_count_range(const SummaryType *type, int64 value, bool text)
{
	int			sqlstate = text ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
		ERRCODE_INVALID_BINARY_REPRESENTATION;

	if (type->wording == SUMMARY_VALUED)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("%s value %lld is out of range", type->name, (long long) value),
				 type->count_detail ? errdetail("%s", _(type->count_detail)) : 0));
	if (!text)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("invalid binary %s: negative count for %s %lld",
						type->name, _(type->key), (long long) value),
				 type->count_detail ? errdetail("%s", _(type->count_detail)) : 0));
	if (type->layout->nsums == 0)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("count of %s %lld is out of range for type bigint",
						_(type->key), (long long) value),
				 type->count_detail ? errdetail("%s", _(type->count_detail)) : 0));
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg("%s count of %s %lld is out of range",
					type->name, _(type->key), (long long) value),
			 type->count_detail ? errdetail("%s", _(type->count_detail)) : 0));
}

void
summary_report(const SummaryType *type, CodecStatus status, const CodecError *err,
			   const char *input)
{
	const char *name = type->name;

	switch (status)
	{
		case CODEC_OK:
			break;
		case CODEC_SYNTAX:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", name, input),
					 errdetail("Unexpected %s at character %zu.",
							   input[err->position] ? _("character") : _("end of input"),
							   err->position + 1),
					 errhint("%s", _(type->syntax_hint))));
			break;
		case CODEC_DUPLICATE:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", name, input),
					 errdetail("%s %lld appears more than once.",
							   _(type->key_capitalised), (long long) err->value)));
			break;
		case CODEC_KEY_RANGE:
			report_key_range(type, err->value);
			break;
		case CODEC_COUNT_RANGE:
			report_count_range(type, err->value, input != NULL);
			break;
		case CODEC_TOTAL_RANGE:
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s count out of range", name),
					 errdetail("The combined number of %s exceeds %lld.",
							   _(type->answers), (long long) PG_INT64_MAX)));
			break;
		case CODEC_TOTAL_MISMATCH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: total %lld does not match the counts",
							name, (long long) err->value)));
			break;
		case CODEC_NOT_FINITE:
			ereport(ERROR,
					(errcode(input ? ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE :
							 ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("%s sums must be finite numbers", name)));
			break;
		case CODEC_INCONSISTENT:
			ereport(ERROR,
					(errcode(input ? ERRCODE_INVALID_TEXT_REPRESENTATION :
							 ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid %s: the sums are inconsistent", name),
					 errdetail("%s", _(err && err->rule ? err->rule : type->sums_detail))));
			break;
		case CODEC_VERSION:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("unsupported binary %s version %lld", name, (long long) err->value),
					 errdetail("This release of csm reads version %d.", type->version)));
			break;
		case CODEC_LENGTH:
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid binary %s: %lld bytes", name, (long long) err->value),
					 errdetail("Version %d has exactly %zu bytes.",
							   type->version, summary_binary_size(type))));
			break;
	}
	elog(ERROR, "unexpected %s codec status %d", name, (int) status);
}

void
summary_report_remove(const SummaryType *type, int64 removed, int64 key, int64 held)
{
	if (type->layout == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("cannot remove %lld %s from a %s holding %lld",
						(long long) removed, _(type->answers), type->name, (long long) held)));
	ereport(ERROR,
			(errcode(ERRCODE_DATA_EXCEPTION),
			 errmsg("cannot remove %lld %s %lld from a %s holding %lld",
					(long long) removed, _(type->removed), (long long) key, type->name,
					(long long) held)));
}

void
summary_report_sum_range(const SummaryType *type)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("%s sum out of range", type->name),
			 errdetail("The sums exceed the range of double precision.")));
}
