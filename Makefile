# csm: customer-satisfaction metrics for PostgreSQL (PGXS)

EXTENSION = csm
MODULE_big = csm
OBJS = \
	src/csm.o \
	src/rating_codec.o \
	src/rating_summary.o \
	src/rating_agg.o \
	src/rating_metrics.o

DATA = $(wildcard src/sql/csm--*.sql)

REGRESS = ratings_type ratings_agg ratings_metrics ratings_window ratings_parallel
REGRESS_OPTS = --inputdir=.

PG_CFLAGS += -Wall -Wextra
EXTRA_CLEAN = results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)
