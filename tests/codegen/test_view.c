/* The view: C identifiers (snake case, keywords, collisions within a
 * struct and across the library), prefixes, base and derived types, text
 * escaping, determinism. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support.h"
#include "util/strbuf.h"
#include "view/c_names.h"
#include "view/c_view.h"

static void test_snake_case(void)
{
    static const char *const cases[][2] = {
        {"appHostedMediaConfig", "app_hosted_media_config"},
        {"HTTPRequest", "http_request"},
        {"ipv6Range", "ipv6_range"},
        {"x509Certificate", "x509_certificate"},
        {"oAuth2PermissionGrant", "o_auth2_permission_grant"},
        {"@odata.etag", "odata_etag"},
        {"x-ms-thing", "x_ms_thing"},
        {"already_snake", "already_snake"},
        {"__init__", "init"},
        {"tone0", "tone0"},
        {"ID", "id"},
        {"名前", ""},
        {"", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *snake = c_snake_case(cases[i][0]);
        if (strcmp(snake, cases[i][1]) != 0) {
            fprintf(stderr, "snake case of '%s': got '%s', want '%s'\n", cases[i][0], snake,
                    cases[i][1]);
            support_failures++;
        }
        free(snake);
    }
}

static void test_member_names(void)
{
    static const char *const cases[][2] = {
        {"default", "default_"}, {"int", "int_"},     {"errno", "errno_"},
        {"bool", "bool_"},       {"and", "and_"},     {"static", "static_"},
        {"24Hours", "v24_hours"}, {"", "value"},      {"名前", "value"},
        {"linux", "linux_"},     {"subject", "subject"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *name = c_member_name(cases[i][0]);
        if (strcmp(name, cases[i][1]) != 0) {
            fprintf(stderr, "member name of '%s': got '%s', want '%s'\n", cases[i][0], name,
                    cases[i][1]);
            support_failures++;
        }
        free(name);
    }
}

static void test_claim_name(void)
{
    name_index *taken = name_index_new();
    static const c_affix field[] = {{"", ""}, {"has_", ""}, {"", "_count"}};
    char *a = c_claim_name(taken, "foo", field, 3);
    char *b = c_claim_name(taken, "foo", field, 3);
    static const c_affix plain[] = {{"", ""}};
    char *c = c_claim_name(taken, "foo_count", plain, 1); /* foo's companion */
    char *d = c_claim_name(taken, "has_foo", plain, 1);
    CHECK(strcmp(a, "foo") == 0);
    CHECK(strcmp(b, "foo_2") == 0);
    CHECK(strcmp(c, "foo_count_2") == 0);
    CHECK(strcmp(d, "has_foo_3") == 0); /* has_foo_2 is foo_2's */
    free(a);
    free(b);
    free(c);
    free(d);
    name_index_free(taken);
}

static void test_escaping(void)
{
    strbuf out = STRBUF_INIT;
    c_append_string_body(&out, "say \"hi\" \\ ?\?= \x01\xc3\xa9");
    CHECK(strcmp(strbuf_cstr(&out), "say \\\"hi\\\" \\\\ ?\\?= \\001\\303\\251") == 0);
    strbuf_reset(&out);
    c_append_comment_text(&out, "a */ b /* c ?\?/\n\td");
    CHECK(strcmp(strbuf_cstr(&out), "a * / b / * c ? ?/  d") == 0);
    strbuf_free(&out);
}

static void test_prefixes(void)
{
    static const char *const good[] = {"graph", "g", "ms_graph", "v1"};
    static const char *const bad[] = {"Graph", "graph_", "a__b", "_graph", "1graph", "int", "", "gr-aph"};
    strbuf err = STRBUF_INIT;
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        CHECK(c_view_prefix_valid(good[i], &err));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        strbuf_reset(&err);
        int valid = c_view_prefix_valid(bad[i], &err);
        if (valid || !strstr(strbuf_cstr(&err), "prefix")) {
            fprintf(stderr, "prefix '%s' should be refused\n", bad[i]);
            support_failures++;
        }
    }
    strbuf_free(&err);
}

/* ---- views of the fixtures ---- */

static cJSON *find_named(const cJSON *list, const char *key, const char *value)
{
    const cJSON *item;
    cJSON_ArrayForEach(item, list) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(item, key);
        if (cJSON_IsString(v) && strcmp(v->valuestring, value) == 0)
            return (cJSON *)item;
    }
    return NULL;
}

static const char *text_of(const cJSON *object, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(object, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

static cJSON *type_view(const cJSON *view, const char *qualified)
{
    cJSON *t = find_named(cJSON_GetObjectItemCaseSensitive(view, "types"), "qualified_name",
                          qualified);
    if (!t)
        t = find_named(cJSON_GetObjectItemCaseSensitive(view, "enums"), "qualified_name",
                       qualified);
    if (!t) {
        fprintf(stderr, "no view of %s\n", qualified);
        support_failures++;
    }
    return t;
}

/* The member name a field got, by its JSON name. */
static const char *field_name(const cJSON *view, const char *type, const char *json_name)
{
    const cJSON *t = type_view(view, type);
    const cJSON *f = find_named(cJSON_GetObjectItemCaseSensitive(t, "fields"), "json_name",
                                json_name);
    return f ? text_of(f, "c_name") : "(no field)";
}

#define CHECK_TEXT(actual, expected)                                          \
    do {                                                                      \
        const char *got_ = (actual);                                          \
        if (strcmp(got_, (expected)) != 0) {                                  \
            fprintf(stderr, "%s:%d: %s: got '%s', want '%s'\n", __FILE__,     \
                    __LINE__, #actual, got_, (expected));                     \
            support_failures++;                                               \
        }                                                                     \
    } while (0)

static void test_global_collisions(const cJSON *view)
{
    /* the runtime's graph_error and graph_runtime.h keep their names */
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.error"), "c_name"), "graph_error_2");
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.runtime"), "c_name"), "graph_runtime_2");
    /* call claims graph_call_new for its constructor first */
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.call"), "c_name"), "graph_call");
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.callNew"), "c_name"), "graph_call_new_2");
    /* same name, two namespaces */
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.session"), "c_name"), "graph_session");
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.callRecords.session"), "c_name"),
               "graph_call_records_session");
    /* a property names a type of its own namespace first */
    const cJSON *records = type_view(view, "microsoft.graph.callRecords.session");
    const cJSON *segment = find_named(cJSON_GetObjectItemCaseSensitive(records, "fields"),
                                      "json_name", "segment");
    CHECK_TEXT(text_of(segment, "c_type"), "graph_call_records_session");
}

static void test_enum_constants(const cJSON *view)
{
    const cJSON *weird = type_view(view, "microsoft.graph.weird");
    const cJSON *members = cJSON_GetObjectItemCaseSensitive(weird, "members");
    CHECK_TEXT(text_of(cJSON_GetArrayItem(members, 0), "constant"), "GRAPH_WEIRD_H_2"); /* guard */
    CHECK_TEXT(text_of(cJSON_GetArrayItem(members, 1), "constant"), "GRAPH_WEIRD_UNRECOGNIZED");
    CHECK_TEXT(text_of(cJSON_GetArrayItem(members, 2), "constant"), "GRAPH_WEIRD_A_B");
    CHECK_TEXT(text_of(cJSON_GetArrayItem(members, 3), "constant"), "GRAPH_WEIRD_A_B_2");
    CHECK_TEXT(text_of(weird, "unrecognized_constant"), "GRAPH_WEIRD_UNRECOGNIZED_2");
    CHECK_TEXT(text_of(weird, "unrecognized_value"), "6");
    const cJSON *bits = type_view(view, "microsoft.graph.bits");
    CHECK_TEXT(text_of(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(bits, "members"), 2),
                       "value"), "4");
    CHECK_TEXT(text_of(bits, "unrecognized_value"), "5");
}

static void test_struct_collisions(const cJSON *view)
{
    const char *k = "microsoft.graph.keywords";
    CHECK_TEXT(field_name(view, k, "default"), "default_");
    CHECK_TEXT(field_name(view, k, "errno"), "errno_");
    CHECK_TEXT(field_name(view, k, "type_info"), "type_info_2");   /* header member */
    CHECK_TEXT(field_name(view, k, "odataType"), "odata_type_2");  /* header member */
    CHECK_TEXT(field_name(view, k, "additionalData"), "additional_data_2");
    CHECK_TEXT(field_name(view, k, "base"), "base");               /* a root has no base */
    CHECK_TEXT(field_name(view, k, "FOO"), "foo");
    CHECK_TEXT(field_name(view, k, "foo"), "foo_2");               /* FOO sorts first */
    CHECK_TEXT(field_name(view, k, "fooCount"), "foo_count");
    CHECK_TEXT(field_name(view, k, "hasFoo"), "has_foo");
    CHECK_TEXT(field_name(view, k, "24Hours"), "v24_hours");
    CHECK_TEXT(field_name(view, k, "名前"), "value_2");
    CHECK_TEXT(field_name(view, "microsoft.graph.dog", "base"), "base_2"); /* derived */
    /* @odata.type is the header's, never a field */
    CHECK_TEXT(field_name(view, k, "@odata.type"), "(no field)");
    /* a property the base declares lives in the base */
    CHECK_TEXT(field_name(view, "microsoft.graph.mammal", "name"), "(no field)");
}

static void test_hierarchy(const cJSON *view)
{
    const cJSON *animal = type_view(view, "microsoft.graph.animal");
    const cJSON *derived = cJSON_GetObjectItemCaseSensitive(animal, "derived");
    CHECK(cJSON_GetArraySize(derived) == 3);
    CHECK(find_named(derived, "name", "dog") != NULL); /* grandchildren too */
    const cJSON *dog = type_view(view, "microsoft.graph.dog");
    CHECK_TEXT(text_of(cJSON_GetObjectItemCaseSensitive(dog, "base"), "c_name"), "graph_mammal");
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(type_view(view, "microsoft.graph.orphan"),
                                                        "is_root")));
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(type_view(view, "microsoft.graph.habitat"),
                                                        "is_root"))); /* base is an enum */
}

static void test_field_flags(const cJSON *view)
{
    const cJSON *fields = cJSON_GetObjectItemCaseSensitive(
        type_view(view, "microsoft.graph.primitives"), "fields");
    static const char *const expected[][3] = {
        {"small", "uint8_t", "is_uint8"}, {"signedSmall", "int8_t", "is_int8"},
        {"short", "int16_t", "is_int16"}, {"count", "int32_t", "is_int32"},
        {"big", "int64_t", "is_int64"},   {"money", "double", "is_double"},
        {"when", "char", "is_date_time"}, {"day", "char", "is_date"},
        {"time", "char", "is_time_of_day"}, {"length", "char", "is_duration"},
        {"key", "char", "is_guid"},       {"data", "char", "is_base64"},
        {"content", "cJSON", "is_json"},  {"anything", "cJSON", "is_json"},
        {"elsewhere", "cJSON", "is_json"}, {"payload", "cJSON", "is_json"},
        {"colour", "graph_colour", "is_enum"},
        {"sessions", "graph_session", "is_object"}, {"flag", "bool", "is_required"},
        {"numbers", "int32_t", "has_presence_flag"}, {"names", "char", "is_collection"},
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++) {
        const cJSON *f = find_named(fields, "json_name", expected[i][0]);
        if (!f || strcmp(text_of(f, "c_type"), expected[i][1]) != 0 ||
            !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, expected[i][2]))) {
            fprintf(stderr, "field %s: want %s and %s\n", expected[i][0], expected[i][1],
                    expected[i][2]);
            support_failures++;
        }
    }
    const cJSON *text = find_named(fields, "json_name", "text");
    CHECK(cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(text, "has_presence_flag")));
    CHECK(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(text, "is_pointer")));
    const cJSON *quoted = find_named(fields, "json_name", "say\"hi\\");
    CHECK_TEXT(text_of(quoted, "json_name_c"), "say\\\"hi\\\\");
    CHECK_TEXT(text_of(quoted, "c_name"), "say_hi");
}

static cJSON *build(const cJSON *model, const char *prefix)
{
    strbuf err = STRBUF_INIT;
    cJSON *view = c_view_build_json(model, prefix, &err);
    if (!view) {
        fprintf(stderr, "view: %s\n", strbuf_cstr(&err));
        support_failures++;
    }
    strbuf_free(&err);
    return view;
}

/* Same model, types in another order: the same view, byte for byte. */
static void test_deterministic(const cJSON *model, const cJSON *view)
{
    cJSON *shuffled = cJSON_Duplicate(model, 1);
    cJSON *types = cJSON_GetObjectItemCaseSensitive(shuffled, "types");
    cJSON *first = cJSON_DetachItemFromArray(types, 0);
    cJSON_AddItemToArray(types, first);
    cJSON *again = build(shuffled, NULL);
    char *a = cJSON_PrintUnformatted(view), *b = cJSON_PrintUnformatted(again);
    CHECK(a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
    cJSON_Delete(again);
    cJSON_Delete(shuffled);
}

static void test_prefix_choice(const cJSON *model)
{
    cJSON *view = build(model, "ms");
    CHECK_TEXT(text_of(type_view(view, "microsoft.graph.call"), "c_name"), "ms_call");
    CHECK_TEXT(text_of(view, "error_type"), "ms_error");
    CHECK_TEXT(text_of(view, "umbrella_header"), "ms.h");
    cJSON_Delete(view);
    strbuf err = STRBUF_INIT;
    CHECK(c_view_build_json(model, "Not Valid", &err) == NULL);
    CHECK(strstr(strbuf_cstr(&err), "prefix") != NULL);
    strbuf_free(&err);
}

static void test_bad_models(void)
{
    static const char *const bad[][2] = {
        {"[]", "expected an object"},
        {"{\"namespace\": \"n\"}", "expected an object"},
        {"{\"apimdModelVersion\": 2, \"namespace\": \"n\", \"types\": []}", "not supported"},
        {"{\"namespace\": \"n\", \"types\": [{\"name\": \"a\"}]}", "lacks"},
        {"{\"namespace\": \"n\", \"types\": ["
         "{\"name\": \"a\", \"namespace\": \"n\", \"kind\": \"complex\", \"base\": \"b\", \"properties\": []},"
         "{\"name\": \"b\", \"namespace\": \"n\", \"kind\": \"complex\", \"base\": \"a\", \"properties\": []}]}",
         "cycle"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *model = cJSON_Parse(bad[i][0]);
        strbuf err = STRBUF_INIT;
        cJSON *view = c_view_build_json(model, NULL, &err);
        if (view || !strstr(strbuf_cstr(&err), bad[i][1])) {
            fprintf(stderr, "model %zu: want an error with '%s', got '%s'\n", i, bad[i][1],
                    strbuf_cstr(&err));
            support_failures++;
        }
        cJSON_Delete(view);
        cJSON_Delete(model);
        strbuf_free(&err);
    }
    /* a namespace gives the prefix: microsoft.graph -> graph */
    cJSON *model = cJSON_Parse("{\"namespace\": \"Contoso.Widgets\", \"types\": []}");
    cJSON *view = build(model, NULL);
    CHECK_TEXT(text_of(view, "prefix"), "widgets");
    cJSON_Delete(view);
    cJSON_Delete(model);
}

int main(void)
{
    test_snake_case();
    test_member_names();
    test_claim_name();
    test_escaping();
    test_prefixes();
    test_bad_models();
    char *path = support_source_path("tests/codegen/data/edge_model.json");
    cJSON *model = support_read_json(path);
    free(path);
    cJSON *view = build(model, NULL);
    if (view) {
        CHECK_TEXT(text_of(view, "prefix"), "graph");
        test_global_collisions(view);
        test_enum_constants(view);
        test_struct_collisions(view);
        test_hierarchy(view);
        test_field_flags(view);
        test_deterministic(model, view);
        test_prefix_choice(model);
    }
    cJSON_Delete(view);
    cJSON_Delete(model);
    if (support_failures)
        fprintf(stderr, "%d check(s) failed\n", support_failures);
    return support_failures ? 1 : 0;
}
