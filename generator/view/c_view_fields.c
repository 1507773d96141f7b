/* The fields of an object type: one per property the type declares itself
 * (inherited properties live in the embedded base), with unique member
 * names, C types and the flags templates branch on. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>

#include "util/json_arena.h"
#include "util/xalloc.h"
#include "view/c_names.h"
#include "view/c_view_internal.h"

/* How a property is held in C. kind names a flag ("is_" + kind). */
typedef struct field_kind {
    const char *kind;
    const char *c_type; /* NULL: the target type's C name */
    const char *format; /* a string format validate checks, or NULL */
    int integer;
} field_kind;

static const struct primitive {
    const char *edm;
    field_kind held;
} primitives[] = {
    {"String", {"string", "char", NULL, 0}},
    {"Boolean", {"bool", "bool", NULL, 0}},
    {"Int32", {"int32", "int32_t", NULL, 1}},
    {"Int64", {"int64", "int64_t", NULL, 1}},
    {"Int16", {"int16", "int16_t", NULL, 1}},
    {"Byte", {"uint8", "uint8_t", NULL, 1}},
    {"SByte", {"int8", "int8_t", NULL, 1}},
    {"Double", {"double", "double", NULL, 0}},
    {"Single", {"double", "double", NULL, 0}},
    {"Decimal", {"double", "double", NULL, 0}},
    {"DateTimeOffset", {"string", "char", "date_time", 0}},
    {"DateTime", {"string", "char", "date_time", 0}},
    {"Date", {"string", "char", "date", 0}},
    {"TimeOfDay", {"string", "char", "time_of_day", 0}},
    {"Duration", {"string", "char", "duration", 0}},
    {"Guid", {"string", "char", "guid", 0}},
    {"Binary", {"string", "char", "base64", 0}},
};

static const char *const all_kinds[] = {
    "string", "bool", "int32", "int64", "int16", "uint8", "int8",
    "double", "enum", "object", "json",
};
static const char *const all_formats[] = {
    "date_time", "date", "time_of_day", "duration", "guid", "base64",
};

/* Anything the model does not type (no type, Stream, a type no page
 * defines) is kept as JSON, so nothing the docs show is lost. */
static const field_kind untyped = {"json", "cJSON", NULL, 0};
static const field_kind enum_kind = {"enum", NULL, NULL, 0};
static const field_kind object_kind = {"object", NULL, NULL, 0};

static const field_kind *primitive_kind(const char *type)
{
    if (strncmp(type, "Edm.", 4) == 0)
        type += 4;
    for (size_t i = 0; i < sizeof primitives / sizeof primitives[0]; i++)
        if (strcasecmp(primitives[i].edm, type) == 0)
            return &primitives[i].held;
    return NULL;
}

/* Graph's "Json" complex type stands for any JSON value (workbook ranges
 * hold arrays of arrays in it), not for an object with no properties. */
static int is_any_json(const view_type *t)
{
    return t->kind == VIEW_OBJECT && strcasecmp(t->name, "Json") == 0 &&
           t->model->nproperties == 0;
}

typedef struct field_type {
    const field_kind *held;
    int target; /* the enum or object type, -1 for primitives */
} field_type;

/* What the field view needs of a property, with the answers the schema
 * output gives: a union's members only when there are several, nullable
 * as the docs say it or as the defaults make it. */
typedef struct property_facts {
    const char *name; /* NULL when the model gives none */
    const char *type;
    const char *description;
    const char *const *alternatives;
    size_t nalternatives;
    const src_ref *source;
    int collection, required, nullable, read_only, navigation;
} property_facts;

static property_facts read_property(const model_property *p)
{
    int union_type = type_ref_is_union(&p->type);
    return (property_facts){
        .name = p->name,
        .type = p->type.name,
        .description = p->description,
        .alternatives = union_type ? p->type.alternatives : NULL,
        .nalternatives = union_type ? p->type.nalternatives : 0,
        .source = &p->source,
        .collection = p->type.collection,
        .required = p->required == TRI_YES,
        .nullable = model_property_nullable(p),
        .read_only = p->read_only == TRI_YES,
        .navigation = p->navigation,
    };
}

static field_type classify(view_build *b, const property_facts *property,
                           const char *namespace)
{
    field_type out = {&untyped, -1};
    const char *type = property->type;
    if (!type)
        return out;
    const field_kind *primitive = primitive_kind(type);
    if (primitive) {
        out.held = primitive;
        return out;
    }
    int target = view_find_type(b, type, namespace);
    if (target < 0 || is_any_json(&b->types[target]))
        return out;
    out.target = target;
    out.held = b->types[target].kind == VIEW_ENUM ? &enum_kind : &object_kind;
    return out;
}

/* ---- which properties become fields ---- */

/* The names of the properties each base type declares, looked up for
 * every field of the types below it. */
void view_index_declared(view_build *b)
{
    for (size_t i = 0; i < b->ntypes; i++) {
        int base = b->types[i].base;
        if (base < 0 || b->types[base].declared)
            continue;
        name_index *declared = name_index_new();
        const model_type *declaring = b->types[base].model;
        for (size_t k = 0; k < declaring->nproperties; k++)
            if (declaring->properties[k].name)
                name_index_put(declared, declaring->properties[k].name, 0);
        b->types[base].declared = declared;
    }
}

/* A property a base type declares already lives in the embedded base;
 * pages often repeat inherited properties (entity's id). */
static int inherited(const view_build *b, const view_type *t, const char *json_name)
{
    if (t->base < 0)
        return 0;
    uint64_t hash = name_index_hash(json_name);
    for (int at = t->base; at >= 0; at = b->types[at].base)
        if (name_index_contains_hashed(b->types[at].declared, json_name, hash))
            return 1;
    return 0;
}

/* ---- member names ---- */

static name_index *struct_members(const view_type *t)
{
    name_index *taken = name_index_new();
    /* the members the templates put in front of the fields */
    if (t->base >= 0) {
        name_index_put(taken, "base", 0);
    } else {
        name_index_put(taken, "type_info", 0);
        name_index_put(taken, "odata_type", 0);
        name_index_put(taken, "additional_data", 0);
    }
    return taken;
}

/* A field's yes/no answers, as bits: they end the field's view, in this
 * order and before its kind's flags, so that fields that answer alike
 * share one run of them (made once per answers and kind, in an arena). */
enum {
    FLAG_PRESENCE, FLAG_POINTER, FLAG_ELEMENT_POINTER, FLAG_ALTERNATIVES, FLAG_COLLECTION,
    FLAG_SINGLE, FLAG_REQUIRED, FLAG_NULLABLE, FLAG_READ_ONLY, FLAG_NAVIGATION, FLAG_DOC,
    FLAG_SOURCE, NFLAGS
};
static const char *const flag_keys[NFLAGS] = {
    "has_presence_flag", "is_pointer", "element_is_pointer", "has_alternatives",
    "is_collection", "is_single", "is_required", "is_nullable", "is_read_only",
    "is_navigation", "has_doc", "has_source",
};

static void set_flag(unsigned *flags, int flag, int value)
{
    if (value)
        *flags |= 1u << flag;
}

typedef struct field_names {
    char *c_name;
    int presence; /* has a has_<name> flag */
} field_names;

static void add_affixed(cJSON *view, const char *key, const char *prefix,
                        const char *stem, const char *suffix)
{
    view_add_joined(view, key, prefix, stem, suffix);
}

static void add_member_names(cJSON *view, unsigned *flags, name_index *taken,
                             const char *json_name, const field_kind *held, int collection)
{
    int element_pointer = strcmp(held->kind, "string") == 0 ||
                          strcmp(held->kind, "object") == 0 ||
                          strcmp(held->kind, "json") == 0;
    int pointer = !collection && element_pointer;
    int is_enum = strcmp(held->kind, "enum") == 0;
    c_affix affixes[5] = {{"", ""}, {"", "_is_null"}};
    size_t n = 2;
    if (!pointer)
        affixes[n++] = (c_affix){"has_", ""};
    if (collection)
        affixes[n++] = (c_affix){"", "_count"};
    if (is_enum)
        affixes[n++] = (c_affix){"", "_unknown"};
    char *stem = c_member_name(json_name);
    char *c_name = c_claim_name(taken, stem, affixes, n);
    view_add_string(view, "c_name", c_name);
    add_affixed(view, "null_name", "", c_name, "_is_null");
    if (!pointer)
        add_affixed(view, "has_name", "has_", c_name, "");
    if (collection)
        add_affixed(view, "count_name", "", c_name, "_count");
    if (is_enum)
        add_affixed(view, "unknown_name", "", c_name, "_unknown");
    set_flag(flags, FLAG_PRESENCE, !pointer);
    set_flag(flags, FLAG_POINTER, pointer);
    set_flag(flags, FLAG_ELEMENT_POINTER, element_pointer);
    free(c_name);
    free(stem);
}

/* ---- the field view ---- */

/* The flag keys: "is_" + each kind and format, as literals (view keys
 * are not copied). */
static const char *const kind_flags[] = {
    "is_string", "is_bool", "is_int32", "is_int64", "is_int16", "is_uint8", "is_int8",
    "is_double", "is_enum", "is_object", "is_json",
};
static const char *const format_flags[] = {
    "is_date_time", "is_date", "is_time_of_day", "is_duration", "is_guid", "is_base64",
};

_Static_assert(sizeof kind_flags / sizeof kind_flags[0] == sizeof all_kinds / sizeof all_kinds[0],
               "a flag per kind");
_Static_assert(sizeof format_flags / sizeof format_flags[0] ==
                   sizeof all_formats / sizeof all_formats[0],
               "a flag per format");

static void add_kind_flags(cJSON *view, const field_kind *held)
{
    for (size_t i = 0; i < sizeof all_kinds / sizeof all_kinds[0]; i++)
        view_add_bool(view, kind_flags[i], strcmp(held->kind, all_kinds[i]) == 0);
    view_add_literal(view, "kind", held->kind);
    view_add_bool(view, "is_integer", held->integer);
    for (size_t i = 0; i < sizeof all_formats / sizeof all_formats[0]; i++)
        view_add_bool(view, format_flags[i],
                      held->format && strcmp(held->format, all_formats[i]) == 0);
    view_add_bool(view, "has_format", held->format != NULL);
    view_add_literal(view, "format", held->format ? held->format : "");
}

static void add_kind_tail(view_build *b, const field_kind *held)
{
    cJSON *run = cJSON_CreateObject();
    add_kind_flags(run, held);
    b->tail_kinds[b->ntails] = held;
    b->tails[b->ntails++] = run;
}

void view_share_flag_runs(view_build *b)
{
    if (!json_arena_active() || b->flag_runs)
        return;
    b->flag_runs = xcalloc(VIEW_FLAG_RUN_SLOTS, sizeof *b->flag_runs);
    pthread_mutex_init(&b->flag_runs_lock, NULL);
}

void view_make_kind_tails(view_build *b)
{
    if (!json_arena_active())
        return;
    for (size_t i = 0; i < sizeof primitives / sizeof primitives[0]; i++)
        add_kind_tail(b, &primitives[i].held);
    add_kind_tail(b, &untyped);
    add_kind_tail(b, &enum_kind);
    add_kind_tail(b, &object_kind);
}

_Static_assert(sizeof primitives / sizeof primitives[0] + 3 <= VIEW_MAX_KINDS,
               "a shared run per field kind");

/* The kind flags end the field: shared when made ahead, else made here. */
static void end_with_kind_flags(cJSON *view, const view_build *b,
                                const field_kind *held)
{
    /* shared only into views that live in an arena, and thus are never
     * given to cJSON_Delete */
    for (size_t i = 0; i < b->ntails && json_arena_active(); i++) {
        if (b->tail_kinds[i] == held) {
            view_add_shared_tail(view, b->tails[i]);
            return;
        }
    }
    add_kind_flags(view, held);
}

static void add_flags(cJSON *view, unsigned flags)
{
    for (int i = 0; i < NFLAGS; i++)
        view_add_bool(view, flag_keys[i], (flags >> i) & 1u);
}

/* The shared run of these answers and the kind's flags, made the first time
 * they are asked for; NULL when runs are not shared (not in an arena, or
 * too many different answers). */
static const cJSON *flag_run(view_build *b, unsigned flags, const field_kind *held)
{
    if (!b->flag_runs)
        return NULL;
    size_t mask = VIEW_FLAG_RUN_SLOTS - 1;
    size_t at = ((size_t)flags * 31u + (size_t)(uintptr_t)held / sizeof(void *)) & mask;
    const cJSON *run = NULL;
    pthread_mutex_lock(&b->flag_runs_lock);
    for (size_t probes = 0; probes < VIEW_FLAG_RUN_SLOTS / 2 && !run; probes++) {
        view_flag_run *slot = &b->flag_runs[(at + probes) & mask];
        if (!slot->run) {
            cJSON *made = cJSON_CreateObject();
            add_flags(made, flags);
            end_with_kind_flags(made, b, held);
            *slot = (view_flag_run){flags, held, made};
        }
        if (slot->flags == flags && slot->held == held)
            run = slot->run;
    }
    pthread_mutex_unlock(&b->flag_runs_lock);
    return run;
}

static void end_with_flags(cJSON *view, view_build *b, unsigned flags, const field_kind *held)
{
    const cJSON *run = flag_run(b, flags, held);
    if (run) {
        view_add_shared_tail(view, run);
        return;
    }
    add_flags(view, flags);
    end_with_kind_flags(view, b, held);
}

static void add_target(cJSON *view, const view_build *b, const field_type *ft)
{
    const view_type *target = ft->target >= 0 ? &b->types[ft->target] : NULL;
    if (!target) {
        view_add_literal(view, "c_type", ft->held->c_type);
        return;
    }
    view_add_string(view, "c_type", target->c_name);
    view_add_string(view, "target_c_name", target->c_name);
    view_add_string(view, "target_upper_name", target->upper_name);
    view_add_string(view, "target_qualified_name", target->qualified);
    if (target->kind == VIEW_ENUM)
        view_add_string(view, "target_unrecognized", target->unrecognized);
    add_affixed(view, "target_header", "", target->c_name, ".h");
}

static void add_comment_text(cJSON *view, const char *key, const char *text)
{
    strbuf safe = STRBUF_INIT;
    strbuf_puts(&safe, "");
    c_append_comment_text(&safe, text);
    view_add_buffer(view, key, &safe);
    strbuf_free(&safe);
}

/* The type as the docs name it: for comments (edm_type) and messages
 * (edm_type_c, a string literal body). */
static void add_edm_type(cJSON *view, unsigned *flags, const property_facts *property)
{
    const char *type = property->type;
    const char *shown = type ? type : "untyped";
    add_comment_text(view, "edm_type", shown);
    view_add_owned_string(view, "edm_type_c", view_string_body(shown));
    cJSON *alternatives = cJSON_CreateArray();
    strbuf joined = STRBUF_INIT; /* "a, b": mustache has no separators */
    for (size_t i = 0; i < property->nalternatives; i++) {
        const char *alt = property->alternatives[i];
        cJSON *ref = cJSON_CreateObject();
        add_comment_text(ref, "name", alt);
        cJSON_AddItemToArray(alternatives, ref);
        strbuf_printf(&joined, "%s%s", joined.len ? ", " : "", alt);
    }
    set_flag(flags, FLAG_ALTERNATIVES, cJSON_GetArraySize(alternatives) > 1);
    view_add_item(view, "alternatives", alternatives);
    add_comment_text(view, "alternatives_text", strbuf_cstr(&joined));
    strbuf_free(&joined);
}

static void add_doc(cJSON *view, unsigned *flags, const property_facts *property)
{
    cJSON *doc = view_doc_lines(property->description, NULL);
    set_flag(flags, FLAG_DOC, cJSON_GetArraySize(doc) > 0);
    view_add_item(view, "doc", doc);
    char *source = view_source_ref(property->source);
    set_flag(flags, FLAG_SOURCE, source != NULL);
    view_add_owned_string(view, "source", source);
}

static cJSON *field_view(view_build *b, const view_type *t,
                         const property_facts *property, name_index *taken,
                         int *target)
{
    const char *json_name = property->name;
    field_type ft = classify(b, property, t->namespace);
    *target = ft.target;
    int collection = property->collection;
    cJSON *view = cJSON_CreateObject();
    unsigned flags = 0;
    view_add_string(view, "json_name", json_name);
    view_add_owned_string(view, "json_name_c", view_string_body(json_name));
    add_comment_text(view, "json_name_comment", json_name);
    add_member_names(view, &flags, taken, json_name, ft.held, collection);
    add_target(view, b, &ft);
    add_edm_type(view, &flags, property);
    set_flag(&flags, FLAG_COLLECTION, collection);
    set_flag(&flags, FLAG_SINGLE, !collection);
    set_flag(&flags, FLAG_REQUIRED, property->required);
    set_flag(&flags, FLAG_NULLABLE, property->nullable);
    set_flag(&flags, FLAG_READ_ONLY, property->read_only);
    set_flag(&flags, FLAG_NAVIGATION, property->navigation);
    add_doc(view, &flags, property);
    end_with_flags(view, b, flags, ft.held);
    return view;
}

/* Each enum a field holds, once, in the order of the fields: enums are
 * complete types in C and cannot be declared ahead like structs. */
static void note_enum_header(cJSON *headers, name_index *seen, const view_build *b,
                             const cJSON *field, int target)
{
    if (target < 0 || b->types[target].kind != VIEW_ENUM)
        return;
    const char *header = view_json_string(field, "target_header");
    if (name_index_put(seen, header, 0)) {
        cJSON *ref = cJSON_CreateObject();
        view_add_string(ref, "header", header);
        cJSON_AddItemToArray(headers, ref);
    }
}

cJSON *view_fields(view_build *b, size_t index, cJSON **enum_headers)
{
    const view_type *t = &b->types[index];
    cJSON *fields = cJSON_CreateArray();
    *enum_headers = cJSON_CreateArray();
    name_index *seen_headers = name_index_new();
    name_index *taken = struct_members(t);
    name_index *json_names = name_index_new();
    for (size_t i = 0; i < t->model->nproperties; i++) {
        property_facts facts = read_property(&t->model->properties[i]);
        const char *json_name = facts.name;
        /* @odata.type is the type's own header member, not a field */
        if (!json_name || strcmp(json_name, "@odata.type") == 0 ||
            inherited(b, t, json_name) || !name_index_put(json_names, json_name, 0))
            continue;
        int target = -1;
        cJSON *field = field_view(b, t, &facts, taken, &target);
        note_enum_header(*enum_headers, seen_headers, b, field, target);
        cJSON_AddItemToArray(fields, field);
    }
    name_index_free(seen_headers);
    name_index_free(json_names);
    name_index_free(taken);
    return fields;
}
