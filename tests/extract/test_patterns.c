/* The shortcut of pattern_find: a subject pattern_may_match rejects must
 * never match the pattern, and pattern_find and pattern_find_in must find
 * what a plain search finds. Checked on every text of every page at hand
 * (docs-input, and the Graph corpus when $APIMD_SHARED has it): headings,
 * prose, table cells and front matter, for every pattern. Fails when a
 * pattern changes and the words it needs do not. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/patterns.h"
#include "read/page.h"
#include "util/fsutil.h"

static int failures;
static size_t checked, matched;

/* A search sets the groups its pattern has; the others keep what they
 * held: unset before a search, they compare equal afterwards. */
static void unset_groups(pcre2_match_data *md)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    for (uint32_t i = 0; i < 2 * pcre2_get_ovector_count(md); i++)
        ov[i] = PCRE2_UNSET;
}

/* Do two searches agree: both fail, or both match the same groups. */
static int same_result(int found_a, pcre2_match_data *a, int found_b, pcre2_match_data *b)
{
    if (found_a != found_b)
        return 0;
    for (int g = 0; found_a && g < 2; g++) {
        size_t sa, la, sb, lb;
        pattern_group(a, g, &sa, &la);
        pattern_group(b, g, &sb, &lb);
        if (sa != sb || la != lb)
            return 0;
    }
    return 1;
}

/* pattern_find and pattern_find_in (with their shortcuts: words, UTF-8
 * known good, a search started at the first word a match starts with)
 * find what the plain search finds, from the start and from start. */
static void check_shortcut_results(const char *file, const char *text, int id,
                                   size_t start, pcre2_match_data *md)
{
    pcre2_match_data *plain = patterns_match_data();
    unset_groups(plain);
    int want = pattern_find_always((pattern_id)id, text, start, plain);
    unset_groups(md);
    if (!same_result(pattern_find((pattern_id)id, text, start, md), md, want, plain)) {
        fprintf(stderr, "%s: pattern %d from %zu: pattern_find differs: %s\n", file, id,
                start, text);
        failures++;
    }
    if (start == 0) {
        pattern_subject subject;
        pattern_subject_init(&subject, text);
        unset_groups(md);
        if (!same_result(pattern_find_in((pattern_id)id, &subject, md), md, want, plain)) {
            fprintf(stderr, "%s: pattern %d: pattern_find_in differs: %s\n", file, id, text);
            failures++;
        }
    }
    pcre2_match_data_free(plain);
}

static void check_text(const char *file, const char *text, pcre2_match_data *md)
{
    if (!text)
        return;
    for (int id = 0; id < PAT_COUNT; id++) {
        check_shortcut_results(file, text, id, 0, md);
        /* every start the extractor may use: 0, then after each match */
        size_t start = 0;
        for (int guard = 0; guard < 64; guard++) {
            checked++;
            if (!pattern_find_always((pattern_id)id, text, start, md))
                break;
            matched++;
            if (!pattern_may_match((pattern_id)id, text + start)) {
                fprintf(stderr, "%s: pattern %d matches but its shortcut says no: %s\n",
                        file, id, text + start);
                failures++;
                break;
            }
            size_t s, len;
            pattern_group(md, 0, &s, &len);
            start = s + (len ? len : 1);
            if (start > strlen(text))
                break;
            check_shortcut_results(file, text, id, start, md);
        }
    }
}

static void check_page(const page *p, pcre2_match_data *md)
{
    check_text(p->rel_path, p->title, md);
    for (size_t i = 0; i < p->nfront_matter; i++)
        check_text(p->rel_path, p->front_matter[i].value, md);
    for (size_t i = 0; i < p->nheadings; i++)
        check_text(p->rel_path, p->headings[i].text, md);
    for (size_t i = 0; i < p->ntexts; i++)
        check_text(p->rel_path, p->texts[i].text, md);
    for (size_t i = 0; i < p->ntables; i++) {
        const page_table *t = &p->tables[i];
        check_text(p->rel_path, t->section, md);
        for (size_t r = 0; r < t->nrows; r++)
            for (size_t c = 0; c < t->ncols; c++)
                check_text(p->rel_path, t->rows[r].cells[c].text, md);
    }
}

static size_t check_tree(const char *root, pcre2_match_data *md)
{
    fs_page_list list = {0};
    strbuf err = STRBUF_INIT;
    if (fs_find_pages(root, &list, &err) != 0) {
        strbuf_free(&err);
        fs_page_list_free(&list);
        return 0;
    }
    for (size_t i = 0; i < list.count; i++) {
        char *data;
        size_t len;
        strbuf why = STRBUF_INIT;
        if (fs_read_file(list.items[i].path, FS_MAX_PAGE_BYTES, &data, &len, &why) == 0) {
            page *p = page_read(list.items[i].path, list.items[i].rel_path, data, len, NULL);
            if (p)
                check_page(p, md);
            page_free(p);
            free(data);
        }
        strbuf_free(&why);
    }
    size_t n = list.count;
    strbuf_free(&err);
    fs_page_list_free(&list);
    return n;
}

int main(void)
{
    page_reader_init();
    patterns_init();
    pcre2_match_data *md = patterns_match_data();
    const char *src = getenv("APIMD_SOURCE_ROOT");
    const char *shared = getenv("APIMD_SHARED");
    char path[4096];
    size_t pages = 0;
    snprintf(path, sizeof path, "%s/docs-input", src ? src : ".");
    pages += check_tree(path, md);
    if (shared) {
        snprintf(path, sizeof path, "%s/corpus/graph-v1.0", shared);
        pages += check_tree(path, md);
    }
    pcre2_match_data_free(md);
    patterns_free();
    page_reader_cleanup();
    printf("patterns: %zu pages, %zu searches, %zu matches, %d shortcut failures\n", pages,
           checked, matched, failures);
    return failures == 0 && pages > 0 ? 0 : 1;
}
