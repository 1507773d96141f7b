/* What a page is: a resource, a method (api), enum values, or other. The
 * front matter's doc_type says it when present; older pages are known by
 * their title, their "HTTP request" section or their tables. */
#include <string.h>
#include <strings.h>

#include "read/reader.h"

static int starts_with_nocase(const char *s, const char *prefix)
{
    return strncasecmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with_nocase(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* doc_type: resourcePageType, apiPageType, enumPageType (and the typos
 * the docs have, such as "resourcePageType_"); -1 when it says nothing. */
static int kind_from_doc_type(const char *doc_type)
{
    if (!doc_type || !*doc_type)
        return -1;
    if (starts_with_nocase(doc_type, "resourcePageType"))
        return PAGE_RESOURCE;
    if (starts_with_nocase(doc_type, "apiPageType"))
        return PAGE_API;
    if (starts_with_nocase(doc_type, "enumPageType"))
        return PAGE_ENUM;
    return PAGE_OTHER;
}

static int has_http_request(const page *p)
{
    for (size_t i = 0; i < p->nheadings; i++)
        if (strcasecmp(p->headings[i].text, "HTTP request") == 0)
            return 1;
    for (size_t i = 0; i < p->ncodes; i++)
        if (p->codes[i].http && p->codes[i].http->kind == HTTP_REQUEST)
            return 1;
    return 0;
}

/* enums.md: every table is a list of members. */
static int has_only_member_tables(const page *p)
{
    if (p->ntables == 0)
        return 0;
    for (size_t i = 0; i < p->ntables; i++)
        if (p->tables[i].ncols == 0 || strcasecmp(p->tables[i].header[0].text, "Member") != 0)
            return 0;
    return 1;
}

page_kind page_classify(const page *p)
{
    int kind = kind_from_doc_type(page_front_matter(p, "doc_type"));
    if (kind >= 0)
        return (page_kind)kind;
    const char *title = p->title ? p->title : "";
    if (ends_with_nocase(title, "resource type"))
        return PAGE_RESOURCE;
    if (ends_with_nocase(title, "enum type") || has_only_member_tables(p))
        return PAGE_ENUM;
    if (has_http_request(p))
        return PAGE_API;
    return PAGE_OTHER;
}
