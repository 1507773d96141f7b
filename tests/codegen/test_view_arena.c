/* The view as generate builds it (in an arena, the types on several
 * threads, the flags that end each field shared between fields that answer
 * alike) prints the same as the view built plainly, value for value and
 * in the same order, for each fixture model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "support.h"
#include "util/json_arena.h"
#include "view/c_view.h"

static char *plain_view(const cJSON *json)
{
    strbuf err = STRBUF_INIT;
    cJSON *view = c_view_build_json(json, NULL, &err);
    CHECK(view != NULL);
    char *printed = view ? cJSON_PrintUnformatted(view) : NULL;
    cJSON_Delete(view);
    strbuf_free(&err);
    return printed;
}

static char *view_in_arena(const cJSON *json, int jobs)
{
    strbuf err = STRBUF_INIT;
    model *m = model_types_from_json(json, &err);
    CHECK(m != NULL);
    json_arena *memory = json_arena_new();
    CHECK(memory != NULL);
    cJSON *view = m ? c_view_build_in(m, NULL, jobs, NULL, memory, &err) : NULL;
    CHECK(view != NULL);
    char *printed = view ? cJSON_PrintUnformatted(view) : NULL;
    json_arena_free(memory);
    model_free(m);
    strbuf_free(&err);
    return printed;
}

static void check_fixture(const char *name)
{
    char *path = support_source_path(name);
    cJSON *json = support_read_json(path);
    CHECK(json != NULL);
    free(path);
    if (!json)
        return;
    char *plain = plain_view(json);
    for (int jobs = 1; jobs <= 3; jobs++) {
        char *shared = view_in_arena(json, jobs);
        if (!plain || !shared || strcmp(plain, shared) != 0) {
            fprintf(stderr, "%s, %d jobs: the view in an arena differs from the plain one\n",
                    name, jobs);
            support_failures++;
        }
        free(shared);
    }
    free(plain);
    cJSON_Delete(json);
}

int main(void)
{
    json_arena_install();
    check_fixture("tests/codegen/data/edge_model.json");
    check_fixture("tests/codegen/data/call_model.json");
    if (support_failures)
        fprintf(stderr, "%d check(s) failed\n", support_failures);
    return support_failures ? 1 : 0;
}
