#include "name_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Open addressing with linear probing: names are only ever added, never
 * removed, which keeps probing simple. */
typedef struct slot {
    char *name; /* NULL: free */
    int payload;
} slot;

struct name_index {
    slot *slots;
    size_t nslots; /* a power of two */
    size_t used;
};

static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

name_index *name_index_new(void)
{
    name_index *ix = xcalloc(1, sizeof *ix);
    ix->nslots = 64;
    ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
    return ix;
}

void name_index_free(name_index *ix)
{
    if (!ix)
        return;
    for (size_t i = 0; i < ix->nslots; i++)
        free(ix->slots[i].name);
    free(ix->slots);
    free(ix);
}

static slot *find_slot(slot *slots, size_t nslots, const char *name)
{
    size_t i = (size_t)hash_name(name) & (nslots - 1);
    while (slots[i].name && strcmp(slots[i].name, name) != 0)
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

static void grow(name_index *ix)
{
    size_t nslots = ix->nslots * 2;
    slot *slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < ix->nslots; i++)
        if (ix->slots[i].name)
            *find_slot(slots, nslots, ix->slots[i].name) = ix->slots[i];
    free(ix->slots);
    ix->slots = slots;
    ix->nslots = nslots;
}

int name_index_get(const name_index *ix, const char *name)
{
    const slot *s = find_slot(ix->slots, ix->nslots, name);
    return s->name ? s->payload : -1;
}

int name_index_contains(const name_index *ix, const char *name)
{
    return find_slot(ix->slots, ix->nslots, name)->name != NULL;
}

int name_index_put(name_index *ix, const char *name, int payload)
{
    if (name_index_contains(ix, name))
        return 0;
    if ((ix->used + 1) * 2 > ix->nslots) /* keep the table at most half full */
        grow(ix);
    slot *s = find_slot(ix->slots, ix->nslots, name);
    s->name = xstrdup(name);
    s->payload = payload;
    ix->used++;
    return 1;
}

size_t name_index_count(const name_index *ix) { return ix->used; }
