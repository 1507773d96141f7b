/* SARIF 2.1.0 output (--format sarif), the format code scanning (GitHub
 * and others) reads: one run, the rule catalogue as tool.driver.rules,
 * one result per finding with its location relative to the repository
 * root, and cross-page findings' other place as a related location. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lint/render.h"
#include "util/json_print.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define TOOL_INFORMATION_URI "https://github.com/apimd/apimd"

/* SARIF levels are the severity names, but "off" is "none". */
static const char *sarif_level(lint_severity s)
{
    return s == LINT_OFF ? "none" : lint_severity_name(s);
}

/* A relative URI reference: keep unreserved characters and '/',
 * percent-encode the rest (spaces, '#', '%', non-ASCII bytes). */
static char *file_uri(const char *prefix, const char *file)
{
    static const char keep[] = "abcdefghijklmnopqrstuvwxyz"
                               "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/";
    strbuf b = STRBUF_INIT;
    const char *parts[2] = {prefix, file};
    for (int p = 0; p < 2; p++)
        for (const unsigned char *s = (const unsigned char *)parts[p]; *s;
             s++) {
            if (strchr(keep, *s))
                strbuf_putc(&b, (char)*s);
            else
                strbuf_printf(&b, "%%%02X", *s);
        }
    return strbuf_detach(&b);
}

static cJSON *text_object(const char *text)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "text", text);
    return o;
}

static cJSON *rule_json(const lint_rule *r, const lint_render_options *o)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "id", r->id);
    cJSON_AddItemToObject(j, "shortDescription", text_object(r->summary));
    strbuf uri = STRBUF_INIT;
    lint_rule_help_uri(r, o ? o->help_base : NULL, &uri);
    cJSON_AddStringToObject(j, "helpUri", strbuf_cstr(&uri));
    strbuf_free(&uri);
    lint_severity configured =
        lint_config_severity(o ? o->config : NULL, r);
    cJSON *conf = cJSON_AddObjectToObject(j, "defaultConfiguration");
    cJSON_AddStringToObject(conf, "level", sarif_level(
        configured == LINT_OFF ? r->severity : configured));
    if (configured == LINT_OFF)
        cJSON_AddBoolToObject(conf, "enabled", 0);
    cJSON *props = cJSON_AddObjectToObject(j, "properties");
    cJSON *tags = cJSON_AddArrayToObject(props, "tags");
    cJSON_AddItemToArray(tags, cJSON_CreateString(r->family));
    return j;
}

static cJSON *driver_json(const lint_render_options *o)
{
    cJSON *d = cJSON_CreateObject();
    cJSON_AddStringToObject(d, "name", "apimd");
    cJSON_AddStringToObject(d, "version",
                            o && o->tool_version ? o->tool_version : "0");
    cJSON_AddStringToObject(d, "informationUri", TOOL_INFORMATION_URI);
    cJSON *rules = cJSON_AddArrayToObject(d, "rules");
    size_t n;
    const lint_rule *all = lint_rules(&n);
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(rules, rule_json(&all[i], o));
    return d;
}

static cJSON *physical_location(const char *prefix, const char *file,
                                int line, int col)
{
    cJSON *p = cJSON_CreateObject();
    cJSON *a = cJSON_AddObjectToObject(p, "artifactLocation");
    char *uri = file_uri(prefix, file);
    cJSON_AddStringToObject(a, "uri", uri);
    free(uri);
    cJSON_AddStringToObject(a, "uriBaseId", "%SRCROOT%");
    if (line > 0) {
        cJSON *r = cJSON_AddObjectToObject(p, "region");
        cJSON_AddNumberToObject(r, "startLine", line);
        if (col > 0)
            cJSON_AddNumberToObject(r, "startColumn", col);
    }
    return p;
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0xff) * 1099511628211ULL; /* field separator */
}

/* Stable across line moves, like the baseline: rule, file, message, and
 * which occurrence of that triple it is. */
static void fingerprint(const lint_finding *x, size_t occurrence, char *buf,
                        size_t size)
{
    uint64_t h = 1469598103934665603ULL;
    h = fnv1a(h, x->rule_id);
    h = fnv1a(h, x->file);
    h = fnv1a(h, x->message);
    snprintf(buf, size, "%016llx:%zu", (unsigned long long)h, occurrence);
}

static size_t occurrence_of(const lint_findings *f, size_t index)
{
    size_t n = 0;
    const lint_finding *x = &f->items[index];
    /* Sorted by file first: earlier equal triples are in the same run. */
    for (size_t j = index; j-- > 0 && strcmp(f->items[j].file, x->file) == 0;)
        n += strcmp(f->items[j].rule_id, x->rule_id) == 0 &&
             strcmp(f->items[j].message, x->message) == 0;
    return n + 1;
}

static void add_related(cJSON *result, const lint_finding *x,
                        const char *prefix)
{
    cJSON *list = cJSON_AddArrayToObject(result, "relatedLocations");
    cJSON *loc = cJSON_CreateObject();
    cJSON_AddNumberToObject(loc, "id", 1);
    cJSON_AddItemToObject(loc, "physicalLocation",
                          physical_location(prefix, x->related_file,
                                            x->related_line, x->related_col));
    cJSON_AddItemToObject(loc, "message",
                          text_object(x->related_message
                                          ? x->related_message
                                          : "related location"));
    cJSON_AddItemToArray(list, loc);
}

static cJSON *result_json(const lint_findings *f, size_t index,
                          const char *prefix)
{
    const lint_finding *x = &f->items[index];
    cJSON *r = cJSON_CreateObject();
    cJSON_AddStringToObject(r, "ruleId", x->rule_id);
    if (x->rule)
        cJSON_AddNumberToObject(r, "ruleIndex",
                                (double)lint_rule_index(x->rule));
    cJSON_AddStringToObject(r, "level", sarif_level(x->severity));
    strbuf text = STRBUF_INIT;
    strbuf_puts(&text, x->message);
    if (x->related_file)
        /* "[text](1)" links to relatedLocations id 1 in viewers. */
        strbuf_printf(&text, " (see [%s](1))",
                      x->related_message ? x->related_message : "here");
    cJSON_AddItemToObject(r, "message", text_object(strbuf_cstr(&text)));
    strbuf_free(&text);
    cJSON *locs = cJSON_AddArrayToObject(r, "locations");
    cJSON *loc = cJSON_CreateObject();
    cJSON_AddItemToObject(loc, "physicalLocation",
                          physical_location(prefix, x->file, x->line,
                                            x->col));
    cJSON_AddItemToArray(locs, loc);
    if (x->related_file)
        add_related(r, x, prefix);
    char fp[48];
    fingerprint(x, occurrence_of(f, index), fp, sizeof fp);
    cJSON *fps = cJSON_AddObjectToObject(r, "partialFingerprints");
    cJSON_AddStringToObject(fps, "apimdFindingHash/v1", fp);
    return r;
}

void lint_render_sarif(const lint_findings *f, const lint_render_options *o,
                       strbuf *out)
{
    const char *prefix = o && o->path_prefix ? o->path_prefix : "";
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "$schema", SARIF_SCHEMA);
    cJSON_AddStringToObject(root, "version", "2.1.0");
    cJSON *runs = cJSON_AddArrayToObject(root, "runs");
    cJSON *run = cJSON_CreateObject();
    cJSON *tool = cJSON_AddObjectToObject(run, "tool");
    cJSON_AddItemToObject(tool, "driver", driver_json(o));
    cJSON *results = cJSON_AddArrayToObject(run, "results");
    for (size_t i = 0; i < f->count; i++)
        cJSON_AddItemToArray(results, result_json(f, i, prefix));
    cJSON_AddItemToArray(runs, run);
    json_print(root, out);
    strbuf_putc(out, '\n');
    cJSON_Delete(root);
}
