/* PCRE2 match data kept between matches, for any thread. Match data is
 * per match (compiled code is shared between threads, match data must not
 * be), but creating it for each match would also allocate PCRE2's
 * backtracking frames each time: they live in the match data and grow
 * there. A match takes one from the pool and hands it back after. */
#ifndef APIMD_MATCH_DATA_POOL_H
#define APIMD_MATCH_DATA_POOL_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stdatomic.h>
#include <stdint.h>

enum { MATCH_DATA_POOL_SLOTS = 8 };

typedef struct match_data_pool {
    _Atomic(pcre2_match_data *) slots[MATCH_DATA_POOL_SLOTS];
    uint32_t pairs; /* ovector pairs of the match data it creates */
} match_data_pool;

/* A static pool: `static match_data_pool pool = MATCH_DATA_POOL_INIT(4);` */
#define MATCH_DATA_POOL_INIT(npairs) {.pairs = (npairs)}

/* Match data of the pool, or a new one when the pool is empty. */
pcre2_match_data *match_data_pool_take(match_data_pool *p);
/* Back into the pool; freed when the pool is full. */
void match_data_pool_give_back(match_data_pool *p, pcre2_match_data *md);
/* Frees what the pool holds. */
void match_data_pool_free(match_data_pool *p);

#endif
