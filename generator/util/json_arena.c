#include "util/json_arena.h"

#include <pthread.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "util/blocks.h"
#include "util/xalloc.h"

/* A size of the block source's (util/blocks.h), header included: blocks
 * come from and go back to it, which reuses what the reading of the pages
 * freed. */
enum { BLOCK_SIZE = 64 * 1024 };

typedef struct block {
    struct block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} block;

/* What one thread allocates in an arena: threads never share a block. */
typedef struct share {
    struct share *next;
    block *head;
} share;

struct json_arena {
    pthread_mutex_t lock; /* for the list of shares */
    share *shares;
};

static _Thread_local json_arena *current;
static _Thread_local share *current_share;
static int installed;

/* n bytes from the share's newest block, starting at a multiple of
 * align (a power of two); a block of its own when n is large. */
static void *share_take(share *s, size_t n, size_t align)
{
    block *b = s->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < n) {
        size_t size = n > BLOCK_SIZE - sizeof *b ? n : BLOCK_SIZE - sizeof *b;
        b = blocks_alloc(sizeof *b + size);
        b->used = 0;
        b->size = size;
        b->next = s->head;
        s->head = b;
        at = 0;
    }
    b->used = at + n;
    return b->data + at;
}

static void *arena_malloc(size_t n)
{
    share *s = current_share;
    if (!s)
        return malloc(n);
    return share_take(s, n, alignof(max_align_t)); /* NULL: cJSON reports it */
}

void *json_arena_take(size_t n, size_t align)
{
    share *s = current_share;
    return s ? share_take(s, n, align) : NULL;
}

static int in_share(const share *s, const void *p)
{
    for (const block *b = s->head; b; b = b->next)
        if ((const unsigned char *)p >= b->data && (const unsigned char *)p < b->data + b->size)
            return 1;
    return 0;
}

/* cJSON rarely frees while it builds (never, for the trees made here);
 * memory of the arena is left to json_arena_free. */
static void arena_free_hook(void *p)
{
    if (p && current_share && in_share(current_share, p))
        return;
    free(p);
}

void json_arena_install(void)
{
    cJSON_Hooks hooks = {arena_malloc, arena_free_hook};
    cJSON_InitHooks(&hooks);
    installed = 1;
}

json_arena *json_arena_new(void)
{
    if (!installed)
        return NULL;
    json_arena *a = xcalloc(1, sizeof *a);
    pthread_mutex_init(&a->lock, NULL);
    return a;
}

void json_arena_enter(json_arena *a)
{
    if (!a || current == a)
        return;
    share *s = xcalloc(1, sizeof *s);
    pthread_mutex_lock(&a->lock);
    s->next = a->shares;
    a->shares = s;
    pthread_mutex_unlock(&a->lock);
    current = a;
    current_share = s;
}

void json_arena_leave(void)
{
    current = NULL;
    current_share = NULL;
}

int json_arena_active(void) { return current_share != NULL; }

void json_arena_free(json_arena *a)
{
    if (!a)
        return;
    for (share *s = a->shares, *next_share; s; s = next_share) {
        next_share = s->next;
        for (block *b = s->head, *next; b; b = next) {
            next = b->next;
            blocks_free(b, sizeof *b + b->size);
        }
        free(s);
    }
    pthread_mutex_destroy(&a->lock);
    free(a);
}
