/*
 * test_explain.c: which changes account for an actor's change of a metric
 * (ent_explain_table), each contribution worked out by hand as the metric on
 * the later date minus the metric with that one change reverted.
 */
#include <math.h>

#include "test_common.h"

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-9)

/* Fails unless one of t's notes is exactly `note`, printing them. */
static void assert_note(const ent_table *t, const char *note)
{
    if (has_note(t, note))
        return;
    for (size_t i = 0; i < ent_table_note_count(t); i++)
        print_error("note: %s\n", ent_table_note(t, i));
    fail_msg("no note \"%s\"", note);
}

/*
 * Leverage (docs/analyses.md, "Leverage": per client, its reliance on the
 * patron times the share of its reliance that falls on the patron, summed).
 *
 *   r1  p support_military c  from 2010   c relies 7.4 on p
 *   r2  q support_military c  from 2020   c relies 7.4 on q
 *   r3  p support_economic d  from 2020   d relies 6.4 on p
 *
 * p's leverage in 2015: 7.4 x 1 = 7.4. In 2021: 7.4 x 7.4/14.8 + 6.4 x 1 =
 * 3.7 + 6.4 = 10.1, a change of +2.7. Reverting p -> d leaves 3.7: it
 * contributes 10.1 - 3.7 = +6.4. Reverting q -> c gives p back all of c's
 * reliance, 7.4 + 6.4 = 13.8: it contributes 10.1 - 13.8 = -3.7, although it
 * does not touch p. The clients are independent, so the contributions add up
 * to the change: 6.4 - 3.7 = 2.7.
 */
static const char *patrons =
    "{\"format\": \"entente/1\", \"sources\": [{\"id\": \"s\", \"title\": \"S\"}],"
    " \"actors\": ["
    " {\"id\": \"p\", \"name\": \"P\", \"kind\": \"state\"},"
    " {\"id\": \"q\", \"name\": \"Q\", \"kind\": \"state\"},"
    " {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    " {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"}],"
    " \"relations\": ["
    " {\"id\": \"r1\", \"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\","
    "  \"from\": \"2010\", \"evidence\": [{\"source\": \"s\", \"locator\": \"p. 1\"}]},"
    " {\"id\": \"r2\", \"source\": \"q\", \"target\": \"c\", \"type\": \"support_military\","
    "  \"from\": \"2020\", \"evidence\": [{\"source\": \"s\", \"locator\": \"p. 2\"}]},"
    " {\"id\": \"r3\", \"source\": \"p\", \"target\": \"d\", \"type\": \"support_economic\","
    "  \"from\": \"2020\", \"evidence\": [{\"source\": \"s\", \"note\": \"a loan\"}]}]}";

static void contributions_to_leverage(void **state)
{
    (void)state;
    ent_graph *g = load_string(patrons);
    ent_view *a = view_at(g, "2015-06-30"), *b = view_at(g, "2021-06-30");
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    o.metric = ENT_METRIC_LEVERAGE;
    ent_table *t = NULL;
    assert_int_equal(ent_explain_table(&t, a, b, 0 /* p */, &o), 0);
    assert_string_equal(ent_table_title(t), "changes that explain the shift of leverage of p "
                                            "from 2015-06-30 to 2021-06-30");
    assert_int_equal(ent_table_row_count(t), 2);
    /* Largest contribution first. */
    assert_string_equal(sval(t, 0, "change"), "formed");
    assert_string_equal(sval(t, 0, "source"), "p");
    assert_string_equal(sval(t, 0, "target"), "d");
    assert_true(isnan(rval(t, 0, "weight_before")));
    CLOSE(rval(t, 0, "weight_after"), 6.4);
    CLOSE(rval(t, 0, "contribution"), 6.4);
    assert_string_equal(sval(t, 0, "relations"), "r3 support_economic 2020..");
    assert_string_equal(sval(t, 0, "evidence"), "s: a loan");
    assert_string_equal(sval(t, 1, "change"), "formed");
    assert_string_equal(sval(t, 1, "source"), "q");
    assert_string_equal(sval(t, 1, "target"), "c");
    CLOSE(rval(t, 1, "contribution"), -3.7);
    assert_string_equal(sval(t, 1, "relations"), "r2 support_military 2020..");
    assert_string_equal(sval(t, 1, "evidence"), "s (p. 2)");
    assert_note(t, "leverage of p: 7.400 on 2015-06-30, 10.100 on 2021-06-30, a change of "
                   "2.700; the contributions listed add up to 2.700, leaving 0.000 that comes "
                   "from changes acting together");
    ent_table_free(t);

    /* --top 1 keeps the largest. */
    o.top = 1;
    assert_int_equal(ent_explain_table(&t, a, b, 0, &o), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "target"), "d");
    ent_table_free(t);

    /* Nothing changed from a date to itself: no row, a change of 0. */
    o.top = 0;
    assert_int_equal(ent_explain_table(&t, b, b, 0, &o), 0);
    assert_int_equal(ent_table_row_count(t), 0);
    assert_note(t, "leverage of p: 10.100 on 2021-06-30, 10.100 on 2021-06-30, a change of "
                   "0.000; the contributions listed add up to 0.000, leaving 0.000 that comes "
                   "from changes acting together");
    ent_table_free(t);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/*
 * Betweenness (directed, unweighted): changes that matter only together.
 * In 2015 only x +> y; from 2020 a +> b and b +> c. In 2021 b lies on the one
 * shortest path from a to c: betweenness 1, up from 0. With either new edge
 * reverted there is no path through b: each contributes 1 - 0 = 1. The
 * contributions add up to 2 for a change of 1, and the note says that -1
 * comes from the changes acting together. Equal contributions: in the order
 * of their source, a -> b first.
 */
static const char *chain =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    " {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    " {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    " {\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},"
    " {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"state\"}],"
    " \"relations\": ["
    " {\"id\": \"xy\", \"source\": \"x\", \"target\": \"y\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"ab\", \"source\": \"a\", \"target\": \"b\", \"type\": \"cooperates_with\","
    "  \"from\": \"2020\"},"
    " {\"id\": \"bc\", \"source\": \"b\", \"target\": \"c\", \"type\": \"cooperates_with\","
    "  \"from\": \"2020\"}]}";

static void changes_acting_together(void **state)
{
    (void)state;
    ent_graph *g = load_string(chain);
    ent_view *a = view_at(g, "2015-06-30"), *b = view_at(g, "2021-06-30");
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    o.metric = ENT_METRIC_BETWEENNESS;
    ent_table *t = NULL;
    assert_int_equal(ent_explain_table(&t, a, b, 1 /* b */, &o), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(sval(t, 0, "source"), "a");
    assert_string_equal(sval(t, 0, "target"), "b");
    CLOSE(rval(t, 0, "contribution"), 1.0);
    assert_string_equal(sval(t, 1, "source"), "b");
    assert_string_equal(sval(t, 1, "target"), "c");
    CLOSE(rval(t, 1, "contribution"), 1.0);
    assert_note(t, "betweenness of b: 0.00 on 2015-06-30, 1.00 on 2021-06-30, a change of "
                   "1.00; the contributions listed add up to 2.00, leaving -1.00 that comes "
                   "from changes acting together");
    ent_table_free(t);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/*
 * A change of intensity, named with the relations before and after. k has
 * sanctioned m since 2010 (-8.0); from 2020 it also blockades m (-9.5), so
 * the edge k -> m goes from -8.0 to -17.5 and m's neg_in rises by 9.5, all of
 * it from that one change.
 */
static const char *pressure =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"k\", \"name\": \"K\", \"kind\": \"state\"},"
    " {\"id\": \"m\", \"name\": \"M\", \"kind\": \"state\"}],"
    " \"relations\": ["
    " {\"id\": \"s1\", \"source\": \"k\", \"target\": \"m\", \"type\": \"sanctions\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"s2\", \"source\": \"k\", \"target\": \"m\", \"type\": \"blockades\","
    "  \"from\": \"2020\"}]}";

static void a_change_of_intensity(void **state)
{
    (void)state;
    ent_graph *g = load_string(pressure);
    ent_view *a = view_at(g, "2015-06-30"), *b = view_at(g, "2021-06-30");
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    o.metric = ENT_METRIC_NEG_IN;
    ent_table *t = NULL;
    assert_int_equal(ent_explain_table(&t, a, b, 1 /* m */, &o), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "change"), "intensity");
    CLOSE(rval(t, 0, "weight_before"), -8.0);
    CLOSE(rval(t, 0, "weight_after"), -17.5);
    CLOSE(rval(t, 0, "contribution"), 9.5);
    assert_string_equal(sval(t, 0, "relations"),
                        "s1 sanctions 2010..; s2 blockades 2020.. (before: s1 sanctions 2010..)");
    assert_note(t, "neg_in of m: 8.00 on 2015-06-30, 17.50 on 2021-06-30, a change of 9.50; "
                   "the contributions listed add up to 9.50, leaving 0.00 that comes from "
                   "changes acting together");
    ent_table_free(t);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(contributions_to_leverage),
        cmocka_unit_test(changes_acting_together),
        cmocka_unit_test(a_change_of_intensity),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
