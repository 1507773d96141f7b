#include "util/json_copy.h"

#include <string.h>

/* The copy owns nothing cJSON_Delete would free: the reference flag of
 * the source does not carry over (the copy of a reference is a copy). */
static cJSON *copy_value(arena *a, const cJSON *src)
{
    cJSON *dst = arena_alloc(a, sizeof *dst);
    dst->type = src->type & ~cJSON_IsReference;
    dst->valueint = src->valueint;
    dst->valuedouble = src->valuedouble;
    dst->valuestring = arena_strdup(a, src->valuestring);
    dst->string = arena_strdup(a, src->string);
    /* Children: appended in order; cJSON keeps the last one in the first
     * one's prev, which cJSON_AddItemToArray and friends rely on. The
     * depth is the parser's, at most a thousand levels. */
    cJSON *last = NULL;
    for (const cJSON *c = src->child; c; c = c->next) {
        cJSON *copy = copy_value(a, c);
        if (last) {
            last->next = copy;
            copy->prev = last;
        } else {
            dst->child = copy;
        }
        last = copy;
    }
    if (dst->child)
        dst->child->prev = last;
    return dst;
}

cJSON *json_copy_in_arena(arena *a, const cJSON *src)
{
    return src ? copy_value(a, src) : NULL;
}
