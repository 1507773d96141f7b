#include "schema_validate.h"

#include <stdio.h>
#include <string.h>

enum { MAX_REPORTED = 40, MAX_DEPTH = 64 };

typedef struct validation {
    const cJSON *root;
    strbuf *errors; /* NULL while trying alternatives (anyOf, if) */
    int count;
} validation;

static int validate(validation *v, const cJSON *schema, const cJSON *inst,
                    const char *path, int depth);

/* One error: "pointer: what[ detail]". */
static void fail(validation *v, const char *path, const char *what,
                 const char *detail)
{
    v->count++;
    if (!v->errors || v->count > MAX_REPORTED)
        return;
    strbuf_printf(v->errors, "%s: %s%s%s\n", *path ? path : "/", what,
                  detail ? " " : "", detail ? detail : "");
}

/* Quietly: does inst match schema. */
static int matches(validation *v, const cJSON *schema, const cJSON *inst,
                   const char *path, int depth)
{
    validation quiet = {v->root, NULL, 0};
    return validate(&quiet, schema, inst, path, depth);
}

/* Without libm: a double beyond 2^53 is whole anyway. */
static int is_whole(double d)
{
    if (d > 9.0e15 || d < -9.0e15)
        return d == d; /* not NaN */
    return d == (double)(long long)d;
}

static int is_type(const cJSON *inst, const char *type)
{
    if (strcmp(type, "object") == 0)
        return cJSON_IsObject(inst);
    if (strcmp(type, "array") == 0)
        return cJSON_IsArray(inst);
    if (strcmp(type, "string") == 0)
        return cJSON_IsString(inst);
    if (strcmp(type, "boolean") == 0)
        return cJSON_IsBool(inst);
    if (strcmp(type, "null") == 0)
        return cJSON_IsNull(inst);
    if (strcmp(type, "number") == 0)
        return cJSON_IsNumber(inst);
    if (strcmp(type, "integer") == 0)
        return cJSON_IsNumber(inst) && is_whole(inst->valuedouble);
    return 0;
}

static int check_type(validation *v, const cJSON *type, const cJSON *inst,
                      const char *path)
{
    if (cJSON_IsString(type)) {
        if (is_type(inst, type->valuestring))
            return 1;
        fail(v, path, "not of type", type->valuestring);
        return 0;
    }
    const cJSON *t;
    cJSON_ArrayForEach(t, type)
        if (cJSON_IsString(t) && is_type(inst, t->valuestring))
            return 1;
    fail(v, path, "not of any listed type", NULL);
    return 0;
}

static const cJSON *resolve_ref(validation *v, const char *ref,
                                const char *path)
{
    const char *prefix = "#/$defs/";
    if (strncmp(ref, prefix, strlen(prefix)) != 0) {
        fail(v, path, "unsupported $ref", ref);
        return NULL;
    }
    const cJSON *defs = cJSON_GetObjectItemCaseSensitive(v->root, "$defs");
    const cJSON *target =
        cJSON_GetObjectItemCaseSensitive(defs, ref + strlen(prefix));
    if (!target)
        fail(v, path, "$ref to a missing definition:", ref);
    return target;
}

static void child_path(char *out, size_t size, const char *path,
                       const char *key)
{
    snprintf(out, size, "%s/%s", path, key);
}

static int check_properties(validation *v, const cJSON *schema,
                            const cJSON *inst, const char *path, int depth)
{
    if (!cJSON_IsObject(inst))
        return 1;
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(schema, "properties");
    const cJSON *additional =
        cJSON_GetObjectItemCaseSensitive(schema, "additionalProperties");
    int ok = 1;
    const cJSON *member;
    cJSON_ArrayForEach(member, inst) {
        char sub[1024];
        child_path(sub, sizeof sub, path, member->string);
        const cJSON *ps = cJSON_GetObjectItemCaseSensitive(props, member->string);
        if (ps)
            ok &= validate(v, ps, member, sub, depth + 1);
        else if (cJSON_IsFalse(additional)) {
            fail(v, path, "property not allowed:", member->string);
            ok = 0;
        } else if (cJSON_IsObject(additional))
            ok &= validate(v, additional, member, sub, depth + 1);
    }
    return ok;
}

static int check_required(validation *v, const cJSON *required,
                          const cJSON *inst, const char *path)
{
    if (!cJSON_IsObject(inst))
        return 1;
    int ok = 1;
    const cJSON *name;
    cJSON_ArrayForEach(name, required)
        if (cJSON_IsString(name) &&
            !cJSON_GetObjectItemCaseSensitive(inst, name->valuestring)) {
            fail(v, path, "missing required property", name->valuestring);
            ok = 0;
        }
    return ok;
}

static int check_items(validation *v, const cJSON *items, const cJSON *inst,
                       const char *path, int depth)
{
    if (!cJSON_IsArray(inst))
        return 1;
    int ok = 1, i = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, inst) {
        char sub[1024], index[32];
        snprintf(index, sizeof index, "%d", i++);
        child_path(sub, sizeof sub, path, index);
        ok &= validate(v, items, item, sub, depth + 1);
    }
    return ok;
}

static int check_enum(validation *v, const cJSON *values, const cJSON *inst,
                      const char *path)
{
    const cJSON *value;
    cJSON_ArrayForEach(value, values)
        if (cJSON_Compare(value, inst, 1))
            return 1;
    fail(v, path, "value not in the enum", NULL);
    return 0;
}

static int check_bound(validation *v, const cJSON *bound, const cJSON *inst,
                       const char *path, int is_minimum)
{
    if (!cJSON_IsNumber(inst) || !cJSON_IsNumber(bound))
        return 1;
    int ok = is_minimum ? inst->valuedouble >= bound->valuedouble
                        : inst->valuedouble <= bound->valuedouble;
    if (!ok)
        fail(v, path, is_minimum ? "minimum" : "maximum", "violated");
    return ok;
}

static int check_any_of(validation *v, const cJSON *alternatives,
                        const cJSON *inst, const char *path, int depth)
{
    const cJSON *alt;
    cJSON_ArrayForEach(alt, alternatives)
        if (matches(v, alt, inst, path, depth + 1))
            return 1;
    fail(v, path, "matches none of anyOf", NULL);
    return 0;
}

static int check_if_then(validation *v, const cJSON *schema, const cJSON *inst,
                         const char *path, int depth)
{
    const cJSON *cond = cJSON_GetObjectItemCaseSensitive(schema, "if");
    const cJSON *then = cJSON_GetObjectItemCaseSensitive(schema, "then");
    if (!matches(v, cond, inst, path, depth + 1) || !then)
        return 1;
    return validate(v, then, inst, path, depth + 1);
}

/* Keywords handled in validate(), or that only annotate. */
static int known_keyword(const char *k)
{
    static const char *const known[] = {
        "$schema", "$id", "title", "description", "$defs", "type",
        "required", "properties", "additionalProperties", "items", "enum",
        "const", "$ref", "anyOf", "if", "then", "minimum", "maximum"};
    for (size_t i = 0; i < sizeof known / sizeof *known; i++)
        if (strcmp(k, known[i]) == 0)
            return 1;
    return 0;
}

static int validate(validation *v, const cJSON *schema, const cJSON *inst,
                    const char *path, int depth)
{
    if (depth > MAX_DEPTH) {
        fail(v, path, "nesting deeper than", "64");
        return 0;
    }
    if (cJSON_IsTrue(schema) || (cJSON_IsObject(schema) && !schema->child))
        return 1; /* true, {}: anything goes */
    if (!cJSON_IsObject(schema)) {
        fail(v, path, "schema is not an object", NULL);
        return 0;
    }
    int ok = 1;
    const cJSON *kw;
    cJSON_ArrayForEach(kw, schema) {
        const char *k = kw->string;
        if (!known_keyword(k)) {
            fail(v, path, "unsupported schema keyword", k);
            ok = 0;
        } else if (strcmp(k, "type") == 0)
            ok &= check_type(v, kw, inst, path);
        else if (strcmp(k, "required") == 0)
            ok &= check_required(v, kw, inst, path);
        else if (strcmp(k, "items") == 0)
            ok &= check_items(v, kw, inst, path, depth);
        else if (strcmp(k, "enum") == 0)
            ok &= check_enum(v, kw, inst, path);
        else if (strcmp(k, "const") == 0 && !cJSON_Compare(kw, inst, 1)) {
            fail(v, path, "value differs from const", NULL);
            ok = 0;
        } else if (strcmp(k, "$ref") == 0) {
            const cJSON *target = resolve_ref(v, kw->valuestring, path);
            ok &= target && validate(v, target, inst, path, depth + 1);
        } else if (strcmp(k, "anyOf") == 0)
            ok &= check_any_of(v, kw, inst, path, depth);
        else if (strcmp(k, "if") == 0)
            ok &= check_if_then(v, schema, inst, path, depth);
        else if (strcmp(k, "minimum") == 0 || strcmp(k, "maximum") == 0)
            ok &= check_bound(v, kw, inst, path, k[1] == 'i');
    }
    if (cJSON_GetObjectItemCaseSensitive(schema, "properties") ||
        cJSON_GetObjectItemCaseSensitive(schema, "additionalProperties"))
        ok &= check_properties(v, schema, inst, path, depth);
    return ok;
}

int schema_validate(const cJSON *schema, const cJSON *instance, strbuf *errors)
{
    validation v = {schema, errors, 0};
    validate(&v, schema, instance, "", 0);
    return v.count;
}
