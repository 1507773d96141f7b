/* Reads every page of the Graph corpus ($APIMD_SHARED/corpus/graph-v1.0)
 * on several threads, as the pipeline does: no page may fail to read and
 * every page must get a kind. Prints what was found, for the record. */
/* nftw() is an X/Open interface. */
#define _XOPEN_SOURCE 700

#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "read/page.h"

enum { THREADS = 4, MAX_RULES = 32 };

typedef struct rule_count {
    const char *rule;
    size_t count;
} rule_count;

typedef struct tally {
    size_t pages, bytes, failed, kinds[4], tables, codes, annotations, links;
    rule_count rules[MAX_RULES];
    size_t nrules;
} tally;

static char **paths;
static size_t npaths, cap_paths;
static size_t next_path;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

static int collect(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st, (void)ftw;
    if (type == FTW_F && ends_with(path, ".md")) {
        if (npaths == cap_paths) {
            cap_paths = cap_paths ? cap_paths * 2 : 1024;
            paths = realloc(paths, cap_paths * sizeof *paths);
        }
        paths[npaths++] = strdup(path);
    }
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    *len = fread(buf, 1, (size_t)n, f);
    fclose(f);
    return buf;
}

static void count_rule(tally *t, const char *rule)
{
    for (size_t i = 0; i < t->nrules; i++) {
        if (strcmp(t->rules[i].rule, rule) == 0) {
            t->rules[i].count++;
            return;
        }
    }
    if (t->nrules < MAX_RULES)
        t->rules[t->nrules++] = (rule_count){rule, 1};
}

static void read_one(tally *t, const char *path)
{
    size_t len = 0;
    char *bytes = slurp(path, &len);
    char *error = NULL;
    page *p = bytes ? page_read(path, path, bytes, len, &error) : NULL;
    t->pages++;
    t->bytes += len;
    if (!p) {
        fprintf(stderr, "FAIL %s: %s\n", path, error ? error : "cannot read");
        t->failed++;
    } else if ((unsigned)p->kind > PAGE_ENUM || !page_kind_name(p->kind)) {
        fprintf(stderr, "FAIL %s: no kind\n", path);
        t->failed++;
    } else {
        t->kinds[p->kind]++;
        t->tables += p->ntables;
        t->codes += p->ncodes;
        t->annotations += p->nannotations;
        t->links += p->nlinks;
        for (size_t i = 0; i < p->nproblems; i++)
            count_rule(t, p->problems[i].rule);
    }
    page_free(p);
    free(error);
    free(bytes);
}

static void *worker(void *arg)
{
    tally *t = arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        size_t i = next_path++;
        pthread_mutex_unlock(&lock);
        if (i >= npaths)
            return NULL;
        read_one(t, paths[i]);
    }
}

static void merge(tally *into, const tally *t)
{
    into->pages += t->pages;
    into->bytes += t->bytes;
    into->failed += t->failed;
    into->tables += t->tables;
    into->codes += t->codes;
    into->annotations += t->annotations;
    into->links += t->links;
    for (int k = 0; k < 4; k++)
        into->kinds[k] += t->kinds[k];
    for (size_t i = 0; i < t->nrules; i++)
        for (size_t n = 0; n < t->rules[i].count; n++)
            count_rule(into, t->rules[i].rule);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(void)
{
    const char *shared = getenv("APIMD_SHARED");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus/graph-v1.0", shared ? shared : "");
    if (!shared) {
        printf("APIMD_SHARED is not set, so there is no corpus to read: skipped\n");
        return 77;
    }
    if (nftw(dir, collect, 16, FTW_PHYS) != 0 || npaths == 0) {
        printf("no corpus at %s: skipped\n", dir);
        return 77;
    }
    page_reader_init();
    tally parts[THREADS] = {0};
    pthread_t threads[THREADS];
    double start = now();
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, worker, &parts[i]);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    double seconds = now() - start;
    tally all = {0};
    for (int i = 0; i < THREADS; i++)
        merge(&all, &parts[i]);
    printf("read %zu pages (%.1f MB) in %.3f s on %d threads\n", all.pages,
           (double)all.bytes / 1e6, seconds, THREADS);
    printf("kinds: resource %zu, api %zu, enum %zu, other %zu\n", all.kinds[PAGE_RESOURCE],
           all.kinds[PAGE_API], all.kinds[PAGE_ENUM], all.kinds[PAGE_OTHER]);
    printf("tables %zu, code blocks %zu, annotations %zu, links %zu\n", all.tables,
           all.codes, all.annotations, all.links);
    for (size_t i = 0; i < all.nrules; i++)
        printf("problems %-20s %zu\n", all.rules[i].rule, all.rules[i].count);
    for (size_t i = 0; i < npaths; i++)
        free(paths[i]);
    free(paths);
    page_reader_cleanup();
    if (all.failed) {
        printf("FAILED: %zu pages could not be read\n", all.failed);
        return 1;
    }
    return 0;
}
