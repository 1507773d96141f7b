/* apimd generate DOCS... -o DIR: C model code from the docs; with --schema
 * and --lint, the schema model and the lint report too, from one reading
 * of the pages. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"
#include "cli/lint_run.h"
#include "emit/generate.h"
#include "util/parallel.h"
#include "util/xalloc.h"

static const char *value_or_null(arg_parser *p, const char *option)
{
    const arg_spec *s = args_find(p, option);
    return s->seen ? s->value : NULL;
}

/* What runs beside the code generation after the merge (all of it only
 * reads the model): the cross-page lint and its report, and the schema.
 * With more than one job it has a thread of its own, which then serves the
 * pool the code generation takes its helper threads from: it helps build
 * the view and render rather than leave its core idle while new threads
 * crowd the other. The model has two readers, this work and the code
 * generation (until its view is built); the last to be done with it has
 * it freed (by the pool, when there is one: the code generation goes on
 * meanwhile), so that it is not left to free on one core at the end. */
typedef struct side_work {
    lint_run *lr; /* NULL: no lint; ended here */
    int lint_status;
    const model *model;
    pipeline_result *result; /* its model freed by the last reader */
    const char *schema;      /* where the schema goes, or NULL */
    int schema_status;
    arg_parser *parser;
    strbuf report, schema_problems;
    work_pool *pool; /* served once the work is done; NULL: none */
    pthread_mutex_t lock;
    int readers_done; /* of the model's two */
} side_work;

static void free_model(void *arg)
{
    side_work *t = arg;
    pipeline_result_free_model(t->result);
}

static void release_model_reader(side_work *t)
{
    pthread_mutex_lock(&t->lock);
    int last = ++t->readers_done == 2;
    pthread_mutex_unlock(&t->lock);
    if (last)
        work_pool_post(t->pool, free_model, t);
}

static void code_generation_released_model(void *arg) { release_model_reader(arg); }

static void *run_side_work(void *arg)
{
    side_work *t = arg;
    if (t->lr) {
        lint_run_model(t->lr, t->model, 0);
        lint_run_render(t->lr, t->parser, value_or_null(t->parser, "lint-format"),
                        &t->report);
        t->lint_status = lint_exit_status(&t->lr->findings, t->lr->config.fail_on);
        lint_run_end(t->lr);
    }
    if (t->schema)
        t->schema_status = docs_write_schema(t->model, 0, t->schema, &t->schema_problems);
    release_model_reader(t);
    if (t->pool)
        work_pool_serve(t->pool);
    return NULL;
}

static int worse(int a, int b)
{
    return a == 2 || b == 2 ? 2 : a > b ? a : b;
}

static void *serve_pool(void *pool)
{
    work_pool_serve(pool);
    return NULL;
}

/* The threads after the merge: the side work's (when there is a pool to
 * serve) and jobs - 2 that only serve the pool, so that the code
 * generation has jobs threads in all. Returns how many were started. */
static int start_threads(side_work *side, int jobs, pthread_t *threads)
{
    if (!side->pool || pthread_create(&threads[0], NULL, run_side_work, side) != 0) {
        work_pool_free(side->pool); /* no thread to serve it */
        side->pool = NULL;
        run_side_work(side); /* before the code generation, on this thread */
        return 0;
    }
    int started = 1;
    while (started < jobs - 1 &&
           pthread_create(&threads[started], NULL, serve_pool, side->pool) == 0)
        started++;
    return started;
}

/* Everything after the merge: the code generation, with the lint and the
 * schema beside it when there are cores to spare. Ends the lint run lr. */
static int finish(arg_parser *p, docs_run *run, lint_run *lr, int jobs)
{
    const model *m = run->result.model;
    const char *schema_path = value_or_null(p, "schema");
    side_work side = {.lr = lr, .model = m, .result = &run->result, .schema = schema_path,
                      .parser = p, .report = STRBUF_INIT, .schema_problems = STRBUF_INIT,
                      .pool = jobs > 1 ? work_pool_new() : NULL};
    pthread_mutex_init(&side.lock, NULL);
    pthread_t *threads = xcalloc(jobs > 1 ? (size_t)jobs - 1 : 1, sizeof *threads);
    int started = start_threads(&side, jobs, threads);

    generate_options opts = {
        .out_dir = args_find(p, "output")->value,
        .templates_dir = value_or_null(p, "templates"),
        .prefix = value_or_null(p, "prefix"),
        .check = args_find(p, "check")->seen,
        .quiet = run->quiet,
        .jobs = jobs,
        .pool = side.pool,
        .model_released = code_generation_released_model,
        .model_released_ctx = &side,
    };
    strbuf messages = STRBUF_INIT;
    int generated = generate_c(m, &opts, &messages);
    int status = generated;
    if (side.pool)
        work_pool_close(side.pool);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    free(threads);
    work_pool_free(side.pool);
    pthread_mutex_destroy(&side.lock);

    if (schema_path) {
        fputs(strbuf_cstr(&side.schema_problems), stderr);
        status = worse(status, side.schema_status);
    }
    if (lr) {
        int written = lint_run_write(value_or_null(p, "lint"), &side.report);
        status = worse(status, written ? written : side.lint_status);
    }
    /* --check lists what differs on stdout (it is the answer asked for);
     * errors go to stderr. */
    fputs(strbuf_cstr(&messages), generated == 1 ? stdout : stderr);
    strbuf_free(&messages);
    strbuf_free(&side.schema_problems);
    strbuf_free(&side.report);
    return status;
}

/* Usage errors the options can make before any page is read. */
static int check_options(arg_parser *p)
{
    if (!args_find(p, "output")->seen) {
        fprintf(stderr, "apimd: generate needs -o DIR\nTry 'apimd generate --help'.\n");
        return 2;
    }
    if (lint_run_check_choice(p, "lint-format", lint_run_formats) ||
        lint_run_check_choice(p, "lint-fail-on", lint_run_levels))
        return 2;
    static const char *const lint_options[] = {"lint-format", "lint-fail-on", "lint-config"};
    for (size_t i = 0; i < sizeof lint_options / sizeof *lint_options; i++)
        if (args_find(p, lint_options[i])->seen && !args_find(p, "lint")->seen) {
            fprintf(stderr, "apimd: --%s needs --lint FILE\nTry 'apimd generate --help'.\n",
                    lint_options[i]);
            return 2;
        }
    const char *schema = value_or_null(p, "schema"), *lint = value_or_null(p, "lint");
    if (schema && lint && strcmp(schema, "-") == 0 && strcmp(lint, "-") == 0) {
        fprintf(stderr, "apimd: --schema and --lint cannot both go to stdout\n"
                        "Try 'apimd generate --help'.\n");
        return 2;
    }
    return 0;
}

int cmd_generate(int argc, char **argv)
{
    arg_spec specs[] = {
        {"output", 'o', ARG_VALUE, "DIR", "the output directory (required)", 0, 0},
        {"templates", 't', ARG_VALUE, "DIR", "templates overriding the shipped ones, file by file", 0, 0},
        {"prefix", 'p', ARG_VALUE, "P", "prefix of every C name (default: from the namespace, microsoft.graph -> graph)", 0, 0},
        {"check", 0, ARG_FLAG, NULL, "write nothing to DIR; exit 1 and list what differs when DIR is stale", 0, 0},
        {"schema", 0, ARG_VALUE, "FILE", "also write the schema model to FILE ('-': stdout), as 'apimd schema' prints it", 0, 0},
        {"lint", 0, ARG_VALUE, "FILE", "also lint the docs and write the report to FILE ('-': stdout), as 'apimd lint' does", 0, 0},
        {"lint-format", 0, ARG_VALUE, "FMT", "format of the --lint report: text (default), json or sarif", 0, 0},
        {"lint-fail-on", 0, ARG_VALUE, "LEVEL", "exit 1 on findings at or above LEVEL: error, warning, note, never (default)", 0, 0},
        {"lint-config", 0, ARG_VALUE, "FILE", "lint configuration (default: .apimd.json in the first DOCS directory that has one)", 0, 0},
        COMMON_DOC_OPTIONS,
    };
    arg_parser p = {"apimd generate", "[options] -o DIR DOCS...",
                    "Reads every Markdown page under DOCS and generates C model "
                    "code into DIR:\na struct per type with from_json, to_json, "
                    "validate and free, needing only\ncJSON. Only files whose "
                    "content changed are rewritten; files apimd did not\n"
                    "generate are never touched. With --schema and --lint the "
                    "same reading of\nthe pages also gives the schema model and "
                    "the lint report: one pass does\nthe work of 'apimd schema', "
                    "'apimd lint' and 'apimd generate'.",
                    specs, sizeof specs / sizeof *specs, NULL, 0, 0};
    docs_run run;
    int status = docs_run_start(&p, argc, argv, &run);
    if (status == 0 && !p.help)
        status = check_options(&p);
    if (status == 0 && !p.help) {
        int jobs = run.jobs > 0 ? (int)run.jobs : pipeline_default_jobs();
        lint_run lr;
        int linting = args_find(&p, "lint")->seen;
        if (linting)
            status = lint_run_start(&lr, &p, value_or_null(&p, "lint-config"),
                                    value_or_null(&p, "lint-fail-on")
                                        ? value_or_null(&p, "lint-fail-on")
                                        : "never",
                                    NULL);
        int lint_open = linting;
        if (status == 0)
            status = docs_run_pipeline(&run, "generate", linting ? lint_run_page : NULL, NULL,
                                       linting ? &lr : NULL);
        if (status == 0) {
            status = finish(&p, &run, linting ? &lr : NULL, jobs);
            lint_open = 0; /* finish ended it */
        }
        if (lint_open)
            lint_run_end(&lr);
    }
    docs_run_end(&run);
    args_free(&p);
    return status;
}
