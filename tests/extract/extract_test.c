#include "extract_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

int test_failures;

void check_at(const char *file, int line, int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "%s:%d: check failed: %s\n", file, line, what);
    test_failures++;
}

void check_int_at(const char *file, int line, long long got, long long want,
                  const char *what)
{
    if (got == want)
        return;
    fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", file, line, what, got,
            want);
    test_failures++;
}

void check_str_at(const char *file, int line, const char *got,
                  const char *want, const char *what)
{
    if ((!got && !want) || (got && want && strcmp(got, want) == 0))
        return;
    fprintf(stderr, "%s:%d: %s is \"%s\", want \"%s\"\n", file, line, what,
            got ? got : "(null)", want ? want : "(null)");
    test_failures++;
}

int test_result(const char *name)
{
    if (test_failures) {
        fprintf(stderr, "%s: %d check(s) failed\n", name, test_failures);
        return 1;
    }
    printf("%s: all checks passed\n", name);
    return 0;
}

page *fixture_page(const char *rel_path, const char *markdown)
{
    char *error = NULL;
    page *p = page_read(rel_path, rel_path, markdown, strlen(markdown), &error);
    if (!p) {
        fprintf(stderr, "%s: not read: %s\n", rel_path, error ? error : "?");
        free(error);
        exit(1);
    }
    return p;
}

model *fixture_fragment(const char *rel_path, const char *markdown)
{
    page *p = fixture_page(rel_path, markdown);
    model *m = extract_page(p);
    page_free(p);
    return m;
}

model_type *need_type(const model *m, const char *name)
{
    for (size_t i = 0; i < m->ntypes; i++)
        if (strcmp(m->types[i]->name, name) == 0)
            return m->types[i];
    fprintf(stderr, "type %s: missing\n", name);
    test_failures++;
    return NULL;
}

model_property *need_property(const model_type *t, const char *name)
{
    model_property *p = t ? model_type_find_property(t, name) : NULL;
    if (!p) {
        fprintf(stderr, "property %s.%s: missing\n", t ? t->name : "?", name);
        test_failures++;
    }
    return p;
}

model_method *need_method(const model *m, const char *id)
{
    for (size_t i = 0; i < m->nmethods; i++)
        if (strcmp(m->methods[i]->id, id) == 0)
            return m->methods[i];
    fprintf(stderr, "method %s: missing\n", id);
    test_failures++;
    return NULL;
}

int has_member(const model_type *t, const char *value)
{
    for (size_t i = 0; t && i < t->nmembers; i++)
        if (strcmp(t->members[i].name, value) == 0)
            return 1;
    return 0;
}
