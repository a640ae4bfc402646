/*
 * test_forces.c: a force under a state's command (commanded_by) acts for it
 * (docs/analyses.md): in who and whom its acts count as the commander's,
 * marked "through a force it commands", and its obligations bind the
 * commander in commitments, judged by the commander's acts and its forces'.
 * Expected answers worked out by hand from the graph below.
 */
#include "test_common.h"

/* Peacekeepers under Rus's command since 2020-11-10 hold a mandate to protect
 * Pop; from 2022-12-12 Az blockades Pop and the peacekeepers cooperate with
 * Az. Other, a force without a commander, supports Pop. */
static const char *doc =
    "{\"format\": \"entente/1\", \"actors\": ["
    "{\"id\": \"rus\", \"name\": \"Rus\", \"kind\": \"state\"},"
    "{\"id\": \"pk\", \"name\": \"Peacekeepers\", \"kind\": \"force\"},"
    "{\"id\": \"pop\", \"name\": \"Population\", \"kind\": \"group\"},"
    "{\"id\": \"az\", \"name\": \"Az\", \"kind\": \"state\"},"
    "{\"id\": \"other\", \"name\": \"Other\", \"kind\": \"force\"}],"
    " \"relations\": ["
    "{\"id\": \"pk-cmd\", \"source\": \"pk\", \"target\": \"rus\", \"type\": \"commanded_by\","
    " \"from\": \"2020-11-10\"},"
    "{\"id\": \"pk-mandate\", \"source\": \"pk\", \"target\": \"pop\", \"type\": "
    "\"peacekeeping_mandate\", \"from\": \"2020-11-10\"},"
    "{\"id\": \"pk-coop-az\", \"source\": \"pk\", \"target\": \"az\", \"type\": "
    "\"cooperates_with\","
    " \"from\": \"2022-12-12\"},"
    "{\"id\": \"az-blockade\", \"source\": \"az\", \"target\": \"pop\", \"type\": \"blockades\","
    " \"from\": \"2022-12-12\"},"
    "{\"id\": \"other-supports\", \"source\": \"other\", \"target\": \"pop\", \"type\": "
    "\"support_humanitarian\", \"from\": \"2021-01-01\"}]}";

static ent_graph *load(void)
{
    ent_graph *g;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_load_input in = {"forces.json", doc, strlen(doc)};
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), 0);
    assert_int_equal(ent_diags_count(d), 0);
    ent_diags_free(d);
    return g;
}

static ent_table *who(const ent_graph *g, uint32_t actor, int reverse, const char *at)
{
    ent_view_options o;
    ent_view_options_init(&o);
    ent_date d;
    assert_int_equal(ent_date_parse(&d, at, strlen(at)), ENT_DATE_OK);
    ent_when w = {0, ent_date_last_day(d), 0, 0};
    ent_who_query q;
    memset(&q, 0, sizeof q);
    q.actor = actor;
    q.sign = 1;
    q.depth = 1;
    q.reverse = reverse;
    ent_table *t;
    assert_int_equal(ent_who_table(&t, g, &o, &w, &q), 0);
    return t;
}

static void a_force_acts_for_its_commander(void **state)
{
    (void)state;
    ent_graph *g = load();
    /* Who backed Pop in 2021: the peacekeepers (their mandate), Rus through
     * them, and Other, a force without a commander. */
    ent_table *t = who(g, 2, 0, "2021-06-30");
    assert_int_equal(ent_table_row_count(t), 3);
    long link = ent_table_column_index(t, "link");
    for (size_t r = 0; r < 3; r++) {
        const char *id = ent_table_string(t, r, 0);
        const char *how = ent_table_string(t, r, (size_t)link);
        if (strcmp(id, "rus") == 0)
            assert_string_equal(how, "through a force it commands");
        else
            assert_string_equal(how, "direct");
    }
    ent_table_free(t);
    /* Whom Rus backed in 2023: Pop (the mandate) and Az (the cooperation),
     * both through its force; before the command began, nobody. */
    t = who(g, 0, 1, "2023-01-31");
    assert_int_equal(ent_table_row_count(t), 2);
    ent_table_free(t);
    t = who(g, 0, 1, "2020-06-30");
    assert_int_equal(ent_table_row_count(t), 0);
    ent_table_free(t);
    ent_graph_free(g);
}

static void a_force_binds_its_commander(void **state)
{
    (void)state;
    ent_graph *g = load();
    int32_t day;
    assert_int_equal(ent_graph_resolve_when(g, "2023-01-31", &day, NULL), 0);
    ent_view *v;
    assert_int_equal(ent_view_new(&v, g, day, NULL), 0);
    ent_table *t;
    assert_int_equal(ent_commitments_table(&t, v), 0);
    /* The mandate binds the peacekeepers and Rus: both broken, since the
     * peacekeepers cooperate with Az, which blockades Pop. */
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(ent_table_string(t, 0, 0), "pk");
    assert_string_equal(ent_table_string(t, 0, 2), "broken");
    assert_string_equal(ent_table_string(t, 1, 0), "rus");
    assert_string_equal(ent_table_string(t, 1, 2), "broken");
    assert_non_null(strstr(ent_table_string(t, 1, 3), "force of rus: pk->pop pk-mandate"));
    assert_non_null(strstr(ent_table_string(t, 1, 5), "pk-coop-az"));
    ent_table_free(t);
    ent_view_free(v);
    /* In 2021 nothing called for action: not tested, for both. */
    assert_int_equal(ent_graph_resolve_when(g, "2021-06-30", &day, NULL), 0);
    assert_int_equal(ent_view_new(&v, g, day, NULL), 0);
    assert_int_equal(ent_commitments_table(&t, v), 0);
    assert_int_equal(ent_table_row_count(t), 2);
    assert_string_equal(ent_table_string(t, 1, 2), "not tested");
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_force_acts_for_its_commander),
        cmocka_unit_test(a_force_binds_its_commander),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
