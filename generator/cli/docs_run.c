#include "cli/docs_run.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fsutil.h"

int docs_run_start(arg_parser *p, int argc, char **argv, docs_run *run)
{
    memset(run, 0, sizeof *run);
    run->parser = p;
    int status = args_parse(p, argc, argv);
    if (status != 0)
        return status;
    if (p->help) {
        args_print_help(p);
        return 0;
    }
    if (p->npositional == 0) {
        fprintf(stderr, "apimd: no DOCS given (a docs directory or pages)\n"
                        "Try '%s --help'.\n", p->command);
        return 2;
    }
    arg_spec *jobs = args_find(p, "jobs");
    if (jobs && jobs->seen && args_int(p, jobs, 0, 256, &run->jobs) != 0)
        return 2;
    arg_spec *quiet = args_find(p, "quiet");
    run->quiet = quiet && quiet->seen;
    return 0;
}

int docs_run_pipeline(docs_run *run, const char *what, page_hook on_page,
                      void (*on_count)(size_t, void *), void *user)
{
    pipeline_options opts = {
        .inputs = run->parser->positional,
        .ninputs = run->parser->npositional,
        .jobs = (int)run->jobs,
        .quiet = run->quiet,
        .what = what,
        .on_page = on_page,
        .user = user,
        .on_count = on_count,
    };
    strbuf errors = STRBUF_INIT;
    int status = pipeline_run(&opts, &run->result, &errors);
    if (status != 0) {
        /* Every problem on its own line, each prefixed so it stands out in
         * a CI log among other tools' output. */
        const char *s = strbuf_cstr(&errors);
        while (*s) {
            const char *nl = strchr(s, '\n');
            size_t n = nl ? (size_t)(nl - s) : strlen(s);
            fprintf(stderr, "apimd: error: %.*s\n", (int)n, s);
            s += n + (nl ? 1 : 0);
        }
    }
    strbuf_free(&errors);
    return status;
}

void docs_run_end(docs_run *run) { pipeline_result_free(&run->result); }

int docs_write_output(const char *path, const char *text, size_t len)
{
    if (!path || strcmp(path, "-") == 0) {
        fwrite(text, 1, len, stdout);
        return fflush(stdout) == 0 ? 0 : 2;
    }
    strbuf err = STRBUF_INIT;
    int rc = fs_write_file_atomic(path, text, len, &err);
    if (rc != 0)
        fprintf(stderr, "apimd: %s", strbuf_cstr(&err));
    strbuf_free(&err);
    return rc == 0 ? 0 : 2;
}


static int to_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

static int to_atomic_file(void *ctx, const char *data, size_t len)
{
    fs_atomic_write(ctx, data, len);
    return 0; /* a failure is reported by the commit */
}

int docs_write_schema(const model *m, int with_examples, const char *path,
                      strbuf *problems)
{
    enum { CHUNK = 256 * 1024 };
    strbuf buf = STRBUF_INIT;
    int status = 0;
    if (!path || strcmp(path, "-") == 0) {
        if (model_write_json(m, with_examples, &buf, CHUNK, to_stdout, NULL) != 0 ||
            fputc('\n', stdout) == EOF || fflush(stdout) != 0)
            status = 2;
    } else {
        fs_atomic_file af;
        strbuf err = STRBUF_INIT;
        if (fs_atomic_open(&af, path, &err) != 0) {
            status = 2;
        } else {
            model_write_json(m, with_examples, &buf, CHUNK, to_atomic_file, &af);
            fs_atomic_write(&af, "\n", 1);
            if (fs_atomic_commit(&af, &err) != 0)
                status = 2;
        }
        if (status)
            strbuf_printf(problems, "apimd: %s", strbuf_cstr(&err));
        strbuf_free(&err);
    }
    strbuf_free(&buf);
    return status;
}
