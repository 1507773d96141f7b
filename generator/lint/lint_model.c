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

static int same_place(src_ref a, src_ref b)
{
    return a.file && b.file && a.line == b.line && a.col == b.col &&
           strcmp(a.file, b.file) == 0;
}

/* What a conflict-enum compares: the values a property lists, or the
 * members of an enum type, with the type they belong to. */
typedef struct enum_side {
    const model_type *owner;       /* the property's type, or the enum */
    const model_property *property; /* NULL for an enum type */
} enum_side;

static int find_in_types(model_type *const *types, size_t n, src_ref at,
                         enum_side *side)
{
    for (size_t i = 0; i < n; i++) {
        const model_type *t = types[i];
        if (t->kind == KIND_ENUM && same_place(t->source, at)) {
            side->owner = t;
            side->property = NULL;
            return 1;
        }
        for (size_t k = 0; k < t->nproperties; k++)
            if (t->properties[k].nenum_values &&
                same_place(t->properties[k].source, at)) {
                side->owner = t;
                side->property = &t->properties[k];
                return 1;
            }
    }
    return 0;
}

/* The merged model first, then the pages' own fragments: the merge keeps
 * only one side of a disagreement. */
static int find_enum_side(const model *m, src_ref at, enum_side *side)
{
    if (find_in_types(m->types, m->ntypes, at, side))
        return 1;
    for (size_t f = 0; f < m->nfragments; f++)
        if (find_in_types(m->fragments[f]->types, m->fragments[f]->ntypes,
                          at, side))
            return 1;
    return 0;
}

static size_t side_count(const enum_side *s)
{
    return s->property ? s->property->nenum_values : s->owner->nmembers;
}

static const char *side_value(const enum_side *s, size_t i)
{
    return s->property ? s->property->enum_values[i]
                       : s->owner->members[i].name;
}

/* Values of a that b lacks, case ignored: "Normal" is "normal" (see
 * example-type), and enums.md writes "stagedDelete" where the property
 * says "stageddelete". */
static void values_missing(const enum_side *a, const enum_side *b,
                           strbuf *out)
{
    for (size_t i = 0; i < side_count(a); i++) {
        const char *v = side_value(a, i);
        int found = 0;
        for (size_t k = 0; k < side_count(b) && !found; k++)
            found = lint_strcasecmp(v, side_value(b, k)) == 0;
        if (!found)
            strbuf_printf(out, "%s%s", out->len ? ", " : "", v);
    }
}

static int same_namespace(const model_type *a, const model_type *b)
{
    return !a->namespace || !b->namespace ||
           lint_strcasecmp(a->namespace, b->namespace) == 0;
}

/* Whether a conflict-enum of the merge is a real disagreement, and which
 * values make it one (into detail). A property's values against an enum of
 * another namespace are no conflict: callRecords.mediaStreamDirection is
 * not the enum of microsoft.graph's mediaStream.direction. Conflicts whose
 * sides cannot be found are kept as they are. */
static int enum_conflict_holds(const model *m, const model_conflict *c,
                               strbuf *detail)
{
    enum_side at, other;
    if (!find_enum_side(m, c->at, &at) || !find_enum_side(m, c->other, &other))
        return 1;
    if (at.property && !other.property && !same_namespace(at.owner,
                                                          other.owner))
        return 0;
    strbuf extra = STRBUF_INIT, lacking = STRBUF_INIT;
    values_missing(&at, &other, &extra);
    /* A property may list a few of an enum's members; two lists of
     * values (or two enums) must agree both ways. */
    if (at.property == NULL || other.property != NULL)
        values_missing(&other, &at, &lacking);
    int holds = extra.len > 0 || lacking.len > 0;
    if (extra.len && lacking.len)
        strbuf_printf(detail, " (only here: %s; not here: %s)",
                      strbuf_cstr(&extra), strbuf_cstr(&lacking));
    else if (holds)
        strbuf_printf(detail, " (%s: %s)", extra.len ? "only here" : "not here",
                      strbuf_cstr(extra.len ? &extra : &lacking));
    strbuf_free(&extra);
    strbuf_free(&lacking);
    return holds;
}

static void report_conflicts(const model *m, const lint_context *ctx,
                             lint_findings *out)
{
    for (size_t i = 0; i < m->nconflicts; i++) {
        const model_conflict *c = &m->conflicts[i];
        if (!c->rule || !lint_rule_enabled(ctx, c->rule))
            continue;
        strbuf detail = STRBUF_INIT;
        if (strcmp(c->rule, "conflict-enum") == 0 &&
            !enum_conflict_holds(m, c, &detail)) {
            strbuf_free(&detail);
            continue;
        }
        lint_findings_add_related(out, c->rule, c->at, c->other,
                                  "the definition the model keeps", "%s%s",
                                  c->message ? c->message : "",
                                  strbuf_cstr(&detail));
        strbuf_free(&detail);
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
    int prose; /* named by the link text of a sentence, not a type cell */
} reference;

typedef struct references {
    reference *items;
    size_t count, cap;
} references;

static reference *add_reference(references *refs, const model_view *v,
                                const char *ns, const char *name, src_ref at,
                                const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* The new reference, or NULL when the name is defined. */
static reference *add_reference(references *refs, const model_view *v,
                                const char *ns, const char *name, src_ref at,
                                const char *fmt, ...)
{
    if (!name || !*name || is_primitive_name(name) ||
        type_is_defined(lookup_type(v, ns, name)))
        return NULL;
    reference *r = XARRAY_PUSH(refs->items, refs->count, refs->cap);
    strbuf what = STRBUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    strbuf_vprintf(&what, fmt, ap);
    va_end(ap);
    r->what = strbuf_detach(&what);
    r->name = name;
    r->at = at;
    r->prose = 0;
    return r;
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
        /* The request body and response types come from sentences
         * ("returns a [tab](../resources/teamstab.md) object"). */
        reference *r = add_reference(refs, v, NULL, me->request_type,
                                     me->source, "the request body of %s",
                                     me->id);
        if (r)
            r->prose = 1;
        for (size_t k = 0; k < me->nresponses; k++) {
            r = add_reference(refs, v, NULL, me->responses[k].type,
                              me->responses[k].source,
                              "the %d response of %s",
                              me->responses[k].status, me->id);
            if (r)
                r->prose = 1;
        }
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

/* A sentence names the type by its link's text, and the link leads to the
 * page that defines it under its own name: "a [tab](teamstab.md) object"
 * for teamsTab, "[Range](range.md)" for workbookRange. The text is a
 * word of the sentence, not a reference to a missing type. */
static int linked_to_definition(const model_view *v, lint_findings *out,
                                const reference *r)
{
    const lint_page_record *rec = lint_findings_record(out, r->at.file);
    for (size_t i = 0; rec && i < rec->ntype_links; i++) {
        const lint_type_link *l = &rec->type_links[i];
        if (lint_strcasecmp(l->text, r->name) == 0 &&
            file_defines_a_type(v, l->target))
            return 1;
    }
    return 0;
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
        if (repeated ||
            (refs.items[i].prose &&
             linked_to_definition(v, out, &refs.items[i])))
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

/* ---- base-cycle ------------------------------------------------------------- */

/* A type's position in the model's (sorted) type list, found by address. */
typedef struct type_position {
    const model_type *type;
    size_t index;
} type_position;

static int compare_positions(const void *pa, const void *pb)
{
    const type_position *a = pa, *b = pb;
    return (a->type > b->type) - (a->type < b->type);
}

static size_t position_of(const type_position *by_address, size_t n,
                          const model_type *t)
{
    type_position key = {t, 0};
    const type_position *found =
        bsearch(&key, by_address, n, sizeof key, compare_positions);
    return found ? found->index : n;
}

/* The cycle is path[from..n): reported once, at its first type in model
 * order, so that the finding does not depend on where the walk began. */
static void report_base_cycle(const model *m, const size_t *path, size_t from,
                              size_t n, lint_findings *out)
{
    size_t first = from;
    for (size_t i = from; i < n; i++)
        if (path[i] < path[first])
            first = i;
    const model_type *t = m->types[path[first]];
    if (n - from == 1) {
        lint_findings_add_related(out, "base-cycle", t->source,
                                  (src_ref){NULL, 0, 0}, NULL,
                                  "%s inherits from itself", t->name);
        return;
    }
    strbuf chain = STRBUF_INIT;
    strbuf_puts(&chain, t->name);
    for (size_t k = 1; k <= n - from; k++)
        strbuf_printf(&chain, " -> %s",
                      m->types[path[from + (first - from + k) % (n - from)]]->name);
    const model_type *next = m->types[path[from + (first - from + 1) % (n - from)]];
    lint_findings_add_related(out, "base-cycle", t->source, next->source,
                              "the base type", "the base types of %s form a cycle: %s",
                              t->name, strbuf_cstr(&chain));
    strbuf_free(&chain);
}

/* Each type's chain of bases, walked once over all types: a type met
 * again on the walk in progress closes a cycle; one met on an earlier
 * walk has been seen to its end. Linear in the types, whatever the
 * shape of the chains. */
static void rule_base_cycle(const model_view *v, lint_findings *out)
{
    const model *m = v->m;
    size_t n = m->ntypes;
    type_position *by_address = xmalloc((n ? n : 1) * sizeof *by_address);
    for (size_t i = 0; i < n; i++)
        by_address[i] = (type_position){m->types[i], i};
    qsort(by_address, n, sizeof *by_address, compare_positions);
    enum { UNSEEN, ON_WALK, DONE };
    unsigned char *state = xcalloc(n ? n : 1, 1);
    size_t *path = xmalloc((n ? n : 1) * sizeof *path);
    for (size_t start = 0; start < n; start++) {
        size_t len = 0, at = start;
        while (at < n && state[at] == UNSEEN) {
            state[at] = ON_WALK;
            path[len++] = at;
            at = position_of(by_address, n, lookup_base(v, m->types[at]));
        }
        if (at < n && state[at] == ON_WALK) {
            size_t from = 0;
            while (path[from] != at)
                from++;
            report_base_cycle(m, path, from, len, out);
        }
        for (size_t i = 0; i < len; i++)
            state[path[i]] = DONE;
    }
    free(path);
    free(state);
    free(by_address);
}

void lint_model(const model *m, const lint_context *ctx, lint_findings *out)
{
    if (!m)
        return;
    model_view v;
    model_view_init(&v, m);
    report_conflicts(m, ctx, out);
    if (lint_rule_on(ctx, LINT_RULE_TYPE_UNDEFINED))
        rule_type_undefined(&v, out);
    if (lint_rule_on(ctx, LINT_RULE_BASE_CYCLE))
        rule_base_cycle(&v, out);
    lint_rules_examples(&v, ctx, out);
    model_view_free(&v);
}
