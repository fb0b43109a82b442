# The oracle of test/weighted: R's survey package on every data set of the
# CSV named by the first argument; one output line per data set, written to
# the second argument.  Design: svydesign(ids = ~1, weights = ~w), the
# single-stage with-replacement design with weights only (Lumley 2010).
#
# Input columns: set, level, grp (a or b), w, and per answer its metric
# values computed by the checker from docs/metrics.md: x (NPS, +100/0/-100),
# top2 and topbox (0/1 on the CSAT scale), easy (0/1), ces (the CES score).
# Two independent groups are compared as strata of one design, so that
# each keeps its own variance (svyby + svycontrast).
suppressMessages(library(survey))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
out <- file(args[2], "w")
first <- TRUE

for (id in unique(d$set)) {
  s <- d[d$set == id, ]
  lev <- s$level[1]
  z <- qnorm(0.5 + lev / 2)
  des <- svydesign(ids = ~1, weights = ~w, data = s)
  n <- nrow(s)
  names <- c("set"); values <- c(id)
  add <- function(name, v) {
    names <<- c(names, name); values <<- c(values, unname(as.numeric(v)))
  }

  m <- svymean(~x, des)
  ci <- confint(m, level = lev)                         # normal quantile (df = Inf)
  add("nps", coef(m)); add("nps_se", SE(m))
  add("nps_lower", ci[1]); add("nps_upper", ci[2]); add("nps_moe", z * SE(m))

  for (v in c("top2", "topbox", "easy")) {
    f <- as.formula(paste0("~", v))
    mv <- svymean(f, des)
    p <- coef(mv)
    lg <- attr(suppressWarnings(svyciprop(f, des, method = "logit", level = lev)), "ci")
    bt <- attr(svyciprop(f, des, method = "beta", level = lev), "ci")
    # svyciprop's logit code, with svyglm iterated to convergence: by default
    # glm stops at a relative deviance change of 1e-8, and near 0% or 100%
    # (or when it gives up, "algorithm did not converge") its bounds are off
    # from the converged ones by up to 1e-5.
    g <- suppressWarnings(svyglm(as.formula(paste0(v, " ~ 1")), des, family = quasibinomial,
                                 control = glm.control(epsilon = 1e-15, maxit = 500)))
    lc <- plogis(confint(g, 1, level = lev, method = "Wald", ddf = degf(des)))
    add(v, p); add(paste0(v, "_se"), SE(mv))
    add(paste0(v, "_logit_lower"), lc[1]); add(paste0(v, "_logit_upper"), lc[2])
    add(paste0(v, "_svyciprop_lower"), lg[1]); add(paste0(v, "_svyciprop_upper"), lg[2])
    add(paste0(v, "_beta_lower"), bt[1]); add(paste0(v, "_beta_upper"), bt[2])
    add(paste0(v, "_neff"), p * (1 - p) / vcov(mv))     # Korn-Graubard's n*, as svyciprop
  }

  mc <- svymean(~ces, des)
  cc <- confint(mc, level = lev, df = degf(des))         # t on n - 1 df
  add("ces", coef(mc)); add("ces_se", SE(mc))
  add("ces_lower", cc[1]); add("ces_upper", cc[2])
  add("ces_sd", sqrt(coef(svyvar(~ces, des))))

  add("weighted_total", sum(s$w))
  add("effective_n", sum(s$w)^2 / sum(s$w^2))
  add("design_effect", n * sum(s$w^2) / sum(s$w)^2)

  # two independent groups: strata of one design
  sd <- svydesign(ids = ~1, strata = ~grp, weights = ~w, data = s)
  for (v in c("x", "top2")) {
    b <- svyby(as.formula(paste0("~", v)), ~grp, sd, svymean, covmat = TRUE)
    k <- svycontrast(b, c(1, -1))
    diff <- coef(k); se <- SE(k); t <- diff / se
    add(paste0(v, "_test_difference"), diff); add(paste0(v, "_test_se"), se)
    add(paste0(v, "_test_z"), t); add(paste0(v, "_test_p"), 2 * pnorm(-abs(t)))
    add(paste0(v, "_test_lower"), diff - z * se); add(paste0(v, "_test_upper"), diff + z * se)
  }
  if (first) writeLines(paste(names, collapse = ","), out)
  first <- FALSE
  writeLines(paste(sprintf("%.17g", values), collapse = ","), out)
}
close(out)
