#include "util/json_print.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "util/word_scan.h"

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The writers below fill out->data directly after reserving room: the
 * schema model is some ten megabytes of short strings, and a call per
 * piece would cost more than the copying. */

static char *room(strbuf *out, size_t n)
{
    if (out->cap - out->len <= n) /* n bytes and the final NUL */
        strbuf_reserve(out, n);
    return out->data + out->len;
}

/* Copies n bytes with a few fixed-size moves rather than a call: for the
 * short keys of a document. The moves overlap; none reads outside s. */
static void copy_short(char *d, const char *s, size_t n)
{
    if (n >= 8 && n <= 16) {
        memcpy(d, s, 8);
        memcpy(d + n - 8, s + n - 8, 8);
    } else if (n >= 4 && n < 8) {
        memcpy(d, s, 4);
        memcpy(d + n - 4, s + n - 4, 4);
    } else if (n < 4) {
        for (size_t i = 0; i < n; i++)
            d[i] = s[i];
    } else {
        memcpy(d, s, n);
    }
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
    return (word_has_byte_below(x, 0x20) | word_has_byte(x, '"') | word_has_byte(x, '\\')) != 0;
}

#ifdef __SSE2__
/* Whether any of the 16 bytes at s needs an escape, as any_escape. */
static int any_escape16(const char *s)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i below_space = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(0x1f)),
                                         _mm_set1_epi8(0x1f));
    __m128i quote = _mm_cmpeq_epi8(x, _mm_set1_epi8('"'));
    __m128i backslash = _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'));
    return _mm_movemask_epi8(_mm_or_si128(below_space, _mm_or_si128(quote, backslash))) != 0;
}
#endif

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
#ifdef __SSE2__
        /* runs of sixteen bytes that need nothing, then of eight, are
         * copied as they are */
        if (i + 16 <= n && !any_escape16(s + i)) {
            memcpy(w, s + i, 16);
            w += 16;
            i += 16;
            continue;
        }
#endif
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

/* ---- the writer ---- */

void json_writer_init(json_writer *w, strbuf *out)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    strbuf_reserve(out, 0);
    out->data[out->len] = '\0';
}

void json_write_lead_n(json_writer *w, const char *key, size_t nkey)
{
    if (w->depth == 0)
        return;
    size_t n = w->open[w->depth - 1].count++;
    if (w->open[w->depth - 1].array) {
        if (n)
            put(w->out, ", ", 2);
        return;
    }
    /* The object's "{" is written alone: its first member starts the
     * line after it, the others follow a ",". All of lead is copied (a
     * fixed size is cheaper); what is past nlead is written over. */
    static const char lead[] = ",\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    size_t nlead = (n ? 2 : 1) + w->depth;
    char *p = room(w->out, sizeof lead - 1 + nkey + 4);
    memcpy(p, n ? lead : lead + 1, sizeof lead - 1);
    p += nlead;
    *p++ = '"';
    copy_short(p, key, nkey);
    p += nkey;
    memcpy(p, "\":\t", 3);
    w->out->len += nlead + nkey + 4;
    w->out->data[w->out->len] = '\0';
}

static void write_begin(json_writer *w, const char *key, size_t nkey, int array)
{
    if (w->depth == JSON_WRITER_MAX_DEPTH)
        abort(); /* documents nest a few levels: a bug, not input */
    json_write_lead_n(w, key, nkey);
    put(w->out, array ? "[" : "{", 1);
    w->open[w->depth].array = array;
    w->open[w->depth].count = 0;
    w->depth++;
}

void json_write_begin_object_n(json_writer *w, const char *key, size_t nkey)
{
    write_begin(w, key, nkey, 0);
}

void json_write_begin_array_n(json_writer *w, const char *key, size_t nkey)
{
    write_begin(w, key, nkey, 1);
}

void json_write_end(json_writer *w)
{
    w->depth--;
    if (w->open[w->depth].array) {
        put(w->out, "]", 1);
        return;
    }
    static const char tail[] = "\n\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t}";
    char *p = room(w->out, w->depth + 2);
    memcpy(p, tail, 1 + w->depth);
    p[1 + w->depth] = '}';
    w->out->len += w->depth + 2;
    w->out->data[w->out->len] = '\0';
}

void json_write_string_n(json_writer *w, const char *key, size_t nkey, const char *s)
{
    json_write_lead_n(w, key, nkey);
    print_string(s, w->out);
}

void json_write_number_n(json_writer *w, const char *key, size_t nkey, double d)
{
    json_write_lead_n(w, key, nkey);
    print_number(d, w->out);
}

void json_write_bool_n(json_writer *w, const char *key, size_t nkey, int b)
{
    json_write_lead_n(w, key, nkey);
    put(w->out, b ? "true" : "false", b ? 4 : 5);
}

void json_write_null_n(json_writer *w, const char *key, size_t nkey)
{
    json_write_lead_n(w, key, nkey);
    put(w->out, "null", 4);
}
