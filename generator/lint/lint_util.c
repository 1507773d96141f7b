/* Regular expressions and small text helpers shared by the rules. */
#define PCRE2_CODE_UNIT_WIDTH 8

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcre2.h>

#include "lint/lint_internal.h"
#include "util/match_data_pool.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* Reason phrases of the statuses the docs mention; a bare number in prose
 * ("100 items") must not count as a status. */
#define REASON_PHRASES                                                      \
    "OK|Created|Accepted|Non-Authoritative Information|No Content|"         \
    "Reset Content|Partial Content|Multi-Status|Moved Permanently|Found|"   \
    "See Other|Not Modified|Temporary Redirect|Permanent Redirect|"         \
    "Bad Request|Unauthorized|Forbidden|Not Found|Method Not Allowed|"      \
    "Not Acceptable|Conflict|Gone|Precondition Failed|Payload Too Large|"   \
    "Request Entity Too Large|Unsupported Media Type|Too Many Requests|"    \
    "Internal Server Error|Not Implemented|Bad Gateway|"                    \
    "Service Unavailable|Gateway Timeout"

static const struct {
    const char *pattern;
    uint32_t options;
} patterns[RX_COUNT] = {
    /* Case matters: "todoTask" is a Graph type, "TODO" a placeholder. */
    [RX_PLACEHOLDER] = {"\\b(?:TODO|TBD|FIXME)\\b", 0},
    [RX_PROSE_STATUS] = {"\\b([1-5][0-9]{2})(?=\\s+(?:" REASON_PHRASES
                         ")\\b|\\s+(?:response|status)\\s+code)",
                         PCRE2_CASELESS},
    /* Open types take any property: their keys are not undeclared. The
     * docs say so in prose; openTypeExtension says "add untyped
     * properties". */
    [RX_OPEN_TYPE] = {"\\bis an? _?open type\\b|\\(open type\\)|"
                      "\\badd untyped properties\\b",
                      PCRE2_CASELESS},
};

static pcre2_code *compiled[RX_COUNT];
static pthread_mutex_t init_lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int initialised; /* read without the lock by matchers */

/* Match data is reused between matches (util/match_data_pool.h): room for
 * the whole match and a group in every pattern. */
static match_data_pool match_data = MATCH_DATA_POOL_INIT(4);

static pcre2_code *compile_pattern(const char *pattern, uint32_t options)
{
    int err;
    PCRE2_SIZE offset;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern,
                                     PCRE2_ZERO_TERMINATED, options, &err,
                                     &offset, NULL);
    if (!code) {
        /* The patterns are constants: failing here is a bug, not input. */
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(err, msg, sizeof msg);
        fprintf(stderr, "apimd: lint pattern %s: %s at %zu\n", pattern,
                (const char *)msg, (size_t)offset);
        abort();
    }
    /* No JIT: its vector reads past the end of the subject look like
     * invalid reads to valgrind, and the interpreter is fast enough for
     * cells and paragraphs. */
    return code;
}

void lint_init(void)
{
    pthread_mutex_lock(&init_lock);
    if (!atomic_load(&initialised)) {
        for (int i = 0; i < RX_COUNT; i++)
            compiled[i] = compile_pattern(patterns[i].pattern,
                                          patterns[i].options);
        atomic_store(&initialised, 1);
    }
    pthread_mutex_unlock(&init_lock);
}

void lint_shutdown(void)
{
    pthread_mutex_lock(&init_lock);
    for (int i = 0; i < RX_COUNT; i++) {
        pcre2_code_free(compiled[i]);
        compiled[i] = NULL;
    }
    match_data_pool_free(&match_data);
    atomic_store(&initialised, 0);
    pthread_mutex_unlock(&init_lock);
}

/* ASCII case-insensitive prefix test (the patterns are compiled without
 * PCRE2_UTF, so their caseless matching is ASCII too). */
static int starts_caseless(const char *p, const char *needle)
{
    for (size_t i = 0; needle[i]; i++)
        if (!p[i] || (p[i] | 0x20) != needle[i])
            return 0;
    return 1;
}

/* Either phrase, in one pass over the text. Both have a 'y' at a fixed
 * place ("open type", "add untyped"), and 'y' is a rare letter: looking
 * for it first skips most of the text in a library scan. */
static int contains_open_type_words(const char *text)
{
    for (const char *y = text; (y = strpbrk(y, "yY")) != NULL; y++) {
        size_t before = (size_t)(y - text);
        if ((before >= 6 && starts_caseless(y - 6, "open type")) ||
            (before >= 7 && starts_caseless(y - 7, "add untyped properties")))
            return 1;
    }
    return 0;
}

/* TODO, TBD or FIXME at p. */
static int placeholder_at(const char *p)
{
    return (p[0] == 'T' && p[1] == 'O' && p[2] == 'D' && p[3] == 'O') ||
           (p[0] == 'T' && p[1] == 'B' && p[2] == 'D') ||
           (p[0] == 'F' && p[1] == 'I' && p[2] == 'X' && p[3] == 'M' &&
            p[4] == 'E');
}

/* Whether a placeholder word starts somewhere in text: "True", "The",
 * "False" are told apart by their next letter. */
static int has_placeholder_word(const char *text)
{
    for (const char *p = text; (p = strpbrk(p, "TF")) != NULL; p++)
        if (placeholder_at(p))
            return 1;
    return 0;
}

/* Three digits, the first 1 to 5: what a status code needs. Digits are
 * rare in prose, so a library scan finds the candidates. */
static int has_status_digits(const char *text)
{
    for (const char *p = text; (p = strpbrk(p, "12345")) != NULL; p++)
        if (p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9')
            return 1;
    return 0;
}

/* A cheap test that is true whenever the pattern could match text: most
 * cells, lines and paragraphs hold none of the words the patterns need,
 * and they are then not handed to the regex engine at all. Keep in step
 * with the patterns above. */
int lint_regex_may_match(lint_regex_id id, const char *text)
{
    switch (id) {
    case RX_PLACEHOLDER:
        return has_placeholder_word(text);
    case RX_PROSE_STATUS:
        return has_status_digits(text);
    case RX_OPEN_TYPE:
        return contains_open_type_words(text);
    case RX_COUNT:
        break;
    }
    return 1;
}

int lint_regex_find(lint_regex_id id, const char *text, size_t start,
                    size_t *match_start, size_t *match_end)
{
    if (!atomic_load(&initialised))
        lint_init();
    /* The quick scan first: most texts end there, unmeasured. */
    if (start > 0 && start > strlen(text))
        return 0;
    if (!lint_regex_may_match(id, text + start))
        return 0;
    size_t len = strlen(text);
    pcre2_match_data *md = match_data_pool_take(&match_data);
    int rc = pcre2_match(compiled[id], (PCRE2_SPTR)text, len, start, 0, md,
                         NULL);
    int found = 0;
    if (rc > 0) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        int group = rc > 1 ? 1 : 0;
        *match_start = ov[2 * group];
        *match_end = ov[2 * group + 1];
        found = 1;
    }
    match_data_pool_give_back(&match_data, md);
    return found;
}

/* Where a sentence that starts at text[start] ends: after ". " or at the
 * end of the text. */
static size_t sentence_end(const char *text, size_t start)
{
    size_t i = start;
    for (; text[i]; i++)
        if ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
            (text[i + 1] == ' ' || text[i + 1] == '\0'))
            return i + 1;
    return i;
}

/* Do not cut a UTF-8 sequence in two. */
static size_t utf8_boundary(const char *text, size_t at)
{
    while (at > 0 && ((unsigned char)text[at] & 0xC0) == 0x80)
        at--;
    return at;
}

char *lint_excerpt(const char *text, size_t start, size_t max)
{
    size_t end = sentence_end(text, start);
    strbuf b = STRBUF_INIT;
    if (end - start > max) {
        end = utf8_boundary(text, start + max);
        while (end > start && text[end - 1] == ' ')
            end--;
        strbuf_add(&b, text + start, end - start);
        strbuf_puts(&b, "...");
    } else {
        strbuf_add(&b, text + start, end - start);
    }
    return strbuf_detach(&b);
}

int lint_is_blank(const char *s)
{
    if (!s)
        return 1;
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
            return 0;
    return 1;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

int lint_strcasecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = ascii_lower((unsigned char)*a);
        int cb = ascii_lower((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

int lint_strncasecmp(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int ca = ascii_lower((unsigned char)a[i]);
        int cb = ascii_lower((unsigned char)b[i]);
        if (ca != cb || !ca)
            return ca - cb;
    }
    return 0;
}

const char *lint_type_short_name(const char *odata_type)
{
    if (!odata_type)
        return NULL;
    const char *dot = strrchr(odata_type, '.');
    const char *name = dot ? dot + 1 : odata_type;
    return *name == '#' ? name + 1 : name;
}

int lint_rule_enabled(const lint_context *ctx, const char *rule_id)
{
    const lint_rule *rule = lint_rule_find(rule_id);
    if (!rule)
        return 1;
    return lint_config_severity(ctx ? ctx->config : NULL, rule) != LINT_OFF;
}

int lint_rule_on(const lint_context *ctx, lint_rule_id id)
{
    size_t n;
    const lint_rule *rules = lint_rules(&n);
    return lint_config_severity(ctx ? ctx->config : NULL, &rules[id]) !=
           LINT_OFF;
}
