/* Mustache templates: compile once, render many times against cJSON views.
 *
 * Implements the mustache specification (tests/mustache/spec: comments,
 * delimiters, interpolation, inverted sections, partials, sections and the
 * optional template inheritance, {{<parent}} with {{$block}} arguments);
 * lambdas are not supported because a cJSON view cannot hold code.
 *
 * Values: strings print as they are, numbers without a needless fraction
 * (85, 1.5, 1.21), true/false as words; null, lists and objects print
 * nothing. In sections false, null, a missing name and an empty list are
 * falsy; anything else (0 and "" included) is truthy, a list repeats the
 * section per item and other values are pushed on the context stack.
 *
 * Typical use:
 *
 *     mustache_cache *cache = mustache_cache_new(load_file, templates_dir);
 *     mustache_options opts = {.escape = MUSTACHE_ESCAPE_NONE,
 *                              .strict_partials = 1,
 *                              .partial = mustache_cache_partial,
 *                              .partial_ctx = cache};
 *     const mustache_template *t;
 *     if (mustache_cache_get(cache, "item.h", &t, &err) != 1) ...
 *     for (each view)
 *         if (mustache_render(t, view, &opts, &out, &err) != 0)
 *             fprintf(stderr, "%s\n", err.message);
 *     mustache_cache_free(cache);
 *
 * A compiled template is immutable: several threads may render it at once.
 * A cache is not thread-safe; give each thread its own, or fill it first.
 *
 * Whitespace follows the spec: a line holding only a section, inverted,
 * closing, comment, partial, parent, block or set-delimiter tag (plus spaces
 * and tabs) disappears from the output, and the indentation of a standalone
 * partial or parent tag is put in front of every line of the expanded
 * template. One deliberate choice where the spec is silent: an empty line of
 * an indented partial stays empty (no trailing spaces in generated code).
 */
#ifndef APIMD_MUSTACHE_H
#define APIMD_MUSTACHE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/strbuf.h"

/* How deeply partials, parents and block overrides may expand inside each
 * other before rendering stops with an error (self-recursive templates). */
#define MUSTACHE_DEFAULT_MAX_DEPTH 100
/* How deeply sections and the like may nest, in one template at compile time
 * and across all expansions at render time; keeps stack use bounded. */
#define MUSTACHE_MAX_NESTING 1000
/* How many section passes (one per list item) and expansions one render may
 * make: nested sections over lists, or a partial including itself twice,
 * grow exponentially; this ends such a render with an error, not a hang. */
#define MUSTACHE_DEFAULT_MAX_STEPS 10000000L

/* What went wrong, for both compiling and rendering. */
typedef struct mustache_error {
    int line;          /* 1-based line of the offending tag; 0 when unknown */
    char message[512]; /* "name:line: what went wrong", NUL-terminated */
} mustache_error;

typedef struct mustache_template mustache_template;

/* Compiles `len` bytes of template text (need not be NUL-terminated; the
 * text is copied). `name` is the template's file name, used in messages.
 * Returns NULL and fills *err on a syntax error: unclosed tag, unclosed
 * section, mismatched or unexpected closing tag, bad tag name, bad delimiter
 * change, nesting deeper than MUSTACHE_MAX_NESTING. err may be NULL. */
mustache_template *mustache_compile(const char *text, size_t len,
                                    const char *name, mustache_error *err);
void mustache_template_free(mustache_template *t);
/* The name given to mustache_compile. */
const char *mustache_template_name(const mustache_template *t);

/* What {{name}} does to the value it prints; {{{name}}} and {{& name}}
 * never escape. */
typedef enum mustache_escape {
    MUSTACHE_ESCAPE_HTML = 0, /* & < > " become entities (the spec default) */
    MUSTACHE_ESCAPE_NONE,     /* verbatim: for generating C, not HTML */
} mustache_escape;

/* Finds the partial or parent template called `name` ({{>name}},
 * {{<name}}). Returns 1 with *out set, 0 when there is no such template,
 * or -1 after filling *err (for instance: its text did not compile).
 * The template must stay alive until the render returns. */
typedef int (*mustache_partial_fn)(void *ctx, const char *name,
                                   const mustache_template **out,
                                   mustache_error *err);

/* Indexes of the keys of the view objects a render looked into, kept
 * between renders of the same views (a type's header and source) so that
 * they are built once. Objects are known by address: between renders that
 * share a cache, the views must not be modified or freed (clear it
 * first). One thread at a time. */
typedef struct mustache_lookup_cache mustache_lookup_cache;

mustache_lookup_cache *mustache_lookup_cache_new(void);
void mustache_lookup_cache_clear(mustache_lookup_cache *c);
void mustache_lookup_cache_free(mustache_lookup_cache *c);
/* A promise that the keys of every view rendered with c stay allocated
 * and unchanged for as long as c lives (the views are kept, or their keys
 * are string literals): a clear then need not check that the keys it
 * remembers still read the same. */
void mustache_lookup_cache_keys_kept(mustache_lookup_cache *c);

/* A zeroed struct (or NULL) gives the spec's behaviour. */
typedef struct mustache_options {
    mustache_escape escape;
    /* 0: an unknown partial or parent renders as the empty string (spec).
     * 1: it is an error naming the template and line of the tag. */
    int strict_partials;
    mustache_partial_fn partial; /* NULL: every partial is unknown */
    void *partial_ctx;
    /* Expansion depth limit; 0 means MUSTACHE_DEFAULT_MAX_DEPTH. */
    int max_depth;
    /* Work limit per render; 0 means MUSTACHE_DEFAULT_MAX_STEPS. */
    long max_steps;
    /* NULL: each render indexes what it needs for itself. */
    mustache_lookup_cache *lookup_cache;
} mustache_options;

/* Renders t against `view` (the bottom of the context stack; may be NULL),
 * appending to *out. Returns 0, or -1 with *err filled (unknown partial in
 * strict mode, expansion deeper than max_depth, nesting deeper than
 * MUSTACHE_MAX_NESTING, more than max_steps, a partial that failed to load);
 * *out then holds whatever was rendered before the error. err may be NULL. */
int mustache_render(const mustache_template *t, const cJSON *view,
                    const mustache_options *opts, strbuf *out,
                    mustache_error *err);

/* mustache_render with a context stack of several views: views[0] at the
 * bottom, views[nviews - 1] on top (NULL entries are skipped). A name is
 * looked up from the top down, as in nested sections. */
int mustache_render_stack(const mustache_template *t,
                          const cJSON *const *views, size_t nviews,
                          const mustache_options *opts, strbuf *out,
                          mustache_error *err);

/* What a template looks up: `key` is called with every key its tags look
 * up in the view (each part of a dotted name: "a.b" gives "a" and "b"),
 * `template_name` with the name of every partial and parent it expands.
 * Names of blocks ({{$name}}) are neither. Names come as often as they
 * are written. */
typedef struct mustache_names {
    void (*key)(void *ctx, const char *key);
    void (*template_name)(void *ctx, const char *name);
    void *ctx;
} mustache_names;

void mustache_template_names(const mustache_template *t, const mustache_names *use);

/* ---- A cache of compiled templates, loaded by name on first use ---- */

/* Supplies the text of the template called `name`: returns 1 after
 * appending it to *text, 0 when there is no such template, -1 after filling
 * *err. It may append to *file the name to use in messages (for example
 * "templates/c/item.h.mustache"); otherwise `name` is used. */
typedef int (*mustache_source_fn)(void *ctx, const char *name, strbuf *text,
                                  strbuf *file, mustache_error *err);

typedef struct mustache_cache mustache_cache;

mustache_cache *mustache_cache_new(mustache_source_fn load, void *ctx);
/* Frees the cache and every template it compiled. */
void mustache_cache_free(mustache_cache *c);
/* The compiled template called `name`, loading and compiling it on first
 * use; a missing template is remembered too. Returns like a
 * mustache_partial_fn: 1 found, 0 unknown, -1 error. The template lives as
 * long as the cache. */
int mustache_cache_get(mustache_cache *c, const char *name,
                       const mustache_template **out, mustache_error *err);
/* mustache_cache_get with the signature of a mustache_partial_fn: set
 * options.partial to this and options.partial_ctx to the cache. */
int mustache_cache_partial(void *cache, const char *name,
                           const mustache_template **out, mustache_error *err);

#endif
