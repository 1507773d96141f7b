/* The generated API of the call fixture (prefix graph) used as a program
 * would use it: typed fields, presence and null flags, enums and their
 * unknown strings, @odata.type dispatch and casts, undeclared properties,
 * building values by hand. Compiled with the generated library. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

static int failures;

#define CHECK(cond)                                                           \
    do {                                                                      \
        if (!(cond)) {                                                        \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__,  \
                    #cond);                                                   \
            failures++;                                                       \
        }                                                                     \
    } while (0)

static char *copy(const char *text)
{
    char *out = malloc(strlen(text) + 1);
    if (!out)
        abort();
    return strcpy(out, text);
}

static const char *const call_json =
    "{\"@odata.type\": \"#microsoft.graph.call\","
    " \"@odata.context\": \"https://graph.microsoft.com/v1.0/$metadata#calls/$entity\","
    " \"id\": \"2e1a0b00-2db4-4022-9570-243709c565ab\","
    " \"state\": \"established\", \"direction\": \"sideways\","
    " \"subject\": null,"
    " \"requestedModalities\": [\"audio\", \"teleport\"],"
    " \"resultInfo\": {\"code\": 0},"
    " \"toneInfo\": {\"sequenceId\": 4611686018427387904, \"tone\": \"pound\"},"
    " \"mediaConfig\": {\"@odata.type\": \"#microsoft.graph.appHostedMediaConfig\","
    "                   \"blob\": \"<blob>\"},"
    " \"targets\": [{\"identity\": {\"user\": {\"id\": \"u1\", \"displayName\": \"John\"}}}]}";

static void test_reading(void)
{
    cJSON *json = cJSON_Parse(call_json);
    graph_call *call = NULL;
    graph_error err;
    CHECK(graph_call_from_json(json, &call, &err) == 0);
    if (!call) {
        cJSON_Delete(json);
        return;
    }
    /* the base (entity) comes first */
    CHECK(strcmp(call->base.id, "2e1a0b00-2db4-4022-9570-243709c565ab") == 0);
    CHECK(strcmp(call->base.odata_type, "#microsoft.graph.call") == 0);
    CHECK(cJSON_GetObjectItemCaseSensitive(call->base.additional_data, "@odata.context") != NULL);
    /* enums: known, unknown (kept) */
    CHECK(call->has_state && call->state == GRAPH_CALL_STATE_ESTABLISHED);
    CHECK(call->has_direction && call->direction == GRAPH_CALL_DIRECTION_UNRECOGNIZED);
    CHECK(call->direction_unknown && strcmp(call->direction_unknown, "sideways") == 0);
    CHECK(call->requested_modalities_count == 2);
    CHECK(call->requested_modalities[0] == GRAPH_MODALITY_AUDIO);
    CHECK(call->requested_modalities[1] == GRAPH_MODALITY_UNRECOGNIZED);
    CHECK(strcmp(call->requested_modalities_unknown[1], "teleport") == 0);
    /* null is not absent; zero is not absent */
    CHECK(call->subject == NULL && call->subject_is_null);
    CHECK(call->callback_uri == NULL && !call->callback_uri_is_null);
    CHECK(call->result_info->has_code && call->result_info->code == 0);
    CHECK(!call->result_info->has_subcode);
    CHECK(call->tone_info->sequence_id == INT64_C(4611686018427387904));
    CHECK(call->tone_info->tone == GRAPH_TONE_POUND);
    /* @odata.type chose the derived struct */
    graph_app_hosted_media_config *app = graph_app_hosted_media_config_cast(call->media_config);
    CHECK(app != NULL && strcmp(app->blob, "<blob>") == 0);
    CHECK(graph_service_hosted_media_config_cast(call->media_config) == NULL);
    CHECK(graph_media_config_cast(call->media_config) == call->media_config);
    CHECK(strcmp(call->targets[0]->identity->user->display_name, "John") == 0);
    /* validate reports the unknown direction (the first problem) */
    CHECK(graph_call_validate(call, &err) == -1);
    CHECK(strcmp(err.path, "$.direction") == 0);
    CHECK(strstr(err.message, "sideways") != NULL);
    cJSON *back = graph_call_to_json(call);
    CHECK(cJSON_Compare(json, back, 1));
    cJSON_Delete(back);
    graph_call_free(call);
    cJSON_Delete(json);
}

static void test_enum_strings(void)
{
    CHECK(strcmp(graph_call_state_to_string(GRAPH_CALL_STATE_HOLD), "hold") == 0);
    CHECK(graph_call_state_from_string("transferAccepted") == GRAPH_CALL_STATE_TRANSFER_ACCEPTED);
    CHECK(graph_call_state_from_string("Hold") == GRAPH_CALL_STATE_UNRECOGNIZED);
    CHECK(graph_call_state_from_string(NULL) == GRAPH_CALL_STATE_UNRECOGNIZED);
    CHECK(graph_call_state_to_string(GRAPH_CALL_STATE_UNRECOGNIZED) == NULL);
}

/* A value built by hand: the derived media config is written with its
 * @odata.type so that reading it back finds the same struct. */
static void test_building(void)
{
    graph_call *call = graph_call_new();
    graph_app_hosted_media_config *media = graph_app_hosted_media_config_new();
    media->blob = copy("blob");
    call->media_config = &media->base;
    call->subject = copy("hello");
    call->has_state = true;
    call->state = GRAPH_CALL_STATE_RINGING;
    call->result_info = graph_result_info_new();
    call->result_info->has_code = true; /* zero, present */
    call->callback_uri_is_null = true;
    call->requested_modalities = malloc(sizeof *call->requested_modalities);
    call->requested_modalities[0] = GRAPH_MODALITY_VIDEO;
    call->requested_modalities_count = 1; /* items make it present */
    graph_error err;
    CHECK(graph_call_validate(call, &err) == 0);
    cJSON *json = graph_call_to_json(call);
    cJSON *expected = cJSON_Parse(
        "{\"mediaConfig\": {\"@odata.type\": \"#microsoft.graph.appHostedMediaConfig\","
        " \"blob\": \"blob\"}, \"subject\": \"hello\", \"state\": \"ringing\","
        " \"resultInfo\": {\"code\": 0}, \"callbackUri\": null,"
        " \"requestedModalities\": [\"video\"]}");
    CHECK(cJSON_Compare(json, expected, 1));
    graph_call *again = NULL;
    CHECK(graph_call_from_json(json, &again, NULL) == 0);
    CHECK(again && graph_app_hosted_media_config_cast(again->media_config) != NULL);
    graph_call_free(again);
    cJSON_Delete(expected);
    cJSON_Delete(json);
    /* required property missing */
    graph_media_config_free(call->media_config);
    call->media_config = NULL;
    CHECK(graph_call_validate(call, &err) == -1 && strcmp(err.path, "$.mediaConfig") == 0);
    graph_call_free(call);
}

static void test_edges(void)
{
    graph_error err;
    graph_call *call = (graph_call *)&err; /* must be reset */
    CHECK(graph_call_from_json(NULL, &call, &err) == -1 && call == NULL);
    CHECK(graph_call_to_json(NULL) == NULL);
    CHECK(graph_call_validate(NULL, &err) == -1);
    graph_call_free(NULL);
    CHECK(graph_call_cast(NULL) == NULL);
    /* a base-typed reader returns the derived struct */
    cJSON *json = cJSON_Parse("{\"@odata.type\": \"#microsoft.graph.serviceHostedMediaConfig\","
                              " \"preFetchMedia\": [{\"uri\": \"u\"}]}");
    graph_media_config *media = NULL;
    CHECK(graph_media_config_from_json(json, &media, NULL) == 0);
    graph_service_hosted_media_config *service = graph_service_hosted_media_config_cast(media);
    CHECK(service && service->pre_fetch_media_count == 1 &&
          strcmp(service->pre_fetch_media[0]->uri, "u") == 0);
    cJSON *back = graph_media_config_to_json(media);
    CHECK(cJSON_Compare(json, back, 1));
    cJSON_Delete(back);
    graph_media_config_free(media);
    cJSON_Delete(json);
    /* a failure deep inside frees what was read and says where */
    json = cJSON_Parse("{\"mediaConfig\": {}, \"targets\": [{}, {\"identity\": "
                       "{\"application\": {\"id\": [1]}}}]}");
    CHECK(graph_call_from_json(json, &call, &err) == -1 && call == NULL);
    CHECK(strcmp(err.path, "$.targets[1].identity.application.id") == 0);
    CHECK(strcmp(err.message, "expected string (String)") == 0);
    cJSON_Delete(json);
}

int main(void)
{
    test_reading();
    test_enum_strings();
    test_building();
    test_edges();
    printf("call API: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
