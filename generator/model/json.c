/* model_to_json: the `apimd schema` output, exactly per
 * docs/model.schema.json. Keys come in a fixed order and arrays are
 * already sorted, so equal models give byte-equal output.
 *
 * The format is written once, below, against a small writer with two
 * ends: one builds the cJSON tree (model_to_json), the other prints the
 * text json_print would give for that tree straight away
 * (model_write_json), so that the schema of a big model is never held
 * whole, as a tree or as text.
 *
 * The tree is built cheaply: keys are the literals below and strings are
 * references to the model's own (neither is copied), which is why the
 * JSON must be deleted before the model is freed. */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "util/json_print.h"

/* ---- the writer ---- */

enum { MAX_DEPTH = 16 };

typedef struct json_out {
    /* tree: the containers being filled, innermost last */
    cJSON *stack[MAX_DEPTH];
    size_t depth; /* open containers */
    cJSON *root;  /* tree: the finished value */
    strbuf *text; /* NULL: build the tree */
    json_writer w; /* text: writes into text */
    /* text: handed on once chunk bytes gathered, at a member's end */
    size_t chunk;
    int (*flush)(void *ctx, const char *data, size_t len);
    void *ctx;
    int failed;
    /* text: the last source file printed, and its JSON string: the
     * elements of a page share the one path, printed thousands of times */
    const char *file;
    strbuf file_json;
} json_out;

static void text_drain(json_out *o)
{
    if (o->failed || o->text->len < o->chunk || !o->text->len)
        return;
    if (o->flush(o->ctx, o->text->data, o->text->len) != 0)
        o->failed = 1;
    strbuf_reset(o->text);
}

/* Tree: adds value to the innermost container (or makes it the root). */
static void tree_add(json_out *o, const char *key, cJSON *value)
{
    if (o->depth == 0)
        o->root = value;
    else if (cJSON_IsArray(o->stack[o->depth - 1]))
        cJSON_AddItemToArray(o->stack[o->depth - 1], value);
    else
        cJSON_AddItemToObjectCS(o->stack[o->depth - 1], key, value);
}

static void open_container(json_out *o, const char *key, int array)
{
    if (o->depth == MAX_DEPTH)
        abort(); /* the format nests a few levels: a bug, not input */
    if (o->text) {
        if (array)
            json_write_begin_array(&o->w, key);
        else
            json_write_begin_object(&o->w, key);
    } else {
        cJSON *c = array ? cJSON_CreateArray() : cJSON_CreateObject();
        tree_add(o, key, c);
        o->stack[o->depth] = c;
    }
    o->depth++;
}

static void close_container(json_out *o)
{
    o->depth--;
    if (!o->text)
        return;
    json_write_end(&o->w);
    if (o->depth <= 2)
        text_drain(o); /* between the elements of the root's arrays */
}

static void begin_object(json_out *o, const char *key) { open_container(o, key, 0); }
static void begin_array(json_out *o, const char *key) { open_container(o, key, 1); }
static void end_object(json_out *o) { close_container(o); }
static void end_array(json_out *o) { close_container(o); }

/* A scalar of the tree: a new item. Strings are references to the
 * model's (see above). The text end writes each kind straight away (no
 * item for the million values of a big model); the put_ functions are
 * small so that they inline and the keys' lengths are known. */
static void tree_scalar(json_out *o, const char *key, int type, const char *s, double n)
{
    tree_add(o, key,
             type == cJSON_String ? cJSON_CreateStringReference(s)
             : type == cJSON_Number ? cJSON_CreateNumber(n)
             : type == cJSON_True   ? cJSON_CreateTrue()
             : type == cJSON_False  ? cJSON_CreateFalse()
                                    : cJSON_CreateNull());
}

static void put_null(json_out *o, const char *key)
{
    if (o->text)
        json_write_null(&o->w, key);
    else
        tree_scalar(o, key, cJSON_NULL, NULL, 0);
}

static void put_string(json_out *o, const char *key, const char *s)
{
    if (!s) /* no string, no member: what cJSON_AddStringToObject does */
        return;
    if (o->text)
        json_write_string(&o->w, key, s);
    else
        tree_scalar(o, key, cJSON_String, s, 0);
}

static void put_string_or_null(json_out *o, const char *key, const char *s)
{
    if (s)
        put_string(o, key, s);
    else
        put_null(o, key);
}

static void put_number(json_out *o, const char *key, double n)
{
    if (o->text)
        json_write_number(&o->w, key, n);
    else
        tree_scalar(o, key, cJSON_Number, NULL, n);
}

static void put_bool(json_out *o, const char *key, int b)
{
    if (o->text)
        json_write_bool(&o->w, key, b);
    else
        tree_scalar(o, key, b ? cJSON_True : cJSON_False, NULL, 0);
}

/* ---- the format ---- */

/* The file of a source: printed once per run of elements from one file. */
static void put_source_file(json_out *o, const char *file)
{
    if (!o->text) {
        put_string(o, "file", file);
        return;
    }
    if (file != o->file || !o->file_json.data) {
        strbuf_reset(&o->file_json);
        json_print_string(file, &o->file_json);
        o->file = file;
    }
    json_write_lead(&o->w, "file");
    strbuf_add(o->text, o->file_json.data, o->file_json.len);
}

static void put_source(json_out *o, const char *key, const src_ref *s)
{
    begin_object(o, key);
    put_source_file(o, s->file ? s->file : "");
    put_number(o, "line", src_ref_line(s));
    if (s->col > 0)
        put_number(o, "col", s->col);
    end_object(o);
}

static void put_string_array(json_out *o, const char *key, const char *const *items,
                             size_t n)
{
    begin_array(o, key);
    for (size_t i = 0; i < n; i++)
        put_string(o, NULL, items[i]);
    end_array(o);
}

/* name, alternatives, primitive, collection: shared by properties and
 * parameters. */
static void put_type_ref(json_out *o, const type_ref *t)
{
    put_string_or_null(o, "type", t->name);
    if (type_ref_is_union(t))
        put_string_array(o, "alternatives", t->alternatives, t->nalternatives);
    put_bool(o, "primitive", t->primitive);
    put_bool(o, "collection", t->collection);
}

static void put_property(json_out *o, const model_property *p)
{
    begin_object(o, NULL);
    put_string(o, "name", p->name);
    put_type_ref(o, &p->type);
    put_bool(o, "nullable", model_property_nullable(p));
    put_bool(o, "readOnly", p->read_only == TRI_YES);
    put_bool(o, "required", p->required == TRI_YES);
    put_bool(o, "navigation", p->navigation);
    if (p->inherited_from)
        put_string(o, "inheritedFrom", p->inherited_from);
    put_bool(o, "serverGenerated", p->server_generated);
    put_bool(o, "supportsFilter", p->supports_filter);
    put_string_or_null(o, "description", p->description);
    put_source(o, "source", &p->source);
    end_object(o);
}

static void put_member(json_out *o, const enum_member *mem)
{
    begin_object(o, NULL);
    put_string(o, "name", mem->name);
    put_number(o, "value", (double)mem->value);
    put_string_or_null(o, "description", mem->description);
    put_source(o, "source", &mem->source);
    end_object(o);
}

static void put_type(json_out *o, const model_type *t)
{
    begin_object(o, NULL);
    put_string(o, "name", t->name);
    put_string(o, "namespace", t->namespace ? t->namespace : "");
    put_string(o, "kind", type_kind_name(t->kind));
    put_string_or_null(o, "base", t->base);
    put_string_or_null(o, "description", t->description);
    put_bool(o, "inferred", t->inferred);
    put_source(o, "source", &t->source);
    begin_array(o, "properties");
    for (size_t i = 0; i < t->nproperties; i++)
        put_property(o, &t->properties[i]);
    end_array(o);
    if (t->kind == KIND_ENUM) {
        begin_array(o, "members");
        for (size_t i = 0; i < t->nmembers; i++)
            put_member(o, &t->members[i]);
        end_array(o);
    }
    end_object(o);
}

static void put_param(json_out *o, const method_param *p)
{
    begin_object(o, NULL);
    put_string(o, "name", p->name);
    put_type_ref(o, &p->type);
    put_bool(o, "required", p->required == TRI_YES);
    put_string_or_null(o, "description", p->description);
    put_source(o, "source", &p->source);
    end_object(o);
}

static void put_params(json_out *o, const char *key, const method_param *items, size_t n)
{
    begin_array(o, key);
    for (size_t i = 0; i < n; i++)
        put_param(o, &items[i]);
    end_array(o);
}

static void put_path(json_out *o, const method_path *p)
{
    begin_object(o, NULL);
    put_string(o, "path", p->path);
    put_string_array(o, "parameters", p->params, p->nparams);
    put_source(o, "source", &p->source);
    end_object(o);
}

static void put_response(json_out *o, const method_response *r)
{
    begin_object(o, NULL);
    put_number(o, "status", r->status);
    put_string_or_null(o, "type", r->type);
    put_bool(o, "collection", r->collection);
    put_source(o, "source", &r->source);
    end_object(o);
}

static void put_permission(json_out *o, const method_permission *p)
{
    begin_object(o, NULL);
    put_string(o, "kind", p->kind);
    put_string_array(o, "values", p->values, p->nvalues);
    put_source(o, "source", &p->source);
    end_object(o);
}

/* null when the page documents no body at all. */
static void put_request_body(json_out *o, const model_method *mm)
{
    if (!mm->request_type && !mm->nbody_params) {
        put_null(o, "requestBody");
        return;
    }
    begin_object(o, "requestBody");
    put_string_or_null(o, "type", mm->request_type);
    put_params(o, "parameters", mm->body_params, mm->nbody_params);
    end_object(o);
}

/* The schema's verb enum; a page with no request line, or an unknown
 * verb, gives null rather than a guess. */
static int known_verb(const char *verb)
{
    static const char *const verbs[] = {"GET",    "POST", "PUT",    "PATCH",
                                        "DELETE", "HEAD", "OPTIONS"};
    for (size_t i = 0; verb && i < sizeof verbs / sizeof *verbs; i++)
        if (strcmp(verb, verbs[i]) == 0)
            return 1;
    return 0;
}

static void put_method(json_out *o, const model_method *mm)
{
    begin_object(o, NULL);
    put_string(o, "id", mm->id);
    put_string_or_null(o, "title", mm->title);
    put_string_or_null(o, "verb", known_verb(mm->verb) ? mm->verb : NULL);
    begin_array(o, "paths");
    for (size_t i = 0; i < mm->npaths; i++)
        put_path(o, &mm->paths[i]);
    end_array(o);
    put_request_body(o, mm);
    put_params(o, "queryParameters", mm->query_params, mm->nquery_params);
    begin_array(o, "responses");
    for (size_t i = 0; i < mm->nresponses; i++)
        put_response(o, &mm->responses[i]);
    end_array(o);
    begin_array(o, "permissions");
    for (size_t i = 0; i < mm->npermissions; i++)
        put_permission(o, &mm->permissions[i]);
    end_array(o);
    put_source(o, "source", &mm->source);
    end_object(o);
}

static void put_example(json_out *o, const model_example *e)
{
    begin_object(o, NULL);
    put_string(o, "role", example_role_name(e->role));
    put_string_or_null(o, "type", e->type);
    put_bool(o, "collection", e->collection);
    put_bool(o, "truncated", e->truncated);
    put_string_or_null(o, "method", e->method_id);
    put_source(o, "source", &e->source);
    if (!e->json) {
        put_null(o, "json");
    } else if (o->text) { /* printed where it is: no copy */
        json_write_lead(&o->w, "json");
        json_print_nested(e->json, o->depth, o->text);
    } else {
        tree_add(o, "json", cJSON_Duplicate(e->json, 1));
    }
    end_object(o);
}

static void put_conflict(json_out *o, const model_conflict *c)
{
    begin_object(o, NULL);
    put_string(o, "rule", c->rule);
    put_string(o, "message", c->message);
    put_source(o, "at", &c->at);
    put_source(o, "other", &c->other);
    end_object(o);
}

static void put_root_start(json_out *o, const model *m)
{
    begin_object(o, NULL);
    put_number(o, "apimdModelVersion", 1);
    put_string(o, "namespace",
               m->default_namespace ? m->default_namespace : "microsoft.graph");
    begin_array(o, "types");
    for (size_t i = 0; i < m->ntypes; i++)
        put_type(o, m->types[i]);
    end_array(o);
}

static void put_model(json_out *o, const model *m, int with_examples)
{
    put_root_start(o, m);
    begin_array(o, "methods");
    for (size_t i = 0; i < m->nmethods; i++)
        put_method(o, m->methods[i]);
    end_array(o);
    if (with_examples) {
        begin_array(o, "examples");
        for (size_t i = 0; i < m->nexamples; i++)
            put_example(o, m->examples[i]);
        end_array(o);
        begin_array(o, "conflicts");
        for (size_t i = 0; i < m->nconflicts; i++)
            put_conflict(o, &m->conflicts[i]);
        end_array(o);
    }
    end_object(o);
}

/* ---- the entry points ---- */

cJSON *model_to_json(const model *m, int with_examples)
{
    json_out o;
    memset(&o, 0, sizeof o);
    put_model(&o, m, with_examples);
    return o.root;
}

int model_write_json(const model *m, int with_examples, strbuf *buf, size_t chunk,
                     int (*flush)(void *ctx, const char *data, size_t len), void *ctx)
{
    json_out o;
    memset(&o, 0, sizeof o);
    o.text = buf;
    o.chunk = chunk;
    o.flush = flush;
    o.ctx = ctx;
    strbuf_reset(buf);
    json_writer_init(&o.w, buf);
    put_model(&o, m, with_examples);
    o.chunk = 0;
    text_drain(&o);
    strbuf_free(&o.file_json);
    return o.failed ? -1 : 0;
}
