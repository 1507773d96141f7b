#include "c_names.h"

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
    strbuf out = STRBUF_INIT;
    strbuf_puts(&out, "");
    for (size_t i = 0; name[i]; i++) {
        int c = (unsigned char)name[i];
        int want_separator = !is_alnum(c) || starts_word(name, i);
        if (want_separator && out.len && out.data[out.len - 1] != '_')
            strbuf_putc(&out, '_');
        if (is_alnum(c))
            strbuf_putc(&out, to_lower(c));
    }
    while (out.len && out.data[out.len - 1] == '_')
        out.data[--out.len] = '\0';
    return strbuf_detach(&out);
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
    strbuf out = STRBUF_INIT;
    if (!*snake)
        strbuf_puts(&out, "value");
    else if (is_digit((unsigned char)snake[0]))
        strbuf_printf(&out, "v%s", snake);
    else
        strbuf_puts(&out, snake);
    if (c_is_reserved_word(out.data))
        strbuf_putc(&out, '_');
    free(snake);
    return strbuf_detach(&out);
}

/* prefix + stem + suffix into out (emptied first). */
static void affix(strbuf *out, const char *stem, const c_affix *a)
{
    strbuf_reset(out);
    strbuf_puts(out, a->prefix);
    strbuf_puts(out, stem);
    strbuf_puts(out, a->suffix);
}

static int all_free(const name_index *taken, const char *stem,
                    const c_affix *affixes, size_t naffixes, strbuf *scratch)
{
    for (size_t i = 0; i < naffixes; i++) {
        affix(scratch, stem, &affixes[i]);
        if (name_index_contains(taken, scratch->data))
            return 0;
    }
    return 1;
}

char *c_claim_name(name_index *taken, const char *stem, const c_affix *affixes,
                   size_t naffixes)
{
    strbuf candidate = STRBUF_INIT, scratch = STRBUF_INIT;
    strbuf_puts(&candidate, stem);
    for (int n = 2; !all_free(taken, candidate.data, affixes, naffixes, &scratch); n++) {
        strbuf_reset(&candidate);
        strbuf_printf(&candidate, "%s_%d", stem, n);
    }
    for (size_t i = 0; i < naffixes; i++) {
        affix(&scratch, candidate.data, &affixes[i]);
        name_index_put(taken, scratch.data, 0);
    }
    strbuf_free(&scratch);
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
