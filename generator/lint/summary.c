/* Counts for the renderers' summaries. */
#include <stdlib.h>
#include <string.h>

#include "lint/render.h"
#include "util/xalloc.h"
#include "util/compare.h"

static lint_rule_count *find_count(lint_summary *s, const char *rule_id,
                                   lint_severity severity)
{
    for (size_t i = 0; i < s->nrules; i++)
        if (s->rules[i].severity == severity &&
            strcmp(s->rules[i].rule_id, rule_id) == 0)
            return &s->rules[i];
    return NULL;
}

static int compare_counts(const void *a, const void *b)
{
    const lint_rule_count *x = a, *y = b;
    if (x->severity != y->severity)
        return x->severity > y->severity ? -1 : 1;
    return strcmp(x->rule_id, y->rule_id);
}

/* Distinct file names, whatever order the findings are in. */
static size_t count_files(const lint_findings *f)
{
    if (f->count == 0)
        return 0;
    const char **files = xmalloc(f->count * sizeof *files);
    for (size_t i = 0; i < f->count; i++)
        files[i] = f->items[i].file;
    qsort(files, f->count, sizeof *files, compare_string_ptrs);
    size_t distinct = 1;
    for (size_t i = 1; i < f->count; i++)
        distinct += strcmp(files[i - 1], files[i]) != 0;
    free(files);
    return distinct;
}

void lint_summarize(const lint_findings *f, lint_summary *s)
{
    memset(s, 0, sizeof *s);
    size_t cap = 0;
    for (size_t i = 0; i < f->count; i++) {
        const lint_finding *x = &f->items[i];
        if (x->severity >= LINT_OFF && x->severity <= LINT_ERROR)
            s->by_severity[x->severity]++;
        lint_rule_count *c = find_count(s, x->rule_id, x->severity);
        if (!c) {
            c = XARRAY_PUSH(s->rules, s->nrules, cap);
            c->rule_id = x->rule_id;
            c->severity = x->severity;
            c->count = 0;
        }
        c->count++;
    }
    if (s->nrules > 1)
        qsort(s->rules, s->nrules, sizeof *s->rules, compare_counts);
    s->files = count_files(f);
}

void lint_summary_free(lint_summary *s)
{
    free(s->rules);
    memset(s, 0, sizeof *s);
}
