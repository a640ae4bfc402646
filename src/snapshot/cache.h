/*
 * cache.h: a slot in each view where the analyses keep what they computed
 * on it (src/passes/cache.c), so that a second question about the same view
 * is answered without computing again. The view owns the slot and frees it
 * with the function given. Internal to the library.
 *
 * The slot changes a view that callers hold as const: it is a memo, not a
 * change of what the view is, and every read and write of it happens
 * between ent__view_lock and ent__view_unlock, so that several threads may
 * still analyse one view.
 */
#ifndef ENT_SNAPSHOT_CACHE_H
#define ENT_SNAPSHOT_CACHE_H

#include "entente/view.h"

void ent__view_lock(const ent_view *v);
void ent__view_unlock(const ent_view *v);

/* The slot: NULL until set. Call with the lock held. */
void *ent__view_cache(const ent_view *v);

/* Sets the slot (call with the lock held, once: the slot is not freed). */
void ent__view_set_cache(const ent_view *v, void *cache, void (*cache_free)(void *));

#endif
