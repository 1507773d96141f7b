/* The findings collection: filled from many threads, finished on one. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void lint_findings_init(lint_findings *f)
{
    memset(f, 0, sizeof *f);
    pthread_mutex_init(&f->lock, NULL);
}

static void finding_free(lint_finding *x)
{
    free(x->file);
    free(x->message);
    free(x->related_file);
    free(x->related_message);
}

void lint_findings_free(lint_findings *f)
{
    for (size_t i = 0; i < f->count; i++)
        finding_free(&f->items[i]);
    free(f->items);
    for (size_t i = 0; i < f->npages; i++)
        lint_page_record_free(f->pages[i]);
    free(f->pages);
    pthread_mutex_destroy(&f->lock);
    memset(f, 0, sizeof *f);
}

static void push_finding(lint_findings *f, lint_finding *x)
{
    pthread_mutex_lock(&f->lock);
    *XARRAY_PUSH(f->items, f->count, f->cap) = *x;
    pthread_mutex_unlock(&f->lock);
}

static void finding_set_rule(lint_finding *x, const char *rule_id)
{
    x->rule = lint_rule_find(rule_id);
    /* Keep a static string: the catalogue's, or the caller's when the
     * catalogue does not know the id (reading's ids are static too). */
    x->rule_id = x->rule ? x->rule->id : rule_id;
    x->severity = x->rule ? x->rule->severity : LINT_WARNING;
}

void lint_findings_add(lint_findings *f, const char *rule_id,
                       const char *file, int line, int col,
                       const char *fmt, ...)
{
    lint_finding x = {0};
    finding_set_rule(&x, rule_id);
    x.file = xstrdup(file ? file : "");
    x.line = line;
    x.col = col;
    strbuf b = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    x.message = strbuf_detach(&b);
    push_finding(f, &x);
}

void lint_findings_add_related(lint_findings *f, const char *rule_id,
                               src_ref at, src_ref other,
                               const char *other_message,
                               const char *fmt, ...)
{
    lint_finding x = {0};
    finding_set_rule(&x, rule_id);
    x.file = xstrdup(at.file ? at.file : "");
    x.line = at.line;
    x.col = at.col;
    if (other.file) {
        x.related_file = xstrdup(other.file);
        x.related_line = other.line;
        x.related_col = other.col;
        x.related_message = xstrdup(other_message ? other_message : "");
    }
    strbuf b = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    x.message = strbuf_detach(&b);
    push_finding(f, &x);
}

void lint_findings_add_record(lint_findings *f, lint_page_record *r)
{
    pthread_mutex_lock(&f->lock);
    *XARRAY_PUSH(f->pages, f->npages, f->cap_pages) = r;
    f->pages_sorted = 0;
    pthread_mutex_unlock(&f->lock);
}

void lint_findings_merge(lint_findings *dst, lint_findings *src)
{
    if (dst == src)
        return;
    pthread_mutex_lock(&src->lock);
    pthread_mutex_lock(&dst->lock);
    for (size_t i = 0; i < src->count; i++)
        *XARRAY_PUSH(dst->items, dst->count, dst->cap) = src->items[i];
    for (size_t i = 0; i < src->npages; i++)
        *XARRAY_PUSH(dst->pages, dst->npages, dst->cap_pages) =
            src->pages[i];
    dst->pages_sorted = 0;
    pthread_mutex_unlock(&dst->lock);
    src->count = 0;
    src->npages = 0;
    pthread_mutex_unlock(&src->lock);
}

/* ---- page records --------------------------------------------------------- */

static int compare_records(const void *a, const void *b)
{
    const lint_page_record *ra = *(lint_page_record *const *)a;
    const lint_page_record *rb = *(lint_page_record *const *)b;
    return strcmp(ra->file, rb->file);
}

lint_page_record *lint_findings_record(lint_findings *f, const char *file)
{
    if (!file)
        return NULL;
    if (!f->pages_sorted) {
        if (f->npages > 1)
            qsort(f->pages, f->npages, sizeof *f->pages, compare_records);
        f->pages_sorted = 1;
    }
    size_t lo = 0, hi = f->npages;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(f->pages[mid]->file, file);
        if (c == 0)
            return f->pages[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ---- finishing ------------------------------------------------------------ */

static int compare_findings(const void *a, const void *b)
{
    const lint_finding *x = a, *y = b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    c = strcmp(x->rule_id, y->rule_id);
    if (c)
        return c;
    c = strcmp(x->message, y->message);
    if (c)
        return c;
    /* Related locations only break ties, for a total order. */
    c = strcmp(x->related_file ? x->related_file : "",
               y->related_file ? y->related_file : "");
    if (c)
        return c;
    return (x->related_line > y->related_line) -
           (x->related_line < y->related_line);
}

/* Whether the finding stays, after its rule's configured severity and the
 * page's suppression comments; updates the counters of what went. */
static int keep_finding(lint_findings *f, lint_finding *x,
                        const lint_config *cfg)
{
    if (x->rule)
        x->severity = lint_config_severity(cfg, x->rule);
    if (x->severity == LINT_OFF) {
        f->disabled++;
        return 0;
    }
    const lint_page_record *r = lint_findings_record(f, x->file);
    if (r && lint_is_suppressed(r, x->rule_id, x->line)) {
        f->suppressed++;
        return 0;
    }
    return 1;
}

/* Drop in place what keep() rejects, freeing it. */
static void filter_findings(lint_findings *f, const lint_config *cfg)
{
    size_t kept = 0;
    for (size_t i = 0; i < f->count; i++) {
        if (keep_finding(f, &f->items[i], cfg))
            f->items[kept++] = f->items[i];
        else
            finding_free(&f->items[i]);
    }
    f->count = kept;
}

static void drop_duplicates(lint_findings *f)
{
    if (f->count < 2)
        return;
    size_t kept = 1;
    for (size_t i = 1; i < f->count; i++) {
        if (compare_findings(&f->items[kept - 1], &f->items[i]) == 0)
            finding_free(&f->items[i]);
        else
            f->items[kept++] = f->items[i];
    }
    f->count = kept;
}

void lint_findings_finish(lint_findings *f, const lint_config *cfg,
                          const lint_baseline *baseline)
{
    f->disabled = f->suppressed = f->baselined = 0;
    filter_findings(f, cfg);
    if (f->count > 1)
        qsort(f->items, f->count, sizeof *f->items, compare_findings);
    drop_duplicates(f);
    if (baseline)
        f->baselined = lint_baseline_apply(baseline, f);
}

int lint_exit_status(const lint_findings *f, lint_fail_on fail_on)
{
    if (fail_on == LINT_FAIL_NEVER)
        return 0;
    /* LINT_FAIL_ERROR..NOTE map onto the severity they start at. */
    lint_severity threshold = fail_on == LINT_FAIL_ERROR     ? LINT_ERROR
                              : fail_on == LINT_FAIL_WARNING ? LINT_WARNING
                                                             : LINT_NOTE;
    for (size_t i = 0; i < f->count; i++)
        if (f->items[i].severity >= threshold)
            return 1;
    return 0;
}
