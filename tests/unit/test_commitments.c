/*
 * test_commitments.c: obligations kept, ignored and broken, and signed
 * paths, on a small hand-built graph whose answers are known.
 */
#include "test_common.h"

static const char *doc =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [\n"
    "  {\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},\n"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},\n"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},\n"
    "  {\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},\n"
    "  {\"id\": \"pact\", \"name\": \"Pact\", \"kind\": \"alliance\", \"collective_defense\": "
    "true},\n"
    "  {\"id\": \"club\", \"name\": \"Club\", \"kind\": \"alliance\", \"collective_defense\": "
    "false},\n"
    "  {\"id\": \"force\", \"name\": \"Peacekeepers\", \"kind\": \"force\"}],\n"
    " \"relations\": [\n"
    /* kept: the guarantor of A sends aid when X attacks A */
    "  {\"source\": \"b\", \"target\": \"a\", \"type\": \"security_guarantee\", \"from\": "
    "\"2000\"},\n"
    "  {\"source\": \"x\", \"target\": \"a\", \"type\": \"attacks\", \"at\": \"2020-03\"},\n"
    "  {\"source\": \"b\", \"target\": \"a\", \"type\": \"aid_military\", \"at\": \"2020-04\"},\n"
    /* ignored: C asks the Pact for help and gets nothing */
    "  {\"source\": \"c\", \"target\": \"pact\", \"type\": \"member_of\", \"from\": \"2001\"},\n"
    "  {\"source\": \"c\", \"target\": \"pact\", \"type\": \"requests_help\", \"at\": "
    "\"2020-05\"},\n"
    /* broken: the force cooperates with X, which blockades the one it protects */
    "  {\"source\": \"force\", \"target\": \"c\", \"type\": \"peacekeeping_mandate\", \"from\": "
    "\"2005\"},\n"
    "  {\"source\": \"x\", \"target\": \"c\", \"type\": \"blockades\", \"from\": \"2020-01\"},\n"
    "  {\"source\": \"force\", \"target\": \"x\", \"type\": \"cooperates_with\", \"from\": "
    "\"2020-02\"},\n"
    /* no obligation: a club without collective defence */
    "  {\"source\": \"a\", \"target\": \"club\", \"type\": \"member_of\", \"from\": \"2001\"}\n"
    " ]}";

static ent_graph *graph;

static int setup(void **state)
{
    (void)state;
    graph = load_string(doc);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ent_graph_free(graph);
    return 0;
}

static ent_view *on(const char *date)
{
    int32_t day;
    assert_int_equal(ent_graph_resolve_when(graph, date, &day, NULL), 0);
    ent_view *v;
    assert_int_equal(ent_view_new(&v, graph, day, NULL), 0);
    return v;
}

static const char *verdict_of(const ent_table *t, const char *bound, const char *prot)
{
    for (size_t r = 0; r < ent_table_row_count(t); r++)
        if (!strcmp(ent_table_string(t, r, 0), bound) && !strcmp(ent_table_string(t, r, 1), prot))
            return ent_table_string(t, r, 2);
    return "absent";
}

static void kept_ignored_broken(void **state)
{
    (void)state;
    ent_view *v = on("2020-06-30");
    ent_table *t;
    assert_int_equal(ent_commitments_table(&t, v), 0);
    assert_int_equal(ent_table_row_count(t), 3); /* the club binds nobody */
    assert_string_equal(verdict_of(t, "b", "a"), "kept");
    assert_string_equal(verdict_of(t, "pact", "c"), "ignored");
    assert_string_equal(verdict_of(t, "force", "c"), "broken");
    assert_non_null(strstr(ent_table_string(t, 2, 5), "cooperates_with"));
    ent_table_free(t);
    ent_view_free(v);
    /* Before anything happened, nothing was tested. */
    v = on("2019");
    assert_int_equal(ent_commitments_table(&t, v), 0);
    assert_string_equal(verdict_of(t, "b", "a"), "not tested");
    assert_string_equal(verdict_of(t, "pact", "c"), "not tested");
    assert_string_equal(verdict_of(t, "force", "c"), "not tested");
    ent_table_free(t);
    ent_view_free(v);
}

/*
 * Fellow members of a defence league: p1, p2, p3 members since 2001, p5
 * until 2015; p1 and p4 members of a forum without collective defence. In
 * the window before 2020-06-30, p3 attacks p1 and p2 sends p1 military aid.
 * By hand, one row per membership in force (league, then each fellow in
 * graph order): league/p1 ignored (p1 attacked, the league did nothing),
 * p2/p1 kept (aid), p3/p1 broken (it attacked the member it is bound to
 * defend); league/p2, p1/p2, p3/p2, league/p3, p1/p3, p2/p3 not tested
 * (nothing called for action, nobody acted against them). Nine rows; p5's
 * membership has ended and the forum binds nobody.
 */
static const char *league =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [\n"
    "  {\"id\": \"p1\", \"name\": \"P1\", \"kind\": \"state\"},\n"
    "  {\"id\": \"p2\", \"name\": \"P2\", \"kind\": \"state\"},\n"
    "  {\"id\": \"p3\", \"name\": \"P3\", \"kind\": \"state\"},\n"
    "  {\"id\": \"p4\", \"name\": \"P4\", \"kind\": \"state\"},\n"
    "  {\"id\": \"p5\", \"name\": \"P5\", \"kind\": \"state\"},\n"
    "  {\"id\": \"league\", \"name\": \"League\", \"kind\": \"alliance\", "
    "\"collective_defense\": true},\n"
    "  {\"id\": \"forum\", \"name\": \"Forum\", \"kind\": \"alliance\", "
    "\"collective_defense\": false}],\n"
    " \"relations\": [\n"
    "  {\"id\": \"l1\", \"source\": \"p1\", \"target\": \"league\", \"type\": \"member_of\", "
    "\"from\": \"2001\"},\n"
    "  {\"id\": \"l2\", \"source\": \"p2\", \"target\": \"league\", \"type\": \"member_of\", "
    "\"from\": \"2001\"},\n"
    "  {\"id\": \"l3\", \"source\": \"p3\", \"target\": \"league\", \"type\": \"member_of\", "
    "\"from\": \"2001\"},\n"
    "  {\"id\": \"l5\", \"source\": \"p5\", \"target\": \"league\", \"type\": \"member_of\", "
    "\"from\": \"2001\", \"to\": \"2015\"},\n"
    "  {\"id\": \"f1\", \"source\": \"p1\", \"target\": \"forum\", \"type\": \"member_of\", "
    "\"from\": \"2001\"},\n"
    "  {\"id\": \"f4\", \"source\": \"p4\", \"target\": \"forum\", \"type\": \"member_of\", "
    "\"from\": \"2001\"},\n"
    "  {\"id\": \"hit\", \"source\": \"p3\", \"target\": \"p1\", \"type\": \"attacks\", \"at\": "
    "\"2020-03\"},\n"
    "  {\"id\": \"aid\", \"source\": \"p2\", \"target\": \"p1\", \"type\": \"aid_military\", "
    "\"at\": \"2020-04\"}\n"
    " ]}";

static void fellow_members_bound(void **state)
{
    (void)state;
    ent_graph *g = NULL;
    ent_load_input in = {"league.json", league, strlen(league)};
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_diags *d = NULL;
    ent_diags_new(&d);
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), 0);
    ent_diags_free(d);
    int32_t day;
    assert_int_equal(ent_graph_resolve_when(g, "2020-06-30", &day, NULL), 0);
    ent_view *v;
    assert_int_equal(ent_view_new(&v, g, day, NULL), 0);
    ent_table *t;
    assert_int_equal(ent_commitments_table(&t, v), 0);
    static const char *const want[][3] = {
        {"league", "p1", "ignored"},    {"p2", "p1", "kept"},       {"p3", "p1", "broken"},
        {"league", "p2", "not tested"}, {"p1", "p2", "not tested"}, {"p3", "p2", "not tested"},
        {"league", "p3", "not tested"}, {"p1", "p3", "not tested"}, {"p2", "p3", "not tested"},
    };
    assert_int_equal(ent_table_row_count(t), 9);
    for (size_t r = 0; r < 9; r++) {
        assert_string_equal(ent_table_string(t, r, 0), want[r][0]);
        assert_string_equal(ent_table_string(t, r, 1), want[r][1]);
        assert_string_equal(ent_table_string(t, r, 2), want[r][2]);
    }
    assert_string_equal(ent_table_string(t, 2, 3),
                        "fellow member of league: p3->league l3 member_of 2001..; "
                        "p1->league l1 member_of 2001..");
    assert_string_equal(ent_table_string(t, 2, 5), "p3->p1 hit attacks 2020-03");
    assert_string_equal(ent_table_string(t, 1, 5), "p2->p1 aid aid_military 2020-04");
    /* The attack calls p2 to act, not p3, which made it. */
    assert_string_equal(ent_table_string(t, 1, 4), "p3->p1 hit attacks 2020-03");
    assert_string_equal(ent_table_string(t, 2, 4), "");
    ent_table_free(t);
    ent_view_free(v);

    /* In 2010 p5 was a member too: four members, 4 + 4 * 3 = 16 rows. */
    assert_int_equal(ent_graph_resolve_when(g, "2010", &day, NULL), 0);
    assert_int_equal(ent_view_new(&v, g, day, NULL), 0);
    assert_int_equal(ent_commitments_table(&t, v), 0);
    assert_int_equal(ent_table_row_count(t), 16);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

static void signed_paths(void **state)
{
    (void)state;
    ent_view *v = on("2020-06-30");
    ent_table *t;
    uint32_t force = (uint32_t)ent_graph_actor_by_id(graph, "force");
    uint32_t a = (uint32_t)ent_graph_actor_by_id(graph, "a");
    uint32_t c = (uint32_t)ent_graph_actor_by_id(graph, "c");
    /* force +> x -> a: one path of length 2, negative. */
    assert_int_equal(ent_path_table(&t, v, force, a, 0), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_int_equal(ent_table_int(t, 0, 1), 2);
    assert_string_equal(ent_table_string(t, 0, 2), "negative");
    assert_string_equal(ent_table_string(t, 0, 3), "force +> x -> a");
    ent_table_free(t);
    /* force reaches c directly (the mandate), and through x (-> c): the
     * shortest is the direct one. */
    assert_int_equal(ent_path_table(&t, v, force, c, 0), 0);
    assert_int_equal(ent_table_row_count(t), 1);
    assert_string_equal(ent_table_string(t, 0, 2), "positive");
    ent_table_free(t);
    /* No path from a to force. */
    assert_int_equal(ent_path_table(&t, v, a, force, 0), 0);
    assert_int_equal(ent_table_row_count(t), 0);
    ent_table_free(t);
    ent_view_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kept_ignored_broken),
        cmocka_unit_test(signed_paths),
        cmocka_unit_test(fellow_members_bound),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
