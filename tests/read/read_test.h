/* Helpers shared by the reading stage's test programs. */
#ifndef APIMD_READ_TEST_H
#define APIMD_READ_TEST_H

#include <stddef.h>
#include <stdio.h>

#include "read/page.h"

extern int test_failures;

void check_at(const char *file, int line, int ok, const char *what);
void check_int_at(const char *file, int line, long long got, long long want,
                  const char *what);
void check_str_at(const char *file, int line, const char *got, const char *want,
                  const char *what);

#define CHECK(cond) check_at(__FILE__, __LINE__, (cond) != 0, #cond)
#define CHECK_INT(got, want) check_int_at(__FILE__, __LINE__, (long long)(got), (long long)(want), #got)
#define CHECK_STR(got, want) check_str_at(__FILE__, __LINE__, (got), (want), #got)

/* Prints the result line; returns the exit status. */
int test_result(const char *name);

page *read_text(const char *markdown);
page *read_bytes(const char *bytes, size_t len);
/* A fixture of tests/read/data (found through $APIMD_SOURCE_ROOT). */
char *read_data_file(const char *name, size_t *len);
page *read_data_page(const char *name);

size_t count_problems(const page *p, const char *rule);
const page_problem *find_problem(const page *p, const char *rule);

/* What page_read() found, one fact per line. */
void page_dump(FILE *out, const page *p);
char *dump_to_string(const page *p);

#endif
