/* Every rule of the catalogue against its fixtures in data/<rule>/:
 *   bad/   a small docs tree that triggers the rule; the rule's findings
 *          must equal bad/expected.txt
 *   good/  a near miss that must not trigger it
 * and data/clean/, which no rule may find anything in.
 * APIMD_UPDATE_GOLDEN=1 rewrites the expected.txt files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/extract.h"
#include "lint_test.h"

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static char *fixture_path(const char *rule, const char *kind)
{
    strbuf rel = STRBUF_INIT;
    strbuf_printf(&rel, "tests/lint/data/%s/%s", rule, kind);
    char *path = test_source_path(strbuf_cstr(&rel));
    strbuf_free(&rel);
    return path;
}

static void lint_tree(const char *root, lint_findings *f)
{
    const char *roots[] = {root};
    lint_findings_init(f);
    CHECK(test_lint_docs(roots, 1, NULL, NULL, 2, f) == 0);
}

/* Messages of form problems and conflicts are written by reading and the
 * merge; lint only passes them on. For those rules only the location,
 * severity and rule are compared, so a reworded message elsewhere does
 * not fail the lint tests. */
static int message_from_elsewhere(const lint_rule *rule)
{
    return strcmp(rule->family, "form") == 0 ||
           strncmp(rule->id, "conflict-", 9) == 0;
}

/* "file:1:2: error: message [rule]" -> "file:1:2: error: [rule]" */
static char *without_messages(const char *text)
{
    strbuf out = STRBUF_INIT;
    while (*text) {
        size_t len = strcspn(text, "\n");
        const char *sev = NULL;
        static const char *const marks[] = {": error: ", ": warning: ",
                                            ": note: "};
        for (size_t i = 0; i < 3 && !sev; i++) {
            const char *m = strstr(text, marks[i]);
            if (m && m < text + len)
                sev = m + strlen(marks[i]);
        }
        const char *rule = text + len;
        while (rule > text && rule[-1] != '[')
            rule--;
        if (sev && rule > sev) {
            strbuf_add(&out, text, (size_t)(sev - text));
            strbuf_add(&out, rule - 1, (size_t)(text + len - rule + 1));
        } else {
            strbuf_add(&out, text, len);
        }
        strbuf_putc(&out, '\n');
        text += len + (text[len] == '\n');
    }
    return strbuf_detach(&out);
}

static int same_findings(const lint_rule *rule, const char *got,
                         const char *want)
{
    if (!message_from_elsewhere(rule))
        return strcmp(got, want) == 0;
    char *g = without_messages(got), *w = without_messages(want);
    int same = strcmp(g, w) == 0;
    free(g);
    free(w);
    return same;
}

static void compare_expected(const lint_rule *rule, const char *dir,
                             const char *got)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/expected.txt", dir);
    const char *update = getenv("APIMD_UPDATE_GOLDEN");
    if (update && *update) {
        FILE *fp = fopen(strbuf_cstr(&path), "wb");
        CHECK(fp != NULL);
        if (fp) {
            fputs(got, fp);
            fclose(fp);
        }
    } else {
        char *want = test_read_file(strbuf_cstr(&path));
        if (!want || !same_findings(rule, got, want)) {
            lint_test_failures++;
            fprintf(stderr, "%s: findings differ from %s\n--- got\n%s--- want\n%s",
                    rule->id, strbuf_cstr(&path), got, want ? want : "");
        }
        free(want);
    }
    strbuf_free(&path);
}

static void check_bad(const lint_rule *rule)
{
    char *dir = fixture_path(rule->id, "bad");
    if (!is_dir(dir)) {
        lint_test_failures++;
        fprintf(stderr, "%s: no fixture %s\n", rule->id, dir);
        free(dir);
        return;
    }
    lint_findings f;
    lint_tree(dir, &f);
    if (test_count_rule(&f, rule->id) == 0) {
        lint_test_failures++;
        fprintf(stderr, "%s: the bad fixture triggers nothing\n", rule->id);
    }
    strbuf got = STRBUF_INIT;
    test_render_rule(&f, rule->id, &got);
    compare_expected(rule, dir, strbuf_cstr(&got));
    strbuf_free(&got);
    lint_findings_free(&f);
    free(dir);
}

static void check_good(const lint_rule *rule)
{
    char *dir = fixture_path(rule->id, "good");
    lint_findings f;
    lint_tree(dir, &f);
    size_t n = test_count_rule(&f, rule->id);
    if (n != 0) {
        lint_test_failures++;
        strbuf got = STRBUF_INIT;
        test_render_rule(&f, rule->id, &got);
        fprintf(stderr, "%s: the good fixture triggers it:\n%s", rule->id,
                strbuf_cstr(&got));
        strbuf_free(&got);
    }
    lint_findings_free(&f);
    free(dir);
}

/* The clean tree is the base of every fixture: nothing to find there. */
static void check_clean(void)
{
    char *dir = test_source_path("tests/lint/data/clean");
    lint_findings f;
    lint_tree(dir, &f);
    if (f.count != 0) {
        lint_test_failures++;
        strbuf text = STRBUF_INIT;
        lint_render_text(&f, NULL, &text);
        fprintf(stderr, "clean fixture has findings:\n%s", strbuf_cstr(&text));
        strbuf_free(&text);
    }
    lint_findings_free(&f);
    free(dir);
}

int main(int argc, char **argv)
{
    size_t n;
    const lint_rule *rules = lint_rules(&n);
    check_clean();
    for (size_t i = 0; i < n; i++) {
        /* A rule id on the command line runs that rule only. */
        if (argc > 1 && strcmp(argv[1], rules[i].id) != 0)
            continue;
        check_bad(&rules[i]);
        check_good(&rules[i]);
    }
    extract_shutdown();
    return test_finish("lint rules");
}
