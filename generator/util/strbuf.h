/* Growable byte buffer: the one string builder every stage shares. */
#ifndef APIMD_STRBUF_H
#define APIMD_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct strbuf {
    char *data; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
} strbuf;

#define STRBUF_INIT {NULL, 0, 0}

void strbuf_add(strbuf *b, const char *s, size_t n);
void strbuf_puts(strbuf *b, const char *s);
void strbuf_putc(strbuf *b, char c);
void strbuf_printf(strbuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vprintf(strbuf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void strbuf_reset(strbuf *b);
/* Makes room for n more bytes (and the final NUL) without adding any:
 * for writers that fill data + len themselves, then raise len. */
void strbuf_reserve(strbuf *b, size_t n);
/* Hands the bytes to the caller (never NULL: "" for an empty buffer). */
char *strbuf_detach(strbuf *b);
void strbuf_free(strbuf *b);
/* The content as a C string ("" when empty). */
const char *strbuf_cstr(const strbuf *b);

#endif
