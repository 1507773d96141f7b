/* model_types_from_json: the types of a model JSON (docs/model.schema.json,
 * as `apimd schema` prints it) read back into the model's structs, so that
 * code can be generated from a model file as from docs: the view reads
 * the structs either way.
 *
 * What the schema's output gives is read back as given: the tristates of
 * a property become explicit (TRI_YES or TRI_NO), so that its nullable
 * answer is the file's. A member given twice counts once, the first time
 * (as cJSON_GetObjectItemCaseSensitive finds it); a value of the wrong JSON
 * type counts as missing. Methods, examples and conflicts are not read:
 * code generation needs none of them. */
#include <limits.h>
#include <string.h>

#include "model/model.h"

static const cJSON *member(const cJSON *object, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(object, key);
}

static const char *string_member(const cJSON *object, const char *key)
{
    const cJSON *item = member(object, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

static tristate yes_or_no(const cJSON *object, const char *key)
{
    return cJSON_IsTrue(member(object, key)) ? TRI_YES : TRI_NO;
}

static int clamped_int(double value)
{
    if (value > INT_MAX)
        return INT_MAX;
    if (value < INT_MIN)
        return INT_MIN;
    return (int)value;
}

/* A source without a file or a numeric line is no source (file NULL). */
static src_ref read_source(model *m, const cJSON *element)
{
    src_ref s = {NULL, 0, 0};
    const cJSON *source = member(element, "source");
    const char *file = string_member(source, "file");
    const cJSON *line = member(source, "line");
    if (!file || !cJSON_IsNumber(line))
        return s;
    s.file = arena_strdup(&m->mem, file);
    s.line = clamped_int(line->valuedouble);
    const cJSON *col = member(source, "col");
    if (cJSON_IsNumber(col))
        s.col = clamped_int(col->valuedouble);
    return s;
}

/* The strings of a JSON array, copied; items of other types are left out. */
static const char **read_strings(model *m, const cJSON *array, size_t *n)
{
    *n = 0;
    size_t count = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, array)
        count += cJSON_IsString(item) != 0;
    if (!count)
        return NULL;
    const char **out = arena_alloc(&m->mem, count * sizeof *out);
    cJSON_ArrayForEach(item, array)
        if (cJSON_IsString(item))
            out[(*n)++] = arena_strdup(&m->mem, item->valuestring);
    return out;
}

static void read_property(model *m, model_type *t, const cJSON *json)
{
    model_property p;
    memset(&p, 0, sizeof p);
    p.name = arena_strdup(&m->mem, string_member(json, "name"));
    p.type.name = arena_strdup(&m->mem, string_member(json, "type"));
    p.type.alternatives = read_strings(m, member(json, "alternatives"),
                                       &p.type.nalternatives);
    p.type.primitive = cJSON_IsTrue(member(json, "primitive"));
    p.type.collection = cJSON_IsTrue(member(json, "collection"));
    p.nullable = yes_or_no(json, "nullable");
    p.read_only = yes_or_no(json, "readOnly");
    p.required = yes_or_no(json, "required");
    p.navigation = cJSON_IsTrue(member(json, "navigation"));
    p.inherited_from = arena_strdup(&m->mem, string_member(json, "inheritedFrom"));
    p.server_generated = cJSON_IsTrue(member(json, "serverGenerated"));
    p.supports_filter = cJSON_IsTrue(member(json, "supportsFilter"));
    p.description = arena_strdup(&m->mem, string_member(json, "description"));
    p.source = read_source(m, json);
    model_type_push_property(m, t, &p);
}

/* A value that is no whole number (missing, or with a fraction) is read
 * as LLONG_MIN, which no C enum constant holds: the view then numbers the
 * members in order, as for any value beyond an int. A member without a
 * name is kept; the view leaves it out. */
static long long member_value(const cJSON *value)
{
    if (!cJSON_IsNumber(value))
        return LLONG_MIN;
    double v = value->valuedouble;
    if (!(v >= -9.2e18 && v <= 9.2e18) || v != (double)(long long)v)
        return LLONG_MIN;
    return (long long)v;
}

static void read_member(model *m, model_type *t, const cJSON *json)
{
    enum_member *mem = ARENA_PUSH(&m->mem, t->members, t->nmembers, t->cap_members);
    memset(mem, 0, sizeof *mem);
    mem->name = arena_strdup(&m->mem, string_member(json, "name"));
    mem->description = arena_strdup(&m->mem, string_member(json, "description"));
    mem->value = member_value(member(json, "value"));
    mem->source = read_source(m, json);
}

static type_kind kind_named(const char *kind)
{
    if (strcmp(kind, "enum") == 0)
        return KIND_ENUM;
    return strcmp(kind, "entity") == 0 ? KIND_ENTITY : KIND_COMPLEX;
}

static int read_type(model *m, const cJSON *json, strbuf *error)
{
    const char *name = string_member(json, "name");
    const char *namespace = string_member(json, "namespace");
    const char *kind = string_member(json, "kind");
    if (!name || !*name || !namespace || !kind) {
        strbuf_puts(error, "model: a type lacks its name, namespace or kind");
        return -1;
    }
    model_type *t = model_add_type(m, namespace, name, kind_named(kind), read_source(m, json));
    t->base = arena_strdup(&m->mem, string_member(json, "base"));
    t->description = arena_strdup(&m->mem, string_member(json, "description"));
    t->inferred = cJSON_IsTrue(member(json, "inferred"));
    const cJSON *properties = member(json, "properties");
    model_type_reserve_properties(m, t, (size_t)cJSON_GetArraySize(properties));
    const cJSON *item;
    cJSON_ArrayForEach(item, properties)
        read_property(m, t, item);
    if (t->kind == KIND_ENUM)
        cJSON_ArrayForEach(item, member(json, "members"))
            read_member(m, t, item);
    return 0;
}

static int check_root(const cJSON *json, strbuf *error)
{
    if (!cJSON_IsObject(json) || !string_member(json, "namespace") ||
        !cJSON_IsArray(member(json, "types"))) {
        strbuf_puts(error, "model: expected an object with \"namespace\" and "
                           "\"types\" (see docs/model.schema.json)");
        return -1;
    }
    const cJSON *version = member(json, "apimdModelVersion");
    if (cJSON_IsNumber(version) && version->valuedouble != 1) {
        strbuf_printf(error, "model: apimdModelVersion %g is not supported (expected 1)",
                      version->valuedouble);
        return -1;
    }
    return 0;
}

model *model_types_from_json(const cJSON *json, strbuf *error)
{
    if (check_root(json, error) != 0)
        return NULL;
    model *m = model_new();
    m->default_namespace = arena_strdup(&m->mem, string_member(json, "namespace"));
    const cJSON *type;
    cJSON_ArrayForEach(type, member(json, "types")) {
        if (read_type(m, type, error) != 0) {
            model_free(m);
            return NULL;
        }
    }
    return m;
}
