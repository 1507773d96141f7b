/* Tests on eight bytes at once, for scanners that skip plain text a word
 * at a time (the word read with memcpy, so at any alignment). The masks
 * may flag bytes after a match (a borrow runs on), never before it: in a
 * little-endian word the lowest flag is the first match. */
#ifndef APIMD_WORD_SCAN_H
#define APIMD_WORD_SCAN_H

#include <stdint.h>

#define WORD_ONES UINT64_C(0x0101010101010101)
#define WORD_HIGHS (WORD_ONES << 7)

/* Nonzero when one of the eight bytes of word is c. */
static inline uint64_t word_has_byte(uint64_t word, unsigned char c)
{
    uint64_t x = word ^ (WORD_ONES * c);
    return (x - WORD_ONES) & ~x & WORD_HIGHS;
}

/* Nonzero when one of the eight bytes of word is below c (c <= 0x80). */
static inline uint64_t word_has_byte_below(uint64_t word, unsigned char c)
{
    return (word - WORD_ONES * c) & ~word & WORD_HIGHS;
}

#endif
