/* The seed pages (tests/read/data/seeds, defective on purpose): what they
 * hold is read, and each defect is found where it is. */
#include <string.h>

#include "read_test.h"

static const page_code *code_at(const page *p, int fence_line)
{
    for (size_t i = 0; i < p->ncodes; i++)
        if (p->codes[i].fence_line == fence_line)
            return &p->codes[i];
    return NULL;
}

static const page_table *table_in(const page *p, const char *section)
{
    for (size_t i = 0; i < p->ntables; i++)
        if (strcmp(p->tables[i].section, section) == 0)
            return &p->tables[i];
    return NULL;
}

/* Update calls: TODO placeholders, response with no blank line. */
static void test_seed_update_calls(void)
{
    page *p = read_data_page("seeds/000_c66a9070c1c62724.txt");
    CHECK_INT(p->kind, PAGE_API);
    CHECK_STR(p->title, "Update calls");
    CHECK_STR(p->namespace, "microsoft.graph");
    CHECK(strstr(page_front_matter(p, "author"), "TODO") != NULL);
    const page_table *body = table_in(p, "Request body");
    CHECK(body && body->nrows == 20);
    CHECK_STR(body ? body->rows[0].cells[2].text : NULL,
              "TODO: Add Description Inherited from entity");
    CHECK_INT(p->ncodes, 3);
    const page_code *request = code_at(p, 83);
    CHECK(request && request->annotation && strcmp(request->annotation->block_type, "request") == 0);
    CHECK(request && cJSON_IsObject(request->http->body_json));
    CHECK_STR(request ? request->http->requests[0].verb : NULL, "PATCH");
    const page_code *response = code_at(p, 148);
    CHECK(response && response->http->missing_blank_line);
    CHECK(response && response->http->status == 200);
    CHECK(response && cJSON_IsObject(response->http->body_json));
    const page_problem *pr = find_problem(p, "http-malformed");
    CHECK(pr && pr->line == 151);
    CHECK_INT(p->nproblems, 1);
    page_free(p);
}

/* Add calls: empty front matter values, an unknown version segment. */
static void test_seed_add_calls(void)
{
    page *p = read_data_page("seeds/001_b2c8a7124b54d088.txt");
    CHECK_STR(page_front_matter(p, "author"), "");
    CHECK_STR(page_front_matter(p, "ms.prod"), "");
    const page_code *request = code_at(p, 78);
    CHECK_STR(request ? request->http->requests[0].version : NULL, "localtest");
    const page_code *ignored = code_at(p, 30);
    CHECK_STR(ignored ? ignored->http->requests[0].path : NULL, "/communications/calls/$ref");
    const page_code *response = code_at(p, 156);
    CHECK(response && response->http->status == 201);
    CHECK_INT(p->nproblems, 0);
    page_free(p);
}

/* Call resource type: a row with an extra cell, an unquoted key. */
static void test_seed_call_resource(void)
{
    page *p = read_data_page("seeds/002_39d3f8b3313df45e.txt");
    CHECK_INT(p->kind, PAGE_RESOURCE);
    CHECK(!p->has_front_matter);
    CHECK_STR(p->title, "Call resource type");
    const page_table *props = table_in(p, "Properties");
    CHECK(props && props->ncols == 3);
    const table_row *row = NULL;
    for (size_t i = 0; props && i < props->nrows; i++)
        if (props->rows[i].line == 55)
            row = &props->rows[i];
    CHECK(row && row->source_cells == 4);
    CHECK(row && row->extra && strncmp(row->extra, "Possible values are:", 20) == 0);
    CHECK_STR(row ? row->cells[2].text : NULL, "The list of requested modalities.");
    const page_problem *cells = find_problem(p, "table-cells");
    CHECK(cells && cells->line == 55);
    CHECK_INT(count_problems(p, "table-cells"), 1);
    const page_problem *ann = find_problem(p, "annotation-json");
    CHECK(ann && ann->line == 139 && strstr(ann->message, "unquoted keys"));
    const page_code *example = code_at(p, 144);
    CHECK(example && example->annotation && example->annotation->recovered);
    CHECK(example && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(example->annotation->json,
                                                                    "truncated")));
    CHECK(example && cJSON_IsObject(example->json));
    const page_annotation *last = &p->annotations[p->nannotations - 1];
    CHECK_INT(last->line, 274);
    CHECK(last->block_type == NULL);
    CHECK_INT(p->ncomments, 1);
    CHECK_INT(p->comments[0].line, 272);
    page_free(p);
}

static void test_seed_get_calls(void)
{
    page *p = read_data_page("seeds/003_3f13c5b2bbf773d5.txt");
    CHECK_INT(p->kind, PAGE_API);
    const page_code *response = code_at(p, 71);
    CHECK(response && response->http->missing_blank_line && response->http->body_line == 74);
    CHECK_INT(count_problems(p, "http-malformed"), 1);
    page_free(p);
}

/* updateMetadata: two request lines, tabbed examples, a Location header. */
static void test_seed_update_metadata(void)
{
    page *p = read_data_page("seeds/004_1d4e1a2a329ee096.txt");
    const page_code *syntax = code_at(p, 29);
    CHECK(syntax && syntax->http->nrequests == 2);
    CHECK_STR(syntax ? syntax->http->requests[1].path : NULL,
              "/communications/calls/{id}/updateMetadata");
    CHECK_STR(syntax ? syntax->section : NULL, "HTTP request");
    const page_code *request = code_at(p, 63);
    CHECK_STR(request ? request->section : NULL, "HTTP");
    CHECK_STR(request ? request->http->requests[0].version : NULL, "beta");
    const page_code *response = code_at(p, 98);
    CHECK_STR(response ? response->http->headers[0].name : NULL, "Location");
    CHECK_INT(p->nproblems, 0);
    page_free(p);
}

int main(void)
{
    page_reader_init();
    test_seed_update_calls();
    test_seed_add_calls();
    test_seed_call_resource();
    test_seed_get_calls();
    test_seed_update_metadata();
    page_reader_cleanup();
    return test_result("read-seeds");
}
