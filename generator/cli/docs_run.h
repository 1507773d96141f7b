/* What the commands that read a docs tree share: their common options,
 * running the pipeline, and reporting input errors. */
#ifndef APIMD_DOCS_RUN_H
#define APIMD_DOCS_RUN_H

#include "cli/args.h"
#include "cli/pipeline.h"

typedef struct docs_run {
    arg_parser *parser;
    long jobs;
    int quiet;
    pipeline_result result;
} docs_run;

/* Parses the arguments; returns 0 to go on (check parser->help), or 2
 * after a usage error was printed. Prints the help when asked. */
int docs_run_start(arg_parser *p, int argc, char **argv, docs_run *run);
/* Reads the docs. Returns 0, or 2 after printing every input error. */
int docs_run_pipeline(docs_run *run, const char *what, page_hook on_page,
                      void (*on_count)(size_t, void *), void *user);
void docs_run_end(docs_run *run);

#endif
