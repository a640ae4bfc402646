/*
 * entente/diag.h: diagnostics, the caller-owned list of problems found in
 * input data.
 *
 * The library never prints. Whatever is wrong with a graph file is appended
 * here with a severity, a stable code (see docs/diagnostics.md), a location
 * and a plain-spoken message; the caller decides how to show it.
 */
#ifndef ENTENTE_DIAG_H
#define ENTENTE_DIAG_H

#include "api.h"

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_severity {
    ENT_SEV_ERROR = 0, /**< the data is wrong; the graph is not usable */
    ENT_SEV_WARNING,   /**< suspicious but usable */
    ENT_SEV_NOTE       /**< more about the diagnostic just before it */
} ent_severity;

/** One diagnostic. All strings are owned by the list. */
typedef struct ent_diag {
    ent_severity severity;
    const char *code;        /**< stable kebab-case code, e.g. "unknown-actor" */
    const char *file;        /**< path as given, or "" when not about a file */
    unsigned line;           /**< 1-based line, 0 when there is no position */
    unsigned col;            /**< 1-based column in characters (UTF-8 code points) */
    const char *message;     /**< lowercase, problem first, no full stop */
    const char *source_line; /**< the text of that line (possibly clipped), or "" */
    unsigned caret;          /**< 0-based character index of the caret in source_line */
} ent_diag;

typedef struct ent_diags ent_diags;

/**
 * A new empty list into *out (free it with ent_diags_free). Returns 0, or
 * ENT_ENOMEM with *out NULL.
 */
ENT_EXPORT int ent_diags_new(ent_diags **out);

/** Frees the list and everything in it. Accepts NULL. */
ENT_EXPORT void ent_diags_free(ent_diags *d);

/** Empties the list, keeping it usable. */
ENT_EXPORT void ent_diags_clear(ent_diags *d);

/** Number of diagnostics in the list. */
ENT_EXPORT size_t ent_diags_count(const ent_diags *d);

/** The i-th diagnostic, in the order found; NULL when out of range. */
ENT_EXPORT const ent_diag *ent_diags_get(const ent_diags *d, size_t i);

/** Number of diagnostics of the given severity. */
ENT_EXPORT size_t ent_diags_count_severity(const ent_diags *d, ent_severity sev);

/**
 * Appends a diagnostic. `file`, `code` and `source_line` may be NULL. The
 * strings are copied. Returns 0 or ENT_ENOMEM (the list is unchanged then).
 */
ENT_EXPORT int ent_diags_add(ent_diags *d, ent_severity sev, const char *code, const char *file,
                             unsigned line, unsigned col, const char *source_line, unsigned caret,
                             const char *message);

/** The word for a severity: "error", "warning" or "note". */
ENT_EXPORT const char *ent_severity_str(ent_severity sev);

#ifdef __cplusplus
}
#endif
#endif
