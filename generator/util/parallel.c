#include "util/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "util/xalloc.h"

typedef struct parallel_work {
    size_t n;
    void (*fn)(size_t, void *);
    void *ctx;
    atomic_size_t next;
} parallel_work;

static void *run(void *arg)
{
    parallel_work *w = arg;
    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->n;)
        w->fn(i, w->ctx);
    return NULL;
}

void parallel_for(size_t n, int jobs, void (*fn)(size_t i, void *ctx), void *ctx)
{
    parallel_work w = {n, fn, ctx, 0};
    atomic_init(&w.next, 0);
    if (jobs > 1 && (size_t)jobs > n)
        jobs = (int)n;
    pthread_t *threads = jobs > 1 ? xcalloc((size_t)jobs - 1, sizeof *threads) : NULL;
    int started = 0;
    for (int t = 0; t + 1 < jobs; t++) {
        if (pthread_create(&threads[t], NULL, run, &w) != 0)
            break;
        started++;
    }
    run(&w);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
}
