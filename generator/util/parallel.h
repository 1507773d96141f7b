/* Running independent pieces of work on several threads. */
#ifndef APIMD_PARALLEL_H
#define APIMD_PARALLEL_H

#include <stddef.h>

/* Calls fn(i, ctx) for every i in [0, n), on up to jobs threads (the
 * calling thread included), taking the indexes in increasing order, and
 * returns when all are done. fn must be safe to run concurrently for
 * different indexes. jobs <= 1, or threads that cannot be had: all on
 * the calling thread. */
void parallel_for(size_t n, int jobs, void (*fn)(size_t i, void *ctx), void *ctx);

#endif
