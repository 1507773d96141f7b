#include "model/type_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

void type_index_init(type_index *ix)
{
    ix->cap = 1024;
    ix->count = 0;
    ix->slots = xcalloc(ix->cap, sizeof *ix->slots);
}

void type_index_free(type_index *ix)
{
    free(ix->slots);
    ix->slots = NULL;
    ix->cap = ix->count = 0;
}

static void insert_slot(type_index *ix, model_type *t, uint64_t hash)
{
    size_t i = (size_t)hash & (ix->cap - 1);
    while (ix->slots[i].type)
        i = (i + 1) & (ix->cap - 1);
    ix->slots[i].type = t;
    ix->slots[i].hash = hash;
}

static void grow(type_index *ix)
{
    type_index bigger = {xcalloc(ix->cap * 2, sizeof *ix->slots), ix->cap * 2,
                         ix->count};
    /* Along a probe chain the types of one name are in the order they
     * were added, and find relies on it. Walking the old slots from just
     * after an empty one (there is always one: the index is at most half
     * full) walks every cluster from its start, chains that wrap around
     * the end included, and keeps that order. */
    size_t empty = 0;
    while (ix->slots[empty].type)
        empty++;
    for (size_t k = 1; k <= ix->cap; k++) {
        size_t i = (empty + k) & (ix->cap - 1);
        if (ix->slots[i].type)
            insert_slot(&bigger, ix->slots[i].type, ix->slots[i].hash);
    }
    type_index_free(ix);
    *ix = bigger;
}

void type_index_add(type_index *ix, model_type *t)
{
    if ((ix->count + 1) * 2 > ix->cap)
        grow(ix);
    insert_slot(ix, t, folded_name_hash(t->name));
    ix->count++;
}

static int same_ns(const char *a, const char *b)
{
    return a && b && strcasecmp(a, b) == 0;
}

/* Higher is better; 0 is no match. */
static int match_rank(const model_type *t, const char *ns, const char *name)
{
    if (strcasecmp(t->name, name) != 0)
        return 0;
    int exact = strcmp(t->name, name) == 0;
    int ns_match = same_ns(t->namespace, ns);
    return 1 + (ns_match ? 2 : 0) + exact + (ns_match && exact ? 4 : 0);
}

model_type *type_index_find(const type_index *ix, const char *ns,
                            const char *name)
{
    if (!name || !ix->cap)
        return NULL;
    model_type *best = NULL;
    int best_rank = 0;
    uint64_t hash = folded_name_hash(name);
    size_t i = (size_t)hash & (ix->cap - 1);
    /* Insertion order decides between equal ranks: the first type added
     * (the first page in path order) wins. A name of another hash cannot
     * match: only names of the same hash are compared. */
    for (; ix->slots[i].type; i = (i + 1) & (ix->cap - 1)) {
        if (ix->slots[i].hash != hash)
            continue;
        int rank = match_rank(ix->slots[i].type, ns, name);
        if (rank > best_rank) {
            best = ix->slots[i].type;
            best_rank = rank;
        }
    }
    return best;
}
