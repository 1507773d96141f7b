/* A deep copy of a cJSON tree made in an arena: no malloc per value to
 * make it and no free per value to drop it, and the values of one page
 * lie together in memory rather than wherever malloc put them. The copy
 * goes with the arena: it is read like any tree but never given to
 * cJSON_Delete. */
#ifndef APIMD_JSON_COPY_H
#define APIMD_JSON_COPY_H

#include <cjson/cJSON.h>

#include "util/arena.h"

/* NULL for NULL. */
cJSON *json_copy_in_arena(arena *a, const cJSON *src);

#endif
