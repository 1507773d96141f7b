/* What the files of the lint stage share and nothing else needs. */
#ifndef APIMD_LINT_INTERNAL_H
#define APIMD_LINT_INTERNAL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "lint/lint.h"
#include "lint/model_lookup.h"
#include "util/arena.h"

/* ---- page records: what outlives a page ---------------------------------- */

/* An apimd-disable comment: rule (NULL for every rule) is not reported on
 * lines first..last. */
typedef struct lint_suppression {
    const char *rule;
    int first, last;
} lint_suppression;

/* One key of a JSON text and where it is written. The pointer is made of
 * the keys and array indices on the way, e.g. "/value/0/state". */
typedef struct json_key_line {
    const char *pointer;
    int line, col;
} json_key_line;

/* A JSON text of the page (code block or HTTP body) and its keys. The
 * keys of a few blocks are ever asked for: the text is kept and read for
 * its keys when they first are. */
typedef struct json_block_index {
    int first_line, last_line; /* the block, fences and headers included */
    int truncated; /* its annotation says "truncated": true */
    const char *text; /* a copy, until its keys are read; then NULL */
    int text_line;    /* the line the text starts on */
    json_key_line *keys; /* sorted for json_key_lookup */
    size_t nkeys, cap_keys;
} json_block_index;

/* A link of a method page whose text may name a type: "[tab](teamstab.md)"
 * in "returns a [tab](...) object". The target is docs-relative. */
typedef struct lint_type_link {
    const char *text;
    const char *target;
} lint_type_link;

struct lint_page_record {
    arena mem;
    const char *file;
    /* a resource page that says its type is an open type, in prose or
     * with "openType": true in its resource annotation */
    int open_type;
    lint_type_link *type_links; /* method pages only */
    size_t ntype_links, cap_type_links;
    lint_suppression *suppressions;
    size_t nsuppressions, cap_suppressions;
    json_block_index *blocks;
    size_t nblocks, cap_blocks;
};

/* previous: a record of the same findings whose last chunk the new one
 * goes on in (arena_pass_chunk), or NULL. */
lint_page_record *lint_page_record_new(const char *file, lint_page_record *previous);
void lint_page_record_free(lint_page_record *r);
void lint_findings_add_record(lint_findings *f, lint_page_record *r);
/* The record of a file, or NULL. Not thread-safe: after page lint only. */
lint_page_record *lint_findings_record(lint_findings *f, const char *file);

/* Suppressions from the page's comments; unknown rule ids are reported. */
void lint_collect_suppressions(const page *p, lint_page_record *r,
                               lint_findings *out);
int lint_is_suppressed(const lint_page_record *r, const char *rule, int line);

/* Notes a JSON text starting at first_line (column 1) as the block
 * spanning block_first..block_last; its keys are read when first asked
 * for. */
json_block_index *json_index_text(lint_page_record *r, const char *text,
                                  int first_line, int block_first,
                                  int block_last);
/* The line of a key inside the block holding line, or 0 when unknown.
 * Reads the block's keys on first use: not thread-safe, after page lint
 * only. */
int json_key_lookup(lint_page_record *r, int line, const char *pointer,
                    int *col);
/* The indexed block holding line, or NULL. */
const json_block_index *json_block_at(const lint_page_record *r, int line);

/* Drop the findings the baseline knows (sorted findings); returns how
 * many went. */
size_t lint_baseline_apply(const lint_baseline *b, lint_findings *f);

/* The docs-relative file a relative link of the page at rel_path leads
 * to, "." and ".." resolved, without query or fragment (free it); NULL
 * for URLs, site-absolute links, anchors and links above the root. */
char *lint_link_resolve(const char *rel_path, const char *target);

/* ---- directory cache ------------------------------------------------------ */

/* One directory's listing; it lives as long as the cache. */
typedef struct dir_entry lint_dir;

lint_dir_cache *lint_dir_cache_new(void);
void lint_dir_cache_free(lint_dir_cache *c);
/* The listing of a directory, read on first use. */
const lint_dir *lint_dir_open(lint_dir_cache *c, const char *dir);
/* The listing of the directory names[index] of dir: the same as opening
 * dir's path + "/" + that name. */
const lint_dir *lint_dir_child(lint_dir_cache *c, const lint_dir *dir,
                               size_t index);
/* Names in the directory, sorted; NULL when it cannot be read. */
const char *const *lint_dir_names(const lint_dir *dir, size_t *count);

/* ---- rule groups of lint_page ------------------------------------------- */

/* The rules by their row in the catalogue (rules.c), so that the checks
 * ask whether a rule is on without looking its id up. */
typedef enum lint_rule_id {
    LINT_RULE_TODO,
    LINT_RULE_FRONT_MATTER_MISSING,
    LINT_RULE_FRONT_MATTER_EMPTY,
    LINT_RULE_DESCRIPTION_MISSING,
    LINT_RULE_FRONT_MATTER,
    LINT_RULE_TABLE_CELLS,
    LINT_RULE_ANNOTATION_JSON,
    LINT_RULE_EXAMPLE_JSON,
    LINT_RULE_HTTP_MALFORMED,
    LINT_RULE_CODE_FENCE_UNCLOSED,
    LINT_RULE_ENCODING,
    LINT_RULE_STATUS_MISMATCH,
    LINT_RULE_PATH_MISMATCH,
    LINT_RULE_RESPONSE_SHAPE,
    LINT_RULE_API_VERSION,
    LINT_RULE_API_VERSION_BETA,
    LINT_RULE_CONTENT_LENGTH,
    LINT_RULE_CONFLICT_TYPE,
    LINT_RULE_CONFLICT_COLLECTION,
    LINT_RULE_CONFLICT_ENUM,
    LINT_RULE_UNDECLARED_PROPERTY,
    LINT_RULE_READ_ONLY_IN_REQUEST,
    LINT_RULE_REPRESENTATION_MISMATCH,
    LINT_RULE_EXAMPLE_TYPE,
    LINT_RULE_TYPE_UNDEFINED,
    LINT_RULE_BASE_CYCLE,
    LINT_RULE_LINK_BROKEN,
    LINT_RULE_LINK_CASE,
    LINT_RULE_SUPPRESSION_INVALID,
    LINT_RULE_COUNT
} lint_rule_id;

/* A rule is worth running when it is not off: saves work on big trees.
 * By id for the ids the checks name themselves; by string for the ids
 * reading and the merge hand over. */
int lint_rule_on(const lint_context *ctx, lint_rule_id id);
int lint_rule_enabled(const lint_context *ctx, const char *rule_id);

void lint_rules_gaps(const page *p, const lint_context *ctx,
                     lint_findings *out);
void lint_rules_form(const page *p, const lint_context *ctx,
                     lint_findings *out);
void lint_rules_http(const page *p, const lint_context *ctx,
                     lint_findings *out);
void lint_rules_links(const page *p, const lint_context *ctx,
                      lint_findings *out);
void lint_rules_examples(const model_view *v, const lint_context *ctx,
                         lint_findings *out);

/* ---- regular expressions, compiled by lint_init ---------------------------- */

typedef enum lint_regex_id {
    RX_PLACEHOLDER,   /* TODO, TBD, FIXME */
    RX_PROSE_STATUS,  /* "200 OK", "204 No Content", "202 response code" */
    RX_OPEN_TYPE,     /* "This type is an open type", "(Open Type)" */
    RX_COUNT
} lint_regex_id;

/* False only when the pattern cannot match text (a quick scan for the
 * words it needs); lint_regex_find asks it first. */
int lint_regex_may_match(lint_regex_id id, const char *text);
/* First match of a pattern in text from offset start: 1 and the bounds
 * of the match (or of group 1 when the pattern has one), else 0. */
int lint_regex_find(lint_regex_id id, const char *text, size_t start,
                    size_t *match_start, size_t *match_end);

/* ---- small text helpers --------------------------------------------------- */

/* Up to max bytes of text from start, cut at the end of the sentence,
 * with "..." when cut short. Arena-free: the caller frees it. */
char *lint_excerpt(const char *text, size_t start, size_t max);
int lint_is_blank(const char *s);
/* Case-insensitive ASCII comparison. */
int lint_strcasecmp(const char *a, const char *b);
int lint_strncasecmp(const char *a, const char *b, size_t n);
/* "microsoft.graph.call", "#microsoft.graph.call" -> "call". */
const char *lint_type_short_name(const char *odata_type);

#endif
