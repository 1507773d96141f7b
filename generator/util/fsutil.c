#include "util/fsutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/interrupt.h"
#include "util/xalloc.h"

int fs_read_file(const char *path, size_t max_bytes, char **data, size_t *len,
                 strbuf *err)
{
    return fs_read_file_at(AT_FDCWD, path, path, max_bytes, data, len, err);
}

int fs_read_file_at(int dir_fd, const char *name, const char *path, size_t max_bytes,
                    char **data, size_t *len, strbuf *err)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
     * writer forever; it is refused below like any other non-regular
     * file. For a regular file the flag changes nothing. */
    int fd = openat(dir_fd, name, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        strbuf_printf(err, "%s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        strbuf_printf(err, "%s: not a regular file\n", path);
        close(fd);
        return -1;
    }
    if ((size_t)st.st_size > max_bytes) {
        strbuf_printf(err, "%s: %lld bytes, more than the %zu a page may have\n",
                      path, (long long)st.st_size, max_bytes);
        close(fd);
        return -1;
    }
    /* Room for the size the file has, the final '\0' and one byte more,
     * so that a file that grew since fstat shows it without the buffer
     * doubling. Reading stops at the size fstat gave: the read that would
     * confirm the end costs a system call per page, and a file that grows
     * while it is read has no better size than the one it had. */
    size_t size = (size_t)st.st_size;
    size_t cap = size + 2, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) {
            if (cap > max_bytes) {
                strbuf_printf(err, "%s: grew past %zu bytes while read\n", path,
                              max_bytes);
                free(buf);
                close(fd);
                return -1;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            strbuf_printf(err, "%s: cannot read: %s\n", path, strerror(errno));
            free(buf);
            close(fd);
            return -1;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n == size)
            break;
    }
    close(fd);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

static int has_md_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 3 && strcmp(name + n - 3, ".md") == 0;
}

static char *join_path(const char *a, const char *b)
{
    if (!*a)
        return xstrdup(b);
    size_t na = strlen(a);
    strbuf s = STRBUF_INIT;
    strbuf_puts(&s, a);
    if (a[na - 1] != '/')
        strbuf_putc(&s, '/');
    strbuf_puts(&s, b);
    return strbuf_detach(&s);
}

static void add_page(fs_page_list *out, const char *path, const char *rel)
{
    fs_page_ref *r = XARRAY_PUSH(out->items, out->count, out->cap);
    r->path = xstrdup(path);
    r->rel_path = xstrdup(rel);
}

/* A directory entry: its name, and its kind when readdir tells it
 * (DT_UNKNOWN otherwise), which spares an lstat per page. */
typedef struct dir_entry {
    char *name;
    unsigned char type;
} dir_entry;

static int cmp_entries(const void *a, const void *b)
{
    return strcmp(((const dir_entry *)a)->name, ((const dir_entry *)b)->name);
}

/* 1 for a directory to walk, 0 for a file (or a link: a link to a file is
 * followed when read, a link to a directory is not walked), -1 when it
 * cannot be told. */
static int entry_is_dir(const char *path, unsigned char type, strbuf *err)
{
    if (type == DT_DIR)
        return 1;
    if (type != DT_UNKNOWN)
        return 0;
    struct stat st;
    if (lstat(path, &st) != 0) {
        strbuf_printf(err, "%s: %s\n", path, strerror(errno));
        return -1;
    }
    return S_ISDIR(st.st_mode) ? 1 : 0;
}

/* Walks one directory level; names are sorted so that problems are
 * reported in a stable order too. */
static int walk_dir(const char *dir, const char *rel, fs_page_list *out,
                    strbuf *err, int depth)
{
    if (depth > 64) {
        strbuf_printf(err, "%s: directories nested more than 64 deep\n", dir);
        return -1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        strbuf_printf(err, "%s: cannot open directory: %s\n", dir,
                      strerror(errno));
        return -1;
    }
    dir_entry *entries = NULL;
    size_t count = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue; /* ., .., and hidden files such as .git */
        dir_entry *entry = XARRAY_PUSH(entries, count, cap);
        entry->name = xstrdup(e->d_name);
        entry->type = e->d_type;
    }
    closedir(d);
    if (count)
        qsort(entries, count, sizeof *entries, cmp_entries);

    int status = 0;
    for (size_t i = 0; i < count; i++) {
        char *path = join_path(dir, entries[i].name);
        char *sub = join_path(rel, entries[i].name);
        int is_dir = entry_is_dir(path, entries[i].type, err);
        if (is_dir < 0)
            status = -1;
        else if (is_dir) {
            if (walk_dir(path, sub, out, err, depth + 1) != 0)
                status = -1;
        } else if (has_md_suffix(entries[i].name)) {
            add_page(out, path, sub);
        }
        free(path);
        free(sub);
        free(entries[i].name);
    }
    free(entries);
    return status;
}

int fs_find_pages(const char *root, fs_page_list *out, strbuf *err)
{
    struct stat st;
    if (stat(root, &st) != 0) {
        strbuf_printf(err, "%s: %s\n", root, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode))
        return walk_dir(root, "", out, err, 0);
    add_page(out, root, root);
    return 0;
}

static int cmp_page_refs(const void *a, const void *b)
{
    const fs_page_ref *x = a, *y = b;
    int c = strcmp(x->rel_path, y->rel_path);
    return c ? c : strcmp(x->path, y->path);
}

void fs_page_list_sort(fs_page_list *list)
{
    if (list->count)
        qsort(list->items, list->count, sizeof *list->items, cmp_page_refs);
}

void fs_page_list_free(fs_page_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].rel_path);
    }
    free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

ssize_t fs_read_up_to(int fd, char *buf, size_t n)
{
    size_t done = 0;
    while (done < n) {
        ssize_t got = read(fd, buf + done, n - done);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return -1;
        if (got == 0)
            break;
        done += (size_t)got;
    }
    return (ssize_t)done;
}

/* The file at path when it is a regular file to compare the output with,
 * or -1. */
static int open_old_file(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        fd = -1;
    }
    return fd;
}

enum { COMPARE_CHUNK = 64 * 1024 };

/* Whether the old file's next len bytes are data. */
static int old_file_continues_with(int fd, const char *data, size_t len)
{
    char chunk[COMPARE_CHUNK];
    while (len > 0) {
        size_t want = len < sizeof chunk ? len : sizeof chunk;
        ssize_t got = fs_read_up_to(fd, chunk, want);
        if (got <= 0 || memcmp(chunk, data, (size_t)got) != 0)
            return 0;
        data += got;
        len -= (size_t)got;
    }
    return 1;
}

static int old_file_ends(int fd)
{
    char byte;
    return read(fd, &byte, 1) == 0;
}

/* Copies the first n bytes of the old file into the temporary file. */
static int copy_old_prefix(fs_atomic_file *af, size_t n)
{
    char chunk[COMPARE_CHUNK];
    off_t at = 0;
    while (n > 0) {
        size_t want = n < sizeof chunk ? n : sizeof chunk;
        ssize_t got = pread(af->old_fd, chunk, want, at);
        if (got <= 0)
            return got < 0 ? errno : EIO; /* the old file shrank meanwhile */
        if (fwrite(chunk, 1, (size_t)got, af->stream) != (size_t)got)
            return errno ? errno : EIO;
        at += got;
        n -= (size_t)got;
    }
    return 0;
}

/* The output differs from the old file (or there is none): from now on it
 * goes to the temporary file, which starts with what was compared. */
static void start_temporary(fs_atomic_file *af)
{
    interrupt_step_begin();
    af->stream = fopen(af->tmp_path, "wb");
    if (!af->stream)
        af->failed = errno ? errno : EIO;
    else
        af->removal = interrupt_remove_later(af->tmp_path, 0);
    interrupt_step_end();
    if (af->stream) {
        interrupt_test_point("temporary");
        if (af->old_fd >= 0 && af->offset > 0)
            af->failed = copy_old_prefix(af, af->offset);
    }
    if (af->old_fd >= 0)
        close(af->old_fd);
    af->old_fd = -1;
}

int fs_write_file_atomic(const char *path, const char *data, size_t len,
                         strbuf *err)
{
    fs_atomic_file af;
    if (fs_atomic_open(&af, path, err) != 0)
        return -1;
    fs_atomic_write(&af, data, len);
    return fs_atomic_commit(&af, err);
}

int fs_atomic_open(fs_atomic_file *af, const char *path, strbuf *err)
{
    strbuf tmp = STRBUF_INIT;
    strbuf_printf(&tmp, "%s.tmp.%ld", path, (long)getpid());
    af->path = xstrdup(path);
    af->tmp_path = strbuf_detach(&tmp);
    af->stream = NULL;
    af->offset = 0;
    af->failed = 0;
    af->removal = -1;
    af->old_fd = open_old_file(path);
    if (af->old_fd >= 0)
        return 0;
    start_temporary(af);
    if (af->failed) {
        /* Name the file asked for: the temporary name means nothing to
         * the user. */
        strbuf_printf(err, "%s: cannot write: %s\n", path, strerror(af->failed));
        free(af->path);
        free(af->tmp_path);
        return -1;
    }
    return 0;
}

void fs_atomic_write(fs_atomic_file *af, const char *data, size_t len)
{
    if (af->failed || !len)
        return;
    if (af->old_fd >= 0 && !old_file_continues_with(af->old_fd, data, len))
        start_temporary(af);
    if (!af->failed && af->stream && fwrite(data, 1, len, af->stream) != len)
        af->failed = errno ? errno : EIO;
    af->offset += len;
}

static void atomic_release(fs_atomic_file *af)
{
    if (af->old_fd >= 0)
        close(af->old_fd);
    free(af->path);
    free(af->tmp_path);
    af->path = af->tmp_path = NULL;
    af->stream = NULL;
    af->old_fd = -1;
}

int fs_atomic_commit(fs_atomic_file *af, strbuf *err)
{
    if (!af->failed && af->old_fd >= 0) {
        if (old_file_ends(af->old_fd)) { /* unchanged: left as it is */
            atomic_release(af);
            return 0;
        }
        start_temporary(af); /* the old file is longer */
    }
    int failed = af->failed;
    if (af->stream && fclose(af->stream) != 0 && !failed)
        failed = errno ? errno : EIO;
    interrupt_step_begin();
    if (!failed && rename(af->tmp_path, af->path) != 0)
        failed = errno;
    if (failed && af->stream)
        unlink(af->tmp_path);
    interrupt_forget(af->removal);
    af->removal = -1;
    interrupt_step_end();
    if (failed)
        strbuf_printf(err, "%s: cannot write: %s\n", af->path, strerror(failed));
    atomic_release(af);
    return failed ? -1 : 0;
}

void fs_atomic_abort(fs_atomic_file *af)
{
    if (af->stream) {
        fclose(af->stream);
        interrupt_step_begin();
        unlink(af->tmp_path);
        interrupt_forget(af->removal);
        af->removal = -1;
        interrupt_step_end();
    }
    atomic_release(af);
}
