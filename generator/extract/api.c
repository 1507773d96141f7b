/* API pages: one method per page. Its id is the file name; verb and paths
 * come from the "HTTP request" block, the request body from the prose
 * ("supply a JSON representation of the [call] object") or the parameter
 * table, responses from the prose ("returns a `200 OK` response code and a
 * [call] object") and the example responses, permissions from the
 * permissions table. A request-body table of a whole-object body also adds
 * to that type (the merge keeps the resource page's answer first). */
#include <ctype.h>
#include <limits.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"
#include "model/typeinfo.h"

/* "api/call-get.md" -> "call-get". */
static const char *method_id(extract_ctx *x)
{
    const char *path = x->file;
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    size_t n = strlen(base);
    if (n > 3 && strcasecmp(base + n - 3, ".md") == 0)
        n -= 3;
    return ctx_strndup(x, base, n);
}

/* Is the line under a heading that starts with prefix (language tab
 * headings skipped). */
static int under_section(const page *p, int line, const char *prefix)
{
    const page_heading *h = section_heading(p, line, 6);
    return h && starts_nocase(h->text, prefix);
}

/* --- paths --- */

/* "/users/{id}/calendar" or "(period='{period_value}')": the names in
 * braces, each once. */
static void add_path_params(extract_ctx *x, method_path *mp)
{
    size_t cap = 0;
    for (const char *c = mp->path; (c = strchr(c, '{'));) {
        const char *close = strchr(c, '}');
        if (!close)
            break;
        const char *name = ctx_strndup(x, c + 1, (size_t)(close - c - 1));
        int seen = 0;
        for (size_t i = 0; i < mp->nparams; i++)
            seen |= strcmp(mp->params[i], name) == 0;
        if (!seen && *name)
            *ARENA_PUSH(x->mem, mp->params, mp->nparams, cap) = name;
        c = close + 1;
    }
}

/* The reader strips scheme, host and query; a version segment the target
 * kept ("/beta/...", "/v1.0/...") goes here. */
static const char *strip_version(const char *path)
{
    static const char *const versions[] = {"/v1.0/", "/beta/", "/v1.0",
                                           "/beta"};
    for (size_t i = 0; i < sizeof versions / sizeof *versions; i++) {
        size_t n = strlen(versions[i]);
        if (strncasecmp(path, versions[i], n) == 0 &&
            (versions[i][n - 1] == '/' || path[n] == '\0'))
            return path + n - (versions[i][n - 1] == '/');
    }
    return path;
}

static const char *request_path(extract_ctx *x, const http_request_line *rl)
{
    const char *path = rl->path ? rl->path : rl->target;
    if (!path)
        return NULL;
    path = strip_version(path);
    size_t n = strlen(path);
    while (n && isspace((unsigned char)path[n - 1]))
        n--;
    if (!n)
        return NULL;
    /* "GET policies/x" means "/policies/x". */
    if (*path != '/')
        return arena_printf(x->mem, "/%.*s", (int)n, path);
    return ctx_strndup(x, path, n);
}

static int has_path(const model_method *mm, const char *path)
{
    for (size_t i = 0; i < mm->npaths; i++)
        if (strcmp(mm->paths[i].path, path) == 0)
            return 1;
    return 0;
}

static void add_request_lines(extract_ctx *x, model_method *mm,
                              const http_block *h)
{
    for (size_t i = 0; i < h->nrequests; i++) {
        const http_request_line *rl = &h->requests[i];
        const char *path = request_path(x, rl);
        if (!path || has_path(mm, path))
            continue;
        if (!mm->verb && rl->verb) {
            char *verb = ctx_strndup(x, rl->verb, strlen(rl->verb));
            for (char *c = verb; *c; c++)
                *c = (char)toupper((unsigned char)*c);
            mm->verb = verb;
        }
        method_path *mp = ARENA_PUSH(x->mem, mm->paths, mm->npaths, mm->cap_paths);
        memset(mp, 0, sizeof *mp);
        mp->path = path;
        mp->source = ctx_ref(x, rl->line, 0);
        add_path_params(x, mp);
    }
}

static const http_block *request_block(extract_ctx *x, const page_code *c)
{
    const http_block *h = code_http(x, c);
    return h && h->kind == HTTP_REQUEST && h->nrequests ? h : NULL;
}

static int in_http_request_section(const page *p, const page_code *c)
{
    return under_section(p, c->fence_line, "http request");
}

/* The "HTTP request" sections' blocks; when a page has none there, its
 * first request block (an example) at least gives verb and path. */
static void extract_paths(extract_ctx *x, model_method *mm)
{
    for (size_t i = 0; i < x->p->ncodes; i++) {
        const page_code *c = &x->p->codes[i];
        const http_block *h = request_block(x, c);
        if (h && in_http_request_section(x->p, c))
            add_request_lines(x, mm, h);
    }
    for (size_t i = 0; i < x->p->ncodes && !mm->npaths; i++) {
        const http_block *h = request_block(x, &x->p->codes[i]);
        if (h)
            add_request_lines(x, mm, h);
    }
}

/* --- permissions --- */

static int is_not_supported(const char *s, size_t n)
{
    return n >= 13 && strncasecmp(s, "not supported", 13) == 0;
}

static void add_permission_values(extract_ctx *x, method_permission *perm,
                                  const char *text)
{
    size_t cap = perm->nvalues;
    for (const char *c = text; c && *c;) {
        while (*c == ',' || *c == ';' || isspace((unsigned char)*c))
            c++;
        size_t n = strcspn(c, ",;");
        size_t len = n;
        while (len && (isspace((unsigned char)c[len - 1]) || c[len - 1] == '.'))
            len--;
        if (len && !is_not_supported(c, len))
            *ARENA_PUSH(x->mem, perm->values, perm->nvalues, cap) =
                ctx_strndup(x, c, len);
        c += n;
    }
}

static method_permission *add_permission(extract_ctx *x, model_method *mm,
                                         const char *kind, int line)
{
    for (size_t i = 0; i < mm->npermissions; i++)
        if (strcmp(mm->permissions[i].kind, kind) == 0)
            return &mm->permissions[i];
    method_permission *perm = ARENA_PUSH(x->mem, mm->permissions,
                                         mm->npermissions, mm->cap_permissions);
    memset(perm, 0, sizeof *perm);
    perm->kind = ctx_strndup(x, kind, strlen(kind));
    perm->source = ctx_ref(x, line, 0);
    return perm;
}

/* "Permission type | Permissions": one kind per row. */
static void permission_rows(extract_ctx *x, model_method *mm,
                            const page_table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const table_row *row = &t->rows[r];
        if (t->ncols < 2 || !*row->cells[0].text)
            continue;
        method_permission *perm =
            add_permission(x, mm, row->cells[0].text, row->line);
        add_permission_values(x, perm, row->cells[1].text);
    }
}

/* "Supported resource | Delegated (...) | Application": one kind per
 * column, values gathered over the rows. */
static void permission_columns(extract_ctx *x, model_method *mm,
                               const page_table *t)
{
    for (size_t col = 1; col < t->ncols; col++) {
        const char *kind = t->header[col].text;
        if (!starts_nocase(kind, "delegated") && !starts_nocase(kind, "application"))
            continue;
        method_permission *perm = add_permission(x, mm, kind, t->line);
        for (size_t r = 0; r < t->nrows; r++)
            add_permission_values(x, perm, t->rows[r].cells[col].text);
    }
}

static void extract_permissions(extract_ctx *x, model_method *mm)
{
    for (size_t i = 0; i < x->p->ntables; i++) {
        const page_table *t = &x->p->tables[i];
        if (!t->ncols)
            continue;
        if (starts_nocase(t->header[0].text, "permission type"))
            permission_rows(x, mm, t);
        else if (contains_nocase(t->section, "permission"))
            permission_columns(x, mm, t);
    }
}

/* --- request body and query parameters --- */

/* The rows of a parameter table read like properties; a scratch type
 * collects them (it lives in the fragment's arena, like the rest). */
static void read_param_rows(extract_ctx *x, model_type *rows,
                            const page_table *t)
{
    memset(rows, 0, sizeof *rows);
    extract_property_rows(x, rows, t, 0);
}

static void add_param_rows(extract_ctx *x, method_param **items, size_t *count,
                           size_t *cap, const model_type *rows)
{
    for (size_t i = 0; i < rows->nproperties; i++) {
        const model_property *prop = &rows->properties[i];
        method_param *mp = ARENA_PUSH(x->mem, *items, *count, *cap);
        memset(mp, 0, sizeof *mp);
        mp->name = prop->name;
        mp->type = prop->type;
        mp->required = prop->required;
        mp->description = prop->description;
        mp->source = prop->source;
    }
}

static int is_parameter_table(const page_table *t)
{
    return page_table_column(t, "Property|Name|Parameter|Parameter name|"
                                "Query parameter|Property name") == 0 &&
           page_table_column(t, "Type|Value|Description") > 0;
}

static const page_link *link_named(const page *p, const char *text, int from,
                                   int to)
{
    for (size_t i = 0; i < p->nlinks; i++) {
        const page_link *l = &p->links[i];
        if (l->line >= from && l->line < to && l->text &&
            strcasecmp(l->text, text) == 0)
            return l;
    }
    return NULL;
}

static int next_text_line(const page *p, size_t i)
{
    return i + 1 < p->ntexts ? p->texts[i + 1].line : INT_MAX;
}

/* "supply a JSON representation of the [call](...) object". */
static const char *request_body_type(extract_ctx *x)
{
    for (size_t i = 0; i < x->p->ntexts; i++) {
        const page_text *t = &x->p->texts[i];
        if (!under_section(x->p, t->line, "request body") ||
            !pattern_find(PAT_BODY_TYPE, t->text, 0, x->md))
            continue;
        const char *name = ctx_group(x, t->text, 1);
        const page_link *link =
            link_named(x->p, name, t->line, next_text_line(x->p, i));
        type_ref tr = typename_parse(x, name, link);
        if (tr.name && !tr.primitive && link)
            return tr.name;
    }
    return NULL;
}

/* A property read for the method's parameters, for a type as well. The
 * merge resolves the names of a union in place, the parameter's in the
 * method's namespace and the property's in its type's: each gets its own
 * list of them. */
static void add_copied_property(extract_ctx *x, model_type *type,
                                const model_property *read)
{
    model_property *prop = model_type_push_property(x->m, type, read);
    size_t n = prop->type.nalternatives;
    if (n) {
        const char **names = arena_alloc(x->mem, n * sizeof *names);
        memcpy(names, read->type.alternatives, n * sizeof *names);
        prop->type.alternatives = names;
    }
}

/* The request-body table of a whole-object body documents properties of
 * that type: they join the fragment as a secondary source of the type.
 * The table's rows were read already (rows): reading a row gives the same
 * property whichever type it goes to, so those are copied, each name once
 * as when reading the rows into the type. */
static void add_body_type_properties(extract_ctx *x, const char *type_name,
                                     const page_table *t,
                                     const model_type *rows)
{
    model_type *type = model_find_type(x->m, type_name);
    if (!type) {
        const page_heading *h = heading_above(x->p, t->line);
        type = model_add_type(x->m, x->ns, type_name, KIND_COMPLEX,
                              ctx_ref(x, h ? h->line : t->line, 0));
    }
    for (size_t i = 0; i < rows->nproperties; i++)
        if (!model_type_find_property(type, rows->properties[i].name))
            add_copied_property(x, type, &rows->properties[i]);
}

/* The first resource link of the page's introduction: "Update the
 * properties of a [calendar](../resources/calendar.md) object." */
static const char *introduced_type(extract_ctx *x)
{
    int title = page_title_line(x->p);
    for (size_t i = 0; i < x->p->ntexts; i++) {
        const page_text *t = &x->p->texts[i];
        const page_heading *h = section_heading(x->p, t->line, 6);
        if (!h || h->line != title)
            continue;
        int to = next_text_line(x->p, i);
        for (size_t l = 0; l < x->p->nlinks; l++) {
            const page_link *link = &x->p->links[l];
            if (link->line >= t->line && link->line < to && link->target &&
                strstr(link->target, "resources/") && strstr(link->target, ".md"))
                return typename_parse(x, link->text, link).name;
        }
    }
    return NULL;
}

/* The single object a successful call returns, with status wanted (0 for
 * any 2xx). */
static const char *returned_object_type(const model_method *mm, int wanted)
{
    for (size_t i = 0; i < mm->nresponses; i++) {
        const method_response *r = &mm->responses[i];
        int ok = wanted ? r->status == wanted : r->status / 100 == 2;
        if (ok && r->type && !r->collection)
            return r->type;
    }
    return NULL;
}

/* A "Property | Type | Description" request body with no sentence naming
 * its type: an update (PATCH, PUT) sets properties of the object it
 * returns or its introduction names, a create (POST, 201 Created) those
 * of the object it creates. */
static const char *implied_body_type(extract_ctx *x, const model_method *mm,
                                     const page_table *t)
{
    if (!mm->verb || !starts_nocase(t->header[0].text, "property"))
        return NULL;
    if (strcmp(mm->verb, "POST") == 0)
        return returned_object_type(mm, 201);
    if (strcmp(mm->verb, "PATCH") != 0 && strcmp(mm->verb, "PUT") != 0)
        return NULL;
    const char *type = returned_object_type(mm, 0);
    return type ? type : introduced_type(x);
}

static void extract_request_body(extract_ctx *x, model_method *mm)
{
    mm->request_type = request_body_type(x);
    for (size_t i = 0; i < x->p->ntables; i++) {
        const page_table *t = &x->p->tables[i];
        if (!under_section(x->p, t->line, "request body") ||
            !is_parameter_table(t))
            continue;
        model_type rows;
        read_param_rows(x, &rows, t);
        add_param_rows(x, &mm->body_params, &mm->nbody_params,
                       &mm->cap_body_params, &rows);
        if (!mm->request_type)
            mm->request_type = implied_body_type(x, mm, t);
        if (mm->request_type)
            add_body_type_properties(x, mm->request_type, t, &rows);
    }
}

static void extract_query_params(extract_ctx *x, model_method *mm)
{
    for (size_t i = 0; i < x->p->ntables; i++) {
        const page_table *t = &x->p->tables[i];
        if (contains_nocase(t->section, "query parameter") &&
            is_parameter_table(t)) {
            model_type rows;
            read_param_rows(x, &rows, t);
            add_param_rows(x, &mm->query_params, &mm->nquery_params,
                           &mm->cap_query_params, &rows);
        }
    }
}

/* --- responses --- */

static method_response *find_response(model_method *mm, int status)
{
    for (size_t i = 0; i < mm->nresponses; i++)
        if (mm->responses[i].status == status)
            return &mm->responses[i];
    return NULL;
}

static method_response *add_response(extract_ctx *x, model_method *mm,
                                     int status, int line)
{
    method_response *r = find_response(mm, status);
    if (r)
        return r;
    r = ARENA_PUSH(x->mem, mm->responses, mm->nresponses, mm->cap_responses);
    memset(r, 0, sizeof *r);
    r->status = status;
    r->source = ctx_ref(x, line, 0);
    return r;
}

/* The end of the sentence that starts at s ('.' then a space, or end). */
static size_t sentence_length(const char *s)
{
    for (size_t i = 0; s[i]; i++)
        if (s[i] == '.' && (s[i + 1] == '\0' || isspace((unsigned char)s[i + 1])))
            return i;
    return strlen(s);
}

static int window_has(const char *s, size_t n, const char *word)
{
    size_t k = strlen(word);
    if (!k)
        return 1;
    /* Only where the first letter matches is the rest compared. */
    unsigned char first = fold_case(*word);
    for (size_t i = 0; i + k <= n; i++)
        if (fold_case(s[i]) == first && strncasecmp(s + i, word, k) == 0)
            return 1;
    return 0;
}

/* The words after a status: "and a [call](...) object", "and collection
 * of [user](...) objects", "and a Stream". Sets type and collection. */
static void response_body_in_prose(extract_ctx *x, method_response *r,
                                   const char *window, size_t n, int from,
                                   int to)
{
    for (size_t i = 0; i < x->p->nlinks; i++) {
        const page_link *l = &x->p->links[i];
        if (l->line < from || l->line >= to || !l->text || !*l->text ||
            !l->target || !strstr(l->target, ".md"))
            continue;
        const char *at = strstr(window, l->text);
        if (!at || at >= window + n)
            continue;
        type_ref tr = typename_parse(x, l->text, l);
        /* "a URL ... to [get the operation status](...)": a link that
         * names no type. */
        if (!tr.name || strchr(tr.name, ' '))
            continue;
        r->type = tr.name;
        r->collection = window_has(window, n, "collection") ||
                        window_has(at, n - (size_t)(at - window), " objects");
        return;
    }
    /* An unlinked primitive: "a Stream", "a String collection". */
    for (size_t i = 0; i < n;) {
        size_t word = 0;
        while (i + word < n && isalnum((unsigned char)window[i + word]))
            word++;
        const char *edm = word ? primitive_canonical(window + i, word) : NULL;
        /* Only the EDM spelling itself: "a URL" or "the date" in a
         * sentence are words, not a body type. */
        if (edm && strlen(edm) == word && strncmp(edm, window + i, word) == 0 &&
            strcmp(edm, "Date") != 0) {
            r->type = edm;
            r->collection = window_has(window, n, "collection");
            return;
        }
        i += word ? word : 1;
    }
}

/* "## Response" (and its subsections) states the contract; "### Response"
 * under "## Example" only introduces an example. */
static int is_response_section(const page *p, const page_text *t)
{
    const page_heading *h = section_heading(p, t->line, 2);
    return h && starts_nocase(h->text, "response");
}

/* The status codes an API answers with (RFC 9110 and WebDAV's). */
static int is_http_status(int code)
{
    static const int codes[] = {100, 101, 200, 201, 202, 203, 204, 205, 206,
                                207, 208, 226, 300, 301, 302, 303, 304, 307,
                                308, 400, 401, 402, 403, 404, 405, 406, 407,
                                408, 409, 410, 411, 412, 413, 414, 415, 416,
                                417, 421, 422, 423, 424, 425, 426, 428, 429,
                                431, 451, 500, 501, 502, 503, 504, 505, 507,
                                508, 511};
    for (size_t i = 0; i < sizeof codes / sizeof *codes; i++)
        if (codes[i] == code)
            return 1;
    return 0;
}

static void responses_from_text(extract_ctx *x, model_method *mm, size_t ti)
{
    const page_text *t = &x->p->texts[ti];
    int to = next_text_line(x->p, ti);
    size_t at = 0;
    while (pattern_find(PAT_STATUS, t->text, at, x->md)) {
        size_t start, len, code_start, code_len;
        pattern_group(x->md, 0, &start, &len);
        pattern_group(x->md, 1, &code_start, &code_len);
        int status = (int)strtol(t->text + code_start, NULL, 10);
        at = start + len;
        if (!is_http_status(status))
            continue; /* "365 Days" */
        method_response *r = add_response(x, mm, status, t->line);
        const char *window = t->text + start + len;
        size_t n = sentence_length(window);
        /* The next status starts a window of its own. */
        if (pattern_find(PAT_STATUS, t->text, start + len, x->md)) {
            size_t next, next_len;
            pattern_group(x->md, 0, &next, &next_len);
            if (next - (start + len) < n)
                n = next - (start + len);
        }
        if (!r->type && status < 300)
            response_body_in_prose(x, r, window, n, t->line, to);
    }
}

static int body_is_collection(const cJSON *body)
{
    return cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(body, "value"));
}

static const http_block *response_block(extract_ctx *x, const page_code *c)
{
    const http_block *h = code_http(x, c);
    return h && h->kind == HTTP_RESPONSE && h->status &&
                   block_type_is(c->annotation, "response")
               ? h
               : NULL;
}

/* Example responses: they fill in what the prose left out, and give the
 * responses of pages whose prose names no status. */
static void responses_from_examples(extract_ctx *x, model_method *mm)
{
    int prose_has_status = mm->nresponses > 0;
    for (size_t i = 0; i < x->p->ncodes; i++) {
        const page_code *c = &x->p->codes[i];
        const http_block *h = response_block(x, c);
        if (!h)
            continue;
        method_response *r = find_response(mm, h->status);
        if (!r && prose_has_status)
            continue;
        if (!r)
            r = add_response(x, mm, h->status, h->status_line);
        const char *ns, *name;
        if (!r->type && annotation_type(x, c->annotation, &ns, &name)) {
            r->type = name;
            r->collection = annotation_collection(c->annotation) ||
                            body_is_collection(h->body_json);
        }
    }
}

static void extract_responses(extract_ctx *x, model_method *mm)
{
    for (size_t i = 0; i < x->p->ntexts; i++)
        if (is_response_section(x->p, &x->p->texts[i]))
            responses_from_text(x, mm, i);
    responses_from_examples(x, mm);
}

/* --- examples --- */

static void request_example(extract_ctx *x, model_method *mm,
                            const page_code *c, const http_block *h)
{
    const cJSON *body = h->body_json;
    model_example *e = extract_example(x, EXAMPLE_REQUEST, body, h->body_line);
    if (!e)
        return;
    e->method_id = mm->id;
    e->truncated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(
        c->annotation->json, "truncated"));
    const char *ns, *name;
    if (json_odata_type(x->mem, body, &ns, &name) ||
        annotation_type(x, c->annotation, &ns, &name))
        e->type = name;
    else if (cJSON_IsObject(body))
        e->type = mm->request_type;
}

static void response_example(extract_ctx *x, model_method *mm,
                             const page_code *c, const http_block *h)
{
    const cJSON *body = h->body_json;
    model_example *e = extract_example(x, EXAMPLE_RESPONSE, body, h->body_line);
    if (!e)
        return;
    e->method_id = mm->id;
    const cJSON *ann = c->annotation->json;
    e->truncated = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ann, "truncated"));
    e->collection = annotation_collection(c->annotation) || body_is_collection(body);
    const char *ns, *name;
    if (annotation_type(x, c->annotation, &ns, &name) ||
        json_odata_type(x->mem, body, &ns, &name))
        e->type = name;
}

static void extract_http_examples(extract_ctx *x, model_method *mm)
{
    for (size_t i = 0; i < x->p->ncodes; i++) {
        const page_code *c = &x->p->codes[i];
        if (!c->annotation || !c->annotation->json)
            continue;
        const http_block *h = code_http(x, c);
        if (!h || !h->body_json)
            continue;
        if (block_type_is(c->annotation, "request") && h->kind == HTTP_REQUEST)
            request_example(x, mm, c, h);
        else if (block_type_is(c->annotation, "response") &&
                 h->kind == HTTP_RESPONSE)
            response_example(x, mm, c, h);
    }
}

void extract_api(extract_ctx *x)
{
    model_method *mm = model_add_method(x->m, method_id(x),
                                        ctx_ref(x, page_title_line(x->p), 0));
    if (x->p->title)
        mm->title = ctx_strndup(x, x->p->title, strlen(x->p->title));
    extract_paths(x, mm);
    extract_permissions(x, mm);
    /* Responses first: a request body table may be about the object the
     * method returns. */
    extract_responses(x, mm);
    extract_request_body(x, mm);
    extract_query_params(x, mm);
    extract_http_examples(x, mm);
}
