/* <!-- { ... } --> annotations: strict JSON, nearly-JSON repaired and read
 * (with a problem saying what was repaired), hopeless ones, and the HTML
 * comments that are not annotations. */
#include <string.h>

#include "read_test.h"

static page_annotation *parse(arena *a, const char *raw)
{
    return annotation_parse(a, raw, 10, 1);
}

static int bool_item(const page_annotation *ann, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(ann->json, key);
    return cJSON_IsTrue(item);
}

static void test_strict(void)
{
    arena a = ARENA_INIT;
    page_annotation *ann = parse(&a, "\n{\n  \"blockType\": \"response\",\n  \"truncated\": true\n}\n");
    CHECK(ann->json != NULL);
    CHECK(!ann->recovered);
    CHECK(ann->error == NULL);
    CHECK_STR(ann->block_type, "response");
    CHECK_INT(ann->line, 10);
    cJSON_Delete(ann->json);
    arena_free(&a);
}

static void test_repaired(void)
{
    static const struct {
        const char *raw, *repair;
    } cases[] = {
        {"{\n  \"blockType\": \"example\",\n  truncated: true\n}", "unquoted keys"},
        {"{\n  \"blockType\": \"example\",\n  \"truncated\": true,\n}", "trailing commas"},
        {"{ 'blockType': 'example', \"truncated\": true }", "single quotes"},
        {"{ \"blockType\": \"example\"\n  \"truncated\": true }", "missing commas"},
        {"{ \"blockType\": \"example\", \"truncated\": true, \"s\": [\"a\nb\"] }",
         "line breaks in strings"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        arena a = ARENA_INIT;
        page_annotation *ann = parse(&a, cases[i].raw);
        CHECK(ann->json != NULL);
        CHECK(ann->recovered);
        CHECK(ann->error && strstr(ann->error, cases[i].repair));
        CHECK_STR(ann->block_type, "example");
        CHECK(ann->json && bool_item(ann, "truncated"));
        cJSON_Delete(ann->json);
        arena_free(&a);
    }
}

static void test_hopeless(void)
{
    arena a = ARENA_INIT;
    page_annotation *ann = parse(&a, "{ \"blockType\": \"response\n  \"name\": }");
    CHECK(ann->json == NULL);
    CHECK(!ann->recovered);
    CHECK(ann->error != NULL);
    CHECK(ann->block_type == NULL);
    ann = parse(&a, "{ [1, 2] }");
    CHECK(ann->json == NULL);
    arena_free(&a);
}

static void test_in_page(void)
{
    page *p = read_text("# T\n"
                        "\n"
                        "<!-- markdownlint-disable MD041 -->\n"
                        "<!--{\"blockType\":\"ignored\"}--> <!-- second -->\n"
                        "\n"
                        "Text with <!-- an inline remark --> inside.\n"
                        "\n"
                        "<!-- {\n"
                        "  \"blockType\": \"response\",\n"
                        "  truncated: true\n"
                        "} -->\n"
                        "```http\n"
                        "HTTP/1.1 204 No Content\n"
                        "```\n");
    CHECK_INT(p->nannotations, 2);
    CHECK_INT(p->annotations[0].line, 4);
    CHECK_INT(p->annotations[0].col, 1);
    CHECK_STR(p->annotations[0].block_type, "ignored");
    CHECK_INT(p->annotations[1].line, 8);
    CHECK(p->annotations[1].recovered);
    CHECK(p->codes[0].annotation == &p->annotations[1]);
    CHECK_INT(p->ncomments, 3);
    CHECK_STR(p->comments[0].text, "markdownlint-disable MD041");
    CHECK_INT(p->comments[0].line, 3);
    CHECK_STR(p->comments[1].text, "second");
    CHECK_INT(p->comments[1].line, 4);
    CHECK_STR(p->comments[2].text, "an inline remark");
    CHECK_INT(p->comments[2].line, 6);
    CHECK_STR(p->texts[0].text, "Text with  inside.");
    const page_problem *pr = find_problem(p, "annotation-json");
    CHECK(pr && pr->line == 8);
    CHECK(pr && strstr(pr->message, "unquoted keys"));
    CHECK_INT(count_problems(p, "annotation-json"), 1);
    page_free(p);
}

/* An annotation never closed runs to the end of the page. */
static void test_unclosed_comment(void)
{
    page *p = read_text("# T\n\n<!-- { \"blockType\": \"ignored\" }\n\ntext\n");
    CHECK_INT(p->nannotations, 1);
    page_free(p);
}

int main(void)
{
    page_reader_init();
    test_strict();
    test_repaired();
    test_hopeless();
    test_in_page();
    test_unclosed_comment();
    page_reader_cleanup();
    return test_result("read-annotations");
}
