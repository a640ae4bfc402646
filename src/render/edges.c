/*
 * edges.c: the lines of a drawing, routed around the nodes they do not
 * connect, clipped to the outlines of their ends and given their arrowheads,
 * written as each edge's `pos` so that Graphviz's nop2 engine draws them as
 * they are (and `dot -Tsvg` on the DOT output draws the same).
 *
 * Every node of the drawing carries `pos` ("x,y!", points), `width` and
 * `height` (inches) and `shape`; those are all that is read. The routing
 * itself is route.c's; here are the shapes, the arrowheads and the labels.
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "entente/error.h"
#include "render/edges.h"
#include "render/route.h"
#include "util/error.h"
#include "util/strbuf.h"

#define MARGIN    3.0 /* points kept between a line and a node it does not touch */
#define PAIR_GAP  3.5 /* the two directions of one pair, apart by twice this */
#define ARROW_LEN 7.0 /* Graphviz's arrow length (10 points) times arrowsize 0.7 */

/* The outline of a node, for clipping: a polygon of unit size (x right, y
 * up, from -0.5 to 0.5) as Graphviz draws the shape, or an ellipse. */
typedef struct outline {
    int ellipse;
    int n;
    double pt[7][2];
} outline;

static outline outline_of(const char *shape)
{
    static const struct {
        const char *name;
        outline o;
    } shapes[] = {
        {"ellipse", {1, 0, {{0}}}},
        {"point", {1, 0, {{0}}}},
        {"hexagon",
         {0, 6, {{0.5, 0}, {0.25, 0.5}, {-0.25, 0.5}, {-0.5, 0}, {-0.25, -0.5}, {0.25, -0.5}}}},
        {"house", {0, 5, {{0.5, 0.118}, {0, 0.5}, {-0.5, 0.118}, {-0.5, -0.5}, {0.5, -0.5}}}},
        {"parallelogram", {0, 4, {{0.5, 0.5}, {-0.295, 0.5}, {-0.5, -0.5}, {0.295, -0.5}}}},
        {"cds", {0, 5, {{0.371, 0.5}, {-0.5, 0.5}, {-0.5, -0.5}, {0.371, -0.5}, {0.5, 0}}}},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof *shapes; i++)
        if (shape && strcmp(shape, shapes[i].name) == 0)
            return shapes[i].o;
    outline box = {0, 4, {{0.5, 0.5}, {-0.5, 0.5}, {-0.5, -0.5}, {0.5, -0.5}}};
    return box; /* box, tab, note, plaintext ... */
}

typedef struct placed {
    double x, y, w, h; /* centre and size, points */
    outline o;
} placed;

static int inside(const placed *p, double x, double y)
{
    double u = (x - p->x) / (p->w > 0 ? p->w : 1e-9), v = (y - p->y) / (p->h > 0 ? p->h : 1e-9);
    if (p->o.ellipse)
        return u * u + v * v <= 0.25;
    int in = 0;
    for (int i = 0, j = p->o.n - 1; i < p->o.n; j = i++) {
        double xi = p->o.pt[i][0], yi = p->o.pt[i][1], xj = p->o.pt[j][0], yj = p->o.pt[j][1];
        if ((yi > v) != (yj > v) && u < (xj - xi) * (v - yi) / (yj - yi) + xi)
            in = !in;
    }
    return in;
}

/* The point where the segment from a (inside p) to b (outside) leaves p. */
static void boundary(const placed *p, const double *a, const double *b, double *out)
{
    double lo = 0, hi = 1;
    for (int k = 0; k < 40; k++) {
        double mid = (lo + hi) / 2;
        if (inside(p, a[0] + (b[0] - a[0]) * mid, a[1] + (b[1] - a[1]) * mid))
            lo = mid;
        else
            hi = mid;
    }
    out[0] = a[0] + (b[0] - a[0]) * hi;
    out[1] = a[1] + (b[1] - a[1]) * hi;
}

static double attr_num(void *obj, const char *name, double dflt)
{
    char *s = agget(obj, (char *)name);
    char *end;
    double v = s && *s ? strtod(s, &end) : dflt;
    return s && *s && end != s ? v : dflt;
}

/* The length of an arrowhead of this kind (Graphviz 2.43: 10 points times
 * arrowsize times the kind's factor). */
static double arrow_len(Agedge_t *e)
{
    char *h = agget(e, "arrowhead");
    double size = attr_num(e, "arrowsize", 1.0);
    if (!h || !*h || strcmp(h, "normal") == 0)
        return 10 * size;
    if (strcmp(h, "none") == 0)
        return 0;
    if (strcmp(h, "tee") == 0)
        return 5 * size;
    if (strcmp(h, "odot") == 0 || strcmp(h, "dot") == 0)
        return 8 * size;
    return 10 * size;
}

/* ---------------------------------------------------------------------------
 * Labels beside their lines
 *
 * A line's label (a claim, a diff's change mark) goes beside its line, at
 * the first of a series of spots (the middle of its longest segment, then
 * other places along each segment, on either side, then further out) where
 * its box (estimated from its text: 0.6 em a character) meets no node, no
 * line (its own included) and no label placed before. A label with no such
 * spot is left out: the line's style and tooltip still say what it would.
 * Everything is kept in buckets of a coarse grid, so that a spot is tested
 * against what is near it only.
 * ------------------------------------------------------------------------- */

#define BUCKET 48.0 /* points */

typedef struct item {
    int kind;     /* 0 a node's box, 1 a segment, 2 a label's box */
    double b[4];  /* the box x0, y0, x1, y1, or the segment's ends */
    int32_t next; /* the next item in the same bucket, via `link` */
} item;

typedef struct buckets {
    double x0, y0;
    int32_t nx, ny;
    int32_t *head; /* per bucket: first link, -1 none */
    item *items;
    size_t n_items, cap_items;
    int32_t *link_item, *link_next; /* links: (item, next link) */
    size_t n_links, cap_links;
    uint32_t *stamp, test; /* per item: the last query that saw it */
    size_t cap_stamp;
} buckets;

static int bucket_range(const buckets *bk, const double b[4], int32_t r[4])
{
    r[0] = (int32_t)floor((b[0] - bk->x0) / BUCKET);
    r[1] = (int32_t)floor((b[1] - bk->y0) / BUCKET);
    r[2] = (int32_t)floor((b[2] - bk->x0) / BUCKET);
    r[3] = (int32_t)floor((b[3] - bk->y0) / BUCKET);
    r[0] = r[0] < 0 ? 0 : r[0];
    r[1] = r[1] < 0 ? 0 : r[1];
    r[2] = r[2] >= bk->nx ? bk->nx - 1 : r[2];
    r[3] = r[3] >= bk->ny ? bk->ny - 1 : r[3];
    return r[0] <= r[2] && r[1] <= r[3];
}

static int bucket_add(buckets *bk, int kind, const double b[4])
{
    if (bk->n_items == bk->cap_items) {
        size_t nc = bk->cap_items ? bk->cap_items * 2 : 256;
        item *grown = realloc(bk->items, nc * sizeof *grown);
        uint32_t *st = realloc(bk->stamp, nc * sizeof *st);
        if (st)
            bk->stamp = st;
        if (!grown || !st) {
            if (grown)
                bk->items = grown;
            return ENT_ENOMEM;
        }
        bk->items = grown;
        memset(bk->stamp + bk->cap_items, 0, (nc - bk->cap_items) * sizeof *st);
        bk->cap_items = nc;
    }
    item *it = &bk->items[bk->n_items];
    it->kind = kind;
    memcpy(it->b, b, sizeof it->b);
    double box[4] = {fmin(b[0], b[2]), fmin(b[1], b[3]), fmax(b[0], b[2]), fmax(b[1], b[3])};
    int32_t r[4];
    if (bucket_range(bk, box, r))
        for (int32_t j = r[1]; j <= r[3]; j++)
            for (int32_t i = r[0]; i <= r[2]; i++) {
                if (bk->n_links == bk->cap_links) {
                    size_t nc = bk->cap_links ? bk->cap_links * 2 : 1024;
                    int32_t *a = realloc(bk->link_item, nc * sizeof *a);
                    if (a)
                        bk->link_item = a;
                    int32_t *n = realloc(bk->link_next, nc * sizeof *n);
                    if (n)
                        bk->link_next = n;
                    if (!a || !n)
                        return ENT_ENOMEM;
                    bk->cap_links = nc;
                }
                int32_t c = j * bk->nx + i;
                bk->link_item[bk->n_links] = (int32_t)bk->n_items;
                bk->link_next[bk->n_links] = bk->head[c];
                bk->head[c] = (int32_t)bk->n_links++;
            }
    bk->n_items++;
    return ENT_OK;
}

/* Whether box b (x0, y0, x1, y1) meets anything in the buckets. */
static int bucket_hit(buckets *bk, const double b[4])
{
    int32_t r[4];
    if (!bucket_range(bk, b, r))
        return 0;
    bk->test++;
    ent__route_box rb = {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, (b[2] - b[0]) / 2,
                         (b[3] - b[1]) / 2};
    for (int32_t j = r[1]; j <= r[3]; j++)
        for (int32_t i = r[0]; i <= r[2]; i++)
            for (int32_t k = bk->head[j * bk->nx + i]; k >= 0; k = bk->link_next[k]) {
                int32_t t = bk->link_item[k];
                if (bk->stamp[t] == bk->test)
                    continue;
                bk->stamp[t] = bk->test;
                const item *it = &bk->items[t];
                if (it->kind == 1
                        ? ent__route_hits(&rb, 1.0, it->b[0], it->b[1], it->b[2], it->b[3])
                        : b[0] - 1 < it->b[2] && b[2] + 1 > it->b[0] && b[1] - 1 < it->b[3] &&
                              b[3] + 1 > it->b[1])
                    return 1;
            }
    return 0;
}

static void buckets_release(buckets *bk)
{
    free(bk->head);
    free(bk->items);
    free(bk->link_item);
    free(bk->link_next);
    free(bk->stamp);
}

/* Places the label of edge e (its line: n points p) in the first free spot;
 * removes the label when there is none. */
static int place_label(buckets *bk, Agedge_t *e, const double *p, size_t n, ent_strbuf *sb)
{
    char *label = agget(e, "label");
    if (!label || !*label || n < 2)
        return ENT_OK;
    double fs = attr_num(e, "fontsize", 14.0);
    size_t chars = 0;
    for (const char *c = label; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    double hw = chars * fs * 0.3 + 1, hh = fs * 0.5 + 1;
    /* Segments, longest first (stable: equal lengths keep their order). */
    size_t order[64], ns = n - 1 < 64 ? n - 1 : 64;
    double len[64];
    for (size_t k = 0; k < ns; k++) {
        order[k] = k;
        len[k] = hypot(p[2 * k + 2] - p[2 * k], p[2 * k + 3] - p[2 * k + 1]);
    }
    for (size_t a = 1; a < ns; a++)
        for (size_t c = a; c > 0 && len[order[c]] > len[order[c - 1]]; c--) {
            size_t t = order[c];
            order[c] = order[c - 1];
            order[c - 1] = t;
        }
    static const double along[] = {0.5, 0.35, 0.65, 0.2, 0.8};
    static const double further[] = {0, 10, 22};
    for (size_t f = 0; f < sizeof further / sizeof *further; f++)
        for (size_t o = 0; o < ns; o++) {
            size_t k = order[o];
            if (len[k] < 1e-9)
                continue;
            double dx = (p[2 * k + 2] - p[2 * k]) / len[k],
                   dy = (p[2 * k + 3] - p[2 * k + 1]) / len[k];
            double nx = -dy, ny = dx;
            double off = hw * fabs(nx) + hh * fabs(ny) + 3 + further[f];
            for (size_t a = 0; a < sizeof along / sizeof *along; a++)
                for (int side = 1; side >= -1; side -= 2) {
                    double cx = p[2 * k] + dx * len[k] * along[a] + side * nx * off;
                    double cy = p[2 * k + 1] + dy * len[k] * along[a] + side * ny * off;
                    double b[4] = {cx - hw, cy - hh, cx + hw, cy + hh};
                    if (bucket_hit(bk, b))
                        continue;
                    ent_strbuf_reset(sb);
                    ent_strbuf_addf(sb, "%.2f,%.2f", cx, cy);
                    if (sb->failed)
                        return ENT_ENOMEM;
                    agsafeset(e, "lp", (char *)ent_strbuf_str(sb), "");
                    return bucket_add(bk, 2, b);
                }
        }
    agsafeset(e, "label", "", "");
    return ENT_OK;
}

/* Writes edge e's pos from its route p (n points, from the centre of its
 * tail to the centre of its head): clipped to both outlines, the last
 * segment shortened by the arrowhead, each segment a straight cubic. */
static int write_pos(Agedge_t *e, const placed *tail, const placed *head, double *p, size_t *np,
                     ent_strbuf *sb)
{
    size_t n = *np;
    /* Clip at the tail: the first point outside it, and where the line crosses. */
    size_t first = 1;
    while (first < n && inside(tail, p[2 * first], p[2 * first + 1]))
        first++;
    size_t last = n - 1; /* back to the first point inside the head */
    while (last > 0 && inside(head, p[2 * (last - 1)], p[2 * (last - 1) + 1]))
        last--;
    if (first >= n || last == 0 || first > last) {
        /* The ends overlap: Graphviz's own choice (no pos) is the safest. */
        agsafeset(e, "pos", "", "");
        *np = 0;
        return ENT_OK;
    }
    double start[2], end[2];
    boundary(tail, p + 2 * (first - 1), p + 2 * first, start);
    boundary(head, p + 2 * last, p + 2 * (last - 1), end);
    /* The polyline: start, the points first .. last-1, end. */
    size_t m = 0;
    double *q = p; /* rewritten in place: m never overtakes the reads */
    double pts[4] = {start[0], start[1], end[0], end[1]};
    size_t inner = last - first;
    memmove(q + 2, p + 2 * first, inner * 2 * sizeof *q);
    q[0] = pts[0];
    q[1] = pts[1];
    m = 1 + inner;
    q[2 * m] = pts[2];
    q[2 * m + 1] = pts[3];
    m++;
    double alen = arrow_len(e), tip[2] = {q[2 * m - 2], q[2 * m - 1]};
    if (alen > 0) {
        double dx = tip[0] - q[2 * m - 4], dy = tip[1] - q[2 * m - 3], l = hypot(dx, dy);
        if (l > alen + 1) {
            q[2 * m - 2] = tip[0] - dx / l * alen;
            q[2 * m - 1] = tip[1] - dy / l * alen;
        } else
            alen = 0; /* too short for a head: Graphviz would squash it too */
    }
    ent_strbuf_reset(sb);
    if (alen > 0)
        ent_strbuf_addf(sb, "e,%.2f,%.2f ", tip[0], tip[1]);
    ent_strbuf_addf(sb, "%.2f,%.2f", q[0], q[1]);
    for (size_t k = 0; k + 1 < m; k++) {
        double ax = q[2 * k], ay = q[2 * k + 1], bx = q[2 * k + 2], by = q[2 * k + 3];
        ent_strbuf_addf(sb, " %.2f,%.2f %.2f,%.2f %.2f,%.2f", ax + (bx - ax) / 3,
                        ay + (by - ay) / 3, ax + 2 * (bx - ax) / 3, ay + 2 * (by - ay) / 3, bx, by);
    }
    if (sb->failed)
        return ENT_ENOMEM;
    agsafeset(e, "pos", (char *)ent_strbuf_str(sb), "");
    q[2 * m - 2] = tip[0]; /* the line as drawn, for the labels */
    q[2 * m - 1] = tip[1];
    *np = m;
    return ENT_OK;
}

/* Every label of the edges, once all lines are drawn: nodes and lines
 * first into the buckets, then the labels one by one in edge order. */
static int place_labels(Agraph_t *g, const placed *pl, const ent__route_box *boxes, size_t nn,
                        Agedge_t **edge, const ent__route_edge *routes, size_t m, ent_strbuf *sb)
{
    int any = 0;
    for (size_t i = 0; i < m && !any; i++) {
        char *label = agget(edge[i], "label");
        any = label && *label;
    }
    if (!any)
        return ENT_OK;
    (void)pl;
    buckets bk;
    memset(&bk, 0, sizeof bk);
    double x0 = HUGE_VAL, y0 = HUGE_VAL, x1 = -HUGE_VAL, y1 = -HUGE_VAL;
    for (size_t k = 0; k < nn; k++) {
        x0 = fmin(x0, boxes[k].x - boxes[k].hw);
        y0 = fmin(y0, boxes[k].y - boxes[k].hh);
        x1 = fmax(x1, boxes[k].x + boxes[k].hw);
        y1 = fmax(y1, boxes[k].y + boxes[k].hh);
    }
    bk.x0 = x0 - 200;
    bk.y0 = y0 - 200;
    bk.nx = (int32_t)((x1 - x0 + 400) / BUCKET) + 1;
    bk.ny = (int32_t)((y1 - y0 + 400) / BUCKET) + 1;
    int rc = ENT_ENOMEM;
    if (!(bk.head = malloc((size_t)bk.nx * (size_t)bk.ny * sizeof *bk.head)))
        goto done;
    memset(bk.head, 0xff, (size_t)bk.nx * (size_t)bk.ny * sizeof *bk.head);
    for (size_t k = 0; k < nn; k++) {
        double b[4] = {boxes[k].x - boxes[k].hw, boxes[k].y - boxes[k].hh, boxes[k].x + boxes[k].hw,
                       boxes[k].y + boxes[k].hh};
        if (boxes[k].hw > 1 && (rc = bucket_add(&bk, 0, b)))
            goto done;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t k = 0; k + 1 < routes[i].n; k++)
            if ((rc = bucket_add(&bk, 1, routes[i].pts + 2 * k)))
                goto done;
    for (size_t i = 0; i < m; i++)
        if ((rc = place_label(&bk, edge[i], routes[i].pts, routes[i].n, sb)))
            goto done;
    (void)g;
    rc = ENT_OK;
done:
    buckets_release(&bk);
    return rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory while placing labels") : rc;
}

int ent__route_graph(Agraph_t *g, size_t *unrouted)
{
    size_t nn = (size_t)agnnodes(g), ne = (size_t)agnedges(g);
    placed *pl = calloc(nn ? nn : 1, sizeof *pl);
    ent__route_box *boxes = calloc(nn ? nn : 1, sizeof *boxes);
    ent__route_edge *routes = calloc(ne ? ne : 1, sizeof *routes);
    Agedge_t **edge = calloc(ne ? ne : 1, sizeof *edge);
    /* Node sequence numbers are not dense once nodes are deleted; none is. */
    uint64_t maxseq = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        maxseq = AGSEQ(n) > maxseq ? AGSEQ(n) : maxseq;
    size_t *index = calloc(maxseq + 1, sizeof *index);
    ent_strbuf sb = ENT_STRBUF_INIT;
    size_t m = 0;
    int rc = ENT_ENOMEM;
    if (!pl || !boxes || !routes || !edge || !index)
        goto done;
    size_t k = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n), k++) {
        placed *p = &pl[k];
        char *pos = agget(n, "pos");
        if (!pos || sscanf(pos, "%lf,%lf", &p->x, &p->y) != 2) {
            rc = ent_error_set(ENT_EINTERNAL, "a node of the drawing has no position");
            goto done;
        }
        p->w = attr_num(n, "width", 0.75) * 72;
        p->h = attr_num(n, "height", 0.5) * 72;
        p->o = outline_of(agget(n, "shape"));
        /* What Graphviz 2.43 draws beyond the node's size: a tab's tab on
         * top (4 points), a parallelogram's slant (a little under a sixth
         * of its height on each side), a hexagon's rounding. */
        const char *shape = agget(n, "shape");
        double ew = 0, eh = 0;
        if (shape && strcmp(shape, "tab") == 0)
            eh = 4;
        else if (shape && strcmp(shape, "parallelogram") == 0)
            ew = p->h * 0.16;
        else if (shape && strcmp(shape, "hexagon") == 0)
            ew = 0.5;
        boxes[k].x = p->x;
        boxes[k].y = p->y;
        boxes[k].hw = p->w / 2 + ew;
        boxes[k].hh = p->h / 2 + eh;
        index[AGSEQ(n)] = k;
    }
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            uint32_t s = (uint32_t)index[AGSEQ(agtail(e))], t = (uint32_t)index[AGSEQ(aghead(e))];
            if (s == t)
                continue;
            edge[m] = e;
            routes[m].s = s;
            routes[m].t = t;
            routes[m].offset = agedge(g, aghead(e), agtail(e), NULL, 0) ? PAIR_GAP : 0;
            m++;
        }
    if ((rc = ent__route_edges(boxes, nn, routes, m, MARGIN)))
        goto done;
    size_t bad = 0;
    for (size_t i = 0; i < m; i++) {
        bad += !routes[i].clear;
        if ((rc = write_pos(edge[i], &pl[routes[i].s], &pl[routes[i].t], routes[i].pts,
                            &routes[i].n, &sb)))
            goto done;
    }
    if ((rc = place_labels(g, pl, boxes, nn, edge, routes, m, &sb)))
        goto done;
    if (unrouted)
        *unrouted = bad;
    rc = ENT_OK;
done:
    if (routes)
        ent__route_release(routes, m);
    ent_strbuf_release(&sb);
    free(pl);
    free(boxes);
    free(routes);
    free(edge);
    free(index);
    return rc;
}
