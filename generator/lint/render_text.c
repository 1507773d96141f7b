/* Text output, the way compilers write diagnostics, so editors and CI log
 * viewers turn each line into a link:
 *
 *   api/call-get.md:73:1: error: example response status ... [status-mismatch]
 *
 * then a summary by rule and severity. */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "lint/render.h"

static void put_location(strbuf *out, const char *prefix, const char *file,
                         int line, int col)
{
    strbuf_printf(out, "%s%s", prefix, file);
    if (line > 0) {
        strbuf_printf(out, ":%d", line);
        if (col > 0)
            strbuf_printf(out, ":%d", col);
    }
}

static void put_finding(strbuf *out, const char *prefix,
                        const lint_finding *x)
{
    put_location(out, prefix, x->file, x->line, x->col);
    strbuf_printf(out, ": %s: %s", lint_severity_name(x->severity),
                  x->message);
    if (x->related_file) {
        strbuf_puts(out, "; see ");
        put_location(out, prefix, x->related_file, x->related_line, 0);
    }
    strbuf_printf(out, " [%s]\n", x->rule_id);
}

static void put_counts(strbuf *out, const lint_summary *s)
{
    static const lint_severity order[] = {LINT_ERROR, LINT_WARNING,
                                          LINT_NOTE};
    int first = 1;
    for (size_t i = 0; i < 3; i++) {
        size_t n = s->by_severity[order[i]];
        if (!n)
            continue;
        strbuf_printf(out, "%s%zu %s%s", first ? "" : ", ", n,
                      lint_severity_name(order[i]), n == 1 ? "" : "s");
        first = 0;
    }
    strbuf_printf(out, " in %zu file%s\n", s->files, s->files == 1 ? "" : "s");
}

static void put_dropped(strbuf *out, const lint_findings *f)
{
    if (!f->suppressed && !f->baselined && !f->disabled)
        return;
    strbuf_printf(out, "not shown: %zu suppressed, %zu in the baseline, "
                       "%zu of rules turned off\n",
                  f->suppressed, f->baselined, f->disabled);
}

static void put_summary(strbuf *out, const lint_findings *f)
{
    lint_summary s;
    lint_summarize(f, &s);
    if (f->count == 0) {
        strbuf_puts(out, "no findings\n");
        put_dropped(out, f);
        lint_summary_free(&s);
        return;
    }
    strbuf_putc(out, '\n');
    put_counts(out, &s);
    for (size_t i = 0; i < s.nrules; i++)
        strbuf_printf(out, "  %-8s %-24s %zu\n",
                      lint_severity_name(s.rules[i].severity),
                      s.rules[i].rule_id, s.rules[i].count);
    put_dropped(out, f);
    lint_summary_free(&s);
}

void lint_render_text(const lint_findings *f, const lint_render_options *o,
                      strbuf *out)
{
    const char *prefix = o && o->path_prefix ? o->path_prefix : "";
    for (size_t i = 0; i < f->count; i++)
        put_finding(out, prefix, &f->items[i]);
    put_summary(out, f);
}
