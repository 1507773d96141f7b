/* The subcommands. Each takes the arguments after its name and returns the
 * exit status: 0 success, 1 findings at or above the failing level (lint,
 * generate --check), 2 usage or input errors. */
#ifndef APIMD_COMMANDS_H
#define APIMD_COMMANDS_H

int cmd_schema(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_lint(int argc, char **argv);

/* Options every command that reads docs shares. */
#define COMMON_DOC_OPTIONS                                                    \
    {"jobs", 'j', ARG_VALUE, "N", "worker threads (default: the cores)", 0, 0}, \
    {"quiet", 'q', ARG_FLAG, NULL, "no progress line", 0, 0}

#endif
