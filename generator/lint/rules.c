/* The rule catalogue: one row per rule id, in the order of
 * docs/lint-rules.md. Reading and the model name rules by these ids. */
#include <string.h>

#include "lint/lint_internal.h"

static const lint_rule catalogue[] = {
    /* gaps: the docs say nothing where they should say something */
    [LINT_RULE_TODO] =
        {"todo", "gaps", LINT_WARNING, "TODO or placeholder text"},
    [LINT_RULE_FRONT_MATTER_MISSING] =
        {"front-matter-missing", "gaps", LINT_WARNING,
         "Page without front matter, or without a required field"},
    [LINT_RULE_FRONT_MATTER_EMPTY] =
        {"front-matter-empty", "gaps", LINT_WARNING,
         "Empty front-matter field"},
    [LINT_RULE_DESCRIPTION_MISSING] =
        {"description-missing", "gaps", LINT_WARNING,
         "Property, parameter or method without description"},
    /* form: the page cannot be read as written */
    [LINT_RULE_FRONT_MATTER] =
        {"front-matter", "form", LINT_ERROR,
         "Front matter that is not valid YAML"},
    [LINT_RULE_TABLE_CELLS] =
        {"table-cells", "form", LINT_ERROR,
         "Table row whose cell count differs from the header"},
    [LINT_RULE_ANNOTATION_JSON] =
        {"annotation-json", "form", LINT_WARNING,
         "Annotation comment that is not valid JSON"},
    [LINT_RULE_EXAMPLE_JSON] =
        {"example-json", "form", LINT_ERROR,
         "JSON example or body that does not parse"},
    [LINT_RULE_HTTP_MALFORMED] =
        {"http-malformed", "form", LINT_ERROR,
         "HTTP block with a bad request or status line, or no blank line "
         "before the body"},
    [LINT_RULE_CODE_FENCE_UNCLOSED] =
        {"code-fence-unclosed", "form", LINT_ERROR, "Code fence never closed"},
    [LINT_RULE_ENCODING] =
        {"encoding", "form", LINT_ERROR, "Invalid UTF-8 or NUL bytes"},
    /* page: a page contradicts itself */
    [LINT_RULE_STATUS_MISMATCH] =
        {"status-mismatch", "page", LINT_ERROR,
         "Response status in the prose differs from the example response"},
    [LINT_RULE_PATH_MISMATCH] =
        {"path-mismatch", "page", LINT_ERROR,
         "Example request matches none of the HTTP request paths"},
    [LINT_RULE_RESPONSE_SHAPE] =
        {"response-shape", "page", LINT_ERROR,
         "Response body shape (collection or object) differs from the "
         "annotation"},
    [LINT_RULE_API_VERSION] =
        {"api-version", "page", LINT_WARNING,
         "Unknown API version segment in a URL"},
    [LINT_RULE_API_VERSION_BETA] =
        {"api-version-beta", "page", LINT_NOTE,
         "beta URL on a page that documents v1.0"},
    [LINT_RULE_CONTENT_LENGTH] =
        {"content-length", "page", LINT_NOTE,
         "Content-Length differs from the body"},
    /* cross-page: pages contradict each other */
    [LINT_RULE_CONFLICT_TYPE] =
        {"conflict-type", "cross-page", LINT_ERROR,
         "Same property, different types on different pages"},
    [LINT_RULE_CONFLICT_COLLECTION] =
        {"conflict-collection", "cross-page", LINT_ERROR,
         "Same property, a collection on one page only"},
    [LINT_RULE_CONFLICT_ENUM] =
        {"conflict-enum", "cross-page", LINT_WARNING,
         "Same property, different enum values on different pages"},
    [LINT_RULE_UNDECLARED_PROPERTY] =
        {"undeclared-property", "cross-page", LINT_WARNING,
         "Property in a request body or example that the resource does not "
         "declare"},
    [LINT_RULE_READ_ONLY_IN_REQUEST] =
        {"read-only-in-request", "cross-page", LINT_WARNING,
         "Request body property that the resource marks read-only"},
    [LINT_RULE_REPRESENTATION_MISMATCH] =
        {"representation-mismatch", "cross-page", LINT_WARNING,
         "Property in the table but not in the JSON representation, or the "
         "reverse"},
    [LINT_RULE_EXAMPLE_TYPE] =
        {"example-type", "cross-page", LINT_WARNING,
         "Example value that contradicts the declared type or enum"},
    [LINT_RULE_TYPE_UNDEFINED] =
        {"type-undefined", "cross-page", LINT_WARNING,
         "Type referenced but defined nowhere"},
    [LINT_RULE_BASE_CYCLE] =
        {"base-cycle", "cross-page", LINT_ERROR,
         "Types whose base types form a cycle, or a type inheriting from "
         "itself"},
    /* links */
    [LINT_RULE_LINK_BROKEN] =
        {"link-broken", "links", LINT_ERROR,
         "Relative link whose target does not exist"},
    [LINT_RULE_LINK_CASE] =
        {"link-case", "links", LINT_ERROR,
         "Link that resolves only when case is ignored"},
    /* lint: about the lint comments themselves */
    [LINT_RULE_SUPPRESSION_INVALID] =
        {"suppression-invalid", "lint", LINT_WARNING,
         "apimd-disable comment naming an unknown rule"},
};

enum { CATALOGUE_SIZE = sizeof catalogue / sizeof catalogue[0] };

/* Every id of lint_rule_id has its row. */
_Static_assert((size_t)CATALOGUE_SIZE == (size_t)LINT_RULE_COUNT,
               "a rule of lint_rule_id without its catalogue row");

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
        if (catalogue[i].id[0] == id[0] && strcmp(catalogue[i].id, id) == 0)
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
