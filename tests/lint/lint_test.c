#include "lint_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/pipeline.h"
#include "util/xalloc.h"

int lint_test_failures;

char *test_source_path(const char *relative)
{
    const char *root = getenv("APIMD_SOURCE_ROOT");
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "%s/%s", root && *root ? root : ".", relative);
    return strbuf_detach(&b);
}

typedef struct page_lint_job {
    const lint_context *ctx;
    lint_findings *out;
} page_lint_job;

static void lint_one_page(const page *p, size_t index, void **worker_slot, void *user)
{
    (void)index;
    page_lint_job *job = user;
    *worker_slot = lint_page_after(p, job->ctx, job->out, *worker_slot);
}

int test_lint_docs(const char *const *roots, size_t nroots,
                   const lint_config *cfg, const lint_baseline *baseline,
                   int jobs, lint_findings *out)
{
    lint_init();
    lint_context ctx;
    lint_context_init(&ctx, roots, nroots, cfg);
    page_lint_job job = {&ctx, out};
    pipeline_options opts = {0};
    opts.inputs = roots;
    opts.ninputs = nroots;
    opts.jobs = jobs;
    opts.quiet = 1;
    opts.what = "lint";
    opts.on_page = lint_one_page;
    opts.user = &job;
    pipeline_result result = {0};
    strbuf errors = STRBUF_INIT;
    int status = pipeline_run(&opts, &result, &errors);
    if (status != 0) {
        fprintf(stderr, "%s", strbuf_cstr(&errors));
    } else {
        lint_model(result.model, &ctx, out);
        lint_findings_finish(out, cfg, baseline);
    }
    strbuf_free(&errors);
    pipeline_result_free(&result);
    lint_context_free(&ctx);
    return status == 0 ? 0 : -1;
}

size_t test_count_rule(const lint_findings *f, const char *rule_id)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(f->items[i].rule_id, rule_id) == 0;
    return n;
}

void test_render_rule(const lint_findings *f, const char *rule_id,
                      strbuf *out)
{
    lint_findings only;
    lint_findings_init(&only);
    for (size_t i = 0; i < f->count; i++) {
        const lint_finding *x = &f->items[i];
        if (strcmp(x->rule_id, rule_id) != 0)
            continue;
        if (x->related_file) {
            src_ref at = {x->file, x->line, x->col};
            src_ref other = {x->related_file, x->related_line,
                             x->related_col};
            lint_findings_add_related(&only, x->rule_id, at, other,
                                      x->related_message, "%s", x->message);
        } else {
            lint_findings_add(&only, x->rule_id, x->file, x->line, x->col,
                              "%s", x->message);
        }
        only.items[only.count - 1].severity = x->severity;
    }
    strbuf all = STRBUF_INIT;
    lint_render_text(&only, NULL, &all);
    /* Keep the finding lines, drop the summary after the blank line. */
    const char *end = strstr(strbuf_cstr(&all), "\n\n");
    size_t len = end ? (size_t)(end - all.data) + 1 : 0;
    if (!end && only.count > 0)
        len = all.len;
    strbuf_add(out, all.data ? all.data : "", len);
    strbuf_free(&all);
    lint_findings_free(&only);
}

char *test_read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    strbuf b = STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        strbuf_add(&b, chunk, n);
    fclose(fp);
    return strbuf_detach(&b);
}

int test_finish(const char *name)
{
    lint_shutdown();
    if (lint_test_failures) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, lint_test_failures);
        return 1;
    }
    printf("%s: ok\n", name);
    return 0;
}
