/* extract_page on worker threads: several threads extract the same pages
 * at once (as the pipeline does with different pages) and every thread's
 * merged model must equal the one built on a single thread. Run under
 * ThreadSanitizer to see races; without it, this still catches shared
 * state that corrupts results. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "extract_test.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

enum { THREADS = 4 };

typedef struct page_set {
    page **pages;
    size_t count;
} page_set;

typedef struct worker {
    pthread_t thread;
    const page_set *set;
    char *json; /* the merged model's JSON */
} worker;

static char *model_json_of(const page_set *set)
{
    model **fragments = xcalloc(set->count ? set->count : 1, sizeof *fragments);
    for (size_t i = 0; i < set->count; i++)
        fragments[i] = extract_page(set->pages[i]);
    model *m = model_merge(fragments, set->count);
    free(fragments);
    cJSON *json = model_to_json(m, 1);
    char *text = cJSON_PrintUnformatted(json);
    cJSON_Delete(json);
    model_free(m);
    return text;
}

static void *run_worker(void *arg)
{
    worker *w = arg;
    w->json = model_json_of(w->set);
    return NULL;
}

static page *read_page_file(const fs_page_ref *ref)
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
    return p;
}

static int load_pages(const char *root, page_set *set)
{
    fs_page_list list = {NULL, 0, 0};
    strbuf err = STRBUF_INIT;
    int rc = fs_find_pages(root, &list, &err);
    strbuf_free(&err);
    fs_page_list_sort(&list);
    set->pages = xcalloc(list.count ? list.count : 1, sizeof *set->pages);
    set->count = 0;
    for (size_t i = 0; i < list.count; i++) {
        page *p = read_page_file(&list.items[i]);
        if (p)
            set->pages[set->count++] = p;
    }
    fs_page_list_free(&list);
    return rc == 0 && set->count > 0;
}

int main(void)
{
    char root[4096];
    const char *src = getenv("APIMD_SOURCE_ROOT");
    snprintf(root, sizeof root, "%s/docs-input", src ? src : ".");
    extract_init();
    page_set set;
    if (!load_pages(root, &set)) {
        fprintf(stderr, "%s: no pages\n", root);
        return 1;
    }
    char *expected = model_json_of(&set);
    worker workers[THREADS];
    for (int i = 0; i < THREADS; i++) {
        workers[i].set = &set;
        workers[i].json = NULL;
        CHECK(pthread_create(&workers[i].thread, NULL, run_worker,
                             &workers[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(workers[i].thread, NULL);
        CHECK(workers[i].json && strcmp(workers[i].json, expected) == 0);
        free(workers[i].json);
    }
    free(expected);
    for (size_t i = 0; i < set.count; i++)
        page_free(set.pages[i]);
    free(set.pages);
    extract_shutdown();
    return test_result("extract-threads");
}
