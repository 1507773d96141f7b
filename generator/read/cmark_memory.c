/* Memory for cmark's tree of one page. cmark makes a malloc for every node
 * and string and a free for each at the end; with a page-sized bump
 * allocator that work becomes a few large blocks, dropped at once after the
 * walk, and reading spends its time parsing instead of in malloc.
 *
 * cmark's allocator interface passes no context, so the region in use is a
 * per-thread variable: each worker thread reads its own page. (cmark's own
 * arena allocator is one global region, unusable from several threads.) */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "read/cmark_memory.h"
#include "util/xalloc.h"

enum { BLOCK_SIZE = 256 * 1024 };

typedef struct region_block {
    struct region_block *next;
    size_t used, size;
    alignas(max_align_t) unsigned char data[];
} region_block;

/* Each allocation is preceded by its size, which realloc needs. */
typedef struct alloc_header {
    alignas(max_align_t) size_t size;
} alloc_header;

typedef struct region {
    region_block *head;
    void *last; /* the most recent allocation: realloc can grow it in place */
} region;

static _Thread_local region *current;

static size_t align_up(size_t n)
{
    size_t a = alignof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

static region_block *new_block(region *r, size_t need)
{
    size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
    region_block *b = xmalloc(sizeof *b + size);
    b->used = 0;
    b->size = size;
    b->next = r->head;
    r->head = b;
    return b;
}

static void *region_alloc(size_t n)
{
    region *r = current;
    size_t need = sizeof(alloc_header) + align_up(n ? n : 1);
    region_block *b = r->head;
    if (!b || b->size - b->used < need)
        b = new_block(r, need);
    alloc_header *h = (alloc_header *)(b->data + b->used);
    b->used += need;
    h->size = need - sizeof *h;
    r->last = h + 1;
    return r->last;
}

static void *region_calloc(size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        abort();
    void *p = region_alloc(count * size);
    memset(p, 0, count * size);
    return p;
}

/* The last allocation grows in place when its block has room: cmark's
 * string buffers grow that way while a page is parsed. */
static int grow_in_place(void *p, size_t n)
{
    region *r = current;
    region_block *b = r->head;
    alloc_header *h = (alloc_header *)p - 1;
    if (p != r->last || !b)
        return 0;
    size_t extra = align_up(n) - h->size;
    if (b->size - b->used < extra)
        return 0;
    b->used += extra;
    h->size += extra;
    return 1;
}

static void *region_realloc(void *p, size_t n)
{
    if (!p)
        return region_alloc(n);
    alloc_header *h = (alloc_header *)p - 1;
    if (n <= h->size || grow_in_place(p, n))
        return p;
    void *q = region_alloc(n);
    memcpy(q, p, h->size);
    return q;
}

/* Everything goes when the page is done. */
static void region_free(void *p) { (void)p; }

static cmark_mem region_mem = {region_calloc, region_realloc, region_free};

cmark_mem *cmark_memory_begin(void)
{
    current = xcalloc(1, sizeof *current);
    return &region_mem;
}

void cmark_memory_end(void)
{
    region *r = current;
    current = NULL;
    if (!r)
        return;
    for (region_block *b = r->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    free(r);
}
