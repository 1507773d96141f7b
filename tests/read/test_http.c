/* HTTP blocks read as messages: request lines (one or several, full URL
 * or path), status lines, headers, bodies, and the malformed variants the
 * docs have. */
#include <string.h>

#include "read_test.h"

static http_block *parse(arena *a, const char *text)
{
    return http_block_parse(a, text, 20);
}

static size_t problems_of(const http_block *h, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < h->nproblems; i++)
        n += strcmp(h->problems[i].rule, rule) == 0;
    return n;
}

static void test_request_with_body(void)
{
    arena a = ARENA_INIT;
    http_block *h = parse(&a, "POST https://graph.microsoft.com/v1.0/users/{id}/events?$select=subject&$top=2\n"
                              "Content-type: application/json\n"
                              "Content-Length: 20\n"
                              "\n"
                              "{\n  \"subject\": \"x\"\n}\n");
    CHECK_INT(h->kind, HTTP_REQUEST);
    CHECK_INT(h->nrequests, 1);
    const http_request_line *rl = &h->requests[0];
    CHECK_STR(rl->verb, "POST");
    CHECK_STR(rl->version, "v1.0");
    CHECK_STR(rl->path, "/users/{id}/events");
    CHECK_STR(rl->query, "$select=subject&$top=2");
    CHECK_INT(rl->line, 20);
    CHECK_INT(h->nheaders, 2);
    CHECK_STR(h->headers[0].name, "Content-type");
    CHECK_STR(h->headers[0].value, "application/json");
    CHECK_INT(h->headers[1].line, 22);
    CHECK_STR(h->body, "{\n  \"subject\": \"x\"\n}");
    CHECK_INT(h->body_line, 24);
    CHECK(cJSON_IsObject(h->body_json));
    CHECK(!h->missing_blank_line);
    CHECK_INT(h->nproblems, 0);
    http_block_free_json(h);
    arena_free(&a);
}

static void test_request_lines(void)
{
    arena a = ARENA_INIT;
    http_block *h = parse(&a, "GET /me/events\n"
                              "GET /users/{id | userPrincipalName}/events\n"
                              "\n"
                              "GET /v1.0/groups/{id}/events HTTP/1.1\n"
                              "get beta/me\n");
    CHECK_INT(h->nrequests, 4);
    CHECK(h->requests[0].version == NULL);
    CHECK_STR(h->requests[0].path, "/me/events");
    CHECK_STR(h->requests[1].target, "/users/{id | userPrincipalName}/events");
    CHECK_STR(h->requests[2].target, "/v1.0/groups/{id}/events");
    CHECK_STR(h->requests[2].version, "v1.0");
    CHECK_STR(h->requests[2].path, "/groups/{id}/events");
    CHECK_INT(h->requests[2].line, 23);
    CHECK_STR(h->requests[3].version, "beta");
    CHECK_STR(h->requests[3].path, "/me");
    CHECK(h->body == NULL);
    CHECK_INT(h->nproblems, 0);
    arena_free(&a);
}

/* For a full URL the first segment is the version whatever it says, so
 * that lint can report an unknown one. */
static void test_unknown_version(void)
{
    arena a = ARENA_INIT;
    http_block *h = parse(&a, "GET https://graph.microsoft.com/localtest/communications/calls\n");
    CHECK_STR(h->requests[0].version, "localtest");
    CHECK_STR(h->requests[0].path, "/communications/calls");
    h = parse(&a, "GET https://graph.microsoft.com\n");
    CHECK(h->requests[0].version == NULL);
    CHECK_STR(h->requests[0].path, "/");
    arena_free(&a);
}

static void test_response(void)
{
    arena a = ARENA_INIT;
    http_block *h = parse(&a, "HTTP/1.1 201 Created\r\n"
                              "Content-Type: application/json\r\n"
                              "\r\n"
                              "{\"value\": [1, 2]}\r\n");
    CHECK_INT(h->kind, HTTP_RESPONSE);
    CHECK_STR(h->protocol, "HTTP/1.1");
    CHECK_INT(h->status, 201);
    CHECK_STR(h->status_text, "Created");
    CHECK_INT(h->status_line, 20);
    CHECK_STR(h->headers[0].value, "application/json");
    CHECK(cJSON_IsObject(h->body_json));
    CHECK_INT(h->nproblems, 0);
    http_block_free_json(h);

    h = parse(&a, "HTTP/1.1 204 No Content\n");
    CHECK_INT(h->status, 204);
    CHECK(h->body == NULL);
    h = parse(&a, "HTTP/1.1 200\n\nplain text body\n");
    CHECK_INT(h->status, 200);
    CHECK_STR(h->status_text, "");
    CHECK_STR(h->body, "plain text body");
    CHECK(h->body_json == NULL && h->body_error == NULL);
    arena_free(&a);
}

static void test_missing_blank_line(void)
{
    arena a = ARENA_INIT;
    http_block *h = parse(&a, "HTTP/1.1 200 OK\n"
                              "Content-Type: application/json\n"
                              "{\n  \"id\": \"1\"\n}\n");
    CHECK(h->missing_blank_line);
    CHECK_INT(h->body_line, 22);
    CHECK(cJSON_IsObject(h->body_json));
    CHECK_INT(problems_of(h, "http-malformed"), 1);
    CHECK_INT(h->problems[0].line, 22);
    http_block_free_json(h);

    h = parse(&a, "HTTP/1.1 200 OK\n{\"id\": \"1\"}\n");
    CHECK(h->missing_blank_line);
    CHECK(cJSON_IsObject(h->body_json));
    http_block_free_json(h);
    arena_free(&a);
}

static void test_malformed(void)
{
    arena a = ARENA_INIT;
    http_block *h = parse(&a, "FETCH /me\n");
    CHECK_INT(h->kind, HTTP_REQUEST);
    CHECK_STR(h->requests[0].verb, "FETCH");
    CHECK_INT(problems_of(h, "http-malformed"), 1);

    h = parse(&a, "HTTP/1.1 OK\n");
    CHECK_INT(h->kind, HTTP_RESPONSE);
    CHECK_INT(h->status, 0);
    CHECK_INT(problems_of(h, "http-malformed"), 1);

    h = parse(&a, "HTTP 201 Created\n");
    CHECK_INT(h->status, 201);
    CHECK_INT(problems_of(h, "http-malformed"), 1);

    h = parse(&a, "https://graph.microsoft.com/v1.0/me\n");
    CHECK_INT(h->kind, HTTP_NONE);
    CHECK_INT(problems_of(h, "http-malformed"), 1);

    h = parse(&a, "\n\n");
    CHECK_INT(h->kind, HTTP_NONE);
    CHECK_INT(problems_of(h, "http-malformed"), 1);

    h = parse(&a, "GET\n");
    CHECK_INT(problems_of(h, "http-malformed"), 1);

    h = parse(&a, "PATCH /me\nContent-Type: application/json\n\n{\n  \"a\": 1,\n}\nSome trailing words\n");
    CHECK(h->body_json == NULL);
    CHECK(h->body_error != NULL);
    CHECK_INT(h->body_error_line, 25);
    CHECK_INT(h->body_error_col, 1);
    CHECK_INT(problems_of(h, "example-json"), 1);
    arena_free(&a);
}

static void test_in_page(void)
{
    page *p = read_text("## HTTP request\n"
                        "\n"
                        "```http\n"
                        "GET /me\n"
                        "```\n"
                        "```http\n"
                        "HTTP/1.1 200 OK\n"
                        "Content-Type: application/json\n"
                        "{\"a\": }\n"
                        "```\n");
    CHECK_INT(p->codes[0].http->requests[0].line, 4);
    CHECK_INT(p->codes[1].http->status_line, 7);
    CHECK_INT(count_problems(p, "http-malformed"), 1);
    const page_problem *pr = find_problem(p, "example-json");
    CHECK(pr && pr->line == 9 && pr->col == 7);
    page_free(p);
}

int main(void)
{
    page_reader_init();
    test_request_with_body();
    test_request_lines();
    test_unknown_version();
    test_response();
    test_missing_blank_line();
    test_malformed();
    test_in_page();
    page_reader_cleanup();
    return test_result("read-http");
}
