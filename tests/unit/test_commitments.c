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
    ent_load_input in = {"c.json", doc, strlen(doc)};
    ent_load_options o = {0, 1};
    ent_diags *d = ent_diags_new();
    int rc = ent_load_inputs(&graph, &in, 1, &o, d);
    ent_diags_free(d);
    return rc;
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
    assert_int_equal(ent_resolve_when(graph, date, &day, NULL), 0);
    ent_view *v;
    assert_int_equal(ent_view_new(&v, graph, day, NULL), 0);
    return v;
}

static const char *verdict_of(const ent_table *t, const char *bound, const char *prot)
{
    for (size_t r = 0; r < ent_table_rows(t); r++)
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
    assert_int_equal(ent_table_rows(t), 3); /* the club binds nobody */
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
    assert_int_equal(ent_table_rows(t), 1);
    assert_int_equal(ent_table_int(t, 0, 1), 2);
    assert_string_equal(ent_table_string(t, 0, 2), "negative");
    assert_string_equal(ent_table_string(t, 0, 3), "force +> x -> a");
    ent_table_free(t);
    /* force reaches c directly (the mandate), and through x (-> c): the
     * shortest is the direct one. */
    assert_int_equal(ent_path_table(&t, v, force, c, 0), 0);
    assert_int_equal(ent_table_rows(t), 1);
    assert_string_equal(ent_table_string(t, 0, 2), "positive");
    ent_table_free(t);
    /* No path from a to force. */
    assert_int_equal(ent_path_table(&t, v, a, force, 0), 0);
    assert_int_equal(ent_table_rows(t), 0);
    ent_table_free(t);
    ent_view_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(kept_ignored_broken),
        cmocka_unit_test(signed_paths),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
