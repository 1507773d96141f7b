/* JSON text inside a page (example bodies, annotations) parsed into cJSON
 * trees, with the error position given as a page line and column.
 *
 * The parser is this file's own rather than cJSON_Parse: cJSON writes the
 * position of every parse error into a global, which worker threads reading
 * pages at the same time would race on. Writing it here also gives errors
 * that say what was expected, and an explicit stack instead of recursion.
 * The trees are ordinary cJSON trees: later stages use cJSON on them. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "read/page.h"
#include "util/strbuf.h"
#include "util/word_scan.h"
#include "util/xalloc.h"

/* cJSON's own limit: its recursive functions (delete, print, duplicate)
 * stay safe on any tree this parser builds. */
enum {
    MAX_DEPTH = 1000,
    /* Frames held in the parser itself: nearly every value of a page
     * nests less, and then the parse makes no allocation for its stack. */
    INLINE_FRAMES = 16,
};

typedef struct json_frame {
    cJSON *node;
    int is_array;
    /* an object's key waiting for its value, made by cJSON's allocator:
     * the value's node takes it over */
    char *key;
} json_frame;

typedef struct json_parser {
    const char *s;
    size_t n, i;
    json_frame *stack; /* inline_stack, or a larger allocated copy */
    size_t depth, cap;
    json_frame inline_stack[INLINE_FRAMES];
    cJSON *root;
    strbuf text; /* decoded string with escapes, reused */
    const char *error;
} json_parser;

static void skip_ws(json_parser *jp)
{
    while (jp->i < jp->n) {
        char c = jp->s[jp->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        jp->i++;
    }
}

static int fail(json_parser *jp, const char *why)
{
    jp->error = why;
    return 0;
}

static int at_end(const json_parser *jp) { return jp->i >= jp->n; }

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Four hex digits at i, or -1. */
static long hex4(const json_parser *jp, size_t i)
{
    if (jp->n - i < 4 || i > jp->n)
        return -1;
    long v = 0;
    for (size_t k = 0; k < 4; k++) {
        int h = hex_value(jp->s[i + k]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

static void put_utf8(strbuf *b, unsigned long cp)
{
    char out[4];
    size_t n;
    if (cp < 0x80) {
        out[0] = (char)cp, n = 1;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6)), out[1] = (char)(0x80 | (cp & 0x3F)), n = 2;
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)), out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)), n = 3;
    } else {
        out[0] = (char)(0xF0 | (cp >> 18)), out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)), out[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    strbuf_add(b, out, n);
}

/* \uXXXX, with a surrogate pair as one code point; jp->i is on the 'u'. */
static int read_unicode_escape(json_parser *jp)
{
    long cp = hex4(jp, jp->i + 1);
    if (cp < 0)
        return fail(jp, "\\u must be followed by four hex digits");
    jp->i += 5;
    if (cp >= 0xD800 && cp <= 0xDBFF && jp->n - jp->i >= 6 && jp->s[jp->i] == '\\' &&
        jp->s[jp->i + 1] == 'u') {
        long low = hex4(jp, jp->i + 2);
        if (low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            jp->i += 6;
        }
    }
    put_utf8(&jp->text, (unsigned long)cp);
    return 1;
}

static int read_escape(json_parser *jp)
{
    jp->i++; /* the backslash */
    if (at_end(jp))
        return fail(jp, "string ends inside an escape");
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    char c = jp->s[jp->i];
    if (c == 'u')
        return read_unicode_escape(jp);
    const char *k = strchr(from, c);
    if (!k || !c)
        return fail(jp, "invalid escape in string");
    strbuf_putc(&jp->text, to[k - from]);
    jp->i++;
    return 1;
}

/* Bytes that end a run of a string copied as it is. */
static int ends_plain_run(char c)
{
    return c == '"' || c == '\\' || (unsigned char)c < 0x20;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The first match is the lowest flag (util/word_scan.h): in a
 * little-endian word, the lowest set bit. */
#define FIRST_FLAGGED_BYTE(mask) ((size_t)__builtin_ctzll(mask) / 8)
#endif

/* Eight bytes at a time while none of them ends the run. */
static void skip_plain_run(json_parser *jp)
{
    while (jp->n - jp->i >= 8) {
        uint64_t word;
        memcpy(&word, jp->s + jp->i, 8);
        uint64_t ends =
            word_has_byte(word, '"') | word_has_byte(word, '\\') |
            word_has_byte_below(word, 0x20);
        if (ends) {
#ifdef FIRST_FLAGGED_BYTE
            jp->i += FIRST_FLAGGED_BYTE(ends);
            return;
#else
            break;
#endif
        }
        jp->i += 8;
    }
    while (jp->i < jp->n && !ends_plain_run(jp->s[jp->i]))
        jp->i++;
}

/* A copy the cJSON tree can own: made by cJSON's allocator, which is the
 * one cJSON_Delete frees with. */
static char *cjson_strndup(const char *s, size_t n)
{
    char *copy = cJSON_malloc(n + 1);
    if (!copy)
        abort();
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

/* The rest of a string that has escapes, into jp->text; the plain run
 * from start to jp->i is already read. */
static int decode_string(json_parser *jp, size_t start)
{
    strbuf_reset(&jp->text);
    strbuf_add(&jp->text, "", 0);
    for (;;) {
        strbuf_add(&jp->text, jp->s + start, jp->i - start);
        if (at_end(jp))
            return fail(jp, "string never closed");
        char c = jp->s[jp->i];
        if (c == '"') {
            jp->i++;
            return 1;
        }
        if (c != '\\')
            return fail(jp, "line break or control character inside a string");
        if (!read_escape(jp))
            return 0;
        start = jp->i;
        skip_plain_run(jp);
    }
}

/* A string as a new C string for the tree, or NULL on error; jp->i is on
 * the opening quote. Most strings have no escape: their bytes are copied
 * once, straight from the text. */
static char *read_string(json_parser *jp)
{
    size_t start = ++jp->i;
    skip_plain_run(jp);
    if (jp->i < jp->n && jp->s[jp->i] == '"') {
        jp->i++;
        return cjson_strndup(jp->s + start, jp->i - 1 - start);
    }
    if (!decode_string(jp, start))
        return NULL;
    /* A \u0000 ends the string, as cJSON's own copy of it would. */
    return cjson_strndup(jp->text.data, strlen(jp->text.data));
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

static size_t digits_from(const json_parser *jp, size_t i)
{
    size_t k = i;
    while (k < jp->n && is_digit(jp->s[k]))
        k++;
    return k - i;
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static cJSON *read_number(json_parser *jp)
{
    size_t start = jp->i, i = jp->i;
    if (jp->s[i] == '-')
        i++;
    size_t d = digits_from(jp, i);
    if (d == 0 || (d > 1 && jp->s[i] == '0')) {
        fail(jp, "invalid number");
        return NULL;
    }
    i += d;
    if (i < jp->n && jp->s[i] == '.') {
        d = digits_from(jp, i + 1);
        if (d == 0) {
            jp->i = i + 1;
            fail(jp, "digits expected after the decimal point");
            return NULL;
        }
        i += 1 + d;
    }
    if (i < jp->n && (jp->s[i] == 'e' || jp->s[i] == 'E')) {
        size_t e = i + 1;
        if (e < jp->n && (jp->s[e] == '+' || jp->s[e] == '-'))
            e++;
        d = digits_from(jp, e);
        if (d == 0) {
            jp->i = e;
            fail(jp, "digits expected in the exponent");
            return NULL;
        }
        i = e + d;
    }
    char small[64];
    char *copy = i - start < sizeof small ? small : xmalloc(i - start + 1);
    memcpy(copy, jp->s + start, i - start);
    copy[i - start] = '\0';
    double value = strtod(copy, NULL);
    if (copy != small)
        free(copy);
    jp->i = i;
    return cJSON_CreateNumber(value);
}

static int word_at(const json_parser *jp, const char *word)
{
    size_t n = strlen(word);
    return jp->n - jp->i >= n && memcmp(jp->s + jp->i, word, n) == 0;
}

static cJSON *read_literal(json_parser *jp)
{
    if (word_at(jp, "true")) {
        jp->i += 4;
        return cJSON_CreateTrue();
    }
    if (word_at(jp, "false")) {
        jp->i += 5;
        return cJSON_CreateFalse();
    }
    if (word_at(jp, "null")) {
        jp->i += 4;
        return cJSON_CreateNull();
    }
    fail(jp, "a value was expected (string, number, object, array, true, false or null)");
    return NULL;
}

/* Hangs a new node where the parse is: root, array item or object member. */
static void attach(json_parser *jp, cJSON *node)
{
    if (jp->depth == 0) {
        jp->root = node;
        return;
    }
    json_frame *top = &jp->stack[jp->depth - 1];
    if (!top->is_array) {
        /* What cJSON_AddItemToObject does, without copying the key again */
        node->string = top->key;
        top->key = NULL;
    }
    cJSON_AddItemToArray(top->node, node);
}

static void grow_stack(json_parser *jp)
{
    size_t cap = jp->cap * 2;
    json_frame *bigger = xmalloc(cap * sizeof *bigger);
    memcpy(bigger, jp->stack, jp->depth * sizeof *bigger);
    if (jp->stack != jp->inline_stack)
        free(jp->stack);
    jp->stack = bigger;
    jp->cap = cap;
}

static int push(json_parser *jp, cJSON *node)
{
    if (jp->depth == MAX_DEPTH)
        return fail(jp, "nested more than 1000 levels deep");
    if (jp->depth == jp->cap)
        grow_stack(jp);
    jp->stack[jp->depth++] = (json_frame){node, cJSON_IsArray(node), NULL};
    return 1;
}

/* What cJSON_CreateString makes, taking the string over instead of
 * copying it. */
static cJSON *string_node(char *text)
{
    cJSON *node = cJSON_CreateNull();
    if (!node)
        abort();
    node->type = cJSON_String;
    node->valuestring = text;
    return node;
}

static cJSON *read_scalar(json_parser *jp)
{
    char c = jp->s[jp->i];
    if (c == '"') {
        char *text = read_string(jp);
        return text ? string_node(text) : NULL;
    }
    if (c == '-' || is_digit(c))
        return read_number(jp);
    return read_literal(jp);
}

/* A value. Returns 2 when it opened a container (left on the stack), 1
 * for a scalar, 0 on error. */
static int read_value(json_parser *jp)
{
    skip_ws(jp);
    if (at_end(jp))
        return fail(jp, "the text ends where a value was expected");
    char c = jp->s[jp->i];
    if (c == '{' || c == '[') {
        cJSON *node = c == '{' ? cJSON_CreateObject() : cJSON_CreateArray();
        attach(jp, node);
        if (!push(jp, node))
            return 0; /* the error points at the bracket one too deep */
        jp->i++;
        return 2;
    }
    cJSON *node = read_scalar(jp);
    if (!node)
        return 0;
    attach(jp, node);
    return 1;
}

static int read_key(json_parser *jp)
{
    skip_ws(jp);
    if (at_end(jp) || jp->s[jp->i] != '"')
        return fail(jp, "a member name in double quotes was expected");
    char *key = read_string(jp);
    if (!key)
        return 0;
    jp->stack[jp->depth - 1].key = key;
    skip_ws(jp);
    if (at_end(jp) || jp->s[jp->i] != ':')
        return fail(jp, "':' was expected after the member name");
    jp->i++;
    return 1;
}

static int top_is_array(const json_parser *jp)
{
    return jp->stack[jp->depth - 1].is_array;
}

static void close_container(json_parser *jp)
{
    json_frame *top = &jp->stack[--jp->depth];
    cJSON_free(top->key);
    top->key = NULL;
    jp->i++;
}

typedef enum parse_state {
    EXPECT_VALUE,
    EXPECT_KEY,
    JUST_OPENED,  /* after '{' or '[': may close at once */
    AFTER_VALUE,  /* ',' or the container's end */
} parse_state;

static parse_state after_open(json_parser *jp)
{
    skip_ws(jp);
    char close = top_is_array(jp) ? ']' : '}';
    if (!at_end(jp) && jp->s[jp->i] == close) {
        close_container(jp);
        return AFTER_VALUE;
    }
    return top_is_array(jp) ? EXPECT_VALUE : EXPECT_KEY;
}

/* Returns the next state, or -1 on error. */
static int after_value(json_parser *jp)
{
    skip_ws(jp);
    int is_array = top_is_array(jp);
    if (at_end(jp)) {
        fail(jp, is_array ? "the text ends inside an array" : "the text ends inside an object");
        return -1;
    }
    char c = jp->s[jp->i];
    if (c == (is_array ? ']' : '}')) {
        close_container(jp);
        return AFTER_VALUE;
    }
    if (c != ',') {
        fail(jp, is_array ? "',' or ']' was expected" : "',' or '}' was expected");
        return -1;
    }
    jp->i++;
    return is_array ? EXPECT_VALUE : EXPECT_KEY;
}

/* An explicit stack and a state instead of recursion: deep nesting in a
 * page cannot exhaust the thread's stack. */
static int parse(json_parser *jp)
{
    int state = EXPECT_VALUE;
    for (;;) {
        switch (state) {
        case EXPECT_VALUE: {
            int r = read_value(jp);
            if (r == 0)
                return 0;
            state = r == 2 ? JUST_OPENED : AFTER_VALUE;
            break;
        }
        case EXPECT_KEY:
            if (!read_key(jp))
                return 0;
            state = EXPECT_VALUE;
            break;
        case JUST_OPENED:
            state = after_open(jp);
            break;
        default:
            if (jp->depth == 0)
                return 1;
            state = after_value(jp);
            if (state < 0)
                return 0;
            break;
        }
    }
}

static void locate(const char *text, size_t offset, int first_line, int *line, int *col)
{
    int l = first_line;
    size_t line_start = 0;
    for (const char *nl = text; (nl = memchr(nl, '\n', (size_t)(text + offset - nl))) != NULL;
         nl++) {
        l++;
        line_start = (size_t)(nl - text) + 1;
    }
    *line = l;
    *col = (int)(offset - line_start) + 1;
}

static void release(json_parser *jp)
{
    for (size_t i = 0; i < jp->depth; i++)
        cJSON_free(jp->stack[i].key);
    if (jp->stack != jp->inline_stack)
        free(jp->stack);
    strbuf_free(&jp->text);
}

cJSON *json_parse_located(const char *text, size_t len, int first_line, int *err_line,
                          int *err_col, const char **err_msg)
{
    json_parser jp = {.s = text, .n = len, .text = STRBUF_INIT};
    jp.stack = jp.inline_stack;
    jp.cap = INLINE_FRAMES;
    int ok = parse(&jp);
    if (ok) {
        skip_ws(&jp);
        if (!at_end(&jp))
            ok = fail(&jp, "text after the end of the JSON value");
    }
    release(&jp);
    if (ok)
        return jp.root;
    cJSON_Delete(jp.root);
    if (jp.i > len)
        jp.i = len;
    locate(text, jp.i, first_line, err_line, err_col);
    *err_msg = jp.error;
    return NULL;
}
