/* The renderers: text lines and summary, JSON fields, and the structure
 * of SARIF 2.1.0 that code scanning requires. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "lint_test.h"

/* Two files, three severities, one cross-page finding, an unknown id. */
static void sample_findings(lint_findings *f)
{
    lint_findings_init(f);
    lint_findings_add(f, "todo", "api/widget get.md", 21, 37,
                      "placeholder text: \"TODO: Add Description.\"");
    lint_findings_add(f, "link-case", "resources/call.md", 45, 25,
                      "link target \"A.md\" exists only as \"a.md\"");
    lint_findings_add(f, "content-length", "api/widget get.md", 9, 1,
                      "Content-Length is 3 but the body has 4 bytes");
    src_ref at = {"api/call-update.md", 57, 2};
    src_ref other = {"resources/call.md", 62, 3};
    lint_findings_add_related(f, "conflict-type", at, other,
                              "the definition the model keeps",
                              "call.targets: type a here, b there");
    lint_findings_add(f, "future-rule", "api/x.md", 0, 0, "from elsewhere");
    lint_findings_finish(f, NULL, NULL);
}

static void test_text(void)
{
    lint_findings f;
    sample_findings(&f);
    lint_render_options o = {"1.2.3", "docs/", NULL, NULL};
    strbuf out = STRBUF_INIT;
    lint_render_text(&f, &o, &out);
    const char *want =
        "docs/api/call-update.md:57:2: error: call.targets: type a here, b "
        "there; see docs/resources/call.md:62 [conflict-type]\n"
        "docs/api/widget get.md:9:1: note: Content-Length is 3 but the body "
        "has 4 bytes [content-length]\n"
        "docs/api/widget get.md:21:37: warning: placeholder text: \"TODO: Add "
        "Description.\" [todo]\n"
        "docs/api/x.md: warning: from elsewhere [future-rule]\n"
        "docs/resources/call.md:45:25: error: link target \"A.md\" exists "
        "only as \"a.md\" [link-case]\n"
        "\n"
        "2 errors, 2 warnings, 1 note in 4 files\n"
        "  error    conflict-type            1\n"
        "  error    link-case                1\n"
        "  warning  future-rule              1\n"
        "  warning  todo                     1\n"
        "  note     content-length           1\n";
    CHECK_STR(strbuf_cstr(&out), want);
    strbuf_free(&out);
    lint_findings_free(&f);
}

static void test_text_empty(void)
{
    lint_findings f;
    lint_findings_init(&f);
    lint_findings_finish(&f, NULL, NULL);
    strbuf out = STRBUF_INIT;
    lint_render_text(&f, NULL, &out);
    CHECK_STR(strbuf_cstr(&out), "no findings\n");
    strbuf_free(&out);
    lint_findings_free(&f);
}

static const cJSON *get(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static int is_string(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    return cJSON_IsString(v) && v->valuestring[0] != '\0';
}

static void test_json(void)
{
    lint_findings f;
    sample_findings(&f);
    lint_render_options o = {"1.2.3", NULL, NULL, NULL};
    strbuf out = STRBUF_INIT;
    lint_render_json(&f, &o, &out);
    cJSON *root = cJSON_Parse(strbuf_cstr(&out));
    CHECK(root != NULL);
    CHECK_STR(cJSON_GetStringValue(get(get(root, "tool"), "version")),
              "1.2.3");
    const cJSON *list = get(root, "findings");
    CHECK(cJSON_GetArraySize(list) == 5);
    const cJSON *first = cJSON_GetArrayItem(list, 0);
    CHECK_STR(cJSON_GetStringValue(get(first, "rule")), "conflict-type");
    CHECK_STR(cJSON_GetStringValue(get(first, "severity")), "error");
    CHECK_STR(cJSON_GetStringValue(get(first, "file")), "api/call-update.md");
    CHECK(get(first, "line")->valueint == 57);
    CHECK(get(first, "column")->valueint == 2);
    CHECK_STR(cJSON_GetStringValue(get(get(first, "related"), "file")),
              "resources/call.md");
    const cJSON *summary = get(root, "summary");
    CHECK(get(summary, "error")->valueint == 2);
    CHECK(get(summary, "warning")->valueint == 2);
    CHECK(get(summary, "note")->valueint == 1);
    CHECK(get(summary, "files")->valueint == 4);
    CHECK(cJSON_GetArraySize(get(summary, "rules")) == 5);
    cJSON_Delete(root);
    strbuf_free(&out);
    lint_findings_free(&f);
}

/* ---- SARIF: the fields SARIF 2.1.0 and code scanning require ---------- */

static int is_level(const char *s)
{
    return s && (strcmp(s, "none") == 0 || strcmp(s, "note") == 0 ||
                 strcmp(s, "warning") == 0 || strcmp(s, "error") == 0);
}

/* SARIF objects allow no properties beyond the schema's: a typo in a key
 * would make the whole log invalid. */
static void check_keys(const cJSON *obj, const char *const *allowed)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, obj) {
        int known = 0;
        for (size_t i = 0; allowed[i] && !known; i++)
            known = strcmp(item->string, allowed[i]) == 0;
        if (!known) {
            lint_test_failures++;
            fprintf(stderr, "SARIF: unexpected key \"%s\"\n", item->string);
        }
    }
}

static const char *const rule_keys[] = {
    "id", "name", "shortDescription", "fullDescription", "helpUri", "help",
    "defaultConfiguration", "properties", NULL};
static const char *const result_keys[] = {
    "ruleId", "ruleIndex", "level", "message", "locations",
    "relatedLocations", "partialFingerprints", "fingerprints", NULL};
static const char *const location_keys[] = {"id", "physicalLocation",
                                            "message", NULL};

static void check_sarif_rule(const cJSON *rule)
{
    check_keys(rule, rule_keys);
    CHECK(is_string(rule, "id"));
    CHECK(is_string(get(rule, "shortDescription"), "text"));
    const char *help = cJSON_GetStringValue(get(rule, "helpUri"));
    CHECK(help && strncmp(help, "https://", 8) == 0);
    if (help && is_string(rule, "id")) {
        const char *anchor = strchr(help, '#');
        CHECK(anchor && strcmp(anchor + 1, get(rule, "id")->valuestring) == 0);
    }
    CHECK(is_level(cJSON_GetStringValue(
        get(get(rule, "defaultConfiguration"), "level"))));
}

/* A relative URI reference: no scheme, no leading slash, no spaces. */
static void check_artifact_uri(const char *uri)
{
    CHECK(uri && uri[0] != '/' && !strstr(uri, "://") && !strchr(uri, ' '));
}

static void check_physical_location(const cJSON *loc)
{
    check_keys(loc, location_keys);
    const cJSON *phys = get(loc, "physicalLocation");
    CHECK(cJSON_IsObject(phys));
    check_artifact_uri(cJSON_GetStringValue(
        get(get(phys, "artifactLocation"), "uri")));
    const cJSON *region = get(phys, "region");
    if (region) {
        CHECK(cJSON_IsNumber(get(region, "startLine")) &&
              get(region, "startLine")->valueint >= 1);
        const cJSON *col = get(region, "startColumn");
        CHECK(!col || (cJSON_IsNumber(col) && col->valueint >= 1));
    }
}

static void check_sarif_result(const cJSON *result, const cJSON *rules)
{
    check_keys(result, result_keys);
    const char *id = cJSON_GetStringValue(get(result, "ruleId"));
    CHECK(id != NULL);
    const cJSON *index = get(result, "ruleIndex");
    if (index) {
        const cJSON *rule = cJSON_GetArrayItem(rules, index->valueint);
        CHECK(rule && id && strcmp(cJSON_GetStringValue(get(rule, "id")),
                                   id) == 0);
    }
    CHECK(is_level(cJSON_GetStringValue(get(result, "level"))));
    CHECK(is_string(get(result, "message"), "text"));
    const cJSON *locations = get(result, "locations");
    CHECK(cJSON_GetArraySize(locations) == 1);
    check_physical_location(cJSON_GetArrayItem(locations, 0));
    const cJSON *related;
    cJSON_ArrayForEach(related, get(result, "relatedLocations")) {
        CHECK(cJSON_IsNumber(get(related, "id")));
        check_physical_location(related);
        CHECK(is_string(get(related, "message"), "text"));
    }
}

static void test_sarif(void)
{
    lint_findings f;
    sample_findings(&f);
    lint_config cfg;
    lint_config_init(&cfg);
    char *error = NULL;
    CHECK(lint_config_parse(&cfg, "{\"rules\": {\"todo\": \"off\"}}",
                            &error) == 0);
    lint_render_options o = {"1.2.3", "docs input/", NULL, &cfg};
    strbuf out = STRBUF_INIT;
    lint_render_sarif(&f, &o, &out);
    cJSON *root = cJSON_Parse(strbuf_cstr(&out));
    CHECK(root != NULL);
    CHECK_STR(cJSON_GetStringValue(get(root, "version")), "2.1.0");
    static const char *const root_keys[] = {"$schema", "version", "runs",
                                            NULL};
    check_keys(root, root_keys);
    CHECK(is_string(root, "$schema"));
    const cJSON *runs = get(root, "runs");
    CHECK(cJSON_GetArraySize(runs) == 1);
    const cJSON *run = cJSON_GetArrayItem(runs, 0);
    const cJSON *driver = get(get(run, "tool"), "driver");
    CHECK_STR(cJSON_GetStringValue(get(driver, "name")), "apimd");
    CHECK_STR(cJSON_GetStringValue(get(driver, "version")), "1.2.3");
    const cJSON *rules = get(driver, "rules");
    size_t nrules;
    lint_rules(&nrules);
    CHECK((size_t)cJSON_GetArraySize(rules) == nrules);
    const cJSON *rule;
    cJSON_ArrayForEach(rule, rules) {
        check_sarif_rule(rule);
        if (strcmp(cJSON_GetStringValue(get(rule, "id")), "todo") == 0)
            CHECK(cJSON_IsFalse(get(get(rule, "defaultConfiguration"),
                                    "enabled")));
    }
    const cJSON *results = get(run, "results");
    CHECK(cJSON_GetArraySize(results) == 5);
    const cJSON *result;
    cJSON_ArrayForEach(result, results) check_sarif_result(result, rules);
    /* The cross-page finding carries its other place; paths are prefixed
     * and percent-encoded. */
    const cJSON *first = cJSON_GetArrayItem(results, 0);
    CHECK(cJSON_GetArraySize(get(first, "relatedLocations")) == 1);
    const cJSON *second = cJSON_GetArrayItem(results, 1);
    CHECK_STR(cJSON_GetStringValue(get(get(get(cJSON_GetArrayItem(
                  get(second, "locations"), 0), "physicalLocation"),
                  "artifactLocation"), "uri")),
              "docs%20input/api/widget%20get.md");
    cJSON_Delete(root);
    strbuf_free(&out);
    lint_config_free(&cfg);
    lint_findings_free(&f);
}

int main(void)
{
    test_text();
    test_text_empty();
    test_json();
    test_sarif();
    return test_finish("lint renderers");
}
