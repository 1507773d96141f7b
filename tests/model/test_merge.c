/* The merge on fixture pages: the primary source wins and disagreements
 * become conflicts, inline enums get their names, types are inferred from
 * examples, names resolve case-insensitively, unions get their common
 * base, kinds follow base types, the output is sorted and deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"
#include "model_test.h"

static const char widget_page[] =
    "# widget resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | Read-only. |\n"
    "| color | String | Possible values are: `red`, `green`. |\n"
    "| size | Int32 | The size. |\n"
    "| parts | [part](part.md) collection | The parts. |\n"
    "| owner | [PARTINFO](partinfo.md) | The owner. |\n"
    "| shape | String | Possible values are: `round`, `square`. |\n"
    "| mode | String | Possible values are: `a`, `b`. |\n"
    "| media | [circleMedia](circlemedia.md) or "
    "[squareMedia](squaremedia.md) | The media. |\n"
    "\n"
    "## Relationships\n"
    "\n"
    "None.\n";

static const char gizmo_page[] =
    "# gizmo resource type\n"
    "\n"
    "Inherits from [widget](widget.md).\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| spin | Double | The spin. |\n";

static const char partinfo_page[] =
    "# partInfo resource type\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| label | String | The label. |\n";

static const char part_page[] =
    "# part resource type\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | Read-only. |\n";

static const char media_page[] =
    "# media resource type\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| blob | String | The blob. |\n";

static const char circle_media_page[] =
    "# circleMedia resource type\n"
    "\n"
    "Inherits from [media](media.md).\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| radius | Double | The radius. |\n";

static const char square_media_page[] =
    "# squareMedia resource type\n"
    "\n"
    "## JSON representation\n"
    "\n"
    "<!-- {\n"
    "  \"blockType\": \"resource\",\n"
    "  \"baseType\": \"microsoft.graph.media\",\n"
    "  \"@odata.type\": \"microsoft.graph.squareMedia\"\n"
    "}-->\n"
    "```json\n"
    "{\"side\": 1.5}\n"
    "```\n";

static const char enums_page[] =
    "# Enum values\n"
    "\n"
    "### widgetMode values\n"
    "\n"
    "|Member|\n"
    "|:---|\n"
    "|a|\n"
    "|b|\n"
    "|c|\n";

static const char update_page[] =
    "# Update widget\n"
    "\n"
    "## HTTP request\n"
    "\n"
    "```http\n"
    "PATCH /widgets/{id}\n"
    "```\n"
    "\n"
    "## Request body\n"
    "\n"
    "In the request body, supply a JSON representation of the "
    "[widget](../resources/widget.md) object.\n"
    "\n"
    "|Property|Type|Description|\n"
    "|:---|:---|:---|\n"
    "|color|String|Possible values are: `red`, `blue`.|\n"
    "|size|Int64|The size.|\n"
    "|parts|[part](../resources/part.md)|The parts.|\n"
    "|shape|shapeKind|The shape.|\n"
    "|weight|Double|The weight.|\n"
    "|owner|[partInfo](../resources/partinfo.md)|The owner.|\n"
    "\n"
    "## Response\n"
    "\n"
    "If successful, this method returns a `200 OK` response code and an "
    "updated [widget](../resources/widget.md) object in the response body.\n"
    "\n"
    "## Example\n"
    "\n"
    "<!-- { \"blockType\": \"response\", \"@odata.type\": "
    "\"microsoft.graph.widget\" } -->\n"
    "```http\n"
    "HTTP/1.1 200 OK\n"
    "Content-Type: application/json\n"
    "\n"
    "{\n"
    "  \"size\": 3,\n"
    "  \"gear\": {\"@odata.type\": \"#microsoft.graph.sprocket\", "
    "\"teeth\": 12, \"label\": \"big\", \"ratio\": 0.5},\n"
    "  \"unlisted\": \"x\"\n"
    "}\n"
    "```\n";

static const fixture pages[] = {
    {"api/widget-update.md", update_page},
    {"resources/circlemedia.md", circle_media_page},
    {"resources/enums.md", enums_page},
    {"resources/gizmo.md", gizmo_page},
    {"resources/media.md", media_page},
    {"resources/part.md", part_page},
    {"resources/partinfo.md", partinfo_page},
    {"resources/squaremedia.md", square_media_page},
    {"resources/widget.md", widget_page},
};
#define NPAGES (sizeof pages / sizeof *pages)

static const model_conflict *find_conflict(const model *m, const char *rule,
                                           const char *about)
{
    for (size_t i = 0; i < m->nconflicts; i++)
        if (strcmp(m->conflicts[i].rule, rule) == 0 &&
            strstr(m->conflicts[i].message, about))
            return &m->conflicts[i];
    fprintf(stderr, "conflict %s about %s: missing\n", rule, about);
    test_failures++;
    return NULL;
}

static void check_conflicts(const model *m)
{
    CHECK_INT(m->nconflicts, 3);
    const model_conflict *c = find_conflict(m, "conflict-type", "widget.size");
    if (c) {
        CHECK_STR(c->at.file, "api/widget-update.md");
        CHECK_INT(c->at.line, 16);
        CHECK_STR(c->other.file, "resources/widget.md");
        CHECK_INT(c->other.line, 11);
    }
    c = find_conflict(m, "conflict-collection", "widget.parts");
    if (c)
        CHECK_STR(c->at.file, "api/widget-update.md");
    c = find_conflict(m, "conflict-enum", "widget.color");
    if (c) {
        CHECK_STR(c->at.file, "api/widget-update.md");
        CHECK_STR(c->other.file, "resources/widget.md");
    }
}

static void check_primary_kept(const model *m)
{
    model_type *w = need_type(m, "widget");
    model_property *p;
    if ((p = need_property(w, "size")))
        CHECK_STR(p->type.name, "Int32");
    if ((p = need_property(w, "parts")))
        CHECK(p->type.collection);
    if ((p = need_property(w, "weight"))) {
        CHECK_STR(p->type.name, "Double");
        CHECK_STR(p->source.file, "api/widget-update.md");
    }
    /* Examples do not add to a type a page defines. */
    CHECK(w && !model_type_find_property(w, "unlisted"));
    if (w) {
        CHECK(w->kind == KIND_ENTITY);
        CHECK(w->primary);
        CHECK(!w->inferred);
    }
}

static void check_inline_enums(const model *m)
{
    model_type *w = need_type(m, "widget");
    model_property *p;
    if ((p = need_property(w, "color")))
        CHECK_STR(p->type.name, "widgetColor");
    model_type *e = need_type(m, "widgetColor");
    if (e) {
        CHECK(e->kind == KIND_ENUM);
        CHECK(has_member(e, "red") && has_member(e, "green"));
        CHECK(!has_member(e, "blue"));
    }
    /* The API page names the enum of a "String with listed values". */
    if ((p = need_property(w, "shape")))
        CHECK_STR(p->type.name, "shapeKind");
    if ((e = need_type(m, "shapeKind")))
        CHECK(has_member(e, "round") && has_member(e, "square"));
    /* An enum page's enum of that name is used, not a new one. */
    if ((p = need_property(w, "mode")))
        CHECK_STR(p->type.name, "widgetMode");
    if ((e = need_type(m, "widgetMode"))) {
        CHECK_INT(e->nmembers, 3);
        CHECK(e->primary);
    }
}

static void check_resolution(const model *m)
{
    model_type *w = need_type(m, "widget");
    model_property *p;
    if ((p = need_property(w, "owner")))
        CHECK_STR(p->type.name, "partInfo");
    if ((p = need_property(w, "media"))) {
        CHECK_STR(p->type.name, "media");
        CHECK_INT(p->type.nalternatives, 2);
    }
    model_type *g = need_type(m, "gizmo");
    if (g) {
        CHECK_STR(g->base, "widget");
        CHECK(g->kind == KIND_ENTITY); /* its base is an entity */
    }
    model_type *sq = need_type(m, "squareMedia");
    if (sq) {
        CHECK_STR(sq->base, "media");
        CHECK(sq->kind == KIND_COMPLEX);
    }
    model_type *s = need_type(m, "sprocket");
    if (s) {
        CHECK(s->inferred);
        CHECK(!s->primary);
        if ((p = need_property(s, "teeth")))
            CHECK_STR(p->type.name, "Int32");
        if ((p = need_property(s, "ratio")))
            CHECK_STR(p->type.name, "Double");
        if ((p = need_property(s, "label")))
            CHECK_STR(p->type.name, "String");
        CHECK_STR(s->source.file, "api/widget-update.md");
    }
}

static void check_sorted(const model *m)
{
    for (size_t i = 1; i < m->ntypes; i++) {
        int c = strcmp(m->types[i - 1]->namespace, m->types[i]->namespace);
        CHECK(c < 0 || (c == 0 && strcmp(m->types[i - 1]->name,
                                         m->types[i]->name) < 0));
    }
    for (size_t i = 0; i < m->ntypes; i++)
        for (size_t j = 1; j < m->types[i]->nproperties; j++)
            CHECK(strcmp(m->types[i]->properties[j - 1].name,
                         m->types[i]->properties[j].name) < 0);
}

static char *json_text(const model *m, int with_examples)
{
    cJSON *json = model_to_json(m, with_examples);
    char *text = cJSON_Print(json);
    cJSON_Delete(json);
    return text;
}

static void check_json(const model *m)
{
    cJSON *plain = model_to_json(m, 0);
    CHECK(cJSON_GetObjectItem(plain, "types") != NULL);
    CHECK(cJSON_GetObjectItem(plain, "methods") != NULL);
    CHECK(cJSON_GetObjectItem(plain, "examples") == NULL);
    CHECK(cJSON_GetObjectItem(plain, "conflicts") == NULL);
    cJSON_Delete(plain);
    cJSON *full = model_to_json(m, 1);
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(full, "conflicts")), 3);
    CHECK_INT(cJSON_GetArraySize(cJSON_GetObjectItem(full, "examples")), 2);
    cJSON_Delete(full);
}

static void check_deterministic(const model *first)
{
    model *second = model_from_fixtures(pages, NPAGES);
    char *a = json_text(first, 1), *b = json_text(second, 1);
    CHECK(strcmp(a, b) == 0);
    free(a);
    free(b);
    model_free(second);
}

/* An enum named after its owner belongs to the owner's namespace: another
 * namespace's enum of that name is another type. Values are compared with
 * the members without case. */
static const char stream_page[] =
    "# stream resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| direction | String | Possible values are: `in`, `out`. |\n"
    "| level | String | Possible values are: `Low`, `High`. |\n";

static const char records_stream_page[] =
    "# stream resource type\n"
    "\n"
    "Namespace: microsoft.graph.records\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| direction | streamDirection | The direction. |\n";

static const char records_enums_page[] =
    "# Enums\n"
    "\n"
    "Namespace: microsoft.graph.records\n"
    "\n"
    "### streamDirection values\n"
    "\n"
    "|Member|\n"
    "|:---|\n"
    "|up|\n"
    "|down|\n"
    "\n"
    "### streamLevel values\n"
    "\n"
    "|Member|\n"
    "|:---|\n"
    "|low|\n"
    "|high|\n";

static const char graph_enums_page[] =
    "# Enums\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "### streamLevel values\n"
    "\n"
    "|Member|\n"
    "|:---|\n"
    "|low|\n"
    "|high|\n";

static const model_type *find_in(const model *m, const char *ns,
                                 const char *name)
{
    for (size_t i = 0; i < m->ntypes; i++)
        if (strcmp(m->types[i]->name, name) == 0 &&
            m->types[i]->namespace && strcmp(m->types[i]->namespace, ns) == 0)
            return m->types[i];
    fprintf(stderr, "type %s.%s: missing\n", ns, name);
    return NULL;
}

static void test_inline_enum_namespaces(void)
{
    static const fixture stream_pages[] = {
        {"resources/enums.md", graph_enums_page},
        {"resources/records-enums.md", records_enums_page},
        {"resources/records-stream.md", records_stream_page},
        {"resources/stream.md", stream_page},
    };
    model *m = model_from_fixtures(stream_pages,
                                   sizeof stream_pages / sizeof *stream_pages);
    const model_type *graph_stream = find_in(m, "microsoft.graph", "stream");
    const model_property *p =
        graph_stream ? model_type_find_property(graph_stream, "direction") : NULL;
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(p->type.name, "streamDirection");
        CHECK_STR(p->type.namespace, "microsoft.graph");
    }
    const model_type *made = find_in(m, "microsoft.graph", "streamDirection");
    if (made) {
        CHECK(has_member(made, "in") && has_member(made, "out"));
        CHECK(!has_member(made, "up"));
    }
    const model_type *records = find_in(m, "microsoft.graph.records", "streamDirection");
    if (records) {
        CHECK_INT(records->nmembers, 2);
        CHECK(has_member(records, "up") && !has_member(records, "in"));
    }
    /* "Low", "High" are the members low and high: no conflict. */
    p = graph_stream ? model_type_find_property(graph_stream, "level") : NULL;
    if (p)
        CHECK_STR(p->type.namespace, "microsoft.graph");
    for (size_t i = 0; i < m->nconflicts; i++) {
        CHECK(strstr(m->conflicts[i].message, "level") == NULL);
        if (strstr(m->conflicts[i].message, "level"))
            fprintf(stderr, "unexpected conflict: %s\n", m->conflicts[i].message);
    }
    model_free(m);
}

/* Two pages define thing; the one named after it is its own page, though
 * the other comes first in path order: the model keeps its answers and
 * the other page's differences are the conflicts. */
static const char thing_own_page[] =
    "# thing resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | The id. |\n"
    "| size | Int32 | The size. |\n";

static const char thing_other_page[] =
    "# thing resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | The id. |\n"
    "| size | String | The size. |\n";

static void test_own_page_first(void)
{
    static const fixture thing_pages[] = {
        {"resources/devices-thing.md", thing_other_page},
        {"resources/thing.md", thing_own_page},
    };
    model *m = model_from_fixtures(thing_pages,
                                   sizeof thing_pages / sizeof *thing_pages);
    const model_type *t = find_in(m, "microsoft.graph", "thing");
    if (t) {
        CHECK_STR(t->source.file, "resources/thing.md");
        const model_property *size = model_type_find_property(t, "size");
        CHECK(size && size->type.name && strcmp(size->type.name, "Int32") == 0);
    }
    CHECK_INT(m->nconflicts, 1);
    if (m->nconflicts)
        CHECK_STR(m->conflicts[0].at.file, "resources/devices-thing.md");
    model_free(m);
}

static void test_empty_merge(void)
{
    model *m = model_merge(NULL, 0);
    CHECK_INT(m->ntypes, 0);
    char *text = json_text(m, 1);
    CHECK(strstr(text, "\"microsoft.graph\"") != NULL);
    free(text);
    model_free(m);
}

int main(void)
{
    extract_init();
    model *m = model_from_fixtures(pages, NPAGES);
    check_conflicts(m);
    check_primary_kept(m);
    check_inline_enums(m);
    check_resolution(m);
    check_sorted(m);
    check_json(m);
    check_json_writer(m);
    check_deterministic(m);
    model_free(m);
    test_inline_enum_namespaces();
    test_own_page_first();
    test_empty_merge();
    extract_shutdown();
    return test_result("model-merge");
}
