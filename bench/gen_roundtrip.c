/* The generated code against plain cJSON, on the same texts: every
 * example of the model whose type the generated library has (an object,
 * or each object of a collection), printed compactly before the clock
 * starts. Three passes over all texts, everything freed as it goes:
 *   cjson:     cJSON_Parse -> cJSON_Print
 *   chain:     cJSON_Parse -> <type>_from_json -> <type>_to_json -> cJSON_Print
 *   convert:   <type>_from_json -> <type>_to_json, on trees parsed before
 *              the clock starts (what the generated code adds)
 * They alternate so that all see the same machine; the best of each is
 * kept. "ratio" is convert / cjson: the generated from_json + to_json
 * against cJSON_Parse + cJSON_Print of the same texts; "chain_ratio" is
 * chain / cjson.
 *
 * Compiled by bench/run.sh with the generated library and the registry
 * that render_registry renders from tests/codegen/registry.mustache.
 *
 * Usage: gen_roundtrip [-n PASSES] MODEL.json   (apimd schema --examples)
 * Prints "texts N", "bytes N", "skipped N", "rejected N", "passes N",
 * "cjson_seconds S", "chain_seconds S", "convert_seconds S", "ratio R"
 * and "chain_ratio R". */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "registry.h"

typedef struct text {
    char *json;
    cJSON *tree; /* json parsed, for the convert pass */
    const registry_type *type;
} text;

static text *texts;
static size_t ntexts, cap_texts, bytes, skipped, rejected;

static char *read_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    size_t cap = 1 << 20, len = 0, n;
    char *data = malloc(cap);
    while (data && (n = fread(data + len, 1, cap - len - 1, f)) > 0)
        if ((len += n) + 1 == cap)
            data = realloc(data, cap *= 2);
    fclose(f);
    if (!data)
        exit(2);
    data[len] = '\0';
    return data;
}

static const registry_type *find_type(const char *name)
{
    for (size_t i = 0; name && i < registry_type_count; i++)
        if (strcmp(registry_types[i].name, name) == 0)
            return &registry_types[i];
    return NULL;
}

/* Keeps an object the type's from_json accepts (one it rejects is no
 * round trip to time: counted apart). */
static void add(const registry_type *type, const cJSON *json)
{
    void *value = NULL;
    registry_error err;
    if (type->from_json(json, &value, &err) != 0) {
        rejected++;
        return;
    }
    type->free_value(value);
    if (ntexts == cap_texts) {
        cap_texts = cap_texts ? 2 * cap_texts : 1024;
        texts = realloc(texts, cap_texts * sizeof *texts);
        if (!texts)
            exit(2);
    }
    texts[ntexts].json = cJSON_PrintUnformatted(json);
    texts[ntexts].tree = cJSON_Parse(texts[ntexts].json);
    texts[ntexts].type = type;
    bytes += strlen(texts[ntexts].json);
    ntexts++;
}

/* The examples, unwrapped as tests/codegen/roundtrip_main.c does. */
static void collect(const cJSON *model)
{
    const cJSON *example;
    cJSON_ArrayForEach(example, cJSON_GetObjectItemCaseSensitive(model, "examples")) {
        const cJSON *name = cJSON_GetObjectItemCaseSensitive(example, "type");
        const registry_type *type = find_type(cJSON_IsString(name) ? name->valuestring : NULL);
        const cJSON *json = cJSON_GetObjectItemCaseSensitive(example, "json");
        if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(example, "collection")) &&
            cJSON_IsObject(json))
            json = cJSON_GetObjectItemCaseSensitive(json, "value");
        if (!type || !json) {
            skipped++;
        } else if (cJSON_IsArray(json)) {
            const cJSON *item;
            cJSON_ArrayForEach(item, json) {
                if (cJSON_IsObject(item))
                    add(type, item);
                else
                    skipped++;
            }
        } else if (cJSON_IsObject(json)) {
            add(type, json);
        } else {
            skipped++;
        }
    }
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double pass_cjson(void)
{
    double start = now();
    for (size_t i = 0; i < ntexts; i++) {
        cJSON *json = cJSON_Parse(texts[i].json);
        char *printed = cJSON_Print(json);
        free(printed);
        cJSON_Delete(json);
    }
    return now() - start;
}

static double pass_chain(void)
{
    double start = now();
    for (size_t i = 0; i < ntexts; i++) {
        const registry_type *type = texts[i].type;
        cJSON *json = cJSON_Parse(texts[i].json);
        void *value = NULL;
        registry_error err;
        if (type->from_json(json, &value, &err) != 0)
            abort(); /* accepted when collected */
        cJSON_Delete(json);
        cJSON *back = type->to_json(value);
        char *printed = cJSON_Print(back);
        free(printed);
        cJSON_Delete(back);
        type->free_value(value);
    }
    return now() - start;
}

static double pass_convert(void)
{
    double start = now();
    for (size_t i = 0; i < ntexts; i++) {
        const registry_type *type = texts[i].type;
        void *value = NULL;
        registry_error err;
        if (type->from_json(texts[i].tree, &value, &err) != 0)
            abort();
        cJSON *back = type->to_json(value);
        cJSON_Delete(back);
        type->free_value(value);
    }
    return now() - start;
}

int main(int argc, char **argv)
{
    long passes = 20;
    if (argc >= 3 && strcmp(argv[1], "-n") == 0) {
        passes = strtol(argv[2], NULL, 10);
        argc -= 2;
        argv += 2;
    }
    if (argc != 2 || passes < 1) {
        fprintf(stderr, "usage: gen_roundtrip [-n PASSES] MODEL.json\n");
        return 2;
    }
    char *model_text = read_file(argv[1]);
    cJSON *model = cJSON_Parse(model_text);
    free(model_text);
    if (!model) {
        fprintf(stderr, "%s: not JSON\n", argv[1]);
        return 2;
    }
    collect(model);
    cJSON_Delete(model);
    double best[3] = {0, 0, 0};
    for (long p = 0; p < passes; p++) {
        double t[3] = {pass_cjson(), pass_chain(), pass_convert()};
        for (int k = 0; k < 3; k++)
            if (p == 0 || t[k] < best[k])
                best[k] = t[k];
    }
    printf("texts %zu\nbytes %zu\nskipped %zu\nrejected %zu\npasses %ld\n", ntexts, bytes,
           skipped, rejected, passes);
    printf("cjson_seconds %.4f\nchain_seconds %.4f\nconvert_seconds %.4f\n", best[0],
           best[1], best[2]);
    printf("ratio %.2f\nchain_ratio %.2f\n", best[0] > 0 ? best[2] / best[0] : 0.0,
           best[0] > 0 ? best[1] / best[0] : 0.0);
    for (size_t i = 0; i < ntexts; i++) {
        free(texts[i].json);
        cJSON_Delete(texts[i].tree);
    }
    free(texts);
    return ntexts ? 0 : 1;
}
