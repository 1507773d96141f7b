/* Shared by the parts of the view builder: the index of model types and
 * the registry of file-scope names. */
#ifndef APIMD_C_VIEW_INTERNAL_H
#define APIMD_C_VIEW_INTERNAL_H

#include <pthread.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "model/model.h"
#include "util/json_arena.h"
#include "util/strbuf.h"
#include "view/name_index.h"

enum { VIEW_MAX_KINDS = 32, VIEW_FLAG_RUN_SLOTS = 1024 };

typedef enum view_kind { VIEW_OBJECT, VIEW_ENUM } view_kind;

typedef struct view_type {
    const model_type *model; /* the type as the model gives it */
    const char *name;      /* "call" */
    const char *namespace; /* "microsoft.graph" */
    char *qualified;       /* "microsoft.graph.call" */
    view_kind kind;
    int base;              /* index of the base type, -1 for none */
    char *c_name;          /* "graph_call" */
    char *upper_name;      /* "GRAPH_CALL" */
    char **constants;      /* enums: one per named member, in order */
    size_t nconstants;
    char *unrecognized;    /* enums: the constant for unknown strings */
    cJSON *view;           /* the type's view object, owned by the root */
    name_index *declared;  /* bases: their properties' names, else NULL */
} view_type;

/* A shared run of a field's yes/no flags and its kind's flags. */
typedef struct view_flag_run {
    unsigned flags;   /* the answers, a bit each */
    const void *held; /* the field kind */
    const cJSON *run; /* NULL: a free slot */
} view_flag_run;

typedef struct view_build {
    const char *namespace; /* the model's main namespace */
    char *prefix;          /* "graph" */
    char *upper_prefix;    /* "GRAPH" */
    view_type *types;      /* sorted by qualified name */
    size_t ntypes;
    name_index *by_qualified;  /* "microsoft.graph.call" -> index */
    name_index *by_name;       /* "call" -> index (main namespace first) */
    name_index *by_folded;     /* "identity" for "Identity" -> index */
    name_index *globals;       /* file-scope identifiers and file names */
    strbuf *error;
    json_arena *arena;         /* where the view's values live, or NULL */
    /* In an arena, the flags of a field's kind end every field of that
     * kind as one shared run of items: made once, before the types. */
    const void *tail_kinds[VIEW_MAX_KINDS]; /* a field kind per run */
    cJSON *tails[VIEW_MAX_KINDS];           /* runs: the children of each */
    size_t ntails;
    /* In an arena, also a field's flags with its kind's, per answers:
     * made when first needed (the fields are built on several threads,
     * hence the lock). NULL outside an arena. */
    view_flag_run *flag_runs; /* VIEW_FLAG_RUN_SLOTS, open addressing */
    pthread_mutex_t flag_runs_lock;
    /* The types below type i: derived[derived_start[i] ..
     * derived_start[i + 1]), in the order of the types. */
    size_t *derived, *derived_start;
} view_build;

/* c_view_types.c: the type index, base types, file-scope names. */
int view_index_types(view_build *b, const model *m);
int view_resolve_bases(view_build *b);
void view_name_types(view_build *b);
/* The type a property or base names, seen from a type in namespace `from`;
 * -1 when the model has no such type. */
int view_find_type(const view_build *b, const char *name, const char *from);
/* The types below each type (b->derived), before the types' views. */
void view_list_derived(view_build *b);
/* The whole view of one type. */
cJSON *view_object_type(view_build *b, size_t index);
cJSON *view_enum_type(view_build *b, size_t index);
/* A type's entry in the root's lists: its names and files only. */
cJSON *view_type_entry(const view_build *b, size_t index);

/* c_view_fields.c: the fields of an object type, and in *enum_headers
 * the headers of the enums they hold ([{"header": "..."}], each once). */
cJSON *view_fields(view_build *b, size_t index, cJSON **enum_headers);
/* The names each base type declares, before the fields are made. */
void view_index_declared(view_build *b);
/* The shared runs of kind flags, when this thread is in an arena. */
void view_make_kind_tails(view_build *b);
/* The table of shared flag runs, when this thread is in an arena: for
 * views that live as long as the arena (runs are made in the arena of
 * the thread that first needs them). */
void view_share_flag_runs(view_build *b);

/* c_view_text.c: text helpers. */
/* The description wrapped into comment lines: [{"text": "..."}]. */
cJSON *view_doc_lines(const char *description, const char *fallback);
/* "resources/call.md:12", or NULL when the element has no source (no
 * file). A line below 1 reads 1, as the schema output gives it. */
char *view_source_ref(const src_ref *source);
/* A C string literal body for text, as a new string. */
char *view_string_body(const char *text);
/* cJSON helpers that never return NULL for a missing member. The view_add
 * functions take keys that are string literals (kept, not copied);
 * view_add_owned_string takes over value (from malloc). */
const char *view_json_string(const cJSON *object, const char *key);
void view_add_string(cJSON *object, const char *key, const char *value);
void view_add_bool(cJSON *object, const char *key, int value);
void view_add_owned_string(cJSON *object, const char *key, char *value);
/* The decimal digits of number, as a string. */
void view_add_number_text(cJSON *object, const char *key, size_t number);
/* A copy of the buffer's text (a C string: no NUL inside). */
void view_add_buffer(cJSON *object, const char *key, const strbuf *text);
/* The string a, b and c make together. */
void view_add_joined(cJSON *object, const char *key, const char *a,
                     const char *b, const char *c);
void view_add_item(cJSON *object, const char *key, cJSON *item);
/* A string literal as the value, referenced rather than copied. */
void view_add_literal(cJSON *object, const char *key, const char *literal);
/* The items of run, shared, as the last items of object (which takes no
 * more items after them). Only for trees in an arena: cJSON_Delete would
 * free shared items more than once. */
void view_add_shared_tail(cJSON *object, const cJSON *run);

#endif
