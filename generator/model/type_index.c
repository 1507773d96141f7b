#include "model/type_index.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/xalloc.h"

static uint64_t hash_nocase(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)tolower((unsigned char)*s);
        h *= 1099511628211ull;
    }
    return h;
}

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

static void insert_slot(model_type **slots, size_t cap, model_type *t)
{
    size_t i = (size_t)hash_nocase(t->name) & (cap - 1);
    while (slots[i])
        i = (i + 1) & (cap - 1);
    slots[i] = t;
}

static void grow(type_index *ix)
{
    size_t cap = ix->cap * 2;
    model_type **slots = xcalloc(cap, sizeof *slots);
    for (size_t i = 0; i < ix->cap; i++)
        if (ix->slots[i])
            insert_slot(slots, cap, ix->slots[i]);
    free(ix->slots);
    ix->slots = slots;
    ix->cap = cap;
}

void type_index_add(type_index *ix, model_type *t)
{
    if ((ix->count + 1) * 2 > ix->cap)
        grow(ix);
    insert_slot(ix->slots, ix->cap, t);
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
    size_t i = (size_t)hash_nocase(name) & (ix->cap - 1);
    /* Insertion order decides between equal ranks: the first type added
     * (the first page in path order) wins. */
    for (; ix->slots[i]; i = (i + 1) & (ix->cap - 1)) {
        int rank = match_rank(ix->slots[i], ns, name);
        if (rank > best_rank) {
            best = ix->slots[i];
            best_rank = rank;
        }
    }
    return best;
}
