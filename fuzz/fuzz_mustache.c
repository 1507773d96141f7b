/* Fuzz target: the mustache engine, compile and render.
 *
 * Input: TEMPLATE [NUL VIEW_JSON]. The template is compiled; when a view
 * follows and parses it is the context, otherwise the view is NULL. Partials
 * are strict and every partial is the template itself, so {{>x}} recurses
 * and the depth limit is exercised; a partial whose name starts with
 * "missing" is unknown, which exercises the strict error. */
#include "fuzz_target.h"

#include "mustache/mustache.h"
#include "util/strbuf.h"

/* Expansion depth kept well under the default: deep enough to hit the
 * limit on every self-recursive input, shallow enough to stay fast. */
#define FUZZ_MAX_DEPTH 20
/* Partial look-ups allowed per input. {{>a}}{{>a}}... recursing grows
 * exponentially, as any mustache engine does with self-recursive
 * templates; past this budget partials become unknown, which in strict
 * mode ends the render, so one input cannot run for minutes. */
#define FUZZ_PARTIAL_BUDGET 2000

typedef struct partial_source {
    const mustache_template *self;
    int budget;
} partial_source;

static int self_partial(void *ctx, const char *name,
                        const mustache_template **out, mustache_error *err)
{
    (void)err;
    partial_source *source = ctx;
    if (strncmp(name, "missing", 7) == 0 || source->budget <= 0)
        return 0;
    source->budget--;
    *out = source->self;
    return 1;
}

static void render_once(const mustache_template *t, const cJSON *view,
                        mustache_escape escape)
{
    partial_source source = {t, FUZZ_PARTIAL_BUDGET};
    mustache_options options = {0};
    options.escape = escape;
    options.strict_partials = 1;
    options.partial = self_partial;
    options.partial_ctx = &source;
    options.max_depth = FUZZ_MAX_DEPTH;
    strbuf out = STRBUF_INIT;
    mustache_error err;
    mustache_render(t, view, &options, &out, &err);
    strbuf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t template_len = nul ? (size_t)(nul - data) : size;
    mustache_error err;
    /* The engine takes a length: no terminator, so ASan sees over-reads. */
    mustache_template *t =
        mustache_compile((const char *)data, template_len, "fuzz", &err);
    if (!t)
        return 0;
    cJSON *view = NULL;
    if (nul) {
        const char *json = (const char *)nul + 1;
        view = cJSON_ParseWithLength(json, size - template_len - 1);
    }
    /* Both escape modes: the generator uses NONE, the spec HTML. */
    render_once(t, view, MUSTACHE_ESCAPE_HTML);
    render_once(t, view, MUSTACHE_ESCAPE_NONE);
    cJSON_Delete(view);
    mustache_template_free(t);
    return 0;
}
