/* The generated C itself:
 *
 *     test_compile call|edge
 *
 * generates the fixture's library into a temporary directory, compiles it
 * with gcc and with clang (-std=c11 -Wall -Wextra -Wpedantic -Werror; a
 * compiler that is not installed is skipped with a message) together with
 * the round-trip driver (roundtrip_main.c) and, for the call fixture, the
 * API test (call_api_test.c), and runs them over the fixture's examples and
 * cases. Then the same under AddressSanitizer and UndefinedBehaviorSanitizer,
 * under valgrind when it is installed, and, for the call fixture, as a meson
 * subproject of a downstream project and as an installed library found
 * with pkg-config. Prints the compile times and round-trip counts. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "emit/generate.h"
#include "mustache/mustache.h"
#include "support.h"
#include "view/c_view.h"

typedef struct fixture {
    const char *name;
    const char *model;     /* under tests/codegen/data; NULL: from the docs */
    const char *cases;     /* or NULL */
    int min_round_trips;   /* the examples the fixture holds */
    int api_test;          /* also compile call_api_test.c */
    /* The docs the model is read from when model is NULL: "docs-input" in
     * the source tree, or "corpus", the shared Graph corpus. */
    const char *docs;
    /* One compiler, no sanitizer, no valgrind: for a model so large that
     * compiling it takes minutes. */
    int light;
} fixture;

static const fixture fixtures[] = {
    {"call", "call_model.json", "call_cases.json", 35, 1, NULL, 0},
    {"edge", "edge_model.json", "edge_cases.json", 7, 0, NULL, 0},
    /* the model `apimd schema --examples docs-input` reads from the docs */
    {"docs", NULL, NULL, 1, 0, "docs-input", 0},
    /* the whole shared corpus: every type compiled, every example tried */
    {"corpus", NULL, NULL, 1000, 0, "corpus", 1},
};

/* A command line; grows, since a corpus-sized library has thousands of
 * files. items is NULL-terminated. */
typedef struct args {
    char **items;
    size_t count, cap;
} args;

static void add(args *a, const char *text)
{
    if (a->count + 2 > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 64;
        a->items = realloc(a->items, a->cap * sizeof *a->items);
        if (!a->items) {
            fprintf(stderr, "out of memory\n");
            exit(1);
        }
    }
    a->items[a->count++] = strdup(text);
    a->items[a->count] = NULL;
}

static void add_words(args *a, const char *text)
{
    char *copy = strdup(text);
    for (char *w = strtok(copy, " \t\n"); w; w = strtok(NULL, " \t\n"))
        add(a, w);
    free(copy);
}

static void free_args(args *a)
{
    for (size_t i = 0; i < a->count; i++)
        free(a->items[i]);
    free(a->items);
    a->items = NULL;
    a->count = a->cap = 0;
}

static char *join(const char *a, const char *b)
{
    size_t n = strlen(a) + strlen(b) + 2;
    char *out = malloc(n);
    if (!out)
        abort();
    snprintf(out, n, "%s/%s", a, b);
    return out;
}

/* pkg-config's flags for cJSON (plain -lcjson when pkg-config fails). */
static char *cjson_flags(const char *which)
{
    char command[128];
    snprintf(command, sizeof command, "pkg-config %s libcjson 2>/dev/null", which);
    FILE *p = popen(command, "r");
    char line[1024] = "";
    if (p) {
        if (!fgets(line, sizeof line, p))
            line[0] = '\0';
        pclose(p);
    }
    if (!line[0] && strcmp(which, "--libs") == 0)
        strcpy(line, "-lcjson");
    return strdup(line);
}

static void print_log(const char *log)
{
    char *text = support_read_file(log, NULL);
    if (text)
        fprintf(stderr, "%s", text);
    free(text);
}

/* ---- generating ---- */

static int generate_library(const cJSON *model, const char *out)
{
    generate_options opts = {.out_dir = out, .quiet = 1};
    strbuf messages = STRBUF_INIT;
    int status = generate_c_json(model, &opts, &messages);
    if (status != 0)
        fprintf(stderr, "generate: %s", strbuf_cstr(&messages));
    strbuf_free(&messages);
    return status;
}

/* registry.c: the driver's table of the library's types. */
static int render_registry(const cJSON *model, const char *path)
{
    strbuf err = STRBUF_INIT, out = STRBUF_INIT;
    cJSON *view = c_view_build_json(model, NULL, &err);
    char *template_path = support_source_path("tests/codegen/registry.mustache");
    size_t len = 0;
    char *text = support_read_file(template_path, &len);
    mustache_error merr = {0, ""};
    mustache_template *t = text ? mustache_compile(text, len, "registry.mustache", &merr) : NULL;
    mustache_options opts = {.escape = MUSTACHE_ESCAPE_NONE, .strict_partials = 1};
    int status = view && t && mustache_render(t, view, &opts, &out, &merr) == 0 &&
                         support_write_file(path, strbuf_cstr(&out)) == 0
                     ? 0
                     : -1;
    if (status != 0)
        fprintf(stderr, "registry: %s %s\n", strbuf_cstr(&err), merr.message);
    mustache_template_free(t);
    cJSON_Delete(view);
    free(text);
    free(template_path);
    strbuf_free(&err);
    strbuf_free(&out);
    return status;
}

/* ---- compiling and running ---- */

/* Adds every dir/NAME<suffix>. */
static void add_files(args *a, const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t want = strlen(suffix);
    while (d && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > want && strcmp(e->d_name + len - want, suffix) == 0) {
            char *path = join(dir, e->d_name);
            add(a, path);
            free(path);
        }
    }
    if (d)
        closedir(d);
}

typedef struct build {
    const char *compiler;
    const char *flavour; /* "plain" or "sanitized" */
} build;

static void add_compiler_flags(args *a, const build *b)
{
    add(a, b->compiler);
    add_words(a, "-std=c11 -Wall -Wextra -Wpedantic -Werror -g");
    if (strcmp(b->flavour, "sanitized") == 0)
        add_words(a, "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all "
                     "-fno-omit-frame-pointer");
    else
        add(a, "-O2");
    char *cflags = cjson_flags("--cflags");
    add_words(a, cflags);
    free(cflags);
}

static int run_compiler(args *a, const char *in_dir, const char *work, const char *what,
                        double *seconds)
{
    char *log = join(work, "compile.log");
    remove(log);
    double start = support_now();
    int status = support_run_in(in_dir, a->items, log);
    *seconds = support_now() - start;
    if (status != 0) {
        fprintf(stderr, "FAIL %s does not compile:\n", what);
        print_log(log);
    }
    free(log);
    return status;
}

/* The generated library's objects, into objects/ (one compiler run). */
static int compile_library(const build *b, const char *work, const char *objects,
                           double *seconds)
{
    args a = {NULL, 0, 0};
    char *out = join(work, "out");
    add_compiler_flags(&a, b);
    add(&a, "-c");
    add_files(&a, out, ".c");
    mkdir(objects, 0777);
    char what[128];
    snprintf(what, sizeof what, "the generated library (%s, %s)", b->compiler, b->flavour);
    int status = run_compiler(&a, objects, work, what, seconds);
    free(out);
    free_args(&a);
    return status;
}

/* A driver linked with the library's objects. */
static int link_program(const build *b, const char *work, const char *objects,
                        const char *program, const char *binary, double *seconds)
{
    args a = {NULL, 0, 0};
    char *out = join(work, "out"), *registry = join(work, "registry.c");
    char *codegen_dir = support_source_path("tests/codegen");
    add_compiler_flags(&a, b);
    char include[4200];
    snprintf(include, sizeof include, "-I%s", out);
    add(&a, include);
    snprintf(include, sizeof include, "-I%s", codegen_dir);
    add(&a, include);
    char *driver = join(codegen_dir, strcmp(program, "api") == 0 ? "call_api_test.c"
                                                                 : "roundtrip_main.c");
    add(&a, driver);
    if (strcmp(program, "roundtrip") == 0)
        add(&a, registry);
    add_files(&a, objects, ".o");
    add(&a, "-o");
    add(&a, binary);
    char *libs = cjson_flags("--libs");
    add_words(&a, libs);
    int status = run_compiler(&a, NULL, work, program, seconds);
    free(libs);
    free(driver);
    free(codegen_dir);
    free(out);
    free(registry);
    free_args(&a);
    return status;
}

/* The fixture's model file: in the source tree, or made by apimd. */
static char *fixture_model_path(const fixture *fx, const char *work)
{
    if (!fx->model)
        return join(work, "model.json");
    char relative[256];
    snprintf(relative, sizeof relative, "tests/codegen/data/%s", fx->model);
    return support_source_path(relative);
}

static int skipped_fixtures;

/* Where the fixture's docs are, or NULL after saying why it is skipped. */
static char *fixture_docs_path(const fixture *fx)
{
    if (strcmp(fx->docs, "corpus") != 0)
        return support_source_path(fx->docs);
    const char *shared = getenv("APIMD_SHARED");
    char *corpus = join(shared ? shared : "../shared", "corpus/graph-v1.0");
    struct stat st;
    if (stat(corpus, &st) != 0 || !S_ISDIR(st.st_mode)) {
        printf("  SKIP %s: %s not found (the shared Graph corpus is not beside this "
               "checkout)\n", fx->name, corpus);
        free(corpus);
        skipped_fixtures++;
        return NULL;
    }
    return corpus;
}

/* apimd schema --examples DOCS: 0, or -1 after saying why the fixture is
 * skipped. */
static int model_from_docs(const fixture *fx, const char *work)
{
    const char *apimd = getenv("APIMD");
    char *docs = fixture_docs_path(fx);
    if (!docs)
        return -1;
    char *model = join(work, "model.json"), *log = join(work, "schema.log");
    char *argv[] = {(char *)(apimd ? apimd : "apimd"), "schema", "--examples", "-q", docs,
                    "-o", model, NULL};
    int status = support_run(argv, log);
    struct stat st;
    if (status != 0 || stat(model, &st) != 0 || st.st_size == 0) {
        fprintf(stderr, "FAIL %s: apimd schema --examples %s did not give a model "
                "(exit %d)\n", fx->name, docs, status);
        support_failures++;
        status = -1;
    }
    free(docs);
    free(model);
    free(log);
    return status;
}

/* Runs the binary (under valgrind when asked); prints its summary line. */
static int run(const char *work, const fixture *fx, const char *binary, const char *program,
               int valgrind)
{
    args a = {NULL, 0, 0};
    if (valgrind)
        add_words(&a, "valgrind -q --error-exitcode=99 --leak-check=full "
                      "--errors-for-leak-kinds=definite,indirect,possible");
    add(&a, binary);
    char *model = NULL, *cases = NULL;
    if (strcmp(program, "roundtrip") == 0) {
        model = fixture_model_path(fx, work);
        add(&a, model);
        if (fx->cases) {
            char relative[256];
            snprintf(relative, sizeof relative, "tests/codegen/data/%s", fx->cases);
            cases = support_source_path(relative);
            add(&a, cases);
        }
        char minimum[32];
        snprintf(minimum, sizeof minimum, "%d", fx->min_round_trips);
        add(&a, "--min-roundtrip");
        add(&a, minimum);
    }
    char *log = join(work, "run.log");
    remove(log);
    int status = support_run(a.items, log);
    char *text = support_read_file(log, NULL);
    if (status != 0) {
        fprintf(stderr, "FAIL %s: %s exited with %d:\n%s", fx->name, binary, status,
                text ? text : "");
    } else if (text) {
        const char *summary = strstr(text, "examples:");
        if (!summary)
            summary = strstr(text, "call API:");
        if (summary)
            printf("    %.*s\n", (int)strcspn(summary, "\n"), summary);
    }
    free(text);
    free(log);
    free(model);
    free(cases);
    free_args(&a);
    return status;
}

/* Compiles the library once with b, then links and runs each driver. */
static void compile_and_run(const char *work, const fixture *fx, const build *b, int valgrind)
{
    char name[256];
    snprintf(name, sizeof name, "objects-%s-%s", b->compiler, b->flavour);
    char *objects = join(work, name);
    double seconds = 0;
    if (compile_library(b, work, objects, &seconds) != 0) {
        support_failures++;
        free(objects);
        return;
    }
    printf("  %s: library compiled by %s (%s) in %.2f s\n", fx->name, b->compiler, b->flavour,
           seconds);
    static const char *const programs[] = {"roundtrip", "api"};
    for (size_t i = 0; i < (fx->api_test ? 2u : 1u); i++) {
        snprintf(name, sizeof name, "%s-%s-%s", programs[i], b->compiler, b->flavour);
        char *binary = join(work, name);
        if (link_program(b, work, objects, programs[i], binary, &seconds) != 0) {
            support_failures++;
        } else {
            if (run(work, fx, binary, programs[i], 0) != 0)
                support_failures++;
            if (valgrind && run(work, fx, binary, programs[i], 1) != 0)
                support_failures++;
        }
        free(binary);
    }
    free(objects);
}

/* ---- as a meson subproject, and installed with pkg-config ---- */

static const char *const downstream_meson =
    "project('downstream', 'c', default_options : ['c_std=c11', 'warning_level=3', "
    "'werror=true'])\n"
    "graph_dep = dependency('graph', fallback : ['graph', 'graph_dep'])\n"
    "executable('use_graph', 'main.c', dependencies : graph_dep)\n";

static const char *const downstream_main =
    "#include <stdio.h>\n"
    "#include \"graph.h\"\n"
    "int main(void)\n"
    "{\n"
    "    cJSON *json = cJSON_Parse(\"{\\\"state\\\": \\\"ringing\\\", \\\"mediaConfig\\\": {}}\");\n"
    "    graph_call *call = NULL;\n"
    "    graph_error err;\n"
    "    int status = graph_call_from_json(json, &call, &err) || graph_call_validate(call, &err);\n"
    "    if (status)\n"
    "        printf(\"%s: %s\\n\", err.path, err.message);\n"
    "    else\n"
    "        printf(\"state %s\\n\", graph_call_state_to_string(call->state));\n"
    "    graph_call_free(call);\n"
    "    cJSON_Delete(json);\n"
    "    return status;\n"
    "}\n";

static int run_words(const char *words, const char *log)
{
    args a = {NULL, 0, 0};
    add_words(&a, words);
    int status = support_run(a.items, log);
    free_args(&a);
    return status;
}

static int step(const char *what, const char *command, const char *log)
{
    if (run_words(command, log) == 0)
        return 0;
    fprintf(stderr, "FAIL %s: %s\n", what, command);
    print_log(log);
    support_failures++;
    return -1;
}

static void test_meson_subproject(const char *work)
{
    if (!support_have_program("meson") || !support_have_program("ninja") ||
        !support_have_program("pkg-config")) {
        printf("  SKIP meson subproject: meson, ninja or pkg-config not installed\n");
        return;
    }
    char *downstream = join(work, "downstream"), *subprojects = join(downstream, "subprojects");
    char *prefix = join(work, "prefix"), *log = join(work, "meson.log");
    mkdir(downstream, 0777);
    mkdir(subprojects, 0777);
    char *file = join(downstream, "meson.build");
    support_write_file(file, downstream_meson);
    free(file);
    file = join(downstream, "main.c");
    support_write_file(file, downstream_main);
    free(file);
    char command[8192];
    double start = support_now();
    snprintf(command, sizeof command, "cp -r %s/out %s/graph", work, subprojects);
    int ok = step("copy the library", command, log) == 0;
    snprintf(command, sizeof command, "meson setup --prefix %s --libdir lib %s/build %s", prefix,
             downstream, downstream);
    ok = ok && step("meson setup of a downstream project", command, log) == 0;
    snprintf(command, sizeof command, "ninja -C %s/build", downstream);
    ok = ok && step("ninja", command, log) == 0;
    snprintf(command, sizeof command, "%s/build/use_graph", downstream);
    ok = ok && step("the downstream program", command, log) == 0;
    snprintf(command, sizeof command, "meson install -C %s/build", downstream);
    ok = ok && step("meson install", command, log) == 0;
    if (ok) {
        /* the installed library, found through its .pc file */
        char pc_path[4200];
        snprintf(pc_path, sizeof pc_path, "%s/lib/pkgconfig", prefix);
        setenv("PKG_CONFIG_PATH", pc_path, 1);
        FILE *p = popen("pkg-config --cflags --libs graph", "r");
        char flags[2048] = "";
        if (!p || !fgets(flags, sizeof flags, p))
            flags[0] = '\0';
        if (p)
            pclose(p);
        flags[strcspn(flags, "\n")] = '\0';
        snprintf(command, sizeof command,
                 "cc -std=c11 -Wall -Wextra -Wpedantic -Werror %s/main.c %s -Wl,-rpath,%s/lib "
                 "-o %s/installed_use",
                 downstream, flags, prefix, work);
        ok = flags[0] && step("compiling against the installed library", command, log) == 0;
        snprintf(command, sizeof command, "%s/installed_use", work);
        ok = ok && step("the program linked to the installed library", command, log) == 0;
    }
    if (ok)
        printf("  call: meson subproject, install and pkg-config ok in %.2f s\n",
               support_now() - start);
    free(downstream);
    free(subprojects);
    free(prefix);
    free(log);
}

static void test_fixture(const fixture *fx)
{
    char tag[64];
    snprintf(tag, sizeof tag, "compile-%s", fx->name);
    char *work = support_temp_dir(tag);
    if (!fx->model && model_from_docs(fx, work) != 0) {
        support_remove_tree(work);
        free(work);
        return;
    }
    char *model_path = fixture_model_path(fx, work);
    cJSON *model = support_read_json(model_path);
    free(model_path);
    char *out = join(work, "out"), *registry = join(work, "registry.c");
    if (generate_library(model, out) != 0 || render_registry(model, registry) != 0) {
        support_failures++;
    } else {
        static const char *const compilers[] = {"gcc", "clang"};
        const char *sanitizing = NULL;
        for (size_t i = 0; i < 2; i++) {
            if (!support_have_program(compilers[i])) {
                printf("  SKIP %s: not installed\n", compilers[i]);
                continue;
            }
            build plain = {compilers[i], "plain"};
            compile_and_run(work, fx, &plain,
                            !fx->light && i == 0 && support_have_program("valgrind"));
            if (!sanitizing)
                sanitizing = compilers[i];
            if (fx->light)
                break;
        }
        if (sanitizing && !fx->light) {
            setenv("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0", 1);
            setenv("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1", 1);
            build sanitized = {sanitizing, "sanitized"};
            compile_and_run(work, fx, &sanitized, 0);
        } else if (!sanitizing) {
            printf("  SKIP: no C compiler installed\n");
        }
        if (fx->api_test)
            test_meson_subproject(work);
    }
    if (!support_failures)
        support_remove_tree(work);
    else
        fprintf(stderr, "kept %s for a look\n", work);
    free(out);
    free(registry);
    free(work);
    cJSON_Delete(model);
}

int main(int argc, char **argv)
{
    for (size_t i = 0; i < sizeof fixtures / sizeof fixtures[0]; i++)
        if (argc < 2 || strcmp(argv[1], fixtures[i].name) == 0)
            test_fixture(&fixtures[i]);
    if (support_failures)
        fprintf(stderr, "%d failure(s)\n", support_failures);
    if (!support_failures && skipped_fixtures && argc >= 2)
        return 77; /* the one fixture asked for could not run here */
    return support_failures ? 1 : 0;
}
