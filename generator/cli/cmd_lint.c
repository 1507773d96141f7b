/* apimd lint DOCS...: findings on the docs themselves. */
#include <stdio.h>
#include <string.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"

static const char *const formats[] = {"text", "json", "sarif", NULL};
static const char *const levels[] = {"error", "warning", "note", "never", NULL};

/* Rejects a value outside its choices before any page is read. */
static int check_choice(arg_parser *p, const char *option,
                        const char *const *choices)
{
    const arg_spec *s = args_find(p, option);
    if (!s->seen)
        return 0;
    for (size_t i = 0; choices[i]; i++)
        if (strcmp(s->value, choices[i]) == 0)
            return 0;
    fprintf(stderr, "apimd: --%s wants one of", option);
    for (size_t i = 0; choices[i]; i++)
        fprintf(stderr, " %s", choices[i]);
    fprintf(stderr, ", not '%s'\nTry '%s --help'.\n", s->value, p->command);
    return 2;
}

int cmd_lint(int argc, char **argv)
{
    arg_spec specs[] = {
        {"format", 'f', ARG_VALUE, "FMT", "text (default), json or sarif", 0, 0},
        {"output", 'o', ARG_VALUE, "FILE", "write the report to FILE (default: stdout)", 0, 0},
        {"fail-on", 0, ARG_VALUE, "LEVEL", "exit 1 on findings at or above LEVEL: error (default), warning, note, never", 0, 0},
        {"config", 'c', ARG_VALUE, "FILE", "configuration (default: .apimd.json in the first DOCS directory)", 0, 0},
        {"baseline", 'b', ARG_VALUE, "FILE", "report only findings not in this baseline", 0, 0},
        {"write-baseline", 0, ARG_VALUE, "FILE", "write the current findings as a baseline", 0, 0},
        COMMON_DOC_OPTIONS,
    };
    arg_parser p = {"apimd lint", "[options] DOCS...",
                    "Checks every Markdown page under DOCS: TODO gaps, broken "
                    "tables, invalid\nannotations and examples, cross-page "
                    "conflicts, broken links.",
                    specs, sizeof specs / sizeof *specs, NULL, 0, 0};
    docs_run run;
    int status = docs_run_start(&p, argc, argv, &run);
    if (status == 0 && !p.help) {
        status = check_choice(&p, "format", formats) ||
                         check_choice(&p, "fail-on", levels)
                     ? 2
                     : 0;
    }
    if (status == 0 && !p.help) {
        fprintf(stderr, "apimd: lint: not implemented yet\n");
        status = 2;
    }
    args_free(&p);
    return status;
}
