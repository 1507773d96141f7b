/* Spelling model names as C: identifiers, string literal bodies and comment
 * text. Only spelling lives here; the C syntax around it is in templates. */
#ifndef APIMD_C_NAMES_H
#define APIMD_C_NAMES_H

#include <stddef.h>

#include "util/strbuf.h"
#include "view/name_index.h"

/* "appHostedMediaConfig" -> "app_hosted_media_config", "HTTPRequest" ->
 * "http_request", "@odata.etag" -> "odata_etag". Only [a-z0-9_], no leading,
 * trailing or doubled '_'; "" when the name has no letter or digit.
 * Returns a new string. */
char *c_snake_case(const char *name);
/* ASCII upper case copy: for macro and enum constant spellings. */
char *c_upper_case(const char *text);
/* True for C keywords (C11 and C23) and for the lower-case macros of the
 * standard headers a generated file or its user may include (errno, bool,
 * and, ...): a struct member spelled like one of them would not compile. */
int c_is_reserved_word(const char *identifier);
/* A member name from a model name: snake case; a leading digit gets a 'v'
 * in front, an empty name becomes "value", a reserved word gets a '_'
 * appended. Returns a new string. */
char *c_member_name(const char *name);

/* The spellings one name stands for: the name itself ("%s" = prefix "" and
 * suffix "") plus companions such as has_<name> or <name>_count. */
typedef struct c_affix {
    const char *prefix;
    const char *suffix;
} c_affix;

/* Claims the first spelling of stem (stem, stem_2, stem_3, ...) for which
 * every affixed form is still free in taken, registers all of them, and
 * returns the chosen stem (a new string). */
char *c_claim_name(name_index *taken, const char *stem, const c_affix *affixes,
                   size_t naffixes);

/* Appends text so that it can stand between the quotes of a C string
 * literal: quotes, backslashes and "??" trigraph starts escaped, bytes
 * outside printable ASCII written as octal escapes. */
void c_append_string_body(strbuf *out, const char *text);
/* Appends text so that it can stand inside a block comment: no comment
 * openers or closers, no trigraphs, no control characters. */
void c_append_comment_text(strbuf *out, const char *text);

#endif
