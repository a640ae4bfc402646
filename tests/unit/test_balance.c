/*
 * test_balance.c: structural balance, checked against values computed
 * independently of the code under test: the published scores of Read's
 * Gahuku-Gama tribes (signnet's documentation), hand computation on small
 * graphs, and brute force (every triple, every split into two camps, the
 * power series of the matrix exponential) on random signed graphs.
 */
#include <math.h>

#include "test_common.h"

/* ------------------------------------------------------------ helpers --- */

static ent_graph *load_fixture(const char *name)
{
    return load_fixture_in("balance", name);
}

static void assert_near(double got, double want, double tol)
{
    if (!(fabs(got - want) <= tol))
        fail_msg("got %.10f, want %.10f (within %g)", got, want, tol);
}

/* The row of the camps table for actor `id`. */
static size_t camp_row(const ent_table *t, const char *id)
{
    for (size_t r = 0; r < ent_table_row_count(t); r++)
        if (strcmp(sval(t, r, "actor"), id) == 0)
            return r;
    fail_msg("no actor %s in the camps", id);
    return 0;
}

/* A random signed graph on n vertices: each pair a tie with probability
 * pct/100, negative with probability neg/100 (splitmix64, fixed seed). */
typedef struct rgraph {
    size_t n, m;
    uint32_t from[2000], to[2000];
    int sign[2000];
} rgraph;

static uint64_t rng(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static void random_graph(rgraph *g, size_t n, unsigned pct, unsigned neg, uint64_t seed)
{
    g->n = n;
    g->m = 0;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = i + 1; j < n; j++)
            if (rng(&seed) % 100 < pct) {
                assert_true(g->m < 2000);
                /* mix the ends' order: the functions must not rely on from < to */
                int swap = (int)(rng(&seed) & 1);
                g->from[g->m] = swap ? j : i;
                g->to[g->m] = swap ? i : j;
                g->sign[g->m++] = rng(&seed) % 100 < neg ? -1 : 1;
            }
}

/* Signed adjacency matrix, n x n, row-major. */
static void matrix_of(const rgraph *g, int *a)
{
    memset(a, 0, g->n * g->n * sizeof *a);
    for (size_t i = 0; i < g->m; i++) {
        a[g->from[i] * g->n + g->to[i]] = g->sign[i];
        a[g->to[i] * g->n + g->from[i]] = g->sign[i];
    }
}

/* Ties against the split camp[] (1 or 2). */
static size_t against_split(const rgraph *g, const int *camp)
{
    size_t f = 0;
    for (size_t i = 0; i < g->m; i++)
        f += (g->sign[i] > 0) != (camp[g->from[i]] == camp[g->to[i]]);
    return f;
}

/* ------------------------------------------------- Read's Gahuku-Gama --- */

/* Published: 68 triangles (19 +++, 2 ++-, 40 +--, 7 ---), strict triangle
 * balance 0.8676471, frustration index 7, normalised 1 - 7/29 = 0.7586207,
 * walk balance 0.3575761 (signnet, balance_score and frustration_exact). */
static void gahuku_gama_published_scores(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("gahuku-gama.json");
    ent_view *v = view_at(g, "fieldwork");
    ent_table *s, *t, *c;
    assert_int_equal(ent_balance_tables(&s, &t, &c, v, NULL), 0);
    assert_int_equal(ent_table_row_count(s), 1);
    assert_int_equal(ival(s, 0, "actors"), 16);
    assert_int_equal(ival(s, 0, "ties"), 58);
    assert_int_equal(ival(s, 0, "positive_ties"), 29);
    assert_int_equal(ival(s, 0, "negative_ties"), 29);
    assert_int_equal(ival(s, 0, "triangles"), 68);
    assert_int_equal(ival(s, 0, "ppp"), 19);
    assert_int_equal(ival(s, 0, "ppn"), 2);
    assert_int_equal(ival(s, 0, "pnn"), 40);
    assert_int_equal(ival(s, 0, "nnn"), 7);
    assert_near(rval(s, 0, "strict_balance"), 0.8676471, 1e-7);
    assert_near(rval(s, 0, "weak_balance"), 66.0 / 68.0, 1e-12);
    assert_near(rval(s, 0, "walk_balance"), 0.3575761, 1e-6);
    assert_int_equal(ival(s, 0, "frustration"), 7);
    assert_int_equal(ival(s, 0, "frustration_lower_bound"), 7);
    assert_near(rval(s, 0, "frustration_normalised"), 0.7586207, 1e-7);
    assert_string_equal(sval(s, 0, "frustration_method"), "exact");

    /* The unbalanced triads: the 7 --- (intensity 30) before the 2 ++- (22). */
    assert_int_equal(ent_table_row_count(t), 9);
    for (size_t r = 0; r < 9; r++) {
        assert_string_equal(sval(t, r, "pattern"), r < 7 ? "---" : "++-");
        assert_near(rval(t, r, "intensity"), r < 7 ? 30 : 22, 1e-9);
    }
    /* Equal intensities keep graph order: Kotun (2nd) before Gahuk (6th). */
    assert_string_equal(sval(t, 0, "a"), "kotun");
    assert_string_equal(sval(t, 0, "b"), "gahuk");
    assert_string_equal(sval(t, 0, "c"), "notoh");
    assert_string_equal(sval(t, 0, "relations_ab"), "gahuk->kotun: gg11 at_war_with 1950..1952");

    /* The camps: 16 actors, 7 ties against them (each counted at both ends). */
    assert_int_equal(ent_table_row_count(c), 16);
    long long against = 0;
    for (size_t r = 0; r < 16; r++) {
        against += ival(c, r, "against_camps");
        assert_int_equal(ival(c, r, "part"), 1);
    }
    assert_int_equal(against, 14);
    assert_int_equal(ival(c, camp_row(c, "gavev"), "camp"), 1);

    /* The same split, checked against the relations themselves. */
    long long f = 0;
    for (size_t i = 0; i < ent_graph_relation_count(g); i++) {
        const ent_relation *r = ent_graph_relation(g, i);
        long long c1 = ival(c, camp_row(c, ent_graph_actor(g, r->source)->id), "camp");
        long long c2 = ival(c, camp_row(c, ent_graph_actor(g, r->target)->id), "camp");
        f += (r->intensity > 0) != (c1 == c2);
    }
    assert_int_equal(f, 7);

    ent_table_free(s);
    ent_table_free(t);
    ent_table_free(c);
    ent_view_free(v);
    ent_graph_free(g);
}

/* Deterministic: a second run gives byte-identical JSON. */
static void output_is_reproducible(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("gahuku-gama.json");
    ent_view *v = view_at(g, "fieldwork");
    char *text[2] = {NULL, NULL};
    size_t len[2];
    for (int k = 0; k < 2; k++) {
        ent_table *tabs[3];
        assert_int_equal(ent_balance_tables(&tabs[0], &tabs[1], &tabs[2], v, NULL), 0);
        FILE *f = open_memstream(&text[k], &len[k]);
        assert_non_null(f);
        assert_int_equal(ent_table_write_all((const ent_table *const *)tabs, 3, ENT_TABLE_JSON, f),
                         0);
        fclose(f);
        for (int i = 0; i < 3; i++)
            ent_table_free(tabs[i]);
    }
    assert_int_equal(len[0], len[1]);
    assert_memory_equal(text[0], text[1], len[0]);
    free(text[0]);
    free(text[1]);
    ent_view_free(v);
    ent_graph_free(g);
}

/* ------------------------------------------------ hand-built graphs --- */

/* Two camps, friends inside, enemies across: 2 +++ and 2 +-- triangles. */
static void two_camps_balanced(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v = view_at(g, "balanced");
    ent_table *s, *t, *c;
    assert_int_equal(ent_balance_tables(&s, &t, &c, v, NULL), 0);
    assert_int_equal(ival(s, 0, "actors"), 6); /* Galia has no tie yet */
    assert_int_equal(ival(s, 0, "ties"), 10);
    assert_int_equal(ival(s, 0, "positive_ties"), 6);
    assert_int_equal(ival(s, 0, "triangles"), 4);
    assert_int_equal(ival(s, 0, "ppp"), 2);
    assert_int_equal(ival(s, 0, "pnn"), 2);
    assert_near(rval(s, 0, "strict_balance"), 1, 0);
    assert_near(rval(s, 0, "weak_balance"), 1, 0);
    assert_near(rval(s, 0, "walk_balance"), 1, 1e-12); /* A is switching-equivalent to |A| */
    assert_int_equal(ival(s, 0, "frustration"), 0);
    assert_near(rval(s, 0, "frustration_normalised"), 1, 0);
    assert_string_equal(sval(s, 0, "frustration_method"), "exact");
    assert_int_equal(ent_table_row_count(t), 0);
    const char *camp1[] = {"ardenia", "borvia", "corland"},
               *camp2[] = {"dorvia", "estmark", "felland"};
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ival(c, camp_row(c, camp1[i]), "camp"), 1);
        assert_int_equal(ival(c, camp_row(c, camp2[i]), "camp"), 2);
        assert_int_equal(ival(c, camp_row(c, camp1[i]), "against_camps"), 0);
    }
    /* Rows: camp 1 then camp 2, each in graph order. */
    assert_string_equal(sval(c, 0, "actor"), "ardenia");
    assert_string_equal(sval(c, 3, "actor"), "dorvia");
    ent_table_free(s);
    ent_table_free(t);
    ent_table_free(c);
    ent_view_free(v);
    ent_graph_free(g);
}

/* tr exp(M) by its power series: an independent check of the eigenvalue route. */
static double trace_exp(size_t n, const double *m)
{
    double *p = calloc(n * n, sizeof *p), *q = calloc(n * n, sizeof *q), sum = 0;
    assert_non_null(p);
    assert_non_null(q);
    for (size_t i = 0; i < n; i++)
        p[i * n + i] = 1;
    sum = (double)n;
    for (int k = 1; k < 120; k++) {
        for (size_t i = 0; i < n; i++)
            for (size_t j = 0; j < n; j++) {
                double x = 0;
                for (size_t l = 0; l < n; l++)
                    x += p[i * n + l] * m[l * n + j];
                q[i * n + j] = x / k;
            }
        memcpy(p, q, n * n * sizeof *p);
        for (size_t i = 0; i < n; i++)
            sum += p[i * n + i];
    }
    free(p);
    free(q);
    return sum;
}

/* One flipped tie (Borvia and Corland at war): frustration 1, one ++- triad. */
static void one_flipped_tie(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v = view_at(g, "flipped");
    ent_table *s, *t;
    assert_int_equal(ent_balance_tables(&s, &t, NULL, v, NULL), 0);
    assert_int_equal(ival(s, 0, "ppp"), 1);
    assert_int_equal(ival(s, 0, "ppn"), 1);
    assert_int_equal(ival(s, 0, "pnn"), 2);
    assert_near(rval(s, 0, "strict_balance"), 0.75, 0);
    assert_int_equal(ival(s, 0, "frustration"), 1);
    assert_near(rval(s, 0, "frustration_normalised"), 1 - 1 / 5.0, 1e-12);
    assert_string_equal(sval(s, 0, "frustration_method"), "exact");

    /* Walk balance against tr exp by power series on the same 6 actors:
     * ardenia borvia corland dorvia estmark felland. */
    static const int ties[][3] = {{0, 1, 1}, {0, 2, 1},  {1, 2, -1}, {3, 4, 1},  {3, 5, 1},
                                  {4, 5, 1}, {0, 3, -1}, {1, 4, -1}, {2, 5, -1}, {0, 4, -1}};
    double a[36] = {0}, abs_a[36] = {0};
    for (size_t i = 0; i < sizeof ties / sizeof *ties; i++) {
        a[ties[i][0] * 6 + ties[i][1]] = a[ties[i][1] * 6 + ties[i][0]] = ties[i][2];
        abs_a[ties[i][0] * 6 + ties[i][1]] = abs_a[ties[i][1] * 6 + ties[i][0]] = 1;
    }
    assert_near(rval(s, 0, "walk_balance"), trace_exp(6, a) / trace_exp(6, abs_a), 1e-9);
    assert_true(rval(s, 0, "walk_balance") < 1);

    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "a"), "ardenia");
    assert_string_equal(sval(t, 0, "b"), "borvia");
    assert_string_equal(sval(t, 0, "c"), "corland");
    assert_string_equal(sval(t, 0, "pattern"), "++-");
    assert_near(rval(t, 0, "intensity"), 8 + 6 + 10, 1e-9);
    assert_near(rval(t, 0, "weight_bc"), -10, 1e-9);
    assert_string_equal(sval(t, 0, "relations_bc"),
                        "borvia->corland: bo-co-war at_war_with 2021..");
    ent_table_free(s);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

static const char *enemies3 =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},\n"
    "  {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"state\"},\n"
    "  {\"id\": \"z\", \"name\": \"Z\", \"kind\": \"state\"}],\n"
    " \"relations\": [\n"
    "  {\"source\": \"x\", \"target\": \"y\", \"type\": \"at_war_with\", \"from\": \"2020\"},\n"
    "  {\"source\": \"y\", \"target\": \"z\", \"type\": \"at_war_with\", \"from\": \"2020\"},\n"
    "  {\"source\": \"z\", \"target\": \"x\", \"type\": \"at_war_with\", \"from\": \"2020\"}]}";

/* Three mutual enemies: unbalanced under strict balance, balanced under weak
 * balance; one tie must go (frustration 1). */
static void all_negative_triangle(void **state)
{
    (void)state;
    ent_graph *g = load_string(enemies3);
    ent_view *v = view_at(g, "2021");
    ent_table *s, *t;
    assert_int_equal(ent_balance_tables(&s, &t, NULL, v, NULL), 0);
    assert_int_equal(ival(s, 0, "triangles"), 1);
    assert_int_equal(ival(s, 0, "nnn"), 1);
    assert_near(rval(s, 0, "strict_balance"), 0, 0);
    assert_near(rval(s, 0, "weak_balance"), 1, 0);
    assert_int_equal(ival(s, 0, "frustration"), 1);
    assert_near(rval(s, 0, "frustration_normalised"), 1 - 1 / 1.5, 1e-12);
    /* eigenvalues of the signed triangle: 1, 1, -2; of |A|: 2, -1, -1 */
    assert_near(rval(s, 0, "walk_balance"), (2 * exp(1) + exp(-2)) / (exp(2) + 2 * exp(-1)), 1e-12);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "pattern"), "---");
    assert_string_equal(sval(t, 0, "relations_ac"), "z->x: test.json:8 at_war_with 2020..");
    ent_table_free(s);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

/*
 * Opposite directed stances. A backs B (support_political, +3.4) while B
 * condemns A (-2): one positive tie of weight +1.4. Both are at war with C,
 * so the triangle is +-- and balanced; were the hostile stance to win, it
 * would be --- and unbalanced. G cooperates with A and is at war with B:
 * the triangle A B G is ++- and shows the tie's weight. D and E cancel out
 * (+2, -2): no tie, counted as a cancelled pair. F controls A (a neutral
 * relation): no tie.
 */
static const char *stances =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},\n"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},\n"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},\n"
    "  {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"},\n"
    "  {\"id\": \"e\", \"name\": \"E\", \"kind\": \"state\"},\n"
    "  {\"id\": \"f\", \"name\": \"F\", \"kind\": \"state\"},\n"
    "  {\"id\": \"g\", \"name\": \"G\", \"kind\": \"state\"}],\n"
    " \"relations\": [\n"
    "  {\"source\": \"a\", \"target\": \"b\", \"type\": \"support_political\", \"from\": "
    "\"2020\"},\n"
    "  {\"source\": \"b\", \"target\": \"a\", \"type\": \"condemns\", \"at\": \"2020-06\"},\n"
    "  {\"source\": \"a\", \"target\": \"c\", \"type\": \"at_war_with\", \"from\": \"2020\"},\n"
    "  {\"source\": \"c\", \"target\": \"b\", \"type\": \"at_war_with\", \"from\": \"2020\"},\n"
    "  {\"source\": \"d\", \"target\": \"e\", \"type\": \"support_political\", \"from\": "
    "\"2020\",\n"
    "   \"intensity\": 2},\n"
    "  {\"source\": \"e\", \"target\": \"d\", \"type\": \"criticizes\", \"at\": \"2020-06\"},\n"
    "  {\"source\": \"f\", \"target\": \"a\", \"type\": \"controls\", \"from\": \"2020\"},\n"
    "  {\"source\": \"g\", \"target\": \"a\", \"type\": \"cooperates_with\", \"from\": "
    "\"2020\"},\n"
    "  {\"source\": \"g\", \"target\": \"b\", \"type\": \"at_war_with\", \"from\": \"2020\"}]}";

static void opposite_stances_combine(void **state)
{
    (void)state;
    ent_graph *g = load_string(stances);
    ent_view *v = view_at(g, "2020"); /* the condemnation is in the window */
    ent_table *s, *t, *c;
    ent_balance_options o;
    ent_balance_options_init(&o);
    assert_int_equal(ent_balance_tables(&s, &t, &c, v, &o), 0);
    assert_int_equal(ival(s, 0, "actors"), 4); /* a b c g: d and e cancel, f is neutral */
    assert_int_equal(ival(s, 0, "ties"), 5);
    assert_int_equal(ival(s, 0, "positive_ties"), 2);
    assert_int_equal(ival(s, 0, "negative_ties"), 3);
    assert_int_equal(ival(s, 0, "cancelled_pairs"), 1);
    assert_int_equal(ival(s, 0, "pnn"), 1); /* a b c */
    assert_int_equal(ival(s, 0, "ppn"), 1); /* a b g */
    assert_int_equal(ival(s, 0, "nnn"), 0);
    assert_int_equal(ival(s, 0, "frustration"), 1);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "c"), "g");
    assert_near(rval(t, 0, "weight_ab"), 3.4 - 2, 1e-9);
    assert_near(rval(t, 0, "intensity"), 1.4 + 6 + 10, 1e-9);
    assert_string_equal(sval(t, 0, "relations_ab"),
                        "a->b: test.json:10 support_political 2020.. | b->a: test.json:11 "
                        "condemns 2020-06");
    assert_int_equal(ent_table_row_count(c), 4);
    ent_table_free(s);
    ent_table_free(t);
    ent_table_free(c);
    ent_view_free(v);
    ent_graph_free(g);
}

/* ------------------------------------------------- the two-date change --- */

/*
 * A triangle closed by an alliance. a and b are members of the defence pact
 * (a's membership weighs 4, b's the default 6); c is allied with a (+8) and
 * at war with b (-10); d and e belong to a club without collective defence,
 * f left the pact in 2005. By hand, on 2010: ties a-pact +4, b-pact +6, a-c
 * +8, b-c -10, d-club +6, e-club +6, and a-b +4 (the weaker membership):
 * 7 ties. Triangles: a b pact (+++) and a b c (++-, unbalanced, intensity
 * 4 + 8 + 10 = 22). Without the bond, a-b is no tie: 6 ties, no triangle.
 */
static const char *pact_triangle =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},\n"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},\n"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},\n"
    "  {\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"},\n"
    "  {\"id\": \"e\", \"name\": \"E\", \"kind\": \"state\"},\n"
    "  {\"id\": \"f\", \"name\": \"F\", \"kind\": \"state\"},\n"
    "  {\"id\": \"pact\", \"name\": \"Pact\", \"kind\": \"alliance\", \"collective_defense\": "
    "true},\n"
    "  {\"id\": \"club\", \"name\": \"Club\", \"kind\": \"alliance\", \"collective_defense\": "
    "false}],\n"
    " \"relations\": [\n"
    "  {\"id\": \"ma\", \"source\": \"a\", \"target\": \"pact\", \"type\": \"member_of\", "
    "\"from\": \"2000\", \"intensity\": 4},\n"
    "  {\"id\": \"mb\", \"source\": \"b\", \"target\": \"pact\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"mf\", \"source\": \"f\", \"target\": \"pact\", \"type\": \"member_of\", "
    "\"from\": \"2000\", \"to\": \"2005\"},\n"
    "  {\"id\": \"ac\", \"source\": \"a\", \"target\": \"c\", \"type\": \"allied_with\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"cb\", \"source\": \"c\", \"target\": \"b\", \"type\": \"at_war_with\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"kd\", \"source\": \"d\", \"target\": \"club\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"ke\", \"source\": \"e\", \"target\": \"club\", \"type\": \"member_of\", "
    "\"from\": \"2000\"}]}";

static void alliance_closes_a_triangle(void **state)
{
    (void)state;
    ent_graph *g = load_string(pact_triangle);
    ent_view *v = view_at(g, "2010");
    ent_table *s, *t;
    assert_int_equal(ent_balance_tables(&s, &t, NULL, v, NULL), 0);
    assert_int_equal(ival(s, 0, "ties"), 7);
    assert_int_equal(ival(s, 0, "triangles"), 2);
    assert_int_equal(ival(s, 0, "ppp"), 1);
    assert_int_equal(ival(s, 0, "ppn"), 1);
    assert_near(rval(s, 0, "strict_balance"), 0.5, 0);
    assert_int_equal(ival(s, 0, "frustration"), 1);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "a"), "a");
    assert_string_equal(sval(t, 0, "b"), "b");
    assert_string_equal(sval(t, 0, "c"), "c");
    assert_string_equal(sval(t, 0, "pattern"), "++-");
    assert_near(rval(t, 0, "intensity"), 22, 1e-9);
    assert_near(rval(t, 0, "weight_ab"), 4, 1e-9);
    assert_string_equal(sval(t, 0, "relations_ab"),
                        "bound by alliance pact: a->pact ma member_of 2000..; "
                        "b->pact mb member_of 2000..");
    ent_table_free(s);
    ent_table_free(t);

    /* Direct ties only: a-b is no tie, and nothing closes. */
    ent_balance_options o;
    ent_balance_options_init(&o);
    o.direct_only = 1;
    assert_int_equal(ent_balance_tables(&s, &t, NULL, v, &o), 0);
    assert_int_equal(ival(s, 0, "ties"), 6);
    assert_int_equal(ival(s, 0, "triangles"), 0);
    assert_int_equal(ent_table_row_count(t), 0);
    ent_table_free(s);
    ent_table_free(t);
    ent_view_free(v);

    /* In 2003 f was a member too: f-pact +6, f-a +4, f-b +6; the triangles
     * a b f, a f pact, b f pact are +++: four +++, one ++-. */
    v = view_at(g, "2003");
    assert_int_equal(ent_balance_tables(&s, NULL, NULL, v, NULL), 0);
    assert_int_equal(ival(s, 0, "ties"), 10);
    assert_int_equal(ival(s, 0, "ppp"), 4);
    assert_int_equal(ival(s, 0, "ppn"), 1);
    ent_table_free(s);
    ent_view_free(v);
    ent_graph_free(g);
}

static void change_between_dates(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v0 = view_at(g, "balanced"), *v1 = view_at(g, "flipped"), *v2 = view_at(g, "galia");
    ent_table *s, *t;

    assert_int_equal(ent_balance_change_tables(&s, &t, v0, v1, NULL), 0);
    assert_int_equal(ent_table_row_count(s), 3);
    assert_string_equal(sval(s, 0, "at"), "2020-06-30");
    assert_string_equal(sval(s, 2, "at"), "change");
    assert_int_equal(ival(s, 0, "frustration"), 0);
    assert_int_equal(ival(s, 1, "frustration"), 1);
    assert_int_equal(ival(s, 2, "frustration"), 1);
    assert_near(rval(s, 2, "strict_balance"), -0.25, 1e-12);
    assert_string_equal(sval(s, 2, "frustration_method"), "");
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "change"), "became unbalanced");
    assert_string_equal(sval(t, 0, "before"), "+++");
    assert_string_equal(sval(t, 0, "after"), "++-");
    assert_string_equal(sval(t, 0, "relations_bc"),
                        "sign-flipped: borvia->corland: bo-co-war at_war_with 2021..");
    assert_string_equal(sval(t, 0, "relations_ab"), "ardenia->borvia: ar-bo allied_with 2015..");
    ent_table_free(s);
    ent_table_free(t);

    /* Galia befriends Ardenia and Dorvia, which are at war. */
    assert_int_equal(ent_balance_change_tables(NULL, &t, v1, v2, NULL), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(sval(t, 0, "change"), "formed unbalanced");
    assert_string_equal(sval(t, 0, "a"), "ardenia");
    assert_string_equal(sval(t, 0, "b"), "dorvia");
    assert_string_equal(sval(t, 0, "c"), "galia");
    assert_string_equal(sval(t, 0, "before"), "open");
    assert_near(rval(t, 0, "intensity_after"), 10 + 6 + 3.5, 1e-9);
    assert_true(isnan(rval(t, 0, "intensity_before")));
    assert_string_equal(sval(t, 0, "relations_ac"),
                        "formed: galia->ardenia: ga-ar cooperates_with 2022..");
    ent_table_free(t);

    /* Backwards: both triads are undone, kinds in a fixed order. */
    assert_int_equal(ent_balance_change_tables(NULL, &t, v2, v0, NULL), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(sval(t, 0, "change"), "became balanced");
    assert_string_equal(sval(t, 0, "c"), "corland");
    assert_string_equal(sval(t, 1, "change"), "dissolved");
    assert_string_equal(sval(t, 1, "c"), "galia");
    assert_string_equal(sval(t, 1, "after"), "open");
    assert_string_equal(sval(t, 1, "relations_bc"),
                        "dissolved, before: galia->dorvia: ga-do aligned_with 2022..");
    ent_table_free(t);

    ent_view_free(v0);
    ent_view_free(v1);
    ent_view_free(v2);
    ent_graph_free(g);
}

/* --------------------------------------------- brute-force comparisons --- */

static void triangles_match_brute_force(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 5; seed++) {
        rgraph g;
        random_graph(&g, 25, 35, 40, seed);
        int a[25 * 25];
        matrix_of(&g, a);
        size_t want[4] = {0, 0, 0, 0}, got[4];
        for (size_t i = 0; i < 25; i++)
            for (size_t j = i + 1; j < 25; j++)
                for (size_t k = j + 1; k < 25; k++)
                    if (a[i * 25 + j] && a[i * 25 + k] && a[j * 25 + k])
                        want[(a[i * 25 + j] < 0) + (a[i * 25 + k] < 0) + (a[j * 25 + k] < 0)]++;
        assert_int_equal(ent_signed_triangles(g.n, g.from, g.to, g.sign, g.m, got), 0);
        for (int k = 0; k < 4; k++)
            assert_int_equal(got[k], want[k]);
    }
}

static void walk_balance_matches_power_series(void **state)
{
    (void)state;
    rgraph g;
    random_graph(&g, 12, 40, 50, 7);
    int a[144];
    matrix_of(&g, a);
    double m[144], am[144], got;
    for (int i = 0; i < 144; i++) {
        m[i] = a[i];
        am[i] = abs(a[i]);
    }
    assert_int_equal(ent_walk_balance(g.n, g.from, g.to, g.sign, g.m, &got), 0);
    assert_near(got, trace_exp(12, m) / trace_exp(12, am), 1e-9);
}

/* Exact frustration against every split of up to 15 vertices. */
static void exact_matches_every_split(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 6; seed++) {
        rgraph g;
        size_t n = 10 + seed;
        random_graph(&g, n, 20 + 10 * (unsigned)seed, 50, seed * 101);
        size_t best = SIZE_MAX;
        int camp[16];
        for (uint32_t mask = 0; mask < 1u << (n - 1); mask++) {
            for (size_t v = 0; v < n; v++)
                camp[v] = 1 + (int)((mask >> v) & 1);
            size_t f = against_split(&g, camp);
            if (f < best)
                best = f;
        }
        ent_frustration_info info;
        assert_int_equal(ent_frustration(g.n, g.from, g.to, g.sign, g.m, NULL, camp, &info), 0);
        assert_true(info.exact);
        assert_int_equal(info.frustration, best);
        assert_int_equal(info.lower_bound, best);
        assert_int_equal(against_split(&g, camp), best);
    }
}

/* On a mid-size random graph (30 vertices, where the exact search takes
 * milliseconds) the heuristic alone finds the same index. */
static void exact_and_heuristic_agree(void **state)
{
    (void)state;
    for (uint64_t seed = 1; seed <= 3; seed++) {
        rgraph g;
        random_graph(&g, 30, 30, 50, seed * 7919);
        int ce[30], ch[30];
        ent_frustration_info ie, ih;
        ent_balance_options o;
        ent_balance_options_init(&o);
        assert_int_equal(ent_frustration(g.n, g.from, g.to, g.sign, g.m, &o, ce, &ie), 0);
        assert_true(ie.exact);
        assert_int_equal(ie.parts_heuristic, 0);
        o.exact_max = 0;
        assert_int_equal(ent_frustration(g.n, g.from, g.to, g.sign, g.m, &o, ch, &ih), 0);
        assert_false(ih.exact);
        assert_int_equal(ih.parts_heuristic, ih.parts);
        assert_int_equal(ih.frustration, ie.frustration);
        assert_true(ih.lower_bound <= ie.frustration);
        assert_int_equal(against_split(&g, ce), ie.frustration);
        assert_int_equal(against_split(&g, ch), ih.frustration);
        /* and again: the same camps */
        int again[30];
        assert_int_equal(ent_frustration(g.n, g.from, g.to, g.sign, g.m, &o, again, &ih), 0);
        assert_memory_equal(again, ch, sizeof again);
    }
}

/* A budget too small for the search: the heuristic's answer, said to be one. */
static void budget_falls_back_to_heuristic(void **state)
{
    (void)state;
    rgraph g;
    random_graph(&g, 40, 40, 50, 99);
    int camp[40];
    ent_frustration_info info;
    ent_balance_options o;
    ent_balance_options_init(&o);
    o.node_budget = 10;
    assert_int_equal(ent_frustration(g.n, g.from, g.to, g.sign, g.m, &o, camp, &info), 0);
    assert_false(info.exact);
    assert_int_equal(info.parts_over_budget, 1);
    assert_true(info.lower_bound <= info.frustration);
    assert_int_equal(against_split(&g, camp), info.frustration);
}

/* Several parts, a pendant chain and a lone pair: camps are named per part
 * (its first vertex in camp 1) and every tie outside a cycle is honoured. */
static void parts_and_pendants(void **state)
{
    (void)state;
    /* part 1: the --- triangle 0 1 2 with a chain 2 -(-) 3 -(+) 4;
     * part 2: 5 -(-) 6; part 3: the ++- triangle 7 8 9 */
    const uint32_t from[] = {1, 2, 0, 3, 3, 6, 7, 8, 9};
    const uint32_t to[] = {0, 1, 2, 2, 4, 5, 8, 9, 7};
    const int sign[] = {-1, -1, -1, -1, 1, -1, 1, 1, -1};
    int camp[10];
    ent_frustration_info info;
    assert_int_equal(ent_frustration(10, from, to, sign, 9, NULL, camp, &info), 0);
    assert_int_equal(info.frustration, 2);
    assert_true(info.exact);
    assert_int_equal(info.parts, 2); /* the two triangles; the rest is set aside */
    assert_int_equal(camp[0], 1);
    assert_int_equal(camp[5], 1);
    assert_int_equal(camp[6], 2);
    assert_int_equal(camp[7], 1);
    assert_int_equal(camp[3], camp[2] == 1 ? 2 : 1); /* negative tie honoured */
    assert_int_equal(camp[4], camp[3]);              /* positive tie honoured */
    size_t counts[4];
    assert_int_equal(ent_signed_triangles(10, from, to, sign, 9, counts), 0);
    assert_int_equal(counts[1], 1);
    assert_int_equal(counts[3], 1);
}

static void bad_ties_are_refused(void **state)
{
    (void)state;
    const uint32_t from[] = {0, 1}, to[] = {1, 0};
    const int sign[] = {1, 1}, bad_sign[] = {2, 1};
    const uint32_t loop[] = {1}, out_of_range[] = {5};
    size_t counts[4];
    int camp[2];
    ent_frustration_info info;
    double w;
    assert_int_equal(ent_signed_triangles(2, from, to, sign, 2, counts), ENT_EUSAGE);
    assert_int_equal(ent_frustration(2, from, to, bad_sign, 1, NULL, camp, &info), ENT_EUSAGE);
    assert_int_equal(ent_walk_balance(2, loop, loop, sign, 1, &w), ENT_EUSAGE);
    assert_int_equal(ent_walk_balance(2, from, out_of_range, sign, 1, &w), ENT_EUSAGE);
    assert_int_equal(ent_walk_balance(0, NULL, NULL, NULL, 0, &w), 0);
    assert_true(isnan(w));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gahuku_gama_published_scores),
        cmocka_unit_test(output_is_reproducible),
        cmocka_unit_test(two_camps_balanced),
        cmocka_unit_test(one_flipped_tie),
        cmocka_unit_test(all_negative_triangle),
        cmocka_unit_test(opposite_stances_combine),
        cmocka_unit_test(alliance_closes_a_triangle),
        cmocka_unit_test(change_between_dates),
        cmocka_unit_test(triangles_match_brute_force),
        cmocka_unit_test(walk_balance_matches_power_series),
        cmocka_unit_test(exact_matches_every_split),
        cmocka_unit_test(exact_and_heuristic_agree),
        cmocka_unit_test(budget_falls_back_to_heuristic),
        cmocka_unit_test(parts_and_pendants),
        cmocka_unit_test(bad_ties_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
