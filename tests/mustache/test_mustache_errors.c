/* Error reporting of the mustache engine: every message names the template
 * and the line of the offending tag, and hostile templates (self-recursive
 * partials, absurd nesting) end in an error rather than a crash. Also the
 * options the generator relies on: no escaping, strict partials, the cache.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "mustache/mustache.h"
#include "util/strbuf.h"

static int failures;
#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            failures++;                                                       \
        }                                                                     \
    } while (0)

#define CHECK_HAS(haystack, needle)                                           \
    do {                                                                      \
        if (!strstr((haystack), (needle))) {                                  \
            fprintf(stderr, "%s:%d: \"%s\" does not contain \"%s\"\n",        \
                    __FILE__, __LINE__, (haystack), (needle));                \
            failures++;                                                       \
        }                                                                     \
    } while (0)

/* ---- templates by name, for partials ---- */

typedef struct named_text {
    const char *name;
    const char *text;
} named_text;

typedef struct library {
    const named_text *items;
    int loads; /* how often the cache asked */
} library;

static int load_from_library(void *ctx, const char *name, strbuf *text,
                             strbuf *file, mustache_error *err)
{
    (void)err;
    library *lib = ctx;
    lib->loads++;
    for (const named_text *t = lib->items; t->name; t++) {
        if (strcmp(t->name, name) == 0) {
            strbuf_puts(text, t->text);
            strbuf_printf(file, "%s.mustache", name);
            return 1;
        }
    }
    return 0;
}

/* Compiling `text` must fail with a message holding every needle. */
static void expect_compile_error(const char *text, int line,
                                 const char *needle)
{
    mustache_error err = {0};
    mustache_template *t =
        mustache_compile(text, strlen(text), "item.h.mustache", &err);
    CHECK(t == NULL);
    mustache_template_free(t);
    char where[64];
    snprintf(where, sizeof where, "item.h.mustache:%d: ", line);
    CHECK_HAS(err.message, where);
    CHECK_HAS(err.message, needle);
    CHECK(err.line == line);
}

/* Renders `text` (named "main.mustache") with partials from `partials`;
 * returns the render's result, output in *out (caller frees). */
static int render_with(const char *text, const named_text *partials,
                       const cJSON *view, mustache_options opts, strbuf *out,
                       mustache_error *err)
{
    library lib = {partials, 0};
    mustache_cache *cache = mustache_cache_new(load_from_library, &lib);
    opts.partial = mustache_cache_partial;
    opts.partial_ctx = cache;
    int rc = -2;
    mustache_template *t =
        mustache_compile(text, strlen(text), "main.mustache", err);
    if (t)
        rc = mustache_render(t, view, &opts, out, err);
    mustache_template_free(t);
    mustache_cache_free(cache);
    return rc;
}

static void test_syntax_errors(void)
{
    expect_compile_error("a\n{{#fields}}\nx\n", 2, "unclosed section 'fields'");
    expect_compile_error("{{#a}}\n{{^b}}\n{{/a}}\n", 3,
                         "mismatched closing tag 'a'");
    expect_compile_error("{{#a}}\n{{^b}}\n{{/a}}\n", 3,
                         "inverted section 'b' from line 2 is still open");
    expect_compile_error("x\n\n{{/a}}", 3, "closing tag without an opening");
    expect_compile_error("abc\n{{name\nmore\n", 2,
                         "unclosed tag: no closing delimiter after '{{name'");
    expect_compile_error("{{{name}}\n", 1, "unclosed tag");
    expect_compile_error("ok\n{{=<%=}}\n", 2, "bad delimiter change");
    expect_compile_error("{{= a b c =}}", 1, "bad delimiter change");
    expect_compile_error("{{= a= b =}}", 1, "bad delimiter change");
    expect_compile_error("{{}}", 1, "empty tag");
    expect_compile_error("{{a b}}", 1, "whitespace inside tag name 'a b'");
    expect_compile_error("{{a..b}}", 1, "invalid name 'a..b'");
    expect_compile_error("{{#.a}}{{/.a}}", 1, "invalid name '.a'");
    expect_compile_error("{{<parent}}\n{{$b}}\n", 2, "unclosed block 'b'");
    expect_compile_error("\n\n{{<parent}}", 3, "unclosed parent 'parent'");
    /* The line counts newlines inside multi-line tags too. */
    expect_compile_error("{{!\n\n}}\n{{#x}}", 4, "unclosed section 'x'");
    /* With changed delimiters the old ones are plain text. */
    expect_compile_error("{{=<% %>=}}\n{{#a}}\n<%/b%>", 3,
                         "closing tag without an opening tag 'b'");
}

static void test_nesting_limit(void)
{
    strbuf text = STRBUF_INIT;
    for (int i = 0; i < MUSTACHE_MAX_NESTING + 1; i++)
        strbuf_puts(&text, "{{#a}}");
    mustache_error err = {0};
    mustache_template *t =
        mustache_compile(text.data, text.len, "deep.mustache", &err);
    CHECK(t == NULL);
    CHECK_HAS(err.message, "deep.mustache:1: ");
    CHECK_HAS(err.message, "nested deeper than 1000");

    /* Exactly at the limit compiles and renders. */
    strbuf_reset(&text);
    for (int i = 0; i < MUSTACHE_MAX_NESTING; i++)
        strbuf_puts(&text, "{{#a}}");
    strbuf_puts(&text, "x");
    for (int i = 0; i < MUSTACHE_MAX_NESTING; i++)
        strbuf_puts(&text, "{{/a}}");
    t = mustache_compile(text.data, text.len, "deep.mustache", &err);
    CHECK(t != NULL);
    cJSON *view = cJSON_Parse("{\"a\": true}");
    strbuf out = STRBUF_INIT;
    CHECK(mustache_render(t, view, NULL, &out, &err) == 0);
    CHECK(strcmp(strbuf_cstr(&out), "x") == 0);
    strbuf_free(&out);
    cJSON_Delete(view);
    mustache_template_free(t);
    strbuf_free(&text);
}

static void test_unknown_partial(void)
{
    static const named_text none[] = {{NULL, NULL}};
    mustache_options opts = {.strict_partials = 1};
    mustache_error err = {0};
    strbuf out = STRBUF_INIT;
    CHECK(render_with("x\n  {{>nope}}\n", none, NULL, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "main.mustache:2: unknown partial 'nope'");
    CHECK(err.line == 2);

    strbuf_reset(&out);
    CHECK(render_with("x\n\n{{<base}}{{/base}}", none, NULL, opts, &out,
                      &err) == -1);
    CHECK_HAS(err.message, "main.mustache:3: unknown parent 'base'");

    /* Lenient (the spec): the empty string. */
    strbuf_reset(&out);
    opts.strict_partials = 0;
    CHECK(render_with("x\n  {{>nope}}\n", none, NULL, opts, &out, &err) == 0);
    CHECK(strcmp(strbuf_cstr(&out), "x\n") == 0);
    strbuf_free(&out);
}

static void test_broken_partial(void)
{
    static const named_text partials[] = {
        {"row", "ok\n{{#cells}}\n"},
        {NULL, NULL},
    };
    mustache_options opts = {0};
    mustache_error err = {0};
    strbuf out = STRBUF_INIT;
    CHECK(render_with("a\n{{>row}}", partials, NULL, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "row.mustache:2: unclosed section 'cells'");
    CHECK_HAS(err.message, "(included from main.mustache:2)");
    strbuf_free(&out);
}

static void test_recursion_limit(void)
{
    static const named_text partials[] = {
        {"self", "line\n{{>self}}"},
        {"parent", "{{<parent}}{{/parent}}"},
        {"block", "{{$b}}{{/b}}"},
        {NULL, NULL},
    };
    mustache_options opts = {0};
    mustache_error err = {0};
    strbuf out = STRBUF_INIT;
    CHECK(render_with("{{>self}}", partials, NULL, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "self.mustache:2: ");
    CHECK_HAS(err.message, "'self' expanded more than 100 levels deep");

    strbuf_reset(&out);
    opts.max_depth = 5;
    CHECK(render_with("{{>self}}", partials, NULL, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "expanded more than 5 levels deep");
    CHECK(strcmp(strbuf_cstr(&out), "line\nline\nline\nline\nline\n") == 0);

    strbuf_reset(&out);
    opts.max_depth = 0;
    CHECK(render_with("{{<parent}}{{/parent}}", partials, NULL, opts, &out,
                      &err) == -1);
    CHECK_HAS(err.message, "parent.mustache:1: ");
    CHECK_HAS(err.message, "'parent' expanded more than 100 levels deep");

    /* An argument that contains the block it overrides. */
    strbuf_reset(&out);
    CHECK(render_with("{{<block}}{{$b}}[{{$b}}{{/b}}]{{/b}}{{/block}}",
                      partials, NULL, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "main.mustache:1: ");
    CHECK_HAS(err.message, "'b' expanded more than 100 levels deep");

    /* Nesting through partials also meets the overall nesting limit. */
    static const named_text nested[] = {
        {"n", "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
              "{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}{{#a}}"
              "{{>n}}"
              "{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}"
              "{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}{{/a}}"},
        {NULL, NULL},
    };
    cJSON *view = cJSON_Parse("{\"a\": [1]}");
    strbuf_reset(&out);
    CHECK(render_with("{{>n}}", nested, view, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "n.mustache:1: ");
    CHECK_HAS(err.message, "nested deeper than 1000 levels");
    cJSON_Delete(view);
    strbuf_free(&out);
}

/* Exponential work ends in an error, not a hang. */
static void test_step_limit(void)
{
    /* Twelve levels deep, twice at each: 4095 expansions. */
    static const named_text twice[] = {{"p", "{{#a}}{{>p}}{{>p}}{{/a}}"},
                                       {NULL, NULL}};
    strbuf json = STRBUF_INIT;
    for (int i = 0; i < 12; i++)
        strbuf_puts(&json, "{\"a\": ");
    strbuf_puts(&json, "false");
    for (int i = 0; i < 12; i++)
        strbuf_puts(&json, "}");
    cJSON *deep = cJSON_Parse(json.data);
    mustache_options opts = {.max_steps = 1000};
    mustache_error err = {0};
    strbuf out = STRBUF_INIT;
    CHECK(render_with("{{>p}}", twice, deep, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "p.mustache:1: ");
    CHECK_HAS(err.message, "more than 1000 steps");
    opts.max_steps = 0;
    CHECK(render_with("{{>p}}", twice, deep, opts, &out, &err) == 0);
    cJSON_Delete(deep);
    strbuf_free(&json);

    cJSON *view = cJSON_Parse("{\"a\": [1,2,3,4,5,6,7,8,9,10]}");
    strbuf_reset(&out);
    opts.max_steps = 1000;
    CHECK(render_with("\n{{#a}}{{#a}}{{#a}}{{#a}}.{{/a}}{{/a}}{{/a}}{{/a}}",
                      twice, view, opts, &out, &err) == -1);
    CHECK_HAS(err.message, "main.mustache:2: ");
    CHECK_HAS(err.message, "more than 1000 steps at 'a'");

    /* The same within the limit renders. */
    strbuf_reset(&out);
    opts.max_steps = 2000;
    CHECK(render_with("{{#a}}{{#a}}{{#a}}.{{/a}}{{/a}}{{/a}}", twice, view,
                      opts, &out, &err) == 0);
    CHECK(out.len == 1000);
    cJSON_Delete(view);
    strbuf_free(&out);
}

static void test_options(void)
{
    static const named_text partials[] = {
        {"item", "<{{name}}>\n"},
        {NULL, NULL},
    };
    cJSON *view = cJSON_Parse(
        "{\"name\": \"a<b> & \\\"c\\\"\", \"n\": 3, \"x\": 1.5, \"big\": 1e20,"
        " \"items\": [{\"name\": \"i\"}, {\"name\": \"j\"}]}");
    mustache_error err = {0};
    strbuf out = STRBUF_INIT;

    mustache_options opts = {.escape = MUSTACHE_ESCAPE_NONE};
    CHECK(render_with("{{name}}|{{{name}}}|{{n}}|{{x}}|{{big}}", partials,
                      view, opts, &out, &err) == 0);
    CHECK(strcmp(strbuf_cstr(&out),
                 "a<b> & \"c\"|a<b> & \"c\"|3|1.5|1e+20") == 0);

    strbuf_reset(&out);
    opts.escape = MUSTACHE_ESCAPE_HTML;
    CHECK(render_with("{{name}}", partials, view, opts, &out, &err) == 0);
    CHECK(strcmp(strbuf_cstr(&out), "a&lt;b&gt; &amp; &quot;c&quot;") == 0);

    /* Indented partial lines; an empty line stays empty. */
    static const named_text gap[] = {{"gap", "a\n\nb\n"}, {NULL, NULL}};
    strbuf_reset(&out);
    CHECK(render_with("{\n    {{>gap}}\n}\n", gap, view, opts, &out, &err) ==
          0);
    CHECK(strcmp(strbuf_cstr(&out), "{\n    a\n\n    b\n}\n") == 0);

    /* The cache loads each name once, the missing ones too, and the same
     * compiled template renders many times. */
    library lib = {partials, 0};
    mustache_cache *cache = mustache_cache_new(load_from_library, &lib);
    opts = (mustache_options){.escape = MUSTACHE_ESCAPE_NONE,
                              .partial = mustache_cache_partial,
                              .partial_ctx = cache};
    const char *text =
        "{{#items}}\n  {{>item}}\n{{>missing}}\n{{/items}}\n";
    mustache_template *t = mustache_compile(text, strlen(text), "list", &err);
    CHECK(t != NULL);
    for (int i = 0; i < 3; i++) {
        strbuf_reset(&out);
        CHECK(mustache_render(t, view, &opts, &out, &err) == 0);
        CHECK(strcmp(strbuf_cstr(&out), "  <i>\n  <j>\n") == 0);
    }
    CHECK(lib.loads == 2);
    const mustache_template *item = NULL;
    CHECK(mustache_cache_get(cache, "item", &item, &err) == 1);
    CHECK(item && strcmp(mustache_template_name(item), "item.mustache") == 0);
    CHECK(mustache_cache_get(cache, "missing", &item, &err) == 0);
    CHECK(item == NULL && lib.loads == 2);
    mustache_template_free(t);
    mustache_cache_free(cache);

    /* NULL error pointers and NULL views are allowed. */
    t = mustache_compile("{{#a}}", 6, "x", NULL);
    CHECK(t == NULL);
    t = mustache_compile("[{{a}}]", 7, "x", NULL);
    strbuf_reset(&out);
    CHECK(t && mustache_render(t, NULL, NULL, &out, NULL) == 0);
    CHECK(strcmp(strbuf_cstr(&out), "[]") == 0);
    mustache_template_free(t);

    strbuf_free(&out);
    cJSON_Delete(view);
}

int main(void)
{
    test_syntax_errors();
    test_nesting_limit();
    test_unknown_partial();
    test_broken_partial();
    test_recursion_limit();
    test_step_limit();
    test_options();
    if (failures) {
        fprintf(stderr, "mustache errors: %d checks failed\n", failures);
        return 1;
    }
    printf("mustache errors: all checks passed\n");
    return 0;
}
