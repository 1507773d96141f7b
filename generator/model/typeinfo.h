/* What the docs' spellings of a type mean: EDM primitives, qualified
 * names, and the types JSON values show. Shared by extraction (type cells,
 * representations) and the merge (types inferred from examples). */
#ifndef APIMD_TYPEINFO_H
#define APIMD_TYPEINFO_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/model.h"
#include "util/arena.h"

/* The EDM primitive (without "Edm.") that a spelling of the docs means:
 * "string", "Edm.String", "int", "datetime", ... Case-insensitive; the
 * n bytes of s need not be NUL-terminated. NULL when not a primitive. */
const char *primitive_canonical(const char *s, size_t n);

/* Split "microsoft.graph.callRecords.session" (an optional leading '#'
 * allowed) into namespace and name, in a. Returns 0 when the text is not a
 * qualified name of the microsoft.graph family. */
int split_qualified_name(arena *a, const char *qualified, const char **ns,
                         const char **name);

/* The type a JSON value of a representation or example stands for:
 * placeholders ("String (timestamp)", "Int32", "microsoft.graph.x"),
 * objects with "@odata.type", arrays (collection of the first element's
 * type), literal numbers, booleans and strings. The name is NULL when the
 * value tells nothing (null, an object without @odata.type). */
type_ref infer_json_type(arena *a, const cJSON *value);

/* For a representation's "a | b | c" string: the values, in a. Returns how
 * many (0 when the text is not such a list). */
size_t split_bar_values(arena *a, const char *text, const char ***values);

/* The "@odata.type" of a JSON object as namespace and name, or 0. */
int json_odata_type(arena *a, const cJSON *object, const char **ns,
                    const char **name);

#endif
