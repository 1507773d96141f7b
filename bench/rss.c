/* Runs a command and reports its wall time and peak resident set size,
 * read from the kernel's accounting of the child (wait4), so no extra
 * package such as GNU time is needed.
 *
 * Usage: rss [-o REPORT] -- COMMAND [ARGS...]
 * The report ("wall_seconds S", "peak_rss_kb N", "exit N") goes to REPORT,
 * or to stderr; the command's own output is left alone. Exits with the
 * command's status (128 + signal when it was killed). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench_files.h"

typedef struct run_result {
    double wall_seconds;
    long peak_rss_kb; /* Linux reports ru_maxrss in kilobytes */
    int exit_status;
} run_result;

static int run_command(char **command, run_result *result)
{
    double start = bench_now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "rss: fork: %s\n", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        execvp(command[0], command);
        fprintf(stderr, "rss: %s: %s\n", command[0], strerror(errno));
        _exit(127);
    }
    int wstatus;
    struct rusage usage;
    while (wait4(pid, &wstatus, 0, &usage) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "rss: wait4: %s\n", strerror(errno));
            return -1;
        }
    }
    result->wall_seconds = bench_now() - start;
    result->peak_rss_kb = usage.ru_maxrss;
    result->exit_status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus)
                                             : 128 + WTERMSIG(wstatus);
    return 0;
}

static int write_report(const char *path, const run_result *r)
{
    FILE *out = path ? fopen(path, "w") : stderr;
    if (!out) {
        fprintf(stderr, "rss: %s: %s\n", path, strerror(errno));
        return -1;
    }
    fprintf(out, "wall_seconds %.4f\npeak_rss_kb %ld\nexit %d\n",
            r->wall_seconds, r->peak_rss_kb, r->exit_status);
    return path ? fclose(out) : fflush(out);
}

static void usage(void)
{
    fprintf(stderr, "usage: rss [-o REPORT] -- COMMAND [ARGS...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *report = NULL;
    int i = 1;
    if (i + 1 < argc && strcmp(argv[i], "-o") == 0) {
        report = argv[i + 1];
        i += 2;
    }
    if (i < argc && strcmp(argv[i], "--") == 0)
        i++;
    if (i >= argc)
        usage();
    run_result result;
    if (run_command(argv + i, &result) != 0)
        return 2;
    if (write_report(report, &result) != 0)
        return 2;
    return result.exit_status;
}
