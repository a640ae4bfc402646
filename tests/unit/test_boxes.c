/*
 * test_boxes.c: alliance boxes cleared of non-members (src/render/boxes.c),
 * on layouts small enough to check by hand.
 */
#include "test_common.h"

#include <math.h>

#include "render/boxes.h"

/* Whether node b meets rectangle r: written out here, not the library's. */
static int inside(const ent__route_box *b, const double r[4])
{
    return b->x + b->hw > r[0] && b->x - b->hw < r[2] && b->y + b->hh > r[1] && b->y - b->hh < r[3];
}

static void an_outsider_is_moved_out(void **state)
{
    (void)state;
    /* Members 0 and 1 at (0,0) and (200,0); node 2 between them, node 3 far. */
    ent__route_box nodes[4] = {
        {0, 0, 20, 10}, {200, 0, 20, 10}, {100, 5, 20, 10}, {100, 300, 20, 10}};
    uint32_t members[2] = {0, 1};
    ent__box_group g = {members, 2, NULL};
    unsigned char dirty = 9;
    assert_int_equal(ent__boxes_separate(nodes, 4, &g, 1, 10, 16, 16, &dirty), 0);
    assert_int_equal(dirty, 0);
    /* The box: x -30..230, y -20..36 (10 of padding, 16 more on top). */
    double r[4];
    assert_true(ent__box_rect(nodes, &g, 10, 16, r));
    assert_true(r[0] == -30 && r[1] == -20 && r[2] == 230 && r[3] == 36);
    assert_false(inside(&nodes[2], r));
    /* The shortest way out is down: from y 5 to -20 - 16 - 10 = -46. */
    assert_true(nodes[2].x == 100 && nodes[2].y == -46);
    /* Members and the node far away stay where they were. */
    assert_true(nodes[0].x == 0 && nodes[1].x == 200 && nodes[3].y == 300);
}

static void the_spot_beside_is_taken(void **state)
{
    (void)state;
    /* As above, with node 3 sitting where node 2 would go down to: it then
     * goes up, above the box (36 + 16 + 10 = 62). */
    ent__route_box nodes[4] = {
        {0, 0, 20, 10}, {200, 0, 20, 10}, {100, 5, 20, 10}, {100, -50, 20, 10}};
    uint32_t members[2] = {0, 1};
    ent__box_group g = {members, 2, NULL};
    unsigned char dirty = 9;
    assert_int_equal(ent__boxes_separate(nodes, 4, &g, 1, 10, 16, 16, &dirty), 0);
    assert_int_equal(dirty, 0);
    assert_true(nodes[2].x == 100 && nodes[2].y == 62);
}

static void only_the_panel_that_draws_it(void **state)
{
    (void)state;
    /* Node 2 is inside the box but absent from the panel: it stays. */
    ent__route_box nodes[3] = {{0, 0, 20, 10}, {200, 0, 20, 10}, {100, 5, 20, 10}};
    uint32_t members[2] = {0, 1};
    unsigned char present[3] = {1, 1, 0};
    ent__box_group g = {members, 2, present};
    unsigned char dirty = 9;
    assert_int_equal(ent__boxes_separate(nodes, 3, &g, 1, 10, 16, 16, &dirty), 0);
    assert_int_equal(dirty, 0);
    assert_true(nodes[2].x == 100 && nodes[2].y == 5);
}

static void two_boxes(void **state)
{
    (void)state;
    /* Two boxes side by side; node 4 belongs to neither and sits between. */
    ent__route_box nodes[5] = {
        {0, 0, 20, 10}, {100, 0, 20, 10}, {300, 0, 20, 10}, {400, 0, 20, 10}, {60, 0, 15, 10}};
    uint32_t a[2] = {0, 1}, b[2] = {2, 3};
    ent__box_group g[2] = {{a, 2, NULL}, {b, 2, NULL}};
    unsigned char dirty[2] = {9, 9};
    assert_int_equal(ent__boxes_separate(nodes, 5, g, 2, 10, 16, 16, dirty), 0);
    assert_true(dirty[0] == 0 && dirty[1] == 0);
    double r0[4], r1[4];
    ent__box_rect(nodes, &g[0], 10, 16, r0);
    ent__box_rect(nodes, &g[1], 10, 16, r1);
    assert_false(inside(&nodes[4], r0));
    assert_false(inside(&nodes[4], r1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(an_outsider_is_moved_out),
        cmocka_unit_test(the_spot_beside_is_taken),
        cmocka_unit_test(only_the_panel_that_draws_it),
        cmocka_unit_test(two_boxes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
