/* What the renderers share: counts by severity, by rule and of files. */
#ifndef APIMD_LINT_RENDER_H
#define APIMD_LINT_RENDER_H

#include <stddef.h>

#include "lint/lint.h"

typedef struct lint_rule_count {
    const char *rule_id;
    lint_severity severity;
    size_t count;
} lint_rule_count;

typedef struct lint_summary {
    size_t by_severity[LINT_ERROR + 1];
    size_t files; /* distinct files with findings */
    lint_rule_count *rules; /* most severe first, then by id */
    size_t nrules;
} lint_summary;

void lint_summarize(const lint_findings *f, lint_summary *s);
void lint_summary_free(lint_summary *s);

#endif
