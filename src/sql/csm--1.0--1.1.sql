/* csm 1.0 -> 1.1: statistical inference, gap models (CSI, SERVQUAL, ACSI), Kano */

\echo Use "ALTER EXTENSION csm UPDATE TO '1.1'" to load this file. \quit

/*
 * As in csm--1.0.sql, every reference is qualified (@extschema@ for csm's
 * own objects, pg_catalog for the server's), so the script is safe for a
 * trusted extension whatever the search_path holds.  No CREATE OR REPLACE.
 */

-- ==== statistical inference on rating_summary ==============================


-- ==== end of statistical inference ==========================================


-- ==== gap models: CSI weighted gap, SERVQUAL, ACSI ==========================


-- ==== end of gap models =====================================================


-- ==== Kano model ============================================================


-- ==== end of Kano model =====================================================
