/* model_to_json: the `apimd schema` output, exactly per
 * docs/model.schema.json. Keys come in a fixed order and arrays are
 * already sorted, so equal models give byte-equal output. */
#include <string.h>

#include "model/model.h"

static void add_string_or_null(cJSON *o, const char *key, const char *s)
{
    if (s)
        cJSON_AddStringToObject(o, key, s);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *source_json(const src_ref *s)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "file", s->file ? s->file : "");
    cJSON_AddNumberToObject(o, "line", s->line > 0 ? s->line : 1);
    if (s->col > 0)
        cJSON_AddNumberToObject(o, "col", s->col);
    return o;
}

static cJSON *string_array(const char *const *items, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, cJSON_CreateString(items[i]));
    return a;
}

/* name, alternatives, primitive, collection: shared by properties and
 * parameters. */
static void add_type_ref(cJSON *o, const type_ref *t)
{
    add_string_or_null(o, "type", t->name);
    if (t->nalternatives > 1)
        cJSON_AddItemToObject(o, "alternatives",
                              string_array(t->alternatives, t->nalternatives));
    cJSON_AddBoolToObject(o, "primitive", t->primitive);
    cJSON_AddBoolToObject(o, "collection", t->collection);
}

static cJSON *property_json(const model_property *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", p->name);
    add_type_ref(o, &p->type);
    cJSON_AddBoolToObject(o, "nullable", model_property_nullable(p));
    cJSON_AddBoolToObject(o, "readOnly", p->read_only == TRI_YES);
    cJSON_AddBoolToObject(o, "required", p->required == TRI_YES);
    cJSON_AddBoolToObject(o, "navigation", p->navigation);
    if (p->inherited_from)
        cJSON_AddStringToObject(o, "inheritedFrom", p->inherited_from);
    cJSON_AddBoolToObject(o, "serverGenerated", p->server_generated);
    cJSON_AddBoolToObject(o, "supportsFilter", p->supports_filter);
    add_string_or_null(o, "description", p->description);
    cJSON_AddItemToObject(o, "source", source_json(&p->source));
    return o;
}

static cJSON *member_json(const enum_member *mem)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", mem->name);
    cJSON_AddNumberToObject(o, "value", (double)mem->value);
    add_string_or_null(o, "description", mem->description);
    cJSON_AddItemToObject(o, "source", source_json(&mem->source));
    return o;
}

static cJSON *type_json(const model_type *t)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", t->name);
    cJSON_AddStringToObject(o, "namespace", t->namespace ? t->namespace : "");
    cJSON_AddStringToObject(o, "kind", type_kind_name(t->kind));
    add_string_or_null(o, "base", t->base);
    add_string_or_null(o, "description", t->description);
    cJSON_AddBoolToObject(o, "inferred", t->inferred);
    cJSON_AddItemToObject(o, "source", source_json(&t->source));
    cJSON *props = cJSON_AddArrayToObject(o, "properties");
    for (size_t i = 0; i < t->nproperties; i++)
        cJSON_AddItemToArray(props, property_json(&t->properties[i]));
    if (t->kind == KIND_ENUM) {
        cJSON *members = cJSON_AddArrayToObject(o, "members");
        for (size_t i = 0; i < t->nmembers; i++)
            cJSON_AddItemToArray(members, member_json(&t->members[i]));
    }
    return o;
}

static cJSON *param_json(const method_param *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "name", p->name);
    add_type_ref(o, &p->type);
    cJSON_AddBoolToObject(o, "required", p->required == TRI_YES);
    add_string_or_null(o, "description", p->description);
    cJSON_AddItemToObject(o, "source", source_json(&p->source));
    return o;
}

static cJSON *params_json(const method_param *items, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++)
        cJSON_AddItemToArray(a, param_json(&items[i]));
    return a;
}

static cJSON *path_json(const method_path *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "path", p->path);
    cJSON_AddItemToObject(o, "parameters", string_array(p->params, p->nparams));
    cJSON_AddItemToObject(o, "source", source_json(&p->source));
    return o;
}

static cJSON *response_json(const method_response *r)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddNumberToObject(o, "status", r->status);
    add_string_or_null(o, "type", r->type);
    cJSON_AddBoolToObject(o, "collection", r->collection);
    cJSON_AddItemToObject(o, "source", source_json(&r->source));
    return o;
}

static cJSON *permission_json(const method_permission *p)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "kind", p->kind);
    cJSON_AddItemToObject(o, "values", string_array(p->values, p->nvalues));
    cJSON_AddItemToObject(o, "source", source_json(&p->source));
    return o;
}

/* null when the page documents no body at all. */
static cJSON *request_body_json(const model_method *mm)
{
    if (!mm->request_type && !mm->nbody_params)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    add_string_or_null(o, "type", mm->request_type);
    cJSON_AddItemToObject(o, "parameters",
                          params_json(mm->body_params, mm->nbody_params));
    return o;
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

static cJSON *method_json(const model_method *mm)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "id", mm->id);
    add_string_or_null(o, "title", mm->title);
    add_string_or_null(o, "verb", known_verb(mm->verb) ? mm->verb : NULL);
    cJSON *paths = cJSON_AddArrayToObject(o, "paths");
    for (size_t i = 0; i < mm->npaths; i++)
        cJSON_AddItemToArray(paths, path_json(&mm->paths[i]));
    cJSON_AddItemToObject(o, "requestBody", request_body_json(mm));
    cJSON_AddItemToObject(o, "queryParameters",
                          params_json(mm->query_params, mm->nquery_params));
    cJSON *responses = cJSON_AddArrayToObject(o, "responses");
    for (size_t i = 0; i < mm->nresponses; i++)
        cJSON_AddItemToArray(responses, response_json(&mm->responses[i]));
    cJSON *perms = cJSON_AddArrayToObject(o, "permissions");
    for (size_t i = 0; i < mm->npermissions; i++)
        cJSON_AddItemToArray(perms, permission_json(&mm->permissions[i]));
    cJSON_AddItemToObject(o, "source", source_json(&mm->source));
    return o;
}

static cJSON *example_json(const model_example *e)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "role", example_role_name(e->role));
    add_string_or_null(o, "type", e->type);
    cJSON_AddBoolToObject(o, "collection", e->collection);
    cJSON_AddBoolToObject(o, "truncated", e->truncated);
    add_string_or_null(o, "method", e->method_id);
    cJSON_AddItemToObject(o, "source", source_json(&e->source));
    cJSON_AddItemToObject(o, "json", e->json ? cJSON_Duplicate(e->json, 1)
                                             : cJSON_CreateNull());
    return o;
}

static cJSON *conflict_json(const model_conflict *c)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "rule", c->rule);
    cJSON_AddStringToObject(o, "message", c->message);
    cJSON_AddItemToObject(o, "at", source_json(&c->at));
    cJSON_AddItemToObject(o, "other", source_json(&c->other));
    return o;
}

cJSON *model_to_json(const model *m, int with_examples)
{
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "apimdModelVersion", 1);
    cJSON_AddStringToObject(root, "namespace",
                            m->default_namespace ? m->default_namespace
                                                 : "microsoft.graph");
    cJSON *types = cJSON_AddArrayToObject(root, "types");
    for (size_t i = 0; i < m->ntypes; i++)
        cJSON_AddItemToArray(types, type_json(m->types[i]));
    cJSON *methods = cJSON_AddArrayToObject(root, "methods");
    for (size_t i = 0; i < m->nmethods; i++)
        cJSON_AddItemToArray(methods, method_json(m->methods[i]));
    if (with_examples) {
        cJSON *examples = cJSON_AddArrayToObject(root, "examples");
        for (size_t i = 0; i < m->nexamples; i++)
            cJSON_AddItemToArray(examples, example_json(m->examples[i]));
        cJSON *conflicts = cJSON_AddArrayToObject(root, "conflicts");
        for (size_t i = 0; i < m->nconflicts; i++)
            cJSON_AddItemToArray(conflicts, conflict_json(&m->conflicts[i]));
    }
    return root;
}
