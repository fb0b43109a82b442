# nls.mk: csm's message catalog, as PostgreSQL's own modules have one
# (src/pl/plpgsql/src/nls.mk).  PGXS reads this file when the server was
# built with NLS (its nls-global.mk): `make` builds po/<lang>.mo for each
# language below and `make install` installs it as csm-<major>.mo, the
# catalog of PG_TEXTDOMAIN("csm") that csm.c binds (src/compat.h).
#
# The template po/csm.pot holds every message and every word a message
# takes as %s (marked with gettext_noop() where it is defined, translated
# by _() where it is used).  After a change to a message, regenerate it
# with xgettext through PGXS's own target, and commit it:
#
#     make -B init-po PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
#
# A translation starts as a copy of the template, po/<lang>.po, with
# <lang> added to AVAIL_LANGUAGES; `make update-po` merges later changes.
CATALOG_NAME     = csm
AVAIL_LANGUAGES  =
GETTEXT_FILES    = $(sort $(wildcard src/*.c))
GETTEXT_TRIGGERS = $(BACKEND_COMMON_GETTEXT_TRIGGERS)
GETTEXT_FLAGS    = $(BACKEND_COMMON_GETTEXT_FLAGS)

# PostgreSQL's tree generates its templates and cleans them away; csm's is
# checked in, so `make clean` keeps it (PGXS's clean-po removes
# po/$(CATALOG_NAME).pot, here the name of no file).
clean-po: CATALOG_NAME = csm-template-kept
