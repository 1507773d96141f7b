/* Compiling a template in four steps:
 *   1. lex the text into tokens (text split at line ends, tags), following
 *      set-delimiter tags as they come;
 *   2. pair every opening tag with its closing tag (syntax errors surface);
 *   3. apply the whitespace rules, which need whole lines and tag pairs:
 *      block reindentation, standalone lines, standalone parent and block
 *      elements (see the comments at each rule);
 *   4. build the node tree the renderer walks, marking each place where a
 *      template line starts so that partial indentation can go there.
 */
#include "mustache_internal.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

typedef enum tok_kind {
    TK_TEXT,
    TK_VAR,      /* {{name}} */
    TK_RAW,      /* {{{name}}} or {{& name}} */
    TK_SECTION,  /* {{#name}} */
    TK_INVERTED, /* {{^name}} */
    TK_CLOSE,    /* {{/name}} */
    TK_COMMENT,  /* {{! ...}} */
    TK_PARTIAL,  /* {{>name}} */
    TK_PARENT,   /* {{<name}} */
    TK_BLOCK,    /* {{$name}} */
    TK_DELIM,    /* {{=<% %>=}} */
} tok_kind;

typedef struct token {
    tok_kind kind;
    const char *s; /* TEXT: the bytes; tags: the trimmed content */
    size_t len;
    int line;      /* source line where the token starts, for messages */
    size_t lline;  /* line for the whitespace rules: only text line ends
                    * count, so a multi-line comment stays on one line */
    size_t match;  /* opening tag <-> closing tag */
    bool eol;      /* TEXT ending in "\n" */
    bool dropped;  /* TEXT removed by a whitespace rule */
    bool standalone;      /* tag alone on its line */
    bool is_argument;     /* BLOCK directly inside a parent */
    bool at_eol;          /* BLOCK: only blanks follow it on its line */
    bool pair_standalone; /* PARENT, BLOCK: the element stands alone */
    const char *indent;   /* PARTIAL, PARENT, BLOCK: see mnode.text */
    size_t indent_len;
} token;

typedef struct compiler {
    const char *name;
    const char *src;
    size_t len;
    mustache_error *err;
    const char *otag; /* current delimiters, pointing into src */
    size_t olen;
    const char *ctag;
    size_t clen;
    int line;
    size_t lline;
    token *tok;
    size_t ntok;
    size_t captok;
} compiler;

/* ---- small helpers ---- */

static bool is_blank(char ch) { return ch == ' ' || ch == '\t'; }

static bool is_tag_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

static bool opens_element(tok_kind k)
{
    return k == TK_SECTION || k == TK_INVERTED || k == TK_PARENT ||
           k == TK_BLOCK;
}

/* Tags that may stand alone on a line; interpolations never do. */
static bool may_stand_alone(tok_kind k)
{
    return k != TK_TEXT && k != TK_VAR && k != TK_RAW;
}

static const char *element_word(tok_kind k)
{
    switch (k) {
    case TK_INVERTED: return "inverted section";
    case TK_PARENT: return "parent";
    case TK_BLOCK: return "block";
    default: return "section";
    }
}

static size_t count_blanks(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_blank(s[i]))
        i++;
    return i;
}

static size_t line_end_len(const token *t)
{
    if (!t->eol)
        return 0;
    return t->len >= 2 && t->s[t->len - 2] == '\r' ? 2 : 1;
}

/* Text made of spaces and tabs only, plus maybe the line end. */
static bool is_blank_text(const token *t)
{
    return t->kind == TK_TEXT &&
           count_blanks(t->s, t->len) == t->len - line_end_len(t);
}

static bool starts_line(const compiler *c, size_t i)
{
    return i == 0 || c->tok[i - 1].lline != c->tok[i].lline;
}

static const char *find_bytes(const char *p, const char *end,
                              const char *needle, size_t n)
{
    while ((size_t)(end - p) >= n) {
        const char *hit = memchr(p, needle[0], (size_t)(end - p) - n + 1);
        if (!hit)
            return NULL;
        if (memcmp(hit, needle, n) == 0)
            return hit;
        p = hit + 1;
    }
    return NULL;
}

static int fail(compiler *c, int line, const char *what, const char *s,
                size_t n)
{
    mustache_set_error(c->err, c->name, line, "%s '%.*s'", what,
                       n > 200 ? 200 : (int)n, s);
    return -1;
}

static token *push_token(compiler *c, tok_kind kind, const char *s,
                         size_t len, int line)
{
    token *t = XARRAY_PUSH(c->tok, c->ntok, c->captok);
    memset(t, 0, sizeof *t);
    t->kind = kind;
    t->s = s;
    t->len = len;
    t->line = line;
    t->lline = c->lline;
    return t;
}

/* ---- step 1: lexing ---- */

/* One token per line piece, so that line starts are token starts. */
static void lex_text(compiler *c, const char *p, const char *end)
{
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl + 1 : end;
        token *t = push_token(c, TK_TEXT, p, (size_t)(stop - p), c->line);
        if (nl) {
            t->eol = true;
            c->line++;
            c->lline++;
        }
        p = stop;
    }
}

/* The closing delimiter of a tag whose content starts at p. For {{{x}}}
 * and {{=a b=}} the content must also end with '}' or '='. */
static const char *find_tag_end(const compiler *c, const char *p,
                                const char *end, char last)
{
    const char *from = p;
    for (;;) {
        const char *hit = find_bytes(from, end, c->ctag, c->clen);
        if (!hit || !last || (hit > p && hit[-1] == last))
            return hit;
        from = hit + 1;
    }
}

/* A name to look up: "." or dot-separated parts, none of them empty. */
static bool is_valid_path(const char *s, size_t n)
{
    if (n == 1 && s[0] == '.')
        return true;
    if (s[0] == '.' || s[n - 1] == '.')
        return false;
    for (size_t i = 1; i < n; i++)
        if (s[i] == '.' && s[i - 1] == '.')
            return false;
    return true;
}

static int check_name(compiler *c, tok_kind kind, const char *s, size_t n,
                      int line)
{
    if (n == 0)
        return fail(c, line, "empty tag", "", 0);
    for (size_t i = 0; i < n; i++)
        if (is_tag_space(s[i]))
            return fail(c, line, "whitespace inside tag name", s, n);
    bool looked_up = kind == TK_VAR || kind == TK_RAW ||
                     kind == TK_SECTION || kind == TK_INVERTED;
    if (looked_up && !is_valid_path(s, n))
        return fail(c, line, "invalid name", s, n);
    return 0;
}

/* {{=<% %>=}}: two delimiters separated by whitespace, without '='. */
static int set_delimiters(compiler *c, const char *s, size_t n, int line)
{
    size_t open_end = 0;
    while (open_end < n && !is_tag_space(s[open_end]))
        open_end++;
    size_t close_start = open_end;
    while (close_start < n && is_tag_space(s[close_start]))
        close_start++;
    bool ok = open_end > 0 && close_start > open_end && close_start < n &&
              !memchr(s, '=', n);
    for (size_t i = close_start; ok && i < n; i++)
        ok = !is_tag_space(s[i]);
    if (!ok)
        return fail(c, line,
                    "bad delimiter change (want two delimiters separated by "
                    "a space, as in {{=<% %>=}}):", s, n);
    c->otag = s;
    c->olen = open_end;
    c->ctag = s + close_start;
    c->clen = n - close_start;
    return 0;
}

static tok_kind kind_of_sigil(char ch)
{
    switch (ch) {
    case '{': case '&': return TK_RAW;
    case '#': return TK_SECTION;
    case '^': return TK_INVERTED;
    case '/': return TK_CLOSE;
    case '!': return TK_COMMENT;
    case '>': return TK_PARTIAL;
    case '<': return TK_PARENT;
    case '$': return TK_BLOCK;
    case '=': return TK_DELIM;
    default: return TK_VAR;
    }
}

static void count_lines(compiler *c, const char *p, const char *end)
{
    for (; p < end; p++)
        if (*p == '\n')
            c->line++;
}

/* Lexes the tag starting at `open`; *next is set past it. */
static int lex_tag(compiler *c, const char *open, const char **next)
{
    const char *end = c->src + c->len;
    const char *body = open + c->olen;
    int line = c->line;
    tok_kind kind = body < end ? kind_of_sigil(*body) : TK_VAR;
    char last = 0; /* what must end the content */
    if (kind != TK_VAR)
        body++;
    if (kind == TK_RAW && body[-1] == '{')
        last = '}';
    else if (kind == TK_DELIM)
        last = '=';
    const char *close = find_tag_end(c, body, end, last);
    if (!close) {
        size_t shown = 0; /* the tag's start, up to 20 bytes of its line */
        while (shown < 20 && open + shown < end && open[shown] != '\n')
            shown++;
        return fail(c, line, "unclosed tag: no closing delimiter after",
                    open, shown);
    }
    const char *s = body, *e = last ? close - 1 : close;
    while (s < e && is_tag_space(*s))
        s++;
    while (e > s && is_tag_space(e[-1]))
        e--;
    size_t n = (size_t)(e - s);
    count_lines(c, open, close + c->clen);
    *next = close + c->clen;
    if (kind == TK_DELIM) {
        if (set_delimiters(c, s, n, line) < 0)
            return -1;
    } else if (kind != TK_COMMENT && check_name(c, kind, s, n, line) < 0) {
        return -1;
    }
    push_token(c, kind, s, n, line);
    return 0;
}

static int lex(compiler *c)
{
    const char *p = c->src, *end = c->src + c->len;
    while (p < end) {
        const char *open = find_bytes(p, end, c->otag, c->olen);
        lex_text(c, p, open ? open : end);
        if (!open)
            break;
        if (lex_tag(c, open, &p) < 0)
            return -1;
    }
    return 0;
}

/* ---- step 2: pairing opening and closing tags ---- */

static bool same_name(const token *a, const token *b)
{
    return a->len == b->len && memcmp(a->s, b->s, a->len) == 0;
}

static int match_tags(compiler *c)
{
    size_t *open = xmalloc(MUSTACHE_MAX_NESTING * sizeof *open);
    size_t depth = 0;
    int rc = 0;
    for (size_t i = 0; i < c->ntok && rc == 0; i++) {
        token *t = &c->tok[i];
        if (opens_element(t->kind)) {
            if (depth == MUSTACHE_MAX_NESTING) {
                mustache_set_error(c->err, c->name, t->line,
                                   "sections nested deeper than %d levels",
                                   MUSTACHE_MAX_NESTING);
                rc = -1;
                break;
            }
            t->is_argument = t->kind == TK_BLOCK && depth > 0 &&
                             c->tok[open[depth - 1]].kind == TK_PARENT;
            open[depth++] = i;
        } else if (t->kind == TK_CLOSE) {
            if (depth == 0) {
                rc = fail(c, t->line, "closing tag without an opening tag",
                          t->s, t->len);
                break;
            }
            token *o = &c->tok[open[depth - 1]];
            if (!same_name(o, t)) {
                mustache_set_error(
                    c->err, c->name, t->line,
                    "mismatched closing tag '%.*s': %s '%.*s' from line %d "
                    "is still open",
                    t->len > 200 ? 200 : (int)t->len, t->s,
                    element_word(o->kind), o->len > 200 ? 200 : (int)o->len,
                    o->s, o->line);
                rc = -1;
                break;
            }
            o->match = i;
            t->match = open[--depth];
        }
    }
    if (rc == 0 && depth > 0) {
        const token *o = &c->tok[open[depth - 1]];
        mustache_set_error(c->err, c->name, o->line, "unclosed %s '%.*s'",
                           element_word(o->kind),
                           o->len > 200 ? 200 : (int)o->len, o->s);
        rc = -1;
    }
    free(open);
    return rc;
}

/* ---- step 3: whitespace rules ---- */

/* The indentation of a block's content that is not part of the content:
 * removed from each content line of an argument block (a block directly
 * inside a parent), measured after the removals of enclosing arguments. */
typedef struct strip {
    const char *s;
    size_t len;
    size_t until; /* index of the block's closing tag */
} strip;

static void strip_line_start(token *t, const strip *strips, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strips[i].len == 0)
            continue; /* also: no intrinsic indentation has no pointer */
        if (t->len < strips[i].len ||
            memcmp(t->s, strips[i].s, strips[i].len) != 0)
            break;
        t->s += strips[i].len;
        t->len -= strips[i].len;
    }
}

/* The blanks opening the line that starts at token j, once the enclosing
 * arguments' indentation is removed: a block's intrinsic indentation. */
static void intrinsic_indent(const compiler *c, size_t j, const strip *strips,
                             size_t nstrips, token *block)
{
    block->indent = NULL;
    block->indent_len = 0;
    if (j >= c->ntok || c->tok[j].kind != TK_TEXT)
        return;
    token line = c->tok[j];
    strip_line_start(&line, strips, nstrips);
    block->indent = line.s;
    block->indent_len = count_blanks(line.s, line.len);
}

/* A block tag followed by nothing but blanks on its line. For an argument
 * that line end belongs to the tag, not to the content ("{{$a}}\nx" passes
 * "x"), and the content's intrinsic indentation (that of its first line)
 * is removed from every content line, so that the argument can be
 * re-indented where the parent puts it. For a block elsewhere the
 * intrinsic indentation is what an overriding argument will be given. */
static void indent_blocks(compiler *c)
{
    strip *strips = xmalloc(MUSTACHE_MAX_NESTING * sizeof *strips);
    size_t nstrips = 0;
    for (size_t i = 0; i < c->ntok; i++) {
        token *t = &c->tok[i];
        while (nstrips > 0 && strips[nstrips - 1].until == i)
            nstrips--;
        if (t->kind == TK_TEXT && starts_line(c, i))
            strip_line_start(t, strips, nstrips);
        if (t->kind != TK_BLOCK || i + 1 >= c->ntok)
            continue;
        token *after = &c->tok[i + 1];
        if (!after->eol || !is_blank_text(after))
            continue;
        t->at_eol = true;
        intrinsic_indent(c, i + 2, strips, nstrips, t);
        if (t->is_argument) {
            after->dropped = true;
            strips[nstrips++] = (strip){t->indent, t->indent_len, t->match};
        }
    }
    free(strips);
}

/* The closing tag of an argument ends its content like the end of a file:
 * blanks in front of it on its own line are not content. */
static void trim_argument_ends(compiler *c)
{
    for (size_t i = 1; i < c->ntok; i++) {
        const token *t = &c->tok[i];
        token *before = &c->tok[i - 1];
        if (t->kind == TK_CLOSE && c->tok[t->match].is_argument &&
            before->kind == TK_TEXT && before->lline == t->lline &&
            starts_line(c, i - 1) && is_blank_text(before))
            before->dropped = true;
    }
}

/* A line holding one non-interpolation tag and blanks disappears whole:
 * the blanks and the line end are dropped. A standalone partial keeps its
 * blanks as the indentation of the partial's lines. */
static void mark_standalone_lines(compiler *c)
{
    size_t i = 0;
    while (i < c->ntok) {
        size_t j = i, tag = SIZE_MAX;
        bool alone = true;
        for (; j < c->ntok && c->tok[j].lline == c->tok[i].lline; j++) {
            const token *t = &c->tok[j];
            if (t->kind == TK_TEXT) {
                alone = alone && is_blank_text(t);
            } else {
                alone = alone && tag == SIZE_MAX && may_stand_alone(t->kind);
                tag = j;
            }
        }
        if (alone && tag != SIZE_MAX) {
            token *t = &c->tok[tag];
            t->standalone = true;
            if (t->kind == TK_PARTIAL && tag > i) {
                t->indent = c->tok[i].s;
                t->indent_len = c->tok[i].len;
            }
            for (size_t k = i; k < j; k++)
                if (c->tok[k].kind == TK_TEXT)
                    c->tok[k].dropped = true;
        }
        i = j;
    }
}

static bool clear_before(const compiler *c, size_t i)
{
    for (size_t k = i; k > 0 && c->tok[k - 1].lline == c->tok[i].lline; k--)
        if (!is_blank_text(&c->tok[k - 1]))
            return false;
    return true;
}

static bool clear_after(const compiler *c, size_t i)
{
    for (size_t k = i + 1; k < c->ntok && c->tok[k].lline == c->tok[i].lline;
         k++)
        if (!is_blank_text(&c->tok[k]))
            return false;
    return true;
}

/* Parents, and blocks outside parents, also stand alone as a whole element
 * when only blanks precede the opening tag and only blanks follow the
 * closing tag on their lines, even with the two tags on one line
 * ("  {{<parent}}{{/parent}}\n").
 * A parent then works like a standalone partial: the blanks in front become
 * the indentation of its lines, and the rest of the closing line goes.
 * A block then re-indents an overriding argument: with the intrinsic
 * indentation when its opening tag ended its line, else with the blanks in
 * front of it (which the default content gets back as they were). Unlike
 * a parent, the block keeps the end of its closing line: an argument
 * written inline ("{{$b}}text{{/b}}") carries no line end of its own. */
static void mark_standalone_elements(compiler *c)
{
    for (size_t i = 0; i < c->ntok; i++) {
        token *t = &c->tok[i];
        bool element = t->kind == TK_PARENT ||
                       (t->kind == TK_BLOCK && !t->is_argument);
        if (!element || !clear_before(c, i) || !clear_after(c, t->match))
            continue;
        t->pair_standalone = true;
        token *lead = i > 0 && c->tok[i - 1].lline == t->lline
                          ? &c->tok[i - 1] : NULL;
        if (t->kind == TK_BLOCK && t->at_eol)
            continue; /* intrinsic indentation, set by indent_blocks */
        t->indent = lead ? lead->s : NULL;
        t->indent_len = lead ? lead->len : 0;
        if (lead)
            lead->dropped = true;
        if (t->kind != TK_PARENT)
            continue;
        const token *close = &c->tok[t->match];
        for (size_t k = t->match + 1;
             k < c->ntok && c->tok[k].lline == close->lline; k++)
            c->tok[k].dropped = true;
    }
}

/* ---- step 4: the node tree ---- */

static mnode *add_node(mnode *parent, mnode_kind kind, int line)
{
    mnode *n = XARRAY_PUSH(parent->kids, parent->nkids, parent->capkids);
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->line = line;
    return n;
}

/* The next name part id; 0 is never given (it marks a free slot). */
static atomic_uint_fast64_t next_part_id = 1;

/* One allocation holds the name as written and, after it, a copy cut at
 * the dots that `parts` points into. */
static void set_name(mname *m, const char *s, size_t n)
{
    m->full = xmalloc(2 * n + 2);
    memcpy(m->full, s, n);
    m->full[n] = '\0';
    if (n == 1 && s[0] == '.')
        return; /* the implicit iterator: no parts */
    char *cut = m->full + n + 1;
    memcpy(cut, s, n);
    cut[n] = '\0';
    m->nparts = 1;
    for (size_t i = 0; i < n; i++)
        m->nparts += s[i] == '.';
    /* the hashes go after the part pointers, in the same block */
    m->parts = xmalloc(m->nparts * (sizeof *m->parts + sizeof *m->hashes));
    m->hashes = (uint32_t *)(m->parts + m->nparts);
    size_t k = 0;
    m->parts[k++] = cut;
    for (size_t i = 0; i < n; i++) {
        if (cut[i] == '.') {
            cut[i] = '\0';
            m->parts[k++] = cut + i + 1;
        }
    }
    for (k = 0; k < m->nparts; k++)
        m->hashes[k] = mustache_hash_key(m->parts[k]);
    m->id = atomic_fetch_add(&next_part_id, m->nparts);
}

static mnode_kind node_kind_of(tok_kind k)
{
    switch (k) {
    case TK_SECTION: return MNODE_SECTION;
    case TK_INVERTED: return MNODE_INVERTED;
    case TK_PARTIAL: return MNODE_PARTIAL;
    case TK_PARENT: return MNODE_PARENT;
    case TK_BLOCK: return MNODE_BLOCK;
    default: return MNODE_VAR;
    }
}

static mnode *add_tag_node(mnode *cur, const token *t)
{
    mnode *n = add_node(cur, node_kind_of(t->kind), t->line);
    set_name(&n->name, t->s, t->len);
    n->escape = t->kind == TK_VAR;
    n->is_argument = t->is_argument;
    n->at_eol = t->at_eol;
    n->standalone = t->kind == TK_PARTIAL ? t->standalone : t->pair_standalone;
    n->text = t->indent;
    n->len = t->indent_len;
    return n;
}

/* Whether a line starting at token t needs a line-start mark. Not for a
 * line that disappears, nor for the first line of an argument: where the
 * argument lands decides whether that is a fresh line. */
static bool wants_line_mark(const mnode *cur, const token *t)
{
    if (t->standalone)
        return false;
    return !(cur->kind == MNODE_BLOCK && cur->is_argument && cur->nkids == 0);
}

static void build_tree(compiler *c, mnode *root)
{
    mnode **stack = xmalloc((MUSTACHE_MAX_NESTING + 1) * sizeof *stack);
    size_t depth = 0;
    size_t last_lline = SIZE_MAX;
    stack[0] = root;
    for (size_t i = 0; i < c->ntok; i++) {
        const token *t = &c->tok[i];
        mnode *cur = stack[depth];
        if (cur->kind == MNODE_PARENT) {
            /* Only argument blocks count inside a parent; the rest is
             * skipped whole, lines included. */
            last_lline = t->lline;
            if (t->kind == TK_BLOCK)
                stack[++depth] = add_tag_node(cur, t);
            else if (t->kind == TK_CLOSE)
                depth--;
            else if (opens_element(t->kind))
                i = t->match; /* skip the whole element */
            continue;
        }
        if (t->kind == TK_TEXT && t->dropped)
            continue;
        if (t->lline != last_lline) {
            last_lline = t->lline;
            if (wants_line_mark(cur, t))
                add_node(cur, MNODE_LINE, t->line);
        }
        switch (t->kind) {
        case TK_TEXT:
            if (t->len) {
                mnode *n = add_node(cur, MNODE_TEXT, t->line);
                n->text = t->s;
                n->len = t->len;
            }
            break;
        case TK_VAR:
        case TK_RAW:
        case TK_PARTIAL:
            add_tag_node(cur, t);
            break;
        case TK_SECTION:
        case TK_INVERTED:
        case TK_PARENT:
        case TK_BLOCK:
            stack[++depth] = add_tag_node(cur, t);
            break;
        case TK_CLOSE:
            depth--;
            break;
        case TK_COMMENT:
        case TK_DELIM:
            break;
        }
    }
    free(stack);
}

/* ---- step 5: text runs ----
 *
 * Most template lines are plain text, and a line is a LINE mark and a
 * TEXT node: rendering them one by one costs a call per line. Where the
 * text of several nodes is contiguous in the source, the nodes go under
 * one TEXT_RUN, written in one piece whenever no indentation is owed. */

/* Whether kids[i] can join a run that ends with `last` (NULL: none yet). */
static bool continues_run(const mnode *last, const mnode *k)
{
    if (k->kind == MNODE_LINE)
        return true;
    if (k->kind != MNODE_TEXT)
        return false;
    return !last || last->text + last->len == k->text;
}

/* How many of kids[from..n) make up a run: LINE marks and contiguous
 * TEXT nodes, ending with a TEXT node; *texts counts those. */
static size_t run_length(const mnode *kids, size_t from, size_t n, size_t *texts)
{
    const mnode *last = NULL;
    size_t length = 0;
    *texts = 0;
    for (size_t i = from; i < n && continues_run(last, &kids[i]); i++) {
        if (kids[i].kind == MNODE_TEXT) {
            last = &kids[i];
            length = i - from + 1;
            ++*texts;
        }
    }
    return length;
}

/* A TEXT_RUN node holding copies of the nodes kids[0, length). */
static mnode make_run(const mnode *kids, size_t length)
{
    mnode run;
    memset(&run, 0, sizeof run);
    run.kind = MNODE_TEXT_RUN;
    run.line = kids[0].line;
    run.kids = xmalloc(length * sizeof *run.kids);
    memcpy(run.kids, kids, length * sizeof *run.kids);
    run.nkids = run.capkids = length;
    for (size_t i = 0; i < length; i++) {
        if (run.kids[i].kind != MNODE_TEXT)
            continue;
        if (!run.text)
            run.text = run.kids[i].text;
        run.len = (size_t)(run.kids[i].text + run.kids[i].len - run.text);
    }
    return run;
}

/* One pass over the kids, compacting them in place as runs replace their
 * nodes: a template of thousands of lines is not shifted once per run. */
static void group_text_runs(mnode *parent)
{
    size_t out = 0;
    for (size_t i = 0; i < parent->nkids;) {
        size_t texts, length = run_length(parent->kids, i, parent->nkids, &texts);
        if (texts >= 2) {
            parent->kids[out++] = make_run(&parent->kids[i], length);
            i += length;
        } else {
            group_text_runs(&parent->kids[i]);
            parent->kids[out++] = parent->kids[i++];
        }
    }
    parent->nkids = out;
}

mustache_template *mustache_compile(const char *text, size_t len,
                                    const char *name, mustache_error *err)
{
    mustache_error scratch;
    mustache_template *t = xcalloc(1, sizeof *t);
    t->name = xstrdup(name ? name : "<template>");
    t->source = xmalloc(len + 1);
    if (len)
        memcpy(t->source, text, len);
    t->source[len] = '\0';
    compiler c = {
        .name = t->name, .src = t->source, .len = len,
        .err = err ? err : &scratch,
        .otag = "{{", .olen = 2, .ctag = "}}", .clen = 2, .line = 1,
    };
    bool ok = lex(&c) == 0 && match_tags(&c) == 0;
    if (ok) {
        indent_blocks(&c);
        trim_argument_ends(&c);
        mark_standalone_lines(&c);
        mark_standalone_elements(&c);
        build_tree(&c, &t->root);
        group_text_runs(&t->root);
    }
    free(c.tok);
    if (!ok) {
        mustache_template_free(t);
        return NULL;
    }
    return t;
}
