/* The bytes of a page as text: NUL bytes refused, BOM stripped, line endings
 * made '\n', invalid UTF-8 reported, and an index of line starts so that any
 * page line can be looked at again (table rows, closing fences). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/reader.h"
#include "util/xalloc.h"

/* A page with more invalid sequences than this gets one summary problem
 * for the rest: a binary file mistaken for a page must not flood lint. */
enum { MAX_ENCODING_PROBLEMS = 10 };

static int has_nul(const char *bytes, size_t len, size_t *where)
{
    const char *nul = memchr(bytes, '\0', len);
    if (!nul)
        return 0;
    *where = (size_t)(nul - bytes);
    return 1;
}

static int count_lines_before(const char *bytes, size_t offset)
{
    int line = 1;
    for (const char *s = bytes, *end = bytes + offset;
         (s = memchr(s, '\n', (size_t)(end - s))) != NULL; s++)
        line++;
    return line;
}

/* CRLF and lone CR become LF. Only copies when there is a CR at all. */
static const char *normalize_line_endings(const char *bytes, size_t len,
                                          size_t *out_len, char **owned)
{
    *owned = NULL;
    *out_len = len;
    const char *cr = memchr(bytes, '\r', len);
    if (!cr)
        return bytes;
    char *out = xmalloc(len + 1);
    size_t n = (size_t)(cr - bytes);
    memcpy(out, bytes, n);
    for (size_t i = n; i < len; i++) {
        if (bytes[i] != '\r') {
            out[n++] = bytes[i];
            continue;
        }
        out[n++] = '\n';
        if (i + 1 < len && bytes[i + 1] == '\n')
            i++;
    }
    out[n] = '\0';
    *out_len = n;
    *owned = out;
    return out;
}

static void index_lines(reader *r)
{
    /* Room for lines of 32 bytes on average (pages average more), so that
     * the index rarely grows. */
    size_t cap = r->len / 32 + 64;
    r->line_starts = xmalloc(cap * sizeof *r->line_starts);
    r->nlines = 0;
    size_t start = 0;
    for (;;) {
        if (r->nlines == cap) {
            cap *= 2;
            r->line_starts = xrealloc(r->line_starts, cap * sizeof *r->line_starts);
        }
        r->line_starts[r->nlines++] = start;
        const char *nl = memchr(r->text + start, '\n', r->len - start);
        if (!nl)
            break;
        start = (size_t)(nl - r->text) + 1;
        if (start == r->len)
            break; /* a final '\n' does not start another line */
    }
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is invalid
 * (overlong forms, surrogates and code points past U+10FFFF included). */
static size_t utf8_sequence_length(const unsigned char *s, size_t avail)
{
    unsigned char c = s[0];
    size_t n;
    unsigned min;
    unsigned cp;
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, cp = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static void report_invalid_utf8(reader *r, size_t offset, size_t n)
{
    r->encoding_problems++;
    if (r->encoding_problems > MAX_ENCODING_PROBLEMS)
        return;
    int line = source_line_of_offset(r, offset);
    int col = (int)(offset - r->line_starts[line - 1]) + 1;
    reader_problem(r, "encoding", line, col, "invalid UTF-8: %zu byte%s starting with 0x%02X",
                   n, n == 1 ? "" : "s", (unsigned)(unsigned char)r->text[offset]);
}

/* Whether the 32 bytes at s are all ASCII. */
static int ascii_32(const unsigned char *s)
{
    uint64_t w[4];
    memcpy(w, s, sizeof w);
    return ((w[0] | w[1] | w[2] | w[3]) & UINT64_C(0x8080808080808080)) == 0;
}

/* One problem per run of bytes that are not UTF-8. ASCII, most of every
 * page, is skipped 32 bytes at a time, then eight. */
static void check_utf8(reader *r)
{
    const unsigned char *s = (const unsigned char *)r->text;
    size_t i = 0;
    while (i < r->len) {
        if (r->len - i >= 32 && ascii_32(s + i)) {
            i += 32;
            continue;
        }
        if (r->len - i >= 8) {
            uint64_t word;
            memcpy(&word, s + i, 8);
            if ((word & UINT64_C(0x8080808080808080)) == 0) {
                i += 8;
                continue;
            }
        }
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = utf8_sequence_length(s + i, r->len - i);
        if (n) {
            i += n;
            continue;
        }
        size_t start = i++;
        while (i < r->len && s[i] >= 0x80 && utf8_sequence_length(s + i, r->len - i) == 0)
            i++;
        report_invalid_utf8(r, start, i - start);
    }
    if (r->encoding_problems > MAX_ENCODING_PROBLEMS)
        reader_problem(r, "encoding", 1, 1, "%d more runs of invalid UTF-8 not listed",
                       r->encoding_problems - MAX_ENCODING_PROBLEMS);
}

int source_prepare(reader *r, const char *bytes, size_t len, char **error,
                   int *error_line)
{
    size_t nul;
    if (has_nul(bytes, len, &nul)) {
        int line = count_lines_before(bytes, nul);
        if (error) {
            char msg[96];
            snprintf(msg, sizeof msg, "not a text file: NUL byte at line %d", line);
            *error = xstrdup(msg);
        }
        if (error_line)
            *error_line = line;
        return -1;
    }
    if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
        bytes += 3;
        len -= 3;
    }
    char *owned;
    r->text = normalize_line_endings(bytes, len, &r->len, &owned);
    /* The normalized copy is only needed while reading; keep ownership in
     * a field that source_release() frees. */
    r->owned_text = owned;
    index_lines(r);
    check_utf8(r);
    return 0;
}

void source_release(reader *r)
{
    free(r->owned_text);
    free(r->guarded_text);
    free(r->line_starts);
    r->owned_text = NULL;
    r->guarded_text = NULL;
    r->line_starts = NULL;
}

const char *source_line(const reader *r, int line, size_t *len)
{
    if (line < 1 || (size_t)line > r->nlines)
        return NULL;
    size_t start = r->line_starts[line - 1];
    size_t end = (size_t)line < r->nlines ? r->line_starts[line] - 1 : r->len;
    if (end > start && r->text[end - 1] == '\n')
        end--; /* the last line may end with '\n' */
    *len = end - start;
    return r->text + start;
}

/* Binary search in the line index. */
int source_line_of_offset(const reader *r, size_t offset)
{
    size_t lo = 0, hi = r->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return (int)lo + 1;
}
