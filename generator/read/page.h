/* The page model: everything the reading stage pulls out of one Markdown
 * page, with the source line (and column where it helps) of every piece.
 *
 * Reading knows Markdown, YAML, HTTP and JSON syntax but nothing of what a
 * Graph page means: that is the extraction stage's job (extract/). All
 * memory of a page lives in its arena, except the cJSON trees, which
 * page_free() deletes (or drops at once, with json_mem). The trees are the
 * page's: later stages read or copy them, never delete or move them. Lines
 * and columns are 1-based; a column counts bytes.
 */
#ifndef APIMD_PAGE_H
#define APIMD_PAGE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/arena.h"
#include "util/json_arena.h"

typedef enum page_kind {
    PAGE_OTHER = 0,
    PAGE_RESOURCE, /* "# x resource type", doc_type resourcePageType */
    PAGE_API,      /* a method page: doc_type apiPageType, an HTTP request */
    PAGE_ENUM,     /* enums.md and friends: tables of enum members */
} page_kind;

const char *page_kind_name(page_kind kind); /* "resource", "api", ... */

/* Something wrong with the page's form, found while reading. The lint
 * stage reports these under the rule id given here. */
typedef struct page_problem {
    const char *rule; /* static string: a lint rule id, e.g. "table-cells" */
    char *message;
    int line, col;
} page_problem;

typedef struct page_link {
    char *text;   /* the link text, inline markup removed */
    char *target; /* as written: "../resources/call.md", "#anchor", URL */
    int line, col;
} page_link;

typedef struct fm_field {
    char *key;
    char *value; /* scalar text; "" for an empty value */
    int line, col; /* of the value (of the key when the value is empty) */
} fm_field;

typedef struct page_heading {
    int level;
    char *text; /* plain text */
    int line;
} page_heading;

/* A block of prose: each paragraph, whether on its own, in a list item or
 * in a block quote, with its plain text (inline code kept with its
 * backticks removed, <br> and line breaks made spaces). */
typedef struct page_text {
    char *text;
    char *section; /* text of the nearest heading above, "" before any */
    int line;
} page_text;

typedef struct table_cell {
    char *text; /* plain text, trimmed, inline markup removed */
    page_link *links;
    size_t nlinks;
    int line, col;
} table_cell;

typedef struct table_row {
    /* exactly table.ncols cells: cmark pads short rows (a padding cell has
     * text "" and col 0) and drops the cells beyond the header's */
    table_cell *cells;
    /* how many cells the source line really has: pipes that are neither
     * escaped nor inside a code span separate them */
    int source_cells;
    char *extra;       /* raw text of the cells beyond ncols, or NULL */
    int line;
} table_row;

typedef struct page_table {
    char *section; /* text of the nearest heading above */
    int section_level;
    table_cell *header; /* ncols header cells */
    size_t ncols;
    table_row *rows;
    size_t nrows;
    int line; /* of the header row */
} page_table;

/* A <!-- { ... } --> comment: the annotations of the docs. */
typedef struct page_annotation {
    char *raw;       /* text between <!-- and --> */
    cJSON *json;     /* parsed object, or NULL when it could not be read */
    int recovered;   /* 1: not strict JSON, repaired (unquoted keys, ...) */
    /* why strict parsing failed, with the place ("... at line 5, column
     * 3"), and what was repaired when recovered; NULL for strict JSON */
    char *error;
    char *block_type; /* json "blockType", or NULL */
    int line, col;
} page_annotation;

/* An HTML comment that is not an annotation (suppressions live here). */
typedef struct page_comment {
    char *text;
    int line;
} page_comment;

typedef struct http_header {
    char *name;
    char *value;
    int line;
} http_header;

typedef struct http_request_line {
    char *verb;    /* as written, e.g. "PATCH" */
    char *target;  /* as written: full URL or path */
    /* The version segment: for a full URL the first path segment, as
     * written ("v1.0", "beta", or an unknown one such as "localtest" for
     * lint to report); for a bare path "v1.0" or "beta" when it starts with
     * one; else NULL. */
    char *version;
    char *path;    /* target without scheme, host, version and query */
    char *query;   /* after '?', or NULL */
    int line;
} http_request_line;

typedef enum http_kind { HTTP_NONE = 0, HTTP_REQUEST, HTTP_RESPONSE } http_kind;

/* An http code block read as a message. A request block in the "HTTP
 * request" section may hold several request lines and nothing else. */
typedef struct http_block {
    http_kind kind;
    http_request_line *requests;
    size_t nrequests;
    char *protocol; /* "HTTP/1.1" of a response */
    int status;     /* 0 when the status line has no 3-digit code */
    char *status_text;
    int status_line;
    http_header *headers;
    size_t nheaders;
    char *body; /* raw body text or NULL; body_line is its first line */
    int body_line;
    cJSON *body_json; /* parsed body when it is JSON, else NULL */
    char *body_error; /* why the JSON body did not parse, or NULL */
    int body_error_line, body_error_col;
    int missing_blank_line; /* body follows the headers with no blank line */
    /* What is wrong with the block's form ("http-malformed", and
     * "example-json" for a body that does not parse); page_read() copies
     * them into the page's problems. */
    page_problem *problems;
    size_t nproblems;
} http_block;

typedef struct page_code {
    char *info;     /* fence info, lower case: "http", "json", "" */
    char *text;     /* content */
    char *section;  /* nearest heading above */
    int fence_line; /* line of the opening fence */
    int line;       /* line of the first content line */
    int closed;     /* 0 when the fence was never closed */
    /* the last annotation with a "blockType" above this block and not yet
     * taken by an earlier block, or NULL */
    page_annotation *annotation;
    /* For json blocks: the parsed value or the error. */
    cJSON *json;
    char *json_error;
    int json_error_line, json_error_col;
    /* For http blocks (info "http"): the message. */
    http_block *http;
} page_code;

typedef struct page {
    arena mem;
    /* Where the page's cJSON trees were allocated when cJSON's allocations
     * can be routed (json_arena_install), else NULL: each tree is then
     * deleted on its own. */
    json_arena *json_mem;
    char *path;     /* as given, for messages */
    char *rel_path; /* relative to the docs root, '/' separated */
    page_kind kind;
    size_t bytes;

    fm_field *front_matter;
    size_t nfront_matter;
    int has_front_matter;

    char *title;     /* first level-1 heading, or front matter title */
    char *namespace; /* "Namespace: x" line, or NULL */

    page_heading *headings;
    size_t nheadings;
    page_text *texts;
    size_t ntexts;
    page_table *tables;
    size_t ntables;
    page_code *codes;
    size_t ncodes;
    page_annotation *annotations; /* all of them, in order */
    size_t nannotations;
    page_comment *comments;
    size_t ncomments;
    page_link *links; /* every inline link of the page, in order */
    size_t nlinks;
    page_problem *problems;
    size_t nproblems;
} page;

/* Set up the Markdown parser (it registers its extensions in globals).
 * Call once from the main thread before pages are read on worker threads;
 * page_read() calls it too, for programs that read on one thread. */
void page_reader_init(void);
/* Frees what page_reader_init() set up, so that leak checkers see nothing
 * left at exit. Only at the very end: no page can be read afterwards. */
void page_reader_cleanup(void);

/* Read a page from memory. Never fails on content: what cannot be read is
 * recorded in problems. Returns NULL only when the bytes are not text
 * (NUL bytes): *error then says why, and *error_line (when not NULL)
 * where: the line of the first NUL. */
page *page_read(const char *path, const char *rel_path, const char *bytes,
                size_t len, char **error);
page *page_read_at(const char *path, const char *rel_path, const char *bytes,
                   size_t len, char **error, int *error_line);
void page_free(page *p);

/* Lookups used by every later stage. */
const char *page_front_matter(const page *p, const char *key);
/* Column index of a header name, case-insensitive, among alternatives
 * separated by '|' ("Property|Name|Parameter"); -1 when absent. */
int page_table_column(const page_table *t, const char *names);

/* Helpers shared with tests and fuzz targets. */
http_block *http_block_parse(arena *a, const char *text, int first_line);
void http_block_free_json(http_block *h);
page_annotation *annotation_parse(arena *a, const char *raw, int line, int col);
/* Parse JSON text that starts at first_line; on failure returns NULL and
 * sets the line/col of the error. */
cJSON *json_parse_located(const char *text, size_t len, int first_line,
                          int *err_line, int *err_col, const char **err_msg);

#endif
