/* apimd generate DOCS... -o DIR: C model code from the docs. */
#include <stdio.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"
#include "emit/generate.h"

static int generate_from_model(arg_parser *p, const model *m, int quiet)
{
    cJSON *json = model_to_json(m, 0);
    generate_options opts = {
        .out_dir = args_find(p, "output")->value,
        .templates_dir = args_find(p, "templates")->value,
        .prefix = args_find(p, "prefix")->value,
        .check = args_find(p, "check")->seen,
        .quiet = quiet,
    };
    strbuf messages = STRBUF_INIT;
    int status = generate_c(json, &opts, &messages);
    cJSON_Delete(json);
    /* --check lists what differs on stdout (it is the answer asked for);
     * errors go to stderr. */
    FILE *to = status == 1 ? stdout : stderr;
    fputs(strbuf_cstr(&messages), to);
    strbuf_free(&messages);
    return status;
}

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
                    "content changed are rewritten; files apimd did not\n"
                    "generate are never touched.",
                    specs, sizeof specs / sizeof *specs, NULL, 0, 0};
    docs_run run;
    int status = docs_run_start(&p, argc, argv, &run);
    if (status == 0 && !p.help && !args_find(&p, "output")->seen) {
        fprintf(stderr, "apimd: generate needs -o DIR\nTry 'apimd generate --help'.\n");
        status = 2;
    }
    if (status == 0 && !p.help) {
        status = docs_run_pipeline(&run, "generate", NULL, NULL, NULL);
        if (status == 0)
            status = generate_from_model(&p, run.result.model, run.quiet);
    }
    docs_run_end(&run);
    args_free(&p);
    return status;
}
