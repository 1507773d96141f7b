/* Page-level lint: everything that can be checked with one page in hand.
 * Runs on worker threads; shares only the (locked) findings and the
 * (locked) directory cache. */
#include <string.h>

#include "lint/lint_internal.h"

static int count_lines(const char *s)
{
    int n = 0;
    for (; s && *s; s++)
        n += *s == '\n';
    return n;
}

static int annotation_truncated(const page_annotation *a)
{
    return a && a->json &&
           cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(a->json,
                                                         "truncated"));
}

/* Note where each JSON key of the page is, for the cross-page rules, and
 * which blocks are shortened on purpose. */
static void index_json_blocks(const page *p, lint_page_record *r)
{
    for (size_t i = 0; i < p->ncodes; i++) {
        const page_code *c = &p->codes[i];
        int last = c->line + count_lines(c->text) + 1; /* closing fence */
        json_block_index *block = NULL;
        if (c->http && c->http->body && c->http->body_json)
            block = json_index_text(r, c->http->body, c->http->body_line,
                                    c->fence_line, last);
        else if (c->json && c->text)
            block = json_index_text(r, c->text, c->line, c->fence_line, last);
        if (block)
            block->truncated = annotation_truncated(c->annotation);
    }
}

static int mentions_open_type(const char *text)
{
    size_t start, end;
    return text && lint_regex_find(RX_OPEN_TYPE, text, 0, &start, &end);
}

/* Whether a resource page declares its type open, in its title, headings
 * or prose. */
static int says_open_type(const page *p)
{
    if (p->kind != PAGE_RESOURCE)
        return 0;
    if (mentions_open_type(p->title))
        return 1;
    for (size_t i = 0; i < p->nheadings; i++)
        if (mentions_open_type(p->headings[i].text))
            return 1;
    for (size_t i = 0; i < p->ntexts; i++)
        if (mentions_open_type(p->texts[i].text))
            return 1;
    return 0;
}

void lint_page(const page *p, const lint_context *ctx, lint_findings *out)
{
    if (!p)
        return;
    lint_page_record *r = lint_page_record_new(p->rel_path);
    lint_collect_suppressions(p, r, out);
    index_json_blocks(p, r);
    r->open_type = says_open_type(p);
    lint_findings_add_record(out, r);

    lint_rules_gaps(p, ctx, out);
    lint_rules_form(p, ctx, out);
    lint_rules_http(p, ctx, out);
    lint_rules_links(p, ctx, out);
}

void lint_rules_form(const page *p, const lint_context *ctx,
                     lint_findings *out)
{
    /* Reading found these; it names the rule, lint only reports. */
    for (size_t i = 0; i < p->nproblems; i++) {
        const page_problem *pr = &p->problems[i];
        if (!lint_rule_enabled(ctx, pr->rule))
            continue;
        lint_findings_add(out, pr->rule ? pr->rule : "form", p->rel_path,
                          pr->line, pr->col, "%s",
                          pr->message ? pr->message : "");
    }
}
