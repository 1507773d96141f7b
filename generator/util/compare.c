#include "util/compare.h"

#include <string.h>

int compare_string_ptrs(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}
