/* Region allocator: a page, or a fragment of the model, allocates all its
 * small pieces here and frees them at once. It keeps the per-page work
 * cheap and makes the "free what you allocate" rule hard to get wrong. */
#ifndef APIMD_ARENA_H
#define APIMD_ARENA_H

#include <stddef.h>

typedef struct arena_chunk arena_chunk;

typedef struct arena {
    arena_chunk *head;
    size_t total; /* bytes handed out, for statistics */
} arena;

#define ARENA_INIT {NULL, 0}

void *arena_alloc(arena *a, size_t n);            /* zeroed, aligned */
char *arena_strdup(arena *a, const char *s);      /* NULL stays NULL */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Grow an array held in the arena: returns a copy with room for new_cap. */
void *arena_grow(arena *a, void *old, size_t old_bytes, size_t new_bytes);
void arena_free(arena *a);
/* Hands the newest chunk of `from` over to `to`, an arena that holds
 * nothing yet, which goes on allocating in its free rest: of many small
 * arenas made one after another (a run's model fragments), only the last
 * then leaves its chunk partly empty. What `from` holds in that chunk is
 * then `to`'s to free: use neither after freeing `to` (arenas freed all
 * together, as fragments are, are fine). Nothing happens when `from` holds
 * nothing or `to` already holds something. */
void arena_pass_chunk(arena *from, arena *to);

/* Push onto an arena-held array (items, count, cap are lvalues). */
#define ARENA_PUSH(a, items, count, cap)                                      \
    (((count) == (cap)                                                        \
          ? ((items) = arena_grow((a), (items), (cap) * sizeof *(items),      \
                                  ((cap) ? (cap) * 2 : 4) * sizeof *(items)), \
             (cap) = (cap) ? (cap) * 2 : 4)                                   \
          : 0),                                                               \
     &(items)[(count)++])

#endif
