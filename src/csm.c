/*
 * csm.c
 *	  Module header of the csm extension: customer-satisfaction metrics.
 */
#include "postgres.h"

#include "fmgr.h"

#include "compat.h"

CSM_MODULE_MAGIC;
