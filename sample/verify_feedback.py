#!/usr/bin/env python3
"""Independent re-implementation of sample/feedback.sql, without PostgreSQL.

Prints the md5 checksum of the generated rows, in the form of
sample.feedback_checksum().  It equals the checksum expected in feedback.sql
only if the SQL generator depends on nothing but md5 and IEEE float8
arithmetic, i.e. if the data are the same on every PostgreSQL version.

    python3 sample/verify_feedback.py
"""
import datetime
import hashlib
import math

SEED = "csm-sample-2025"
TARGET, SLOTS = 60000, 60
SQRT3 = 1.7320508075688772

STORES = [  # store_no, name, size, effect (as in sample.store)
    (1, "Atlanta", 110, 0.05), (2, "Austin", 95, 0.20), (3, "Baltimore", 70, -0.15),
    (4, "Boston", 125, 0.10), (5, "Charlotte", 80, 0.00), (6, "Chicago", 180, -0.10),
    (7, "Cleveland", 60, -0.20), (8, "Columbus", 75, 0.15), (9, "Dallas", 140, -0.05),
    (10, "Denver", 100, 0.25), (11, "Detroit", 70, -0.25), (12, "Fresno", 55, -1.10),
    (13, "Houston", 150, 0.00), (14, "Kansas City", 65, 0.10), (15, "Los Angeles", 200, -0.05),
    (16, "Madison", 50, 0.95), (17, "Miami", 115, -0.20), (18, "Minneapolis", 90, 0.30),
    (19, "Nashville", 70, 0.20), (20, "Newark", 85, -1.00), (21, "Philadelphia", 130, 0.00),
    (22, "Phoenix", 105, -0.10), (23, "Portland", 90, 1.00), (24, "Seattle", 120, 0.15),
]
WEEKDAY = [85, 80, 85, 90, 100, 120, 140]                          # Sunday .. Saturday
SEASON = [85, 75, 85, 90, 100, 95, 95, 95, 95, 100, 120, 160]      # January .. December
LEVEL = [7.3, 5.6, 6.8, 7.5, 5.9]   # staff, speed, product, cleanliness, price
JAN1 = datetime.date(2025, 1, 1)
EPOCH_JAN1 = 1735689600                                            # 2025-01-01 00:00:00 UTC


def md5hex(k, stream):
    return hashlib.md5(f"{SEED}:{k}:{stream}".encode()).hexdigest()


def uniform(k, stream):
    return float(int(md5hex(k, stream)[:13], 16)) / 4503599627370496.0


def normal(k, stream):
    h = md5hex(k, stream)
    s = sum(int(h[i:i + 8], 16) for i in (0, 8, 16, 24))
    return float(s) / 4294967296.0 * SQRT3 - 2 * SQRT3


def day_weight(doy):
    d = JAN1 + datetime.timedelta(days=doy)
    dow = (d.weekday() + 1) % 7
    return WEEKDAY[dow] * SEASON[d.month - 1] * (15 if doy in (0, 358) else 100)


def main():
    size_total = sum(s[2] for s in STORES)
    f_total = sum(day_weight(doy) for doy in range(365))
    d0601, d0615 = datetime.date(2025, 6, 1), datetime.date(2025, 6, 15)
    d0816, d0915 = datetime.date(2025, 8, 16), datetime.date(2025, 9, 15)
    rows = []
    for doy in range(365):
        day = JAN1 + datetime.timedelta(days=doy)
        t = doy / 364
        f = day_weight(doy)
        for store_no, store, size, effect in STORES:
            p_keep = min(1.0, float(TARGET * size * f) / float(SLOTS * size_total * f_total))
            for s in range(1, SLOTS + 1):
                k = (doy * 100 + store_no) * 100 + s
                if not uniform(k, 1) < p_keep:
                    continue
                u_ch, u_hour, u_sec = uniform(k, 2), uniform(k, 3), uniform(k, 4)
                u_inc, u_null = uniform(k, 5), uniform(k, 6)
                z_p, z_r, z_s, z_e = (normal(k, i) for i in (7, 8, 9, 10))
                x = [normal(k, i) for i in (11, 12, 13, 14, 15)]      # experiences
                e = [normal(k, i) for i in (16, 17, 18, 19, 20)]      # rating noise
                u_att, halo = uniform(k, 21), normal(k, 22)
                if u_ch < 0.46 - 0.08 * t and doy not in (0, 358):
                    channel = "in-store"
                elif u_ch < 0.73 - 0.08 * t:
                    channel = "web"
                elif u_ch < 0.88:
                    channel = "app"
                else:
                    channel = "phone"
                if channel == "in-store":
                    hour = 9 + math.floor(u_hour * 12)
                elif channel == "phone":
                    hour = 8 + math.floor(u_hour * 10)
                elif u_hour < 0.55:
                    hour = 17 + math.floor(u_hour / 0.55 * 6)
                else:
                    hour = 7 + math.floor((u_hour - 0.55) / 0.45 * 10)
                sod = hour * 3600 + math.floor(u_sec * 3600)
                ch_eff = {"in-store": 0.10, "app": 0.15, "web": 0.0}.get(channel, -0.40)
                if store != "Denver" or day < d0601 or day >= d0915:
                    dip = 0.0
                elif day < d0615:
                    dip = 1.7 * float((day - d0601).days) / 14
                elif day < d0816:
                    dip = 1.7
                else:
                    dip = 1.7 * float((d0915 - day).days) / 30
                inc_p = 0.035 + max(0.0, -effect) * 0.03 + (0.02 if channel == "phone" else 0.0)
                person = 0.55 * x[0] + 0.45 * x[1] + 0.35 * x[2] + 0.20 * x[3] \
                    + 0.10 * x[4] + 0.5678908345800274 * z_p
                att = 7.85 + 0.62 * t + effect + ch_eff - dip + person \
                    - (4.5 if u_inc < inc_p else 0.0)
                rec = None if u_null < 0.03 else \
                    min(10, max(0, math.floor(att + 0.9 * z_r + 0.5)))
                sat = None if 0.03 <= u_null < 0.05 else \
                    min(5, max(1, math.floor(1.0 + 0.5 * (att - 2.0)
                                             - (0.3 if channel == "phone" else 0.0)
                                             + 0.6 * z_s + 0.5)))
                eff = None if 0.05 <= u_null < 0.10 else \
                    min(7, max(1, math.floor(1.0 + 0.62 * (att - 1.0)
                                             - {"phone": 1.3, "web": 0.25}.get(channel, 0.0)
                                             + 0.9 * z_e + 0.5)))
                attrs = None if not u_att < 0.4 else \
                    [min(10, max(1, math.floor(LEVEL[j] + 1.4 * x[j] + 0.6 * halo + 0.7 * e[j] + 0.5)))
                     for j in range(5)]
                rows.append((doy, sod, k, store, channel, rec, sat, eff, attrs))
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    lines = []
    for i, (doy, sod, k, store, channel, rec, sat, eff, attrs) in enumerate(rows, 1):
        fields = [i, EPOCH_JAN1 + doy * 86400 + sod, store, channel,
                  "-" if rec is None else rec, "-" if sat is None else sat,
                  "-" if eff is None else eff,
                  "-" if attrs is None else ":".join(str(a) for a in attrs)]
        lines.append(",".join(str(x) for x in fields))
    print(len(rows), hashlib.md5("\n".join(lines).encode()).hexdigest())


if __name__ == "__main__":
    main()
