/* JSON output (--format json): the findings and the summary, for scripts.
 *
 *   {"tool": {"name": "apimd", "version": "0.1.0"},
 *    "findings": [{"rule", "severity", "file", "line", "column", "message",
 *                  "related": {"file", "line", "column", "message"}}],
 *    "summary": {"error", "warning", "note", "files", "suppressed",
 *                "baselined", "disabled", "rules": [{"rule", "severity",
 *                "count"}]}}
 */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "lint/render.h"
#include "util/json_print.h"

static char *prefixed(const char *prefix, const char *file)
{
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "%s%s", prefix, file);
    return strbuf_detach(&b);
}

static void add_file(cJSON *obj, const char *prefix, const char *file)
{
    char *path = prefixed(prefix, file);
    cJSON_AddStringToObject(obj, "file", path);
    free(path);
}

static cJSON *finding_json(const lint_finding *x, const char *prefix)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", x->rule_id);
    cJSON_AddStringToObject(o, "severity", lint_severity_name(x->severity));
    add_file(o, prefix, x->file);
    cJSON_AddNumberToObject(o, "line", x->line);
    cJSON_AddNumberToObject(o, "column", x->col);
    cJSON_AddStringToObject(o, "message", x->message);
    if (x->related_file) {
        cJSON *r = cJSON_AddObjectToObject(o, "related");
        add_file(r, prefix, x->related_file);
        cJSON_AddNumberToObject(r, "line", x->related_line);
        cJSON_AddNumberToObject(r, "column", x->related_col);
        cJSON_AddStringToObject(r, "message",
                                x->related_message ? x->related_message : "");
    }
    return o;
}

static cJSON *summary_json(const lint_findings *f)
{
    lint_summary s;
    lint_summarize(f, &s);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "error", (double)s.by_severity[LINT_ERROR]);
    cJSON_AddNumberToObject(o, "warning", (double)s.by_severity[LINT_WARNING]);
    cJSON_AddNumberToObject(o, "note", (double)s.by_severity[LINT_NOTE]);
    cJSON_AddNumberToObject(o, "files", (double)s.files);
    cJSON_AddNumberToObject(o, "suppressed", (double)f->suppressed);
    cJSON_AddNumberToObject(o, "baselined", (double)f->baselined);
    cJSON_AddNumberToObject(o, "disabled", (double)f->disabled);
    cJSON *rules = cJSON_AddArrayToObject(o, "rules");
    for (size_t i = 0; i < s.nrules; i++) {
        cJSON *r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "rule", s.rules[i].rule_id);
        cJSON_AddStringToObject(r, "severity",
                                lint_severity_name(s.rules[i].severity));
        cJSON_AddNumberToObject(r, "count", (double)s.rules[i].count);
        cJSON_AddItemToArray(rules, r);
    }
    lint_summary_free(&s);
    return o;
}

void lint_render_json(const lint_findings *f, const lint_render_options *o,
                      strbuf *out)
{
    const char *prefix = o && o->path_prefix ? o->path_prefix : "";
    cJSON *root = cJSON_CreateObject();
    cJSON *tool = cJSON_AddObjectToObject(root, "tool");
    cJSON_AddStringToObject(tool, "name", "apimd");
    cJSON_AddStringToObject(tool, "version",
                            o && o->tool_version ? o->tool_version : "");
    cJSON *list = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; i < f->count; i++)
        cJSON_AddItemToArray(list, finding_json(&f->items[i], prefix));
    cJSON_AddItemToObject(root, "summary", summary_json(f));
    json_print(root, out);
    strbuf_putc(out, '\n');
    cJSON_Delete(root);
}
