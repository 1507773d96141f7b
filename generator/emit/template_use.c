/* Walks the templates a file is rendered from (partials and parents
 * included, each once) and asks of every key they look up whether the
 * entries-only root can answer it as the whole view would. */
#include "emit/template_use.h"

#include <stdlib.h>
#include <string.h>

#include "emit/template_source.h"
#include "mustache/mustache.h"
#include "util/xalloc.h"

typedef struct walk {
    mustache_cache *cache;
    const cJSON *root;
    int library;    /* walking a library-wide file's templates */
    int needs_whole;
    char **seen;    /* templates walked for this file */
    size_t nseen, cap_seen;
} walk;

/* A key of the root, or of an item of one of its lists (the items of a
 * list all have the same keys). */
static int root_has(const cJSON *root, const char *key)
{
    if (cJSON_GetObjectItemCaseSensitive(root, key))
        return 1;
    const cJSON *member;
    cJSON_ArrayForEach(member, root) {
        if (cJSON_IsArray(member) && member->child &&
            cJSON_GetObjectItemCaseSensitive(member->child, key))
            return 1;
    }
    return 0;
}

static void check_key(void *ctx, const char *key)
{
    walk *w = ctx;
    if (w->needs_whole)
        return;
    if (w->library)
        w->needs_whole = !root_has(w->root, key);
    else
        w->needs_whole = strcmp(key, "types") == 0 || strcmp(key, "enums") == 0;
}

static void visit(void *ctx, const char *name)
{
    walk *w = ctx;
    if (w->needs_whole)
        return;
    for (size_t i = 0; i < w->nseen; i++)
        if (strcmp(w->seen[i], name) == 0)
            return;
    *XARRAY_PUSH(w->seen, w->nseen, w->cap_seen) = xstrdup(name);
    const mustache_template *t;
    mustache_error err;
    int found = mustache_cache_get(w->cache, name, &t, &err);
    if (found < 0) {
        w->needs_whole = 1;
        return;
    }
    if (found == 0)
        return; /* a missing partial: the rendering reports it */
    mustache_names use = {check_key, visit, w};
    mustache_template_names(t, &use);
}

static void forget_seen(walk *w)
{
    for (size_t i = 0; i < w->nseen; i++)
        free(w->seen[i]);
    w->nseen = 0;
}

static void walk_file(walk *w, const char *template_name)
{
    visit(w, template_name);
    forget_seen(w);
}

int templates_need_whole_views(const char *templates_dir, const cJSON *root,
                               const char *const *library, size_t nlibrary,
                               const char *const *per_type, size_t nper_type)
{
    template_source source = {.override_dir = templates_dir};
    walk w = {.cache = mustache_cache_new(template_source_load, &source), .root = root};
    w.library = 1;
    for (size_t i = 0; i < nlibrary && !w.needs_whole; i++)
        walk_file(&w, library[i]);
    w.library = 0;
    for (size_t i = 0; i < nper_type && !w.needs_whole; i++)
        walk_file(&w, per_type[i]);
    free(w.seen);
    mustache_cache_free(w.cache);
    return w.needs_whole;
}
