/* Fuzz target: the bytes of one page through reading and extraction, the
 * per-page work of every command, then the merge of that single fragment.
 * The input is handed over without a terminating NUL because page_read()
 * takes a length: reading past it is a bug that ASan reports. */
#include "fuzz_target.h"

#include "extract/extract.h"
#include "model/model.h"
#include "read/page.h"

/* An api/ path: extraction names methods after the file. The page kind
 * comes from the content, so resource pages are still reached. */
#define FUZZ_PAGE_PATH "api/fuzz-page.md"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *error = NULL;
    page *p = page_read(FUZZ_PAGE_PATH, FUZZ_PAGE_PATH, (const char *)data,
                        size, &error);
    if (!p) {
        free(error);
        return 0;
    }
    model *fragment = extract_page(p);
    page_free(p);
    /* The merge resolves references and infers types from the examples of
     * the fragment, which is where page content reaches the model. */
    model *merged = model_merge(&fragment, 1);
    cJSON_Delete(model_to_json(merged, 1));
    model_free(merged);
    return 0;
}
