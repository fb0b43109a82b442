/*
 * compat.h
 *	  What differs between the PostgreSQL majors csm supports: 15 to 18.
 *
 * The one place that tests PG_VERSION_NUM.  Every server-side file reaches
 * it through its family's summary header (or directly), right after
 * postgres.h, and is then written against the newest spelling.
 *
 *	 16: the varlena macros (VARSIZE, SET_VARSIZE, VARATT_IS_EXTENDED, ...)
 *		 moved from postgres.h into varatt.h, which postgres.h no longer
 *		 includes.
 *	 18: pg_attribute_noreturn() is gone; pg_noreturn (placed before the
 *		 declaration, as C11's _Noreturn) replaces it.
 *	 18: PG_MODULE_MAGIC_EXT names the module and its version for
 *		 pg_get_loaded_modules().
 *
 * It also sets what every server-side file shares whatever the major:
 *
 *	 - csm's text domain.  ereport() translates through TEXTDOMAIN, and _()
 *	   translates words a message takes as %s (marked with gettext_noop()
 *	   where they are defined), both from csm's catalog (nls.mk, po/), as
 *	   PostgreSQL's own modules do; csm.c binds the domain when loaded.
 *	 - the compiler's format checks on every message: a format that is not
 *	   a string literal is an error (a pragma, since an explicit "warning"
 *	   would escape -Werror), so that the compiler checks each message's
 *	   arguments and xgettext sees each format.
 *
 * Unchanged from 15 to 18, checked against the headers of each: the node
 * tags of an aggregate's calling context (AggState, WindowAggState: the
 * tests AggCheckCallContext makes, agg_state.h), the fmgr interface,
 * numeric_int4_opt_error, numeric_is_nan, numeric_normalize and
 * float8out_internal.
 */
#ifndef CSM_COMPAT_H
#define CSM_COMPAT_H

#if PG_VERSION_NUM < 150000
#error "csm supports PostgreSQL 15, 16, 17 and 18; this is an older major"
#endif

#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#ifndef pg_noreturn
#define pg_noreturn pg_attribute_noreturn()
#endif

#if PG_VERSION_NUM >= 180000
#define CSM_MODULE_MAGIC	PG_MODULE_MAGIC_EXT(.name = "csm", .version = CSM_VERSION)
#else
#define CSM_MODULE_MAGIC	PG_MODULE_MAGIC
#endif

#undef TEXTDOMAIN
#define TEXTDOMAIN PG_TEXTDOMAIN("csm")

#undef _
#define _(x) dgettext(TEXTDOMAIN, x)

#pragma GCC diagnostic error "-Wformat-nonliteral"

#endif							/* CSM_COMPAT_H */
