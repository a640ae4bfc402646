/*
 * test_leverage.c: reliance and leverage (docs/analyses.md, "Leverage") on
 * graphs built for the test, every expected value worked out by hand in the
 * comment beside it: one graph per role, a telephone call against a standing
 * alliance, shares between two patrons, and a planted patron that refuses a
 * request and stops providing.
 */
#include <math.h>

#include "test_common.h"

#define CLOSE(a, b) assert_true(fabs((a) - (b)) < 1e-9)

/* Actors p, q (patrons), c, d (clients), league (a defence alliance) and club
 * (an alliance without collective defence), then the relations given. */
static ent_graph *graph_of(const char *relations)
{
    char doc[8192];
    snprintf(doc, sizeof doc,
             "{\"format\": \"entente/1\", \"actors\": ["
             "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"state\"},"
             "{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"state\"},"
             "{\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
             "{\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"},"
             "{\"id\": \"league\", \"name\": \"League\", \"kind\": \"alliance\","
             " \"collective_defense\": true},"
             "{\"id\": \"club\", \"name\": \"Club\", \"kind\": \"alliance\","
             " \"collective_defense\": false}],"
             " \"relations\": [%s]}",
             relations);
    ent_graph *g;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION,
                          .allow_missing_evidence = 1}; /* no warnings about missing evidence */
    ent_load_input in = {"test.json", doc, strlen(doc)};
    int rc = ent_load_inputs(&g, &in, 1, &o, d);
    for (size_t i = 0; i < ent_diags_count(d); i++)
        fprintf(stderr, "%s\n", ent_diags_get(d, i)->message);
    assert_int_equal(rc, 0);
    assert_int_equal(ent_diags_count(d), 0);
    ent_diags_free(d);
    return g;
}

/* The leverage of every actor of g on `date`, indexed like the actors. */
static void leverage_on(const ent_graph *g, const char *date, double out[6])
{
    ent_view *v = view_at(g, date);
    ent_metrics *m;
    assert_int_equal(ent_metrics_compute(&m, v, 1u << ENT_METRIC_LEVERAGE), 0);
    for (size_t a = 0; a < 6; a++) {
        double x = m->values[ENT_METRIC_LEVERAGE][a];
        out[a] = isnan(x) ? 0 : x;
    }
    ent_metrics_free(m);
    ent_view_free(v);
}

enum { P, Q, C, D, LEAGUE, CLUB };

/* The leverage of p with one relation, and of everybody else 0. */
static double one_relation(const char *rel, int holder)
{
    ent_graph *g = graph_of(rel);
    double l[6];
    leverage_on(g, "2020-12-31", l);
    for (int a = 0; a < 6; a++)
        if (a != holder)
            CLOSE(l[a], 0);
    ent_graph_free(g);
    return l[holder];
}

static void one_graph_per_role(void **state)
{
    (void)state;
    /* provides, deeds, durable: support_military 7.4 counts whole. */
    CLOSE(one_relation("{\"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\","
                       " \"from\": \"2020\"}",
                       P),
          7.4);
    /* provides, words, durable: support_diplomatic 3.5 halved = 1.75. */
    CLOSE(one_relation("{\"source\": \"p\", \"target\": \"c\", \"type\": \"support_diplomatic\","
                       " \"from\": \"2020\"}",
                       P),
          1.75);
    /* provides, deeds, an event: aid_military 8.3 halved = 4.15. */
    CLOSE(
        one_relation(
            "{\"source\": \"p\", \"target\": \"c\", \"type\": \"aid_military\", \"at\": \"2020\"}",
            P),
        4.15);
    /* seeks, words, an event: c asks p for help, 3.4 / 4 = 0.85, held by p. */
    CLOSE(
        one_relation(
            "{\"source\": \"c\", \"target\": \"p\", \"type\": \"requests_help\", \"at\": \"2020\"}",
            P),
        0.85);
    /* yields, deeds (CAMEO 0874), an event: c surrenders to p, 10 / 2 = 5. */
    CLOSE(
        one_relation(
            "{\"source\": \"c\", \"target\": \"p\", \"type\": \"surrenders_to\", \"at\": \"2020\"}",
            P),
        5.0);
    /* structure: membership of a defence alliance, a promise: 6.0 / 2 = 3,
     * held by the alliance; of an alliance without collective defence: 0. */
    CLOSE(one_relation("{\"source\": \"c\", \"target\": \"league\", \"type\": \"member_of\","
                       " \"from\": \"2020\"}",
                       LEAGUE),
          3.0);
    CLOSE(one_relation("{\"source\": \"c\", \"target\": \"club\", \"type\": \"member_of\","
                       " \"from\": \"2020\"}",
                       CLUB),
          0.0);
    /* refuses alone: nothing to take from, reliance stays 0. */
    CLOSE(one_relation("{\"source\": \"p\", \"target\": \"c\", \"type\": \"rejects_request\","
                       " \"at\": \"2020\"}",
                       P),
          0.0);
    /* Roles that make nobody rely on anybody, at their strongest. */
    const char *none[] = {"negotiation", "mediation", "praise",   "condemns",
                          "threatens",   "attacks",   "statement"};
    for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
        char rel[256];
        snprintf(rel, sizeof rel,
                 "{\"source\": \"p\", \"target\": \"c\", \"type\": \"%s\", \"at\": \"2020\"}",
                 none[i]);
        CLOSE(one_relation(rel, P), 0.0);
    }
    const char *durable_none[] = {"partner_of", "ceasefire", "aligned_with", "blockades",
                                  "at_war_with"};
    for (size_t i = 0; i < sizeof durable_none / sizeof *durable_none; i++) {
        char rel[256];
        snprintf(rel, sizeof rel,
                 "{\"source\": \"p\", \"target\": \"c\", \"type\": \"%s\", \"from\": \"2020\"}",
                 durable_none[i]);
        CLOSE(one_relation(rel, P), 0.0);
    }
}

static void a_call_never_outweighs_an_alliance(void **state)
{
    (void)state;
    /* p is allied to c (8.0, CAMEO 057, words, durable: 4.0; an alliance is
     * symmetric, so c relies on p and p on c, 4.0 each); q calls c with the
     * strongest intensity the scale allows, ten times over. p: 4.0 * 4.0 /
     * 4.0 = 4.0; c: 4.0; q: 0. */
    char rels[4096] = "{\"source\": \"p\", \"target\": \"c\", \"type\": \"allied_with\", "
                      "\"from\": \"2019\"}";
    for (int i = 0; i < 10; i++) {
        char one[160];
        snprintf(one, sizeof one,
                 ", {\"source\": \"q\", \"target\": \"c\", \"type\": \"call\", \"at\": "
                 "\"2020-%02d\", \"intensity\": 10}",
                 i + 1);
        strcat(rels, one);
    }
    ent_graph *g = graph_of(rels);
    double l[6];
    leverage_on(g, "2020-12-31", l);
    CLOSE(l[P], 4.0);
    CLOSE(l[C], 4.0);
    CLOSE(l[Q], 0.0);
    ent_graph_free(g);
}

static void shares_between_two_patrons(void **state)
{
    (void)state;
    /* c relies on p for 7.4 (support_military) and on q for 1.75
     * (support_diplomatic, words): R(c) = 9.15. d relies on q alone for 4.15
     * (aid_military, an event). p: 7.4^2 / 9.15 = 5.98469945...; q: 1.75^2 /
     * 9.15 + 4.15 = 0.33469945... + 4.15 = 4.48469945... */
    ent_graph *g = graph_of(
        "{\"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\", \"from\": "
        "\"2020\"},"
        "{\"source\": \"q\", \"target\": \"c\", \"type\": \"support_diplomatic\", \"from\": "
        "\"2020\"},"
        "{\"source\": \"q\", \"target\": \"d\", \"type\": \"aid_military\", \"at\": \"2020-06\"}");
    double l[6];
    leverage_on(g, "2020-12-31", l);
    CLOSE(l[P], 7.4 * 7.4 / 9.15);
    CLOSE(l[Q], 1.75 * 1.75 / 9.15 + 4.15);
    CLOSE(l[C], 0);

    /* The pair table of c: relies on p (share 7.4 / 9.15) and q. */
    ent_view *v = view_at(g, "2020-12-31");
    ent_table *t;
    assert_int_equal(ent_leverage_table(&t, v, C), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    long dir = ent_table_column_index(t, "direction"), who = ent_table_column_index(t, "actor");
    long share = ent_table_column_index(t, "share"), lev = ent_table_column_index(t, "leverage");
    assert_string_equal(ent_table_string(t, 0, (size_t)dir), "relies on");
    assert_string_equal(ent_table_string(t, 0, (size_t)who), "p");
    CLOSE(ent_table_real(t, 0, (size_t)share), 7.4 / 9.15);
    CLOSE(ent_table_real(t, 0, (size_t)lev), 7.4 * 7.4 / 9.15);
    assert_string_equal(ent_table_string(t, 1, (size_t)who), "q");
    CLOSE(ent_table_real(t, 1, (size_t)share), 1.75 / 9.15);
    ent_table_free(t);
    /* The pair table of q: relied on by d (share 1), then c. */
    assert_int_equal(ent_leverage_table(&t, v, Q), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(ent_table_string(t, 0, (size_t)dir), "relied on by");
    assert_string_equal(ent_table_string(t, 0, (size_t)who), "d");
    CLOSE(ent_table_real(t, 0, (size_t)lev), 4.15);
    assert_string_equal(ent_table_string(t, 1, (size_t)who), "c");
    CLOSE(ent_table_real(t, 1, (size_t)lev), 1.75 * 1.75 / 9.15);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

/* A refusal takes from the reliance on the refusing patron, never below 0,
 * and the relation itself reports what it adds. */
static void refusals_take_from_reliance(void **state)
{
    (void)state;
    /* p supports c (7.4) and turned down c's request (4.0, words, an event:
     * -1.0); c's request itself adds 0.85: 7.4 + 0.85 - 1.0 = 7.25. */
    ent_graph *g = graph_of(
        "{\"id\": \"s\", \"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\", "
        "\"from\": \"2020\"},"
        "{\"id\": \"ask\", \"source\": \"c\", \"target\": \"p\", \"type\": \"requests_help\", "
        "\"at\": \"2020-05\"},"
        "{\"id\": \"no\", \"source\": \"p\", \"target\": \"c\", \"type\": \"rejects_request\", "
        "\"at\": \"2020-06\"}");
    double l[6];
    leverage_on(g, "2020-12-31", l);
    CLOSE(l[P], 7.25);
    ent_view *v = view_at(g, "2020-12-31");
    ent_reliance d[2];
    assert_int_equal(ent_relation_reliance(v, 2, d), 1);
    assert_int_equal(d[0].client, C);
    assert_int_equal(d[0].patron, P);
    CLOSE(d[0].amount, -1.0);
    assert_int_equal(ent_relation_reliance(v, 1, d), 1);
    assert_int_equal(d[0].client, C);
    assert_int_equal(d[0].patron, P);
    CLOSE(d[0].amount, 0.85);
    ent_view_free(v);
    /* On 2019-12-31 nothing is in force. */
    leverage_on(g, "2019-12-31", l);
    CLOSE(l[P], 0);
    ent_graph_free(g);
}

/* The contribution of the explain row whose relations mention `needle`. */
static double contribution_of(const ent_table *t, const char *needle)
{
    long rel = ent_table_column_index(t, "relations");
    long con = ent_table_column_index(t, "contribution");
    for (size_t r = 0; r < ent_table_row_count(t); r++)
        if (strstr(ent_table_string(t, r, (size_t)rel), needle))
            return ent_table_real(t, r, (size_t)con);
    fail_msg("no explain row mentions %s", needle);
    return NAN;
}

static void planted_patron_loses_its_leverage(void **state)
{
    (void)state;
    /* p supports c and d militarily until the end of 2019. In May 2020 c asks
     * p for help and in June p turns it down. On 2019-06-30 each client relies
     * on p alone for 7.4: leverage 14.8. On 2020-12-31 c relies on p for
     * 0.85 - 1.0 < 0, so 0, and d for nothing: leverage 0.
     * Explained one change at a time on the later date:
     * - the edge p -> c (support then, refusal now) put back as it was: c
     *   relies on p for 7.4 + 0.85 = 8.25, so its contribution is -8.25;
     * - the edge p -> d (support, now gone) put back: 7.4, contribution -7.4;
     * - the request c -> p taken out: c's reliance stays at 0, contribution 0.
     * Sum -15.65 against a change of -14.8: 0.85 from changes acting together
     * (the request counts only while the support is there). */
    ent_graph *g = graph_of(
        "{\"id\": \"p-supports-c\", \"source\": \"p\", \"target\": \"c\", \"type\": "
        "\"support_military\", \"from\": \"2015\", \"to\": \"2019\"},"
        "{\"id\": \"p-supports-d\", \"source\": \"p\", \"target\": \"d\", \"type\": "
        "\"support_military\", \"from\": \"2015\", \"to\": \"2019\"},"
        "{\"id\": \"c-asks-p\", \"source\": \"c\", \"target\": \"p\", \"type\": \"requests_help\", "
        "\"at\": \"2020-05\"},"
        "{\"id\": \"p-refuses-c\", \"source\": \"p\", \"target\": \"c\", \"type\": "
        "\"rejects_request\", \"at\": \"2020-06\"}");
    double l[6];
    leverage_on(g, "2019-06-30", l);
    CLOSE(l[P], 14.8);
    leverage_on(g, "2020-12-31", l);
    CLOSE(l[P], 0.0);

    ent_view *a = view_at(g, "2019-06-30"), *b = view_at(g, "2020-12-31");
    ent_table *t;
    ent_analysis_options o = ENT_ANALYSIS_OPTIONS_INIT;
    assert_int_equal(ent_shift_table(&t, a, b, &o), 0);
    assert_string_equal(ent_table_string(t, 0, 0), "p"); /* the largest change */
    CLOSE(ent_table_real(t, 0, (size_t)ent_table_column_index(t, "change")), -14.8);
    ent_table_free(t);

    assert_int_equal(ent_explain_table(&t, a, b, P, &o), 0);
    /* The largest contribution first: the refusal that replaced the support. */
    const char *first = ent_table_string(t, 0, (size_t)ent_table_column_index(t, "relations"));
    assert_non_null(strstr(first, "p-refuses-c rejects_request"));
    assert_non_null(strstr(first, "p-supports-c support_military"));
    CLOSE(contribution_of(t, "p-refuses-c"), -8.25);
    CLOSE(contribution_of(t, "p-supports-d"), -7.4);
    CLOSE(contribution_of(t, "c-asks-p"), 0.0);
    ent_table_free(t);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/* A relation of a symmetric type stands behind the edges of both directions. */
static void symmetric_ties_hold_both_ways(void **state)
{
    (void)state;
    ent_graph *g = graph_of(
        "{\"source\": \"p\", \"target\": \"c\", \"type\": \"allied_with\", \"from\": \"2020\"},"
        "{\"source\": \"q\", \"target\": \"d\", \"type\": \"at_war_with\", \"from\": \"2020\"},"
        "{\"source\": \"q\", \"target\": \"c\", \"type\": \"support_military\", \"from\": "
        "\"2020\"}");
    ent_view *v = view_at(g, "2020-12-31");
    assert_int_equal(ent_view_edge_count(v), 5); /* p<->c, q<->d, q->c */
    const ent_edge *pc = ent_view_find_edge(v, P, C), *cp = ent_view_find_edge(v, C, P);
    assert_non_null(pc);
    assert_non_null(cp);
    CLOSE(pc->weight, 8.0);
    CLOSE(cp->weight, 8.0);
    assert_int_equal(cp->n_relations, 1);
    assert_int_equal(cp->relations[0], 0);
    CLOSE(ent_view_find_edge(v, D, Q)->weight, -10.0);
    assert_null(ent_view_find_edge(v, C, Q)); /* support is one-way */
    ent_reliance d[2];
    assert_int_equal(ent_relation_reliance(v, 0, d), 2); /* each ally relies on the other */
    assert_int_equal(d[1].client, P);
    assert_int_equal(d[1].patron, C);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_graph_per_role),
        cmocka_unit_test(a_call_never_outweighs_an_alliance),
        cmocka_unit_test(shares_between_two_patrons),
        cmocka_unit_test(refusals_take_from_reliance),
        cmocka_unit_test(planted_patron_loses_its_leverage),
        cmocka_unit_test(symmetric_ties_hold_both_ways),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
