/* The rule catalogue: one row per rule id, in the order of
 * docs/lint-rules.md. Reading and the model name rules by these ids. */
#include <string.h>

#include "lint/lint.h"

static const lint_rule catalogue[] = {
    /* gaps: the docs say nothing where they should say something */
    {"todo", "gaps", LINT_WARNING, "TODO or placeholder text"},
    {"front-matter-missing", "gaps", LINT_WARNING,
     "Page without front matter, or without a required field"},
    {"front-matter-empty", "gaps", LINT_WARNING, "Empty front-matter field"},
    {"description-missing", "gaps", LINT_WARNING,
     "Property, parameter or method without description"},
    /* form: the page cannot be read as written */
    {"front-matter", "form", LINT_ERROR,
     "Front matter that is not valid YAML"},
    {"table-cells", "form", LINT_ERROR,
     "Table row whose cell count differs from the header"},
    {"annotation-json", "form", LINT_WARNING,
     "Annotation comment that is not valid JSON"},
    {"example-json", "form", LINT_ERROR,
     "JSON example or body that does not parse"},
    {"http-malformed", "form", LINT_ERROR,
     "HTTP block with a bad request or status line, or no blank line "
     "before the body"},
    {"code-fence-unclosed", "form", LINT_ERROR, "Code fence never closed"},
    {"encoding", "form", LINT_ERROR, "Invalid UTF-8 or NUL bytes"},
    /* page: a page contradicts itself */
    {"status-mismatch", "page", LINT_ERROR,
     "Response status in the prose differs from the example response"},
    {"path-mismatch", "page", LINT_ERROR,
     "Example request matches none of the HTTP request paths"},
    {"response-shape", "page", LINT_ERROR,
     "Response body shape (collection or object) differs from the "
     "annotation"},
    {"api-version", "page", LINT_WARNING,
     "Unknown API version segment in a URL"},
    {"api-version-beta", "page", LINT_NOTE,
     "beta URL on a page that documents v1.0"},
    {"content-length", "page", LINT_NOTE,
     "Content-Length differs from the body"},
    /* cross-page: pages contradict each other */
    {"conflict-type", "cross-page", LINT_ERROR,
     "Same property, different types on different pages"},
    {"conflict-collection", "cross-page", LINT_ERROR,
     "Same property, a collection on one page only"},
    {"conflict-enum", "cross-page", LINT_WARNING,
     "Same property, different enum values on different pages"},
    {"undeclared-property", "cross-page", LINT_WARNING,
     "Property in a request body or example that the resource does not "
     "declare"},
    {"read-only-in-request", "cross-page", LINT_WARNING,
     "Request body property that the resource marks read-only"},
    {"representation-mismatch", "cross-page", LINT_WARNING,
     "Property in the table but not in the JSON representation, or the "
     "reverse"},
    {"example-type", "cross-page", LINT_WARNING,
     "Example value that contradicts the declared type or enum"},
    {"type-undefined", "cross-page", LINT_WARNING,
     "Type referenced but defined nowhere"},
    {"base-cycle", "cross-page", LINT_ERROR,
     "Types whose base types form a cycle, or a type inheriting from itself"},
    /* links */
    {"link-broken", "links", LINT_ERROR,
     "Relative link whose target does not exist"},
    {"link-case", "links", LINT_ERROR,
     "Link that resolves only when case is ignored"},
    /* lint: about the lint comments themselves */
    {"suppression-invalid", "lint", LINT_WARNING,
     "apimd-disable comment naming an unknown rule"},
};

enum { CATALOGUE_SIZE = sizeof catalogue / sizeof catalogue[0] };

const lint_rule *lint_rules(size_t *count)
{
    *count = CATALOGUE_SIZE;
    return catalogue;
}

const lint_rule *lint_rule_find(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < CATALOGUE_SIZE; i++)
        if (strcmp(catalogue[i].id, id) == 0)
            return &catalogue[i];
    return NULL;
}

size_t lint_rule_index(const lint_rule *rule)
{
    return (size_t)(rule - catalogue);
}

void lint_rule_help_uri(const lint_rule *rule, const char *base, strbuf *out)
{
    strbuf_printf(out, "%s#%s", base ? base : LINT_HELP_BASE_DEFAULT,
                  rule->id);
}

static const char *const severity_names[] = {"off", "note", "warning",
                                             "error"};

const char *lint_severity_name(lint_severity s)
{
    if (s < LINT_OFF || s > LINT_ERROR)
        return "off";
    return severity_names[s];
}

int lint_severity_parse(const char *name, lint_severity *out)
{
    for (int s = LINT_OFF; s <= LINT_ERROR; s++) {
        if (name && strcmp(name, severity_names[s]) == 0) {
            *out = (lint_severity)s;
            return 0;
        }
    }
    return -1;
}

static const char *const fail_on_names[] = {"never", "error", "warning",
                                            "note"};

const char *lint_fail_on_name(lint_fail_on f)
{
    if (f < LINT_FAIL_NEVER || f > LINT_FAIL_NOTE)
        return "never";
    return fail_on_names[f];
}

int lint_fail_on_parse(const char *name, lint_fail_on *out)
{
    for (int f = LINT_FAIL_NEVER; f <= LINT_FAIL_NOTE; f++) {
        if (name && strcmp(name, fail_on_names[f]) == 0) {
            *out = (lint_fail_on)f;
            return 0;
        }
    }
    return -1;
}
