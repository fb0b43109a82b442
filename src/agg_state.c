/*
 * agg_state.c
 *	  Out of line part of agg_state.h: the copy a transition function makes
 *	  when the state is not the executor's.
 */
#include "postgres.h"

#include "fmgr.h"

#include "agg_state.h"

struct varlena *
agg_state_copy(Datum state)
{
	return PG_DETOAST_DATUM_COPY(state);
}
