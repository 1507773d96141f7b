#include "arena.h"

#include <stdarg.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "blocks.h"

struct arena_chunk {
    arena_chunk *next;
    size_t used;
    size_t size;
    alignas(max_align_t) unsigned char data[];
};

/* Chunks start small and double up to the largest size: a model fragment of
 * a short page needs only a few hundred bytes, and thousands of fragments
 * live until the merge. The sizes are of whole chunks, header included:
 * blocks of the block source's sizes (util/blocks.h). */
enum { ARENA_FIRST_CHUNK = 1024, ARENA_CHUNK_SIZE = 64 * 1024 };

static size_t chunk_bytes(const arena_chunk *c) { return sizeof *c + c->size; }

/* Room for data in the next regular chunk. */
static size_t next_chunk_size(const arena *a)
{
    size_t last = a->head ? chunk_bytes(a->head) : 0;
    size_t bytes = last < ARENA_FIRST_CHUNK ? ARENA_FIRST_CHUNK
                   : last >= ARENA_CHUNK_SIZE ? ARENA_CHUNK_SIZE
                                              : last * 2;
    return bytes - sizeof(arena_chunk);
}

static size_t align_up(size_t n)
{
    size_t a = alignof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

/* Room for n bytes, not cleared: for copies that fill it at once. */
static void *arena_alloc_uncleared(arena *a, size_t n)
{
    n = align_up(n ? n : 1);
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t regular = next_chunk_size(a);
        int one_off = n > regular / 4;
        size_t size = one_off ? n : regular;
        c = blocks_alloc(sizeof *c + size);
        c->used = 0;
        c->size = size;
        if (a->head && one_off) {
            /* A large one-off block goes behind the current chunk so the
             * free space left in the current chunk stays usable. */
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = c->data + c->used;
    c->used += n;
    a->total += n;
    return p;
}

void *arena_alloc(arena *a, size_t n)
{
    void *p = arena_alloc_uncleared(a, n);
    memset(p, 0, align_up(n ? n : 1));
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc_uncleared(a, n + 1);
    memcpy(p, s, n);
    /* The padding up to the alignment is cleared with the NUL: matchers
     * that read whole words (PCRE2's JIT) may look past the end. */
    memset(p + n, 0, align_up(n + 1) - n);
    return p;
}

char *arena_strdup(arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
    va_list ap, copy;
    va_start(ap, fmt);
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* An array that was the chunk's last allocation grows where it is when the
 * chunk has room: no copy, and no dead copy left behind. */
static int grow_in_place(arena *a, unsigned char *old, size_t old_bytes,
                         size_t new_bytes)
{
    arena_chunk *c = a->head;
    size_t old_end = align_up(old_bytes ? old_bytes : 1);
    size_t new_end = align_up(new_bytes ? new_bytes : 1);
    if (!c || old + old_end != c->data + c->used || new_end < old_end ||
        new_end - old_end > c->size - c->used)
        return 0;
    c->used += new_end - old_end;
    a->total += new_end - old_end;
    memset(old + old_bytes, 0, new_end - old_bytes);
    return 1;
}

void *arena_grow(arena *a, void *old, size_t old_bytes, size_t new_bytes)
{
    if (!old)
        old_bytes = 0;
    if (old_bytes > new_bytes)
        old_bytes = new_bytes;
    if (old && grow_in_place(a, old, old_bytes, new_bytes))
        return old;
    unsigned char *p = arena_alloc_uncleared(a, new_bytes);
    if (old_bytes)
        memcpy(p, old, old_bytes);
    memset(p + old_bytes, 0, align_up(new_bytes ? new_bytes : 1) - old_bytes);
    return p;
}

void arena_pass_chunk(arena *from, arena *to)
{
    arena_chunk *c = from->head;
    if (!c || to->head)
        return;
    from->head = c->next;
    c->next = NULL;
    to->head = c;
}

void arena_free(arena *a)
{
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        blocks_free(c, chunk_bytes(c));
        c = next;
    }
    a->head = NULL;
    a->total = 0;
}
