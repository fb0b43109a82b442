#!/usr/bin/python3
"""The #include graph of src/, as docs/development.md shows it, and its checks.

A module is a header and the .c file of the same name (src/counts.h and
src/counts.c); a module depends on another when one of its files includes
the other's header.  That is the dependency graph only if every function and
variable a header declares is defined in the .c file of its name, so the
checks are, for src/ as it is:

  - no cycle among modules;
  - each header's extern functions and variables are defined in its own .c;
  - every server-side file (one that includes postgres.h) reaches compat.h,
    which sets csm's text domain and format checks for its messages.

    /usr/bin/python3 test/lib/include_graph.py            # the graph, in Markdown
    /usr/bin/python3 test/lib/include_graph.py --check    # exit 1 on a failed check
    /usr/bin/python3 test/lib/include_graph.py --check --docs docs/development.md
        # also: the document's section "Include graph" shows today's graph

Levels: a module with no dependency is on level 0, any other one level above
the highest module it depends on, so every arrow points down.
"""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SRC = os.path.join(ROOT, "src")
SECTION = "## Include graph"


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def read_sources():
    files = {}
    for name in sorted(os.listdir(SRC)):
        if name.endswith((".c", ".h")):
            with open(os.path.join(SRC, name), encoding="utf-8") as f:
                files[name] = f.read()
    return files


def local_includes(text, files):
    return [h for h in re.findall(r'^\s*#\s*include\s+"([^"]+)"', text, flags=re.M) if h in files]


def module_of(name):
    return name.rsplit(".", 1)[0]


def graph(files):
    modules = {}
    for name in files:
        modules.setdefault(module_of(name), set())
    for name, text in files.items():
        for h in local_includes(text, files):
            if module_of(h) != module_of(name):
                modules[module_of(name)].add(module_of(h))
    return modules


def cycles(modules):
    """Strongly connected components of more than one module (Tarjan)."""
    index, low, stack, on, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(modules[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10000)
    for v in sorted(modules):
        if v not in index:
            visit(v)
    return found


def levels(modules):
    level = {}

    def depth(v):
        if v not in level:
            level[v] = 1 + max((depth(w) for w in modules[v]), default=-1)
        return level[v]

    for v in modules:
        depth(v)
    return level


def extern_symbols(header_text):
    """Names of the functions and variables a header declares extern."""
    text = strip_comments(header_text)
    text = re.sub(r"^\s*#[^\n]*(\\\n[^\n]*)*", " ", text, flags=re.M)
    names = []
    for decl in re.findall(r"\bextern\b([^;{]*);", text):
        m = re.search(r"(\w+)\s*\(", decl)
        if m is None:
            m = re.search(r"(\w+)\s*(\[[^\]]*\])?\s*$", decl.strip())
        if m:
            names.append(m.group(1))
    return names


def defines(c_text, name):
    text = strip_comments(c_text)
    function = re.search(r"^" + re.escape(name) + r"\s*\(", text, flags=re.M)
    variable = re.search(r"^[A-Za-z_][\w \t\*]*\b" + re.escape(name) + r"\s*(\[[^\]]*\])?\s*=",
                         text, flags=re.M)
    return bool(function or variable)


def misplaced_definitions(files):
    problems = []
    for name, text in sorted(files.items()):
        if not name.endswith(".h"):
            continue
        own = module_of(name) + ".c"
        for symbol in extern_symbols(text):
            if own in files and defines(files[own], symbol):
                continue
            elsewhere = [c for c, t in sorted(files.items()) if c.endswith(".c") and defines(t, symbol)]
            problems.append(f"src/{name} declares {symbol}, defined in "
                            f"{', '.join('src/' + c for c in elsewhere) or 'no file'}, not src/{own}")
    return problems


def unreached_compat(files):
    problems = []
    for name, text in sorted(files.items()):
        if not re.search(r'^\s*#\s*include\s+"postgres\.h"', text, flags=re.M) or name == "compat.h":
            continue
        seen, todo = set(), [name]
        while todo:
            f = todo.pop()
            for h in local_includes(files[f], files):
                if h not in seen:
                    seen.add(h)
                    todo.append(h)
        if "compat.h" not in seen:
            problems.append(f"src/{name} includes postgres.h but does not reach compat.h")
    return problems


def markdown(files, modules):
    level = levels(modules)
    # server-side: a file includes a header of the server's (quoted, not in src/)
    server = {module_of(n) for n, t in files.items()
              if any(h not in files for h in re.findall(r'^\s*#\s*include\s+"([^"]+)"', t, flags=re.M))}
    width = max(len(m) for m in modules)
    lines = ["```text"]
    for lv in sorted(set(level.values()), reverse=True):
        for m in sorted(v for v in modules if level[v] == lv):
            kinds = "+".join(ext for ext in ("h", "c") if f"{m}.{ext}" in files)
            kind = ("server" if m in server else "plain C") + f" .{kinds}"
            deps = ", ".join(sorted(modules[m], key=lambda d: (-level[d], d))) or "-"
            lines.append(f"{lv:>2}  {m:<{width}}  {kind:<13} -> {deps}")
    lines.append("```")
    return "\n".join(lines) + "\n"


def docs_section(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.find("\n" + SECTION + "\n")
    if start < 0:
        return None
    body = text[start + len(SECTION) + 2:]
    m = re.search(r"^```text\n.*?^```\n", body, flags=re.S | re.M)
    return m.group(0) if m else None


def main(argv):
    files = read_sources()
    modules = graph(files)
    found = cycles(modules)
    problems = [f"cycle: {' <-> '.join(c)}" for c in found]
    if not found:
        text = markdown(files, modules)
    else:
        text = None
    if "--check" not in argv:
        if text is None:
            print("\n".join(problems), file=sys.stderr)
            return 1
        sys.stdout.write(text)
        return 0
    problems += misplaced_definitions(files)
    problems += unreached_compat(files)
    if "--docs" in argv:
        path = argv[argv.index("--docs") + 1]
        if text is not None and docs_section(path) != text:
            problems.append(f"{os.path.relpath(path, ROOT)}: the section \"{SECTION[3:]}\" does not show "
                            "today's graph; replace its text block with the output of "
                            "/usr/bin/python3 test/lib/include_graph.py")
    for p in problems:
        print(f"include graph: {p}")
    if problems:
        return 1
    print(f"include graph: {len(modules)} modules of src/, no cycle, every header's symbols "
          "defined in its own .c, every server-side file reaches compat.h")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
