"""Published figures test/monitoring checks csm against, shared by the
model checks (check_model.py, check_reference.py) and the SQL checks
(check_sql.py): qcc's orange-juice data and the published run-length
tables, each with its source.
"""
import math

# qcc's data set orangejuice (data/orangejuice.txt in qcc's sources; its help
# page cites Montgomery (1991), Introduction to Statistical Quality Control,
# 2nd ed., pp. 152-155): nonconforming cans out of 50 in 30 trial samples,
# then 24 samples after a machine adjustment.
ORANGE_TRIAL = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22, 8, 10, 5, 13, 11,
                20, 18, 24, 15, 9, 12, 7, 13, 9, 6]
ORANGE_AFTER = [9, 6, 12, 5, 6, 4, 6, 3, 7, 6, 2, 4, 3, 6, 5, 4, 8, 5, 6, 7, 5, 6, 3, 5]

SHIFTS = [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4]

# (source, chart, parameters, {shift: "printed value"})
PUBLISHED = [
    ("Lucas & Crosier 1982 Table 1", "cusum", (0.5, 4.0), dict(zip(
        SHIFTS + [5], ["168", "74.2", "26.6", "13.3", "8.38", "4.75", "3.34", "2.62", "2.19",
                       "1.71", "1.31"]))),
    ("Montgomery Table 9.3", "cusum", (0.5, 5.0), dict(zip(
        SHIFTS, ["465", "139", "38.0", "17.0", "10.4", "5.75", "4.01", "3.11", "2.57", "2.01"]))),
    ("Waldmann 1986 Table 6", "cusum", (0.6, 3.0), {-0.2: "65.4"}),
    ("Montgomery Table 9.11", "ewma", (0.40, 3.054), dict(zip(
        SHIFTS, ["500", "224", "71.2", "28.4", "14.3", "5.9", "3.5", "2.5", "2.0", "1.4"]))),
    ("Montgomery Table 9.11", "ewma", (0.25, 2.998), dict(zip(
        SHIFTS, ["500", "170", "48.2", "20.1", "11.1", "5.5", "3.6", "2.7", "2.3", "1.7"]))),
    ("Montgomery Table 9.11", "ewma", (0.20, 2.962), dict(zip(
        SHIFTS, ["500", "150", "41.8", "18.2", "10.5", "5.5", "3.7", "2.9", "2.4", "1.9"]))),
    ("Montgomery Table 9.11", "ewma", (0.10, 2.814), dict(zip(
        SHIFTS, ["500", "106", "31.3", "15.9", "10.3", "6.1", "4.4", "3.4", "2.9", "2.2"]))),
    ("Montgomery Table 9.11", "ewma", (0.05, 2.615), dict(zip(
        SHIFTS, ["500", "84.1", "28.8", "16.4", "11.4", "7.1", "5.2", "4.2", "3.5", "2.7"]))),
    ("Lucas & Saccucci 1990 Table 3", "ewma", (0.5, 3.071), dict(zip(
        [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5],
        ["500", "255", "88.8", "35.9", "17.5", "6.53", "3.63", "2.50", "1.93", "1.58", "1.34",
         "1.07"]))),
    ("Lucas & Saccucci 1990 Table 3", "ewma", (0.03, 2.437), dict(zip(
        [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5],
        ["500", "76.7", "29.3", "17.6", "12.6", "8.07", "5.99", "4.80", "4.03", "3.49", "3.11",
         "2.55"]))),
    # Crowder 1987 Table 1, c = 2 (its 3.95 at shift 1.25, lambda 0.5, a typo
    # spc notes, is left out)
    ("Crowder 1987 Table 1", "ewma", (0.5, 2.0), dict(zip(
        [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4],
        ["26.45", "20.12", "11.89", "7.29", "4.91", "2.80", "1.94", "1.26", "1.05"]))),
    ("Crowder 1987 Table 1", "ewma", (0.05, 2.0), dict(zip(
        [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4],
        ["127.53", "43.94", "18.97", "11.64", "8.38", "6.56", "5.41", "4.04", "2.76", "2.15"]))),
    ("Waldmann 1986 Table 1", "ewma", (0.75, 2 * math.sqrt(1.25 / 0.75)), {0: "104.0"}),
    ("Waldmann 1986 Table 1", "ewma", (0.5, 2 * math.sqrt(1.5 / 0.5)), {0: "1952"}),
]


def unit(printed):
    """One unit of the last printed digit."""
    return 10.0 ** -(len(printed.split(".")[1])) if "." in printed else 1.0
