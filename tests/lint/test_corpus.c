/* The whole path on the Microsoft Graph v1.0 reference (3,341 pages in
 * $APIMD_SHARED/corpus/graph-v1.0): must run clean under the sanitizers
 * and prints the findings by rule, for tuning the rules against real docs.
 * Skipped (exit 77) when the corpus is not there. APIMD_LINT_CORPUS_REPORT
 * names a file to write the full text report to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "extract/extract.h"
#include "lint_test.h"

enum { SKIP = 77 };

static char *corpus_root(void)
{
    const char *shared = getenv("APIMD_SHARED");
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "%s/corpus/graph-v1.0",
                  shared && *shared ? shared : "../shared");
    return strbuf_detach(&b);
}

static void write_report(const lint_findings *f, const char *path)
{
    strbuf text = STRBUF_INIT;
    lint_render_text(f, NULL, &text);
    FILE *fp = fopen(path, "wb");
    if (fp) {
        fputs(strbuf_cstr(&text), fp);
        fclose(fp);
    }
    strbuf_free(&text);
}

int main(void)
{
    char *root = corpus_root();
    struct stat st;
    if (stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("skipped: no corpus at %s (set APIMD_SHARED)\n", root);
        free(root);
        return SKIP;
    }
    const char *roots[] = {root};
    lint_findings f;
    lint_findings_init(&f);
    CHECK(test_lint_docs(roots, 1, NULL, NULL, 0, &f) == 0);
    CHECK(f.count > 0);

    strbuf text = STRBUF_INIT;
    lint_render_text(&f, NULL, &text);
    const char *summary = strstr(strbuf_cstr(&text), "\n\n");
    printf("corpus %s: findings by rule\n%s", root,
           summary ? summary + 2 : strbuf_cstr(&text));
    strbuf_free(&text);
    const char *report = getenv("APIMD_LINT_CORPUS_REPORT");
    if (report && *report)
        write_report(&f, report);

    lint_findings_free(&f);
    free(root);
    extract_shutdown();
    return test_finish("lint corpus");
}
