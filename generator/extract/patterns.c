#include "extract/patterns.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/match_data_pool.h"

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

/* For some patterns, words a match needs as well, any one of them (the
 * same rules): "not" is in many descriptions, "not nullable" in few. */
static const char *const also_needed_words[PAT_COUNT][4] = {
    [PAT_POSSIBLE_VALUES] = {"possible", "supported", "valid", "allowed"},
    [PAT_READ_WRITE] = {"write", "readwrite"},
    [PAT_NOT_NULLABLE] = {"null", "nonnull"},
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

/* Match data handed back by pages done with it, for the next pages to
 * take, whichever thread extracts them (util/match_data_pool.h): what
 * PCRE2 keeps in it (its backtracking frames) is then allocated once, not
 * once per page. */
static match_data_pool match_data = MATCH_DATA_POOL_INIT(8);

void patterns_free(void)
{
    match_data_pool_free(&match_data);
    for (int i = 0; i < PAT_COUNT; i++) {
        pcre2_code_free(compiled[i]);
        compiled[i] = NULL;
    }
}

pcre2_match_data *patterns_match_data(void)
{
    return pcre2_match_data_create(8, NULL);
}

pcre2_match_data *patterns_take_match_data(void)
{
    return match_data_pool_take(&match_data);
}

void patterns_give_back_match_data(pcre2_match_data *md)
{
    match_data_pool_give_back(&match_data, md);
}

/* ---- the words a subject holds, found in one pass ----
 *
 * The same pass tells whether the subject is valid UTF-8, which PCRE2
 * would otherwise check again on every search. A pattern_subject keeps
 * what the pass found for the searches of one text; pattern_find, asked
 * about the same subject several times in a row (a status code and the
 * next one), keeps it per thread with a copy of the subject it was found
 * in. */

enum { MAX_WORDS = 32, CACHED_SUBJECT = 2048 };

static const char *words[MAX_WORDS]; /* every distinct needed word */
static int caseless_word[MAX_WORDS];
static size_t nwords;
static uint32_t needed_mask[PAT_COUNT], also_needed_mask[PAT_COUNT];
static uint32_t unicode_fold_bit; /* set in a subject's mask: Kelvin sign or long s */
static pthread_once_t words_once = PTHREAD_ONCE_INIT;

static int word_is_caseless(const char *w)
{
    for (; *w; w++)
        if (*w >= 'A' && *w <= 'Z')
            return 0; /* written with capitals: matched as written */
    return 1;
}

/* The bit of a word in a subject's mask, numbering it if it is new. */
static uint32_t word_bit(int id, const char *w)
{
    int caseless = pattern_text[id][0] == '(' && pattern_text[id][1] == '?' &&
                   pattern_text[id][2] == 'i';
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
    return 1u << i;
}

static void index_words(void)
{
    for (int id = 0; id < PAT_COUNT; id++) {
        for (size_t k = 0; k < 3 && needed_words[id][k]; k++)
            needed_mask[id] |= word_bit(id, needed_words[id][k]);
        /* words needed as well, only with words needed at all */
        if (also_needed_words[id][0] && !needed_words[id][0])
            abort();
        for (size_t k = 0; k < 4 && also_needed_words[id][k]; k++)
            also_needed_mask[id] |= word_bit(id, also_needed_words[id][k]);
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
 * any digit 1-5 for "#"; and which bytes can come second (any digit for
 * "#"). The two rule out most words before they are compared. */
static uint32_t starts_with[256];
static uint32_t second_is[256];

/* What the scan of a subject needs to know of a byte, in one table: most
 * bytes are letters inside a word, which need nothing but WORD_BYTE. */
enum {
    WORD_BYTE = 1,  /* letters, digits, '_': what \\b sees */
    STARTS_WORD = 2, /* the first byte of a needed word */
    HIGH_BYTE = 4,  /* not ASCII: part of a UTF-8 sequence */
};
static unsigned char byte_class[256];

static void index_starts(void)
{
    for (size_t i = 0; i < nwords; i++) {
        unsigned char c = (unsigned char)words[i][0];
        unsigned char second = (unsigned char)words[i][1];
        /* every word has a second letter */
        if (!second && c != '#')
            abort();
        if (c == '#') {
            for (c = '1'; c <= '5'; c++)
                starts_with[c] |= 1u << i;
            for (c = '0'; c <= '9'; c++)
                second_is[c] |= 1u << i;
        } else if (caseless_word[i]) {
            starts_with[c] |= 1u << i;
            starts_with[c & ~0x20u] |= 1u << i;
            second_is[second] |= 1u << i;
            second_is[second & ~0x20u] |= 1u << i;
        } else {
            starts_with[c] |= 1u << i;
            second_is[second] |= 1u << i;
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
        byte_class[c] = (unsigned char)((is_word_byte((unsigned char)c) ? WORD_BYTE : 0) |
                                        (starts_with[c] ? STARTS_WORD : 0) |
                                        (c >= 0x80 ? HIGH_BYTE : 0));
}

/* Well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * past U+10FFFF), the check PCRE2 makes of a subject before matching it.
 * A subject that passes here passes there, so it can skip PCRE2's own. */
static int is_valid_utf8(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        uint32_t cp, least;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2, cp = c & 0x1Fu, least = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3, cp = c & 0x0Fu, least = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4, cp = c & 0x07u, least = 0x10000;
        } else {
            return 0;
        }
        if (n - i < len)
            return 0;
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if (cp < least || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += len;
    }
    return 1;
}

/* What the patterns' shortcut knows of a subject. */
typedef struct subject_facts {
    uint32_t words; /* the needed words it holds, and unicode_fold_bit */
    int valid_utf8;
} subject_facts;

static uint32_t needed_words_at(const char *s, size_t i, uint32_t found)
{
    /* s[i] is a word byte: s[i + 1] is at most the terminating NUL */
    uint32_t candidates = starts_with[(unsigned char)s[i]] &
                          second_is[(unsigned char)s[i + 1]] & ~found;
    while (candidates) {
        int k = __builtin_ctz(candidates);
        candidates &= candidates - 1;
        if (word_at(s + i, (size_t)k))
            found |= 1u << k;
    }
    return found;
}

static int is_unicode_fold_at(const char *s, size_t i, size_t n)
{
    unsigned char c = (unsigned char)s[i];
    return (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x84 &&
            (unsigned char)s[i + 2] == 0xAA) ||
           (c == 0xC5 && i + 1 < n && (unsigned char)s[i + 1] == 0xBF);
}

/* s is NUL-terminated at n. Words are looked at where they start, and
 * their other bytes skipped (a needed word starts with a letter or a
 * digit, so a word byte: the rest of a word cannot start one). */
static subject_facts facts_of(const char *s, size_t n)
{
    uint32_t mask = 0;
    int high = 0;
    for (size_t i = 0; i < n;) {
        unsigned cls = byte_class[(unsigned char)s[i]];
        if (cls & WORD_BYTE) {
            if (cls & STARTS_WORD)
                mask = needed_words_at(s, i, mask);
            while (byte_class[(unsigned char)s[++i]] & WORD_BYTE)
                continue;
            continue;
        }
        if (cls & HIGH_BYTE) {
            high = 1;
            if (is_unicode_fold_at(s, i, n))
                mask |= unicode_fold_bit;
        }
        i++;
    }
    subject_facts f = {mask, !high || is_valid_utf8((const unsigned char *)s, n)};
    return f;
}

typedef struct facts_cache {
    char subject[CACHED_SUBJECT];
    size_t len; /* 0: empty */
    subject_facts facts;
} facts_cache;

static _Thread_local facts_cache cache;

static subject_facts facts_in(const char *subject)
{
    pthread_once(&words_once, index_all);
    size_t n = strlen(subject);
    if (n && n == cache.len && memcmp(subject, cache.subject, n) == 0)
        return cache.facts;
    subject_facts f = facts_of(subject, n);
    if (n < CACHED_SUBJECT) {
        memcpy(cache.subject, subject, n);
        cache.len = n;
        cache.facts = f;
    }
    return f;
}

static int is_caseless(pattern_id id)
{
    return pattern_text[id][0] == '(' && pattern_text[id][1] == '?' &&
           pattern_text[id][2] == 'i';
}

static int words_may_match(pattern_id id, uint32_t mask)
{
    if (!needed_words[id][0])
        return 1;
    /* Under PCRE2_UTF, caseless k and s also match the Kelvin sign and the
     * long s: a subject holding either gets no shortcut. */
    if (is_caseless(id) && (mask & unicode_fold_bit))
        return 1;
    return (mask & needed_mask[id]) != 0 &&
           (!also_needed_mask[id] || (mask & also_needed_mask[id]) != 0);
}

int pattern_may_match(pattern_id id, const char *subject)
{
    if (!needed_words[id][0])
        return 1;
    return words_may_match(id, facts_in(subject).words);
}

static int run_pattern(pattern_id id, const char *subject, size_t start,
                       uint32_t options, pcre2_match_data *md)
{
    if (!subject || !compiled[id])
        return 0;
    /* Invalid UTF-8 is the reader's finding; here it only means no match. */
    int rc = pcre2_match(compiled[id], (PCRE2_SPTR)subject,
                         PCRE2_ZERO_TERMINATED, start, options, md, NULL);
    return rc > 0;
}

/* Three digits somewhere, the first 1 to 5: what "#" needs, found by a
 * library scan (digits are rare in prose) without the whole pass. */
static int has_status_digits(const char *s)
{
    for (const char *p = s; (p = strpbrk(p, "12345")) != NULL; p++)
        if (p[1] >= '0' && p[1] <= '9' && p[2] >= '0' && p[2] <= '9')
            return 1;
    return 0;
}

int pattern_find(pattern_id id, const char *subject, size_t start,
                 pcre2_match_data *md)
{
    /* (the shortcut takes subject + start for a word start, which can
     * only find more words than there are: it stays on the safe side) */
    if (!subject || (start && start > strlen(subject)))
        return 0;
    if (!needed_words[id][0])
        return run_pattern(id, subject, start, 0, md);
    /* The status codes of every paragraph are looked for: most have no
     * digits at all. */
    if (id == PAT_STATUS && !has_status_digits(subject + start))
        return 0;
    subject_facts f = facts_in(subject + start);
    if (!words_may_match(id, f.words))
        return 0;
    /* From the start, the facts are the whole subject's: its UTF-8 is
     * known good. */
    return run_pattern(id, subject, start,
                       start == 0 && f.valid_utf8 ? PCRE2_NO_UTF_CHECK : 0, md);
}

int pattern_find_always(pattern_id id, const char *subject, size_t start,
                        pcre2_match_data *md)
{
    return run_pattern(id, subject, start, 0, md);
}

void pattern_subject_init(pattern_subject *s, const char *text)
{
    s->text = text;
    s->words = 0;
    s->valid_utf8 = 0;
    if (!text)
        return;
    pthread_once(&words_once, index_all);
    subject_facts f = facts_of(text, strlen(text));
    s->words = f.words;
    s->valid_utf8 = f.valid_utf8;
}

int pattern_find_in(pattern_id id, const pattern_subject *s,
                    pcre2_match_data *md)
{
    if (!s->text || !words_may_match(id, s->words))
        return 0;
    return run_pattern(id, s->text, 0, s->valid_utf8 ? PCRE2_NO_UTF_CHECK : 0, md);
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
