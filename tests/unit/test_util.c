/* Unit tests of the shared utilities: buffer, arena, JSON copy, file
 * helpers, the work pool. */
#include <assert.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/blocks.h"
#include "util/fsutil.h"
#include "util/json_arena.h"
#include "util/json_copy.h"
#include "util/json_print.h"
#include "util/parallel.h"
#include "util/strbuf.h"

static int failures;
#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            failures++;                                                       \
        }                                                                     \
    } while (0)

static void test_strbuf(void)
{
    strbuf b = STRBUF_INIT;
    CHECK(strcmp(strbuf_cstr(&b), "") == 0);
    for (int i = 0; i < 1000; i++)
        strbuf_printf(&b, "%d,", i);
    CHECK(b.len == strlen(b.data));
    CHECK(strncmp(b.data, "0,1,2,", 6) == 0);
    strbuf_reset(&b);
    strbuf_puts(&b, "x");
    strbuf_putc(&b, 'y');
    char *s = strbuf_detach(&b);
    CHECK(strcmp(s, "xy") == 0);
    CHECK(b.data == NULL && b.len == 0);
    free(s);
}

static void test_arena(void)
{
    arena a = ARENA_INIT;
    int *items = NULL;
    size_t count = 0, cap = 0;
    for (int i = 0; i < 10000; i++)
        *ARENA_PUSH(&a, items, count, cap) = i;
    CHECK(count == 10000);
    int ok = 1;
    for (int i = 0; i < 10000; i++)
        ok &= items[i] == i;
    CHECK(ok);
    char *big = arena_alloc(&a, 1 << 20); /* larger than a chunk */
    big[(1 << 20) - 1] = 'z';
    CHECK(strcmp(arena_printf(&a, "%s-%d", "p", 7), "p-7") == 0);
    CHECK(arena_strdup(&a, NULL) == NULL);
    CHECK(strcmp(arena_strndup(&a, "abcdef", 3), "abc") == 0);
    arena_free(&a);
}

/* An arena given another's last chunk goes on in its free rest, right
 * after what the other put there, which stays as it was; the other makes a
 * chunk of its own when it allocates again. */
static void test_arena_pass_chunk(void)
{
    arena first = ARENA_INIT, second = ARENA_INIT, third = ARENA_INIT;
    char *a = arena_strdup(&first, "first");
    arena_pass_chunk(&first, &second);
    char *b = arena_strdup(&second, "second");
    CHECK(b > a && b - a < 64); /* in the same chunk, after it */
    CHECK(strcmp(a, "first") == 0);
    char *again = arena_strdup(&first, "again");
    CHECK(again < a || again > b + 64); /* a chunk of its own */
    arena_pass_chunk(&second, &third);
    char *c = arena_strdup(&third, "third");
    CHECK(c > b && c - b < 64);
    arena_pass_chunk(&first, &third); /* third holds something: no change */
    CHECK(strcmp(arena_strdup(&first, "more"), "more") == 0);
    arena empty = ARENA_INIT;
    arena_pass_chunk(&empty, &first); /* nothing to pass */
    CHECK(strcmp(a, "first") == 0 && strcmp(b, "second") == 0 && strcmp(c, "third") == 0 &&
          strcmp(again, "again") == 0);
    arena_free(&first);
    arena_free(&second);
    arena_free(&third);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert(f);
    fputs(text, f);
    fclose(f);
}

/* A copy in an arena equals its source, shares none of its memory, and is
 * a well-formed cJSON tree: the last child is the first one's prev, which
 * is how cJSON finds an array's end. */
static void test_json_copy(void)
{
    CHECK(json_copy_in_arena(NULL, NULL) == NULL);
    const char *text = "{\"a\": [1, 2.5, \"x\", null, true, false, {\"b\": []}],"
                       " \"c\": {\"d\": \"e\"}, \"f\": 7}";
    cJSON *src = cJSON_Parse(text);
    CHECK(src != NULL);
    arena a = ARENA_INIT;
    cJSON *copy = json_copy_in_arena(&a, src);
    CHECK(cJSON_Compare(src, copy, 1));
    const cJSON *array = cJSON_GetObjectItemCaseSensitive(copy, "a");
    CHECK(cJSON_GetArraySize(array) == 7);
    CHECK(array->child->prev == cJSON_GetArrayItem(array, 6));
    CHECK(copy->child->prev == cJSON_GetObjectItemCaseSensitive(copy, "f"));
    CHECK(cJSON_GetArrayItem(array, 2)->valuestring !=
          cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(src, "a"), 2)->valuestring);
    cJSON_Delete(src); /* the copy does not depend on it */
    char *printed = cJSON_PrintUnformatted(copy);
    CHECK(printed && strcmp(printed, "{\"a\":[1,2.5,\"x\",null,true,false,{\"b\":[]}],"
                                     "\"c\":{\"d\":\"e\"},\"f\":7}") == 0);
    free(printed);
    arena_free(&a);
}

/* The inode of path (a replaced file gets a new one), 0 when missing. */
static ino_t inode_of(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? st.st_ino : 0;
}

static int holds(const char *path, const char *text)
{
    char *data;
    size_t len;
    strbuf err = STRBUF_INIT;
    int ok = fs_read_file(path, 1000, &data, &len, &err) == 0 &&
             len == strlen(text) && memcmp(data, text, len) == 0;
    if (ok)
        free(data);
    strbuf_free(&err);
    return ok;
}

/* Writes the pieces (NULL-terminated) through fs_atomic_*; aborts instead
 * of committing when abort_at_end. */
static int write_pieces(const char *path, const char *const *pieces, int abort_at_end)
{
    fs_atomic_file af;
    strbuf err = STRBUF_INIT;
    int rc = fs_atomic_open(&af, path, &err);
    if (rc == 0) {
        for (; *pieces; pieces++)
            fs_atomic_write(&af, *pieces, strlen(*pieces));
        if (abort_at_end)
            fs_atomic_abort(&af);
        else
            rc = fs_atomic_commit(&af, &err);
    }
    strbuf_free(&err);
    return rc;
}

static int no_temporary_files(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -a '%s' | grep -q '\\.tmp\\.'", dir);
    return system(cmd) != 0;
}

/* ---- the block source ---- */

static int filled(const unsigned char *p, size_t n, unsigned char mark)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != mark)
            return 0;
    return 1;
}

/* Blocks of every class and of other sizes are usable whole, aligned,
 * and never overlap: each keeps what was written into it while all the
 * others are written too. */
static void check_blocks_whole(void)
{
    enum { N = 12 };
    const size_t sizes[N] = {1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072,
                             262144, 1000, 300000, 65536};
    unsigned char *blocks[N];
    for (int i = 0; i < N; i++) {
        blocks[i] = blocks_alloc(sizes[i]);
        CHECK((uintptr_t)blocks[i] % alignof(max_align_t) == 0);
        memset(blocks[i], i + 1, sizes[i]);
    }
    for (int i = 0; i < N; i++)
        CHECK(filled(blocks[i], sizes[i], (unsigned char)(i + 1)));
    for (int i = 0; i < N; i++)
        blocks_free(blocks[i], sizes[i]);
    blocks_free(NULL, 1024);
}

/* A 256 KiB block that an ended thread left serves the smaller blocks a
 * thread with none of its own asks for next: its first 64 KiB, the 64 KiB
 * after, then the 128 KiB after those. */
static void *free_big_and_end(void *arg)
{
    void *p = blocks_alloc(262144);
    blocks_free(p, 262144);
    *(void **)arg = p;
    return NULL;
}

static void *take_smaller(void *arg)
{
    unsigned char **got = arg;
    got[0] = blocks_alloc(65536);
    got[1] = blocks_alloc(65536);
    got[2] = blocks_alloc(131072);
    memset(got[0], 1, 65536);
    memset(got[1], 2, 65536);
    memset(got[2], 3, 131072);
    CHECK(filled(got[0], 65536, 1) && filled(got[1], 65536, 2) && filled(got[2], 131072, 3));
    blocks_free(got[0], 65536);
    blocks_free(got[1], 65536);
    blocks_free(got[2], 131072);
    return NULL;
}

static void check_blocks_split(void)
{
    if (!blocks_pooled())
        return; /* blocks come from malloc: nothing to split */
    unsigned char *big = NULL, *got[3] = {NULL, NULL, NULL};
    pthread_t t;
    CHECK(pthread_create(&t, NULL, free_big_and_end, &big) == 0);
    pthread_join(t, NULL);
    CHECK(pthread_create(&t, NULL, take_smaller, got) == 0);
    pthread_join(t, NULL);
    CHECK(big != NULL && got[0] == big && got[1] == big + 65536 && got[2] == big + 131072);
}

/* A freed block serves the next request of its size on the same thread,
 * and one freed by a thread that has ended serves any thread. */
static void *free_one_and_end(void *arg)
{
    void *p = blocks_alloc(131072);
    blocks_free(p, 131072);
    *(void **)arg = p;
    return NULL;
}

static void check_blocks_recycled(void)
{
    if (!blocks_pooled()) {
        printf("util: blocks come from malloc in this build; recycling not checked\n");
        return;
    }
    void *a = blocks_alloc(8192);
    blocks_free(a, 8192);
    CHECK(blocks_alloc(8192) == a);
    blocks_free(a, 8192);

    /* Once this thread has taken the 128 KiB block it freed above, it has
     * none of its own left: the next is the one the other thread left at
     * its end, and the one after a new one. */
    void *mine = blocks_alloc(131072);
    void *theirs = NULL;
    pthread_t t;
    CHECK(pthread_create(&t, NULL, free_one_and_end, &theirs) == 0);
    pthread_join(t, NULL);
    void *left = blocks_alloc(131072);
    CHECK(theirs != NULL && left == theirs && left != mine);
    void *fresh = blocks_alloc(131072);
    CHECK(fresh != left && fresh != mine);
    blocks_free(mine, 131072);
    blocks_free(left, 131072);
    blocks_free(fresh, 131072);
}

/* Threads taking and giving back blocks at once never get the same one:
 * each checks that what it wrote is still there before giving it back. */
typedef struct churn_work {
    unsigned char mark;
    int bad; /* set when a block lost what its thread wrote */
} churn_work;

static void *churn(void *arg)
{
    churn_work *w = arg;
    enum { HELD = 16 };
    unsigned char *held[HELD] = {0};
    size_t size[HELD] = {0};
    for (int round = 0; round < 2000; round++) {
        int slot = round % HELD;
        if (held[slot]) {
            if (!filled(held[slot], size[slot], w->mark))
                w->bad = 1;
            blocks_free(held[slot], size[slot]);
        }
        size[slot] = (size_t)1024 << (round % 5);
        held[slot] = blocks_alloc(size[slot]);
        memset(held[slot], w->mark, size[slot]);
    }
    for (int slot = 0; slot < HELD; slot++) {
        if (!filled(held[slot], size[slot], w->mark))
            w->bad = 1;
        blocks_free(held[slot], size[slot]);
    }
    return NULL;
}

static void check_blocks_threads(void)
{
    enum { THREADS = 4 };
    pthread_t t[THREADS];
    churn_work work[THREADS];
    for (int i = 0; i < THREADS; i++) {
        work[i] = (churn_work){(unsigned char)(0xA0 + i), 0};
        CHECK(pthread_create(&t[i], NULL, churn, &work[i]) == 0);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        CHECK(!work[i].bad);
    }
}

static void test_blocks(void)
{
    check_blocks_split(); /* first: before other threads leave blocks */
    check_blocks_whole();
    check_blocks_recycled();
    check_blocks_threads();
}

/* Values made in an arena are whole trees until the arena goes, however
 * many blocks they take. */
static void test_json_arena(void)
{
    json_arena_install();
    json_arena *a = json_arena_new();
    CHECK(a != NULL);
    json_arena_enter(a);
    CHECK(json_arena_active());
    cJSON *first = cJSON_CreateNumber(-1);
    cJSON *root = cJSON_CreateObject();
    cJSON *items = cJSON_AddArrayToObject(root, "items");
    for (int i = 0; i < 5000; i++) /* several blocks */
        cJSON_AddItemToArray(items, cJSON_CreateNumber(i));
    json_arena_leave();
    CHECK(!json_arena_active());
    CHECK(first->valuedouble == -1 && cJSON_GetArraySize(items) == 5000);
    CHECK(cJSON_GetArrayItem(items, 4999)->valuedouble == 4999);
    json_arena_free(a);
}

/* An output whose content is unchanged is left alone (same inode, so no
 * rename happened); any difference, in the middle or at either end,
 * replaces it; abort leaves the old file and no temporary one. */
static void test_atomic_unchanged(void)
{
    char root[] = "/tmp/apimd-atomic-XXXXXX";
    assert(mkdtemp(root));
    char path[512];
    snprintf(path, sizeof path, "%s/out.json", root);
    strbuf err = STRBUF_INIT;
    CHECK(fs_write_file_atomic(path, "hello world", 11, &err) == 0);
    ino_t first = inode_of(path);
    CHECK(first != 0 && holds(path, "hello world"));
    CHECK(fs_write_file_atomic(path, "hello world", 11, &err) == 0);
    CHECK(inode_of(path) == first);
    CHECK(write_pieces(path, (const char *const[]){"hello", " world", NULL}, 0) == 0);
    CHECK(inode_of(path) == first);

    const char *const longer[] = {"hello", " world", "!", NULL};
    CHECK(write_pieces(path, longer, 0) == 0);
    CHECK(holds(path, "hello world!") && inode_of(path) != first);
    ino_t second = inode_of(path);
    CHECK(write_pieces(path, (const char *const[]){"hello", NULL}, 0) == 0);
    CHECK(holds(path, "hello") && inode_of(path) != second);
    CHECK(write_pieces(path, (const char *const[]){"hel", "lO", " there", NULL}, 0) == 0);
    CHECK(holds(path, "hellO there"));

    ino_t third = inode_of(path);
    /* aborted while still matching, then after a difference */
    CHECK(write_pieces(path, (const char *const[]){"hel", NULL}, 1) == 0);
    CHECK(write_pieces(path, (const char *const[]){"other", NULL}, 1) == 0);
    CHECK(holds(path, "hellO there") && inode_of(path) == third);
    CHECK(no_temporary_files(root));
    strbuf_free(&err);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0);
}

enum { LOOP_SIZE = 20000 };

typedef struct loop_check {
    atomic_int calls[LOOP_SIZE];
    atomic_int task_runs;
} loop_check;

static void count_call(size_t i, void *ctx)
{
    loop_check *c = ctx;
    atomic_fetch_add(&c->calls[i], 1);
}

static void count_task(void *ctx)
{
    loop_check *c = ctx;
    atomic_fetch_add(&c->task_runs, 1);
}

static void *serve(void *pool)
{
    work_pool_serve(pool);
    return NULL;
}

/* Every index exactly once, whoever runs the loop: the caller alone (no
 * pool; a pool nobody serves), new threads, or serving threads (several
 * loops in a row through one pool); a posted task runs once, by the time
 * the pool is closed and its threads joined, or at once without a pool. */
static int each_index_once(loop_check *c)
{
    int ok = 1;
    for (size_t i = 0; i < LOOP_SIZE; i++) {
        ok &= atomic_load(&c->calls[i]) == 1;
        atomic_store(&c->calls[i], 0);
    }
    return ok;
}

static void test_work_pool(void)
{
    static loop_check c;
    parallel_for_in(NULL, LOOP_SIZE, 1, count_call, &c);
    CHECK(each_index_once(&c));
    parallel_for_in(NULL, LOOP_SIZE, 3, count_call, &c);
    CHECK(each_index_once(&c));
    work_pool_post(NULL, count_task, &c);
    CHECK(atomic_load(&c.task_runs) == 1);

    work_pool *unserved = work_pool_new();
    parallel_for_in(unserved, LOOP_SIZE, 4, count_call, &c);
    CHECK(each_index_once(&c));
    work_pool_close(unserved);
    work_pool_free(unserved);

    work_pool *pool = work_pool_new();
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        CHECK(pthread_create(&threads[t], NULL, serve, pool) == 0);
    for (int round = 0; round < 50; round++) {
        parallel_for_in(pool, LOOP_SIZE, 3, count_call, &c);
        CHECK(each_index_once(&c));
    }
    work_pool_post(pool, count_task, &c);
    work_pool_close(pool);
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    work_pool_free(pool);
    CHECK(atomic_load(&c.task_runs) == 2);
}

/* fs_read_file_at: a name in a directory open as a descriptor, read whole
 * (empty too); its messages name the path given for them, and a FIFO is
 * refused rather than waited on. */
static void check_read_in_directory(const char *root)
{
    char path[512];
    snprintf(path, sizeof path, "%s/api", root);
    int dir = open(path, O_RDONLY | O_DIRECTORY);
    CHECK(dir >= 0);
    char *data;
    size_t len;
    strbuf err = STRBUF_INIT;
    CHECK(fs_read_file_at(dir, "a.md", "shown/a.md", 100, &data, &len, &err) == 0);
    CHECK(len == 4 && strcmp(data, "# a\n") == 0);
    free(data);
    snprintf(path, sizeof path, "%s/api/empty.md", root);
    write_text(path, "");
    CHECK(fs_read_file_at(dir, "empty.md", path, 100, &data, &len, &err) == 0);
    CHECK(len == 0 && data[0] == '\0');
    free(data);
    CHECK(fs_read_file_at(dir, "missing.md", "shown/missing.md", 100, &data, &len, &err) == -1);
    CHECK(strstr(strbuf_cstr(&err), "shown/missing.md: cannot open") != NULL);
    strbuf_reset(&err);
    snprintf(path, sizeof path, "%s/api/fifo.md", root);
    CHECK(mkfifo(path, 0600) == 0);
    CHECK(fs_read_file_at(dir, "fifo.md", "shown/fifo.md", 100, &data, &len, &err) == -1);
    CHECK(strstr(strbuf_cstr(&err), "shown/fifo.md: not a regular file") != NULL);
    unlink(path);
    snprintf(path, sizeof path, "%s/api/empty.md", root);
    unlink(path);
    close(dir);
    strbuf_free(&err);
}

static void test_find_pages(void)
{
    char root[] = "/tmp/apimd-util-XXXXXX";
    assert(mkdtemp(root));
    char path[512];
    snprintf(path, sizeof path, "%s/resources", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/api", root);
    mkdir(path, 0755);
    snprintf(path, sizeof path, "%s/resources/b.md", root);
    write_text(path, "# b\n");
    snprintf(path, sizeof path, "%s/api/a.md", root);
    write_text(path, "# a\n");
    snprintf(path, sizeof path, "%s/api/notes.txt", root);
    write_text(path, "not a page\n");
    /* A link loop must not trap the walk. */
    char loop[512];
    snprintf(loop, sizeof loop, "%s/api/loop", root);
    CHECK(symlink("..", loop) == 0);

    fs_page_list list = {0};
    strbuf err = STRBUF_INIT;
    CHECK(fs_find_pages(root, &list, &err) == 0);
    fs_page_list_sort(&list);
    CHECK(list.count == 2);
    if (list.count == 2) {
        CHECK(strcmp(list.items[0].rel_path, "api/a.md") == 0);
        CHECK(strcmp(list.items[1].rel_path, "resources/b.md") == 0);
    }
    fs_page_list_free(&list);

    char *data;
    size_t len;
    snprintf(path, sizeof path, "%s/api/a.md", root);
    CHECK(fs_read_file(path, 100, &data, &len, &err) == 0);
    CHECK(len == 4 && strcmp(data, "# a\n") == 0);
    free(data);
    CHECK(fs_read_file(path, 2, &data, &len, &err) == -1);
    CHECK(strstr(strbuf_cstr(&err), "more than") != NULL);
    strbuf_reset(&err);
    check_read_in_directory(root);
    CHECK(fs_find_pages("/nonexistent/apimd", &list, &err) == -1);
    CHECK(strstr(strbuf_cstr(&err), "/nonexistent/apimd") != NULL);

    snprintf(path, sizeof path, "%s/out.txt", root);
    CHECK(fs_write_file_atomic(path, "hello", 5, &err) == 0);
    CHECK(fs_read_file(path, 100, &data, &len, &err) == 0 && len == 5);
    free(data);
    strbuf_free(&err);

    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    CHECK(system(cmd) == 0);
}

/* json_print gives the bytes cJSON_Print gives. */
static void check_same_print(const cJSON *item)
{
    char *expected = cJSON_Print(item);
    strbuf got = STRBUF_INIT;
    int rc = json_print(item, &got);
    CHECK(expected ? rc == 0 && strcmp(expected, got.data) == 0 : rc != 0);
    if (expected && strcmp(expected, strbuf_cstr(&got)) != 0)
        fprintf(stderr, "expected:\n%s\ngot:\n%s\n", expected, strbuf_cstr(&got));
    free(expected);
    strbuf_free(&got);
}

static void test_json_print(void)
{
    static const char *const texts[] = {
        "{}", "[]", "null", "true", "false", "0", "-0", "1", "-1", "3.5", "0.1",
        "1e300", "-1e-300", "123456789012345", "1234567890123456", "1e15", "-1e15",
        "999999999999999", "-999999999999999", "2147483648", "0.30000000000000004",
        "1.7976931348623157e308", "5e-324", "\"\"", "\"a\\\"b\\\\c/d\"",
        "\"\\b\\f\\n\\r\\t\\u0001\\u001f\\u007f \\u00e9 \\ud83d\\ude00\"",
        "{\"a\":{},\"b\":[],\"c\":[{},{\"x\":1},\"q\",[1,[2,{}]]],\"d\":{\"e\":{\"f\":null}}}",
        "[[[[[[[[[[[[[[[[[[{\"deep\":[{\"deeper\":{}}]}]]]]]]]]]]]]]]]]]]",
        "{\"\":\"\",\"k\\n\":[true,false,null]}",
        /* escapes before, inside and after whole runs of eight bytes */
        "\"abcdefg\\\"hijklmnopqrstuvwxyz0123456789\\\\ABCDEFGHIJKLMN\\u0002\"",
        "\"abcdefgh\\\"ijklmnop\\tqrstuvwxyz0123456789ABCDEFGHIJ\\u001f\"",
        "\"\\u00e9\\u00e8 caf\\u00e9 na\\u00efve \\u4e2d\\u6587 long text with no escapes at all\"",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        cJSON *item = cJSON_Parse(texts[i]);
        CHECK(item != NULL);
        if (!item)
            fprintf(stderr, "does not parse: %s\n", texts[i]);
        if (item)
            check_same_print(item);
        cJSON_Delete(item);
    }
    double numbers[] = {NAN, INFINITY, -INFINITY, 1.0 / 3, -2.5e-7, 4503599627370496.0,
                        9007199254740993.0, -0.0};
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        cJSON *n = cJSON_CreateNumber(numbers[i]);
        check_same_print(n);
        cJSON_Delete(n);
    }
    cJSON *raw = cJSON_CreateRaw("{\"as\": \"is\"}");
    check_same_print(raw);
    free(raw->valuestring);
    raw->valuestring = NULL; /* cJSON_Print fails here; so must json_print */
    check_same_print(raw);
    cJSON_Delete(raw);
    cJSON *keyless = cJSON_CreateObject();
    cJSON_AddItemToObject(keyless, "k", cJSON_CreateString("v"));
    free(keyless->child->string);
    keyless->child->string = NULL; /* printed as "" */
    check_same_print(keyless);
    cJSON_Delete(keyless);
}

int main(void)
{
    test_strbuf();
    test_json_print();
    test_arena();
    test_arena_pass_chunk();
    test_blocks();
    test_json_copy();
    test_json_arena();
    test_atomic_unchanged();
    test_work_pool();
    test_find_pages();
    printf("util: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
