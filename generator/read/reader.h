/* Internal to the reading stage: the state of one page_read() call, shared
 * by the files of read/ (one file per concern). Nothing here is visible to
 * later stages; they only see read/page.h. */
#ifndef APIMD_READER_H
#define APIMD_READER_H

#include <stddef.h>

#include <cmark-gfm.h>

#include "read/page.h"
#include "util/strbuf.h"

typedef struct reader {
    page *p;

    /* The page text with the BOM stripped and every line ending turned into
     * '\n', so that CRLF pages read exactly like LF pages. */
    const char *text;
    size_t len;
    char *owned_text; /* the normalized copy, when one was needed */
    char *guarded_text; /* what cmark reads when the slow-input guard acted */
    size_t *line_starts; /* offset of each line; line n is line_starts[n-1] */
    size_t nlines;

    /* cmark only sees the Markdown after the front matter: its line 1 is
     * page line body_line_offset + 1. */
    size_t body_offset;
    int body_line_offset;

    /* Capacities of the page's arena-held arrays (ARENA_PUSH needs them). */
    size_t cap_front_matter, cap_headings, cap_texts, cap_tables, cap_codes,
        cap_annotations, cap_comments, cap_links, cap_problems;

    const char *section; /* text of the nearest heading above */
    int section_level;
    /* An annotation waits here for the code block it describes: its index
     * in p->annotations plus one, 0 when none waits. Indexes, not pointers,
     * because the arrays move while they grow. */
    size_t pending_annotation;
    size_t *code_annotation; /* per code block, same encoding */
    size_t cap_code_annotation;
    int encoding_problems;

    strbuf scratch; /* reused for plain text, so a page costs few mallocs */
} reader;

/* Node types of the GFM table extension, known once the reader is set up. */
typedef struct table_node_types {
    cmark_node_type table, row, cell;
} table_node_types;
const table_node_types *reader_table_types(void);

/* 1 (the default): front matter made of plain "key: value" lines is read
 * without libyaml, with the same result. Tests set 0 to compare. */
extern int reader_yaml_shortcut;

/* Problems. The message is formatted into the page's arena. */
void reader_problem(reader *r, const char *rule, int line, int col,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void reader_add_problem(reader *r, const page_problem *problem);

/* Source text (source_text.c). */
int source_prepare(reader *r, const char *bytes, size_t len, char **error,
                   int *error_line);
void source_release(reader *r);
/* Text of page line n (1-based) without its '\n'; NULL past the end. */
const char *source_line(const reader *r, int line, size_t *len);
int source_line_of_offset(const reader *r, size_t offset);

/* Front matter (front_matter.c): fills p->front_matter and sets
 * body_offset/body_line_offset. */
void front_matter_read(reader *r);

/* Slow-input guard (slow_input_guard.c). */
void slow_input_guard(reader *r);
/* The text cmark is to read: the page, or the guarded copy. */
const char *markdown_text(const reader *r);
/* Undo the guard's stand-ins in a string taken from cmark (in place). */
void slow_input_restore(const reader *r, char *s);
/* A cmark literal as the page has it: s itself unless the guard acted. */
const char *slow_input_literal(reader *r, const char *s);

/* cmark positions to page positions. */
int node_line(const reader *r, cmark_node *node);

/* Plain text of a block's inline content (inline_text.c). Links found are
 * appended to p->links; when links/nlinks are given they also receive
 * them. Returns an arena string, trimmed. */
char *inline_text(reader *r, cmark_node *block, page_link **links,
                  size_t *nlinks);

/* Blocks (walk.c, tables.c, code_blocks.c, annotation.c). */
void walk_document(reader *r, cmark_node *root);
void table_read(reader *r, cmark_node *table);
void code_block_read(reader *r, cmark_node *node);
/* Points each code block at its annotation, once the arrays stopped moving. */
void code_blocks_link_annotations(reader *r);
/* Scan raw HTML for <!-- --> comments; each becomes an annotation or a
 * page_comment. first_col is the column of html's first byte. */
void html_comments_read(reader *r, const char *html, size_t len,
                        int first_line, int first_col);

/* Kind of the page, from what was read (kind.c). */
page_kind page_classify(const page *p);

#endif
