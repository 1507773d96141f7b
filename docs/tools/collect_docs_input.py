#!/usr/bin/env python3
"""Lay out docs-input/: the seed pages plus the corpus resource pages they
need, followed transitively, so the default run describes a complete model.

Run from the project root with ../shared beside it:
    python3 docs/tools/collect_docs_input.py ../shared docs-input
It copies files byte for byte and prints what it took and why.

What is followed: from the seeds, every link into resources/; from a resource
page, the links in its tables' Type columns, in "Inherits from" / "derived"
prose, and the @odata.type names of its JSON representation.
"""
import os
import re
import shutil
import sys

SEEDS = {
    "000_c66a9070c1c62724.txt": "api/call_update.md",
    "001_b2c8a7124b54d088.txt": "api/application_post_calls.md",
    "002_39d3f8b3313df45e.txt": "resources/call.md",
    "003_3f13c5b2bbf773d5.txt": "api/call_get.md",
    "004_1d4e1a2a329ee096.txt": "api/call_updateMetadata.md",
}

LINK = re.compile(r"\]\(([^)\s#]+\.md)(?:#[^)]*)?\)")
ODATA = re.compile(r'"@odata\.type"\s*:\s*"#?microsoft\.graph\.([A-Za-z0-9_]+)"')


def table_type_links(text):
    """Links in the Type column of every pipe table."""
    found = []
    type_col = None
    for line in text.splitlines():
        s = line.strip()
        if not s.startswith("|"):
            type_col = None
            continue
        cells = [c.strip() for c in s.strip("|").split("|")]
        if type_col is None:
            lowered = [c.lower() for c in cells]
            type_col = lowered.index("type") if "type" in lowered else -1
            continue
        if 0 <= type_col < len(cells):
            found += LINK.findall(cells[type_col])
    return found


def prose_links(text):
    out = []
    for line in text.splitlines():
        if re.search(r"inherits from|derived from|base type|derives from", line, re.I):
            out += LINK.findall(line)
    return out


def main():
    shared, dest = sys.argv[1], sys.argv[2]
    corpus = os.path.join(shared, "corpus", "graph-v1.0", "resources")
    by_lower = {name.lower(): name for name in os.listdir(corpus)}
    taken = {}
    queue = []

    def want(target, why):
        name = by_lower.get(os.path.basename(target).lower())
        if name and name not in taken:
            taken[name] = why
            queue.append(name)

    for seed, rel in SEEDS.items():
        src = os.path.join(shared, "seeds", seed)
        out = os.path.join(dest, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        shutil.copyfile(src, out)
        text = open(src, encoding="utf-8", errors="replace").read()
        for target in LINK.findall(text):
            if "resources/" in target or rel.startswith("resources/"):
                if not target.startswith("../api/"):
                    want(target, rel)
        for t in ODATA.findall(text):
            want(t + ".md", rel)
    taken.pop("call.md", None)  # the seed is the call page

    while queue:
        name = queue.pop(0)
        if name == "call.md":
            continue
        text = open(os.path.join(corpus, name), encoding="utf-8").read()
        for target in table_type_links(text) + prose_links(text):
            want(target, "resources/" + name)
        for t in ODATA.findall(text):
            want(t + ".md", "resources/" + name)

    for name in sorted(taken):
        if name == "call.md":
            continue
        shutil.copyfile(os.path.join(corpus, name), os.path.join(dest, "resources", name))
        print(f"resources/{name}\t(linked from {taken[name]})")


if __name__ == "__main__":
    main()
