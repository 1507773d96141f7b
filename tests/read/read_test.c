/* Helpers of the reading stage's tests: checks that count failures
 * instead of stopping at the first, page reading from strings and fixture
 * files, and a dump of what page_read() found, one fact per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/page.h"
#include "read_test.h"

static void dump_links(FILE *out, const char *indent, const page_link *links, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(out, "%slink %d:%d [%s](%s)\n", indent, links[i].line, links[i].col,
                links[i].text, links[i].target);
}

static void dump_http(FILE *out, const http_block *h)
{
    static const char *const kinds[] = {"none", "request", "response"};
    fprintf(out, "  http %s", kinds[h->kind]);
    if (h->kind == HTTP_RESPONSE)
        fprintf(out, " %s %d \"%s\" line %d", h->protocol, h->status,
                h->status_text ? h->status_text : "", h->status_line);
    fprintf(out, "%s\n", h->missing_blank_line ? " missing-blank-line" : "");
    for (size_t i = 0; i < h->nrequests; i++) {
        const http_request_line *rl = &h->requests[i];
        fprintf(out, "  request %d %s %s version=%s path=%s query=%s\n", rl->line,
                rl->verb, rl->target, rl->version ? rl->version : "-",
                rl->path ? rl->path : "-", rl->query ? rl->query : "-");
    }
    for (size_t i = 0; i < h->nheaders; i++)
        fprintf(out, "  header %d %s: %s\n", h->headers[i].line, h->headers[i].name,
                h->headers[i].value);
    if (h->body)
        fprintf(out, "  body line %d, %zu bytes, json %s\n", h->body_line,
                strlen(h->body), h->body_json ? "ok" : h->body_error ? "error" : "-");
    if (h->body_error)
        fprintf(out, "  body error %d:%d %s\n", h->body_error_line, h->body_error_col,
                h->body_error);
}

static void dump_code(FILE *out, const page_code *c)
{
    fprintf(out, "code %d-%d info=\"%s\" %s section=\"%s\" %zu bytes", c->fence_line,
            c->line, c->info, c->closed ? "closed" : "unclosed", c->section,
            strlen(c->text));
    if (c->annotation)
        fprintf(out, " annotation=%d:%d(%s)", c->annotation->line, c->annotation->col,
                c->annotation->block_type ? c->annotation->block_type : "-");
    fprintf(out, "\n");
    if (c->json)
        fprintf(out, "  json ok\n");
    if (c->json_error)
        fprintf(out, "  json error %d:%d %s\n", c->json_error_line, c->json_error_col,
                c->json_error);
    if (c->http)
        dump_http(out, c->http);
}

static void dump_table(FILE *out, const page_table *t)
{
    fprintf(out, "table %d section=\"%s\" level=%d cols=%zu rows=%zu\n", t->line,
            t->section, t->section_level, t->ncols, t->nrows);
    fprintf(out, "  header");
    for (size_t c = 0; c < t->ncols; c++)
        fprintf(out, " |%s", t->header[c].text);
    fprintf(out, "\n");
    for (size_t i = 0; i < t->nrows; i++) {
        const table_row *row = &t->rows[i];
        fprintf(out, "  row %d cells=%d", row->line, row->source_cells);
        for (size_t c = 0; c < t->ncols; c++)
            fprintf(out, " |%d:%s", row->cells[c].col, row->cells[c].text);
        if (row->extra)
            fprintf(out, " extra=\"%s\"", row->extra);
        fprintf(out, "\n");
        for (size_t c = 0; c < t->ncols; c++)
            dump_links(out, "    ", row->cells[c].links, row->cells[c].nlinks);
    }
}

void page_dump(FILE *out, const page *p)
{
    fprintf(out, "kind %s\n", page_kind_name(p->kind));
    fprintf(out, "title %s\n", p->title ? p->title : "-");
    fprintf(out, "namespace %s\n", p->namespace ? p->namespace : "-");
    for (size_t i = 0; i < p->nfront_matter; i++)
        fprintf(out, "fm %d:%d %s=%s\n", p->front_matter[i].line, p->front_matter[i].col,
                p->front_matter[i].key, p->front_matter[i].value);
    for (size_t i = 0; i < p->nheadings; i++)
        fprintf(out, "h%d %d %s\n", p->headings[i].level, p->headings[i].line,
                p->headings[i].text);
    for (size_t i = 0; i < p->ntexts; i++)
        fprintf(out, "text %d [%s] %.60s\n", p->texts[i].line, p->texts[i].section,
                p->texts[i].text);
    for (size_t i = 0; i < p->ntables; i++)
        dump_table(out, &p->tables[i]);
    for (size_t i = 0; i < p->ncodes; i++)
        dump_code(out, &p->codes[i]);
    for (size_t i = 0; i < p->nannotations; i++) {
        const page_annotation *a = &p->annotations[i];
        fprintf(out, "annotation %d:%d type=%s json=%s%s\n", a->line, a->col,
                a->block_type ? a->block_type : "-", a->json ? "ok" : "none",
                a->recovered ? " recovered" : "");
    }
    for (size_t i = 0; i < p->ncomments; i++)
        fprintf(out, "comment %d %.50s\n", p->comments[i].line, p->comments[i].text);
    dump_links(out, "", p->links, p->nlinks);
    for (size_t i = 0; i < p->nproblems; i++)
        fprintf(out, "problem %s %d:%d %s\n", p->problems[i].rule, p->problems[i].line,
                p->problems[i].col, p->problems[i].message);
}

int test_failures;

void check_at(const char *file, int line, int ok, const char *what)
{
    if (ok)
        return;
    test_failures++;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
}

void check_int_at(const char *file, int line, long long got, long long want,
                  const char *what)
{
    if (got == want)
        return;
    test_failures++;
    fprintf(stderr, "%s:%d: %s is %lld, expected %lld\n", file, line, what, got, want);
}

void check_str_at(const char *file, int line, const char *got, const char *want,
                  const char *what)
{
    if ((!got && !want) || (got && want && strcmp(got, want) == 0))
        return;
    test_failures++;
    fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", file, line, what,
            got ? got : "(null)", want ? want : "(null)");
}

int test_result(const char *name)
{
    if (test_failures) {
        fprintf(stderr, "%s: %d checks failed\n", name, test_failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}

page *read_text(const char *markdown)
{
    return read_bytes(markdown, strlen(markdown));
}

page *read_bytes(const char *bytes, size_t len)
{
    char *error = NULL;
    page *p = page_read("test.md", "test.md", bytes, len, &error);
    if (!p) {
        fprintf(stderr, "page_read failed: %s\n", error ? error : "?");
        free(error);
        test_failures++;
    }
    return p;
}

char *read_data_file(const char *name, size_t *len)
{
    const char *root = getenv("APIMD_SOURCE_ROOT");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/read/data/%s", root ? root : ".", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s (is APIMD_SOURCE_ROOT set?)\n", path);
        exit(1);
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

page *read_data_page(const char *name)
{
    size_t len;
    char *bytes = read_data_file(name, &len);
    page *p = read_bytes(bytes, len);
    free(bytes);
    return p;
}

size_t count_problems(const page *p, const char *rule)
{
    size_t n = 0;
    for (size_t i = 0; i < p->nproblems; i++)
        if (strcmp(p->problems[i].rule, rule) == 0)
            n++;
    return n;
}

const page_problem *find_problem(const page *p, const char *rule)
{
    for (size_t i = 0; i < p->nproblems; i++)
        if (strcmp(p->problems[i].rule, rule) == 0)
            return &p->problems[i];
    return NULL;
}

char *dump_to_string(const page *p)
{
    char *text = NULL;
    size_t size = 0;
    FILE *out = open_memstream(&text, &size);
    page_dump(out, p);
    fclose(out);
    return text;
}
