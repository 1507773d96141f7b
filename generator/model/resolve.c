/* After the merge: every type name written on a page is matched to the
 * model's spelling of that type (the docs link "participantinfo.md" for
 * participantInfo), unions get their common base, kinds follow the base
 * types, and everything is sorted so that the output is deterministic. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/merge_internal.h"

static model_type *lookup(merge_ctx *mc, const char *ns, const char *name)
{
    return name ? type_index_find(&mc->index, ns, name) : NULL;
}

/* The nearest type that every alternative is or derives from. */
static model_type *common_base(merge_ctx *mc, const type_ref *t)
{
    model_type *candidate = lookup(mc, t->namespace, t->alternatives[0]);
    for (int depth = 0; candidate && depth < 32; depth++) {
        size_t i = 1;
        while (i < t->nalternatives) {
            model_type *alt = lookup(mc, t->namespace, t->alternatives[i]);
            if (!alt || !type_derives_from(mc, alt, candidate))
                break;
            i++;
        }
        if (i == t->nalternatives)
            return candidate;
        candidate = lookup(mc, candidate->namespace, candidate->base);
    }
    return NULL;
}

/* An unqualified name is looked for in the namespace of the type or
 * method that uses it first (callRecords.session's "endpoint" is
 * callRecords.endpoint, not microsoft.graph.endpoint). */
static void resolve_type_ref(merge_ctx *mc, const char *user_ns, type_ref *t)
{
    if (!t->name || t->primitive)
        return;
    if (!t->namespace)
        t->namespace = user_ns;
    for (size_t i = 0; i < t->nalternatives; i++) {
        model_type *alt = lookup(mc, t->namespace, t->alternatives[i]);
        if (alt)
            t->alternatives[i] = alt->name;
    }
    if (t->nalternatives > 1) {
        model_type *base = common_base(mc, t);
        if (base && t->nalternatives > 1) {
            t->name = base->name;
            t->namespace = base->namespace;
        }
    }
    model_type *found = lookup(mc, t->namespace, t->name);
    if (found) {
        t->name = found->name;
        t->namespace = found->namespace;
    }
}

static const char *resolve_name(merge_ctx *mc, const char *ns, const char *name)
{
    model_type *found = lookup(mc, ns, name);
    return found ? found->name : name;
}

static void resolve_method(merge_ctx *mc, model_method *mm)
{
    const char *ns = mc->m->default_namespace;
    mm->request_type = resolve_name(mc, ns, mm->request_type);
    for (size_t i = 0; i < mm->nresponses; i++)
        mm->responses[i].type = resolve_name(mc, ns, mm->responses[i].type);
    for (size_t i = 0; i < mm->nbody_params; i++)
        resolve_type_ref(mc, ns, &mm->body_params[i].type);
    for (size_t i = 0; i < mm->nquery_params; i++)
        resolve_type_ref(mc, ns, &mm->query_params[i].type);
}

/* A type whose base (or its base's base...) is an entity is one too. */
static int derives_from_entity(merge_ctx *mc, const model_type *t)
{
    for (int depth = 0; t && depth < 32; depth++) {
        if (t->kind == KIND_ENTITY)
            return 1;
        t = lookup(mc, t->namespace, t->base);
    }
    return 0;
}

static void propagate_entity_kind(merge_ctx *mc)
{
    model *m = mc->m;
    for (size_t i = 0; i < m->ntypes; i++) {
        model_type *t = m->types[i];
        if (t->kind == KIND_COMPLEX && derives_from_entity(mc, t))
            t->kind = KIND_ENTITY;
    }
}

void resolve_references(merge_ctx *mc)
{
    model *m = mc->m;
    for (size_t i = 0; i < m->ntypes; i++) {
        model_type *t = m->types[i];
        t->base = resolve_name(mc, t->namespace, t->base);
        for (size_t j = 0; j < t->nproperties; j++)
            resolve_type_ref(mc, t->namespace, &t->properties[j].type);
    }
    for (size_t i = 0; i < m->nmethods; i++)
        resolve_method(mc, m->methods[i]);
    propagate_entity_kind(mc);
}

/* --- sorting --- */

static int cmp_str(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

static int cmp_src(const src_ref *a, const src_ref *b)
{
    int c = cmp_str(a->file, b->file);
    if (c)
        return c;
    return (a->line > b->line) - (a->line < b->line);
}

static int cmp_type(const void *pa, const void *pb)
{
    const model_type *a = *(model_type *const *)pa, *b = *(model_type *const *)pb;
    int c = cmp_str(a->namespace, b->namespace);
    if (!c)
        c = cmp_str(a->name, b->name);
    return c ? c : cmp_src(&a->source, &b->source);
}

static int cmp_property(const void *pa, const void *pb)
{
    const model_property *a = pa, *b = pb;
    int c = cmp_str(a->name, b->name);
    return c ? c : cmp_src(&a->source, &b->source);
}

static int cmp_method(const void *pa, const void *pb)
{
    const model_method *a = *(model_method *const *)pa;
    const model_method *b = *(model_method *const *)pb;
    int c = cmp_str(a->id, b->id);
    return c ? c : cmp_src(&a->source, &b->source);
}

static int cmp_conflict(const void *pa, const void *pb)
{
    const model_conflict *a = pa, *b = pb;
    int c = cmp_src(&a->at, &b->at);
    if (!c)
        c = cmp_str(a->rule, b->rule);
    return c ? c : cmp_str(a->message, b->message);
}

static int cmp_example(const void *pa, const void *pb)
{
    const model_example *a = *(model_example *const *)pa;
    const model_example *b = *(model_example *const *)pb;
    int c = cmp_src(&a->source, &b->source);
    return c ? c : (a->role > b->role) - (a->role < b->role);
}

void sort_model(model *m)
{
    if (m->ntypes)
        qsort(m->types, m->ntypes, sizeof *m->types, cmp_type);
    for (size_t i = 0; i < m->ntypes; i++)
        if (m->types[i]->nproperties) {
            qsort(m->types[i]->properties, m->types[i]->nproperties,
                  sizeof *m->types[i]->properties, cmp_property);
            model_type_reindex_properties(m->types[i]);
        }
    if (m->nmethods)
        qsort(m->methods, m->nmethods, sizeof *m->methods, cmp_method);
    if (m->nconflicts)
        qsort(m->conflicts, m->nconflicts, sizeof *m->conflicts, cmp_conflict);
    if (m->nexamples)
        qsort(m->examples, m->nexamples, sizeof *m->examples, cmp_example);
}
