/* Case-insensitive lookup of the merged model's types by name: the docs
 * link "participantinfo.md" for participantInfo, so names are matched
 * without case, preferring the exact spelling and the same namespace. */
#ifndef APIMD_TYPE_INDEX_H
#define APIMD_TYPE_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "model/model.h"

typedef struct type_slot {
    model_type *type; /* NULL = empty */
    uint64_t hash;    /* folded_name_hash of its name */
} type_slot;

typedef struct type_index {
    type_slot *slots; /* open addressing */
    size_t cap;       /* a power of two */
    size_t count;
} type_index;

/* A hash of s that ignores ASCII case, as strcasecmp does in the C locale
 * the program runs in. Names are hashed eight bytes at a time: the upper
 * case letters of a word are found and folded together, not one by one. */
static inline uint64_t fold_name_word(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101ull, highs = ones * 0x80;
    uint64_t low7 = w & ~highs;
    /* high bit of a byte: at least 'A', not above 'Z', and ASCII */
    uint64_t upper = (low7 + ones * (0x80 - 'A')) &
                     ~(low7 + ones * (0x80 - 'Z' - 1)) & ~w & highs;
    return w | upper >> 2;
}

static inline uint64_t mix_name_word(uint64_t h, uint64_t w)
{
    h = (h ^ fold_name_word(w)) * 0x9E3779B97F4A7C15ull;
    return h ^ h >> 29;
}

static inline uint64_t folded_name_hash(const char *s)
{
    size_t n = strlen(s);
    uint64_t h = 1469598103934665603ull ^ n;
    for (; n >= 8; s += 8, n -= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = mix_name_word(h, w);
    }
    uint64_t tail = 0;
    for (size_t i = 0; i < n; i++)
        tail |= (uint64_t)(unsigned char)s[i] << (8 * i);
    return mix_name_word(h, tail);
}

void type_index_init(type_index *ix);
void type_index_free(type_index *ix);
void type_index_add(type_index *ix, model_type *t);
/* The best match for name (ns may be NULL): same spelling and namespace,
 * then same spelling, then any case in the namespace, then any. */
model_type *type_index_find(const type_index *ix, const char *ns,
                            const char *name);

#endif
