/* A type's properties by name. Most types have a few dozen properties and
 * a linear search is the cheapest way to find one; a page with a table of
 * thousands of rows (or a representation of thousands of keys) would make
 * every row's lookup cost the whole table, so past a few properties a
 * type keeps an open-addressing hash of them, keyed by the case-folded
 * name so that the case-insensitive lookup of the merge uses it too.
 *
 * Linear probing without deletions keeps the properties of one folded name
 * in the order they were added along their probe chain, so the hash finds
 * the same property as the linear search: the first one. */
#include <string.h>
#include <strings.h>

#include "model/model.h"
#include "model/type_index.h" /* folded_name_hash */

/* Fewer properties than this are searched one by one. */
enum { INDEX_FROM = 16 };

static void index_slot(model_type *t, size_t i)
{
    size_t mask = t->nproperty_slots - 1;
    size_t s = (size_t)folded_name_hash(t->properties[i].name) & mask;
    while (t->property_slots[s])
        s = (s + 1) & mask;
    t->property_slots[s] = (unsigned)(i + 1);
}

static void index_all(model_type *t)
{
    memset(t->property_slots, 0, t->nproperty_slots * sizeof *t->property_slots);
    for (size_t i = 0; i < t->nproperties; i++)
        index_slot(t, i);
}

/* Room for twice the properties: short probe chains. */
static void ensure_slots(model *m, model_type *t)
{
    if (t->nproperties < INDEX_FROM || t->nproperties * 2 <= t->nproperty_slots)
        return;
    size_t n = t->nproperty_slots ? t->nproperty_slots : 32;
    while (n < t->nproperties * 2)
        n *= 2;
    t->property_slots = arena_alloc(&m->mem, n * sizeof *t->property_slots);
    t->nproperty_slots = n;
    index_all(t);
}

model_property *model_type_push_property(model *m, model_type *t,
                                         const model_property *p)
{
    size_t had_slots = t->nproperty_slots;
    *ARENA_PUSH(&m->mem, t->properties, t->nproperties, t->cap_properties) = *p;
    ensure_slots(m, t);
    if (t->nproperty_slots && t->nproperty_slots == had_slots)
        index_slot(t, t->nproperties - 1);
    return &t->properties[t->nproperties - 1];
}

void model_type_reserve_properties(model *m, model_type *t, size_t n)
{
    if (n <= t->cap_properties)
        return;
    t->properties = arena_grow(&m->mem, t->properties,
                               t->cap_properties * sizeof *t->properties,
                               n * sizeof *t->properties);
    t->cap_properties = n;
}

void model_type_reindex_properties(model_type *t)
{
    if (t->nproperty_slots)
        index_all(t);
}

static int keep_any(const model_property *p, const void *ctx)
{
    (void)p;
    (void)ctx;
    return 1;
}

static int fold(char c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* The first letters are compared here: most names differ there, and the
 * call is then not made. */
static int name_matches(const model_property *p, const char *name, int nocase)
{
    if (nocase)
        return fold(p->name[0]) == fold(name[0]) && strcasecmp(p->name, name) == 0;
    return p->name[0] == name[0] && strcmp(p->name, name) == 0;
}

/* The first property whose name matches, exactly (nocase 0) or ignoring
 * case (nocase 1), and that keep accepts. */
static model_property *find_indexed(const model_type *t, const char *name,
                                    int nocase, property_filter keep,
                                    const void *ctx)
{
    size_t mask = t->nproperty_slots - 1;
    model_property *found = NULL;
    for (size_t s = (size_t)folded_name_hash(name) & mask; t->property_slots[s];
         s = (s + 1) & mask) {
        model_property *p = &t->properties[t->property_slots[s] - 1];
        if ((!found || p < found) && name_matches(p, name, nocase) && keep(p, ctx))
            found = p;
    }
    return found;
}

static model_property *find_linear(const model_type *t, const char *name,
                                   int nocase, property_filter keep,
                                   const void *ctx)
{
    for (size_t i = 0; i < t->nproperties; i++)
        if (name_matches(&t->properties[i], name, nocase) &&
            keep(&t->properties[i], ctx))
            return &t->properties[i];
    return NULL;
}

model_property *model_type_find_property_if(const model_type *t,
                                            const char *name, int nocase,
                                            property_filter keep,
                                            const void *ctx)
{
    if (!name)
        return NULL;
    return t->nproperty_slots ? find_indexed(t, name, nocase, keep, ctx)
                              : find_linear(t, name, nocase, keep, ctx);
}

model_property *model_type_find_property(const model_type *t, const char *name)
{
    return model_type_find_property_if(t, name, 0, keep_any, NULL);
}

model_property *model_type_find_property_nocase(const model_type *t,
                                                const char *name)
{
    model_property *p = model_type_find_property_if(t, name, 0, keep_any, NULL);
    return p ? p : model_type_find_property_if(t, name, 1, keep_any, NULL);
}
