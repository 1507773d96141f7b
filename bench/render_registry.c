/* Renders tests/codegen/registry.mustache (the drivers' table of the
 * generated types, by name) for a model, with the view the generator
 * uses, so that bench/gen_roundtrip.c dispatches by type name the way the
 * codegen tests do. A build step of the generated-code benchmark, not a
 * measured program: it links the apimd core, unlike the baselines.
 *
 * Usage: render_registry MODEL.json TEMPLATE OUT.c */
#include <stdio.h>
#include <stdlib.h>

#include "mustache/mustache.h"
#include "util/fsutil.h"
#include "view/c_view.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: render_registry MODEL.json TEMPLATE OUT.c\n");
        return 2;
    }
    strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    char *model_text = NULL, *template_text = NULL;
    size_t model_len = 0, template_len = 0;
    int status = 1;
    if (fs_read_file(argv[1], (size_t)1 << 30, &model_text, &model_len, &err) != 0 ||
        fs_read_file(argv[2], (size_t)1 << 20, &template_text, &template_len, &err) != 0) {
        fprintf(stderr, "render_registry: %s", strbuf_cstr(&err));
        goto done;
    }
    cJSON *model = cJSON_ParseWithLength(model_text, model_len);
    cJSON *view = model ? c_view_build_json(model, NULL, &err) : NULL;
    mustache_error merr = {0, ""};
    mustache_template *t = mustache_compile(template_text, template_len, argv[2], &merr);
    mustache_options opts = {.escape = MUSTACHE_ESCAPE_NONE, .strict_partials = 1};
    if (view && t && mustache_render(t, view, &opts, &out, &merr) == 0 &&
        fs_write_file_atomic(argv[3], out.data, out.len, &err) == 0)
        status = 0;
    else
        fprintf(stderr, "render_registry: %s%s%s\n", model ? "" : "model is not JSON; ",
                strbuf_cstr(&err), merr.message);
    mustache_template_free(t);
    cJSON_Delete(view);
    cJSON_Delete(model);
done:
    free(model_text);
    free(template_text);
    strbuf_free(&err);
    strbuf_free(&out);
    return status;
}
