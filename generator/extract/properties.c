/* Rows of a property table (Properties, Relationships, a request body):
 * name, type, description and, where the table has one, a Required column. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "extract/internal.h"

static int first_word_is(const char *text, const char *word)
{
    size_t n = strlen(word);
    return strncasecmp(text, word, n) == 0 &&
           !isalpha((unsigned char)text[n]);
}

/* "Yes", "Required", "true", "Y" / "No", "Optional", "false", "N". */
static tristate required_cell(const table_cell *cell)
{
    if (!cell || !cell->text)
        return TRI_UNKNOWN;
    static const char *const yes[] = {"yes", "y", "true", "required"};
    static const char *const no[] = {"no", "n", "false", "optional"};
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
        if (first_word_is(cell->text, yes[i]))
            return TRI_YES;
    for (size_t i = 0; i < sizeof no / sizeof *no; i++)
        if (first_word_is(cell->text, no[i]))
            return TRI_NO;
    return TRI_UNKNOWN;
}

/* Column of the Required answer: "Required", "Required?",
 * "Required (Y/N)", "Optional". */
static int required_column(const page_table *t)
{
    for (size_t i = 0; i < t->ncols; i++)
        if (starts_nocase(t->header[i].text, "required") ||
            starts_nocase(t->header[i].text, "optional"))
            return (int)i;
    return -1;
}

static int is_optional_column(const page_table *t, int col)
{
    return col >= 0 && starts_nocase(t->header[col].text, "optional");
}

static tristate flip(tristate v)
{
    return v == TRI_UNKNOWN ? v : v == TRI_YES ? TRI_NO : TRI_YES;
}

size_t extract_property_rows(extract_ctx *x, model_type *t,
                             const page_table *table, int navigation)
{
    int name_col = page_table_column(
        table, "Property|Name|Property name|Relationship|Relationship name|"
               "Parameter|Parameter name");
    int type_col = page_table_column(table, "Type");
    int desc_col = page_table_column(table, "Description");
    int req_col = required_column(table);
    if (name_col >= 0)
        model_type_reserve_properties(x->m, t, t->nproperties + table->nrows);
    size_t added = 0;
    for (size_t r = 0; r < table->nrows; r++) {
        const table_row *row = &table->rows[r];
        const table_cell *name_cell = row_cell(table, row, name_col);
        const char *name = name_cell ? cell_identifier(x, name_cell->text) : NULL;
        if (!name || !*name || model_type_find_property(t, name))
            continue;
        model_property *prop = model_type_add_property(x->m, t, name);
        prop->source = ctx_ref(x, row->line, name_cell->col);
        prop->navigation = navigation;
        const table_cell *type_cell = row_cell(table, row, type_col);
        if (type_cell)
            prop->type = typecell_parse(x, type_cell);
        tristate req = required_cell(row_cell(table, row, req_col));
        prop->required = is_optional_column(table, req_col) ? flip(req) : req;
        const table_cell *desc = row_cell(table, row, desc_col);
        describe_property(x, prop, desc ? desc->text : NULL);
        added++;
    }
    return added;
}
