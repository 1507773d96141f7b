#include "cli/lint_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/docs_run.h"
#include "util/fsutil.h"

#ifndef APIMD_VERSION
#define APIMD_VERSION "0.0.0"
#endif

const char *const lint_run_formats[] = {"text", "json", "sarif", NULL};
const char *const lint_run_levels[] = {"error", "warning", "note", "never", NULL};

int lint_run_check_choice(arg_parser *p, const char *option,
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

static int load_config(lint_run *lr, const arg_parser *p, const char *config_path,
                       const char *fail_on)
{
    char *path = config_path ? strdup(config_path)
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
    if (status == 0 && fail_on)
        lint_fail_on_parse(fail_on, &lr->config.fail_on);
    return status;
}

static int load_baseline(lint_run *lr, const char *baseline_path)
{
    if (!baseline_path)
        return 0;
    char *error = NULL;
    lr->baseline = lint_baseline_load(baseline_path, &error);
    if (!lr->baseline) {
        fprintf(stderr, "apimd: error: %s\n", error ? error : baseline_path);
        free(error);
        return 2;
    }
    return 0;
}

int lint_run_start(lint_run *lr, const arg_parser *p, const char *config_path,
                   const char *fail_on, const char *baseline_path)
{
    memset(lr, 0, sizeof *lr);
    lint_findings_init(&lr->findings);
    lint_config_init(&lr->config);
    int status = load_config(lr, p, config_path, fail_on);
    if (status == 0)
        status = load_baseline(lr, baseline_path);
    if (status == 0) {
        lint_init();
        lint_context_init(&lr->ctx, p->positional, p->npositional, &lr->config);
        lr->started = 1;
    }
    return status;
}

/* The worker's slot holds the record of its previous page. */
void lint_run_page(const page *pg, size_t index, void **worker_slot, void *user)
{
    (void)index;
    lint_run *lr = user;
    *worker_slot = lint_page_after(pg, &lr->ctx, &lr->findings, *worker_slot);
}

void lint_run_model(lint_run *lr, const model *m, int keep_all)
{
    lint_model(m, &lr->ctx, &lr->findings);
    /* A baseline holds every current finding: it is written from the
     * findings before the old baseline filtered them. */
    lint_findings_finish(&lr->findings, &lr->config, keep_all ? NULL : lr->baseline);
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

void lint_run_render(lint_run *lr, const arg_parser *p, const char *format,
                     strbuf *out)
{
    char *prefix = path_prefix(p);
    lint_render_options ro = {
        .tool_version = APIMD_VERSION,
        .path_prefix = prefix,
        .help_base = NULL,
        .config = &lr->config,
    };
    if (format && strcmp(format, "json") == 0)
        lint_render_json(&lr->findings, &ro, out);
    else if (format && strcmp(format, "sarif") == 0)
        lint_render_sarif(&lr->findings, &ro, out);
    else
        lint_render_text(&lr->findings, &ro, out);
    free(prefix);
}

int lint_run_write(const char *path, const strbuf *text)
{
    if (!path || strcmp(path, "-") == 0)
        return docs_write_output(NULL, strbuf_cstr(text), text->len);
    strbuf err = STRBUF_INIT;
    int status = 0;
    if (fs_write_file_atomic(path, strbuf_cstr(text), text->len, &err) != 0) {
        fprintf(stderr, "apimd: error: %s", strbuf_cstr(&err));
        status = 2;
    }
    strbuf_free(&err);
    return status;
}

void lint_run_end(lint_run *lr)
{
    if (lr->started) {
        lint_context_free(&lr->ctx);
        lint_shutdown();
    }
    if (lr->baseline)
        lint_baseline_free(lr->baseline);
    lint_findings_free(&lr->findings);
    lint_config_free(&lr->config);
    memset(lr, 0, sizeof *lr);
}
