/* Build-time tool: writes a C source holding the given template files as
 * byte arrays (see embedded_templates.h).
 *
 *     embed_templates OUTPUT.c TEMPLATE.mustache...
 *
 * Byte arrays rather than string literals: C compilers cap the length of a
 * string literal, and bytes need no escaping. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUFFIX ".mustache"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "path/to/type_header.mustache" -> "type_header" (a new string). */
static char *template_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    size_t suffix = strlen(SUFFIX);
    if (n > suffix && strcmp(base + n - suffix, SUFFIX) == 0)
        n -= suffix;
    char *name = malloc(n + 1);
    if (!name)
        return NULL;
    memcpy(name, base, n);
    name[n] = '\0';
    return name;
}

/* Writes the file's bytes as one array; returns its size, or -1. */
static long write_array(FILE *out, const char *path, size_t index)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        perror(path);
        return -1;
    }
    fprintf(out, "static const unsigned char template_%zu[] = {", index);
    long size = 0;
    int c;
    while ((c = getc(in)) != EOF) {
        fprintf(out, "%s0x%02x,", size % 16 == 0 ? "\n    " : " ", (unsigned)c);
        size++;
    }
    fprintf(out, "%s0x00\n};\n\n", size % 16 == 0 ? "\n    " : " ");
    int failed = ferror(in);
    fclose(in);
    return failed ? -1 : size;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: embed_templates OUTPUT.c TEMPLATE...\n");
        return 2;
    }
    size_t count = (size_t)argc - 2;
    char **paths = argv + 2;
    qsort(paths, count, sizeof *paths, compare_names);
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "/* Generated at build time by embed_templates from templates/c. */\n"
                 "#include \"emit/embedded_templates.h\"\n\n");
    long *sizes = calloc(count ? count : 1, sizeof *sizes);
    int status = sizes ? 0 : 1;
    for (size_t i = 0; status == 0 && i < count; i++)
        if ((sizes[i] = write_array(out, paths[i], i)) < 0)
            status = 1;
    fprintf(out, "const embedded_template embedded_c_templates[] = {\n");
    for (size_t i = 0; status == 0 && i < count; i++) {
        char *name = template_name(paths[i]);
        if (!name) {
            status = 1;
            break;
        }
        fprintf(out, "    {\"%s\", template_%zu, %ld},\n", name, i, sizes[i]);
        free(name);
    }
    if (count == 0)
        fprintf(out, "    {\"\", (const unsigned char *)\"\", 0},\n");
    fprintf(out, "};\n\nconst size_t embedded_c_template_count = %zu;\n", count);
    free(sizes);
    if (fclose(out) != 0)
        status = 1;
    if (status != 0)
        remove(argv[1]);
    return status;
}
