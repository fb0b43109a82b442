"""The fenced blocks of a Markdown file, as the executable-documentation
runners read them (test/docs/doctest.py, test/citus/recipe.py)."""
import re

FENCE = re.compile(r"^```(.*)$")


def blocks(path):
    """(info, text, line, adjacent) of every fenced block: adjacent when only
    blank lines separate it from the previous block."""
    out, lines = [], open(path, encoding="utf-8").read().split("\n")
    i, last_end = 0, -10
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        start, info, body = i, m.group(1).strip(), []
        i += 1
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        adjacent = all(not l.strip() for l in lines[last_end + 1:start]) if last_end >= 0 else False
        out.append((info, "\n".join(body), start + 1, adjacent))
        last_end = i
        i += 1
    return out


def normalise(text):
    """The lines of psql output without trailing spaces or blank ends."""
    lines = [l.rstrip() for l in text.split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines
