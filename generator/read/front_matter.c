/* YAML front matter between "---" lines at the top of a page, read with
 * libyaml for the line and column of every value. Front matter that is not
 * valid YAML is reported and then read line by line ("key: value"), since
 * title and doc_type still decide what the page is. */
#include <string.h>

#include <yaml.h>

#include "read/reader.h"

/* The mapping at the top of the front matter, as events arrive. */
typedef struct fm_state {
    reader *r;
    int depth;       /* nesting of mappings and sequences */
    int first_line;  /* page line of the YAML's first line */
    char *key;       /* key waiting for its value */
    int key_line, key_col;
    strbuf nested;   /* scalars of a sequence or mapping value, joined */
    int nested_line, nested_col;
    int not_a_mapping;
} fm_state;

static int is_blank(char c) { return c == ' ' || c == '\t'; }

int reader_yaml_shortcut = 1;

/* "---" (or "..." for the end) alone on a line, blanks allowed after. */
static int is_delimiter(const char *s, size_t n, int closing)
{
    if (n < 3)
        return 0;
    if (memcmp(s, "---", 3) != 0 && !(closing && memcmp(s, "...", 3) == 0))
        return 0;
    for (size_t i = 3; i < n; i++)
        if (!is_blank(s[i]))
            return 0;
    return 1;
}

/* key is already in the page's arena: the field takes it as it is. */
static void add_field(reader *r, char *key, const char *value, size_t n,
                      int line, int col)
{
    page *p = r->p;
    fm_field *f = ARENA_PUSH(&p->mem, p->front_matter, p->nfront_matter, r->cap_front_matter);
    f->key = key;
    f->value = arena_strndup(&p->mem, value, n);
    f->line = line;
    f->col = col;
}

static void on_scalar(fm_state *st, const yaml_event_t *ev)
{
    const char *value = (const char *)ev->data.scalar.value;
    size_t n = ev->data.scalar.length;
    int line = st->first_line + (int)ev->start_mark.line;
    int col = (int)ev->start_mark.column + 1;
    if (st->depth == 0) {
        st->not_a_mapping = 1;
    } else if (st->depth > 1) {
        if (st->nested.len)
            strbuf_puts(&st->nested, ", ");
        strbuf_add(&st->nested, value, n);
    } else if (!st->key) {
        st->key = arena_strndup(&st->r->p->mem, value, n);
        st->key_line = line;
        st->key_col = col;
    } else {
        if (n == 0)
            line = st->key_line, col = st->key_col;
        add_field(st->r, st->key, value, n, line, col);
        st->key = NULL;
    }
}

static void on_collection_start(fm_state *st, const yaml_event_t *ev)
{
    if (st->depth == 1 && st->key) {
        strbuf_reset(&st->nested);
        st->nested_line = st->first_line + (int)ev->start_mark.line;
        st->nested_col = (int)ev->start_mark.column + 1;
    }
    if (st->depth == 0 && ev->type == YAML_SEQUENCE_START_EVENT)
        st->not_a_mapping = 1;
    st->depth++;
}

static void on_collection_end(fm_state *st)
{
    st->depth--;
    if (st->depth == 1 && st->key) {
        add_field(st->r, st->key, strbuf_cstr(&st->nested), st->nested.len,
                  st->nested_line, st->nested_col);
        st->key = NULL;
    }
}

/* Returns 0 on a YAML error (already reported). */
static int parse_yaml(reader *r, const char *yaml, size_t n, int first_line)
{
    yaml_parser_t parser;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)yaml, n);
    fm_state st = {r, 0, first_line, NULL, 0, 0, STRBUF_INIT, 0, 0, 0};
    int ok = 1, done = 0;
    while (!done) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            reader_problem(r, "front-matter", first_line + (int)parser.problem_mark.line,
                           (int)parser.problem_mark.column + 1,
                           "front matter is not valid YAML: %s%s%s",
                           parser.problem ? parser.problem : "syntax error",
                           parser.context ? " " : "", parser.context ? parser.context : "");
            ok = 0;
            break;
        }
        switch (ev.type) {
        case YAML_SCALAR_EVENT:
            on_scalar(&st, &ev);
            break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT:
            on_collection_start(&st, &ev);
            break;
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT:
            on_collection_end(&st);
            break;
        case YAML_STREAM_END_EVENT:
            done = 1;
            break;
        default:
            break;
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&parser);
    strbuf_free(&st.nested);
    if (ok && st.not_a_mapping)
        reader_problem(r, "front-matter", first_line, 1,
                       "front matter is not a mapping of keys to values");
    return ok;
}

static void strip_quotes(const char **s, size_t *n)
{
    if (*n >= 2 && ((*s)[0] == '"' || (*s)[0] == '\'') && (*s)[*n - 1] == (*s)[0]) {
        (*s)++;
        *n -= 2;
    }
}

/* After a YAML error: every "key: value" line at the left margin. */
static void scan_key_value_lines(reader *r, int first, int last)
{
    for (int line = first; line <= last; line++) {
        size_t n;
        const char *s = source_line(r, line, &n);
        size_t k = 0;
        while (k < n && s[k] != ':' && !is_blank(s[k]))
            k++;
        if (k == 0 || k >= n || s[k] != ':')
            continue;
        const char *v = s + k + 1;
        size_t vn = n - k - 1;
        while (vn && is_blank(*v))
            v++, vn--;
        while (vn && is_blank(v[vn - 1]))
            vn--;
        strip_quotes(&v, &vn);
        char *key = arena_strndup(&r->p->mem, s, k);
        add_field(r, key, v, vn, line, vn ? (int)(v - s) + 1 : 1);
    }
}

/* ---- the common case without libyaml ----
 *
 * Nearly every page's front matter is a flat list of "key: value" lines in
 * plain ASCII. Such lines are read here, giving exactly what libyaml's
 * events give (the same fields, lines and columns); anything else (a
 * nested value, a comment, an escape, a character YAML gives a meaning
 * to) goes to libyaml. */

/* A simple line's parts; returns 0 when the line is not simple. */
typedef struct simple_line {
    size_t key_len;
    size_t value_at, value_len; /* value_at: where the scalar starts */
    int quoted;                 /* the scalar is between quotes */
} simple_line;

static int is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == '-';
}

static int simple_value(const char *v, size_t n, simple_line *out)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] < 0x20 || v[i] > 0x7e)
            return 0; /* tabs, control and non-ASCII bytes: libyaml's call */
    if (v[0] == '"' || v[0] == '\'') {
        if (n < 2 || v[n - 1] != v[0] || memchr(v + 1, v[0], n - 2) || memchr(v, '\\', n))
            return 0;
        out->quoted = 1;
        out->value_len = n - 2;
        return 1;
    }
    if (strchr("-?:,[]{}#&*!|>'\"%@`", v[0]) || v[n - 1] == ':')
        return 0;
    for (size_t i = 0; i + 1 < n; i++)
        if ((v[i] == ':' && v[i + 1] == ' ') || (v[i] == ' ' && v[i + 1] == '#'))
            return 0;
    out->value_len = n;
    return 1;
}

static int simple_line_of(const char *s, size_t n, simple_line *out)
{
    memset(out, 0, sizeof *out);
    size_t k = 0;
    while (k < n && is_key_char(s[k]))
        k++;
    if (k == 0 || s[0] == '-' || s[0] == '.' || k >= n || s[k] != ':' ||
        (k + 1 < n && s[k + 1] != ' '))
        return 0;
    out->key_len = k;
    size_t v = k + 1;
    while (v < n && s[v] == ' ')
        v++;
    size_t end = n;
    while (end > v && s[end - 1] == ' ')
        end--;
    out->value_at = v;
    if (end == v)
        return 1; /* "key:" with no value */
    return simple_value(s + v, end - v, out);
}

static int is_spaces(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ')
            return 0;
    return 1;
}

/* Returns 1 after adding the fields of lines first..last when all of them
 * are simple (or blank), else 0 without adding anything. Fields are added
 * as lines are read, and taken back at the first line that is not simple:
 * a rare case, not worth a second pass over every page. */
static int read_simple(reader *r, int first, int last)
{
    simple_line sl;
    for (int line = first; line <= last; line++) {
        size_t n;
        const char *s = source_line(r, line, &n);
        if (is_spaces(s, n))
            continue;
        if (!simple_line_of(s, n, &sl)) {
            r->p->nfront_matter = 0;
            return 0;
        }
        char *key = arena_strndup(&r->p->mem, s, sl.key_len);
        if (sl.value_len == 0) /* an empty value is placed at its key */
            add_field(r, key, "", 0, line, 1);
        else
            add_field(r, key, s + sl.value_at + sl.quoted, sl.value_len, line,
                      (int)sl.value_at + 1);
    }
    return 1;
}

/* Lines that YAML front matter cannot hold but a page body does: past
 * one of these, a "---" is a thematic break or a tab separator of the
 * body, not the end of an unclosed front matter. */
static int is_body_line(const char *s, size_t n, int after_blank)
{
    if (n >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0))
        return 1;
    if (n >= 4 && memcmp(s, "<!--", 4) == 0)
        return 1;
    size_t hashes = 0;
    while (hashes < n && s[hashes] == '#')
        hashes++;
    /* "# Title" after a blank line: a heading (a YAML comment rarely
     * follows a blank line in front matter). */
    return after_blank && hashes >= 1 && hashes <= 6 && hashes < n && s[hashes] == ' ';
}

/* Line number of the closing delimiter, or 0 when there is none. */
static int find_closing_line(const reader *r)
{
    int after_blank = 0;
    for (size_t line = 2; line <= r->nlines; line++) {
        size_t n;
        const char *s = source_line(r, (int)line, &n);
        if (is_delimiter(s, n, 1))
            return (int)line;
        if (is_body_line(s, n, after_blank))
            return 0;
        after_blank = n == 0;
    }
    return 0;
}

void front_matter_read(reader *r)
{
    size_t n;
    const char *first = source_line(r, 1, &n);
    if (!first || !is_delimiter(first, n, 0))
        return;
    int closing = find_closing_line(r);
    if (!closing) {
        reader_problem(r, "front-matter", 1, 1,
                       "front matter opened by \"---\" is never closed");
        return;
    }
    page *p = r->p;
    p->has_front_matter = 1;
    size_t start = closing > 2 ? r->line_starts[1] : r->line_starts[closing - 1];
    size_t end = r->line_starts[closing - 1];
    if (reader_yaml_shortcut && read_simple(r, 2, closing - 1)) {
        /* read without libyaml */
    } else if (!parse_yaml(r, r->text + start, end - start, 2)) {
        p->nfront_matter = 0;
        scan_key_value_lines(r, 2, closing - 1);
    }
    r->body_line_offset = closing;
    r->body_offset = (size_t)closing < r->nlines ? r->line_starts[closing] : r->len;
}
