/* Fuzz target: the text of one <!-- ... --> comment through the annotation
 * reader, strict JSON first and then the repairs (unquoted keys, ...). */
#include "fuzz_target.h"

#include "read/page.h"
#include "util/arena.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *raw = fuzz_cstring(data, size);
    arena mem = ARENA_INIT;
    page_annotation *annotation = annotation_parse(&mem, raw, 1, 1);
    if (annotation)
        cJSON_Delete(annotation->json);
    arena_free(&mem);
    free(raw);
    return 0;
}
