/* Renders every file of the generated library in memory first, so that a
 * template error leaves the output directory untouched, then hands the
 * set to output_dir to check or write. */
#include "emit/generate.h"

#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit/output_dir.h"
#include "emit/template_source.h"
#include "emit/template_use.h"
#include "model/model.h"
#include "mustache/mustache.h"
#include "util/json_arena.h"
#include "util/xalloc.h"
#include "view/c_view.h"

/* the job of a library-wide file */
#define NO_TYPE SIZE_MAX

/* One file to render: a template against the root view, with the view of
 * the type or enum it is about (if any) reachable as `key` from the root. */
typedef struct emit_job {
    const char *template_name;
    size_t type;     /* the type's index in the view, or NO_TYPE */
    const char *key; /* "type" or "enum" */
    const char *file_name;
} emit_job;

/* A rendered file, or why it could not be rendered. */
typedef struct emit_result {
    output_file file;
    char *error; /* the message line(s), or NULL */
} emit_result;

/* The work shared by the rendering threads: jobs come in groups (a type's
 * header and source share a group, and so the indexes the renderer builds
 * of the type's view); groups are taken in order, each result goes to the
 * job's own slot (no lock), and a failure stops the taking of new groups.
 * Every job below the first failing one was taken before it and is
 * finished, so the error reported (the lowest failing job's) does not
 * depend on the threads. */
typedef struct emit_work {
    const generate_options *opts;
    c_view *view;
    const cJSON *root;
    /* The root's lists hold the whole views; else each group makes its
     * type's view and drops it after. */
    int whole;
    emit_job *jobs;
    emit_result *results;
    size_t njobs, cap_jobs;
    size_t *groups; /* index of each group's first job; one more at the end */
    size_t ngroups, cap_groups;
    atomic_size_t next; /* the next group */
    atomic_int failed;
    output_stream *stream; /* each file goes there as soon as it is rendered */
} emit_work;

/* Each thread compiles its own templates: a cache is not thread-safe. */
typedef struct renderer {
    template_source source;
    mustache_cache *cache;
    mustache_lookup_cache *lookups;
    mustache_options options;
} renderer;

static void renderer_init(renderer *r, const generate_options *opts)
{
    memset(r, 0, sizeof *r);
    r->source.override_dir = opts->templates_dir;
    r->cache = mustache_cache_new(template_source_load, &r->source);
    r->options.escape = MUSTACHE_ESCAPE_NONE; /* C, not HTML */
    r->options.strict_partials = 1;           /* a missing partial is a bug */
    r->options.partial = mustache_cache_partial;
    r->options.partial_ctx = r->cache;
    r->lookups = mustache_lookup_cache_new();
    /* one view, kept until every file is rendered */
    mustache_lookup_cache_keys_kept(r->lookups);
    r->options.lookup_cache = r->lookups;
}

static char *message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *message(const char *fmt, ...)
{
    strbuf s = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&s, fmt, ap);
    va_end(ap);
    return strbuf_detach(&s);
}

/* Renders one job into its result. */
static void render_job(renderer *r, const emit_work *w, const emit_job *job,
                       const cJSON *element, emit_result *out)
{
    const mustache_template *t = NULL;
    mustache_error err = {0, ""};
    int found = mustache_cache_get(r->cache, job->template_name, &t, &err);
    if (found == 0) {
        out->error = message("apimd: generate: no template %s.mustache\n",
                             job->template_name);
        return;
    }
    if (found < 0) {
        out->error = message("apimd: generate: %s\n", err.message);
        return;
    }
    /* The element sits on a frame of its own above the root: a reference
     * to it under `key`, built on the stack (nothing here is freed). */
    cJSON ref, frame;
    memset(&ref, 0, sizeof ref);
    memset(&frame, 0, sizeof frame);
    const cJSON *views[2] = {w->root, NULL};
    if (element) {
        ref = *element;
        ref.next = ref.prev = NULL;
        ref.type |= cJSON_IsReference;
        ref.string = (char *)job->key;
        frame.type = cJSON_Object;
        frame.child = &ref;
        views[1] = &frame;
    }
    strbuf text = STRBUF_INIT;
    if (mustache_render_stack(t, views, 2, &r->options, &text, &err) != 0) {
        strbuf_free(&text);
        out->error = message("apimd: generate: %s\n", err.message);
        return;
    }
    if (!output_has_marker(strbuf_cstr(&text), text.len)) {
        strbuf_free(&text);
        out->error = message("apimd: generate: %s (from %s.mustache) lacks the "
                             "generated-file marker; keep the {{>marker_c}} or "
                             "{{>marker_hash}} line\n",
                             job->file_name, job->template_name);
        return;
    }
    out->file.name = xstrdup(job->file_name);
    out->file.len = text.len;
    out->file.content = strbuf_detach(&text);
    if (output_stream_put(w->stream, &out->file)) {
        free(out->file.content); /* on disk, or the same as on disk */
        out->file.content = NULL;
    }
}

/* The view of a group's type: its item in the root's list when that
 * holds whole views, else made now, in *made (an arena) or *own (for
 * cJSON_Delete) for the caller to drop when the group is rendered. */
static const cJSON *group_element(const emit_work *w, size_t type, json_arena **made,
                                  cJSON **own)
{
    *made = NULL;
    *own = NULL;
    if (type == NO_TYPE)
        return NULL;
    if (w->whole)
        return c_view_entry(w->view, type);
    *made = json_arena_new();
    json_arena_enter(*made);
    cJSON *view = c_view_type(w->view, type);
    json_arena_leave();
    if (!*made)
        *own = view;
    return view;
}

static void render_worker(void *arg)
{
    emit_work *w = arg;
    renderer r;
    renderer_init(&r, w->opts);
    while (!atomic_load(&w->failed)) {
        size_t g = atomic_fetch_add(&w->next, 1);
        if (g >= w->ngroups)
            break;
        json_arena *made;
        cJSON *own;
        const cJSON *element = group_element(w, w->jobs[w->groups[g]].type, &made, &own);
        for (size_t i = w->groups[g]; i < w->groups[g + 1]; i++) {
            render_job(&r, w, &w->jobs[i], element, &w->results[i]);
            if (w->results[i].error) {
                atomic_store(&w->failed, 1);
                break;
            }
        }
        mustache_lookup_cache_clear(r.lookups);
        json_arena_free(made);
        cJSON_Delete(own);
    }
    mustache_lookup_cache_free(r.lookups);
    mustache_cache_free(r.cache);
}

static const char *string_of(const cJSON *view, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(view, key);
    return cJSON_IsString(item) ? item->valuestring : "";
}

static void start_group(emit_work *w)
{
    *XARRAY_PUSH(w->groups, w->ngroups, w->cap_groups) = w->njobs;
}

static void add_job(emit_work *w, const char *template_name, size_t type,
                    const char *key, const char *file_name)
{
    emit_job *job = XARRAY_PUSH(w->jobs, w->njobs, w->cap_jobs);
    job->template_name = template_name;
    job->type = type;
    job->key = key;
    job->file_name = file_name;
}

/* The library-wide files: template name and the view key of the file's
 * name. */
static const struct {
    const char *template_name;
    const char *file_key;
} library_files[] = {
    {"umbrella_header", "umbrella_header"}, {"forward_header", "forward_header"},
    {"runtime_header", "runtime_header"},   {"runtime_source", "runtime_source"},
    {"internal_header", "internal_header"}, {"pkgconfig", "pkgconfig_file"},
};

/* The templates of each type's files, per list of the root. */
static const struct {
    const char *key, *header, *source;
} type_files[] = {
    {"type", "type_header", "type_source"},
    {"enum", "enum_header", "enum_source"},
};

/* Every file, in the order the single-threaded renderer used: library
 * files, then each type's header and source, then each enum's. */
static void plan_jobs(emit_work *w)
{
    for (size_t i = 0; i < sizeof library_files / sizeof library_files[0]; i++) {
        start_group(w);
        add_job(w, library_files[i].template_name, NO_TYPE, NULL,
                string_of(w->root, library_files[i].file_key));
    }
    start_group(w);
    add_job(w, "meson_build", NO_TYPE, NULL, "meson.build");
    for (int l = 0; l < 2; l++) {
        for (size_t i = 0; i < c_view_count(w->view); i++) {
            if (c_view_is_enum(w->view, i) != l)
                continue;
            const cJSON *entry = c_view_entry(w->view, i);
            start_group(w);
            add_job(w, type_files[l].header, i, type_files[l].key, string_of(entry, "header"));
            add_job(w, type_files[l].source, i, type_files[l].key,
                    string_of(entry, "source_file"));
        }
    }
    start_group(w); /* the end of the last group */
    w->ngroups--;
}

/* Renders every job on up to opts->jobs threads. */
static void run_jobs(emit_work *w, int jobs)
{
    w->results = xcalloc(w->njobs ? w->njobs : 1, sizeof *w->results);
    atomic_init(&w->next, 0);
    atomic_init(&w->failed, 0);
    if (jobs > 1 && (size_t)jobs > w->ngroups)
        jobs = (int)w->ngroups;
    work_pool_run(w->opts->pool, jobs > 1 ? jobs - 1 : 0, render_worker, w);
}

/* Moves the rendered files into set, sorted by name; returns -1 after
 * reporting the first failure (or two files with one name). */
static int collect(emit_work *w, output_set *set, strbuf *messages)
{
    int status = 0;
    for (size_t i = 0; i < w->njobs; i++) {
        emit_result *res = &w->results[i];
        if (res->error && status == 0) {
            strbuf_puts(messages, res->error);
            status = -1;
        }
        free(res->error);
        if (res->file.name)
            *XARRAY_PUSH(set->items, set->count, set->cap) = res->file;
    }
    if (status != 0)
        return status;
    output_set_sort(set);
    for (size_t i = 1; i < set->count; i++)
        if (strcmp(set->items[i - 1].name, set->items[i].name) == 0) {
            strbuf_puts(messages, "apimd: generate: two generated files would have the "
                                  "same name\n");
            return -1;
        }
    return 0;
}

static int check_or_write(output_stream *stream, const output_set *files,
                          const generate_options *opts, strbuf *messages)
{
    if (opts->check) {
        int differences = output_stream_finish(stream, files, NULL, messages);
        return differences < 0 ? 2 : differences > 0 ? 1 : 0;
    }
    output_report done;
    if (output_stream_finish(stream, files, &done, messages) != 0)
        return 2;
    if (!opts->quiet)
        strbuf_printf(messages,
                      "apimd: generate: %s: %zu files written, %zu unchanged, %zu stale "
                      "removed\n",
                      opts->out_dir, done.written, done.unchanged, done.removed);
    return 0;
}

/* A templates directory that is not there would otherwise go unnoticed:
 * every template would silently come from the shipped set. */
static int check_templates_dir(const char *dir, strbuf *messages)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        strbuf_printf(messages, "apimd: generate: templates directory %s: %s\n", dir,
                      strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        strbuf_printf(messages, "apimd: generate: templates directory %s: not a directory\n",
                      dir);
        return -1;
    }
    return 0;
}

/* Done with the model: the caller is told, so that it can free the model
 * while the files are rendered (the view copied what it needs). */
static void release_model(const generate_options *opts)
{
    if (opts && opts->model_released)
        opts->model_released(opts->model_released_ctx);
}

/* Whether the templates in use read other types' views (the root's lists
 * must then hold whole views). */
static int need_whole_views(const generate_options *opts, const cJSON *root)
{
    const char *library[sizeof library_files / sizeof library_files[0] + 1];
    size_t n = 0;
    for (size_t i = 0; i < sizeof library_files / sizeof library_files[0]; i++)
        library[n++] = library_files[i].template_name;
    library[n++] = "meson_build";
    const char *per_type[] = {type_files[0].header, type_files[0].source,
                              type_files[1].header, type_files[1].source};
    return templates_need_whole_views(opts->templates_dir, root, library, n, per_type,
                                      sizeof per_type / sizeof per_type[0]);
}

/* The root lives in an arena of its own when arenas are installed, and so
 * do the whole views, when the templates need them all at once; else each
 * type's view is made when its files are rendered, and dropped after. */
int generate_c(const model *m, const generate_options *opts, strbuf *messages)
{
    if (!opts || !opts->out_dir || !*opts->out_dir) {
        strbuf_puts(messages, "apimd: generate: no output directory\n");
        release_model(opts);
        return 2;
    }
    if (opts->templates_dir && check_templates_dir(opts->templates_dir, messages) != 0) {
        release_model(opts);
        return 2;
    }
    strbuf error = STRBUF_INIT;
    json_arena *view_arena = json_arena_new();
    c_view *view = c_view_begin(m, opts->prefix, view_arena, &error);
    if (!view) {
        release_model(opts);
        json_arena_free(view_arena);
        strbuf_printf(messages, "apimd: generate: %s\n", strbuf_cstr(&error));
        strbuf_free(&error);
        return 2;
    }
    strbuf_free(&error);
    emit_work w;
    memset(&w, 0, sizeof w);
    w.opts = opts;
    w.view = view;
    w.root = c_view_root(view);
    w.whole = need_whole_views(opts, w.root);
    if (w.whole) {
        c_view_complete(view, opts->jobs, opts->pool);
        release_model(opts);
    }
    /* Comparing with what is on disk, and writing what changed, while
     * rendering spreads that work over the threads too, and a file's text
     * is dropped as soon as it is on disk. */
    w.stream = output_stream_begin(opts->out_dir, opts->check);
    plan_jobs(&w);
    run_jobs(&w, opts->jobs > 0 ? opts->jobs : 1);
    if (!w.whole)
        release_model(opts);
    output_set files = {0};
    int status;
    if (collect(&w, &files, messages) == 0) {
        status = check_or_write(w.stream, &files, opts, messages);
    } else {
        output_stream_abort(w.stream, &files);
        status = 2;
    }
    output_set_free(&files);
    free(w.results);
    free(w.jobs);
    free(w.groups);
    cJSON *root = c_view_end(view);
    if (view_arena)
        json_arena_free(view_arena);
    else
        cJSON_Delete(root);
    return status;
}

int generate_c_json(const cJSON *model_json, const generate_options *opts, strbuf *messages)
{
    strbuf error = STRBUF_INIT;
    model *m = model_types_from_json(model_json, &error);
    if (!m) {
        strbuf_printf(messages, "apimd: generate: %s\n", strbuf_cstr(&error));
        strbuf_free(&error);
        release_model(opts);
        return 2;
    }
    strbuf_free(&error);
    int status = generate_c(m, opts, messages);
    model_free(m);
    return status;
}
