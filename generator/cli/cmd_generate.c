/* apimd generate DOCS... -o DIR: C model code from the docs. */
#include <stdio.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"

int cmd_generate(int argc, char **argv)
{
    arg_spec specs[] = {
        {"output", 'o', ARG_VALUE, "DIR", "the output directory (required)", 0, 0},
        {"templates", 't', ARG_VALUE, "DIR", "templates overriding the shipped ones, file by file", 0, 0},
        {"prefix", 'p', ARG_VALUE, "P", "prefix of every C name (default: from the namespace, microsoft.graph -> graph)", 0, 0},
        {"check", 0, ARG_FLAG, NULL, "write nothing; exit 1 and list what differs when DIR is stale", 0, 0},
        COMMON_DOC_OPTIONS,
    };
    arg_parser p = {"apimd generate", "[options] -o DIR DOCS...",
                    "Reads every Markdown page under DOCS and generates C model "
                    "code into DIR:\na struct per type with from_json, to_json, "
                    "validate and free, needing only\ncJSON. Only files whose "
                    "content changed are rewritten.",
                    specs, sizeof specs / sizeof *specs, NULL, 0, 0};
    docs_run run;
    int status = docs_run_start(&p, argc, argv, &run);
    if (status == 0 && !p.help && !args_find(&p, "output")->seen) {
        fprintf(stderr, "apimd: generate needs -o DIR\nTry 'apimd generate --help'.\n");
        status = 2;
    }
    if (status == 0 && !p.help) {
        fprintf(stderr, "apimd: generate: not implemented yet\n");
        status = 2;
    }
    args_free(&p);
    return status;
}
