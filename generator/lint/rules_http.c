/* page: a page that contradicts itself about its HTTP messages. The
 * prose's status against the example response, the request paths against
 * the example request, the body shape against its annotation, the API
 * version of every Graph URL, Content-Length against the body. */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

static int in_http_request_section(const page_code *c)
{
    return c->section && lint_strcasecmp(c->section, "HTTP request") == 0;
}

static int is_request(const page_code *c)
{
    return c->http && c->http->kind == HTTP_REQUEST;
}

static int is_response(const page_code *c)
{
    return c->http && c->http->kind == HTTP_RESPONSE;
}

/* <!-- {"blockType": "ignored"} --> takes a block out of the examples:
 * what a 302 leads to, a sketch of a message. */
static int is_ignored(const page_code *c)
{
    const page_annotation *a = c->annotation;
    return a && a->block_type && lint_strcasecmp(a->block_type, "ignored") == 0;
}

/* ---- status-mismatch ------------------------------------------------------ */

enum { MAX_PROSE_STATUSES = 16 };

typedef struct prose_statuses {
    int status[MAX_PROSE_STATUSES];
    size_t count;
    int line; /* of the first mention */
} prose_statuses;

/* Lines of the level-2 "Response" section: first..last, or 0 when the
 * page has none. */
static int response_section(const page *p, int *last)
{
    for (size_t i = 0; i < p->nheadings; i++) {
        const page_heading *h = &p->headings[i];
        if (h->level != 2 || (lint_strcasecmp(h->text, "Response") != 0 &&
                              lint_strcasecmp(h->text, "Responses") != 0))
            continue;
        *last = 0x7fffffff;
        for (size_t j = i + 1; j < p->nheadings; j++) {
            if (p->headings[j].level <= 2) {
                *last = p->headings[j].line - 1;
                break;
            }
        }
        return h->line;
    }
    return 0;
}

static void add_prose_status(prose_statuses *ps, int status, int line)
{
    for (size_t i = 0; i < ps->count; i++)
        if (ps->status[i] == status)
            return;
    if (ps->count == 0)
        ps->line = line;
    if (ps->count < MAX_PROSE_STATUSES)
        ps->status[ps->count++] = status;
}

static void collect_prose_statuses(const page *p, prose_statuses *ps)
{
    int last = 0;
    int first = response_section(p, &last);
    if (!first)
        return;
    for (size_t i = 0; i < p->ntexts; i++) {
        const page_text *t = &p->texts[i];
        if (t->line < first || t->line > last || !t->text)
            continue;
        size_t at = 0, start, end;
        while (lint_regex_find(RX_PROSE_STATUS, t->text, at, &start, &end)) {
            add_prose_status(ps, atoi(t->text + start), t->line);
            at = end;
        }
    }
}

static int prose_says(const prose_statuses *ps, int status)
{
    for (size_t i = 0; i < ps->count; i++)
        if (ps->status[i] == status)
            return 1;
    return 0;
}

static void format_statuses(const prose_statuses *ps, strbuf *out)
{
    for (size_t i = 0; i < ps->count; i++)
        strbuf_printf(out, "%s%d", i == 0 ? "" : " or ", ps->status[i]);
}

/* A page may document a second operation further down, with an "HTTP
 * request" heading of its own ("## Retrieve thumbnail binary content",
 * then "### HTTP request"): the Response section says nothing of its
 * responses. The line of the first such heading after the Response
 * section, or INT_MAX. */
static int next_operation_line(const page *p)
{
    int last = 0;
    int first = response_section(p, &last);
    if (!first)
        return 0x7fffffff;
    for (size_t i = 0; i < p->nheadings; i++)
        if (p->headings[i].line > first &&
            lint_strcasecmp(p->headings[i].text, "HTTP request") == 0)
            return p->headings[i].line;
    return 0x7fffffff;
}

static void rule_status_mismatch(const page *p, lint_findings *out)
{
    prose_statuses ps = {{0}, 0, 0};
    collect_prose_statuses(p, &ps);
    if (ps.count == 0)
        return;
    int other_operation = next_operation_line(p);
    strbuf said = STRBUF_INIT;
    format_statuses(&ps, &said);
    for (size_t i = 0; i < p->ncodes; i++) {
        const http_block *h = p->codes[i].http;
        if (!is_response(&p->codes[i]) || is_ignored(&p->codes[i]) ||
            h->status <= 0 || prose_says(&ps, h->status) ||
            h->status_line > other_operation)
            continue;
        lint_findings_add(out, "status-mismatch", p->rel_path,
                          h->status_line, 1,
                          "example response status %d differs from the "
                          "Response section, which says %s (line %d)",
                          h->status, strbuf_cstr(&said), ps.line);
    }
    strbuf_free(&said);
}

/* ---- URLs and their API version ------------------------------------------- */

/* Hosts of the Graph service, national clouds included. */
static const char *const graph_hosts[] = {
    "graph.microsoft.com",
    "graph.microsoft.us",
    "dod-graph.microsoft.us",
    "microsoftgraph.chinacloudapi.cn",
    "graph.microsoft.de",
};

static int is_graph_host(const char *host, size_t len)
{
    for (size_t i = 0; i < sizeof graph_hosts / sizeof graph_hosts[0]; i++)
        if (strlen(graph_hosts[i]) == len &&
            strncmp(graph_hosts[i], host, len) == 0)
            return 1;
    return 0;
}

static int is_known_version(const char *v)
{
    return strcmp(v, "v1.0") == 0 || strcmp(v, "beta") == 0;
}

/* A request target reduced to its path: no scheme, host, version, query
 * or trailing slash, always starting with '/'. NULL for a URL outside
 * Graph. *version gets the version segment, or "" when there is none. */
static char *target_path(const char *target, char *version, size_t vsize)
{
    const char *s = target;
    version[0] = '\0';
    const char *scheme = strstr(s, "://");
    if (scheme && strcspn(s, "/") > (size_t)(scheme - s)) {
        const char *host = scheme + 3;
        size_t host_len = strcspn(host, "/?#");
        if (!is_graph_host(host, host_len))
            return NULL;
        s = host + host_len;
        size_t vlen = s[0] == '/' ? strcspn(s + 1, "/?#") : 0;
        if (vlen > 0 && vlen < vsize) {
            memcpy(version, s + 1, vlen);
            version[vlen] = '\0';
        }
        s += vlen + (s[0] == '/');
    } else {
        const char *seg = s + (s[0] == '/');
        size_t seg_len = strcspn(seg, "/?#");
        if (seg_len == 4 && seg_len < vsize &&
            (strncmp(seg, "v1.0", 4) == 0 || strncmp(seg, "beta", 4) == 0)) {
            memcpy(version, seg, seg_len);
            version[seg_len] = '\0';
            s = seg + seg_len;
        }
    }
    strbuf b = STRBUF_INIT;
    if (s[0] != '/')
        strbuf_putc(&b, '/');
    strbuf_add(&b, s, strcspn(s, "?#"));
    while (b.len > 1 && b.data[b.len - 1] == '/')
        b.data[--b.len] = '\0';
    return strbuf_detach(&b);
}

/* ---- path-mismatch ---------------------------------------------------------- */

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* Templates write placeholders as {id} and, now and then, <address>;
 * generated pages write function parameters as 'parameterValue'. */
static const char *placeholder_end(const char *t)
{
    static const char generated[] = "'parameterValue'";
    if (*t == '{')
        return strchr(t, '}');
    if (*t == '<')
        return strchr(t, '>');
    if (*t == '\'' && strncmp(t, generated, sizeof generated - 1) == 0)
        return t + sizeof generated - 2;
    return NULL;
}

/* "{item-path}" may stand for several segments; "{id}" for one. */
static int placeholder_spans_segments(const char *open, const char *close)
{
    for (const char *s = open; s + 4 <= close; s++)
        if (lower(s[0]) == 'p' && lower(s[1]) == 'a' && lower(s[2]) == 't' &&
            lower(s[3]) == 'h')
            return 1;
    return 0;
}

/* Does a path match a template where {name} stands for any text? Case is
 * ignored: Graph paths are case-insensitive. */
static int template_matches(const char *t, const char *s, int depth)
{
    if (depth > 16)
        return 0;
    for (;;) {
        const char *close = placeholder_end(t);
        if (close) {
            int spans = placeholder_spans_segments(t, close);
            for (const char *e = s; *e && (spans || *e != '/');) {
                e++;
                if (template_matches(close + 1, e, depth + 1))
                    return 1;
            }
            return 0;
        }
        if (!*t)
            return !*s;
        if (lower((unsigned char)*t) != lower((unsigned char)*s))
            return 0;
        t++;
        s++;
    }
}

typedef struct request_template {
    const http_request_line *request;
    char *path;
} request_template;

typedef struct templates {
    request_template *items;
    size_t count, cap;
} templates;

static void collect_templates(const page *p, templates *ts)
{
    for (size_t i = 0; i < p->ncodes; i++) {
        const page_code *c = &p->codes[i];
        if (!is_request(c) || !in_http_request_section(c))
            continue;
        for (size_t r = 0; r < c->http->nrequests; r++) {
            const http_request_line *rl = &c->http->requests[r];
            char version[32];
            char *path = rl->target ? target_path(rl->target, version,
                                                  sizeof version)
                                    : NULL;
            if (!path)
                continue;
            request_template *t = XARRAY_PUSH(ts->items, ts->count, ts->cap);
            t->request = rl;
            t->path = path;
        }
    }
}

static void free_templates(templates *ts)
{
    for (size_t i = 0; i < ts->count; i++)
        free(ts->items[i].path);
    free(ts->items);
}

static int same_verb(const http_request_line *a, const http_request_line *b)
{
    return a->verb && b->verb && lint_strcasecmp(a->verb, b->verb) == 0;
}

static void list_templates(const templates *ts, strbuf *out)
{
    enum { SHOWN = 3 };
    for (size_t i = 0; i < ts->count && i < SHOWN; i++)
        strbuf_printf(out, "%s%s %s", i ? ", " : "",
                      ts->items[i].request->verb ? ts->items[i].request->verb
                                                 : "",
                      ts->items[i].path);
    if (ts->count > SHOWN)
        strbuf_printf(out, " and %zu more", ts->count - SHOWN);
}

/* /me is /users/{id} of the signed-in user: "/me/events" matches
 * "/users/{id}/events" as well. NULL when path does not start with /me. */
static char *me_as_user(const char *path)
{
    if (lint_strncasecmp(path, "/me", 3) != 0 ||
        (path[3] != '/' && path[3] != '\0'))
        return NULL;
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "/users/me%s", path + 3);
    return strbuf_detach(&b);
}

/* A drive's root item is addressed as root, or by path as
 * root:/folder/file:, where templates write items/{item-id}:
 * "/me/drive/root/children" is "/me/drive/items/{id}/children". NULL when
 * path has no such segment. */
static char *drive_root_as_item(const char *path)
{
    for (const char *s = strstr(path, "/root"); s; s = strstr(s + 1, "/root")) {
        const char *after = s + 5;
        if (*after != '\0' && *after != '/' && *after != ':')
            continue;
        /* The segment before: "drive", or the id after "drives". */
        const char *prev = s;
        while (prev > path && prev[-1] != '/')
            prev--;
        int under_drive = (size_t)(s - prev) == 5 &&
                          lint_strncasecmp(prev, "drive", 5) == 0;
        if (!under_drive && prev > path + 1) {
            const char *pp = prev - 1;
            while (pp > path && pp[-1] != '/')
                pp--;
            under_drive = (size_t)(prev - 1 - pp) == 6 &&
                          lint_strncasecmp(pp, "drives", 6) == 0;
        }
        if (!under_drive)
            continue;
        if (*after == ':') {
            /* root:/path/to/item: -- up to the closing colon, or the end */
            const char *close = strchr(after + 1, ':');
            after = close ? close + 1 : after + strlen(after);
        }
        strbuf b = STRBUF_INIT;
        strbuf_add(&b, path, (size_t)(s - path));
        strbuf_printf(&b, "/items/root%s", after);
        return strbuf_detach(&b);
    }
    return NULL;
}

typedef enum request_match {
    REQUEST_MATCHES,
    REQUEST_OTHER_VERB, /* the path matches, with another verb */
    REQUEST_NO_PATH,
} request_match;

static int matches_any(const char *template, char *const *paths, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (paths[i] && template_matches(template, paths[i], 0))
            return 1;
    return 0;
}

static request_match match_request(const templates *ts,
                                   const http_request_line *rl,
                                   const char *path,
                                   const request_template **path_match)
{
    /* The path as written, and as the templates may spell it. */
    char *paths[4];
    paths[0] = xstrdup(path);
    paths[1] = me_as_user(path);
    paths[2] = drive_root_as_item(path);
    paths[3] = paths[1] ? drive_root_as_item(paths[1]) : NULL;
    request_match result = REQUEST_NO_PATH;
    for (size_t i = 0; i < ts->count && result != REQUEST_MATCHES; i++) {
        if (!matches_any(ts->items[i].path, paths, 4))
            continue;
        *path_match = &ts->items[i];
        result = same_verb(ts->items[i].request, rl) ? REQUEST_MATCHES
                                                     : REQUEST_OTHER_VERB;
    }
    for (size_t i = 0; i < 4; i++)
        free(paths[i]);
    return result;
}

static const char *verb_of(const http_request_line *rl)
{
    return rl->verb ? rl->verb : "";
}

static void check_example_request(const page *p, const templates *ts,
                                  const http_request_line *rl,
                                  lint_findings *out)
{
    char version[32];
    char *path = rl->target ? target_path(rl->target, version,
                                          sizeof version)
                            : NULL;
    if (!path)
        return;
    const request_template *path_match = NULL;
    request_match m = match_request(ts, rl, path, &path_match);
    if (m == REQUEST_OTHER_VERB) {
        lint_findings_add(out, "path-mismatch", p->rel_path, rl->line, 1,
                          "example request uses %s %s, the HTTP request "
                          "section says %s",
                          verb_of(rl), path, verb_of(path_match->request));
    } else if (m == REQUEST_NO_PATH) {
        strbuf listed = STRBUF_INIT;
        list_templates(ts, &listed);
        lint_findings_add(out, "path-mismatch", p->rel_path, rl->line, 1,
                          "example request %s %s matches no path of the "
                          "HTTP request section (%s)",
                          verb_of(rl), path, strbuf_cstr(&listed));
        strbuf_free(&listed);
    }
    free(path);
}

static void rule_path_mismatch(const page *p, lint_findings *out)
{
    templates ts = {0};
    collect_templates(p, &ts);
    if (ts.count > 0) {
        for (size_t i = 0; i < p->ncodes; i++) {
            const page_code *c = &p->codes[i];
            if (!is_request(c) || in_http_request_section(c) || is_ignored(c))
                continue;
            for (size_t r = 0; r < c->http->nrequests; r++)
                check_example_request(p, &ts, &c->http->requests[r], out);
        }
    }
    free_templates(&ts);
}

/* ---- response-shape --------------------------------------------------------- */

typedef struct declared_shape {
    const char *type; /* the annotation's @odata.type, or NULL */
    int collection;   /* isCollection or "Collection(...)" */
    int primitive;    /* Edm.String and friends: {"value": x} is right */
} declared_shape;

static int annotation_flag(const cJSON *json, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(json, key);
    return cJSON_IsTrue(v) ||
           (cJSON_IsString(v) && lint_strcasecmp(v->valuestring, "true") == 0);
}

/* 0 when the annotation declares nothing about the body. */
static int read_declared_shape(const page_annotation *a, declared_shape *d)
{
    if (!a || !a->json)
        return 0;
    const cJSON *type = cJSON_GetObjectItemCaseSensitive(a->json,
                                                         "@odata.type");
    const cJSON *coll = cJSON_GetObjectItemCaseSensitive(a->json,
                                                         "isCollection");
    if (!cJSON_IsString(type) && !coll)
        return 0;
    d->type = cJSON_IsString(type) ? type->valuestring : NULL;
    d->collection = annotation_flag(a->json, "isCollection");
    d->primitive = 0;
    if (d->type && lint_strncasecmp(d->type, "Collection(", 11) == 0)
        d->collection = 1;
    /* "Edm.String", "Collection(Edm.Int32)", or a bare "String". */
    if (d->type && (strstr(d->type, "Edm.") ||
                    (d->type[0] >= 'A' && d->type[0] <= 'Z' &&
                     !strchr(d->type, '.'))))
        d->primitive = 1;
    return 1;
}

/* Only "value" and @odata annotations at the top: a collection wrapper. */
static int only_value_wrapper(const cJSON *body)
{
    const cJSON *item;
    int has_value = 0;
    cJSON_ArrayForEach(item, body) {
        if (strcmp(item->string, "value") == 0)
            has_value = 1;
        else if (item->string[0] != '@')
            return 0;
    }
    return has_value;
}

static int line_of_key(const http_block *h, const char *key)
{
    strbuf quoted = STRBUF_INIT;
    strbuf_printf(&quoted, "\"%s\"", key);
    const char *at = strstr(h->body, strbuf_cstr(&quoted));
    strbuf_free(&quoted);
    if (!at)
        return h->body_line;
    int line = h->body_line;
    for (const char *s = h->body; s < at; s++)
        line += *s == '\n';
    return line;
}

static void check_response_shape(const page *p, const page_code *c,
                                 lint_findings *out)
{
    declared_shape d;
    const http_block *h = c->http;
    const cJSON *body = h->body_json;
    if (!cJSON_IsObject(body) || !read_declared_shape(c->annotation, &d))
        return;
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(body, "value");
    const char *type = d.type ? d.type : "the declared type";
    if (d.collection && !cJSON_IsArray(value)) {
        lint_findings_add(out, "response-shape", p->rel_path,
                          value ? line_of_key(h, "value") : h->body_line, 1,
                          "the annotation declares a collection of %s but "
                          "the body has no \"value\" array",
                          type);
    } else if (!d.collection && !d.primitive && only_value_wrapper(body)) {
        if (cJSON_IsArray(value))
            lint_findings_add(out, "response-shape", p->rel_path,
                              line_of_key(h, "value"), 1,
                              "the body is a collection (\"value\": [...]) "
                              "but the annotation declares a single %s; "
                              "add \"isCollection\": true",
                              type);
        else
            lint_findings_add(out, "response-shape", p->rel_path,
                              line_of_key(h, "value"), 1,
                              "the body wraps a single %s in \"value\": a "
                              "collection needs \"value\": [...], a single "
                              "object no wrapper",
                              type);
    }
}

static void rule_response_shape(const page *p, lint_findings *out)
{
    for (size_t i = 0; i < p->ncodes; i++)
        if (is_response(&p->codes[i]))
            check_response_shape(p, &p->codes[i], out);
}

/* ---- api-version --------------------------------------------------------------- */

/* The version the page documents: the configured or root's one, else the
 * page's own path, else beta for a page that includes the beta
 * disclaimer. NULL when nothing tells. */
static const char *page_version(const page *p, const lint_context *ctx)
{
    if (ctx && ctx->api_version)
        return ctx->api_version;
    const char *path = p->path ? p->path : "";
    if (strstr(path, "/v1.0/") || strncmp(path, "v1.0/", 5) == 0)
        return "v1.0";
    if (strstr(path, "/beta/") || strncmp(path, "beta/", 5) == 0)
        return "beta";
    for (size_t i = 0; i < p->nlinks; i++)
        if (p->links[i].target && strstr(p->links[i].target, "beta-disclaimer"))
            return "beta";
    return NULL;
}

/* A version candidate: "v1.0", "beta", "localtest". Scopes such as
 * "https://graph.microsoft.com/Mail.Read", ".default" and "{version}"
 * placeholders are not versions. */
static int looks_like_version(const char *seg, size_t len)
{
    if (len == 0 || seg[0] == '.' || memchr(seg, '{', len) ||
        memchr(seg, '$', len))
        return 0;
    if ((seg[0] == 'v' || seg[0] == 'V') && len > 1 && seg[1] >= '0' &&
        seg[1] <= '9')
        return 1;
    return memchr(seg, '.', len) == NULL;
}

typedef struct url_hit {
    char version[32];
    const char *url; /* start of the URL in the line */
    size_t url_len;
} url_hit;

/* Next Graph URL in line from *pos; 1 and its version segment, or 0. */
static int next_graph_url(const char *line, size_t *pos, url_hit *hit)
{
    for (const char *s = strstr(line + *pos, "://"); s;
         s = strstr(s + 3, "://")) {
        const char *host = s + 3;
        size_t host_len = strcspn(host, "/?#\"' )<>`");
        const char *start = s;
        while (start > line && ((start[-1] >= 'a' && start[-1] <= 'z') ||
                                (start[-1] >= 'A' && start[-1] <= 'Z')))
            start--;
        hit->url = start;
        hit->url_len = strcspn(start, "\"' )<>`\t");
        *pos = (size_t)(host - line) + host_len;
        if (!is_graph_host(host, host_len) || host[host_len] != '/')
            continue;
        const char *seg = host + host_len + 1;
        size_t len = strcspn(seg, "/?#\"' )<>`\t");
        if (!looks_like_version(seg, len) || len >= sizeof hit->version)
            continue;
        memcpy(hit->version, seg, len);
        hit->version[len] = '\0';
        return 1;
    }
    return 0;
}

enum { URL_SHOWN = 80 };

static void check_url_version(const page *p, const lint_context *ctx,
                              const url_hit *hit, int line, int col,
                              const char *version, lint_findings *out)
{
    int url_len = hit->url_len > URL_SHOWN ? URL_SHOWN : (int)hit->url_len;
    const char *cut = hit->url_len > URL_SHOWN ? "..." : "";
    if (!is_known_version(hit->version)) {
        if (lint_rule_on(ctx, LINT_RULE_API_VERSION))
            lint_findings_add(out, "api-version", p->rel_path, line, col,
                              "unknown API version \"%s\" in %.*s%s: use "
                              "v1.0 or beta",
                              hit->version, url_len, hit->url, cut);
    } else if (version && strcmp(version, "v1.0") == 0 &&
               strcmp(hit->version, "beta") == 0) {
        if (lint_rule_on(ctx, LINT_RULE_API_VERSION_BETA))
            lint_findings_add(out, "api-version-beta", p->rel_path, line,
                              col, "beta URL on a v1.0 page: %.*s%s", url_len,
                              hit->url, cut);
    }
}

static void scan_text_versions(const page *p, const lint_context *ctx,
                               const char *text, int first_line,
                               const char *version, lint_findings *out)
{
    /* Only a line with "://" can hold a URL: go from one to the next,
     * counting the lines between. */
    int line = first_line;
    const char *ls = text, *scheme;
    while (ls && (scheme = strstr(ls, "://")) != NULL) {
        for (const char *nl; (nl = memchr(ls, '\n', (size_t)(scheme - ls)));
             ls = nl + 1)
            line++;
        const char *nl = strchr(scheme, '\n');
        char *copy = xstrndup(ls, nl ? (size_t)(nl - ls) : strlen(ls));
        size_t pos = 0;
        url_hit hit;
        while (next_graph_url(copy, &pos, &hit))
            check_url_version(p, ctx, &hit, line,
                              (int)(hit.url - copy) + 1, version, out);
        free(copy);
        ls = nl ? nl + 1 : NULL;
        line++;
    }
}

/* A page with v1.0 URLs and beta ones, and nothing else telling its
 * version, documents v1.0: the beta ones are the odd ones out. */
static int page_mentions_version(const page *p, const char *version)
{
    for (size_t i = 0; i < p->ncodes; i++) {
        const page_code *c = &p->codes[i];
        for (size_t r = 0; c->http && r < c->http->nrequests; r++)
            if (c->http->requests[r].version &&
                strcmp(c->http->requests[r].version, version) == 0)
                return 1;
    }
    return 0;
}

static void rule_api_version(const page *p, const lint_context *ctx,
                             lint_findings *out)
{
    const char *version = page_version(p, ctx);
    if (!version && page_mentions_version(p, "v1.0"))
        version = "v1.0";
    for (size_t i = 0; i < p->ncodes; i++)
        scan_text_versions(p, ctx, p->codes[i].text, p->codes[i].line,
                           version, out);
    for (size_t i = 0; i < p->nlinks; i++) {
        size_t pos = 0;
        url_hit hit;
        const page_link *l = &p->links[i];
        /* Most links are relative: without a colon there is no "://". */
        if (!l->target || !strchr(l->target, ':'))
            continue;
        while (next_graph_url(l->target, &pos, &hit))
            check_url_version(p, ctx, &hit, l->line, l->col, version, out);
    }
}

/* ---- content-length ------------------------------------------------------------ */

static const char *header_value(const http_block *h, const char *name)
{
    for (size_t i = 0; i < h->nheaders; i++)
        if (h->headers[i].name && lint_strcasecmp(h->headers[i].name,
                                                  name) == 0)
            return h->headers[i].value;
    return NULL;
}

static int header_line(const http_block *h, const char *name)
{
    for (size_t i = 0; i < h->nheaders; i++)
        if (h->headers[i].name && lint_strcasecmp(h->headers[i].name,
                                                  name) == 0)
            return h->headers[i].line;
    return 0;
}

/* The body's length as sent: the docs show LF line ends, HTTP sends CRLF,
 * and writers count either way, with or without a final line end. */
static int length_fits(const char *body, long declared)
{
    size_t len = strlen(body);
    while (len > 0 && strchr(" \t\r\n", body[len - 1]))
        len--;
    size_t newlines = 0;
    for (size_t i = 0; i < len; i++)
        newlines += body[i] == '\n';
    long lf = (long)len, crlf = (long)(len + newlines);
    return declared == lf || declared == lf + 1 || declared == crlf ||
           declared == crlf + 2;
}

/* A response annotated "truncated": true shows part of the body; the
 * Content-Length of the whole one is rightly longer. */
static int shortened_on_purpose(const page_code *c, long declared,
                                size_t shown)
{
    return is_response(c) && c->annotation && c->annotation->json &&
           annotation_flag(c->annotation->json, "truncated") &&
           declared > (long)shown;
}

static void rule_content_length(const page *p, lint_findings *out)
{
    for (size_t i = 0; i < p->ncodes; i++) {
        const http_block *h = p->codes[i].http;
        const char *value = h ? header_value(h, "Content-Length") : NULL;
        if (!value || !h->body || lint_is_blank(h->body))
            continue;
        char *end;
        long declared = strtol(value, &end, 10);
        if (end == value || !lint_is_blank(end) || length_fits(h->body,
                                                               declared))
            continue;
        size_t len = strlen(h->body);
        while (len > 0 && strchr(" \t\r\n", h->body[len - 1]))
            len--;
        if (shortened_on_purpose(&p->codes[i], declared, len))
            continue;
        lint_findings_add(out, "content-length", p->rel_path,
                          header_line(h, "Content-Length"), 1,
                          "Content-Length is %ld but the body has %zu bytes",
                          declared, len);
    }
}

void lint_rules_http(const page *p, const lint_context *ctx,
                     lint_findings *out)
{
    if (lint_rule_on(ctx, LINT_RULE_STATUS_MISMATCH))
        rule_status_mismatch(p, out);
    if (lint_rule_on(ctx, LINT_RULE_PATH_MISMATCH))
        rule_path_mismatch(p, out);
    if (lint_rule_on(ctx, LINT_RULE_RESPONSE_SHAPE))
        rule_response_shape(p, out);
    if (lint_rule_on(ctx, LINT_RULE_API_VERSION) ||
        lint_rule_on(ctx, LINT_RULE_API_VERSION_BETA))
        rule_api_version(p, ctx, out);
    if (lint_rule_on(ctx, LINT_RULE_CONTENT_LENGTH))
        rule_content_length(p, out);
}
