#include "util/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "util/xalloc.h"

/* ---- the pool ----------------------------------------------------------- */

/* One run is open at a time: its worker and argument, and how many more
 * serving threads it takes. A thread joins a run once: its worker returns
 * when there is no work left, and joining again would only spin. */
struct work_pool {
    pthread_mutex_t lock;
    pthread_cond_t changed; /* a run opened or ended, a helper left it, or closed */
    void (*worker)(void *);
    void *arg;
    unsigned long run; /* counts the runs opened: which one is open */
    int seats;         /* helpers the open run still takes */
    int helping;       /* helpers inside the open run's worker */
    void (*task)(void *); /* a posted task no thread took yet, or NULL */
    void *task_arg;
    int closed;
};

work_pool *work_pool_new(void)
{
    work_pool *p = xcalloc(1, sizeof *p);
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    return p;
}

/* Takes the posted task, if any, and runs it without the lock. */
static int run_posted_task(work_pool *p)
{
    void (*task)(void *) = p->task;
    if (!task)
        return 0;
    void *arg = p->task_arg;
    p->task = NULL;
    pthread_mutex_unlock(&p->lock);
    task(arg);
    pthread_mutex_lock(&p->lock);
    return 1;
}

void work_pool_serve(work_pool *p)
{
    unsigned long joined = 0; /* the last run this thread took part in */
    pthread_mutex_lock(&p->lock);
    for (;;) {
        while (!p->closed && !p->task && (p->seats == 0 || p->run == joined))
            pthread_cond_wait(&p->changed, &p->lock);
        if (run_posted_task(p))
            continue;
        if (p->closed)
            break;
        void (*worker)(void *) = p->worker;
        void *arg = p->arg;
        joined = p->run;
        p->seats--;
        p->helping++;
        pthread_mutex_unlock(&p->lock);
        worker(arg);
        pthread_mutex_lock(&p->lock);
        p->helping--;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
}

void work_pool_post(work_pool *p, void (*task)(void *), void *arg)
{
    if (p) {
        pthread_mutex_lock(&p->lock);
        int taken = !p->task && !p->closed;
        if (taken) {
            p->task = task;
            p->task_arg = arg;
            pthread_cond_broadcast(&p->changed);
        }
        pthread_mutex_unlock(&p->lock);
        if (taken)
            return;
    }
    task(arg);
}

void work_pool_close(work_pool *p)
{
    pthread_mutex_lock(&p->lock);
    p->closed = 1;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
}

void work_pool_free(work_pool *p)
{
    if (!p)
        return;
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

typedef struct thread_run {
    void (*worker)(void *);
    void *arg;
} thread_run;

static void *thread_main(void *arg)
{
    const thread_run *r = arg;
    r->worker(r->arg);
    return NULL;
}

/* Without a pool: helpers threads of the run's own. */
static void run_on_new_threads(int helpers, void (*worker)(void *), void *arg)
{
    pthread_t *threads = helpers > 0 ? xcalloc((size_t)helpers, sizeof *threads) : NULL;
    thread_run run = {worker, arg};
    int started = 0;
    for (int t = 0; t < helpers; t++) {
        if (pthread_create(&threads[t], NULL, thread_main, &run) != 0)
            break;
        started++;
    }
    worker(arg);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
}

void work_pool_run(work_pool *p, int helpers, void (*worker)(void *), void *arg)
{
    if (!p) {
        run_on_new_threads(helpers, worker, arg);
        return;
    }
    pthread_mutex_lock(&p->lock);
    int open = !p->worker && !p->closed && helpers > 0;
    if (open) {
        p->worker = worker;
        p->arg = arg;
        p->run++;
        p->seats = helpers;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    worker(arg);
    if (!open)
        return;
    /* Nobody joins once the caller is done; those inside finish (they
     * find no work left, at worst) before arg may go. */
    pthread_mutex_lock(&p->lock);
    p->seats = 0;
    while (p->helping > 0)
        pthread_cond_wait(&p->changed, &p->lock);
    p->worker = NULL;
    p->arg = NULL;
    pthread_mutex_unlock(&p->lock);
}

/* ---- loops -------------------------------------------------------------- */

typedef struct parallel_work {
    size_t n;
    void (*fn)(size_t, void *);
    void *ctx;
    atomic_size_t next;
} parallel_work;

static void run_loop(void *arg)
{
    parallel_work *w = arg;
    for (size_t i; (i = atomic_fetch_add(&w->next, 1)) < w->n;)
        w->fn(i, w->ctx);
}

void parallel_for_in(work_pool *pool, size_t n, int jobs, void (*fn)(size_t i, void *ctx),
                     void *ctx)
{
    parallel_work w = {n, fn, ctx, 0};
    atomic_init(&w.next, 0);
    if (jobs > 1 && (size_t)jobs > n)
        jobs = (int)n;
    work_pool_run(pool, jobs > 1 ? jobs - 1 : 0, run_loop, &w);
}
