/* The steps of model_merge, in the order it runs them:
 * merge.c (types, methods, examples of the fragments), infer.c (types
 * only seen in JSON), enums_inline.c (properties with listed values),
 * resolve.c (names, union bases, entity kinds, sorting). */
#ifndef APIMD_MERGE_INTERNAL_H
#define APIMD_MERGE_INTERNAL_H

#include "model/model.h"
#include "model/type_index.h"

typedef struct merge_ctx {
    model *m;
    type_index index;
} merge_ctx;

/* A type of the merged model, indexed; a copy of t's fields, properties
 * and members. */
model_type *merge_new_type(merge_ctx *mc, const model_type *t);
/* Fold one property of another source into t: a new property is added,
 * an existing one keeps its answers and disagreements become conflicts. */
void merge_property(merge_ctx *mc, model_type *t, const model_property *p);

void infer_from_examples(merge_ctx *mc);
void name_inline_enums(merge_ctx *mc);
void resolve_references(merge_ctx *mc);
void sort_model(model *m);

/* Is ancestor the type itself or one of its bases. */
int type_derives_from(merge_ctx *mc, const model_type *t,
                      const model_type *ancestor);

#endif
