/* apimd lint DOCS...: findings on the docs themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"
#include "cli/lint_run.h"

static int write_baseline(arg_parser *p, lint_run *lr)
{
    const arg_spec *w = args_find(p, "write-baseline");
    if (!w->seen)
        return 0;
    char *error = NULL;
    if (lint_baseline_write(&lr->findings, w->value, &error) != 0) {
        fprintf(stderr, "apimd: error: %s\n", error ? error : w->value);
        free(error);
        return 2;
    }
    return 0;
}

static const char *value_or_null(arg_parser *p, const char *option)
{
    const arg_spec *s = args_find(p, option);
    return s->seen ? s->value : NULL;
}

static int run_lint(arg_parser *p, docs_run *run)
{
    lint_run lr;
    int status = lint_run_start(&lr, p, value_or_null(p, "config"),
                                value_or_null(p, "fail-on"),
                                value_or_null(p, "baseline"));
    if (status == 0)
        status = docs_run_pipeline(run, "lint", lint_run_page, NULL, &lr);
    if (status == 0) {
        lint_run_model(&lr, run->result.model,
                       args_find(p, "write-baseline")->seen);
        status = write_baseline(p, &lr);
        if (status == 0) {
            strbuf out = STRBUF_INIT;
            lint_run_render(&lr, p, value_or_null(p, "format"), &out);
            status = lint_run_write(value_or_null(p, "output"), &out);
            strbuf_free(&out);
        }
        if (status == 0)
            status = lint_exit_status(&lr.findings, lr.config.fail_on);
    }
    lint_run_end(&lr);
    return status;
}

int cmd_lint(int argc, char **argv)
{
    arg_spec specs[] = {
        {"format", 'f', ARG_VALUE, "FMT", "text (default), json or sarif", 0, 0},
        {"output", 'o', ARG_VALUE, "FILE", "write the report to FILE (default: stdout)", 0, 0},
        {"fail-on", 0, ARG_VALUE, "LEVEL", "exit 1 on findings at or above LEVEL: error (default), warning, note, never", 0, 0},
        {"config", 'c', ARG_VALUE, "FILE", "configuration (default: .apimd.json in the first DOCS directory that has one)", 0, 0},
        {"baseline", 'b', ARG_VALUE, "FILE", "report only findings this baseline does not hold", 0, 0},
        {"write-baseline", 0, ARG_VALUE, "FILE", "write every current finding to FILE as a baseline", 0, 0},
        COMMON_DOC_OPTIONS,
    };
    arg_parser p = {"apimd lint", "[options] DOCS...",
                    "Checks every Markdown page under DOCS: TODO gaps, broken "
                    "tables, invalid\nannotations and examples, cross-page "
                    "conflicts, examples that contradict\nthe declared types, "
                    "broken links. Rules are listed in docs/lint-rules.md;\n"
                    "disable one for the rest of a page with "
                    "<!-- apimd-disable RULE -->.",
                    specs, sizeof specs / sizeof *specs, NULL, 0, 0};
    docs_run run;
    int status = docs_run_start(&p, argc, argv, &run);
    if (status == 0 && !p.help) {
        status = lint_run_check_choice(&p, "format", lint_run_formats) ||
                         lint_run_check_choice(&p, "fail-on", lint_run_levels)
                     ? 2
                     : 0;
    }
    if (status == 0 && !p.help)
        status = run_lint(&p, &run);
    docs_run_end(&run);
    args_free(&p);
    return status;
}
