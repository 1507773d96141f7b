/* gaps: the docs leave something unsaid. TODO and placeholder text,
 * empty front-matter fields, rows without a description. */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/xalloc.h"

enum { EXCERPT_MAX = 60 };

/* The placeholder found in text, as an excerpt to quote (free it), or
 * NULL when text has none. */
static char *find_placeholder(const char *text)
{
    size_t start, end;
    /* Every cell of every table comes here: the quick scan alone settles
     * nearly all of them. */
    if (!text || !lint_regex_may_match(RX_PLACEHOLDER, text) ||
        !lint_regex_find(RX_PLACEHOLDER, text, 0, &start, &end))
        return NULL;
    char *excerpt = lint_excerpt(text, start, EXCERPT_MAX);
    /* "**TODO: Determine scopes **" keeps its stray emphasis marks. */
    size_t n = strlen(excerpt);
    while (n > 0 && strchr(" *_", excerpt[n - 1]))
        excerpt[--n] = '\0';
    return excerpt;
}

static void todo_front_matter(const page *p, lint_findings *out)
{
    for (size_t i = 0; i < p->nfront_matter; i++) {
        const fm_field *f = &p->front_matter[i];
        char *found = find_placeholder(f->value);
        if (found)
            lint_findings_add(out, "todo", p->rel_path, f->line, f->col,
                              "front matter \"%s\" is a placeholder: \"%s\"",
                              f->key, found);
        free(found);
    }
}

static void todo_headings_and_prose(const page *p, lint_findings *out)
{
    for (size_t i = 0; i < p->nheadings; i++) {
        char *found = find_placeholder(p->headings[i].text);
        if (found)
            lint_findings_add(out, "todo", p->rel_path, p->headings[i].line,
                              1, "heading is a placeholder: \"%s\"", found);
        free(found);
    }
    for (size_t i = 0; i < p->ntexts; i++) {
        char *found = find_placeholder(p->texts[i].text);
        if (found)
            lint_findings_add(out, "todo", p->rel_path, p->texts[i].line, 1,
                              "placeholder text: \"%s\"", found);
        free(found);
    }
}

static const char *row_name(const page_table *t, const table_row *row)
{
    return t->ncols > 0 && row->cells[0].text ? row->cells[0].text : "";
}

static void todo_table(const page *p, const page_table *t,
                       lint_findings *out)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const table_row *row = &t->rows[r];
        for (size_t c = 0; c < t->ncols; c++) {
            char *found = find_placeholder(row->cells[c].text);
            if (found)
                lint_findings_add(
                    out, "todo", p->rel_path, row->cells[c].line,
                    row->cells[c].col,
                    "placeholder in table \"%s\", row \"%s\", column \"%s\": "
                    "\"%s\"",
                    t->section ? t->section : "", row_name(t, row),
                    t->header[c].text ? t->header[c].text : "", found);
            free(found);
        }
    }
}

/* Code: a placeholder in an example is still a placeholder. Reported per
 * line so the location is exact. */
static void todo_code(const page *p, const page_code *code,
                      lint_findings *out)
{
    const char *line_start = code->text;
    if (!line_start || !lint_regex_may_match(RX_PLACEHOLDER, line_start))
        return; /* no line of it can hold one */
    for (int line = code->line; line_start && *line_start; line++) {
        const char *nl = strchr(line_start, '\n');
        size_t len = nl ? (size_t)(nl - line_start) : strlen(line_start);
        char *copy = xstrndup(line_start, len);
        char *found = find_placeholder(copy);
        if (found)
            lint_findings_add(out, "todo", p->rel_path, line, 1,
                              "placeholder in a code block: \"%s\"", found);
        free(found);
        free(copy);
        line_start = nl ? nl + 1 : NULL;
    }
}

static void rule_todo(const page *p, lint_findings *out)
{
    todo_front_matter(p, out);
    todo_headings_and_prose(p, out);
    for (size_t i = 0; i < p->ntables; i++)
        todo_table(p, &p->tables[i], out);
    for (size_t i = 0; i < p->ncodes; i++)
        todo_code(p, &p->codes[i], out);
}

/* The fields the docs' publishing pipeline wants on every page. */
static const char *const required_fields[] = {"title", "description",
                                              "author", "ms.prod",
                                              "doc_type"};

static void rule_front_matter_missing(const page *p, lint_findings *out)
{
    if (!p->has_front_matter) {
        lint_findings_add(out, "front-matter-missing", p->rel_path, 1, 1,
                          "page has no front matter (title, description, "
                          "author, ms.prod, doc_type)");
        return;
    }
    for (size_t i = 0;
         i < sizeof required_fields / sizeof required_fields[0]; i++)
        if (!page_front_matter(p, required_fields[i]))
            lint_findings_add(out, "front-matter-missing", p->rel_path, 1, 1,
                              "front matter has no \"%s\" field",
                              required_fields[i]);
}

static void rule_front_matter_empty(const page *p, lint_findings *out)
{
    for (size_t i = 0; i < p->nfront_matter; i++) {
        const fm_field *f = &p->front_matter[i];
        if (lint_is_blank(f->value))
            lint_findings_add(out, "front-matter-empty", p->rel_path,
                              f->line, f->col,
                              "front matter field \"%s\" is empty", f->key);
    }
}

/* A row that only names a group ("**Call Handling**") has nothing but its
 * first cell, and that is not a link: "[Transfer](call-transfer.md)" with
 * empty cells is a method that lacks its description. */
static int is_group_row(const page_table *t, const table_row *row)
{
    if (t->ncols == 0 || row->cells[0].nlinks > 0)
        return 0;
    for (size_t c = 1; c < t->ncols; c++)
        if (!lint_is_blank(row->cells[c].text))
            return 0;
    return 1;
}

/* ". Possible values are: ..." : the template's sentence before the dot
 * was never written. */
static int starts_with_orphan_punctuation(const char *text)
{
    while (*text == ' ')
        text++;
    return (text[0] == '.' || text[0] == ',' || text[0] == ';') &&
           (text[1] == ' ' || text[1] == '\0');
}

static void describe_missing(const page *p, const page_table *t,
                             const table_row *row, const table_cell *cell,
                             lint_findings *out)
{
    const char *section = t->section ? t->section : "";
    if (lint_is_blank(cell->text))
        lint_findings_add(out, "description-missing", p->rel_path, row->line,
                          cell->col ? cell->col : 1,
                          "no description for \"%s\" in table \"%s\"",
                          row_name(t, row), section);
    else if (starts_with_orphan_punctuation(cell->text))
        lint_findings_add(out, "description-missing", p->rel_path, row->line,
                          cell->col ? cell->col : 1,
                          "description of \"%s\" in table \"%s\" starts with "
                          "\"%c\": its first sentence is missing",
                          row_name(t, row), section, cell->text[0]);
}

static void rule_description_missing(const page *p, lint_findings *out)
{
    for (size_t i = 0; i < p->ntables; i++) {
        const page_table *t = &p->tables[i];
        int desc = page_table_column(t, "Description");
        if (desc <= 0)
            continue; /* no Description column, or no name before it */
        for (size_t r = 0; r < t->nrows; r++) {
            const table_row *row = &t->rows[r];
            if (lint_is_blank(row_name(t, row)) || is_group_row(t, row))
                continue;
            describe_missing(p, t, row, &row->cells[desc], out);
        }
    }
}

void lint_rules_gaps(const page *p, const lint_context *ctx,
                     lint_findings *out)
{
    if (lint_rule_on(ctx, LINT_RULE_TODO))
        rule_todo(p, out);
    if (lint_rule_on(ctx, LINT_RULE_FRONT_MATTER_MISSING))
        rule_front_matter_missing(p, out);
    if (lint_rule_on(ctx, LINT_RULE_FRONT_MATTER_EMPTY))
        rule_front_matter_empty(p, out);
    if (lint_rule_on(ctx, LINT_RULE_DESCRIPTION_MISSING))
        rule_description_missing(p, out);
}
