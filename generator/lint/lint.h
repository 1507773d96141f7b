/* The lint stage: checks pages one at a time and the merged model as a
 * whole, and reports what is wrong with the docs as findings.
 *
 * Flow, as the pipeline drives it:
 *   lint_init()                      once, before any worker starts
 *   lint_page(page, ctx, findings)   on worker threads, one call per page
 *   lint_model(model, ctx, findings) once, after the merge
 *   lint_findings_finish(...)        severities, suppressions, baseline, sort
 *   lint_render_text/json/sarif      one of them
 *   lint_exit_status(...)            what the process returns
 *   lint_shutdown()                  at exit, so leak checkers stay quiet
 *
 * Pages are freed as soon as lint_page returns, so findings own copies of
 * every string. Suppression comments and the line of every JSON key are
 * kept per file (a "page record") inside the findings: cross-page findings
 * found later by lint_model are suppressed and located with them, so
 * lint_model must get the findings object that lint_page filled (or one
 * the per-page objects were merged into with lint_findings_merge).
 *
 * Rules, their ids and what they check are documented in docs/lint-rules.md.
 */
#ifndef APIMD_LINT_H
#define APIMD_LINT_H

#include <pthread.h>
#include <stddef.h>

#include "model/model.h"
#include "read/page.h"
#include "util/strbuf.h"

/* ---- rule catalogue ---------------------------------------------------- */

/* Ordered so that a higher value is more severe. */
typedef enum lint_severity {
    LINT_OFF = 0,
    LINT_NOTE,
    LINT_WARNING,
    LINT_ERROR,
} lint_severity;

typedef struct lint_rule {
    const char *id;      /* "todo", "link-case", ... */
    const char *family;  /* gaps | form | page | cross-page | links | lint */
    lint_severity severity; /* default */
    const char *summary; /* one line, shown in SARIF shortDescription */
} lint_rule;

/* Every rule, in the order of docs/lint-rules.md. */
const lint_rule *lint_rules(size_t *count);
const lint_rule *lint_rule_find(const char *id); /* NULL when unknown */
size_t lint_rule_index(const lint_rule *rule);
/* The rule's section of docs/lint-rules.md: base (the page's URL, NULL
 * for LINT_HELP_BASE_DEFAULT) + "#" + id; headings there are the ids. */
void lint_rule_help_uri(const lint_rule *rule, const char *base, strbuf *out);

const char *lint_severity_name(lint_severity s); /* "error", "note", "off" */
/* Returns 0 and sets *out for "off" | "note" | "warning" | "error". */
int lint_severity_parse(const char *name, lint_severity *out);

/* ---- configuration ----------------------------------------------------- */

typedef enum lint_fail_on {
    LINT_FAIL_NEVER = 0,
    LINT_FAIL_ERROR,
    LINT_FAIL_WARNING,
    LINT_FAIL_NOTE,
} lint_fail_on;

/* Returns 0 and sets *out for "error" | "warning" | "note" | "never". */
int lint_fail_on_parse(const char *name, lint_fail_on *out);
const char *lint_fail_on_name(lint_fail_on f);

/* The name the configuration file has in a docs root. */
#define LINT_CONFIG_FILE_NAME ".apimd.json"

typedef struct lint_config {
    /* Per catalogue index: the configured severity, or -1 for the rule's
     * default. */
    int *severity;
    size_t nrules;
    lint_fail_on fail_on; /* LINT_FAIL_ERROR unless "failOn" says else */
    char *api_version;    /* "apiVersion": the version every page documents,
                             or NULL to infer it */
} lint_config;

void lint_config_init(lint_config *cfg); /* defaults */
void lint_config_free(lint_config *cfg);
/* Parse {"rules": {"todo": "off"}, "failOn": "warning", "apiVersion":
 * "v1.0"} into cfg (initialised first). Unknown keys, rule ids and
 * severities are errors: a typo must not silently turn a rule off.
 * Returns 0, or -1 with a message in *error (free it). */
int lint_config_parse(lint_config *cfg, const char *json_text, char **error);
int lint_config_load(lint_config *cfg, const char *path, char **error);
/* Path of ".apimd.json" in the first root that has one (free it), or NULL. */
char *lint_config_find(const char *const *docs_roots, size_t nroots);
/* The severity a rule runs at under cfg (cfg may be NULL). */
lint_severity lint_config_severity(const lint_config *cfg,
                                   const lint_rule *rule);

/* ---- context ------------------------------------------------------------ */

typedef struct lint_dir_cache lint_dir_cache; /* directory listings */

typedef struct lint_context {
    const char *const *docs_roots; /* directories the pages were read from */
    size_t ndocs_roots;
    const lint_config *config;    /* NULL: defaults */
    const char *api_version;      /* "v1.0", "beta" or NULL (unknown) */
    lint_dir_cache *dirs;         /* shared by all threads, locked inside */
} lint_context;

/* Fill ctx; roots and cfg must outlive it. The API version comes from the
 * configuration, else from a "v1.0" or "beta" component of a root path. */
void lint_context_init(lint_context *ctx, const char *const *docs_roots,
                       size_t nroots, const lint_config *cfg);
void lint_context_free(lint_context *ctx);

/* ---- findings ----------------------------------------------------------- */

typedef struct lint_finding {
    const char *rule_id;    /* static */
    const lint_rule *rule;  /* NULL for an id the catalogue does not know */
    lint_severity severity;
    char *file;             /* docs-relative, '/' separated */
    int line, col;          /* 1-based; 0 when unknown */
    char *message;
    /* Cross-page findings: the other place involved, or file NULL. */
    char *related_file;
    int related_line, related_col;
    char *related_message;
} lint_finding;

typedef struct lint_page_record lint_page_record;

typedef struct lint_findings {
    pthread_mutex_t lock; /* lint_page appends from worker threads */
    lint_finding *items;
    size_t count, cap;
    lint_page_record **pages; /* suppressions and JSON key lines, per file */
    size_t npages, cap_pages;
    int pages_sorted;
    /* Set by lint_findings_finish. */
    size_t suppressed; /* dropped by an apimd-disable comment */
    size_t baselined;  /* dropped because the baseline knows them */
    size_t disabled;   /* dropped because their rule is off */
} lint_findings;

void lint_findings_init(lint_findings *f);
void lint_findings_free(lint_findings *f);
/* Move everything from src into dst (src is left empty). Thread-safe. */
void lint_findings_merge(lint_findings *dst, lint_findings *src);
/* Add one finding; copies the strings. Thread-safe. */
void lint_findings_add(lint_findings *f, const char *rule_id,
                       const char *file, int line, int col,
                       const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Same, with the other location of a cross-page finding. */
void lint_findings_add_related(lint_findings *f, const char *rule_id,
                               src_ref at, src_ref other,
                               const char *other_message,
                               const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* ---- the rules ---------------------------------------------------------- */

/* Compile the regular expressions once. Safe to call more than once. */
void lint_init(void);
void lint_shutdown(void);

/* Page-level rules. Thread-safe: any number of pages at once. */
void lint_page(const page *p, const lint_context *ctx, lint_findings *out);
/* The same, the page's record (what cross-page rules need of it, kept in
 * out) going on in the last chunk of previous's, the record this thread
 * made before for out (may be NULL): the records of a thread's pages then
 * do not each leave a chunk partly empty (arena_pass_chunk; out frees them
 * all together). Returns the page's record, for the next call. */
lint_page_record *lint_page_after(const page *p, const lint_context *ctx,
                                  lint_findings *out, lint_page_record *previous);
/* Cross-page rules, on the merged model. */
void lint_model(const model *m, const lint_context *ctx, lint_findings *out);

/* ---- baseline ----------------------------------------------------------- */

/* Known findings, fingerprinted by rule, file and message (not the line,
 * so edits above a finding leave it known). Counted, so that a third
 * identical finding is new when the baseline holds two. */
typedef struct lint_baseline lint_baseline;

lint_baseline *lint_baseline_load(const char *path, char **error);
lint_baseline *lint_baseline_parse(const char *json_text, char **error);
void lint_baseline_free(lint_baseline *b);
/* The findings as a baseline file (JSON, deterministic). Write it from
 * findings finished without a baseline, so it holds every current one. */
void lint_baseline_render(const lint_findings *f, strbuf *out);
int lint_baseline_write(const lint_findings *f, const char *path,
                        char **error);

/* ---- finishing ---------------------------------------------------------- */

/* Apply the configured severities (dropping rules that are off), the
 * suppression comments and the baseline (may be NULL), drop exact
 * duplicates and sort by file, line, column, rule, message. */
void lint_findings_finish(lint_findings *f, const lint_config *cfg,
                          const lint_baseline *baseline);

/* 1 when a finding is at or above the fail-on severity, else 0. */
int lint_exit_status(const lint_findings *f, lint_fail_on fail_on);

/* ---- renderers ------------------------------------------------------------ */

typedef struct lint_render_options {
    const char *tool_version; /* e.g. "0.1.0" */
    /* Prepended to every file name, e.g. "docs-input/", so locations are
     * relative to the repository root rather than the docs root. */
    const char *path_prefix;
    /* Absolute URL of docs/lint-rules.md, for SARIF helpUri; NULL for
     * LINT_HELP_BASE_DEFAULT. */
    const char *help_base;
    const lint_config *config; /* rules that are off are marked disabled */
} lint_render_options;

#define LINT_HELP_BASE_DEFAULT \
    "https://github.com/apimd/apimd/blob/main/docs/lint-rules.md"

/* GCC style, one finding per line, then a summary by rule and severity. */
void lint_render_text(const lint_findings *f, const lint_render_options *o,
                      strbuf *out);
void lint_render_json(const lint_findings *f, const lint_render_options *o,
                      strbuf *out);
/* SARIF 2.1.0, for code scanning. */
void lint_render_sarif(const lint_findings *f, const lint_render_options *o,
                       strbuf *out);

#endif
