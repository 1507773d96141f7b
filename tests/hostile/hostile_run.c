/* Runs a command and writes what it cost: wall time, user and system CPU
 * time and peak resident set size, read from the kernel's accounting of
 * the child (wait4), so no GNU time is needed.
 *
 * Usage: hostile_run REPORT COMMAND [ARGS...]
 * REPORT gets one line: "exit N wall S user S sys S rss_kb N". Exits with
 * the command's status, 128 + the signal when it was killed. The command's
 * own output is left alone. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double seconds(struct timeval tv)
{
    return (double)tv.tv_sec + (double)tv.tv_usec / 1e6;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: hostile_run REPORT COMMAND [ARGS...]\n");
        return 125;
    }
    double start = now();
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "hostile_run: fork: %s\n", strerror(errno));
        return 125;
    }
    if (pid == 0) {
        execvp(argv[2], argv + 2);
        fprintf(stderr, "hostile_run: %s: %s\n", argv[2], strerror(errno));
        _exit(127);
    }
    int wstatus;
    struct rusage usage;
    while (wait4(pid, &wstatus, 0, &usage) < 0) {
        if (errno != EINTR) {
            fprintf(stderr, "hostile_run: wait4: %s\n", strerror(errno));
            return 125;
        }
    }
    double wall = now() - start;
    int status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    FILE *report = fopen(argv[1], "w");
    if (!report) {
        fprintf(stderr, "hostile_run: %s: %s\n", argv[1], strerror(errno));
        return 125;
    }
    /* Linux gives ru_maxrss in kilobytes. */
    fprintf(report, "exit %d wall %.3f user %.3f sys %.3f rss_kb %ld\n", status, wall,
            seconds(usage.ru_utime), seconds(usage.ru_stime), usage.ru_maxrss);
    fclose(report);
    return status;
}
