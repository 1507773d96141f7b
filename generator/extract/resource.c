/* Resource pages ("# call resource type"): one type, its properties
 * (Properties table), navigation properties (Relationships table), the
 * required split and enum values of its JSON representation.
 *
 * Entity or complex: the docs never say it in so many words, so a type is
 * an entity when the page shows it is addressable or keyed: its
 * representation names a keyProperty, it has a Relationships table with
 * rows (only entities have navigation properties), it inherits from entity
 * (base type or "Inherited from [entity]" on a property), it has an "id"
 * and the Methods or Relationships sections of an entity's page, or its
 * Methods table lists a method that returns the type itself (its own GET).
 * Everything else is complex; the merge makes every type whose base is an
 * entity an entity too. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"
#include "model/typeinfo.h"
#include "util/xalloc.h"
#include "util/compare.h"

static int annotation_names(const extract_ctx *x, const page_code *code,
                            const char *name)
{
    const char *ns, *n;
    return annotation_type(x, code->annotation, &ns, &n) &&
           strcasecmp(n, name) == 0;
}

/* The JSON representation of the page's own type: the resource block
 * whose @odata.type the title names, else the first one. */
static const page_code *main_representation(const extract_ctx *x,
                                            const char *title_name)
{
    const page_code *first = NULL;
    for (size_t i = 0; i < x->p->ncodes; i++) {
        const page_code *c = &x->p->codes[i];
        if (!block_type_is(c->annotation, "resource"))
            continue;
        if (title_name && annotation_names(x, c, title_name))
            return c;
        if (!first)
            first = c;
    }
    return first;
}

static const char *title_type_name(const extract_ctx *x)
{
    const char *title = x->p->title;
    if (!title || !pattern_find(PAT_RESOURCE_TITLE, title, 0, x->md))
        return NULL;
    return ctx_group(x, title, 1);
}

/* "> **Important:** APIs under the /beta version..." is no description. */
static int is_note(const char *text)
{
    static const char *const notes[] = {"Important", "Note", "Caution",
                                        "Warning", "[!"};
    for (size_t i = 0; i < sizeof notes / sizeof *notes; i++)
        if (starts_nocase(text, notes[i]))
            return 1;
    return 0;
}

static const char *type_description(const extract_ctx *x)
{
    const char *d = page_front_matter(x->p, "description");
    if (d && *d)
        return ctx_strndup(x, d, strlen(d));
    for (size_t i = 0; i < x->p->ntexts; i++) {
        const page_text *t = &x->p->texts[i];
        if (x->p->title && strcmp(t->section, x->p->title) == 0 &&
            !starts_nocase(t->text, "Namespace:") && !is_note(t->text))
            return ctx_strndup(x, t->text, strlen(t->text));
    }
    return NULL;
}

static int is_property_table(const page_table *t)
{
    if (contains_nocase(t->section, "method"))
        return 0;
    /* "### Properties of a token issuance policy definition": the keys of
     * the JSON a property holds as a string, not properties of the type. */
    if (t->section_level >= 3 && starts_nocase(t->section, "properties of "))
        return 0;
    return page_table_column(t, "Property|Name|Property name|Relationship|"
                                "Relationship name") == 0 &&
           page_table_column(t, "Type") > 0;
}

static int is_navigation_table(const page_table *t)
{
    return contains_nocase(t->section, "relationship") ||
           starts_nocase(t->header[0].text, "relationship");
}

/* "Inherits from [entity](entity.md)." in the page's prose; the name must
 * be a link of the page, so that "derived from ISO 639-1" is no base. */
static const char *prose_base(const extract_ctx *x)
{
    for (size_t i = 0; i < x->p->ntexts; i++) {
        const char *text = x->p->texts[i].text;
        if (!pattern_find(PAT_INHERITS_FROM, text, 0, x->md))
            continue;
        const char *name = ctx_group(x, text, 1);
        for (size_t l = 0; l < x->p->nlinks; l++)
            if (x->p->links[l].text && strcmp(x->p->links[l].text, name) == 0)
                return typename_parse(x, name, &x->p->links[l]).name;
    }
    return NULL;
}

static const char *inherited_base(const model_type *t)
{
    for (size_t i = 0; i < t->nproperties; i++) {
        const char *from = t->properties[i].inherited_from;
        if (from && strcasecmp(from, t->name) != 0)
            return from;
    }
    return NULL;
}

/* A Methods table row that returns the type itself. */
static int methods_return_type(const extract_ctx *x, const char *name)
{
    for (size_t i = 0; i < x->p->ntables; i++) {
        const page_table *t = &x->p->tables[i];
        int ret = page_table_column(t, "Return type|Return Type|Returns");
        if (ret < 0 || !contains_nocase(t->section, "method"))
            continue;
        for (size_t r = 0; r < t->nrows; r++) {
            const table_cell *cell = &t->rows[r].cells[ret];
            type_ref tr = typecell_parse(x, cell);
            if (tr.name && !tr.collection && strcasecmp(tr.name, name) == 0)
                return 1;
        }
    }
    return 0;
}

/* Pages of entities have "Methods" and "Relationships" sections (even if
 * only to say "None"); pages of complex types have neither. */
static int has_entity_sections(const page *p)
{
    for (size_t i = 0; i < p->nheadings; i++)
        if (p->headings[i].level == 2 &&
            (starts_nocase(p->headings[i].text, "relationships") ||
             starts_nocase(p->headings[i].text, "methods")))
            return 1;
    return 0;
}

/* An "id" inherited from entity, or one on a page laid out as an
 * entity's, is an entity's key: complex types such as itemReference have
 * an "id" too, but not the sections. */
static int has_key_like_id(const extract_ctx *x, const model_type *t)
{
    const model_property *id = model_type_find_property(t, "id");
    if (!id)
        return 0;
    if (id->inherited_from && strcasecmp(id->inherited_from, "entity") == 0)
        return 1;
    return has_entity_sections(x->p);
}

/* The line of a key: its first appearance in the block, quoted. The slow
 * way, for a key the scan of the top-level keys below did not see. */
static int key_line(const page_code *code, const char *key)
{
    size_t n = strlen(key);
    const char *text = code->text;
    for (const char *c = text; c && (c = strchr(c, '"')); c++) {
        if (strncmp(c + 1, key, n) == 0 && c[n + 1] == '"') {
            int line = code->line;
            for (const char *s = text; s < c; s++)
                line += *s == '\n';
            return line;
        }
    }
    return code->line;
}

/* The keys of a representation's top-level object as written, in order,
 * with their lines. The parsed object has its members in the same order,
 * so the line of each member is found by walking both together: reading
 * the text once for all keys rather than once per key, which a
 * representation of thousands of keys would pay with its square. */
typedef struct written_key {
    const char *name; /* into the block's text, not NUL-terminated */
    size_t len;
    int line;
} written_key;

typedef struct written_keys {
    written_key *items;
    size_t count, cap, next;
} written_keys;

static void add_written_key(written_keys *k, const char *name, size_t len,
                            int line)
{
    if (k->count == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 64;
        k->items = xrealloc(k->items, k->cap * sizeof *k->items);
    }
    k->items[k->count++] = (written_key){name, len, line};
}

/* Past a string starting after its opening quote; counts its lines (a
 * broken example may hold raw line breaks). Returns the closing quote or
 * the text's end. */
static const char *skip_string(const char *c, int *line)
{
    for (; *c && *c != '"'; c++) {
        if (*c == '\\' && c[1])
            c++;
        *line += *c == '\n';
    }
    return c;
}

static void scan_written_keys(const page_code *code, written_keys *k)
{
    int depth = 0, line = code->line, key_expected = 0;
    for (const char *c = code->text; c && *c; c++) {
        switch (*c) {
        case '\n':
            line++;
            break;
        case '"': {
            int at = line;
            const char *end = skip_string(c + 1, &line);
            if (depth == 1 && key_expected)
                add_written_key(k, c + 1, (size_t)(end - c - 1), at);
            key_expected = 0;
            if (!*end)
                return;
            c = end;
            break;
        }
        case '{':
        case '[':
            depth++;
            key_expected = depth == 1 && *c == '{';
            break;
        case '}':
        case ']':
            depth--;
            break;
        case ',':
            key_expected = depth == 1;
            break;
        default:
            break;
        }
    }
}

static int written_key_is(const written_key *w, const char *name)
{
    return strncmp(w->name, name, w->len) == 0 && name[w->len] == '\0';
}

/* The line of the next member, named name: the next written key, or the
 * first later one of that name; the slow search when the text and the
 * parse disagree. */
static int next_key_line(written_keys *k, const page_code *code,
                         const char *name)
{
    for (size_t i = k->next; i < k->count; i++)
        if (written_key_is(&k->items[i], name)) {
            k->next = i + 1;
            return k->items[i].line;
        }
    return key_line(code, name);
}

static int is_property_name(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return 0;
    return 1;
}


/* "incoming | outgoing", or ["a | b"] for a collection. */
static const char *bar_list_text(const cJSON *value)
{
    if (cJSON_IsArray(value))
        value = value->child;
    return cJSON_IsString(value) ? value->valuestring : NULL;
}

static int in_alternatives(const type_ref *t, const char *name)
{
    for (size_t i = 0; i < t->nalternatives; i++)
        if (strcasecmp(t->alternatives[i], name) == 0)
            return 1;
    return 0;
}

/* What the representation adds to one property of the table. */
static void merge_representation_value(extract_ctx *x, model_property *prop,
                                       const cJSON *value)
{
    type_ref shown = infer_json_type(x->mem, value);
    if (!prop->type.name && shown.name) {
        const char *written = prop->type.written;
        prop->type = shown;
        prop->type.written = written;
    }
    /* "mediaConfig": {"@odata.type": "#microsoft.graph.mediaConfig"} for a
     * union of its derived types: the representation names the base. */
    if (prop->type.nalternatives > 1 && shown.name && !shown.primitive &&
        !in_alternatives(&prop->type, shown.name)) {
        prop->type.name = shown.name;
        prop->type.namespace = shown.namespace;
    }
    if (!prop->nenum_values) {
        const char **values;
        size_t n = split_bar_values(x->mem, bar_list_text(value), &values);
        if (n > 1) {
            prop->enum_values = values;
            prop->nenum_values = n;
        }
    }
}

static void add_representation_property(extract_ctx *x, model_type *t,
                                        int line, const cJSON *value)
{
    model_property *prop = model_type_add_property(x->m, t, value->string);
    prop->type = infer_json_type(x->mem, value);
    prop->source = ctx_ref(x, line, 0);
    merge_representation_value(x, prop, value);
}

static void apply_optional_properties(model_type *t, const cJSON *optional)
{
    if (!cJSON_IsArray(optional))
        return;
    /* The names sorted once: a type of thousands of properties and a list
     * as long would otherwise cost the product of the two. */
    size_t n = 0;
    const char **names = xcalloc((size_t)cJSON_GetArraySize(optional) + 1, sizeof *names);
    const cJSON *item;
    cJSON_ArrayForEach(item, optional)
        if (cJSON_IsString(item))
            names[n++] = item->valuestring;
    qsort(names, n, sizeof *names, compare_string_ptrs);
    /* A property the list leaves out is required: the list exists only
     * to say which ones may be left out. Navigation properties are not
     * part of the representation, so the list says nothing of them. */
    for (size_t i = 0; i < t->nproperties; i++) {
        model_property *prop = &t->properties[i];
        if (prop->required == TRI_UNKNOWN && !prop->navigation)
            prop->required = n && bsearch(&prop->name, names, n, sizeof *names,
                                          compare_string_ptrs)
                                 ? TRI_NO
                                 : TRI_YES;
    }
    free(names);
}

static void read_representation(extract_ctx *x, model_type *t,
                                 const page_code *code, int *keyed)
{
    const cJSON *ann = code->annotation ? code->annotation->json : NULL;
    const cJSON *value;
    const cJSON *object = cJSON_IsObject(code->json) ? code->json : NULL;
    written_keys keys = {NULL, 0, 0, 0};
    if (object)
        scan_written_keys(code, &keys);
    cJSON_ArrayForEach(value, object) {
        /* Keys of open types' samples ("String-value", ids) and
         * annotations are no properties. */
        if (!value->string || !is_property_name(value->string))
            continue;
        model_property *prop = model_type_find_property(t, value->string);
        if (prop)
            merge_representation_value(x, prop, value);
        else
            add_representation_property(x, t, next_key_line(&keys, code, value->string),
                                        value);
    }
    free(keys.items);
    apply_optional_properties(
        t, cJSON_GetObjectItemCaseSensitive(ann, "optionalProperties"));
    const cJSON *key = cJSON_GetObjectItemCaseSensitive(ann, "keyProperty");
    *keyed = cJSON_IsString(key) && *key->valuestring;
    const cJSON *base = cJSON_GetObjectItemCaseSensitive(ann, "baseType");
    const char *ns, *name;
    if (cJSON_IsString(base) &&
        split_qualified_name(x->mem, base->valuestring, &ns, &name))
        t->base = name;
}

static size_t add_property_tables(extract_ctx *x, model_type *t)
{
    size_t navigation = 0;
    for (size_t i = 0; i < x->p->ntables; i++) {
        const page_table *table = &x->p->tables[i];
        if (!is_property_table(table))
            continue;
        int nav = is_navigation_table(table);
        size_t n = extract_property_rows(x, t, table, nav);
        if (nav)
            navigation += n;
    }
    return navigation;
}

static void add_other_representations(extract_ctx *x, const page_code *main)
{
    for (size_t i = 0; i < x->p->ncodes; i++) {
        const page_code *c = &x->p->codes[i];
        if (c == main || !c->json || !block_type_is(c->annotation, "resource"))
            continue;
        model_example *e = extract_example(x, EXAMPLE_RESOURCE, c->json, c->line);
        const char *ns, *name;
        if (e && annotation_type(x, c->annotation, &ns, &name))
            e->type = name;
    }
}

void extract_resource(extract_ctx *x)
{
    const char *title_name = title_type_name(x);
    const page_code *repr = main_representation(x, title_name);
    const char *ns = x->ns, *name = title_name;
    if (repr)
        annotation_type(x, repr->annotation, &ns, &name);
    if (!name)
        return;
    model_type *t = model_add_type(x->m, ns, name, KIND_COMPLEX,
                                   ctx_ref(x, page_title_line(x->p), 0));
    t->primary = 1;
    t->description = type_description(x);
    size_t navigation = add_property_tables(x, t);
    int keyed = 0;
    if (repr) {
        read_representation(x, t, repr, &keyed);
        if (repr->json) {
            model_example *e =
                extract_example(x, EXAMPLE_RESOURCE, repr->json, repr->line);
            if (e)
                e->type = t->name;
        }
    }
    add_other_representations(x, repr);
    if (!t->base)
        t->base = prose_base(x);
    if (!t->base)
        t->base = inherited_base(t);
    if (keyed || navigation || has_key_like_id(x, t) ||
        (t->base && strcasecmp(t->base, "entity") == 0) ||
        methods_return_type(x, t->name))
        t->kind = KIND_ENTITY;
}
