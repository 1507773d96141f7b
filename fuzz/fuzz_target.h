/* What every fuzz target provides and what the drivers call: libFuzzer in
 * the fuzzing build, replay.c (a plain main) in every build. Declared here
 * so the targets compile under -Wmissing-prototypes. */
#ifndef APIMD_FUZZ_TARGET_H
#define APIMD_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The parsers that take C strings get the input up to its first NUL, in a
 * buffer of exactly that size: AddressSanitizer then catches any read past
 * the terminator. */
static inline char *fuzz_cstring(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t n = nul ? (size_t)(nul - data) : size;
    char *s = malloc(n + 1);
    if (!s)
        abort();
    memcpy(s, data, n);
    s[n] = '\0';
    return s;
}

#endif
