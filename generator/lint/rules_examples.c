/* cross-page: JSON examples and representations against the types the
 * resource pages declare.
 *
 *   undeclared-property      a key the type (and its bases) does not have;
 *                            a request-body table row likewise
 *   example-type             a value of the wrong JSON kind, a single value
 *                            for a collection or the reverse, an enum value
 *                            the type does not list, an @odata.type that is
 *                            not the declared type or derived from it
 *   representation-mismatch  the resource's table against its own JSON
 *                            representation
 *
 * Only types that a page defines are checked: a type inferred from the
 * examples themselves proves nothing. The docs' placeholder conventions
 * ("String", "String (identifier)", "Int32", "a | b" in representations)
 * are not defects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint/lint_internal.h"
#include "lint/model_lookup.h"
#include "util/xalloc.h"
#include "util/strbuf.h"
#include "util/compare.h"

typedef struct example_walk {
    const model_view *v;
    const lint_context *ctx;
    lint_findings *out;
    const model_example *ex;
    lint_page_record *record; /* key lines of the example's page */
    strbuf pointer;                 /* JSON pointer of the current value */
    int undeclared_on, types_on;
} example_walk;

/* ---- where a key is ------------------------------------------------------ */

/* The line of the value at the current pointer, or of its nearest
 * ancestor key; the example's start when the page was not indexed. */
static src_ref pointer_location(const example_walk *w)
{
    src_ref at = w->ex->source;
    strbuf probe = STRBUF_INIT;
    strbuf_add(&probe, w->pointer.data ? w->pointer.data : "",
               w->pointer.len);
    while (probe.len > 0) {
        int col = 0;
        int line = json_key_lookup(w->record, w->ex->source.line,
                                   strbuf_cstr(&probe), &col);
        if (line > 0) {
            at.line = line;
            at.col = col;
            break;
        }
        char *slash = strrchr(probe.data, '/');
        probe.len = slash ? (size_t)(slash - probe.data) : 0;
        probe.data[probe.len] = '\0';
    }
    strbuf_free(&probe);
    return at;
}

static void push_key(example_walk *w, const char *key, size_t *saved)
{
    *saved = w->pointer.len;
    strbuf_putc(&w->pointer, '/');
    for (;;) {
        size_t run = strcspn(key, "~/");
        strbuf_add(&w->pointer, key, run);
        key += run;
        if (!*key)
            break;
        strbuf_puts(&w->pointer, *key == '~' ? "~0" : "~1");
        key++;
    }
}

static void push_index(example_walk *w, int index, size_t *saved)
{
    *saved = w->pointer.len;
    strbuf_printf(&w->pointer, "/%d", index);
}

static void pop_pointer(example_walk *w, size_t saved)
{
    w->pointer.len = saved;
    if (w->pointer.data)
        w->pointer.data[saved] = '\0';
}

/* ---- describing values ------------------------------------------------------ */

static void describe_value(const cJSON *v, char *buf, size_t size)
{
    if (cJSON_IsString(v))
        snprintf(buf, size, "a string (\"%.40s%s\")", v->valuestring,
                 strlen(v->valuestring) > 40 ? "..." : "");
    else if (cJSON_IsBool(v))
        snprintf(buf, size, "a boolean (%s)",
                 cJSON_IsTrue(v) ? "true" : "false");
    else if (cJSON_IsNumber(v))
        snprintf(buf, size, "a number (%g)", v->valuedouble);
    else if (cJSON_IsArray(v))
        snprintf(buf, size, "an array");
    else if (cJSON_IsObject(v))
        snprintf(buf, size, "an object");
    else
        snprintf(buf, size, "null");
}

static const char *type_name_of(const type_ref *tr)
{
    return tr->name ? tr->name : "value";
}

/* ---- placeholders -------------------------------------------------------------- */

static int is_placeholder_word(const char *word, size_t len,
                               const type_ref *declared)
{
    static const char *const words[] = {"Integer", "Int", "Number", "Float",
                                        "DateTime", "Timestamp", "Json",
                                        "Object", "Enum", "Url", "Uri"};
    char copy[64];
    if (len == 0 || len >= sizeof copy)
        return 0;
    memcpy(copy, word, len);
    copy[len] = '\0';
    if (is_primitive_name(copy))
        return 1;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if ((words[i][0] | 0x20) == (copy[0] | 0x20) &&
            lint_strcasecmp(words[i], copy) == 0)
            return 1;
    /* "callState" for a callState, "microsoft.graph.callState" too. */
    return declared->name &&
           lint_strcasecmp(lint_type_short_name(copy), declared->name) == 0;
}

/* Generated examples fill values as "<name>-value" or "Subject value". */
static int is_value_placeholder(const char *s)
{
    size_t n = strlen(s);
    return n > 6 && (strcmp(s + n - 6, "-value") == 0 ||
                     strcmp(s + n - 6, " value") == 0);
}

/* "String", "String (identifier)", "Int32", "callState": the docs' way of
 * saying "a value of this type goes here". */
static int is_placeholder(const char *s, const type_ref *declared)
{
    /* Older representations name the type instead of showing it:
     * "@odata.type: microsoft.graph.alertFeedback". */
    if (is_value_placeholder(s) || strncmp(s, "@odata.type:", 12) == 0)
        return 1;
    size_t word = strcspn(s, " (");
    if (!is_placeholder_word(s, word, declared))
        return 0;
    const char *rest = s + word;
    while (*rest == ' ')
        rest++;
    return *rest == '\0' || (*rest == '(' && s[strlen(s) - 1] == ')');
}

/* ---- enums ------------------------------------------------------------------------ */

typedef struct enum_values {
    const char *type;          /* for messages */
    const enum_member *members; /* of an enum type */
    size_t nmembers;
    const char *const *names;  /* "Possible values are" of a property */
    size_t nnames;
} enum_values;

static int enum_values_of(const example_walk *w, const model_property *prop,
                          enum_values *ev)
{
    memset(ev, 0, sizeof *ev);
    ev->type = type_name_of(&prop->type);
    const model_type *t = prop->type.primitive
                              ? NULL
                              : lookup_type_ref(w->v, &prop->type);
    /* Both lists count: the property's own "Possible values" and the
     * members of the enum type it was given, which may be another page's. */
    if (t && t->kind == KIND_ENUM && type_is_defined(t)) {
        ev->members = t->members;
        ev->nmembers = t->nmembers;
    }
    if (prop->nenum_values > 0) {
        ev->names = (const char *const *)prop->enum_values;
        ev->nnames = prop->nenum_values;
    }
    return ev->nmembers + ev->nnames > 0;
}

/* Case is ignored: the service reads "Normal" as "normal", and examples
 * write either. */
static int enum_has(const enum_values *ev, const char *value, size_t len)
{
    for (size_t i = 0; i < ev->nmembers; i++)
        if (strlen(ev->members[i].name) == len &&
            lint_strncasecmp(ev->members[i].name, value, len) == 0)
            return 1;
    for (size_t i = 0; i < ev->nnames; i++)
        if (strlen(ev->names[i]) == len &&
            lint_strncasecmp(ev->names[i], value, len) == 0)
            return 1;
    return 0;
}

static const char *enum_value_at(const enum_values *ev, size_t i)
{
    return i < ev->nmembers ? ev->members[i].name
                            : ev->names[i - ev->nmembers];
}

/* The values, each once: the two lists often repeat each other. */
static void list_enum(const enum_values *ev, strbuf *out)
{
    enum { SHOWN = 8 };
    size_t total = ev->nmembers + ev->nnames, shown = 0;
    for (size_t i = 0; i < total; i++) {
        const char *v = enum_value_at(ev, i);
        int repeated = 0;
        for (size_t j = 0; j < i && !repeated; j++)
            repeated = strcmp(enum_value_at(ev, j), v) == 0;
        if (repeated)
            continue;
        if (shown == SHOWN) {
            strbuf_puts(out, ", ...");
            break;
        }
        strbuf_printf(out, "%s%s", shown ? ", " : "", v);
        shown++;
    }
}

/* Each value of "a | b" (representations) or "a,b" (flags) must be a
 * member; the first that is not goes to *bad. */
static int enum_accepts(const enum_values *ev, const char *s,
                        const char **bad, size_t *bad_len)
{
    while (*s) {
        while (*s == ' ' || *s == '|' || *s == ',')
            s++;
        size_t len = strcspn(s, "|,");
        while (len > 0 && s[len - 1] == ' ')
            len--;
        if (len > 0 && !enum_has(ev, s, len)) {
            *bad = s;
            *bad_len = len;
            return 0;
        }
        s += len;
        while (*s == ' ')
            s++;
    }
    return 1;
}

/* ---- findings --------------------------------------------------------------------- */

/* detail completes "\"name\" ...": "has type String, but ..." */
static void report_type(const example_walk *w, const model_property *prop,
                        const char *detail)
{
    if (!w->types_on)
        return;
    src_ref at = pointer_location(w);
    lint_findings_add_related(w->out, "example-type", at, prop->source,
                              "the property's declaration",
                              "\"%s\" %s", prop->name, detail);
}

/* ---- the walk ----------------------------------------------------------------------- */

static void walk_object(example_walk *w, const model_type *t,
                        const cJSON *obj, const char *declared_for);

static void check_primitive(example_walk *w, const model_property *prop,
                            const cJSON *v)
{
    json_kind kind = primitive_json_kind(prop->type.name);
    char got[96], detail[256];
    if (cJSON_IsString(v) && is_placeholder(v->valuestring, &prop->type))
        return;
    int ok = kind == JSON_KIND_ANY ||
             (kind == JSON_KIND_STRING && cJSON_IsString(v)) ||
             (kind == JSON_KIND_BOOLEAN && cJSON_IsBool(v)) ||
             (kind == JSON_KIND_NUMBER && cJSON_IsNumber(v)) ||
             (kind == JSON_KIND_NUMBER_OR_STRING &&
              (cJSON_IsNumber(v) || cJSON_IsString(v)));
    if (!ok) {
        describe_value(v, got, sizeof got); /* only for the message */
        snprintf(detail, sizeof detail, "has type %s, but the example gives %s",
                 prop->type.name, got);
        report_type(w, prop, detail);
    }
}

static void check_enum_string(example_walk *w, const model_property *prop,
                              const cJSON *v)
{
    enum_values ev;
    if (!cJSON_IsString(v) || !enum_values_of(w, prop, &ev) ||
        is_placeholder(v->valuestring, &prop->type))
        return;
    const char *bad;
    size_t bad_len;
    if (enum_accepts(&ev, v->valuestring, &bad, &bad_len))
        return;
    strbuf msg = STRBUF_INIT;
    strbuf_printf(&msg, "has type %s, and \"%.*s\" is not one of its values (",
                  ev.type, (int)bad_len, bad);
    list_enum(&ev, &msg);
    strbuf_putc(&msg, ')');
    report_type(w, prop, strbuf_cstr(&msg));
    strbuf_free(&msg);
}

/* "has enum type X, but ..." or "has type X (an object), but ...". */
static void report_wrong_kind(example_walk *w, const model_property *prop,
                              const char *has, const char *type,
                              const char *note, const cJSON *v)
{
    char got[96], detail[256];
    describe_value(v, got, sizeof got);
    snprintf(detail, sizeof detail, "%s %s%s, but the example gives %s", has,
             type, note, got);
    report_type(w, prop, detail);
}

static void check_enum_value(example_walk *w, const model_property *prop,
                             const model_type *t, const cJSON *v)
{
    if (cJSON_IsString(v))
        check_enum_string(w, prop, v);
    else
        report_wrong_kind(w, prop, "has enum type", t->name, "", v);
}

static void check_object_value(example_walk *w, const model_property *prop,
                               const model_type *t, const cJSON *v)
{
    if (cJSON_IsObject(v))
        walk_object(w, t, v, prop->name);
    /* "participantInfo", "microsoft.graph.participantInfo" */
    else if (!cJSON_IsString(v) || !is_placeholder(v->valuestring,
                                                   &prop->type))
        report_wrong_kind(w, prop, "has type", t->name, " (an object)", v);
}

static void check_single(example_walk *w, const model_property *prop,
                         const cJSON *v)
{
    const type_ref *tr = &prop->type;
    if (!tr->name || cJSON_IsNull(v))
        return;
    if (tr->primitive || is_primitive_name(tr->name)) {
        check_primitive(w, prop, v);
        if (cJSON_IsString(v))
            check_enum_string(w, prop, v); /* "Possible values are" */
        return;
    }
    const model_type *t = lookup_type_ref(w->v, tr);
    if (!type_is_defined(t) || strcmp(t->name, "Json") == 0)
        return; /* type-undefined says so; Json holds any JSON value */
    if (t->kind == KIND_ENUM)
        check_enum_value(w, prop, t, v);
    else
        check_object_value(w, prop, t, v);
}

static void check_value(example_walk *w, const model_property *prop,
                        const cJSON *v)
{
    if (cJSON_IsNull(v) || !prop->type.name)
        return;
    char detail[256];
    if (prop->type.collection && !cJSON_IsArray(v)) {
        char got[96];
        describe_value(v, got, sizeof got);
        snprintf(detail, sizeof detail,
                 "has type %s collection, but the example gives %s",
                 prop->type.name, got);
        report_type(w, prop, detail);
        return;
    }
    if (!prop->type.collection && cJSON_IsArray(v)) {
        snprintf(detail, sizeof detail,
                 "has type %s (not a collection), but the example gives an array",
                 prop->type.name);
        report_type(w, prop, detail);
        return;
    }
    if (!cJSON_IsArray(v)) {
        if (w->types_on || cJSON_IsObject(v))
            check_single(w, prop, v);
        return;
    }
    int index = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, v) {
        size_t saved;
        push_index(w, index++, &saved);
        if (w->types_on || cJSON_IsObject(item))
            check_single(w, prop, item);
        pop_pointer(w, saved);
    }
}

static void report_undeclared(example_walk *w, const model_type *t,
                              const char *key)
{
    src_ref at = pointer_location(w);
    const model_property *near = lookup_property_ignoring_case(w->v, t, key);
    if (near)
        lint_findings_add_related(w->out, "undeclared-property", at,
                                  near->source, "the property's declaration",
                                  "\"%s\" is not a property of %s (did you "
                                  "mean \"%s\"?)",
                                  key, t->name, near->name);
    else
        lint_findings_add_related(w->out, "undeclared-property", at,
                                  t->source, "where the type is defined",
                                  "\"%s\" is not a property of %s", key,
                                  t->name);
}

/* The type an object really is: its "@odata.type" when that names the
 * declared type or one derived from it. Another type is a finding. */
static const model_type *actual_type(example_walk *w, const model_type *t,
                                     const cJSON *obj,
                                     const char *declared_for)
{
    const cJSON *odata = cJSON_GetObjectItemCaseSensitive(obj, "@odata.type");
    if (!cJSON_IsString(odata))
        return t;
    const model_type *named = lookup_type(w->v, NULL, odata->valuestring);
    if (!type_is_defined(named) || named == t)
        return t;
    /* Derived, or the same name in the namespace the object names. */
    if (!t || derives_from(w->v, named, t) ||
        strcmp(named->name, t->name) == 0)
        return named;
    if (w->types_on) {
        size_t saved;
        push_key(w, "@odata.type", &saved);
        src_ref at = pointer_location(w);
        pop_pointer(w, saved);
        char whose[160];
        if (declared_for)
            snprintf(whose, sizeof whose, "the declared type of \"%s\"",
                     declared_for);
        else
            snprintf(whose, sizeof whose, "the type the example declares");
        lint_findings_add_related(w->out, "example-type", at, named->source,
                                  "that type's page",
                                  "\"@odata.type\" says %s, which does not "
                                  "derive from %s, %s",
                                  named->name, t->name, whose);
    }
    /* Check the keys against what the example says it is: against the
     * declared type every key of the other type would be reported too. */
    return named;
}

static void walk_member(example_walk *w, const model_type *t,
                        const cJSON *item, int report_unknown)
{
    /* "@odata.type", "members@odata.bind", "@odata.etag": annotations. */
    if (strchr(item->string, '@'))
        return;
    size_t saved;
    push_key(w, item->string, &saved);
    if (report_unknown && w->undeclared_on &&
        !lookup_declared_property(w->v, t, item->string))
        report_undeclared(w, t, item->string);
    /* Values are still checked against what another page declares. */
    const model_property *prop = lookup_property(w->v, t, item->string);
    if (prop)
        check_value(w, prop, item);
    pop_pointer(w, saved);
}

/* Open types take any key: lint_page noted which pages say so. A type
 * derived from an open type is open too (OData requires it to be). */
static int is_open_type(const example_walk *w, const model_type *t)
{
    enum { MAX_DEPTH = 16 }; /* a cycle of bases must not hang us */
    for (int depth = 0; t && depth < MAX_DEPTH; depth++) {
        const lint_page_record *r = lint_findings_record(w->out,
                                                         t->source.file);
        if (r && r->open_type)
            return 1;
        t = lookup_base(w->v, t);
    }
    return 0;
}

/* A type that declares no property, has no base and no derived type is
 * a bag of whatever the caller puts in it (externalConnectors.properties:
 * "Properties: None"), not a type whose every key is undeclared. */
static int is_property_bag(const example_walk *w, const model_type *t)
{
    return t->nproperties == 0 && !t->base && t->kind != KIND_ENUM &&
           !has_derived_type(w->v, t);
}

static void walk_members(example_walk *w, const model_type *t,
                         const cJSON *obj, int report_unknown)
{
    if (report_unknown && (is_open_type(w, t) || is_property_bag(w, t)))
        report_unknown = 0;
    const cJSON *item;
    cJSON_ArrayForEach(item, obj) walk_member(w, t, item, report_unknown);
}

static void walk_object(example_walk *w, const model_type *t,
                        const cJSON *obj, const char *declared_for)
{
    t = actual_type(w, t, obj, declared_for);
    walk_members(w, t, obj, 1);
}

/* ---- representation-mismatch ------------------------------------------------ */

/* The member names of a representation, sorted: a type of thousands of
 * properties is checked against thousands of keys without their product. */
typedef struct member_names {
    const char **items;
    size_t count;
} member_names;

static member_names sorted_member_names(const cJSON *json)
{
    member_names names = {xcalloc((size_t)cJSON_GetArraySize(json) + 1,
                                  sizeof *names.items), 0};
    const cJSON *item;
    cJSON_ArrayForEach(item, json)
        if (item->string)
            names.items[names.count++] = item->string;
    qsort(names.items, names.count, sizeof *names.items, compare_string_ptrs);
    return names;
}

static int representation_has(const member_names *names, const char *name)
{
    return names->count &&
           bsearch(&name, names->items, names->count, sizeof *names->items,
                   compare_string_ptrs) != NULL;
}

static int same_file(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* Whether file is a resource page of t: the one the model keeps as its
 * source, or another page that defines the type as well (user.md besides
 * intune-devices-user.md, which comes first in path order). */
static int is_resource_page_of(const model_view *v, const model_type *t,
                               const char *file, src_ref *where)
{
    *where = t->source;
    if (same_file(file, t->source.file))
        return 1;
    const model_type *d = page_defines_type(v, file, t);
    if (d)
        *where = d->source;
    return d != NULL;
}
static void representation_missing(example_walk *w, const model_type *t)
{
    member_names names = sorted_member_names(w->ex->json);
    for (size_t i = 0; i < t->nproperties; i++) {
        const model_property *p = &t->properties[i];
        if (p->navigation || !same_file(p->source.file, w->ex->source.file) ||
            representation_has(&names, p->name))
            continue;
        lint_findings_add_related(w->out, "representation-mismatch",
                                  p->source, w->ex->source,
                                  "the JSON representation",
                                  "property \"%s\" of %s is missing from its "
                                  "JSON representation",
                                  p->name, t->name);
    }
    free(names.items);
}

/* Extraction adds the keys of a representation to the type, so that a
 * type whose page has no table still has properties: a key declared only
 * by the representation itself is not in any table. */
static int declared_in_table(const example_walk *w, const model_type *t,
                             const char *name)
{
    const model_property *p = lookup_declared_property(w->v, t, name);
    if (!p)
        return 0;
    const json_block_index *block = json_block_at(w->record,
                                                  w->ex->source.line);
    int from_representation =
        block && same_file(p->source.file, w->ex->source.file) &&
        p->source.line >= block->first_line &&
        p->source.line <= block->last_line;
    if (!from_representation)
        return 1;
    const model_type *base = lookup_base(w->v, t);
    return base && base != t && lookup_declared_property(w->v, base, name);
}

/* Whether the page has a properties table for t: a property of t from the
 * representation's page, outside the representation. A page with none
 * lacks a table, which is one defect, not one per key. */
static int has_properties_table(const example_walk *w, const model_type *t)
{
    const json_block_index *block = json_block_at(w->record,
                                                  w->ex->source.line);
    for (size_t i = 0; i < t->nproperties; i++) {
        const model_property *p = &t->properties[i];
        if (same_file(p->source.file, w->ex->source.file) &&
            (!block || p->source.line < block->first_line ||
             p->source.line > block->last_line))
            return 1;
    }
    return 0;
}

static void representation_extra(example_walk *w, const model_type *t,
                                 src_ref table)
{
    const cJSON *item;
    if (!has_properties_table(w, t))
        return;
    cJSON_ArrayForEach(item, w->ex->json) {
        if (strchr(item->string, '@') || declared_in_table(w, t, item->string))
            continue;
        size_t saved;
        push_key(w, item->string, &saved);
        src_ref at = pointer_location(w);
        pop_pointer(w, saved);
        lint_findings_add_related(w->out, "representation-mismatch", at,
                                  table, "the properties table",
                                  "\"%s\" is in the JSON representation of "
                                  "%s but not in its properties table",
                                  item->string, t->name);
    }
}

static void check_representation(example_walk *w, const model_type *t)
{
    src_ref page_of_type;
    if (!lint_rule_on(w->ctx, LINT_RULE_REPRESENTATION_MISMATCH) ||
        !is_resource_page_of(w->v, t, w->ex->source.file, &page_of_type))
        return;
    const json_block_index *block = json_block_at(w->record,
                                                  w->ex->source.line);
    if (!w->ex->truncated && !(block && block->truncated))
        representation_missing(w, t);
    if (!is_open_type(w, t))
        representation_extra(w, t, page_of_type);
}

/* ---- per example ---------------------------------------------------------------- */

static void walk_root(example_walk *w, const model_type *t, const cJSON *root)
{
    if (cJSON_IsArray(root)) {
        int index = 0;
        const cJSON *item;
        cJSON_ArrayForEach(item, root) {
            size_t saved;
            push_index(w, index++, &saved);
            if (cJSON_IsObject(item))
                walk_object(w, t, item, NULL);
            pop_pointer(w, saved);
        }
        return;
    }
    if (!cJSON_IsObject(root))
        return;
    t = actual_type(w, t, root, NULL);
    if (w->ex->role == EXAMPLE_RESOURCE) {
        check_representation(w, t);
        walk_members(w, t, root, 0);
    } else {
        walk_members(w, t, root, 1);
    }
}

/* {"value": ...} with nothing but annotations beside it, around a type
 * that has no "value" property: a collection, or (response-shape says so)
 * a single object wrapped by mistake. Either way the content is what to
 * check. */
static const cJSON *value_wrapper(const example_walk *w, const model_type *t,
                                  const cJSON *root)
{
    const cJSON *value = cJSON_GetObjectItemCaseSensitive(root, "value");
    if (!value || lookup_property(w->v, t, "value"))
        return NULL;
    const cJSON *item;
    cJSON_ArrayForEach(item, root) {
        if (item != value && !strchr(item->string, '@'))
            return NULL;
    }
    return value;
}

static void check_example(example_walk *w)
{
    const model_example *ex = w->ex;
    const model_type *t = lookup_type(w->v, NULL, ex->type);
    if (!t || !t->primary || t->kind == KIND_ENUM || !ex->json)
        return;
    const cJSON *value = cJSON_IsObject(ex->json)
                             ? value_wrapper(w, t, ex->json)
                             : NULL;
    if (value && ex->role != EXAMPLE_RESOURCE) {
        size_t saved;
        push_key(w, "value", &saved);
        walk_root(w, t, value);
        pop_pointer(w, saved);
    } else if (!ex->collection) {
        walk_root(w, t, ex->json);
    }
}

static void report_read_only(const model_method *me, const method_param *p,
                             const model_type *t,
                             const model_property *declared,
                             lint_findings *out)
{
    lint_findings_add_related(out, "read-only-in-request", p->source,
                              declared->source, "where it is read-only",
                              "request body property \"%s\" of %s is "
                              "read-only on %s",
                              p->name, me->id, t->name);
}

/* A property that a type derived from t declares: a body of a base type
 * ("place") is one of its derived types ("room", chosen by @odata.type),
 * and its table lists that type's properties. */
static const model_property *declared_on_derived(const model_view *v,
                                                 const model_type *t,
                                                 const char *name)
{
    for (size_t i = 0; i < v->m->ntypes; i++) {
        const model_type *d = v->m->types[i];
        if (d == t || !d->primary || !d->base || !derives_from(v, d, t))
            continue;
        const model_property *p = model_type_find_property(d, name);
        if (p && !is_method_page(v, p->source.file))
            return p;
    }
    return NULL;
}

/* Rows of a request-body table for a method whose body is a whole type. */
static void check_body_params(const model_view *v, const lint_context *ctx,
                              const model_method *me, lint_findings *out)
{
    const model_type *t = lookup_type(v, NULL, me->request_type);
    if (!t || !t->primary)
        return;
    int read_only_on = lint_rule_on(ctx, LINT_RULE_READ_ONLY_IN_REQUEST);
    for (size_t i = 0; i < me->nbody_params; i++) {
        const method_param *p = &me->body_params[i];
        const model_property *declared =
            p->name ? lookup_declared_property(v, t, p->name) : NULL;
        if (declared && declared->read_only == TRI_YES && read_only_on)
            report_read_only(me, p, t, declared, out);
        if (!p->name || declared ||
            !lint_rule_on(ctx, LINT_RULE_UNDECLARED_PROPERTY) ||
            declared_on_derived(v, t, p->name))
            continue;
        lint_findings_add_related(out, "undeclared-property", p->source,
                                  t->source, "where the type is defined",
                                  "request body property \"%s\" is not a "
                                  "property of %s",
                                  p->name, t->name);
    }
}

void lint_rules_examples(const model_view *v, const lint_context *ctx,
                         lint_findings *out)
{
    const model *m = v->m;
    example_walk w = {v, ctx, out, NULL, NULL, STRBUF_INIT,
                      lint_rule_on(ctx, LINT_RULE_UNDECLARED_PROPERTY),
                      lint_rule_on(ctx, LINT_RULE_EXAMPLE_TYPE)};
    strbuf_puts(&w.pointer, "");
    for (size_t i = 0; i < m->nexamples; i++) {
        w.ex = m->examples[i];
        w.record = lint_findings_record(out, w.ex->source.file);
        pop_pointer(&w, 0);
        check_example(&w);
    }
    strbuf_free(&w.pointer);
    for (size_t i = 0; i < m->nmethods; i++)
        if (m->methods[i]->request_type)
            check_body_params(v, ctx, m->methods[i], out);
}
