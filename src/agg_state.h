/*
 * agg_state.h
 *	  The transition state every csm aggregate updates: argument 0.
 *
 * Every family's state is its summary type itself, a plain varlena.  When
 * the executor owns it (an aggregate or window-aggregate call, which
 * AggCheckCallContext recognises) it is updated in place: no copy per row.
 * Called any other way, as a plain function, a transition function works
 * on a copy and leaves its argument alone.
 */
#ifndef CSM_AGG_STATE_H
#define CSM_AGG_STATE_H

#include "postgres.h"
#include "fmgr.h"
#include "nodes/nodes.h"

#include "compat.h"

/*
 * Whether the call comes from an aggregate or window-aggregate node: the
 * two tests AggCheckCallContext() makes, done here without a call, so that
 * the per-row paths can take them inline.  (AggCheckCallContext() answers
 * from exactly these two tests, so calling it as well could never add a
 * case.)
 */
static inline bool
agg_state_from_aggregate(FunctionCallInfo fcinfo)
{
	return fcinfo->context != NULL &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState));
}

/* The copy, when the state is not the executor's (agg_state.c). */
extern struct varlena *agg_state_copy(Datum state);

/*
 * The state to update: the executor's own, in place, when it owns it;
 * else a copy.  The executor's state is always one csm built, a plain
 * varlena; anything else (a toasted or short-header value) is copied.
 */
static inline struct varlena *
agg_state_for_update(FunctionCallInfo fcinfo)
{
	struct varlena *arg = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(0));

	if (likely(!VARATT_IS_EXTENDED(arg) && agg_state_from_aggregate(fcinfo)))
		return arg;
	return agg_state_copy(PG_GETARG_DATUM(0));
}

#endif							/* CSM_AGG_STATE_H */
