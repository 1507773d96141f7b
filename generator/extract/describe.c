/* Descriptions state facts in words: "Read-only.", "Not nullable.",
 * "Possible values are: `a`, `b`.", "Inherited from [entity](...)". */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"
#include "model/typeinfo.h"

static const char *skip_list_separators(const char *c)
{
    for (;;) {
        while (isspace((unsigned char)*c) || *c == ',' || *c == ';' ||
               *c == '/')
            c++;
        if (strncasecmp(c, "and ", 4) == 0)
            c += 4;
        else if (strncasecmp(c, "or ", 3) == 0)
            c += 3;
        else
            return c;
    }
}

/* A "(what it means)" after a value. */
static const char *skip_parenthetical(const char *c)
{
    const char *s = c;
    while (*s == ' ')
        s++;
    if (*s != '(')
        return c;
    const char *close = strchr(s, ')');
    return close ? close + 1 : c;
}

static int value_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* One value: `quoted`, 'quoted', "quoted" or a bare word. Sets *end past
 * it; returns its length, 0 when there is none. */
static size_t read_value(const char *c, const char **start, const char **end)
{
    if (*c == '`' || *c == '\'' || *c == '"') {
        const char *close = strchr(c + 1, *c);
        if (!close || close == c + 1 || close - c > 100)
            return 0;
        *start = c + 1;
        *end = close + 1;
        return (size_t)(close - c - 1);
    }
    const char *e = c;
    /* A dot inside a value ("v1.0") is kept, one that ends a sentence not. */
    while (value_char(*e) || (*e == '.' && value_char(e[1])))
        e++;
    *start = c;
    *end = e;
    return (size_t)(e - c);
}

/* Does the text after a value go on with the list? */
static int list_continues(const char *c)
{
    c = skip_parenthetical(c);
    while (*c == ' ')
        c++;
    if (*c == ',' || *c == ';' || *c == '/')
        return 1;
    return strncasecmp(c, "or ", 3) == 0 || strncasecmp(c, "and ", 4) == 0;
}

enum { MAX_VALUES = 256 };

static int bare_word_is_value(const char *s, size_t n)
{
    /* Words of the sentence that follows a list are not values. */
    static const char *const stop_words[] = {"the", "see", "for", "this",
                                             "that", "which"};
    for (size_t i = 0; i < sizeof stop_words / sizeof *stop_words; i++)
        if (strlen(stop_words[i]) == n && strncasecmp(s, stop_words[i], n) == 0)
            return 0;
    return 1;
}

static size_t read_value_list(const extract_ctx *x, const char *c,
                              const char **out)
{
    size_t count = 0;
    while (count < MAX_VALUES) {
        c = skip_list_separators(c);
        const char *start, *end;
        size_t n = read_value(c, &start, &end);
        if (!n || (start == c && !bare_word_is_value(start, n)))
            break;
        out[count++] = ctx_strndup(x, start, n);
        if (!list_continues(end))
            break;
        c = skip_parenthetical(end);
    }
    return count;
}

/* The values a description lists after "Possible values are", in the
 * fragment; 0 when it lists fewer than two. */
static size_t describe_possible_values(const extract_ctx *x,
                                       const pattern_subject *subject,
                                       const char ***values)
{
    *values = NULL;
    const char *text = subject->text;
    if (!text || !pattern_find_in(PAT_POSSIBLE_VALUES, subject, x->md))
        return 0;
    size_t start, len;
    pattern_group(x->md, 0, &start, &len);
    const char *found[MAX_VALUES];
    size_t count = read_value_list(x, text + start + len, found);
    if (count < 2)
        return 0;
    const char **out = arena_alloc(x->mem, count * sizeof *out);
    memcpy(out, found, count * sizeof *out);
    *values = out;
    return count;
}

static tristate yes_no(const extract_ctx *x, const pattern_subject *text,
                       pattern_id yes, pattern_id no)
{
    if (pattern_find_in(no, text, x->md))
        return TRI_NO;
    if (pattern_find_in(yes, text, x->md))
        return TRI_YES;
    return TRI_UNKNOWN;
}

void describe_property(const extract_ctx *x, model_property *prop,
                       const char *description)
{
    if (!description || !*description)
        return;
    prop->description = ctx_strndup(x, description, strlen(description));
    /* Every fact is a pattern run over the same text. */
    pattern_subject text;
    pattern_subject_init(&text, description);
    tristate nullable = yes_no(x, &text, PAT_NULLABLE, PAT_NOT_NULLABLE);
    if (nullable != TRI_UNKNOWN)
        prop->nullable = nullable;
    tristate read_only = yes_no(x, &text, PAT_READ_ONLY, PAT_READ_WRITE);
    if (read_only == TRI_YES && pattern_find_in(PAT_READ_ONLY_WHEN, &text, x->md))
        read_only = TRI_UNKNOWN;
    if (read_only != TRI_UNKNOWN)
        prop->read_only = read_only;
    tristate required = yes_no(x, &text, PAT_REQUIRED, PAT_OPTIONAL);
    if (required != TRI_UNKNOWN && prop->required == TRI_UNKNOWN)
        prop->required = required;
    if (pattern_find_in(PAT_SERVER_GENERATED, &text, x->md))
        prop->server_generated = 1;
    if (pattern_find_in(PAT_SUPPORTS_FILTER, &text, x->md))
        prop->supports_filter = 1;
    if (pattern_find_in(PAT_INHERITED_FROM, &text, x->md)) {
        const char *ns, *name = ctx_group(x, description, 1);
        (void)split_qualified_name(x->mem, name, &ns, &name);
        prop->inherited_from = name;
    }
    const char **values;
    size_t n = describe_possible_values(x, &text, &values);
    if (n) {
        prop->enum_values = values;
        prop->nenum_values = n;
    }
}
