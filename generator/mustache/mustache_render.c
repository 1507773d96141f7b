/* Rendering a compiled template against a cJSON view.
 *
 * Indentation: a standalone partial or parent puts its indentation in
 * front of every line of the expanded template. Rather than re-compiling
 * the partial with indented text, the renderer keeps the indentation of the
 * enclosing expansions in one buffer; MNODE_LINE marks where a template line
 * starts, and the owed indentation is written just before the first byte
 * of output that follows (never before a line end, so empty lines stay
 * empty). An inline partial starts afresh: its lines are not indented.
 */
#include "mustache_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

/* Arguments passed by a parent tag being expanded. */
typedef struct override_scope {
    const mnode *parent;
    const mustache_template *tpl; /* where the arguments were written */
} override_scope;

typedef struct render_state {
    const mustache_options *opts;
    int max_depth;
    strbuf *out;
    mustache_error *err;
    const cJSON **ctx; /* the context stack; top is last */
    size_t nctx;
    size_t capctx;
    override_scope *scopes; /* outermost first: outer arguments win */
    size_t nscopes;
    size_t capscopes;
    strbuf indent;      /* indentation of the enclosing expansions */
    size_t indent_base; /* an inline partial ignores what precedes this */
    bool pending;       /* a line started and nothing is written yet: */
    size_t pend_from;   /* it owes indent[pend_from, pend_to) */
    size_t pend_to;
    int nesting;    /* sections and expansions in progress */
    int expansions; /* partials, parents and overrides in progress */
    long steps;     /* section passes and expansions so far */
    long max_steps;
    mustache_lookup_cache *cache; /* the options' or this render's own */
} render_state;

static int render_kids(render_state *st, const mustache_template *tpl,
                       const mnode *kids, size_t n);

/* ---- output ---- */

static void emit(render_state *st, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (st->pending) {
        st->pending = false;
        bool empty_line = s[0] == '\n' || (s[0] == '\r' && n > 1 && s[1] == '\n');
        if (!empty_line && st->pend_to > st->pend_from)
            strbuf_add(st->out, st->indent.data + st->pend_from,
                       st->pend_to - st->pend_from);
    }
    strbuf_add(st->out, s, n);
}

static void emit_html_escaped(render_state *st, const char *s, size_t n)
{
    size_t done = 0;
    for (size_t i = 0; i < n; i++) {
        const char *entity;
        switch (s[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
        }
        emit(st, s + done, i - done);
        emit(st, entity, strlen(entity));
        done = i + 1;
    }
    emit(st, s + done, n - done);
}

/* A template line starts: the next output owes the current indentation.
 * Several line starts at one spot (a partial opening with a line start
 * inside a line start) owe the widest of their indentations. */
static void mark_line_start(render_state *st)
{
    size_t from = st->indent_base, to = st->indent.len;
    if (st->pending) {
        from = st->pend_from < from ? st->pend_from : from;
        to = st->pend_to > to ? st->pend_to : to;
    }
    st->pending = true;
    st->pend_from = from;
    st->pend_to = to;
}

/* Drops the indentation added since the buffer was `len` long. */
static void indent_restore(render_state *st, size_t len)
{
    st->indent.len = len;
    if (st->indent.data)
        st->indent.data[len] = '\0';
    if (st->pend_to > len)
        st->pend_to = len;
    if (st->pend_from > st->pend_to)
        st->pend_from = st->pend_to;
}

/* ---- looking up names ---- */

/* A name is looked up in several objects per tag (down the context
 * stack), and a template looks up dozens of names in the same objects (a
 * field's view has some fifty keys): objects with many keys get a hash
 * index of their keys on first use, kept by the lookup cache. An object is
 * known by its first child: a reference to an object shares its children,
 * and so its index. */
enum { SMALL_OBJECT = 8 };

typedef struct key_slot {
    const cJSON *item; /* NULL: free */
    uint32_t hash;
} key_slot;

typedef struct object_index {
    const cJSON *first; /* the object's first child; NULL: free slot */
    key_slot *keys;     /* NULL: a small object, searched in order */
    uint32_t mask;
} object_index;

struct mustache_lookup_cache {
    object_index *slots;
    size_t nslots; /* a power of two, or 0 */
    size_t used;
    size_t *filled; /* the slots in use, so that clearing is quick */
    size_t cap_filled;
};

mustache_lookup_cache *mustache_lookup_cache_new(void)
{
    return xcalloc(1, sizeof(mustache_lookup_cache));
}

void mustache_lookup_cache_clear(mustache_lookup_cache *c)
{
    for (size_t k = 0; k < c->used; k++) {
        object_index *ix = &c->slots[c->filled[k]];
        free(ix->keys);
        *ix = (object_index){NULL, NULL, 0};
    }
    c->used = 0;
}

static void cache_release(mustache_lookup_cache *c)
{
    mustache_lookup_cache_clear(c);
    free(c->slots);
    free(c->filled);
}

void mustache_lookup_cache_free(mustache_lookup_cache *c)
{
    if (!c)
        return;
    cache_release(c);
    free(c);
}

static size_t hash_pointer(const void *p)
{
    uint64_t x = (uint64_t)(uintptr_t)p;
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdull;
    x ^= x >> 33;
    return (size_t)x;
}

static object_index *object_slot(object_index *slots, size_t nslots, const cJSON *first)
{
    size_t i = hash_pointer(first) & (nslots - 1);
    while (slots[i].first && slots[i].first != first)
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

static void grow_cache(mustache_lookup_cache *c)
{
    size_t nslots = c->nslots ? c->nslots * 2 : 64;
    object_index *slots = xcalloc(nslots, sizeof *slots);
    for (size_t k = 0; k < c->used; k++) {
        object_index *to = object_slot(slots, nslots, c->slots[c->filled[k]].first);
        *to = c->slots[c->filled[k]];
        c->filled[k] = (size_t)(to - slots);
    }
    free(c->slots);
    c->slots = slots;
    c->nslots = nslots;
    c->filled = xrealloc(c->filled, nslots / 2 * sizeof *c->filled);
    c->cap_filled = nslots / 2;
}

/* The first item of each key goes in: cJSON finds the first of twins. */
static void build_index(object_index *ix, const cJSON *first)
{
    size_t n = 0;
    for (const cJSON *c = first; c; c = c->next)
        n++;
    if (n <= SMALL_OBJECT)
        return;
    size_t nslots = 16;
    while (nslots < 2 * n)
        nslots *= 2;
    ix->keys = xcalloc(nslots, sizeof *ix->keys);
    ix->mask = (uint32_t)(nslots - 1);
    for (const cJSON *c = first; c; c = c->next) {
        if (!c->string)
            continue;
        uint32_t h = mustache_hash_key(c->string), i = h & ix->mask;
        while (ix->keys[i].item &&
               !(ix->keys[i].hash == h && strcmp(ix->keys[i].item->string, c->string) == 0))
            i = (i + 1) & ix->mask;
        if (!ix->keys[i].item)
            ix->keys[i] = (key_slot){c, h};
    }
}

static const object_index *index_of(mustache_lookup_cache *c, const cJSON *first)
{
    if (2 * (c->used + 1) > c->nslots)
        grow_cache(c);
    object_index *ix = object_slot(c->slots, c->nslots, first);
    if (!ix->first) {
        ix->first = first;
        ix->keys = NULL;
        c->filled[c->used++] = (size_t)(ix - c->slots);
        build_index(ix, first);
    }
    return ix;
}

static const cJSON *object_get(render_state *st, const cJSON *obj, const char *key,
                               uint32_t hash)
{
    if (!cJSON_IsObject(obj) || !obj->child)
        return NULL;
    const object_index *ix = index_of(st->cache, obj->child);
    if (!ix->keys) {
        for (const cJSON *c = obj->child; c; c = c->next)
            if (c->string && c->string[0] == key[0] && strcmp(c->string, key) == 0)
                return c;
        return NULL;
    }
    for (uint32_t i = hash & ix->mask; ix->keys[i].item; i = (i + 1) & ix->mask)
        if (ix->keys[i].hash == hash && strcmp(ix->keys[i].item->string, key) == 0)
            return ix->keys[i].item;
    return NULL;
}

/* The first part is searched down the context stack; later parts only
 * inside what the first found ("a.b" fails if the nearest "a" has no
 * "b", even when a farther "a" has one). */
static const cJSON *lookup(render_state *st, const mname *name)
{
    if (name->nparts == 0)
        return st->nctx ? st->ctx[st->nctx - 1] : NULL;
    const cJSON *v = NULL;
    for (size_t i = st->nctx; i-- > 0 && !v;)
        v = object_get(st, st->ctx[i], name->parts[0], name->hashes[0]);
    for (size_t k = 1; v && k < name->nparts; k++)
        v = object_get(st, v, name->parts[k], name->hashes[k]);
    return v;
}

/* Falsy: missing, false, null, empty list. Numbers (0 too) and strings
 * ("" too) are truthy, as in the spec's reference implementation. */
static bool is_falsy(const cJSON *v)
{
    return !v || cJSON_IsFalse(v) || cJSON_IsNull(v) ||
           (cJSON_IsArray(v) && !v->child);
}

static void push_context(render_state *st, const cJSON *v)
{
    *XARRAY_PUSH(st->ctx, st->nctx, st->capctx) = v;
}

/* ---- nesting limits ---- */

/* One section pass or expansion more; fails past the work limit. */
static int take_step(render_state *st, const mustache_template *tpl,
                     const mnode *n)
{
    if (++st->steps <= st->max_steps)
        return 0;
    mustache_set_error(st->err, tpl->name, n->line,
                       "rendering takes more than %ld steps at '%s' "
                       "(sections or partials repeating exponentially?)",
                       st->max_steps, n->name.full);
    return -1;
}

static int enter(render_state *st, const mustache_template *tpl,
                 const mnode *n, bool expansion)
{
    if (st->nesting >= MUSTACHE_MAX_NESTING) {
        mustache_set_error(st->err, tpl->name, n->line,
                           "sections and partials nested deeper than %d "
                           "levels", MUSTACHE_MAX_NESTING);
        return -1;
    }
    if (expansion && st->expansions >= st->max_depth) {
        mustache_set_error(st->err, tpl->name, n->line,
                           "'%s' expanded more than %d levels deep (does it "
                           "include itself?)", n->name.full, st->max_depth);
        return -1;
    }
    if (expansion && take_step(st, tpl, n) < 0)
        return -1;
    st->nesting++;
    st->expansions += expansion;
    return 0;
}

static void leave(render_state *st, bool expansion)
{
    st->nesting--;
    st->expansions -= expansion;
}

/* ---- nodes ---- */

/* Integers without a fraction; other numbers in the fewest digits that
 * read back as the same double (1.21, not 1.2099999999999999645). */
static void format_number(double d, char *buf, size_t size)
{
    if (d > -1e15 && d < 1e15 && d == (double)(long long)d) {
        snprintf(buf, size, "%lld", (long long)d);
        return;
    }
    for (int precision = 15; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, d);
        if (strtod(buf, NULL) == d)
            return;
    }
}

static void render_var(render_state *st, const mnode *n)
{
    const cJSON *v = lookup(st, &n->name);
    char number[64];
    const char *s;
    if (!v)
        return;
    if (cJSON_IsString(v) || cJSON_IsRaw(v)) {
        s = v->valuestring ? v->valuestring : "";
    } else if (cJSON_IsNumber(v)) {
        format_number(v->valuedouble, number, sizeof number);
        s = number;
    } else if (cJSON_IsBool(v)) {
        s = cJSON_IsTrue(v) ? "true" : "false";
    } else {
        return; /* null, list or object: nothing */
    }
    if (n->escape && st->opts->escape == MUSTACHE_ESCAPE_HTML)
        emit_html_escaped(st, s, strlen(s));
    else
        emit(st, s, strlen(s));
}

static int render_in_context(render_state *st, const mustache_template *tpl,
                             const mnode *n, const cJSON *v)
{
    if (take_step(st, tpl, n) < 0)
        return -1;
    push_context(st, v);
    int rc = render_kids(st, tpl, n->kids, n->nkids);
    st->nctx--;
    return rc;
}

/* A list renders the content once per item; anything else truthy once,
 * with the value on top of the context stack. */
static int render_section(render_state *st, const mustache_template *tpl,
                          const mnode *n)
{
    const cJSON *v = lookup(st, &n->name);
    if (is_falsy(v))
        return 0;
    if (enter(st, tpl, n, false) < 0)
        return -1;
    int rc = 0;
    if (cJSON_IsArray(v)) {
        for (const cJSON *item = v->child; item && rc == 0; item = item->next)
            rc = render_in_context(st, tpl, n, item);
    } else {
        rc = render_in_context(st, tpl, n, v);
    }
    leave(st, false);
    return rc;
}

static int render_inverted(render_state *st, const mustache_template *tpl,
                           const mnode *n)
{
    if (!is_falsy(lookup(st, &n->name)))
        return 0;
    if (enter(st, tpl, n, false) < 0)
        return -1;
    int rc = render_kids(st, tpl, n->kids, n->nkids);
    leave(st, false);
    return rc;
}

/* Adds where a failing partial was included from, when it fits. */
static void note_included_from(mustache_error *err,
                               const mustache_template *tpl, const mnode *n)
{
    size_t used = strlen(err->message);
    snprintf(err->message + used, sizeof err->message - used,
             " (included from %s:%d)", tpl->name, n->line);
}

/* The template a partial or parent tag names; *found NULL when unknown
 * and the options allow that. */
static int resolve(render_state *st, const mustache_template *tpl,
                   const mnode *n, const mustache_template **found)
{
    *found = NULL;
    int rc = 0;
    if (st->opts->partial) {
        st->err->message[0] = '\0';
        rc = st->opts->partial(st->opts->partial_ctx, n->name.full, found,
                               st->err);
        if (rc < 0) {
            if (!st->err->message[0])
                mustache_set_error(st->err, n->name.full, 0,
                                   "could not load this template");
            note_included_from(st->err, tpl, n);
            return -1;
        }
    }
    if (rc == 0 || !*found) {
        *found = NULL;
        if (st->opts->strict_partials) {
            mustache_set_error(st->err, tpl->name, n->line, "unknown %s '%s'",
                               n->kind == MNODE_PARENT ? "parent" : "partial",
                               n->name.full);
            return -1;
        }
    }
    return 0;
}

/* {{>name}} and {{<name}}...{{/name}}: the named template, rendered in the
 * current context; a parent also passes its argument blocks. */
static int render_expansion(render_state *st, const mustache_template *tpl,
                            const mnode *n)
{
    const mustache_template *sub;
    if (resolve(st, tpl, n, &sub) < 0)
        return -1;
    if (!sub)
        return 0;
    if (enter(st, tpl, n, true) < 0)
        return -1;
    size_t saved_len = st->indent.len, saved_base = st->indent_base;
    if (n->standalone) {
        strbuf_add(&st->indent, n->text, n->len);
        mark_line_start(st);
    } else {
        st->indent_base = st->indent.len;
    }
    if (n->kind == MNODE_PARENT)
        *XARRAY_PUSH(st->scopes, st->nscopes, st->capscopes) =
            (override_scope){n, tpl};
    int rc = render_kids(st, sub, sub->root.kids, sub->root.nkids);
    if (n->kind == MNODE_PARENT)
        st->nscopes--;
    indent_restore(st, saved_len);
    st->indent_base = saved_base;
    leave(st, true);
    return rc;
}

/* {{$name}}: the argument of that name from the outermost parent that
 * passes one, else the block's own content. */
static int render_block(render_state *st, const mustache_template *tpl,
                        const mnode *n)
{
    const mnode *arg = NULL;
    const mustache_template *arg_tpl = NULL;
    for (size_t i = 0; i < st->nscopes && !arg; i++) {
        const mnode *parent = st->scopes[i].parent;
        for (size_t k = 0; k < parent->nkids && !arg; k++) {
            if (strcmp(parent->kids[k].name.full, n->name.full) == 0) {
                arg = &parent->kids[k];
                arg_tpl = st->scopes[i].tpl;
            }
        }
    }
    if (enter(st, tpl, n, arg != NULL) < 0)
        return -1;
    int rc;
    if (!arg) {
        /* The blanks before a standalone block's tag, taken out of the
         * text to indent an override, belong in front of the default. */
        if (n->standalone && !n->at_eol)
            emit(st, n->text, n->len);
        rc = render_kids(st, tpl, n->kids, n->nkids);
    } else {
        size_t saved_len = st->indent.len;
        if (n->standalone) {
            strbuf_add(&st->indent, n->text, n->len);
            mark_line_start(st);
        }
        rc = render_kids(st, arg_tpl, arg->kids, arg->nkids);
        indent_restore(st, saved_len);
    }
    leave(st, arg != NULL);
    return rc;
}

static int render_kids(render_state *st, const mustache_template *tpl,
                       const mnode *kids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const mnode *k = &kids[i];
        int rc = 0;
        switch (k->kind) {
        case MNODE_TEXT: emit(st, k->text, k->len); break;
        case MNODE_LINE: mark_line_start(st); break;
        case MNODE_VAR: render_var(st, k); break;
        case MNODE_SECTION: rc = render_section(st, tpl, k); break;
        case MNODE_INVERTED: rc = render_inverted(st, tpl, k); break;
        case MNODE_PARTIAL:
        case MNODE_PARENT: rc = render_expansion(st, tpl, k); break;
        case MNODE_BLOCK: rc = render_block(st, tpl, k); break;
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int mustache_render(const mustache_template *t, const cJSON *view,
                    const mustache_options *opts, strbuf *out,
                    mustache_error *err)
{
    return mustache_render_stack(t, &view, view ? 1 : 0, opts, out, err);
}

int mustache_render_stack(const mustache_template *t,
                          const cJSON *const *views, size_t nviews,
                          const mustache_options *opts, strbuf *out,
                          mustache_error *err)
{
    static const mustache_options spec_defaults;
    mustache_error scratch;
    render_state st = {
        .opts = opts ? opts : &spec_defaults,
        .out = out,
        .err = err ? err : &scratch,
        .indent = STRBUF_INIT,
    };
    st.max_depth = st.opts->max_depth > 0 ? st.opts->max_depth
                                          : MUSTACHE_DEFAULT_MAX_DEPTH;
    st.max_steps = st.opts->max_steps > 0 ? st.opts->max_steps
                                          : MUSTACHE_DEFAULT_MAX_STEPS;
    strbuf_add(out, "", 0); /* NUL-terminated even when nothing renders */
    for (size_t i = 0; i < nviews; i++)
        if (views[i])
            push_context(&st, views[i]);
    mustache_lookup_cache own = {NULL, 0, 0, NULL, 0};
    st.cache = st.opts->lookup_cache ? st.opts->lookup_cache : &own;
    int rc = render_kids(&st, t, t->root.kids, t->root.nkids);
    cache_release(&own);
    free(st.ctx);
    free(st.scopes);
    strbuf_free(&st.indent);
    return rc;
}
