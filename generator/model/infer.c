/* Types only seen in JSON: an object of an example or representation
 * names its type with "@odata.type", or its type follows from the property
 * that holds it. A type no page defines is created from such objects
 * (inferred), its properties typed by their values. Types a page defines
 * gain nothing from examples: examples are often partial or show derived
 * types, and the lint stage reports what they add. */
#include <ctype.h>
#include <string.h>

#include "model/merge_internal.h"
#include "model/typeinfo.h"

typedef struct infer_walk {
    merge_ctx *mc;
    src_ref source; /* the example's */
} infer_walk;

static void infer_object(infer_walk *w, const cJSON *object, const char *ns,
                         const char *name, int depth);

static model_type *inferred_type(infer_walk *w, const char *ns,
                                 const char *name)
{
    merge_ctx *mc = w->mc;
    model_type *t = type_index_find(&mc->index, ns, name);
    if (t)
        return t;
    model_type proto;
    memset(&proto, 0, sizeof proto);
    proto.name = name;
    proto.namespace = ns ? ns : mc->m->default_namespace;
    proto.kind = KIND_COMPLEX;
    proto.inferred = 1;
    proto.source = w->source;
    return merge_new_type(mc, &proto);
}

static void add_inferred_property(infer_walk *w, model_type *t,
                                  const cJSON *value)
{
    if (model_type_find_property(t, value->string))
        return;
    model_property p;
    memset(&p, 0, sizeof p);
    p.name = arena_strdup(&w->mc->m->mem, value->string);
    p.type = infer_json_type(&w->mc->m->mem, value);
    p.nullable = p.read_only = p.required = TRI_UNKNOWN;
    p.source = w->source;
    const char **values;
    const cJSON *text = cJSON_IsArray(value) ? value->child : value;
    size_t n = split_bar_values(&w->mc->m->mem,
                                cJSON_IsString(text) ? text->valuestring : NULL,
                                &values);
    if (n > 1) {
        p.enum_values = values;
        p.nenum_values = n;
    }
    merge_property(w->mc, t, &p);
}

/* A name a type can have: "Untyped JSON" or a cell's stray markup is
 * none, and no type is made up for it. */
static int is_type_name(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}

/* The type a member's value has: its own @odata.type, else the declared
 * type of the property that holds it. */
static void infer_member(infer_walk *w, model_type *owner, const cJSON *value,
                         int depth)
{
    const model_property *declared =
        owner && value->string ? model_type_find_property(owner, value->string)
                               : NULL;
    const char *ns = NULL, *name = NULL;
    if (declared && declared->type.name && !declared->type.primitive &&
        is_type_name(declared->type.name)) {
        ns = declared->type.namespace;
        name = declared->type.name;
    }
    if (cJSON_IsObject(value)) {
        infer_object(w, value, ns, name, depth + 1);
        return;
    }
    if (!cJSON_IsArray(value))
        return;
    const cJSON *item;
    cJSON_ArrayForEach(item, value)
        if (cJSON_IsObject(item))
            infer_object(w, item, ns, name, depth + 1);
}

static void infer_object(infer_walk *w, const cJSON *object, const char *ns,
                         const char *name, int depth)
{
    if (depth > 32)
        return; /* deeper than any real example: do not recurse forever */
    const char *own_ns, *own_name;
    if (json_odata_type(&w->mc->m->mem, object, &own_ns, &own_name)) {
        ns = own_ns;
        name = own_name;
    }
    model_type *t = name ? inferred_type(w, ns, name) : NULL;
    if (t && t->kind == KIND_ENUM)
        t = NULL;
    const cJSON *value;
    cJSON_ArrayForEach(value, object) {
        if (!value->string || strncmp(value->string, "@odata.", 7) == 0 ||
            strchr(value->string, '@'))
            continue;
        if (t && t->inferred)
            add_inferred_property(w, t, value);
        infer_member(w, t, value, depth);
    }
}

static void infer_example(merge_ctx *mc, const model_example *e)
{
    infer_walk w = {mc, e->source};
    const cJSON *json = e->json;
    const char *ns = NULL;
    /* A collection response: {"value": [ items of the type ]}. */
    const cJSON *items = cJSON_GetObjectItemCaseSensitive(json, "value");
    if (e->collection && cJSON_IsArray(items))
        json = items;
    if (cJSON_IsObject(json)) {
        infer_object(&w, json, ns, e->type, 0);
        return;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, json)
        if (cJSON_IsObject(item))
            infer_object(&w, item, ns, e->type, 0);
}

void infer_from_examples(merge_ctx *mc)
{
    for (size_t i = 0; i < mc->m->nexamples; i++)
        infer_example(mc, mc->m->examples[i]);
}
