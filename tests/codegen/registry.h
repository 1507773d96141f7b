/* The generated types as the test drivers see them: one table entry per
 * type, through wrappers that hide the prefix (registry.mustache renders
 * the table for a generated library). */
#ifndef CODEGEN_REGISTRY_H
#define CODEGEN_REGISTRY_H

#include <stddef.h>

#include <cjson/cJSON.h>

typedef struct registry_error {
    char path[512];
    char message[256];
} registry_error;

typedef struct registry_type {
    const char *name; /* the model's name, e.g. "call" */
    int (*from_json)(const cJSON *json, void **out, registry_error *err);
    cJSON *(*to_json)(const void *value);
    int (*validate)(const void *value, registry_error *err);
    void (*free_value)(void *value);
} registry_type;

extern const registry_type registry_types[];
extern const size_t registry_type_count;

#endif
