/* Suppression comments: apimd-disable (to the end of the page, or up to
 * apimd-enable), apimd-disable-next-line, several ids, a reason after
 * "--", no id for every rule; on page findings and on cross-page ones
 * found after the page was freed. Fixture: data/suppressions/. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "lint_test.h"

static int has_finding(const lint_findings *f, const char *rule,
                       const char *file, int line)
{
    for (size_t i = 0; i < f->count; i++)
        if (strcmp(f->items[i].rule_id, rule) == 0 &&
            strcmp(f->items[i].file, file) == 0 &&
            (line == 0 || f->items[i].line == line))
            return 1;
    return 0;
}

static size_t count_in_file(const lint_findings *f, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < f->count; i++)
        n += strcmp(f->items[i].file, file) == 0;
    return n;
}

int main(void)
{
    char *dir = test_source_path("tests/lint/data/suppressions");
    const char *roots[] = {dir};
    lint_findings f;
    lint_findings_init(&f);
    CHECK(test_lint_docs(roots, 1, NULL, NULL, 2, &f) == 0);

    const char *get = "api/widget-get.md";
    /* next-line: the first TODO goes, the second stays */
    CHECK(!has_finding(&f, "todo", get, 16));
    CHECK(has_finding(&f, "todo", get, 18));
    /* disable ... enable: only the link after apimd-enable is reported */
    CHECK(!has_finding(&f, "link-case", get, 21));
    CHECK(has_finding(&f, "link-case", get, 24));
    /* two ids with commas, on cross-page findings of this page */
    CHECK(!has_finding(&f, "undeclared-property", get, 0));
    /* a cross-page finding on the resource page, with a reason */
    CHECK(!has_finding(&f, "representation-mismatch", "resources/widget.md",
                       0));
    /* no id: every rule, from the first line */
    CHECK(count_in_file(&f, "api/widget-list.md") == 0);
    CHECK(f.suppressed >= 5);
    if (lint_test_failures) {
        strbuf text = STRBUF_INIT;
        lint_render_text(&f, NULL, &text);
        fprintf(stderr, "%s", strbuf_cstr(&text));
        strbuf_free(&text);
    }
    lint_findings_free(&f);
    free(dir);
    extract_shutdown();
    return test_finish("lint suppressions");
}
