#include "c_names.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(int c) { return c >= 'a' && c <= 'z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alnum(int c) { return is_upper(c) || is_lower(c) || is_digit(c); }
static char to_lower(int c) { return (char)(is_upper(c) ? c - 'A' + 'a' : c); }
static char to_upper(int c) { return (char)(is_lower(c) ? c - 'a' + 'A' : c); }

/* An upper-case letter starts a new word after a lower-case letter or a
 * digit ("callState", "x509Cert"), and, inside a run of capitals, where
 * the run gives way to a lower-case word ("HTTPRequest"). */
static int starts_word(const char *s, size_t i)
{
    if (i == 0 || !is_upper((unsigned char)s[i]))
        return 0;
    int prev = (unsigned char)s[i - 1];
    int next = (unsigned char)s[i + 1];
    return is_lower(prev) || is_digit(prev) || (is_upper(prev) && is_lower(next));
}

char *c_snake_case(const char *name)
{
    /* each byte gives at most a separator and a letter */
    char *out = xmalloc(2 * strlen(name) + 1);
    size_t len = 0;
    for (size_t i = 0; name[i]; i++) {
        int c = (unsigned char)name[i];
        int want_separator = !is_alnum(c) || starts_word(name, i);
        if (want_separator && len && out[len - 1] != '_')
            out[len++] = '_';
        if (is_alnum(c))
            out[len++] = to_lower(c);
    }
    while (len && out[len - 1] == '_')
        len--;
    out[len] = '\0';
    return out;
}

char *c_upper_case(const char *text)
{
    char *out = xstrdup(text);
    for (char *p = out; *p; p++)
        *p = to_upper((unsigned char)*p);
    return out;
}

static const char *const reserved_words[] = {
    /* C11 keywords */
    "auto", "break", "case", "char", "const", "continue", "default", "do",
    "double", "else", "enum", "extern", "float", "for", "goto", "if",
    "inline", "int", "long", "register", "restrict", "return", "short",
    "signed", "sizeof", "static", "struct", "switch", "typedef", "union",
    "unsigned", "void", "volatile", "while",
    /* C23 keywords, and their C11 spellings as macros of the std headers */
    "bool", "true", "false", "nullptr", "typeof", "typeof_unqual",
    "constexpr", "alignas", "alignof", "static_assert", "thread_local",
    "noreturn", "complex", "imaginary",
    /* lower-case object-like macros of the standard library */
    "errno", "stdin", "stdout", "stderr", "assert", "offsetof", "setjmp",
    "va_arg", "va_start", "va_end", "va_copy",
    /* <iso646.h> */
    "and", "and_eq", "bitand", "bitor", "compl", "not", "not_eq", "or",
    "or_eq", "xor", "xor_eq",
    /* predefined by compilers outside strict ISO modes */
    "linux", "unix", "i386",
};

int c_is_reserved_word(const char *identifier)
{
    size_t n = sizeof reserved_words / sizeof reserved_words[0];
    for (size_t i = 0; i < n; i++)
        if (reserved_words[i][0] == identifier[0] && strcmp(reserved_words[i], identifier) == 0)
            return 1;
    return 0;
}

char *c_member_name(const char *name)
{
    char *snake = c_snake_case(name);
    if (!*snake) {
        free(snake);
        return xstrdup("value");
    }
    /* room for a leading 'v' and a trailing '_' */
    size_t len = strlen(snake);
    char *out = xmalloc(len + 3), *at = out;
    if (is_digit((unsigned char)snake[0]))
        *at++ = 'v';
    memcpy(at, snake, len + 1);
    if (c_is_reserved_word(out))
        strcat(at, "_");
    free(snake);
    return out;
}

/* The affixed spellings of one stem: prefix + stem + suffix for each
 * affix, one after the other (each ends in a NUL), with their hashes, so
 * that checking and then registering them hashes each once. */
typedef struct spellings {
    strbuf text;
    size_t *at;      /* where each starts in text */
    uint64_t *hash;
    size_t n;
} spellings;

static void spell(spellings *s, const char *stem, const c_affix *affixes)
{
    size_t stem_len = strlen(stem), total = 0;
    for (size_t i = 0; i < s->n; i++)
        total += strlen(affixes[i].prefix) + stem_len + strlen(affixes[i].suffix) + 1;
    strbuf_reset(&s->text);
    strbuf_reserve(&s->text, total); /* once: the spellings are many */
    for (size_t i = 0; i < s->n; i++) {
        size_t pre = strlen(affixes[i].prefix), suf = strlen(affixes[i].suffix);
        char *to = s->text.data + s->text.len;
        memcpy(to, affixes[i].prefix, pre);
        memcpy(to + pre, stem, stem_len);
        memcpy(to + pre + stem_len, affixes[i].suffix, suf + 1);
        s->at[i] = s->text.len;
        s->text.len += pre + stem_len + suf + 1;
    }
    for (size_t i = 0; i < s->n; i++)
        s->hash[i] = name_index_hash(s->text.data + s->at[i]);
}

static int all_free(const name_index *taken, const spellings *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (name_index_contains_hashed(taken, s->text.data + s->at[i], s->hash[i]))
            return 0;
    return 1;
}

char *c_claim_name(name_index *taken, const char *stem, const c_affix *affixes,
                   size_t naffixes)
{
    size_t at[16];
    uint64_t hash[16];
    spellings s = {STRBUF_INIT, at, hash, naffixes};
    if (naffixes > 16) {
        s.at = xmalloc(naffixes * sizeof *s.at);
        s.hash = xmalloc(naffixes * sizeof *s.hash);
    }
    strbuf candidate = STRBUF_INIT;
    strbuf_puts(&candidate, stem);
    spell(&s, candidate.data, affixes);
    for (int n = 2; !all_free(taken, &s); n++) {
        strbuf_reset(&candidate);
        strbuf_printf(&candidate, "%s_%d", stem, n);
        spell(&s, candidate.data, affixes);
    }
    for (size_t i = 0; i < naffixes; i++)
        name_index_put_hashed(taken, s.text.data + s.at[i], s.hash[i], 0);
    strbuf_free(&s.text);
    if (s.at != at) {
        free(s.at);
        free(s.hash);
    }
    return strbuf_detach(&candidate);
}

/* Bytes that go into a string literal or a comment as they are: printable
 * ASCII but for the few each escapes. */
static int plain_in_string(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?'; }
static int plain_in_comment(unsigned char c) { return c >= 0x20 && c != 0x7f && c != '*' && c != '/' && c != '?'; }

void c_append_string_body(strbuf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        const char *run = p;
        while (plain_in_string((unsigned char)*p))
            p++;
        strbuf_add(out, run, (size_t)(p - run));
        if (!*p)
            break;
        unsigned char c = (unsigned char)*p;
        if (c == '"' || c == '\\')
            strbuf_printf(out, "\\%c", c);
        else if (c == '?' && p[1] == '?')
            strbuf_puts(out, "?\\"); /* "?\?" can never start a trigraph */
        else if (c < 0x20 || c >= 0x7f)
            strbuf_printf(out, "\\%03o", c); /* octal: at most three digits,
                                                so the next byte is safe */
        else
            strbuf_putc(out, (char)c);
    }
}

void c_append_comment_text(strbuf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        const char *run = p;
        while (plain_in_comment((unsigned char)*p))
            p++;
        strbuf_add(out, run, (size_t)(p - run));
        if (!*p)
            break;
        unsigned char c = (unsigned char)*p;
        if ((c == '*' && p[1] == '/') || (c == '/' && p[1] == '*'))
            strbuf_printf(out, "%c ", c); /* would end or nest the comment */
        else if (c == '?' && p[1] == '?')
            strbuf_puts(out, "? "); /* a trigraph could splice lines */
        else if (c == '\t' || c == '\n' || c == '\r')
            strbuf_putc(out, ' ');
        else if (c >= 0x20 && c != 0x7f)
            strbuf_putc(out, (char)c);
    }
}
