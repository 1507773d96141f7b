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

static void add_line(cJSON *lines, const char *text)
{
    cJSON *line = cJSON_CreateObject();
    view_add_string(line, "text", text);
    cJSON_AddItemToArray(lines, line);
}

/* Greedy word wrap; a word longer than the width gets a line of its own. */
static void wrap_into(cJSON *lines, const char *text)
{
    strbuf line = STRBUF_INIT;
    const char *p = text;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *end = p;
        while (*end && *end != ' ')
            end++;
        if (end == p)
            break;
        size_t word = (size_t)(end - p);
        if (line.len && line.len + 1 + word > DOC_WIDTH) {
            add_line(lines, line.data);
            strbuf_reset(&line);
        }
        if (line.len)
            strbuf_putc(&line, ' ');
        strbuf_add(&line, p, word);
        p = end;
    }
    if (line.len)
        add_line(lines, line.data);
    strbuf_free(&line);
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

char *view_source_ref(const cJSON *element)
{
    const cJSON *source = cJSON_GetObjectItemCaseSensitive(element, "source");
    const char *file = view_json_string(source, "file");
    const cJSON *line = cJSON_GetObjectItemCaseSensitive(source, "line");
    if (!file || !cJSON_IsNumber(line))
        return NULL;
    char number[24];
    snprintf(number, sizeof number, ":%d", line->valueint);
    strbuf raw = STRBUF_INIT, safe = STRBUF_INIT;
    strbuf_puts(&raw, file);
    strbuf_puts(&raw, number);
    c_append_comment_text(&safe, raw.data);
    strbuf_free(&raw);
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

int view_json_bool(const cJSON *object, const char *key)
{
    return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* Keys are string literals: cJSON keeps the pointer rather than a copy. */
void view_add_string(cJSON *object, const char *key, const char *value)
{
    cJSON_AddItemToObjectCS(object, key, cJSON_CreateString(value ? value : ""));
}

void view_add_bool(cJSON *object, const char *key, int value)
{
    cJSON_AddItemToObjectCS(object, key, cJSON_CreateBool(value ? 1 : 0));
}

void view_add_owned_string(cJSON *object, const char *key, char *value)
{
    if (!value) {
        view_add_string(object, key, "");
        return;
    }
    if (json_arena_active()) { /* the arena holds a copy, dropped with it */
        view_add_string(object, key, value);
        free(value);
        return;
    }
    /* The string is handed over rather than copied: a reference item
     * that is then told it owns its string (cJSON frees it with free). */
    cJSON *item = cJSON_CreateStringReference(value);
    item->type &= ~cJSON_IsReference;
    cJSON_AddItemToObjectCS(object, key, item);
}
