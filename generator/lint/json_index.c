/* Where each key of a JSON text is written. cJSON keeps no positions, and
 * the cross-page rules run after the page is gone, so lint_page keeps the
 * text of every JSON block for them to point into; the keys of a block are
 * read (and sorted) the first time one is asked for, which happens for a
 * few blocks of the thousands. */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/strbuf.h"

enum { JSON_MAX_DEPTH = 64 };

typedef struct json_scanner {
    const char *s;
    size_t pos;
    int line, col;
    lint_page_record *r;
    json_block_index *block;
    strbuf path; /* the pointer of the value being read */
    strbuf key;  /* scratch: the key being read */
} json_scanner;

static void advance(json_scanner *js)
{
    if (js->s[js->pos] == '\n') {
        js->line++;
        js->col = 1;
    } else {
        js->col++;
    }
    js->pos++;
}

static char peek(const json_scanner *js) { return js->s[js->pos]; }

static void skip_space(json_scanner *js)
{
    /* On locals: the indentation of big examples is most of their text. */
    const char *s = js->s;
    size_t pos = js->pos;
    int line = js->line, col = js->col;
    for (;; pos++) {
        if (s[pos] == '\n') {
            line++;
            col = 1;
        } else if (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\r') {
            col++;
        } else {
            break;
        }
    }
    js->pos = pos;
    js->line = line;
    js->col = col;
}

/* A string; its raw content (escapes kept but for \" and \\) goes to out
 * when out is not NULL. */
static int scan_string(json_scanner *js, strbuf *out)
{
    advance(js); /* opening quote */
    for (;;) {
        /* the plain run up to a quote, backslash or line end in one go */
        size_t run = strcspn(js->s + js->pos, "\"\\\n");
        if (out)
            strbuf_add(out, js->s + js->pos, run);
        js->pos += run;
        js->col += (int)run;
        if (!peek(js) || peek(js) == '"')
            break;
        if (peek(js) == '\\') {
            advance(js);
            if (!peek(js))
                return -1;
        }
        if (out)
            strbuf_putc(out, peek(js));
        advance(js);
    }
    if (peek(js) != '"')
        return -1;
    advance(js);
    return 0;
}

static void append_index(strbuf *path, int index)
{
    char digits[16];
    size_t n = sizeof digits;
    unsigned u = (unsigned)index;
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    digits[--n] = '/';
    strbuf_add(path, digits + n, sizeof digits - n);
}

/* Keys go into a JSON pointer: '~' and '/' are escaped as RFC 6901 says. */
static void append_pointer_token(strbuf *path, const char *token)
{
    strbuf_putc(path, '/');
    for (;;) {
        size_t run = strcspn(token, "~/");
        strbuf_add(path, token, run);
        token += run;
        if (!*token)
            break;
        strbuf_puts(path, *token == '~' ? "~0" : "~1");
        token++;
    }
}

static void record_key(json_scanner *js, int line, int col)
{
    json_key_line *k = ARENA_PUSH(&js->r->mem, js->block->keys,
                                  js->block->nkeys, js->block->cap_keys);
    k->pointer = arena_strdup(&js->r->mem, strbuf_cstr(&js->path));
    k->line = line;
    k->col = col;
}

static int scan_value(json_scanner *js, int depth);

static int scan_object(json_scanner *js, int depth)
{
    advance(js); /* { */
    size_t base = js->path.len;
    skip_space(js);
    while (peek(js) && peek(js) != '}') {
        if (peek(js) != '"')
            return -1;
        int line = js->line, col = js->col;
        strbuf_reset(&js->key);
        int rc = scan_string(js, &js->key);
        append_pointer_token(&js->path, strbuf_cstr(&js->key));
        if (rc != 0)
            return -1;
        record_key(js, line, col);
        skip_space(js);
        if (peek(js) != ':')
            return -1;
        advance(js);
        if (scan_value(js, depth + 1) != 0)
            return -1;
        js->path.len = base;
        js->path.data[base] = '\0';
        skip_space(js);
        if (peek(js) == ',') {
            advance(js);
            skip_space(js);
        }
    }
    if (peek(js) != '}')
        return -1;
    advance(js);
    return 0;
}

static int scan_array(json_scanner *js, int depth)
{
    advance(js); /* [ */
    size_t base = js->path.len;
    skip_space(js);
    for (int index = 0; peek(js) && peek(js) != ']'; index++) {
        append_index(&js->path, index);
        if (scan_value(js, depth + 1) != 0)
            return -1;
        js->path.len = base;
        js->path.data[base] = '\0';
        skip_space(js);
        if (peek(js) == ',') {
            advance(js);
            skip_space(js);
        }
    }
    if (peek(js) != ']')
        return -1;
    advance(js);
    return 0;
}

static int scan_value(json_scanner *js, int depth)
{
    if (depth > JSON_MAX_DEPTH)
        return -1;
    skip_space(js);
    switch (peek(js)) {
    case '{':
        return scan_object(js, depth);
    case '[':
        return scan_array(js, depth);
    case '"':
        return scan_string(js, NULL);
    case '\0':
        return -1;
    default: {
        /* number, true, false, null: up to the next delimiter, on one
         * line */
        size_t run = strcspn(js->s + js->pos, ",}] \t\r\n");
        js->pos += run;
        js->col += (int)run;
        return 0;
    }
    }
}

static int compare_keys(const void *pa, const void *pb)
{
    const json_key_line *a = pa, *b = pb;
    int c = strcmp(a->pointer, b->pointer);
    if (c)
        return c;
    return a->line != b->line ? (a->line > b->line) - (a->line < b->line)
                              : (a->col > b->col) - (a->col < b->col);
}

json_block_index *json_index_text(lint_page_record *r, const char *text,
                                  int first_line, int block_first,
                                  int block_last)
{
    if (!text)
        return NULL;
    json_block_index *block = ARENA_PUSH(&r->mem, r->blocks, r->nblocks,
                                         r->cap_blocks);
    block->first_line = block_first;
    block->last_line = block_last;
    block->text = arena_strdup(&r->mem, text);
    block->text_line = first_line;
    return block;
}

/* The keys of the block's text, sorted by pointer, the first written
 * first. */
static void read_keys(lint_page_record *r, json_block_index *block)
{
    json_scanner js = {block->text, 0, block->text_line, 1, r, block, STRBUF_INIT,
                       STRBUF_INIT};
    strbuf_puts(&js.path, ""); /* the root pointer is "" */
    /* A text that does not parse keeps the keys read before the error:
     * example-json reports the error itself. */
    scan_value(&js, 0);
    strbuf_free(&js.path);
    strbuf_free(&js.key);
    if (block->nkeys > 1)
        qsort(block->keys, block->nkeys, sizeof *block->keys, compare_keys);
    block->text = NULL;
}

/* Blocks are indexed in page order and never overlap: a binary search
 * over their lines. */
const json_block_index *json_block_at(const lint_page_record *r, int line)
{
    size_t lo = 0, hi = r ? r->nblocks : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (line < r->blocks[mid].first_line)
            hi = mid;
        else if (line > r->blocks[mid].last_line)
            lo = mid + 1;
        else
            return &r->blocks[mid];
    }
    return NULL;
}

/* The first key written with that pointer: the lowest of the equal ones
 * in the sorted keys. */
int json_key_lookup(lint_page_record *r, int line, const char *pointer,
                    int *col)
{
    json_block_index *block = (json_block_index *)json_block_at(r, line);
    if (block && block->text)
        read_keys(r, block);
    size_t lo = 0, hi = block ? block->nkeys : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(block->keys[mid].pointer, pointer) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (!block || lo == block->nkeys || strcmp(block->keys[lo].pointer, pointer) != 0)
        return 0;
    if (col)
        *col = block->keys[lo].col;
    return block->keys[lo].line;
}
