/* Page-level lint: everything that can be checked with one page in hand.
 * Runs on worker threads; shares only the (locked) findings and the
 * (locked) directory cache. */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/strbuf.h"

static int count_lines(const char *s)
{
    int n = 0;
    for (; s && (s = strchr(s, '\n')) != NULL; s++)
        n++;
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
        const char *json = NULL;
        int json_line = 0;
        if (c->http && c->http->body && c->http->body_json) {
            json = c->http->body;
            json_line = c->http->body_line;
        } else if (c->json && c->text) {
            json = c->text;
            json_line = c->line;
        }
        if (!json)
            continue;
        int last = c->line + count_lines(c->text) + 1; /* closing fence */
        json_block_index *block = json_index_text(r, json, json_line,
                                                  c->fence_line, last);
        block->truncated = annotation_truncated(c->annotation);
    }
}

static int mentions_open_type(const char *text)
{
    size_t start, end;
    return text && lint_regex_find(RX_OPEN_TYPE, text, 0, &start, &end);
}

/* "openType": true in the annotation of the page's JSON representation:
 * the docs' own way of saying that the type takes undeclared properties
 * (identity, identitySet, directoryObject, commsNotification). */
static int annotated_open_type(const page *p)
{
    for (size_t i = 0; i < p->nannotations; i++) {
        const page_annotation *a = &p->annotations[i];
        if (!a->json || !a->block_type ||
            lint_strcasecmp(a->block_type, "resource") != 0)
            continue;
        const cJSON *open = cJSON_GetObjectItemCaseSensitive(a->json,
                                                             "openType");
        if (cJSON_IsTrue(open) ||
            (cJSON_IsString(open) &&
             lint_strcasecmp(open->valuestring, "true") == 0))
            return 1;
    }
    return 0;
}

/* Whether a resource page declares its type open, in its title, headings,
 * prose or resource annotation. */
static int says_open_type(const page *p)
{
    if (p->kind != PAGE_RESOURCE)
        return 0;
    if (mentions_open_type(p->title) || annotated_open_type(p))
        return 1;
    for (size_t i = 0; i < p->nheadings; i++)
        if (mentions_open_type(p->headings[i].text))
            return 1;
    for (size_t i = 0; i < p->ntexts; i++)
        if (mentions_open_type(p->texts[i].text))
            return 1;
    return 0;
}

static int is_type_name(const char *s)
{
    if (!s || !((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
                *s == '_'))
        return 0;
    for (; *s; s++)
        if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
              (*s >= '0' && *s <= '9') || *s == '_' || *s == '.'))
            return 0;
    return 1;
}

/* Links of a method page whose text reads as a type name, with the page
 * they lead to: the prose names the response or body type by the link's
 * text ("a [tab](../resources/teamstab.md) object"), and type-undefined
 * needs the target to know the type it means (teamsTab). */
static void record_type_links(const page *p, lint_page_record *r)
{
    if (p->kind != PAGE_API)
        return;
    for (size_t i = 0; i < p->nlinks; i++) {
        const page_link *l = &p->links[i];
        if (!is_type_name(l->text) || !l->target ||
            !strstr(l->target, ".md"))
            continue;
        char *target = lint_link_resolve(p->rel_path, l->target);
        if (!target)
            continue;
        lint_type_link *tl = ARENA_PUSH(&r->mem, r->type_links,
                                        r->ntype_links, r->cap_type_links);
        tl->text = arena_strdup(&r->mem, l->text);
        tl->target = arena_strdup(&r->mem, target);
        free(target);
    }
}

void lint_page(const page *p, const lint_context *ctx, lint_findings *out)
{
    (void)lint_page_after(p, ctx, out, NULL);
}

lint_page_record *lint_page_after(const page *p, const lint_context *ctx,
                                  lint_findings *out, lint_page_record *previous)
{
    if (!p)
        return previous;
    lint_page_record *r = lint_page_record_new(p->rel_path, previous);
    lint_collect_suppressions(p, r, out);
    index_json_blocks(p, r);
    r->open_type = says_open_type(p);
    record_type_links(p, r);
    lint_findings_add_record(out, r);

    lint_rules_gaps(p, ctx, out);
    lint_rules_form(p, ctx, out);
    lint_rules_http(p, ctx, out);
    lint_rules_links(p, ctx, out);
    return r;
}

/* A json block that shows some members of an object, without the braces
 * around them ("definition": [...], to say what goes in a property): a
 * fragment on purpose, valid once the braces are put back. */
static int is_member_fragment(const page_code *c)
{
    const char *s = c->text;
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    if (*s != '"')
        return 0;
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "{%s}", s);
    cJSON *json = cJSON_ParseWithLength(b.data, b.len);
    strbuf_free(&b);
    int fragment = cJSON_IsObject(json);
    cJSON_Delete(json);
    return fragment;
}

/* The example-json problem is a json block's that is a fragment. */
static int fragment_problem(const page *p, const page_problem *pr)
{
    if (!pr->rule || strcmp(pr->rule, "example-json") != 0)
        return 0;
    for (size_t i = 0; i < p->ncodes; i++) {
        const page_code *c = &p->codes[i];
        if (c->json_error && c->text && c->json_error_line == pr->line &&
            c->json_error_col == pr->col)
            return is_member_fragment(c);
    }
    return 0;
}

static int starts_with_url(const char *s, size_t n)
{
    return (n > 7 && strncmp(s, "http://", 7) == 0) ||
           (n > 8 && strncmp(s, "https://", 8) == 0);
}

/* "Prefer: outlook.timezone=..." */
static int is_header_line(const char *s, size_t n)
{
    size_t name = 0;
    while (name < n && ((s[name] >= 'A' && s[name] <= 'Z') ||
                        (s[name] >= 'a' && s[name] <= 'z') ||
                        (s[name] >= '0' && s[name] <= '9') || s[name] == '-'))
        name++;
    return name > 0 && name + 1 < n && s[name] == ':' && s[name + 1] == ' ';
}

/* An http block that holds only URLs (a service root, the URL formats of
 * an overview page) or only headers (the Prefer header a paragraph talks
 * about): highlighted as HTTP, meant as no message. A URL followed by
 * headers is a request that lost its verb, and is reported. */
static int is_url_or_header_snippet(const char *text)
{
    int urls = 0, headers = 0, other = 0;
    for (const char *line = text; line && *line;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        while (n > 0 && (*line == ' ' || *line == '\t')) {
            line++;
            n--;
        }
        while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
                         line[n - 1] == '\r'))
            n--;
        if (n > 0) {
            if (starts_with_url(line, n))
                urls++;
            else if (is_header_line(line, n))
                headers++;
            else
                other++;
        }
        line = nl ? nl + 1 : NULL;
    }
    return !other && (urls > 0) != (headers > 0);
}

/* The http-malformed problem is a snippet's: the block starts at the
 * problem's line with text that is neither a request nor a response. */
static int snippet_problem(const page *p, const page_problem *pr)
{
    if (!pr->rule || strcmp(pr->rule, "http-malformed") != 0 ||
        !pr->message || strncmp(pr->message, "neither a request", 17) != 0)
        return 0;
    for (size_t i = 0; i < p->ncodes; i++) {
        const page_code *c = &p->codes[i];
        if (c->http && c->text && pr->line >= c->line &&
            pr->line <= c->line + count_lines(c->text))
            return is_url_or_header_snippet(c->text);
    }
    return 0;
}

void lint_rules_form(const page *p, const lint_context *ctx,
                     lint_findings *out)
{
    /* Reading found these; it names the rule, lint only reports. */
    for (size_t i = 0; i < p->nproblems; i++) {
        const page_problem *pr = &p->problems[i];
        if (!lint_rule_enabled(ctx, pr->rule) || fragment_problem(p, pr) ||
            snippet_problem(p, pr))
            continue;
        lint_findings_add(out, pr->rule ? pr->rule : "form", p->rel_path,
                          pr->line, pr->col, "%s",
                          pr->message ? pr->message : "");
    }
}
