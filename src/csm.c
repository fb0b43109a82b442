/*
 * csm.c
 *	  Module header of the csm extension: customer-satisfaction metrics.
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
