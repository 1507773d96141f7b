/* The model of docs-input/ (the five seed pages and the resource pages
 * they reach): the call type with every documented property, its enums
 * and required split; the four API pages as four methods. */
#include <stdio.h>
#include <string.h>

#include "extract/extract.h"
#include "model_test.h"

typedef struct expected_property {
    const char *name;
    const char *type;
    int collection;
} expected_property;

/* resources/call.md: the Properties table, then Relationships. Properties
 * with listed values are enums, named after call + property unless
 * another page names them (requestedModalities: "modality"). */
static const expected_property call_properties[] = {
    {"activeModalities", "callActiveModalities", 1},
    {"answeredBy", "participantInfo", 0},
    {"callRoutes", "callRoute", 1},
    {"callbackUri", "String", 0},
    {"chatInfo", "chatInfo", 0},
    {"direction", "callDirection", 0},
    {"id", "String", 0},
    {"mediaConfig", "mediaConfig", 0},
    {"meetingCapability", "meetingCapability", 0},
    {"meetingInfo", "meetingInfo", 0},
    {"myParticipantId", "String", 0},
    {"requestedModalities", "modality", 1},
    {"resultInfo", "resultInfo", 0},
    {"ringingTimeoutInSeconds", "Int32", 0},
    {"routingPolicies", "callRoutingPolicies", 1},
    {"source", "participantInfo", 0},
    {"state", "callState", 0},
    {"subject", "String", 0},
    {"targets", "participantInfo", 1},
    {"tenantId", "String", 0},
    {"terminationReason", "String", 0},
    {"toneInfo", "toneInfo", 0},
    {"audioRoutingGroups", "audioRoutingGroup", 1},
    {"operations", "commsOperation", 1},
    {"participants", "participant", 1},
};

/* Not in the representation's optionalProperties. */
static const char *const call_required[] = {
    "callbackUri", "mediaConfig", "requestedModalities", "source", "subject",
};

static void check_call_properties(const model_type *call)
{
    for (size_t i = 0; i < sizeof call_properties / sizeof *call_properties; i++) {
        const expected_property *want = &call_properties[i];
        const model_property *p = need_property(call, want->name);
        if (!p)
            continue;
        if (!p->type.name || strcmp(p->type.name, want->type) != 0 ||
            p->type.collection != want->collection) {
            fprintf(stderr, "call.%s: %s%s, want %s%s\n", want->name,
                    p->type.name ? p->type.name : "(null)",
                    p->type.collection ? " collection" : "", want->type,
                    want->collection ? " collection" : "");
            test_failures++;
        }
        CHECK_STR(p->source.file, "resources/call.md");
        CHECK_INT(p->navigation, i >= 22);
    }
}

static int is_required_name(const char *name)
{
    for (size_t i = 0; i < sizeof call_required / sizeof *call_required; i++)
        if (strcmp(call_required[i], name) == 0)
            return 1;
    return 0;
}

static void check_call_required(const model_type *call)
{
    for (size_t i = 0; i < call->nproperties; i++) {
        const model_property *p = &call->properties[i];
        if (strcmp(p->source.file, "resources/call.md") != 0 || p->navigation)
            continue;
        tristate want = is_required_name(p->name) ? TRI_YES : TRI_NO;
        if (p->required != want) {
            fprintf(stderr, "call.%s: required %d, want %d\n", p->name,
                    p->required, want);
            test_failures++;
        }
    }
}

static void check_call(const model *m)
{
    model_type *call = need_type(m, "call");
    if (!call)
        return;
    CHECK(call->kind == KIND_ENTITY);
    CHECK(call->primary);
    CHECK_STR(call->namespace, "microsoft.graph");
    check_call_properties(call);
    check_call_required(call);
    const model_property *p;
    if ((p = need_property(call, "mediaConfig"))) {
        CHECK_INT(p->type.nalternatives, 2);
        if (p->type.nalternatives == 2) {
            CHECK_STR(p->type.alternatives[0], "appHostedMediaConfig");
            CHECK_STR(p->type.alternatives[1], "serviceHostedMediaConfig");
        }
    }
    if ((p = need_property(call, "meetingInfo")))
        CHECK_INT(p->type.nalternatives, 2);
    if ((p = need_property(call, "state"))) {
        CHECK_INT(p->read_only, TRI_YES);
        CHECK_INT(p->server_generated, 1);
    }
    if ((p = need_property(call, "participants")))
        CHECK_INT(p->nullable, TRI_YES);
}

static void check_enums(const model *m)
{
    model_type *e = need_type(m, "callState");
    if (e) {
        CHECK(e->kind == KIND_ENUM);
        static const char *const states[] = {
            "incoming",    "establishing", "ringing",     "established",
            "hold",        "redirecting",  "terminating", "terminated"};
        CHECK_INT(e->nmembers, 8);
        for (size_t i = 0; i < sizeof states / sizeof *states; i++)
            CHECK(has_member(e, states[i]));
    }
    if ((e = need_type(m, "callDirection"))) {
        CHECK_INT(e->nmembers, 2);
        CHECK(has_member(e, "incoming") && has_member(e, "outgoing"));
    }
    if ((e = need_type(m, "modality")))
        CHECK(has_member(e, "videoBasedScreenSharing"));
    if ((e = need_type(m, "callRoutingPolicies")))
        CHECK(has_member(e, "noMissedCall"));
}

typedef struct expected_method {
    const char *id;
    const char *verb;
    const char *path;
    int status;
    const char *type;
} expected_method;

static const expected_method methods[] = {
    {"application_post_calls", "POST", "/communications/calls/$ref", 201, "call"},
    {"call_get", "GET", "/communications/calls", 200, "call"},
    {"call_update", "PATCH", "/communications/calls", 200, "call"},
    {"call_updateMetadata", "POST", "/communications/calls/{id}/updateMetadata",
     202, "commsOperation"},
};

static int has_path(const model_method *mm, const char *path)
{
    for (size_t i = 0; i < mm->npaths; i++)
        if (strcmp(mm->paths[i].path, path) == 0)
            return 1;
    return 0;
}

static void check_methods(const model *m)
{
    CHECK_INT(m->nmethods, 4);
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++) {
        const expected_method *want = &methods[i];
        model_method *mm = need_method(m, want->id);
        if (!mm)
            continue;
        CHECK_STR(mm->verb, want->verb);
        CHECK(has_path(mm, want->path));
        CHECK_INT(mm->nresponses, 1);
        if (mm->nresponses) {
            CHECK_INT(mm->responses[0].status, want->status);
            CHECK_STR(mm->responses[0].type, want->type);
        }
    }
    model_method *mm = need_method(m, "call_updateMetadata");
    if (mm) {
        CHECK_INT(mm->npaths, 2);
        CHECK(has_path(mm, "/app/calls/{id}/updateMetadata"));
        if (mm->npaths)
            CHECK_STR(mm->paths[0].params[0], "id");
        CHECK(mm->request_type == NULL);
        CHECK_INT(mm->nbody_params, 2);
        CHECK_INT(mm->npermissions, 3);
    }
    if ((mm = need_method(m, "call_update")))
        CHECK_STR(mm->request_type, "call");
}

/* The Update page says targets are invitationParticipantInfo: the
 * resource page's answer stays, the disagreement is recorded. */
static void check_conflicts(const model *m)
{
    int found = 0;
    for (size_t i = 0; i < m->nconflicts; i++) {
        const model_conflict *c = &m->conflicts[i];
        if (strcmp(c->rule, "conflict-type") == 0 &&
            strstr(c->message, "call.targets")) {
            found = 1;
            CHECK_STR(c->at.file, "api/call_update.md");
            CHECK_STR(c->other.file, "resources/call.md");
        }
    }
    CHECK(found);
}

int main(void)
{
    extract_init();
    tree_stats stats;
    model *m = model_from_tree(source_path("docs-input"), &stats);
    if (!m) {
        fprintf(stderr, "docs-input: cannot be read\n");
        return 1;
    }
    CHECK_INT(stats.by_kind[PAGE_API], 4);
    CHECK_INT(stats.by_kind[PAGE_RESOURCE], stats.pages - 4);
    check_call(m);
    check_enums(m);
    check_methods(m);
    check_conflicts(m);
    model_free(m);
    extract_shutdown();
    return test_result("model-docs-input");
}
