/* Printing cJSON values: the same bytes as cJSON_Print (tabs, "key":\tvalue,
 * arrays on one line with ", "), written straight into a strbuf. For big
 * documents such as the schema model it is several times faster than
 * cJSON_Print, whose buffer grows by reallocating and which formats every
 * number with sprintf and reads it back with sscanf. */
#ifndef APIMD_JSON_PRINT_H
#define APIMD_JSON_PRINT_H

#include <cjson/cJSON.h>

#include "util/strbuf.h"

/* Appends item as cJSON_Print(item) would print it. Returns 0, or -1
 * where cJSON_Print would fail (a raw item without text, an unknown type);
 * out then holds the text up to that item. */
int json_print(const cJSON *item, strbuf *out);

/* Appends item as it is printed nested depth levels deep inside a document
 * (inside depth objects and arrays): what json_print of the document puts
 * there. For printing a big document a piece at a time. */
int json_print_nested(const cJSON *item, size_t depth, strbuf *out);

/* A string (quoted and escaped; NULL as "") or a number, as json_print
 * prints them. */
void json_print_string(const char *s, strbuf *out);
void json_print_number(double d, strbuf *out);

/* The same text, handed to flush(ctx, data, len) piece by piece: buf (left
 * empty) collects at least chunk bytes between calls, so a big document
 * never sits in memory whole. Returns 0, or -1 where json_print fails or
 * when flush returns non-zero (nothing more is printed then). */
int json_print_stream(const cJSON *item, strbuf *buf, size_t chunk,
                      int (*flush)(void *ctx, const char *data, size_t len), void *ctx);

#endif
