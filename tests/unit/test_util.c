/* Unit tests of the shared utilities: buffer, arena, file helpers. */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/arena.h"
#include "util/fsutil.h"
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

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert(f);
    fputs(text, f);
    fclose(f);
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

int main(void)
{
    test_strbuf();
    test_arena();
    test_find_pages();
    printf("util: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
