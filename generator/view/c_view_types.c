/* The types of the view: index by name, base types, file-scope names,
 * and the view objects of object and enum types. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "view/c_names.h"
#include "view/c_view_internal.h"

static char *join_qualified(const char *namespace, const char *name)
{
    strbuf out = STRBUF_INIT;
    strbuf_printf(&out, "%s.%s", namespace, name);
    return strbuf_detach(&out);
}

static char *fold_case(const char *text)
{
    char *out = xstrdup(text);
    for (char *p = out; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    return out;
}

static int compare_types(const void *a, const void *b)
{
    return strcmp(((const view_type *)a)->qualified,
                  ((const view_type *)b)->qualified);
}

/* A type without a namespace is in the unnamed one (""), as the schema
 * output gives it. */
static int read_type(view_build *b, const model_type *type, view_type *out)
{
    if (!type->name || !*type->name) {
        strbuf_puts(b->error, "model: a type lacks its name, namespace or kind");
        return -1;
    }
    const char *namespace = type->namespace ? type->namespace : "";
    memset(out, 0, sizeof *out);
    out->model = type;
    out->name = type->name;
    out->namespace = namespace;
    out->qualified = join_qualified(namespace, type->name);
    out->kind = type->kind == KIND_ENUM ? VIEW_ENUM : VIEW_OBJECT;
    out->base = -1;
    return 0;
}

/* Short names resolve to the main namespace first, so types of the main
 * namespace are entered before the others (the first entry wins). */
static void index_short_names(view_build *b, int main_namespace)
{
    for (size_t i = 0; i < b->ntypes; i++) {
        const view_type *t = &b->types[i];
        if ((strcmp(t->namespace, b->namespace) == 0) != main_namespace)
            continue;
        name_index_put(b->by_name, t->name, (int)i);
        char *folded = fold_case(t->name);
        name_index_put(b->by_folded, folded, (int)i);
        free(folded);
    }
}

int view_index_types(view_build *b, const model *m)
{
    b->types = xcalloc(m->ntypes ? m->ntypes : 1, sizeof *b->types);
    for (size_t i = 0; i < m->ntypes; i++) {
        view_type t;
        if (read_type(b, m->types[i], &t) != 0)
            return -1;
        if (!name_index_put(b->by_qualified, t.qualified, 0)) {
            free(t.qualified); /* merged models have no duplicates; be safe */
            continue;
        }
        b->types[b->ntypes++] = t;
    }
    qsort(b->types, b->ntypes, sizeof *b->types, compare_types);
    name_index_free(b->by_qualified);
    b->by_qualified = name_index_new();
    for (size_t i = 0; i < b->ntypes; i++)
        name_index_put(b->by_qualified, b->types[i].qualified, (int)i);
    index_short_names(b, 1);
    index_short_names(b, 0);
    return 0;
}

int view_find_type(const view_build *b, const char *name, const char *from)
{
    if (!name || !*name)
        return -1;
    int found = name_index_get(b->by_qualified, name);
    if (found < 0 && from) {
        char *qualified = join_qualified(from, name);
        found = name_index_get(b->by_qualified, qualified);
        free(qualified);
    }
    if (found < 0)
        found = name_index_get(b->by_name, name);
    if (found < 0) {
        char *folded = fold_case(name); /* "[Identity](identity.md)" */
        found = name_index_get(b->by_folded, folded);
        free(folded);
    }
    return found;
}

/* "file:line: ... form a cycle: a -> b -> a", at a type of the cycle. */
static void report_base_cycle(view_build *b, int at)
{
    const src_ref *source = &b->types[at].model->source;
    if (source->file)
        strbuf_printf(b->error, "%s:%d: ", source->file, src_ref_line(source));
    strbuf_printf(b->error, "model: the base types of %s form a cycle: %s",
                  b->types[at].qualified, b->types[at].name);
    int i = at;
    do {
        i = b->types[i].base;
        strbuf_printf(b->error, " -> %s", b->types[i].name);
    } while (i != at);
}

/* A base chain longer than the number of types must loop; after that many
 * steps the walk is inside the loop. */
static int check_base_chain(view_build *b, size_t start)
{
    int at = b->types[start].base;
    for (size_t steps = 0; at >= 0; steps++) {
        if (steps > b->ntypes) {
            report_base_cycle(b, at);
            return -1;
        }
        at = b->types[at].base;
    }
    return 0;
}

int view_resolve_bases(view_build *b)
{
    for (size_t i = 0; i < b->ntypes; i++) {
        view_type *t = &b->types[i];
        if (t->kind != VIEW_OBJECT)
            continue;
        int base = view_find_type(b, t->model->base,
                                  t->namespace);
        /* A base the model does not define (or an enum) cannot be
         * embedded: the type then stands alone. */
        if (base >= 0 && (size_t)base != i &&
            b->types[base].kind == VIEW_OBJECT)
            t->base = base;
    }
    for (size_t i = 0; i < b->ntypes; i++)
        if (check_base_chain(b, i) != 0)
            return -1;
    return 0;
}

/* ---- file-scope names ---- */

/* Spellings the runtime templates use next to the types' names. */
static void reserve_runtime_names(view_build *b)
{
    static const char *const suffixes[] = {
        "", "_error", "_runtime", "_internal", "_forward",
        ".h", "_runtime.h", "_runtime.c", "_internal.h", "_forward.h", ".pc.in",
    };
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        strbuf name = STRBUF_INIT;
        strbuf_printf(&name, "%s%s", b->prefix, suffixes[i]);
        name_index_put(b->globals, name.data, 0);
        strbuf_free(&name);
    }
    static const char *const guards[] = {"_H", "_RUNTIME_H", "_INTERNAL_H", "_FORWARD_H"};
    for (size_t i = 0; i < sizeof guards / sizeof guards[0]; i++) {
        strbuf name = STRBUF_INIT;
        strbuf_printf(&name, "%s%s", b->upper_prefix, guards[i]);
        name_index_put(b->globals, name.data, 0);
        strbuf_free(&name);
    }
    name_index_put(b->globals, "meson.build", 0);
}

static const c_affix object_affixes[] = {
    {"", ""},          {"", "_new"},       {"", "_from_json"},
    {"", "_to_json"},  {"", "_validate"},  {"", "_free"},
    {"", "_cast"},     {"", "_type_info"}, {"", ".h"},
    {"", ".c"},
};
static const c_affix enum_affixes[] = {
    {"", ""},          {"", "_to_string"}, {"", "_from_string"},
    {"", "_enum_info"}, {"", ".h"},        {"", ".c"},
};

/* "call" in the main namespace gives "call"; "session" in
 * microsoft.graph.callRecords gives "call_records_session". */
static char *type_stem(const view_build *b, const view_type *t)
{
    size_t main_len = strlen(b->namespace);
    const char *ns = t->namespace;
    if (strcmp(ns, b->namespace) == 0)
        ns = "";
    else if (strncmp(ns, b->namespace, main_len) == 0 && ns[main_len] == '.')
        ns += main_len + 1;
    strbuf joined = STRBUF_INIT;
    strbuf_printf(&joined, "%s%s%s", ns, *ns ? "." : "", t->name);
    char *snake = c_snake_case(joined.data);
    strbuf_free(&joined);
    strbuf stem = STRBUF_INIT;
    strbuf_printf(&stem, "%s_%s", b->prefix, *snake ? snake : "type");
    free(snake);
    return strbuf_detach(&stem);
}

static void register_guard(view_build *b, const char *upper_name)
{
    strbuf guard = STRBUF_INIT;
    strbuf_printf(&guard, "%s_H", upper_name);
    name_index_put(b->globals, guard.data, 0);
    strbuf_free(&guard);
}

static char *member_constant(view_build *b, const view_type *t,
                             const char *member);
static char *claim_constant(view_build *b, const char *stem);

/* Enum constants are named after every type name is taken, so a type
 * keeps its natural spelling and a clashing constant gets the suffix. */
static void name_enum_constants(view_build *b, view_type *t)
{
    t->constants = xcalloc(t->model->nmembers + 1, sizeof *t->constants);
    for (size_t i = 0; i < t->model->nmembers; i++) {
        const char *name = t->model->members[i].name;
        if (name)
            t->constants[t->nconstants++] = member_constant(b, t, name);
    }
    strbuf stem = STRBUF_INIT;
    strbuf_printf(&stem, "%s_UNRECOGNIZED", t->upper_name);
    t->unrecognized = claim_constant(b, stem.data);
    strbuf_free(&stem);
}

void view_name_types(view_build *b)
{
    reserve_runtime_names(b);
    for (size_t i = 0; i < b->ntypes; i++) {
        view_type *t = &b->types[i];
        char *stem = type_stem(b, t);
        if (t->kind == VIEW_OBJECT)
            t->c_name = c_claim_name(b->globals, stem, object_affixes,
                                     sizeof object_affixes / sizeof object_affixes[0]);
        else
            t->c_name = c_claim_name(b->globals, stem, enum_affixes,
                                     sizeof enum_affixes / sizeof enum_affixes[0]);
        free(stem);
        t->upper_name = c_upper_case(t->c_name);
        register_guard(b, t->upper_name);
    }
    for (size_t i = 0; i < b->ntypes; i++)
        if (b->types[i].kind == VIEW_ENUM)
            name_enum_constants(b, &b->types[i]);
}

/* ---- the parts every type view shares ---- */

static void add_file_names(cJSON *view, const view_type *t)
{
    strbuf text = STRBUF_INIT;
    strbuf_printf(&text, "%s.h", t->c_name);
    view_add_string(view, "header", text.data);
    strbuf_reset(&text);
    strbuf_printf(&text, "%s.c", t->c_name);
    view_add_string(view, "source_file", text.data);
    strbuf_reset(&text);
    strbuf_printf(&text, "%s_H", t->upper_name);
    view_add_string(view, "guard", text.data);
    strbuf_free(&text);
}

static void add_doc(cJSON *view, const char *description, const src_ref *element_source,
                    const char *fallback)
{
    cJSON *doc = view_doc_lines(description, fallback);
    view_add_bool(view, "has_doc", cJSON_GetArraySize(doc) > 0);
    view_add_item(view, "doc", doc);
    char *source = view_source_ref(element_source);
    view_add_bool(view, "has_source", source != NULL);
    view_add_owned_string(view, "source", source);
}

/* The names of a type, which its entry in the root's lists and its whole
 * view both begin with. */
static void add_names(cJSON *view, const view_type *t)
{
    view_add_string(view, "name", t->name);
    view_add_owned_string(view, "name_c", view_string_body(t->name));
    view_add_string(view, "namespace", t->namespace);
    view_add_string(view, "qualified_name", t->qualified);
    view_add_owned_string(view, "qualified_name_c", view_string_body(t->qualified));
    view_add_string(view, "c_name", t->c_name);
    view_add_string(view, "upper_name", t->upper_name);
    add_file_names(view, t);
}

static cJSON *common_type_view(const view_type *t)
{
    cJSON *view = cJSON_CreateObject();
    add_names(view, t);
    strbuf fallback = STRBUF_INIT;
    strbuf_printf(&fallback, "The %s type.", t->name);
    add_doc(view, t->model->description, &t->model->source, fallback.data);
    strbuf_free(&fallback);
    view_add_bool(view, "is_inferred", t->model->inferred);
    return view;
}

cJSON *view_type_entry(const view_build *b, size_t index)
{
    const view_type *t = &b->types[index];
    cJSON *entry = cJSON_CreateObject();
    add_names(entry, t);
    view_add_bool(entry, "is_inferred", t->model->inferred);
    if (t->kind == VIEW_ENUM) {
        view_add_string(entry, "enum_name", t->c_name);
        return entry;
    }
    view_add_string(entry, "struct_name", t->c_name);
    view_add_bool(entry, "is_entity", t->model->kind == KIND_ENTITY);
    return entry;
}

/* ---- object types ---- */

static void add_base(cJSON *view, const view_build *b, const view_type *t)
{
    view_add_bool(view, "has_base", t->base >= 0);
    view_add_bool(view, "is_root", t->base < 0);
    if (t->base < 0)
        return;
    const view_type *base = &b->types[t->base];
    cJSON *ref = cJSON_CreateObject();
    view_add_string(ref, "name", base->name);
    view_add_string(ref, "c_name", base->c_name);
    strbuf header = STRBUF_INIT;
    strbuf_printf(&header, "%s.h", base->c_name);
    view_add_string(ref, "header", header.data);
    strbuf_free(&header);
    view_add_item(view, "base", ref);
}

/* The fields' positions in the order of their JSON names (bytes, as
 * strcmp orders them): generated code finds a member's field by binary
 * search there. */
typedef struct named_field {
    const char *json_name;
    size_t position;
} named_field;

static int compare_named(const void *a, const void *b)
{
    const named_field *x = a, *y = b;
    int c = strcmp(x->json_name, y->json_name);
    return c ? c : (x->position > y->position) - (x->position < y->position);
}

static void add_fields_by_name(cJSON *view, const cJSON *fields)
{
    size_t n = (size_t)cJSON_GetArraySize(fields), k = 0;
    named_field *order = xcalloc(n ? n : 1, sizeof *order);
    const cJSON *field;
    cJSON_ArrayForEach(field, fields) {
        const char *name = view_json_string(field, "json_name");
        order[k] = (named_field){name ? name : "", k};
        k++;
    }
    qsort(order, n, sizeof *order, compare_named);
    cJSON *list = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *ref = cJSON_CreateObject();
        view_add_number_text(ref, "index", order[i].position);
        cJSON_AddItemToArray(list, ref);
    }
    free(order);
    view_add_item(view, "fields_by_name", list);
}

/* Every type below this one, for @odata.type dispatch, in the order of
 * the types. */
static void add_derived(cJSON *view, const view_build *b, size_t index)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t k = b->derived_start[index]; k < b->derived_start[index + 1]; k++) {
        const view_type *d = &b->types[b->derived[k]];
        cJSON *ref = cJSON_CreateObject();
        view_add_string(ref, "name", d->name);
        view_add_string(ref, "c_name", d->c_name);
        view_add_string(ref, "qualified_name", d->qualified);
        cJSON_AddItemToArray(list, ref);
    }
    view_add_bool(view, "has_derived", list->child != NULL);
    view_add_item(view, "derived", list);
}

void view_list_derived(view_build *b)
{
    size_t n = b->ntypes;
    b->derived_start = xcalloc(n + 1, sizeof *b->derived_start);
    for (size_t i = 0; i < n; i++)
        for (int at = b->types[i].base; at >= 0; at = b->types[at].base)
            b->derived_start[at + 1]++;
    for (size_t i = 0; i < n; i++)
        b->derived_start[i + 1] += b->derived_start[i];
    size_t *next = xcalloc(n ? n : 1, sizeof *next);
    memcpy(next, b->derived_start, n * sizeof *next);
    b->derived = xcalloc(b->derived_start[n] ? b->derived_start[n] : 1, sizeof *b->derived);
    for (size_t i = 0; i < n; i++)
        for (int at = b->types[i].base; at >= 0; at = b->types[at].base)
            b->derived[next[at]++] = i;
    free(next);
}

cJSON *view_object_type(view_build *b, size_t index)
{
    const view_type *t = &b->types[index];
    cJSON *view = common_type_view(t);
    /* inside a section over fields, c_name is the field's: struct_name
     * reaches the type's from there */
    view_add_string(view, "struct_name", t->c_name);
    view_add_bool(view, "is_entity", t->model->kind == KIND_ENTITY);
    strbuf odata = STRBUF_INIT;
    strbuf_printf(&odata, "#%s", t->qualified);
    view_add_owned_string(view, "odata_type_c", view_string_body(odata.data));
    strbuf_free(&odata);
    add_base(view, b, t);
    cJSON *enum_headers;
    cJSON *fields = view_fields(b, index, &enum_headers);
    view_add_bool(view, "has_fields", cJSON_GetArraySize(fields) > 0);
    view_add_item(view, "enum_headers", enum_headers);
    add_fields_by_name(view, fields);
    view_add_item(view, "fields", fields);
    add_derived(view, b, index);
    return view;
}

/* ---- enum types ---- */

/* Documented values are used when every member has one that a C enum
 * constant can hold (and leaves room for the unrecognised marker after
 * the largest); otherwise members are numbered in order. */
static int documented_values_usable(const model_type *t)
{
    for (size_t i = 0; i < t->nmembers; i++)
        if (t->members[i].value < INT_MIN || t->members[i].value > INT_MAX - 1)
            return 0;
    return 1;
}

static char *claim_constant(view_build *b, const char *stem)
{
    static const c_affix itself[] = {{"", ""}};
    return c_claim_name(b->globals, stem, itself, 1);
}

static char *member_constant(view_build *b, const view_type *t,
                             const char *member)
{
    char *snake = c_snake_case(member);
    char *upper = c_upper_case(*snake ? snake : "value");
    strbuf stem = STRBUF_INIT;
    strbuf_printf(&stem, "%s_%s", t->upper_name, upper);
    char *constant = claim_constant(b, stem.data);
    strbuf_free(&stem);
    free(upper);
    free(snake);
    return constant;
}

static cJSON *enum_member_view(const enum_member *member, const char *constant, int value)
{
    const char *name = member->name;
    cJSON *view = cJSON_CreateObject();
    view_add_string(view, "name", name);
    view_add_owned_string(view, "name_c", view_string_body(name ? name : ""));
    strbuf comment = STRBUF_INIT;
    c_append_comment_text(&comment, name ? name : "");
    view_add_string(view, "name_comment", strbuf_cstr(&comment));
    strbuf_free(&comment);
    view_add_string(view, "constant", constant);
    strbuf number = STRBUF_INIT;
    strbuf_printf(&number, "%d", value);
    view_add_string(view, "value", number.data);
    strbuf_free(&number);
    add_doc(view, member->description, &member->source, NULL);
    return view;
}

/* The members' views; returns the largest value, -1 when there is none
 * above it. */
static int add_members(cJSON *view, const view_type *t)
{
    int documented = documented_values_usable(t->model);
    cJSON *list = cJSON_CreateArray();
    int position = 0, largest = -1;
    for (size_t i = 0; i < t->model->nmembers; i++) {
        const enum_member *member = &t->model->members[i];
        if (!member->name)
            continue; /* name_enum_constants skipped it too */
        int value = documented ? (int)member->value : position;
        if (value > largest)
            largest = value;
        cJSON_AddItemToArray(list, enum_member_view(member, t->constants[position++], value));
    }
    view_add_bool(view, "has_members", position > 0);
    view_add_item(view, "members", list);
    return largest;
}

cJSON *view_enum_type(view_build *b, size_t index)
{
    const view_type *t = &b->types[index];
    cJSON *view = common_type_view(t);
    view_add_string(view, "enum_name", t->c_name);
    int largest = add_members(view, t);
    view_add_string(view, "unrecognized_constant", t->unrecognized);
    strbuf number = STRBUF_INIT;
    strbuf_printf(&number, "%d", largest + 1); /* a value no member has */
    view_add_string(view, "unrecognized_value", number.data);
    strbuf_free(&number);
    return view;
}
