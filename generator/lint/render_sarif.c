/* SARIF 2.1.0 output (--format sarif), the format code scanning (GitHub
 * and others) reads: one run, the rule catalogue as tool.driver.rules,
 * one result per finding with its location relative to the repository
 * root, and cross-page findings' other place as a related location. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* {"text": text} */
static void put_text_object(json_writer *w, const char *key, const char *text)
{
    json_write_begin_object(w, key);
    json_write_string(w, "text", text);
    json_write_end(w);
}

static void put_rule(json_writer *w, strbuf *scratch, const lint_rule *r,
                     const lint_render_options *o)
{
    json_write_begin_object(w, NULL);
    json_write_string(w, "id", r->id);
    put_text_object(w, "shortDescription", r->summary);
    strbuf_reset(scratch);
    lint_rule_help_uri(r, o ? o->help_base : NULL, scratch);
    json_write_string(w, "helpUri", strbuf_cstr(scratch));
    lint_severity configured =
        lint_config_severity(o ? o->config : NULL, r);
    json_write_begin_object(w, "defaultConfiguration");
    json_write_string(w, "level", sarif_level(
        configured == LINT_OFF ? r->severity : configured));
    if (configured == LINT_OFF)
        json_write_bool(w, "enabled", 0);
    json_write_end(w);
    json_write_begin_object(w, "properties");
    json_write_begin_array(w, "tags");
    json_write_string(w, NULL, r->family);
    json_write_end(w);
    json_write_end(w);
    json_write_end(w);
}

static void put_driver(json_writer *w, strbuf *scratch,
                       const lint_render_options *o)
{
    json_write_begin_object(w, "driver");
    json_write_string(w, "name", "apimd");
    json_write_string(w, "version",
                      o && o->tool_version ? o->tool_version : "0");
    json_write_string(w, "informationUri", TOOL_INFORMATION_URI);
    json_write_begin_array(w, "rules");
    size_t n;
    const lint_rule *all = lint_rules(&n);
    for (size_t i = 0; i < n; i++)
        put_rule(w, scratch, &all[i], o);
    json_write_end(w);
    json_write_end(w);
}

static void put_physical_location(json_writer *w, const char *prefix,
                                  const char *file, int line, int col)
{
    json_write_begin_object(w, "physicalLocation");
    json_write_begin_object(w, "artifactLocation");
    char *uri = file_uri(prefix, file);
    json_write_string(w, "uri", uri);
    free(uri);
    json_write_string(w, "uriBaseId", "%SRCROOT%");
    json_write_end(w);
    if (line > 0) {
        json_write_begin_object(w, "region");
        json_write_number(w, "startLine", line);
        if (col > 0)
            json_write_number(w, "startColumn", col);
        json_write_end(w);
    }
    json_write_end(w);
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

static void put_related(json_writer *w, const lint_finding *x,
                        const char *prefix)
{
    json_write_begin_array(w, "relatedLocations");
    json_write_begin_object(w, NULL);
    json_write_number(w, "id", 1);
    put_physical_location(w, prefix, x->related_file, x->related_line,
                          x->related_col);
    put_text_object(w, "message", x->related_message ? x->related_message
                                                      : "related location");
    json_write_end(w);
    json_write_end(w);
}

static void put_result(json_writer *w, strbuf *scratch,
                       const lint_findings *f, size_t index,
                       const char *prefix)
{
    const lint_finding *x = &f->items[index];
    json_write_begin_object(w, NULL);
    json_write_string(w, "ruleId", x->rule_id);
    if (x->rule)
        json_write_number(w, "ruleIndex", (double)lint_rule_index(x->rule));
    json_write_string(w, "level", sarif_level(x->severity));
    strbuf_reset(scratch);
    strbuf_puts(scratch, x->message);
    if (x->related_file)
        /* "[text](1)" links to relatedLocations id 1 in viewers. */
        strbuf_printf(scratch, " (see [%s](1))",
                      x->related_message ? x->related_message : "here");
    put_text_object(w, "message", strbuf_cstr(scratch));
    json_write_begin_array(w, "locations");
    json_write_begin_object(w, NULL);
    put_physical_location(w, prefix, x->file, x->line, x->col);
    json_write_end(w);
    json_write_end(w);
    if (x->related_file)
        put_related(w, x, prefix);
    char fp[48];
    fingerprint(x, occurrence_of(f, index), fp, sizeof fp);
    json_write_begin_object(w, "partialFingerprints");
    json_write_string(w, "apimdFindingHash/v1", fp);
    json_write_end(w);
    json_write_end(w);
}

/* Written as text as it goes, in the layout json_print gives a tree. */
void lint_render_sarif(const lint_findings *f, const lint_render_options *o,
                       strbuf *out)
{
    const char *prefix = o && o->path_prefix ? o->path_prefix : "";
    strbuf scratch = STRBUF_INIT;
    json_writer w;
    json_writer_init(&w, out);
    json_write_begin_object(&w, NULL);
    json_write_string(&w, "$schema", SARIF_SCHEMA);
    json_write_string(&w, "version", "2.1.0");
    json_write_begin_array(&w, "runs");
    json_write_begin_object(&w, NULL);
    json_write_begin_object(&w, "tool");
    put_driver(&w, &scratch, o);
    json_write_end(&w);
    json_write_begin_array(&w, "results");
    for (size_t i = 0; i < f->count; i++)
        put_result(&w, &scratch, f, i, prefix);
    json_write_end(&w);
    json_write_end(&w);
    json_write_end(&w);
    json_write_end(&w);
    strbuf_putc(out, '\n');
    strbuf_free(&scratch);
}
