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
    struct context *ctx; /* the context stack; top is last */
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

enum { RENDER_START_ROOM = 16 * 1024 };

/* ---- output ---- */

/* strbuf_add, with the common case (the bytes fit) done here: output
 * comes in many short pieces. */
static void out_add(strbuf *out, const char *s, size_t n)
{
    if (out->cap - out->len <= n) {
        strbuf_add(out, s, n);
        return;
    }
    memcpy(out->data + out->len, s, n);
    out->len += n;
    out->data[out->len] = '\0';
}

static void emit(render_state *st, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (st->pending) {
        st->pending = false;
        bool empty_line = s[0] == '\n' || (s[0] == '\r' && n > 1 && s[1] == '\n');
        if (!empty_line && st->pend_to > st->pend_from)
            out_add(st->out, st->indent.data + st->pend_from,
                    st->pend_to - st->pend_from);
    }
    out_add(st->out, s, n);
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
 * field's view has some fifty keys): objects with many keys get an index
 * on first use, kept by the lookup cache. An object is known by its first
 * child: a reference to an object shares its children, and so its index.
 *
 * Objects built by the same code have the same keys at the same addresses
 * (keys that are string literals): such objects share one shape, the list
 * of their key pointers, so that each object only lists its items in
 * order. Where a name part of a template lies in a shape (or that it is
 * missing there) is found once, by hash and string comparison, and then
 * remembered by the part's id and the shape: the memo. Every later lookup
 * of that part in an object of that shape is one probe of the memo. Equal
 * key pointers are equal keys, since views do not change while the cache
 * knows them.
 *
 * Shapes and the memo outlive a clear of the cache, as the next views are
 * mostly of the same shapes. The key pointers may by then have been freed
 * and reused for other keys: a shape keeps a copy of its keys and, the
 * first time it is matched after a clear, checks that they still read the
 * same; a shape whose keys changed is retired. */
enum {
    SMALL_OBJECT = 8,
    /* past these a clear forgets the shapes and the memo too */
    MAX_KEPT_SHAPES = 1024,
    MAX_KEPT_MEMOS = 1 << 16,
};

typedef struct key_slot {
    const char *key; /* NULL: free; a copy, owned by the shape */
    uint32_t hash;
    uint32_t position; /* of the first item with that key */
} key_slot;

typedef struct object_shape {
    const char **keys;   /* the key pointers of its objects, in order */
    const char **copies; /* their text when the shape was made; keys,
                            copies and the text share one allocation */
    size_t nkeys;
    size_t signature; /* a hash of the key pointers */
    size_t table_at;  /* its place in the cache's table of shapes */
    key_slot *slots;
    uint32_t mask;
    bool retired;          /* its keys changed: it matches no object */
    unsigned long checked; /* the last era its keys were known right in */
} object_shape;

/* Where a name part lies in a shape. */
typedef struct name_memo {
    uint64_t part;  /* the part's id; 0: free */
    uint32_t shape; /* 1 + the shape's position */
    uint32_t found; /* 1 + the key's position in the shape; 0: missing */
} name_memo;

typedef struct object_index {
    const cJSON *first; /* the object's first child; NULL: free slot */
    size_t shape;       /* 1 + the shape's position; 0: a small object,
                           searched in order */
    size_t items;       /* where its children start in the item list */
} object_index;

/* A value on the context stack, with a copy of its index once a lookup
 * looked into it (an index does not change while the render lasts): most
 * lookups go down the stack, and then need no search for the index. */
typedef struct context {
    const cJSON *value;
    object_index ix; /* ix.first is value->child once it is filled */
} context;

struct mustache_lookup_cache {
    object_index *slots;
    size_t nslots; /* a power of two, or 0 */
    size_t used;
    size_t *filled; /* the slots in use, so that clearing is quick */
    size_t cap_filled;
    const cJSON **items; /* the children of the indexed objects */
    size_t nitems, cap_items;
    object_shape *shapes;
    size_t nshapes, cap_shapes;
    uint32_t *shape_slots; /* 1 + a shape's position; 0: free */
    size_t nshape_slots;   /* a power of two, or 0 */
    name_memo *memo;
    size_t nmemo; /* a power of two, or 0 */
    size_t used_memo;
    unsigned long era; /* clears so far */
    bool keys_kept;    /* no key is freed or changed while c lives */
};

mustache_lookup_cache *mustache_lookup_cache_new(void)
{
    return xcalloc(1, sizeof(mustache_lookup_cache));
}

void mustache_lookup_cache_keys_kept(mustache_lookup_cache *c)
{
    c->keys_kept = true;
}

static void forget_shapes(mustache_lookup_cache *c)
{
    for (size_t k = 0; k < c->nshapes; k++) {
        c->shape_slots[c->shapes[k].table_at] = 0;
        free(c->shapes[k].slots);
        free(c->shapes[k].keys);
    }
    c->nshapes = 0;
    if (c->used_memo)
        memset(c->memo, 0, c->nmemo * sizeof *c->memo);
    c->used_memo = 0;
}

void mustache_lookup_cache_clear(mustache_lookup_cache *c)
{
    for (size_t k = 0; k < c->used; k++)
        c->slots[c->filled[k]] = (object_index){NULL, 0, 0};
    c->used = 0;
    c->nitems = 0;
    c->era++;
    if (c->nshapes > MAX_KEPT_SHAPES || c->used_memo > MAX_KEPT_MEMOS)
        forget_shapes(c);
}

static void cache_release(mustache_lookup_cache *c)
{
    mustache_lookup_cache_clear(c);
    forget_shapes(c);
    free(c->slots);
    free(c->filled);
    free(c->items);
    free(c->shapes);
    free(c->shape_slots);
    free(c->memo);
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

/* Lists the children from `first` at the end of the item list; returns
 * how many, and the hash of their key pointers in *signature. */
static size_t list_items(mustache_lookup_cache *c, const cJSON *first,
                         size_t *signature)
{
    size_t n = 0, sig = 0;
    for (const cJSON *k = first; k; k = k->next, n++) {
        *XARRAY_PUSH(c->items, c->nitems, c->cap_items) = k;
        sig = (sig ^ (size_t)(uintptr_t)k->string) * 0x100000001b3ull;
    }
    *signature = sig ^ n;
    return n;
}

static bool same_keys(const mustache_lookup_cache *c, const object_shape *shape,
                      size_t items, size_t n)
{
    if (shape->nkeys != n)
        return false;
    for (size_t k = 0; k < n; k++)
        if (shape->keys[k] != c->items[items + k]->string)
            return false;
    return true;
}

static bool keys_unchanged(const object_shape *shape)
{
    for (size_t k = 0; k < shape->nkeys; k++)
        if (shape->keys[k] && strcmp(shape->keys[k], shape->copies[k]) != 0)
            return false;
    return true;
}

/* The key pointers of the n items listed from `items`, and a copy of
 * each key, in one allocation. */
static void copy_keys(const mustache_lookup_cache *c, object_shape *shape,
                      size_t items, size_t n)
{
    size_t text = 0;
    for (size_t k = 0; k < n; k++) {
        const char *key = c->items[items + k]->string;
        text += key ? strlen(key) + 1 : 0;
    }
    shape->keys = xmalloc(2 * n * sizeof *shape->keys + text);
    shape->copies = shape->keys + n;
    char *at = (char *)(shape->copies + n);
    for (size_t k = 0; k < n; k++) {
        const char *key = c->items[items + k]->string;
        shape->keys[k] = key;
        shape->copies[k] = NULL;
        if (!key)
            continue;
        size_t len = strlen(key) + 1;
        memcpy(at, key, len);
        shape->copies[k] = at;
        at += len;
    }
}

/* The first item of each key goes in: cJSON finds the first of twins. */
static void build_key_slots(object_shape *shape)
{
    size_t nslots = 16;
    while (nslots < 2 * shape->nkeys)
        nslots *= 2;
    shape->slots = xcalloc(nslots, sizeof *shape->slots);
    shape->mask = (uint32_t)(nslots - 1);
    for (size_t k = 0; k < shape->nkeys; k++) {
        const char *key = shape->copies[k];
        if (!key)
            continue;
        uint32_t h = mustache_hash_key(key), i = h & shape->mask;
        while (shape->slots[i].key &&
               !(shape->slots[i].hash == h && strcmp(shape->slots[i].key, key) == 0))
            i = (i + 1) & shape->mask;
        if (!shape->slots[i].key)
            shape->slots[i] = (key_slot){key, h, (uint32_t)k};
    }
}

static void grow_shape_slots(mustache_lookup_cache *c)
{
    size_t nslots = c->nshape_slots ? c->nshape_slots * 2 : 16;
    free(c->shape_slots);
    c->shape_slots = xcalloc(nslots, sizeof *c->shape_slots);
    c->nshape_slots = nslots;
    for (size_t s = 0; s < c->nshapes; s++) {
        size_t i = c->shapes[s].signature & (nslots - 1);
        while (c->shape_slots[i])
            i = (i + 1) & (nslots - 1);
        c->shape_slots[i] = (uint32_t)(s + 1);
        c->shapes[s].table_at = i;
    }
}

/* Whether a known shape with the key pointers of these items is theirs:
 * after a clear, once per era, only if its keys still read the same. */
static bool shape_fits(mustache_lookup_cache *c, object_shape *known,
                       size_t items, size_t n, size_t signature)
{
    if (known->retired || known->signature != signature ||
        !same_keys(c, known, items, n))
        return false;
    if (!c->keys_kept && known->checked != c->era) {
        known->retired = !keys_unchanged(known);
        known->checked = c->era;
    }
    return !known->retired;
}

/* The shape of the n items listed from `items`: a known one with the same
 * key pointers, else a new one. Returns 1 + its position. */
static size_t shape_of(mustache_lookup_cache *c, size_t items, size_t n,
                       size_t signature)
{
    if (2 * (c->nshapes + 1) > c->nshape_slots)
        grow_shape_slots(c);
    size_t mask = c->nshape_slots - 1, i = signature & mask;
    for (; c->shape_slots[i]; i = (i + 1) & mask)
        if (shape_fits(c, &c->shapes[c->shape_slots[i] - 1], items, n, signature))
            return c->shape_slots[i];
    object_shape *shape = XARRAY_PUSH(c->shapes, c->nshapes, c->cap_shapes);
    *shape = (object_shape){.nkeys = n, .signature = signature, .table_at = i,
                            .checked = c->era};
    copy_keys(c, shape, items, n);
    build_key_slots(shape);
    c->shape_slots[i] = (uint32_t)c->nshapes;
    return c->nshapes;
}

/* The index of a new object: listed, and shaped when not small. Kept out
 * of line: the lookups that need it are few. */
static __attribute__((noinline)) const object_index *
index_of(mustache_lookup_cache *c, const cJSON *first)
{
    if (2 * (c->used + 1) > c->nslots)
        grow_cache(c);
    object_index *ix = object_slot(c->slots, c->nslots, first);
    if (!ix->first) {
        ix->first = first;
        ix->shape = 0;
        ix->items = c->nitems;
        c->filled[c->used++] = (size_t)(ix - c->slots);
        size_t signature, n = list_items(c, first, &signature);
        if (n <= SMALL_OBJECT)
            c->nitems = ix->items; /* searched in order: nothing to keep */
        else
            ix->shape = shape_of(c, ix->items, n, signature);
    }
    return ix;
}

static size_t memo_hash(uint64_t part, uint32_t shape)
{
    uint64_t x = (part ^ ((uint64_t)shape << 40)) * 0x9e3779b97f4a7c15ull;
    return (size_t)(x ^ (x >> 32));
}

static name_memo *memo_slot(name_memo *memo, size_t nmemo, uint64_t part,
                            uint32_t shape)
{
    size_t i = memo_hash(part, shape) & (nmemo - 1);
    while (memo[i].part && !(memo[i].part == part && memo[i].shape == shape))
        i = (i + 1) & (nmemo - 1);
    return &memo[i];
}

static void grow_memo(mustache_lookup_cache *c)
{
    size_t nmemo = c->nmemo ? c->nmemo * 2 : 256;
    name_memo *memo = xcalloc(nmemo, sizeof *memo);
    for (size_t i = 0; i < c->nmemo; i++)
        if (c->memo[i].part)
            *memo_slot(memo, nmemo, c->memo[i].part, c->memo[i].shape) = c->memo[i];
    free(c->memo);
    c->memo = memo;
    c->nmemo = nmemo;
}

/* A part not yet memoised for this shape: found by hash and comparison,
 * then remembered. Returns 1 + its position, or 0 when missing. */
static __attribute__((noinline)) uint32_t
find_in_shape(mustache_lookup_cache *c, uint32_t shape_id, uint64_t part,
              const char *key, uint32_t hash)
{
    const object_shape *shape = &c->shapes[shape_id - 1];
    uint32_t found = 0;
    for (uint32_t i = hash & shape->mask; shape->slots[i].key && !found;
         i = (i + 1) & shape->mask)
        if (shape->slots[i].hash == hash && strcmp(shape->slots[i].key, key) == 0)
            found = shape->slots[i].position + 1;
    if (2 * (c->used_memo + 1) > c->nmemo)
        grow_memo(c);
    *memo_slot(c->memo, c->nmemo, part, shape_id) = (name_memo){part, shape_id, found};
    c->used_memo++;
    return found;
}

static inline const cJSON *shaped_get(mustache_lookup_cache *c, const object_index *ix,
                                      const mname *name, size_t k)
{
    uint64_t part = name->id + k;
    uint32_t shape = (uint32_t)ix->shape, found;
    const name_memo *m = c->nmemo ? memo_slot(c->memo, c->nmemo, part, shape) : NULL;
    if (m && m->part)
        found = m->found;
    else
        found = find_in_shape(c, shape, part, name->parts[k], name->hashes[k]);
    return found ? c->items[ix->items + found - 1] : NULL;
}

static bool is_type(const cJSON *v, int type)
{
    return (v->type & 0xFF) == type;
}

/* Part k of the name in the object indexed by ix. Inline: it is the
 * step of every lookup, mostly one probe of the memo. */
static inline const cJSON *indexed_get(mustache_lookup_cache *c, const object_index *ix,
                                const mname *name, size_t k)
{
    if (ix->shape)
        return shaped_get(c, ix, name, k);
    const char *key = name->parts[k];
    for (const cJSON *item = ix->first; item; item = item->next)
        if (item->string && item->string[0] == key[0] && strcmp(item->string, key) == 0)
            return item;
    return NULL;
}

static bool has_keys(const cJSON *v)
{
    return is_type(v, cJSON_Object) && v->child;
}

/* The first part of the name in a context. */
static const cJSON *context_get(render_state *st, context *at, const mname *name)
{
    if (!has_keys(at->value))
        return NULL;
    if (at->ix.first != at->value->child)
        at->ix = *index_of(st->cache, at->value->child);
    return indexed_get(st->cache, &at->ix, name, 0);
}

/* The first part is searched down the context stack; later parts only
 * inside what the first found ("a.b" fails if the nearest "a" has no
 * "b", even when a farther "a" has one). */
static const cJSON *lookup(render_state *st, const mname *name)
{
    if (name->nparts == 0)
        return st->nctx ? st->ctx[st->nctx - 1].value : NULL;
    const cJSON *v = NULL;
    for (size_t i = st->nctx; i-- > 0 && !v;)
        v = context_get(st, &st->ctx[i], name);
    for (size_t k = 1; v && k < name->nparts; k++)
        v = has_keys(v) ? indexed_get(st->cache, index_of(st->cache, v->child), name, k)
                        : NULL;
    return v;
}

/* Falsy: missing, false, null, empty list. Numbers (0 too) and strings
 * ("" too) are truthy, as in the spec's reference implementation. */
static bool is_falsy(const cJSON *v)
{
    return !v || is_type(v, cJSON_False) || is_type(v, cJSON_NULL) ||
           (is_type(v, cJSON_Array) && !v->child);
}

static void push_context(render_state *st, const cJSON *v)
{
    *XARRAY_PUSH(st->ctx, st->nctx, st->capctx) = (context){v, {NULL, 0, 0}};
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
    if (is_type(v, cJSON_String) || is_type(v, cJSON_Raw)) {
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
    if (is_type(v, cJSON_Array)) {
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

/* A run of text lines: in one piece when its line starts owe nothing,
 * which they do not when no indentation is in force (then the first
 * mark, merged with a pending one, spans nothing either). */
static void render_text_run(render_state *st, const mustache_template *tpl,
                            const mnode *n)
{
    bool owes_nothing = st->indent.len <= st->indent_base &&
                        (!st->pending || (st->pend_from == st->indent_base &&
                                          st->pend_to == st->indent_base));
    if (!owes_nothing) {
        render_kids(st, tpl, n->kids, n->nkids);
        return;
    }
    st->pending = false;
    out_add(st->out, n->text, n->len);
}

static int render_kids(render_state *st, const mustache_template *tpl,
                       const mnode *kids, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const mnode *k = &kids[i];
        int rc = 0;
        switch (k->kind) {
        case MNODE_TEXT: emit(st, k->text, k->len); break;
        case MNODE_TEXT_RUN: render_text_run(st, tpl, k); break;
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
    /* Room for a typical file up front: growing by doubling from
     * nothing copies the output over and over. */
    strbuf_reserve(out, RENDER_START_ROOM);
    strbuf_add(out, "", 0); /* NUL-terminated even when nothing renders */
    for (size_t i = 0; i < nviews; i++)
        if (views[i])
            push_context(&st, views[i]);
    mustache_lookup_cache own = {0};
    st.cache = st.opts->lookup_cache ? st.opts->lookup_cache : &own;
    int rc = render_kids(&st, t, t->root.kids, t->root.nkids);
    cache_release(&own);
    free(st.ctx);
    free(st.scopes);
    strbuf_free(&st.indent);
    return rc;
}
