/* Type cells: the docs write a type in many ways ("String", "string",
 * "Int", "Edm.Int32", "[participantInfo](participantinfo.md) collection",
 * "Collection(String)", "[a](a.md) or [b](b.md)"); this reads them all
 * into a type_ref with EDM primitive names and model type names. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"
#include "model/typeinfo.h"

/* primitive_canonical compares a span with every spelling of every
 * primitive, and type cells repeat the same few spans ("String",
 * "Boolean", "DateTimeOffset") page after page: each thread remembers the
 * answers for recent spans. The answers are the table's own strings. */
enum { KNOWN_SPANS = 256, KNOWN_SPAN_MAX = 40 };

typedef struct known_span {
    size_t len; /* 0: an empty slot */
    char text[KNOWN_SPAN_MAX];
    const char *edm;
} known_span;

static _Thread_local known_span known_spans[KNOWN_SPANS];

static size_t span_hash(const char *s, size_t n)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h ^ h >> 16;
}

static const char *primitive_of(const char *s, size_t n)
{
    if (n == 0 || n > KNOWN_SPAN_MAX)
        return primitive_canonical(s, n);
    known_span *k = &known_spans[span_hash(s, n) & (KNOWN_SPANS - 1)];
    if (k->len == n && memcmp(k->text, s, n) == 0)
        return k->edm;
    const char *edm = primitive_canonical(s, n);
    k->len = n;
    memcpy(k->text, s, n);
    k->edm = edm;
    return edm;
}

/* The cell text without emphasis and code marks, spaces collapsed. */
static char *clean_cell_text(const extract_ctx *x, const char *text)
{
    size_t n = strlen(text);
    char *out = arena_alloc(x->mem, n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = text[i];
        if (c == '`' || c == '*')
            continue;
        /* isspace in the C locale the program runs in */
        if (c == ' ' || (c >= '\t' && c <= '\r')) {
            if (o && out[o - 1] != ' ')
                out[o++] = ' ';
            continue;
        }
        out[o++] = c;
    }
    while (o && out[o - 1] == ' ')
        o--;
    out[o] = '\0';
    return out;
}

static int ends_nocase(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    if (n < k)
        return 0;
    /* The last letter first: most cells end in none of the suffixes. */
    return k == 0 || (fold_case(s[n - 1]) == fold_case(suffix[k - 1]) &&
                      strncasecmp(s + n - k, suffix, k) == 0);
}

/* Strip the ways the docs say "collection of"; returns 1 when found. The
 * span [*s, *s + *n) is narrowed to the element type. */
static int strip_collection(const char **s, size_t *n)
{
    static const char *const suffixes[] = {" collections", " collection",
                                           "[]"};
    if (*n > 11 && fold_case(**s) == 'c' && strncasecmp(*s, "collection(", 11) == 0) {
        const char *close = memchr(*s, ')', *n);
        size_t end = close ? (size_t)(close - *s) : *n;
        *s += 11;
        *n = end - 11;
        return 1;
    }
    if (*n > 12 && fold_case(**s) == 'c' && strncasecmp(*s, "collection (", 12) == 0) {
        const char *close = memchr(*s, ')', *n);
        size_t end = close ? (size_t)(close - *s) : *n;
        *s += 12;
        *n = end - 12;
        return 1;
    }
    if (*n > 14 && fold_case(**s) == 'c' && strncasecmp(*s, "collection of ", 14) == 0) {
        *s += 14;
        *n -= 14;
        return 1;
    }
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
        if (ends_nocase(*s, *n, suffixes[i]) && *n > strlen(suffixes[i])) {
            *n -= strlen(suffixes[i]);
            return 1;
        }
    return 0;
}

/* "string (url)", "[x](x.md) resource", "identitySet object": the words
 * around a type that say nothing about it. */
static void strip_noise(const char **s, size_t *n)
{
    /* "(Optional) String": a leading remark. */
    if (*n && **s == '(') {
        const char *close = memchr(*s, ')', *n);
        if (close && (size_t)(close - *s) + 1 < *n) {
            *n -= (size_t)(close - *s) + 1;
            *s = close + 1;
        }
    }
    static const char *const suffixes[] = {" resources", " resource",
                                           " objects",   " object",
                                           " entity",    " type",
                                           " enum",      " values",
                                           " value"};
    for (int again = 1; again;) {
        again = 0;
        while (*n && (*s)[*n - 1] == ' ')
            (*n)--;
        while (*n && **s == ' ') {
            (*s)++;
            (*n)--;
        }
        if (*n && (*s)[*n - 1] == ')') {
            const char *open = NULL;
            for (size_t i = 0; i < *n; i++)
                if ((*s)[i] == '(')
                    open = *s + i;
            if (open && open > *s) {
                *n = (size_t)(open - *s);
                again = 1;
                continue;
            }
        }
        for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++)
            if (ends_nocase(*s, *n, suffixes[i]) && *n > strlen(suffixes[i])) {
                *n -= strlen(suffixes[i]);
                again = 1;
                break;
            }
    }
}

static int is_identifier(const char *s, size_t n)
{
    if (!n || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++)
        if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '.')
            return 0;
    return 1;
}

/* "../resources/callRoute.md#anchor" -> "callRoute". */
static char *link_target_name(const extract_ctx *x, const char *target)
{
    if (!target)
        return NULL;
    const char *slash = strrchr(target, '/');
    const char *base = slash ? slash + 1 : target;
    size_t n = strcspn(base, "#?");
    if (ends_nocase(base, n, ".md"))
        n -= 3;
    return is_identifier(base, n) ? ctx_strndup(x, base, n) : NULL;
}

static const page_link *find_link(const page_link *links, size_t nlinks,
                                  const char *s, size_t n)
{
    for (size_t i = 0; i < nlinks; i++) {
        const char *t = links[i].text;
        if (t && strlen(t) == n && strncmp(t, s, n) == 0)
            return &links[i];
    }
    for (size_t i = 0; i < nlinks; i++) {
        const char *t = links[i].text;
        if (t && strlen(t) == n && strncasecmp(t, s, n) == 0)
            return &links[i];
    }
    return NULL;
}

static int is_enumeration_word(const char *s, size_t n)
{
    return (n == 11 && strncasecmp(s, "enumeration", n) == 0) ||
           (n == 4 && strncasecmp(s, "enum", n) == 0);
}

/* One member of a type cell: sets name, namespace, primitive. edm is the
 * primitive s, n spells (primitive_canonical), NULL for none. */
static void resolve_name(const extract_ctx *x, type_ref *t, const char *s,
                         size_t n, const char *edm, const page_link *link)
{
    if (edm) {
        t->name = edm;
        t->primitive = 1;
        return;
    }
    if (is_enumeration_word(s, n))
        return; /* "Enumeration": the values, not the name, are given */
    char *name = ctx_strndup(x, s, n);
    /* "[x](x.md": a link missing its parenthesis stays text. */
    if (!link && n > 2 && s[0] == '[') {
        const char *close = memchr(s, ']', n);
        if (close && is_identifier(s + 1, (size_t)(close - s - 1)))
            name = ctx_strndup(x, s + 1, (size_t)(close - s - 1));
    }
    if (link && !is_identifier(s, n)) {
        char *from_target = link_target_name(x, link->target);
        if (from_target)
            name = from_target;
    }
    const char *ns, *local;
    if (split_qualified_name(x->mem, name, &ns, &local)) {
        t->name = local;
        t->namespace = ns;
        return;
    }
    if (!is_identifier(name, strlen(name))) {
        /* "String that holds ...": a primitive first word decides. */
        size_t word = strcspn(name, " ,;");
        edm = primitive_of(name, word);
        if (edm) {
            t->name = edm;
            t->primitive = 1;
            return;
        }
    }
    t->name = name;
}

/* Split "a or b" into its members, trimmed. */
static size_t split_union(const char *s, size_t n, const char **parts,
                          size_t *lens, size_t max)
{
    size_t count = 0;
    size_t start = 0;
    for (size_t i = 0; i + 4 <= n && count + 1 < max; i++) {
        if (s[i] == ' ' && strncasecmp(s + i, " or ", 4) == 0) {
            parts[count] = s + start;
            lens[count++] = i - start;
            start = i + 4;
            i += 3;
        }
    }
    parts[count] = s + start;
    lens[count++] = n - start;
    return count;
}

static type_ref parse_type_text(const extract_ctx *x, const char *text,
                                const page_link *links, size_t nlinks)
{
    type_ref t;
    memset(&t, 0, sizeof t);
    t.written = ctx_strndup(x, text, strlen(text));
    const char *s = clean_cell_text(x, text);
    /* "educationOutcome collection. Holds grades...": a row whose
     * description slipped into the Type cell; the type is the first
     * sentence. */
    const char *stop = strstr(s, ". ");
    size_t n = stop ? (size_t)(stop - s) : strlen(s);
    if (!n)
        return t;
    /* A cell that is one primitive and nothing else ("String") is its
     * single member too: that span is looked up once. */
    const char *whole = s;
    size_t whole_n = n;
    const char *whole_edm = primitive_of(s, n);
    if (!whole_edm) /* "byte[]" is Binary, not Byte[] */
        t.collection = strip_collection(&s, &n);
    strip_noise(&s, &n);
    if (!t.collection)
        t.collection = strip_collection(&s, &n);
    enum { MAX_ALTERNATIVES = 8 };
    const char *parts[MAX_ALTERNATIVES];
    size_t lens[MAX_ALTERNATIVES];
    size_t nparts = split_union(s, n, parts, lens, MAX_ALTERNATIVES);
    const char **names = arena_alloc(x->mem, nparts * sizeof *names);
    size_t nnames = 0;
    for (size_t i = 0; i < nparts; i++) {
        const char *ps = parts[i];
        size_t pn = lens[i];
        strip_noise(&ps, &pn);
        type_ref member;
        memset(&member, 0, sizeof member);
        const char *edm = ps == whole && pn == whole_n ? whole_edm
                                                       : primitive_of(ps, pn);
        resolve_name(x, &member, ps, pn, edm, find_link(links, nlinks, ps, pn));
        if (!member.name)
            continue;
        if (!nnames) {
            t.name = member.name;
            t.namespace = member.namespace;
            t.primitive = member.primitive;
        }
        names[nnames++] = member.name;
    }
    if (nnames > 1) {
        t.alternatives = names;
        t.nalternatives = nnames;
    }
    return t;
}

type_ref typecell_parse(const extract_ctx *x, const table_cell *cell)
{
    return parse_type_text(x, cell->text ? cell->text : "", cell->links,
                           cell->nlinks);
}

type_ref typename_parse(const extract_ctx *x, const char *text,
                        const page_link *link)
{
    return parse_type_text(x, text ? text : "", link, link ? 1 : 0);
}
