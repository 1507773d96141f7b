#!/usr/bin/env bash
# Hostile input: pages and trees made at run time (nothing big is committed)
# and fed to all three commands. For every case:
#
#   apimd schema -o FILE DOCS          (and -o over an existing FILE)
#   apimd lint -o REPORT DOCS
#   apimd generate -o NEW/DIR DOCS     (a directory that does not exist yet)
#   apimd generate -o DIR DOCS         (a directory generated before, with a
#                                       file of the user's in it)
#
# and checks:
#   - the exit status the case expects: 2 when the run cannot go on (input
#     that is not a page, cannot be read, a broken template, a model that
#     cannot become C); 0, or 1 from lint, when the input is merely odd but
#     readable (its problems are lint findings);
#   - no crash: exit 124 (timed out: a hang), 128 and above (a signal) or a
#     sanitizer report on stderr fail the case;
#   - bounded: every command runs under `timeout 60` and, unless apimd is
#     built with sanitizers (APIMD_SANITIZED=1: ASan reserves terabytes of
#     address space), `ulimit -v` 4 GiB;
#   - a clear message: each case names the text (with file:line where the
#     input has lines) its failing commands must print;
#   - nothing written on failure: no FILE (an existing FILE keeps its
#     content), no REPORT, no NEW/DIR (nor its parent), DIR unchanged, no
#     temporary files left beside them.
#
# Usage: test_hostile.sh GROUP, GROUP one of bytes, size, nesting, templates,
# types, files (meson registers one test per group). The cost of every run
# (wall and CPU time, peak RSS) is printed at the end. HOSTILE_KEEP=1
# keeps the temporary directory; HOSTILE_TABLE_ROWS and
# HOSTILE_REPRESENTATION_KEYS size two of the cases.
#
# The pages hold Markdown code spans and fences: backticks in single quotes
# are meant literally.
# shellcheck disable=SC2016
set -u
apimd=${APIMD:?APIMD must name the apimd binary}
hostile_run=${HOSTILE_RUN:?HOSTILE_RUN must name the hostile_run helper}
sanitized=${APIMD_SANITIZED:-0}
group=${1:?usage: test_hostile.sh GROUP}

work=$(mktemp -d "${TMPDIR:-/tmp}/apimd-hostile.XXXXXX") || exit 2
# Some cases take permissions away or plant FIFOs and link loops; rm -rf
# neither follows links nor opens FIFOs.
if [ "${HOSTILE_KEEP:-0}" = 1 ]; then
    echo "inputs and outputs kept in $work"
else
    trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf "$work"' EXIT
fi

fails=0
ncases=0
current=''

fail() {
    echo "FAIL: $current: $*"
    fails=$((fails + 1))
}

note() { echo "  $current: $*"; }

# ---------------------------------------------------------------- pages ---

# front_matter TITLE DOC_TYPE
front_matter() {
    printf -- '---\ntitle: "%s"\ndescription: "%s."\nauthor: "apimd"\nms.prod: "tests"\ndoc_type: %s\n---\n\n' \
        "$1" "$1" "$2"
}

# resource_page NAME BASE PROPERTY:TYPE...: a resource page for type NAME
# (BASE empty: no base type) whose JSON representation lists every property.
resource_page() {
    local name=$1 base=$2 p
    shift 2
    front_matter "$name resource type" resourcePageType
    printf '# %s resource type\n\nNamespace: microsoft.graph\n\nA %s.\n\n' "$name" "$name"
    [ -n "$base" ] && printf 'Inherits from [%s](%s.md).\n\n' "$base" "$base"
    printf '## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n'
    for p in "$@"; do
        printf '| %s | %s | A property. |\n' "${p%%:*}" "${p#*:}"
    done
    printf '\n## JSON representation\n\n<!-- {\n  "blockType": "resource",\n'
    [ -n "$base" ] && printf '  "baseType": "microsoft.graph.%s",\n' "$base"
    printf '  "@odata.type": "microsoft.graph.%s"\n}-->\n```json\n{\n' "$name"
    local sep=''
    for p in "$@"; do
        printf '%s  "%s": "String"' "$sep" "${p%%:*}"
        sep=$',\n'
    done
    printf '\n}\n```\n'
}

# api_page BODY_FILE: a method page whose example request carries the
# bytes of BODY_FILE as its body.
api_page() {
    front_matter "Create thing" apiPageType
    printf '# Create thing\n\nNamespace: microsoft.graph\n\nCreate a thing.\n\n'
    printf '## HTTP request\n\n<!-- {\n  "blockType": "ignored"\n}\n-->\n```http\nPOST /things\n```\n\n'
    printf '## Request body\n\n| Property | Type | Description |\n|:--|:--|:--|\n| id | String | The id. |\n\n'
    printf '## Response\n\nIf successful, this method returns a `201 Created` response code.\n\n'
    printf '## Examples\n\n### Request\n<!-- {\n  "blockType": "request",\n  "name": "create_thing"\n}\n-->\n'
    printf '```http\nPOST https://graph.microsoft.com/v1.0/things\nContent-Type: application/json\n\n'
    cat "$1"
    printf '\n```\n'
}

# repeat N TEXT: TEXT N times, fast (no shell loop over N).
repeat() {
    head -c "$1" /dev/zero | tr '\0' 'x' | sed "s/x/$2/g"
}
# repeat_byte N C: N copies of the single character C.
repeat_byte() {
    head -c "$1" /dev/zero | tr '\0' "$2"
}

# A small valid tree, and what generate makes of it: the "existing" output
# directory every case starts from.
good_docs=$work/good
mkdir -p "$good_docs"
resource_page thing '' 'id:String' 'size:Int32' >"$good_docs/thing.md"
baseline_out=$work/baseline-out
if ! "$apimd" generate -q -j 2 -o "$baseline_out" "$good_docs" >/dev/null 2>"$work/baseline.err"; then
    echo "FAIL: cannot generate the baseline output directory:"
    cat "$work/baseline.err"
    exit 1
fi

# --------------------------------------------------------------- runner ---

costs=$work/costs
: >"$costs"

# invoke LABEL ARGS...: runs apimd ARGS under timeout 60 and the memory
# bound; sets rc and leaves $run/LABEL.out and $run/LABEL.err.
invoke() {
    local label=$1
    shift
    (
        if [ "$sanitized" != 1 ]; then
            ulimit -v $((4 * 1024 * 1024)) || exit 125
        fi
        exec "$hostile_run" "$run/$label.cost" timeout -k 5 60 "$apimd" "$@"
    ) >"$run/$label.out" 2>"$run/$label.err" </dev/null
    rc=$?
    if [ -f "$run/$label.cost" ]; then
        echo "$current $label: $(cat "$run/$label.cost")" >>"$costs"
    fi
    if [ "$rc" -eq 124 ]; then
        fail "$label: no answer within 60 s (a hang?)"
    elif [ "$rc" -eq 125 ] || [ "$rc" -eq 126 ] || [ "$rc" -eq 127 ]; then
        fail "$label: could not run apimd (status $rc)"; sed 's/^/    /' "$run/$label.err" | head -5
    elif [ "$rc" -ge 128 ]; then
        fail "$label: killed by signal $((rc - 128))"; sed 's/^/    /' "$run/$label.err" | head -20
    fi
    if grep -qE 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:' \
        "$run/$label.err"; then
        fail "$label: sanitizer report"
        sed 's/^/    /' "$run/$label.err" | head -30
    fi
}

# expect_rc LABEL WANT: the last run exited WANT.
expect_rc() {
    if [ "$rc" -ne "$2" ]; then
        fail "$1: exit $rc, wanted $2"
        sed 's/^/    /' "$run/$1.err" | head -c 2000 | head -10
    fi
}

# expect_says LABEL RE FILE...: FILE... (output of the last run) match RE.
expect_says() {
    local label=$1 re=$2
    shift 2
    if ! grep -qE -- "$re" "$@" 2>/dev/null; then
        fail "$label: no message matching '$re'; it said:"
        cat "$@" 2>/dev/null | head -c 2000 | head -10 | sed 's/^/    /'
    fi
}

# The temporary files of atomic writes (FILE.tmp.PID, .DIR.apimd-PID-N)
# must never outlive a run.
expect_no_leftovers() {
    local left
    left=$(find "$run" -maxdepth 3 \( -name '*.tmp.*' -o -name '.*.apimd-*' \) -print | head -3)
    [ -z "$left" ] || fail "$1: temporary files left behind: $left"
}

# snapshot DIR: names, sizes, modes and checksums of everything in DIR.
snapshot() {
    (cd "$1" && find . -printf '%p %y %s %m\n' | LC_ALL=C sort &&
        find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r cksum)
}

valid_utf8() { # FILE: every line is UTF-8
    ! LC_ALL=C.UTF-8 grep -qaxv '.*' "$1"
}

# check NAME [options]: runs the four commands on the case's docs, with
# -j 2 so the address space under the `ulimit -v` bound does not depend on
# how many cores the machine has (thread stacks, malloc arenas).
#   --docs PATH        a DOCS argument (repeatable; default: $docs)
#   --schema RC --lint RC --generate RC     expected exit statuses
#   --says RE          what every command that exits 2 prints (grep -E)
#   --lint-says RE     what lint prints (report or error)
#   --gen-says RE      what generate prints
#   --gen-arg ARG      an extra generate argument (repeatable)
check() {
    current=$1
    shift
    ncases=$((ncases + 1))
    local want_schema=0 want_lint=0 want_gen=0 says='' lint_says='' gen_says=''
    local -a docs_args=() gen_args=()
    while [ $# -gt 0 ]; do
        case $1 in
        --docs) docs_args+=("$2") ;;
        --schema) want_schema=$2 ;;
        --lint) want_lint=$2 ;;
        --generate) want_gen=$2 ;;
        --says) says=$2 ;;
        --lint-says) lint_says=$2 ;;
        --gen-says) gen_says=$2 ;;
        --gen-arg) gen_args+=("$2") ;;
        *) echo "check: unknown option $1"; exit 2 ;;
        esac
        shift 2
    done
    [ ${#docs_args[@]} -gt 0 ] || docs_args=("$docs")
    run=$work/runs/$current
    mkdir -p "$run"
    local before=$fails

    # schema -o FILE
    invoke schema schema -j 2 -o "$run/model.json" "${docs_args[@]}"
    expect_rc schema "$want_schema"
    if [ "$rc" -eq 0 ]; then
        if [ "$(head -c 1 "$run/model.json" 2>/dev/null)" != '{' ]; then
            fail "schema: exit 0 but no model in the -o file"
        elif ! valid_utf8 "$run/model.json"; then
            fail "schema: the model is not valid UTF-8"
        fi
    else
        [ ! -e "$run/model.json" ] || fail "schema: exit $rc, yet the -o file was written"
        [ -z "$says" ] || expect_says schema "$says" "$run/schema.err"
        # over an existing file: left as it was
        printf 'previous\n' >"$run/previous.json"
        invoke schema-existing schema -j 2 -o "$run/previous.json" "${docs_args[@]}"
        expect_rc schema-existing "$want_schema"
        [ "$(cat "$run/previous.json")" = previous ] ||
            fail "schema-existing: exit $rc, yet the existing -o file changed"
    fi
    expect_no_leftovers schema

    # lint -o REPORT
    invoke lint lint -j 2 -o "$run/report.txt" "${docs_args[@]}"
    expect_rc lint "$want_lint"
    if [ "$rc" -eq 2 ]; then
        [ ! -e "$run/report.txt" ] || fail "lint: exit 2, yet the report was written"
        [ -z "$says" ] || expect_says lint "$says" "$run/lint.err"
    elif [ ! -f "$run/report.txt" ]; then
        fail "lint: exit $rc but no report"
    fi
    [ -z "$lint_says" ] || expect_says lint "$lint_says" "$run/report.txt" "$run/lint.err"
    expect_no_leftovers lint

    # generate into a directory that does not exist (nor does its parent)
    invoke generate-new generate -j 2 -o "$run/new/out" "${gen_args[@]}" "${docs_args[@]}"
    expect_rc generate-new "$want_gen"
    if [ "$rc" -eq 0 ]; then
        grep -qls 'apimd' "$run/new/out"/*.h >/dev/null ||
            fail "generate-new: exit 0 but no generated headers"
        local f
        for f in "$run/new/out"/*; do
            valid_utf8 "$f" || fail "generate-new: $(basename "$f") is not valid UTF-8"
        done
    else
        [ ! -e "$run/new" ] || fail "generate-new: exit $rc, yet $run/new was created"
        [ -z "$says" ] || expect_says generate-new "$says" "$run/generate-new.err"
    fi
    [ -z "$gen_says" ] || expect_says generate-new "$gen_says" "$run/generate-new.err"
    expect_no_leftovers generate-new

    # generate into an existing output directory holding a file of the user's
    cp -a "$baseline_out" "$run/existing"
    printf 'my notes\n' >"$run/existing/notes.txt"
    snapshot "$run/existing" >"$run/existing.before"
    invoke generate-existing generate -j 2 -o "$run/existing" "${gen_args[@]}" "${docs_args[@]}"
    expect_rc generate-existing "$want_gen"
    if [ "$rc" -eq 0 ]; then
        [ "$(cat "$run/existing/notes.txt" 2>/dev/null)" = 'my notes' ] ||
            fail "generate-existing: the user's file was touched"
    else
        snapshot "$run/existing" >"$run/existing.after"
        cmp -s "$run/existing.before" "$run/existing.after" ||
            fail "generate-existing: exit $rc, yet the directory changed"
    fi
    expect_no_leftovers generate-existing

    [ "$fails" -eq "$before" ] && echo "ok: $current (schema $want_schema, lint $want_lint, generate $want_gen)"
    current=''
}

# new_case NAME: a fresh docs directory for the case in $docs.
new_case() {
    docs=$work/cases/$1
    mkdir -p "$docs"
}

# --------------------------------------------------------------- groups ---

group_bytes() {
    # The start of an executable: a binary file named like a page. Not a
    # page: 2, naming the file.
    new_case binary-elf
    head -c 262144 "$apimd" >"$docs/apimd.md"
    check binary-elf --schema 2 --lint 2 --generate 2 \
        --says 'apimd\.md:([0-9]+): not a text file: NUL byte at line \1$'

    # A page saved as UTF-16: every other byte is NUL.
    new_case utf16
    { printf '\xff\xfe'; printf '# T\n\nText.\n' | sed 's/./&\x00/g'; } >"$docs/utf16.md"
    check utf16 --schema 2 --lint 2 --generate 2 --says 'utf16\.md:1: not a text file: NUL byte'

    # A good page with one NUL byte on line 7: refused as not text, at the
    # line of the NUL.
    new_case nul-byte
    resource_page thing '' 'id:String' | sed '7s/$/\x00/' >"$docs/thing.md"
    check nul-byte --schema 2 --lint 2 --generate 2 \
        --says 'thing\.md:7: not a text file: NUL byte at line 7'

    # 1 MiB of NUL bytes (a sparse file).
    new_case nul-only
    truncate -s 1M "$docs/zeros.md"
    check nul-only --schema 2 --lint 2 --generate 2 --says 'zeros\.md:1: not a text file'

    # Invalid UTF-8 everywhere in a readable page: a lone 0xFF, an overlong
    # '/', a UTF-16 surrogate, a sequence cut short at the end of a cell and
    # at the end of the file. Readable: lint reports each run at its
    # file:line:col, schema and generate go on (with valid UTF-8 output).
    new_case invalid-utf8
    {
        front_matter 'bad resource type' resourcePageType
        printf '# bad resource type\n\nNamespace: microsoft.graph\n\nBad \xff bytes \xc0\xaf here.\n\n'
        printf '## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n'
        printf '| id | String | A surrogate \xed\xa0\x80. |\n| name\xc3 | String | Cut \xe2\x82 |\n\n'
        printf '```json\n{"id": "\xff"}\n```\n\nThe end \xf0\x9f'
    } >"$docs/bad.md"
    check invalid-utf8 --schema 0 --lint 1 --generate 0 \
        --lint-says 'bad\.md:13:5: error: invalid UTF-8: 1 byte starting with 0xFF \[encoding\]'

    # Bytes 0x80-0xFF only: binary, but without a NUL it reads as (bad)
    # text: one line of invalid UTF-8, reported by lint.
    new_case high-bytes
    head -c 65536 /dev/zero | tr '\0' '\377' >"$docs/high.md"
    check high-bytes --schema 0 --lint 1 --generate 0 \
        --lint-says 'high\.md:1:1: error: invalid UTF-8'

    # An empty page and a page that is only a byte-order mark: odd, readable.
    new_case empty-page
    : >"$docs/empty.md"
    printf '\xef\xbb\xbf' >"$docs/bom.md"
    check empty-page --schema 0 --lint 0 --generate 0
}

group_size() {
    # A 50 MiB page: a resource with a small table, then paragraphs. Below
    # the 64 MiB a page may have: read in full. Its cost is printed.
    new_case page-50mb
    {
        resource_page big '' 'id:String'
        yes $'Some prose that goes on, with *emphasis*, `code` and a [link](https://example.com/x).\n' |
            head -c $((50 * 1024 * 1024))
    } >"$docs/big.md"
    check page-50mb --schema 0 --lint 0 --generate 0
    echo "figures: page-50mb ($(wc -c <"$docs/big.md") bytes):"
    grep '^page-50mb ' "$costs" | sed 's/^/  /'

    # 70 MiB: more than a page may have. Refused before it is read.
    new_case page-70mb
    truncate -s 70M "$docs/huge.md"
    check page-70mb --schema 2 --lint 2 --generate 2 \
        --says 'huge\.md: 73400320 bytes, more than the 67108864 a page may have'

    # A 1 MiB table row: one cell of 1 MiB, and a row of 1 MiB of cells
    # (2^18 cells where the header has 3). Readable: lint reports the row.
    new_case row-1mb
    {
        front_matter 'row resource type' resourcePageType
        printf '# row resource type\n\nNamespace: microsoft.graph\n\nRows.\n\n'
        printf '## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n'
        printf '| id | String | The id. |\n| long | String | '
        repeat_byte $((1024 * 1024)) y
        printf ' |\n| wide | String | d |'
        repeat $((256 * 1024)) ' c |'
        printf '\n| last | Int32 | The end. |\n'
    } >"$docs/row.md"
    check row-1mb --schema 0 --lint 1 --generate 0 \
        --lint-says 'row\.md:21:1: error: row has 262147 cells, the header has 3'
    # The message quotes the start of the extra cells, not a megabyte.
    local longest
    longest=$(awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }' \
        "$work/runs/row-1mb/report.txt")
    [ "$longest" -lt 1000 ] || { current=row-1mb; fail "a report line of $longest bytes"; current=''; }

    # A properties table of 100,000 rows (HOSTILE_TABLE_ROWS to change it).
    # Properties are found by name through a hash once a type has many, so
    # the cost grows with the rows, not their square: about 1 s a command
    # in a release build (when it was a linear search, 100,000 rows took
    # 30 s and more, and 20,000 a second).
    local rows=${HOSTILE_TABLE_ROWS:-100000}
    new_case table-rows
    {
        front_matter 'wide resource type' resourcePageType
        printf '# wide resource type\n\nNamespace: microsoft.graph\n\nWide.\n\n'
        printf '## Properties\n\n| Property | Type | Description |\n|:--|:--|:--|\n'
        seq -f '| p%.0f | String | A property. |' 1 "$rows"
    } >"$docs/wide.md"
    check table-rows --schema 0 --lint 0 --generate 0

    # A JSON representation of 100,000 keys, a 2 MiB page
    # (HOSTILE_REPRESENTATION_KEYS to change it). The keys' lines are read
    # in one pass over the block, and the lint compares keys and properties
    # through sorted lists and hashes: well under a second a command. (When
    # each key was looked for from the start of the block, 40,000 keys took
    # 40 s and more a command; 100,000 would take minutes and time out.)
    local keys=${HOSTILE_REPRESENTATION_KEYS:-100000}
    new_case representation-keys
    {
        resource_page many '' 'id:String' | sed '/^```json$/q'
        printf '{\n'
        seq -f '  "k%.0f": "String",' 1 "$keys"
        printf '  "id": "String"\n}\n```\n'
    } >"$docs/many.md"
    check representation-keys --schema 0 --lint 0 --generate 0

    # A 1 MiB annotation that is valid JSON: a long string and a long
    # array. Read like any annotation.
    new_case annotation-1mb
    {
        resource_page note '' 'id:String' | sed '/"blockType": "resource",/q'
        printf '  "optionalProperties": ['
        repeat $((64 * 1024)) '"p",'
        printf '"last"],\n  "description": "'
        repeat_byte $((1024 * 1024)) z
        printf '",\n  "@odata.type": "microsoft.graph.note"\n}-->\n```json\n{\n  "id": "String"\n}\n```\n'
    } >"$docs/note.md"
    check annotation-1mb --schema 0 --lint 0 --generate 0

    # A 1 MiB annotation whose string never ends (nor does the comment):
    # an annotation-json warning at the annotation's line.
    new_case annotation-1mb-unclosed
    {
        resource_page open '' 'id:String' | sed '/"blockType": "resource",/q'
        printf '  "description": "'
        repeat_byte $((1024 * 1024)) z
        printf '\n'
    } >"$docs/open.md"
    check annotation-1mb-unclosed --schema 0 --lint 0 --generate 0 \
        --lint-says 'open\.md:23:1: warning: annotation is not valid JSON: string never closed at line 25'
}

group_nesting() {
    local body=$work/nested-body
    { repeat_byte 100000 '['; repeat_byte 100000 ']'; } >"$body"

    # 100,000 nested arrays in a JSON example: the example-json error at
    # the depth limit's file:line:col.
    new_case json-nested-example
    {
        resource_page deep '' 'id:String'
        printf '\n## Example\n\n```json\n'
        cat "$body"
        printf '\n```\n'
    } >"$docs/deep.md"
    check json-nested-example --schema 0 --lint 1 --generate 0 \
        --lint-says 'deep\.md:36:1001: error: JSON example is not valid JSON: nested more than 1000 levels deep'

    # The same as the JSON representation of a resource, and never closed.
    new_case json-nested-representation
    {
        resource_page deep '' 'id:String' | sed '/^```json$/q'
        repeat_byte 100000 '['
        printf '\n```\n'
    } >"$docs/deep.md"
    check json-nested-representation --schema 0 --lint 1 --generate 0 \
        --lint-says 'deep\.md:28:1001: error: JSON example is not valid JSON: nested more than 1000 levels deep'

    # 100,000 nested objects: {"a":{"a":...}}.
    new_case json-nested-objects
    {
        resource_page deep '' 'id:String'
        printf '\n## Example\n\n```json\n'
        repeat 100000 '{"a":'
        printf '1'
        repeat_byte 100000 '}'
        printf '\n```\n'
    } >"$docs/deep.md"
    check json-nested-objects --schema 0 --lint 1 --generate 0 \
        --lint-says 'deep\.md:36:5001: error: JSON example is not valid JSON: nested more than 1000 levels deep'

    # 100,000 nested arrays as the body of an HTTP request example.
    new_case json-nested-http-body
    api_page "$body" >"$docs/thing_create.md"
    check json-nested-http-body --schema 0 --lint 1 --generate 0 \
        --lint-says 'thing_create\.md:47:1001: error: request body is not valid JSON: nested more than 1000 levels deep'

    # 100,000 nested arrays in an annotation: an annotation-json warning.
    new_case json-nested-annotation
    {
        resource_page deep '' 'id:String' | sed '/"blockType": "resource",/q'
        printf '  "x": '
        cat "$body"
        printf '\n}-->\n```json\n{\n  "id": "String"\n}\n```\n'
    } >"$docs/deep.md"
    check json-nested-annotation --schema 0 --lint 0 --generate 0 \
        --lint-says 'deep\.md:23:1: warning: annotation is not valid JSON: nested more than 1000 levels deep at line 25, column 1007'

    # 10,000 nested block quotes, holding a heading, a properties table and
    # a code block: Markdown like any other, read in full.
    new_case blockquote-10000
    local q
    q=$(repeat_byte 10000 '>')
    {
        front_matter 'quoted resource type' resourcePageType
        printf '# quoted resource type\n\nNamespace: microsoft.graph\n\nQuoted.\n\n'
        printf '%s deep\n%s\n%s ## Properties\n%s\n' "$q" "$q" "$q" "$q"
        printf '%s | Property | Type | Description |\n%s |:--|:--|:--|\n%s | id | String | The id. |\n%s\n' \
            "$q" "$q" "$q" "$q"
        printf '%s ```json\n%s {"id": "String"}\n%s ```\n' "$q" "$q" "$q"
    } >"$docs/quoted.md"
    check blockquote-10000 --schema 0 --lint 0 --generate 0
    grep -q '"name":	"id"' "$work/runs/blockquote-10000/model.json" ||
        fail "blockquote-10000: the table inside the quotes was not read"

    # 10,000 nested lists ("- - - ... x") and 10,000 nested emphasis
    # openers that never close.
    new_case lists-10000
    {
        front_matter 'listed' conceptualPageType
        printf '# listed\n\n'
        repeat 10000 '- '
        printf 'x\n\n'
        repeat 10000 '*_'
        printf 'x\n'
    } >"$docs/listed.md"
    check lists-10000 --schema 0 --lint 0 --generate 0
}

group_templates() {
    local t
    new_case templates
    resource_page thing '' 'id:String' >"$docs/thing.md"

    # A user template including itself. The reading of the docs is fine;
    # generate stops at the expansion limit, naming the template file:line.
    t=$work/tpl-self
    mkdir -p "$t"
    printf '{{>marker_c}}\nline 2 {{>type_header}}\n' >"$t/type_header.mustache"
    check template-includes-itself --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says 'type_header\.mustache:[0-9]+: .*expanded more than [0-9]+ levels deep \(does it include itself\?\)'

    # Two partials including each other.
    t=$work/tpl-cycle
    mkdir -p "$t"
    printf '{{>marker_c}}\n{{>a}}\n' >"$t/type_header.mustache"
    printf 'x{{>b}}\n' >"$t/a.mustache"
    printf 'y\n{{>a}}\n' >"$t/b.mustache"
    check template-cycle --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says '(a|b)\.mustache:[0-9]+: .*expanded more than [0-9]+ levels deep'

    # A partial that no template directory has.
    t=$work/tpl-missing
    mkdir -p "$t"
    printf '{{>marker_c}}\n\n{{>no_such_partial}}\n' >"$t/type_header.mustache"
    check template-missing-partial --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says "type_header\\.mustache:3: unknown partial 'no_such_partial'"

    # Partials doubling at each of 40 levels: 2^40 expansions, far below
    # the depth limit; the step limit stops them.
    t=$work/tpl-exponential
    mkdir -p "$t"
    printf '{{>marker_c}}\n{{>p1}}\n' >"$t/type_header.mustache"
    local i
    for i in $(seq 1 40); do
        printf '{{>p%d}}{{>p%d}}' $((i + 1)) $((i + 1)) >"$t/p$i.mustache"
    done
    printf 'x' >"$t/p41.mustache"
    check template-exponential --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says 'p[0-9]+\.mustache:[0-9]+: rendering takes more than [0-9]+ steps'

    # A section never closed.
    t=$work/tpl-unclosed
    mkdir -p "$t"
    printf '{{>marker_c}}\n{{#types}}\n{{/type}}\n' >"$t/type_header.mustache"
    check template-unbalanced --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says "type_header\\.mustache:3: mismatched closing tag 'type'"

    # A template that is a FIFO: refused, not waited on.
    t=$work/tpl-fifo
    mkdir -p "$t"
    mkfifo "$t/type_header.mustache"
    check template-fifo --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says 'type_header\.mustache: not a regular file'

    # A template of 5 MiB: more than a template may have.
    t=$work/tpl-huge
    mkdir -p "$t"
    truncate -s 5M "$t/type_header.mustache"
    check template-huge --schema 0 --lint 0 --generate 2 --gen-arg -t --gen-arg "$t" \
        --gen-says 'type_header\.mustache: [0-9]+ bytes, more than'

    # A templates directory that is not there: an error, not a silent fall
    # back to the shipped templates.
    check templates-dir-missing --schema 0 --lint 0 --generate 2 \
        --gen-arg -t --gen-arg "$work/no-such-templates" \
        --gen-says 'templates directory .*no-such-templates: No such file or directory'
}

group_types() {
    # A type holding itself, directly and in a collection: C pointers.
    new_case type-contains-itself
    resource_page node '' 'id:String' 'parent:[node](node.md)' 'children:[node](node.md) collection' \
        >"$docs/node.md"
    check type-contains-itself --schema 0 --lint 0 --generate 0
    grep -q 'graph_node \*parent;' "$work/runs/type-contains-itself/new/out/graph_node.h" ||
        fail "type-contains-itself: no 'graph_node *parent;' member"

    # a inherits from b, b from a. The model records what the pages say
    # (schema 0); lint reports the cycle (base-cycle, an error: 1); C
    # cannot embed a cycle of bases: generate 2, naming a page of the cycle.
    new_case inheritance-cycle
    resource_page a b 'id:String' >"$docs/a.md"
    resource_page b a 'x:Int32' >"$docs/b.md"
    check inheritance-cycle --schema 0 --lint 1 --generate 2 \
        --lint-says 'a\.md:[0-9]+: error: the base types of a form a cycle: a -> b -> a; see .*b\.md:[0-9]+ \[base-cycle\]' \
        --gen-says '(a|b)\.md:[0-9]+: model: the base types of microsoft\.graph\.(a|b) form a cycle: (a -> b -> a|b -> a -> b)'

    # A longer cycle reached from outside it: d -> a -> b -> c -> a.
    new_case inheritance-cycle-3
    resource_page a b 'id:String' >"$docs/a.md"
    resource_page b c 'x:Int32' >"$docs/b.md"
    resource_page c a 'y:Int32' >"$docs/c.md"
    resource_page d a 'z:Int32' >"$docs/d.md"
    check inheritance-cycle-3 --schema 0 --lint 1 --generate 2 \
        --lint-says 'a\.md:[0-9]+: error: the base types of a form a cycle: a -> b -> c -> a' \
        --gen-says '[abc]\.md:[0-9]+: .*form a cycle: ([abc] -> ){3}[abc]'

    # A type inheriting from itself: a base that is the type itself cannot
    # be embedded, so the type stands alone (as with an undefined base);
    # lint reports it.
    new_case inherits-from-itself
    resource_page loop loop 'id:String' >"$docs/loop.md"
    check inherits-from-itself --schema 0 --lint 1 --generate 0 \
        --lint-says 'loop\.md:[0-9]+: error: loop inherits from itself \[base-cycle\]'
    grep -q '"base":	"loop"' "$work/runs/inherits-from-itself/model.json" ||
        fail "inherits-from-itself: the model lost the base the page names"

    # Two resource pages for the same type, disagreeing on a property: one
    # merged type; lint reports the conflict at both places.
    new_case duplicate-type
    resource_page thing '' 'id:String' 'size:Int32' >"$docs/thing.md"
    resource_page thing '' 'id:String' 'size:String' 'color:String' >"$docs/thing_copy.md"
    check duplicate-type --schema 0 --lint 1 --generate 0 \
        --lint-says 'thing_copy\.md:[0-9]+:[0-9]+: error: thing\.size: type String here, Int32 in thing\.md; see .*thing\.md:[0-9]+ \[conflict-type\]'
    [ "$(grep -c '"name":	"thing"' "$work/runs/duplicate-type/model.json")" = 1 ] ||
        fail "duplicate-type: the model does not hold the type once"

    # The same page twice: one type, nothing to report.
    new_case duplicate-identical
    resource_page thing '' 'id:String' 'size:Int32' >"$docs/thing.md"
    cp "$docs/thing.md" "$docs/thing_again.md"
    check duplicate-identical --schema 0 --lint 0 --generate 0

    # Names that meet in C: aB, a_b and Ab all become graph_a_b or
    # graph_ab; the generated names must stay distinct.
    new_case c-name-collision
    resource_page aB '' 'id:String' 'a_b:String' 'aB:String' >"$docs/ab.md"
    resource_page a_b '' 'id:String' >"$docs/a_b.md"
    check c-name-collision --schema 0 --lint 0 --generate 0
}

group_files() {
    # A DOCS path that does not exist.
    check docs-missing --docs "$work/does/not/exist" --schema 2 --lint 2 --generate 2 \
        --says 'does/not/exist: No such file or directory'

    # One good DOCS and one missing: the run does not go on with half.
    check docs-one-missing --docs "$good_docs" --docs "$work/missing" --schema 2 --lint 2 --generate 2 \
        --says 'missing: No such file or directory'

    # A directory without pages.
    new_case no-pages
    printf 'not a page\n' >"$docs/readme.txt"
    check no-pages --schema 2 --lint 2 --generate 2 --says 'no Markdown pages \(\*\.md\) found'

    # An unreadable page. chmod 000 does not stop root; when it does not
    # (reading it still works), the case uses a page that opens but cannot
    # be read instead: a link to /proc/self/mem, whose first page is
    # unmapped (read fails with EIO).
    new_case unreadable
    cp "$good_docs/thing.md" "$docs/ok.md"
    resource_page secret '' 'id:String' >"$docs/secret.md"
    chmod 000 "$docs/secret.md"
    if ! cat "$docs/secret.md" >/dev/null 2>&1; then
        check unreadable --schema 2 --lint 2 --generate 2 \
            --says 'secret\.md: cannot open: Permission denied'
    elif [ -r /proc/self/mem ]; then
        echo "  unreadable: chmod 000 does not deny reads here (running as root): using a link to /proc/self/mem"
        rm -f "$docs/secret.md"
        ln -s /proc/self/mem "$docs/secret.md"
        check unreadable --schema 2 --lint 2 --generate 2 \
            --says 'secret\.md: cannot read: Input/output error'
    else
        echo "  unreadable: skipped: chmod 000 does not deny reads here and there is no /proc/self/mem"
    fi

    # An unreadable directory (only where permissions bind).
    new_case unreadable-dir
    cp "$good_docs/thing.md" "$docs/ok.md"
    mkdir "$docs/locked"
    cp "$good_docs/thing.md" "$docs/locked/other.md"
    chmod 000 "$docs/locked"
    if ! ls "$docs/locked" >/dev/null 2>&1; then
        check unreadable-dir --schema 2 --lint 2 --generate 2 \
            --says 'locked: cannot open directory: Permission denied'
    else
        echo "  unreadable-dir: skipped: chmod 000 does not deny reads here (running as root)"
    fi
    chmod 755 "$docs/locked"

    # A page that is a FIFO: refused at once, not waited on for ever.
    new_case fifo-page
    cp "$good_docs/thing.md" "$docs/ok.md"
    mkfifo "$docs/pipe.md"
    check fifo-page --schema 2 --lint 2 --generate 2 --says 'pipe\.md: not a regular file'

    # A page that is a device (a link to /dev/zero: endless).
    new_case device-page
    ln -s /dev/zero "$docs/zero.md"
    check device-page --schema 2 --lint 2 --generate 2 --says 'zero\.md: not a regular file'

    # A dangling link named like a page.
    new_case dangling-link
    cp "$good_docs/thing.md" "$docs/ok.md"
    ln -s nowhere.md "$docs/gone.md"
    check dangling-link --schema 2 --lint 2 --generate 2 \
        --says 'gone\.md: cannot open: No such file or directory'

    # A page that is a link to itself, and two pages linking to each other.
    new_case file-link-loop
    cp "$good_docs/thing.md" "$docs/ok.md"
    ln -s self.md "$docs/self.md"
    ln -s pong.md "$docs/ping.md"
    ln -s ping.md "$docs/pong.md"
    check file-link-loop --schema 2 --lint 2 --generate 2 \
        --says 'self\.md: cannot open: Too many levels of symbolic links'

    # A directory link pointing to its parent: links to directories are not
    # walked, so the page is read once and the run is fine.
    new_case dir-link-loop
    mkdir "$docs/sub"
    cp "$good_docs/thing.md" "$docs/sub/thing.md"
    ln -s .. "$docs/sub/up"
    ln -s . "$docs/here"
    check dir-link-loop --schema 0 --lint 0 --generate 0
    if ! grep -q '"file":	"sub/thing.md"' "$work/runs/dir-link-loop/model.json" ||
        grep -qE '"file":	"[^"]*(up|here)/' "$work/runs/dir-link-loop/model.json"; then
        fail "dir-link-loop: the page was not read once, from sub/thing.md"
    fi

    # A directory link named like a page: it cannot be read as one.
    new_case dir-link-named-md
    cp "$good_docs/thing.md" "$docs/ok.md"
    ln -s . "$docs/loop.md"
    check dir-link-named-md --schema 2 --lint 2 --generate 2 --says 'loop\.md: not a regular file'

    # DOCS itself a link to itself.
    ln -s "$work/self-docs" "$work/self-docs"
    check docs-link-loop --docs "$work/self-docs" --schema 2 --lint 2 --generate 2 \
        --says 'self-docs: Too many levels of symbolic links'

    # Directories 70 deep: more than the walk goes.
    new_case deep-dirs
    local d=$docs i
    for i in $(seq 1 70); do d=$d/d; done
    mkdir -p "$d"
    cp "$good_docs/thing.md" "$d/thing.md"
    check deep-dirs --schema 2 --lint 2 --generate 2 --says 'directories nested more than 64 deep'

    # A lint configuration that is a FIFO, or a link to /dev/zero: lint
    # refuses it (2) instead of blocking or reading for ever; schema and
    # generate do not read it.
    new_case config-fifo
    cp "$good_docs/thing.md" "$docs/thing.md"
    mkfifo "$docs/.apimd.json"
    check config-fifo --schema 0 --lint 2 --generate 0 \
        --lint-says '\.apimd\.json: not a regular file'
    new_case config-device
    cp "$good_docs/thing.md" "$docs/thing.md"
    ln -s /dev/zero "$docs/.apimd.json"
    check config-device --schema 0 --lint 2 --generate 0 \
        --lint-says '\.apimd\.json: not a regular file'
}

case $group in
bytes | size | nesting | templates | types | files) "group_$group" ;;
*)
    echo "unknown group '$group'"
    exit 2
    ;;
esac

echo "cost of each run (exit, wall s, user s, sys s, peak RSS KiB):"
sed 's/^/  /' "$costs"
echo "$ncases cases, $fails failures"
[ "$fails" -eq 0 ]
