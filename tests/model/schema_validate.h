/* A JSON Schema validator for the subset docs/model.schema.json uses:
 * type, required, properties, additionalProperties, items, enum, const,
 * $ref to #/$defs/..., anyOf, if/then, minimum/maximum, and the keywords
 * that only annotate ($schema, $id, title, description). Any other
 * keyword is reported as unsupported rather than silently ignored. */
#ifndef APIMD_SCHEMA_VALIDATE_H
#define APIMD_SCHEMA_VALIDATE_H

#include <cjson/cJSON.h>

#include "util/strbuf.h"

/* Validate instance against the root schema. Returns the number of
 * errors; each is a line "pointer: message" in errors (at most a few
 * dozen are written). */
int schema_validate(const cJSON *schema, const cJSON *instance,
                    strbuf *errors);

#endif
