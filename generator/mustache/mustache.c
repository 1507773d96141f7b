/* Template lifetime, error messages and the cache of compiled templates.
 * Compiling lives in mustache_parse.c, rendering in mustache_render.c. */
#include "mustache_internal.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void mustache_set_error(mustache_error *err, const char *name, int line,
                        const char *fmt, ...)
{
    if (!err)
        return;
    err->line = line;
    int n;
    if (line > 0)
        n = snprintf(err->message, sizeof err->message, "%s:%d: ", name, line);
    else
        n = snprintf(err->message, sizeof err->message, "%s: ", name);
    if (n < 0 || (size_t)n >= sizeof err->message)
        return; /* the name alone filled the buffer: keep it truncated */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message + n, sizeof err->message - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Frees what a node owns; the node itself lives in its parent's array.
 * Recursion is bounded by MUSTACHE_MAX_NESTING, checked when compiling. */
void mustache_node_free(mnode *n)
{
    for (size_t i = 0; i < n->nkids; i++)
        mustache_node_free(&n->kids[i]);
    free(n->kids);
    free(n->name.full);
    free(n->name.parts); /* the part strings live inside `full` */
}

void mustache_template_free(mustache_template *t)
{
    if (!t)
        return;
    mustache_node_free(&t->root);
    free(t->name);
    free(t->source);
    free(t);
}

const char *mustache_template_name(const mustache_template *t)
{
    return t->name;
}

/* ---- cache: an open-addressing hash table from name to template ---- */

typedef struct cache_entry {
    char *name;             /* NULL: free slot */
    mustache_template *tpl; /* NULL: remembered as missing */
} cache_entry;

struct mustache_cache {
    mustache_source_fn load;
    void *ctx;
    cache_entry *slots;
    size_t nslots; /* a power of two */
    size_t used;
};

mustache_cache *mustache_cache_new(mustache_source_fn load, void *ctx)
{
    mustache_cache *c = xcalloc(1, sizeof *c);
    c->load = load;
    c->ctx = ctx;
    c->nslots = 16;
    c->slots = xcalloc(c->nslots, sizeof *c->slots);
    return c;
}

void mustache_cache_free(mustache_cache *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nslots; i++) {
        free(c->slots[i].name);
        mustache_template_free(c->slots[i].tpl);
    }
    free(c->slots);
    free(c);
}

static size_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return (size_t)h;
}

/* The slot holding `name`, or the free slot where it belongs. */
static cache_entry *cache_slot(cache_entry *slots, size_t nslots,
                               const char *name)
{
    size_t i = hash_name(name) & (nslots - 1);
    while (slots[i].name && strcmp(slots[i].name, name) != 0)
        i = (i + 1) & (nslots - 1);
    return &slots[i];
}

static void cache_grow(mustache_cache *c)
{
    size_t nslots = c->nslots * 2;
    cache_entry *slots = xcalloc(nslots, sizeof *slots);
    for (size_t i = 0; i < c->nslots; i++)
        if (c->slots[i].name)
            *cache_slot(slots, nslots, c->slots[i].name) = c->slots[i];
    free(c->slots);
    c->slots = slots;
    c->nslots = nslots;
}

static void cache_insert(mustache_cache *c, const char *name,
                         mustache_template *tpl)
{
    if (2 * (c->used + 1) > c->nslots)
        cache_grow(c);
    cache_entry *e = cache_slot(c->slots, c->nslots, name);
    e->name = xstrdup(name);
    e->tpl = tpl;
    c->used++;
}

/* Asks the loader for the text and compiles it; NULL tpl when missing. */
static int cache_load(mustache_cache *c, const char *name,
                      mustache_template **tpl, mustache_error *err)
{
    strbuf text = STRBUF_INIT, file = STRBUF_INIT;
    int found = c->load ? c->load(c->ctx, name, &text, &file, err) : 0;
    *tpl = NULL;
    if (found > 0) {
        const char *shown = file.len ? strbuf_cstr(&file) : name;
        *tpl = mustache_compile(strbuf_cstr(&text), text.len, shown, err);
        if (!*tpl)
            found = -1;
    }
    strbuf_free(&text);
    strbuf_free(&file);
    return found;
}

int mustache_cache_get(mustache_cache *c, const char *name,
                       const mustache_template **out, mustache_error *err)
{
    cache_entry *e = cache_slot(c->slots, c->nslots, name);
    if (!e->name) {
        mustache_template *tpl;
        int found = cache_load(c, name, &tpl, err);
        if (found < 0) {
            *out = NULL;
            return -1; /* not remembered: the caller reports and stops */
        }
        cache_insert(c, name, tpl);
        e = cache_slot(c->slots, c->nslots, name);
    }
    *out = e->tpl;
    return e->tpl ? 1 : 0;
}

int mustache_cache_partial(void *cache, const char *name,
                           const mustache_template **out, mustache_error *err)
{
    return mustache_cache_get(cache, name, out, err);
}

/* ---- the names a template uses ---- */

static void node_names(const mnode *n, const mustache_names *use)
{
    switch (n->kind) {
    case MNODE_VAR:
    case MNODE_SECTION:
    case MNODE_INVERTED:
        for (size_t i = 0; i < n->name.nparts; i++)
            use->key(use->ctx, n->name.parts[i]);
        break;
    case MNODE_PARTIAL:
    case MNODE_PARENT:
        use->template_name(use->ctx, n->name.full);
        break;
    default: /* text, and blocks: their names are no keys of the view */
        break;
    }
    for (size_t i = 0; i < n->nkids; i++)
        node_names(&n->kids[i], use);
}

void mustache_template_names(const mustache_template *t, const mustache_names *use)
{
    node_names(&t->root, use);
}
