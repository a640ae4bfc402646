/*
 * test_diff.c: what changed between two snapshots (ent_diff_tables), on a
 * graph built here whose every change was listed by hand. All relations are
 * durable, so no event window is involved:
 *
 *   r1  a support_military b    from 2010            +7.4 on both dates
 *   r2  b cooperates_with c     2010 .. 2018         +6.0 before, gone after
 *   r3  c sanctions d           from 2019            -8.0 after only
 *   r4  d cooperates_with a     2010 .. 2018         +6.0 before
 *   r5  d sanctions a           from 2019            -8.0 after: d->a flips sign
 *   r6  a support_diplomatic c  from 2010            +3.5 before
 *   r7  a support_economic c    from 2020            a->c 3.5 -> 9.9 after: a change of
 *                                                    intensity only, which diff leaves out
 *   r8  e aligned_with a        from 2020            +3.5 after; e exists from 2020
 *   r9  f sanctions b           2012 .. 2016         -8.0 before; f exists until 2016
 *
 * On 2015-06-30: actors a b c d f, edges a->b a->c b->c d->a f->b (5).
 * On 2021-06-30: actors a b c d e, edges a->b a->c c->d d->a e->a (5).
 * Ordered pairs with an edge on either date: ab ac bc cd da ea fb (7); on both:
 * ab ac da (3); the Jaccard similarity is 3/7.
 */
#include <math.h>

#include "test_common.h"

static const char *text =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    " {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    " {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    " {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"},"
    " {\"id\": \"e\", \"name\": \"Eastland\", \"kind\": \"state\", \"from\": \"2020\"},"
    " {\"id\": \"f\", \"name\": \"Farland\", \"kind\": \"state\", \"to\": \"2016\"}],"
    " \"relations\": ["
    " {\"id\": \"r1\", \"source\": \"a\", \"target\": \"b\", \"type\": \"support_military\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r2\", \"source\": \"b\", \"target\": \"c\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\", \"to\": \"2018\"},"
    " {\"id\": \"r3\", \"source\": \"c\", \"target\": \"d\", \"type\": \"sanctions\","
    "  \"from\": \"2019\"},"
    " {\"id\": \"r4\", \"source\": \"d\", \"target\": \"a\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\", \"to\": \"2018\"},"
    " {\"id\": \"r5\", \"source\": \"d\", \"target\": \"a\", \"type\": \"sanctions\","
    "  \"from\": \"2019\"},"
    " {\"id\": \"r6\", \"source\": \"a\", \"target\": \"c\", \"type\": \"support_diplomatic\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r7\", \"source\": \"a\", \"target\": \"c\", \"type\": \"support_economic\","
    "  \"from\": \"2020\"},"
    " {\"id\": \"r8\", \"source\": \"e\", \"target\": \"a\", \"type\": \"aligned_with\","
    "  \"from\": \"2020\"},"
    " {\"id\": \"r9\", \"source\": \"f\", \"target\": \"b\", \"type\": \"sanctions\","
    "  \"from\": \"2012\", \"to\": \"2016\"}]}";

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-9)

static ent_graph *graph;
static ent_view *before, *after;

static int setup(void **state)
{
    (void)state;
    graph = load_string(text);
    before = view_at(graph, "2015-06-30");
    after = view_at(graph, "2021-06-30");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ent_view_free(before);
    ent_view_free(after);
    ent_graph_free(graph);
    return 0;
}

static void edges_formed_dissolved_and_flipped(void **state)
{
    (void)state;
    ent_table *actors, *edges, *summary;
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, before, after), 0);
    assert_string_equal(ent_table_title(edges),
                        "edges formed, dissolved or sign-flipped from 2015-06-30 to 2021-06-30");
    /* By (source, target) in actor order; a->b is unchanged and a->c only
     * grew stronger: neither is listed. */
    static const struct {
        const char *change, *source, *target;
        double before, after;
        const char *relations;
    } want[] = {
        {"dissolved", "b", "c", 6.0, NAN, "r2 cooperates_with 2010..2018"},
        {"formed", "c", "d", NAN, -8.0, "r3 sanctions 2019.."},
        {"sign-flipped", "d", "a", 6.0, -8.0, "r5 sanctions 2019.."},
        {"formed", "e", "a", NAN, 3.5, "r8 aligned_with 2020.."},
        {"dissolved", "f", "b", -8.0, NAN, "r9 sanctions 2012..2016"},
    };
    assert_int_equal(ent_table_row_count(edges), 5);
    for (size_t r = 0; r < 5; r++) {
        assert_string_equal(sval(edges, r, "change"), want[r].change);
        assert_string_equal(sval(edges, r, "source"), want[r].source);
        assert_string_equal(sval(edges, r, "target"), want[r].target);
        double wb = rval(edges, r, "weight_before"), wa = rval(edges, r, "weight_after");
        if (isnan(want[r].before))
            assert_true(isnan(wb));
        else
            CLOSE(wb, want[r].before);
        if (isnan(want[r].after))
            assert_true(isnan(wa));
        else
            CLOSE(wa, want[r].after);
        assert_string_equal(sval(edges, r, "relations"), want[r].relations);
    }
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
}

static void actors_that_came_and_went(void **state)
{
    (void)state;
    ent_table *actors, *edges, *summary;
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, before, after), 0);
    assert_int_equal(ent_table_row_count(actors), 2);
    assert_string_equal(sval(actors, 0, "change"), "appeared");
    assert_string_equal(sval(actors, 0, "actor"), "e");
    assert_string_equal(sval(actors, 0, "name"), "Eastland");
    assert_string_equal(sval(actors, 1, "change"), "disappeared");
    assert_string_equal(sval(actors, 1, "actor"), "f");
    assert_string_equal(sval(actors, 1, "name"), "Farland");
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
}

static void the_summary_counts(void **state)
{
    (void)state;
    ent_table *actors, *edges, *summary;
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, before, after), 0);
    assert_int_equal(ent_table_row_count(summary), 1);
    assert_int_equal(ival(summary, 0, "actors_before"), 5);
    assert_int_equal(ival(summary, 0, "actors_after"), 5);
    assert_int_equal(ival(summary, 0, "actors_appeared"), 1);
    assert_int_equal(ival(summary, 0, "actors_disappeared"), 1);
    assert_int_equal(ival(summary, 0, "edges_before"), 5);
    assert_int_equal(ival(summary, 0, "edges_after"), 5);
    assert_int_equal(ival(summary, 0, "edges_formed"), 2);
    assert_int_equal(ival(summary, 0, "edges_dissolved"), 2);
    assert_int_equal(ival(summary, 0, "edges_sign_flipped"), 1);
    CLOSE(rval(summary, 0, "edge_jaccard"), 3.0 / 7.0);
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
}

/* Backwards, the same changes mirrored: formed and dissolved swap, the flip
 * stays a flip, the actors swap. */
static void backwards_mirrors_the_changes(void **state)
{
    (void)state;
    ent_table *actors, *edges, *summary;
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, after, before), 0);
    const char *kinds[] = {"formed", "dissolved", "sign-flipped", "dissolved", "formed"};
    assert_int_equal(ent_table_row_count(edges), 5);
    for (size_t r = 0; r < 5; r++)
        assert_string_equal(sval(edges, r, "change"), kinds[r]);
    CLOSE(rval(edges, 2, "weight_before"), -8.0);
    CLOSE(rval(edges, 2, "weight_after"), 6.0);
    assert_string_equal(sval(actors, 0, "change"), "disappeared");
    assert_string_equal(sval(actors, 0, "actor"), "e");
    assert_string_equal(sval(actors, 1, "change"), "appeared");
    assert_string_equal(sval(actors, 1, "actor"), "f");
    CLOSE(rval(summary, 0, "edge_jaccard"), 3.0 / 7.0);
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
}

/* A view against itself: nothing changed, and the edge sets are the same
 * (Jaccard 1). Two dates without any edge: also 1, by definition. */
static void nothing_changed(void **state)
{
    (void)state;
    ent_table *actors, *edges, *summary;
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, after, after), 0);
    assert_int_equal(ent_table_row_count(actors), 0);
    assert_int_equal(ent_table_row_count(edges), 0);
    assert_int_equal(ival(summary, 0, "edges_formed"), 0);
    CLOSE(rval(summary, 0, "edge_jaccard"), 1.0);
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
    ent_view *v1 = view_at(graph, "2000"), *v2 = view_at(graph, "2005");
    assert_int_equal(ent_view_edge_count(v1), 0);
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, v1, v2), 0);
    assert_int_equal(ival(summary, 0, "edges_before"), 0);
    CLOSE(rval(summary, 0, "edge_jaccard"), 1.0);
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
    ent_view_free(v1);
    ent_view_free(v2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edges_formed_dissolved_and_flipped),
        cmocka_unit_test(actors_that_came_and_went),
        cmocka_unit_test(the_summary_counts),
        cmocka_unit_test(backwards_mirrors_the_changes),
        cmocka_unit_test(nothing_changed),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
