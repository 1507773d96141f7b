/* Renders every file of the generated library in memory first, so that a
 * template error leaves the output directory untouched, then hands the
 * set to output_dir to check or write. */
#include "emit/generate.h"

#include <stdlib.h>
#include <string.h>

#include "emit/output_dir.h"
#include "emit/template_source.h"
#include "mustache/mustache.h"
#include "util/xalloc.h"
#include "view/c_view.h"

typedef struct renderer {
    template_source source;
    mustache_cache *cache;
    mustache_options options;
    output_set files;
    strbuf *messages;
} renderer;

static void renderer_init(renderer *r, const generate_options *opts, strbuf *messages)
{
    memset(r, 0, sizeof *r);
    r->source.override_dir = opts->templates_dir;
    r->cache = mustache_cache_new(template_source_load, &r->source);
    r->options.escape = MUSTACHE_ESCAPE_NONE; /* C, not HTML */
    r->options.strict_partials = 1;           /* a missing partial is a bug */
    r->options.partial = mustache_cache_partial;
    r->options.partial_ctx = r->cache;
    r->messages = messages;
}

static void renderer_free(renderer *r)
{
    mustache_cache_free(r->cache);
    output_set_free(&r->files);
}

static int report(renderer *r, const char *message)
{
    strbuf_printf(r->messages, "apimd: generate: %s\n", message);
    return -1;
}

/* Renders template `name` against view into the file `file_name`. */
static int render_file(renderer *r, const char *name, const cJSON *view,
                       const char *file_name)
{
    const mustache_template *t = NULL;
    mustache_error err = {0, ""};
    int found = mustache_cache_get(r->cache, name, &t, &err);
    if (found == 0) {
        strbuf_printf(r->messages, "apimd: generate: no template %s.mustache\n", name);
        return -1;
    }
    if (found < 0)
        return report(r, err.message);
    strbuf text = STRBUF_INIT;
    if (mustache_render(t, view, &r->options, &text, &err) != 0) {
        strbuf_free(&text);
        return report(r, err.message);
    }
    if (!output_has_marker(strbuf_cstr(&text), text.len)) {
        strbuf_printf(r->messages,
                      "apimd: generate: %s (from %s.mustache) lacks the generated-file "
                      "marker; keep the {{>marker_c}} or {{>marker_hash}} line\n",
                      file_name, name);
        strbuf_free(&text);
        return -1;
    }
    size_t len = text.len;
    output_set_add(&r->files, file_name, strbuf_detach(&text), len);
    return 0;
}

static const char *string_of(const cJSON *view, const char *key)
{
    const cJSON *item = cJSON_GetObjectItemCaseSensitive(view, key);
    return cJSON_IsString(item) ? item->valuestring : "";
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

static int render_library_files(renderer *r, const cJSON *view)
{
    for (size_t i = 0; i < sizeof library_files / sizeof library_files[0]; i++)
        if (render_file(r, library_files[i].template_name, view,
                        string_of(view, library_files[i].file_key)) != 0)
            return -1;
    return render_file(r, "meson_build", view, "meson.build");
}

/* Renders the header and source of each element of view[list_key], with
 * the element reachable as `key` ("type" or "enum") from the root, so that
 * templates see both the element and the library-wide names. */
static int render_per_element(renderer *r, cJSON *view, const char *list_key,
                              const char *key, const char *header_template,
                              const char *source_template)
{
    cJSON *element;
    cJSON_ArrayForEach(element, cJSON_GetObjectItemCaseSensitive(view, list_key)) {
        cJSON_AddItemReferenceToObject(view, key, element);
        int status = render_file(r, header_template, view, string_of(element, "header"));
        if (status == 0)
            status = render_file(r, source_template, view, string_of(element, "source_file"));
        cJSON_DeleteItemFromObjectCaseSensitive(view, key); /* the reference only */
        if (status != 0)
            return -1;
    }
    return 0;
}

static int render_all(renderer *r, cJSON *view)
{
    if (render_library_files(r, view) != 0 ||
        render_per_element(r, view, "types", "type", "type_header", "type_source") != 0 ||
        render_per_element(r, view, "enums", "enum", "enum_header", "enum_source") != 0)
        return -1;
    output_set_sort(&r->files);
    for (size_t i = 1; i < r->files.count; i++)
        if (strcmp(r->files.items[i - 1].name, r->files.items[i].name) == 0)
            return report(r, "two generated files would have the same name");
    return 0;
}

static int check_or_write(const renderer *r, const generate_options *opts, strbuf *messages)
{
    if (opts->check) {
        int differences = output_check(opts->out_dir, &r->files, messages);
        return differences < 0 ? 2 : differences > 0 ? 1 : 0;
    }
    output_report done;
    if (output_write(opts->out_dir, &r->files, &done, messages) != 0)
        return 2;
    if (!opts->quiet)
        strbuf_printf(messages,
                      "apimd: generate: %s: %zu files written, %zu unchanged, %zu stale "
                      "removed\n",
                      opts->out_dir, done.written, done.unchanged, done.removed);
    return 0;
}

int generate_c(const cJSON *model_json, const generate_options *opts, strbuf *messages)
{
    if (!opts || !opts->out_dir || !*opts->out_dir) {
        strbuf_puts(messages, "apimd: generate: no output directory\n");
        return 2;
    }
    strbuf error = STRBUF_INIT;
    cJSON *view = c_view_build(model_json, opts->prefix, &error);
    if (!view) {
        strbuf_printf(messages, "apimd: generate: %s\n", strbuf_cstr(&error));
        strbuf_free(&error);
        return 2;
    }
    strbuf_free(&error);
    renderer r;
    renderer_init(&r, opts, messages);
    int status = render_all(&r, view) == 0 ? check_or_write(&r, opts, messages) : 2;
    renderer_free(&r);
    cJSON_Delete(view);
    return status;
}
