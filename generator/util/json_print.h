/* Printing cJSON values: the same bytes as cJSON_Print (tabs, "key":\tvalue,
 * arrays on one line with ", "), written straight into a strbuf. For big
 * documents such as the schema model it is several times faster than
 * cJSON_Print, whose buffer grows by reallocating and which formats every
 * number with sprintf and reads it back with sscanf. */
#ifndef APIMD_JSON_PRINT_H
#define APIMD_JSON_PRINT_H

#include <string.h>

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

/* A writer of the same text without any tree: for documents made from
 * other data (a lint report, the schema model), the members are written
 * in order as they come. Keys are the caller's and are printed as they
 * are (they must need no escaping); key is ignored inside arrays. */
enum { JSON_WRITER_MAX_DEPTH = 16 };

typedef struct json_writer {
    strbuf *out;
    size_t depth; /* open objects and arrays */
    struct {
        int array;
        size_t count; /* members so far */
    } open[JSON_WRITER_MAX_DEPTH];
} json_writer;

void json_writer_init(json_writer *w, strbuf *out);

/* The functions take the key's length; the inline forms below measure it,
 * which costs nothing for the literal keys of a format once inlined. */
void json_write_lead_n(json_writer *w, const char *key, size_t nkey);
void json_write_begin_object_n(json_writer *w, const char *key, size_t nkey);
void json_write_begin_array_n(json_writer *w, const char *key, size_t nkey);
void json_write_end(json_writer *w); /* the innermost object or array */
void json_write_string_n(json_writer *w, const char *key, size_t nkey, const char *s);
void json_write_number_n(json_writer *w, const char *key, size_t nkey, double d);
void json_write_bool_n(json_writer *w, const char *key, size_t nkey, int b);
void json_write_null_n(json_writer *w, const char *key, size_t nkey);

static inline size_t json_key_length(const char *key) { return key ? strlen(key) : 0; }

/* What goes before a value named key: a new indented line in an object,
 * ", " between the elements of an array. Then the value is appended by
 * the caller (json_print_string, json_print_nested, ...). */
static inline void json_write_lead(json_writer *w, const char *key)
{
    json_write_lead_n(w, key, json_key_length(key));
}

static inline void json_write_begin_object(json_writer *w, const char *key)
{
    json_write_begin_object_n(w, key, json_key_length(key));
}

static inline void json_write_begin_array(json_writer *w, const char *key)
{
    json_write_begin_array_n(w, key, json_key_length(key));
}

static inline void json_write_string(json_writer *w, const char *key, const char *s)
{
    json_write_string_n(w, key, json_key_length(key), s);
}

static inline void json_write_number(json_writer *w, const char *key, double d)
{
    json_write_number_n(w, key, json_key_length(key), d);
}

static inline void json_write_bool(json_writer *w, const char *key, int b)
{
    json_write_bool_n(w, key, json_key_length(key), b);
}

static inline void json_write_null(json_writer *w, const char *key)
{
    json_write_null_n(w, key, json_key_length(key));
}

#endif
