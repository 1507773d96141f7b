/* What the lint tests share: checks that count failures instead of
 * stopping, and runs of the whole path (read, extract, merge, lint) over
 * a docs directory. */
#ifndef APIMD_LINT_TEST_H
#define APIMD_LINT_TEST_H

#include <stddef.h>

#include "lint/lint.h"
#include "util/strbuf.h"

extern int lint_test_failures;

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            lint_test_failures++;                                            \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                  \
        }                                                                    \
    } while (0)

#define CHECK_STR(got, want)                                                 \
    do {                                                                     \
        const char *got_ = (got), *want_ = (want);                           \
        if (!got_ || !want_ || strcmp(got_, want_) != 0) {                   \
            lint_test_failures++;                                            \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,     \
                    __LINE__, got_ ? got_ : "(null)",                        \
                    want_ ? want_ : "(null)");                               \
        }                                                                    \
    } while (0)

/* A path under $APIMD_SOURCE_ROOT (or the current directory). Free it. */
char *test_source_path(const char *relative);

/* Read, extract, merge and lint every page under each root (page lint on
 * jobs threads), then finish with cfg and baseline (both may be NULL).
 * Returns 0, or -1 when the docs could not be read. */
int test_lint_docs(const char *const *roots, size_t nroots,
                   const lint_config *cfg, const lint_baseline *baseline,
                   int jobs, lint_findings *out);

/* How many findings of rule there are. */
size_t test_count_rule(const lint_findings *f, const char *rule_id);
/* The text renderer's lines for one rule only (no summary). */
void test_render_rule(const lint_findings *f, const char *rule_id,
                      strbuf *out);

/* The whole file, or NULL. Free it. */
char *test_read_file(const char *path);

/* Print the test's result and return the exit status. */
int test_finish(const char *name);

#endif
