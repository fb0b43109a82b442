"""The recipe in docs/citus.md, run on the Citus cluster of test/citus.

Runs, in order, every ```sql block of the file that test/docs skips for
being Citus-only (```sql no-run citus) and every plain ```sql block (which
test/docs also runs on a single node without Citus); ```sql no-run blocks
without "citus" (a real cluster's host names) are not run.  As in
test/docs/doctest.py: a plain ``` block right after a block is its expected
psql output, and "-- ERROR:" comment lines are its expected messages.
Two more words state what Citus must do with a block's one statement,
checked from EXPLAIN (VERBOSE):
  split     the workers compute partial states (worker_(binary_)partial_agg)
            and the coordinator combines them;
  pushdown  the workers run the whole aggregate: nothing is split.

    PGHOST=127.0.0.1 PGPORT=... PGUSER=postgres python3 recipe.py docs/citus.md
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mdblocks import blocks, normalise  # noqa: E402

def psql(sql):
    r = subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-P", "footer=off",
                        "-v", "ON_ERROR_STOP=0", "-c", "SET TimeZone = 'UTC'", "-f", "-"],
                       input=sql, capture_output=True, text=True)
    err = [re.sub(r"^psql:[^:]*:\d+: ", "", l) for l in r.stderr.split("\n")]
    return r.stdout, "\n".join(err)


def main(path):
    bs = blocks(path)
    failures, ran, citus_only, plans = [], 0, 0, 0
    for k, (info, text, line, _) in enumerate(bs):
        words = info.split()
        if not words or words[0] != "sql" or ("no-run" in words and "citus" not in words):
            continue
        where = f"{path}:{line}"
        expected = None
        if k + 1 < len(bs) and bs[k + 1][0] == "" and bs[k + 1][3]:
            expected = normalise(bs[k + 1][1])
        error_lines = [l[3:] for l in text.split("\n") if re.match(r"^-- (ERROR|DETAIL|HINT):", l)]
        stdout, stderr = psql(text)
        errors = [l for l in normalise(stderr) if re.match(r"^(ERROR|DETAIL|HINT):", l)]
        if error_lines:
            if errors != normalise("\n".join(error_lines)):
                failures.append(f"{where}: expected messages\n  " + "\n  ".join(error_lines)
                                + "\ngot\n  " + "\n  ".join(errors))
        elif errors:
            failures.append(f"{where}: unexpected error\n  " + "\n  ".join(errors))
        if expected is not None and normalise(stdout) != expected:
            failures.append(f"{where}: expected output\n" + "\n".join(expected)
                            + "\ngot\n" + "\n".join(normalise(stdout)))
        for claim in ("split", "pushdown"):
            if claim not in words:
                continue
            plans += 1
            plan, err = psql("EXPLAIN (VERBOSE, COSTS OFF) " + text)
            split = re.search(r"worker_(binary_)?partial_agg\(", plan) is not None
            if "Custom Scan (Citus" not in plan or split != (claim == "split") \
                    or (claim == "split" and not re.search(r"coord_(binary_)?combine_agg\(", plan)):
                failures.append(f"{where}: Citus does not {claim} this query:\n{plan}{err}")
        ran += 1
        citus_only += "no-run" in words
    if failures:
        print("citus: recipe: " + "\n\ncitus: recipe: ".join(failures))
        return 1
    if citus_only == 0 or plans == 0:
        print(f"citus: recipe: {path} has no Citus-only block or no split/pushdown claim")
        return 1
    print(f"{ran} blocks ({citus_only} Citus-only) run and show what the doc says;"
          f" {plans} split/pushdown claims hold")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
