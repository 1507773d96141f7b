/* One walk over cmark's tree, with its iterator rather than recursion, so
 * that deeply nested quotes or lists cannot exhaust the stack. Blocks with
 * inline content are read whole and their inline children skipped. */
#include <string.h>

#include "read/reader.h"

static void skip_children(cmark_iter *iter, cmark_node *node)
{
    cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
}

static void read_heading(reader *r, cmark_node *node)
{
    page *p = r->p;
    page_heading *h = ARENA_PUSH(&p->mem, p->headings, p->nheadings, r->cap_headings);
    h->level = cmark_node_get_heading_level(node);
    h->text = inline_text(r, node, NULL, NULL);
    h->line = node_line(r, node);
    r->section = h->text;
    r->section_level = h->level;
}

/* "Namespace: microsoft.graph" under the title. */
static void note_namespace(reader *r, const char *text)
{
    static const char prefix[] = "Namespace:";
    if (r->p->namespace || strncmp(text, prefix, sizeof prefix - 1) != 0)
        return;
    const char *value = text + sizeof prefix - 1;
    while (*value == ' ' || *value == '\t')
        value++;
    size_t n = strcspn(value, " \t");
    r->p->namespace = arena_strndup(&r->p->mem, value, n);
}

static void read_paragraph(reader *r, cmark_node *node)
{
    page *p = r->p;
    page_text *t = ARENA_PUSH(&p->mem, p->texts, p->ntexts, r->cap_texts);
    t->text = inline_text(r, node, NULL, NULL);
    t->section = (char *)r->section;
    t->line = node_line(r, node);
    note_namespace(r, t->text);
}

static void read_html_block(reader *r, cmark_node *node)
{
    const char *html = slow_input_literal(r, cmark_node_get_literal(node));
    if (html)
        html_comments_read(r, html, strlen(html), node_line(r, node),
                           cmark_node_get_start_column(node));
}

/* Returns 1 when the node's children were consumed. */
static int read_block(reader *r, cmark_node *node)
{
    cmark_node_type type = cmark_node_get_type(node);
    switch (type) {
    case CMARK_NODE_HEADING:
        read_heading(r, node);
        return 1;
    case CMARK_NODE_PARAGRAPH:
        read_paragraph(r, node);
        return 1;
    case CMARK_NODE_CODE_BLOCK:
        code_block_read(r, node);
        return 1;
    case CMARK_NODE_HTML_BLOCK:
        read_html_block(r, node);
        return 1;
    default:
        break;
    }
    if (type == reader_table_types()->table) {
        table_read(r, node);
        return 1;
    }
    return 0;
}

void walk_document(reader *r, cmark_node *root)
{
    cmark_iter *iter = cmark_iter_new(root);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(iter);
        if (read_block(r, node))
            skip_children(iter, node);
    }
    cmark_iter_free(iter);
}
