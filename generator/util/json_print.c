#include "util/json_print.h"

#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* The writers below fill out->data directly after reserving room: the
 * schema model is some ten megabytes of short strings, and a call per
 * piece would cost more than the copying. */

static char *room(strbuf *out, size_t n)
{
    strbuf_reserve(out, n);
    return out->data + out->len;
}

static void put(strbuf *out, const char *s, size_t n)
{
    memcpy(room(out, n), s, n);
    out->len += n;
    out->data[out->len] = '\0';
}

/* ---- strings ---- */

static const char hex[] = "0123456789abcdef";

/* Whether any of the 8 bytes of x needs an escape: below 0x20, '"' or
 * '\\' (exact: no false answers either way). */
static int any_escape(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t control = (x - ones * 0x20) & ~x & highs;
    uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    quote = (quote - ones) & ~quote & highs;
    backslash = (backslash - ones) & ~backslash & highs;
    return (control | quote | backslash) != 0;
}

static void print_string(const char *s, strbuf *out)
{
    if (!s) {
        put(out, "\"\"", 2);
        return;
    }
    size_t n = strlen(s);
    /* at most six bytes per input byte (\u001f), plus the quotes */
    char *w = room(out, 6 * n + 2), *start = w;
    *w++ = '"';
    size_t i = 0;
    while (i < n) {
        /* runs of eight bytes that need nothing are copied as they are */
        if (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (!any_escape(x)) {
                memcpy(w, &x, 8);
                w += 8;
                i += 8;
                continue;
            }
        }
        unsigned char c = (unsigned char)s[i++];
        if (c > 31 && c != '"' && c != '\\') {
            *w++ = (char)c;
            continue;
        }
        *w++ = '\\';
        switch (c) {
        case '\\': *w++ = '\\'; break;
        case '"': *w++ = '"'; break;
        case '\b': *w++ = 'b'; break;
        case '\f': *w++ = 'f'; break;
        case '\n': *w++ = 'n'; break;
        case '\r': *w++ = 'r'; break;
        case '\t': *w++ = 't'; break;
        default:
            *w++ = 'u';
            *w++ = '0';
            *w++ = '0';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
            break;
        }
    }
    *w++ = '"';
    out->len += (size_t)(w - start);
    out->data[out->len] = '\0';
}

/* ---- numbers ---- */

static int same_double(double a, double b)
{
    double max = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= max * 2.220446049250313e-16; /* DBL_EPSILON */
}

static void print_number(double d, strbuf *out)
{
    if (isnan(d) || isinf(d)) {
        put(out, "null", 4);
        return;
    }
    /* Whole numbers below 10^15 print as their digits with "%1.15g"; -0
     * keeps its sign. The digits are made here rather than by sprintf. */
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d && !(d == 0 && signbit(d))) {
        char digits[24];
        size_t n = sizeof digits;
        long long v = (long long)d;
        unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        do {
            digits[--n] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (v < 0)
            digits[--n] = '-';
        put(out, digits + n, sizeof digits - n);
        return;
    }
    char text[32];
    int length = snprintf(text, sizeof text, "%1.15g", d);
    double test = 0;
    if (sscanf(text, "%lg", &test) != 1 || !same_double(test, d))
        length = snprintf(text, sizeof text, "%1.17g", d);
    if (length < 0 || (size_t)length >= sizeof text)
        return;
    /* cJSON writes '.' whatever the locale's decimal point */
    char point = localeconv()->decimal_point[0];
    for (int i = 0; i < length; i++)
        if (text[i] == point)
            text[i] = '.';
    put(out, text, (size_t)length);
}

/* ---- values ---- */

static void tabs(strbuf *out, size_t n)
{
    memset(room(out, n), '\t', n);
    out->len += n;
    out->data[out->len] = '\0';
}

/* Where a stream's text goes; NULL for json_print (all stays in out). */
typedef struct sink {
    size_t chunk;
    int (*flush)(void *ctx, const char *data, size_t len);
    void *ctx;
} sink;

/* Hands out's text to the sink once enough has gathered. */
static int drain(strbuf *out, const sink *to)
{
    if (!to || out->len < to->chunk)
        return 0;
    int rc = to->flush(to->ctx, out->data, out->len);
    strbuf_reset(out);
    return rc ? -1 : 0;
}

static int print_value(const cJSON *item, size_t depth, strbuf *out, const sink *to);

static int print_array(const cJSON *item, size_t depth, strbuf *out, const sink *to)
{
    put(out, "[", 1);
    for (const cJSON *e = item->child; e; e = e->next) {
        if (print_value(e, depth + 1, out, to) != 0)
            return -1;
        if (e->next)
            put(out, ", ", 2);
        if (drain(out, to) != 0)
            return -1;
    }
    put(out, "]", 1);
    return 0;
}

static int print_object(const cJSON *item, size_t depth, strbuf *out, const sink *to)
{
    put(out, "{\n", 2);
    for (const cJSON *e = item->child; e; e = e->next) {
        tabs(out, depth + 1);
        print_string(e->string, out);
        put(out, ":\t", 2);
        if (print_value(e, depth + 1, out, to) != 0)
            return -1;
        put(out, e->next ? ",\n" : "\n", e->next ? 2 : 1);
        if (drain(out, to) != 0)
            return -1;
    }
    tabs(out, depth);
    put(out, "}", 1);
    return 0;
}

/* depth: how many objects and arrays enclose item. */
static int print_value(const cJSON *item, size_t depth, strbuf *out, const sink *to)
{
    switch (item->type & 0xFF) {
    case cJSON_NULL: put(out, "null", 4); return 0;
    case cJSON_False: put(out, "false", 5); return 0;
    case cJSON_True: put(out, "true", 4); return 0;
    case cJSON_Number: print_number(item->valuedouble, out); return 0;
    case cJSON_Raw:
        if (!item->valuestring)
            return -1;
        put(out, item->valuestring, strlen(item->valuestring));
        return 0;
    case cJSON_String: print_string(item->valuestring, out); return 0;
    case cJSON_Array: return print_array(item, depth, out, to);
    case cJSON_Object: return print_object(item, depth, out, to);
    default: return -1;
    }
}

int json_print(const cJSON *item, strbuf *out)
{
    strbuf_reserve(out, 0);
    out->data[out->len] = '\0';
    return item ? print_value(item, 0, out, NULL) : -1;
}

int json_print_nested(const cJSON *item, size_t depth, strbuf *out)
{
    strbuf_reserve(out, 0);
    out->data[out->len] = '\0';
    return item ? print_value(item, depth, out, NULL) : -1;
}

int json_print_stream(const cJSON *item, strbuf *buf, size_t chunk,
                      int (*flush)(void *ctx, const char *data, size_t len), void *ctx)
{
    sink to = {chunk, flush, ctx};
    strbuf_reset(buf);
    strbuf_reserve(buf, 0);
    buf->data[buf->len] = '\0';
    int rc = item ? print_value(item, 0, buf, &to) : -1;
    if (rc == 0 && buf->len && flush(ctx, buf->data, buf->len) != 0)
        rc = -1;
    strbuf_reset(buf);
    return rc;
}

void json_print_string(const char *s, strbuf *out)
{
    strbuf_reserve(out, 0);
    print_string(s, out);
}

void json_print_number(double d, strbuf *out)
{
    strbuf_reserve(out, 0);
    print_number(d, out);
}
