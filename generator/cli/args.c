#include "cli/args.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

arg_spec *args_find(arg_parser *p, const char *long_name)
{
    for (size_t i = 0; i < p->nspecs; i++)
        if (strcmp(p->specs[i].long_name, long_name) == 0)
            return &p->specs[i];
    return NULL;
}

static arg_spec *find_short(arg_parser *p, char c)
{
    for (size_t i = 0; i < p->nspecs; i++)
        if (p->specs[i].short_name == c)
            return &p->specs[i];
    return NULL;
}

/* problem reads "unknown option" and so on; what is the argument at fault. */
static int usage_error(const arg_parser *p, const char *problem, const char *what)
{
    fprintf(stderr, "apimd: %s '%s%s'\nTry '%s --help'.\n", problem,
            what[0] == '-' ? "" : "--", what, p->command);
    return 2;
}

/* Takes the value of an option from "--name=value" or the next argument. */
static int take_value(arg_parser *p, arg_spec *s, const char *inline_value,
                      int argc, char **argv, int *i)
{
    if (s->kind == ARG_FLAG) {
        if (inline_value)
            return usage_error(p, "this option takes no value:", s->long_name);
        s->seen = 1;
        return 0;
    }
    if (inline_value) {
        s->value = inline_value;
    } else if (*i + 1 < argc) {
        s->value = argv[++*i];
    } else {
        return usage_error(p, "this option needs a value:", s->long_name);
    }
    s->seen = 1;
    return 0;
}

static int parse_long(arg_parser *p, const char *arg, int argc, char **argv,
                      int *i)
{
    const char *name = arg + 2;
    const char *eq = strchr(name, '=');
    size_t n = eq ? (size_t)(eq - name) : strlen(name);
    if (n == 4 && strncmp(name, "help", 4) == 0) {
        p->help = 1;
        return 0;
    }
    for (size_t k = 0; k < p->nspecs; k++) {
        arg_spec *s = &p->specs[k];
        if (strlen(s->long_name) == n && strncmp(s->long_name, name, n) == 0)
            return take_value(p, s, eq ? eq + 1 : NULL, argc, argv, i);
    }
    return usage_error(p, "unknown option", arg);
}

static int parse_short(arg_parser *p, const char *arg, int argc, char **argv,
                       int *i)
{
    if (arg[1] == 'h' && arg[2] == '\0') {
        p->help = 1;
        return 0;
    }
    arg_spec *s = find_short(p, arg[1]);
    if (!s)
        return usage_error(p, "unknown option", arg);
    /* "-j4" as well as "-j 4" */
    const char *inline_value = arg[2] ? arg + 2 : NULL;
    if (s->kind == ARG_FLAG && inline_value)
        return usage_error(p, "unknown option", arg);
    return take_value(p, s, inline_value, argc, argv, i);
}

int args_parse(arg_parser *p, int argc, char **argv)
{
    p->positional = xcalloc((size_t)argc + 1, sizeof *p->positional);
    p->npositional = 0;
    int only_positional = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int status = 0;
        if (only_positional || a[0] != '-' || a[1] == '\0')
            p->positional[p->npositional++] = a;
        else if (strcmp(a, "--") == 0)
            only_positional = 1;
        else if (a[1] == '-')
            status = parse_long(p, a, argc, argv, &i);
        else
            status = parse_short(p, a, argc, argv, &i);
        if (status)
            return status;
    }
    return 0;
}

void args_print_help(const arg_parser *p)
{
    printf("Usage: %s %s\n\n%s\n\nOptions:\n", p->command, p->usage,
           p->summary);
    for (size_t i = 0; i < p->nspecs; i++) {
        const arg_spec *s = &p->specs[i];
        char left[64];
        snprintf(left, sizeof left, "%s%c%s--%s%s%s", s->short_name ? "-" : "",
                 s->short_name ? s->short_name : ' ', s->short_name ? ", " : " ",
                 s->long_name, s->kind == ARG_VALUE ? " " : "",
                 s->kind == ARG_VALUE ? s->value_name : "");
        printf("  %-28s %s\n", s->short_name ? left : left + 2, s->help);
    }
    printf("  %-28s %s\n", "-h, --help", "show this help and exit");
}

void args_free(arg_parser *p)
{
    free(p->positional);
    p->positional = NULL;
}

int args_int(const arg_parser *p, const arg_spec *s, long min, long max,
             long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s->value, &end, 10);
    if (errno || end == s->value || *end || v < min || v > max) {
        fprintf(stderr,
                "apimd: option '--%s' wants a whole number from %ld to %ld, "
                "not '%s'\nTry '%s --help'.\n",
                s->long_name, min, max, s->value, p->command);
        return 2;
    }
    *out = v;
    return 0;
}
