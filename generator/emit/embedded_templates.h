/* The shipped templates (each templates/c/NAME.mustache), compiled into the binary
 * at build time by embed_templates.c, so that an installed apimd needs no
 * template directory. */
#ifndef APIMD_EMBEDDED_TEMPLATES_H
#define APIMD_EMBEDDED_TEMPLATES_H

#include <stddef.h>

typedef struct embedded_template {
    const char *name;          /* file name without ".mustache" */
    const unsigned char *text; /* NUL-terminated */
    size_t size;               /* without the NUL */
} embedded_template;

/* Sorted by name. */
extern const embedded_template embedded_c_templates[];
extern const size_t embedded_c_template_count;

/* The shipped template called name, or NULL. */
const embedded_template *embedded_c_template_find(const char *name);

#endif
