/* The whole corpus ($APIMD_SHARED/corpus/graph-v1.0): every page read,
 * classified, extracted and merged without a crash; a summary printed;
 * at least 95 % of the property types resolve to a primitive or a type of
 * the model; the output valid against docs/model.schema.json. Skipped
 * (exit 77) when the corpus is not there. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "extract/extract.h"
#include "model_test.h"
#include "schema_validate.h"

enum { SKIP = 77 };

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) +
           (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

typedef struct property_stats {
    size_t properties, resolved, primitive, untyped, navigation;
} property_stats;

static property_stats count_properties(const model *m)
{
    property_stats s = {0, 0, 0, 0, 0};
    const char **names = malloc((m->ntypes ? m->ntypes : 1) * sizeof *names);
    for (size_t i = 0; i < m->ntypes; i++)
        names[i] = m->types[i]->name;
    qsort(names, m->ntypes, sizeof *names, cmp_name);
    for (size_t i = 0; i < m->ntypes; i++)
        for (size_t j = 0; j < m->types[i]->nproperties; j++) {
            const model_property *p = &m->types[i]->properties[j];
            s.properties++;
            s.navigation += p->navigation != 0;
            if (!p->type.name)
                s.untyped++;
            else if (p->type.primitive)
                s.primitive++, s.resolved++;
            else if (bsearch(&p->type.name, names, m->ntypes, sizeof *names,
                             cmp_name))
                s.resolved++;
        }
    free(names);
    return s;
}

static void print_summary(const model *m, const tree_stats *t,
                          const property_stats *p, double secs)
{
    size_t kinds[3] = {0, 0, 0}, inferred = 0, examples = m->nexamples;
    for (size_t i = 0; i < m->ntypes; i++) {
        kinds[m->types[i]->kind]++;
        inferred += m->types[i]->inferred != 0;
    }
    printf("pages: %zu (resource %zu, api %zu, enum %zu, other %zu, "
           "unreadable %zu)\n",
           t->pages, t->by_kind[PAGE_RESOURCE], t->by_kind[PAGE_API],
           t->by_kind[PAGE_ENUM], t->by_kind[PAGE_OTHER], t->unreadable);
    printf("types: %zu (entity %zu, complex %zu, enum %zu; inferred %zu)\n",
           m->ntypes, kinds[KIND_ENTITY], kinds[KIND_COMPLEX], kinds[KIND_ENUM],
           inferred);
    printf("properties: %zu (navigation %zu, primitive %zu, untyped %zu)\n",
           p->properties, p->navigation, p->primitive, p->untyped);
    printf("methods: %zu, examples: %zu, conflicts: %zu\n", m->nmethods,
           examples, m->nconflicts);
    printf("property types resolved: %zu of %zu (%.2f %%)\n", p->resolved,
           p->properties, p->properties ? 100.0 * (double)p->resolved /
                                              (double)p->properties
                                        : 100.0);
    printf("read + extract + merge: %.2f s\n", secs);
}

static void check_schema_valid(const model *m)
{
    cJSON *schema = load_json_file(source_path("docs/model.schema.json"));
    CHECK(schema != NULL);
    if (!schema)
        return;
    cJSON *json = model_to_json(m, 1);
    strbuf errors = STRBUF_INIT;
    int n = schema_validate(schema, json, &errors);
    if (n) {
        fprintf(stderr, "%d schema error(s):\n%s", n, strbuf_cstr(&errors));
        test_failures++;
    }
    strbuf_free(&errors);
    cJSON_Delete(json);
    cJSON_Delete(schema);
}

int main(void)
{
    const char *shared = getenv("APIMD_SHARED");
    char root[4096];
    snprintf(root, sizeof root, "%s/corpus/graph-v1.0", shared ? shared : "");
    struct stat st;
    if (!shared || stat(root, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("skipped: corpus not found at %s (set APIMD_SHARED)\n", root);
        return SKIP;
    }
    extract_init();
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    tree_stats stats;
    model *m = model_from_tree(root, &stats);
    double secs = seconds_since(&start);
    if (!m) {
        fprintf(stderr, "%s: cannot be walked\n", root);
        return 1;
    }
    property_stats props = count_properties(m);
    print_summary(m, &stats, &props, secs);
    /* Every page read and given a kind. */
    CHECK_INT(stats.unreadable, 0);
    CHECK_INT(stats.by_kind[PAGE_RESOURCE] + stats.by_kind[PAGE_API] +
                  stats.by_kind[PAGE_ENUM] + stats.by_kind[PAGE_OTHER],
              stats.pages);
    CHECK(stats.pages >= 3000);
    CHECK(m->ntypes > 1000 && m->nmethods > 1500);
    CHECK(props.resolved * 100 >= props.properties * 95);
    check_schema_valid(m);
    check_json_writer(m);
    model_free(m);
    extract_shutdown();
    return test_result("model-corpus");
}
