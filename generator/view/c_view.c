/* Entry point of the view: builds the view of a model's types in passes
 * (index types, resolve bases, name everything, describe each type, list
 * derived types and files). */
#include "view/c_view.h"

#include <stdlib.h>
#include <string.h>

#include "util/json_arena.h"
#include "util/parallel.h"
#include "util/xalloc.h"
#include "view/c_names.h"
#include "view/c_view_internal.h"

static int is_lower_alnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int c_view_prefix_valid(const char *prefix, strbuf *error)
{
    int ok = prefix && prefix[0] >= 'a' && prefix[0] <= 'z';
    for (const char *p = prefix; ok && *p; p++)
        ok = is_lower_alnum(*p) || (*p == '_' && is_lower_alnum(p[1]));
    /* Single underscores only: the runtime's private names start with
     * "<prefix>__", which no type name can then produce. */
    if (ok && !c_is_reserved_word(prefix))
        return 1;
    strbuf_printf(error,
                  "prefix '%s': use lower-case letters, digits and single "
                  "underscores, starting with a letter (e.g. graph)",
                  prefix ? prefix : "");
    return 0;
}

/* microsoft.graph -> graph; a namespace without letters -> api. */
static char *prefix_from_namespace(const char *namespace)
{
    const char *last = strrchr(namespace, '.');
    char *snake = c_snake_case(last ? last + 1 : namespace);
    if (*snake && !(snake[0] >= '0' && snake[0] <= '9') && !c_is_reserved_word(snake))
        return snake;
    free(snake);
    return xstrdup("api");
}

static void free_build(view_build *b)
{
    for (size_t i = 0; i < b->ntypes; i++) {
        free(b->types[i].qualified);
        free(b->types[i].c_name);
        free(b->types[i].upper_name);
        for (size_t k = 0; k < b->types[i].nconstants; k++)
            free(b->types[i].constants[k]);
        free(b->types[i].constants);
        free(b->types[i].unrecognized);
        name_index_free(b->types[i].declared);
    }
    free(b->types);
    free(b->prefix);
    free(b->upper_prefix);
    name_index_free(b->by_qualified);
    name_index_free(b->by_name);
    name_index_free(b->by_folded);
    name_index_free(b->globals);
    if (b->flag_runs) {
        pthread_mutex_destroy(&b->flag_runs_lock);
        free(b->flag_runs);
    }
    free(b->derived);
    free(b->derived_start);
}

/* ---- the root ---- */

static void add_file_name(cJSON *root, const char *key, const char *prefix,
                          const char *suffix)
{
    strbuf name = STRBUF_INIT;
    strbuf_printf(&name, "%s%s", prefix, suffix);
    view_add_string(root, key, name.data);
    strbuf_free(&name);
}

static void add_runtime_names(cJSON *root, const view_build *b)
{
    view_add_string(root, "prefix", b->prefix);
    view_add_string(root, "upper_prefix", b->upper_prefix);
    add_file_name(root, "error_type", b->prefix, "_error");
    add_file_name(root, "umbrella_header", b->prefix, ".h");
    add_file_name(root, "umbrella_guard", b->upper_prefix, "_H");
    add_file_name(root, "runtime_header", b->prefix, "_runtime.h");
    add_file_name(root, "runtime_guard", b->upper_prefix, "_RUNTIME_H");
    add_file_name(root, "runtime_source", b->prefix, "_runtime.c");
    add_file_name(root, "internal_header", b->prefix, "_internal.h");
    add_file_name(root, "internal_guard", b->upper_prefix, "_INTERNAL_H");
    add_file_name(root, "forward_header", b->prefix, "_forward.h");
    add_file_name(root, "forward_guard", b->upper_prefix, "_FORWARD_H");
    add_file_name(root, "pkgconfig_file", b->prefix, ".pc.in");
}

static void add_marker(cJSON *root, const view_build *b)
{
    strbuf raw = STRBUF_INIT, safe = STRBUF_INIT;
    strbuf_printf(&raw, "%s from the %s API reference. %s.", C_VIEW_MARKER_TAG,
                  b->namespace, C_VIEW_MARKER_WARNING);
    c_append_comment_text(&safe, raw.data);
    view_add_string(root, "marker", safe.data);
    strbuf_free(&raw);
    strbuf_free(&safe);
}

static void add_file_ref(cJSON *list, const char *file)
{
    cJSON *ref = cJSON_CreateObject();
    view_add_string(ref, "file", file);
    cJSON_AddItemToArray(list, ref);
}

/* Every source and public header, for the generated meson.build. */
static void add_file_lists(cJSON *root, const view_build *b)
{
    cJSON *sources = cJSON_CreateArray(), *headers = cJSON_CreateArray();
    add_file_ref(sources, view_json_string(root, "runtime_source"));
    add_file_ref(headers, view_json_string(root, "umbrella_header"));
    add_file_ref(headers, view_json_string(root, "runtime_header"));
    add_file_ref(headers, view_json_string(root, "forward_header"));
    for (size_t i = 0; i < b->ntypes; i++) {
        add_file_ref(sources, view_json_string(b->types[i].view, "source_file"));
        add_file_ref(headers, view_json_string(b->types[i].view, "header"));
    }
    view_add_item(root, "sources", sources);
    view_add_item(root, "headers", headers);
}

struct c_view {
    view_build b;
    cJSON *root;
    cJSON *lists[2]; /* the root's "types" and "enums" */
};

/* The root, with each type's entry in its list. */
static cJSON *assemble(view_build *b, cJSON *lists[2])
{
    cJSON *root = cJSON_CreateObject();
    view_add_string(root, "namespace", b->namespace);
    view_add_owned_string(root, "namespace_c", view_string_body(b->namespace));
    add_runtime_names(root, b);
    add_marker(root, b);
    view_add_string(root, "version", "1.0.0");
    lists[0] = cJSON_CreateArray();
    lists[1] = cJSON_CreateArray();
    for (size_t i = 0; i < b->ntypes; i++) {
        view_type *t = &b->types[i];
        t->view = view_type_entry(b, i);
        cJSON_AddItemToArray(lists[t->kind == VIEW_ENUM], t->view);
    }
    view_add_bool(root, "has_types", lists[0]->child != NULL);
    view_add_bool(root, "has_enums", lists[1]->child != NULL);
    view_add_item(root, "types", lists[0]);
    view_add_item(root, "enums", lists[1]);
    add_file_lists(root, b);
    return root;
}

c_view *c_view_begin(const model *m, const char *prefix, json_arena *view_arena, strbuf *error)
{
    c_view *v = xcalloc(1, sizeof *v);
    view_build *b = &v->b;
    b->error = error;
    b->arena = view_arena;
    /* the namespace the schema output gives a model that names none */
    b->namespace = m->default_namespace ? m->default_namespace : "microsoft.graph";
    b->prefix = prefix ? xstrdup(prefix) : prefix_from_namespace(b->namespace);
    b->by_qualified = name_index_new();
    b->by_name = name_index_new();
    b->by_folded = name_index_new();
    b->globals = name_index_new();
    int ok = c_view_prefix_valid(b->prefix, error);
    if (ok) {
        b->upper_prefix = c_upper_case(b->prefix);
        ok = view_index_types(b, m) == 0 && view_resolve_bases(b) == 0;
    }
    if (!ok) {
        free_build(b);
        free(v);
        return NULL;
    }
    view_name_types(b);
    view_index_declared(b);
    view_list_derived(b);
    json_arena_enter(view_arena);
    view_make_kind_tails(b);
    v->root = assemble(b, v->lists);
    json_arena_leave();
    return v;
}

const cJSON *c_view_root(const c_view *v) { return v->root; }

size_t c_view_count(const c_view *v) { return v->b.ntypes; }

int c_view_is_enum(const c_view *v, size_t i) { return v->b.types[i].kind == VIEW_ENUM; }

const cJSON *c_view_entry(const c_view *v, size_t i) { return v->b.types[i].view; }

cJSON *c_view_type(c_view *v, size_t i)
{
    view_build *b = &v->b;
    return b->types[i].kind == VIEW_OBJECT ? view_object_type(b, i) : view_enum_type(b, i);
}

/* One type's whole view, into the view's arena: the types' views are
 * independent of each other (they only read the names settled before),
 * so they are built on several threads. */
static void build_type_view(size_t i, void *ctx)
{
    c_view *v = ctx;
    json_arena_enter(v->b.arena); /* once per thread: nothing when already in */
    v->b.types[i].view = c_view_type(v, i);
}

/* Makes the items of list the given views, in order. */
static void relink(cJSON *list, const view_build *b, view_kind kind)
{
    cJSON *first = NULL, *last = NULL;
    for (size_t i = 0; i < b->ntypes; i++) {
        if (b->types[i].kind != kind)
            continue;
        cJSON *item = b->types[i].view;
        item->prev = last;
        item->next = NULL;
        if (last)
            last->next = item;
        else
            first = item;
        last = item;
    }
    if (first)
        first->prev = last;
    list->child = first;
}

void c_view_complete(c_view *v, int jobs, work_pool *pool)
{
    view_build *b = &v->b;
    /* The entries the whole views replace; an arena drops them with the
     * rest. */
    cJSON *entries[2] = {NULL, NULL};
    for (int l = 0; l < 2 && !b->arena; l++) {
        entries[l] = cJSON_CreateArray();
        entries[l]->child = v->lists[l]->child;
    }
    json_arena_enter(b->arena);
    view_share_flag_runs(b);
    parallel_for_in(pool, b->ntypes, jobs, build_type_view, v);
    json_arena_leave();
    relink(v->lists[0], b, VIEW_OBJECT);
    relink(v->lists[1], b, VIEW_ENUM);
    cJSON_Delete(entries[0]);
    cJSON_Delete(entries[1]);
}

cJSON *c_view_end(c_view *v)
{
    if (!v)
        return NULL;
    cJSON *root = v->root;
    free_build(&v->b);
    free(v);
    return root;
}

cJSON *c_view_build(const model *m, const char *prefix, strbuf *error)
{
    return c_view_build_in(m, prefix, 1, NULL, NULL, error);
}

cJSON *c_view_build_json(const cJSON *model_json, const char *prefix, strbuf *error)
{
    model *m = model_types_from_json(model_json, error);
    if (!m)
        return NULL;
    cJSON *view = c_view_build(m, prefix, error);
    model_free(m);
    return view;
}

cJSON *c_view_build_in(const model *m, const char *prefix, int jobs, work_pool *pool,
                       json_arena *view_arena, strbuf *error)
{
    c_view *v = c_view_begin(m, prefix, view_arena, error);
    if (!v)
        return NULL;
    c_view_complete(v, jobs, pool);
    return c_view_end(v);
}
