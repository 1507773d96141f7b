/* Per-page memory for cmark's tree (see cmark_memory.c). */
#ifndef APIMD_CMARK_MEMORY_H
#define APIMD_CMARK_MEMORY_H

#include <cmark-gfm.h>

/* Starts this thread's region and returns the allocator that uses it: a
 * tree parsed with it needs no cmark_node_free(), only the end below. */
cmark_mem *cmark_memory_begin(void);
/* Ends the region, and with it every tree made since the begin. Its
 * blocks are kept (a few) for this thread's next page, or freed. */
void cmark_memory_end(void);
/* Frees the memory this thread keeps for its next page (threads that
 * end free theirs themselves). */
void cmark_memory_cleanup(void);

#endif
