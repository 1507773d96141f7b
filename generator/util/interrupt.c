#include "util/interrupt.h"

#include <dirent.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/xalloc.h"

/* Steps take it shared; the signal thread takes it alone, once: when it
 * has it, the steps under way are over and no new one can start. */
static pthread_rwlock_t steps = PTHREAD_RWLOCK_INITIALIZER;
static atomic_int interrupted;

typedef struct removal {
    char *path; /* NULL: forgotten */
    int is_directory;
} removal;

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static removal *registry;
static size_t nregistry, cap_registry;

static pthread_t watcher;
static int guarded;          /* the signal thread runs */
static sigset_t guarded_set; /* the signals it takes */
static int wake_signal;      /* one of them, queued to it when the guard comes down */
static int late_signal;      /* a signal it took as the guard came down */
static atomic_int stopping;  /* the guard is coming down */
/* APIMD_TEST_INTERRUPT, read once: the test points are on the path of
 * every file written. */
static const char *test_point_wanted;

/* The value the wake-up carries, and the sender it comes from, tell it
 * from a signal sent by anyone else. */
#define WAKE_UP_VALUE 0x61706d64 /* "apmd" */

/* SIGINT, SIGTERM and SIGHUP, but for those the process was started with
 * ignored (nohup, a background job of a shell without job control) or
 * blocked: a blocked signal is kept pending even when ignored, and would
 * otherwise reach the signal thread. Returns how many there are. */
static int choose_signals(sigset_t *set)
{
    static const int candidates[] = {SIGINT, SIGTERM, SIGHUP};
    sigset_t blocked;
    if (pthread_sigmask(SIG_BLOCK, NULL, &blocked) != 0)
        return 0;
    int n = 0;
    sigemptyset(set);
    for (size_t i = 0; i < sizeof candidates / sizeof *candidates; i++) {
        struct sigaction now;
        if (sigismember(&blocked, candidates[i]) == 1 ||
            (sigaction(candidates[i], NULL, &now) == 0 && now.sa_handler == SIG_IGN))
            continue;
        sigaddset(set, candidates[i]);
        wake_signal = candidates[i];
        n++;
    }
    return n;
}

/* ---- the registry ---- */

int interrupt_remove_later(const char *path, int is_directory)
{
    pthread_mutex_lock(&registry_lock);
    removal *r = XARRAY_PUSH(registry, nregistry, cap_registry);
    r->path = xstrdup(path);
    r->is_directory = is_directory;
    int handle = (int)(nregistry - 1);
    pthread_mutex_unlock(&registry_lock);
    return handle;
}

void interrupt_forget(int handle)
{
    pthread_mutex_lock(&registry_lock);
    if (handle >= 0 && (size_t)handle < nregistry) {
        free(registry[handle].path);
        registry[handle].path = NULL;
    }
    /* Drop the forgotten tail, so that a long run's registry stays short. */
    while (nregistry && !registry[nregistry - 1].path)
        nregistry--;
    if (!nregistry) {
        free(registry);
        registry = NULL;
        cap_registry = 0;
    }
    pthread_mutex_unlock(&registry_lock);
}

/* A temporary directory holds only files of the run: each goes, then it. */
static void remove_directory(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd >= 0) {
        DIR *d = fdopendir(fd);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL)
                if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
                    unlinkat(fd, e->d_name, 0);
            closedir(d); /* closes fd */
        } else {
            close(fd);
        }
    }
    rmdir(path);
}

static void remove_registered(void)
{
    pthread_mutex_lock(&registry_lock);
    for (size_t i = 0; i < nregistry; i++) {
        if (!registry[i].path)
            continue;
        if (registry[i].is_directory)
            remove_directory(registry[i].path);
        else
            unlink(registry[i].path);
    }
    pthread_mutex_unlock(&registry_lock);
}

/* ---- steps ---- */

/* After a signal, a thread that would begin or end a step waits here: the
 * signal thread ends the process once the steps under way are over. The
 * signals are blocked in this thread, so pause() never returns. */
static void wait_if_interrupted(void)
{
    if (!atomic_load(&interrupted))
        return;
    for (;;)
        pause();
}

void interrupt_step_begin(void)
{
    wait_if_interrupted();
    pthread_rwlock_rdlock(&steps);
}

void interrupt_step_end(void)
{
    pthread_rwlock_unlock(&steps);
    wait_if_interrupted();
}

/* ---- the signal thread ---- */

/* The run ends the way the signal would have ended it: the shell, make or
 * the editor sees that it was stopped, not that it failed. */
static _Noreturn void end_by(int sig)
{
    signal(sig, SIG_DFL);
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, sig);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(sig);
    _exit(128 + sig); /* raise cannot fail for these; kept for the compiler */
}

static int is_wake_up(const siginfo_t *info)
{
    return info->si_code == SI_QUEUE && info->si_pid == getpid() &&
           info->si_value.sival_int == WAKE_UP_VALUE;
}

static void *watch_signals(void *arg)
{
    (void)arg;
    siginfo_t info;
    int sig;
    do
        sig = sigwaitinfo(&guarded_set, &info);
    while (sig < 0);
    if (atomic_load(&stopping)) {
        if (!is_wake_up(&info))
            late_signal = sig; /* ended by once the guard is down */
        return NULL;
    }
    atomic_store(&interrupted, 1);
    pthread_rwlock_wrlock(&steps); /* the steps under way end */
    remove_registered();
    end_by(sig);
}

void interrupt_guard_start(void)
{
    sigset_t old;
    if (guarded || choose_signals(&guarded_set) == 0 ||
        pthread_sigmask(SIG_BLOCK, &guarded_set, &old) != 0)
        return;
    if (pthread_create(&watcher, NULL, watch_signals, NULL) != 0) {
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        return;
    }
    guarded = 1;
    test_point_wanted = getenv("APIMD_TEST_INTERRUPT");
}

void interrupt_guard_stop(void)
{
    if (!guarded)
        return;
    /* The signal thread is woken by a signal of its own, not cancelled:
     * a thread cancelled in its wait leaves its stack marked as in use
     * for the address sanitizer. A signal it took just before is being
     * acted on: the join waits for the process to end by it. One still
     * pending is taken when unblocked, as by default. */
    atomic_store(&stopping, 1);
    union sigval value;
    value.sival_int = WAKE_UP_VALUE;
    if (sigqueue(getpid(), wake_signal, value) != 0)
        return; /* the thread goes on waiting; the process ends all the same */
    pthread_join(watcher, NULL);
    guarded = 0;
    test_point_wanted = NULL;
    pthread_sigmask(SIG_UNBLOCK, &guarded_set, NULL);
    if (late_signal)
        end_by(late_signal);
}

void interrupt_test_point(const char *where)
{
    /* SIGINT ignored by the parent stays ignored: nothing to wait for. */
    if (!test_point_wanted || strcmp(test_point_wanted, where) != 0 ||
        atomic_load(&interrupted) || sigismember(&guarded_set, SIGINT) != 1)
        return;
    kill(getpid(), SIGINT);
    while (!atomic_load(&interrupted))
        sched_yield();
}
