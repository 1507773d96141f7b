/* Per-page memory for cmark's tree (see cmark_memory.c). */
#ifndef APIMD_CMARK_MEMORY_H
#define APIMD_CMARK_MEMORY_H

#include <cmark-gfm.h>

/* Starts this thread's region and returns the allocator that uses it: a
 * tree parsed with it needs no cmark_node_free(), only the end below. */
cmark_mem *cmark_memory_begin(void);
/* Ends the region, and with it every tree made since the begin. Its
 * blocks go back to the block source (util/blocks.h), which gives them
 * to this thread's next page. */
void cmark_memory_end(void);

#endif
