/* A guard against inputs on which cmark-gfm 0.29 takes quadratic time or
 * worse: a very long paragraph that mixes emphasis with links (a 100 KB one
 * takes seconds, a 5 MB one hours), and a table row with a huge number of
 * cells. Real pages are far from both (the longest Graph paragraph is
 * about 12 KB), but one hostile page must not stall a whole run.
 *
 * In such spans cmark is given a copy where '*', '_' (or '|') are replaced
 * by control bytes it treats as plain text, so it sees no emphasis (or no
 * cells) there; every string taken from cmark is then mapped back, so the
 * page reads the same text, only without that markup. Lines and columns
 * are unchanged since the copy has the same length. */
#include <string.h>

#include "read/reader.h"
#include "util/xalloc.h"

enum {
    LONG_RUN_BYTES = 64 * 1024, /* of consecutive non-blank lines */
    MAX_ROW_PIPES = 10000,
};

/* Stand-ins, bytes that do not occur in a page where the guard is used. */
static const char plain[] = {'*', '_', '|'};
static const char stand_in[] = {'\x01', '\x02', '\x03'};

static size_t line_length(const reader *r, size_t index)
{
    size_t end = index + 1 < r->nlines ? r->line_starts[index + 1] : r->len;
    return end - r->line_starts[index];
}

static int has_stand_ins(const reader *r)
{
    for (size_t i = 0; i < sizeof stand_in; i++)
        if (memchr(r->text, stand_in[i], r->len))
            return 1;
    return 0;
}

static char *guarded_copy(reader *r)
{
    if (!r->guarded_text) {
        r->guarded_text = xmalloc(r->len + 1);
        memcpy(r->guarded_text, r->text, r->len);
        r->guarded_text[r->len] = '\0';
    }
    return r->guarded_text;
}

static void replace_in(char *s, size_t n, char from, char to)
{
    for (char *c = s; (c = memchr(c, from, (size_t)(s + n - c))) != NULL; c++)
        *c = to;
}

static void hide_emphasis(reader *r, size_t first_line, size_t end_line)
{
    char *copy = guarded_copy(r);
    size_t start = r->line_starts[first_line];
    size_t end = end_line < r->nlines ? r->line_starts[end_line] : r->len;
    replace_in(copy + start, end - start, '*', stand_in[0]);
    replace_in(copy + start, end - start, '_', stand_in[1]);
}

static size_t count_pipes(const char *s, size_t n)
{
    size_t count = 0;
    for (const char *c = s; (c = memchr(c, '|', (size_t)(s + n - c))) != NULL; c++)
        count++;
    return count;
}

static void hide_cells(reader *r, size_t line)
{
    size_t n = line_length(r, line);
    if (n <= MAX_ROW_PIPES || count_pipes(r->text + r->line_starts[line], n) <= MAX_ROW_PIPES)
        return;
    replace_in(guarded_copy(r) + r->line_starts[line], n, '|', stand_in[2]);
}

/* Where a line stands for the emphasis check: only paragraph text is
 * inline-parsed as one block; table rows ('|') and fenced code are not. */
typedef enum line_role { ROLE_BREAK, ROLE_PROSE, ROLE_FENCE } line_role;

static line_role role_of(const char *s, size_t n, int in_fence)
{
    size_t i = 0;
    while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '>'))
        i++;
    if (n - i >= 3 && (memcmp(s + i, "```", 3) == 0 || memcmp(s + i, "~~~", 3) == 0))
        return ROLE_FENCE;
    if (in_fence || i == n || s[i] == '|')
        return ROLE_BREAK;
    return ROLE_PROSE;
}

/* Hides the cells of every line too long to be a real table row. */
static void guard_long_lines(reader *r, int *usable)
{
    for (size_t line = 0; line < r->nlines; line++) {
        if (line_length(r, line) <= MAX_ROW_PIPES)
            continue;
        if (*usable < 0)
            *usable = !has_stand_ins(r);
        if (!*usable)
            return;
        hide_cells(r, line);
    }
}

/* Only looks at the start and length of lines, and at the bytes of lines
 * long enough to matter, so ordinary pages pay next to nothing. */
void slow_input_guard(reader *r)
{
    size_t run_start = 0, run_bytes = 0;
    int in_fence = 0;
    int usable = -1; /* whether stand-ins are free to use; -1: not checked */
    /* A page no longer than a long run has none, and no line of a page
     * no longer than a long row is one: most pages need no look at all. */
    if (r->len <= MAX_ROW_PIPES)
        return;
    if (r->len <= LONG_RUN_BYTES) {
        guard_long_lines(r, &usable);
        return;
    }
    for (size_t line = 0; line <= r->nlines; line++) {
        const char *s = line < r->nlines ? r->text + r->line_starts[line] : "";
        size_t n = line < r->nlines ? line_length(r, line) : 0;
        line_role role = role_of(s, n, in_fence);
        if (role == ROLE_FENCE)
            in_fence = !in_fence;
        if (role == ROLE_PROSE) {
            if (run_bytes == 0)
                run_start = line;
            run_bytes += n;
        }
        int long_run = role != ROLE_PROSE && run_bytes > LONG_RUN_BYTES;
        int long_line = n > MAX_ROW_PIPES;
        if (long_run || long_line) {
            if (usable < 0)
                usable = !has_stand_ins(r);
            if (!usable)
                return;
            if (long_run)
                hide_emphasis(r, run_start, line);
            if (long_line)
                hide_cells(r, line);
        }
        if (role != ROLE_PROSE)
            run_bytes = 0;
    }
}

void slow_input_restore(const reader *r, char *s)
{
    if (!r->guarded_text || !s)
        return;
    for (char *c = s; *c; c++) {
        const char *k = memchr(stand_in, *c, sizeof stand_in);
        if (k)
            *c = plain[k - stand_in];
    }
}

const char *slow_input_literal(reader *r, const char *s)
{
    if (!r->guarded_text || !s)
        return s;
    char *copy = arena_strdup(&r->p->mem, s);
    slow_input_restore(r, copy);
    return copy;
}

const char *markdown_text(const reader *r)
{
    return r->guarded_text ? r->guarded_text : r->text;
}
