/* Helpers shared by the extraction and model test programs: checks that
 * count failures, and fixture pages given as Markdown text. */
#ifndef APIMD_EXTRACT_TEST_H
#define APIMD_EXTRACT_TEST_H

#include <stddef.h>

#include "model/model.h"
#include "read/page.h"

extern int test_failures;

void check_at(const char *file, int line, int ok, const char *what);
void check_int_at(const char *file, int line, long long got, long long want,
                  const char *what);
void check_str_at(const char *file, int line, const char *got,
                  const char *want, const char *what);

#define CHECK(cond) check_at(__FILE__, __LINE__, (cond) != 0, #cond)
#define CHECK_INT(got, want)                                                  \
    check_int_at(__FILE__, __LINE__, (long long)(got), (long long)(want), #got)
#define CHECK_STR(got, want) check_str_at(__FILE__, __LINE__, (got), (want), #got)

/* Prints the result line; returns the exit status. */
int test_result(const char *name);

/* Read a fixture page given as text, under a docs-relative path. */
page *fixture_page(const char *rel_path, const char *markdown);
/* Read and extract a fixture page: the fragment. */
model *fixture_fragment(const char *rel_path, const char *markdown);

/* Lookups that fail the test (and return NULL) when absent. */
model_type *need_type(const model *m, const char *name);
model_property *need_property(const model_type *t, const char *name);
model_method *need_method(const model *m, const char *id);
/* Is value one of the type's enum members. */
int has_member(const model_type *t, const char *value);

#endif
