/* The stage's entry points and the helpers every extractor shares. */
#include "extract/extract.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"
#include "model/typeinfo.h"

void extract_init(void)
{
    patterns_init();
}

void extract_shutdown(void)
{
    patterns_free();
}

src_ref ctx_ref(const extract_ctx *x, int line, int col)
{
    src_ref r = {x->file, line, col};
    return r;
}

char *ctx_strndup(const extract_ctx *x, const char *s, size_t n)
{
    return arena_strndup(x->mem, s, n);
}

char *ctx_group(const extract_ctx *x, const char *subject, int group)
{
    size_t start, len;
    pattern_group(x->md, group, &start, &len);
    return ctx_strndup(x, subject + start, len);
}

const page_heading *heading_above(const page *p, int line)
{
    const page_heading *found = NULL;
    for (size_t i = 0; i < p->nheadings && p->headings[i].line <= line; i++)
        found = &p->headings[i];
    return found;
}

int block_type_is(const page_annotation *a, const char *type)
{
    return a && a->block_type && strcasecmp(a->block_type, type) == 0;
}

int page_title_line(const page *p)
{
    for (size_t i = 0; i < p->nheadings; i++)
        if (p->headings[i].level == 1)
            return p->headings[i].line;
    return 1;
}

/* "# [HTTP](#tab/http)" and friends: level-1 headings after the title
 * that only switch between language tabs. */
static int is_tab_heading(const page_heading *h, int title_line)
{
    return h->level == 1 && h->line > title_line;
}

/* The headings up to the line are those before the first one past it; of
 * them, the last that qualifies is the nearest: looked for from there
 * backwards, it is usually one of the first looked at. */
const page_heading *section_heading(const page *p, int line, int max_level)
{
    /* The headings are in the order of their lines (the page's order):
     * those up to the line are found by halving. */
    size_t above = 0, past = p->nheadings;
    while (above < past) {
        size_t mid = above + (past - above) / 2;
        if (p->headings[mid].line <= line)
            above = mid + 1;
        else
            past = mid;
    }
    if (!above)
        return NULL;
    int title_line = page_title_line(p);
    for (size_t i = above; i-- > 0;) {
        const page_heading *h = &p->headings[i];
        if (!is_tab_heading(h, title_line) && h->level <= max_level)
            return h;
    }
    return NULL;
}

static int looks_like_http(const char *text)
{
    static const char *const starts[] = {"GET ", "POST ", "PUT ", "PATCH ",
                                         "DELETE ", "HEAD ", "OPTIONS ",
                                         "HTTP/"};
    text += strspn(text, " \t\n");
    for (size_t i = 0; i < sizeof starts / sizeof *starts; i++)
        if (strncmp(text, starts[i], strlen(starts[i])) == 0)
            return 1;
    return 0;
}

const http_block *code_http(extract_ctx *x, const page_code *c)
{
    if (c->http)
        return c->http;
    if (!c->text || !starts_nocase(c->info, "msgraph-interactive") ||
        !looks_like_http(c->text))
        return NULL;
    size_t i = (size_t)(c - x->p->codes);
    if (!x->http)
        x->http = arena_alloc(&x->scratch, x->p->ncodes * sizeof *x->http);
    if (!x->http[i])
        x->http[i] = http_block_parse(&x->scratch, c->text, c->line);
    return x->http[i];
}

static void free_parsed_http(extract_ctx *x)
{
    for (size_t i = 0; x->http && i < x->p->ncodes; i++)
        http_block_free_json(x->http[i]);
    arena_free(&x->scratch);
}

int contains_nocase(const char *text, const char *needle)
{
    if (!text)
        return 0;
    if (!*needle)
        return *text != '\0';
    /* Only where the first letter matches is the rest compared. */
    unsigned char first = fold_case(*needle);
    for (const char *c = text; *c; c++)
        if (fold_case(*c) == first && starts_nocase(c + 1, needle + 1))
            return 1;
    return 0;
}

int starts_nocase(const char *text, const char *prefix)
{
    if (!text)
        return 0;
    for (; *prefix; text++, prefix++)
        if (fold_case(*text) != fold_case(*prefix))
            return 0;
    return 1;
}

const table_cell *row_cell(const page_table *t, const table_row *r, int col)
{
    if (col < 0 || (size_t)col >= t->ncols)
        return NULL;
    return &r->cells[col];
}

static int is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '@' || c == '.' ||
           c == '-';
}

const char *cell_identifier(const extract_ctx *x, const char *text)
{
    if (!text)
        return NULL;
    while (*text == '*' || *text == '`' || *text == '_' ||
           isspace((unsigned char)*text))
        text++;
    /* "@odata.type", "$select": names may start with these too. */
    if (!isalpha((unsigned char)*text) && *text != '@' && *text != '$')
        return NULL;
    size_t n = 1;
    while (is_name_char(text[n]))
        n++;
    /* "id." ends a sentence, not a name. */
    while (n && (text[n - 1] == '.' || text[n - 1] == '-'))
        n--;
    return ctx_strndup(x, text, n);
}

/* "@odata.type", or the "@type" some pages write instead. */
static const char *annotation_type_text(const page_annotation *a)
{
    if (!a || !a->json)
        return NULL;
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(a->json, "@odata.type");
    if (!cJSON_IsString(t))
        t = cJSON_GetObjectItemCaseSensitive(a->json, "@type");
    return cJSON_IsString(t) ? t->valuestring : NULL;
}

static const char *collection_prefix = "Collection(";

int annotation_type(const extract_ctx *x, const page_annotation *a,
                    const char **ns, const char **name)
{
    const char *text = annotation_type_text(a);
    if (!text)
        return 0;
    size_t n = strlen(collection_prefix);
    if (strncasecmp(text, collection_prefix, n) == 0) {
        /* "Collection(microsoft.graph.driveItem)" */
        const char *inner = text + n;
        char *copy = ctx_strndup(x, inner, strcspn(inner, ")"));
        return split_qualified_name(x->mem, copy, ns, name);
    }
    return split_qualified_name(x->mem, text, ns, name);
}

int annotation_collection(const page_annotation *a)
{
    const char *text = annotation_type_text(a);
    if (text && strncasecmp(text, collection_prefix, strlen(collection_prefix)) == 0)
        return 1;
    const cJSON *c = a && a->json
                         ? cJSON_GetObjectItemCaseSensitive(a->json, "isCollection")
                         : NULL;
    return cJSON_IsTrue(c) ||
           (cJSON_IsString(c) && strcasecmp(c->valuestring, "true") == 0);
}

model_example *extract_example(extract_ctx *x, example_role role,
                               const cJSON *json, int line)
{
    return model_add_example(x->m, role, json, ctx_ref(x, line, 0));
}

/* JSON blocks annotated as examples ("blockType": "example"), on any
 * page, with the type their annotation or their own @odata.type names. */
void extract_json_examples(extract_ctx *x)
{
    for (size_t i = 0; i < x->p->ncodes; i++) {
        const page_code *c = &x->p->codes[i];
        if (!c->json || !block_type_is(c->annotation, "example"))
            continue;
        model_example *e = extract_example(x, EXAMPLE_JSON, c->json, c->line);
        if (!e)
            continue;
        const char *ns, *name;
        if (annotation_type(x, c->annotation, &ns, &name) ||
            json_odata_type(x->mem, c->json, &ns, &name))
            e->type = name;
        const cJSON *ann = c->annotation->json;
        e->truncated =
            cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(ann, "truncated"));
        e->collection = cJSON_IsArray(c->json);
    }
}

/* Some resource pages say doc_type apiPageType; their title says what
 * they are ("fido2AuthenticationMethod resource type"). */
static int is_resource_page(const page *p)
{
    if (p->kind == PAGE_RESOURCE)
        return 1;
    size_t n = p->title ? strlen(p->title) : 0;
    return p->kind == PAGE_API && n > 14 &&
           strcasecmp(p->title + n - 14, " resource type") == 0;
}

static const char *page_namespace(const page *p)
{
    if (p->namespace && *p->namespace)
        return p->namespace;
    return DEFAULT_NAMESPACE;
}

model *extract_page(const page *p) { return extract_page_after(p, NULL); }

model *extract_page_after(const page *p, model *previous)
{
    extract_init();
    model *m = model_new();
    if (previous)
        arena_pass_chunk(&previous->mem, &m->mem);
    extract_ctx x = {p, m, &m->mem, NULL, NULL, patterns_take_match_data(),
                     ARENA_INIT, NULL};
    x.ns = arena_strdup(x.mem, page_namespace(p));
    x.file = arena_strdup(x.mem, p->rel_path   ? p->rel_path
                                 : p->path ? p->path
                                           : "");
    m->default_namespace = x.ns;
    /* Enum tables turn up on enum pages and on resource pages alike. */
    extract_enums(&x);
    if (is_resource_page(p))
        extract_resource(&x);
    else if (p->kind == PAGE_API)
        extract_api(&x);
    extract_json_examples(&x);
    free_parsed_http(&x);
    patterns_give_back_match_data(x.md);
    return m;
}
