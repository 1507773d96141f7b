/* Directory listings for the link rules, read once per directory and
 * shared by every worker thread. Links of thousands of pages point into
 * the same few folders, and a listing (rather than stat) is what tells a
 * missing file from one that differs only in case. */
#include <dirent.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/xalloc.h"
#include "util/compare.h"

typedef struct dir_entry {
    char *path;
    char **names; /* sorted; NULL when the directory cannot be read */
    size_t count;
    /* The listing of names[i], once asked for: a link walks down from
     * the root one segment at a time, and finds the next listing here
     * without building and hashing the path. Entries are owned by the
     * buckets; NULL until the first child is asked for. */
    struct dir_entry **children;
    struct dir_entry *next;
} dir_entry;

enum { DIR_BUCKETS = 1024 };

struct lint_dir_cache {
    pthread_mutex_t lock;
    dir_entry *buckets[DIR_BUCKETS];
};

lint_dir_cache *lint_dir_cache_new(void)
{
    lint_dir_cache *c = xcalloc(1, sizeof *c);
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

static void dir_entry_free(dir_entry *e)
{
    for (size_t i = 0; i < e->count; i++)
        free(e->names[i]);
    free(e->names);
    free(e->children);
    free(e->path);
    free(e);
}

void lint_dir_cache_free(lint_dir_cache *c)
{
    if (!c)
        return;
    for (size_t b = 0; b < DIR_BUCKETS; b++) {
        dir_entry *e = c->buckets[b];
        while (e) {
            dir_entry *next = e->next;
            dir_entry_free(e);
            e = next;
        }
    }
    pthread_mutex_destroy(&c->lock);
    free(c);
}

static size_t hash_path(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)(h % DIR_BUCKETS);
}

/* Read a directory without holding the lock: listing is the slow part. */
static dir_entry *read_listing(const char *path)
{
    dir_entry *e = xcalloc(1, sizeof *e);
    e->path = xstrdup(path);
    DIR *d = opendir(path);
    if (!d)
        return e;
    size_t cap = 0;
    e->names = xmalloc(sizeof *e->names);
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        *XARRAY_PUSH(e->names, e->count, cap) = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(e->names, e->count, sizeof *e->names, compare_string_ptrs);
    return e;
}

static dir_entry *find_locked(lint_dir_cache *c, size_t bucket,
                              const char *path)
{
    for (dir_entry *e = c->buckets[bucket]; e; e = e->next)
        if (strcmp(e->path, path) == 0)
            return e;
    return NULL;
}

const lint_dir *lint_dir_open(lint_dir_cache *c, const char *dir)
{
    size_t bucket = hash_path(dir);
    pthread_mutex_lock(&c->lock);
    dir_entry *e = find_locked(c, bucket, dir);
    pthread_mutex_unlock(&c->lock);
    if (!e) {
        dir_entry *fresh = read_listing(dir);
        pthread_mutex_lock(&c->lock);
        /* Another thread may have read it meanwhile: keep the first. */
        e = find_locked(c, bucket, dir);
        if (!e) {
            fresh->next = c->buckets[bucket];
            c->buckets[bucket] = fresh;
            e = fresh;
            fresh = NULL;
        }
        pthread_mutex_unlock(&c->lock);
        if (fresh)
            dir_entry_free(fresh);
    }
    return e;
}

const lint_dir *lint_dir_child(lint_dir_cache *c, const lint_dir *dir,
                               size_t index)
{
    dir_entry *parent = (dir_entry *)dir;
    pthread_mutex_lock(&c->lock);
    const dir_entry *known = parent->children ? parent->children[index]
                                              : NULL;
    pthread_mutex_unlock(&c->lock);
    if (known)
        return known;
    size_t plen = strlen(parent->path), nlen = strlen(parent->names[index]);
    char *path = xmalloc(plen + nlen + 2);
    memcpy(path, parent->path, plen);
    path[plen] = '/';
    memcpy(path + plen + 1, parent->names[index], nlen + 1);
    const lint_dir *child = lint_dir_open(c, path);
    free(path);
    pthread_mutex_lock(&c->lock);
    if (!parent->children)
        parent->children = xcalloc(parent->count, sizeof *parent->children);
    parent->children[index] = (dir_entry *)child;
    pthread_mutex_unlock(&c->lock);
    return child;
}

const char *const *lint_dir_names(const lint_dir *dir, size_t *count)
{
    *count = dir->count;
    return (const char *const *)dir->names;
}
