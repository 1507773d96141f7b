/* An ```http block read as an HTTP message: a request (one or more request
 * lines, headers, body) or a response (status line, headers, body). The
 * docs are written by hand, so this is tolerant: CR line ends, a body with
 * no blank line before it, a protocol after the URL. What is off is noted
 * in the block's problems rather than refused. */
#include <stdarg.h>
#include <string.h>
#include <strings.h>

#include "read/page.h"
#include "util/strbuf.h"

typedef struct text_line {
    const char *s;
    size_t n;   /* without the line end */
    size_t end; /* offset just past the line end */
    int line;
} text_line;

typedef struct http_parser {
    arena *a;
    http_block *h;
    const char *text;
    size_t len;
    size_t pos; /* start of the next line */
    int line;   /* its page line */
    size_t cap_requests, cap_headers, cap_problems;
} http_parser;

static const char *const known_verbs[] = {"GET", "POST", "PUT", "PATCH",
                                          "DELETE", "HEAD", "OPTIONS"};

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static int peek_line(const http_parser *hp, text_line *out)
{
    if (hp->pos >= hp->len)
        return 0;
    const char *s = hp->text + hp->pos;
    const char *nl = memchr(s, '\n', hp->len - hp->pos);
    size_t n = nl ? (size_t)(nl - s) : hp->len - hp->pos;
    out->s = s;
    out->end = hp->pos + n + (nl ? 1 : 0);
    out->line = hp->line;
    if (n && s[n - 1] == '\r')
        n--;
    out->n = n;
    return 1;
}

static void advance(http_parser *hp, const text_line *l)
{
    hp->pos = l->end;
    hp->line = l->line + 1;
}

static int line_is_blank(const text_line *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (!is_blank(l->s[i]))
            return 0;
    return 1;
}

static void problem(http_parser *hp, const char *rule, int line, int col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void problem(http_parser *hp, const char *rule, int line, int col,
                    const char *fmt, ...)
{
    strbuf msg = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    http_block *h = hp->h;
    page_problem *p = ARENA_PUSH(hp->a, h->problems, h->nproblems, hp->cap_problems);
    p->rule = rule;
    p->message = arena_strdup(hp->a, strbuf_cstr(&msg));
    p->line = line;
    p->col = col;
    strbuf_free(&msg);
}

static void trim(const char **s, size_t *n)
{
    while (*n && is_blank(**s))
        (*s)++, (*n)--;
    while (*n && is_blank((*s)[*n - 1]))
        (*n)--;
}

static size_t word_length(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_alpha(s[i]))
        i++;
    return i;
}

static int is_known_verb(const char *s, size_t n)
{
    for (size_t i = 0; i < sizeof known_verbs / sizeof known_verbs[0]; i++)
        if (strlen(known_verbs[i]) == n && strncasecmp(s, known_verbs[i], n) == 0)
            return 1;
    return 0;
}

/* "VERB target": a known verb, then blanks, then something. */
static int is_request_line(const text_line *l)
{
    size_t w = word_length(l->s, l->n);
    return w && w < l->n && is_blank(l->s[w]) && is_known_verb(l->s, w);
}

/* "HTTP/1.1" at the end of a request line is the protocol, not the URL. */
static void drop_protocol_suffix(const char *s, size_t *n)
{
    /* Most targets are one word: nothing to drop. */
    if (!memchr(s, ' ', *n) && !memchr(s, '\t', *n))
        return;
    for (size_t i = *n; i > 0; i--) {
        if (is_blank(s[i - 1])) {
            if (*n - i >= 5 && strncmp(s + i, "HTTP/", 5) == 0) {
                *n = i - 1;
                trim(&s, n);
            }
            return;
        }
    }
}

static int is_version_segment(const char *s, size_t n)
{
    return (n == 4 && memcmp(s, "v1.0", 4) == 0) || (n == 4 && memcmp(s, "beta", 4) == 0);
}

/* Splits the target into version, path and query. */
static void split_target(arena *a, http_request_line *rl, const char *t, size_t n)
{
    const char *q = memchr(t, '?', n);
    size_t before_query = q ? (size_t)(q - t) : n;
    if (q)
        rl->query = arena_strndup(a, q + 1, n - before_query - 1);
    const char *path = t;
    size_t path_n = before_query;
    const char *scheme = NULL;
    for (size_t i = 0; i + 2 < before_query; i++) {
        if (t[i] == ':' && t[i + 1] == '/' && t[i + 2] == '/') {
            scheme = t + i;
            break;
        }
        if (t[i] == '/')
            break;
    }
    int full_url = scheme != NULL;
    if (full_url) {
        const char *host = scheme + 3;
        const char *slash = memchr(host, '/', (size_t)(t + before_query - host));
        path = slash ? slash : t + before_query;
        path_n = (size_t)(t + before_query - path);
    }
    /* The first segment is the version for a full URL, whatever it says;
     * for a bare path only when it is a known version. */
    const char *seg = path_n && path[0] == '/' ? path + 1 : path;
    size_t left = path_n - (size_t)(seg - path);
    const char *seg_end = memchr(seg, '/', left);
    size_t seg_n = seg_end ? (size_t)(seg_end - seg) : left;
    if (seg_n && (full_url || is_version_segment(seg, seg_n))) {
        rl->version = arena_strndup(a, seg, seg_n);
        path = seg + seg_n;
        path_n = left - seg_n;
    }
    rl->path = path_n ? arena_strndup(a, path, path_n) : arena_strdup(a, "/");
}

static void add_request_line(http_parser *hp, const text_line *l)
{
    http_block *h = hp->h;
    http_request_line *rl = ARENA_PUSH(hp->a, h->requests, h->nrequests, hp->cap_requests);
    memset(rl, 0, sizeof *rl);
    size_t w = 0;
    while (w < l->n && !is_blank(l->s[w]))
        w++;
    rl->verb = arena_strndup(hp->a, l->s, w);
    rl->line = l->line;
    const char *t = l->s + w;
    size_t n = l->n - w;
    trim(&t, &n);
    drop_protocol_suffix(t, &n);
    rl->target = arena_strndup(hp->a, t, n);
    if (!is_known_verb(l->s, w))
        problem(hp, "http-malformed", l->line, 1, "unknown HTTP verb \"%s\"", rl->verb);
    if (n == 0)
        problem(hp, "http-malformed", l->line, 1, "request line without a URL");
    else
        split_target(hp->a, rl, t, n);
}

static int is_status_line(const text_line *l)
{
    return l->n >= 5 && strncmp(l->s, "HTTP", 4) == 0 && (l->s[4] == '/' || is_blank(l->s[4]));
}

static int has_protocol_version(const char *s, size_t n)
{
    return n > 5 && strncmp(s, "HTTP/", 5) == 0 && is_digit(s[5]);
}

/* "HTTP/1.1 200 OK". A code is read even when the rest is off (as in
 * "HTTP 201 Created"), the problem being noted. */
static void parse_status_line(http_parser *hp, const text_line *l)
{
    http_block *h = hp->h;
    h->kind = HTTP_RESPONSE;
    h->status_line = l->line;
    size_t p = 0;
    while (p < l->n && !is_blank(l->s[p]))
        p++;
    h->protocol = arena_strndup(hp->a, l->s, p);
    const char *rest = l->s + p;
    size_t n = l->n - p;
    trim(&rest, &n);
    size_t digits = 0;
    while (digits < n && is_digit(rest[digits]))
        digits++;
    int has_code = digits == 3 && (digits == n || is_blank(rest[digits]));
    if (!has_code || !has_protocol_version(l->s, p))
        problem(hp, "http-malformed", l->line, 1,
                "bad status line \"%.*s\": expected HTTP/1.1 <3-digit code> <reason>",
                (int)(l->n > 80 ? 80 : l->n), l->s);
    if (!has_code) {
        h->status_text = arena_strndup(hp->a, rest, n);
        return;
    }
    h->status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
    const char *reason = rest + 3;
    size_t reason_n = n - 3;
    trim(&reason, &reason_n);
    h->status_text = arena_strndup(hp->a, reason, reason_n);
}

static int is_token_char(char c)
{
    return is_alpha(c) || is_digit(c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* "Name: value" */
static int split_header(const text_line *l, size_t *name_n)
{
    size_t i = 0;
    while (i < l->n && is_token_char(l->s[i]))
        i++;
    *name_n = i;
    while (i < l->n && is_blank(l->s[i]))
        i++;
    return *name_n > 0 && i < l->n && l->s[i] == ':';
}

static void add_header(http_parser *hp, const text_line *l, size_t name_n)
{
    http_block *h = hp->h;
    http_header *hd = ARENA_PUSH(hp->a, h->headers, h->nheaders, hp->cap_headers);
    hd->name = arena_strndup(hp->a, l->s, name_n);
    const char *colon = memchr(l->s + name_n, ':', l->n - name_n);
    const char *v = colon + 1;
    size_t vn = (size_t)(l->s + l->n - v);
    trim(&v, &vn);
    hd->value = arena_strndup(hp->a, v, vn);
    hd->line = l->line;
}

/* Headers up to the blank line. Returns 1 when a body may follow. */
static void parse_headers(http_parser *hp)
{
    text_line l;
    size_t name_n;
    while (peek_line(hp, &l)) {
        if (line_is_blank(&l)) {
            advance(hp, &l);
            return;
        }
        if (!split_header(&l, &name_n)) {
            hp->h->missing_blank_line = 1;
            problem(hp, "http-malformed", l.line, 1,
                    "no blank line between the headers and the body");
            return;
        }
        add_header(hp, &l, name_n);
        advance(hp, &l);
    }
}

static void skip_blank_lines(http_parser *hp)
{
    text_line l;
    while (peek_line(hp, &l) && line_is_blank(&l))
        advance(hp, &l);
}

/* In the "HTTP request" section a block lists several request lines, at
 * times with blank lines between them: those are not a body. */
static int rest_is_request_lines(const http_parser *hp)
{
    http_parser probe = *hp;
    text_line l;
    int any = 0;
    while (peek_line(&probe, &l)) {
        if (!line_is_blank(&l)) {
            if (!is_request_line(&l))
                return 0;
            any = 1;
        }
        advance(&probe, &l);
    }
    return any;
}

static void take_request_lines(http_parser *hp)
{
    text_line l;
    while (peek_line(hp, &l)) {
        if (!line_is_blank(&l))
            add_request_line(hp, &l);
        advance(hp, &l);
    }
}

static void parse_body_json(http_parser *hp)
{
    http_block *h = hp->h;
    const char *msg = NULL;
    h->body_json = json_parse_located(h->body, strlen(h->body), h->body_line,
                                      &h->body_error_line, &h->body_error_col, &msg);
    if (h->body_json)
        return;
    h->body_error = arena_strdup(hp->a, msg);
    problem(hp, "example-json", h->body_error_line, h->body_error_col,
            "%s body is not valid JSON: %s",
            h->kind == HTTP_REQUEST ? "request" : "response", msg);
}

static void parse_body(http_parser *hp)
{
    http_block *h = hp->h;
    skip_blank_lines(hp);
    if (hp->pos >= hp->len)
        return;
    if (h->kind == HTTP_REQUEST && !h->missing_blank_line && rest_is_request_lines(hp)) {
        take_request_lines(hp);
        return;
    }
    size_t n = hp->len - hp->pos;
    const char *s = hp->text + hp->pos;
    while (n && (is_blank(s[n - 1]) || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    h->body = arena_strndup(hp->a, s, n);
    h->body_line = hp->line;
    if (s[0] == '{' || s[0] == '[')
        parse_body_json(hp);
}

static void parse_request(http_parser *hp, const text_line *first)
{
    hp->h->kind = HTTP_REQUEST;
    add_request_line(hp, first);
    advance(hp, first);
    text_line l;
    while (peek_line(hp, &l) && is_request_line(&l)) {
        add_request_line(hp, &l);
        advance(hp, &l);
    }
}

http_block *http_block_parse(arena *a, const char *text, int first_line)
{
    http_parser hp = {0};
    hp.a = a;
    hp.h = arena_alloc(a, sizeof *hp.h);
    hp.text = text ? text : "";
    hp.len = strlen(hp.text);
    hp.line = first_line;
    skip_blank_lines(&hp);
    text_line first;
    if (!peek_line(&hp, &first)) {
        problem(&hp, "http-malformed", first_line, 1, "empty HTTP block");
        return hp.h;
    }
    if (is_status_line(&first)) {
        parse_status_line(&hp, &first);
        advance(&hp, &first);
    } else if (word_length(first.s, first.n) &&
               (word_length(first.s, first.n) == first.n ||
                is_blank(first.s[word_length(first.s, first.n)]))) {
        parse_request(&hp, &first);
    } else {
        problem(&hp, "http-malformed", first.line, 1,
                "neither a request line nor a status line: \"%.*s\"",
                (int)(first.n > 60 ? 60 : first.n), first.s);
        return hp.h;
    }
    parse_headers(&hp);
    parse_body(&hp);
    return hp.h;
}

void http_block_free_json(http_block *h)
{
    if (!h)
        return;
    cJSON_Delete(h->body_json);
    h->body_json = NULL;
}
