/* Comparators for qsort and bsearch, shared so that every sorted list of
 * names is sorted (and searched) the same way. */
#ifndef APIMD_COMPARE_H
#define APIMD_COMPARE_H

/* Elements are char * (or const char *): strcmp of the strings. */
int compare_string_ptrs(const void *a, const void *b);

#endif
