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

enum {
    BLOCK_SIZE = 256 * 1024,
    /* How far ahead of its use memory is zeroed: a stretch short enough
     * for memset's vector loop, longer than most requests. */
    ZERO_STEP = 1024,
};

/* cmark asks for zeroed memory almost every time (nodes, iterators); the
 * bytes past what is handed out are kept zero, ZERO_STEP bytes ahead at a
 * time, so that most requests cost no memset call. Nothing is handed out
 * twice: a block's bytes past `used` were never written. */
typedef struct region_block {
    struct region_block *next;
    size_t used, size;
    size_t zeroed; /* data[used .. zeroed) is zero; zeroed >= used */
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

/* Rare paths, kept out of line so that the common one stays short. */
#define RARE __attribute__((noinline))

static RARE region_block *new_block(region *r, size_t need)
{
    size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
    region_block *b = xmalloc(sizeof *b + size);
    b->used = 0;
    b->zeroed = 0;
    b->size = size;
    b->next = r->head;
    r->head = b;
    return b;
}

static void use_bytes(region_block *b, size_t n)
{
    b->used += n;
    if (b->zeroed < b->used)
        b->zeroed = b->used;
}

/* Zeroes up to end, and a stretch beyond it. */
static RARE void zero_to(region_block *b, size_t end)
{
    size_t ahead = end + ZERO_STEP;
    if (ahead > b->size)
        ahead = b->size;
    memset(b->data + b->zeroed, 0, ahead - b->zeroed);
    b->zeroed = ahead;
}

static size_t request_size(size_t n)
{
    return sizeof(alloc_header) + align_up(n ? n : 1);
}

static region_block *block_with_room(region *r, size_t need)
{
    region_block *b = r->head;
    if (!b || b->size - b->used < need)
        b = new_block(r, need);
    return b;
}

static void *hand_out(region *r, region_block *b, size_t need)
{
    alloc_header *h = (alloc_header *)(b->data + b->used);
    use_bytes(b, need);
    h->size = need - sizeof *h;
    r->last = h + 1;
    return r->last;
}

static void *region_alloc(size_t n)
{
    region *r = current;
    size_t need = request_size(n);
    return hand_out(r, block_with_room(r, need), need);
}

static void *region_calloc(size_t count, size_t size)
{
    /* cmark asks for one item at a time: no division for those */
    if (count != 1 && size && count > SIZE_MAX / size)
        abort();
    region *r = current;
    size_t need = request_size(count * size);
    region_block *b = block_with_room(r, need);
    if (b->used + need > b->zeroed)
        zero_to(b, b->used + need);
    return hand_out(r, b, need);
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
    use_bytes(b, extra);
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
