/*
 * test_shift.c: how a metric changed per actor (ent_shift_table), with the
 * ranks on both dates, worked out by hand. The metric is pos_in (the sum of
 * the positive weights an actor receives), which a reader can add up:
 *
 *   r1  p support_military q    2010 .. 2018   +7.4
 *   r2  r support_diplomatic q  from 2010      +3.5
 *   r3  q support_political s   2010 .. 2018   +3.4
 *   r4  s cooperates_with r     from 2010      +6.0
 *   r5  q support_economic p    from 2019      +6.4
 *   r6  s support_military p    from 2020      +7.4
 *   r7  t sanctions s           from 2020      -8.0 (t exists from 2020)
 *
 *            pos_in 2015  rank   pos_in 2021  rank   change   move
 *   p            0          4       13.8        1     +13.8     +3
 *   q           10.9        1        3.5        3      -7.4     -2
 *   r            6.0        2        6.0        2       0        0
 *   s            3.4        3        0          4      -3.4     -1
 *   t          (absent)              0          5       0      (none)
 *
 * Rows by the size of the change, largest first, then in actor order: p, q,
 * s, r, t. Equal values rank in actor order (s before t in 2021).
 */
#include <math.h>

#include "test_common.h"

static const char *text =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"p\", \"name\": \"P\", \"kind\": \"state\"},"
    " {\"id\": \"q\", \"name\": \"Q\", \"kind\": \"state\"},"
    " {\"id\": \"r\", \"name\": \"R\", \"kind\": \"state\"},"
    " {\"id\": \"s\", \"name\": \"S\", \"kind\": \"state\"},"
    " {\"id\": \"t\", \"name\": \"T\", \"kind\": \"state\", \"from\": \"2020\"}],"
    " \"relations\": ["
    " {\"source\": \"p\", \"target\": \"q\", \"type\": \"support_military\","
    "  \"from\": \"2010\", \"to\": \"2018\"},"
    " {\"source\": \"r\", \"target\": \"q\", \"type\": \"support_diplomatic\", \"from\": \"2010\"},"
    " {\"source\": \"q\", \"target\": \"s\", \"type\": \"support_political\","
    "  \"from\": \"2010\", \"to\": \"2018\"},"
    " {\"source\": \"s\", \"target\": \"r\", \"type\": \"cooperates_with\", \"from\": \"2010\"},"
    " {\"source\": \"q\", \"target\": \"p\", \"type\": \"support_economic\", \"from\": \"2019\"},"
    " {\"source\": \"s\", \"target\": \"p\", \"type\": \"support_military\", \"from\": \"2020\"},"
    " {\"source\": \"t\", \"target\": \"s\", \"type\": \"sanctions\", \"from\": \"2020\"}]}";

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-9)

static void ranks_and_changes_by_hand(void **state)
{
    (void)state;
    ent_graph *g = load_string(text);
    ent_view *a = view_at(g, "2015-06-30"), *b = view_at(g, "2021-06-30");
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    o.metric = ENT_METRIC_POS_IN;
    ent_table *t = NULL;
    assert_int_equal(ent_shift_table(&t, a, b, &o), 0);
    assert_string_equal(ent_table_title(t), "shift of pos_in from 2015-06-30 to 2021-06-30");
    static const struct {
        const char *actor;
        double before, after, change, rank_before, rank_after, move;
    } want[] = {
        {"p", 0, 13.8, 13.8, 4, 1, 3}, {"q", 10.9, 3.5, -7.4, 1, 3, -2},
        {"s", 3.4, 0, -3.4, 3, 4, -1}, {"r", 6.0, 6.0, 0, 2, 2, 0},
        {"t", NAN, 0, 0, NAN, 5, NAN},
    };
    assert_int_equal(ent_table_row_count(t), 5);
    for (size_t r = 0; r < 5; r++) {
        assert_string_equal(sval(t, r, "actor"), want[r].actor);
        const char *cols[] = {"before",      "after",      "change",
                              "rank_before", "rank_after", "rank_move"};
        const double vals[] = {want[r].before,      want[r].after,      want[r].change,
                               want[r].rank_before, want[r].rank_after, want[r].move};
        for (size_t c = 0; c < 6; c++) {
            double got = rval(t, r, cols[c]);
            if (isnan(vals[c])) {
                if (!isnan(got))
                    fail_msg("%s %s: %g, expected NaN", want[r].actor, cols[c], got);
            } else if (fabs(got - vals[c]) > 1e-9) {
                fail_msg("%s %s: %g, expected %g", want[r].actor, cols[c], got, vals[c]);
            }
        }
    }
    ent_table_free(t);

    /* --top 2: the two largest changes, with the same ranks. */
    o.top = 2;
    assert_int_equal(ent_shift_table(&t, a, b, &o), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(sval(t, 0, "actor"), "p");
    assert_string_equal(sval(t, 1, "actor"), "q");
    CLOSE(rval(t, 1, "rank_before"), 1);
    CLOSE(rval(t, 1, "rank_after"), 3);
    ent_table_free(t);

    /* Backwards, every change changes sign and the ranks swap dates. */
    o.top = 0;
    assert_int_equal(ent_shift_table(&t, b, a, &o), 0);
    assert_string_equal(sval(t, 0, "actor"), "p");
    CLOSE(rval(t, 0, "change"), -13.8);
    CLOSE(rval(t, 0, "rank_before"), 1);
    CLOSE(rval(t, 0, "rank_after"), 4);
    CLOSE(rval(t, 0, "rank_move"), -3);
    ent_table_free(t);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/*
 * A few rows of many take another road (the rows are selected, then each
 * one's rank counted) than the whole table (every actor sorted): both must
 * give the ranks worked out by hand. Hub h and leaves l1 .. l69, none
 * related in 2015; from 2020 h supports each leaf, militarily (+7.4) the odd
 * ones, diplomatically (+3.5) the even ones. In 2015 everybody's pos_in is 0
 * and ranks follow actor order: l1 is 2nd, l3 4th. In 2021 the odd leaves
 * come first, in order: l1 1st, l3 2nd. The largest changes are the odd
 * leaves' +7.4, l1 and l3 first.
 */
static void ranks_of_a_few_rows_among_many(void **state)
{
    (void)state;
    enum { LEAVES = 69 };
    size_t cap = 200 * (LEAVES + 1);
    char *doc = malloc(cap);
    assert_non_null(doc);
    size_t len = (size_t)snprintf(doc, cap,
                                  "{\"format\": \"entente/1\", \"actors\": [{\"id\": \"h\", "
                                  "\"name\": \"H\", \"kind\": \"state\"}");
    for (int i = 1; i <= LEAVES; i++)
        len +=
            (size_t)snprintf(doc + len, cap - len,
                             ", {\"id\": \"l%d\", \"name\": \"L%d\", \"kind\": \"state\"}", i, i);
    len += (size_t)snprintf(doc + len, cap - len, "], \"relations\": [");
    for (int i = 1; i <= LEAVES; i++)
        len += (size_t)snprintf(doc + len, cap - len,
                                "%s{\"source\": \"h\", \"target\": \"l%d\", \"type\": \"%s\", "
                                "\"from\": \"2020\"}",
                                i > 1 ? ", " : "", i,
                                i % 2 ? "support_military" : "support_diplomatic");
    snprintf(doc + len, cap - len, "]}");
    ent_graph *g = load_string(doc);
    free(doc);
    ent_view *a = view_at(g, "2015-06-30"), *b = view_at(g, "2021-06-30");
    /* 2 rows of 70: fewer than one in 32, the selecting road; 0: every row. */
    for (size_t top = 2;; top = 0) {
        ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
        o.metric = ENT_METRIC_POS_IN;
        o.top = top;
        ent_table *t = NULL;
        assert_int_equal(ent_shift_table(&t, a, b, &o), 0);
        assert_int_equal(ent_table_row_count(t), top ? 2 : LEAVES + 1);
        assert_string_equal(sval(t, 0, "actor"), "l1");
        CLOSE(rval(t, 0, "change"), 7.4);
        CLOSE(rval(t, 0, "rank_before"), 2);
        CLOSE(rval(t, 0, "rank_after"), 1);
        CLOSE(rval(t, 0, "rank_move"), 1);
        assert_string_equal(sval(t, 1, "actor"), "l3");
        CLOSE(rval(t, 1, "rank_before"), 4);
        CLOSE(rval(t, 1, "rank_after"), 2);
        CLOSE(rval(t, 1, "rank_move"), 2);
        if (!top) {
            /* Last: the hub, which receives nothing on either date: 1st in
             * 2015, and after the 69 leaves in 2021. */
            size_t last = ent_table_row_count(t) - 1;
            assert_string_equal(sval(t, last, "actor"), "h");
            CLOSE(rval(t, last, "change"), 0);
            CLOSE(rval(t, last, "rank_before"), 1);
            CLOSE(rval(t, last, "rank_after"), 70);
        }
        ent_table_free(t);
        if (!top)
            break;
    }
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(ranks_and_changes_by_hand),
        cmocka_unit_test(ranks_of_a_few_rows_among_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
