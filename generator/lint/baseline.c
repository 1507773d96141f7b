/* Baseline: the findings a project has accepted for now, so that CI fails
 * only on new ones. A finding is known by its rule, file and message; the
 * line is left out on purpose, so that editing a page above a known
 * finding does not make it new. Identical fingerprints are counted.
 *
 * File format (JSON, sorted, one entry per fingerprint):
 *   {"apimdBaseline": 1,
 *    "findings": [{"rule": "todo", "file": "api/x.md",
 *                  "message": "...", "count": 2}]}
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lint/lint_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

typedef struct baseline_entry {
    char *rule;
    char *file;
    char *message;
    size_t count;
} baseline_entry;

struct lint_baseline {
    baseline_entry *entries; /* sorted by rule, file, message */
    size_t count, cap;
};

static int compare_key(const char *rule, const char *file,
                       const char *message, const baseline_entry *e)
{
    int c = strcmp(rule, e->rule);
    if (c)
        return c;
    c = strcmp(file, e->file);
    if (c)
        return c;
    return strcmp(message, e->message);
}

static int compare_entries(const void *a, const void *b)
{
    const baseline_entry *x = a, *y = b;
    return compare_key(x->rule, x->file, x->message, y);
}

static baseline_entry *find_entry(const lint_baseline *b, const char *rule,
                                  const char *file, const char *message)
{
    size_t lo = 0, hi = b->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = compare_key(rule, file, message, &b->entries[mid]);
        if (c == 0)
            return &b->entries[mid];
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return NULL;
}

void lint_baseline_free(lint_baseline *b)
{
    if (!b)
        return;
    for (size_t i = 0; i < b->count; i++) {
        free(b->entries[i].rule);
        free(b->entries[i].file);
        free(b->entries[i].message);
    }
    free(b->entries);
    free(b);
}

static void add_entry(lint_baseline *b, const char *rule, const char *file,
                      const char *message, size_t count)
{
    baseline_entry *e = XARRAY_PUSH(b->entries, b->count, b->cap);
    e->rule = xstrdup(rule);
    e->file = xstrdup(file);
    e->message = xstrdup(message);
    e->count = count;
}

/* Sort and fold equal fingerprints into one entry with their counts. */
static void baseline_normalise(lint_baseline *b)
{
    if (b->count < 2)
        return;
    qsort(b->entries, b->count, sizeof *b->entries, compare_entries);
    size_t kept = 1;
    for (size_t i = 1; i < b->count; i++) {
        baseline_entry *last = &b->entries[kept - 1];
        if (compare_entries(last, &b->entries[i]) == 0) {
            last->count += b->entries[i].count;
            free(b->entries[i].rule);
            free(b->entries[i].file);
            free(b->entries[i].message);
        } else {
            b->entries[kept++] = b->entries[i];
        }
    }
    b->count = kept;
}

static lint_baseline *baseline_from_findings(const lint_findings *f)
{
    lint_baseline *b = xcalloc(1, sizeof *b);
    for (size_t i = 0; i < f->count; i++)
        add_entry(b, f->items[i].rule_id, f->items[i].file,
                  f->items[i].message, 1);
    baseline_normalise(b);
    return b;
}

void lint_baseline_render(const lint_findings *f, strbuf *out)
{
    lint_baseline *b = baseline_from_findings(f);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "apimdBaseline", 1);
    cJSON *list = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < b->count; i++) {
        cJSON *e = cJSON_CreateObject();
        cJSON_AddStringToObject(e, "rule", b->entries[i].rule);
        cJSON_AddStringToObject(e, "file", b->entries[i].file);
        cJSON_AddStringToObject(e, "message", b->entries[i].message);
        cJSON_AddNumberToObject(e, "count", (double)b->entries[i].count);
        cJSON_AddItemToArray(list, e);
    }
    char *text = cJSON_Print(root);
    strbuf_puts(out, text);
    strbuf_putc(out, '\n');
    free(text);
    cJSON_Delete(root);
    lint_baseline_free(b);
}

static char *error_text(const char *what, const char *detail)
{
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "%s%s%s", what, detail ? ": " : "",
                  detail ? detail : "");
    return strbuf_detach(&b);
}

int lint_baseline_write(const lint_findings *f, const char *path,
                        char **error)
{
    strbuf text = STRBUF_INIT;
    lint_baseline_render(f, &text);
    FILE *fp = fopen(path, "wb");
    int rc = -1;
    if (!fp) {
        *error = error_text(path, strerror(errno));
    } else if (fwrite(text.data, 1, text.len, fp) != text.len) {
        *error = error_text(path, "write failed");
        fclose(fp);
    } else if (fclose(fp) != 0) {
        *error = error_text(path, strerror(errno));
    } else {
        rc = 0;
    }
    strbuf_free(&text);
    return rc;
}

/* One entry of "findings"; returns 0, or -1 when a field is missing. */
static int parse_entry(lint_baseline *b, const cJSON *e)
{
    const cJSON *rule = cJSON_GetObjectItemCaseSensitive(e, "rule");
    const cJSON *file = cJSON_GetObjectItemCaseSensitive(e, "file");
    const cJSON *message = cJSON_GetObjectItemCaseSensitive(e, "message");
    const cJSON *count = cJSON_GetObjectItemCaseSensitive(e, "count");
    if (!cJSON_IsString(rule) || !cJSON_IsString(file) ||
        !cJSON_IsString(message))
        return -1;
    size_t n = 1;
    if (count) {
        if (!cJSON_IsNumber(count) || count->valuedouble < 1)
            return -1;
        n = (size_t)count->valuedouble;
    }
    add_entry(b, rule->valuestring, file->valuestring, message->valuestring,
              n);
    return 0;
}

lint_baseline *lint_baseline_parse(const char *json_text, char **error)
{
    *error = NULL;
    cJSON *root = cJSON_Parse(json_text);
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(root,
                                                            "apimdBaseline");
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(root, "findings");
    if (!cJSON_IsObject(root) || !cJSON_IsNumber(version) ||
        version->valueint != 1 || !cJSON_IsArray(list)) {
        cJSON_Delete(root);
        *error = error_text("not an apimd baseline (version 1)", NULL);
        return NULL;
    }
    lint_baseline *b = xcalloc(1, sizeof *b);
    const cJSON *e;
    cJSON_ArrayForEach(e, list) {
        if (parse_entry(b, e) != 0) {
            *error = error_text("baseline entry without rule, file, message "
                                "or a valid count", NULL);
            lint_baseline_free(b);
            cJSON_Delete(root);
            return NULL;
        }
    }
    cJSON_Delete(root);
    baseline_normalise(b);
    return b;
}

lint_baseline *lint_baseline_load(const char *path, char **error)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        *error = error_text(path, strerror(errno));
        return NULL;
    }
    strbuf text = STRBUF_INIT;
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        strbuf_add(&text, chunk, n);
    fclose(fp);
    lint_baseline *b = lint_baseline_parse(strbuf_cstr(&text), error);
    strbuf_free(&text);
    if (!b) {
        char *inner = *error;
        *error = error_text(path, inner);
        free(inner);
    }
    return b;
}

size_t lint_baseline_apply(const lint_baseline *b, lint_findings *f)
{
    /* Counts are used up as findings match, on a copy: the baseline stays
     * as loaded and can be applied again. */
    size_t *left = xmalloc((b->count ? b->count : 1) * sizeof *left);
    for (size_t i = 0; i < b->count; i++)
        left[i] = b->entries[i].count;
    size_t kept = 0, dropped = 0;
    for (size_t i = 0; i < f->count; i++) {
        lint_finding *x = &f->items[i];
        baseline_entry *e = find_entry(b, x->rule_id, x->file, x->message);
        if (e && left[e - b->entries] > 0) {
            left[e - b->entries]--;
            dropped++;
            free(x->file);
            free(x->message);
            free(x->related_file);
            free(x->related_message);
        } else {
            f->items[kept++] = *x;
        }
    }
    f->count = kept;
    free(left);
    return dropped;
}
