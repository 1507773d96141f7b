/* apimd schema DOCS... [-o FILE]: the merged model as JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"
#include "util/fsutil.h"

static int write_output(const char *path, const char *text)
{
    if (!path || strcmp(path, "-") == 0) {
        fputs(text, stdout);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    strbuf err = STRBUF_INIT;
    int rc = fs_write_file_atomic(path, text, strlen(text), &err);
    if (rc != 0)
        fprintf(stderr, "apimd: %s", strbuf_cstr(&err));
    strbuf_free(&err);
    return rc == 0 ? 0 : 2;
}

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
        cJSON *json = model_to_json(run.result.model, args_find(&p, "examples")->seen);
        char *text = cJSON_Print(json);
        cJSON_Delete(json);
        size_t n = strlen(text);
        char *with_newline = malloc(n + 2);
        if (with_newline) {
            memcpy(with_newline, text, n);
            memcpy(with_newline + n, "\n", 2);
            status = write_output(args_find(&p, "output")->value, with_newline);
            free(with_newline);
        } else {
            status = 2;
        }
        free(text);
    }
    docs_run_end(&run);
    args_free(&p);
    return status;
}
