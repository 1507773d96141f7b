#!/usr/bin/env bash
# Builds the seed corpora of the fuzz targets from the project's pages and
# templates, and from the shared Graph corpus when it is there:
#
#   page        every page of docs-input/, ../shared/seeds/ and the corpus
#   annotation  the text between <!-- and --> of every comment in those pages
#   http        the content of every ```http block in those pages
#   mustache    templates/c/ and the mustache spec tests (tests/mustache/spec/,
#               ../shared/mustache-spec/) as TEMPLATE NUL VIEW_JSON
#   from_json   the JSON examples of docs-input/ and the corpus, as
#               `apimd schema --examples` finds them, as TYPE '\n' JSON for
#               each generated type (of docs-input/) they or an object in
#               them is an example of, and TYPE '\n' {} for every type
#
# Usage: fuzz/make-seeds.sh [OUTDIR [TARGET...]]
#   OUTDIR   default: fuzz/corpus-seeds
#   TARGET   the targets to build seeds for (default: all); the seeds of
#            the others are left as they are
# from_json runs apimd: $APIMD, default build/apimd.
# Each seed is named after the SHA-1 of its content, as libFuzzer names
# corpus files, so identical snippets collapse into one. A target's seeds
# are rebuilt from scratch on every run; they are ignored by git.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(page annotation http mustache from_json)
out=${1:-fuzz/corpus-seeds}
if [ $# -gt 0 ]; then shift; fi
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all_targets[@]}"); fi
for t in "${targets[@]}"; do
  case " ${all_targets[*]} " in
    *" $t "*) ;;
    *) echo "make-seeds: unknown target $t (targets: ${all_targets[*]})" >&2; exit 2 ;;
  esac
done
wants() { case " ${targets[*]} " in *" $1 "*) return 0 ;; esac; return 1; }
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

for t in "${targets[@]}"; do
  rm -rf "${out:?}/$t"
  mkdir -p "$out/$t"
done

# The page, annotation, http and mustache seeds: one reading of the pages
# and templates gives all four, so they are made together; save() drops
# those of targets that were not asked for.
make_text_seeds() {
python3 - "$out" "${targets[*]}" "${page_roots[@]}" -- templates/c "${spec_dirs[@]}" <<'PY'
import hashlib, json, os, re, sys

out, wanted = sys.argv[1], set(sys.argv[2].split())
split = sys.argv.index("--")
page_roots, template_roots = sys.argv[3:split], sys.argv[split + 1:]

def save(target, data):
    if target not in wanted:
        return
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
}

# The from_json seeds: the examples of the models of docs-input/ and of the
# corpus. The types are those of docs-input/'s model (the generated
# library the target links), so a corpus example seeds only when it, or an
# object inside it, is of one of them.
make_json_seeds() {
  local apimd=${APIMD:-build/apimd}
  if [ ! -x "$apimd" ]; then
    echo "make-seeds: $apimd not found: build it or set APIMD" >&2
    return 1
  fi
  # Global, not local: the EXIT trap runs after the function returned.
  models_dir=$(mktemp -d)
  trap 'rm -rf "$models_dir"' EXIT
  local models=("$models_dir/docs-input.json")
  "$apimd" schema -q --examples -o "$models_dir/docs-input.json" docs-input
  if [ -d "$shared/corpus/graph-v1.0" ]; then
    "$apimd" schema -q --examples -o "$models_dir/corpus.json" "$shared/corpus/graph-v1.0"
    models+=("$models_dir/corpus.json")
  fi
  python3 - "$out/from_json" "${models[@]}" <<'PY'
import hashlib, json, os, sys

out, models = sys.argv[1], sys.argv[2:]

def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)

# The generated library's types: the object types of docs-input/'s model.
types = {t["name"] for t in load(models[0])["types"] if t["kind"] != "enum"}

def save(type_name, value):
    data = type_name.encode() + b"\n" + json.dumps(
        value, ensure_ascii=False, separators=(",", ":")).encode()
    with open(os.path.join(out, hashlib.sha1(data).hexdigest()), "wb") as f:
        f.write(data)

def odata_type(obj):
    name = obj.get("@odata.type")
    if not isinstance(name, str):
        return None
    return name.lstrip("#").rsplit(".", 1)[-1]

def objects_in(value):
    """Every object in value, value itself included."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from objects_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from objects_in(v)

def top_values(example):
    """The values an example is of its type: the items of a collection
    (bare or in "value"), or the example itself."""
    body = example.get("json")
    if isinstance(body, dict) and example.get("collection"):
        body = body.get("value")
    if isinstance(body, list):
        return [v for v in body if isinstance(v, dict)]
    return [body] if isinstance(body, dict) else []

for name in types:
    save(name, {})
for path in models:
    for example in load(path).get("examples", []):
        if example.get("type") in types:
            for value in top_values(example):
                save(example["type"], value)
        for obj in objects_in(example.get("json")):
            if odata_type(obj) in types:
                save(odata_type(obj), obj)
PY
}

if wants page || wants annotation || wants http || wants mustache; then
  make_text_seeds
fi
if wants from_json; then
  make_json_seeds
fi

for target in "${targets[@]}"; do
  printf 'make-seeds: %-10s %6d seeds\n' "$target" "$(find "$out/$target" -type f | wc -l)"
done
