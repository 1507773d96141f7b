/* Running independent pieces of work on several threads. */
#ifndef APIMD_PARALLEL_H
#define APIMD_PARALLEL_H

#include <stddef.h>

/* Threads that help with parallel work whenever they have none of their
 * own: a thread that finished its own task serves the pool, and joins the
 * loops the busy threads run rather than leaving its core idle while new
 * threads crowd the others. */
typedef struct work_pool work_pool;

work_pool *work_pool_new(void);
/* Called on a thread with nothing else to do: it takes part in the work
 * run through the pool as it comes, and returns once the pool is closed. */
void work_pool_serve(work_pool *p);
/* Runs task(arg) on a serving thread, so that the calling one goes on at
 * once: work that nothing waits for (freeing what is no longer needed).
 * It runs when a serving thread is free, at the latest when the pool is
 * closed. p NULL, or a task already waiting: on the calling thread, now. */
void work_pool_post(work_pool *p, void (*task)(void *arg), void *arg);
/* No more work: the serving threads run the waiting task, if any, and
 * return. */
void work_pool_close(work_pool *p);
void work_pool_free(work_pool *p);

/* Runs worker(arg) on the calling thread and on up to helpers threads of
 * the pool that are serving, or start serving before it is done; returns
 * once every run has returned. worker shares the work out itself (an
 * atomic counter of the next piece), so that any number of runs divide
 * it. p NULL: on helpers threads of its own. One run at a time: a run
 * asked for while another is going gets no helpers. */
void work_pool_run(work_pool *p, int helpers, void (*worker)(void *arg), void *arg);

/* Calls fn(i, ctx) for every i in [0, n), on up to jobs threads (the
 * calling thread included; the others from pool, or new ones when pool is
 * NULL), taking the indexes in increasing order, and returns when all are
 * done. fn must be safe to run concurrently for different indexes.
 * jobs <= 1, or threads that cannot be had: all on the calling thread. */
void parallel_for_in(work_pool *pool, size_t n, int jobs, void (*fn)(size_t i, void *ctx),
                     void *ctx);

#endif
