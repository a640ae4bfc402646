/*
 * test_path.c: the shortest signed paths (ent_path_table) on graphs built
 * here, each answer worked out by hand:
 *
 *   r1  a support_military b  (+7.4)     r5  a cooperates_with e  (+6.0)
 *   r2  b sanctions d         (-8.0)     r6  e cooperates_with f  (+6.0)
 *   r3  a sanctions c         (-8.0)     r7  f cooperates_with d  (+6.0)
 *   r4  c sanctions d         (-8.0)     r8  x part_of y          (weight 0)
 *
 * all durable, from 2010. From a to d there are two paths of two steps,
 * a +> b -> d (negative) and a -> c -> d (positive: two hostile steps), and a
 * longer one through e and f that is not shortest. Edges are followed in
 * their direction only, and an edge of weight 0 is no step. Then a chain
 * longer than the 64 steps the search once stopped at, and actors that are
 * not in the graph.
 */
#include "test_common.h"

static const char *text =
    "{\"format\": \"entente/1\", \"actors\": ["
    " {\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    " {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    " {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    " {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"},"
    " {\"id\": \"e\", \"name\": \"E\", \"kind\": \"state\"},"
    " {\"id\": \"f\", \"name\": \"F\", \"kind\": \"state\"},"
    " {\"id\": \"x\", \"name\": \"X\", \"kind\": \"place\"},"
    " {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"place\"}],"
    " \"relations\": ["
    " {\"id\": \"r1\", \"source\": \"a\", \"target\": \"b\", \"type\": \"support_military\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r2\", \"source\": \"b\", \"target\": \"d\", \"type\": \"sanctions\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r3\", \"source\": \"a\", \"target\": \"c\", \"type\": \"sanctions\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r4\", \"source\": \"c\", \"target\": \"d\", \"type\": \"sanctions\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r5\", \"source\": \"a\", \"target\": \"e\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r6\", \"source\": \"e\", \"target\": \"f\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r7\", \"source\": \"f\", \"target\": \"d\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r8\", \"source\": \"x\", \"target\": \"y\", \"type\": \"part_of\","
    "  \"from\": \"2010\"}]}";

enum { A, B, C, D, E, F, X, Y };

/* The table of paths from `from` to `to` on 2020-06-30 (limit 0: the default). */
static ent_table *paths(const ent_graph *g, uint32_t from, uint32_t to, size_t limit)
{
    ent_view *v = view_at(g, "2020-06-30");
    ent_table *t = NULL;
    assert_int_equal(ent_path_table(&t, v, from, to, limit), 0);
    assert_non_null(t);
    ent_view_free(v);
    return t;
}

static void both_shortest_paths_with_their_signs(void **state)
{
    (void)state;
    ent_graph *g = load_string(text);
    ent_table *t = paths(g, A, D, 0);
    assert_string_equal(ent_table_title(t), "shortest signed paths from a to d on 2020-06-30");
    /* The longer path a +> e +> f +> d is not shortest and not listed. The two
     * come in the order of d's incoming edges, b -> d before c -> d. */
    assert_int_equal(ent_table_row_count(t), 2);
    assert_int_equal(ival(t, 0, "path"), 1);
    assert_int_equal(ival(t, 0, "length"), 2);
    assert_string_equal(sval(t, 0, "sign"), "negative"); /* (+)(-) */
    assert_string_equal(sval(t, 0, "actors"), "a +> b -> d");
    assert_string_equal(sval(t, 0, "relations"),
                        "a->b: r1 support_military 2010.. | b->d: r2 sanctions 2010..");
    assert_int_equal(ival(t, 1, "path"), 2);
    assert_int_equal(ival(t, 1, "length"), 2);
    assert_string_equal(sval(t, 1, "sign"), "positive"); /* (-)(-) */
    assert_string_equal(sval(t, 1, "actors"), "a -> c -> d");
    assert_string_equal(sval(t, 1, "relations"),
                        "a->c: r3 sanctions 2010.. | c->d: r4 sanctions 2010..");
    assert_false(has_note(t, "1 more shortest paths not shown"));
    ent_table_free(t);

    /* One step: the only path from a to b. */
    t = paths(g, A, B, 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "actors"), "a +> b");
    assert_string_equal(sval(t, 0, "sign"), "positive");
    ent_table_free(t);
    ent_graph_free(g);
}

static void the_limit_counts_what_it_leaves_out(void **state)
{
    (void)state;
    ent_graph *g = load_string(text);
    ent_table *t = paths(g, A, D, 1);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "actors"), "a +> b -> d");
    assert_true(has_note(t, "1 more shortest paths not shown"));
    ent_table_free(t);
    ent_graph_free(g);
}

static void no_path_no_row(void **state)
{
    (void)state;
    ent_graph *g = load_string(text);
    /* Edges are followed in their direction: nothing leaves d. */
    ent_table *t = paths(g, D, A, 0);
    assert_int_equal(ent_table_row_count(t), 0);
    assert_true(has_note(t, "+> marks a cooperative step, -> a hostile one; a path's sign is "
                            "the product of its steps' signs"));
    ent_table_free(t);
    /* From an actor to itself: no path. */
    t = paths(g, A, A, 0);
    assert_int_equal(ent_table_row_count(t), 0);
    ent_table_free(t);
    /* x is part of y, a relation of weight 0: no step from x to y. */
    ent_view *v = view_at(g, "2020-06-30");
    const ent_edge *xy = ent_view_find_edge(v, X, Y);
    assert_true(xy == NULL || xy->weight == 0);
    ent_view_free(v);
    t = paths(g, X, Y, 0);
    assert_int_equal(ent_table_row_count(t), 0);
    ent_table_free(t);
    ent_graph_free(g);
}

/* A chain n0 +> n1 +> ... +> n99: one path of 99 steps. The search used to
 * keep at most 64 steps and answered "no path" for longer ones. */
static void a_path_longer_than_64_steps(void **state)
{
    (void)state;
    enum { N = 100 };
    size_t cap = 200 * N;
    char *doc = malloc(cap);
    assert_non_null(doc);
    size_t len = (size_t)snprintf(doc, cap, "{\"format\": \"entente/1\", \"actors\": [");
    for (int i = 0; i < N; i++)
        len += (size_t)snprintf(doc + len, cap - len,
                                "%s{\"id\": \"n%d\", \"name\": \"N%d\", \"kind\": \"state\"}",
                                i ? ", " : "", i, i);
    len += (size_t)snprintf(doc + len, cap - len, "], \"relations\": [");
    for (int i = 0; i + 1 < N; i++)
        len += (size_t)snprintf(doc + len, cap - len,
                                "%s{\"source\": \"n%d\", \"target\": \"n%d\", \"type\": "
                                "\"support_military\", \"from\": \"2010\"}",
                                i ? ", " : "", i, i + 1);
    snprintf(doc + len, cap - len, "]}");
    ent_graph *g = load_string(doc);
    free(doc);
    ent_table *t = paths(g, 0, N - 1, 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_int_equal(ival(t, 0, "length"), N - 1);
    assert_string_equal(sval(t, 0, "sign"), "positive");
    const char *actors = sval(t, 0, "actors");
    assert_int_equal(strncmp(actors, "n0 +> n1 +> n2 ", 15), 0);
    size_t n = strlen(actors);
    assert_true(n > 10 && strcmp(actors + n - 10, "n98 +> n99") == 0);
    ent_table_free(t);
    ent_graph_free(g);
}

static void an_actor_not_in_the_graph_is_a_usage_error(void **state)
{
    (void)state;
    ent_graph *g = load_string(text);
    ent_view *v = view_at(g, "2020-06-30");
    ent_table *t = (ent_table *)1;
    assert_int_equal(ent_path_table(&t, v, A, 8, 0), ENT_EUSAGE);
    assert_null(t);
    assert_string_equal(ent_error_last(), "no actor number 8 in the graph");
    t = (ent_table *)1;
    assert_int_equal(ent_path_table(&t, v, 99, A, 0), ENT_EUSAGE);
    assert_null(t);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(both_shortest_paths_with_their_signs),
        cmocka_unit_test(the_limit_counts_what_it_leaves_out),
        cmocka_unit_test(no_path_no_row),
        cmocka_unit_test(a_path_longer_than_64_steps),
        cmocka_unit_test(an_actor_not_in_the_graph_is_a_usage_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
