/* apimd lint DOCS...: findings on the docs themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/docs_run.h"
#include "lint/lint.h"
#include "util/fsutil.h"

#ifndef APIMD_VERSION
#define APIMD_VERSION "0.0.0"
#endif

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

typedef struct lint_run {
    lint_config config;
    lint_context ctx;
    lint_findings findings;
    lint_baseline *baseline;
} lint_run;

static void lint_one_page(const page *pg, size_t index, void *user)
{
    (void)index;
    lint_run *lr = user;
    lint_page(pg, &lr->ctx, &lr->findings);
}

static int load_config(arg_parser *p, lint_run *lr)
{
    lint_config_init(&lr->config);
    const arg_spec *c = args_find(p, "config");
    char *path = c->seen ? strdup(c->value)
                         : lint_config_find(p->positional, p->npositional);
    int status = 0;
    if (path) {
        char *error = NULL;
        if (lint_config_load(&lr->config, path, &error) != 0) {
            fprintf(stderr, "apimd: error: %s\n", error ? error : path);
            status = 2;
        }
        free(error);
    }
    free(path);
    const arg_spec *f = args_find(p, "fail-on");
    if (status == 0 && f->seen)
        lint_fail_on_parse(f->value, &lr->config.fail_on);
    return status;
}

static int load_baseline(arg_parser *p, lint_run *lr)
{
    const arg_spec *b = args_find(p, "baseline");
    if (!b->seen)
        return 0;
    char *error = NULL;
    lr->baseline = lint_baseline_load(b->value, &error);
    if (!lr->baseline) {
        fprintf(stderr, "apimd: error: %s\n", error ? error : b->value);
        free(error);
        return 2;
    }
    return 0;
}

/* Locations are printed relative to the working directory when a single
 * docs directory was given (docs-input/api/x.md rather than api/x.md), so
 * editors and CI annotations can open them. */
static char *path_prefix(const arg_parser *p)
{
    struct stat st;
    if (p->npositional != 1 || stat(p->positional[0], &st) != 0 ||
        !S_ISDIR(st.st_mode))
        return NULL;
    const char *root = p->positional[0];
    size_t n = strlen(root);
    if (n == 1 && root[0] == '.')
        return NULL;
    strbuf s = STRBUF_INIT;
    strbuf_puts(&s, root);
    if (root[n - 1] != '/')
        strbuf_putc(&s, '/');
    return strbuf_detach(&s);
}

static int write_report(arg_parser *p, lint_run *lr)
{
    char *prefix = path_prefix(p);
    lint_render_options ro = {
        .tool_version = APIMD_VERSION,
        .path_prefix = prefix,
        .help_base = NULL,
        .config = &lr->config,
    };
    const arg_spec *fmt = args_find(p, "format");
    const char *format = fmt->seen ? fmt->value : "text";
    strbuf out = STRBUF_INIT;
    if (strcmp(format, "json") == 0)
        lint_render_json(&lr->findings, &ro, &out);
    else if (strcmp(format, "sarif") == 0)
        lint_render_sarif(&lr->findings, &ro, &out);
    else
        lint_render_text(&lr->findings, &ro, &out);
    free(prefix);

    int status = 0;
    const arg_spec *o = args_find(p, "output");
    if (o->seen && strcmp(o->value, "-") != 0) {
        strbuf err = STRBUF_INIT;
        if (fs_write_file_atomic(o->value, out.data ? out.data : "", out.len,
                                 &err) != 0) {
            fprintf(stderr, "apimd: error: %s", strbuf_cstr(&err));
            status = 2;
        }
        strbuf_free(&err);
    } else {
        fwrite(strbuf_cstr(&out), 1, out.len, stdout);
        fflush(stdout);
    }
    strbuf_free(&out);
    return status;
}

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

static int run_lint(arg_parser *p, docs_run *run)
{
    lint_run lr;
    memset(&lr, 0, sizeof lr);
    lint_findings_init(&lr.findings);
    int status = load_config(p, &lr);
    if (status == 0)
        status = load_baseline(p, &lr);
    if (status == 0) {
        lint_init();
        lint_context_init(&lr.ctx, p->positional, p->npositional, &lr.config);
        status = docs_run_pipeline(run, "lint", lint_one_page, NULL, &lr);
        if (status == 0) {
            lint_model(run->result.model, &lr.ctx, &lr.findings);
            /* A baseline holds every current finding: write it from the
             * findings before the old baseline filtered them. */
            lint_findings_finish(&lr.findings, &lr.config,
                                 args_find(p, "write-baseline")->seen ? NULL
                                                                      : lr.baseline);
            status = write_baseline(p, &lr);
            if (status == 0)
                status = write_report(p, &lr);
            if (status == 0)
                status = lint_exit_status(&lr.findings, lr.config.fail_on);
        }
        lint_context_free(&lr.ctx);
        lint_shutdown();
    }
    if (lr.baseline)
        lint_baseline_free(lr.baseline);
    lint_findings_free(&lr.findings);
    lint_config_free(&lr.config);
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
        status = check_choice(&p, "format", formats) ||
                         check_choice(&p, "fail-on", levels)
                     ? 2
                     : 0;
    }
    if (status == 0 && !p.help)
        status = run_lint(&p, &run);
    docs_run_end(&run);
    args_free(&p);
    return status;
}
