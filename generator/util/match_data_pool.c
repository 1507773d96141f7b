#include "util/match_data_pool.h"

/* Each slot is taken by an exchange with NULL and filled by a
 * compare-exchange from NULL: a match data is in one slot or one match at
 * a time, without a lock. */
pcre2_match_data *match_data_pool_take(match_data_pool *p)
{
    for (int i = 0; i < MATCH_DATA_POOL_SLOTS; i++) {
        pcre2_match_data *md = atomic_exchange(&p->slots[i], NULL);
        if (md)
            return md;
    }
    return pcre2_match_data_create(p->pairs, NULL);
}

void match_data_pool_give_back(match_data_pool *p, pcre2_match_data *md)
{
    for (int i = 0; i < MATCH_DATA_POOL_SLOTS; i++) {
        pcre2_match_data *empty = NULL;
        if (atomic_compare_exchange_strong(&p->slots[i], &empty, md))
            return;
    }
    pcre2_match_data_free(md);
}

void match_data_pool_free(match_data_pool *p)
{
    for (int i = 0; i < MATCH_DATA_POOL_SLOTS; i++)
        pcre2_match_data_free(atomic_exchange(&p->slots[i], NULL));
}
