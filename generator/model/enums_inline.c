/* Properties whose description lists their values ("Possible values are:
 * `incoming`, `outgoing`") are enums the page does not name. The enum
 * type they get:
 *   1. the name another page gives the property's type (the request-body
 *      table of an API page says "callState"), when there is one;
 *   2. else the owner's name followed by the property's name with its
 *      first letter in upper case: call + state -> callState, which is the
 *      way Graph names most of its enums.
 * When a type of that name exists (an enum page defines it), the property
 * takes it, and values that differ from its members are a conflict-enum;
 * otherwise an enum type is created from the listed values. Only String
 * properties (and ones of an enum or unknown type) become enums: "Boolean.
 * Possible values are true, false" stays Boolean. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "model/merge_internal.h"

static const char *inline_enum_name(model *m, const model_type *owner,
                                    const model_property *p)
{
    if (p->type.name && !p->type.primitive)
        return p->type.name;
    char *name = arena_printf(&m->mem, "%s%s", owner->name, p->name);
    size_t at = strlen(owner->name);
    name[at] = (char)toupper((unsigned char)name[at]);
    return name;
}

static int member_listed(const model_type *t, const char *value)
{
    for (size_t i = 0; i < t->nmembers; i++)
        if (strcmp(t->members[i].name, value) == 0)
            return 1;
    return 0;
}

/* Values are compared without case, as the lint compares example values
 * with members: "Normal" for normal is the same value. */
static int member_listed_nocase(const model_type *t, const char *value)
{
    for (size_t i = 0; i < t->nmembers; i++)
        if (strcasecmp(t->members[i].name, value) == 0)
            return 1;
    return 0;
}

static int values_match_members(const model_type *e, const model_property *p)
{
    for (size_t i = 0; i < p->nenum_values; i++)
        if (!member_listed_nocase(e, p->enum_values[i]))
            return 0;
    return 1;
}

static model_type *create_inline_enum(merge_ctx *mc, const char *ns,
                                      const char *name,
                                      const model_property *p)
{
    model_type proto;
    memset(&proto, 0, sizeof proto);
    proto.name = name;
    proto.namespace = ns;
    proto.kind = KIND_ENUM;
    proto.source = p->source;
    model_type *e = merge_new_type(mc, &proto);
    model *m = mc->m;
    for (size_t i = 0; i < p->nenum_values; i++) {
        if (member_listed(e, p->enum_values[i]))
            continue;
        enum_member *mem = ARENA_PUSH(&m->mem, e->members, e->nmembers,
                                      e->cap_members);
        memset(mem, 0, sizeof *mem);
        mem->name = p->enum_values[i];
        mem->value = (long long)i;
        mem->source = p->source;
    }
    return e;
}

static int can_be_enum(const model_property *p)
{
    if (p->nenum_values < 2)
        return 0;
    return !p->type.name || !p->type.primitive ||
           strcmp(p->type.name, "String") == 0;
}

/* The enum type of that name, if the model has one already. A name the
 * docs give may be a type of any namespace, as type cells are; a name made
 * up from the owner's is the owner's namespace's only: callRecords has a
 * mediaStreamDirection of its own, which is not the one microsoft.graph's
 * mediaStream.direction lists values for. */
static model_type *existing_enum(merge_ctx *mc, const model_type *owner,
                                 const model_property *p, const char *name)
{
    model_type *e = type_index_find(&mc->index, owner->namespace, name);
    int named_by_docs = p->type.name && !p->type.primitive;
    if (e && !named_by_docs &&
        (!e->namespace || !owner->namespace ||
         strcasecmp(e->namespace, owner->namespace) != 0))
        return NULL;
    return e;
}

static void name_property_enum(merge_ctx *mc, const model_type *owner,
                               model_property *p)
{
    const char *name = inline_enum_name(mc->m, owner, p);
    model_type *e = existing_enum(mc, owner, p, name);
    if (e && e->kind != KIND_ENUM)
        return; /* the name is a complex type's: not an enum after all */
    if (!e)
        e = create_inline_enum(mc, owner->namespace, name, p);
    else if (!values_match_members(e, p))
        model_add_conflict(mc->m, "conflict-enum", p->source, e->source,
                           "%s.%s: values that enum %s does not list",
                           owner->name, p->name, e->name);
    p->type.name = e->name;
    p->type.namespace = e->namespace;
    p->type.primitive = 0;
}

void name_inline_enums(merge_ctx *mc)
{
    model *m = mc->m;
    /* Creating enums appends to m->types: walk the types present before. */
    size_t ntypes = m->ntypes;
    for (size_t i = 0; i < ntypes; i++) {
        model_type *t = m->types[i];
        if (t->kind == KIND_ENUM)
            continue;
        for (size_t j = 0; j < t->nproperties; j++)
            if (can_be_enum(&t->properties[j]))
                name_property_enum(mc, t, &t->properties[j]);
    }
}
