/* model_merge: fragments in path order -> one model. A type's own page
 * (resource or enum page) is its primary source and goes in first (the
 * page named after the type before any other that defines it too); the
 * other pages (request-body tables of API pages, duplicate definitions)
 * then add what the primary source leaves out, and where they disagree
 * the primary answer stays and the disagreement becomes a conflict at the
 * other page. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/merge_internal.h"
#include "model/typeinfo.h"

model_type *merge_new_type(merge_ctx *mc, const model_type *t)
{
    model *m = mc->m;
    model_type *mt = model_add_type(m, t->namespace, t->name, t->kind, t->source);
    mt->base = t->base;
    mt->description = t->description;
    mt->inferred = t->inferred;
    mt->primary = t->primary;
    for (size_t i = 0; i < t->nproperties; i++)
        model_type_push_property(m, mt, &t->properties[i]);
    for (size_t i = 0; i < t->nmembers; i++)
        *ARENA_PUSH(&m->mem, mt->members, mt->nmembers, mt->cap_members) =
            t->members[i];
    type_index_add(&mc->index, mt);
    return mt;
}

int type_derives_from(merge_ctx *mc, const model_type *t,
                      const model_type *ancestor)
{
    /* Bounded: a cycle of bases in the docs must not hang the merge. */
    for (int depth = 0; t && depth < 32; depth++) {
        if (t == ancestor)
            return 1;
        t = t->base ? type_index_find(&mc->index, t->namespace, t->base) : NULL;
    }
    return 0;
}

static int is_enum_type(merge_ctx *mc, const char *name)
{
    model_type *t = type_index_find(&mc->index, NULL, name);
    return t && t->kind == KIND_ENUM;
}

static int names_alternative(const type_ref *t, const char *name)
{
    for (size_t i = 0; i < t->nalternatives; i++)
        if (strcasecmp(t->alternatives[i], name) == 0)
            return 1;
    return 0;
}

/* "String" with listed values is an enum the page did not name; another
 * page naming an enum (or any non-primitive) for it does not disagree. */
static int enum_in_disguise(merge_ctx *mc, const model_property *p,
                            const model_property *other)
{
    return p->type.primitive && strcmp(p->type.name, "String") == 0 &&
           !other->type.primitive &&
           (p->nenum_values || is_enum_type(mc, other->type.name));
}

static int related_types(merge_ctx *mc, const char *a, const char *b)
{
    model_type *ta = type_index_find(&mc->index, NULL, a);
    model_type *tb = type_index_find(&mc->index, NULL, b);
    return ta && tb &&
           (type_derives_from(mc, ta, tb) || type_derives_from(mc, tb, ta));
}

static int types_agree(merge_ctx *mc, const model_property *kept,
                       const model_property *other)
{
    const char *a = kept->type.name, *b = other->type.name;
    if (!a || !b || strcasecmp(a, b) == 0)
        return 1;
    if (names_alternative(&kept->type, b) || names_alternative(&other->type, a))
        return 1;
    if (enum_in_disguise(mc, kept, other) || enum_in_disguise(mc, other, kept))
        return 1;
    return related_types(mc, a, b);
}

static int value_listed(const model_property *p, const char *v)
{
    for (size_t i = 0; i < p->nenum_values; i++)
        if (strcmp(p->enum_values[i], v) == 0)
            return 1;
    return 0;
}

static int same_values(const model_property *a, const model_property *b)
{
    for (size_t i = 0; i < a->nenum_values; i++)
        if (!value_listed(b, a->enum_values[i]))
            return 0;
    for (size_t i = 0; i < b->nenum_values; i++)
        if (!value_listed(a, b->enum_values[i]))
            return 0;
    return 1;
}

static void compare_property(merge_ctx *mc, const model_type *t,
                             model_property *kept, const model_property *other)
{
    model *m = mc->m;
    if (!types_agree(mc, kept, other))
        model_add_conflict(m, "conflict-type", other->source, kept->source,
                           "%s.%s: type %s here, %s in %s", t->name,
                           kept->name, other->type.name, kept->type.name,
                           kept->source.file);
    else if (kept->type.name && other->type.name &&
             kept->type.collection != other->type.collection)
        model_add_conflict(m, "conflict-collection", other->source,
                           kept->source, "%s.%s: %s here, %s in %s", t->name,
                           kept->name,
                           other->type.collection ? "a collection" : "a single value",
                           kept->type.collection ? "a collection" : "a single value",
                           kept->source.file);
    if (kept->nenum_values && other->nenum_values && !same_values(kept, other))
        model_add_conflict(m, "conflict-enum", other->source, kept->source,
                           "%s.%s: other enum values here than in %s",
                           t->name, kept->name, kept->source.file);
}

/* What the kept property leaves unsaid, the other source may say. An enum
 * name for a "String with listed values" is taken here too. */
static void fill_unknowns(merge_ctx *mc, model_property *kept,
                          const model_property *other)
{
    if (!kept->type.name && other->type.name) {
        const char *written = kept->type.written;
        kept->type = other->type;
        kept->type.written = written ? written : other->type.written;
    } else if (enum_in_disguise(mc, kept, other)) {
        kept->type.name = other->type.name;
        kept->type.namespace = other->type.namespace;
        kept->type.primitive = 0;
    }
    if (kept->nullable == TRI_UNKNOWN)
        kept->nullable = other->nullable;
    if (kept->read_only == TRI_UNKNOWN)
        kept->read_only = other->read_only;
    if (kept->required == TRI_UNKNOWN)
        kept->required = other->required;
    if (!kept->description)
        kept->description = other->description;
    if (!kept->inherited_from)
        kept->inherited_from = other->inherited_from;
    if (!kept->nenum_values) {
        kept->enum_values = other->enum_values;
        kept->nenum_values = other->nenum_values;
    }
}

void merge_property(merge_ctx *mc, model_type *t, const model_property *p)
{
    model_property *kept = model_type_find_property_nocase(t, p->name);
    if (!kept) {
        model_type_push_property(mc->m, t, p);
        return;
    }
    compare_property(mc, t, kept, p);
    fill_unknowns(mc, kept, p);
}

static int has_member(const model_type *t, const char *name)
{
    for (size_t i = 0; i < t->nmembers; i++)
        if (strcmp(t->members[i].name, name) == 0)
            return 1;
    return 0;
}

static int same_members(const model_type *a, const model_type *b)
{
    if (a->nmembers != b->nmembers)
        return 0;
    for (size_t i = 0; i < b->nmembers; i++)
        if (!has_member(a, b->members[i].name))
            return 0;
    return 1;
}

/* Another page's account of a type the model already has. */
static void merge_into(merge_ctx *mc, model_type *kept, const model_type *t)
{
    if (kept->kind == KIND_ENUM && t->kind == KIND_ENUM) {
        if (!same_members(kept, t))
            model_add_conflict(mc->m, "conflict-enum", t->source, kept->source,
                               "enum %s: other members here than in %s",
                               kept->name, kept->source.file);
        return;
    }
    for (size_t i = 0; i < t->nproperties; i++)
        merge_property(mc, kept, &t->properties[i]);
    if (!kept->base)
        kept->base = t->base;
    if (!kept->description)
        kept->description = t->description;
    if (t->kind == KIND_ENTITY && kept->kind == KIND_COMPLEX && !kept->primary)
        kept->kind = KIND_ENTITY;
}

static void merge_type(merge_ctx *mc, const model_type *t)
{
    model_type *kept = type_index_find(&mc->index, t->namespace, t->name);
    /* A primary definition in another namespace is another type. */
    if (kept && t->primary &&
        (!kept->namespace || !t->namespace ||
         strcasecmp(kept->namespace, t->namespace) != 0))
        kept = NULL;
    if (kept)
        merge_into(mc, kept, t);
    else
        merge_new_type(mc, t);
}

/* Whether a type's page is named after it: resources/user.md for user.
 * Two pages may define a type (intune-devices-user.md defines user too);
 * the one named after it is the type's own. */
static int on_own_page(const model_type *t)
{
    const char *file = t->source.file;
    if (!file)
        return 0;
    const char *base = strrchr(file, '/');
    base = base ? base + 1 : file;
    size_t n = strlen(t->name);
    return strncasecmp(base, t->name, n) == 0 && strcmp(base + n, ".md") == 0;
}

/* Which pass takes a type in: the definitions on the type's own page
 * first, then the other definitions, then what other pages say of it. */
static int merge_pass(const model_type *t)
{
    if (!t->primary)
        return 2;
    return on_own_page(t) ? 0 : 1;
}

static void merge_types(merge_ctx *mc, model **fragments, size_t n)
{
    for (int pass = 0; pass < 3; pass++)
        for (size_t f = 0; f < n; f++)
            for (size_t i = 0; i < fragments[f]->ntypes; i++)
                if (merge_pass(fragments[f]->types[i]) == pass)
                    merge_type(mc, fragments[f]->types[i]);
}

static void take_over(model *m, model **fragments, size_t n)
{
    for (size_t f = 0; f < n; f++) {
        model *frag = fragments[f];
        *ARENA_PUSH(&m->mem, m->fragments, m->nfragments, m->cap_fragments) = frag;
        for (size_t i = 0; i < frag->nmethods; i++)
            *ARENA_PUSH(&m->mem, m->methods, m->nmethods, m->cap_methods) =
                frag->methods[i];
        /* The examples' JSON stays in the fragment's arena. */
        for (size_t i = 0; i < frag->nexamples; i++)
            *ARENA_PUSH(&m->mem, m->examples, m->nexamples, m->cap_examples) =
                frag->examples[i];
        for (size_t i = 0; i < frag->nconflicts; i++)
            *ARENA_PUSH(&m->mem, m->conflicts, m->nconflicts, m->cap_conflicts) =
                frag->conflicts[i];
    }
}

/* The namespace most pages declare. */
static const char *common_namespace(model **fragments, size_t n)
{
    const char *best = "microsoft.graph";
    size_t best_count = 0;
    for (size_t i = 0; i < n; i++) {
        const char *ns = fragments[i]->default_namespace;
        if (!ns)
            continue;
        size_t count = 0;
        for (size_t j = 0; j < n; j++)
            count += fragments[j]->default_namespace &&
                     strcmp(fragments[j]->default_namespace, ns) == 0;
        if (count > best_count) {
            best = ns;
            best_count = count;
        }
        if (best_count * 2 > n)
            break;
    }
    return best;
}

model *model_merge(model **fragments, size_t n)
{
    model *m = model_new();
    merge_ctx mc = {m, {NULL, 0, 0}};
    type_index_init(&mc.index);
    m->default_namespace = arena_strdup(&m->mem, common_namespace(fragments, n));
    merge_types(&mc, fragments, n);
    take_over(m, fragments, n);
    infer_from_examples(&mc);
    name_inline_enums(&mc);
    resolve_references(&mc);
    sort_model(m);
    type_index_free(&mc.index);
    return m;
}
