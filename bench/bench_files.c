#include "bench_files.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

static char *join_path(const char *dir, const char *name)
{
    size_t len = strlen(dir) + strlen(name) + 2;
    char *path = malloc(len);
    if (!path)
        abort();
    snprintf(path, len, "%s/%s", dir, name);
    return path;
}

static int has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), s = strlen(suffix);
    return n >= s && strcmp(name + n - s, suffix) == 0;
}

static void add_path(bench_file_list *out, const char *path)
{
    if (out->count == out->cap) {
        out->cap = out->cap ? out->cap * 2 : 256;
        bench_file *grown = realloc(out->items, out->cap * sizeof *grown);
        if (!grown)
            abort();
        out->items = grown;
    }
    bench_file *f = &out->items[out->count++];
    f->path = strdup(path);
    if (!f->path)
        abort();
    f->data = NULL;
    f->len = 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char **sorted_entries(DIR *dir, size_t *count)
{
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown)
                abort();
            names = grown;
        }
        names[n] = strdup(entry->d_name);
        if (!names[n++])
            abort();
    }
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names;
}

static int walk(const char *path, const char *suffix, bench_file_list *out,
                int top)
{
    struct stat st;
    /* lstat below the top: a link loop must not trap the walk. */
    if ((top ? stat(path, &st) : lstat(path, &st)) != 0) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISREG(st.st_mode)) {
        if (top || has_suffix(path, suffix))
            add_path(out, path);
        return 0;
    }
    if (!S_ISDIR(st.st_mode))
        return 0;
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t count = 0;
    char **names = sorted_entries(dir, &count);
    closedir(dir);
    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char *child = join_path(path, names[i]);
        if (walk(child, suffix, out, 0) != 0)
            status = -1;
        free(child);
        free(names[i]);
    }
    free(names);
    return status;
}

int bench_find_files(const char *root, const char *suffix,
                     bench_file_list *out)
{
    return walk(root, suffix, out, 1);
}

int bench_read_file(bench_file *f)
{
    FILE *in = fopen(f->path, "rb");
    if (!in) {
        fprintf(stderr, "%s: %s\n", f->path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, len = 0;
    char *data = malloc(cap);
    if (!data)
        abort();
    size_t n;
    while ((n = fread(data + len, 1, cap - len - 1, in)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            data = realloc(data, cap);
            if (!data)
                abort();
        }
    }
    int bad = ferror(in);
    fclose(in);
    if (bad) {
        fprintf(stderr, "%s: read error\n", f->path);
        free(data);
        return -1;
    }
    data[len] = '\0';
    f->data = data;
    f->len = len;
    return 0;
}

void bench_release_data(bench_file *f)
{
    free(f->data);
    f->data = NULL;
}

void bench_file_list_free(bench_file_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].data);
    }
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
