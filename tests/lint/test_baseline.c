/* Baseline: written from the current findings, read back, and applied so
 * that only new findings remain. Fingerprints leave the line out, and
 * identical fingerprints are counted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extract/extract.h"
#include "lint_test.h"

static void add(lint_findings *f, const char *rule, const char *file,
                int line, const char *message)
{
    lint_findings_add(f, rule, file, line, 1, "%s", message);
}

static lint_baseline *baseline_of(lint_findings *f)
{
    strbuf text = STRBUF_INIT;
    lint_baseline_render(f, &text);
    char *error = NULL;
    lint_baseline *b = lint_baseline_parse(strbuf_cstr(&text), &error);
    CHECK(b != NULL && error == NULL);
    free(error);
    strbuf_free(&text);
    return b;
}

/* Lines moved, one finding gone, one identical finding more, one new. */
static void test_apply(void)
{
    lint_findings before;
    lint_findings_init(&before);
    add(&before, "todo", "a.md", 10, "placeholder \"TODO\"");
    add(&before, "todo", "a.md", 20, "placeholder \"TODO\"");
    add(&before, "link-case", "b.md", 5, "case");
    add(&before, "content-length", "b.md", 7, "length");
    lint_findings_finish(&before, NULL, NULL);
    lint_baseline *b = baseline_of(&before);

    lint_findings after;
    lint_findings_init(&after);
    add(&after, "todo", "a.md", 13, "placeholder \"TODO\"");
    add(&after, "todo", "a.md", 23, "placeholder \"TODO\"");
    add(&after, "todo", "a.md", 30, "placeholder \"TODO\"");
    add(&after, "link-case", "b.md", 9, "case");
    add(&after, "link-broken", "b.md", 11, "broken");
    lint_findings_finish(&after, NULL, b);
    CHECK(after.baselined == 3);
    CHECK(after.count == 2);
    CHECK(after.count == 2 && strcmp(after.items[0].rule_id, "todo") == 0 &&
          after.items[0].line == 30);
    CHECK(after.count == 2 &&
          strcmp(after.items[1].rule_id, "link-broken") == 0);
    CHECK(lint_exit_status(&after, LINT_FAIL_ERROR) == 1);

    lint_findings_free(&after);
    lint_findings_free(&before);
    lint_baseline_free(b);
}

static void test_format(void)
{
    lint_findings f;
    lint_findings_init(&f);
    add(&f, "todo", "a.md", 10, "x");
    add(&f, "todo", "a.md", 20, "x");
    lint_findings_finish(&f, NULL, NULL);
    strbuf text = STRBUF_INIT;
    lint_baseline_render(&f, &text);
    CHECK(strstr(strbuf_cstr(&text), "\"apimdBaseline\":\t1") != NULL);
    CHECK(strstr(strbuf_cstr(&text), "\"count\":\t2") != NULL);
    CHECK(strstr(strbuf_cstr(&text), "\"line\"") == NULL);
    strbuf_free(&text);
    lint_findings_free(&f);

    char *error = NULL;
    CHECK(lint_baseline_parse("{\"findings\": []}", &error) == NULL);
    CHECK(error != NULL);
    free(error);
    error = NULL;
    CHECK(lint_baseline_parse("{\"apimdBaseline\": 1, \"findings\": "
                              "[{\"rule\": \"todo\"}]}",
                              &error) == NULL);
    CHECK(error != NULL);
    free(error);
    error = NULL;
    CHECK(lint_baseline_load("/nonexistent-apimd/baseline.json", &error) ==
          NULL);
    CHECK(error != NULL);
    free(error);
}

/* The real path: lint a tree, write the baseline to a file, lint again
 * with it: nothing new. */
static void test_round_trip(void)
{
    char *dir = test_source_path("tests/lint/data/todo/bad");
    const char *roots[] = {dir};
    lint_findings first;
    lint_findings_init(&first);
    CHECK(test_lint_docs(roots, 1, NULL, NULL, 2, &first) == 0);
    CHECK(first.count > 0);
    char path[] = "/tmp/apimd-baseline-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    char *error = NULL;
    CHECK(lint_baseline_write(&first, path, &error) == 0);
    lint_baseline *b = lint_baseline_load(path, &error);
    CHECK(b != NULL);
    lint_findings second;
    lint_findings_init(&second);
    CHECK(test_lint_docs(roots, 1, NULL, b, 2, &second) == 0);
    CHECK(second.count == 0);
    CHECK(second.baselined == first.count);
    CHECK(lint_exit_status(&second, LINT_FAIL_NOTE) == 0);
    lint_findings_free(&second);
    lint_findings_free(&first);
    lint_baseline_free(b);
    unlink(path);
    free(dir);
}

int main(void)
{
    test_apply();
    test_format();
    test_round_trip();
    extract_shutdown();
    return test_finish("lint baseline");
}
