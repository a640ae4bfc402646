/*
 * boxes.h: alliance boxes that hold their members only (internal to
 * src/render; boxes.c; plain geometry, no Graphviz).
 *
 * A force-directed layout pulls an alliance's members together but does not
 * keep others out of the rectangle drawn around them: an enemy linked to
 * several members lands among them, and the picture then says it belongs.
 * ent__boxes_separate moves every such actor out of the box, to the nearest
 * place beside it that is free.
 */
#ifndef ENT_RENDER_BOXES_H
#define ENT_RENDER_BOXES_H

#include <stddef.h>
#include <stdint.h>

#include "render/route.h"

/* One box as drawn in one panel: the rectangle around `members` (node
 * indices; those absent from the panel are skipped), grown by `pad` on every
 * side and `top` more above, for the alliance's name. `present` tells which
 * nodes the panel draws (NULL: all). */
typedef struct ent__box_group {
    const uint32_t *members;
    size_t n_members;
    const unsigned char *present;
} ent__box_group;

/*
 * Moves the nodes (centres and half sizes, points, y up) that are drawn over
 * a group's rectangle without being among its members, each to the nearest
 * spot beside that rectangle where it meets no other node (at least `gap`
 * points apart) and no rectangle of a group it is not a member of, and
 * repeats while something moved (members move too when they intrude in
 * another group's box, which then changes the rectangles), a bounded number
 * of times. dirty[g] is set to 1 for each group whose rectangle still holds
 * a non-member at the end (the caller then does not draw it as a box), 0
 * otherwise. Returns 0 or ENT_ENOMEM. Deterministic.
 */
int ent__boxes_separate(ent__route_box *nodes, size_t n, const ent__box_group *groups, size_t ng,
                        double pad, double top, double gap, unsigned char *dirty);

/* The rectangle of group g (x0, y0, x1, y1); 0 when no member is present. */
int ent__box_rect(const ent__route_box *nodes, const ent__box_group *g, double pad, double top,
                  double r[4]);

#endif
