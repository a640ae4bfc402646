/*
 * route.h: edges routed around the nodes of a drawing (internal to
 * src/render; plain geometry, no Graphviz).
 *
 * A diagram's nodes are pinned where the layout put them; a straight line
 * between two of them may cross a third, which a reader takes for a tie that
 * does not exist. ent__route_edges gives every edge a polyline that keeps
 * clear of every node but its own two ends: a straight line when one is
 * clear, else the shortest path on a grid of free cells, straightened.
 */
#ifndef ENT_RENDER_ROUTE_H
#define ENT_RENDER_ROUTE_H

#include <stddef.h>
#include <stdint.h>

/* A node: the centre and the half width and half height of its bounding box,
 * in points. */
typedef struct ent__route_box {
    double x, y, hw, hh;
} ent__route_box;

/* One edge to route, between boxes s and t (s != t), and its result: n
 * points from the centre of s to the centre of t (n >= 2), in `pts` (x, y
 * pairs, malloc'd; ent__route_release frees them). `offset` shifts a straight
 * line sideways by that many points (to its left, looking from s to t), so
 * that the two directions of one pair stay apart. `clear` is set when every
 * segment keeps `margin` away from every other box; 0 when no such path was
 * found and the straight line was kept. */
typedef struct ent__route_edge {
    uint32_t s, t;
    double offset;
    double *pts;
    size_t n;
    int clear;
} ent__route_edge;

/*
 * Routes every edge of `edges` among the `n` boxes: each path keeps at least
 * `margin` points from every box other than its ends (0 < margin). Returns 0,
 * or ENT_ENOMEM (the edges' points then are all NULL). Deterministic: the
 * same input gives the same points. Time: about the area of the drawing in
 * grid cells for the grid, then for each edge that a straight line does not
 * serve, a search over the cells between its ends.
 */
int ent__route_edges(const ent__route_box *boxes, size_t n, ent__route_edge *edges, size_t n_edges,
                     double margin);

/* Frees the points of the n edges (NULL-safe). */
void ent__route_release(ent__route_edge *edges, size_t n);

/* Whether the segment (x0,y0)-(x1,y1) meets the box b grown by `margin`. */
int ent__route_hits(const ent__route_box *b, double margin, double x0, double y0, double x1,
                    double y1);

#endif
