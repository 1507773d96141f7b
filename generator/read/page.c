/* page_read(): the driver of the reading stage. One page is parsed once by
 * cmark-gfm (with the table extension) and walked once; each kind of block
 * is handed to the file that knows it. */
#include "read/page.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cmark-gfm/registry.h>

#include "read/cmark_memory.h"
#include "read/reader.h"
#include "util/xalloc.h"

/* Set once by page_reader_init(), read-only afterwards: that is what makes
 * page_read() safe on worker threads. */
static cmark_syntax_extension *table_extension;
static table_node_types table_types;
static pthread_once_t reader_once = PTHREAD_ONCE_INIT;

static cmark_node *parse_markdown(const char *text, size_t len, int options,
                                  cmark_mem *mem)
{
    cmark_parser *parser = cmark_parser_new_with_mem(options, mem);
    if (table_extension) /* NULL only after page_reader_cleanup() */
        cmark_parser_attach_syntax_extension(parser, table_extension);
    cmark_parser_feed(parser, text, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    return root;
}

/* The table extension registers its node types at run time; learn them
 * from a tiny table instead of comparing type names on every node. */
static void learn_table_node_types(void)
{
    static const char sample[] = "|a|\n|-|\n|b|\n";
    cmark_node *root = parse_markdown(sample, sizeof sample - 1, CMARK_OPT_DEFAULT,
                                      cmark_get_default_mem_allocator());
    cmark_node *table = cmark_node_first_child(root);
    cmark_node *row = table ? cmark_node_first_child(table) : NULL;
    cmark_node *cell = row ? cmark_node_first_child(row) : NULL;
    if (table && row && cell) {
        table_types.table = cmark_node_get_type(table);
        table_types.row = cmark_node_get_type(row);
        table_types.cell = cmark_node_get_type(cell);
    }
    cmark_node_free(root);
}

static void reader_setup(void)
{
    cmark_gfm_core_extensions_ensure_registered();
    table_extension = cmark_find_syntax_extension("table");
    learn_table_node_types();
}

void page_reader_init(void) { pthread_once(&reader_once, reader_setup); }

void page_reader_cleanup(void)
{
    cmark_release_plugins();
    table_extension = NULL;
}

const table_node_types *reader_table_types(void) { return &table_types; }

const char *page_kind_name(page_kind kind)
{
    switch (kind) {
    case PAGE_RESOURCE:
        return "resource";
    case PAGE_API:
        return "api";
    case PAGE_ENUM:
        return "enum";
    case PAGE_OTHER:
        break;
    }
    return "other";
}

void reader_add_problem(reader *r, const page_problem *problem)
{
    page *p = r->p;
    *ARENA_PUSH(&p->mem, p->problems, p->nproblems, r->cap_problems) = *problem;
}

void reader_problem(reader *r, const char *rule, int line, int col,
                    const char *fmt, ...)
{
    page *p = r->p;
    va_list ap;
    va_start(ap, fmt);
    strbuf msg = STRBUF_INIT;
    strbuf_vprintf(&msg, fmt, ap);
    va_end(ap);
    page_problem problem = {rule, arena_strdup(&p->mem, strbuf_cstr(&msg)), line, col};
    strbuf_free(&msg);
    reader_add_problem(r, &problem);
}

int node_line(const reader *r, cmark_node *node)
{
    int line = cmark_node_get_start_line(node);
    return line > 0 ? line + r->body_line_offset : 0;
}

/* The JSON of examples and annotations makes thousands of small cJSON
 * values per page: in an arena of the page they cost a pointer bump each
 * and go at once with the page. Not when the thread already allocates in
 * an arena of its caller: the trees then go there, as before. */
static void enter_page_json_memory(page *p)
{
    if (json_arena_active())
        return;
    p->json_mem = json_arena_new();
    json_arena_enter(p->json_mem);
}

static void leave_page_json_memory(const page *p)
{
    if (p->json_mem)
        json_arena_leave();
}

static void read_markdown(reader *r)
{
    /* cmark would silently replace invalid UTF-8 only when asked to; ask
     * only when needed, so that valid pages keep exact byte columns. */
    int options = CMARK_OPT_DEFAULT;
    if (r->encoding_problems)
        options |= CMARK_OPT_VALIDATE_UTF8;
    slow_input_guard(r);
    cmark_mem *mem = cmark_memory_begin();
    cmark_node *root = parse_markdown(markdown_text(r) + r->body_offset,
                                      r->len - r->body_offset, options, mem);
    enter_page_json_memory(r->p);
    walk_document(r, root);
    leave_page_json_memory(r->p);
    /* No cmark_node_free(): the tree goes with its region, at once. */
    cmark_memory_end();
    code_blocks_link_annotations(r);
}

typedef struct numbered_problem {
    page_problem problem;
    size_t order; /* keeps problems of one place in the order found */
} numbered_problem;

static int compare_problems(const void *a, const void *b)
{
    const numbered_problem *x = a, *y = b;
    if (x->problem.line != y->problem.line)
        return x->problem.line < y->problem.line ? -1 : 1;
    if (x->problem.col != y->problem.col)
        return x->problem.col < y->problem.col ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* Problems are found stage by stage (encoding, front matter, blocks);
 * later stages want them in page order. */
static void sort_problems(page *p)
{
    if (p->nproblems < 2)
        return;
    numbered_problem *all = xmalloc(p->nproblems * sizeof *all);
    for (size_t i = 0; i < p->nproblems; i++)
        all[i] = (numbered_problem){p->problems[i], i};
    qsort(all, p->nproblems, sizeof *all, compare_problems);
    for (size_t i = 0; i < p->nproblems; i++)
        p->problems[i] = all[i].problem;
    free(all);
}

static void fill_title(page *p)
{
    for (size_t i = 0; i < p->nheadings; i++) {
        if (p->headings[i].level == 1) {
            p->title = p->headings[i].text;
            return;
        }
    }
    const char *title = page_front_matter(p, "title");
    if (title)
        p->title = (char *)title;
}

page *page_read(const char *path, const char *rel_path, const char *bytes,
                size_t len, char **error)
{
    return page_read_at(path, rel_path, bytes, len, error, NULL);
}

page *page_read_at(const char *path, const char *rel_path, const char *bytes,
                   size_t len, char **error, int *error_line)
{
    page_reader_init();
    if (error)
        *error = NULL;
    if (error_line)
        *error_line = 1;
    page *p = xcalloc(1, sizeof *p);
    p->mem = (arena)ARENA_INIT;
    p->path = arena_strdup(&p->mem, path ? path : "");
    p->rel_path = arena_strdup(&p->mem, rel_path ? rel_path : p->path);
    p->bytes = len;

    reader r = {0};
    r.p = p;
    r.section = "";
    if (source_prepare(&r, bytes ? bytes : "", bytes ? len : 0, error,
                       error_line) != 0) {
        page_free(p);
        return NULL;
    }
    front_matter_read(&r);
    read_markdown(&r);
    fill_title(p);
    p->kind = page_classify(p);
    sort_problems(p);
    source_release(&r);
    strbuf_free(&r.scratch);
    return p;
}

static void free_code_json(page_code *code)
{
    cJSON_Delete(code->json);
    code->json = NULL;
    if (code->http)
        http_block_free_json(code->http);
}

static void delete_json_trees(page *p)
{
    for (size_t i = 0; i < p->ncodes; i++)
        free_code_json(&p->codes[i]);
    for (size_t i = 0; i < p->nannotations; i++) {
        cJSON_Delete(p->annotations[i].json);
        p->annotations[i].json = NULL;
    }
}

void page_free(page *p)
{
    if (!p)
        return;
    if (p->json_mem)
        json_arena_free(p->json_mem); /* every tree at once */
    else
        delete_json_trees(p);
    arena_free(&p->mem);
    free(p);
}

const char *page_front_matter(const page *p, const char *key)
{
    for (size_t i = 0; i < p->nfront_matter; i++)
        if (strcmp(p->front_matter[i].key, key) == 0)
            return p->front_matter[i].value;
    return NULL;
}

static int header_matches(const char *header, const char *name, size_t n)
{
    return strlen(header) == n && strncasecmp(header, name, n) == 0;
}

int page_table_column(const page_table *t, const char *names)
{
    for (const char *name = names; *name;) {
        const char *bar = strchr(name, '|');
        size_t n = bar ? (size_t)(bar - name) : strlen(name);
        for (size_t c = 0; c < t->ncols; c++)
            if (header_matches(t->header[c].text, name, n))
                return (int)c;
        if (!bar)
            break;
        name = bar + 1;
    }
    return -1;
}
