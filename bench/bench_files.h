/* File helpers of the benchmark programs. They are kept apart from the
 * core library on purpose: a baseline must build and run even while the
 * core does not, and must not share code whose speed it measures. */
#ifndef APIMD_BENCH_FILES_H
#define APIMD_BENCH_FILES_H

#include <stddef.h>

typedef struct bench_file {
    char *path;
    char *data; /* NUL-terminated; len excludes the terminator */
    size_t len;
} bench_file;

typedef struct bench_file_list {
    bench_file *items;
    size_t count, cap;
} bench_file_list;

/* Adds the files under root whose name ends in suffix (recursively, in
 * name order, names starting with '.' skipped), or root itself when it is
 * a file. Only the paths are recorded. Returns 0, or -1 after a message. */
int bench_find_files(const char *root, const char *suffix,
                     bench_file_list *out);
/* Reads one file whole. Returns 0, or -1 after a message. */
int bench_read_file(bench_file *f);
void bench_release_data(bench_file *f);
void bench_file_list_free(bench_file_list *list);

/* Monotonic clock, in seconds. */
double bench_now(void);

#endif
