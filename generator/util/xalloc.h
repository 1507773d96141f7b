/* Allocation that never returns NULL: running out of memory ends the run
 * with a message instead of spreading NULL checks through every stage. */
#ifndef APIMD_XALLOC_H
#define APIMD_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Append one element to a growable array: *items with *count used of *cap. */
#define XARRAY_PUSH(items, count, cap)                                        \
    (((count) == (cap)                                                        \
          ? ((cap) = (cap) ? (cap) * 2 : 8,                                   \
             (items) = xrealloc((items), (cap) * sizeof *(items)))            \
          : (items)),                                                         \
     &(items)[(count)++])

#endif
