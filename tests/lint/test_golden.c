/* The whole path on docs-input/ (the seed pages and the resource pages
 * they link): read, extract, merge, lint, rendered as text and compared
 * with golden/docs-input.txt. Every finding there was checked by hand
 * against the pages. APIMD_UPDATE_GOLDEN=1 rewrites the golden file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "lint_test.h"

/* Where the texts first differ, as "line N: got ... want ...". */
static void show_first_difference(const char *got, const char *want)
{
    int line = 1;
    while (*got && *got == *want) {
        line += *got == '\n';
        got++;
        want++;
    }
    while (line > 1 && got[-1] != '\n') {
        got--;
        want--;
    }
    fprintf(stderr, "golden differs at line %d:\n  got:  %.*s\n  want: %.*s\n",
            line, (int)strcspn(got, "\n"), got, (int)strcspn(want, "\n"),
            want);
}

static int write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    if (!fp)
        return -1;
    fputs(text, fp);
    return fclose(fp);
}

int main(void)
{
    char *docs = test_source_path("docs-input");
    char *golden_path = test_source_path("tests/lint/golden/docs-input.txt");
    const char *roots[] = {docs};
    lint_config cfg;
    lint_config_init(&cfg);
    lint_findings f;
    lint_findings_init(&f);
    CHECK(test_lint_docs(roots, 1, &cfg, NULL, 4, &f) == 0);

    strbuf text = STRBUF_INIT;
    lint_render_options o = {"test", NULL, NULL, &cfg};
    lint_render_text(&f, &o, &text);
    const char *update = getenv("APIMD_UPDATE_GOLDEN");
    if (update && *update) {
        CHECK(write_file(golden_path, strbuf_cstr(&text)) == 0);
        printf("wrote %s (%zu findings)\n", golden_path, f.count);
    } else {
        char *want = test_read_file(golden_path);
        CHECK(want != NULL);
        if (want && strcmp(want, strbuf_cstr(&text)) != 0) {
            lint_test_failures++;
            show_first_difference(strbuf_cstr(&text), want);
        }
        free(want);
    }
    strbuf_free(&text);
    lint_findings_free(&f);
    lint_config_free(&cfg);
    free(docs);
    free(golden_path);
    extract_shutdown();
    return test_finish("lint golden docs-input");
}
