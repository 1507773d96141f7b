/* The model's builders: the small operations extraction and merge share. */
#include "model/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/json_copy.h"
#include "util/xalloc.h"

const char *type_kind_name(type_kind k)
{
    switch (k) {
    case KIND_ENTITY:
        return "entity";
    case KIND_COMPLEX:
        return "complex";
    case KIND_ENUM:
        return "enum";
    }
    return "complex";
}

const char *example_role_name(example_role r)
{
    switch (r) {
    case EXAMPLE_RESOURCE:
        return "resource";
    case EXAMPLE_JSON:
        return "example";
    case EXAMPLE_REQUEST:
        return "request";
    case EXAMPLE_RESPONSE:
        return "response";
    }
    return "example";
}

model *model_new(void)
{
    model *m = xcalloc(1, sizeof *m);
    m->mem = (arena)ARENA_INIT;
    return m;
}

void model_free(model *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->nfragments; i++)
        model_free(m->fragments[i]);
    arena_free(&m->mem);
    free(m);
}

model_type *model_add_type(model *m, const char *ns, const char *name,
                           type_kind kind, src_ref source)
{
    model_type *t = arena_alloc(&m->mem, sizeof *t);
    t->name = arena_strdup(&m->mem, name);
    t->namespace = arena_strdup(&m->mem, ns);
    t->kind = kind;
    t->source = source;
    *ARENA_PUSH(&m->mem, m->types, m->ntypes, m->cap_types) = t;
    return t;
}

model_type *model_find_type(const model *m, const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0; i < m->ntypes; i++)
        if (strcmp(m->types[i]->name, name) == 0)
            return m->types[i];
    for (size_t i = 0; i < m->ntypes; i++)
        if (strcasecmp(m->types[i]->name, name) == 0)
            return m->types[i];
    return NULL;
}

model_property *model_type_add_property(model *m, model_type *t,
                                        const char *name)
{
    model_property p;
    memset(&p, 0, sizeof p);
    p.name = arena_strdup(&m->mem, name);
    p.nullable = TRI_UNKNOWN;
    p.read_only = TRI_UNKNOWN;
    p.required = TRI_UNKNOWN;
    return model_type_push_property(m, t, &p);
}

model_method *model_add_method(model *m, const char *id, src_ref source)
{
    model_method *mm = arena_alloc(&m->mem, sizeof *mm);
    mm->id = arena_strdup(&m->mem, id);
    mm->source = source;
    *ARENA_PUSH(&m->mem, m->methods, m->nmethods, m->cap_methods) = mm;
    return mm;
}

model_example *model_add_example(model *m, example_role role, const cJSON *json,
                                 src_ref source)
{
    model_example *e = arena_alloc(&m->mem, sizeof *e);
    e->role = role;
    e->json = json_copy_in_arena(&m->mem, json);
    e->source = source;
    *ARENA_PUSH(&m->mem, m->examples, m->nexamples, m->cap_examples) = e;
    return e;
}

void model_add_conflict(model *m, const char *rule, src_ref at, src_ref other,
                        const char *fmt, ...)
{
    model_conflict *c =
        ARENA_PUSH(&m->mem, m->conflicts, m->nconflicts, m->cap_conflicts);
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *msg = arena_alloc(&m->mem, (size_t)(n < 0 ? 0 : n) + 1);
    vsnprintf(msg, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    c->rule = rule;
    c->message = msg;
    c->at = at;
    c->other = other;
}

/* OData makes properties nullable unless declared otherwise; the docs only
 * say so when it matters ("Not nullable"). A key, a required property and
 * a collection (an empty collection is sent, never null) are not. */
int src_ref_line(const src_ref *s) { return s->line > 0 ? s->line : 1; }

int type_ref_is_union(const type_ref *t) { return t->nalternatives > 1; }

int model_property_nullable(const model_property *p)
{
    if (p->nullable != TRI_UNKNOWN)
        return p->nullable == TRI_YES;
    if (p->required == TRI_YES)
        return 0;
    if (p->type.collection)
        return 0;
    if (p->name && strcmp(p->name, "id") == 0)
        return 0;
    return 1;
}
