/*
 * test_influence.c: every metric of the influence table (ent_influence_table)
 * on a star and on a chain, each value computed by hand from the definitions
 * in docs/analyses.md. Every relation is support_military (+7.4, durable,
 * "provides": the target relies on the source with 7.4).
 *
 * Star: h supports l1, l2 and l3.
 *   leverage     h: three clients, each relying on h alone: 3 x 7.4 = 22.2
 *   cooperation  PageRank (damping 0.85) with each edge reversed, leaf -> h;
 *   rank         h has no out-edge and spreads its rank evenly over all 4:
 *                L = 0.15/4 + 0.85 H/4 and H + 3L = 1 give H = 71/131,
 *                L = 20/131
 *   pressure     no hostile edge: every actor dangles, 1/4 each
 *   pos_in/out   leaves receive 7.4; h gives 22.2
 *   betweenness  0: no leaf reaches another
 *   pn           PN = (I - A/(2n - 2))^-1 1 with n = 4, A the star's adjacency:
 *                H - 3L/6 = 1 and L - H/6 = 1 give H = 18/11, L = 14/11
 *
 * Chain: a supports b, b supports c, c supports d.
 *   leverage     a, b, c: one client each relying on them alone, 7.4; d: 0
 *   cooperation  edges b -> a, c -> b, d -> c; a dangles:
 *   rank         D = 0.0375 + 0.2125 A, C = 0.0375 + 0.85 D + 0.2125 A,
 *                B = 0.0375 + 0.85 C + 0.2125 A, A = 0.0375 + 0.85 B + 0.2125 A:
 *                A = 25493/68873, B = 20580/68873, C = 14800/68873, D = 8000/68873
 *   betweenness  b lies on a-c and a-d, c on a-d and b-d: 2 each; a, d: 0
 *   pn           ends E - M/6 = 1, middle M - (E + M)/6 = 1: E = 36/29, M = 42/29
 */
#include <math.h>

#include "test_common.h"

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-9)
/* PageRank and the PN index are found by iteration: to 1e-7. */
#define NEAR(x, y) assert_true(fabs((x) - (y)) < 1e-7)

static const char *star =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"h\", \"name\": \"Hub\", \"kind\": \"state\"},"
    " {\"id\": \"l1\", \"name\": \"L1\", \"kind\": \"state\"},"
    " {\"id\": \"l2\", \"name\": \"L2\", \"kind\": \"state\"},"
    " {\"id\": \"l3\", \"name\": \"L3\", \"kind\": \"state\"}],"
    " \"relations\": ["
    " {\"source\": \"h\", \"target\": \"l1\", \"type\": \"support_military\", \"from\": \"2010\"},"
    " {\"source\": \"h\", \"target\": \"l2\", \"type\": \"support_military\", \"from\": \"2010\"},"
    " {\"source\": \"h\", \"target\": \"l3\", \"type\": \"support_military\", \"from\": \"2010\"}"
    "]}";

static const char *chain =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    " {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    " {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    " {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"}],"
    " \"relations\": ["
    " {\"source\": \"a\", \"target\": \"b\", \"type\": \"support_military\", \"from\": \"2010\"},"
    " {\"source\": \"b\", \"target\": \"c\", \"type\": \"support_military\", \"from\": \"2010\"},"
    " {\"source\": \"c\", \"target\": \"d\", \"type\": \"support_military\", \"from\": \"2010\"}"
    "]}";

typedef struct expected {
    const char *actor;
    double leverage, cooperation_rank, pressure, pos_in, pos_out, betweenness, pn;
} expected;

/* Checks row r of t against e: every metric (the hostile ones are 0 here). */
static void check_row(const ent_table *t, size_t r, const expected *e)
{
    assert_int_equal(ival(t, r, "rank"), (long long)r + 1);
    assert_string_equal(sval(t, r, "actor"), e->actor);
    CLOSE(rval(t, r, "leverage"), e->leverage);
    NEAR(rval(t, r, "cooperation_rank"), e->cooperation_rank);
    NEAR(rval(t, r, "pressure"), e->pressure);
    CLOSE(rval(t, r, "pos_in"), e->pos_in);
    CLOSE(rval(t, r, "pos_out"), e->pos_out);
    CLOSE(rval(t, r, "neg_in"), 0);
    CLOSE(rval(t, r, "neg_out"), 0);
    CLOSE(rval(t, r, "net_stance"), e->pos_in);
    CLOSE(rval(t, r, "betweenness"), e->betweenness);
    NEAR(rval(t, r, "pn"), e->pn);
}

static void a_star_by_leverage(void **state)
{
    (void)state;
    ent_graph *g = load_string(star);
    ent_view *v = view_at(g, "2020-06-30");
    ent_table *t = NULL;
    assert_int_equal(ent_influence_table(&t, v, NULL), 0); /* NULL: by leverage */
    assert_string_equal(ent_table_title(t), "influence on 2020-06-30, by leverage");
    assert_string_equal(sval(t, 0, "name"), "Hub");
    const double H = 71.0 / 131, L = 20.0 / 131;
    const expected want[] = {
        {"h", 22.2, H, 0.25, 0, 22.2, 0, 18.0 / 11},
        {"l1", 0, L, 0.25, 7.4, 0, 0, 14.0 / 11}, /* equal values: in actor order */
        {"l2", 0, L, 0.25, 7.4, 0, 0, 14.0 / 11},
        {"l3", 0, L, 0.25, 7.4, 0, 0, 14.0 / 11},
    };
    assert_int_equal(ent_table_row_count(t), 4);
    for (size_t r = 0; r < 4; r++)
        check_row(t, r, &want[r]);
    assert_int_equal(ent_table_column_index(t, "bloc"), -1);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

static void a_chain_by_betweenness(void **state)
{
    (void)state;
    ent_graph *g = load_string(chain);
    ent_view *v = view_at(g, "2020-06-30");
    ent_influence_options o = ENT_INFLUENCE_OPTIONS_INIT;
    o.metric = ENT_METRIC_BETWEENNESS;
    ent_table *t = NULL;
    assert_int_equal(ent_influence_table(&t, v, &o), 0);
    assert_string_equal(ent_table_title(t), "influence on 2020-06-30, by betweenness");
    const double N = 68873;
    const expected want[] = {
        {"b", 7.4, 20580 / N, 0.25, 7.4, 7.4, 2, 42.0 / 29},
        {"c", 7.4, 14800 / N, 0.25, 7.4, 7.4, 2, 42.0 / 29},
        {"a", 7.4, 25493 / N, 0.25, 0, 7.4, 0, 36.0 / 29},
        {"d", 0, 8000 / N, 0.25, 7.4, 0, 0, 36.0 / 29},
    };
    assert_int_equal(ent_table_row_count(t), 4);
    for (size_t r = 0; r < 4; r++)
        check_row(t, r, &want[r]);
    ent_table_free(t);

    /* By cooperation rank, the top two: a, then b. */
    o.metric = ENT_METRIC_COOPERATION_RANK;
    o.top = 2;
    assert_int_equal(ent_influence_table(&t, v, &o), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(sval(t, 0, "actor"), "a");
    assert_string_equal(sval(t, 1, "actor"), "b");
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

/* With the actors' blocs given, a last column shows them, row by row. */
static void the_bloc_column(void **state)
{
    (void)state;
    ent_graph *g = load_string(chain);
    ent_view *v = view_at(g, "2020-06-30");
    const uint32_t bloc[] = {2, 1, 1, 0};
    ent_influence_options o = ENT_INFLUENCE_OPTIONS_INIT;
    o.metric = ENT_METRIC_PN;
    o.bloc = bloc;
    ent_table *t = NULL;
    assert_int_equal(ent_influence_table(&t, v, &o), 0);
    assert_int_equal(ent_table_column_index(t, "bloc"), (long)ent_table_column_count(t) - 1);
    /* By PN: the middle b and c (42/29), then the ends a and d (36/29). */
    const char *order[] = {"b", "c", "a", "d"};
    const long long blocs[] = {1, 1, 2, 0};
    for (size_t r = 0; r < 4; r++) {
        assert_string_equal(sval(t, r, "actor"), order[r]);
        assert_int_equal(ival(t, r, "bloc"), blocs[r]);
    }
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_star_by_leverage),
        cmocka_unit_test(a_chain_by_betweenness),
        cmocka_unit_test(the_bloc_column),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
