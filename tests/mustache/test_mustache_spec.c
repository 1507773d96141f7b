/* Runs the official mustache spec files against the engine.
 *
 * Usage: test_mustache_spec [SPEC_DIR]
 * SPEC_DIR defaults to $APIMD_SOURCE_ROOT/tests/mustache/spec. Prints one
 * block per failing case, a count per file and a summary line; exits 1 when
 * any case fails. Each case compiles its template and partials through a
 * cache, renders with HTML escaping and lenient partials (the spec's
 * defaults) and compares the output byte for byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "mustache/mustache.h"
#include "util/fsutil.h"
#include "util/strbuf.h"

static const char *const spec_files[] = {
    "comments.json", "delimiters.json", "interpolation.json",
    "inverted.json", "partials.json",   "sections.json",
    "~inheritance.json",
};

/* The partials of one case: the "partials" object of the JSON. */
static int load_partial(void *ctx, const char *name, strbuf *text,
                        strbuf *file, mustache_error *err)
{
    (void)err;
    const cJSON *partials = ctx;
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(partials, name);
    if (!cJSON_IsString(p))
        return 0;
    strbuf_puts(text, p->valuestring);
    strbuf_printf(file, "partial %s", name);
    return 1;
}

/* Shows control characters so that whitespace differences are visible. */
static void print_quoted(const char *label, const char *s)
{
    fprintf(stderr, "    %s \"", label);
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", stderr);
        else if (*s == '\r')
            fputs("\\r", stderr);
        else if (*s == '\t')
            fputs("\\t", stderr);
        else
            fputc(*s, stderr);
    }
    fputs("\"\n", stderr);
}

/* Returns 1 when the case passes. */
static int run_case(const char *file, const cJSON *test)
{
    const char *name = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(test, "name"));
    const char *tmpl = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(test, "template"));
    const char *expected = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(test, "expected"));
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(test, "data");
    cJSON *partials = cJSON_GetObjectItemCaseSensitive(test, "partials");
    if (!name || !tmpl || !expected) {
        fprintf(stderr, "FAIL %s: malformed case\n", file);
        return 0;
    }

    mustache_cache *cache = mustache_cache_new(load_partial, partials);
    mustache_options opts = {
        .escape = MUSTACHE_ESCAPE_HTML,
        .partial = mustache_cache_partial,
        .partial_ctx = cache,
    };
    mustache_error err = {0};
    strbuf out = STRBUF_INIT;
    int ok = 0;
    mustache_template *t = mustache_compile(tmpl, strlen(tmpl), name, &err);
    if (!t) {
        fprintf(stderr, "FAIL %s: %s\n    compile error: %s\n", file, name,
                err.message);
    } else if (mustache_render(t, data, &opts, &out, &err) != 0) {
        fprintf(stderr, "FAIL %s: %s\n    render error: %s\n", file, name,
                err.message);
    } else if (strcmp(strbuf_cstr(&out), expected) != 0) {
        fprintf(stderr, "FAIL %s: %s\n", file, name);
        print_quoted("template:", tmpl);
        print_quoted("expected:", expected);
        print_quoted("got:     ", strbuf_cstr(&out));
    } else {
        ok = 1;
    }
    strbuf_free(&out);
    mustache_template_free(t);
    mustache_cache_free(cache);
    return ok;
}

static int run_file(const char *dir, const char *file, int *passed,
                    int *failed)
{
    strbuf path = STRBUF_INIT, err = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", dir, file);
    char *text = NULL;
    size_t len = 0;
    int rc = fs_read_file(strbuf_cstr(&path), FS_MAX_PAGE_BYTES, &text, &len,
                          &err);
    cJSON *root = rc == 0 ? cJSON_ParseWithLength(text, len) : NULL;
    const cJSON *tests = cJSON_GetObjectItemCaseSensitive(root, "tests");
    if (!cJSON_IsArray(tests)) {
        fprintf(stderr, "%s: cannot read spec file %s\n",
                rc ? strbuf_cstr(&err) : strbuf_cstr(&path),
                rc ? "" : "(no \"tests\" array)");
        rc = -1;
    } else {
        int file_passed = 0, file_failed = 0;
        const cJSON *test;
        cJSON_ArrayForEach(test, tests)
        {
            if (run_case(file, test))
                file_passed++;
            else
                file_failed++;
        }
        printf("%s: %d passed, %d failed\n", file, file_passed, file_failed);
        *passed += file_passed;
        *failed += file_failed;
    }
    cJSON_Delete(root);
    free(text);
    strbuf_free(&path);
    strbuf_free(&err);
    return rc;
}

int main(int argc, char **argv)
{
    strbuf dir = STRBUF_INIT;
    if (argc > 1) {
        strbuf_puts(&dir, argv[1]);
    } else {
        const char *root = getenv("APIMD_SOURCE_ROOT");
        strbuf_printf(&dir, "%s/tests/mustache/spec", root ? root : ".");
    }
    int passed = 0, failed = 0, broken = 0;
    for (size_t i = 0; i < sizeof spec_files / sizeof spec_files[0]; i++)
        if (run_file(strbuf_cstr(&dir), spec_files[i], &passed, &failed) < 0)
            broken++;
    printf("mustache spec: %d passed, %d failed\n", passed, failed);
    strbuf_free(&dir);
    return failed || broken ? 1 : 0;
}
