/* Configuration (.apimd.json), severities applied by finishing, and the
 * exit status --fail-on decides. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lint_test.h"

static void test_defaults(void)
{
    lint_config cfg;
    lint_config_init(&cfg);
    CHECK(cfg.fail_on == LINT_FAIL_ERROR);
    CHECK(cfg.api_version == NULL);
    CHECK(lint_config_severity(&cfg, lint_rule_find("todo")) == LINT_WARNING);
    CHECK(lint_config_severity(NULL, lint_rule_find("link-case")) ==
          LINT_ERROR);
    lint_config_free(&cfg);
}

static void test_parse(void)
{
    lint_config cfg;
    lint_config_init(&cfg);
    char *error = NULL;
    CHECK(lint_config_parse(&cfg,
                            "{\"$schema\": \"x\", \"rules\": {\"todo\": "
                            "\"off\", \"content-length\": \"error\"}, "
                            "\"failOn\": \"warning\", \"apiVersion\": "
                            "\"v1.0\"}",
                            &error) == 0);
    CHECK(error == NULL);
    CHECK(lint_config_severity(&cfg, lint_rule_find("todo")) == LINT_OFF);
    CHECK(lint_config_severity(&cfg, lint_rule_find("content-length")) ==
          LINT_ERROR);
    CHECK(cfg.fail_on == LINT_FAIL_WARNING);
    CHECK_STR(cfg.api_version, "v1.0");
    lint_config_free(&cfg);
}

/* Each bad document fails with a message naming what is wrong. */
static void expect_error(const char *json, const char *needle)
{
    lint_config cfg;
    lint_config_init(&cfg);
    char *error = NULL;
    CHECK(lint_config_parse(&cfg, json, &error) != 0);
    CHECK(error && strstr(error, needle));
    if (!error || !strstr(error, needle))
        fprintf(stderr, "  for %s: %s\n", json, error ? error : "(none)");
    free(error);
    lint_config_free(&cfg);
}

static void test_errors(void)
{
    expect_error("[]", "not a JSON object");
    expect_error("{\"rules\": {\"no-such-rule\": \"off\"}}", "no-such-rule");
    expect_error("{\"rules\": {\"todo\": \"loud\"}}", "todo");
    expect_error("{\"rules\": []}", "\"rules\"");
    expect_error("{\"failOn\": \"sometimes\"}", "failOn");
    expect_error("{\"apiVersion\": \"v2.0\"}", "apiVersion");
    expect_error("{\"rule\": {}}", "unknown key \"rule\"");
}

static char *temp_dir(void)
{
    char tmpl[] = "/tmp/apimd-lint-config-XXXXXX";
    char *dir = mkdtemp(tmpl);
    return dir ? strdup(dir) : NULL;
}

static void write_text(const char *path, const char *text)
{
    FILE *fp = fopen(path, "wb");
    CHECK(fp != NULL);
    if (fp) {
        fputs(text, fp);
        fclose(fp);
    }
}

static void test_find_and_load(void)
{
    char *dir = temp_dir();
    CHECK(dir != NULL);
    if (!dir)
        return;
    const char *roots[] = {"/nonexistent-apimd-root", dir};
    CHECK(lint_config_find(roots, 2) == NULL);
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", dir, LINT_CONFIG_FILE_NAME);
    write_text(strbuf_cstr(&path), "{\"rules\": {\"link-case\": \"warning\"}}");
    char *found = lint_config_find(roots, 2);
    CHECK_STR(found, strbuf_cstr(&path));
    lint_config cfg;
    lint_config_init(&cfg);
    char *error = NULL;
    CHECK(lint_config_load(&cfg, found, &error) == 0);
    CHECK(lint_config_severity(&cfg, lint_rule_find("link-case")) ==
          LINT_WARNING);
    lint_config_free(&cfg);
    /* A broken file names itself in the message. */
    write_text(strbuf_cstr(&path), "{\"failOn\": 3}");
    lint_config_init(&cfg);
    CHECK(lint_config_load(&cfg, found, &error) != 0);
    CHECK(error && strstr(error, LINT_CONFIG_FILE_NAME));
    free(error);
    error = NULL;
    CHECK(lint_config_load(&cfg, "/nonexistent-apimd-root/x.json",
                           &error) != 0);
    CHECK(error != NULL);
    free(error);
    lint_config_free(&cfg);
    unlink(strbuf_cstr(&path));
    rmdir(dir);
    strbuf_free(&path);
    free(found);
    free(dir);
}

static void add_sample(lint_findings *f)
{
    lint_findings_add(f, "todo", "a.md", 1, 1, "placeholder");
    lint_findings_add(f, "content-length", "a.md", 2, 1, "length");
    lint_findings_add(f, "link-case", "b.md", 3, 1, "case");
}

static void test_finish_applies_severities(void)
{
    lint_config cfg;
    lint_config_init(&cfg);
    char *error = NULL;
    CHECK(lint_config_parse(&cfg,
                            "{\"rules\": {\"link-case\": \"off\", "
                            "\"content-length\": \"error\"}}",
                            &error) == 0);
    lint_findings f;
    lint_findings_init(&f);
    add_sample(&f);
    lint_findings_finish(&f, &cfg, NULL);
    CHECK(f.count == 2);
    CHECK(f.disabled == 1);
    CHECK(strcmp(f.items[0].rule_id, "todo") == 0 &&
          f.items[0].severity == LINT_WARNING);
    CHECK(strcmp(f.items[1].rule_id, "content-length") == 0 &&
          f.items[1].severity == LINT_ERROR);
    lint_findings_free(&f);
    lint_config_free(&cfg);
}

static void test_fail_on(void)
{
    lint_fail_on on;
    CHECK(lint_fail_on_parse("warning", &on) == 0 && on == LINT_FAIL_WARNING);
    CHECK(lint_fail_on_parse("never", &on) == 0 && on == LINT_FAIL_NEVER);
    CHECK(lint_fail_on_parse("sometimes", &on) != 0);
    CHECK_STR(lint_fail_on_name(LINT_FAIL_NOTE), "note");

    lint_findings notes;
    lint_findings_init(&notes);
    lint_findings_add(&notes, "content-length", "a.md", 2, 1, "length");
    lint_findings_finish(&notes, NULL, NULL);
    CHECK(lint_exit_status(&notes, LINT_FAIL_ERROR) == 0);
    CHECK(lint_exit_status(&notes, LINT_FAIL_WARNING) == 0);
    CHECK(lint_exit_status(&notes, LINT_FAIL_NOTE) == 1);
    CHECK(lint_exit_status(&notes, LINT_FAIL_NEVER) == 0);
    lint_findings_free(&notes);

    lint_findings all;
    lint_findings_init(&all);
    add_sample(&all);
    lint_findings_finish(&all, NULL, NULL);
    CHECK(lint_exit_status(&all, LINT_FAIL_ERROR) == 1);
    CHECK(lint_exit_status(&all, LINT_FAIL_NEVER) == 0);
    lint_findings_free(&all);

    lint_findings none;
    lint_findings_init(&none);
    lint_findings_finish(&none, NULL, NULL);
    CHECK(lint_exit_status(&none, LINT_FAIL_NOTE) == 0);
    lint_findings_free(&none);
}

static void test_catalogue(void)
{
    size_t n;
    const lint_rule *rules = lint_rules(&n);
    CHECK(n > 20);
    for (size_t i = 0; i < n; i++) {
        CHECK(lint_rule_find(rules[i].id) == &rules[i]);
        CHECK(lint_rule_index(&rules[i]) == i);
        CHECK(rules[i].severity >= LINT_NOTE);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(rules[i].id, rules[j].id) != 0);
    }
    lint_severity s;
    CHECK(lint_severity_parse("note", &s) == 0 && s == LINT_NOTE);
    CHECK(lint_severity_parse("fatal", &s) != 0);
    strbuf uri = STRBUF_INIT;
    lint_rule_help_uri(lint_rule_find("link-case"), "https://x/rules.md", &uri);
    CHECK_STR(strbuf_cstr(&uri), "https://x/rules.md#link-case");
    strbuf_free(&uri);
}

/* Every rule has its section in docs/lint-rules.md (the help link's
 * anchor) and its row in the layout document's table. */
static void test_rules_documented(void)
{
    char *rules_path = test_source_path("docs/lint-rules.md");
    char *layout_path = test_source_path("docs/CONTRIBUTING-layout.md");
    char *rules_doc = test_read_file(rules_path);
    char *layout_doc = test_read_file(layout_path);
    CHECK(rules_doc && layout_doc);
    size_t n;
    const lint_rule *rules = lint_rules(&n);
    for (size_t i = 0; rules_doc && layout_doc && i < n; i++) {
        strbuf heading = STRBUF_INIT, row = STRBUF_INIT;
        strbuf_printf(&heading, "\n### %s\n", rules[i].id);
        strbuf_printf(&row, "| `%s` | %s |", rules[i].id, rules[i].family);
        if (!strstr(rules_doc, strbuf_cstr(&heading)) ||
            !strstr(layout_doc, strbuf_cstr(&row))) {
            lint_test_failures++;
            fprintf(stderr, "rule %s is not documented in both files\n",
                    rules[i].id);
        }
        strbuf_free(&heading);
        strbuf_free(&row);
    }
    free(rules_doc);
    free(layout_doc);
    free(rules_path);
    free(layout_path);
}

int main(void)
{
    test_defaults();
    test_parse();
    test_errors();
    test_find_and_load();
    test_finish_applies_severities();
    test_fail_on();
    test_catalogue();
    test_rules_documented();
    return test_finish("lint config");
}
