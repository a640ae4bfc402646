/*
 * route.c: edges routed around the nodes of a drawing.
 *
 * Graphviz routes edges around nodes (splines=true) by building one
 * visibility graph of every node's outline, which takes seconds beyond a
 * hundred nodes and minutes at a thousand. Here each edge is routed on its
 * own:
 *   1. the straight line between the centres of its ends, when it keeps
 *      `margin` points from every other node (most edges);
 *   2. else the shortest path over a grid of cells (8 neighbours, A*), a
 *      cell being free for the edge when no other node's box, grown by the
 *      margin, overlaps it, searched first in a window around the two ends
 *      and then, if that fails, over the whole grid;
 *   3. the path is then straightened: from each corner the farthest later
 *      point that a clear straight segment reaches is kept, the points in
 *      between dropped.
 * Two consecutive points of a grid path always lie in free cells that form a
 * convex block, so every segment of the result keeps the margin (the test in
 * tests/cli/render-geometry.py checks it on the SVG). The obstacles of each
 * cell are kept in one array (compressed rows), so that a segment is tested
 * against the few nodes near it only.
 */
#define _POSIX_C_SOURCE 200809L
#include "render/route.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"

#define MAX_CELLS 2000000 /* the grid's cells grow coarser beyond this */
#define WINDOW    24      /* cells around the ends searched first */
#define GREED                                                    \
    1.6f /* the estimate's weight: fewer cells searched, paths a \
          * little longer than the shortest (then straightened) */

typedef struct grid {
    const ent__route_box *boxes;
    size_t n;
    double margin;
    double x0, y0, cell; /* origin and cell size, points */
    int32_t nx, ny;
    uint32_t *start;   /* nx*ny + 1: each cell's first obstacle in `obs` */
    uint32_t *obs;     /* the boxes overlapping each cell */
    uint32_t *stamp;   /* per box: last segment test that looked at it */
    uint32_t test;     /* the current segment test */
    float *cost;       /* per cell: best cost found in the current search */
    int32_t *parent;   /* per cell: previous cell on that path */
    uint32_t *seen;    /* per cell: the search that set cost and parent */
    uint32_t *closed;  /* per cell: the search that closed it */
    uint32_t search;   /* the current search */
    struct heap_item { /* open cells, smallest estimate first */
        float f;
        int32_t cell;
    } * heap;
    size_t heap_n, heap_cap;
    int32_t *path; /* cells of the last path found */
    size_t path_n, path_cap;
} grid;

int ent__route_hits(const ent__route_box *b, double margin, double x0, double y0, double x1,
                    double y1)
{
    /* Liang-Barsky: clip the segment to the box, shrunk by a hair so that a
     * line running along the grown box's edge does not count. */
    double lo[2] = {b->x - b->hw - margin + 1e-6, b->y - b->hh - margin + 1e-6};
    double hi[2] = {b->x + b->hw + margin - 1e-6, b->y + b->hh + margin - 1e-6};
    double p[2] = {x0, y0}, d[2] = {x1 - x0, y1 - y0};
    double t0 = 0.0, t1 = 1.0;
    for (int k = 0; k < 2; k++) {
        if (fabs(d[k]) < 1e-12) {
            if (p[k] <= lo[k] || p[k] >= hi[k])
                return 0;
            continue;
        }
        double a = (lo[k] - p[k]) / d[k], c = (hi[k] - p[k]) / d[k];
        if (a > c) {
            double tmp = a;
            a = c;
            c = tmp;
        }
        t0 = fmax(t0, a);
        t1 = fmin(t1, c);
        if (t0 >= t1)
            return 0;
    }
    return 1;
}

static int32_t cell_of(const grid *gr, double x, double y)
{
    int32_t i = (int32_t)floor((x - gr->x0) / gr->cell),
            j = (int32_t)floor((y - gr->y0) / gr->cell);
    i = i < 0 ? 0 : i >= gr->nx ? gr->nx - 1 : i;
    j = j < 0 ? 0 : j >= gr->ny ? gr->ny - 1 : j;
    return j * gr->nx + i;
}

/* The range of cells [i0,i1] x [j0,j1] that box b grown by the margin meets. */
static void cells_of_box(const grid *gr, const ent__route_box *b, int32_t *i0, int32_t *j0,
                         int32_t *i1, int32_t *j1)
{
    double m = gr->margin;
    int32_t a = cell_of(gr, b->x - b->hw - m, b->y - b->hh - m);
    int32_t c = cell_of(gr, b->x + b->hw + m, b->y + b->hh + m);
    *i0 = a % gr->nx;
    *j0 = a / gr->nx;
    *i1 = c % gr->nx;
    *j1 = c / gr->nx;
}

static int grid_build(grid *gr, const ent__route_box *boxes, size_t n, double margin)
{
    memset(gr, 0, sizeof *gr);
    gr->boxes = boxes;
    gr->n = n;
    gr->margin = margin;
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    for (size_t i = 0; i < n; i++) {
        x0 = fmin(x0, boxes[i].x - boxes[i].hw);
        y0 = fmin(y0, boxes[i].y - boxes[i].hh);
        x1 = fmax(x1, boxes[i].x + boxes[i].hw);
        y1 = fmax(y1, boxes[i].y + boxes[i].hh);
    }
    /* Cells of 1.5 margins (6 points for the usual 4), coarser when the
     * drawing is very large; a border of free cells to go round by. */
    double cell = 1.5 * margin;
    double w = x1 - x0 + 2 * margin, h = y1 - y0 + 2 * margin;
    if ((w / cell + 8) * (h / cell + 8) > MAX_CELLS)
        cell = sqrt(w * h / MAX_CELLS) + 1;
    gr->cell = cell;
    gr->x0 = x0 - margin - 4 * cell;
    gr->y0 = y0 - margin - 4 * cell;
    gr->nx = (int32_t)ceil(w / cell) + 8;
    gr->ny = (int32_t)ceil(h / cell) + 8;
    size_t cells = (size_t)gr->nx * (size_t)gr->ny;
    gr->start = calloc(cells + 1, sizeof *gr->start);
    gr->stamp = calloc(n ? n : 1, sizeof *gr->stamp);
    gr->cost = malloc(cells * sizeof *gr->cost);
    gr->parent = malloc(cells * sizeof *gr->parent);
    gr->seen = calloc(cells, sizeof *gr->seen);
    gr->closed = calloc(cells, sizeof *gr->closed);
    if (!gr->start || !gr->stamp || !gr->cost || !gr->parent || !gr->seen || !gr->closed)
        return ENT_ENOMEM;
    size_t total = 0;
    for (size_t b = 0; b < n; b++) {
        int32_t i0, j0, i1, j1;
        cells_of_box(gr, &boxes[b], &i0, &j0, &i1, &j1);
        for (int32_t j = j0; j <= j1; j++)
            for (int32_t i = i0; i <= i1; i++)
                gr->start[(size_t)j * (size_t)gr->nx + (size_t)i + 1]++;
        total += (size_t)(i1 - i0 + 1) * (size_t)(j1 - j0 + 1);
    }
    if (total >= UINT32_MAX)
        return ENT_ENOMEM;
    for (size_t c = 0; c < cells; c++)
        gr->start[c + 1] += gr->start[c];
    uint32_t *fill = malloc((cells ? cells : 1) * sizeof *fill);
    gr->obs = malloc((total ? total : 1) * sizeof *gr->obs);
    if (!fill || !gr->obs) {
        free(fill);
        return ENT_ENOMEM;
    }
    memcpy(fill, gr->start, cells * sizeof *fill);
    for (size_t b = 0; b < n; b++) {
        int32_t i0, j0, i1, j1;
        cells_of_box(gr, &boxes[b], &i0, &j0, &i1, &j1);
        for (int32_t j = j0; j <= j1; j++)
            for (int32_t i = i0; i <= i1; i++)
                gr->obs[fill[(size_t)j * (size_t)gr->nx + (size_t)i]++] = (uint32_t)b;
    }
    free(fill);
    return ENT_OK;
}

static void grid_release(grid *gr)
{
    free(gr->start);
    free(gr->obs);
    free(gr->stamp);
    free(gr->cost);
    free(gr->parent);
    free(gr->seen);
    free(gr->closed);
    free(gr->heap);
    free(gr->path);
}

/* Whether cell c is free for an edge from s to t. */
static int cell_free(const grid *gr, int32_t c, uint32_t s, uint32_t t)
{
    for (uint32_t k = gr->start[c]; k < gr->start[c + 1]; k++)
        if (gr->obs[k] != s && gr->obs[k] != t)
            return 0;
    return 1;
}

/* Whether the segment keeps the margin from every box but s and t: the cells
 * it crosses are walked (Amanatides and Woo) and their boxes tested exactly. */
static int segment_clear(grid *gr, double x0, double y0, double x1, double y1, uint32_t s,
                         uint32_t t)
{
    if (++gr->test == 0) {
        memset(gr->stamp, 0, gr->n * sizeof *gr->stamp);
        gr->test = 1;
    }
    int32_t c = cell_of(gr, x0, y0), last = cell_of(gr, x1, y1);
    int32_t i = c % gr->nx, j = c / gr->nx, li = last % gr->nx, lj = last / gr->nx;
    double dx = x1 - x0, dy = y1 - y0;
    int si = dx > 0 ? 1 : -1, sj = dy > 0 ? 1 : -1;
    double tdx = fabs(dx) > 1e-12 ? gr->cell / fabs(dx) : HUGE_VAL;
    double tdy = fabs(dy) > 1e-12 ? gr->cell / fabs(dy) : HUGE_VAL;
    double bx = gr->x0 + (i + (si > 0)) * gr->cell, by = gr->y0 + (j + (sj > 0)) * gr->cell;
    double tx = fabs(dx) > 1e-12 ? (bx - x0) / dx : HUGE_VAL;
    double ty = fabs(dy) > 1e-12 ? (by - y0) / dy : HUGE_VAL;
    for (size_t steps = 0; steps < (size_t)gr->nx + (size_t)gr->ny + 2; steps++) {
        int32_t cc = j * gr->nx + i;
        for (uint32_t k = gr->start[cc]; k < gr->start[cc + 1]; k++) {
            uint32_t b = gr->obs[k];
            if (b == s || b == t || gr->stamp[b] == gr->test)
                continue;
            gr->stamp[b] = gr->test;
            if (ent__route_hits(&gr->boxes[b], gr->margin, x0, y0, x1, y1))
                return 0;
        }
        if (i == li && j == lj)
            break;
        if (tx < ty) {
            i += si;
            tx += tdx;
        } else {
            j += sj;
            ty += tdy;
        }
        if (i < 0 || j < 0 || i >= gr->nx || j >= gr->ny)
            break;
    }
    return 1;
}

/* --- A* over the cells ------------------------------------------------- */

static int heap_less(const struct heap_item *a, const struct heap_item *b)
{
    return a->f < b->f || (a->f == b->f && a->cell < b->cell);
}

static int heap_push(grid *gr, float f, int32_t cell)
{
    if (gr->heap_n == gr->heap_cap) {
        size_t nc = gr->heap_cap ? gr->heap_cap * 2 : 1024;
        struct heap_item *grown = realloc(gr->heap, nc * sizeof *grown);
        if (!grown)
            return ENT_ENOMEM;
        gr->heap = grown;
        gr->heap_cap = nc;
    }
    size_t k = gr->heap_n++;
    struct heap_item it = {f, cell};
    while (k > 0 && heap_less(&it, &gr->heap[(k - 1) / 2])) {
        gr->heap[k] = gr->heap[(k - 1) / 2];
        k = (k - 1) / 2;
    }
    gr->heap[k] = it;
    return ENT_OK;
}

static struct heap_item heap_pop(grid *gr)
{
    struct heap_item top = gr->heap[0], last = gr->heap[--gr->heap_n];
    size_t k = 0;
    for (;;) {
        size_t c = 2 * k + 1;
        if (c >= gr->heap_n)
            break;
        if (c + 1 < gr->heap_n && heap_less(&gr->heap[c + 1], &gr->heap[c]))
            c++;
        if (!heap_less(&gr->heap[c], &last))
            break;
        gr->heap[k] = gr->heap[c];
        k = c;
    }
    if (gr->heap_n)
        gr->heap[k] = last;
    return top;
}

static float octile(int32_t a, int32_t b, int32_t nx)
{
    int32_t dx = abs(a % nx - b % nx), dy = abs(a / nx - b / nx);
    int32_t lo = dx < dy ? dx : dy, hi = dx < dy ? dy : dx;
    return (float)(hi - lo) + 1.41421356f * (float)lo;
}

/* Shortest free path of cells from `from` to `to` within the window
 * [wi0,wi1] x [wj0,wj1]; its cells in gr->path. 1 found, 0 none, <0 error. */
static int search(grid *gr, int32_t from, int32_t to, uint32_t s, uint32_t t, int32_t wi0,
                  int32_t wj0, int32_t wi1, int32_t wj1)
{
    if (++gr->search == 0) {
        size_t cells = (size_t)gr->nx * (size_t)gr->ny;
        memset(gr->seen, 0, cells * sizeof *gr->seen);
        memset(gr->closed, 0, cells * sizeof *gr->closed);
        gr->search = 1;
    }
    static const int di[8] = {1, -1, 0, 0, 1, 1, -1, -1}, dj[8] = {0, 0, 1, -1, 1, -1, 1, -1};
    gr->heap_n = 0;
    gr->cost[from] = 0;
    gr->parent[from] = -1;
    gr->seen[from] = gr->search;
    if (heap_push(gr, octile(from, to, gr->nx), from))
        return ENT_ENOMEM;
    int found = 0;
    while (gr->heap_n) {
        struct heap_item it = heap_pop(gr);
        int32_t c = it.cell;
        if (gr->closed[c] == gr->search)
            continue;
        gr->closed[c] = gr->search;
        if (c == to) {
            found = 1;
            break;
        }
        int32_t ci = c % gr->nx, cj = c / gr->nx;
        for (int k = 0; k < 8; k++) {
            int32_t ni = ci + di[k], nj = cj + dj[k];
            if (ni < wi0 || nj < wj0 || ni > wi1 || nj > wj1)
                continue;
            int32_t nc = nj * gr->nx + ni;
            if (gr->closed[nc] == gr->search)
                continue;
            if (nc != to && !cell_free(gr, nc, s, t))
                continue;
            /* A diagonal step only between two free cells, so that the
             * segment stays inside free cells. */
            if (k >= 4 &&
                (!cell_free(gr, cj * gr->nx + ni, s, t) || !cell_free(gr, nj * gr->nx + ci, s, t)))
                continue;
            float g = gr->cost[c] + (k < 4 ? 1.0f : 1.41421356f);
            if (gr->seen[nc] == gr->search && gr->cost[nc] <= g)
                continue;
            gr->seen[nc] = gr->search;
            gr->cost[nc] = g;
            gr->parent[nc] = c;
            if (heap_push(gr, g + GREED * octile(nc, to, gr->nx), nc))
                return ENT_ENOMEM;
        }
    }
    if (!found)
        return 0;
    size_t len = 0;
    for (int32_t c = to; c >= 0; c = gr->parent[c])
        len++;
    if (len > gr->path_cap) {
        int32_t *grown = realloc(gr->path, len * sizeof *grown);
        if (!grown)
            return ENT_ENOMEM;
        gr->path = grown;
        gr->path_cap = len;
    }
    gr->path_n = len;
    for (int32_t c = to; c >= 0; c = gr->parent[c])
        gr->path[--len] = c;
    return 1;
}

/* --- Edges --------------------------------------------------------------- */

static int set_points(ent__route_edge *e, const double *xy, size_t n)
{
    free(e->pts);
    e->pts = malloc(2 * n * sizeof *e->pts);
    if (!e->pts)
        return ENT_ENOMEM;
    memcpy(e->pts, xy, 2 * n * sizeof *xy);
    e->n = n;
    return ENT_OK;
}

/* Routes one edge; its points are set (a straight line when no path). */
static int route_one(grid *gr, ent__route_edge *e, double **buf, size_t *cap)
{
    const ent__route_box *a = &gr->boxes[e->s], *b = &gr->boxes[e->t];
    double line[4] = {a->x, a->y, b->x, b->y};
    if (e->offset != 0.0) {
        double dx = b->x - a->x, dy = b->y - a->y, len = hypot(dx, dy);
        if (len > 1e-9) {
            double ox = -dy / len * e->offset, oy = dx / len * e->offset;
            double shifted[4] = {a->x + ox, a->y + oy, b->x + ox, b->y + oy};
            if (segment_clear(gr, shifted[0], shifted[1], shifted[2], shifted[3], e->s, e->t)) {
                e->clear = 1;
                return set_points(e, shifted, 2);
            }
        }
    }
    if (segment_clear(gr, line[0], line[1], line[2], line[3], e->s, e->t)) {
        e->clear = 1;
        return set_points(e, line, 2);
    }
    int32_t from = cell_of(gr, a->x, a->y), to = cell_of(gr, b->x, b->y);
    int32_t fi = from % gr->nx, fj = from / gr->nx, ti = to % gr->nx, tj = to / gr->nx;
    int32_t pad = WINDOW + (abs(fi - ti) + abs(fj - tj)) / 2;
    int32_t wi0 = (fi < ti ? fi : ti) - pad, wi1 = (fi > ti ? fi : ti) + pad;
    int32_t wj0 = (fj < tj ? fj : tj) - pad, wj1 = (fj > tj ? fj : tj) + pad;
    int found = search(gr, from, to, e->s, e->t, wi0 < 0 ? 0 : wi0, wj0 < 0 ? 0 : wj0,
                       wi1 >= gr->nx ? gr->nx - 1 : wi1, wj1 >= gr->ny ? gr->ny - 1 : wj1);
    if (found == 0 && (wi0 > 0 || wj0 > 0 || wi1 < gr->nx - 1 || wj1 < gr->ny - 1))
        found = search(gr, from, to, e->s, e->t, 0, 0, gr->nx - 1, gr->ny - 1);
    if (found < 0)
        return found;
    if (!found) {
        e->clear = 0;
        return set_points(e, line, 2);
    }
    /* The path's points: the centre of s, the cells' centres, the centre of t;
     * cells along a straight run dropped (they add nothing). */
    size_t n = gr->path_n;
    if (2 * n > *cap) {
        double *grown = realloc(*buf, 2 * n * sizeof *grown);
        if (!grown)
            return ENT_ENOMEM;
        *buf = grown;
        *cap = 2 * n;
    }
    double *p = *buf;
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        int32_t c = gr->path[k];
        if (k > 0 && k + 1 < n) {
            int32_t prev = gr->path[k - 1], next = gr->path[k + 1];
            if (c - prev == next - c)
                continue;
        }
        if (k == 0) {
            p[0] = a->x;
            p[1] = a->y;
        } else if (k + 1 == n) {
            p[2 * m] = b->x;
            p[2 * m + 1] = b->y;
        } else {
            p[2 * m] = gr->x0 + (c % gr->nx + 0.5) * gr->cell;
            p[2 * m + 1] = gr->y0 + (c / gr->nx + 0.5) * gr->cell;
        }
        m++;
    }
    /* Straighten: from each kept point, the farthest later point a clear
     * segment reaches (binary search; every kept segment is tested). */
    size_t out = 1, anchor = 0;
    while (anchor + 1 < m) {
        size_t lo = anchor + 1, hi = m - 1, best = anchor + 1;
        if (segment_clear(gr, p[2 * anchor], p[2 * anchor + 1], p[2 * hi], p[2 * hi + 1], e->s,
                          e->t))
            best = hi;
        else
            while (lo <= hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (mid == anchor + 1 || segment_clear(gr, p[2 * anchor], p[2 * anchor + 1],
                                                       p[2 * mid], p[2 * mid + 1], e->s, e->t)) {
                    best = mid > best ? mid : best;
                    lo = mid + 1;
                } else
                    hi = mid - 1;
            }
        p[2 * out] = p[2 * best];
        p[2 * out + 1] = p[2 * best + 1];
        out++;
        anchor = best;
    }
    e->clear = 1;
    for (size_t k = 0; k + 1 < out; k++)
        if (!segment_clear(gr, p[2 * k], p[2 * k + 1], p[2 * k + 2], p[2 * k + 3], e->s, e->t))
            e->clear = 0;
    return set_points(e, p, out);
}

int ent__route_edges(const ent__route_box *boxes, size_t n, ent__route_edge *edges, size_t n_edges,
                     double margin)
{
    for (size_t i = 0; i < n_edges; i++) {
        edges[i].pts = NULL;
        edges[i].n = 0;
        edges[i].clear = 0;
    }
    if (!n_edges)
        return ENT_OK;
    grid gr;
    double *buf = NULL;
    size_t cap = 0;
    int rc = grid_build(&gr, boxes, n, margin);
    for (size_t i = 0; !rc && i < n_edges; i++)
        rc = route_one(&gr, &edges[i], &buf, &cap);
    free(buf);
    grid_release(&gr);
    if (rc)
        ent__route_release(edges, n_edges);
    return rc;
}

void ent__route_release(ent__route_edge *edges, size_t n)
{
    for (size_t i = 0; edges && i < n; i++) {
        free(edges[i].pts);
        edges[i].pts = NULL;
        edges[i].n = 0;
    }
}
