/* Fenced code blocks: info, content, lines, closed or not, the annotation
 * before them, and JSON content parsed with located errors. */
#include <stdlib.h>
#include <string.h>

#include "read_test.h"

static void test_fences(void)
{
    page *p = read_text("# T\n"
                        "\n"
                        "```JSON\n"
                        "{\"a\": 1}\n"
                        "```\n"
                        "\n"
                        "~~~ http\n"
                        "GET /me\n"
                        "~~~\n"
                        "\n"
                        "    indented code is not a fence\n");
    CHECK_INT(p->ncodes, 2);
    const page_code *c = &p->codes[0];
    CHECK_STR(c->info, "json");
    CHECK_STR(c->text, "{\"a\": 1}\n");
    CHECK_STR(c->section, "T");
    CHECK_INT(c->fence_line, 3);
    CHECK_INT(c->line, 4);
    CHECK(c->closed);
    CHECK(c->json && cJSON_IsObject(c->json));
    CHECK(c->json_error == NULL);
    CHECK_STR(p->codes[1].info, "http");
    CHECK(p->codes[1].http && p->codes[1].http->kind == HTTP_REQUEST);
    CHECK_INT(count_problems(p, "code-fence-unclosed"), 0);
    page_free(p);
}

static void test_unclosed_fence(void)
{
    page *p = read_text("# T\n\n```json\n{\"a\": 1}\n\n## Not a heading\n");
    CHECK_INT(p->ncodes, 1);
    CHECK(!p->codes[0].closed);
    CHECK_INT(p->nheadings, 1);
    const page_problem *pr = find_problem(p, "code-fence-unclosed");
    CHECK(pr != NULL);
    CHECK_INT(pr ? pr->line : 0, 3);
    page_free(p);

    /* A fence inside a quote ends with the quote. */
    p = read_text("> ```\n> code\n\nafter\n");
    CHECK_INT(p->ncodes, 1);
    CHECK(!p->codes[0].closed);
    CHECK_INT(count_problems(p, "code-fence-unclosed"), 1);
    page_free(p);

    /* A shorter fence does not close a longer one. */
    p = read_text("````\n```\n");
    CHECK(!p->codes[0].closed);
    page_free(p);

    p = read_text("> ```\n> code\n> ```\n\n- ```\n  x\n  ```\n");
    CHECK_INT(p->ncodes, 2);
    CHECK(p->codes[0].closed && p->codes[1].closed);
    page_free(p);
}

static void test_json_errors(void)
{
    page *p = read_text("## Example\n"
                        "\n"
                        "```json\n"
                        "{\n"
                        "  \"a\": 1,\n"
                        "  \"b\": ...\n"
                        "}\n"
                        "```\n"
                        "```json\n"
                        "```\n");
    const page_code *c = &p->codes[0];
    CHECK(c->json == NULL);
    CHECK(c->json_error != NULL);
    CHECK_INT(c->json_error_line, 6);
    CHECK_INT(c->json_error_col, 8);
    const page_problem *pr = find_problem(p, "example-json");
    CHECK(pr && pr->line == 6 && pr->col == 8);
    /* An empty block is no example to check. */
    CHECK(p->codes[1].json == NULL && p->codes[1].json_error == NULL);
    CHECK_INT(count_problems(p, "example-json"), 1);
    page_free(p);
}

static void test_annotation_attaches_to_next_block(void)
{
    page *p = read_text("<!-- { \"blockType\": \"request\", \"name\": \"get_me\" } -->\n"
                        "Some words between.\n"
                        "\n"
                        "```http\n"
                        "GET https://graph.microsoft.com/v1.0/me\n"
                        "```\n"
                        "\n"
                        "```json\n"
                        "{}\n"
                        "```\n"
                        "<!-- {\"type\": \"#page.annotation\"} -->\n");
    CHECK_INT(p->nannotations, 2);
    CHECK(p->codes[0].annotation == &p->annotations[0]);
    CHECK_STR(p->codes[0].annotation->block_type, "request");
    CHECK(p->codes[1].annotation == NULL);
    CHECK(p->annotations[1].block_type == NULL);
    page_free(p);
}

static cJSON *parse_json(const char *text, int *line, int *col, const char **msg)
{
    return json_parse_located(text, strlen(text), 1, line, col, msg);
}

static void test_json_parser(void)
{
    int line = 0, col = 0;
    const char *msg = NULL;
    cJSON *j = parse_json(" {\"a\": [1, -2.5e3, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\"],"
                          " \"b\": {}} ", &line, &col, &msg);
    CHECK(cJSON_IsObject(j));
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(j, "a");
    CHECK_INT(cJSON_GetArraySize(a), 6);
    CHECK(cJSON_GetArrayItem(a, 1)->valuedouble == -2500.0);
    CHECK_STR(cJSON_GetArrayItem(a, 5)->valuestring, "\xC3\xA9\xF0\x9F\x98\x80\n");
    cJSON_Delete(j);

    static const struct {
        const char *text;
        int line, col;
    } bad[] = {
        {"{\"a\": 1,}", 1, 9},   {"[1 2]", 1, 4},          {"{\"a\" 1}", 1, 6},
        {"{\n  \"a\": 01\n}", 2, 8}, {"\"abc", 1, 5},    {"[1]\nx", 2, 1},
        {"", 1, 1},                {"{\"a\": \"\\x\"}", 1, 9}, {"[tru]", 1, 2},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        j = parse_json(bad[i].text, &line, &col, &msg);
        CHECK(j == NULL);
        CHECK(msg != NULL);
        CHECK_INT(line, bad[i].line);
        CHECK_INT(col, bad[i].col);
    }

    /* Deep nesting is refused without deep recursion. */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 1);
    memset(deep, '[', depth);
    memset(deep + depth, ']', depth);
    deep[2 * depth] = '\0';
    j = parse_json(deep, &line, &col, &msg);
    CHECK(j == NULL);
    CHECK(msg && strstr(msg, "1000"));
    deep[999] = '\0';
    memset(deep + 500, ']', 499);
    j = parse_json(deep + 1, &line, &col, &msg); /* 499 deep: fine */
    CHECK(j != NULL);
    cJSON_Delete(j);
    free(deep);
}

int main(void)
{
    page_reader_init();
    test_fences();
    test_unclosed_fence();
    test_json_errors();
    test_annotation_attaches_to_next_block();
    test_json_parser();
    page_reader_cleanup();
    return test_result("read-code");
}
