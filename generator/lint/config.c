/* The lint configuration: .apimd.json in the docs root, or --config. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "lint/lint.h"
#include "util/fsutil.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

void lint_config_init(lint_config *cfg)
{
    size_t n;
    lint_rules(&n);
    cfg->nrules = n;
    cfg->severity = xmalloc(n * sizeof *cfg->severity);
    for (size_t i = 0; i < n; i++)
        cfg->severity[i] = -1;
    cfg->fail_on = LINT_FAIL_ERROR;
    cfg->api_version = NULL;
}

void lint_config_free(lint_config *cfg)
{
    free(cfg->severity);
    free(cfg->api_version);
    cfg->severity = NULL;
    cfg->api_version = NULL;
    cfg->nrules = 0;
}

lint_severity lint_config_severity(const lint_config *cfg,
                                   const lint_rule *rule)
{
    if (cfg && cfg->severity) {
        size_t i = lint_rule_index(rule);
        if (i < cfg->nrules && cfg->severity[i] >= 0)
            return (lint_severity)cfg->severity[i];
    }
    return rule->severity;
}

static char *config_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *config_error(const char *fmt, ...)
{
    strbuf b = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&b, fmt, ap);
    va_end(ap);
    return strbuf_detach(&b);
}

static int parse_rules(lint_config *cfg, const cJSON *rules, char **error)
{
    if (!cJSON_IsObject(rules)) {
        *error = config_error("\"rules\" must be an object");
        return -1;
    }
    const cJSON *item;
    cJSON_ArrayForEach(item, rules) {
        const lint_rule *rule = lint_rule_find(item->string);
        if (!rule) {
            *error = config_error("unknown rule id \"%s\" in \"rules\"",
                                  item->string);
            return -1;
        }
        lint_severity s;
        if (!cJSON_IsString(item) ||
            lint_severity_parse(item->valuestring, &s) != 0) {
            *error = config_error("rule \"%s\": the severity must be one of "
                                  "\"off\", \"note\", \"warning\", \"error\"",
                                  item->string);
            return -1;
        }
        cfg->severity[lint_rule_index(rule)] = (int)s;
    }
    return 0;
}

static int parse_fail_on(lint_config *cfg, const cJSON *v, char **error)
{
    if (!cJSON_IsString(v) || lint_fail_on_parse(v->valuestring,
                                                 &cfg->fail_on) != 0) {
        *error = config_error("\"failOn\" must be one of \"error\", "
                              "\"warning\", \"note\", \"never\"");
        return -1;
    }
    return 0;
}

static int parse_api_version(lint_config *cfg, const cJSON *v, char **error)
{
    if (!cJSON_IsString(v) || (strcmp(v->valuestring, "v1.0") != 0 &&
                               strcmp(v->valuestring, "beta") != 0)) {
        *error = config_error("\"apiVersion\" must be \"v1.0\" or "
                             "\"beta\"");
        return -1;
    }
    free(cfg->api_version);
    cfg->api_version = xstrdup(v->valuestring);
    return 0;
}

static int parse_member(lint_config *cfg, const cJSON *item, char **error)
{
    if (strcmp(item->string, "rules") == 0)
        return parse_rules(cfg, item, error);
    if (strcmp(item->string, "failOn") == 0)
        return parse_fail_on(cfg, item, error);
    if (strcmp(item->string, "apiVersion") == 0)
        return parse_api_version(cfg, item, error);
    /* "$schema" and "//" comments are allowed, anything else is a typo. */
    if (item->string[0] == '$' || strncmp(item->string, "//", 2) == 0)
        return 0;
    *error = config_error("unknown key \"%s\"", item->string);
    return -1;
}

int lint_config_parse(lint_config *cfg, const char *json_text, char **error)
{
    *error = NULL;
    cJSON *root = cJSON_Parse(json_text);
    if (!root || !cJSON_IsObject(root)) {
        cJSON_Delete(root);
        *error = config_error("not a JSON object");
        return -1;
    }
    int rc = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, root) {
        if (parse_member(cfg, item, error) != 0) {
            rc = -1;
            break;
        }
    }
    cJSON_Delete(root);
    return rc;
}

/* A configuration is small; the bound keeps a hostile one (a link to
 * /dev/zero, say) from taking all memory, and fs_read_file refuses FIFOs
 * and devices instead of blocking on them. */
#define MAX_CONFIG_BYTES ((size_t)16 * 1024 * 1024)

static char *read_whole_file(const char *path, char **error)
{
    char *data = NULL;
    size_t len = 0;
    strbuf why = STRBUF_INIT;
    if (fs_read_file(path, MAX_CONFIG_BYTES, &data, &len, &why) != 0) {
        /* why reads "path: reason\n"; the caller puts the path back. */
        const char *reason = strbuf_cstr(&why);
        size_t n = strlen(path);
        if (strncmp(reason, path, n) == 0 && reason[n] == ':' && reason[n + 1] == ' ')
            reason += n + 2;
        *error = config_error("%.*s", (int)strcspn(reason, "\n"), reason);
        strbuf_free(&why);
        return NULL;
    }
    strbuf_free(&why);
    return data;
}

static char *prefix_error(const char *path, char *error)
{
    strbuf b = STRBUF_INIT;
    strbuf_printf(&b, "%s: %s", path, error);
    free(error);
    return strbuf_detach(&b);
}

int lint_config_load(lint_config *cfg, const char *path, char **error)
{
    char *text = read_whole_file(path, error);
    if (!text) {
        *error = prefix_error(path, *error);
        return -1;
    }
    int rc = lint_config_parse(cfg, text, error);
    free(text);
    if (rc != 0)
        *error = prefix_error(path, *error);
    return rc;
}

char *lint_config_find(const char *const *docs_roots, size_t nroots)
{
    for (size_t i = 0; i < nroots; i++) {
        strbuf b = STRBUF_INIT;
        strbuf_printf(&b, "%s/%s", docs_roots[i], LINT_CONFIG_FILE_NAME);
        /* Only whether it is there: opening a FIFO would block. */
        struct stat st;
        if (stat(strbuf_cstr(&b), &st) == 0)
            return strbuf_detach(&b);
        strbuf_free(&b);
    }
    return NULL;
}
