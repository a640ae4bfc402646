/*
 * diag_impl.h: what the loader may do to a diagnostics list beyond the
 * public API (internal).
 */
#ifndef ENT_MODEL_DIAG_IMPL_H
#define ENT_MODEL_DIAG_IMPL_H

#include "entente/diag.h"

/* Drops every diagnostic after the first `count`. */
void ent__diags_truncate(ent_diags *d, size_t count);

#endif
