#include "name_index.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Open addressing with linear probing: names are only ever added, never
 * removed, which keeps probing simple. Each slot keeps its name's hash, so
 * that probing compares strings only when the hashes agree and growing
 * does not hash again. The names live in a few large blocks rather than
 * an allocation each: an index holds tens of thousands of short names. */
typedef struct slot {
    const char *name; /* NULL: free */
    uint64_t hash;
    int payload;
} slot;

typedef struct name_block {
    struct name_block *next;
    size_t used, size;
    char data[];
} name_block;

enum { NAME_BLOCK_SIZE = 4096 };

struct name_index {
    slot *slots;
    size_t nslots; /* a power of two */
    size_t used;
    name_block *names; /* the newest block first */
};

/* Eight bytes a step: names are hashed far more often than compared. */
static uint64_t hash_name(const char *s)
{
    size_t n = strlen(s);
    uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;
    for (; n >= 8; n -= 8, s += 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    for (w = 0; n; n--)
        w = (w << 8) | (unsigned char)s[n - 1];
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 32);
}

name_index *name_index_new(void)
{
    name_index *ix = xcalloc(1, sizeof *ix);
    ix->nslots = 16;
    ix->slots = xcalloc(ix->nslots, sizeof *ix->slots);
    return ix;
}

void name_index_free(name_index *ix)
{
    if (!ix)
        return;
    for (name_block *b = ix->names, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(ix->slots);
    free(ix);
}

static const char *copy_name(name_index *ix, const char *name)
{
    size_t n = strlen(name) + 1;
    name_block *b = ix->names;
    if (!b || b->size - b->used < n) {
        size_t size = n > NAME_BLOCK_SIZE ? n : NAME_BLOCK_SIZE;
        b = xmalloc(sizeof *b + size);
        b->used = 0;
        b->size = size;
        b->next = ix->names;
        ix->names = b;
    }
    char *copy = b->data + b->used;
    memcpy(copy, name, n);
    b->used += n;
    return copy;
}

static slot *find_slot(slot *slots, size_t nslots, const char *name, uint64_t hash)
{
    size_t i = (size_t)hash & (nslots - 1);
    while (slots[i].name && !(slots[i].hash == hash && strcmp(slots[i].name, name) == 0))
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

static void grow(name_index *ix)
{
    size_t nslots = ix->nslots * 2;
    slot *slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < ix->nslots; i++) {
        if (!ix->slots[i].name)
            continue;
        size_t at = (size_t)ix->slots[i].hash & (nslots - 1);
        while (slots[at].name)
            at = (at + 1) & (nslots - 1);
        slots[at] = ix->slots[i];
    }
    free(ix->slots);
    ix->slots = slots;
    ix->nslots = nslots;
}

int name_index_get(const name_index *ix, const char *name)
{
    const slot *s = find_slot(ix->slots, ix->nslots, name, hash_name(name));
    return s->name ? s->payload : -1;
}

int name_index_put(name_index *ix, const char *name, int payload)
{
    return name_index_put_hashed(ix, name, hash_name(name), payload);
}

uint64_t name_index_hash(const char *name) { return hash_name(name); }

int name_index_contains_hashed(const name_index *ix, const char *name, uint64_t hash)
{
    return find_slot(ix->slots, ix->nslots, name, hash)->name != NULL;
}

int name_index_put_hashed(name_index *ix, const char *name, uint64_t hash, int payload)
{
    slot *s = find_slot(ix->slots, ix->nslots, name, hash);
    if (s->name)
        return 0;
    if ((ix->used + 1) * 2 > ix->nslots) { /* keep the table at most half full */
        grow(ix);
        s = find_slot(ix->slots, ix->nslots, name, hash);
    }
    s->name = copy_name(ix, name);
    s->hash = hash;
    s->payload = payload;
    ix->used++;
    return 1;
}

size_t name_index_count(const name_index *ix) { return ix->used; }
