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
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/cmark_memory.h"
#include "util/blocks.h"

enum {
    /* Header included: a size of the block source's (util/blocks.h). */
    BLOCK_SIZE = 256 * 1024,
    /* How far ahead of its use memory is zeroed: a stretch short enough
     * for memset's vector loop, longer than most requests. */
    ZERO_STEP = 1024,
};

/* cmark asks for zeroed memory almost every time (nodes, iterators); the
 * bytes past what is handed out are kept zero, ZERO_STEP bytes ahead at a
 * time, so that most requests cost no memset call. Nothing is handed out
 * twice: a block's bytes past the cursor were never written. */
typedef struct region_block {
    struct region_block *next;
    size_t size;
    alignas(max_align_t) unsigned char data[];
} region_block;

/* Each allocation is preceded by its size, which realloc needs. */
typedef struct alloc_header {
    alignas(max_align_t) size_t size;
} alloc_header;

/* The newest block is used as a bump pointer: handing out memory moves
 * the cursor, and one comparison says whether it fits. */
typedef struct region {
    unsigned char *cursor; /* next free byte of the newest block */
    unsigned char *zeroed; /* [cursor, zeroed) is zero; zeroed >= cursor */
    unsigned char *end;    /* end of the newest block */
    region_block *head;    /* every block, newest first */
    void *last; /* the most recent allocation: realloc can grow it in place */
} region;

static _Thread_local region current;

static size_t align_up(size_t n)
{
    size_t a = alignof(max_align_t);
    return (n + a - 1) & ~(a - 1);
}

static size_t room(const region *r) { return (size_t)(r->end - r->cursor); }

/* Rare paths, kept out of line so that the common one stays short. */
#define RARE __attribute__((noinline))

/* Room for data in a block of the regular size. */
static size_t regular_room(void) { return BLOCK_SIZE - sizeof(region_block); }

/* Blocks of the regular size are the block source's: those of finished
 * pages serve the thread's next pages, so memory touched once is not
 * faulted in again for every page. */
static RARE void new_block(region *r, size_t need)
{
    size_t size = need > regular_room() ? need : regular_room();
    region_block *b = blocks_alloc(sizeof *b + size);
    b->size = size;
    b->next = r->head;
    r->head = b;
    r->cursor = r->zeroed = b->data;
    r->end = b->data + b->size;
}

/* Zeroes up to need bytes past the cursor, and a stretch beyond. */
static RARE void zero_ahead(region *r, size_t need)
{
    size_t ahead = need + ZERO_STEP;
    if (ahead > room(r))
        ahead = room(r);
    unsigned char *to = r->cursor + ahead;
    memset(r->zeroed, 0, (size_t)(to - r->zeroed));
    r->zeroed = to;
}

static size_t request_size(size_t n)
{
    return sizeof(alloc_header) + align_up(n ? n : 1);
}

static void *hand_out(region *r, size_t need)
{
    alloc_header *h = (alloc_header *)r->cursor;
    r->cursor += need;
    h->size = need - sizeof *h;
    r->last = h + 1;
    return r->last;
}

/* Memory that is not cleared: the zeroed mark moves along with it. */
static void *region_alloc(size_t n)
{
    region *r = &current;
    size_t need = request_size(n);
    if (room(r) < need)
        new_block(r, need);
    void *p = hand_out(r, need);
    if (r->zeroed < r->cursor)
        r->zeroed = r->cursor;
    return p;
}

static RARE void *region_calloc_slow(region *r, size_t need)
{
    if (room(r) < need)
        new_block(r, need);
    zero_ahead(r, need);
    return hand_out(r, need);
}

static void *region_calloc(size_t count, size_t size)
{
    /* cmark asks for one item at a time: no division for those */
    if (count != 1 && size && count > SIZE_MAX / size)
        abort();
    region *r = &current;
    size_t need = request_size(count * size);
    if ((size_t)(r->zeroed - r->cursor) < need)
        return region_calloc_slow(r, need);
    return hand_out(r, need);
}

/* The last allocation grows in place when its block has room: cmark's
 * string buffers grow that way while a page is parsed. */
static int grow_in_place(void *p, size_t n)
{
    region *r = &current;
    alloc_header *h = (alloc_header *)p - 1;
    if (p != r->last)
        return 0;
    size_t extra = align_up(n) - h->size;
    if (room(r) < extra)
        return 0;
    r->cursor += extra;
    if (r->zeroed < r->cursor)
        r->zeroed = r->cursor;
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
    current = (region){0};
    return &region_mem;
}

void cmark_memory_end(void)
{
    region_block *b = current.head;
    current = (region){0};
    while (b) {
        region_block *next = b->next;
        blocks_free(b, sizeof *b + b->size);
        b = next;
    }
}
