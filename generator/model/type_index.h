/* Case-insensitive lookup of the merged model's types by name: the docs
 * link "participantinfo.md" for participantInfo, so names are matched
 * without case, preferring the exact spelling and the same namespace. */
#ifndef APIMD_TYPE_INDEX_H
#define APIMD_TYPE_INDEX_H

#include <stddef.h>

#include "model/model.h"

typedef struct type_index {
    model_type **slots; /* open addressing; NULL = empty */
    size_t cap;         /* a power of two */
    size_t count;
} type_index;

void type_index_init(type_index *ix);
void type_index_free(type_index *ix);
void type_index_add(type_index *ix, model_type *t);
/* The best match for name (ns may be NULL): same spelling and namespace,
 * then same spelling, then any case in the namespace, then any. */
model_type *type_index_find(const type_index *ix, const char *ns,
                            const char *name);

#endif
