/* The page as text: encodings, line endings, empty and huge pages, deep
 * nesting, front matter, headings, prose, links and the page kind. */
#include <stdlib.h>
#include <string.h>

#include "read_test.h"

static const char sample_page[] =
    "---\n"
    "title: \"user resource type\"\n"
    "description: Represents a user.\n"
    "author: \"\"\n"
    "ms.prod: \n"
    "tags: [a, b]\n"
    "doc_type: resourcePageType\n"
    "---\n"
    "\n"
    "# user resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "Represents a [user](https://example.test/u) in `Azure AD`.\n"
    "\n"
    "## Properties\n"
    "\n"
    "- first item\n"
    "- second [item](#properties)\n"
    "\n"
    "> quoted text\n"
    "\n"
    "|Property|Type|Description|\n"
    "|:---|:---|:---|\n"
    "|id|String|The id.|\n";

static void test_sample_page(void)
{
    page *p = read_text(sample_page);
    CHECK_INT(p->kind, PAGE_RESOURCE);
    CHECK(p->has_front_matter);
    CHECK_STR(page_front_matter(p, "title"), "user resource type");
    CHECK_STR(page_front_matter(p, "author"), "");
    CHECK_STR(page_front_matter(p, "ms.prod"), "");
    CHECK_STR(page_front_matter(p, "tags"), "a, b");
    CHECK(page_front_matter(p, "missing") == NULL);
    CHECK_INT(p->nfront_matter, 6);
    CHECK_INT(p->front_matter[0].line, 2);
    CHECK_INT(p->front_matter[0].col, 8);
    CHECK_INT(p->front_matter[3].line, 5); /* empty value: the key's place */
    CHECK_INT(p->front_matter[3].col, 1);
    CHECK_STR(p->title, "user resource type");
    CHECK_STR(p->namespace, "microsoft.graph");
    CHECK_INT(p->nheadings, 2);
    CHECK_INT(p->headings[0].level, 1);
    CHECK_INT(p->headings[0].line, 10);
    CHECK_STR(p->headings[1].text, "Properties");
    CHECK_INT(p->headings[1].line, 16);
    CHECK_INT(p->ntexts, 5);
    CHECK_STR(p->texts[1].text, "Represents a user in Azure AD.");
    CHECK_STR(p->texts[1].section, "user resource type");
    CHECK_INT(p->texts[1].line, 14);
    CHECK_STR(p->texts[3].text, "second item");
    CHECK_STR(p->texts[3].section, "Properties");
    CHECK_STR(p->texts[4].text, "quoted text");
    CHECK_INT(p->texts[4].line, 21);
    CHECK_INT(p->nlinks, 2);
    CHECK_STR(p->links[0].text, "user");
    CHECK_STR(p->links[0].target, "https://example.test/u");
    CHECK_INT(p->links[0].line, 14);
    CHECK_INT(p->links[0].col, 14);
    CHECK_STR(p->links[1].target, "#properties");
    CHECK_INT(p->links[1].line, 19);
    CHECK_INT(p->tables[0].rows[0].line, 25);
    CHECK_INT(p->nproblems, 0);
    page_free(p);
}

static char *with_crlf(const char *lf)
{
    size_t n = strlen(lf);
    char *out = malloc(2 * n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (lf[i] == '\n')
            out[k++] = '\r';
        out[k++] = lf[i];
    }
    out[k] = '\0';
    return out;
}

/* CRLF pages read exactly as LF pages, down to every line and column. */
static void test_crlf_same_as_lf(void)
{
    size_t len;
    char *lf = read_data_file("seeds/000_c66a9070c1c62724.txt", &len);
    char *crlf = with_crlf(lf);
    page *a = read_text(lf), *b = read_text(crlf);
    char *da = dump_to_string(a), *db = dump_to_string(b);
    CHECK_STR(db, da);
    free(da), free(db);
    page_free(a), page_free(b);
    free(crlf);

    char *crlf_sample = with_crlf(sample_page);
    a = read_text(sample_page), b = read_text(crlf_sample);
    da = dump_to_string(a), db = dump_to_string(b);
    CHECK_STR(db, da);
    free(da), free(db);
    page_free(a), page_free(b);
    free(crlf_sample);
    free(lf);
}

static void test_bom(void)
{
    page *p = read_text("\xEF\xBB\xBF---\ntitle: T\n---\n# Heading\n");
    CHECK(p->has_front_matter);
    CHECK_STR(page_front_matter(p, "title"), "T");
    CHECK_STR(p->title, "Heading");
    CHECK_INT(p->headings[0].line, 4);
    CHECK_INT(p->nproblems, 0);
    page_free(p);
}

static void test_invalid_utf8(void)
{
    page *p = read_text("# Caf\xE9\n\nok \xC3\xA9 then \xFF\xFE and \xED\xA0\x80.\n");
    CHECK_INT(count_problems(p, "encoding"), 3);
    const page_problem *pr = find_problem(p, "encoding");
    CHECK(pr && pr->line == 1 && pr->col == 6);
    CHECK_INT(p->nheadings, 1);
    CHECK_INT(p->ntexts, 1);
    page_free(p);
}

static void test_nul_bytes(void)
{
    static const char bytes[] = "# T\n\nsome\0binary";
    char *error = NULL;
    page *p = page_read("bin.md", "bin.md", bytes, sizeof bytes - 1, &error);
    CHECK(p == NULL);
    CHECK(error && strstr(error, "NUL"));
    CHECK(error && strstr(error, "line 3"));
    free(error);
    /* The line, for the file:line of the message. */
    int line = 0;
    error = NULL;
    p = page_read_at("bin.md", "bin.md", bytes, sizeof bytes - 1, &error, &line);
    CHECK(p == NULL);
    CHECK_INT(line, 3);
    free(error);
    /* A NUL on the first line. */
    p = page_read_at("bin.md", "bin.md", "\0x\n", 3, &error, &line);
    CHECK(p == NULL);
    CHECK_INT(line, 1);
    free(error);
}

static void test_empty_pages(void)
{
    page *p = read_bytes("", 0);
    CHECK_INT(p->kind, PAGE_OTHER);
    CHECK(p->title == NULL);
    CHECK_INT(p->nheadings + p->ntexts + p->nproblems, 0);
    page_free(p);
    p = read_text("\n\n   \n");
    CHECK_INT(p->nheadings + p->ntexts + p->nproblems, 0);
    page_free(p);
    p = read_text("Just words, no heading at all.\nSecond line.");
    CHECK_INT(p->nheadings, 0);
    CHECK_INT(p->ntexts, 1);
    CHECK_STR(p->texts[0].section, "");
    CHECK(p->title == NULL);
    page_free(p);
}

static void test_five_megabyte_line(void)
{
    size_t n = 5 * 1024 * 1024;
    char *md = malloc(n + 16);
    memcpy(md, "# Big\n\n", 7);
    for (size_t i = 7; i < n; i++)
        md[i] = "ab [c](d) `e` | "[i % 16];
    md[n] = '\n';
    page *p = read_bytes(md, n + 1);
    CHECK_INT(p->ntexts, 1);
    CHECK(strlen(p->texts[0].text) > 2 * 1024 * 1024);
    CHECK(p->nlinks > 200000);
    page_free(p);
    free(md);
}

/* Emphasis mixed with links in a huge paragraph, and a row of 100,000
 * cells, make cmark-gfm take quadratic time: the reader must still be
 * quick, and keep the text (emphasis marks included). */
static void test_slow_inputs(void)
{
    size_t n = 5 * 1024 * 1024;
    char *md = malloc(n + 16);
    for (size_t i = 0; i < n; i++)
        md[i] = "ab [c](d) *f* _g_ | "[i % 20];
    md[n] = '\n';
    page *p = read_bytes(md, n + 1);
    CHECK_INT(p->ntexts, 1);
    CHECK(strncmp(p->texts[0].text, "ab c *f* _g_ | ab c", 19) == 0);
    CHECK_INT(p->nlinks, n / 20);
    page_free(p);

    for (size_t i = 0; i < n; i++)
        md[i] = (i % 25 == 24) ? '\n' : "a [b](c) *d* e_f_ "[i % 18];
    p = read_bytes(md, n);
    CHECK_INT(p->ntexts, 1);
    CHECK(strstr(p->texts[0].text, "*d*") != NULL);
    page_free(p);

    size_t cells = 100000;
    size_t len = (size_t)sprintf(md, "|a|b|\n|-|-|\n");
    for (size_t i = 0; i < cells; i++)
        len += (size_t)sprintf(md + len, "|c");
    md[len++] = '\n';
    p = read_bytes(md, len);
    CHECK_INT(p->ntables, 1);
    page_free(p);
    free(md);
}

static void test_deep_nesting(void)
{
    size_t depth = 10000;
    char *md = malloc(2 * depth + 64);
    size_t k = 0;
    for (size_t i = 0; i < depth; i++)
        md[k++] = '>';
    strcpy(md + k, " deep [x](y)\n");
    page *p = read_text(md);
    CHECK_INT(p->ntexts, 1);
    CHECK_INT(p->nlinks, 1);
    page_free(p);
    k = 0;
    for (size_t i = 0; i < depth; i++) {
        md[k++] = '-';
        md[k++] = ' ';
    }
    strcpy(md + k, "item\n");
    p = read_text(md);
    CHECK_INT(p->ntexts, 1);
    page_free(p);
    free(md);
}

static void test_front_matter_variants(void)
{
    /* Not YAML (a colon in a plain value): reported, then read line by line. */
    page *p = read_text("---\ntitle: call: updateMetadata: x\ndoc_type: apiPageType\n---\n# x\n");
    CHECK_INT(count_problems(p, "front-matter"), 1);
    CHECK_STR(page_front_matter(p, "title"), "call: updateMetadata: x");
    CHECK_STR(page_front_matter(p, "doc_type"), "apiPageType");
    CHECK_INT(p->kind, PAGE_API);
    page_free(p);

    p = read_text("---\ntitle: T\n\n# never closed\n");
    CHECK_INT(count_problems(p, "front-matter"), 1);
    CHECK(!p->has_front_matter);
    page_free(p);

    /* Unclosed, with a "---" far below in the body: still unclosed. */
    p = read_text("---\ntitle: T\n\n# Heading\n\ntext\n\n---\n");
    CHECK(!p->has_front_matter);
    CHECK_INT(count_problems(p, "front-matter"), 1);
    CHECK_INT(p->nheadings, 1);
    CHECK_INT(p->nheadings ? p->headings[0].line : 0, 4);
    page_free(p);

    p = read_text("---\n---\n# Empty front matter\n");
    CHECK(p->has_front_matter);
    CHECK_INT(p->nfront_matter, 0);
    CHECK_INT(p->headings[0].line, 3);
    CHECK_INT(p->nproblems, 0);
    page_free(p);

    p = read_text("---\njust a sentence\n---\n");
    CHECK_INT(count_problems(p, "front-matter"), 1);
    page_free(p);
}

static void test_kinds(void)
{
    static const struct {
        const char *md;
        page_kind kind;
    } cases[] = {
        {"---\ndoc_type: \"apiPageType\"\n---\n", PAGE_API},
        {"---\ndoc_type: enumPageType\n---\n", PAGE_ENUM},
        {"---\ndoc_type: resourcePageType_\n---\n", PAGE_RESOURCE},
        {"---\ndoc_type: conceptualPageType\n---\n## HTTP request\n", PAGE_OTHER},
        {"# driveItem resource type\n", PAGE_RESOURCE},
        {"# Get user\n\n## HTTP request\n", PAGE_API},
        {"# Get user\n\n```http\nGET /me\n```\n", PAGE_API},
        {"# Enum values\n\n### a values\n\n|Member|\n|-|\n|x|\n", PAGE_ENUM},
        {"# Overview\n\nWords.\n", PAGE_OTHER},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        page *p = read_text(cases[i].md);
        CHECK_STR(page_kind_name(p->kind), page_kind_name(cases[i].kind));
        page_free(p);
    }
    CHECK_STR(page_kind_name(PAGE_OTHER), "other");
}

/* Problems come in page order, whichever step found them. */
static void test_problem_order(void)
{
    page *p = read_text("---\ntitle: a: b\n---\n|a|b|\n|-|-|\n|1|\n\nbad \xFF byte\n"
                        "```json\n{,}\n```\n");
    CHECK_INT(p->nproblems, 4);
    for (size_t i = 1; i < p->nproblems; i++)
        CHECK(p->problems[i - 1].line <= p->problems[i].line);
    CHECK_STR(p->nproblems ? p->problems[0].rule : NULL, "front-matter");
    CHECK_STR(p->nproblems > 2 ? p->problems[2].rule : NULL, "encoding");
    page_free(p);
}

static void test_title_from_front_matter(void)
{
    page *p = read_text("---\ntitle: From YAML\n---\n## Only level two\n");
    CHECK_STR(p->title, "From YAML");
    page_free(p);
}

int main(void)
{
    page_reader_init();
    test_sample_page();
    test_crlf_same_as_lf();
    test_bom();
    test_invalid_utf8();
    test_nul_bytes();
    test_empty_pages();
    test_five_megabyte_line();
    test_slow_inputs();
    test_deep_nesting();
    test_front_matter_variants();
    test_kinds();
    test_title_from_front_matter();
    test_problem_order();
    page_reader_cleanup();
    return test_result("read-text");
}
