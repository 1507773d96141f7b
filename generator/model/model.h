/* The schema model: what every page says, merged into types and methods.
 *
 * Built in two steps so that pages can be handled in parallel:
 *   extract (one page -> one fragment, a model of its own) on worker threads,
 *   then model_merge (all fragments, in path order -> one model) on one thread.
 * A fragment and the model share these structs. Every string and array lives
 * in the arena of the structure that holds it, the JSON of the examples
 * too (copies in the arena: never given to cJSON_Delete). Lines are 1-based.
 */
#ifndef APIMD_MODEL_H
#define APIMD_MODEL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "util/arena.h"
#include "util/strbuf.h"

/* The file names are not copied by the builders: they point into the
 * fragment's arena (or a longer-lived string), like every shared string. */
typedef struct src_ref {
    const char *file; /* docs-relative path, '/' separated */
    int line;
    int col;
} src_ref;

typedef enum type_kind { KIND_ENTITY, KIND_COMPLEX, KIND_ENUM } type_kind;
const char *type_kind_name(type_kind k); /* "entity" | "complex" | "enum" */

/* A type as written in a cell: a primitive EDM name without "Edm."
 * ("String", "Int32", ...) or a type of the model ("participantInfo").
 * Unions ("[a](a.md) or [b](b.md)") keep every member in alternatives;
 * name is then the first member. */
typedef struct type_ref {
    const char *name;   /* NULL when the docs give no type */
    const char *namespace; /* for model types, e.g. "microsoft.graph" */
    const char **alternatives;
    size_t nalternatives;
    int collection;
    int primitive; /* 1 for an EDM primitive */
    const char *written; /* the cell's text, for messages */
} type_ref;

/* Tri-state for facts the docs may leave unsaid. */
typedef enum tristate { TRI_UNKNOWN = -1, TRI_NO = 0, TRI_YES = 1 } tristate;

typedef struct model_property {
    const char *name;
    type_ref type;
    tristate nullable;
    tristate read_only;
    tristate required;
    int navigation; /* from a Relationships table */
    const char *inherited_from; /* "Inherited from [entity]", or NULL */
    int server_generated;
    int supports_filter;
    const char *description;
    const char **enum_values; /* "Possible values are: `a`, `b`" */
    size_t nenum_values;
    src_ref source;
} model_property;

typedef struct enum_member {
    const char *name;
    const char *description;
    long long value; /* position or documented value */
    src_ref source;
} enum_member;

typedef struct model_type {
    const char *name;
    const char *namespace;
    type_kind kind;
    const char *base; /* NULL when none */
    const char *description;
    model_property *properties;
    size_t nproperties, cap_properties;
    enum_member *members;
    size_t nmembers, cap_members;
    /* The properties by case-folded name, once there are enough of them
     * for a linear search to hurt (a table of thousands of rows would
     * otherwise cost its square): slots hold a property's index + 1, 0
     * when empty. Kept up to date by the builders below. */
    unsigned *property_slots;
    size_t nproperty_slots;
    int inferred; /* only seen in examples or JSON representations */
    int primary;  /* defined by its own resource (or enum) page */
    src_ref source;
} model_type;

typedef struct method_param {
    const char *name;
    type_ref type;
    tristate required;
    const char *description;
    src_ref source;
} method_param;

typedef struct method_response {
    int status;
    const char *type; /* NULL when there is no body */
    int collection;
    src_ref source;
} method_response;

typedef struct method_permission {
    const char *kind; /* "Delegated (work or school account)", ... */
    const char **values;
    size_t nvalues;
    src_ref source;
} method_permission;

typedef struct method_path {
    const char *path;       /* "/communications/calls/{id}" */
    const char **params;    /* "id" */
    size_t nparams;
    src_ref source;
} method_path;

typedef struct model_method {
    const char *id;    /* stable: page file name without .md, e.g. "call-get" */
    const char *title; /* page title */
    const char *verb;  /* upper case */
    method_path *paths;
    size_t npaths, cap_paths;
    const char *request_type; /* body is a whole type, or NULL */
    method_param *body_params; /* body is a list of parameters */
    size_t nbody_params, cap_body_params;
    method_param *query_params;
    size_t nquery_params, cap_query_params;
    method_response *responses;
    size_t nresponses, cap_responses;
    method_permission *permissions;
    size_t npermissions, cap_permissions;
    src_ref source;
} model_method;

/* A JSON example or representation and the type it shows. */
typedef enum example_role {
    EXAMPLE_RESOURCE, /* a resource page's JSON representation */
    EXAMPLE_JSON,     /* a json block annotated as an example */
    EXAMPLE_REQUEST,  /* body of an example request */
    EXAMPLE_RESPONSE, /* body of an example response */
} example_role;
const char *example_role_name(example_role r);

typedef struct model_example {
    example_role role;
    const char *type; /* the type it shows, or NULL when unknown */
    int collection;   /* the body is a collection of type ("value": [...]) */
    int truncated;    /* annotation says "truncated": true */
    const cJSON *json; /* in the arena of the fragment that made it */
    const char *method_id; /* for request/response bodies */
    src_ref source;   /* where the JSON begins */
} model_example;

/* Two sources that disagree; the model keeps the primary answer. */
typedef struct model_conflict {
    const char *rule;    /* lint rule id, e.g. "conflict-type" */
    const char *message; /* names both sides */
    src_ref at;          /* the page that is wrong */
    src_ref other;       /* the page that holds the kept answer */
} model_conflict;

typedef struct model {
    arena mem;
    model_type **types; /* sorted by namespace, name after model_merge */
    size_t ntypes, cap_types;
    model_method **methods; /* sorted by id */
    size_t nmethods, cap_methods;
    model_example **examples; /* by source (file, line) */
    size_t nexamples, cap_examples;
    model_conflict *conflicts;
    size_t nconflicts, cap_conflicts;
    /* A fragment's: its page's; the merged model's: the one most pages
     * declare ("microsoft.graph"). */
    const char *default_namespace;
    struct model **fragments; /* kept alive: their strings are shared */
    size_t nfragments, cap_fragments;
} model;

model *model_new(void);
void model_free(model *m); /* frees the fragments it took over too */

/* Builders shared by extraction and merge. Names are copied into m;
 * source.file is not (see src_ref). Adding a property may move the
 * type's earlier properties: do not keep pointers to them across it. */
model_type *model_add_type(model *m, const char *ns, const char *name,
                           type_kind kind, src_ref source);
/* By name: the exact spelling first, else a case-insensitive match. */
model_type *model_find_type(const model *m, const char *name);
model_property *model_type_add_property(model *m, model_type *t,
                                        const char *name);
/* Appends a copy of p (its strings are shared, not copied). */
model_property *model_type_push_property(model *m, model_type *t,
                                         const model_property *p);
/* The first property named exactly name, or NULL. */
model_property *model_type_find_property(const model_type *t,
                                         const char *name);
/* The exact spelling first, else the first case-insensitive match. */
model_property *model_type_find_property_nocase(const model_type *t,
                                                const char *name);
/* The first property matching name (exactly, or ignoring ASCII case when
 * nocase) that keep accepts. */
typedef int (*property_filter)(const model_property *p, const void *ctx);
model_property *model_type_find_property_if(const model_type *t,
                                            const char *name, int nocase,
                                            property_filter keep,
                                            const void *ctx);
/* Room for n properties in all, made at once: a table's rows would
 * otherwise grow the array by doubling and leave each smaller copy behind
 * in the arena. */
void model_type_reserve_properties(model *m, model_type *t, size_t n);
/* After the properties were reordered in place (sorting). */
void model_type_reindex_properties(model_type *t);
model_method *model_add_method(model *m, const char *id, src_ref source);
/* The example's JSON is copied into m's arena. */
model_example *model_add_example(model *m, example_role role, const cJSON *json,
                                 src_ref source);
void model_add_conflict(model *m, const char *rule, src_ref at, src_ref other,
                        const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Merge fragments (taken over, in the order given: sort by path first)
 * into one model, resolve references, infer types from examples, sort.
 * The fragments (and their examples' JSON) then belong to the result:
 * free only the result. n may be 0. The rules: docs/model.md. */
model *model_merge(model **fragments, size_t n);

/* The model as JSON, deterministic (the `apimd schema` output), per
 * docs/model.schema.json. The examples and conflicts arrays are emitted only
 * when with_examples is non-zero; types and methods always. The JSON refers
 * to the model's strings rather than copying them: delete it before
 * freeing m. */
cJSON *model_to_json(const model *m, int with_examples);

/* The nullable answer the JSON output gives when the docs say nothing:
 * see docs/model.md ("Defaults"). */
int model_property_nullable(const model_property *p);

/* What the JSON output gives, for readers of the model that must answer
 * as it does: the line of a source (1 when the docs give none), and
 * whether a type is a union (its alternatives are listed only then). */
int src_ref_line(const src_ref *s);
int type_ref_is_union(const type_ref *t);

/* The namespace and types of a model JSON (what model_to_json gives,
 * docs/model.schema.json) as a model of their own, strings copied, so that
 * code is generated from a model file as from docs. Methods, examples and
 * conflicts are not read: model_to_json of the result gives the types as
 * they were, and no methods. Returns
 * NULL with the reason in *error when json is not such a model. Free the
 * result with model_free. */
model *model_types_from_json(const cJSON *json, strbuf *error);

/* The text json_print gives for model_to_json(m, with_examples), without
 * building that whole tree: handed to flush(ctx, data, len) in pieces of
 * at least chunk bytes (buf is the scratch buffer, left empty). Returns 0,
 * or -1 when flush returned non-zero. */
int model_write_json(const model *m, int with_examples, strbuf *buf, size_t chunk,
                     int (*flush)(void *ctx, const char *data, size_t len), void *ctx);

#endif
