#include "model_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "read/page.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

model *model_from_fixtures(const fixture *pages, size_t n)
{
    model **fragments = xcalloc(n ? n : 1, sizeof *fragments);
    for (size_t i = 0; i < n; i++)
        fragments[i] = fixture_fragment(pages[i].rel_path, pages[i].markdown);
    model *m = model_merge(fragments, n);
    free(fragments);
    return m;
}

static model *fragment_of_file(const fs_page_ref *ref, tree_stats *stats)
{
    char *data = NULL, *error = NULL;
    size_t len = 0;
    strbuf err = STRBUF_INIT;
    page *p = NULL;
    if (fs_read_file(ref->path, FS_MAX_PAGE_BYTES, &data, &len, &err) == 0)
        p = page_read(ref->path, ref->rel_path, data, len, &error);
    strbuf_free(&err);
    free(data);
    free(error);
    if (!p) {
        stats->unreadable++;
        return model_new();
    }
    stats->by_kind[p->kind]++;
    model *fragment = extract_page(p);
    page_free(p);
    return fragment;
}

model *model_from_tree(const char *root, tree_stats *stats)
{
    memset(stats, 0, sizeof *stats);
    fs_page_list list = {NULL, 0, 0};
    strbuf err = STRBUF_INIT;
    int rc = fs_find_pages(root, &list, &err);
    if (rc != 0)
        fprintf(stderr, "%s", strbuf_cstr(&err));
    strbuf_free(&err);
    if (rc != 0 && !list.count) {
        fs_page_list_free(&list);
        return NULL;
    }
    fs_page_list_sort(&list);
    model **fragments = xcalloc(list.count ? list.count : 1, sizeof *fragments);
    for (size_t i = 0; i < list.count; i++)
        fragments[i] = fragment_of_file(&list.items[i], stats);
    stats->pages = list.count;
    model *m = model_merge(fragments, list.count);
    free(fragments);
    fs_page_list_free(&list);
    return m;
}

const char *source_path(const char *rel)
{
    static char buf[4096];
    const char *root = getenv("APIMD_SOURCE_ROOT");
    snprintf(buf, sizeof buf, "%s/%s", root ? root : ".", rel);
    return buf;
}

cJSON *load_json_file(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    strbuf err = STRBUF_INIT;
    cJSON *json = NULL;
    if (fs_read_file(path, FS_MAX_PAGE_BYTES, &data, &len, &err) == 0)
        json = cJSON_ParseWithLength(data, len);
    else
        fprintf(stderr, "%s", strbuf_cstr(&err));
    strbuf_free(&err);
    free(data);
    return json;
}

static int append(void *ctx, const char *data, size_t len)
{
    strbuf_add(ctx, data, len);
    return 0;
}

/* model_types_from_json gives back the types of tree (a model_to_json
 * without examples): written again, they read the same. */
static void check_types_read_back(cJSON *tree)
{
    strbuf error = STRBUF_INIT;
    model *back = model_types_from_json(tree, &error);
    CHECK(back != NULL);
    if (!back) {
        fprintf(stderr, "model_types_from_json: %s\n", strbuf_cstr(&error));
        strbuf_free(&error);
        return;
    }
    cJSON *again = model_to_json(back, 0);
    CHECK(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(again, "methods")) == 0);
    cJSON_DeleteItemFromObjectCaseSensitive(tree, "methods");
    cJSON_DeleteItemFromObjectCaseSensitive(again, "methods");
    char *a = cJSON_PrintUnformatted(tree), *b = cJSON_PrintUnformatted(again);
    CHECK(a && b && strcmp(a, b) == 0);
    free(a);
    free(b);
    cJSON_Delete(again);
    model_free(back);
    strbuf_free(&error);
}

void check_json_writer(const model *m)
{
    for (int with_examples = 0; with_examples <= 1; with_examples++) {
        cJSON *tree = model_to_json(m, with_examples);
        char *expected = cJSON_Print(tree);
        strbuf written = STRBUF_INIT, scratch = STRBUF_INIT;
        CHECK(model_write_json(m, with_examples, &scratch, 4096, append, &written) == 0);
        CHECK(expected && strcmp(expected, strbuf_cstr(&written)) == 0);
        free(expected);
        strbuf_free(&written);
        strbuf_free(&scratch);
        if (!with_examples)
            check_types_read_back(tree);
        cJSON_Delete(tree);
    }
}
