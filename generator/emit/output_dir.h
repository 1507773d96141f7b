/* Bringing an output directory in line with a set of rendered files:
 * atomically, rewriting only what changed, removing only files that carry
 * the generated-file marker. */
#ifndef APIMD_OUTPUT_DIR_H
#define APIMD_OUTPUT_DIR_H

#include <stddef.h>

#include "util/strbuf.h"

typedef struct output_file {
    char *name; /* a plain file name inside the directory */
    char *content;
    size_t len;
} output_file;

typedef struct output_set {
    output_file *items;
    size_t count, cap;
} output_set;

/* Takes ownership of content (from malloc). */
void output_set_add(output_set *set, const char *name, char *content, size_t len);
void output_set_sort(output_set *set);
void output_set_free(output_set *set);

/* True when the first KiB of data holds the generated-file marker. */
int output_has_marker(const char *data, size_t len);

typedef struct output_report {
    size_t written, unchanged, removed;
} output_report;

/* Writes nothing. Lists each file that differs, is missing or is stale
 * (generated, but no longer part of the set) in messages, one per line,
 * and returns how many; -1 on an error (also in messages). */
int output_check(const char *dir, const output_set *set, strbuf *messages);

/* Makes dir hold the set: files whose content changed are written into a
 * temporary directory beside dir and renamed into place once all of them
 * were written; a dir that did not exist is created that way as a whole.
 * Unchanged files are not touched (their mtimes stay), stale generated
 * files are removed, other files are kept. Returns 0, or -1 with the
 * reason in messages, dir as it was. */
int output_write(const char *dir, const output_set *set, output_report *report,
                 strbuf *messages);

#endif
