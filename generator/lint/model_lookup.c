/* Lookups into the merged model for the cross-page rules. */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "lint/model_lookup.h"
#include "util/xalloc.h"
#include "util/compare.h"

enum { MAX_BASE_DEPTH = 16 }; /* a cycle of bases must not hang us */

static void collect_method_files(model_view *v)
{
    const model *m = v->m;
    v->method_files = xmalloc((m->nmethods ? m->nmethods : 1) *
                              sizeof *v->method_files);
    v->nmethod_files = 0;
    for (size_t i = 0; i < m->nmethods; i++)
        if (m->methods[i]->source.file)
            v->method_files[v->nmethod_files++] = m->methods[i]->source.file;
    if (v->nmethod_files > 1)
        qsort(v->method_files, v->nmethod_files, sizeof *v->method_files,
              compare_string_ptrs);
}

/* Page, then name; types without a page go first and are never found. */
static int compare_definitions(const void *pa, const void *pb)
{
    const model_type *a = *(const model_type *const *)pa;
    const model_type *b = *(const model_type *const *)pb;
    int c = strcmp(a->source.file ? a->source.file : "",
                   b->source.file ? b->source.file : "");
    return c ? c : strcmp(a->name, b->name);
}

/* The same, then the first written first, as the page defines them. */
static int compare_definitions_in_order(const void *pa, const void *pb)
{
    int c = compare_definitions(pa, pb);
    if (c)
        return c;
    const model_type *a = *(const model_type *const *)pa;
    const model_type *b = *(const model_type *const *)pb;
    return (a->source.line > b->source.line) - (a->source.line < b->source.line);
}

static void collect_definitions(model_view *v)
{
    const model *m = v->m;
    size_t n = 0;
    for (size_t f = 0; f < m->nfragments; f++)
        n += m->fragments[f]->ntypes;
    v->definitions = xmalloc((n ? n : 1) * sizeof *v->definitions);
    v->ndefinitions = 0;
    for (size_t f = 0; f < m->nfragments; f++)
        for (size_t i = 0; i < m->fragments[f]->ntypes; i++)
            if (m->fragments[f]->types[i]->primary)
                v->definitions[v->ndefinitions++] = m->fragments[f]->types[i];
    if (v->ndefinitions > 1)
        qsort(v->definitions, v->ndefinitions, sizeof *v->definitions,
              compare_definitions_in_order);
}

void model_view_init(model_view *v, const model *m)
{
    v->m = m;
    type_index_init(&v->types);
    for (size_t i = 0; i < m->ntypes; i++)
        type_index_add(&v->types, m->types[i]);
    collect_method_files(v);
    collect_definitions(v);
}

void model_view_free(model_view *v)
{
    type_index_free(&v->types);
    free(v->method_files);
    free(v->definitions);
    memset(v, 0, sizeof *v);
}

static int same_namespace(const model_type *a, const model_type *b)
{
    return !a->namespace || !b->namespace || strcmp(a->namespace, b->namespace) == 0;
}

const model_type *page_defines_type(const model_view *v, const char *file,
                                    const model_type *t)
{
    if (!file)
        return NULL;
    model_type key;
    memset(&key, 0, sizeof key);
    key.name = t->name;
    key.source.file = file;
    const model_type *probe = &key;
    /* The first of the equal entries, then each of them in turn. */
    size_t lo = 0, hi = v->ndefinitions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (compare_definitions(&v->definitions[mid], &probe) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < v->ndefinitions && compare_definitions(&v->definitions[lo], &probe) == 0;
         lo++)
        if (same_namespace(v->definitions[lo], t))
            return v->definitions[lo];
    return NULL;
}

int is_method_page(const model_view *v, const char *file)
{
    return file && v->nmethod_files &&
           bsearch(&file, v->method_files, v->nmethod_files,
                   sizeof *v->method_files, compare_string_ptrs) != NULL;
}

const model_type *lookup_type(const model_view *v, const char *ns,
                              const char *name)
{
    if (!name)
        return NULL;
    if (*name == '#')
        name++;
    const char *dot = strrchr(name, '.');
    if (!dot)
        return type_index_find(&v->types, ns ? ns : v->m->default_namespace,
                               name);
    /* "microsoft.graph.callRecords.session": the namespace is in front. */
    char *qualifier = xstrndup(name, (size_t)(dot - name));
    const model_type *t = type_index_find(&v->types, qualifier, dot + 1);
    free(qualifier);
    return t;
}

const model_type *lookup_type_ref(const model_view *v, const type_ref *tr)
{
    return tr->name ? lookup_type(v, tr->namespace, tr->name) : NULL;
}

const model_type *lookup_base(const model_view *v, const model_type *t)
{
    return t->base ? lookup_type(v, t->namespace, t->base) : NULL;
}

const model_property *lookup_property(const model_view *v,
                                      const model_type *t, const char *name)
{
    for (int depth = 0; t && depth < MAX_BASE_DEPTH; depth++) {
        const model_property *p = model_type_find_property(t, name);
        if (p)
            return p;
        t = lookup_base(v, t);
    }
    return NULL;
}

const model_property *lookup_declared_property(const model_view *v,
                                               const model_type *t,
                                               const char *name)
{
    for (int depth = 0; t && depth < MAX_BASE_DEPTH; depth++) {
        const model_property *p = model_type_find_property(t, name);
        if (p && !is_method_page(v, p->source.file))
            return p;
        t = lookup_base(v, t);
    }
    return NULL;
}

static int declared_on_resource_page(const model_property *p, const void *view)
{
    return !is_method_page(view, p->source.file);
}

const model_property *lookup_property_ignoring_case(const model_view *v,
                                                    const model_type *t,
                                                    const char *name)
{
    for (int depth = 0; t && depth < MAX_BASE_DEPTH; depth++) {
        const model_property *p =
            model_type_find_property_if(t, name, 1, declared_on_resource_page, v);
        if (p)
            return p;
        t = lookup_base(v, t);
    }
    return NULL;
}

int derives_from(const model_view *v, const model_type *t,
                 const model_type *base)
{
    for (int depth = 0; t && depth < MAX_BASE_DEPTH; depth++) {
        if (t == base)
            return 1;
        t = lookup_base(v, t);
    }
    return 0;
}

int type_is_defined(const model_type *t)
{
    if (!t || t->inferred)
        return 0;
    return t->primary || (t->kind == KIND_ENUM && t->nmembers > 0);
}

static const struct {
    const char *name;
    json_kind kind;
} primitives[] = {
    {"String", JSON_KIND_STRING},
    {"Guid", JSON_KIND_STRING},
    {"DateTimeOffset", JSON_KIND_STRING},
    {"Date", JSON_KIND_STRING},
    {"TimeOfDay", JSON_KIND_STRING},
    {"Duration", JSON_KIND_STRING},
    {"Binary", JSON_KIND_STRING},
    {"Boolean", JSON_KIND_BOOLEAN},
    {"Byte", JSON_KIND_NUMBER},
    {"SByte", JSON_KIND_NUMBER},
    {"Int16", JSON_KIND_NUMBER},
    {"Int32", JSON_KIND_NUMBER},
    {"Int64", JSON_KIND_NUMBER_OR_STRING},
    {"Decimal", JSON_KIND_NUMBER_OR_STRING},
    {"Double", JSON_KIND_NUMBER_OR_STRING},
    {"Single", JSON_KIND_NUMBER_OR_STRING},
    {"Stream", JSON_KIND_ANY},
};

static const char *without_edm(const char *name)
{
    return strncmp(name, "Edm.", 4) == 0 ? name + 4 : name;
}

int is_primitive_name(const char *name)
{
    if (!name)
        return 0;
    name = without_edm(name);
    for (size_t i = 0; i < sizeof primitives / sizeof primitives[0]; i++)
        if (lint_strcasecmp(primitives[i].name, name) == 0)
            return 1;
    return 0;
}

json_kind primitive_json_kind(const char *name)
{
    if (!name)
        return JSON_KIND_ANY;
    name = without_edm(name);
    for (size_t i = 0; i < sizeof primitives / sizeof primitives[0]; i++)
        if (lint_strcasecmp(primitives[i].name, name) == 0)
            return primitives[i].kind;
    return JSON_KIND_ANY;
}
