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
}

/* ---- derived types, for @odata.type dispatch ---- */

static void add_derived_ref(cJSON *derived, const view_type *t)
{
    cJSON *ref = cJSON_CreateObject();
    view_add_string(ref, "name", t->name);
    view_add_string(ref, "c_name", t->c_name);
    view_add_string(ref, "qualified_name", t->qualified);
    cJSON_AddItemToArray(derived, ref);
}

/* Each type goes into the list of every type up its base chain, in the
 * order of the types: one walk per type rather than one per pair. */
static void add_derived(view_build *b)
{
    cJSON **derived = xcalloc(b->ntypes ? b->ntypes : 1, sizeof *derived);
    for (size_t i = 0; i < b->ntypes; i++)
        if (b->types[i].kind == VIEW_OBJECT)
            derived[i] = cJSON_CreateArray();
    for (size_t i = 0; i < b->ntypes; i++)
        for (int at = b->types[i].base; at >= 0; at = b->types[at].base)
            add_derived_ref(derived[at], &b->types[i]);
    for (size_t i = 0; i < b->ntypes; i++) {
        if (b->types[i].kind != VIEW_OBJECT)
            continue;
        cJSON *view = b->types[i].view;
        view_add_bool(view, "has_derived", derived[i]->child != NULL);
        view_add_item(view, "derived", derived[i]);
    }
    free(derived);
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

/* The view of one type; the types' views are independent of each other
 * (they only read the names settled before), so they are built on
 * several threads. */
static void build_type_view(size_t i, void *ctx)
{
    view_build *b = ctx;
    json_arena_enter(b->arena); /* once per thread: nothing when already in */
    view_type *t = &b->types[i];
    t->view = t->kind == VIEW_OBJECT ? view_object_type(b, i) : view_enum_type(b, i);
}

static cJSON *assemble(view_build *b, int jobs, work_pool *pool)
{
    cJSON *root = cJSON_CreateObject();
    view_add_string(root, "namespace", b->namespace);
    view_add_owned_string(root, "namespace_c", view_string_body(b->namespace));
    add_runtime_names(root, b);
    add_marker(root, b);
    view_add_string(root, "version", "1.0.0");
    cJSON *objects = cJSON_CreateArray(), *enums = cJSON_CreateArray();
    view_index_declared(b);
    view_make_kind_tails(b);
    parallel_for_in(pool, b->ntypes, jobs, build_type_view, b);
    for (size_t i = 0; i < b->ntypes; i++) {
        view_type *t = &b->types[i];
        cJSON_AddItemToArray(t->kind == VIEW_OBJECT ? objects : enums, t->view);
    }
    add_derived(b);
    view_add_bool(root, "has_types", cJSON_GetArraySize(objects) > 0);
    view_add_bool(root, "has_enums", cJSON_GetArraySize(enums) > 0);
    view_add_item(root, "types", objects);
    view_add_item(root, "enums", enums);
    add_file_lists(root, b);
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
    view_build b = {0};
    b.error = error;
    b.arena = view_arena;
    /* the namespace the schema output gives a model that names none */
    b.namespace = m->default_namespace ? m->default_namespace : "microsoft.graph";
    b.prefix = prefix ? xstrdup(prefix) : prefix_from_namespace(b.namespace);
    if (!c_view_prefix_valid(b.prefix, error)) {
        free(b.prefix);
        return NULL;
    }
    b.upper_prefix = c_upper_case(b.prefix);
    b.by_qualified = name_index_new();
    b.by_name = name_index_new();
    b.by_folded = name_index_new();
    b.globals = name_index_new();
    cJSON *root = NULL;
    if (view_index_types(&b, m) == 0 && view_resolve_bases(&b) == 0) {
        view_name_types(&b);
        json_arena_enter(view_arena);
        root = assemble(&b, jobs, pool);
        json_arena_leave();
    }
    free_build(&b);
    return root;
}
