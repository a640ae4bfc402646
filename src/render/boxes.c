/*
 * boxes.c: alliance boxes that hold their members only.
 *
 * After the layout, each box of each panel is the rectangle around its
 * members present there. Every other node of the panel that meets it is
 * moved out: to the left, the right, below or above the rectangle, whichever
 * is the shortest move to a spot that meets no other node and no box the
 * node does not belong to; when the four are taken, the same four a step
 * further out. A node moved may change another box's rectangle (when it is a
 * member there), so the whole is repeated until nothing moves, at most
 * ROUNDS times; what then still holds a non-member is reported dirty.
 */
#include "render/boxes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"

#define ROUNDS 12 /* passes over every box */
#define STEPS  8  /* rings of spots tried around a box */

int ent__box_rect(const ent__route_box *nodes, const ent__box_group *g, double pad, double top,
                  double r[4])
{
    int any = 0;
    r[0] = r[1] = HUGE_VAL;
    r[2] = r[3] = -HUGE_VAL;
    for (size_t k = 0; k < g->n_members; k++) {
        uint32_t i = g->members[k];
        if (g->present && !g->present[i])
            continue;
        any = 1;
        r[0] = fmin(r[0], nodes[i].x - nodes[i].hw);
        r[1] = fmin(r[1], nodes[i].y - nodes[i].hh);
        r[2] = fmax(r[2], nodes[i].x + nodes[i].hw);
        r[3] = fmax(r[3], nodes[i].y + nodes[i].hh);
    }
    if (any) {
        r[0] -= pad;
        r[1] -= pad;
        r[2] += pad;
        r[3] += pad + top;
    }
    return any;
}

/* Whether node box b (centre x, y) grown by `gap` meets rectangle r. */
static int meets(const ent__route_box *b, double x, double y, double gap, const double r[4])
{
    return x - b->hw - gap < r[2] && x + b->hw + gap > r[0] && y - b->hh - gap < r[3] &&
           y + b->hh + gap > r[1];
}

typedef struct state {
    ent__route_box *nodes;
    size_t n;
    const ent__box_group *groups;
    size_t ng;
    double pad, top, gap;
    double *rects;         /* 4 per group; NaN when the group has no member present */
    unsigned char *member; /* ng * n: node i is a member of group g */
} state;

static void rect_update(state *s, size_t g)
{
    if (!ent__box_rect(s->nodes, &s->groups[g], s->pad, s->top, s->rects + 4 * g))
        s->rects[4 * g] = NAN;
}

static int present(const state *s, size_t g, size_t i)
{
    return !s->groups[g].present || s->groups[g].present[i];
}

/* Whether node i placed at (x, y) would be in the way: meeting another node
 * (any: every panel shares the layout, which keeps all nodes apart), or the
 * box of a group whose panel draws it but that it is not a member of. */
static int blocked(const state *s, size_t i, double x, double y)
{
    for (size_t j = 0; j < s->n; j++) {
        if (j == i)
            continue;
        const ent__route_box *o = &s->nodes[j];
        double r[4] = {o->x - o->hw, o->y - o->hh, o->x + o->hw, o->y + o->hh};
        if (meets(&s->nodes[i], x, y, s->gap, r))
            return 1;
    }
    for (size_t g = 0; g < s->ng; g++) {
        if (isnan(s->rects[4 * g]) || s->member[g * s->n + i] || !present(s, g, i))
            continue;
        if (meets(&s->nodes[i], x, y, s->gap, s->rects + 4 * g))
            return 1;
    }
    return 0;
}

/* Moves node i out of rectangle r; 1 if it moved. */
static int move_out(state *s, size_t i, const double r[4])
{
    ent__route_box *b = &s->nodes[i];
    for (int step = 0; step < STEPS; step++) {
        double ox = step * (2 * b->hw + s->gap), oy = step * (2 * b->hh + s->gap);
        double cand[4][2] = {{r[0] - s->gap - b->hw - ox, b->y},
                             {r[2] + s->gap + b->hw + ox, b->y},
                             {b->x, r[1] - s->gap - b->hh - oy},
                             {b->x, r[3] + s->gap + b->hh + oy}};
        int order[4] = {0, 1, 2, 3};
        double cost[4];
        for (int k = 0; k < 4; k++)
            cost[k] = fabs(cand[k][0] - b->x) + fabs(cand[k][1] - b->y);
        for (int a = 1; a < 4; a++) /* insertion sort: stable, so ties keep their order */
            for (int c = a; c > 0 && cost[order[c]] < cost[order[c - 1]]; c--) {
                int t = order[c];
                order[c] = order[c - 1];
                order[c - 1] = t;
            }
        for (int k = 0; k < 4; k++) {
            double x = cand[order[k]][0], y = cand[order[k]][1];
            if (!blocked(s, i, x, y)) {
                b->x = round(x * 100) / 100;
                b->y = round(y * 100) / 100;
                return 1;
            }
        }
    }
    return 0;
}

int ent__boxes_separate(ent__route_box *nodes, size_t n, const ent__box_group *groups, size_t ng,
                        double pad, double top, double gap, unsigned char *dirty)
{
    if (!ng)
        return ENT_OK;
    state s = {nodes, n, groups, ng, pad, top, gap, NULL, NULL};
    s.rects = malloc(4 * ng * sizeof *s.rects);
    s.member = calloc(ng * (n ? n : 1), 1);
    if (!s.rects || !s.member) {
        free(s.rects);
        free(s.member);
        return ENT_ENOMEM;
    }
    for (size_t g = 0; g < ng; g++)
        for (size_t k = 0; k < groups[g].n_members; k++)
            s.member[g * n + groups[g].members[k]] = 1;
    for (size_t g = 0; g < ng; g++)
        rect_update(&s, g);
    for (int round = 0; round < ROUNDS; round++) {
        int moved = 0;
        for (size_t g = 0; g < ng; g++) {
            if (isnan(s.rects[4 * g]))
                continue;
            for (size_t i = 0; i < n; i++) {
                if (s.member[g * n + i] || !present(&s, g, i) ||
                    !meets(&nodes[i], nodes[i].x, nodes[i].y, 0, s.rects + 4 * g))
                    continue;
                if (move_out(&s, i, s.rects + 4 * g)) {
                    moved = 1;
                    for (size_t h = 0; h < ng; h++)
                        if (s.member[h * n + i])
                            rect_update(&s, h);
                }
            }
        }
        if (!moved)
            break;
    }
    for (size_t g = 0; g < ng; g++) {
        dirty[g] = 0;
        if (isnan(s.rects[4 * g]))
            continue;
        for (size_t i = 0; i < n && !dirty[g]; i++)
            dirty[g] = !s.member[g * n + i] && present(&s, g, i) &&
                       meets(&nodes[i], nodes[i].x, nodes[i].y, 0, s.rects + 4 * g);
    }
    free(s.rects);
    free(s.member);
    return ENT_OK;
}
