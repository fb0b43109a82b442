"""Hostile inputs inside a running server: a result or a clean ERROR, never a crash.

For every base type csm defines, feeds random and mutated strings through its
text input function, and random and mutated byte strings through its binary
receive function (via COPY ... FORMAT binary), then calls every csm function
that takes the type on each crafted value that was accepted.  Crafted values
include negative counts, totals that do not add up, counts near 2^63,
unknown version bytes, truncated and over-long data, and values that break
a type's consistency rules (docs/guarantees.md): each must be refused with
22P02 in text and 22P03 in binary.  Rolling up summaries
whose counts approach 2^63 must raise 22003 (numeric value out of range),
never wrap.  Afterwards the postmaster must not have restarted.

    /usr/bin/python3 test/hostile/hostile_inputs.py [N]     # N inputs (default 100000)
"""
import io
import random
import struct
import sys

import psycopg2

N = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
rng = random.Random(20261122)

# Valid text forms per type, to mutate.  A csm type missing here fails the
# test, so new types cannot go untested.
VALID_TEXT = {
    "rating_summary": ["{}", "{0:1,6:2,9:3,10:4}", "{10:9223372036854775807}", "{ 5 : 0 , 7 : 3 }"],
    "kano_summary": ["{}", "{15:3,13:2,25:1,33:4,51:1,11:2}", "{55:9223372036854775807}", "{ 21 : 0 , 44 : 7 }"],
    "gap_summary": ["{n:0,w:0,wg:0,g:0,gg:0,p:0,e:0}", "{n:3,w:100,wg:-90,g:-2,gg:6,p:15,e:17}",
                    "{n:9223372036854775807,w:1e300,wg:-1e300,g:0.1+1e-18,gg:1e308,p:1,e:-1}",
                    "{n:1,w:0.30000000000000004-2.7755575615628914e-17,wg:0,g:0,gg:0,p:0,e:0}"],
    "servqual_summary": ["{}", "{1:[3,15,18],5:[2,10,12.5],22:[1,7,1]}", "{22:[9223372036854775807,1e308,-1e308]}",
                         "{ 3 : [ 1 , 0.1+1e-18 , 2 ] }"],
    "weighted_rating_summary": ["{}", "{9:[3,2.5,2.25],10:[1,1,1]}", "{10:[9223372036854775807,1e140,1e280]}",
                                "{ 3 : [ 2 , 0.1+1e-18 , 0.005 ] }"],
    "driver_summary": ["{n:0,skipped:0,p:0}", "{n:3,skipped:1,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,2]}",
                       "{n:9223372036854775807,skipped:9223372036854775807,p:2,weighted:true,w:1e300,"
                       "means:[1e300,-1e300,0.1+1e-18],comoments:[1e300,-1e300,0,1e300,0,1e-300]}",
                       "{n:6,skipped:0,p:3,weighted:true,w:7.5,means:[2.5-5.5511151231257827e-17,0.5,1e6,3],"
                       "comoments:[5,2,0,1,5,4,0,5,1,2]}",
                       "{ n : 2 , skipped : 0 , p : 1 , weighted : false , w : 2 , means : [ 1 , 1 ] , comoments : [ 0 , 0 , 0 ] }"],
    "control_summary": [
        "{}", "{kind:ewma,parameters:null}",
        "{kind:baseline,metric:nps,empty:1,periods:[[100,100,3000,6100],[4,4,-200,7500]]}",
        "{kind:baseline,metric:share,k:2,scale_max:5,empty:0,periods:[[8,8,400,2500],[4,4,200,2500]]}",
        "{kind:baseline,metric:mean,scale_max:7,empty:0,periods:[[5,5,29,0.7000000000000001],[4,4,22,1]]}",
        "{kind:baseline,metric:nps,empty:9223372036854775807,periods:[[2.6666666666666665,4,200,7500]]}",
        "{kind:ewma,method:shewhart,baseline:{metric:nps,centre:100,variance:0,sigma_z:null,periods:2,"
        "empty_periods:0,answers:5},lambda:0.2,sigmas:3,rows:1,t:1,current:1,ewma:-Infinity}",
        "{kind:cusum,method:shewhart,baseline:{metric:share,k:1,scale_max:10,centre:10,variance:900,sigma_z:1.5,"
        "periods:0,empty_periods:0,answers:0},k:0.5,h:5,rows:1,t:1,current:1,upper_sum:0,lower_sum:0.07735026918962573}",
        "{kind:runs,method:laney,baseline:{metric:share,k:1,scale_max:2,centre:22,variance:1716,"
        "sigma_z:0.6053091684387579,periods:2,empty_periods:0,answers:100},rows:2,useful:2,crossings:1,run:1,"
        "longest:1,side:-1,beyond:1,current:1}",
        "{kind:runs_z,rows:9223372036854775807,useful:3,crossings:1,run:1,longest:2,side:-1,beyond:1,current:0}"],
    "league_summary": ["{}", "{kind:nps,empty:1,groups:{[5,2,1]:2,[0,3,4]:1}}",
                       "{kind:share,k:2,scale_max:5,method:moments,empty:0,groups:{[3,1]:1,[0.5,0.75]:3}}",
                       "{kind:mean,method:james-stein,empty:2,groups:{[4.5,10,0.25]:1,[0,1,0]:3,[10,2,0]:1}}",
                       "{kind:nps,empty:9223372036854775807,groups:{[9223372036854775807,0,0]:9223372036854775807}}",
                       "{ kind : nps , empty : 0 , groups : { [ 2.2222222222222223 , 0 , 0.5555555555555556 ] : 1 } }"],
}
HUGE = "9223372036854775807"
CRAFTED_TEXT = {
    "rating_summary": ["{1:-1}", "{11:1}", "{1:" + HUGE + ",2:1}", "{1:9223372036854775808}",
                       "{1:1,1:2}", "{1:1", "1:1}", "{1:1,}", "{:1}", "{1:}", "{1:1}x", "",
                       "{1:1e3}", "{0x1:1}", "{+1:1}", "{1:+1}", "{-0:1}", "{1:00000000000000000000001}"],
    "kano_summary": ["{15:-1}", "{16:1}", "{60:1}", "{10:1}", "{15:" + HUGE + ",25:1}", "{15:9223372036854775808}",
                     "{15:1,15:2}", "{15:1", "{5:1}", "{155:1}", "{015:1}", "{15:1}x", ""],
    "gap_summary": ["{n:-1,w:0,wg:0,g:0,gg:0,p:0,e:0}", "{n:0,w:1,wg:0,g:0,gg:0,p:0,e:0}",
                    "{n:1,w:inf,wg:0,g:0,gg:0,p:0,e:0}", "{n:1,w:nan,wg:0,g:0,gg:0,p:0,e:0}",
                    "{n:1,w:1e309,wg:0,g:0,gg:0,p:0,e:0}", "{n:1,w:0x10,wg:0,g:0,gg:0,p:0,e:0}",
                    "{n:1,w:1,wg:0,g:0,gg:0,p:0}", "{w:1,n:1,wg:0,g:0,gg:0,p:0,e:0}", "{n:1,w:1-,wg:0,g:0,gg:0,p:0,e:0}"],
    "servqual_summary": ["{0:[1,1,1]}", "{23:[1,1,1]}", "{1:[0,1,1]}", "{1:[-1,0,0]}", "{1:[1,1]}", "{1:[1,1,1],1:[1,1,1]}",
                         "{1:[1,inf,1]}", "{1:[1,1,1]", "{1:1}"],
    "weighted_rating_summary": ["{11:[1,1,1]}", "{1:[0,1,1]}", "{1:[-1,0,0]}", "{1:[1,-1,1]}", "{1:[1,1,2]}",
                                "{1:[2,1,0.4]}", "{1:[1,1]}", "{1:[1,1,1],1:[1,1,1]}", "{1:[1,inf,1]}",
                                "{1:[1,1,1]", "{1:1}", "{1:[1,1e309,1]}"],
    "driver_summary": ["{n:-1,skipped:0,p:0}", "{n:0,skipped:0,p:33}", "{n:2,skipped:0,p:0}",
                       "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,3,2]}",
                       "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,-2]}",
                       "{n:1,skipped:0,p:1,weighted:false,w:1,means:[2,4],comoments:[0,0,1]}",
                       "{n:3,skipped:0,p:1,weighted:false,w:2,means:[2,4],comoments:[2,1,2]}",
                       "{n:0,skipped:0,p:1,weighted:false,w:0,means:[1,0],comoments:[0,0,0]}",
                       "{n:3,skipped:0,p:1,weighted:true,w:0,means:[2,4],comoments:[2,1,2]}",
                       "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4,5],comoments:[2,1,2]}",
                       "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,inf],comoments:[2,1,2]}",
                       "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,1e309],comoments:[2,1,2]}",
                       "{n:9223372036854775808,skipped:0,p:0}", "{n:0,skipped:0,p:1}", ""],
    "control_summary": ["{", "{kind}", "{kind:}", "{kind:baseline}", "{kind:baseline,metric:csat,empty:0,periods:[]}",
                        "{kind:baseline,metric:nps,empty:0,periods:[[1,1,1,1]",
                        "{kind:baseline,metric:nps,empty:0,periods:[[1,1,nan,1]]}",
                        "{kind:baseline,metric:nps,empty:0,periods:[[1,1,1e999,1]]}",
                        "{kind:baseline,metric:nps,empty:99999999999999999999,periods:[]}",
                        "{kind:ewma,parameters:nul}", "{kind:ewma,parameters:null}}", "{}x", ""],
    "league_summary": ["{kind:nps}", "{kind:nps,empty:0}", "{kind:nps,empty:0,groups:{[1,2]:1}}",
                       "{kind:nps,empty:0,groups:{[1,2,3]}}", "{kind:nps,empty:0,groups:{[1,2,3]:1,}}",
                       "{kind:share,empty:0,groups:{}}", "{kind:share,k:2,empty:0,groups:{}}",
                       "{kind:nps,empty:-1,groups:{}}", "{kind:nps,empty:0,groups:{[1,2,3]:-1}}",
                       "{kind:nps,empty:0,groups:{[inf,2,3]:1}}", "{kind:nps,empty:0,groups:{[1e309,2,3]:1}}",
                       "{kind:nps,empty:0,groups:{[1,2,3]:99999999999999999999}}", "{empty:0,kind:nps,groups:{}}",
                       "{kind:mean,empty:0,groups:{[1,2]:1}}", "{kind:nps,method:mle}", "{} {}", ""],
}
# Extra whole summaries to roll up in pairs: their totals overflow int64.
OVERFLOW_PAIRS = {
    "rating_summary": [("{10:" + HUGE + "}", "{10:1}"), ("{1:4611686018427387904}", "{2:4611686018427387904}")],
    "kano_summary": [("{55:" + HUGE + "}", "{11:1}"), ("{15:4611686018427387904}", "{25:4611686018427387904}")],
    "gap_summary": [("{n:" + HUGE + ",w:1,wg:0,g:0,gg:0,p:0,e:0}", "{n:1,w:1,wg:0,g:0,gg:0,p:0,e:0}"),
                    ("{n:1,w:1.7e308,wg:0,g:0,gg:0,p:0,e:0}", "{n:1,w:1.7e308,wg:0,g:0,gg:0,p:0,e:0}")],
    "servqual_summary": [("{1:[" + HUGE + ",1,1]}", "{1:[1,1,1]}"), ("{1:[1,1.7e308,1]}", "{1:[1,1.7e308,1]}")],
    # Valid weights (at most 1e140) cannot make Σw² overflow for any count:
    # only the count can.
    "weighted_rating_summary": [("{10:[" + HUGE + ",1,1]}", "{10:[1,1,1]}")],
    "driver_summary": [("{n:" + HUGE + ",skipped:0,p:1,weighted:true,w:1,means:[1,1],comoments:[0,0,0]}",
                        "{n:1,skipped:0,p:1,weighted:false,w:1,means:[1,1],comoments:[0,0,0]}"),
                       ("{n:0,skipped:" + HUGE + ",p:0}", "{n:0,skipped:1,p:0}"),
                       ("{n:2,skipped:0,p:1,weighted:true,w:1.7e308,means:[1,1],comoments:[1,0,1]}",
                        "{n:2,skipped:0,p:1,weighted:true,w:1.7e308,means:[1,1],comoments:[1,0,1]}"),
                       ("{n:2,skipped:0,p:1,weighted:true,w:1e300,means:[1e300,0],comoments:[1e300,0,0]}",
                        "{n:2,skipped:0,p:1,weighted:true,w:1e300,means:[-1e300,0],comoments:[1e300,0,0]}")],
    # the numbers of groups, of groups with answers and without
    "league_summary": [("{kind:nps,empty:0,groups:{[1,0,0]:" + HUGE + "}}", "{kind:nps,empty:0,groups:{[0,1,0]:1}}"),
                       ("{kind:mean,empty:" + HUGE + ",groups:{}}", "{kind:mean,empty:1,groups:{}}")],
}
# Values that break a consistency rule of their type: never accepted, in
# text (22P02) or in binary (22P03, their send form crafted below).
INCONSISTENT_TEXT = {
    # Counts have no total in text, so their text can only be out of range
    # (22003, above); their inconsistent values are binary (below).
    "rating_summary": [],
    "kano_summary": [],
    "gap_summary": ["{n:3,w:3,wg:-1.5,g:-1.5,gg:-2.25,p:12,e:13.5}",     # Σg² < 0
                    "{n:3,w:3,wg:-1.5,g:-1.5,gg:0.1,p:12,e:13.5}",       # Σg² < (Σg)²/n
                    "{n:3,w:-3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}",     # Σw < 0
                    "{n:3,w:3,wg:-10,g:-1.5,gg:2.25,p:12,e:13.5}",       # |Σwg| > Σw √Σg²
                    "{n:3,w:0,wg:1e-300,g:-1.5,gg:2.25,p:12,e:13.5}",    # Σw = 0, Σwg ≠ 0
                    "{n:1,w:1,wg:1,g:1e300,gg:1,p:1e300,e:0}",           # (Σg)² ≫ n Σg²
                    "{n:0,w:0,wg:0,g:0,gg:1e-300,p:0,e:0}"],             # sums without answers
    "servqual_summary": ["{1:[0,1,0]}", "{22:[0,0,-1e-300]}"],           # sums without answers
    "weighted_rating_summary": ["{1:[1,1e150,1e300]}",                   # a weight above 1e140
                                "{1:[2,1e-150,6e-301]}",                 # weights below 1e-140
                                "{1:[3,1,0.3]}",                         # Σw² < (Σw)²/n
                                "{1:[1,2,5]}",                           # Σw² > (Σw)²
                                "{1:[1,0,0]}", "{5:[2,-1,1]}"],          # sums not positive
    "driver_summary": ["{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,3,2]}",   # |c01| > √(c00 c11)
                       "{n:3,skipped:0,p:1,weighted:false,w:3,means:[2,4],comoments:[2,1,-2]}",  # c11 < 0
                       "{n:3,skipped:0,p:1,weighted:false,w:2,means:[2,4],comoments:[2,1,2]}",   # unweighted Σw ≠ n
                       "{n:1,skipped:0,p:1,weighted:false,w:1,means:[2,4],comoments:[0,0,1]}",   # one row, a spread
                       "{n:3,skipped:0,p:1,weighted:true,w:0,means:[2,4],comoments:[2,1,2]}"],   # rows without weight
    "control_summary": [
        "{kind:baseline,metric:nps,empty:0,periods:[[3,3,-100,9000]]}",     # NPS variance above 10^4 (1 - x^2)
        "{kind:baseline,metric:nps,empty:0,periods:[[3,3,0,10001]]}",       # NPS 0: variance above 10^4
        "{kind:baseline,metric:share,k:2,scale_max:5,empty:0,periods:[[4,4,200,2000]]}",  # not p (1 - p)
        "{kind:baseline,metric:mean,scale_max:5,empty:0,periods:[[4,4,12,9]]}",  # beyond half the squared width
        "{kind:baseline,metric:nps,empty:0,periods:[[0.5,1,0,0]]}",         # fewer than 1 effective answer
        "{kind:baseline,metric:share,k:5,scale_max:5,empty:0,periods:[]}",  # k = scale_max
        "{kind:baseline,metric:nps,empty:-1,periods:[]}",                   # negative empty periods
        "{kind:ewma,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,"
        "empty_periods:0,answers:0},lambda:2,sigmas:3,rows:1,t:0,current:0,ewma:0}",          # lambda 2
        "{kind:ewma,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,"
        "empty_periods:0,answers:0},lambda:0.2,sigmas:3,rows:1,t:0,current:0,ewma:1}",        # EWMA before a z
        "{kind:cusum,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,periods:0,"
        "empty_periods:0,answers:0},k:0.5,h:5,rows:1,t:2,current:1,upper_sum:0,lower_sum:0}",  # t > rows
        "{kind:cusum,method:shewhart,baseline:{metric:nps,centre:200,variance:1,sigma_z:null,periods:0,"
        "empty_periods:0,answers:0},k:0.5,h:5,rows:1,t:0,current:0,upper_sum:0,lower_sum:0}",  # centre off range
        "{kind:runs_z,rows:9,useful:9,crossings:1,run:2,longest:2,side:1,beyond:0,current:1}"],  # runs too short
    "league_summary": ["{kind:nps,empty:0,groups:{[5,2,1]:2,[5,2,1]:1}}",  # a point listed twice
                       "{kind:nps,empty:0,groups:{[5,2,-1]:1}}",           # a negative count
                       "{kind:nps,empty:0,groups:{[0.25,0.25,0]:1}}",      # n below 1
                       "{kind:nps,empty:0,groups:{[1,2,3]:0}}",            # a point of no group
                       "{kind:nps,empty:0,groups:{[1e19,0,0]:1}}",         # more answers than 2^63
                       "{kind:mean,empty:0,groups:{[4.5,10,30]:1}}",       # spread beyond 0..10
                       "{kind:mean,empty:0,groups:{[11,10,0]:1}}",         # a mean beyond 10
                       "{kind:share,k:5,scale_max:5,empty:0,groups:{}}",   # k = scale_max
                       "{kind:share,k:2,scale_max:11,empty:0,groups:{}}",  # beyond 1..10
                       "{kind:nps,method:james-stein,empty:0,groups:{}}",  # a method of means
                       "{kind:share,k:2,scale_max:5,empty:0,groups:{[1,2,3]:1}}",  # three counts
                       "{kind:votes,empty:0,groups:{}}"],                  # no such kind
}
# The binary crafts: (type, valid text, byte offset, struct format, new value)
# written over its send form.
INCONSISTENT_BINARY = [
    ("rating_summary", "{6:1,9:2}", 1, ">q", 4),                        # total 4, counts 3
    ("rating_summary", "{6:1,9:2}", 1 + 8 + 8 * 6, ">q", -1),           # a negative count
    ("kano_summary", "{15:3}", 1, ">q", 2),                             # total 2, counts 3
    ("kano_summary", "{15:3}", 1 + 8 + 8 * 4, ">q", -3),                # pair 15 negative
    ("gap_summary", "{n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}", 57, ">d", -2.25),
    ("gap_summary", "{n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}", 57, ">d", 0.1),
    ("gap_summary", "{n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}", 9, ">d", -3.0),
    ("gap_summary", "{n:3,w:3,wg:-1.5,g:-1.5,gg:2.25,p:12,e:13.5}", 25, ">d", -10.0),
    ("weighted_rating_summary", "{0:[1,1,1]}", 1 + 8, ">d", 1e150),     # cell 0: n, then Σw
    ("weighted_rating_summary", "{0:[3,1,0.5]}", 1 + 8 + 16, ">d", 0.3),  # Σw² < (Σw)²/n
    ("servqual_summary", "{}", 1 + 8, ">d", 1.0),                       # item 1: sums, no answers
    # control_summary: a baseline period's variance (after 24 bytes of head,
    # then n and weight), its weight; an EWMA's lambda (after the head, the
    # metric and 6 baseline fields); run rules' crossings beyond the points
    ("control_summary", "{kind:baseline,metric:nps,empty:0,periods:[[3,3,100,8888.888888888889]]}",
     24 + 24, ">d", 9999.0),
    ("control_summary", "{kind:baseline,metric:nps,empty:0,periods:[[3,3,100,8888.888888888889]]}",
     24 + 8, ">d", -3.0),
    ("control_summary", "{kind:ewma,method:shewhart,baseline:{metric:nps,centre:0,variance:1,sigma_z:null,"
     "periods:0,empty_periods:0,answers:0},lambda:0.2,sigmas:3,rows:1,t:0,current:0,ewma:0}", 8 + 4 + 48, ">d", 2.0),
    ("control_summary", "{kind:runs_z,rows:3,useful:2,crossings:1,run:1,longest:1,side:-1,beyond:1,current:0}",
     8 + 16, ">q", 5),
    # league_summary: 35 bytes of header, then per point three float8 and int64 groups
    ("league_summary", "{kind:nps,empty:0,groups:{[5,2,1]:1}}", 35 + 16, ">d", -1.0),   # a negative count
    ("league_summary", "{kind:nps,empty:0,groups:{[1,0,0]:1}}", 35, ">d", 0.5),          # n below 1
    ("league_summary", "{kind:nps,empty:0,groups:{[0,0,1]:1}}", 35 + 16, ">d", 2e19),    # beyond 2^63
    ("league_summary", "{kind:nps,empty:0,groups:{[5,2,1]:1}}", 35 + 24, ">q", 0),       # no group
    ("league_summary", "{kind:mean,empty:0,groups:{[5,2,1]:1}}", 35 + 16, ">d", 26.0),   # spread beyond 0..10
    ("league_summary", "{kind:share,k:2,scale_max:5,empty:0,groups:{[3,1]:1}}", 35 + 16, ">d", 1.0),  # 3 counts
    ("league_summary", "{kind:share,k:2,scale_max:5,empty:0,groups:{}}", 3, ">q", 5),    # k = scale_max
    ("league_summary", "{kind:nps,empty:0,groups:{}}", 3, ">q", 2),                      # nps with a k
    ("league_summary", "{kind:nps,empty:0,groups:{}}", 19, ">q", -1),                    # negative empty
]

ALPHABET = "{}[]():,;-+ 0123456789eE.xX\t\n\\\"'abcnul"


def mutate_text(s):
    s = list(s)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(4)
        pos = rng.randrange(len(s) + 1)
        if op == 0 and s:
            del s[min(pos, len(s) - 1)]
        elif op == 1:
            s.insert(pos, rng.choice(ALPHABET))
        elif op == 2 and s:
            s[min(pos, len(s) - 1)] = rng.choice(ALPHABET)
        else:
            s.insert(pos, rng.choice(["9223372036854775807", "-1", "99999999999999999999", "10", "11", ","]))
    return "".join(s)


def random_text():
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40)))


def mutate_bytes(b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        pos = rng.randrange(len(b) + 1)
        if op == 0 and b:
            b[min(pos, len(b) - 1)] ^= 1 << rng.randrange(8)
        elif op == 1 and b:
            b[min(pos, len(b) - 1)] = rng.choice([0, 1, 2, 0x7f, 0x80, 0xff])
        elif op == 2:
            del b[pos:]                                   # truncated
        elif op == 3:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 9)))  # over-long
        elif len(b) >= pos + 8:
            b[pos:pos + 8] = struct.pack(">q", rng.choice([-1, 2**63 - 1, -2**63, 2**62]))
    return bytes(b)


def copy_binary_row(payload):
    """A COPY BINARY stream holding one row with one field."""
    return (b"PGCOPY\n\xff\r\n\0" + struct.pack(">ii", 0, 0) + struct.pack(">hi", 1, len(payload))
            + payload + struct.pack(">h", -1))


def main():
    conn = psycopg2.connect(dbname="postgres", options="-c client_min_messages=warning")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("DROP DATABASE IF EXISTS csm_hostile_inputs")
    cur.execute("CREATE DATABASE csm_hostile_inputs")
    cur.execute("SELECT pg_postmaster_start_time()")
    started = cur.fetchone()[0]
    conn.close()

    conn = psycopg2.connect(dbname="csm_hostile_inputs", options="-c client_min_messages=warning")
    conn.autocommit = True
    cur = conn.cursor()
    cur.execute("CREATE EXTENSION csm")
    cur.execute("""SELECT t.typname FROM pg_type t
                   JOIN pg_depend d ON d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e'
                   JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm'
                   WHERE t.typtype = 'b' AND t.typcategory <> 'A' ORDER BY 1""")
    types = [r[0] for r in cur.fetchall()]
    missing = [t for t in types if t not in VALID_TEXT]
    if missing:
        print(f"hostile: no valid samples for {missing}; add them to test/hostile/hostile_inputs.py")
        return 1
    unruled = [t for t in types
               if not INCONSISTENT_TEXT.get(t) and not any(c[0] == t for c in INCONSISTENT_BINARY)]
    if unruled:
        print(f"hostile: no inconsistent values for {unruled}; add them to test/hostile/hostile_inputs.py")
        return 1

    # Checks inside the server: one subtransaction per input, outcome counted.
    cur.execute("""
      CREATE FUNCTION try_inputs(typ regtype, inputs text[]) RETURNS TABLE(accepted text[], sqlstates text[])
      LANGUAGE plpgsql AS $$
      DECLARE s text; v text; ok text[] := '{}'; states text[] := '{}';
      BEGIN
        FOREACH s IN ARRAY inputs LOOP
          BEGIN
            EXECUTE format('SELECT $1::%s::text', typ) INTO v USING s;
            ok := ok || v;
          EXCEPTION WHEN OTHERS THEN
            states := states || SQLSTATE::text;
          END;
        END LOOP;
        RETURN QUERY SELECT ok, states;
      END $$""")

    per_type = N // len(types)
    bad_states = {}
    accepted_values = {t: set(VALID_TEXT[t]) for t in types}
    total = 0
    for t in types:
        # Text: half mutated valid forms, a quarter random strings, the crafted ones.
        texts = list(CRAFTED_TEXT.get(t, []))
        n_text = per_type * 6 // 10
        while len(texts) < n_text:
            texts.append(mutate_text(rng.choice(VALID_TEXT[t])) if rng.random() < 0.7 else random_text())
        texts = [x.replace("\0", "") for x in texts]
        for i in range(0, len(texts), 5000):
            cur.execute("SELECT * FROM try_inputs(%s::regtype, %s)", (t, texts[i:i + 5000]))
            ok, states = cur.fetchone()
            accepted_values[t].update(ok)
            for s in states:
                if s not in ("22P02", "22003", "22023", "22P03"):
                    bad_states[s] = bad_states.get(s, 0) + 1
        total += len(texts)

        # Binary: mutations of the valid values' send output, random bytes.
        cur.execute(f"CREATE TABLE recv_{t} (v {t})")
        valid_bin = []
        for v in VALID_TEXT[t]:
            cur.execute(f"SELECT {t}_send(%s::{t})", (v,))
            valid_bin.append(bytes(cur.fetchone()[0]))
        n_bin = per_type - n_text
        for i in range(n_bin):
            if rng.random() < 0.8:
                blob = mutate_bytes(rng.choice(valid_bin))
            else:
                blob = bytes(rng.randrange(256) for _ in range(rng.randint(0, 120)))
            try:
                cur.copy_expert(f"COPY recv_{t} FROM STDIN (FORMAT binary)", io.BytesIO(copy_binary_row(blob)))
            except psycopg2.Error as e:
                if e.pgcode not in ("22P02", "22003", "22023", "22P03"):
                    bad_states[e.pgcode] = bad_states.get(e.pgcode, 0) + 1
        total += n_bin
        cur.execute(f"SELECT v::text FROM recv_{t}")
        accepted_values[t].update(r[0] for r in cur.fetchall())

        # Every accepted value through every csm function taking the type.
        cur.execute("""SELECT p.proname, p.prokind, pg_get_function_identity_arguments(p.oid), p.pronargs
                       FROM pg_proc p
                       JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                       JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'csm'
                       WHERE p.proargtypes[0] = %s::regtype AND p.pronargs = 1""", (t,))
        funcs = cur.fetchall()
        values = sorted(accepted_values[t])
        for name, kind, _, _ in funcs:
            if kind == "a":
                sql = f"SELECT {name}(v::{t})::text FROM unnest(%s::text[]) v"
            else:
                sql = f"SELECT {name}(v::{t})::text FROM unnest(%s::text[]) v"
            for i in range(0, len(values), 2000):
                try:
                    cur.execute(sql, (values[i:i + 2000],))
                except psycopg2.Error as e:
                    if e.pgcode not in ("22003", "22023", "22012", "2200H"):
                        bad_states[e.pgcode] = bad_states.get(e.pgcode, 0) + 1
            total += len(values)

        # Inconsistent values are refused, in text and in binary.
        for v in INCONSISTENT_TEXT.get(t, []):
            try:
                cur.execute(f"SELECT %s::{t}::text", (v,))
                print(f"hostile: inconsistent {t} {v} was accepted as {cur.fetchone()[0]}")
                return 1
            except psycopg2.Error as e:
                if e.pgcode != "22P02":
                    print(f"hostile: inconsistent {t} {v}: SQLSTATE {e.pgcode}, expected 22P02")
                    return 1
        crafted = [c for c in INCONSISTENT_BINARY if c[0] == t]
        for _, v, offset, fmt, x in crafted:
            cur.execute(f"SELECT {t}_send(%s::{t})", (v,))
            blob = bytearray(cur.fetchone()[0])
            blob[offset:offset + 8] = struct.pack(fmt, x)
            try:
                cur.copy_expert(f"COPY recv_{t} FROM STDIN (FORMAT binary)", io.BytesIO(copy_binary_row(bytes(blob))))
                print(f"hostile: inconsistent binary {t} ({v}, {x} at byte {offset}) was accepted")
                return 1
            except psycopg2.Error as e:
                if e.pgcode != "22P03":
                    print(f"hostile: inconsistent binary {t}: SQLSTATE {e.pgcode}, expected 22P03")
                    return 1

        # Rolling up summaries near 2^63 must raise 22003, never wrap.
        for a, b in OVERFLOW_PAIRS.get(t, []):
            try:
                cur.execute(f"SELECT rollup(v::{t})::text FROM unnest(ARRAY[%s, %s]) v", (a, b))
                print(f"hostile: rollup of {a} and {b} did not overflow: {cur.fetchone()[0]}")
                return 1
            except psycopg2.Error as e:
                if e.pgcode != "22003":
                    print(f"hostile: rollup of {a} and {b}: SQLSTATE {e.pgcode}, expected 22003")
                    return 1
        print(f"hostile: {t}: {len(texts)} text inputs, {n_bin} binary inputs, "
              f"{len(values)} accepted values through {len(funcs)} functions, "
              f"{len(INCONSISTENT_TEXT.get(t, [])) + len(crafted)} inconsistent values refused")

    conn.close()
    conn = psycopg2.connect(dbname="postgres")
    cur = conn.cursor()
    cur.execute("SELECT pg_postmaster_start_time()")
    if cur.fetchone()[0] != started:
        print("hostile: the server restarted: a backend crashed")
        return 1
    if bad_states:
        print(f"hostile: unexpected SQLSTATEs (count): {bad_states}")
        return 1
    print(f"hostile: {total} inputs, the server never restarted, every error a clean data error")
    return 0


if __name__ == "__main__":
    sys.exit(main())
