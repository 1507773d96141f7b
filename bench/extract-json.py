"""Writes the JSON texts of a docs tree, one file each, for json_baseline:
the texts the generated from_json/to_json will be compared on later. They
are the ```json blocks and the bodies of the ```http examples. Only valid
JSON is kept (pages often elide parts with "..."); files are named after
the SHA-1 of their content, so duplicates collapse.

Usage: python3 bench/extract-json.py DOCS OUTDIR   (prints the count)
"""
import hashlib
import json
import os
import re
import sys


def fenced(info):
    return re.compile(r"^[ ]{0,3}(`{3,})[ \t]*" + info + r"[^\n]*\n(.*?)^[ ]{0,3}\1[ \t]*$",
                      re.S | re.M | re.I)


JSON_BLOCK = fenced("json")
HTTP_BLOCK = fenced("http")


def http_body(block):
    """The part after the first blank line: headers come before it."""
    parts = block.strip().split("\n\n", 1)
    return parts[1] if len(parts) == 2 else ""


def json_texts(root):
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            if not n.endswith(".md"):
                continue
            with open(os.path.join(d, n), encoding="utf-8", errors="replace") as f:
                page = f.read()
            for m in JSON_BLOCK.finditer(page):
                yield m.group(2)
            for m in HTTP_BLOCK.finditer(page):
                yield http_body(m.group(2))


def main():
    root, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    names = set()
    for text in json_texts(root):
        if not text.lstrip().startswith(("{", "[")):
            continue
        try:
            json.loads(text)
        except ValueError:
            continue
        data = text.encode()
        name = hashlib.sha1(data).hexdigest() + ".json"
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)
        names.add(name)
    print(len(names))


main()
