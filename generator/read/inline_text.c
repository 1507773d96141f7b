/* Plain text of inline content: markup dropped, code spans kept without
 * their backticks, line breaks made spaces. Links are collected on the way,
 * and HTML comments inside a paragraph or cell are read like block ones. */
#include <string.h>

/* cmark's node struct is read directly: cmark_node_get_literal() would copy
 * every text node into a new string before it is copied again here, and
 * its iterator costs an allocation per block. The header comes with the
 * library it describes. */
#include <cmark-gfm/node.h>

#include "read/reader.h"

typedef struct link_list {
    page_link *items;
    size_t count, cap;
} link_list;

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n'; }

static char *trimmed_copy(const reader *r, const char *s, size_t n)
{
    while (n && is_space(*s))
        s++, n--;
    while (n && is_space(s[n - 1]))
        n--;
    char *copy = arena_strndup(&r->p->mem, s, n);
    slow_input_restore(r, copy);
    return copy;
}

/* The literal of a text or code node in place, not NUL-terminated (cmark
 * puts no NUL in one: it reads U+FFFD for NUL bytes and &#0;). */
static const char *node_literal(const cmark_node *node, size_t *len)
{
    *len = node->as.literal.data ? (size_t)node->as.literal.len : 0;
    return *len ? (const char *)node->as.literal.data : "";
}

static int has_literal(const cmark_node *node)
{
    return node->type == CMARK_NODE_TEXT || node->type == CMARK_NODE_CODE;
}

static void add_literal(strbuf *b, const cmark_node *node)
{
    size_t len;
    const char *lit = node_literal(node, &len);
    strbuf_add(b, lit, len);
}

static void read_inline_html(reader *r, cmark_node *node)
{
    const char *html = slow_input_literal(r, cmark_node_get_literal(node));
    if (!html)
        return;
    if (strncmp(html, "<!--", 4) == 0) {
        html_comments_read(r, html, strlen(html), node_line(r, node),
                           cmark_node_get_start_column(node));
    } else if (strncmp(html, "<br", 3) == 0 || strncmp(html, "<BR", 3) == 0) {
        strbuf_putc(&r->scratch, ' ');
    }
}

static void finish_link(reader *r, cmark_node *node, size_t text_start,
                        link_list *own)
{
    page *p = r->p;
    page_link link;
    link.text = trimmed_copy(r, r->scratch.data + text_start, r->scratch.len - text_start);
    const char *url = cmark_node_get_url(node);
    link.target = arena_strdup(&p->mem, url ? url : "");
    slow_input_restore(r, link.target);
    link.line = node_line(r, node);
    link.col = cmark_node_get_start_column(node);
    *ARENA_PUSH(&p->mem, p->links, p->nlinks, r->cap_links) = link;
    if (own)
        *ARENA_PUSH(&p->mem, own->items, own->count, own->cap) = link;
}

static void enter_inline(reader *r, cmark_node *node, size_t *link_start)
{
    switch (node->type) {
    case CMARK_NODE_TEXT:
    case CMARK_NODE_CODE:
        add_literal(&r->scratch, node);
        break;
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
        strbuf_putc(&r->scratch, ' ');
        break;
    case CMARK_NODE_HTML_INLINE:
        read_inline_html(r, node);
        break;
    case CMARK_NODE_LINK:
        /* Links cannot contain links, so one start offset is enough. */
        *link_start = r->scratch.len;
        break;
    default:
        break;
    }
}

static void leave_inline(reader *r, cmark_node *node, size_t link_start,
                         link_list *own)
{
    if (node->type == CMARK_NODE_LINK)
        finish_link(r, node, link_start, own);
}

/* The next node after node in document order, leaving (with
 * leave_inline) the nodes that end on the way; NULL past block's content.
 * The walk follows the tree's links, so it needs no stack at any depth. */
static cmark_node *next_inline(reader *r, cmark_node *block, cmark_node *node,
                               size_t link_start, link_list *own)
{
    if (node->first_child)
        return node->first_child;
    for (; node != block; node = node->parent) {
        leave_inline(r, node, link_start, own);
        if (node->next)
            return node->next;
    }
    return NULL;
}

/* A block of one text node (most table cells) needs no buffer. */
static int is_single_text(const cmark_node *block)
{
    const cmark_node *child = block->first_child;
    return child && !child->next && has_literal(child);
}

char *inline_text(reader *r, cmark_node *block, page_link **links,
                  size_t *nlinks)
{
    if (links) {
        *links = NULL;
        *nlinks = 0;
    }
    if (is_single_text(block)) {
        size_t len;
        const char *lit = node_literal(block->first_child, &len);
        return trimmed_copy(r, lit, len);
    }
    strbuf_reset(&r->scratch);
    strbuf_add(&r->scratch, "", 0); /* data is never NULL below */
    link_list own = {NULL, 0, 0};
    size_t link_start = 0;
    link_list *collect = links ? &own : NULL;
    for (cmark_node *node = block->first_child; node;
         node = next_inline(r, block, node, link_start, collect))
        enter_inline(r, node, &link_start);
    if (links) {
        *links = own.items;
        *nlinks = own.count;
    }
    return trimmed_copy(r, r->scratch.data, r->scratch.len);
}
