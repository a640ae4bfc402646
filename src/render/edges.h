/*
 * edges.h: the lines of a drawing routed around its nodes (internal to
 * src/render; edges.c).
 */
#ifndef ENT_RENDER_EDGES_H
#define ENT_RENDER_EDGES_H

#include <stddef.h>

#include <graphviz/cgraph.h>

/*
 * Gives every edge of g between two different nodes a `pos` that keeps it
 * clear of every node but its two ends (route.c), clipped to their outlines
 * and shortened for its arrowhead, and a labelled edge an `lp` beside its
 * line; for Graphviz's nop2 engine. Every node must have `pos` ("x,y" in
 * points), `width` and `height` (inches; Graphviz's defaults otherwise) and
 * `shape`. *unrouted (when not NULL) is set to the number of edges for which
 * no clear path was found (drawn straight). Returns 0, ENT_ENOMEM, or
 * ENT_EINTERNAL for a node without a position, with a message.
 */
int ent__route_graph(Agraph_t *g, size_t *unrouted);

#endif
