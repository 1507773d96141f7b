/* Shared by the extractors of one page: the page, the fragment being built
 * and the helpers that read cells and prose. Not part of the stage's
 * interface (extract.h). */
#ifndef APIMD_EXTRACT_INTERNAL_H
#define APIMD_EXTRACT_INTERNAL_H

#include <stddef.h>

#include "extract/patterns.h"
#include "model/model.h"
#include "read/page.h"

typedef struct extract_ctx {
    const page *p;
    model *m;           /* the fragment */
    arena *mem;         /* &m->mem: everything the fragment keeps */
    const char *ns;     /* the page's namespace, or the default */
    const char *file;   /* the page's docs-relative path, in the fragment */
    pcre2_match_data *md;
    /* HTTP messages of code blocks the reader leaves unparsed
     * ("msgraph-interactive"), parsed here on demand, by code index. */
    arena scratch;
    http_block **http;
} extract_ctx;

/* The HTTP message of a code block: the reader's, or for a block whose
 * fence names another language but that holds a request or response
 * ("```msgraph-interactive"), one parsed here. NULL for other blocks. */
const http_block *code_http(extract_ctx *x, const page_code *c);
/* The heading a line is under, tab headings ("# [HTTP](#tab/http)")
 * skipped; with max_level, the nearest of that level or above. */
const page_heading *section_heading(const page *p, int line, int max_level);

#define DEFAULT_NAMESPACE "microsoft.graph"

/* Where something on the page is; the file name is the fragment's copy. */
src_ref ctx_ref(const extract_ctx *x, int line, int col);

/* Pieces of page text, as strings of the fragment. */
char *ctx_strndup(const extract_ctx *x, const char *s, size_t n);
char *ctx_group(const extract_ctx *x, const char *subject, int group);

/* Is the annotation's blockType this one (case-insensitive). */
int block_type_is(const page_annotation *a, const char *type);
/* Line of the page's level-1 heading (1 when it has none). */
int page_title_line(const page *p);

/* The heading a line belongs to (the nearest one above), or NULL. */
const page_heading *heading_above(const page *p, int line);

/* ASCII letters to lower case, as strcasecmp folds them in the C locale
 * the program runs in: a first letter compared this way rejects most
 * candidates before a whole comparison. */
static inline unsigned char fold_case(char c)
{
    unsigned char u = (unsigned char)c;
    return u >= 'A' && u <= 'Z' ? (unsigned char)(u + 32) : u;
}

/* Case-insensitive: does text contain needle. */
int contains_nocase(const char *text, const char *needle);
/* Case-insensitive: does text start with prefix. */
int starts_nocase(const char *text, const char *prefix);

/* The cell of a row at column col, or NULL for col < 0. */
const table_cell *row_cell(const page_table *t, const table_row *r, int col);

/* A name written in a cell ("**id**", "id (deprecated)"): the identifier
 * it starts with, or NULL when it starts with none. */
const char *cell_identifier(const extract_ctx *x, const char *text);

/* --- typecell.c: type cells ("[x](x.md) collection", "Int"...) --- */
type_ref typecell_parse(const extract_ctx *x, const table_cell *cell);
/* The same for a type named in prose, with the link that names it when
 * there is one. */
type_ref typename_parse(const extract_ctx *x, const char *text,
                        const page_link *link);

/* --- describe.c: the facts descriptions state --- */
/* Fill nullable, read-only, required, server-generated, filter support,
 * inherited-from and enum values from a description. */
void describe_property(const extract_ctx *x, model_property *prop,
                       const char *description);

/* --- the extractors --- */
void extract_json_examples(extract_ctx *x);
void extract_resource(extract_ctx *x);
void extract_enums(extract_ctx *x);
void extract_api(extract_ctx *x);
/* Property rows of a table into a type (navigation: a Relationships
 * table). Returns how many rows became properties. */
size_t extract_property_rows(extract_ctx *x, model_type *t,
                             const page_table *table, int navigation);
/* A JSON value of the page, copied for the fragment as an example. */
model_example *extract_example(extract_ctx *x, example_role role,
                               const cJSON *json, int line);
/* The @odata.type an annotation names ("@type" on some pages, and
 * "Collection(x)" for a collection): sets namespace and name. */
int annotation_type(const extract_ctx *x, const page_annotation *a,
                    const char **ns, const char **name);
/* Does the annotation say the body is a collection ("isCollection": true,
 * or an @odata.type "Collection(x)"). */
int annotation_collection(const page_annotation *a);

#endif
