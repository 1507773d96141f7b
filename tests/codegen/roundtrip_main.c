/* Test driver compiled together with a generated library and its
 * registry (registry.mustache):
 *
 *     roundtrip MODEL.json [CASES.json] [--min-roundtrip N]
 *
 * 1. Every example of the model whose type the library has goes through
 *    from_json and to_json and must come back equal (cJSON_Compare, order
 *    of members ignored); validate runs too and its findings are counted.
 * 2. Every case of CASES.json ({"name", "type", "json", "expect", "path",
 *    "message"}) must fail at the stage it names ("from_json" or
 *    "validate") with that path and a message containing that text, or
 *    pass both and round-trip ("expect": "ok").
 * Prints a summary; exits 1 on any failure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

static int failures;

static char *read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    size_t n;
    while (text && (n = fread(text + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (len + 1 == cap)
            text = realloc(text, cap *= 2);
    }
    fclose(f);
    if (!text)
        exit(2);
    text[len] = '\0';
    return text;
}

static cJSON *read_json(const char *path)
{
    char *text = read_text(path);
    cJSON *json = cJSON_Parse(text);
    free(text);
    if (!json) {
        fprintf(stderr, "%s: not JSON\n", path);
        exit(2);
    }
    return json;
}

static const registry_type *find_type(const char *name)
{
    for (size_t i = 0; name && i < registry_type_count; i++)
        if (strcmp(registry_types[i].name, name) == 0)
            return &registry_types[i];
    return NULL;
}

static const char *string_of(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}

typedef struct counts {
    int round_tripped, rejected, skipped, valid, invalid;
} counts;

static void print_json(const char *label, const cJSON *json)
{
    char *text = cJSON_PrintUnformatted(json);
    fprintf(stderr, "  %s: %s\n", label, text ? text : "(none)");
    free(text);
}

/* One JSON object of a known type through from_json, to_json, validate. */
static void round_trip(const registry_type *type, const cJSON *json, const char *where,
                       counts *c)
{
    void *value = NULL;
    registry_error err = {"", ""};
    if (type->from_json(json, &value, &err) != 0) {
        printf("rejected %s: %s: %s\n", where, err.path, err.message);
        c->rejected++;
        return;
    }
    cJSON *back = type->to_json(value);
    if (back && cJSON_Compare(json, back, 1)) {
        c->round_tripped++;
    } else {
        fprintf(stderr, "FAIL %s: round trip differs\n", where);
        print_json("read   ", json);
        print_json("written", back);
        failures++;
    }
    cJSON_Delete(back);
    if (type->validate(value, &err) == 0) {
        c->valid++;
    } else {
        printf("invalid %s: %s: %s\n", where, err.path, err.message);
        c->invalid++;
    }
    type->free_value(value);
}

static void run_examples(const cJSON *model, counts *c)
{
    const cJSON *example;
    cJSON_ArrayForEach(example, cJSON_GetObjectItemCaseSensitive(model, "examples")) {
        const registry_type *type = find_type(string_of(example, "type"));
        const cJSON *json = cJSON_GetObjectItemCaseSensitive(example, "json");
        const cJSON *source = cJSON_GetObjectItemCaseSensitive(example, "source");
        char where[600];
        snprintf(where, sizeof where, "%s:%d", string_of(source, "file") ? string_of(source, "file") : "?",
                 cJSON_GetObjectItemCaseSensitive(source, "line")
                     ? cJSON_GetObjectItemCaseSensitive(source, "line")->valueint : 0);
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(example, "collection")) &&
            cJSON_IsObject(json))
            json = cJSON_GetObjectItemCaseSensitive(json, "value");
        if (!type || !json) {
            c->skipped++;
            continue;
        }
        if (cJSON_IsArray(json)) {
            const cJSON *item;
            cJSON_ArrayForEach(item, json) {
                if (cJSON_IsObject(item))
                    round_trip(type, item, where, c);
                else
                    c->skipped++;
            }
        } else if (cJSON_IsObject(json)) {
            round_trip(type, json, where, c);
        } else {
            c->skipped++;
        }
    }
}

/* ---- cases ---- */

static int expect_error(const char *name, const char *stage, const registry_error *err,
                        const cJSON *spec)
{
    const char *path = string_of(spec, "path");
    const char *message = string_of(spec, "message");
    if ((path && strcmp(path, err->path) != 0) ||
        (message && !strstr(err->message, message))) {
        fprintf(stderr, "FAIL case %s: %s said \"%s: %s\", expected \"%s: ...%s...\"\n", name,
                stage, err->path, err->message, path ? path : "*", message ? message : "");
        return 0;
    }
    return 1;
}

static int run_case(const cJSON *spec)
{
    const char *name = string_of(spec, "name");
    const char *expect = string_of(spec, "expect");
    const registry_type *type = find_type(string_of(spec, "type"));
    const cJSON *json = cJSON_GetObjectItemCaseSensitive(spec, "json");
    if (!name || !expect || !type || !json) {
        fprintf(stderr, "FAIL case %s: malformed, or its type is not generated\n",
                name ? name : "?");
        return 0;
    }
    void *value = NULL;
    registry_error err = {"", ""};
    if (type->from_json(json, &value, &err) != 0) {
        if (strcmp(expect, "from_json") == 0)
            return expect_error(name, "from_json", &err, spec);
        fprintf(stderr, "FAIL case %s: from_json refused it: %s: %s\n", name, err.path,
                err.message);
        return 0;
    }
    int ok = 1;
    if (strcmp(expect, "from_json") == 0) {
        fprintf(stderr, "FAIL case %s: from_json accepted it\n", name);
        ok = 0;
    } else if (type->validate(value, &err) != 0) {
        ok = strcmp(expect, "validate") == 0 ? expect_error(name, "validate", &err, spec) : 0;
        if (strcmp(expect, "validate") != 0)
            fprintf(stderr, "FAIL case %s: validate refused it: %s: %s\n", name, err.path,
                    err.message);
    } else if (strcmp(expect, "validate") == 0) {
        fprintf(stderr, "FAIL case %s: validate accepted it\n", name);
        ok = 0;
    }
    cJSON *back = type->to_json(value);
    if (!back || !cJSON_Compare(json, back, 1)) {
        fprintf(stderr, "FAIL case %s: round trip differs\n", name);
        print_json("read   ", json);
        print_json("written", back);
        ok = 0;
    }
    cJSON_Delete(back);
    type->free_value(value);
    return ok;
}

static int run_cases(const char *path)
{
    cJSON *cases = read_json(path);
    int passed = 0;
    const cJSON *spec;
    cJSON_ArrayForEach(spec, cases) {
        if (run_case(spec))
            passed++;
        else
            failures++;
    }
    cJSON_Delete(cases);
    return passed;
}

int main(int argc, char **argv)
{
    const char *model_path = NULL, *cases_path = NULL;
    int min_round_trips = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--min-roundtrip") == 0 && i + 1 < argc)
            min_round_trips = atoi(argv[++i]);
        else if (!model_path)
            model_path = argv[i];
        else
            cases_path = argv[i];
    }
    if (!model_path) {
        fprintf(stderr, "usage: roundtrip MODEL.json [CASES.json] [--min-roundtrip N]\n");
        return 2;
    }
    cJSON *model = read_json(model_path);
    counts c = {0, 0, 0, 0, 0};
    run_examples(model, &c);
    cJSON_Delete(model);
    int cases = cases_path ? run_cases(cases_path) : 0;
    printf("examples: %d round-tripped, %d rejected by from_json, %d skipped; "
           "validate: %d valid, %d invalid; cases: %d passed\n",
           c.round_tripped, c.rejected, c.skipped, c.valid, c.invalid, cases);
    if (c.round_tripped < min_round_trips) {
        fprintf(stderr, "FAIL only %d examples round-tripped, expected at least %d\n",
                c.round_tripped, min_round_trips);
        failures++;
    }
    return failures ? 1 : 0;
}
