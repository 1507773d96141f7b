/* What the templates look up in the view, to choose how the view is
 * built: each type's whole view made just before its files are rendered
 * and dropped after (little memory), or every whole view made first and
 * kept in the root's lists (what a template that reads other types' views
 * needs). */
#ifndef APIMD_TEMPLATE_USE_H
#define APIMD_TEMPLATE_USE_H

#include <stddef.h>

#include <cjson/cJSON.h>

/* Whether the templates need the whole views in the root's lists, given
 * the root as c_view_begin makes it (lists of the types' entries). Yes
 * when a library-wide template (library[], or a partial or parent it
 * expands) looks up a key that neither the root nor an item of its lists
 * has, or when a type's template (per_type[], and what it expands) looks
 * up the root's lists `types` or `enums`, which it would otherwise find
 * holding entries. Yes too when a template does not compile: the
 * rendering reports it. Templates come from templates_dir first (NULL:
 * the shipped ones only). */
int templates_need_whole_views(const char *templates_dir, const cJSON *root,
                               const char *const *library, size_t nlibrary,
                               const char *const *per_type, size_t nper_type);

#endif
