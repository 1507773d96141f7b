/* The view as generate builds it prints the same as the view built
 * plainly, value for value and in the same order, for each fixture model:
 * every view first (in an arena, the types on several threads, the flags
 * that end each field shared between fields that answer alike), and one
 * view at a time (each type's in an arena of its own, dropped after,
 * beside a root whose lists hold the types' entries). */
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

/* The item of the plain view's list for type i of v. */
static const cJSON *plain_item(const cJSON *plain_root, const c_view *v, size_t i)
{
    size_t position = 0;
    for (size_t k = 0; k < i; k++)
        position += c_view_is_enum(v, k) == c_view_is_enum(v, i);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(
        plain_root, c_view_is_enum(v, i) ? "enums" : "types");
    return cJSON_GetArrayItem(list, (int)position);
}

static int same_printed(const cJSON *a, const cJSON *b)
{
    char *x = a ? cJSON_PrintUnformatted(a) : NULL, *y = b ? cJSON_PrintUnformatted(b) : NULL;
    int same = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return same;
}

/* An entry's every value is the whole view's, and the root's other
 * members are the plain root's. */
static int entry_agrees(const cJSON *entry, const cJSON *whole)
{
    int agrees = entry && entry->child;
    const cJSON *member;
    cJSON_ArrayForEach(member, entry) {
        agrees = agrees && same_printed(member,
                                        cJSON_GetObjectItemCaseSensitive(whole, member->string));
    }
    return agrees;
}

static void check_one_at_a_time(const char *name, const cJSON *json, const char *plain)
{
    strbuf err = STRBUF_INIT;
    model *m = model_types_from_json(json, &err);
    json_arena *root_memory = json_arena_new();
    c_view *v = m ? c_view_begin(m, NULL, root_memory, &err) : NULL;
    cJSON *plain_root = plain ? cJSON_Parse(plain) : NULL;
    CHECK(v != NULL && plain_root != NULL);
    size_t differing = 0, n = v ? c_view_count(v) : 0;
    for (size_t i = 0; i < n && plain_root; i++) {
        json_arena *memory = json_arena_new();
        json_arena_enter(memory);
        cJSON *view = c_view_type(v, i);
        json_arena_leave();
        const cJSON *item = plain_item(plain_root, v, i);
        differing += !same_printed(view, item) || !entry_agrees(c_view_entry(v, i), item);
        json_arena_free(memory);
    }
    const cJSON *member, *root = v ? c_view_root(v) : NULL;
    cJSON_ArrayForEach(member, root) {
        int list = strcmp(member->string, "types") == 0 || strcmp(member->string, "enums") == 0;
        differing += list ? cJSON_GetArraySize(member) !=
                                cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
                                    plain_root, member->string))
                          : !same_printed(member, cJSON_GetObjectItemCaseSensitive(
                                                      plain_root, member->string));
    }
    if (differing || n == 0) {
        fprintf(stderr, "%s: %zu of %zu views made one at a time differ from the plain one\n",
                name, differing, n);
        support_failures++;
    }
    cJSON_Delete(plain_root);
    c_view_end(v);
    json_arena_free(root_memory);
    model_free(m);
    strbuf_free(&err);
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
    check_one_at_a_time(name, json, plain);
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
