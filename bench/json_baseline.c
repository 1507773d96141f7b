/* The JSON baseline: parse and print JSON texts with plain cJSON, to
 * compare with the generated from_json/to_json on the same texts later.
 * Files are read before the clock starts: only JSON work is timed.
 *
 * Usage: json_baseline [-n REPEAT] FILE|DIR...   (directories: *.json)
 * Prints "files N", "bytes N", "invalid N", "repeat N", "seconds S" and
 * "mb_per_second X" (input bytes parsed and printed per second). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "bench_files.h"

/* Parse, print and free one text; returns 0 when it did not parse. */
static int round_trip(const bench_file *f)
{
    cJSON *json = cJSON_ParseWithLength(f->data, f->len);
    if (!json)
        return 0;
    char *text = cJSON_Print(json);
    cJSON_Delete(json);
    free(text);
    return 1;
}

static long parse_repeat(int *argc, char ***argv)
{
    long repeat = 1;
    if (*argc >= 3 && strcmp((*argv)[1], "-n") == 0) {
        repeat = strtol((*argv)[2], NULL, 10);
        *argc -= 2;
        *argv += 2;
    }
    return repeat > 0 ? repeat : 1;
}

int main(int argc, char **argv)
{
    long repeat = parse_repeat(&argc, &argv);
    if (argc < 2) {
        fprintf(stderr, "usage: json_baseline [-n REPEAT] FILE|DIR...\n");
        return 2;
    }
    bench_file_list texts = {0};
    int status = 0;
    for (int i = 1; i < argc; i++)
        if (bench_find_files(argv[i], ".json", &texts) != 0)
            status = 2;
    size_t bytes = 0;
    for (size_t i = 0; i < texts.count; i++) {
        if (bench_read_file(&texts.items[i]) != 0)
            status = 2;
        bytes += texts.items[i].len;
    }

    size_t invalid = 0;
    double start = bench_now();
    for (long r = 0; r < repeat; r++)
        for (size_t i = 0; i < texts.count; i++)
            if (texts.items[i].data && !round_trip(&texts.items[i]) && r == 0)
                invalid++;
    double seconds = bench_now() - start;

    double mb = (double)bytes * (double)repeat / 1e6;
    printf("files %zu\nbytes %zu\ninvalid %zu\nrepeat %ld\nseconds %.4f\n"
           "mb_per_second %.1f\n",
           texts.count, bytes, invalid, repeat, seconds,
           seconds > 0 ? mb / seconds : 0.0);
    bench_file_list_free(&texts);
    return status;
}
