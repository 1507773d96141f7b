/* Inline suppressions, written as HTML comments so they do not show:
 *
 *   <!-- apimd-disable todo -->            from here to the end of the page
 *   <!-- apimd-enable todo -->             ends an apimd-disable early
 *   <!-- apimd-disable-next-line todo -->  only the line after the comment
 *
 * Several ids may follow, separated by spaces or commas; none means every
 * rule. Text after " -- " is a reason for readers and is ignored.
 *
 * They are kept in the page record because cross-page findings, found
 * long after the page was freed, must obey them too.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/xalloc.h"

lint_page_record *lint_page_record_new(const char *file, lint_page_record *previous)
{
    lint_page_record *r = xcalloc(1, sizeof *r);
    if (previous)
        arena_pass_chunk(&previous->mem, &r->mem);
    r->file = arena_strdup(&r->mem, file ? file : "");
    return r;
}

void lint_page_record_free(lint_page_record *r)
{
    if (!r)
        return;
    arena_free(&r->mem);
    free(r);
}

int lint_is_suppressed(const lint_page_record *r, const char *rule, int line)
{
    for (size_t i = 0; i < r->nsuppressions; i++) {
        const lint_suppression *s = &r->suppressions[i];
        if (line < s->first || line > s->last)
            continue;
        if (!s->rule || strcmp(s->rule, rule) == 0)
            return 1;
    }
    return 0;
}

typedef enum directive {
    DIRECTIVE_NONE,
    DIRECTIVE_DISABLE,
    DIRECTIVE_ENABLE,
    DIRECTIVE_DISABLE_NEXT_LINE,
} directive;

static const char *skip_space(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    return s;
}

/* Which directive the comment starts with; *rest points after it. */
static directive read_directive(const char *text, const char **rest)
{
    static const struct {
        const char *word;
        directive d;
    } words[] = {
        /* Longest first: "apimd-disable" is a prefix of the next-line one. */
        {"apimd-disable-next-line", DIRECTIVE_DISABLE_NEXT_LINE},
        {"apimd-disable", DIRECTIVE_DISABLE},
        {"apimd-enable", DIRECTIVE_ENABLE},
    };
    const char *s = skip_space(text);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        size_t n = strlen(words[i].word);
        if (strncmp(s, words[i].word, n) == 0 &&
            (s[n] == '\0' || strchr(" \t\r\n,", s[n]))) {
            *rest = s + n;
            return words[i].d;
        }
    }
    return DIRECTIVE_NONE;
}

static int count_newlines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

typedef struct directive_site {
    const page *p;
    const page_comment *comment;
    lint_page_record *r;
    lint_findings *out;
} directive_site;

static void add_suppression(lint_page_record *r, const char *rule, int first,
                            int last)
{
    lint_suppression *s = ARENA_PUSH(&r->mem, r->suppressions,
                                     r->nsuppressions, r->cap_suppressions);
    s->rule = rule;
    s->first = first;
    s->last = last;
}

/* apimd-enable: close the open regions of rule (NULL: of every rule). */
static void end_suppression(lint_page_record *r, const char *rule, int line)
{
    for (size_t i = 0; i < r->nsuppressions; i++) {
        lint_suppression *s = &r->suppressions[i];
        if (s->last != INT_MAX || s->first > line)
            continue;
        if (!rule || (s->rule && strcmp(s->rule, rule) == 0))
            s->last = line;
    }
}

static void apply_directive(const directive_site *site, directive d,
                            const char *rule)
{
    int line = site->comment->line;
    int next_line = line + count_newlines(site->comment->text) + 1;
    switch (d) {
    case DIRECTIVE_DISABLE:
        add_suppression(site->r, rule, line, INT_MAX);
        break;
    case DIRECTIVE_DISABLE_NEXT_LINE:
        add_suppression(site->r, rule, next_line, next_line);
        break;
    case DIRECTIVE_ENABLE:
        end_suppression(site->r, rule, line);
        break;
    case DIRECTIVE_NONE:
        break;
    }
}

/* One rule id of the list: known ids are kept (as the catalogue's static
 * string), unknown ones reported. */
static void apply_rule_word(const directive_site *site, directive d,
                            const char *word, size_t len)
{
    char id[128];
    if (len >= sizeof id)
        len = sizeof id - 1;
    memcpy(id, word, len);
    id[len] = '\0';
    const lint_rule *rule = lint_rule_find(id);
    if (!rule) {
        lint_findings_add(site->out, "suppression-invalid", site->p->rel_path,
                          site->comment->line, 1,
                          "unknown rule id \"%s\" in a suppression comment",
                          id);
        return;
    }
    apply_directive(site, d, rule->id);
}

static void parse_directive(const directive_site *site)
{
    const char *rest;
    directive d = read_directive(site->comment->text, &rest);
    if (d == DIRECTIVE_NONE)
        return;
    int any_rule = 0;
    const char *s = rest;
    for (;;) {
        s += strspn(s, " \t\r\n,");
        if (!*s || strncmp(s, "--", 2) == 0)
            break;
        size_t len = strcspn(s, " \t\r\n,");
        apply_rule_word(site, d, s, len);
        any_rule = 1;
        s += len;
    }
    if (!any_rule)
        apply_directive(site, d, NULL);
}

void lint_collect_suppressions(const page *p, lint_page_record *r,
                               lint_findings *out)
{
    for (size_t i = 0; i < p->ncomments; i++) {
        if (!p->comments[i].text)
            continue;
        directive_site site = {p, &p->comments[i], r, out};
        parse_directive(&site);
    }
}
