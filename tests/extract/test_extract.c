/* Extraction on small fixture pages: type cells, description patterns,
 * enum pages, resource pages and API pages. */
#include <stdio.h>
#include <string.h>

#include "extract/extract.h"
#include "extract_test.h"

/* --- type cells --- */

static const char type_cells_page[] =
    "---\n"
    "title: \"widget resource type\"\n"
    "doc_type: resourcePageType\n"
    "---\n"
    "\n"
    "# widget resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| a | string | x |\n"
    "| b | Int | x |\n"
    "| c | int | x |\n"
    "| d | Integer | x |\n"
    "| e | datetime | x |\n"
    "| f | DateTime | x |\n"
    "| g | bool | x |\n"
    "| h | Edm.String | x |\n"
    "| i | `Edm.Int64` | x |\n"
    "| j | Collection(String) | x |\n"
    "| k | String collection | x |\n"
    "| l | [participantInfo](participantinfo.md) collection | x |\n"
    "| m | [appHostedMediaConfig](apphostedmediaconfig.md) or "
    "[serviceHostedMediaConfig](servicehostedmediaconfig.md) | x |\n"
    "| n | Collection([callRoute](callroute.md)) | x |\n"
    "| o | string (url) | x |\n"
    "| p | [microsoft.graph.identitySet](identityset.md) | x |\n"
    "| q | Enumeration | x |\n"
    "| r | [deviceConfiguration](../resources/intune-deviceconfig-deviceconfiguration.md) | x |\n"
    "| s | Guid | x |\n"
    "| t | Boolean | x |\n"
    "| u | Double | x |\n"
    "| v | Binary | x |\n"
    "| w | Duration | x |\n"
    "| x | TimeOfDay | x |\n"
    "| y | Date | x |\n"
    "| z | Stream | x |\n"
    "| aa | callState | x |\n"
    "| ab | [identitySet][] | x |\n"
    "| ac | Int64 collection | x |\n"
    "| ad | Single | x |\n"
    "\n"
    "[identitySet]: identityset.md\n";

static void check_type(const model_type *t, const char *prop, const char *name,
                       int primitive, int collection)
{
    const model_property *p = need_property(t, prop);
    if (!p)
        return;
    if ((p->type.name == NULL) != (name == NULL) ||
        (name && strcmp(p->type.name, name) != 0) ||
        p->type.primitive != primitive || p->type.collection != collection) {
        fprintf(stderr,
                "property %s (\"%s\"): got %s primitive=%d collection=%d, "
                "want %s primitive=%d collection=%d\n",
                prop, p->type.written ? p->type.written : "",
                p->type.name ? p->type.name : "(null)", p->type.primitive,
                p->type.collection, name ? name : "(null)", primitive,
                collection);
        test_failures++;
    }
}

static void test_type_cells(void)
{
    model *m = fixture_fragment("resources/widget.md", type_cells_page);
    model_type *t = need_type(m, "widget");
    if (t) {
        check_type(t, "a", "String", 1, 0);
        check_type(t, "b", "Int32", 1, 0);
        check_type(t, "c", "Int32", 1, 0);
        check_type(t, "d", "Int32", 1, 0);
        check_type(t, "e", "DateTimeOffset", 1, 0);
        check_type(t, "f", "DateTimeOffset", 1, 0);
        check_type(t, "g", "Boolean", 1, 0);
        check_type(t, "h", "String", 1, 0);
        check_type(t, "i", "Int64", 1, 0);
        check_type(t, "j", "String", 1, 1);
        check_type(t, "k", "String", 1, 1);
        check_type(t, "l", "participantInfo", 0, 1);
        check_type(t, "m", "appHostedMediaConfig", 0, 0);
        check_type(t, "n", "callRoute", 0, 1);
        check_type(t, "o", "String", 1, 0);
        check_type(t, "p", "identitySet", 0, 0);
        check_type(t, "q", NULL, 0, 0);
        check_type(t, "r", "deviceConfiguration", 0, 0);
        check_type(t, "s", "Guid", 1, 0);
        check_type(t, "t", "Boolean", 1, 0);
        check_type(t, "u", "Double", 1, 0);
        check_type(t, "v", "Binary", 1, 0);
        check_type(t, "w", "Duration", 1, 0);
        check_type(t, "x", "TimeOfDay", 1, 0);
        check_type(t, "y", "Date", 1, 0);
        check_type(t, "z", "Stream", 1, 0);
        check_type(t, "aa", "callState", 0, 0);
        check_type(t, "ab", "identitySet", 0, 0);
        check_type(t, "ac", "Int64", 1, 1);
        check_type(t, "ad", "Single", 1, 0);
        const model_property *m_prop = need_property(t, "m");
        if (m_prop) {
            CHECK_INT(m_prop->type.nalternatives, 2);
            if (m_prop->type.nalternatives == 2) {
                CHECK_STR(m_prop->type.alternatives[0], "appHostedMediaConfig");
                CHECK_STR(m_prop->type.alternatives[1],
                          "serviceHostedMediaConfig");
            }
        }
        const model_property *p = need_property(t, "p");
        if (p)
            CHECK_STR(p->type.namespace, "microsoft.graph");
    }
    model_free(m);
}

/* --- descriptions --- */

static const char descriptions_page[] =
    "# gadget resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| state | String | The state. Possible values are: `incoming`, "
    "`establishing`, `ringing`. Read-only. Server generated. |\n"
    "| direction | String | The possible value are `incoming` or `outgoing`. |\n"
    "| kind | String | Possible values include: alpha, beta, and gamma. The "
    "default is alpha. |\n"
    "| name | String | The name. Not nullable. Supports $filter (eq). |\n"
    "| note | String | Nullable. Read-write. |\n"
    "| id | String | Inherited from [entity](entity.md). |\n"
    "| size | Int32 | Required. |\n"
    "| color | String | Optional. The color, for example `red`. |\n"
    "| flag | Boolean | Possible values are `true`, `false`. |\n";

static void test_descriptions(void)
{
    model *m = fixture_fragment("resources/gadget.md", descriptions_page);
    model_type *t = need_type(m, "gadget");
    model_property *p;
    if ((p = need_property(t, "state"))) {
        CHECK_INT(p->nenum_values, 3);
        if (p->nenum_values == 3) {
            CHECK_STR(p->enum_values[0], "incoming");
            CHECK_STR(p->enum_values[2], "ringing");
        }
        CHECK_INT(p->read_only, TRI_YES);
        CHECK_INT(p->server_generated, 1);
        CHECK_INT(p->nullable, TRI_UNKNOWN);
    }
    if ((p = need_property(t, "direction"))) {
        CHECK_INT(p->nenum_values, 2);
        if (p->nenum_values == 2)
            CHECK_STR(p->enum_values[1], "outgoing");
    }
    if ((p = need_property(t, "kind"))) {
        CHECK_INT(p->nenum_values, 3);
        if (p->nenum_values == 3)
            CHECK_STR(p->enum_values[2], "gamma");
    }
    if ((p = need_property(t, "name"))) {
        CHECK_INT(p->nullable, TRI_NO);
        CHECK_INT(p->supports_filter, 1);
        CHECK_INT(p->read_only, TRI_UNKNOWN);
    }
    if ((p = need_property(t, "note"))) {
        CHECK_INT(p->nullable, TRI_YES);
        CHECK_INT(p->read_only, TRI_NO);
    }
    if ((p = need_property(t, "id")))
        CHECK_STR(p->inherited_from, "entity");
    if ((p = need_property(t, "size")))
        CHECK_INT(p->required, TRI_YES);
    if ((p = need_property(t, "color"))) {
        CHECK_INT(p->required, TRI_NO);
        CHECK_INT(p->nenum_values, 0);
    }
    if ((p = need_property(t, "flag")))
        CHECK_INT(p->nenum_values, 2);
    if (t) {
        CHECK_STR(t->base, "entity");
        CHECK(t->kind == KIND_ENTITY);
    }
    model_free(m);
}

/* --- enum pages --- */

static const char enums_page[] =
    "---\n"
    "title: \"Enum values\"\n"
    "doc_type: enumPageType\n"
    "---\n"
    "\n"
    "# Enum values\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "### callState values\n"
    "\n"
    "|Member|\n"
    "|:---|\n"
    "|incoming|\n"
    "|established|\n"
    "|unknownFutureValue|\n"
    "\n"
    "### tone values\n"
    "\n"
    "|Member|Value|Description|\n"
    "|:---|:---|:---|\n"
    "|tone0|0|Tone 0.|\n"
    "|star|10|The star key.|\n"
    "\n"
    "### scope values\n"
    "\n"
    "|Value|Description|\n"
    "|:---|:---|\n"
    "|all|Everything.|\n"
    "|none|Nothing.|\n";

static const char single_enum_page[] =
    "---\n"
    "title: \"enrollmentState enum type\"\n"
    "doc_type: enumPageType\n"
    "---\n"
    "\n"
    "# enrollmentState enum type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Members\n"
    "|Member|Value|Description|\n"
    "|:---|:---|:---|\n"
    "|unknown|0|Unknown.|\n"
    "|enrolled|1|Enrolled.|\n"
    "|failed|3|Failed.|\n";

static void test_enum_pages(void)
{
    model *m = fixture_fragment("resources/enums.md", enums_page);
    CHECK_INT(m->ntypes, 3);
    model_type *t = need_type(m, "callState");
    if (t) {
        CHECK(t->kind == KIND_ENUM);
        CHECK(t->primary);
        CHECK_INT(t->nmembers, 3);
        CHECK(has_member(t, "unknownFutureValue"));
        CHECK_INT(t->source.line, 10);
        if (t->nmembers == 3)
            CHECK_INT(t->members[1].value, 1);
    }
    if ((t = need_type(m, "tone")) && t->nmembers == 2) {
        CHECK_INT(t->members[1].value, 10);
        CHECK_STR(t->members[1].description, "The star key.");
    }
    if ((t = need_type(m, "scope")))
        CHECK(has_member(t, "all") && has_member(t, "none"));
    model_free(m);

    m = fixture_fragment("resources/intune-enrollmentstate.md", single_enum_page);
    if ((t = need_type(m, "enrollmentState"))) {
        CHECK(t->kind == KIND_ENUM);
        CHECK_INT(t->nmembers, 3);
        if (t->nmembers == 3)
            CHECK_INT(t->members[2].value, 3);
    }
    model_free(m);
}

/* --- resource pages --- */

static const char resource_page[] =
    "---\n"
    "title: \"Call resource type\"\n"
    "description: \"A call.\"\n"
    "doc_type: resourcePageType\n"
    "---\n"
    "\n"
    "# Call resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "Inherits from [entity](entity.md).\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | Read-only. |\n"
    "| direction | String | The direction. |\n"
    "| mediaConfig | [appHostedMediaConfig](apphostedmediaconfig.md) or "
    "[serviceHostedMediaConfig](servicehostedmediaconfig.md) | Media. |\n"
    "| subject | String | The subject. |\n"
    "| tags | String collection | Tags. |\n"
    "\n"
    "## Relationships\n"
    "\n"
    "| Relationship | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| participants | [participant](participant.md) collection | Nullable. |\n"
    "\n"
    "## JSON representation\n"
    "\n"
    "<!-- {\n"
    "  \"blockType\": \"resource\",\n"
    "  \"optionalProperties\": [\"id\", \"direction\"],\n"
    "  \"@odata.type\": \"microsoft.graph.call\"\n"
    "}-->\n"
    "```json\n"
    "{\n"
    "  \"direction\": \"incoming | outgoing\",\n"
    "  \"id\": \"String (identifier)\",\n"
    "  \"mediaConfig\": {\"@odata.type\": \"#microsoft.graph.mediaConfig\"},\n"
    "  \"subject\": \"String\",\n"
    "  \"tags\": [\"String\"],\n"
    "  \"createdDateTime\": \"String (timestamp)\"\n"
    "}\n"
    "```\n"
    "\n"
    "<!-- {\n"
    "  \"blockType\": \"example\",\n"
    "  \"@odata.type\": \"microsoft.graph.call\"\n"
    "}-->\n"
    "```json\n"
    "{\"subject\": \"Hello\"}\n"
    "```\n";

static void test_resource_page(void)
{
    model *m = fixture_fragment("resources/call.md", resource_page);
    model_type *t = need_type(m, "call");
    if (t) {
        CHECK(t->primary);
        CHECK(t->kind == KIND_ENTITY);
        CHECK_STR(t->namespace, "microsoft.graph");
        CHECK_STR(t->base, "entity");
        CHECK_STR(t->description, "A call.");
        CHECK_STR(t->source.file, "resources/call.md");
        CHECK_INT(t->source.line, 7);
    }
    model_property *p;
    if ((p = need_property(t, "id")))
        CHECK_INT(p->required, TRI_NO);
    if ((p = need_property(t, "subject"))) {
        CHECK_INT(p->required, TRI_YES);
        CHECK_INT(p->source.line, 20);
    }
    if ((p = need_property(t, "direction"))) {
        CHECK_INT(p->required, TRI_NO);
        CHECK_INT(p->nenum_values, 2);
    }
    if ((p = need_property(t, "mediaConfig"))) {
        CHECK_STR(p->type.name, "mediaConfig");
        CHECK_INT(p->type.nalternatives, 2);
    }
    if ((p = need_property(t, "participants"))) {
        CHECK(p->navigation);
        CHECK(p->type.collection);
        CHECK_INT(p->required, TRI_UNKNOWN);
    }
    if ((p = need_property(t, "createdDateTime"))) {
        CHECK_STR(p->type.name, "DateTimeOffset");
        CHECK_INT(p->source.line, 43);
    }
    CHECK_INT(m->nexamples, 2);
    if (m->nexamples == 2) {
        CHECK(m->examples[0]->role == EXAMPLE_RESOURCE);
        CHECK_STR(m->examples[0]->type, "call");
        CHECK(m->examples[1]->role == EXAMPLE_JSON);
        CHECK_STR(m->examples[1]->type, "call");
    }
    model_free(m);
}

static const char complex_page[] =
    "# participantInfo resource type\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| region | String | The region. |\n";

/* An "id" alone does not make an entity: itemReference has one. */
static const char keyed_complex_page[] =
    "# itemReference resource type\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | Unique identifier of the item. Read-only. |\n";

/* With the sections of an entity's page it does. */
static const char sectioned_entity_page[] =
    "# commsOperation resource type\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| id | String | The operation ID. |\n"
    "\n"
    "## Relationships\n"
    "None\n";

/* A Methods table whose Get returns the type: addressable, an entity. */
static const char methods_entity_page[] =
    "# bookingBusiness resource type\n"
    "\n"
    "## Methods\n"
    "\n"
    "| Method | Return Type | Description |\n"
    "|:--|:--|:--|\n"
    "| [Get](../api/bookingbusiness-get.md) | "
    "[bookingBusiness](bookingbusiness.md) | Read it. |\n"
    "\n"
    "## Properties\n"
    "\n"
    "| Property | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| name | String | The name. |\n";

static void check_kind(const char *path, const char *text, const char *name,
                       type_kind want)
{
    model *m = fixture_fragment(path, text);
    model_type *t = need_type(m, name);
    if (t && t->kind != want) {
        fprintf(stderr, "%s: kind %s, want %s\n", name,
                type_kind_name(t->kind), type_kind_name(want));
        test_failures++;
    }
    model_free(m);
}

static void test_complex_type(void)
{
    model *m = fixture_fragment("resources/participantinfo.md", complex_page);
    model_type *t = need_type(m, "participantInfo");
    if (t) {
        CHECK(t->kind == KIND_COMPLEX);
        CHECK(t->base == NULL);
    }
    model_free(m);
    check_kind("resources/itemreference.md", keyed_complex_page,
               "itemReference", KIND_COMPLEX);
    check_kind("resources/commsoperation.md", sectioned_entity_page,
               "commsOperation", KIND_ENTITY);
    check_kind("resources/bookingbusiness.md", methods_entity_page,
               "bookingBusiness", KIND_ENTITY);
}

/* --- API pages --- */

static const char api_page[] =
    "---\n"
    "title: \"Update widget\"\n"
    "doc_type: apiPageType\n"
    "---\n"
    "\n"
    "# Update widget\n"
    "\n"
    "Namespace: microsoft.graph\n"
    "\n"
    "## Permissions\n"
    "\n"
    "|Permission type|Permissions (from least to most privileged)|\n"
    "|:---|:---|\n"
    "|Delegated (work or school account)|Widget.Read, Widget.ReadWrite|\n"
    "|Delegated (personal Microsoft account)|Not supported.|\n"
    "|Application|Widget.ReadWrite.All|\n"
    "\n"
    "## HTTP request\n"
    "\n"
    "<!-- { \"blockType\": \"ignored\" } -->\n"
    "```http\n"
    "PATCH /widgets/{id}\n"
    "PATCH /users/{user-id}/widgets/{id}\n"
    "```\n"
    "\n"
    "## Optional query parameters\n"
    "\n"
    "|Name|Type|Description|\n"
    "|:---|:---|:---|\n"
    "|$select|String|Properties to return.|\n"
    "\n"
    "## Request body\n"
    "\n"
    "In the request body, supply a JSON representation of the "
    "[widget](../resources/widget.md) object.\n"
    "\n"
    "|Property|Type|Description|\n"
    "|:---|:---|:---|\n"
    "|size|Int64|The size. Required.|\n"
    "|color|String|The color.|\n"
    "\n"
    "## Response\n"
    "\n"
    "If successful, this method returns a `200 OK` response code and an "
    "updated [widget](../resources/widget.md) object in the response body.\n"
    "\n"
    "## Example\n"
    "\n"
    "### Request\n"
    "\n"
    "<!-- { \"blockType\": \"request\", \"name\": \"update_widget\" } -->\n"
    "```http\n"
    "PATCH https://graph.microsoft.com/v1.0/widgets/42\n"
    "Content-Type: application/json\n"
    "\n"
    "{\"size\": 3}\n"
    "```\n"
    "\n"
    "### Response\n"
    "\n"
    "The following is an example of the response with a 201 Created status.\n"
    "\n"
    "<!-- {\n"
    "  \"blockType\": \"response\",\n"
    "  \"truncated\": true,\n"
    "  \"@odata.type\": \"microsoft.graph.widget\"\n"
    "} -->\n"
    "```http\n"
    "HTTP/1.1 200 OK\n"
    "Content-Type: application/json\n"
    "\n"
    "{\"id\": \"42\", \"size\": 3}\n"
    "```\n";

static void test_api_page(void)
{
    model *m = fixture_fragment("api/widget-update.md", api_page);
    model_method *mm = need_method(m, "widget-update");
    if (!mm) {
        model_free(m);
        return;
    }
    CHECK_STR(mm->verb, "PATCH");
    CHECK_STR(mm->title, "Update widget");
    CHECK_INT(mm->npaths, 2);
    if (mm->npaths == 2) {
        CHECK_STR(mm->paths[0].path, "/widgets/{id}");
        CHECK_INT(mm->paths[0].nparams, 1);
        CHECK_STR(mm->paths[1].path, "/users/{user-id}/widgets/{id}");
        CHECK_INT(mm->paths[1].nparams, 2);
        if (mm->paths[1].nparams == 2)
            CHECK_STR(mm->paths[1].params[0], "user-id");
    }
    CHECK_INT(mm->npermissions, 3);
    if (mm->npermissions == 3) {
        CHECK_INT(mm->permissions[0].nvalues, 2);
        if (mm->permissions[0].nvalues == 2)
            CHECK_STR(mm->permissions[0].values[1], "Widget.ReadWrite");
        CHECK_INT(mm->permissions[1].nvalues, 0);
        CHECK_STR(mm->permissions[2].kind, "Application");
    }
    CHECK_INT(mm->nquery_params, 1);
    if (mm->nquery_params == 1)
        CHECK_STR(mm->query_params[0].name, "$select");
    CHECK_STR(mm->request_type, "widget");
    CHECK_INT(mm->nbody_params, 2);
    if (mm->nbody_params == 2) {
        CHECK_INT(mm->body_params[0].required, TRI_YES);
        CHECK_STR(mm->body_params[0].type.name, "Int64");
    }
    /* The prose states 200; the example's own section is no contract. */
    CHECK_INT(mm->nresponses, 1);
    if (mm->nresponses == 1) {
        CHECK_INT(mm->responses[0].status, 200);
        CHECK_STR(mm->responses[0].type, "widget");
        CHECK_INT(mm->responses[0].collection, 0);
    }
    /* The request-body table adds to the widget type, as a secondary
     * source. */
    model_type *t = need_type(m, "widget");
    if (t) {
        CHECK(!t->primary);
        CHECK(need_property(t, "size") != NULL);
    }
    CHECK_INT(m->nexamples, 2);
    if (m->nexamples == 2) {
        CHECK(m->examples[0]->role == EXAMPLE_REQUEST);
        CHECK_STR(m->examples[0]->type, "widget");
        CHECK_STR(m->examples[0]->method_id, "widget-update");
        CHECK(m->examples[1]->role == EXAMPLE_RESPONSE);
        CHECK_STR(m->examples[1]->type, "widget");
        CHECK(m->examples[1]->truncated);
    }
    model_free(m);
}

static const char list_page[] =
    "# List widgets\n"
    "\n"
    "## HTTP request\n"
    "\n"
    "```http\n"
    "GET /beta/me/widgets\n"
    "GET /reports/getWidgetCounts(period='{period_value}')\n"
    "```\n"
    "\n"
    "## Request body\n"
    "\n"
    "Do not supply a request body for this method.\n"
    "\n"
    "## Response\n"
    "\n"
    "If successful, this method returns a `200 OK` response code and a "
    "collection of [widget](../resources/widget.md) objects in the response "
    "body.\n";

static const char action_page[] =
    "# widget: spin\n"
    "\n"
    "## HTTP request\n"
    "\n"
    "```http\n"
    "POST /widgets/{id}/spin\n"
    "```\n"
    "\n"
    "## Request body\n"
    "\n"
    "In the request body, provide a JSON object with the following "
    "parameters.\n"
    "\n"
    "| Parameter | Type | Description |\n"
    "|:--|:--|:--|\n"
    "| speed | Double | How fast. |\n"
    "\n"
    "## Response\n"
    "\n"
    "If successful, this action returns a `200 OK` response code and a "
    "Stream in the response body. It returns `404 Not Found` when the widget "
    "does not exist.\n"
    "\n"
    "<!-- { \"blockType\": \"response\", \"@odata.type\": "
    "\"microsoft.graph.widget\", \"isCollection\": true } -->\n"
    "```http\n"
    "HTTP/1.1 200 OK\n"
    "```\n";

static void test_api_variants(void)
{
    model *m = fixture_fragment("api/widget-list.md", list_page);
    model_method *mm = need_method(m, "widget-list");
    if (mm) {
        CHECK_STR(mm->verb, "GET");
        CHECK_INT(mm->npaths, 2);
        if (mm->npaths == 2) {
            CHECK_STR(mm->paths[0].path, "/me/widgets");
            CHECK_INT(mm->paths[1].nparams, 1);
            if (mm->paths[1].nparams)
                CHECK_STR(mm->paths[1].params[0], "period_value");
        }
        CHECK(mm->request_type == NULL);
        CHECK_INT(mm->nbody_params, 0);
        CHECK_INT(mm->nresponses, 1);
        if (mm->nresponses) {
            CHECK_STR(mm->responses[0].type, "widget");
            CHECK_INT(mm->responses[0].collection, 1);
        }
    }
    model_free(m);

    m = fixture_fragment("api/widget-spin.md", action_page);
    mm = need_method(m, "widget-spin");
    if (mm) {
        CHECK_STR(mm->verb, "POST");
        CHECK(mm->request_type == NULL);
        CHECK_INT(mm->nbody_params, 1);
        CHECK_INT(mm->nresponses, 2);
        if (mm->nresponses == 2) {
            CHECK_STR(mm->responses[0].type, "Stream");
            CHECK_INT(mm->responses[1].status, 404);
            CHECK(mm->responses[1].type == NULL);
        }
    }
    /* An action's parameters are not properties of any type. */
    CHECK_INT(m->ntypes, 0);
    model_free(m);
}

int main(void)
{
    extract_init();
    test_type_cells();
    test_descriptions();
    test_enum_pages();
    test_resource_page();
    test_complex_type();
    test_api_page();
    test_api_variants();
    extract_shutdown();
    return test_result("extract");
}
