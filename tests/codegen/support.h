/* What the code generation tests share: checks, files, temporary
 * directories, running compilers. */
#ifndef CODEGEN_SUPPORT_H
#define CODEGEN_SUPPORT_H

#include <stddef.h>

#include <cjson/cJSON.h>

extern int support_failures;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            support_failures++;                                               \
        }                                                                     \
    } while (0)

/* APIMD_SOURCE_ROOT, for the fixtures and templates. */
const char *support_source_root(void);
/* A path under the source root (a new string). */
char *support_source_path(const char *relative);
/* The file's bytes, NUL-terminated, or NULL. */
char *support_read_file(const char *path, size_t *len);
int support_write_file(const char *path, const char *text);
/* The parsed file; exits the test when it cannot be read. */
cJSON *support_read_json(const char *path);
/* A new empty directory (a new string); remove it with
 * support_remove_tree. */
char *support_temp_dir(const char *tag);
void support_remove_tree(const char *path);
/* Runs argv (argv[0] looked up in PATH), its output appended to log
 * (or inherited when NULL); returns the exit status, -1 when it could
 * not run or died of a signal. */
int support_run(char *const argv[], const char *log);
/* support_run in the directory dir. */
int support_run_in(const char *dir, char *const argv[], const char *log);
/* True when name is an executable in PATH. */
int support_have_program(const char *name);
/* Seconds on a monotonic clock. */
double support_now(void);

#endif
