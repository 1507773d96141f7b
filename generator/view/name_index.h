/* A set of names, each with an int payload: the view's lookup tables (type
 * by name) and the registries that keep generated C identifiers unique. */
#ifndef APIMD_NAME_INDEX_H
#define APIMD_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>

typedef struct name_index name_index;

name_index *name_index_new(void);
void name_index_free(name_index *ix);
/* The payload of name, or -1 when the name is absent. */
int name_index_get(const name_index *ix, const char *name);
/* Adds name (copied) with payload; an existing name keeps its payload, so
 * the first registration wins. Returns 1 when added, 0 when present. */
int name_index_put(name_index *ix, const char *name, int payload);
size_t name_index_count(const name_index *ix);

/* Whether name is present, and name_index_put, with the name's hash
 * given (from name_index_hash), for callers that ask about a name more
 * than once. */
uint64_t name_index_hash(const char *name);
int name_index_contains_hashed(const name_index *ix, const char *name, uint64_t hash);
int name_index_put_hashed(name_index *ix, const char *name, uint64_t hash, int payload);

#endif
