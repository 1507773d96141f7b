/* A small command-line parser shared by the subcommands: long options with
 * or without a value ("--format json", "--format=json"), short aliases,
 * and positional arguments. Errors are usage errors (exit status 2). */
#ifndef APIMD_ARGS_H
#define APIMD_ARGS_H

#include <stddef.h>

typedef enum arg_kind { ARG_FLAG, ARG_VALUE } arg_kind;

typedef struct arg_spec {
    const char *long_name; /* "format" for --format */
    char short_name;       /* 'o' for -o, or 0 */
    arg_kind kind;
    const char *value_name; /* for --help: "FILE" */
    const char *help;
    /* Filled in by args_parse: */
    int seen;
    const char *value;
} arg_spec;

typedef struct arg_parser {
    const char *command;  /* "apimd lint" */
    const char *usage;    /* "[options] DOCS..." */
    const char *summary;  /* one paragraph */
    arg_spec *specs;
    size_t nspecs;
    const char **positional;
    size_t npositional;
    int help; /* --help was given */
} arg_parser;

/* Returns 0, or 2 after printing "apimd: <problem>" and a hint to stderr. */
int args_parse(arg_parser *p, int argc, char **argv);
void args_print_help(const arg_parser *p);
void args_free(arg_parser *p);
arg_spec *args_find(arg_parser *p, const char *long_name);
/* Parses an integer option value in [min, max]; returns 0 or 2 (printed). */
int args_int(const arg_parser *p, const arg_spec *s, long min, long max,
             long *out);

#endif
