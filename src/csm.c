/*
 * csm.c
 *	  Module header of the csm extension: customer-satisfaction metrics.
 *	  Its magic block, and the binding of csm's message catalog when the
 *	  library is loaded (compat.h, nls.mk).
 */
#include "postgres.h"

#include "fmgr.h"
#include "miscadmin.h"

#include "compat.h"

CSM_MODULE_MAGIC;

/* fmgr.h declares it from PostgreSQL 16 on; the same declaration serves 15. */
extern PGDLLEXPORT void _PG_init(void);

void
_PG_init(void)
{
	pg_bindtextdomain(TEXTDOMAIN);
}
