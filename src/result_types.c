/*
 * result_types.c
 *	  The types csm's functions return, whoever calls them (result_types.h).
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/fmgroids.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

#include "result_types.h"

/* A type of csm's, by name: for callers without an FmgrInfo. */
Oid
csm_type_oid(const char *typname)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tuple;
	Oid			schema = InvalidOid;
	Oid			type;

	/* csm's schema, read from pg_extension as get_extension_oid() does */
	rel = table_open(ExtensionRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber, F_NAMEEQ,
				CStringGetDatum("csm"));
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tuple = systable_getnext(scan);
	if (HeapTupleIsValid(tuple))
		schema = ((Form_pg_extension) GETSTRUCT(tuple))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	if (!OidIsValid(schema))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("extension \"csm\" is not installed in this database"),
				 errdetail("Type %s is looked up in csm's schema when the caller passes no FmgrInfo.",
						   typname)));
	type = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid, CStringGetDatum(typname),
						   ObjectIdGetDatum(schema));
	if (!OidIsValid(type))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("type %s does not exist in csm's schema", typname)));
	return type;
}

/*
 * The row type a function returns: from the call when it has an FmgrInfo
 * (get_call_result_type needs no fn_expr, the type being named), else
 * csm's type of that name.  Blessed, ready for heap_form_tuple.
 */
TupleDesc
csm_result_tupdesc(FunctionCallInfo fcinfo, const char *typname)
{
	TupleDesc	tupdesc;

	if (fcinfo->flinfo == NULL)
		tupdesc = lookup_rowtype_tupdesc_copy(csm_type_oid(typname), -1);
	else if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("function returning a record called in a context that cannot accept it")));
	return BlessTupleDesc(tupdesc);
}

/* A row of csm's type typname, the function's result. */
Datum
csm_result_row(FunctionCallInfo fcinfo, const char *typname, Datum *values, bool *nulls)
{
	return HeapTupleGetDatum(heap_form_tuple(csm_result_tupdesc(fcinfo, typname), values, nulls));
}
