/* Fenced code blocks: info string, content, whether the fence was closed,
 * the annotation that describes the block, and for json and http blocks
 * the parsed content. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"
#include "util/xalloc.h"

static char *lower_trimmed(arena *a, const char *s)
{
    if (!s)
        s = "";
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    char *out = arena_strndup(a, s, n);
    for (char *c = out; *c; c++)
        *c = (char)tolower((unsigned char)*c);
    return out;
}

/* The first word of the info string says the language: "json", "http". */
static int info_is(const char *info, const char *lang)
{
    size_t n = strlen(lang);
    return strncmp(info, lang, n) == 0 &&
           (info[n] == '\0' || info[n] == ' ' || info[n] == '\t' || info[n] == '{');
}

/* cmark does not say whether a fence was closed. A closed block ends on its
 * closing fence line; an unclosed one ends wherever its container ended. */
static int fence_closed(const reader *r, cmark_node *node, int fence_length,
                        char fence_char)
{
    int end_line = cmark_node_get_end_line(node) + r->body_line_offset;
    if (end_line <= node_line(r, node))
        return 0;
    size_t n;
    const char *s = source_line(r, end_line, &n);
    if (!s)
        return 0;
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
        i++;
    size_t run = 0;
    while (i + run < n && s[i + run] == fence_char)
        run++;
    if (run < (size_t)fence_length)
        return 0;
    for (i += run; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return 0;
    return 1;
}

static void read_json(reader *r, page_code *code)
{
    const char *s = code->text;
    size_t n = strlen(s);
    size_t lead = strspn(s, " \t\n");
    if (lead == n)
        return; /* an empty block is not an error of JSON */
    const char *msg = NULL;
    code->json = json_parse_located(s, n, code->line, &code->json_error_line,
                                    &code->json_error_col, &msg);
    if (code->json)
        return;
    code->json_error = arena_strdup(&r->p->mem, msg);
    reader_problem(r, "example-json", code->json_error_line, code->json_error_col,
                   "JSON example is not valid JSON: %s", msg);
}

static void read_http(reader *r, page_code *code)
{
    code->http = http_block_parse(&r->p->mem, code->text, code->line);
    for (size_t i = 0; i < code->http->nproblems; i++)
        reader_add_problem(r, &code->http->problems[i]);
}

static void attach_pending_annotation(reader *r)
{
    size_t index = r->p->ncodes - 1;
    if (index >= r->cap_code_annotation) {
        size_t cap = r->cap_code_annotation ? r->cap_code_annotation * 2 : 16;
        while (cap <= index)
            cap *= 2;
        r->code_annotation = xrealloc(r->code_annotation, cap * sizeof *r->code_annotation);
        memset(r->code_annotation + r->cap_code_annotation, 0,
               (cap - r->cap_code_annotation) * sizeof *r->code_annotation);
        r->cap_code_annotation = cap;
    }
    r->code_annotation[index] = r->pending_annotation;
    r->pending_annotation = 0;
}

void code_block_read(reader *r, cmark_node *node)
{
    int fence_length = 0, fence_offset = 0;
    char fence_char = 0;
    if (!cmark_node_get_fenced(node, &fence_length, &fence_offset, &fence_char))
        return; /* indented code: not an example, not a fence */
    page *p = r->p;
    page_code *code = ARENA_PUSH(&p->mem, p->codes, p->ncodes, r->cap_codes);
    memset(code, 0, sizeof *code);
    code->info = lower_trimmed(&p->mem, cmark_node_get_fence_info(node));
    const char *literal = cmark_node_get_literal(node);
    code->text = arena_strdup(&p->mem, literal ? literal : "");
    slow_input_restore(r, code->info);
    slow_input_restore(r, code->text);
    code->section = (char *)r->section;
    code->fence_line = node_line(r, node);
    code->line = code->fence_line + 1;
    code->closed = fence_closed(r, node, fence_length, fence_char);
    if (!code->closed)
        reader_problem(r, "code-fence-unclosed", code->fence_line,
                       cmark_node_get_start_column(node),
                       "code fence opened here is never closed");
    attach_pending_annotation(r);
    if (info_is(code->info, "json"))
        read_json(r, code);
    else if (info_is(code->info, "http"))
        read_http(r, code);
}

void code_blocks_link_annotations(reader *r)
{
    page *p = r->p;
    size_t n = p->ncodes < r->cap_code_annotation ? p->ncodes : r->cap_code_annotation;
    for (size_t i = 0; i < n; i++)
        if (r->code_annotation[i])
            p->codes[i].annotation = &p->annotations[r->code_annotation[i] - 1];
    free(r->code_annotation);
    r->code_annotation = NULL;
}
