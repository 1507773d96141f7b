#include "model/typeinfo.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

typedef struct spelling {
    const char *written; /* lower case */
    const char *edm;
} spelling;

/* Every way the corpus spells a primitive, the EDM names included. */
static const spelling primitive_spellings[] = {
    {"string", "String"},           {"str", "String"},
    {"url", "String"},              {"uri", "String"},
    {"boolean", "Boolean"},         {"bool", "Boolean"},
    {"int32", "Int32"},             {"int", "Int32"},
    {"integer", "Int32"},           {"int64", "Int64"},
    {"long", "Int64"},              {"double", "Double"},
    {"float", "Double"},            {"single", "Single"},
    {"decimal", "Decimal"},         {"datetimeoffset", "DateTimeOffset"},
    {"datetime", "DateTimeOffset"}, {"timestamp", "DateTimeOffset"},
    {"date", "Date"},               {"timeofday", "TimeOfDay"},
    {"time", "TimeOfDay"},          {"duration", "Duration"},
    {"timespan", "Duration"},       {"guid", "Guid"},
    {"uuid", "Guid"},               {"binary", "Binary"},
    {"base64", "Binary"},           {"byte[]", "Binary"},
    {"byte", "Byte"},               {"sbyte", "SByte"},
    {"int16", "Int16"},             {"short", "Int16"},
    {"stream", "Stream"},
};

const char *primitive_canonical(const char *s, size_t n)
{
    if (n >= 4 && strncasecmp(s, "edm.", 4) == 0) {
        s += 4;
        n -= 4;
    }
    for (size_t i = 0; i < sizeof primitive_spellings / sizeof *primitive_spellings; i++) {
        const spelling *sp = &primitive_spellings[i];
        if (strlen(sp->written) == n && strncasecmp(sp->written, s, n) == 0)
            return sp->edm;
    }
    return NULL;
}

int split_qualified_name(arena *a, const char *qualified, const char **ns,
                         const char **name)
{
    if (!qualified)
        return 0;
    if (*qualified == '#')
        qualified++;
    if (strncasecmp(qualified, "microsoft.graph.", 16) != 0)
        return 0;
    const char *dot = strrchr(qualified, '.');
    if (!dot[1])
        return 0;
    for (const char *c = dot + 1; *c; c++)
        if (!isalnum((unsigned char)*c) && *c != '_')
            return 0;
    *ns = arena_strndup(a, qualified, (size_t)(dot - qualified));
    *name = arena_strdup(a, dot + 1);
    return 1;
}

int json_odata_type(arena *a, const cJSON *object, const char **ns,
                    const char **name)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(object, "@odata.type");
    return cJSON_IsString(t) && split_qualified_name(a, t->valuestring, ns, name);
}

size_t split_bar_values(arena *a, const char *text, const char ***values)
{
    *values = NULL;
    if (!text || !strstr(text, " | "))
        return 0;
    size_t n = 1;
    for (const char *c = text; *c; c++)
        n += *c == '|';
    const char **out = arena_alloc(a, n * sizeof *out);
    size_t count = 0;
    const char *start = text;
    for (;;) {
        const char *bar = strchr(start, '|');
        const char *end = bar ? bar : start + strlen(start);
        while (start < end && isspace((unsigned char)*start))
            start++;
        const char *stop = end;
        while (stop > start && isspace((unsigned char)stop[-1]))
            stop--;
        if (stop > start)
            out[count++] = arena_strndup(a, start, (size_t)(stop - start));
        if (!bar)
            break;
        start = bar + 1;
    }
    *values = out;
    return count;
}

/* Qualifiers of representation placeholders: "String (timestamp)". */
static const spelling qualifier_spellings[] = {
    {"timestamp", "DateTimeOffset"}, {"datetime", "DateTimeOffset"},
    {"date", "Date"},                {"duration", "Duration"},
    {"iso 8601 duration", "Duration"}, {"time of day", "TimeOfDay"},
    {"binary", "Binary"},            {"identifier", "String"},
    {"url", "String"},               {"guid", "Guid"},
};

static const char *qualifier_type(const char *q, size_t n)
{
    for (size_t i = 0; i < sizeof qualifier_spellings / sizeof *qualifier_spellings; i++) {
        const spelling *sp = &qualifier_spellings[i];
        if (strlen(sp->written) == n && strncasecmp(sp->written, q, n) == 0)
            return sp->edm;
    }
    return NULL;
}

/* "String (timestamp)", "Int32", "<Unknown Primitive Type Edm.Stream>". */
static const char *placeholder_primitive(const char *s)
{
    const char *unknown = "<Unknown Primitive Type ";
    if (strncmp(s, unknown, strlen(unknown)) == 0) {
        const char *t = s + strlen(unknown);
        const char *end = strchr(t, '>');
        return end ? primitive_canonical(t, (size_t)(end - t)) : NULL;
    }
    const char *paren = strchr(s, '(');
    if (paren) {
        const char *close = strchr(paren, ')');
        if (close) {
            const char *q = qualifier_type(paren + 1, (size_t)(close - paren - 1));
            if (q)
                return q;
        }
        size_t n = (size_t)(paren - s);
        while (n && s[n - 1] == ' ')
            n--;
        return primitive_canonical(s, n);
    }
    return primitive_canonical(s, strlen(s));
}

/* "2019-01-01T00:00:00Z": a literal the docs often give for a timestamp. */
static int looks_like_timestamp(const char *s)
{
    for (int i = 0; i < 10; i++) {
        char c = s[i];
        int want_dash = i == 4 || i == 7;
        if (!c || (want_dash ? c != '-' : !isdigit((unsigned char)c)))
            return 0;
    }
    return s[10] == 'T' && isdigit((unsigned char)s[11]);
}

static type_ref primitive_ref(const char *edm)
{
    type_ref t;
    memset(&t, 0, sizeof t);
    t.name = edm;
    t.primitive = 1;
    return t;
}

static type_ref infer_string_type(arena *a, const char *s)
{
    type_ref t;
    memset(&t, 0, sizeof t);
    const char *ns, *name;
    if (split_qualified_name(a, s, &ns, &name)) {
        t.name = name;
        t.namespace = ns;
        return t;
    }
    const char *edm = placeholder_primitive(s);
    if (edm)
        return primitive_ref(edm);
    return primitive_ref(looks_like_timestamp(s) ? "DateTimeOffset" : "String");
}

static type_ref infer_number_type(const cJSON *v)
{
    double d = v->valuedouble;
    /* Range first: converting a double beyond long long is undefined. */
    if (d > 9.0e18 || d < -9.0e18 || d != (double)(long long)d)
        return primitive_ref("Double");
    if (d > 2147483647.0 || d < -2147483648.0)
        return primitive_ref("Int64");
    return primitive_ref("Int32");
}

type_ref infer_json_type(arena *a, const cJSON *value)
{
    type_ref t;
    memset(&t, 0, sizeof t);
    if (cJSON_IsString(value))
        return infer_string_type(a, value->valuestring);
    if (cJSON_IsBool(value))
        return primitive_ref("Boolean");
    if (cJSON_IsNumber(value))
        return infer_number_type(value);
    if (cJSON_IsObject(value)) {
        const char *ns, *name;
        if (json_odata_type(a, value, &ns, &name)) {
            t.name = name;
            t.namespace = ns;
        }
        return t;
    }
    if (cJSON_IsArray(value)) {
        if (value->child)
            t = infer_json_type(a, value->child);
        t.collection = 1;
    }
    return t;
}
