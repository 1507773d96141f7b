/* GFM tables, as cmark-gfm's table extension parsed them. The extension
 * pads short rows and drops cells beyond the header's count without a
 * trace, so each row's source line is looked at again to count the cells
 * it really has (pipes that are neither escaped nor inside a code span) and
 * to keep the text of the dropped ones. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
/* Cells are walked through cmark's node struct, as inline_text.c does:
 * an accessor call per cell and per step costs more than the reading. */
#include <cmark-gfm/node.h>

#include "read/reader.h"
#include "util/word_scan.h"

/* Backtick runs longer than this never open a code span in a row; real
 * pages use one or two. Bounding it keeps the "no closer" memo small. */
enum { MAX_TICK_RUN = 64 };

typedef struct cell_splitter {
    const char *s;
    size_t n;
    /* no_closer[k]: no run of exactly k backticks follows the position
     * where a search for one last failed. Remembering it keeps a long line
     * full of unmatched backticks linear. */
    unsigned char no_closer[MAX_TICK_RUN + 1];
} cell_splitter;

static size_t tick_run(const char *s, size_t n, size_t i)
{
    size_t k = 0;
    while (i + k < n && s[i + k] == '`')
        k++;
    return k;
}

/* Offset just past the code span opened by a run of k backticks ending at
 * i, or 0 when nothing closes it. */
static size_t code_span_end(cell_splitter *sp, size_t i, size_t k)
{
    if (k > MAX_TICK_RUN || sp->no_closer[k])
        return 0;
    while (i < sp->n) {
        const char *tick = memchr(sp->s + i, '`', sp->n - i);
        if (!tick)
            break;
        size_t at = (size_t)(tick - sp->s);
        size_t run = tick_run(sp->s, sp->n, at);
        if (run == k)
            return at + run;
        i = at + run;
    }
    sp->no_closer[k] = 1;
    return 0;
}

static int is_special(char c) { return c == '|' || c == '`' || c == '\\'; }

/* Offset of the first '|', '`' or '\\' at or after i, n when none. Rows
 * are mostly plain text: it is skipped eight bytes at a time. */
static size_t next_special(const char *s, size_t n, size_t i)
{
    while (n - i >= 8) {
        uint64_t word;
        memcpy(&word, s + i, 8);
        if (word_has_byte(word, '|') | word_has_byte(word, '`') | word_has_byte(word, '\\'))
            break;
        i += 8;
    }
    while (i < n && !is_special(s[i]))
        i++;
    return i;
}

/* count_pipes() for a row without backticks and backslashes, where every
 * pipe separates cells. */
static size_t count_plain_pipes(const char *s, size_t n, size_t cut_at,
                                size_t *cut)
{
    size_t total = 0;
    for (const char *p = s; (p = memchr(p, '|', (size_t)(s + n - p))) != NULL; p++)
        if (++total == cut_at)
            *cut = (size_t)(p - s) + 1;
    return total;
}

/* Counts the cell-separating pipes of a row; *cut is set past the pipe
 * number cut_at (1-based) when the row has that many, else left alone. */
static size_t count_pipes(cell_splitter *sp, size_t cut_at, size_t *cut)
{
    /* Most rows hold neither code spans nor escapes: their pipes are found
     * by memchr, many bytes at a time. */
    if (!memchr(sp->s, '`', sp->n) && !memchr(sp->s, '\\', sp->n))
        return count_plain_pipes(sp->s, sp->n, cut_at, cut);
    size_t total = 0;
    for (size_t i = 0; (i = next_special(sp->s, sp->n, i)) < sp->n;) {
        char c = sp->s[i];
        if (c == '\\' && i + 1 < sp->n) {
            i += 2;
        } else if (c == '`') {
            size_t k = tick_run(sp->s, sp->n, i);
            size_t end = code_span_end(sp, i + k, k);
            i = end ? end : i + k;
        } else if (c == '|') {
            if (++total == cut_at)
                *cut = i + 1;
            i++;
        } else {
            i++;
        }
    }
    return total;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* The row's text without container markers (quote '>' and indentation)
 * and surrounding blanks. */
static const char *row_source(const reader *r, int line, int quote_depth,
                              size_t *n)
{
    size_t len;
    const char *s = source_line(r, line, &len);
    if (!s) {
        *n = 0;
        return "";
    }
    size_t i = 0;
    for (int q = 0; q <= quote_depth; q++) {
        while (i < len && is_blank(s[i]))
            i++;
        if (q < quote_depth && i < len && s[i] == '>')
            i++;
    }
    while (len > i && is_blank(s[len - 1]))
        len--;
    *n = len - i;
    return s + i;
}

static int quote_depth_of(cmark_node *node)
{
    int depth = 0;
    for (cmark_node *n = cmark_node_parent(node); n; n = cmark_node_parent(n))
        if (cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE)
            depth++;
    return depth;
}

static int ends_with_pipe(const char *s, size_t n)
{
    return n && s[n - 1] == '|' && !(n >= 2 && s[n - 2] == '\\');
}

/* Counts the row's cells and, when there are more than ncols, copies the
 * raw text of the rest into row->extra. */
static void count_source_cells(reader *r, table_row *row, size_t ncols,
                               int quote_depth)
{
    size_t n;
    const char *s = row_source(r, row->line, quote_depth, &n);
    if (n == 0) {
        row->source_cells = 0;
        return;
    }
    cell_splitter sp = {s, n, {0}};
    size_t leading = s[0] == '|';
    size_t trailing = ends_with_pipe(s, n) && n > 1;
    size_t cut = 0; /* just past the pipe that closes cell ncols */
    size_t pipes = count_pipes(&sp, leading + ncols, &cut);
    size_t cells = pipes + 1 - leading - trailing;
    row->source_cells = (int)cells;
    if (cells <= ncols || cut == 0)
        return;
    size_t end = trailing ? n - 1 : n;
    while (cut < end && is_blank(s[cut]))
        cut++;
    while (end > cut && is_blank(s[end - 1]))
        end--;
    row->extra = arena_strndup(&r->p->mem, s + cut, end - cut);
}

static void read_cell(reader *r, cmark_node *node, int line, table_cell *cell)
{
    cell->text = inline_text(r, node, &cell->links, &cell->nlinks);
    cell->line = line;
    cell->col = node->start_column;
}

/* Reads the cells of a row into exactly ncols cells. */
static table_cell *read_cells(reader *r, cmark_node *row_node, size_t ncols,
                              int line)
{
    table_cell *cells = arena_alloc(&r->p->mem, (ncols ? ncols : 1) * sizeof *cells);
    size_t i = 0;
    for (cmark_node *c = row_node->first_child; c && i < ncols; c = c->next, i++)
        read_cell(r, c, line, &cells[i]);
    for (; i < ncols; i++) {
        cells[i].text = arena_strdup(&r->p->mem, "");
        cells[i].line = line;
    }
    return cells;
}

/* How much of the extra cells a message quotes: enough to recognise the
 * row; a row of a megabyte must not make a megabyte message. */
enum { EXTRA_QUOTED = 200 };

/* The length of the quoted part of s: at most EXTRA_QUOTED bytes, cut at
 * the start of a UTF-8 sequence. */
static int quoted_length(const char *s, size_t len)
{
    if (len <= EXTRA_QUOTED)
        return (int)len;
    size_t n = EXTRA_QUOTED;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return (int)n;
}

static void report_cell_count(reader *r, const table_row *row, size_t ncols)
{
    const char *extra = row->extra ? row->extra : "";
    size_t len = strlen(extra);
    int quoted = quoted_length(extra, len);
    char more[48] = "";
    if ((size_t)quoted < len)
        snprintf(more, sizeof more, "... (%zu bytes more)", len - (size_t)quoted);
    reader_problem(r, "table-cells", row->line, 1,
                   "row has %d cell%s, the header has %zu%s%.*s%s",
                   row->source_cells, row->source_cells == 1 ? "" : "s",
                   ncols, row->extra ? "; extra: " : "", quoted, extra, more);
}

void table_read(reader *r, cmark_node *table)
{
    page *p = r->p;
    page_table *t = ARENA_PUSH(&p->mem, p->tables, p->ntables, r->cap_tables);
    t->section = (char *)r->section;
    t->section_level = r->section_level;
    t->ncols = cmark_gfm_extensions_get_table_columns(table);
    t->line = node_line(r, table);
    int quote_depth = quote_depth_of(table);
    size_t cap_rows = 0;
    for (cmark_node *row_node = cmark_node_first_child(table); row_node;
         row_node = cmark_node_next(row_node)) {
        int line = node_line(r, row_node);
        if (cmark_gfm_extensions_get_table_row_is_header(row_node)) {
            t->header = read_cells(r, row_node, t->ncols, line);
            t->line = line;
            continue;
        }
        table_row *row = ARENA_PUSH(&p->mem, t->rows, t->nrows, cap_rows);
        row->line = line;
        row->cells = read_cells(r, row_node, t->ncols, line);
        count_source_cells(r, row, t->ncols, quote_depth);
        if ((size_t)row->source_cells != t->ncols)
            report_cell_count(r, row, t->ncols);
    }
    if (!t->header)
        t->header = read_cells(r, table, 0, t->line);
}
