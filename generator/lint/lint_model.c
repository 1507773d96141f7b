/* Cross-page lint: what only the merged model shows. Each finding points
 * at the page that is wrong and names the other place involved. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

/* ---- conflicts: the merge found them, lint reports them ----------------- */

static void report_conflicts(const model *m, const lint_context *ctx,
                             lint_findings *out)
{
    for (size_t i = 0; i < m->nconflicts; i++) {
        const model_conflict *c = &m->conflicts[i];
        if (!c->rule || !lint_rule_enabled(ctx, c->rule))
            continue;
        lint_findings_add_related(out, c->rule, c->at, c->other,
                                  "the definition the model keeps", "%s",
                                  c->message ? c->message : "");
    }
}

/* ---- type-undefined --------------------------------------------------------- */

/* A type named somewhere; collected first, so that the same name at the
 * same place (a request-body row is both a parameter and a property) is
 * reported once. */
typedef struct reference {
    char *what; /* "property \"x\" of call", "the 200 response of call-get" */
    const char *name;
    src_ref at;
} reference;

typedef struct references {
    reference *items;
    size_t count, cap;
} references;

static void add_reference(references *refs, const model_view *v,
                          const char *ns, const char *name, src_ref at,
                          const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void add_reference(references *refs, const model_view *v,
                          const char *ns, const char *name, src_ref at,
                          const char *fmt, ...)
{
    if (!name || !*name || is_primitive_name(name) ||
        type_is_defined(lookup_type(v, ns, name)))
        return;
    reference *r = XARRAY_PUSH(refs->items, refs->count, refs->cap);
    strbuf what = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&what, fmt, ap);
    va_end(ap);
    r->what = strbuf_detach(&what);
    r->name = name;
    r->at = at;
}

/* "Enumeration" (or "Enum collection") where the enum's name belongs:
 * extraction keeps no type for it, the cell still says it. */
static int is_placeholder_type(const type_ref *tr)
{
    const char *w = tr->written;
    if (tr->name || !w)
        return 0;
    while (*w == ' ' || *w == '*')
        w++;
    return lint_strncasecmp(w, "enumeration", 11) == 0 ||
           (lint_strncasecmp(w, "enum", 4) == 0 &&
            (w[4] == '\0' || w[4] == ' '));
}

static void add_type_ref(references *refs, const model_view *v,
                         const type_ref *tr, src_ref at, const char *kind,
                         const char *name, const char *owner)
{
    if (is_placeholder_type(tr)) {
        add_reference(refs, v, NULL, tr->written, at, "%s \"%s\" of %s",
                      kind, name, owner);
        return;
    }
    if (tr->primitive || !tr->name)
        return;
    if (tr->nalternatives == 0)
        add_reference(refs, v, tr->namespace, tr->name, at,
                      "%s \"%s\" of %s", kind, name, owner);
    for (size_t i = 0; i < tr->nalternatives; i++)
        add_reference(refs, v, tr->namespace, tr->alternatives[i], at,
                      "%s \"%s\" of %s", kind, name, owner);
}

static void references_in_types(const model_view *v, references *refs)
{
    for (size_t i = 0; i < v->m->ntypes; i++) {
        const model_type *t = v->m->types[i];
        if (t->inferred)
            continue; /* no page wrote its properties */
        if (t->base)
            add_reference(refs, v, t->namespace, t->base, t->source,
                          "the base of %s", t->name);
        for (size_t p = 0; p < t->nproperties; p++)
            add_type_ref(refs, v, &t->properties[p].type,
                         t->properties[p].source, "property",
                         t->properties[p].name, t->name);
    }
}

static void references_in_methods(const model_view *v, references *refs)
{
    for (size_t i = 0; i < v->m->nmethods; i++) {
        const model_method *me = v->m->methods[i];
        for (size_t k = 0; k < me->nbody_params; k++)
            add_type_ref(refs, v, &me->body_params[k].type,
                         me->body_params[k].source, "request body parameter",
                         me->body_params[k].name, me->id);
        for (size_t k = 0; k < me->nquery_params; k++)
            add_type_ref(refs, v, &me->query_params[k].type,
                         me->query_params[k].source, "query parameter",
                         me->query_params[k].name, me->id);
        add_reference(refs, v, NULL, me->request_type, me->source,
                      "the request body of %s", me->id);
        for (size_t k = 0; k < me->nresponses; k++)
            add_reference(refs, v, NULL, me->responses[k].type,
                          me->responses[k].source, "the %d response of %s",
                          me->responses[k].status, me->id);
    }
}

static int compare_references(const void *a, const void *b)
{
    const reference *x = a, *y = b;
    int c = strcmp(x->at.file ? x->at.file : "", y->at.file ? y->at.file : "");
    if (c)
        return c;
    if (x->at.line != y->at.line)
        return x->at.line < y->at.line ? -1 : 1;
    if (x->at.col != y->at.col)
        return x->at.col < y->at.col ? -1 : 1;
    return strcmp(x->name, y->name);
}

static void report_undefined(const reference *r, lint_findings *out)
{
    lint_findings_add_related(out, "type-undefined", r->at,
                              (src_ref){NULL, 0, 0}, NULL,
                              "%s has type \"%s\", which no page defines",
                              r->what, r->name);
}

/* Whether the reference is a placeholder ("Enumeration") rather than a
 * name: it gets its own message. */
static int names_placeholder(const reference *r)
{
    type_ref tr = {0};
    tr.written = r->name;
    return is_placeholder_type(&tr);
}

static void rule_type_undefined(const model_view *v, lint_findings *out)
{
    references refs = {0};
    references_in_types(v, &refs);
    references_in_methods(v, &refs);
    if (refs.count > 1)
        qsort(refs.items, refs.count, sizeof *refs.items,
              compare_references);
    for (size_t i = 0; i < refs.count; i++) {
        int repeated = i > 0 && compare_references(&refs.items[i - 1],
                                                   &refs.items[i]) == 0;
        if (repeated)
            continue;
        if (names_placeholder(&refs.items[i]))
            lint_findings_add_related(out, "type-undefined", refs.items[i].at,
                                      (src_ref){NULL, 0, 0}, NULL,
                                      "%s has the placeholder type \"%s\": "
                                      "name the enum type",
                                      refs.items[i].what, refs.items[i].name);
        else
            report_undefined(&refs.items[i], out);
    }
    for (size_t i = 0; i < refs.count; i++)
        free(refs.items[i].what);
    free(refs.items);
}

void lint_model(const model *m, const lint_context *ctx, lint_findings *out)
{
    if (!m)
        return;
    model_view v;
    model_view_init(&v, m);
    report_conflicts(m, ctx, out);
    if (lint_rule_enabled(ctx, "type-undefined"))
        rule_type_undefined(&v, out);
    lint_rules_examples(&v, ctx, out);
    model_view_free(&v);
}
