/*
 * test_metrics.c: the metrics against values computed independently of this
 * code: the reference values in NetworkX's test suite (PageRank on the
 * Langville-Meyer graph, the undirected star; betweenness of the Krackhardt
 * kite) and hand computation (the PN index, strengths, aggregation).
 */
#include <math.h>

#include "test_common.h"

#include "passes/cache.h"

#define CLOSE(a, b, tol) assert_true(fabs((a) - (b)) < (tol))

static void pagerank_langville_meyer(void **state)
{
    (void)state;
    /* NetworkX test_pagerank: nodes 1..6 as 0..5, damping 0.9; node 2 dangles. */
    uint32_t from[] = {0, 0, 2, 2, 2, 3, 3, 4, 4, 5};
    uint32_t to[] = {1, 2, 0, 1, 4, 4, 5, 3, 5, 3};
    double pr[6];
    const double want[] = {0.03721197, 0.05395735, 0.04150565, 0.37508082, 0.20599833, 0.28624589};
    assert_int_equal(ent_pagerank(6, from, to, NULL, 10, 1, 0.9, pr), 0);
    for (int i = 0; i < 6; i++)
        CLOSE(pr[i], want[i], 1e-6);
}

static void pagerank_undirected_star(void **state)
{
    (void)state;
    uint32_t from[10], to[10];
    for (uint32_t i = 0; i < 10; i++) {
        from[i] = 0;
        to[i] = i + 1;
    }
    double pr[11];
    assert_int_equal(ent_pagerank(11, from, to, NULL, 10, 0, 0.85, pr), 0);
    CLOSE(pr[0], 0.46683, 1e-5);
    for (int i = 1; i < 11; i++)
        CLOSE(pr[i], 0.053317, 1e-6);
}

static void betweenness_krackhardt_kite(void **state)
{
    (void)state;
    /* NetworkX's krackhardt_kite_graph, each undirected edge once. */
    const uint32_t adj[][2] = {{0, 1}, {0, 2}, {0, 3}, {0, 5}, {1, 3}, {1, 4},
                               {1, 6}, {2, 3}, {2, 5}, {3, 4}, {3, 5}, {3, 6},
                               {4, 6}, {5, 6}, {5, 7}, {6, 7}, {7, 8}, {8, 9}};
    uint32_t from[18], to[18];
    for (int i = 0; i < 18; i++) {
        from[i] = adj[i][0];
        to[i] = adj[i][1];
    }
    double b[10];
    const double want[] = {0.833, 0.833, 0, 3.667, 0, 8.333, 8.333, 14.0, 8.0, 0};
    assert_int_equal(ent_betweenness(10, from, to, 18, 0, b), 0);
    for (int i = 0; i < 10; i++)
        CLOSE(b[i], want[i], 1e-3);
}

static void pn_index_by_hand(void **state)
{
    (void)state;
    /* a-b positive, b-c negative; n = 3, so A / 4 with A = P - 2N. Solving
     * (I - A/4) x = 1 by hand gives x = (14/11, 12/11, 5/11). */
    uint32_t from[] = {0, 1}, to[] = {1, 2};
    int sign[] = {1, -1};
    double pn[3];
    assert_int_equal(ent_pn_index(3, from, to, sign, 2, pn), 0);
    CLOSE(pn[0], 14.0 / 11, 1e-9);
    CLOSE(pn[1], 12.0 / 11, 1e-9);
    CLOSE(pn[2], 5.0 / 11, 1e-9);
}

/* A graph for the snapshot rules. Day numbers: 2022-01-01 .. 2022-12-31. */
static const char *timeline =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},\n"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},\n"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\", \"from\": \"2022-06\"}],\n"
    " \"relations\": [\n"
    "  {\"id\": \"ends\", \"source\": \"a\", \"target\": \"b\", \"type\": \"partner_of\", "
    "\"from\": \"2020\", \"to\": \"2022-06-14\"},\n"
    "  {\"id\": \"starts\", \"source\": \"b\", \"target\": \"a\", \"type\": \"sanctions\", "
    "\"from\": \"2022-06-16\"},\n"
    "  {\"id\": \"open\", \"source\": \"a\", \"target\": \"c\", \"type\": \"aligned_with\", "
    "\"from\": \"2022-06\"},\n"
    "  {\"id\": \"month\", \"source\": \"b\", \"target\": \"a\", \"type\": \"criticizes\", "
    "\"at\": \"2021-06\"},\n"
    "  {\"id\": \"praise\", \"source\": \"b\", \"target\": \"a\", \"type\": \"praise\", "
    "\"at\": \"2022-06-05\"},\n"
    "  {\"id\": \"claim\", \"source\": \"c\", \"target\": \"b\", \"type\": \"attacks\", "
    "\"at\": \"2022-06-10\", \"status\": \"claimed\", \"claimed_by\": \"b\"}\n"
    " ]}";

static ent_graph *load_timeline(void)
{
    ent_load_input in = {"t.json", timeline, strlen(timeline)};
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_graph *g = NULL;
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), 0);
    ent_diags_free(d);
    return g;
}

static ent_view *view_on(const ent_graph *g, const char *date, const ent_view_options *o)
{
    int32_t day;
    assert_int_equal(ent_graph_resolve_when(g, date, &day, NULL), 0);
    ent_view *v;
    assert_int_equal(ent_view_new(&v, g, day, o), 0);
    return v;
}

static int in_force(const ent_view *v, const char *rel)
{
    const ent_graph *g = ent_view_graph(v);
    for (size_t i = 0; i < ent_graph_relation_count(g); i++)
        if (strcmp(ent_graph_relation(g, i)->id, rel) == 0)
            return !isnan(ent_view_relation_weight(v, (uint32_t)i));
    fail_msg("no relation %s", rel);
    return 0;
}

static void durable_interval_edges(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    ent_view *v = view_on(g, "2022-06-14", NULL); /* the last day of "ends" */
    assert_true(in_force(v, "ends"));
    assert_false(in_force(v, "starts"));
    ent_view_free(v);
    v = view_on(g, "2022-06-15", NULL); /* the day after one, the day before the other */
    assert_false(in_force(v, "ends"));
    assert_false(in_force(v, "starts"));
    ent_view_free(v);
    v = view_on(g, "2022-06-16", NULL);
    assert_true(in_force(v, "starts"));
    ent_view_free(v);
    v = view_on(g, "2030", NULL); /* open-ended: still in force */
    assert_true(in_force(v, "open"));
    assert_true(in_force(v, "starts"));
    ent_view_free(v);
    v = view_on(g, "2022-05-31", NULL); /* "from": "2022-06" starts on 06-01 */
    assert_false(in_force(v, "open"));
    assert_false(ent_view_has_actor(v, 2)); /* c exists from 2022-06 */
    ent_view_free(v);
    ent_graph_free(g);
}

static void partial_event_at_the_window_edge(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    /* "2021-06" covers June 2021; a 365-day window ending 2022-06-30 starts
     * 2021-07-01 (one day after), so the event is out; ending 2022-06-29 it
     * starts 2021-06-30, the event's last day, so it is in. */
    ent_view *v = view_on(g, "2022-06-30", NULL);
    assert_false(in_force(v, "month"));
    ent_view_free(v);
    v = view_on(g, "2022-06-29", NULL);
    assert_true(in_force(v, "month"));
    ent_view_free(v);
    /* An event is not counted before it happens. */
    v = view_on(g, "2022-06-04", NULL);
    assert_false(in_force(v, "praise"));
    ent_view_free(v);
    ent_graph_free(g);
}

static void decay_halves_with_age(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    ent_view_options o;
    ent_view_options_init(&o);
    o.half_life_days = 10;
    ent_view *v = view_on(g, "2022-06-25", &o); /* praise is 20 days old: a quarter */
    const ent_relation *r = NULL;
    uint32_t idx = 0;
    for (uint32_t i = 0; i < ent_graph_relation_count(g); i++)
        if (strcmp(ent_graph_relation(g, i)->id, "praise") == 0)
            r = ent_graph_relation(g, idx = i);
    assert_non_null(r);
    CLOSE(ent_view_relation_weight(v, idx), 3.4 / 4, 1e-12);
    ent_view_free(v);
    ent_graph_free(g);
}

static void aggregates_pairs_and_filters_claims(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    /* On 07-05 the window starts 2021-07-06: June 2021's criticism is out. */
    ent_view *v = view_on(g, "2022-07-05", NULL);
    /* b -> a: sanctions (-8.0) and praise (+3.4) in one edge. */
    const ent_edge *e = ent_view_find_edge(v, 1, 0);
    assert_non_null(e);
    CLOSE(e->positive, 3.4, 1e-12);
    CLOSE(e->negative, -8.0, 1e-12);
    CLOSE(e->weight, -4.6, 1e-12);
    assert_int_equal(e->n_relations, 2);
    assert_non_null(ent_view_find_edge(v, 2, 1)); /* the claimed attack */
    ent_view_free(v);

    ent_view_options o;
    ent_view_options_init(&o);
    uint32_t b = 1;
    o.exclude_claims_by = &b;
    o.n_exclude = 1;
    v = view_on(g, "2022-07-05", &o);
    assert_null(ent_view_find_edge(v, 2, 1));
    ent_view_free(v);
    ent_view_options_init(&o);
    o.status_mask = 1u << ENT_STATUS_CONFIRMED;
    v = view_on(g, "2022-07-05", &o);
    assert_int_equal(ent_view_edge_count(v), 0); /* every relation defaults to reported */
    ent_view_free(v);
    ent_graph_free(g);
}

static void strengths_by_hand(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    ent_view *v = view_on(g, "2022-07-05", NULL);
    ent_metrics *m;
    assert_int_equal(ent_metrics_compute(&m, v, 0), 0);
    /* a receives +3.4 and -8.0 from b; gives +3.5 to c (aligned_with). */
    CLOSE(m->values[ENT_METRIC_POS_IN][0], 3.4, 1e-12);
    CLOSE(m->values[ENT_METRIC_NEG_IN][0], 8.0, 1e-12);
    CLOSE(m->values[ENT_METRIC_POS_OUT][0], 3.5, 1e-12);
    CLOSE(m->values[ENT_METRIC_NET_STANCE][0], -4.6, 1e-12);
    CLOSE(m->values[ENT_METRIC_NEG_IN][1], 10.0, 1e-12); /* the attack by c */
    double sum = 0;
    for (int i = 0; i < 3; i++)
        sum += m->values[ENT_METRIC_COOPERATION_RANK][i];
    CLOSE(sum, 1.0, 1e-9);
    ent_metrics_free(m);
    ent_view_free(v);
    ent_graph_free(g);
}

static void explain_is_exact_for_strengths(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    ent_view *a = view_on(g, "2022-06-01", NULL), *b = view_on(g, "2022-07-05", NULL);
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    o.metric = ENT_METRIC_NEG_IN;
    ent_table *t;
    assert_int_equal(ent_explain_table(&t, a, b, 0, &o), 0);
    /* neg_in of a: 2.0 on 06-01 (the window starts 2021-06-02, so June 2021's
     * criticism counts), 8.0 on 07-05 (criticism gone, sanctions in). Only the
     * b -> a edge changes a's neg_in, and for a strength the one-at-a-time
     * contributions add up exactly. The partnership a -> b is symmetric, so
     * it stands behind b -> a too: that edge weighs 6 - 2 = +4 on 06-01 and
     * -8 on 07-05, a change of sign. */
    long c = ent_table_column_index(t, "contribution");
    double sum = 0;
    for (size_t r = 0; r < ent_table_row_count(t); r++)
        sum += ent_table_real(t, r, (size_t)c);
    CLOSE(sum, 8.0 - 2.0, 1e-9);
    assert_string_equal(ent_table_string(t, 0, 0), "sign-flipped");
    assert_string_equal(ent_table_string(t, 0, 1), "b");
    ent_table_free(t);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/* Each (view, metric) is computed once: a second question about the same
 * view copies what the first computed, a new view computes again, and the
 * copies are the caller's own. */
static void metrics_computed_once(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    ent_view *v = view_on(g, "2022-07-05", NULL);
    size_t before = ent__metric_computations();
    ent_metrics *m1, *m2, *m3;
    assert_int_equal(ent_metrics_compute(&m1, v, 1u << ENT_METRIC_POS_IN), 0);
    assert_int_equal(ent__metric_computations() - before, 1);
    assert_int_equal(ent_metrics_compute(&m2, v, 0), 0); /* the nine others */
    assert_int_equal(ent__metric_computations() - before, ENT_METRIC_COUNT_);
    assert_int_equal(ent_metrics_compute(&m3, v, 0), 0); /* nothing new */
    assert_int_equal(ent__metric_computations() - before, ENT_METRIC_COUNT_);
    assert_ptr_not_equal(m2->values[ENT_METRIC_POS_IN], m3->values[ENT_METRIC_POS_IN]);
    CLOSE(m1->values[ENT_METRIC_POS_IN][0], 3.4, 1e-12);
    for (int k = 0; k < ENT_METRIC_COUNT_; k++)
        for (size_t a = 0; a < m2->n_actors; a++)
            assert_memory_equal(&m2->values[k][a], &m3->values[k][a], sizeof(double));
    m3->values[ENT_METRIC_POS_IN][0] = 99; /* a copy: the view's values stay */
    ent_metrics_free(m3);
    assert_int_equal(ent_metrics_compute(&m3, v, 1u << ENT_METRIC_POS_IN), 0);
    CLOSE(m3->values[ENT_METRIC_POS_IN][0], 3.4, 1e-12);
    ent_view *w = view_on(g, "2022-07-05", NULL);
    ent_metrics *m4;
    assert_int_equal(ent_metrics_compute(&m4, w, 1u << ENT_METRIC_POS_IN), 0);
    assert_int_equal(ent__metric_computations() - before, ENT_METRIC_COUNT_ + 1);
    ent_metrics_free(m1);
    ent_metrics_free(m2);
    ent_metrics_free(m3);
    ent_metrics_free(m4);
    ent_view_free(w);
    ent_view_free(v);
    ent_graph_free(g);
}

/* The balance analysis and the commitments of a view are kept too: asking
 * twice gives equal tables, each the caller's own. */
static void tables_asked_twice(void **state)
{
    (void)state;
    ent_graph *g = load_timeline();
    ent_view *v = view_on(g, "2022-07-05", NULL);
    ent_table *s1, *s2, *c1, *c2;
    assert_int_equal(ent_balance_tables(&s1, NULL, NULL, v, NULL), 0);
    assert_int_equal(ent_balance_tables(&s2, NULL, NULL, v, NULL), 0);
    assert_ptr_not_equal(s1, s2);
    assert_int_equal(ent_table_row_count(s1), ent_table_row_count(s2));
    for (size_t c = 0; c < ent_table_column_count(s1); c++) {
        char x[64], y[64];
        ent_table_cell_text(s1, 0, c, x, sizeof x);
        ent_table_cell_text(s2, 0, c, y, sizeof y);
        assert_string_equal(x, y);
    }
    assert_int_equal(ent_commitments_table(&c1, v), 0);
    assert_int_equal(ent_commitments_table(&c2, v), 0);
    assert_ptr_not_equal(c1, c2);
    assert_string_equal(ent_table_title(c1), ent_table_title(c2));
    assert_int_equal(ent_table_row_count(c1), ent_table_row_count(c2));
    assert_int_equal(ent_table_note_count(c1), ent_table_note_count(c2));
    ent_table_free(s1);
    ent_table_free(s2);
    ent_table_free(c1);
    ent_table_free(c2);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pagerank_langville_meyer),
        cmocka_unit_test(pagerank_undirected_star),
        cmocka_unit_test(betweenness_krackhardt_kite),
        cmocka_unit_test(pn_index_by_hand),
        cmocka_unit_test(durable_interval_edges),
        cmocka_unit_test(partial_event_at_the_window_edge),
        cmocka_unit_test(decay_halves_with_age),
        cmocka_unit_test(aggregates_pairs_and_filters_claims),
        cmocka_unit_test(strengths_by_hand),
        cmocka_unit_test(explain_is_exact_for_strengths),
        cmocka_unit_test(metrics_computed_once),
        cmocka_unit_test(tables_asked_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
