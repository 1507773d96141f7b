#include "cli/pipeline.h"

#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "extract/extract.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

/* Shared by the workers: the page list, where each result goes, and the
 * next page to take. Each worker writes only the slots of the pages it took,
 * so the slots need no lock. */
typedef struct run_state {
    const pipeline_options *opts;
    fs_page_list pages;
    model **fragments;
    char **errors; /* per page, NULL when the page was fine */
    size_t *bytes;
    atomic_size_t next;
    atomic_size_t done;
} run_state;

/* The directory of the pages a worker reads, kept open: pages come in
 * path order, so a worker's next page is mostly in the same directory, and
 * opening a name in it spares the kernel the lookup of the whole path. */
typedef struct page_dir {
    char *path; /* up to and with the last '/'; NULL: none open */
    size_t len;
    int fd;     /* -1: could not be opened; whole paths are opened then */
} page_dir;

#define PAGE_DIR_INIT {NULL, 0, -1}

static void page_dir_close(page_dir *d)
{
    if (d->fd >= 0)
        close(d->fd);
    free(d->path);
    *d = (page_dir)PAGE_DIR_INIT;
}

/* The directory to open path's file in (the worker's, reopened when the
 * page is in another one), and the name to open there. */
static int page_dir_of(page_dir *d, const char *path, const char **name)
{
    const char *slash = strrchr(path, '/');
    *name = path;
    if (!slash)
        return AT_FDCWD;
    size_t len = (size_t)(slash - path) + 1;
    if (!d->path || d->len != len || memcmp(d->path, path, len) != 0) {
        page_dir_close(d);
        d->path = xstrndup(path, len);
        d->len = len;
        d->fd = open(d->path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (d->fd < 0)
        return AT_FDCWD;
    *name = slash + 1;
    return d->fd;
}

/* What a worker keeps from one page to the next. */
typedef struct worker_state {
    page_dir dir;
    /* The fragment it made last: the next goes on in its last chunk, so
     * that thousands of small fragments do not each leave one partly
     * empty (they are all freed together, with the merged model). */
    model *last_fragment;
    void *hook_slot; /* the page hook's */
} worker_state;

static void handle_page(run_state *st, size_t i, worker_state *w)
{
    const fs_page_ref *ref = &st->pages.items[i];
    strbuf err = STRBUF_INIT;
    char *data;
    size_t len;
    const char *name;
    int dir_fd = page_dir_of(&w->dir, ref->path, &name);
    if (fs_read_file_at(dir_fd, name, ref->path, FS_MAX_PAGE_BYTES, &data, &len, &err) != 0) {
        st->errors[i] = strbuf_detach(&err);
        return;
    }
    st->bytes[i] = len;
    char *why = NULL;
    int line = 1;
    page *p = page_read_at(ref->path, ref->rel_path, data, len, &why, &line);
    free(data);
    if (!p) {
        strbuf_printf(&err, "%s:%d: %s\n", ref->path, line, why ? why : "not a page");
        free(why);
        st->errors[i] = strbuf_detach(&err);
        return;
    }
    st->fragments[i] = w->last_fragment = extract_page_after(p, w->last_fragment);
    if (st->opts->on_page)
        st->opts->on_page(p, i, &w->hook_slot, st->opts->user);
    page_free(p);
    strbuf_free(&err);
}

static void *worker(void *arg)
{
    run_state *st = arg;
    worker_state w = {PAGE_DIR_INIT, NULL, NULL};
    for (;;) {
        size_t i = atomic_fetch_add(&st->next, 1);
        if (i >= st->pages.count)
            break;
        handle_page(st, i, &w);
        atomic_fetch_add(&st->done, 1);
    }
    page_dir_close(&w.dir);
    return NULL;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How long a run goes before it shows a progress line: short runs stay
 * silent. APIMD_PROGRESS_DELAY (seconds) changes it, for tests. */
static double progress_delay(void)
{
    const char *env = getenv("APIMD_PROGRESS_DELAY");
    char *end;
    double d = env ? strtod(env, &end) : 0.5;
    return env && (end == env || d < 0) ? 0.5 : d;
}

/* The progress line: only on a terminal, and only for runs long enough to
 * need one; it is erased when the work is done. */
static void show_progress(run_state *st, double started, double delay, int *shown)
{
    size_t done = atomic_load(&st->done);
    if (now_seconds() - started < delay)
        return;
    fprintf(stderr, "\r%s: %zu/%zu pages", st->opts->what ? st->opts->what : "apimd",
            done, st->pages.count);
    fflush(stderr);
    *shown = 1;
}

static int wants_progress(const pipeline_options *opts)
{
    return !opts->quiet && isatty(STDERR_FILENO);
}

int pipeline_default_jobs(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        return 1;
    return n > 64 ? 64 : (int)n;
}

static void run_workers(run_state *st, int jobs)
{
    /* With a progress line to show, even one worker gets a thread of its
     * own: this thread draws the line. */
    int progress = wants_progress(st->opts);
    if (!progress && (jobs <= 1 || st->pages.count < 2)) {
        worker(st);
        return;
    }
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > st->pages.count)
        jobs = st->pages.count ? (int)st->pages.count : 1;
    pthread_t *threads = xcalloc((size_t)jobs, sizeof *threads);
    int started = 0;
    for (int t = 0; t < jobs; t++) {
        if (pthread_create(&threads[t], NULL, worker, st) != 0)
            break;
        started++;
    }
    if (started == 0)
        worker(st); /* no threads to be had: do the work here */
    if (progress) {
        double begin = now_seconds(), delay = progress_delay();
        int shown = 0;
        /* Drawn before the first check, so that a run that is over at
         * once still shows its line when the delay is zero. */
        for (;;) {
            show_progress(st, begin, delay, &shown);
            if (atomic_load(&st->done) >= st->pages.count)
                break;
            usleep(50 * 1000);
        }
        if (shown)
            fprintf(stderr, "\r\033[K");
    }
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
}

static int find_all_pages(const pipeline_options *opts, fs_page_list *pages,
                          strbuf *errors)
{
    int status = 0;
    for (size_t i = 0; i < opts->ninputs; i++)
        if (fs_find_pages(opts->inputs[i], pages, errors) != 0)
            status = 2;
    if (status == 0 && pages->count == 0) {
        strbuf_puts(errors, "no Markdown pages (*.md) found in");
        for (size_t i = 0; i < opts->ninputs; i++)
            strbuf_printf(errors, " %s", opts->inputs[i]);
        strbuf_putc(errors, '\n');
        status = 2;
    }
    fs_page_list_sort(pages);
    return status;
}

static int collect_errors(run_state *st, strbuf *errors)
{
    int status = 0;
    for (size_t i = 0; i < st->pages.count; i++) {
        if (!st->errors[i])
            continue;
        strbuf_puts(errors, st->errors[i]);
        free(st->errors[i]);
        status = 2;
    }
    return status;
}

int pipeline_run(const pipeline_options *opts, pipeline_result *result,
                 strbuf *errors)
{
    memset(result, 0, sizeof *result);
    run_state st;
    memset(&st, 0, sizeof st);
    st.opts = opts;
    if (find_all_pages(opts, &st.pages, errors) != 0) {
        fs_page_list_free(&st.pages);
        return 2;
    }
    size_t n = st.pages.count;
    st.fragments = xcalloc(n, sizeof *st.fragments);
    st.errors = xcalloc(n, sizeof *st.errors);
    st.bytes = xcalloc(n, sizeof *st.bytes);
    atomic_init(&st.next, 0);
    atomic_init(&st.done, 0);
    if (opts->on_count)
        opts->on_count(n, opts->user);

    int jobs = opts->jobs > 0 ? opts->jobs : pipeline_default_jobs();
    run_workers(&st, jobs);

    int status = collect_errors(&st, errors);
    result->npages = n;
    result->paths = xcalloc(n ? n : 1, sizeof *result->paths);
    for (size_t i = 0; i < n; i++) {
        result->nbytes += st.bytes[i];
        result->paths[i] = st.pages.items[i].rel_path;
        st.pages.items[i].rel_path = NULL;
    }
    if (status == 0) {
        result->model = model_merge(st.fragments, n);
    } else {
        for (size_t i = 0; i < n; i++)
            if (st.fragments[i])
                model_free(st.fragments[i]);
    }
    free(st.fragments);
    free(st.errors);
    free(st.bytes);
    for (size_t i = 0; i < n; i++)
        free(st.pages.items[i].rel_path);
    fs_page_list_free(&st.pages);
    return status;
}

void pipeline_result_free_model(pipeline_result *result)
{
    if (result->model)
        model_free(result->model);
    result->model = NULL;
}

void pipeline_result_free(pipeline_result *result)
{
    pipeline_result_free_model(result);
    for (size_t i = 0; i < result->npages; i++)
        free(result->paths[i]);
    free(result->paths);
    memset(result, 0, sizeof *result);
}
