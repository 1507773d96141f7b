#include "extract/patterns.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Words a match needs, any one of them, each at the start of a word (no
 * letter, digit or '_' before it: where the pattern has \\b or a blank);
 * ASCII case-insensitively for the caseless patterns, those starting with
 * "(?i)"; "#" stands for three digits, the first 1 to 5. A subject with
 * none of them cannot match and is not handed to PCRE2: most descriptions
 * hold none of the words, and words are cheap to look for. No words: no
 * shortcut. Keep in step with the patterns; tests/extract checks that a
 * subject the shortcut rejects never matches, over every page at hand. */
static const char *const needed_words[PAT_COUNT][3] = {
    [PAT_POSSIBLE_VALUES] = {"value"},
    [PAT_READ_ONLY] = {"read"},
    [PAT_READ_ONLY_WHEN] = {"read"},
    [PAT_READ_WRITE] = {"read"},
    [PAT_NOT_NULLABLE] = {"not", "non", "cannot"},
    [PAT_NULLABLE] = {"nullable"},
    [PAT_REQUIRED] = {"Required"},
    [PAT_OPTIONAL] = {"Optional"},
    [PAT_INHERITED_FROM] = {"inherited"},
    [PAT_INHERITS_FROM] = {"from", "subclass"},
    [PAT_SERVER_GENERATED] = {"server"},
    [PAT_SUPPORTS_FILTER] = {"supports"},
    [PAT_STATUS] = {"#"},
    [PAT_BODY_TYPE] = {"representation"},
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

/* ---- the words a subject holds, found in one pass ----
 *
 * pattern_may_match is asked about the same description once per pattern
 * in a row; the words it holds are found once, in one pass, and kept per
 * thread with a copy of the subject they were found in. */

enum { MAX_WORDS = 32, CACHED_SUBJECT = 2048 };

static const char *words[MAX_WORDS]; /* every distinct needed word */
static int caseless_word[MAX_WORDS];
static size_t nwords;
static uint32_t needed_mask[PAT_COUNT];
static uint32_t unicode_fold_bit; /* set in a subject's mask: Kelvin sign or long s */
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static int word_is_caseless(const char *w)
{
    for (; *w; w++)
        if (*w >= 'A' && *w <= 'Z')
            return 0; /* written with capitals: matched as written */
    return 1;
}

static void index_words(void)
{
    for (int id = 0; id < PAT_COUNT; id++) {
        int caseless = pattern_text[id][0] == '(' && pattern_text[id][1] == '?' &&
                       pattern_text[id][2] == 'i';
        for (size_t k = 0; k < 3 && needed_words[id][k]; k++) {
            const char *w = needed_words[id][k];
            /* a caseless pattern's words are lower case, a case-sensitive
             * one's have a capital (or are "#") */
            if (caseless != word_is_caseless(w) && strcmp(w, "#") != 0)
                abort();
            size_t i = 0;
            while (i < nwords && strcmp(words[i], w) != 0)
                i++;
            if (i == nwords) {
                if (nwords == MAX_WORDS - 1)
                    abort();
                caseless_word[nwords] = word_is_caseless(w);
                words[nwords++] = w;
            }
            needed_mask[id] |= 1u << i;
        }
    }
    unicode_fold_bit = 1u << nwords;
}

static int word_at(const char *s, size_t k)
{
    const char *w = words[k];
    if (w[0] == '#')
        return s[0] >= '1' && s[0] <= '5' && s[1] >= '0' && s[1] <= '9' && s[2] >= '0' &&
               s[2] <= '9';
    if (caseless_word[k]) {
        for (; *w; w++, s++)
            if (((unsigned char)*s | 0x20) != (unsigned char)*w)
                return 0;
        return 1;
    }
    for (; *w; w++, s++)
        if (*s != *w)
            return 0;
    return 1;
}

/* Which first bytes can start a word: its first letter in both cases, or
 * any digit 1-5 for "#". */
static uint32_t starts_with[256];
static unsigned char word_byte[256]; /* letters, digits, '_': what \\b sees */

static void index_starts(void)
{
    for (size_t i = 0; i < nwords; i++) {
        unsigned char c = (unsigned char)words[i][0];
        if (c == '#') {
            for (c = '1'; c <= '5'; c++)
                starts_with[c] |= 1u << i;
        } else if (caseless_word[i]) {
            starts_with[c] |= 1u << i;
            starts_with[c & ~0x20u] |= 1u << i;
        } else {
            starts_with[c] |= 1u << i;
        }
    }
}

static int is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

static void index_all(void)
{
    index_words();
    index_starts();
    for (int c = 0; c < 256; c++)
        word_byte[c] = (unsigned char)is_word_byte((unsigned char)c);
}

static uint32_t words_of(const char *s, size_t n)
{
    uint32_t mask = 0;
    int in_word = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        uint32_t candidates = in_word ? 0 : starts_with[c] & ~mask;
        in_word = word_byte[c];
        while (candidates) {
            int k = __builtin_ctz(candidates);
            candidates &= candidates - 1;
            if (word_at(s + i, (size_t)k))
                mask |= 1u << k;
        }
        if (c >= 0xC5 &&
            ((c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x84 &&
              (unsigned char)s[i + 2] == 0xAA) ||
             (c == 0xC5 && i + 1 < n && (unsigned char)s[i + 1] == 0xBF)))
            mask |= unicode_fold_bit;
    }
    return mask;
}

typedef struct words_cache {
    char subject[CACHED_SUBJECT];
    size_t len; /* 0: empty */
    uint32_t mask;
} words_cache;

static _Thread_local words_cache cache;

static uint32_t words_in(const char *subject)
{
    size_t n = strlen(subject);
    if (n && n == cache.len && memcmp(subject, cache.subject, n) == 0)
        return cache.mask;
    uint32_t mask = words_of(subject, n);
    if (n < CACHED_SUBJECT) {
        memcpy(cache.subject, subject, n);
        cache.len = n;
        cache.mask = mask;
    }
    return mask;
}

int pattern_may_match(pattern_id id, const char *subject)
{
    if (!needed_words[id][0])
        return 1;
    pthread_once(&words_once, index_all);
    uint32_t mask = words_in(subject);
    int caseless = pattern_text[id][0] == '(' && pattern_text[id][1] == '?' &&
                   pattern_text[id][2] == 'i';
    /* Under PCRE2_UTF, caseless k and s also match the Kelvin sign and the
     * long s: a subject holding either gets no shortcut. */
    if (caseless && (mask & unicode_fold_bit))
        return 1;
    return (mask & needed_mask[id]) != 0;
}

int pattern_find(pattern_id id, const char *subject, size_t start,
                 pcre2_match_data *md)
{
    /* (the shortcut takes subject + start for a word start, which can
     * only find more words than there are: it stays on the safe side) */
    if (!subject || (start && start > strlen(subject)) ||
        !pattern_may_match(id, subject + start))
        return 0;
    return pattern_find_always(id, subject, start, md);
}

int pattern_find_always(pattern_id id, const char *subject, size_t start,
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
