#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the project's pages and
# templates, and from the shared Graph corpus when it is there:
#
#   page        every page of docs-input/, ../shared/seeds/ and the corpus
#   annotation  the text between <!-- and --> of every comment in those pages
#   http        the content of every ```http block in those pages
#   mustache    templates/c/ and the mustache spec tests (tests/mustache/spec/,
#               ../shared/mustache-spec/) as TEMPLATE NUL VIEW_JSON
#
# Usage: fuzz/make-seeds.sh [OUTDIR]   (default: fuzz/corpus-seeds)
# Each seed is named after the SHA-1 of its content, as libFuzzer names
# corpus files, so identical snippets collapse into one. The output is
# rebuilt from scratch on every run; it is ignored by git.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-fuzz/corpus-seeds}
shared=../shared
page_roots=(docs-input)
[ -d "$shared/seeds" ] && page_roots+=("$shared/seeds")
if [ -d "$shared/corpus/graph-v1.0" ]; then
  page_roots+=("$shared/corpus/graph-v1.0")
else
  echo "make-seeds: $shared/corpus/graph-v1.0 not found, seeding from docs-input/ only"
fi
spec_dirs=()
for d in tests/mustache/spec "$shared/mustache-spec"; do
  [ -d "$d" ] && spec_dirs+=("$d")
done

rm -rf "$out"
mkdir -p "$out"/{page,annotation,http,mustache}

python3 - "$out" "${page_roots[@]}" -- templates/c "${spec_dirs[@]}" <<'PY'
import hashlib, json, os, re, sys

out = sys.argv[1]
split = sys.argv.index("--")
page_roots, template_roots = sys.argv[2:split], sys.argv[split + 1:]

def save(target, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)

def files_under(root, suffixes):
    if os.path.isfile(root):
        yield root
        return
    for d, dirs, names in os.walk(root):
        dirs.sort()
        for n in sorted(names):
            if n.endswith(suffixes):
                yield os.path.join(d, n)

COMMENT = re.compile(rb"<!--(.*?)-->", re.S)
# An http fence and its content; the closing fence is at least as long.
HTTP_BLOCK = re.compile(rb"^[ ]{0,3}(`{3,}|~{3,})[ \t]*http[^\n]*\n(.*?)^[ ]{0,3}\1[`~]*[ \t]*$",
                        re.S | re.M | re.I)

def seed_page(data):
    save("page", data)
    for m in COMMENT.finditer(data):
        save("annotation", m.group(1))
    for m in HTTP_BLOCK.finditer(data):
        save("http", m.group(2))

for root in page_roots:
    for path in files_under(root, (".md", ".txt")):
        with open(path, "rb") as f:
            seed_page(f.read())

def seed_template(template, view):
    data = template.encode()
    if view is not None:
        data += b"\0" + json.dumps(view, sort_keys=True).encode()
    save("mustache", data)

for root in template_roots:
    for path in files_under(root, (".mustache", ".json")):
        if path.endswith(".mustache"):
            with open(path, encoding="utf-8") as f:
                seed_template(f.read(), None)
            continue
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        for test in spec.get("tests", []):
            seed_template(test["template"], test.get("data"))
            for partial in test.get("partials", {}).values():
                seed_template(partial, test.get("data"))
PY

for target in page annotation http mustache; do
  printf 'make-seeds: %-10s %6d seeds\n' "$target" "$(find "$out/$target" -type f | wc -l)"
done
