/* GFM tables: cells as cmark-gfm reads them, with the real cell count of
 * each source row (cmark pads short rows and drops extra cells). */
#include <stdlib.h>
#include <string.h>

#include "read_test.h"
#include "util/strbuf.h"

static void test_regular_table(void)
{
    page *p = read_text("## Properties\n"
                        "\n"
                        "|Property|Type|Description|\n"
                        "|:---|:---|:---|\n"
                        "|id|String|The id. Read-only.|\n"
                        "|owner|[user](user.md)|Who owns it, see [docs](https://x.test/a).|\n");
    CHECK_INT(p->ntables, 1);
    const page_table *t = &p->tables[0];
    CHECK_STR(t->section, "Properties");
    CHECK_INT(t->section_level, 2);
    CHECK_INT(t->line, 3);
    CHECK_INT(t->ncols, 3);
    CHECK_STR(t->header[1].text, "Type");
    CHECK_INT(t->nrows, 2);
    CHECK_STR(t->rows[0].cells[2].text, "The id. Read-only.");
    CHECK_INT(t->rows[0].line, 5);
    CHECK_INT(t->rows[0].cells[0].line, 5);
    CHECK_INT(t->rows[0].cells[0].col, 2);
    CHECK_INT(t->rows[0].cells[1].col, 5);
    CHECK_INT(t->rows[0].source_cells, 3);
    CHECK(t->rows[0].extra == NULL);
    CHECK_STR(t->rows[1].cells[1].text, "user");
    CHECK_INT(t->rows[1].cells[1].nlinks, 1);
    CHECK_STR(t->rows[1].cells[1].links[0].target, "user.md");
    CHECK_INT(t->rows[1].cells[1].links[0].line, 6);
    CHECK_INT(t->rows[1].cells[1].links[0].col, 8);
    CHECK_STR(t->rows[1].cells[2].links[0].text, "docs");
    CHECK_INT(p->nlinks, 2);
    CHECK_INT(count_problems(p, "table-cells"), 0);
    CHECK_INT(page_table_column(t, "Name|Property"), 0);
    CHECK_INT(page_table_column(t, "description"), 2);
    CHECK_INT(page_table_column(t, "Default"), -1);
    page_free(p);
}

static void test_short_and_long_rows(void)
{
    page *p = read_text("|a|b|c|\n"
                        "|-|-|-|\n"
                        "|1|\n"
                        "|1|2|3|4|5|\n"
                        "|x|y|z|\n");
    const page_table *t = &p->tables[0];
    CHECK_INT(t->nrows, 3);
    const table_row *short_row = &t->rows[0];
    CHECK_INT(short_row->source_cells, 1);
    CHECK_STR(short_row->cells[1].text, "");
    CHECK_INT(short_row->cells[1].col, 0);
    CHECK_INT(short_row->cells[2].line, 3);
    const table_row *long_row = &t->rows[1];
    CHECK_INT(long_row->source_cells, 5);
    CHECK_STR(long_row->extra, "4|5");
    CHECK_STR(long_row->cells[2].text, "3");
    CHECK_INT(t->rows[2].source_cells, 3);
    CHECK_INT(count_problems(p, "table-cells"), 2);
    const page_problem *pr = find_problem(p, "table-cells");
    CHECK_INT(pr->line, 3);
    CHECK(strstr(pr->message, "1 cell,") != NULL);
    page_free(p);
}

/* Escaped pipes and pipes in code spans do not separate cells. */
static void test_pipes_that_are_not_separators(void)
{
    page *p = read_text("| a | b |\n"
                        "|---|---|\n"
                        "| x \\| y | z |\n"
                        "| `p|q` | r |\n"
                        "| s | t\n"
                        "| u | ``v`` ` | w |\n");
    const page_table *t = &p->tables[0];
    CHECK_STR(t->rows[0].cells[0].text, "x | y");
    CHECK_INT(t->rows[0].source_cells, 2);
    CHECK_INT(t->rows[1].source_cells, 2);
    CHECK_INT(t->rows[2].source_cells, 2);
    /* A lone backtick opens no span: its pipe separates. */
    CHECK_INT(t->rows[3].source_cells, 3);
    CHECK_STR(t->rows[3].extra, "w");
    page_free(p);
}

static void test_table_in_quote_and_list(void)
{
    page *p = read_text("> |a|b|\n"
                        "> |-|-|\n"
                        "> |1|2|3|\n"
                        "\n"
                        "- item\n"
                        "\n"
                        "  |c|d|\n"
                        "  |-|-|\n"
                        "  |4|\n");
    CHECK_INT(p->ntables, 2);
    CHECK_INT(p->tables[0].rows[0].source_cells, 3);
    CHECK_STR(p->tables[0].rows[0].extra, "3");
    CHECK_INT(p->tables[0].rows[0].line, 3);
    CHECK_INT(p->tables[1].rows[0].source_cells, 1);
    CHECK_INT(p->tables[1].rows[0].line, 9);
    CHECK_INT(count_problems(p, "table-cells"), 2);
    page_free(p);
}

/* Inline markup is dropped from cell text; <br> becomes a space. */
static void test_cell_text(void)
{
    page *p = read_text("|Name|Description|\n"
                        "|-|-|\n"
                        "|**bold** _it_ `code`|one<br>two <b>x</b>|\n");
    const table_row *row = &p->tables[0].rows[0];
    CHECK_STR(row->cells[0].text, "bold it code");
    CHECK_STR(row->cells[1].text, "one two x");
    page_free(p);
}

/* A 2 MB row full of backtick runs of many lengths (most never closed)
 * must be read in linear time. */
static void test_long_row_with_backticks(void)
{
    size_t cap = 3 * 1000 * 1000;
    char *md = malloc(cap);
    size_t len = (size_t)sprintf(md, "|a|b|\n|-|-|\n|a|");
    for (size_t i = 0; len < cap - 200; i++) {
        size_t run = i % 100 + 1;
        memset(md + len, '`', run);
        len += run;
        memcpy(md + len, i % 100 ? " x " : " x|", 3);
        len += 3;
    }
    strcpy(md + len, "|\n");
    page *p = read_text(md);
    CHECK_INT(p->ntables, 1);
    CHECK_INT(p->tables[0].nrows, 1);
    CHECK(p->tables[0].rows[0].source_cells > 2);
    page_free(p);
    free(md);
}

/* A row whose extra cells run to kilobytes: the message quotes their
 * start (cut between UTF-8 sequences) and says how much it left out. */
static void test_long_extra_is_quoted_in_part(void)
{
    strbuf md = STRBUF_INIT;
    strbuf_puts(&md, "| a | b |\n|---|---|\n| x | y | ");
    for (int i = 0; i < 2000; i++)
        strbuf_puts(&md, "\xc3\xa9 |"); /* "é |": 4 bytes a cell */
    strbuf_puts(&md, "\n");
    page *p = read_text(strbuf_cstr(&md));
    const page_problem *pr = find_problem(p, "table-cells");
    CHECK(pr != NULL);
    CHECK(pr && strlen(pr->message) < 400);
    CHECK(pr && strstr(pr->message, "row has 2002 cells, the header has 2; extra: \xc3\xa9 |") != NULL);
    CHECK(pr && strstr(pr->message, " bytes more)") != NULL);
    /* Cut where a character starts: no lone continuation byte before
     * the "...". */
    const char *dots = pr ? strstr(pr->message, "...") : NULL;
    CHECK(dots && ((unsigned char)dots[-1] & 0xC0) != 0xC0);
    page_free(p);
    strbuf_free(&md);
}

int main(void)
{
    page_reader_init();
    test_regular_table();
    test_short_and_long_rows();
    test_pipes_that_are_not_separators();
    test_table_in_quote_and_list();
    test_cell_text();
    test_long_row_with_backticks();
    test_long_extra_is_quoted_in_part();
    page_reader_cleanup();
    return test_result("read-tables");
}
