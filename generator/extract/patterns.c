#include "extract/patterns.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* One entry per pattern_id, in the same order. */
static const char *const pattern_text[PAT_COUNT] = {
    [PAT_POSSIBLE_VALUES] =
        "(?i)\\b(?:possible|supported|valid|allowed)\\s+values?"
        "(?:\\s+(?:are|is|include|includes|for\\s+this\\s+property\\s+are))?"
        "\\s*:?",
    [PAT_READ_ONLY] = "(?i)\\bread[- ]?only\\b",
    /* "Read-only for users synced from on-premises directory", "Once set,
     * this property is read-only", "Whether this team is in read-only
     * mode": read-only at times, or not the property at all. */
    [PAT_READ_ONLY_WHEN] =
        "(?i)\\bread[- ]?only\\s+(?:for|when|if|after|once|unless|except)\\b|"
        "\\b(?:once|after|when|if|whether|until|unless)\\b[^.|]*?"
        "\\bread[- ]?only\\b",
    [PAT_READ_WRITE] = "(?i)\\bread[-/ ]?write\\b",
    [PAT_NOT_NULLABLE] =
        "(?i)\\b(?:not\\s+nullable|non-?nullable|cannot\\s+be\\s+null)\\b",
    [PAT_NULLABLE] = "(?i)\\bnullable\\b",
    [PAT_REQUIRED] = "(?:^|[.;:]\\s*)Required\\s*(?:[.;]|$)",
    [PAT_OPTIONAL] = "(?:^|[.;:]\\s*)Optional\\s*(?:[.;]|$)",
    [PAT_INHERITED_FROM] =
        "(?i)\\binherited\\s+from\\s+(?:the\\s+)?"
        "([A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_])",
    [PAT_INHERITS_FROM] =
        "(?i)\\b(?:(?:inherits|derives|derived|inherited)\\s+from|"
        "subclass\\s+of)\\s+(?:the\\s+)?"
        "([A-Za-z_][A-Za-z0-9_.]*[A-Za-z0-9_])",
    [PAT_SERVER_GENERATED] = "(?i)\\bserver[- ]generated\\b",
    [PAT_SUPPORTS_FILTER] = "(?i)\\bsupports\\s+(?:the\\s+)?\\$?filter\\b",
    [PAT_STATUS] =
        "\\b([1-5][0-9]{2})\\s+(?:OK|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*)\\b",
    [PAT_BODY_TYPE] =
        "(?i)JSON\\s+representation\\s+(?:of|for)\\s+(?:an?\\s+|the\\s+)?"
        "(?:new\\s+|updated\\s+)?([A-Za-z_][A-Za-z0-9_.]*)",
    [PAT_RESOURCE_TITLE] =
        "(?i)^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s+"
        "(?:resource|complex|entity|enum|facet)\\b",
    [PAT_VALUES_HEADING] =
        "(?i)^\\s*([A-Za-z_][A-Za-z0-9_.]*)\\s+(?:enum\\s+)?values?\\s*$",
};

static pcre2_code *compiled[PAT_COUNT];
static pthread_once_t compile_once = PTHREAD_ONCE_INIT;

static pcre2_code *compile_pattern(const char *text)
{
    int err;
    PCRE2_SIZE offset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF, &err, &offset, NULL);
    if (!code) {
        /* The patterns are constants: a failure is a bug, not bad input. */
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        fprintf(stderr, "apimd: bad pattern at %zu: %s: %s\n", (size_t)offset,
                (const char *)msg, text);
        abort();
    }
    /* JIT where available; matching works the same without it. */
    (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
    return code;
}

static void compile_all(void)
{
    for (int i = 0; i < PAT_COUNT; i++)
        compiled[i] = compile_pattern(pattern_text[i]);
}

void patterns_init(void)
{
    pthread_once(&compile_once, compile_all);
}

void patterns_free(void)
{
    for (int i = 0; i < PAT_COUNT; i++) {
        pcre2_code_free(compiled[i]);
        compiled[i] = NULL;
    }
}

pcre2_match_data *patterns_match_data(void)
{
    return pcre2_match_data_create(8, NULL);
}

int pattern_find(pattern_id id, const char *subject, size_t start,
                 pcre2_match_data *md)
{
    if (!subject || !compiled[id])
        return 0;
    /* Invalid UTF-8 is the reader's finding; here it only means no match. */
    int rc = pcre2_match(compiled[id], (PCRE2_SPTR)subject,
                         PCRE2_ZERO_TERMINATED, start, 0, md, NULL);
    return rc > 0;
}

void pattern_group(pcre2_match_data *md, int i, size_t *start, size_t *len)
{
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    uint32_t n = pcre2_get_ovector_count(md);
    if ((uint32_t)i >= n || ov[2 * i] == PCRE2_UNSET) {
        *start = 0;
        *len = 0;
        return;
    }
    *start = ov[2 * i];
    *len = ov[2 * i + 1] - ov[2 * i];
}
