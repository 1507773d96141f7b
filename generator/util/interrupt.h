/* What a run stopped by SIGINT, SIGTERM or SIGHUP leaves behind: nothing
 * of its own making. Ctrl-C, or an editor's watcher that stops a run to
 * start the next, would otherwise leave the temporary files and
 * directories that outputs are made in beside the outputs (where git
 * shows them), and could stop the replacement of an output directory
 * halfway, with some files new and some old.
 *
 * While the guard is up, the signals go to a thread of their own. When
 * one comes, no new guarded step starts, the guarded steps under way end
 * (a replacement of outputs is finished: the outputs are the old ones or
 * the new ones, never a mix), what was registered for removal is
 * removed, and the process ends by the signal, as it would have without
 * the guard. A signal the process was started with ignored or blocked
 * stays so. Without the guard (the library used on its own) the
 * functions below only keep their registry. */
#ifndef APIMD_UTIL_INTERRUPT_H
#define APIMD_UTIL_INTERRUPT_H

/* Puts the guard up: call before any other thread starts, as the signals
 * are blocked in the caller and so in every thread made after. Without a
 * thread for the signals the run goes on unguarded. */
void interrupt_guard_start(void);

/* Takes the guard down at the end of the run. A signal that came at the
 * very end still ends the process, once everything is in place. */
void interrupt_guard_stop(void);

/* A guarded step: making a temporary file or directory (and registering
 * it), moving outputs into place. Steps may run on several threads at
 * once; they do not nest. Once a signal has come, a thread that begins or
 * ends a step waits there for the process to end. */
void interrupt_step_begin(void);
void interrupt_step_end(void);

/* Registers path (a temporary file, or a directory and the files in it)
 * for removal on a signal; returns a handle for interrupt_forget. Call
 * within the step that makes it, and forget it within the step that
 * removes it or moves it into place. */
int interrupt_remove_later(const char *path, int is_directory);
void interrupt_forget(int handle);

/* For tests: with APIMD_TEST_INTERRUPT set to where, the run sends itself
 * SIGINT here and goes on once the signal has been taken, so that what an
 * interruption at this point leaves behind can be checked. */
void interrupt_test_point(const char *where);

#endif
