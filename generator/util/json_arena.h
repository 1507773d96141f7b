/* cJSON values allocated in bulk and dropped at once. A big tree (the
 * view of a model holds about a million values) costs a malloc per value
 * to build and a free per value to delete; in an arena it costs a pointer
 * bump, and deleting it is freeing a few large blocks.
 *
 * While a thread has entered an arena, every allocation cJSON makes on
 * that thread comes from the arena; other threads are not affected. Trees
 * built that way are never given to cJSON_Delete: json_arena_free drops
 * them. This works once json_arena_install has routed cJSON's allocations
 * through here (once, at start-up, before any thread exists); until then
 * json_arena_new returns NULL and cJSON allocates as usual. */
#ifndef APIMD_JSON_ARENA_H
#define APIMD_JSON_ARENA_H

#include <stddef.h>

typedef struct json_arena json_arena;

void json_arena_install(void);

/* NULL when json_arena_install was not called: use cJSON_Delete then. */
json_arena *json_arena_new(void);
/* This thread's cJSON allocations go to a (NULL: nothing changes) until
 * json_arena_leave. Threads may enter the same arena at once. */
void json_arena_enter(json_arena *a);
void json_arena_leave(void);
/* Whether this thread is in an arena: a string handed to cJSON there must
 * be copied into it (cJSON_CreateString), not handed over. */
int json_arena_active(void);
/* n bytes in this thread's arena at a multiple of align (a power of two,
 * at most alignof(max_align_t)): for builders that make their values
 * themselves rather than through cJSON, and for text, which needs no
 * alignment. NULL when this thread is in no arena (or memory ran out). */
void *json_arena_take(size_t n, size_t align);
/* Frees everything allocated in a (a may be NULL). */
void json_arena_free(json_arena *a);

#endif
