#include "emit/output_dir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/fsutil.h"
#include "util/interrupt.h"
#include "util/xalloc.h"
#include "view/c_view.h"
#include "util/compare.h"

/* The marker sits on the first line; a KiB leaves room for a licence
 * header a user template may put in front of it. */
#define MARKER_WINDOW 1024
/* Generated files are source code; a bigger file is not one of ours. */
#define MAX_OUTPUT_BYTES ((size_t)256 * 1024 * 1024)

/* ---- the set ---- */

void output_set_add(output_set *set, const char *name, char *content, size_t len)
{
    output_file *f = XARRAY_PUSH(set->items, set->count, set->cap);
    f->name = xstrdup(name);
    f->content = content;
    f->len = len;
    f->known = OUTPUT_UNKNOWN;
    f->staged = 0;
    f->error = NULL;
}

static int compare_files(const void *a, const void *b)
{
    return strcmp(((const output_file *)a)->name, ((const output_file *)b)->name);
}

void output_set_sort(output_set *set)
{
    if (set->count)
        qsort(set->items, set->count, sizeof *set->items, compare_files);
}

void output_set_free(output_set *set)
{
    for (size_t i = 0; i < set->count; i++) {
        free(set->items[i].name);
        free(set->items[i].content);
        free(set->items[i].error);
    }
    free(set->items);
    set->items = NULL;
    set->count = set->cap = 0;
}

static int in_set(const output_set *set, const char *name)
{
    output_file key = {(char *)name, NULL, 0, OUTPUT_UNKNOWN, 0, NULL};
    return set->count &&
           bsearch(&key, set->items, set->count, sizeof key, compare_files) != NULL;
}

int output_has_marker(const char *data, size_t len)
{
    char window[MARKER_WINDOW + 1];
    size_t n = len < MARKER_WINDOW ? len : MARKER_WINDOW;
    memcpy(window, data, n);
    window[n] = '\0';
    /* a NUL inside the window just ends the search early */
    return strstr(window, C_VIEW_MARKER_TAG) && strstr(window, C_VIEW_MARKER_WARNING);
}

/* ---- what is on disk ---- */

static char *join(const char *dir, const char *name)
{
    strbuf path = STRBUF_INIT;
    strbuf_printf(&path, "%s/%s", dir, name);
    return strbuf_detach(&path);
}

typedef enum file_state { FILE_SAME, FILE_CHANGED, FILE_MISSING } file_state;

typedef struct plan {
    int dir_exists;
    file_state *states; /* one per file of the set */
    char **stale;       /* generated files the set no longer has */
    size_t nstale, cap_stale;
} plan;

static void plan_free(plan *p)
{
    free(p->states);
    for (size_t i = 0; i < p->nstale; i++)
        free(p->stale[i]);
    free(p->stale);
}

static int read_whole(const char *path, char **data, size_t *len, strbuf *messages)
{
    strbuf why = STRBUF_INIT;
    int status = fs_read_file(path, MAX_OUTPUT_BYTES, data, len, &why);
    if (status != 0)
        strbuf_printf(messages, "apimd: generate: %s", strbuf_cstr(&why));
    strbuf_free(&why);
    return status;
}

static int has_marker_on_disk(const char *path);

/* Compares f with dir/f->name: the sizes first, so that a file that
 * changed is not read whole (only its head, for the marker); one of the
 * same size is read and compared. A file that is there but not ours is
 * never overwritten. messages NULL: report nothing, return -1 on any
 * problem (the caller asks again with messages). */
static int compare_on_disk(const char *dir, const output_file *f, file_state *state,
                           strbuf *messages)
{
    char *path = join(dir, f->name);
    struct stat st;
    int status = 0;
    if (lstat(path, &st) != 0) {
        *state = FILE_MISSING;
    } else if (!S_ISREG(st.st_mode)) {
        if (messages)
            strbuf_printf(messages,
                          "apimd: generate: %s is in the way: not a regular file\n", path);
        status = -1;
    } else if ((size_t)st.st_size != f->len && (size_t)st.st_size <= MAX_OUTPUT_BYTES &&
               has_marker_on_disk(path)) {
        *state = FILE_CHANGED;
    } else if (!messages) {
        status = -1; /* the slow path below says what is wrong, if anything */
        if ((size_t)st.st_size == f->len) {
            char *data = NULL;
            size_t len = 0;
            strbuf why = STRBUF_INIT;
            if (fs_read_file(path, MAX_OUTPUT_BYTES, &data, &len, &why) == 0 &&
                output_has_marker(data, len)) {
                *state = len == f->len && memcmp(data, f->content, len) == 0 ? FILE_SAME
                                                                             : FILE_CHANGED;
                status = 0;
            }
            strbuf_free(&why);
            free(data);
        }
    } else {
        char *data = NULL;
        size_t len = 0;
        status = read_whole(path, &data, &len, messages);
        if (status == 0 && !output_has_marker(data, len)) {
            strbuf_printf(messages,
                          "apimd: generate: %s exists and was not generated by apimd "
                          "(no \"%s\" line); not overwriting it\n",
                          path, C_VIEW_MARKER_WARNING);
            status = -1;
        }
        if (status == 0)
            *state = len == f->len && memcmp(data, f->content, len) == 0 ? FILE_SAME
                                                                         : FILE_CHANGED;
        free(data);
    }
    free(path);
    return status;
}

static int file_state_of(const char *dir, const output_file *f, file_state *state,
                         strbuf *messages)
{
    switch (f->known) {
    case OUTPUT_SAME: *state = FILE_SAME; return 0;
    case OUTPUT_CHANGED: *state = FILE_CHANGED; return 0;
    case OUTPUT_MISSING: *state = FILE_MISSING; return 0;
    case OUTPUT_UNKNOWN: break;
    }
    return compare_on_disk(dir, f, state, messages);
}

void output_file_compare(const char *dir, output_file *f)
{
    file_state state;
    f->known = OUTPUT_UNKNOWN;
    if (compare_on_disk(dir, f, &state, NULL) != 0)
        return;
    f->known = state == FILE_SAME ? OUTPUT_SAME
               : state == FILE_CHANGED ? OUTPUT_CHANGED : OUTPUT_MISSING;
}

/* ---- comparing through a descriptor ----
 *
 * The same answers as compare_on_disk without messages, in fewer system
 * calls: the file is opened once, relative to the output directory's
 * descriptor (so that its path is not walked again for every file), and
 * fstat replaces lstat. O_NOFOLLOW and O_NONBLOCK keep a symlink or a FIFO
 * in the way from being followed or from blocking; such a file is not a
 * regular one and is left to the slow path, which names it. */

static int head_has_marker(int fd)
{
    char head[MARKER_WINDOW];
    ssize_t n = read(fd, head, sizeof head);
    return n > 0 && output_has_marker(head, (size_t)n);
}

/* Generated files are mostly a few KiB: one chunk holds most of them. */
enum { COMPARE_CHUNK = 32 * 1024 };

/* A file of f's size, read in chunks and compared as it comes; it must
 * carry the marker, as anything read whole must. The file is read to
 * the size fstat gave, as a whole read would: an error anywhere makes
 * the answer unknown. */
static int compare_contents(int fd, const output_file *f, file_state *state)
{
    char chunk[COMPARE_CHUNK];
    size_t done = 0;
    int same = 1;
    if (f->len == 0)
        return -1; /* no room for the marker */
    while (done < f->len) {
        size_t want = f->len - done < sizeof chunk ? f->len - done : sizeof chunk;
        ssize_t got = fs_read_up_to(fd, chunk, want);
        if (got < 0)
            return -1;
        if (done == 0 && !output_has_marker(chunk, (size_t)got))
            return -1;
        if ((size_t)got < want || memcmp(chunk, f->content + done, (size_t)got) != 0)
            same = 0;
        if ((size_t)got < want)
            break; /* it shrank since fstat */
        done += want;
    }
    *state = same ? FILE_SAME : FILE_CHANGED;
    return 0;
}

/* compare_on_disk (without messages) on an open descriptor. */
static int compare_opened(int fd, const output_file *f, file_state *state)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return -1;
    size_t size = (size_t)st.st_size;
    if (size > MAX_OUTPUT_BYTES)
        return -1;
    if (size != f->len) {
        if (!head_has_marker(fd))
            return -1;
        *state = FILE_CHANGED;
        return 0;
    }
    return compare_contents(fd, f, state);
}

/* output_file_compare for a file of the directory open as dir_fd (dir
 * names it). Anything but a clean open or a plain "no such file" goes
 * the path-based way, which tells a symlink from an unreadable file. */
static void compare_at(int dir_fd, const char *dir, output_file *f)
{
    int fd = openat(dir_fd, f->name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            f->known = OUTPUT_MISSING;
        else
            output_file_compare(dir, f);
        return;
    }
    file_state state;
    f->known = OUTPUT_UNKNOWN;
    if (compare_opened(fd, f, &state) == 0)
        f->known = state == FILE_SAME ? OUTPUT_SAME : OUTPUT_CHANGED;
    close(fd);
}

static int has_marker_on_disk(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    char head[MARKER_WINDOW];
    ssize_t n = read(fd, head, sizeof head);
    close(fd);
    return n > 0 && output_has_marker(head, (size_t)n);
}

static int find_stale(const char *dir, const output_set *set, plan *p, strbuf *messages)
{
    DIR *d = opendir(dir);
    if (!d) {
        strbuf_printf(messages, "apimd: generate: %s: cannot list: %s\n", dir, strerror(errno));
        return -1;
    }
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.' || in_set(set, entry->d_name))
            continue;
        char *path = join(dir, entry->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) && has_marker_on_disk(path))
            *XARRAY_PUSH(p->stale, p->nstale, p->cap_stale) = xstrdup(entry->d_name);
        free(path);
    }
    closedir(d);
    if (p->nstale)
        qsort(p->stale, p->nstale, sizeof *p->stale, compare_string_ptrs);
    return 0;
}

static int make_plan(const char *dir, const output_set *set, plan *p, strbuf *messages)
{
    memset(p, 0, sizeof *p);
    p->states = xcalloc(set->count ? set->count : 1, sizeof *p->states);
    struct stat st;
    if (stat(dir, &st) != 0) {
        for (size_t i = 0; i < set->count; i++)
            p->states[i] = FILE_MISSING;
        return 0;
    }
    if (!S_ISDIR(st.st_mode)) {
        strbuf_printf(messages, "apimd: generate: %s is not a directory\n", dir);
        return -1;
    }
    p->dir_exists = 1;
    for (size_t i = 0; i < set->count; i++)
        if (file_state_of(dir, &set->items[i], &p->states[i], messages) != 0)
            return -1;
    return find_stale(dir, set, p, messages);
}

/* ---- write ---- */

/* dir without trailing slashes, split into parent and base name. */
static void split_dir(const char *dir, char **parent, char **base)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    char *trimmed = xstrndup(dir, n);
    char *slash = strrchr(trimmed, '/');
    if (!slash) {
        *parent = xstrdup(".");
        *base = trimmed;
        return;
    }
    *base = xstrdup(slash + 1);
    *parent = slash == trimmed ? xstrdup("/") : xstrndup(trimmed, (size_t)(slash - trimmed));
    free(trimmed);
}

static int make_dirs(const char *path, strbuf *messages)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return S_ISDIR(st.st_mode) ? 0 : -1;
    char *copy = xstrdup(path);
    char *slash = strrchr(copy, '/');
    int status = 0;
    if (slash && slash != copy) {
        *slash = '\0';
        status = make_dirs(copy, messages);
    }
    free(copy);
    if (status == 0 && mkdir(path, 0777) != 0 && errno != EEXIST) {
        strbuf_printf(messages, "apimd: generate: cannot create %s: %s\n", path,
                      strerror(errno));
        status = -1;
    }
    return status;
}

/* The temporary directory sits beside dir, on the same file system, so
 * that moving files (or itself) into place is a rename. It is made with
 * mkdir rather than mkdtemp so that it gets the permissions a new output
 * directory should have (mkdtemp's are private). It is registered for
 * removal should the run be interrupted (*removal: the handle). */
static char *make_temp_dir(const char *dir, int *removal, strbuf *messages)
{
    char *parent, *base;
    split_dir(dir, &parent, &base);
    char *temp = NULL;
    if (make_dirs(parent, messages) == 0) {
        int made = 0;
        strbuf path = STRBUF_INIT;
        for (int attempt = 0; attempt < 100 && !made; attempt++) {
            strbuf_reset(&path);
            strbuf_printf(&path, "%s/.%s.apimd-%ld-%d", parent, base, (long)getpid(), attempt);
            interrupt_step_begin();
            made = mkdir(path.data, 0777) == 0;
            int why = errno;
            if (made)
                *removal = interrupt_remove_later(path.data, 1);
            interrupt_step_end();
            errno = why;
            if (!made && errno != EEXIST)
                break;
        }
        if (made)
            temp = strbuf_detach(&path);
        else
            strbuf_printf(messages, "apimd: generate: cannot create a directory beside %s: %s\n",
                          dir, strerror(errno));
        strbuf_free(&path);
    }
    free(parent);
    free(base);
    return temp;
}

static int write_new_file(const char *path, const output_file *f, strbuf *messages)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        strbuf_printf(messages, "apimd: generate: cannot create %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t done = 0;
    while (done < f->len) {
        ssize_t n = write(fd, f->content + done, f->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            strbuf_printf(messages, "apimd: generate: cannot write %s: %s\n", path,
                          n < 0 ? strerror(errno) : "no progress");
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        strbuf_printf(messages, "apimd: generate: cannot write %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

/* Writes f into the temporary directory; a guarded step, so that an
 * interruption never meets a file it would not see to remove. */
static int write_file(const char *path, const output_file *f, strbuf *messages)
{
    interrupt_step_begin();
    int status = write_new_file(path, f, messages);
    interrupt_step_end();
    return status;
}

/* Removes the temporary directory and whatever is left in it, and its
 * registration (removal). */
static void remove_temp_dir(const char *temp, int removal, const output_set *set)
{
    interrupt_step_begin();
    for (size_t i = 0; i < set->count; i++) {
        char *path = join(temp, set->items[i].name);
        unlink(path);
        free(path);
    }
    rmdir(temp);
    interrupt_forget(removal);
    interrupt_step_end();
}

static int write_changed(const char *temp, const output_set *set, const plan *p,
                         output_report *report, strbuf *messages)
{
    for (size_t i = 0; i < set->count; i++) {
        const output_file *f = &set->items[i];
        if (p->states[i] == FILE_SAME) {
            report->unchanged++;
            continue;
        }
        if (f->error) { /* staging it failed */
            strbuf_puts(messages, f->error);
            return -1;
        }
        if (!f->staged) {
            char *path = join(temp, f->name);
            int status = write_file(path, f, messages);
            free(path);
            if (status != 0)
                return -1;
        }
        report->written++;
    }
    return 0;
}

static int move_into_place(const char *temp, const char *dir, const output_set *set,
                           const plan *p, strbuf *messages)
{
    if (!p->dir_exists) {
        if (rename(temp, dir) == 0)
            return 0; /* the registration of temp is for the caller to forget */
        strbuf_printf(messages, "apimd: generate: cannot rename %s to %s: %s\n", temp, dir,
                      strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < set->count; i++) {
        if (p->states[i] == FILE_SAME)
            continue;
        char *from = join(temp, set->items[i].name);
        char *to = join(dir, set->items[i].name);
        int status = rename(from, to);
        if (status != 0)
            strbuf_printf(messages, "apimd: generate: cannot rename %s to %s: %s\n", from, to,
                          strerror(errno));
        free(from);
        free(to);
        if (status != 0)
            return -1;
        interrupt_test_point("replacing");
    }
    return 0;
}

static void remove_stale(const char *dir, const plan *p, output_report *report,
                         strbuf *messages)
{
    for (size_t i = 0; i < p->nstale; i++) {
        char *path = join(dir, p->stale[i]);
        if (unlink(path) == 0)
            report->removed++;
        else
            strbuf_printf(messages, "apimd: generate: cannot remove stale %s: %s\n", path,
                          strerror(errno));
        free(path);
    }
}

static int nothing_to_do(const output_set *set, const plan *p)
{
    if (!p->dir_exists || p->nstale)
        return 0;
    for (size_t i = 0; i < set->count; i++)
        if (p->states[i] != FILE_SAME)
            return 0;
    return 1;
}

/* ---- the stream ---- */

struct output_stream {
    char *dir;
    int check;
    int dir_state; /* 1: a directory, 0: missing, -1: something else */
    int dir_fd;    /* the directory, open when it is one; else -1 */
    pthread_mutex_t lock;
    char *temp;  /* made on first need */
    int temp_removal; /* its registration for removal on an interruption */
    char *temp_error; /* why it could not be made */
    /* Files are staged while rendering only when the temporary directory
     * can be made without making its parent: a refused run must not leave
     * directories behind, and parents are only made once all is well. */
    int stage;
};

output_stream *output_stream_begin(const char *dir, int check)
{
    output_stream *s = xcalloc(1, sizeof *s);
    s->dir = xstrdup(dir);
    s->check = check;
    s->temp_removal = -1;
    struct stat st;
    s->dir_state = stat(dir, &st) != 0 ? 0 : S_ISDIR(st.st_mode) ? 1 : -1;
    s->dir_fd = s->dir_state == 1 ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    char *parent, *base;
    split_dir(dir, &parent, &base);
    s->stage = !check && stat(parent, &st) == 0 && S_ISDIR(st.st_mode);
    free(parent);
    free(base);
    pthread_mutex_init(&s->lock, NULL);
    return s;
}

/* The temporary directory, made by the first thread that needs it. */
static const char *stream_temp(output_stream *s)
{
    pthread_mutex_lock(&s->lock);
    if (!s->temp && !s->temp_error) {
        strbuf why = STRBUF_INIT;
        s->temp = make_temp_dir(s->dir, &s->temp_removal, &why);
        if (!s->temp)
            s->temp_error = strbuf_detach(&why);
        strbuf_free(&why);
    }
    pthread_mutex_unlock(&s->lock);
    return s->temp;
}

int output_stream_put(output_stream *s, output_file *f)
{
    if (s->dir_state < 0)
        return 0; /* finishing reports it */
    if (s->dir_state == 0) {
        f->known = OUTPUT_MISSING;
    } else {
        if (s->dir_fd >= 0)
            compare_at(s->dir_fd, s->dir, f);
        else
            output_file_compare(s->dir, f);
        if (f->known == OUTPUT_UNKNOWN)
            return 0; /* in the way: finishing reports it, with the content */
    }
    if (f->known == OUTPUT_SAME || s->check)
        return 1;
    if (!s->stage)
        return 0;
    const char *temp = stream_temp(s);
    if (!temp)
        return 0; /* finishing tries again and reports it */
    char *path = join(temp, f->name);
    strbuf why = STRBUF_INIT;
    if (write_file(path, f, &why) == 0)
        f->staged = 1;
    else
        f->error = strbuf_detach(&why);
    strbuf_free(&why);
    free(path);
    if (f->staged)
        interrupt_test_point("staging");
    return f->staged;
}

static void stream_free(output_stream *s)
{
    pthread_mutex_destroy(&s->lock);
    if (s->dir_fd >= 0)
        close(s->dir_fd);
    free(s->dir);
    free(s->temp);
    free(s->temp_error);
    free(s);
}

static int stream_check(output_stream *s, const output_set *set, strbuf *messages)
{
    const char *dir = s->dir;
    plan p;
    if (make_plan(dir, set, &p, messages) != 0) {
        plan_free(&p);
        return -1;
    }
    int differences = 0;
    for (size_t i = 0; i < set->count; i++) {
        if (p.states[i] == FILE_SAME)
            continue;
        strbuf_printf(messages, "%s/%s: %s\n", dir, set->items[i].name,
                      p.states[i] == FILE_MISSING ? "missing" : "differs");
        differences++;
    }
    for (size_t i = 0; i < p.nstale; i++, differences++)
        strbuf_printf(messages, "%s/%s: stale (generated, no longer produced)\n", dir,
                      p.stale[i]);
    plan_free(&p);
    return differences;
}

/* The changed files moved into place and the stale ones removed, as one
 * guarded step: an interruption waits for the directory to be all new. */
static int replace_outputs(output_stream *s, const output_set *set, const plan *p,
                           output_report *report, strbuf *messages)
{
    interrupt_step_begin();
    int status = move_into_place(s->temp, s->dir, set, p, messages);
    if (status == 0 && p->dir_exists)
        remove_stale(s->dir, p, report, messages);
    if (status == 0 && !p->dir_exists) {
        interrupt_forget(s->temp_removal); /* it is the output directory now */
        s->temp_removal = -1;
    }
    interrupt_step_end();
    return status;
}

static int stream_write(output_stream *s, const output_set *set, output_report *report,
                        strbuf *messages)
{
    const char *dir = s->dir;
    memset(report, 0, sizeof *report);
    plan p;
    int status = make_plan(dir, set, &p, messages);
    if (status == 0 && nothing_to_do(set, &p)) {
        report->unchanged = set->count;
        plan_free(&p);
        return 0; /* nothing was staged either */
    }
    if (status == 0 && !stream_temp(s)) {
        strbuf_puts(messages, s->temp_error ? s->temp_error : "");
        status = -1;
    }
    const char *temp = s->temp;
    if (status == 0)
        status = write_changed(temp, set, &p, report, messages);
    if (status == 0)
        status = replace_outputs(s, set, &p, report, messages);
    if (temp && (status != 0 || p.dir_exists))
        remove_temp_dir(temp, s->temp_removal, set);
    if (status != 0)
        report->written = 0;
    plan_free(&p);
    return status;
}

int output_stream_finish(output_stream *s, const output_set *set, output_report *report,
                         strbuf *messages)
{
    int status = s->check ? stream_check(s, set, messages)
                          : stream_write(s, set, report, messages);
    stream_free(s);
    return status;
}

void output_stream_abort(output_stream *s, const output_set *set)
{
    if (s->temp)
        remove_temp_dir(s->temp, s->temp_removal, set);
    stream_free(s);
}

int output_check(const char *dir, const output_set *set, strbuf *messages)
{
    return output_stream_finish(output_stream_begin(dir, 1), set, NULL, messages);
}

int output_write(const char *dir, const output_set *set, output_report *report,
                 strbuf *messages)
{
    return output_stream_finish(output_stream_begin(dir, 0), set, report, messages);
}
