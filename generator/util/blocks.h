/* Memory for the arenas (util/arena, util/json_arena, read/cmark_memory):
 * blocks of a few fixed sizes, carved from large regions of address space.
 *
 * Why: a run over thousands of pages touches tens of megabytes, nearly all
 * of it arena blocks, and memory the process has not touched before costs
 * a page fault and a page cleared. Blocks are recycled by size, per thread
 * first, so a block freed after one page serves the next; those a thread
 * leaves when it ends serve the others, split in parts of a smaller size
 * when that is what is asked for. A run then touches little more memory
 * than it holds at its peak.
 *
 * Sizes that are powers of two from BLOCKS_MIN to BLOCKS_MAX come from the
 * regions; any other size (a one-off block for a large text) from malloc.
 * blocks_free must be given the size blocks_alloc was given. The regions
 * go back to the kernel when the process ends. In builds with
 * AddressSanitizer every block comes from malloc, so that the sanitizer
 * still sees each one. */
#ifndef APIMD_BLOCKS_H
#define APIMD_BLOCKS_H

#include <stddef.h>

#define BLOCKS_MIN ((size_t)1024)
#define BLOCKS_MAX ((size_t)256 * 1024)

/* A block of size bytes, aligned for any type; never NULL (running out of
 * memory ends the run, as xmalloc does). Not cleared. */
void *blocks_alloc(size_t size);
/* Gives back a block from blocks_alloc(size); NULL is ignored. */
void blocks_free(void *block, size_t size);
/* 1 when blocks of the sizes above are pooled as described; 0 in builds
 * where every block comes from malloc. */
int blocks_pooled(void);

#endif
