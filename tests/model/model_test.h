/* Helpers of the model test programs: models built from fixture pages or
 * from a docs tree on disk, the way the pipeline builds them (pages in
 * path order, one fragment each, then the merge). */
#ifndef APIMD_MODEL_TEST_H
#define APIMD_MODEL_TEST_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "extract_test.h"
#include "model/model.h"

typedef struct fixture {
    const char *rel_path;
    const char *markdown;
} fixture;

/* Merge the fragments of fixture pages (given in path order). */
model *model_from_fixtures(const fixture *pages, size_t n);

typedef struct tree_stats {
    size_t pages;
    size_t by_kind[4]; /* indexed by page_kind */
    size_t unreadable;
} tree_stats;

/* Read, extract and merge every page under root; NULL when root cannot be
 * walked. */
model *model_from_tree(const char *root, tree_stats *stats);

/* $APIMD_SOURCE_ROOT joined with rel (static buffer). */
const char *source_path(const char *rel);

/* The file's contents as JSON, or NULL. */
cJSON *load_json_file(const char *path);

/* model_write_json gives json_print(model_to_json(m)), with and without
 * examples, and model_types_from_json reads its types back as they were:
 * counts a failure otherwise. */
void check_json_writer(const model *m);

#endif
