/*
 * result_types.h
 *	  The types csm's functions return, whoever calls them.
 *
 * Functions returning a row or csm's kano_class enum need the returned
 * type.  The executor gives it through the call's expression and FmgrInfo;
 * other callers do not: Citus's coord_combine_agg calls an aggregate's final
 * function through a bare fmgr_info() (no fn_expr), and DirectFunctionCall
 * passes no FmgrInfo at all.  With no FmgrInfo the type is csm's own, found
 * by name in csm's schema.
 */
#ifndef CSM_RESULT_TYPES_H
#define CSM_RESULT_TYPES_H

#include "postgres.h"
#include "fmgr.h"
#include "access/tupdesc.h"

#include "compat.h"

extern Oid	csm_type_oid(const char *typname);
extern TupleDesc csm_result_tupdesc(FunctionCallInfo fcinfo, const char *typname);
extern Datum csm_result_row(FunctionCallInfo fcinfo, const char *typname,
							Datum *values, bool *nulls);

#endif							/* CSM_RESULT_TYPES_H */
