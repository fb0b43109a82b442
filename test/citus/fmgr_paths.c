/*
 * fmgr_paths.c
 *	  For test/citus, not part of csm: call a function the two ways the
 *	  executor never does.
 *
 *	  bare_call(fn regprocedure, VARIADIC "any") RETURNS text
 *		through an FmgrInfo from fmgr_info() alone, with no expression tree
 *		(fn_expr NULL): how Citus's coord_combine_agg calls an aggregate's
 *		final function on the coordinator;
 *	  direct_call(fn regprocedure, VARIADIC "any") RETURNS text
 *		with no FmgrInfo at all (flinfo NULL), as DirectFunctionCall does;
 *	  path_call(how text, fn regprocedure, VARIADIC "any") RETURNS text
 *		either, as how ('bare' or 'direct') says.
 *
 *	  Both return the result's text form, or NULL.  The arguments' types must
 *	  be the function's own (checked), so cast literals.  The suite compiles
 *	  this file with the major's pg_config and loads it by absolute path.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/regproc.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(bare_call);
PG_FUNCTION_INFO_V1(direct_call);
PG_FUNCTION_INFO_V1(path_call);

/* Calls the function in argument `first`, with the arguments after it. */
static Datum
call(FunctionCallInfo fcinfo, int first, bool with_flinfo)
{
	Oid			fn = PG_GETARG_OID(first);
	int			nargs = PG_NARGS() - first - 1;
	FmgrInfo	flinfo;
	Oid		   *argtypes;
	int			declared;
	Oid			rettype;
	Oid			typoutput;
	bool		varlena;
	Datum		result;
	LOCAL_FCINFO(inner, FUNC_MAX_ARGS);

	rettype = get_func_signature(fn, &argtypes, &declared);
	if (declared != nargs)
		elog(ERROR, "%s takes %d arguments, not %d", format_procedure(fn), declared, nargs);
	for (int i = 0; i < nargs; i++)
		if (get_fn_expr_argtype(fcinfo->flinfo, first + 1 + i) != argtypes[i])
			elog(ERROR, "argument %d of %s must be %s, not %s", i + 1, format_procedure(fn),
				 format_type_be(argtypes[i]),
				 format_type_be(get_fn_expr_argtype(fcinfo->flinfo, first + 1 + i)));

	fmgr_info(fn, &flinfo);		/* fn_expr stays NULL */
	InitFunctionCallInfoData(*inner, with_flinfo ? &flinfo : NULL, nargs,
							 PG_GET_COLLATION(), NULL, NULL);
	for (int i = 0; i < nargs; i++)
	{
		inner->args[i].value = PG_GETARG_DATUM(first + 1 + i);
		inner->args[i].isnull = PG_ARGISNULL(first + 1 + i);
		if (inner->args[i].isnull && flinfo.fn_strict)
			PG_RETURN_NULL();
	}
	result = with_flinfo ? FunctionCallInvoke(inner) : flinfo.fn_addr(inner);
	if (inner->isnull)
		PG_RETURN_NULL();
	getTypeOutputInfo(rettype, &typoutput, &varlena);
	PG_RETURN_TEXT_P(cstring_to_text(OidOutputFunctionCall(typoutput, result)));
}

Datum
bare_call(PG_FUNCTION_ARGS)
{
	return call(fcinfo, 0, true);
}

Datum
direct_call(PG_FUNCTION_ARGS)
{
	return call(fcinfo, 0, false);
}

Datum
path_call(PG_FUNCTION_ARGS)
{
	char	   *how = text_to_cstring(PG_GETARG_TEXT_PP(0));

	if (strcmp(how, "bare") != 0 && strcmp(how, "direct") != 0)
		elog(ERROR, "path_call: how is 'bare' or 'direct', not \"%s\"", how);
	return call(fcinfo, 1, strcmp(how, "bare") == 0);
}
