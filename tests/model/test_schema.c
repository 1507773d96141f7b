/* model_to_json against docs/model.schema.json, with a validator for the
 * subset of JSON Schema the file uses; the validator is checked first on
 * instances that must fail. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "model_test.h"
#include "schema_validate.h"

static int errors_of(const cJSON *schema, const char *instance_text)
{
    cJSON *inst = cJSON_Parse(instance_text);
    if (!inst) {
        fprintf(stderr, "bad test instance: %s\n", instance_text);
        test_failures++;
        return -1;
    }
    int n = schema_validate(schema, inst, NULL);
    cJSON_Delete(inst);
    return n;
}

#define VALID_TYPE                                                            \
    "{\"name\":\"x\",\"namespace\":\"n\",\"kind\":\"complex\",\"base\":null," \
    "\"properties\":[]}"

/* Each instance breaks one rule of the schema. */
static void test_validator(const cJSON *schema)
{
    CHECK_INT(errors_of(schema, "{\"apimdModelVersion\":1,\"namespace\":\"n\","
                                "\"types\":[" VALID_TYPE "],\"methods\":[]}"),
              0);
    /* required */
    CHECK(errors_of(schema, "{\"apimdModelVersion\":1,\"types\":[],"
                            "\"methods\":[]}") > 0);
    /* const */
    CHECK(errors_of(schema, "{\"apimdModelVersion\":2,\"namespace\":\"n\","
                            "\"types\":[],\"methods\":[]}") > 0);
    /* additionalProperties */
    CHECK(errors_of(schema, "{\"apimdModelVersion\":1,\"namespace\":\"n\","
                            "\"types\":[],\"methods\":[],\"extra\":1}") > 0);
    /* type, through $ref and items */
    CHECK(errors_of(schema, "{\"apimdModelVersion\":1,\"namespace\":\"n\","
                            "\"types\":[{\"name\":1,\"namespace\":\"n\","
                            "\"kind\":\"complex\",\"base\":null,"
                            "\"properties\":[]}],\"methods\":[]}") > 0);
    /* enum */
    CHECK(errors_of(schema, "{\"apimdModelVersion\":1,\"namespace\":\"n\","
                            "\"types\":[{\"name\":\"x\",\"namespace\":\"n\","
                            "\"kind\":\"struct\",\"base\":null,"
                            "\"properties\":[]}],\"methods\":[]}") > 0);
    /* if/then: an enum needs members */
    CHECK(errors_of(schema, "{\"apimdModelVersion\":1,\"namespace\":\"n\","
                            "\"types\":[{\"name\":\"x\",\"namespace\":\"n\","
                            "\"kind\":\"enum\",\"base\":null,"
                            "\"properties\":[]}],\"methods\":[]}") > 0);
    /* anyOf: a type name is a string or null */
    CHECK(errors_of(schema,
                    "{\"apimdModelVersion\":1,\"namespace\":\"n\",\"types\":[],"
                    "\"methods\":[{\"id\":\"m\",\"verb\":\"GET\",\"paths\":[],"
                    "\"responses\":[{\"status\":200,\"type\":5,"
                    "\"collection\":false}]}]}") > 0);
    /* minimum and maximum */
    CHECK(errors_of(schema,
                    "{\"apimdModelVersion\":1,\"namespace\":\"n\",\"types\":[],"
                    "\"methods\":[{\"id\":\"m\",\"verb\":\"GET\",\"paths\":[],"
                    "\"responses\":[{\"status\":99,\"type\":null,"
                    "\"collection\":false}]}]}") > 0);
    CHECK(errors_of(schema,
                    "{\"apimdModelVersion\":1,\"namespace\":\"n\",\"types\":[],"
                    "\"methods\":[{\"id\":\"m\",\"verb\":\"GET\",\"paths\":[],"
                    "\"responses\":[{\"status\":600,\"type\":null,"
                    "\"collection\":false}]}]}") > 0);
    /* integer */
    CHECK(errors_of(schema,
                    "{\"apimdModelVersion\":1,\"namespace\":\"n\",\"types\":[],"
                    "\"methods\":[{\"id\":\"m\",\"verb\":\"GET\",\"paths\":[],"
                    "\"responses\":[{\"status\":200.5,\"type\":null,"
                    "\"collection\":false}]}]}") > 0);
    /* a keyword the validator does not implement is an error, not a pass */
    cJSON *odd = cJSON_Parse("{\"pattern\":\"x\"}");
    CHECK(schema_validate(odd, odd, NULL) > 0);
    cJSON_Delete(odd);
}

static void check_valid(const cJSON *schema, const model *m, int with_examples)
{
    cJSON *json = model_to_json(m, with_examples);
    strbuf errors = STRBUF_INIT;
    int n = schema_validate(schema, json, &errors);
    if (n) {
        fprintf(stderr, "model (examples %d): %d schema error(s):\n%s",
                with_examples, n, strbuf_cstr(&errors));
        test_failures++;
    }
    strbuf_free(&errors);
    cJSON_Delete(json);
}

int main(void)
{
    extract_init();
    cJSON *schema = load_json_file(source_path("docs/model.schema.json"));
    if (!schema) {
        fprintf(stderr, "docs/model.schema.json: cannot be read\n");
        return 1;
    }
    test_validator(schema);
    tree_stats stats;
    model *m = model_from_tree(source_path("docs-input"), &stats);
    CHECK(m != NULL);
    if (m) {
        CHECK(m->ntypes > 0 && m->nmethods > 0);
        check_valid(schema, m, 0);
        check_valid(schema, m, 1);
        model_free(m);
    }
    cJSON_Delete(schema);
    extract_shutdown();
    return test_result("model-schema");
}
