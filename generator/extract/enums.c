/* Enum tables: "### callState values" headings over Member (Value,
 * Description) tables on enums.md and friends, and single-enum pages
 * ("# enrollmentState enum type" with a Members table). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"

/* The enum a table lists, from its heading or the page title; NULL when
 * the table lists no enum. */
static const char *enum_name_of_table(extract_ctx *x, const page_table *t)
{
    if (t->section && pattern_find(PAT_VALUES_HEADING, t->section, 0, x->md))
        return ctx_group(x, t->section, 1);
    const char *title = x->p->title;
    if (x->p->kind == PAGE_ENUM && title && contains_nocase(title, " enum") &&
        pattern_find(PAT_RESOURCE_TITLE, title, 0, x->md))
        return ctx_group(x, title, 1);
    return NULL;
}

typedef struct enum_columns {
    int name, value, description;
} enum_columns;

static int enum_columns_of(const page_table *t, enum_columns *c)
{
    c->name = page_table_column(t, "Member|Name|Member name");
    c->value = page_table_column(t, "Value");
    if (c->name < 0) {
        /* "Value | Description": the values are the members' names. */
        c->name = c->value;
        c->value = -1;
    }
    /* Most tables are no enum tables: their description column is not
     * looked for. */
    c->description = c->name == 0 ? page_table_column(t, "Description") : -1;
    return c->name == 0;
}

static int parse_integer(const char *text, long long *out)
{
    if (!text || !*text)
        return 0;
    char *end;
    long long v = strtoll(text, &end, 0);
    while (isspace((unsigned char)*end))
        end++;
    if (*end || end == text)
        return 0;
    *out = v;
    return 1;
}

static int has_member(const model_type *t, const char *name)
{
    /* The first letters first: big enums are read row by row. */
    for (size_t i = 0; i < t->nmembers; i++)
        if (t->members[i].name[0] == name[0] && strcmp(t->members[i].name, name) == 0)
            return 1;
    return 0;
}

static void add_members(extract_ctx *x, model_type *t, const page_table *table,
                        const enum_columns *cols)
{
    for (size_t r = 0; r < table->nrows; r++) {
        const table_row *row = &table->rows[r];
        const table_cell *name_cell = row_cell(table, row, cols->name);
        const char *name = cell_identifier(x, name_cell->text);
        if (!name || !*name || has_member(t, name))
            continue;
        enum_member *m =
            ARENA_PUSH(x->mem, t->members, t->nmembers, t->cap_members);
        memset(m, 0, sizeof *m);
        m->name = name;
        m->value = (long long)(t->nmembers - 1);
        const table_cell *value = row_cell(table, row, cols->value);
        if (value)
            parse_integer(value->text, &m->value);
        const table_cell *desc = row_cell(table, row, cols->description);
        if (desc && desc->text && *desc->text)
            m->description = ctx_strndup(x, desc->text, strlen(desc->text));
        m->source = ctx_ref(x, row->line, name_cell->col);
    }
}

void extract_enums(extract_ctx *x)
{
    for (size_t i = 0; i < x->p->ntables; i++) {
        const page_table *table = &x->p->tables[i];
        enum_columns cols;
        if (!enum_columns_of(table, &cols))
            continue;
        const char *name = enum_name_of_table(x, table);
        if (!name)
            continue;
        model_type *t = model_find_type(x->m, name);
        if (!t || t->kind != KIND_ENUM) {
            const page_heading *h = heading_above(x->p, table->line);
            t = model_add_type(x->m, x->ns, name, KIND_ENUM,
                               ctx_ref(x, h ? h->line : table->line, 0));
            t->primary = 1;
        }
        add_members(x, t, table, &cols);
    }
}
