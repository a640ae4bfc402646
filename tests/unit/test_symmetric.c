/*
 * test_symmetric.c: a relation of a symmetric type (an alliance, a war) is
 * coded once and holds both ways in every analysis (docs/analyses.md,
 * "Symmetric relations"): who, commitments, paths, and the folded tie of
 * balance, where it counts once. Expected values worked out by hand.
 */
#include <math.h>

#include "test_common.h"

/* a is allied with b (coded a -> b, 8.0); b attacks a (-10.0, 2020-06);
 * c is at war with a (coded c -> a). */
static const char *doc =
    "{\"format\": \"entente/1\", \"actors\": ["
    "{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    "{\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    "{\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"}],"
    " \"relations\": ["
    "{\"id\": \"ab-alliance\", \"source\": \"a\", \"target\": \"b\", \"type\": \"allied_with\","
    " \"from\": \"2019-01-01\"},"
    "{\"id\": \"b-attacks-a\", \"source\": \"b\", \"target\": \"a\", \"type\": \"attacks\","
    " \"at\": \"2020-06\"},"
    "{\"id\": \"ca-war\", \"source\": \"c\", \"target\": \"a\", \"type\": \"at_war_with\","
    " \"from\": \"2019-01-01\"}]}";

static ent_graph *load(void)
{
    ent_graph *g;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_load_input in = {"sym.json", doc, strlen(doc)};
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), 0);
    assert_int_equal(ent_diags_count(d), 0);
    ent_diags_free(d);
    return g;
}

/* The first column of every row, joined with spaces. */
static void first_column(const ent_table *t, char *out, size_t cap)
{
    out[0] = '\0';
    for (size_t r = 0; r < ent_table_row_count(t); r++) {
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s%s", r ? " " : "", ent_table_string(t, r, 0));
    }
}

static void who_reads_both_ways(void **state)
{
    (void)state;
    ent_graph *g = load();
    ent_view_options o;
    ent_view_options_init(&o);
    ent_when w = {0, 0, 0, 0};
    int32_t day;
    assert_int_equal(ent_graph_resolve_when(g, "2019-06-30", &day, NULL), 0);
    w.day = day;
    ent_who_query q;
    memset(&q, 0, sizeof q);
    q.actor = 0; /* a: b backs it through the alliance coded a -> b */
    q.sign = 1;
    q.depth = 1;
    ent_table *t;
    char got[128];
    assert_int_equal(ent_who_table(&t, g, &o, &w, &q), 0);
    first_column(t, got, sizeof got);
    assert_string_equal(got, "b");
    ent_table_free(t);
    q.sign = -1; /* c opposes a, and a opposes c: the war coded c -> a */
    assert_int_equal(ent_who_table(&t, g, &o, &w, &q), 0);
    first_column(t, got, sizeof got);
    assert_string_equal(got, "c");
    ent_table_free(t);
    q.actor = 2;
    assert_int_equal(ent_who_table(&t, g, &o, &w, &q), 0);
    first_column(t, got, sizeof got);
    assert_string_equal(got, "a");
    ent_table_free(t);
    q.reverse = 1; /* whom c opposed: a */
    assert_int_equal(ent_who_table(&t, g, &o, &w, &q), 0);
    first_column(t, got, sizeof got);
    assert_string_equal(got, "a");
    ent_table_free(t);
    ent_graph_free(g);
}

static void an_alliance_binds_both(void **state)
{
    (void)state;
    ent_graph *g = load();
    /* On 2020-12-31: a is bound to b and b to a. b attacked a in June, so b
     * broke its obligation; a did nothing towards b: not tested. */
    ent_view *v = view_at(g, "2020-12-31");
    ent_table *t;
    assert_int_equal(ent_commitments_table(&t, v), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(ent_table_string(t, 0, 0), "a");
    assert_string_equal(ent_table_string(t, 0, 1), "b");
    assert_string_equal(ent_table_string(t, 0, 2), "not tested");
    assert_string_equal(ent_table_string(t, 1, 0), "b");
    assert_string_equal(ent_table_string(t, 1, 1), "a");
    assert_string_equal(ent_table_string(t, 1, 2), "broken");
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

static void paths_follow_it_either_way(void **state)
{
    (void)state;
    ent_graph *g = load();
    ent_view *v = view_at(g, "2019-06-30");
    ent_table *t;
    /* b -> a exists only through the alliance coded a -> b; then a -> c
     * through the war coded c -> a: a path b, a, c of sign - . */
    assert_int_equal(ent_path_table(&t, v, 1, 2, 0), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

static void the_folded_tie_counts_it_once(void **state)
{
    (void)state;
    ent_graph *g = load();
    /* a-b: the alliance once (+8) and the attack (-10): -2, a negative tie
     * (counted twice, the alliance would make it +6). a-c: the war once, -10.
     * b-c: no tie. Two ties, both negative. */
    ent_view *v = view_at(g, "2020-12-31");
    ent_table *s;
    assert_int_equal(ent_balance_tables(&s, NULL, NULL, v, NULL), 0);
    long ties = ent_table_column_index(s, "ties");
    long neg = ent_table_column_index(s, "negative_ties");
    assert_true(ties >= 0 && neg >= 0);
    assert_int_equal(ent_table_int(s, 0, (size_t)ties), 2);
    assert_int_equal(ent_table_int(s, 0, (size_t)neg), 2);
    ent_table_free(s);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(who_reads_both_ways),
        cmocka_unit_test(an_alliance_binds_both),
        cmocka_unit_test(paths_follow_it_either_way),
        cmocka_unit_test(the_folded_tie_counts_it_once),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
