/* The lint part of a docs run, shared by `apimd lint` and the single pass
 * of `apimd generate --lint`: configuration, the per-page hook, the
 * cross-page rules, and the report. */
#ifndef APIMD_LINT_RUN_H
#define APIMD_LINT_RUN_H

#include "cli/args.h"
#include "lint/lint.h"

typedef struct lint_run {
    lint_config config;
    lint_context ctx;
    lint_findings findings;
    lint_baseline *baseline;
    int started; /* lint_init and the context are set up */
} lint_run;

/* Loads the configuration (config_path, or .apimd.json found in the first
 * DOCS directory that has one when NULL), applies fail_on (NULL: the
 * configured level) and loads the baseline (NULL: none). Returns 0, or 2
 * after printing the problem. Call lint_run_end in every case. */
int lint_run_start(lint_run *lr, const arg_parser *p, const char *config_path,
                   const char *fail_on, const char *baseline_path);

/* The pipeline's page hook: user is the lint_run. */
void lint_run_page(const page *pg, size_t index, void **worker_slot, void *user);

/* The cross-page rules, then severities, suppressions and the baseline
 * (unless keep_all, for writing a new baseline). */
void lint_run_model(lint_run *lr, const model *m, int keep_all);

/* Renders the findings as text, json or sarif into out; locations are
 * relative to the working directory when a single DOCS directory was
 * given. */
void lint_run_render(lint_run *lr, const arg_parser *p, const char *format,
                     strbuf *out);

/* Writes text to path, or to stdout for NULL or "-". Returns 0 or 2
 * (printed). */
int lint_run_write(const char *path, const strbuf *text);

void lint_run_end(lint_run *lr);

/* The values --format and --fail-on accept, NULL-terminated. */
extern const char *const lint_run_formats[];
extern const char *const lint_run_levels[];

/* Rejects a value of option outside choices before any page is read:
 * returns 0, or 2 after printing the usage error. */
int lint_run_check_choice(arg_parser *p, const char *option,
                          const char *const *choices);

#endif
