/*
 * test_who.c: who backed or opposed whom, on a small hand-built graph whose
 * answers are known: a side switched on a date (Italy in 1943), a backer
 * known only from a claim by the backed party, backing through an alliance
 * (via), the enemy of an enemy at depth 2, and partial dates at the edges of
 * a --between period. Then, on a second graph, the fellow members of a
 * collective-defence alliance as backers bound by it.
 */
#include "test_common.h"

static const char *war =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [\n"
    "  {\"id\": \"italy\", \"name\": \"Italy\", \"kind\": \"state\"},\n"
    "  {\"id\": \"germany\", \"name\": \"Germany\", \"kind\": \"state\"},\n"
    "  {\"id\": \"britain\", \"name\": \"United Kingdom\", \"kind\": \"state\"},\n"
    "  {\"id\": \"ussr\", \"name\": \"Soviet Union\", \"kind\": \"state\"},\n"
    "  {\"id\": \"vichy\", \"name\": \"Vichy France\", \"kind\": \"state\"},\n"
    "  {\"id\": \"usa\", \"name\": \"United States\", \"kind\": \"state\"},\n"
    "  {\"id\": \"greece\", \"name\": \"Greece\", \"kind\": \"state\"},\n"
    "  {\"id\": \"turkey\", \"name\": \"Turkey\", \"kind\": \"state\"},\n"
    "  {\"id\": \"nato\", \"name\": \"NATO\", \"kind\": \"alliance\", \"collective_defense\": "
    "true}],\n"
    " \"relations\": [\n"
    "  {\"source\": \"italy\", \"target\": \"germany\", \"type\": \"allied_with\", "
    "\"from\": \"1939-05-22\", \"to\": \"1943-09\"},\n"
    "  {\"source\": \"italy\", \"target\": \"germany\", \"type\": \"at_war_with\", "
    "\"from\": \"1943-10\", \"to\": \"1945-05\"},\n"
    "  {\"source\": \"vichy\", \"target\": \"germany\", \"type\": \"cooperates_with\", "
    "\"from\": \"1940-07\", \"to\": \"1944-08\", \"status\": \"claimed\", \"claimed_by\": "
    "\"germany\"},\n"
    "  {\"source\": \"ussr\", \"target\": \"germany\", \"type\": \"at_war_with\", "
    "\"from\": \"1941-06-22\", \"to\": \"1945-05\"},\n"
    "  {\"source\": \"germany\", \"target\": \"britain\", \"type\": \"attacks\", "
    "\"at\": \"1944-06\"},\n"
    "  {\"source\": \"usa\", \"target\": \"greece\", \"type\": \"support_military\", "
    "\"from\": \"1952-01-01\", \"via\": \"nato\"},\n"
    "  {\"source\": \"turkey\", \"target\": \"nato\", \"type\": \"member_of\", \"from\": "
    "\"1952-02-18\"}\n"
    " ]}";

static ent_graph *graph;

static int setup(void **state)
{
    (void)state;
    graph = load_string(war);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ent_graph_free(graph);
    return 0;
}

static int32_t day(const char *s)
{
    ent_date d;
    assert_int_equal(ent_date_parse(&d, s, strlen(s)), ENT_DATE_OK);
    return ent_date_last_day(d);
}

/* The answer's table (the caller frees it): at AT, or between FROM and TO. */
static ent_table *query(const char *verb, const char *actor, const char *at, const char *from,
                        const char *to, unsigned depth, const ent_view_options *vo, int reverse)
{
    ent_who_query q;
    memset(&q, 0, sizeof q);
    assert_int_equal(ent_who_verb(graph, verb, &q, NULL), 0);
    q.actor = (uint32_t)ent_graph_actor_by_id(graph, actor);
    q.depth = depth;
    q.reverse = reverse;
    ent_when w;
    memset(&w, 0, sizeof w);
    if (at)
        w.day = day(at);
    else if (!from || !to)
        fail_msg("query() needs either AT or FROM and TO");
    else {
        ent_date f;
        ent_date_parse(&f, from, strlen(from));
        w.between = 1;
        w.first = ent_date_first_day(f);
        w.last = day(to);
    }
    ent_view_options o;
    ent_view_options_init(&o);
    ent_table *t;
    assert_int_equal(ent_who_table(&t, graph, vo ? vo : &o, &w, &q), 0);
    return t;
}

/* The actors of the answer, in order, as "a b c" (depth appended when > 1). */
static void ask(char *out, size_t cap, const char *verb, const char *actor, const char *at,
                const char *from, const char *to, unsigned depth, const ent_view_options *vo,
                int reverse)
{
    ent_table *t = query(verb, actor, at, from, to, depth, vo, reverse);
    out[0] = '\0';
    for (size_t r = 0; r < ent_table_row_count(t); r++) {
        size_t n = strlen(out);
        long long dep = ent_table_int(t, r, 2);
        if (dep > 1)
            snprintf(out + n, cap - n, "%s%s/%lld", r ? " " : "", ent_table_string(t, r, 0), dep);
        else
            snprintf(out + n, cap - n, "%s%s", r ? " " : "", ent_table_string(t, r, 0));
    }
    ent_table_free(t);
}

static void side_switch_before_during_after(void **state)
{
    (void)state;
    char a[256];
    ask(a, sizeof a, "backed", "germany", "1943-08-15", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "italy vichy");
    /* "to": "1943-09" covers all of September: still allied on the 30th. */
    ask(a, sizeof a, "backed", "germany", "1943-09-30", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "italy vichy");
    ask(a, sizeof a, "opposed", "germany", "1943-09-30", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "ussr");
    ask(a, sizeof a, "backed", "germany", "1943-10-01", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "vichy");
    /* "from": "1943-10" is some day of October: the war surely holds only from
     * the 31st (docs/analyses.md, "Partial dates"), so on the 1st Italy is on
     * neither side. */
    ask(a, sizeof a, "opposed", "germany", "1943-10-01", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "ussr");
    ask(a, sizeof a, "opposed", "germany", "1943-10-31", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "italy ussr"); /* equal strength (10): in graph order */
    /* Over the switch, Italy did both. */
    ask(a, sizeof a, "backed", "germany", NULL, "1943-09", "1943-10", 1, NULL, 0);
    assert_string_equal(a, "italy vichy");
    ask(a, sizeof a, "opposed", "germany", NULL, "1943-09", "1943-10", 1, NULL, 0);
    assert_string_equal(a, "italy ussr");
    /* The reverse: whom Italy backed, then opposed. */
    ask(a, sizeof a, "backed", "italy", "1942", NULL, NULL, 1, NULL, 1);
    assert_string_equal(a, "germany");
    ask(a, sizeof a, "opposed", "italy", "1944", NULL, NULL, 1, NULL, 1);
    assert_string_equal(a, "germany");
}

static void claims_can_be_left_out(void **state)
{
    (void)state;
    char a[256];
    ent_view_options o;
    ent_view_options_init(&o);
    o.status_mask = 1u << ENT_STATUS_CONFIRMED | 1u << ENT_STATUS_REPORTED;
    ask(a, sizeof a, "backed", "germany", "1942", NULL, NULL, 1, &o, 0);
    assert_string_equal(a, "italy");
    ent_view_options_init(&o);
    uint32_t germany = (uint32_t)ent_graph_actor_by_id(graph, "germany");
    o.exclude_claims_by = &germany;
    o.n_exclude = 1;
    ask(a, sizeof a, "backed", "germany", "1942", NULL, NULL, 1, &o, 0);
    assert_string_equal(a, "italy");
}

static void backing_through_an_alliance(void **state)
{
    (void)state;
    char a[256];
    /* The US acts via NATO, so NATO backs Greece too, and NATO's member
     * Turkey backs Greece at depth 2. */
    ask(a, sizeof a, "backed", "greece", "1953", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "usa nato");
    ask(a, sizeof a, "backed", "greece", "1953", NULL, NULL, 2, NULL, 0);
    assert_string_equal(a, "usa nato turkey/2");
    /* Before Turkey joined, no indirect backer. */
    ask(a, sizeof a, "backed", "greece", "1952-02-17", NULL, NULL, 2, NULL, 0);
    assert_string_equal(a, "usa nato");
    ask(a, sizeof a, "backed", "nato", "1953", NULL, NULL, 1, NULL, 1);
    assert_string_equal(a, "greece");
}

static void enemy_of_an_enemy(void **state)
{
    (void)state;
    char a[256];
    /* Germany attacked Britain in June 1944 (window: the year before); the
     * USSR, at war with Germany, backs Britain at depth 2. */
    ask(a, sizeof a, "backed", "britain", "1944-07-01", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "");
    ask(a, sizeof a, "backed", "britain", "1944-07-01", NULL, NULL, 2, NULL, 0);
    assert_string_equal(a, "italy/2 ussr/2");
    ask(a, sizeof a, "opposed", "britain", "1944-07-01", NULL, NULL, 2, NULL, 0);
    assert_string_equal(a, "germany vichy/2");
}

static void partial_dates_at_the_edges_of_between(void **state)
{
    (void)state;
    char a[256];
    /* The attack is dated "1944-06": it surely happened by 30 June, so a
     * period has it when it reaches 30 June (docs/analyses.md, "Partial
     * dates"), not when it only touches the start of the month. */
    ask(a, sizeof a, "attacked", "britain", NULL, "1944-06-30", "1944-07", 1, NULL, 0);
    assert_string_equal(a, "germany");
    ask(a, sizeof a, "attacked", "britain", NULL, "1944-01", "1944-06-01", 1, NULL, 0);
    assert_string_equal(a, "");
    ask(a, sizeof a, "attacked", "britain", NULL, "1944-01", "1944-06", 1, NULL, 0);
    assert_string_equal(a, "germany");
    ask(a, sizeof a, "attacked", "britain", NULL, "1944-07", "1944-12", 1, NULL, 0);
    assert_string_equal(a, "");
    ask(a, sizeof a, "attacked", "britain", NULL, "1943", "1944-05", 1, NULL, 0);
    assert_string_equal(a, "");
}

/*
 * Fellow members. fr, de and it are members of the defence pact "atlantic"
 * (it only by its own claim), es was one until 2005; fr and gr are members
 * of "club", which has no collective defence. de also backs fr directly from
 * 2009, and x backs it. Worked out by hand from the membership rules:
 *   who backed fr on 2010: de (direct, and bound), it (bound only), not es
 *     (its membership ended in 2005), not gr (the club binds nobody);
 *   the same without it's claims: de;
 *   between 2003 and 2004: de, it, es, all bound only (de's support starts
 *     in 2009), in graph order;
 *   depth 2 on 2010: x backs it, which is bound to fr;
 *   whom fr backed on 2010: its memberships (atlantic, club: direct, +6
 *     each, graph order) then de and it, bound.
 */
static const char *pact =
    "{\"format\": \"entente/1\",\n"
    " \"actors\": [\n"
    "  {\"id\": \"fr\", \"name\": \"France\", \"kind\": \"state\"},\n"
    "  {\"id\": \"de\", \"name\": \"Germany\", \"kind\": \"state\"},\n"
    "  {\"id\": \"it\", \"name\": \"Italy\", \"kind\": \"state\"},\n"
    "  {\"id\": \"es\", \"name\": \"Spain\", \"kind\": \"state\"},\n"
    "  {\"id\": \"gr\", \"name\": \"Greece\", \"kind\": \"state\"},\n"
    "  {\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},\n"
    "  {\"id\": \"atlantic\", \"name\": \"Atlantic Pact\", \"kind\": \"alliance\", "
    "\"collective_defense\": true},\n"
    "  {\"id\": \"club\", \"name\": \"Club\", \"kind\": \"alliance\", \"collective_defense\": "
    "false}],\n"
    " \"relations\": [\n"
    "  {\"id\": \"m-fr\", \"source\": \"fr\", \"target\": \"atlantic\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"m-de\", \"source\": \"de\", \"target\": \"atlantic\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"m-it\", \"source\": \"it\", \"target\": \"atlantic\", \"type\": \"member_of\", "
    "\"from\": \"2000\", \"status\": \"claimed\", \"claimed_by\": \"it\"},\n"
    "  {\"id\": \"m-es\", \"source\": \"es\", \"target\": \"atlantic\", \"type\": \"member_of\", "
    "\"from\": \"2000\", \"to\": \"2005\"},\n"
    "  {\"id\": \"c-fr\", \"source\": \"fr\", \"target\": \"club\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"c-gr\", \"source\": \"gr\", \"target\": \"club\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"de-fr\", \"source\": \"de\", \"target\": \"fr\", \"type\": "
    "\"support_political\", \"from\": \"2009\"},\n"
    "  {\"id\": \"x-it\", \"source\": \"x\", \"target\": \"it\", \"type\": \"support_military\", "
    "\"from\": \"2009\"}\n"
    " ]}";

static void fellow_members_are_bound(void **state)
{
    (void)state;
    ent_graph *saved = graph;
    ent_load_input in = {"pact.json", pact, strlen(pact)};
    ent_load_options lo = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_diags *d = NULL;
    ent_diags_new(&d);
    assert_int_equal(ent_load_inputs(&graph, &in, 1, &lo, d), 0);
    ent_diags_free(d);

    char a[256];
    ask(a, sizeof a, "backed", "fr", "2010", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "de it");
    ask(a, sizeof a, "backed", "fr", NULL, "2003", "2004", 1, NULL, 0);
    assert_string_equal(a, "de it es");
    ask(a, sizeof a, "backed", "fr", "2010", NULL, NULL, 2, NULL, 0);
    assert_string_equal(a, "de it x/2");
    ask(a, sizeof a, "backed", "fr", "2010", NULL, NULL, 1, NULL, 1);
    assert_string_equal(a, "atlantic club de it");
    ask(a, sizeof a, "opposed", "fr", "2010", NULL, NULL, 2, NULL, 0);
    assert_string_equal(a, "");
    /* Greece is bound to nobody: the club has no collective defence. */
    ask(a, sizeof a, "backed", "gr", "2010", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "");
    /* Italy's membership rests on its own claim. */
    ent_view_options o;
    ent_view_options_init(&o);
    uint32_t it = (uint32_t)ent_graph_actor_by_id(graph, "it");
    o.exclude_claims_by = &it;
    o.n_exclude = 1;
    ask(a, sizeof a, "backed", "fr", "2010", NULL, NULL, 1, &o, 0);
    assert_string_equal(a, "de");
    o.n_exclude = 0;
    o.status_mask = 1u << ENT_STATUS_REPORTED; /* the default status of the others */
    ask(a, sizeof a, "backed", "fr", "2010", NULL, NULL, 1, &o, 0);
    assert_string_equal(a, "de");

    /* The rows say how: direct and bound, bound only, and the chain. */
    ent_table *t = query("backed", "fr", "2010", NULL, NULL, 2, NULL, 0);
    assert_int_equal(ent_table_row_count(t), 3);
    assert_string_equal(ent_table_string(t, 0, 3), "direct; bound by alliance atlantic");
    assert_string_equal(ent_table_string(t, 0, 4),
                        "de->fr de-fr support_political 2009..; bound by alliance atlantic: "
                        "de->atlantic m-de member_of 2000.., fr->atlantic m-fr member_of 2000..");
    assert_string_equal(ent_table_string(t, 1, 3), "bound by alliance atlantic");
    assert_string_equal(ent_table_string(t, 1, 4),
                        "bound by alliance atlantic: it->atlantic m-it member_of 2000.. "
                        "[claimed by it], fr->atlantic m-fr member_of 2000..");
    assert_string_equal(ent_table_string(t, 2, 3), "backs it, which is bound by alliance to fr");
    ent_table_free(t);
    t = query("backed", "fr", "2010", NULL, NULL, 1, NULL, 1);
    assert_string_equal(ent_table_string(t, 2, 3), "bound by alliance atlantic");
    ent_table_free(t);

    ent_graph_free(graph);
    graph = saved;
}

static void verbs(void **state)
{
    (void)state;
    ent_who_query q;
    const char *guess;
    assert_int_equal(ent_who_verb(graph, "condemned", &q, NULL), 0);
    assert_string_equal(q.kind, "condemns");
    assert_int_equal(ent_who_verb(graph, "occupied", &q, NULL), 0);
    assert_string_equal(q.kind, "occupies");
    assert_int_equal(ent_who_verb(graph, "praised", &q, NULL), 0);
    assert_string_equal(q.kind, "praise");
    assert_int_equal(ent_who_verb(graph, "mediated", &q, NULL), 0);
    assert_string_equal(q.kind, "mediation");
    assert_int_equal(ent_who_verb(graph, "force", &q, NULL), 0);
    assert_string_equal(q.kind, "force");
    assert_int_equal(ent_who_verb(graph, "attakced", &q, &guess), -1);
    assert_non_null(guess);
    assert_string_equal(guess, "attacks");
}

/* Requests for help, surrenders, mediations and calls back nobody: only the
 * supporter and the one who praised are p's backers; the caller, the mediator,
 * the one asking p for help and the one surrendering to p are not. */
static void roles_that_back_nobody(void **state)
{
    (void)state;
    const char *doc =
        "{\"format\": \"entente/1\", \"actors\": ["
        "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"state\"},"
        "{\"id\": \"sup\", \"name\": \"Supporter\", \"kind\": \"state\"},"
        "{\"id\": \"fan\", \"name\": \"Admirer\", \"kind\": \"state\"},"
        "{\"id\": \"caller\", \"name\": \"Caller\", \"kind\": \"state\"},"
        "{\"id\": \"med\", \"name\": \"Mediator\", \"kind\": \"organization\"},"
        "{\"id\": \"asker\", \"name\": \"Asker\", \"kind\": \"group\"},"
        "{\"id\": \"loser\", \"name\": \"Loser\", \"kind\": \"force\"}],"
        " \"relations\": ["
        "{\"source\": \"sup\", \"target\": \"p\", \"type\": \"support_military\", \"from\": "
        "\"2020\"},"
        "{\"source\": \"fan\", \"target\": \"p\", \"type\": \"praise\", \"at\": \"2020-05\"},"
        "{\"source\": \"caller\", \"target\": \"p\", \"type\": \"call\", \"at\": \"2020-05\"},"
        "{\"source\": \"med\", \"target\": \"p\", \"type\": \"mediation\", \"at\": \"2020-05\"},"
        "{\"source\": \"asker\", \"target\": \"p\", \"type\": \"requests_help\", \"at\": "
        "\"2020-05\"},"
        "{\"source\": \"loser\", \"target\": \"p\", \"type\": \"surrenders_to\", \"at\": "
        "\"2020-05\"}]}";
    ent_graph *saved = graph;
    ent_load_input in = {"roles.json", doc, strlen(doc)};
    ent_load_options lo = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_diags *d = NULL;
    ent_diags_new(&d);
    assert_int_equal(ent_load_inputs(&graph, &in, 1, &lo, d), 0);
    ent_diags_free(d);
    char a[256];
    ask(a, sizeof a, "backed", "p", "2020-12-31", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "sup fan");
    /* Each is still found by its own verb. */
    ask(a, sizeof a, "mediated", "p", "2020-12-31", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "med");
    ask(a, sizeof a, "requests_help", "p", "2020-12-31", NULL, NULL, 1, NULL, 0);
    assert_string_equal(a, "asker");
    ent_graph_free(graph);
    graph = saved;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(roles_that_back_nobody),
        cmocka_unit_test(side_switch_before_during_after),
        cmocka_unit_test(claims_can_be_left_out),
        cmocka_unit_test(backing_through_an_alliance),
        cmocka_unit_test(enemy_of_an_enemy),
        cmocka_unit_test(partial_dates_at_the_edges_of_between),
        cmocka_unit_test(verbs),
        cmocka_unit_test(fellow_members_are_bound),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
