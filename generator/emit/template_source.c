#include "emit/template_source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit/embedded_templates.h"
#include "util/fsutil.h"

/* Templates are small; anything bigger is a mistake, not a template. */
#define MAX_TEMPLATE_BYTES ((size_t)4 * 1024 * 1024)

static int compare_entry(const void *key, const void *entry)
{
    return strcmp(key, ((const embedded_template *)entry)->name);
}

const embedded_template *embedded_c_template_find(const char *name)
{
    return bsearch(name, embedded_c_templates, embedded_c_template_count,
                   sizeof embedded_c_templates[0], compare_entry);
}

static int safe_file_name(const char *name)
{
    return *name && *name != '.' && !strchr(name, '/');
}

static void set_error(mustache_error *err, const char *text)
{
    if (!err)
        return;
    err->line = 0;
    snprintf(err->message, sizeof err->message, "%s", text);
}

/* 1 loaded, 0 no such file, -1 error. */
static int load_override(const char *dir, const char *name, strbuf *text,
                         strbuf *file, mustache_error *err)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s.mustache", dir, name);
    struct stat st;
    if (stat(path.data, &st) != 0 && errno == ENOENT) {
        strbuf_free(&path);
        return 0;
    }
    char *data = NULL;
    size_t len = 0;
    strbuf why = STRBUF_INIT;
    int status = fs_read_file(path.data, MAX_TEMPLATE_BYTES, &data, &len, &why);
    if (status == 0) {
        strbuf_add(text, data, len);
        strbuf_puts(file, path.data);
    } else {
        set_error(err, strbuf_cstr(&why));
    }
    free(data);
    strbuf_free(&why);
    strbuf_free(&path);
    return status == 0 ? 1 : -1;
}

int template_source_load(void *ctx, const char *name, strbuf *text,
                         strbuf *file, mustache_error *err)
{
    const template_source *source = ctx;
    if (!safe_file_name(name))
        return 0;
    if (source && source->override_dir) {
        int found = load_override(source->override_dir, name, text, file, err);
        if (found != 0)
            return found;
    }
    const embedded_template *shipped = embedded_c_template_find(name);
    if (!shipped)
        return 0;
    strbuf_add(text, (const char *)shipped->text, shipped->size);
    strbuf_printf(file, "templates/c/%s.mustache", name);
    return 1;
}
