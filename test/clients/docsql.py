"""Prints the SQL a Markdown file runs, the way test/docs/doctest.py runs it:
every ```sql block in order, except ```sql no-run blocks and blocks that
show an expected error ("-- ERROR:" lines).  test/clients/run loads
docs/reporting-tools.md through it into a fresh database, so the JDBC and
ODBC tests query the BI views exactly as the docs define them.

    /usr/bin/python3 docsql.py ../../docs/reporting-tools.md | psql ...
"""
import re
import sys

text = open(sys.argv[1], encoding="utf-8").read()
blocks = re.findall(r"^```([^\n]*)\n(.*?)^```$", text, flags=re.M | re.S)
runnable = [body for info, body in blocks
            if info.split()[:1] == ["sql"] and "no-run" not in info.split()
            and not re.search(r"^-- ERROR:", body, flags=re.M)]
if not runnable:
    sys.exit(f"{sys.argv[1]}: no SQL blocks")
print("\n".join(runnable))
