/* Lookups into the merged model for the cross-page rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "lint/model_lookup.h"
#include "util/xalloc.h"

enum { MAX_BASE_DEPTH = 16 }; /* a cycle of bases must not hang us */

/* A power of two with room for n entries at most half full. */
static size_t table_capacity(size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n)
        cap *= 2;
    return cap;
}

/* Paths are hashed with their case folded (folded_name_hash, eight bytes
 * at a time): equal paths hash alike, and one hash serves both tables. */
static size_t hash_string(const char *s)
{
    return (size_t)folded_name_hash(s);
}

/* is_method_page asks about every property an example names: a hash of
 * the file instead of a search among thousands of paths. */
static void collect_method_files(model_view *v)
{
    const model *m = v->m;
    v->method_files_cap = table_capacity(m->nmethods);
    v->method_files = xcalloc(v->method_files_cap, sizeof *v->method_files);
    size_t mask = v->method_files_cap - 1;
    for (size_t i = 0; i < m->nmethods; i++) {
        const char *file = m->methods[i]->source.file;
        if (!file)
            continue;
        size_t at = hash_string(file) & mask;
        while (v->method_files[at] && strcmp(v->method_files[at], file) != 0)
            at = (at + 1) & mask;
        v->method_files[at] = file;
    }
}

static void collect_defining_files(model_view *v)
{
    const model *m = v->m;
    v->defining_files_cap = table_capacity(m->ntypes);
    v->defining_files = xcalloc(v->defining_files_cap,
                                sizeof *v->defining_files);
    size_t mask = v->defining_files_cap - 1;
    for (size_t i = 0; i < m->ntypes; i++) {
        const char *file = m->types[i]->source.file;
        if (!file || !type_is_defined(m->types[i]))
            continue;
        size_t at = hash_string(file) & mask;
        while (v->defining_files[at] &&
               lint_strcasecmp(v->defining_files[at], file) != 0)
            at = (at + 1) & mask;
        v->defining_files[at] = file;
    }
}

static size_t hash_type(const model_type *t)
{
    return (size_t)(((uint64_t)(uintptr_t)t * 0x9E3779B97F4A7C15ULL) >> 32);
}

static type_facts *find_facts(const model_view *v, const model_type *t)
{
    size_t mask = v->facts_cap - 1;
    for (size_t at = hash_type(t) & mask; v->facts[at].type;
         at = (at + 1) & mask)
        if (v->facts[at].type == t)
            return &v->facts[at];
    return NULL;
}

static type_facts *add_facts(model_view *v, const model_type *t)
{
    size_t mask = v->facts_cap - 1;
    size_t at = hash_type(t) & mask;
    while (v->facts[at].type && v->facts[at].type != t)
        at = (at + 1) & mask;
    v->facts[at].type = t;
    return &v->facts[at];
}

static const model_type *find_base(const model_view *v, const model_type *t)
{
    return t->base ? lookup_type(v, t->namespace, t->base) : NULL;
}

/* Every walk up a chain of bases asks for the same few bases; the
 * lookup by name is done once per type. */
static void collect_facts(model_view *v)
{
    const model *m = v->m;
    v->facts_cap = table_capacity(m->ntypes);
    v->facts = xcalloc(v->facts_cap, sizeof *v->facts);
    for (size_t i = 0; i < m->ntypes; i++)
        add_facts(v, m->types[i])->base = find_base(v, m->types[i]);
    for (size_t i = 0; i < m->ntypes; i++) {
        const type_facts *f = find_facts(v, m->types[i]);
        type_facts *base = f->base ? find_facts(v, f->base) : NULL;
        if (base && f->type != base->type)
            base->has_derived = 1;
    }
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
    collect_defining_files(v);
    collect_facts(v);
}

void model_view_free(model_view *v)
{
    type_index_free(&v->types);
    free(v->method_files);
    free(v->definitions);
    free(v->defining_files);
    free(v->facts);
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
    if (!file)
        return 0;
    size_t mask = v->method_files_cap - 1;
    for (size_t at = hash_string(file) & mask; v->method_files[at];
         at = (at + 1) & mask)
        if (v->method_files[at] == file || strcmp(v->method_files[at], file) == 0)
            return 1;
    return 0;
}

int file_defines_a_type(const model_view *v, const char *file)
{
    size_t mask = v->defining_files_cap - 1;
    for (size_t at = hash_string(file) & mask;
         v->defining_files[at]; at = (at + 1) & mask)
        if (lint_strcasecmp(v->defining_files[at], file) == 0)
            return 1;
    return 0;
}

int has_derived_type(const model_view *v, const model_type *t)
{
    /* The bases are types of the model: a type outside it has no
     * derived type. */
    const type_facts *f = find_facts(v, t);
    return f && f->has_derived;
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
    const type_facts *f = find_facts(v, t);
    return f ? f->base : find_base(v, t);
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

/* The primitive named name, case ignored, or -1. The first letter
 * rules out most rows without a comparison. */
static int primitive_index(const char *name)
{
    name = without_edm(name);
    int first = name[0] | 0x20;
    for (size_t i = 0; i < sizeof primitives / sizeof primitives[0]; i++)
        if ((primitives[i].name[0] | 0x20) == first &&
            lint_strcasecmp(primitives[i].name, name) == 0)
            return (int)i;
    return -1;
}

int is_primitive_name(const char *name)
{
    return name && primitive_index(name) >= 0;
}

json_kind primitive_json_kind(const char *name)
{
    int i = name ? primitive_index(name) : -1;
    return i >= 0 ? primitives[i].kind : JSON_KIND_ANY;
}
