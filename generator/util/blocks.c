#include "util/blocks.h"

#include <pthread.h>
#include <stdalign.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "util/xalloc.h"

#if defined(__SANITIZE_ADDRESS__)
#define BLOCKS_FROM_MALLOC 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BLOCKS_FROM_MALLOC 1
#endif
#endif

#ifdef BLOCKS_FROM_MALLOC

void *blocks_alloc(size_t size) { return xmalloc(size); }

void blocks_free(void *block, size_t size)
{
    (void)size;
    free(block);
}

int blocks_pooled(void) { return 0; }

#else

/* Under valgrind the blocks are announced as heap blocks: memcheck then
 * checks them as it checks malloc's (reads of what was never written,
 * use after free, leaks). The link a free block holds is opened to this
 * file alone, for the moment it is read or written. Outside valgrind
 * these requests cost a few instructions each. */
#if defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define ANNOUNCE_ALLOC(p, n) VALGRIND_MALLOCLIKE_BLOCK(p, n, 0, 0)
#define ANNOUNCE_FREE(p) VALGRIND_FREELIKE_BLOCK(p, 0)
#define OPEN_LINK(p) VALGRIND_MAKE_MEM_DEFINED(p, sizeof(free_block))
#define CLOSE_LINK(p) VALGRIND_MAKE_MEM_NOACCESS(p, sizeof(free_block))
#endif
#endif
#ifndef ANNOUNCE_ALLOC
#define ANNOUNCE_ALLOC(p, n) ((void)(p), (void)(n))
#define ANNOUNCE_FREE(p) ((void)(p))
#define OPEN_LINK(p) ((void)(p))
#define CLOSE_LINK(p) ((void)(p))
#endif

enum {
    NCLASSES = 9,                   /* 1 KiB, 2 KiB, ... 256 KiB */
    REGION_SIZE = 64 * 1024 * 1024, /* of address space at a time */
};

typedef struct free_block {
    struct free_block *next;
} free_block;

/* Shared: the unused rest of the newest region, and the blocks threads
 * left behind when they ended. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned char *cursor, *end;
static free_block *shared_free[NCLASSES];

/* Each thread's own freed blocks, by class: taken back without a lock. */
static _Thread_local free_block *own_free[NCLASSES];
static pthread_key_t exit_key;
static pthread_once_t exit_once = PTHREAD_ONCE_INIT;

/* The class of a size, or -1 when it is not one of the blocks' sizes. */
static int class_of(size_t size)
{
    if (size < BLOCKS_MIN || size > BLOCKS_MAX || (size & (size - 1)) != 0)
        return -1;
    int c = 0;
    for (size_t s = BLOCKS_MIN; s < size; s <<= 1)
        c++;
    return c;
}

static free_block *pop(free_block **list)
{
    free_block *b = *list;
    if (b) {
        OPEN_LINK(b);
        *list = b->next;
    }
    return b;
}

static void push(free_block **list, free_block *b)
{
    OPEN_LINK(b);
    b->next = *list;
    CLOSE_LINK(b);
    *list = b;
}

/* A thread that ends hands its freed blocks to the others. */
static void hand_over(void *unused)
{
    (void)unused;
    pthread_mutex_lock(&lock);
    for (int c = 0; c < NCLASSES; c++) {
        free_block *b;
        while ((b = pop(&own_free[c])) != NULL)
            push(&shared_free[c], b);
    }
    pthread_mutex_unlock(&lock);
}

static void create_exit_key(void) { pthread_key_create(&exit_key, hand_over); }

/* A new region: address space only, backed page by page as blocks are
 * carved from it. No transparent huge pages are asked for: on a virtual
 * machine that hands freed memory back to its host (free page reporting
 * reports free 2 MiB blocks, the very ones a huge page takes), each huge
 * page faulted in after a few seconds' idle is backed anew by the host,
 * and a run after idle pays more for that than huge pages save it when
 * it follows another at once (bench/RESULTS.md). With the lock held; 0
 * when none can be had. */
static int map_region(void)
{
    unsigned char *region = mmap(NULL, REGION_SIZE, PROT_READ | PROT_WRITE,
                                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (region == MAP_FAILED)
        return 0;
    cursor = region;
    end = region + REGION_SIZE;
    return 1;
}

/* A larger block that another thread left, split: its first part of
 * class c is returned and the rest, one block of each class from c up,
 * goes to the shared lists. Memory a thread leaves behind (the cmark trees
 * of the page workers, in their largest blocks) then serves the smaller
 * blocks later stages ask for, rather than new memory, which the kernel
 * must clear first. With the lock held; NULL when there is none. */
static void *split_shared(int c)
{
    for (int k = c + 1; k < NCLASSES; k++) {
        unsigned char *b = (unsigned char *)pop(&shared_free[k]);
        if (!b)
            continue;
        for (int j = c; j < k; j++)
            push(&shared_free[j], (free_block *)(b + (BLOCKS_MIN << j)));
        return b;
    }
    return NULL;
}

/* A block of class c that another thread left (whole, or split from a
 * larger one), or a new one from a region; NULL when no region can be
 * mapped. What is left of a region too small for the block is dropped (at
 * most 256 KiB of 64 MiB). */
static void *take_shared(int c, size_t size)
{
    pthread_mutex_lock(&lock);
    void *p = pop(&shared_free[c]);
    if (!p)
        p = split_shared(c);
    if (!p && ((size_t)(end - cursor) >= size || map_region())) {
        p = cursor;
        cursor += size;
    }
    pthread_mutex_unlock(&lock);
    return p;
}

void *blocks_alloc(size_t size)
{
    _Static_assert(BLOCKS_MIN % alignof(max_align_t) == 0,
                   "blocks keep the alignment of their region (a page)");
    int c = class_of(size);
    if (c >= 0) {
        void *p = pop(&own_free[c]);
        if (!p)
            p = take_shared(c, size);
        if (p) {
            ANNOUNCE_ALLOC(p, size);
            return p;
        }
    }
    return xmalloc(size); /* also when no region could be mapped */
}

void blocks_free(void *block, size_t size)
{
    if (!block)
        return;
    int c = class_of(size);
    if (c >= 0) {
        /* A block of a class size is kept even when it came from malloc
         * (no region could be mapped): it serves as well. The key is set
         * again when blocks are freed after the hand-over (by another
         * key's destructor): the hand-over then runs once more. */
        pthread_once(&exit_once, create_exit_key);
        if (!pthread_getspecific(exit_key))
            pthread_setspecific(exit_key, own_free);
        ANNOUNCE_FREE(block);
        push(&own_free[c], block);
        return;
    }
    free(block);
}

int blocks_pooled(void) { return 1; }

#endif
