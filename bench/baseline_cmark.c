/* The reading baseline: what it costs just to parse the pages with
 * cmark-gfm and its table extension, the way the reading stage does (same
 * options), on one thread, freeing each page at once. apimd's own time is
 * compared against this: bench/run.sh prints the ratio.
 *
 * Usage: baseline_cmark DOCS...   (directories are walked for *.md)
 * Prints "pages N", "bytes N", "seconds S" (walk, read, parse and free). */
#include <stdio.h>
#include <stdlib.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "bench_files.h"

static cmark_syntax_extension *table_extension(void)
{
    cmark_gfm_core_extensions_ensure_registered();
    cmark_syntax_extension *table = cmark_find_syntax_extension("table");
    if (!table) {
        fprintf(stderr, "baseline_cmark: cmark-gfm has no table extension\n");
        exit(2);
    }
    return table;
}

static void parse_and_free(cmark_syntax_extension *table, const char *text,
                           size_t len)
{
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    cmark_parser_attach_syntax_extension(parser, table);
    cmark_parser_feed(parser, text, len);
    cmark_node *root = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    cmark_node_free(root);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: baseline_cmark DOCS...\n");
        return 2;
    }
    /* Registering the extensions is a one-off, as in apimd: not timed. */
    cmark_syntax_extension *table = table_extension();

    double start = bench_now();
    bench_file_list pages = {0};
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (bench_find_files(argv[i], ".md", &pages) != 0)
            status = 2;
    size_t bytes = 0;
    for (size_t i = 0; i < pages.count; i++) {
        bench_file *page = &pages.items[i];
        if (bench_read_file(page) != 0) {
            status = 2;
            continue;
        }
        parse_and_free(table, page->data, page->len);
        bytes += page->len;
        bench_release_data(page);
    }
    double seconds = bench_now() - start;

    printf("pages %zu\nbytes %zu\nseconds %.4f\n", pages.count, bytes, seconds);
    bench_file_list_free(&pages);
    return status;
}
