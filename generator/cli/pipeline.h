/* Runs the front half of the pipeline over a docs tree:
 *   find pages -> (read -> extract -> page hook) on worker threads -> merge.
 * Pages are independent until the merge, so each is read, handled and freed
 * on a worker; only its model fragment is kept. Results are stored by the
 * page's index in path order, so the output does not depend on threads. */
#ifndef APIMD_PIPELINE_H
#define APIMD_PIPELINE_H

#include <stddef.h>

#include "model/model.h"
#include "read/page.h"
#include "util/strbuf.h"

/* Called on a worker thread for every page read, before it is freed.
 * index is the page's position in path order (0 .. npages-1).
 * worker_slot is the hook's to keep something in from one page of the
 * worker to the next (NULL at the worker's first page). */
typedef void (*page_hook)(const page *p, size_t index, void **worker_slot, void *user);

typedef struct pipeline_options {
    const char *const *inputs; /* files or directories */
    size_t ninputs;
    int jobs;           /* worker threads; 0: the number of cores */
    int quiet;          /* no progress line */
    const char *what;   /* label of the progress line, e.g. "lint" */
    page_hook on_page;  /* may be NULL */
    void *user;
    /* Called once the page list is known, before any page is read, so the
     * caller can size per-page storage. May be NULL. */
    void (*on_count)(size_t npages, void *user);
} pipeline_options;

typedef struct pipeline_result {
    model *model;   /* merged; NULL on error */
    size_t npages;
    size_t nbytes;
    char **paths;   /* the pages, in path order (as given + relative) */
} pipeline_result;

/* Returns 0 on success. On input errors (missing path, unreadable file,
 * binary file, symlink loop) returns 2 with every problem in errors, one
 * line each, "path: problem". */
int pipeline_run(const pipeline_options *opts, pipeline_result *result,
                 strbuf *errors);
void pipeline_result_free(pipeline_result *result);
/* Frees the model alone (result->model becomes NULL), as soon as nothing
 * reads it any more; the page list stays. */
void pipeline_result_free_model(pipeline_result *result);

/* How many worker threads -j 0 means. */
int pipeline_default_jobs(void);

#endif
