/* The context every rule sees: docs roots, configuration, API version and
 * the shared directory listings. */
#include <string.h>

#include "lint/lint_internal.h"

/* "v1.0" or "beta" when a component of path says so, else NULL. */
static const char *version_in_path(const char *path)
{
    static const char *const versions[] = {"v1.0", "beta"};
    for (size_t v = 0; v < 2; v++) {
        size_t n = strlen(versions[v]);
        for (const char *s = strstr(path, versions[v]); s;
             s = strstr(s + 1, versions[v])) {
            int starts = s == path || s[-1] == '/';
            int ends = s[n] == '\0' || s[n] == '/';
            if (starts && ends)
                return versions[v];
        }
    }
    return NULL;
}

void lint_context_init(lint_context *ctx, const char *const *docs_roots,
                       size_t nroots, const lint_config *cfg)
{
    memset(ctx, 0, sizeof *ctx);
    ctx->docs_roots = docs_roots;
    ctx->ndocs_roots = nroots;
    ctx->config = cfg;
    ctx->api_version = cfg && cfg->api_version ? cfg->api_version : NULL;
    for (size_t i = 0; !ctx->api_version && i < nroots; i++)
        ctx->api_version = version_in_path(docs_roots[i]);
    ctx->dirs = lint_dir_cache_new();
}

void lint_context_free(lint_context *ctx)
{
    lint_dir_cache_free(ctx->dirs);
    ctx->dirs = NULL;
}
