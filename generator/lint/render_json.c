/* JSON output (--format json): the findings and the summary, for scripts.
 *
 *   {"tool": {"name": "apimd", "version": "0.1.0"},
 *    "findings": [{"rule", "severity", "file", "line", "column", "message",
 *                  "related": {"file", "line", "column", "message"}}],
 *    "summary": {"error", "warning", "note", "files", "suppressed",
 *                "baselined", "disabled", "rules": [{"rule", "severity",
 *                "count"}]}}
 */
#include <string.h>

#include "lint/render.h"
#include "util/json_print.h"

/* The report is written as text as it goes, in the layout json_print
 * gives a tree: a big report is never built as a tree first. */

/* "file": prefix and file as one JSON string. */
static void put_file(json_writer *w, strbuf *path, const char *prefix,
                     const char *file)
{
    strbuf_reset(path);
    strbuf_puts(path, prefix);
    strbuf_puts(path, file);
    json_write_string(w, "file", strbuf_cstr(path));
}

static void put_finding(json_writer *w, strbuf *path, const lint_finding *x,
                        const char *prefix)
{
    json_write_begin_object(w, NULL);
    json_write_string(w, "rule", x->rule_id);
    json_write_string(w, "severity", lint_severity_name(x->severity));
    put_file(w, path, prefix, x->file);
    json_write_number(w, "line", x->line);
    json_write_number(w, "column", x->col);
    json_write_string(w, "message", x->message);
    if (x->related_file) {
        json_write_begin_object(w, "related");
        put_file(w, path, prefix, x->related_file);
        json_write_number(w, "line", x->related_line);
        json_write_number(w, "column", x->related_col);
        json_write_string(w, "message",
                          x->related_message ? x->related_message : "");
        json_write_end(w);
    }
    json_write_end(w);
}

static void put_summary(json_writer *w, const lint_findings *f)
{
    lint_summary s;
    lint_summarize(f, &s);
    json_write_begin_object(w, "summary");
    json_write_number(w, "error", (double)s.by_severity[LINT_ERROR]);
    json_write_number(w, "warning", (double)s.by_severity[LINT_WARNING]);
    json_write_number(w, "note", (double)s.by_severity[LINT_NOTE]);
    json_write_number(w, "files", (double)s.files);
    json_write_number(w, "suppressed", (double)f->suppressed);
    json_write_number(w, "baselined", (double)f->baselined);
    json_write_number(w, "disabled", (double)f->disabled);
    json_write_begin_array(w, "rules");
    for (size_t i = 0; i < s.nrules; i++) {
        json_write_begin_object(w, NULL);
        json_write_string(w, "rule", s.rules[i].rule_id);
        json_write_string(w, "severity",
                          lint_severity_name(s.rules[i].severity));
        json_write_number(w, "count", (double)s.rules[i].count);
        json_write_end(w);
    }
    json_write_end(w);
    json_write_end(w);
    lint_summary_free(&s);
}

void lint_render_json(const lint_findings *f, const lint_render_options *o,
                      strbuf *out)
{
    const char *prefix = o && o->path_prefix ? o->path_prefix : "";
    json_writer w;
    json_writer_init(&w, out);
    json_write_begin_object(&w, NULL);
    json_write_begin_object(&w, "tool");
    json_write_string(&w, "name", "apimd");
    json_write_string(&w, "version",
                      o && o->tool_version ? o->tool_version : "");
    json_write_end(&w);
    json_write_begin_array(&w, "findings");
    strbuf path = STRBUF_INIT;
    for (size_t i = 0; i < f->count; i++)
        put_finding(&w, &path, &f->items[i], prefix);
    strbuf_free(&path);
    json_write_end(&w);
    put_summary(&w, f);
    json_write_end(&w);
    strbuf_putc(out, '\n');
}
