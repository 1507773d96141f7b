/* Plain text of inline content: markup dropped, code spans kept without
 * their backticks, line breaks made spaces. Links are collected on the way,
 * and HTML comments inside a paragraph or cell are read like block ones. */
#include <string.h>

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

static void add_literal(strbuf *b, cmark_node *node)
{
    const char *lit = cmark_node_get_literal(node);
    if (lit)
        strbuf_puts(b, lit);
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

static void read_inline(reader *r, cmark_node *node, cmark_event_type ev,
                        size_t *link_start, link_list *own)
{
    switch (cmark_node_get_type(node)) {
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
        if (ev == CMARK_EVENT_ENTER)
            *link_start = r->scratch.len;
        else
            finish_link(r, node, *link_start, own);
        break;
    default:
        break;
    }
}

char *inline_text(reader *r, cmark_node *block, page_link **links,
                  size_t *nlinks)
{
    strbuf_reset(&r->scratch);
    strbuf_add(&r->scratch, "", 0); /* data is never NULL below */
    link_list own = {NULL, 0, 0};
    size_t link_start = 0;
    cmark_iter *iter = cmark_iter_new(block);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        if (node != block)
            read_inline(r, node, ev, &link_start, links ? &own : NULL);
    }
    cmark_iter_free(iter);
    if (links) {
        *links = own.items;
        *nlinks = own.count;
    }
    return trimmed_copy(r, r->scratch.data, r->scratch.len);
}
