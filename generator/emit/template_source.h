/* Where templates come from: a user's directory first (file by file), then
 * the shipped templates compiled into the binary. */
#ifndef APIMD_TEMPLATE_SOURCE_H
#define APIMD_TEMPLATE_SOURCE_H

#include "mustache/mustache.h"
#include "util/strbuf.h"

typedef struct template_source {
    const char *override_dir; /* NULL: shipped templates only */
} template_source;

/* A mustache_source_fn: ctx is a template_source. The text of
 * <override_dir>/<name>.mustache when that file exists, else the shipped
 * template; names with '/' or a leading '.' are never looked up on disk. */
int template_source_load(void *ctx, const char *name, strbuf *text,
                         strbuf *file, mustache_error *err);

#endif
