"""Executable documentation: runs every SQL example in the given Markdown
files and checks the output shown with it.

  * A ```sql block followed directly by a plain ``` block: the plain block is
    the expected psql output (aligned format, no row-count footer).
  * A ```sql block containing "-- ERROR:" comment lines: those lines
    (ERROR, DETAIL, HINT, without the "-- ") are the expected messages.
  * Any other ```sql block must run without error.
  * ```sql no-run blocks are skipped (fragments, or statements for another
    server); other languages are not run.

Each file runs in a fresh database with csm, block after block, so later
examples see what earlier ones created.  Trailing spaces are ignored.

    /usr/bin/python3 test/docs/doctest.py README.md docs/*.md
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mdblocks import blocks, normalise  # noqa: E402

def psql(db, sql):
    r = subprocess.run(["psql", "-X", "-q", "-d", db, "-P", "footer=off",
                        "-v", "ON_ERROR_STOP=0", "-c", "SET TimeZone = 'UTC'", "-f", "-"],
                       input=sql, capture_output=True, text=True)
    err = [re.sub(r"^psql:[^:]*:\d+: ", "", l) for l in r.stderr.split("\n")]
    return r.stdout, "\n".join(err)


def run_file(path):
    db = "csm_doctest"
    subprocess.run(["psql", "-X", "-q", "-d", "postgres", "-c", f"DROP DATABASE IF EXISTS {db}",
                    "-c", f"CREATE DATABASE {db}"], check=True,
                   env=None, capture_output=True)
    subprocess.run(["psql", "-X", "-q", "-d", db, "-c", "CREATE EXTENSION csm"], check=True,
                   capture_output=True)
    bs = blocks(path)
    failures, checked = [], 0
    for k, (info, text, line, _) in enumerate(bs):
        words = info.split()
        if not words or words[0] != "sql" or "no-run" in words:
            continue
        expected = None
        if k + 1 < len(bs) and bs[k + 1][0] == "" and bs[k + 1][3]:
            expected = normalise(bs[k + 1][1])
        error_lines = [l[3:] for l in text.split("\n")
                       if re.match(r"^-- (ERROR|DETAIL|HINT):", l)]
        stdout, stderr = psql(db, text)
        errors = [l for l in normalise(stderr) if re.match(r"^(ERROR|DETAIL|HINT):", l)]
        where = f"{path}:{line}"
        if error_lines:
            if normalise("\n".join(errors)) != normalise("\n".join(error_lines)):
                failures.append(f"{where}: expected messages\n  " + "\n  ".join(error_lines)
                                + "\ngot\n  " + "\n  ".join(errors))
        elif errors:
            failures.append(f"{where}: unexpected error\n  " + "\n  ".join(errors))
        if expected is not None and normalise(stdout) != expected:
            failures.append(f"{where}: expected output\n" + "\n".join(expected)
                            + "\ngot\n" + "\n".join(normalise(stdout)))
        checked += 1
    return checked, failures


def main():
    total, failures = 0, []
    for path in sys.argv[1:]:
        n, f = run_file(path)
        total += n
        failures += f
    if failures:
        print("docs: " + "\n\ndocs: ".join(failures))
        print(f"docs: {len(failures)} of {total} examples differ from what the docs show")
        return 1
    print(f"docs: {total} SQL examples in {len(sys.argv) - 1} files run and show what the docs say")
    return 0


if __name__ == "__main__":
    sys.exit(main())
