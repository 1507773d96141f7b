/* Fuzz target: JSON through the generated code of docs-input/ (the
 * committed generated/ directory), one generated type per input.
 *
 * Input: TYPE '\n' JSON, where TYPE is a type's name in the model (e.g.
 * "callRoute"; the names of tests/codegen/registry.h). An input whose
 * first line names no type is ignored. A name rather than a selector byte
 * keeps seeds and saved regressions readable, and keeps them meaning the
 * same type when the generated library gains or loses types.
 *
 * JSON that cJSON parses goes through the type's from_json; a value it
 * accepts goes through validate (its verdict is not checked, only that it
 * does not crash), then to_json and cJSON_PrintUnformatted. That output
 * must read back: from_json must accept it again, and the second value
 * must print byte for byte the same. Anything else aborts with the reason
 * on stderr, so libFuzzer saves the input. */
#include <stdio.h>

#include <cjson/cJSON.h>

#include "fuzz_target.h"
#include "registry.h"

/* Reports a broken round trip and stops: abort() makes it a crash, which
 * libFuzzer saves and the replay test fails on. */
static void round_trip_failure(const registry_type *type, const char *what, const char *first,
                               const registry_error *err)
{
    fprintf(stderr, "fuzz_from_json: %s: %s\n", type->name, what);
    if (err)
        fprintf(stderr, "  error: %s: %s\n", err->path, err->message);
    if (first)
        fprintf(stderr, "  first output: %s\n", first);
    abort();
}

/* The type named by the first line of the input, or NULL; *json_start is
 * where the JSON begins (after the newline). */
static const registry_type *select_type(const uint8_t *data, size_t size, size_t *json_start)
{
    const uint8_t *newline = memchr(data, '\n', size);
    if (!newline)
        return NULL;
    size_t len = (size_t)(newline - data);
    for (size_t i = 0; i < registry_type_count; i++) {
        const char *name = registry_types[i].name;
        if (strlen(name) == len && memcmp(name, data, len) == 0) {
            *json_start = len + 1;
            return &registry_types[i];
        }
    }
    return NULL;
}

/* to_json of value, printed without spaces. Neither step may fail on a
 * value from_json built: they return NULL only when memory runs out,
 * which under libFuzzer's malloc limit is a crash of its own. */
static char *print_value(const registry_type *type, const void *value, const char *first)
{
    cJSON *json = type->to_json(value);
    if (!json)
        round_trip_failure(type, "to_json returned NULL", first, NULL);
    char *text = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    if (!text)
        round_trip_failure(type, "cJSON_PrintUnformatted returned NULL", first, NULL);
    return text;
}

/* The second half of the round trip: the first output must read back and
 * print the same. */
static void check_reads_back(const registry_type *type, const char *first)
{
    cJSON *json = cJSON_Parse(first);
    if (!json)
        round_trip_failure(type, "cJSON cannot parse to_json's output", first, NULL);
    void *value = NULL;
    registry_error err = {"", ""};
    if (type->from_json(json, &value, &err) != 0)
        round_trip_failure(type, "from_json refuses to_json's output", first, &err);
    cJSON_Delete(json);
    char *second = print_value(type, value, first);
    if (strcmp(first, second) != 0) {
        fprintf(stderr, "  second output: %s\n", second);
        round_trip_failure(type, "to_json differs after a round trip", first, NULL);
    }
    free(second);
    type->free_value(value);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t start = 0;
    const registry_type *type = select_type(data, size, &start);
    if (!type)
        return 0;
    /* Passed with its length, without a terminator: ASan sees over-reads. */
    cJSON *json = cJSON_ParseWithLength((const char *)data + start, size - start);
    if (!json)
        return 0;
    void *value = NULL;
    registry_error err = {"", ""};
    int status = type->from_json(json, &value, &err);
    /* Deleted before the value is used: the value must own its data, and
     * ASan reports any pointer into the parsed tree left behind. */
    cJSON_Delete(json);
    if (status != 0)
        return 0;
    (void)type->validate(value, &err);
    char *first = print_value(type, value, NULL);
    type->free_value(value);
    check_reads_back(type, first);
    free(first);
    return 0;
}
