/* Lookups into the merged model that the cross-page rules share, through
 * an index built once per lint_model call. Names may come qualified and
 * with a '#' ("#microsoft.graph.callRecords.session"), as examples write
 * them; the same short name can live in two namespaces (mediaStream and
 * callRecords.mediaStream), so the namespace counts when it is known. */
#ifndef APIMD_LINT_MODEL_LOOKUP_H
#define APIMD_LINT_MODEL_LOOKUP_H

#include "model/model.h"
#include "model/type_index.h"

/* What the rules ask of a type of the model again and again, found
 * once: its base, and whether another type derives from it. */
typedef struct type_facts {
    const model_type *type; /* NULL: an empty slot */
    const model_type *base;
    int has_derived;
} type_facts;

typedef struct model_view {
    const model *m;
    type_index types;
    /* Pages that document methods: a set of open addressing; NULL is an
     * empty slot. */
    const char **method_files;
    size_t method_files_cap; /* a power of two */
    /* Every fragment's types defined by their own page, sorted by page
     * and name, for page_defines_type. */
    const model_type **definitions;
    size_t ndefinitions;
    /* The pages of the types a page defines, a set of open addressing
     * with case ignored. */
    const char **defining_files;
    size_t defining_files_cap;
    /* The model's types by address (open addressing, a power of two). */
    type_facts *facts;
    size_t facts_cap;
} model_view;

void model_view_init(model_view *v, const model *m);
void model_view_free(model_view *v);

/* ns may be NULL: the model's default namespace is preferred then. */
const model_type *lookup_type(const model_view *v, const char *ns,
                              const char *name);
/* The type a property, parameter or response names. */
const model_type *lookup_type_ref(const model_view *v, const type_ref *tr);
const model_type *lookup_base(const model_view *v, const model_type *t);

/* A property of t or of its bases, whichever page added it. */
const model_property *lookup_property(const model_view *v,
                                      const model_type *t, const char *name);
/* Only a property that a resource page declares: the merge also adds what
 * request-body tables of API pages list, and those are exactly what
 * undeclared-property is about. */
const model_property *lookup_declared_property(const model_view *v,
                                               const model_type *t,
                                               const char *name);
/* A declared property whose name differs only in case, for hints. */
const model_property *lookup_property_ignoring_case(const model_view *v,
                                                    const model_type *t,
                                                    const char *name);
/* t is base, or derives from it. */
int derives_from(const model_view *v, const model_type *t,
                 const model_type *base);
/* A page defines the type: its own page, or the values an enum property
 * lists inline ("Possible values are: ..."), which the merge turns into
 * an enum type of its own. Types inferred from examples are not. */
int type_is_defined(const model_type *t);
int is_method_page(const model_view *v, const char *file);
/* Whether a page defines a type: its own resource or enum page. Case is
 * ignored: a link that is wrong only in case is link-case's finding. */
int file_defines_a_type(const model_view *v, const char *file);
/* Another type of the model has t as its base. */
int has_derived_type(const model_view *v, const model_type *t);
/* The definition of t (by name and namespace) on the resource or enum page
 * file, which may be another page than the one the model keeps as t's
 * source; NULL when file does not define t. */
const model_type *page_defines_type(const model_view *v, const char *file,
                                    const model_type *t);

/* What JSON an EDM primitive is written as. */
typedef enum json_kind {
    JSON_KIND_ANY = 0, /* Stream, untyped: anything goes */
    JSON_KIND_STRING,
    JSON_KIND_BOOLEAN,
    JSON_KIND_NUMBER,          /* Int32 and smaller: a JSON number */
    JSON_KIND_NUMBER_OR_STRING /* Int64, Decimal, Double, Single: OData
                                  allows strings (IEEE754Compatible, NaN) */
} json_kind;

int is_primitive_name(const char *name);
json_kind primitive_json_kind(const char *name);

#endif
