/* The compiled form of a template, shared by the parser and the renderer. */
#ifndef APIMD_MUSTACHE_INTERNAL_H
#define APIMD_MUSTACHE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mustache.h"

typedef enum mnode_kind {
    MNODE_TEXT,     /* literal bytes, never spanning a line end */
    MNODE_LINE,     /* a template line starts here: indentation goes first */
    MNODE_VAR,      /* {{name}}, {{{name}}}, {{& name}} */
    MNODE_SECTION,  /* {{#name}} ... {{/name}} */
    MNODE_INVERTED, /* {{^name}} ... {{/name}} */
    MNODE_PARTIAL,  /* {{>name}} */
    MNODE_PARENT,   /* {{<name}} ... {{/name}}: kids are its argument blocks */
    MNODE_BLOCK,    /* {{$name}} ... {{/name}}: kids are the default content */
    /* Several TEXT nodes, with the LINE marks between them, whose bytes
     * follow each other in the source: `text` spans them all, and kids
     * are the TEXT and LINE nodes, for when indentation is owed. */
    MNODE_TEXT_RUN,
} mnode_kind;

/* A tag name, split at the dots once so that rendering does not. */
typedef struct mname {
    char *full;    /* as written, e.g. "a.b.c" or "." */
    char **parts;  /* "a", "b", "c"; none for the implicit iterator "." */
    uint32_t *hashes; /* mustache_hash_key of each part (same allocation) */
    size_t nparts;
    /* Part k is known as id + k: ids are never given twice in a process,
     * so a render may remember where a part was found by its id alone,
     * even past the template's life. */
    uint64_t id;
} mname;

/* The hash of a key, for the renderer's indexes of view objects. */
static inline uint32_t mustache_hash_key(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

typedef struct mnode {
    mnode_kind kind;
    int line;    /* where the tag or text starts, for messages */
    bool escape; /* VAR: {{name}} (may be escaped) rather than {{{name}}} */
    /* PARTIAL, PARENT: the tag stood alone on its line, so `text` (its
     * indentation) goes in front of each line of the expansion.
     * BLOCK (not an argument): the block element stood alone, so `text`
     * goes in front of each line of an overriding argument. */
    bool standalone;
    /* BLOCK: the opening tag ended its line; `text` is then the intrinsic
     * indentation (that of the default content) rather than the blanks
     * before the tag, which the default content then does not need. */
    bool at_eol;
    bool is_argument; /* BLOCK: direct child of a parent tag */
    const char *text; /* TEXT: the bytes; PARTIAL/PARENT/BLOCK: indentation */
    size_t len;
    mname name;
    struct mnode *kids;
    size_t nkids;
    size_t capkids;
} mnode;

struct mustache_template {
    char *name;
    char *source; /* private copy: TEXT nodes point into it */
    mnode root;   /* only its kids matter */
};

/* Formats "name:line: message" into err (which may be NULL). */
void mustache_set_error(mustache_error *err, const char *name, int line,
                        const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

void mustache_node_free(mnode *n);

#endif
