/*
 * leverage_live.h: leverage kept up to date while the reliance on a fixed set
 * of ordered pairs changes, for the timeline's sweep (internal).
 *
 * The pairs ("slots") are numbered in (source, target) order, as the edges of
 * a view. The caller sets the reliance each slot carries as it changes, then
 * asks for the leverage of every actor: only the clients whose reliance
 * changed are summed again, and only the patrons whose terms changed. The
 * values equal ent__leverage_compute's on the edge list of the live slots to
 * the last bit: every sum is taken in the same order.
 */
#ifndef ENT_PASSES_LEVERAGE_LIVE_H
#define ENT_PASSES_LEVERAGE_LIVE_H

#include <stddef.h>
#include <stdint.h>

typedef struct live_leverage live_leverage;

/*
 * A tracker for na actors and ns slots, slot x linking slot_src[x] to
 * slot_tgt[x] (both < na; slots in strictly increasing (source, target)
 * order). Every slot starts with no reliance and every actor with leverage 0.
 * The two arrays must stay as they are while the tracker lives.
 * Returns 0, or ENT_ENOMEM with a message set (*out NULL). O(na + ns).
 */
int ent__live_leverage_new(live_leverage **out, size_t na, size_t ns, const uint32_t *slot_src,
                           const uint32_t *slot_tgt);

/* Frees L; NULL is fine. */
void ent__live_leverage_free(live_leverage *L);

/*
 * Slot x now carries rel_to (the target's reliance on the source, as an
 * elist's rel_to) and rel_from (the source's on the target). Marks the
 * clients whose reliance changed. Cannot fail. O(1).
 */
void ent__live_leverage_set(live_leverage *L, uint32_t x, double rel_to, double rel_from);

/*
 * The leverage of every actor (na values; 0 for an actor without clients)
 * after the changes set since the last call. The array belongs to L and stays
 * valid until the next call or ent__live_leverage_free. Cannot fail.
 * O(sum of the degrees of the clients marked and of their patrons), where an
 * actor's degree counts the actors some slot links it to.
 */
const double *ent__live_leverage_values(live_leverage *L);

#endif
