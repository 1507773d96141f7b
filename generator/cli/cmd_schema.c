/* apimd schema DOCS... [-o FILE]: the merged model as JSON. */
#include <stdio.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"

int cmd_schema(int argc, char **argv)
{
    arg_spec specs[] = {
        {"output", 'o', ARG_VALUE, "FILE", "write the model to FILE (default: stdout)", 0, 0},
        {"examples", 0, ARG_FLAG, NULL, "include the JSON examples and the conflicts", 0, 0},
        COMMON_DOC_OPTIONS,
    };
    arg_parser p = {"apimd schema", "[options] DOCS...",
                    "Reads every Markdown page under DOCS (directories or files) "
                    "and prints the\nmerged schema model as JSON: types, "
                    "properties, enums and methods, each\nwith its source "
                    "file and line. The format is documented in\n"
                    "docs/model.schema.json.",
                    specs, sizeof specs / sizeof *specs, NULL, 0, 0};
    docs_run run;
    int status = docs_run_start(&p, argc, argv, &run);
    if (status != 0 || p.help) {
        args_free(&p);
        return status;
    }
    status = docs_run_pipeline(&run, "schema", NULL, NULL, NULL);
    if (status == 0) {
        strbuf problems = STRBUF_INIT;
        status = docs_write_schema(run.result.model, args_find(&p, "examples")->seen,
                                   args_find(&p, "output")->value, &problems);
        fputs(strbuf_cstr(&problems), stderr);
        strbuf_free(&problems);
    }
    docs_run_end(&run);
    args_free(&p);
    return status;
}
