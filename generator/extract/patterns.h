/* The regular expressions of extraction, compiled once per process and
 * shared read-only by every thread; each call brings its own match data. */
#ifndef APIMD_EXTRACT_PATTERNS_H
#define APIMD_EXTRACT_PATTERNS_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <stddef.h>
#include <stdint.h>

typedef enum pattern_id {
    PAT_POSSIBLE_VALUES,  /* "Possible values are:" and its variants */
    PAT_READ_ONLY,        /* "Read-only" */
    PAT_READ_ONLY_WHEN,   /* only at times: "Read-only for synced users" */
    PAT_READ_WRITE,       /* "Read-write", "Read/write" */
    PAT_NOT_NULLABLE,     /* "Not nullable", "non-nullable" */
    PAT_NULLABLE,         /* "Nullable" */
    PAT_REQUIRED,         /* "Required." as a sentence of its own */
    PAT_OPTIONAL,         /* "Optional." as a sentence of its own */
    PAT_INHERITED_FROM,   /* "Inherited from entity" -> 1: type */
    PAT_INHERITS_FROM,    /* prose: "Inherits from entity", "This is a
                             subclass of entity" -> 1: type */
    PAT_SERVER_GENERATED, /* "Server generated" */
    PAT_SUPPORTS_FILTER,  /* "Supports $filter" */
    PAT_STATUS,           /* "200 OK" -> 1: code */
    PAT_BODY_TYPE,        /* "JSON representation of the call object" -> 1 */
    PAT_RESOURCE_TITLE,   /* "call resource type" -> 1: name */
    PAT_VALUES_HEADING,   /* "callState values" -> 1: enum name */
    PAT_COUNT
} pattern_id;

/* Compile every pattern (once, whoever calls first). */
void patterns_init(void);
void patterns_free(void);

/* Match data big enough for every pattern; free with
 * pcre2_match_data_free. */
pcre2_match_data *patterns_match_data(void);
/* The same from a pool shared by the threads: hand it back with
 * patterns_give_back_match_data (patterns_free frees the pool). */
pcre2_match_data *patterns_take_match_data(void);
void patterns_give_back_match_data(pcre2_match_data *md);

/* Search subject (NUL-terminated) from byte offset start. Returns 1 on a
 * match, 0 otherwise; the offsets are then in md. */
int pattern_find(pattern_id id, const char *subject, size_t start,
                 pcre2_match_data *md);

/* False only when the pattern cannot match subject: it lacks every word
 * the pattern needs (or every word it needs as well, for some patterns).
 * pattern_find asks it first. */
int pattern_may_match(pattern_id id, const char *subject);
/* pattern_find without that shortcut (for checking the shortcut). */
int pattern_find_always(pattern_id id, const char *subject, size_t start,
                        pcre2_match_data *md);

/* A subject several patterns are run over from its start (a description
 * and the facts it may state): what the shortcut needs to know of it is
 * found once, in one pass, rather than once per pattern. */
typedef struct pattern_subject {
    const char *text; /* NULL: matches nothing */
    uint32_t words;   /* the needed words it holds */
    int valid_utf8;   /* PCRE2 need not check it again */
} pattern_subject;

void pattern_subject_init(pattern_subject *s, const char *text);
/* pattern_find(id, s->text, 0, md), with what is known of the subject. */
int pattern_find_in(pattern_id id, const pattern_subject *s,
                    pcre2_match_data *md);

/* Byte range of capture group i of the last match (length 0 when unset). */
void pattern_group(pcre2_match_data *md, int i, size_t *start, size_t *len);

#endif
