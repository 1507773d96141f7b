/* apimd: reads REST API reference pages written in Markdown (the Microsoft
 * Graph documentation format) into a schema model, generates C from it and
 * lints the pages. */
#include <stdio.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli/commands.h"
#include "extract/extract.h"
#include "read/page.h"
#include "util/interrupt.h"
#include "util/json_arena.h"

#ifndef APIMD_VERSION
#define APIMD_VERSION "0.0.0"
#endif

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"schema", cmd_schema, "print the schema model of the docs as JSON"},
    {"generate", cmd_generate, "generate C model code from the docs; with --schema and\n"
                               "             --lint, the schema and the lint report too, in one pass"},
    {"lint", cmd_lint, "check the docs for gaps, broken form and conflicts"},
};

static void print_help(void)
{
    printf("Usage: apimd <command> [options] DOCS...\n\n"
           "Reads REST API reference pages written in Markdown (the Microsoft "
           "Graph\ndocs format) and turns them into a schema model, C model "
           "code and a lint\nreport.\n\nCommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].summary);
    printf("\nOptions:\n  -h, --help     show this help\n"
           "  --version      show the version\n\n"
           "Run 'apimd <command> --help' for the options of a command.\n"
           "Exit status: 0 success, 1 findings at or above the failing level "
           "(lint,\ngenerate --check), 2 usage or input errors.\n");
}

/* glibc grows and trims each thread's heap 128 KiB at a time, by default:
 * with pages read, extracted and freed on every core, that is thousands
 * of mprotect calls, each stopping the other threads' page faults, and
 * memory handed back only to be faulted in again. The heaps grow in
 * larger steps and keep what they free; large blocks still come from
 * mmap, at a fixed size rather than one that moves with the run. */
static void tune_malloc(void)
{
#ifdef __GLIBC__
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

static const command *find_command(const char *name)
{
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "apimd: no command given\nTry 'apimd --help'.\n");
        return 2;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 ||
        strcmp(name, "help") == 0) {
        print_help();
        return 0;
    }
    if (strcmp(name, "--version") == 0) {
        printf("apimd %s\n", APIMD_VERSION);
        return 0;
    }
    const command *cmd = find_command(name);
    if (!cmd) {
        fprintf(stderr, "apimd: unknown command '%s'\nTry 'apimd --help'.\n",
                name);
        return 2;
    }
    tune_malloc();
    /* cJSON trees built and dropped whole come from arenas: routed
     * here once, before any thread starts. */
    json_arena_install();
    page_reader_init();
    extract_init();
    /* Before the command starts its threads: they inherit the blocked
     * signals, which go to the guard's own thread. */
    interrupt_guard_start();
    int status = cmd->run(argc - 2, argv + 2);
    interrupt_guard_stop();
    extract_shutdown();
    return status;
}
