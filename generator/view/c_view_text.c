/* Text for the view: doc comment lines, source references, C string
 * literal bodies, and small cJSON accessors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json_arena.h"
#include "util/xalloc.h"
#include "view/c_names.h"
#include "view/c_view_internal.h"

/* Comment lines stay readable in an 80-column editor after " * ". */
#define DOC_WIDTH 74

/* Markdown links read as their text in a comment: "[a](a.md)" -> "a". */
static void append_without_link_targets(strbuf *out, const char *text)
{
    const char *p = text;
    while (*p) {
        const char *open = strchr(p, '[');
        if (!open) {
            strbuf_puts(out, p);
            return;
        }
        strbuf_add(out, p, (size_t)(open - p));
        p = open;
        const char *close = strchr(p, ']'), *end;
        if (close && close[1] == '(' && (end = strchr(close, ')'))) {
            strbuf_add(out, p + 1, (size_t)(close - p - 1));
            p = end + 1;
            continue;
        }
        strbuf_putc(out, *p++);
    }
}

static cJSON *new_item(int type);
static void append_item(cJSON *object, const char *key, cJSON *item);
static void *view_alloc(size_t n);

/* One line: the words from `from` to `to`, one space between each (the
 * text may have runs of spaces there). */
static void add_line(cJSON *lines, const char *from, const char *to)
{
    cJSON *text = new_item(cJSON_String);
    char *out = text->valuestring = view_alloc((size_t)(to - from) + 1);
    for (const char *p = from; p < to; p++)
        if (*p != ' ' || p[-1] != ' ')
            *out++ = *p;
    *out = '\0';
    cJSON *line = new_item(cJSON_Object);
    append_item(line, "text", text);
    append_item(lines, NULL, line);
}

/* Greedy word wrap; a word longer than the width gets a line of its own.
 * A line is a stretch of the text: it is copied once, when complete. */
static void wrap_into(cJSON *lines, const char *text)
{
    const char *p = text, *line_from = NULL, *line_to = NULL;
    size_t len = 0; /* of the line as joined */
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if (end == p)
            break;
        size_t word = (size_t)(end - p);
        if (len && len + 1 + word > DOC_WIDTH) {
            add_line(lines, line_from, line_to);
            len = 0;
        }
        if (len)
            len++;
        else
            line_from = p;
        len += word;
        line_to = end;
        p = end;
    }
    if (len)
        add_line(lines, line_from, line_to);
}

cJSON *view_doc_lines(const char *description, const char *fallback)
{
    const char *text = description && *description ? description : fallback;
    strbuf plain = STRBUF_INIT, safe = STRBUF_INIT;
    append_without_link_targets(&plain, text ? text : "");
    c_append_comment_text(&safe, strbuf_cstr(&plain));
    cJSON *lines = cJSON_CreateArray();
    wrap_into(lines, strbuf_cstr(&safe));
    strbuf_free(&plain);
    strbuf_free(&safe);
    return lines;
}

/* ":12": digits by hand, as this runs for every element of the model. */
static void format_line(char *buf, size_t size, unsigned line)
{
    char digits[24];
    size_t n = 0;
    do {
        digits[n++] = (char)('0' + line % 10);
        line /= 10;
    } while (line);
    size_t at = 0;
    buf[at++] = ':';
    while (n && at + 1 < size)
        buf[at++] = digits[--n];
    buf[at] = '\0';
}

char *view_source_ref(const src_ref *source)
{
    if (!source->file)
        return NULL;
    char number[24];
    format_line(number, sizeof number, (unsigned)src_ref_line(source));
    /* ":" and digits need no care in a comment, nor change how the end of
     * the file name reads: the two parts can be made safe apart. */
    strbuf safe = STRBUF_INIT;
    c_append_comment_text(&safe, source->file);
    strbuf_puts(&safe, number);
    return strbuf_detach(&safe);
}

char *view_string_body(const char *text)
{
    strbuf out = STRBUF_INIT;
    strbuf_puts(&out, "");
    c_append_string_body(&out, text);
    return strbuf_detach(&out);
}

const char *view_json_string(const cJSON *object, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(item) ? item->valuestring : NULL;
}


/* The view's items are made here rather than by cJSON_Create* and
 * cJSON_AddItemToObjectCS: the view has about half a million of them, and
 * this does the same in a fraction of the work. Inside an arena, memory
 * is taken from it directly (text unaligned, as it needs no alignment);
 * outside one it comes from cJSON's allocator, so that cJSON_Delete frees
 * the view as usual. */
static void out_of_memory(size_t n)
{
    fprintf(stderr, "apimd: out of memory (asked for %zu bytes)\n", n);
    exit(2);
}

static void *view_alloc_aligned(size_t n, size_t align)
{
    void *p = json_arena_take(n, align);
    if (!p && !json_arena_active())
        p = cJSON_malloc(n);
    if (!p)
        out_of_memory(n);
    return p;
}

static void *view_alloc(size_t n)
{
    return view_alloc_aligned(n, 1);
}

static cJSON *new_item(int type)
{
    cJSON *item = view_alloc_aligned(sizeof *item, _Alignof(cJSON));
    *item = (cJSON){.type = type};
    return item;
}

/* Appends item under a key that is a string literal (kept, not copied):
 * what cJSON_AddItemToObjectCS does; with no key, what
 * cJSON_AddItemToArray does. The first child's prev is the last
 * child, as cJSON keeps it. */
static void append_item(cJSON *object, const char *key, cJSON *item)
{
    if (key) {
        if (item->string && !(item->type & cJSON_StringIsConst))
            cJSON_free(item->string);
        item->string = (char *)key;
        item->type |= cJSON_StringIsConst;
    }
    cJSON *first = object->child;
    if (!first) {
        object->child = item;
        item->prev = item;
        item->next = NULL;
        return;
    }
    cJSON *last = first->prev;
    last->next = item;
    item->prev = last;
    item->next = NULL;
    first->prev = item;
}

/* A string item holding a copy of the n bytes at text. */
static cJSON *new_string(const char *text, size_t n)
{
    cJSON *item = new_item(cJSON_String);
    item->valuestring = view_alloc(n + 1);
    memcpy(item->valuestring, text, n);
    item->valuestring[n] = '\0';
    return item;
}

/* Keys are string literals: the item keeps the pointer rather than a
 * copy. A literal key also makes objects built by the same code share
 * their key pointers, which the renderer's lookup cache takes advantage
 * of. */
void view_add_string(cJSON *object, const char *key, const char *value)
{
    const char *text = value ? value : "";
    append_item(object, key, new_string(text, strlen(text)));
}

void view_add_bool(cJSON *object, const char *key, int value)
{
    append_item(object, key, new_item(value ? cJSON_True : cJSON_False));
}

/* A string that lives as long as the program: referenced, not copied
 * (cJSON_Delete leaves a reference's text alone). */
void view_add_literal(cJSON *object, const char *key, const char *literal)
{
    cJSON *item = new_item(cJSON_String | cJSON_IsReference);
    item->valuestring = (char *)literal;
    append_item(object, key, item);
}

/* The items of run become the last items of object, shared rather than
 * copied: after them, object takes no more items. The items' prev links
 * stay those of run, which only appending and detaching read. */
void view_add_shared_tail(cJSON *object, const cJSON *run)
{
    cJSON *first = object->child, *tail = run->child;
    if (!tail)
        return;
    if (!first) {
        object->child = tail;
        return;
    }
    first->prev->next = tail;
    first->prev = tail->prev;
}

void view_add_item(cJSON *object, const char *key, cJSON *item)
{
    append_item(object, key, item);
}

void view_add_number_text(cJSON *object, const char *key, size_t number)
{
    char digits[24];
    size_t n = sizeof digits;
    do {
        digits[--n] = (char)('0' + number % 10);
        number /= 10;
    } while (number);
    append_item(object, key, new_string(digits + n, sizeof digits - n));
}

void view_add_buffer(cJSON *object, const char *key, const strbuf *text)
{
    append_item(object, key, new_string(strbuf_cstr(text), text->len));
}

void view_add_joined(cJSON *object, const char *key, const char *a,
                     const char *b, const char *c)
{
    size_t na = strlen(a), nb = strlen(b), nc = strlen(c);
    cJSON *item = new_item(cJSON_String);
    char *text = item->valuestring = view_alloc(na + nb + nc + 1);
    memcpy(text, a, na);
    memcpy(text + na, b, nb);
    memcpy(text + na + nb, c, nc + 1);
    append_item(object, key, item);
}

void view_add_owned_string(cJSON *object, const char *key, char *value)
{
    view_add_string(object, key, value);
    free(value);
}
