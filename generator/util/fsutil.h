/* File-system helpers shared by the stages: reading a file whole with a
 * size bound, and finding the pages of a docs tree. */
#ifndef APIMD_FSUTIL_H
#define APIMD_FSUTIL_H

#include <stddef.h>
#include <sys/types.h>

#include "util/strbuf.h"

/* Pages larger than this are refused rather than read: it bounds the
 * memory a single hostile file can take. */
#define FS_MAX_PAGE_BYTES ((size_t)64 * 1024 * 1024)

/* Reads the whole file. Returns 0, or -1 with "path: reason" in err. */
int fs_read_file(const char *path, size_t max_bytes, char **data, size_t *len,
                 strbuf *err);
/* The same for the file name in the directory open as dir_fd (AT_FDCWD:
 * the working directory); path names it in messages. */
int fs_read_file_at(int dir_fd, const char *name, const char *path, size_t max_bytes,
                    char **data, size_t *len, strbuf *err);
/* Reads up to n bytes from fd, fewer only at the end of the file; -1 on
 * an error. */
ssize_t fs_read_up_to(int fd, char *buf, size_t n);

typedef struct fs_page_ref {
    char *path;     /* as it can be opened: root joined with rel */
    char *rel_path; /* relative to the root it was found under */
} fs_page_ref;

typedef struct fs_page_list {
    fs_page_ref *items;
    size_t count, cap;
} fs_page_list;

/* Adds the Markdown pages (*.md) under root, or root itself when it is a
 * file. Directories are walked without following symbolic links to
 * directories, so a link loop cannot trap the walk. Returns 0, or -1 with
 * one line per problem in err (the walk goes on past problems). */
int fs_find_pages(const char *root, fs_page_list *out, strbuf *err);
/* Sorts by relative path (byte order) and then full path: the order every
 * output follows. */
void fs_page_list_sort(fs_page_list *list);
void fs_page_list_free(fs_page_list *list);

/* Writes data to path through a temporary file beside it and a rename, so a
 * reader never sees half a file. A path that already holds exactly data
 * is left as it is: no temporary file, no rename, its mtime kept, so that
 * nothing downstream sees a change (and the file system is spared
 * replacing the old file's blocks). Returns 0, or -1 with the reason in
 * err. */
int fs_write_file_atomic(const char *path, const char *data, size_t len,
                         strbuf *err);

/* The same, written piece by piece: open, write as often as needed, then
 * commit (rename into place, unless the file is unchanged) or abort
 * (remove the temporary file). While what is written matches the old file
 * it is only compared with it; the temporary file is made at the first
 * difference (the equal part copied from the old file). A failed write is
 * remembered and reported by commit. */
typedef struct fs_atomic_file {
    char *path, *tmp_path;
    void *stream; /* FILE * of the temporary file, or NULL while unmade */
    int old_fd;   /* the old file, while the output matches it; else -1 */
    size_t offset; /* bytes written so far */
    int failed;   /* errno of the first failed write, or 0 */
    int removal;  /* the temporary file's registration for removal on an
                     interruption (util/interrupt.h), or -1 */
} fs_atomic_file;

int fs_atomic_open(fs_atomic_file *af, const char *path, strbuf *err);
void fs_atomic_write(fs_atomic_file *af, const char *data, size_t len);
int fs_atomic_commit(fs_atomic_file *af, strbuf *err);
void fs_atomic_abort(fs_atomic_file *af);

#endif
