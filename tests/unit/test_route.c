/*
 * test_route.c: edges routed around nodes (src/render/route.c), on layouts
 * small enough to check by hand.
 */
#include "test_common.h"

#include <math.h>

#include "render/route.h"

/* Whether point (x, y) lies strictly inside box b grown by m: written out
 * here rather than through the router's own test. */
static int point_in(const ent__route_box *b, double m, double x, double y)
{
    return fabs(x - b->x) < b->hw + m - 1e-6 && fabs(y - b->y) < b->hh + m - 1e-6;
}

/* Every segment of e, sampled every tenth of a point, stays out of box k. */
static void assert_avoids(const ent__route_edge *e, const ent__route_box *b, double m)
{
    for (size_t i = 0; i + 1 < e->n; i++) {
        double x0 = e->pts[2 * i], y0 = e->pts[2 * i + 1];
        double x1 = e->pts[2 * i + 2], y1 = e->pts[2 * i + 3];
        double len = hypot(x1 - x0, y1 - y0);
        size_t steps = (size_t)(len * 10) + 1;
        for (size_t s = 0; s <= steps; s++) {
            double t = (double)s / (double)steps;
            assert_false(point_in(b, m, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t));
        }
    }
}

static void straight_when_clear(void **state)
{
    (void)state;
    /* Two boxes side by side, a third well above the line between them. */
    ent__route_box boxes[3] = {{0, 0, 20, 10}, {200, 0, 20, 10}, {100, 100, 20, 10}};
    ent__route_edge e[1] = {{0, 1, 0, NULL, 0, 0}};
    assert_int_equal(ent__route_edges(boxes, 3, e, 1, 3.0), 0);
    assert_int_equal(e[0].n, 2);
    assert_true(e[0].clear);
    assert_true(e[0].pts[0] == 0 && e[0].pts[1] == 0 && e[0].pts[2] == 200 && e[0].pts[3] == 0);
    ent__route_release(e, 1);
}

static void around_a_node_in_the_way(void **state)
{
    (void)state;
    /* Box 2 sits on the straight line from box 0 to box 1. */
    ent__route_box boxes[3] = {{0, 0, 20, 10}, {300, 0, 20, 10}, {150, 0, 30, 40}};
    ent__route_edge e[1] = {{0, 1, 0, NULL, 0, 0}};
    assert_int_equal(ent__route_edges(boxes, 3, e, 1, 3.0), 0);
    assert_true(e[0].clear);
    assert_true(e[0].n >= 3); /* a bend at least */
    assert_true(e[0].pts[0] == 0 && e[0].pts[1] == 0);
    assert_true(e[0].pts[2 * e[0].n - 2] == 300 && e[0].pts[2 * e[0].n - 1] == 0);
    assert_avoids(&e[0], &boxes[2], 3.0);
    /* Not a long way round: the detour passes the obstacle's corner, so the
     * path is at most the two legs over its top plus a few cells. */
    double len = 0;
    for (size_t i = 0; i + 1 < e[0].n; i++)
        len +=
            hypot(e[0].pts[2 * i + 2] - e[0].pts[2 * i], e[0].pts[2 * i + 3] - e[0].pts[2 * i + 1]);
    assert_true(len < 2 * hypot(150, 43 + 3) + 20);
    ent__route_release(e, 1);
}

static void through_a_wall_with_a_gap(void **state)
{
    (void)state;
    /* A wall of boxes 30 points tall, 20 apart (40 at the middle), across
     * the line between the ends, which meets the fourth box head on: the
     * path goes through a gap of the wall. */
    ent__route_box boxes[2 + 10];
    boxes[0] = (ent__route_box){0, -75, 10, 10};
    boxes[1] = (ent__route_box){200, -75, 10, 10};
    for (int i = 0; i < 10; i++) {
        double y = -225 + i * 50.0 + (i >= 5 ? 20 : 0);
        boxes[2 + i] = (ent__route_box){100, y, 15, 15};
    }
    ent__route_edge e[1] = {{0, 1, 0, NULL, 0, 0}};
    assert_int_equal(ent__route_edges(boxes, 12, e, 1, 3.0), 0);
    assert_true(e[0].clear);
    for (int i = 0; i < 10; i++)
        assert_avoids(&e[0], &boxes[2 + i], 3.0);
    /* Through a gap next to the fourth box, not round the whole wall. */
    for (size_t i = 0; i < e[0].n; i++)
        assert_true(e[0].pts[2 * i + 1] > -130 && e[0].pts[2 * i + 1] < -20);
    ent__route_release(e, 1);
}

static void two_directions_apart(void **state)
{
    (void)state;
    ent__route_box boxes[2] = {{0, 0, 20, 10}, {100, 0, 20, 10}};
    ent__route_edge e[2] = {{0, 1, 3.5, NULL, 0, 0}, {1, 0, 3.5, NULL, 0, 0}};
    assert_int_equal(ent__route_edges(boxes, 2, e, 2, 3.0), 0);
    /* Each shifted to its own left: 0->1 up (+y), 1->0 down. */
    assert_true(fabs(e[0].pts[1] - 3.5) < 1e-9 && fabs(e[0].pts[3] - 3.5) < 1e-9);
    assert_true(fabs(e[1].pts[1] + 3.5) < 1e-9 && fabs(e[1].pts[3] + 3.5) < 1e-9);
    ent__route_release(e, 2);
}

static void hits_by_hand(void **state)
{
    (void)state;
    ent__route_box b = {10, 10, 5, 5};
    assert_true(ent__route_hits(&b, 0, 0, 10, 20, 10));  /* straight through */
    assert_false(ent__route_hits(&b, 0, 0, 0, 20, 0));   /* below it */
    assert_true(ent__route_hits(&b, 6, 0, 0, 20, 0));    /* within the margin */
    assert_false(ent__route_hits(&b, 0, 0, 15, 20, 15)); /* along its edge */
    assert_false(ent__route_hits(&b, 0, 0, 0, 4, 4));    /* stops short */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(straight_when_clear),
        cmocka_unit_test(around_a_node_in_the_way),
        cmocka_unit_test(through_a_wall_with_a_gap),
        cmocka_unit_test(two_directions_apart),
        cmocka_unit_test(hits_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
