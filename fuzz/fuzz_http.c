/* Fuzz target: the content of one ```http block through the HTTP message
 * reader: request lines, status line, headers, JSON body. */
#include "fuzz_target.h"

#include "read/page.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstring(data, size);
    arena mem = ARENA_INIT;
    http_block *block = http_block_parse(&mem, text, 1);
    if (block)
        http_block_free_json(block);
    arena_free(&mem);
    free(text);
    return 0;
}
