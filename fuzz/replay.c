/* Replays saved inputs through a fuzz target without libFuzzer, so that
 * every crash once found stays a test in every build (with or without the
 * sanitizers). Usage: replay PATH... where each PATH is a file or a
 * directory, walked recursively in name order; names starting with '.'
 * are skipped (they are notes such as .gitkeep, not inputs).
 * Prints one line per input when APIMD_REPLAY_VERBOSE is set, so that the
 * input that brings a target down is known. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_target.h"

typedef struct replay_stats {
    size_t inputs;
    int verbose;
    int failed;
} replay_stats;

static void replay_path(const char *path, replay_stats *stats);

/* Reads the whole file into a buffer of exactly its size (no terminator),
 * as libFuzzer hands inputs over. */
static int read_input(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    uint8_t *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *grown = realloc(buf, cap);
            if (!grown) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = grown;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return -1;
    }
    /* An exact-size copy: an over-read then lands outside the block. */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return -1;
    }
    if (len)
        memcpy(exact, buf, len);
    free(buf);
    *data = exact;
    *size = len;
    return 0;
}

static void replay_file(const char *path, replay_stats *stats)
{
    uint8_t *data;
    size_t size;
    if (read_input(path, &data, &size) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        stats->failed = 1;
        return;
    }
    if (stats->verbose) {
        fprintf(stderr, "replay: %s (%zu bytes)\n", path, size);
        fflush(stderr);
    }
    LLVMFuzzerTestOneInput(data, size);
    free(data);
    stats->inputs++;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of a directory's entries, sorted, so runs are reproducible. */
static char **list_directory(const char *path, size_t *count)
{
    DIR *dir = opendir(path);
    if (!dir)
        return NULL;
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
        if (!names[n])
            abort();
        n++;
    }
    closedir(dir);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names ? names : calloc(1, sizeof *names);
}

static void replay_directory(const char *path, replay_stats *stats)
{
    size_t count = 0;
    char **names = list_directory(path, &count);
    if (!names) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        stats->failed = 1;
        return;
    }
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(path) + strlen(names[i]) + 2;
        char *child = malloc(len);
        if (!child)
            abort();
        snprintf(child, len, "%s/%s", path, names[i]);
        replay_path(child, stats);
        free(child);
        free(names[i]);
    }
    free(names);
}

static void replay_path(const char *path, replay_stats *stats)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        stats->failed = 1;
    } else if (S_ISDIR(st.st_mode)) {
        replay_directory(path, stats);
    } else if (S_ISREG(st.st_mode)) {
        replay_file(path, stats);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    replay_stats stats = {0, getenv("APIMD_REPLAY_VERBOSE") != NULL, 0};
    for (int i = 1; i < argc; i++)
        replay_path(argv[i], &stats);
    printf("replayed %zu inputs\n", stats.inputs);
    return stats.failed ? 1 : 0;
}
