/* links: relative links whose target does not exist, or exists only when
 * case is ignored (fine on Windows and macOS, broken on Linux, where the
 * docs site is built).
 *
 * Only links that stay inside the docs root are checked. Site-absolute
 * links ("/graph/overview") and URLs are left alone, and so are links into
 * a top-level folder the root does not have: docs trees are often partial
 * checkouts ("../includes/" lives outside the api reference), and every
 * include would be reported otherwise.
 */
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "model/type_index.h" /* folded_name_hash */
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { MAX_COMPONENTS = 64 };

static int is_scheme_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '-';
}

/* "https:", "mailto:", "//host", "/site/path", "#anchor": not files. */
static int is_checkable(const char *target)
{
    if (!target || !*target || target[0] == '#' || target[0] == '/' ||
        target[0] == '\\')
        return 0;
    size_t scheme = 0;
    while (is_scheme_char(target[scheme]))
        scheme++;
    return !(scheme > 0 && target[scheme] == ':');
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* The file part of a link into b: no query or fragment, %XX decoded. */
static void link_file_part(const char *target, strbuf *b)
{
    size_t n = strcspn(target, "?#");
    strbuf_add(b, "", 0);
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        /* the text up to the next '%' as it is */
        const char *pct = memchr(target + i, '%', n - i);
        size_t run = pct ? (size_t)(pct - (target + i)) : n - i;
        strbuf_add(b, target + i, run);
        i += run;
        if (i >= n)
            break;
        if (i + 2 < n + 1 &&
            (hi = hex_value(target[i + 1])) >= 0 &&
            (lo = hex_value(target[i + 2])) >= 0) {
            strbuf_putc(b, (char)(hi * 16 + lo));
            i += 2;
        } else {
            strbuf_putc(b, target[i]);
        }
    }
}

typedef struct components {
    char *item[MAX_COMPONENTS];
    size_t count;
} components;

static int is_separator(char c) { return c == '/' || c == '\\'; }

/* The next segment of *path, cut off with a NUL; NULL at the end. Empty
 * segments ("a//b") are skipped. */
static char *next_segment(char **path)
{
    char *s = *path;
    while (is_separator(*s))
        s++;
    if (!*s)
        return NULL;
    char *seg = s;
    s += strcspn(s, "/\\");
    if (*s)
        *s++ = '\0';
    *path = s;
    return seg;
}

/* Add the segments of path to c, resolving "." and "..". Returns -1 when
 * ".." climbs above the root or there are too many segments. */
static int push_path(components *c, char *path)
{
    for (char *seg; (seg = next_segment(&path)) != NULL;) {
        if (seg[0] == '.' && seg[1] == '\0')
            continue;
        if (seg[0] == '.' && seg[1] == '.' && seg[2] == '\0') {
            if (c->count == 0)
                return -1;
            c->count--;
            continue;
        }
        if (c->count == MAX_COMPONENTS)
            return -1;
        c->item[c->count++] = seg;
    }
    return 0;
}

/* The directory the page's rel_path is relative to. */
static char *page_root(const page *p, const lint_context *ctx)
{
    const char *path = p->path ? p->path : "";
    const char *rel = p->rel_path ? p->rel_path : "";
    size_t plen = strlen(path), rlen = strlen(rel);
    if (rlen > 0 && plen >= rlen && strcmp(path + plen - rlen, rel) == 0) {
        size_t root_len = plen - rlen;
        while (root_len > 0 && path[root_len - 1] == '/')
            root_len--;
        return root_len ? xstrndup(path, root_len) : xstrdup(".");
    }
    if (ctx && ctx->ndocs_roots > 0)
        return xstrdup(ctx->docs_roots[0]);
    return xstrdup(".");
}

typedef enum lookup_result {
    FOUND_EXACT,
    FOUND_IGNORING_CASE,
    NOT_FOUND,
} lookup_result;

static int compare_name(const void *key, const void *item)
{
    return strcmp((const char *)key, *(const char *const *)item);
}

/* Look a name up in a directory; *index is the name as it is on disk. */
static lookup_result lookup_name(const lint_dir *dir, const char *name,
                                 size_t *index)
{
    size_t n;
    const char *const *names = lint_dir_names(dir, &n);
    if (!names)
        return NOT_FOUND;
    const char *const *exact = bsearch(name, names, n, sizeof *names,
                                       compare_name);
    if (exact) {
        *index = (size_t)(exact - names);
        return FOUND_EXACT;
    }
    /* The first letter rules out most names without a comparison. */
    int first = name[0] >= 'A' && name[0] <= 'Z' ? name[0] + 'a' - 'A'
                                                 : name[0];
    for (size_t i = 0; i < n; i++) {
        int c = names[i][0] >= 'A' && names[i][0] <= 'Z'
                    ? names[i][0] + 'a' - 'A'
                    : names[i][0];
        if (c == first && lint_strcasecmp(names[i], name) == 0) {
            *index = i;
            return FOUND_IGNORING_CASE;
        }
    }
    return NOT_FOUND;
}

/* A name in dir that differs from name only in case, '-' against '_', or
 * nothing at all: what the writer probably meant. NULL when none. */
static const char *near_name(const lint_dir *dir, const char *name)
{
    size_t n;
    const char *const *names = lint_dir_names(dir, &n);
    for (size_t i = 0; names && i < n; i++) {
        const char *a = names[i], *b = name;
        for (; *a && *b; a++, b++) {
            int ca = *a == '_' ? '-' : *a, cb = *b == '_' ? '-' : *b;
            if (ca >= 'A' && ca <= 'Z')
                ca += 'a' - 'A';
            if (cb >= 'A' && cb <= 'Z')
                cb += 'a' - 'A';
            if (ca != cb)
                break;
        }
        if (!*a && !*b)
            return names[i];
    }
    return NULL;
}

typedef struct link_check {
    const page *p;
    const page_link *link;
    const lint_context *ctx;
    lint_findings *out;
} link_check;

/* The link as it should be written: the target with the last resolved
 * segments replaced by the names on disk. */
static void suggest_target(const char *target, const components *on_disk,
                           size_t from, strbuf *out)
{
    /* Keep the written prefix ("../resources/") and put the on-disk
     * spelling of the remaining segments after it. */
    size_t n = strcspn(target, "?#");
    size_t keep = n;
    for (size_t k = from; k < on_disk->count && keep > 0; k++) {
        keep--;
        while (keep > 0 && target[keep - 1] != '/')
            keep--;
    }
    strbuf_add(out, target, keep);
    for (size_t k = from; k < on_disk->count; k++)
        strbuf_printf(out, "%s%s", k > from ? "/" : "", on_disk->item[k]);
    strbuf_puts(out, target + n);
}

static void report_case(const link_check *lc, const components *on_disk,
                        size_t first_wrong)
{
    strbuf right = STRBUF_INIT;
    suggest_target(lc->link->target, on_disk, first_wrong, &right);
    lint_findings_add(lc->out, "link-case", lc->p->rel_path, lc->link->line,
                      lc->link->col,
                      "link target \"%s\" exists only as \"%s\": "
                      "case-sensitive file systems will not find it",
                      lc->link->target, strbuf_cstr(&right));
    strbuf_free(&right);
}

static void report_broken(const link_check *lc, const lint_dir *dir,
                          const char *missing)
{
    const char *near = near_name(dir, missing);
    if (near)
        lint_findings_add(lc->out, "link-broken", lc->p->rel_path,
                          lc->link->line, lc->link->col,
                          "link target \"%s\" does not exist (there is "
                          "\"%s\")",
                          lc->link->target, near);
    else
        lint_findings_add(lc->out, "link-broken", lc->p->rel_path,
                          lc->link->line, lc->link->col,
                          "link target \"%s\" does not exist",
                          lc->link->target);
}

/* Walk the resolved segments from the root, one directory listing each.
 * Returns whether the link was reported. */
static int check_components(const link_check *lc, const lint_dir *root,
                            components *c)
{
    const lint_dir *dir = root;
    components on_disk = *c;
    size_t first_wrong = c->count;
    for (size_t i = 0; i < c->count; i++) {
        size_t index = 0;
        lookup_result r = lookup_name(dir, c->item[i], &index);
        if (r == NOT_FOUND) {
            /* A top-level folder the tree lacks is outside the docs we
             * have, not a broken link. */
            if (i == 0)
                return 0;
            report_broken(lc, dir, c->item[i]);
            return 1;
        }
        if (r == FOUND_IGNORING_CASE && first_wrong == c->count)
            first_wrong = i;
        size_t n;
        on_disk.item[i] = (char *)lint_dir_names(dir, &n)[index];
        if (i + 1 < c->count)
            dir = lint_dir_child(lc->ctx->dirs, dir, index);
    }
    if (first_wrong == c->count)
        return 0;
    report_case(lc, &on_disk, first_wrong);
    return 1;
}

/* The directory of a page, cut into its segments once for all the
 * page's links. */
typedef struct page_base {
    char *text;
    components segments;
    int ok; /* 0: no link of the page resolves */
} page_base;

static void page_base_init(page_base *b, const char *rel_path)
{
    b->text = xstrdup(rel_path ? rel_path : "");
    char *slash = strrchr(b->text, '/');
    if (slash)
        *slash = '\0';
    else
        b->text[0] = '\0';
    b->segments.count = 0;
    b->ok = push_path(&b->segments, b->text) == 0;
}

static void page_base_free(page_base *b) { free(b->text); }

/* The docs-relative segments a checkable link leads to, in c: 0 when
 * there are none. They point into file, which holds the link's file
 * part. */
static int resolve_link(const page_base *base, const char *target,
                        strbuf *file, components *c)
{
    strbuf_reset(file);
    link_file_part(target, file);
    if (!file->data[0] || !base->ok)
        return 0;
    c->count = base->segments.count;
    memcpy(c->item, base->segments.item, c->count * sizeof *c->item);
    return push_path(c, file->data) == 0 && c->count > 0;
}

/* The targets of a page's links that were checked and found fine, by
 * hash: a page links the same few types again and again, and a target
 * that was fine once is fine every time. (A target with a finding is
 * checked again: each of its links is reported.) */
enum { FINE_TARGETS_ON_STACK = 64 };

typedef struct fine_targets {
    const char **slots; /* NULL: empty */
    size_t mask;
    const char *few[FINE_TARGETS_ON_STACK]; /* the slots of most pages */
} fine_targets;

static void fine_targets_init(fine_targets *f, size_t nlinks)
{
    size_t cap = FINE_TARGETS_ON_STACK;
    while (cap < 2 * nlinks)
        cap *= 2;
    if (cap == FINE_TARGETS_ON_STACK) {
        memset(f->few, 0, sizeof f->few);
        f->slots = f->few;
    } else {
        f->slots = xcalloc(cap, sizeof *f->slots);
    }
    f->mask = cap - 1;
}

static void fine_targets_free(fine_targets *f)
{
    if (f->slots != f->few)
        free(f->slots);
}

/* The slot of target, or the empty slot where it would go. */
static const char **fine_target_slot(const fine_targets *f,
                                     const char *target)
{
    size_t at = (size_t)folded_name_hash(target) & f->mask;
    while (f->slots[at] && strcmp(f->slots[at], target) != 0)
        at = (at + 1) & f->mask;
    return &f->slots[at];
}

/* What every link of a page shares. */
typedef struct page_links {
    const char *root_path;
    const lint_dir *root; /* read when the first link needs it */
    page_base base;
    strbuf file;
    fine_targets fine;
} page_links;

/* Returns whether the link was reported. */
static int check_target(const link_check *lc, page_links *pl)
{
    components c;
    if (!resolve_link(&pl->base, lc->link->target, &pl->file, &c))
        return 0;
    if (!pl->root)
        pl->root = lint_dir_open(lc->ctx->dirs, pl->root_path);
    return check_components(lc, pl->root, &c);
}

static void check_link(const link_check *lc, page_links *pl)
{
    const char *target = lc->link->target;
    if (!is_checkable(target))
        return;
    const char **slot = fine_target_slot(&pl->fine, target);
    if (*slot)
        return;
    if (!check_target(lc, pl))
        *slot = target;
}

char *lint_link_resolve(const char *rel_path, const char *target)
{
    if (!is_checkable(target))
        return NULL;
    page_base base;
    page_base_init(&base, rel_path);
    strbuf file = STRBUF_INIT;
    components c;
    char *resolved = NULL;
    if (resolve_link(&base, target, &file, &c)) {
        strbuf b = STRBUF_INIT;
        for (size_t i = 0; i < c.count; i++) {
            if (i)
                strbuf_putc(&b, '/');
            strbuf_puts(&b, c.item[i]);
        }
        resolved = strbuf_detach(&b);
    }
    strbuf_free(&file);
    page_base_free(&base);
    return resolved;
}

void lint_rules_links(const page *p, const lint_context *ctx,
                      lint_findings *out)
{
    if (!ctx || !ctx->dirs ||
        (!lint_rule_on(ctx, LINT_RULE_LINK_BROKEN) &&
         !lint_rule_on(ctx, LINT_RULE_LINK_CASE)))
        return;
    char *root = page_root(p, ctx);
    page_links pl = {root, NULL, {0}, STRBUF_INIT, {NULL, 0, {NULL}}};
    page_base_init(&pl.base, p->rel_path);
    fine_targets_init(&pl.fine, p->nlinks);
    for (size_t i = 0; i < p->nlinks; i++) {
        link_check lc = {p, &p->links[i], ctx, out};
        check_link(&lc, &pl);
    }
    strbuf_free(&pl.file);
    page_base_free(&pl.base);
    fine_targets_free(&pl.fine);
    free(root);
}
