# csm: customer-satisfaction metrics for PostgreSQL (PGXS)

EXTENSION = csm
MODULE_big = csm

# One list per metric family, so that families can be developed side by side.
OBJS_CORE = src/csm.o src/codec.o src/counts.o src/summary.o src/counts_summary.o src/agg_state.o \
	src/result_types.o

OBJS_RATINGS = src/rating_codec.o src/rating_summary.o src/rating_agg.o src/rating_metrics.o \
	src/rating_scales.o src/rating_tally.o src/rating_score.o

OBJS_INFERENCE = src/distributions.o src/inference.o src/inference_args.o src/rating_inference.o

OBJS_GAP = src/gap_codec.o src/gap_summary.o src/gap_agg.o src/gap_metrics.o

OBJS_KANO = src/kano_codec.o src/kano_model.o src/kano_answer.o src/kano_summary.o src/kano_agg.o \
	src/kano_metrics.o

OBJS_WEIGHTED = src/weighted_codec.o src/weighted_summary.o src/weighted_agg.o \
	src/weighted_metrics.o src/survey.o src/weighted_inference.o

OBJS_DRIVERS = src/linalg.o src/driver_model.o src/driver_codec.o src/driver_summary.o \
	src/driver_agg.o src/driver_metrics.o

OBJS_MONITORING = src/monitoring_model.o src/monitoring_codec.o src/monitoring_summary.o \
	src/monitoring_agg.o src/monitoring_metrics.o

OBJS_RANKING = src/ranking_groups.o src/ranking_overdispersion.o src/ranking_fit.o \
	src/ranking_posterior.o src/ranking_codec.o src/ranking_summary.o src/ranking_agg.o \
	src/ranking_metrics.o

OBJS = $(OBJS_CORE) $(OBJS_RATINGS) $(OBJS_INFERENCE) $(OBJS_GAP) $(OBJS_KANO) $(OBJS_WEIGHTED) \
	$(OBJS_DRIVERS) $(OBJS_MONITORING) $(OBJS_RANKING)

# The install scripts are generated (src/sql/generate) from one template
# per family, in this order: the full script of the current version, for
# CREATE EXTENSION, and one update script per release step, for ALTER
# EXTENSION UPDATE.  A template marks what each version added (@since).
SQL_TEMPLATES = src/sql/ratings.sql src/sql/inference.sql src/sql/scores.sql \
	src/sql/gap.sql src/sql/kano.sql src/sql/jsonb.sql src/sql/drivers.sql src/sql/monitoring.sql \
	src/sql/ranking.sql
SQL_UPDATES = 1.0--1.1 1.1--1.2
SQL_FULL = src/sql/csm--$(CSM_VERSION).sql
SQL_UPDATE_SCRIPTS = $(SQL_UPDATES:%=src/sql/csm--%.sql)
DATA_built = $(SQL_FULL) $(SQL_UPDATE_SCRIPTS)

REGRESS_RATINGS = ratings_type ratings_agg ratings_metrics ratings_window ratings_parallel

REGRESS_INFERENCE = inference

REGRESS_GAP = gap

REGRESS_KANO = kano

REGRESS_OPERATIONS = summary_ops summary_forms citus_ready partitionwise jsonb

REGRESS_WEIGHTED = weighted weighted_inference weighted_window

REGRESS_DRIVERS = drivers

REGRESS_MONITORING = monitoring

REGRESS_RANKING = ranking

REGRESS = $(REGRESS_RATINGS) $(REGRESS_INFERENCE) $(REGRESS_GAP) $(REGRESS_KANO) \
	$(REGRESS_OPERATIONS) $(REGRESS_WEIGHTED) $(REGRESS_DRIVERS) $(REGRESS_MONITORING) \
	$(REGRESS_RANKING)
REGRESS_OPTS = --inputdir=.

PG_CFLAGS += -Wall -Wextra
# The release, for PostgreSQL 18's pg_get_loaded_modules() (src/compat.h).
CSM_VERSION := $(shell sed -n "s/^default_version = '\\(.*\\)'/\\1/p" csm.control)
PG_CPPFLAGS += -DCSM_VERSION='"$(CSM_VERSION)"'
# The server's headers are not written for -Wextra (unused parameters in
# inline functions); reading them as system headers keeps every warning on
# for csm's own code without drowning it in theirs.
PG_CPPFLAGS += -isystem $(shell $(PG_CONFIG) --includedir-server)
EXTRA_CLEAN = results regression.diffs regression.out .pg-major

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Every extern symbol stays visible, as csm's bitcode (compiled without
# 16's -fvisibility=hidden) assumes: a function the JIT inlines calls csm's
# other functions by name, and a hidden one fails to resolve and takes the
# backend down (docs/scaling.md, "Performance").
override CFLAGS := $(filter-out -fvisibility=hidden,$(CFLAGS))

# Objects compiled against one major's headers must not be linked for
# another: .pg-major records the major of the last build and changes, so
# that everything recompiles, only when PG_CONFIG names another one.
$(OBJS) $(OBJS:.o=.bc): .pg-major
# PGXS tracks no header dependencies; every object depends on every header.
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h)
.pg-major: FORCE
	@echo $(MAJORVERSION) | cmp -s - $@ || echo $(MAJORVERSION) >$@
FORCE:
.PHONY: FORCE

$(SQL_FULL): src/sql/generate $(SQL_TEMPLATES)
	perl src/sql/generate --version $(CSM_VERSION) $(SQL_TEMPLATES) >$@.tmp && mv $@.tmp $@
$(SQL_UPDATE_SCRIPTS): src/sql/csm--%.sql: src/sql/generate $(SQL_TEMPLATES)
	perl src/sql/generate --from $(firstword $(subst --, ,$*)) --to $(lastword $(subst --, ,$*)) \
		$(SQL_TEMPLATES) >$@.tmp && mv $@.tmp $@

# make dist: a source tarball of the committed tree, as PGXN expects.
DIST_VERSION = $(shell sed -n 's/.*"version": "\(.*\)",/\1/p' META.json | head -1)
dist:
	git archive --format zip --prefix=csm-$(DIST_VERSION)/ -o csm-$(DIST_VERSION).zip HEAD
.PHONY: dist
