/* Front matter read without libyaml (plain "key: value" lines) must give
 * what libyaml gives: the same fields, lines, columns and problems. Checked
 * on crafted pages and on every page at hand (docs-input, and the Graph
 * corpus when $APIMD_SHARED has it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/page.h"
#include "read/reader.h"
#include "util/fsutil.h"

static int failures;
static size_t compared;

static int same_page_front(const page *a, const page *b, const char *what)
{
    int same = a->has_front_matter == b->has_front_matter &&
               a->nfront_matter == b->nfront_matter && a->nproblems == b->nproblems;
    for (size_t i = 0; same && i < a->nfront_matter; i++) {
        const fm_field *x = &a->front_matter[i], *y = &b->front_matter[i];
        same = strcmp(x->key, y->key) == 0 && strcmp(x->value, y->value) == 0 &&
               x->line == y->line && x->col == y->col;
        if (!same)
            fprintf(stderr, "%s: field %zu: shortcut %s=\"%s\" %d:%d, libyaml %s=\"%s\" %d:%d\n",
                    what, i, x->key, x->value, x->line, x->col, y->key, y->value, y->line,
                    y->col);
    }
    for (size_t i = 0; same && i < a->nproblems; i++)
        same = strcmp(a->problems[i].message, b->problems[i].message) == 0 &&
               a->problems[i].line == b->problems[i].line;
    if (!same) {
        fprintf(stderr, "%s: front matter differs (%zu vs %zu fields, %zu vs %zu problems)\n",
                what, a->nfront_matter, b->nfront_matter, a->nproblems, b->nproblems);
        failures++;
    }
    compared++;
    return same;
}

static void compare(const char *name, const char *text, size_t len)
{
    reader_yaml_shortcut = 1;
    page *fast = page_read(name, name, text, len, NULL);
    reader_yaml_shortcut = 0;
    page *slow = page_read(name, name, text, len, NULL);
    reader_yaml_shortcut = 1;
    if (fast && slow)
        same_page_front(fast, slow, name);
    else if (!fast != !slow) {
        fprintf(stderr, "%s: read by one way only\n", name);
        failures++;
    }
    page_free(fast);
    page_free(slow);
}

static const char *const crafted[] = {
    "---\ntitle: \"call resource type\"\ndescription: A call.\nauthor: someone\n---\n# x\n",
    "---\n---\nbody\n",
    "---\n\n   \n---\nbody\n",
    "---\nkey:\nother: x\n---\n",
    "---\nkey: ''\nk2: \"\"\n---\n",
    "---\nkey:   spaced value   \n---\n",
    "---\nkey: a  b   c\n---\n",
    "---\nkey: \"a: b # c\"\n---\n",
    "---\nkey: 'single quoted'\n---\n",
    "---\nkey: value # comment\n---\n",
    "---\nkey: -1\n---\n",
    "---\nkey: [a, b]\n---\n",
    "---\nkey:\n  - a\n  - b\n---\n",
    "---\nkey: a\n  continued\n---\n",
    "---\nkey:\tvalue\n---\n",
    "---\n# comment\nkey: value\n---\n",
    "---\nkey: caf\xc3\xa9\n---\n",
    "---\nkey:value\n---\n",
    "---\nkey: value:\n---\n",
    "---\nkey: a: b\n---\n",
    "---\nkey: \"esc \\\" aped\"\n---\n",
    "---\nkey: 'it''s'\n---\n",
    "---\ntitle: x\r\nms.date: 09/21/2020\r\n---\r\nbody\r\n",
    "---\nkey: \"unclosed\n---\n",
    "---\njust a scalar\n---\n",
    "---\nkey: x\nkey: y\n---\n",
    "---\nms.localizationpriority: medium\nms.prod: \"cloud-communications\"\ndoc_type: resourcePageType\n---\n",
    "---\nkey: https://example.com/a?b=c#d\n---\n",
    "---\nkey: ~\nk2: null\nk3: true\n---\n",
    "---\n-key: x\n---\n",
    "---\n.key: x\n---\n",
    "---\nkey: `tick`\n---\n",
};

static size_t compare_tree(const char *root)
{
    fs_page_list list = {0};
    strbuf err = STRBUF_INIT;
    size_t n = 0;
    if (fs_find_pages(root, &list, &err) == 0) {
        for (size_t i = 0; i < list.count; i++) {
            char *data;
            size_t len;
            strbuf why = STRBUF_INIT;
            if (fs_read_file(list.items[i].path, FS_MAX_PAGE_BYTES, &data, &len, &why) == 0) {
                compare(list.items[i].rel_path, data, len);
                free(data);
                n++;
            }
            strbuf_free(&why);
        }
    }
    strbuf_free(&err);
    fs_page_list_free(&list);
    return n;
}

int main(void)
{
    page_reader_init();
    for (size_t i = 0; i < sizeof crafted / sizeof crafted[0]; i++) {
        char name[32];
        snprintf(name, sizeof name, "crafted-%zu.md", i);
        compare(name, crafted[i], strlen(crafted[i]));
    }
    const char *src = getenv("APIMD_SOURCE_ROOT");
    const char *shared = getenv("APIMD_SHARED");
    char path[4096];
    snprintf(path, sizeof path, "%s/docs-input", src ? src : ".");
    size_t pages = compare_tree(path);
    if (shared) {
        snprintf(path, sizeof path, "%s/corpus/graph-v1.0", shared);
        pages += compare_tree(path);
    }
    page_reader_cleanup();
    printf("front matter: %zu pages compared, %d differ\n", compared, failures);
    return failures == 0 && pages > 0 ? 0 : 1;
}
