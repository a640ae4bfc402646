/*
 * test_align.c: alignment between actors (ent_align_*), checked against
 * values computed by hand on a small graph (the computation is written out
 * below) and, on random graphs, against portfolios built densely from the
 * view's edges and scored one by one.
 */
#include <math.h>

#include "test_common.h"

/*
 * Five states present from 2015 (F existed only in the 1990s, so it is not
 * present in 2020 or 2022). Custom durable types: friend +4, foe -4,
 * grumble -2. Ties folded (both directions summed) on 2020-06-30:
 *
 *   A-B: A->B friend +4, B->A grumble -2        = +2  (+)
 *   A-C: A->C friend +4                         = +4  (+)
 *   B-C: B->C friend +4                         = +4  (+)
 *   A-D: A->D foe -4                            = -4  (-)
 *   C-D: C->D foe -4                            = -4  (-)
 *   B-D: B->D friend +4, D->B foe -4            =  0  (no tie: cancelled)
 *   D-E: D->E friend +4                         = +4  (+)
 *
 * Portfolios over (A, B, C, D, E), N = 5, each actor valuing itself +1:
 *
 *   x_A = (+1 +1 +1 -1  0)      x_D = (-1  0 -1 +1 +1)
 *   x_B = (+1 +1 +1  0  0)      x_E = ( 0  0  0 +1 +1)
 *   x_C = (+1 +1 +1 -1  0)
 *
 * S = 1 - sum|x_A - x_B| / N (d_max = 2). pi = 1 - (sum|x_A - x_B| / N) / D_e
 * with D_e = 2 (p- p0 + p0 p+ + 2 p- p+), p the shares of each value among
 * the 2N valuations of both.
 *
 *   A-B: distance 1 (at D)            S = 0.8
 *        pooled + 6, - 1, 0 3: D_e = 2 (.03 + .18 + .12) = .66, pi = 1 - .2/.66 = 0.696970
 *   A-C: distance 0                   S = 1,   pi = 1 (D_e = .8)
 *   A-D: distance 2+1+2+2+1 = 8       S = -0.6
 *        pooled + 5, - 3, 0 2: D_e = 2 (.06 + .10 + .30) = .92, pi = 1 - 1.6/.92 = -0.739130
 *   A-E: distance 1+1+1+2+1 = 6       S = -0.2
 *        pooled + 5, - 1, 0 4: D_e = 2 (.04 + .20 + .10) = .68, pi = 1 - 1.2/.68 = -0.764706
 *
 * agree / opposed (actors valued alike / oppositely, non-zero): A-B 3/0, A-C 4/0, A-D 0/3
 * (A, C, D), A-E 0/1 (D).
 *
 * From B: B-C distance 1 (at D) S = 0.8, tie +4; B-A S = 0.8, tie +2 (C first: equal S, the
 * larger tie); B-E distance 5, S = 0, pooled + 5, 0 5: D_e = .5, pi = 1 - 1/.5 = -1; B-D
 * distance 2+1+2+1+1 = 7, S = -0.4.
 *
 * In 2022 A and D make peace: the foe ends in 2021 and A->D friend +4 starts in 2022. Then
 * x_A = (+1 +1 +1 +1 0):
 *   A-D: distance 0+1+2+0+1 = 4, S = 0.2 (change +0.8, the tie turned positive);
 *   A-E: distance 1+1+1+0+1 = 4, S = 0.2 (change +0.4);
 *   A-C: distance 2 (at D),     S = 0.6 (change -0.4);
 *   A-B: distance 1 (at D),     S = 0.8 (no change).
 * Order by the size of the change, gains first at equal size: D, E, C, B.
 */
static const char graph_text[] =
    "{\"format\": \"entente/1\",\n"
    " \"relation_types\": [\n"
    "  {\"id\": \"friend\", \"sign\": 1, \"intensity\": 4, \"durable\": true},\n"
    "  {\"id\": \"foe\", \"sign\": -1, \"intensity\": -4, \"durable\": true},\n"
    "  {\"id\": \"grumble\", \"sign\": -1, \"intensity\": -2, \"durable\": true}],\n"
    " \"actors\": [\n"
    "  {\"id\": \"a\", \"name\": \"Ardenia\", \"kind\": \"state\", \"aliases\": [\"Arden\"]},\n"
    "  {\"id\": \"b\", \"name\": \"Borvia\", \"kind\": \"state\"},\n"
    "  {\"id\": \"c\", \"name\": \"Corland\", \"kind\": \"state\"},\n"
    "  {\"id\": \"d\", \"name\": \"Dorvia\", \"kind\": \"state\"},\n"
    "  {\"id\": \"e\", \"name\": \"Estmark\", \"kind\": \"state\"},\n"
    "  {\"id\": \"f\", \"name\": \"Felland\", \"kind\": \"state\", \"from\": \"1990\", "
    "\"to\": \"1999\"}],\n"
    " \"relations\": [\n"
    "  {\"id\": \"ab\", \"source\": \"a\", \"target\": \"b\", \"type\": \"friend\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"ba\", \"source\": \"b\", \"target\": \"a\", \"type\": \"grumble\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"ac\", \"source\": \"a\", \"target\": \"c\", \"type\": \"friend\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"bc\", \"source\": \"b\", \"target\": \"c\", \"type\": \"friend\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"ad\", \"source\": \"a\", \"target\": \"d\", \"type\": \"foe\", \"from\": "
    "\"2015\", \"to\": \"2021\"},\n"
    "  {\"id\": \"ad2\", \"source\": \"a\", \"target\": \"d\", \"type\": \"friend\", \"from\": "
    "\"2022-01-01\"},\n"
    "  {\"id\": \"cd\", \"source\": \"c\", \"target\": \"d\", \"type\": \"foe\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"bd\", \"source\": \"b\", \"target\": \"d\", \"type\": \"friend\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"db\", \"source\": \"d\", \"target\": \"b\", \"type\": \"foe\", \"from\": "
    "\"2015\"},\n"
    "  {\"id\": \"de\", \"source\": \"d\", \"target\": \"e\", \"type\": \"friend\", \"from\": "
    "\"2015\"}]}\n";

enum { A, B, C, D, E, F };

#define EPS 1e-6

/* ------------------------------------------------------- the building block --- */

static void test_similarity_by_hand(void **state)
{
    (void)state;
    static const int xa[] = {1, 1, 1, -1, 0}, xb[] = {1, 1, 1, 0, 0}, xd[] = {-1, 0, -1, 1, 1},
                     xe[] = {0, 0, 0, 1, 1};
    double s, pi;
    assert_int_equal(ent_align_similarity(&s, &pi, xa, xb, 5), 0);
    assert_float_equal(s, 0.8, EPS);
    assert_float_equal(pi, 1 - 0.2 / 0.66, EPS);
    assert_int_equal(ent_align_similarity(&s, &pi, xa, xa, 5), 0);
    assert_float_equal(s, 1, EPS);
    assert_float_equal(pi, 1, EPS);
    assert_int_equal(ent_align_similarity(&s, &pi, xa, xd, 5), 0);
    assert_float_equal(s, -0.6, EPS);
    assert_float_equal(pi, 1 - 1.6 / 0.92, EPS);
    assert_int_equal(ent_align_similarity(&s, &pi, xa, xe, 5), 0);
    assert_float_equal(s, -0.2, EPS);
    assert_float_equal(pi, 1 - 1.2 / 0.68, EPS);
    /* Exactly opposite portfolios of +1 and -1: S = -1; pooled half and half, D_e =
     * 2 * 2 * .25 = 1, pi = 1 - 2 / 1 = -1. */
    static const int p[] = {1, 1, -1}, m[] = {-1, -1, 1};
    assert_int_equal(ent_align_similarity(&s, &pi, p, m, 3), 0);
    assert_float_equal(s, -1, EPS);
    assert_float_equal(pi, -1, EPS);
    /* Every valuation the same: chance explains everything, pi undefined. */
    static const int one[] = {1, 1};
    assert_int_equal(ent_align_similarity(&s, &pi, one, one, 2), 0);
    assert_float_equal(s, 1, EPS);
    assert_true(isnan(pi));
    /* Bad input. */
    static const int bad[] = {2, 0};
    assert_int_equal(ent_align_similarity(&s, &pi, bad, one, 2), ENT_EUSAGE);
    assert_int_equal(ent_align_similarity(&s, &pi, one, one, 0), ENT_EUSAGE);
}

/* ------------------------------------------------------------ one date --- */

static void test_table_by_hand(void **state)
{
    (void)state;
    ent_graph *g = load_string(graph_text);
    ent_view *v = view_at(g, "2020-06-30");
    ent_table *t = NULL;
    assert_int_equal(ent_align_table(&t, v, A, NULL), 0);
    assert_int_equal(ent_table_row_count(t), 4); /* F is not present */
    static const char *const order[] = {"c", "b", "e", "d"};
    static const double s[] = {1, 0.8, -0.2, -0.6}, tie[] = {4, 2, 0, -4};
    static const double pi[] = {1, 1 - 0.2 / 0.66, 1 - 1.2 / 0.68, 1 - 1.6 / 0.92};
    static const char *const sign[] = {"+", "+", "0", "-"};
    static const long long agree[] = {4, 3, 0, 0}, opposed[] = {0, 0, 1, 3};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(sval(t, i, "partner"), order[i]);
        assert_float_equal(rval(t, i, "S"), s[i], EPS);
        assert_float_equal(rval(t, i, "pi"), pi[i], EPS);
        assert_float_equal(rval(t, i, "tie"), tie[i], EPS);
        assert_string_equal(sval(t, i, "sign"), sign[i]);
        assert_int_equal(ival(t, i, "agree"), agree[i]);
        assert_int_equal(ival(t, i, "opposed"), opposed[i]);
    }
    assert_string_equal(sval(t, 0, "name"), "Corland");
    assert_non_null(strstr(sval(t, 1, "relations"), "ab"));
    assert_non_null(strstr(sval(t, 1, "relations"), "ba"));
    assert_string_equal(sval(t, 2, "relations"), "");
    ent_table_free(t);

    /* From B: equal S, the larger tie first. */
    assert_int_equal(ent_align_table(&t, v, B, NULL), 0);
    static const char *const order_b[] = {"c", "a", "e", "d"};
    static const double s_b[] = {0.8, 0.8, 0, -0.4};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(sval(t, i, "partner"), order_b[i]);
        assert_float_equal(rval(t, i, "S"), s_b[i], EPS);
    }
    assert_float_equal(rval(t, 2, "pi"), -1, EPS);
    /* B and D cancel out: no tie, but the relations are there to read. */
    assert_string_equal(sval(t, 3, "sign"), "0");
    assert_float_equal(rval(t, 3, "tie"), 0, EPS);
    assert_non_null(strstr(sval(t, 3, "relations"), "bd"));
    ent_table_free(t);

    /* --top and --with. */
    ent_align_options o = ENT_ALIGN_OPTIONS_INIT;
    o.top = 2;
    assert_int_equal(ent_align_table(&t, v, A, &o), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    ent_table_free(t);
    uint32_t with = D;
    o = (ent_align_options)ENT_ALIGN_OPTIONS_INIT;
    o.with = &with;
    assert_int_equal(ent_align_table(&t, v, A, &o), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "partner"), "d");
    assert_float_equal(rval(t, 0, "S"), -0.6, EPS);
    ent_table_free(t);

    /* Errors: an actor not present, a partner not present, the actor itself. */
    t = NULL;
    assert_int_equal(ent_align_table(&t, v, F, NULL), ENT_EUSAGE);
    assert_null(t);
    assert_non_null(strstr(ent_error_last(), "'f' is not present on 2020-06-30"));
    with = F;
    assert_int_equal(ent_align_table(&t, v, A, &o), ENT_EUSAGE);
    with = A;
    assert_int_equal(ent_align_table(&t, v, A, &o), ENT_EUSAGE);
    assert_non_null(strstr(ent_error_last(), "with itself"));
    assert_int_equal(ent_align_table(&t, v, 99, NULL), ENT_EUSAGE);
    ent_view_free(v);
    ent_graph_free(g);
}

/* ---------------------------------------------------------- two dates --- */

static void test_change_by_hand(void **state)
{
    (void)state;
    ent_graph *g = load_string(graph_text);
    ent_view *a = view_at(g, "2020-06-30"), *b = view_at(g, "2022-06-30");
    ent_table *t = NULL;
    assert_int_equal(ent_align_change_table(&t, a, b, A, NULL), 0);
    assert_int_equal(ent_table_row_count(t), 4);
    static const char *const order[] = {"d", "e", "c", "b"};
    static const double from[] = {-0.6, -0.2, 1, 0.8}, to[] = {0.2, 0.2, 0.6, 0.8};
    static const char *const change[] = {"turned positive", "", "", ""};
    for (size_t i = 0; i < 4; i++) {
        assert_string_equal(sval(t, i, "partner"), order[i]);
        assert_float_equal(rval(t, i, "S_from"), from[i], EPS);
        assert_float_equal(rval(t, i, "S_to"), to[i], EPS);
        assert_float_equal(rval(t, i, "S_change"), to[i] - from[i], EPS);
        assert_string_equal(sval(t, i, "change"), change[i]);
    }
    assert_string_equal(sval(t, 0, "sign_from"), "-");
    assert_string_equal(sval(t, 0, "sign_to"), "+");
    /* The relations behind the tie on the later date. */
    assert_non_null(strstr(sval(t, 0, "relations"), "ad2"));
    assert_null(strstr(sval(t, 0, "relations"), "ad "));
    ent_table_free(t);

    uint32_t with = C;
    ent_align_options o = ENT_ALIGN_OPTIONS_INIT;
    o.with = &with;
    assert_int_equal(ent_align_change_table(&t, a, b, A, &o), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_float_equal(rval(t, 0, "S_change"), -0.4, EPS);
    ent_table_free(t);
    assert_int_equal(ent_align_change_table(&t, a, b, F, NULL), ENT_EUSAGE);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/* --------------------------------------------------------- random graphs --- */

/* splitmix64: the same graphs on every machine. */
static uint64_t next_rand(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The valuation of y by x, read straight from the view's two edges. */
static int valuation(const ent_view *v, uint32_t x, uint32_t y)
{
    if (x == y)
        return 1;
    const ent_edge *e1 = ent_view_find_edge(v, x, y), *e2 = ent_view_find_edge(v, y, x);
    double w = (e1 ? e1->weight : 0) + (e2 ? e2->weight : 0);
    return w > 1e-9 ? 1 : w < -1e-9 ? -1 : 0;
}

static void test_random_against_dense(void **state)
{
    (void)state;
    static const char *const types[] = {"friend", "foe", "grumble"};
    uint64_t seed = 7;
    for (int round = 0; round < 20; round++) {
        size_t na = 3 + next_rand(&seed) % 14, nr = next_rand(&seed) % (na * 3);
        char *text = malloc(4096 + nr * 160 + na * 80);
        assert_non_null(text);
        size_t len = (size_t)sprintf(
            text, "{\"format\": \"entente/1\", \"relation_types\": ["
                  "{\"id\": \"friend\", \"sign\": 1, \"intensity\": 4, \"durable\": true},"
                  "{\"id\": \"foe\", \"sign\": -1, \"intensity\": -4, \"durable\": true},"
                  "{\"id\": \"grumble\", \"sign\": -1, \"intensity\": -2, \"durable\": true}],"
                  "\"actors\": [");
        for (size_t i = 0; i < na; i++)
            len += (size_t)sprintf(
                text + len, "%s{\"id\": \"x%zu\", \"name\": \"X%zu\", \"kind\": \"state\"%s}",
                i ? "," : "", i, i, i % 5 == 4 ? ", \"to\": \"2010\"" : "");
        len += (size_t)sprintf(text + len, "], \"relations\": [");
        for (size_t r = 0; r < nr; r++) {
            /* Actors x4, x9 ... ended in 2010: no relations, not present. */
            size_t s, d;
            do
                s = next_rand(&seed) % na;
            while (s % 5 == 4);
            do
                d = next_rand(&seed) % na;
            while (d % 5 == 4 || d == s);
            len += (size_t)sprintf(text + len,
                                   "%s{\"source\": \"x%zu\", \"target\": \"x%zu\", \"type\": "
                                   "\"%s\", \"from\": \"2015\"}",
                                   r ? "," : "", s, d, types[next_rand(&seed) % 3]);
        }
        sprintf(text + len, "]}");
        ent_graph *g = load_string(text);
        free(text);
        ent_view *v = view_at(g, "2020");
        size_t n = ent_view_actor_count(v);
        uint32_t *present = malloc(na * sizeof *present);
        int *x = malloc(na * sizeof *x), *y = malloc(na * sizeof *y);
        assert_true(present && x && y);
        size_t np = 0;
        for (uint32_t i = 0; i < na; i++)
            if (ent_view_has_actor(v, i))
                present[np++] = i;
        assert_int_equal(np, n);
        for (size_t ia = 0; ia < np; ia++) {
            uint32_t a = present[ia];
            ent_table *t = NULL;
            assert_int_equal(ent_align_table(&t, v, a, NULL), 0);
            assert_int_equal(ent_table_row_count(t), np - 1);
            for (size_t row = 0; row < ent_table_row_count(t); row++) {
                const char *id = sval(t, row, "partner");
                uint32_t b = (uint32_t)atoi(id + 1);
                for (size_t k = 0; k < np; k++) {
                    x[k] = valuation(v, a, present[k]);
                    y[k] = valuation(v, b, present[k]);
                }
                double s, pi;
                assert_int_equal(ent_align_similarity(&s, &pi, x, y, np), 0);
                assert_float_equal(rval(t, row, "S"), s, EPS);
                if (isnan(pi))
                    assert_true(isnan(rval(t, row, "pi")));
                else
                    assert_float_equal(rval(t, row, "pi"), pi, EPS);
                if (row > 0)
                    assert_true(rval(t, row - 1, "S") >= rval(t, row, "S") - 1e-12);
            }
            ent_table_free(t);
        }
        free(present);
        free(x);
        free(y);
        ent_view_free(v);
        ent_graph_free(g);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_similarity_by_hand),
        cmocka_unit_test(test_table_by_hand),
        cmocka_unit_test(test_change_by_hand),
        cmocka_unit_test(test_random_against_dense),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
