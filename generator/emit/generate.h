/* apimd generate: the model -> the view -> the C templates -> an output
 * directory. */
#ifndef APIMD_GENERATE_H
#define APIMD_GENERATE_H

#include <cjson/cJSON.h>

#include "util/parallel.h"
#include "util/strbuf.h"

struct model; /* model/model.h */

typedef struct generate_options {
    const char *out_dir;
    /* A directory of templates overriding the shipped ones file by file
     * (<name>.mustache), or NULL. */
    const char *templates_dir;
    /* Start of every C name; NULL: from the namespace (microsoft.graph ->
     * graph). */
    const char *prefix;
    /* Write nothing; report how out_dir differs from what would be
     * generated. */
    int check;
    /* No summary line in messages (problems are still reported). */
    int quiet;
    /* Threads rendering the files; 0 or 1: the calling thread alone. The
     * output does not depend on it. */
    int jobs;
    /* Where the threads beside the calling one come from (util/parallel.h):
     * a pool the caller serves with threads that have finished their own
     * work; NULL: jobs - 1 new threads. */
    work_pool *pool;
    /* Called once the view is built (or could not be), when generate no
     * longer reads the model: the caller may free the model while the
     * files are rendered. May be NULL. */
    void (*model_released)(void *ctx);
    void *model_released_ctx;
} generate_options;

/* Generates the C model code of the model's types into opts->out_dir.
 * Returns 0 when done (or, with check, when out_dir is up to date); 1 with
 * check when out_dir differs, each differing, missing or stale file on a
 * line of messages; 2 on an error, described in messages (a template's
 * file:line, an I/O problem), out_dir untouched. */
int generate_c(const struct model *m, const generate_options *opts, strbuf *messages);
/* The same from a model JSON (docs/model.schema.json), read with
 * model_types_from_json; a JSON that is no such model is an error (2). */
int generate_c_json(const cJSON *model_json, const generate_options *opts, strbuf *messages);

#endif
