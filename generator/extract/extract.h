/* Extraction: what one page says about types and methods, as a model
 * fragment (model/model.h). Pages are independent, so this runs on worker
 * threads; the fragments are merged afterwards (model_merge).
 *
 * The fragment owns every string it holds (it is built in its own arena and
 * the cJSON values of its examples are copies), so the page can be freed as
 * soon as extract_page returns. */
#ifndef APIMD_EXTRACT_H
#define APIMD_EXTRACT_H

#include "model/model.h"
#include "read/page.h"

/* Compile the regular expressions once per process. Call before starting
 * worker threads; extract_page also calls it (at most one compilation
 * happens), so single-threaded callers may skip it. */
void extract_init(void);
/* Free the compiled expressions; no extract_page may run afterwards. */
void extract_shutdown(void);

/* One page -> one fragment (never NULL; empty for pages that describe
 * nothing). Thread-safe. */
model *extract_page(const page *p);
/* The same, the fragment going on in the free rest of the last chunk of
 * previous (the fragment this thread made before; may be NULL): the two
 * are then freed together (arena_pass_chunk), as a run's fragments are. */
model *extract_page_after(const page *p, model *previous);

#endif
