/* HTML comments. A comment whose text is a JSON object is an annotation
 * (<!-- { "blockType": "request", ... } -->); the docs have some that are
 * nearly JSON (unquoted keys, trailing commas, single quotes, raw line
 * breaks in strings), which are repaired and read, with a problem that
 * says what was repaired. Other comments are kept as page_comment. */
#include <stdio.h>
#include <string.h>

#include "read/reader.h"

enum repair_kind {
    REPAIR_UNQUOTED_KEY = 1 << 0,
    REPAIR_TRAILING_COMMA = 1 << 1,
    REPAIR_SINGLE_QUOTES = 1 << 2,
    REPAIR_CONTROL_CHARS = 1 << 3,
    REPAIR_MISSING_COMMA = 1 << 4,
    REPAIR_BARE_WORD = 1 << 5,
};

static const struct {
    unsigned kind;
    const char *what;
} repair_names[] = {
    {REPAIR_UNQUOTED_KEY, "unquoted keys"},
    {REPAIR_TRAILING_COMMA, "trailing commas"},
    {REPAIR_SINGLE_QUOTES, "single quotes"},
    {REPAIR_CONTROL_CHARS, "line breaks in strings"},
    {REPAIR_MISSING_COMMA, "missing commas"},
    {REPAIR_BARE_WORD, "unquoted strings"},
};

typedef struct repairer {
    const char *s;
    size_t n, i;
    strbuf out;
    unsigned done;   /* repair_kind bits */
    int after_value; /* the last token ended a value or a key */
} repairer;

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '$' || c == '@';
}

static int is_word_char(char c)
{
    return is_word_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static char next_significant(const repairer *rp, size_t from)
{
    while (from < rp->n && is_ws(rp->s[from]))
        from++;
    return from < rp->n ? rp->s[from] : '\0';
}

static void separate_values(repairer *rp)
{
    if (rp->after_value) {
        strbuf_putc(&rp->out, ',');
        rp->done |= REPAIR_MISSING_COMMA;
    }
}

static void put_string_char(repairer *rp, char c)
{
    if ((unsigned char)c >= 0x20) {
        strbuf_putc(&rp->out, c);
        return;
    }
    rp->done |= REPAIR_CONTROL_CHARS;
    if (c == '\n')
        strbuf_puts(&rp->out, "\\n");
    else if (c == '\t')
        strbuf_puts(&rp->out, "\\t");
    else if (c == '\r')
        strbuf_puts(&rp->out, "\\r");
    else
        strbuf_printf(&rp->out, "\\u%04x", (unsigned)c);
}

/* A string in double or single quotes, written out in double quotes. */
static void copy_string(repairer *rp, char quote)
{
    if (quote == '\'')
        rp->done |= REPAIR_SINGLE_QUOTES;
    strbuf_putc(&rp->out, '"');
    size_t i = rp->i + 1;
    while (i < rp->n && rp->s[i] != quote) {
        char c = rp->s[i];
        if (c == '\\' && i + 1 < rp->n) {
            if (quote == '\'' && rp->s[i + 1] == '\'')
                strbuf_putc(&rp->out, '\'');
            else
                strbuf_add(&rp->out, rp->s + i, 2);
            i += 2;
            continue;
        }
        if (c == '"')
            strbuf_puts(&rp->out, "\\\"");
        else
            put_string_char(rp, c);
        i++;
    }
    strbuf_putc(&rp->out, '"');
    rp->i = i < rp->n ? i + 1 : i;
    rp->after_value = 1;
}

static int is_literal_word(const char *w, size_t n)
{
    return (n == 4 && memcmp(w, "true", 4) == 0) ||
           (n == 5 && memcmp(w, "false", 5) == 0) ||
           (n == 4 && memcmp(w, "null", 4) == 0);
}

static void copy_word(repairer *rp)
{
    size_t start = rp->i, end = rp->i;
    while (end < rp->n && is_word_char(rp->s[end]))
        end++;
    size_t n = end - start;
    int is_key = next_significant(rp, end) == ':';
    separate_values(rp);
    if (!is_key && is_literal_word(rp->s + start, n)) {
        strbuf_add(&rp->out, rp->s + start, n);
    } else {
        rp->done |= is_key ? REPAIR_UNQUOTED_KEY : REPAIR_BARE_WORD;
        strbuf_putc(&rp->out, '"');
        strbuf_add(&rp->out, rp->s + start, n);
        strbuf_putc(&rp->out, '"');
    }
    rp->i = end;
    rp->after_value = 1;
}

static void copy_number(repairer *rp)
{
    separate_values(rp);
    size_t end = rp->i + 1;
    while (end < rp->n && strchr("0123456789.eE+-", rp->s[end]))
        end++;
    strbuf_add(&rp->out, rp->s + rp->i, end - rp->i);
    rp->i = end;
    rp->after_value = 1;
}

static void copy_punctuation(repairer *rp, char c)
{
    if (c == ',') {
        char next = next_significant(rp, rp->i + 1);
        if (next == '}' || next == ']' || next == '\0') {
            rp->done |= REPAIR_TRAILING_COMMA;
            rp->i++;
            return;
        }
    }
    if (c == '{' || c == '[')
        separate_values(rp);
    strbuf_putc(&rp->out, c);
    rp->i++;
    rp->after_value = c == '}' || c == ']';
}

/* Rewrites nearly-JSON text as JSON; returns the repairs made. */
static unsigned repair_json(const char *s, size_t n, strbuf *out)
{
    repairer rp = {s, n, 0, STRBUF_INIT, 0, 0};
    while (rp.i < n) {
        char c = s[rp.i];
        if (is_ws(c)) {
            strbuf_putc(&rp.out, c);
            rp.i++;
        } else if (c == '"' || c == '\'') {
            separate_values(&rp);
            copy_string(&rp, c);
        } else if (is_word_start(c)) {
            copy_word(&rp);
        } else if ((c >= '0' && c <= '9') || c == '-') {
            copy_number(&rp);
        } else {
            copy_punctuation(&rp, c);
        }
    }
    *out = rp.out;
    return rp.done;
}

static void describe_repairs(strbuf *b, unsigned done)
{
    const char *sep = "";
    for (size_t i = 0; i < sizeof repair_names / sizeof repair_names[0]; i++) {
        if (done & repair_names[i].kind) {
            strbuf_printf(b, "%s%s", sep, repair_names[i].what);
            sep = ", ";
        }
    }
}

static cJSON *parse_object(const char *s, size_t n, int line, int *err_line,
                           int *err_col, const char **err_msg)
{
    cJSON *json = json_parse_located(s, n, line, err_line, err_col, err_msg);
    if (json && !cJSON_IsObject(json)) {
        cJSON_Delete(json);
        *err_line = line;
        *err_col = 1;
        *err_msg = "not a JSON object";
        return NULL;
    }
    return json;
}

/* Strict JSON failed: try the repaired text. */
static void recover(arena *a, page_annotation *ann, const char *body, size_t n,
                    int body_line, const char *why, int err_line, int err_col)
{
    strbuf fixed = STRBUF_INIT;
    unsigned done = repair_json(body, n, &fixed);
    int l, c;
    const char *msg;
    strbuf error = STRBUF_INIT;
    strbuf_printf(&error, "%s at line %d, column %d", why, err_line, err_col);
    if (done) {
        ann->json = parse_object(strbuf_cstr(&fixed), fixed.len, body_line,
                                 &l, &c, &msg);
    }
    if (ann->json) {
        ann->recovered = 1;
        strbuf_puts(&error, "; read after repairing ");
        describe_repairs(&error, done);
    }
    ann->error = arena_strdup(a, strbuf_cstr(&error));
    strbuf_free(&error);
    strbuf_free(&fixed);
}

page_annotation *annotation_parse(arena *a, const char *raw, int line, int col)
{
    page_annotation *ann = arena_alloc(a, sizeof *ann);
    ann->raw = arena_strdup(a, raw);
    ann->line = line;
    ann->col = col;
    const char *body = raw;
    int body_line = line;
    while (is_ws(*body))
        body_line += *body++ == '\n';
    size_t n = strlen(body);
    while (n && is_ws(body[n - 1]))
        n--;
    int err_line, err_col;
    const char *why;
    ann->json = parse_object(body, n, body_line, &err_line, &err_col, &why);
    if (!ann->json)
        recover(a, ann, body, n, body_line, why, err_line, err_col);
    if (ann->json) {
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(ann->json, "blockType");
        if (cJSON_IsString(type))
            ann->block_type = arena_strdup(a, type->valuestring);
    }
    return ann;
}

static int looks_like_annotation(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_ws(s[i]))
        i++;
    return i < n && s[i] == '{';
}

static void add_annotation(reader *r, const char *raw, size_t n, int line, int col)
{
    page *p = r->p;
    char *text = arena_strndup(&p->mem, raw, n);
    page_annotation *ann = annotation_parse(&p->mem, text, line, col);
    size_t index = p->nannotations;
    *ARENA_PUSH(&p->mem, p->annotations, p->nannotations, r->cap_annotations) = *ann;
    if (ann->block_type)
        r->pending_annotation = index + 1;
    if (ann->error)
        reader_problem(r, "annotation-json", line, col,
                       "annotation is not valid JSON: %s", ann->error);
}

static void add_comment(reader *r, const char *raw, size_t n, int line)
{
    page *p = r->p;
    while (n && is_ws(*raw))
        raw++, n--;
    while (n && is_ws(raw[n - 1]))
        n--;
    page_comment *c = ARENA_PUSH(&p->mem, p->comments, p->ncomments, r->cap_comments);
    c->text = arena_strndup(&p->mem, raw, n);
    c->line = line;
}

static size_t count_newlines(const char *s, size_t n, size_t *last_nl)
{
    size_t count = 0;
    for (const char *nl = s; (nl = memchr(nl, '\n', (size_t)(s + n - nl))) != NULL; nl++) {
        count++;
        *last_nl = (size_t)(nl - s);
    }
    return count;
}

static const char *find_text(const char *s, size_t n, const char *what)
{
    size_t w = strlen(what);
    while (n >= w) {
        const char *c = memchr(s, what[0], n - w + 1);
        if (!c)
            return NULL;
        if (memcmp(c, what, w) == 0)
            return c;
        n -= (size_t)(c - s) + 1;
        s = c + 1;
    }
    return NULL;
}

void html_comments_read(reader *r, const char *html, size_t len,
                        int first_line, int first_col)
{
    int line = first_line;
    size_t line_start = 0; /* offset in html of the current line */
    int on_first_line = 1;
    size_t pos = 0;
    while (pos < len) {
        const char *open = find_text(html + pos, len - pos, "<!--");
        if (!open)
            break;
        size_t at = (size_t)(open - html);
        size_t last_nl = 0;
        size_t nl = count_newlines(html + pos, at - pos, &last_nl);
        if (nl) {
            line += (int)nl;
            line_start = pos + last_nl + 1;
            on_first_line = 0;
        }
        int col = (int)(at - line_start) + (on_first_line ? first_col : 1);
        size_t body = at + 4;
        const char *close = find_text(html + body, len - body, "-->");
        size_t body_end = close ? (size_t)(close - html) : len;
        if (looks_like_annotation(html + body, body_end - body))
            add_annotation(r, html + body, body_end - body, line, col);
        else
            add_comment(r, html + body, body_end - body, line);
        pos = close ? body_end + 3 : len;
        nl = count_newlines(html + at, pos - at, &last_nl);
        if (nl) {
            line += (int)nl;
            line_start = at + last_nl + 1;
            on_first_line = 0;
        }
    }
}
