/*
 * test_view.c: snapshots (views) and the analyses that compare or walk
 * them (diff, path, influence, shift), on a graph of four invented states small enough to
 * work out by hand:
 *
 *   r1  a allied_with b        from 2000 (durable, symmetric, +8.0)
 *   r2  c attacks a            at 2022-03-01 (event, -10.0)
 *   r3  b support_diplomatic c from 2010 to 2015 (durable, +3.5)
 *   r4  d criticizes c         at 2022-02-15 (event, -2.0)
 *
 * On 2012-06-30: r1 both ways (a->b, b->a), r3 (b->c). On 2022-06-30 (events
 * of the last 365 days count): r1 both ways, r2 (c->a), r4 (d->c); r3 has
 * ended.
 */
#include <math.h>

#include "test_common.h"

static const char *text =
    "{\"format\": \"entente/1\", \"sources\": [{\"id\": \"s\", \"title\": \"invented\"}],"
    " \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    "  {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"}],"
    " \"relations\": ["
    "  {\"id\": \"r1\", \"source\": \"a\", \"target\": \"b\", \"type\": \"allied_with\","
    "   \"from\": \"2000\", \"evidence\": [{\"source\": \"s\"}]},"
    "  {\"id\": \"r2\", \"source\": \"c\", \"target\": \"a\", \"type\": \"attacks\","
    "   \"at\": \"2022-03-01\", \"evidence\": [{\"source\": \"s\"}]},"
    "  {\"id\": \"r3\", \"source\": \"b\", \"target\": \"c\", \"type\": \"support_diplomatic\","
    "   \"from\": \"2010\", \"to\": \"2015\", \"evidence\": [{\"source\": \"s\"}]},"
    "  {\"id\": \"r4\", \"source\": \"d\", \"target\": \"c\", \"type\": \"criticizes\","
    "   \"at\": \"2022-02-15\", \"evidence\": [{\"source\": \"s\"}]}]}";

enum { A, B, C, D };

static ent_graph *load(void)
{
    ent_graph *g = NULL;
    ent_diags *d = NULL;
    assert_int_equal(load_text(text, &g, &d), 0);
    ent_diags_free(d);
    return g;
}

static ent_view *view_on(const ent_graph *g, int y, int m, int day)
{
    ent_date x = {(int16_t)y, (uint8_t)m, (uint8_t)day};
    ent_view *v = NULL;
    assert_int_equal(ent_view_new(&v, g, ent_date_first_day(x), NULL), 0);
    return v;
}

#define CLOSE(x, y) assert_true(fabs((x) - (y)) < 1e-9)

static void edges_in_force(void **state)
{
    (void)state;
    ent_graph *g = load();
    ent_view *v12 = view_on(g, 2012, 6, 30), *v22 = view_on(g, 2022, 6, 30);

    /* 2012: a->b and b->a from the symmetric alliance, b->c from the support. */
    assert_int_equal(ent_view_edge_count(v12), 3);
    const ent_edge *ab = ent_view_find_edge(v12, A, B), *ba = ent_view_find_edge(v12, B, A);
    assert_non_null(ab);
    assert_non_null(ba);
    CLOSE(ab->weight, 8.0);
    CLOSE(ba->weight, 8.0);
    CLOSE(ab->mirrored, 0.0); /* coded a -> b */
    CLOSE(ba->mirrored, 8.0); /* the same relation read the other way */
    CLOSE(ent_view_find_edge(v12, B, C)->weight, 3.5);
    assert_null(ent_view_find_edge(v12, C, A));

    /* 2022: the support has ended; the attack and the criticism count. */
    assert_int_equal(ent_view_edge_count(v22), 4);
    assert_null(ent_view_find_edge(v22, B, C));
    const ent_edge *ca = ent_view_find_edge(v22, C, A);
    CLOSE(ca->weight, -10.0);
    CLOSE(ca->negative, -10.0);
    CLOSE(ca->positive, 0.0);
    CLOSE(ent_view_find_edge(v22, D, C)->weight, -2.0);
    /* Edges come ordered by (source, target). */
    for (size_t i = 1; i < ent_view_edge_count(v22); i++) {
        const ent_edge *p = ent_view_edge(v22, i - 1), *q = ent_view_edge(v22, i);
        assert_true(p->source < q->source || (p->source == q->source && p->target < q->target));
    }
    /* A relation not in force weighs NaN. */
    assert_true(isnan(ent_view_relation_weight(v22, 2)));
    CLOSE(ent_view_relation_weight(v22, 1), -10.0);

    /* A window of 130 days drops the criticism (135 days before the day)
     * but keeps the attack (121 days before): 2022-02-15 .. 06-30 is 135
     * days, 2022-03-01 .. 06-30 is 121. */
    ent_view_options o;
    ent_view_options_init(&o);
    o.window_days = 130;
    ent_view *w = NULL;
    assert_int_equal(ent_view_new(&w, g, ent_view_day(v22), &o), 0);
    assert_null(ent_view_find_edge(w, D, C));
    assert_non_null(ent_view_find_edge(w, C, A));
    ent_view_free(w);

    ent_view_free(v12);
    ent_view_free(v22);
    ent_graph_free(g);
}

/* The row of table t whose column `col` holds s, or -1. */
static long row_with(const ent_table *t, const char *col, const char *s)
{
    long c = ent_table_column_index(t, col);
    assert_true(c >= 0);
    for (size_t r = 0; r < ent_table_row_count(t); r++)
        if (strcmp(ent_table_string(t, r, (size_t)c), s) == 0)
            return (long)r;
    return -1;
}

static void diff_of_two_dates(void **state)
{
    (void)state;
    ent_graph *g = load();
    ent_view *v12 = view_on(g, 2012, 6, 30), *v22 = view_on(g, 2022, 6, 30);
    ent_table *actors = NULL, *edges = NULL, *summary = NULL;
    assert_int_equal(ent_diff_tables(&actors, &edges, &summary, v12, v22), 0);
    /* From 2012 to 2022: b->c dissolved, c->a and d->c formed; the alliance
     * (a->b, b->a) did not change and is not listed. */
    assert_int_equal(ent_table_row_count(edges), 3);
    long ch = ent_table_column_index(edges, "change");
    long src = ent_table_column_index(edges, "source");
    assert_true(ch >= 0 && src >= 0);
    int formed = 0, dissolved = 0;
    for (size_t r = 0; r < ent_table_row_count(edges); r++) {
        const char *what = ent_table_string(edges, r, (size_t)ch);
        const char *from = ent_table_string(edges, r, (size_t)src);
        if (strcmp(what, "formed") == 0) {
            formed++;
            assert_true(strcmp(from, "c") == 0 || strcmp(from, "d") == 0);
        } else {
            assert_string_equal(what, "dissolved");
            assert_string_equal(from, "b");
            dissolved++;
        }
    }
    assert_int_equal(formed, 2);
    assert_int_equal(dissolved, 1);
    assert_int_equal(row_with(edges, "source", "a"), -1);
    ent_table_free(actors);
    ent_table_free(edges);
    ent_table_free(summary);
    ent_view_free(v12);
    ent_view_free(v22);
    ent_graph_free(g);
}

static void signed_paths(void **state)
{
    (void)state;
    ent_graph *g = load();
    ent_view *v22 = view_on(g, 2022, 6, 30);
    ent_table *t = NULL;
    /* d -> c -> a -> b, followed in the edges' direction: the only path, of
     * three steps; its sign is (-)(-)(+) = +. */
    assert_int_equal(ent_path_table(&t, v22, D, B, 0), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(ent_table_string(t, 0, (size_t)ent_table_column_index(t, "sign")),
                        "positive");
    assert_int_equal(ent_table_int(t, 0, (size_t)ent_table_column_index(t, "length")), 3);
    /* Two hostile steps (->) and a cooperative one (+>). */
    assert_string_equal(ent_table_string(t, 0, (size_t)ent_table_column_index(t, "actors")),
                        "d -> c -> a +> b");
    ent_table_free(t);
    /* Nothing leads from b to d. */
    assert_int_equal(ent_path_table(&t, v22, B, D, 0), 0);
    assert_int_equal(ent_table_row_count(t), 0);
    ent_table_free(t);
    ent_view_free(v22);
    ent_graph_free(g);
}

/* Strengths worked out by hand on 2022-06-30: a receives the attack (-10)
 * and the alliance (+8, read from b), c the criticism (-2), b the alliance;
 * betweenness: a lies on c -> b and d -> b, c on d -> a and d -> b. Ranked
 * by neg_in, equal values in file order. */
static void influence_and_shift(void **state)
{
    (void)state;
    ent_graph *g = load();
    ent_view *v12 = view_on(g, 2012, 6, 30), *v22 = view_on(g, 2022, 6, 30);
    ent_influence_options io = ENT_INFLUENCE_OPTIONS_INIT;
    io.metric = ENT_METRIC_NEG_IN;
    ent_table *t = NULL;
    assert_int_equal(ent_influence_table(&t, v22, &io), 0);
    const char *order[] = {"a", "c", "b", "d"};
    const double neg_in[] = {10, 2, 0, 0}, pos_in[] = {8, 0, 8, 0}, between[] = {2, 2, 0, 0};
    assert_int_equal(ent_table_row_count(t), 4);
    for (size_t r = 0; r < 4; r++) {
        assert_string_equal(sval(t, r, "actor"), order[r]);
        CLOSE(rval(t, r, "neg_in"), neg_in[r]);
        CLOSE(rval(t, r, "pos_in"), pos_in[r]);
        CLOSE(rval(t, r, "net_stance"), pos_in[r] - neg_in[r]);
        CLOSE(rval(t, r, "betweenness"), between[r]);
    }
    ent_table_free(t);
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    o.metric = ENT_METRIC_NEG_IN;
    /* From 2012 (nothing hostile) to 2022: a +10 and stays first, c +2 and
     * climbs from third to second past b. */
    assert_int_equal(ent_shift_table(&t, v12, v22, &o), 0);
    assert_string_equal(sval(t, 0, "actor"), "a");
    CLOSE(rval(t, 0, "change"), 10);
    assert_string_equal(sval(t, 1, "actor"), "c");
    CLOSE(rval(t, 1, "change"), 2);
    CLOSE(rval(t, 1, "rank_before"), 3); /* reals: NaN for an actor absent on a date */
    CLOSE(rval(t, 1, "rank_after"), 2);
    ent_table_free(t);
    ent_view_free(v12);
    ent_view_free(v22);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edges_in_force),
        cmocka_unit_test(diff_of_two_dates),
        cmocka_unit_test(signed_paths),
        cmocka_unit_test(influence_and_shift),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
