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

/* Writes len bytes of text to path atomically, or to stdout when path is
 * NULL or "-". Returns 0, or 2 after printing the problem. */
int docs_write_output(const char *path, const char *text, size_t len);

/* Writes the `apimd schema` text of m (json_print of model_to_json,
 * newline-ended) to path atomically, or to stdout for NULL or "-", as it
 * is made: the text of a big model is never held whole. Returns 0, or 2
 * with the message line ("apimd: ...") in problems, for the caller to
 * print. */
int docs_write_schema(const model *m, int with_examples, const char *path,
                      strbuf *problems);

#endif
