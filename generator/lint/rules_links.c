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
#include "util/strbuf.h"
#include "util/xalloc.h"

enum { MAX_COMPONENTS = 64 };

/* "https:", "mailto:", "//host", "/site/path", "#anchor": not files. */
static int is_checkable(const char *target)
{
    if (!target || !*target || target[0] == '#' || target[0] == '/' ||
        target[0] == '\\')
        return 0;
    size_t scheme = strspn(target, "abcdefghijklmnopqrstuvwxyz"
                                   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");
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

/* The file part of a link: no query or fragment, %XX decoded. */
static char *link_file_part(const char *target)
{
    size_t n = strcspn(target, "?#");
    strbuf b = STRBUF_INIT;
    strbuf_add(&b, "", 0);
    for (size_t i = 0; i < n; i++) {
        int hi, lo;
        /* the text up to the next '%' as it is */
        const char *pct = memchr(target + i, '%', n - i);
        size_t run = pct ? (size_t)(pct - (target + i)) : n - i;
        strbuf_add(&b, target + i, run);
        i += run;
        if (i >= n)
            break;
        if (i + 2 < n + 1 &&
            (hi = hex_value(target[i + 1])) >= 0 &&
            (lo = hex_value(target[i + 2])) >= 0) {
            strbuf_putc(&b, (char)(hi * 16 + lo));
            i += 2;
        } else {
            strbuf_putc(&b, target[i]);
        }
    }
    return strbuf_detach(&b);
}

typedef struct components {
    char *item[MAX_COMPONENTS];
    size_t count;
} components;

/* Add the segments of path to c, resolving "." and "..". Returns -1 when
 * ".." climbs above the root or there are too many segments. */
static int push_path(components *c, char *path)
{
    char *save = NULL;
    for (char *seg = strtok_r(path, "/\\", &save); seg;
         seg = strtok_r(NULL, "/\\", &save)) {
        if (strcmp(seg, ".") == 0)
            continue;
        if (strcmp(seg, "..") == 0) {
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

/* Look a name up in a directory; *actual is the name as it is on disk. */
static lookup_result lookup_name(lint_dir_cache *dirs, const char *dir,
                                 const char *name, const char **actual)
{
    size_t n;
    const char *const *names = lint_dir_list(dirs, dir, &n);
    if (!names)
        return NOT_FOUND;
    const char *const *exact = bsearch(name, names, n, sizeof *names,
                                       compare_name);
    if (exact) {
        *actual = *exact;
        return FOUND_EXACT;
    }
    for (size_t i = 0; i < n; i++) {
        if (lint_strcasecmp(names[i], name) == 0) {
            *actual = names[i];
            return FOUND_IGNORING_CASE;
        }
    }
    return NOT_FOUND;
}

/* A name in dir that differs from name only in case, '-' against '_', or
 * nothing at all: what the writer probably meant. NULL when none. */
static const char *near_name(lint_dir_cache *dirs, const char *dir,
                             const char *name)
{
    size_t n;
    const char *const *names = lint_dir_list(dirs, dir, &n);
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

static void report_broken(const link_check *lc, const char *dir,
                          const char *missing)
{
    const char *near = near_name(lc->ctx->dirs, dir, missing);
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

/* Walk the resolved segments from the root, one directory listing each. */
static void check_components(const link_check *lc, const char *root,
                             components *c)
{
    strbuf dir = STRBUF_INIT;
    strbuf_puts(&dir, root);
    components on_disk = *c;
    size_t first_wrong = c->count;
    for (size_t i = 0; i < c->count; i++) {
        const char *actual = NULL;
        lookup_result r = lookup_name(lc->ctx->dirs, strbuf_cstr(&dir),
                                      c->item[i], &actual);
        if (r == NOT_FOUND) {
            /* A top-level folder the tree lacks is outside the docs we
             * have, not a broken link. */
            if (i > 0)
                report_broken(lc, strbuf_cstr(&dir), c->item[i]);
            strbuf_free(&dir);
            return;
        }
        if (r == FOUND_IGNORING_CASE && first_wrong == c->count)
            first_wrong = i;
        on_disk.item[i] = (char *)actual;
        strbuf_putc(&dir, '/');
        strbuf_puts(&dir, actual);
    }
    if (first_wrong < c->count)
        report_case(lc, &on_disk, first_wrong);
    strbuf_free(&dir);
}

static void check_link(const link_check *lc, const char *root)
{
    if (!is_checkable(lc->link->target))
        return;
    char *file = link_file_part(lc->link->target);
    char *base = xstrdup(lc->p->rel_path ? lc->p->rel_path : "");
    char *slash = strrchr(base, '/');
    if (slash)
        *slash = '\0';
    else
        base[0] = '\0';
    components c = {{0}, 0};
    if (*file && push_path(&c, base) == 0 && push_path(&c, file) == 0 &&
        c.count > 0)
        check_components(lc, root, &c);
    free(base);
    free(file);
}

char *lint_link_resolve(const char *rel_path, const char *target)
{
    if (!is_checkable(target))
        return NULL;
    char *file = link_file_part(target);
    char *base = xstrdup(rel_path ? rel_path : "");
    char *slash = strrchr(base, '/');
    if (slash)
        *slash = '\0';
    else
        base[0] = '\0';
    components c = {{0}, 0};
    char *resolved = NULL;
    if (*file && push_path(&c, base) == 0 && push_path(&c, file) == 0 &&
        c.count > 0) {
        strbuf b = STRBUF_INIT;
        for (size_t i = 0; i < c.count; i++) {
            if (i)
                strbuf_putc(&b, '/');
            strbuf_puts(&b, c.item[i]);
        }
        resolved = strbuf_detach(&b);
    }
    free(base);
    free(file);
    return resolved;
}

void lint_rules_links(const page *p, const lint_context *ctx,
                      lint_findings *out)
{
    if (!ctx || !ctx->dirs || (!lint_rule_enabled(ctx, "link-broken") &&
                               !lint_rule_enabled(ctx, "link-case")))
        return;
    char *root = page_root(p, ctx);
    for (size_t i = 0; i < p->nlinks; i++) {
        link_check lc = {p, &p->links[i], ctx, out};
        check_link(&lc, root);
    }
    free(root);
}
