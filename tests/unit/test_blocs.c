/*
 * test_blocs.c: blocs found by signed community detection, on hand-built
 * graphs whose camps are plain by construction: two camps with friends
 * inside and enemies across, disconnected parts, an actor that changes side,
 * an alliance that a bloc overlaps. The expected blocs and counts are worked
 * out by hand from the relations listed in each test.
 */
#include "test_common.h"

/* ------------------------------------------------------------ helpers --- */

static ent_graph *load_fixture(const char *name)
{
    return load_fixture_in("balance", name);
}

/* A relation of a test graph: "source target type from [to]". */
typedef struct rel {
    const char *source, *target, *type, *from, *to;
} rel;

/* A graph file with the actors (kind state unless named in `alliances`)
 * and the relations given. */
static ent_graph *build(const char *const *actors, size_t na, const char *alliances,
                        const rel *rels, size_t nr)
{
    char *text = malloc(65536);
    assert_non_null(text);
    size_t n = (size_t)snprintf(text, 65536,
                                "{\"format\": \"entente/1\", \"title\": \"t\", \"sources\": "
                                "[{\"id\": \"s\", \"title\": \"invented\"}], \"actors\": [");
    for (size_t i = 0; i < na; i++)
        n += (size_t)snprintf(text + n, 65536 - n,
                              "%s{\"id\": \"%s\", \"name\": \"%s\", \"kind\": \"%s\"}",
                              i ? ", " : "", actors[i], actors[i],
                              alliances && strstr(alliances, actors[i]) ? "alliance" : "state");
    n += (size_t)snprintf(text + n, 65536 - n, "], \"relations\": [");
    for (size_t i = 0; i < nr; i++) {
        n += (size_t)snprintf(text + n, 65536 - n,
                              "%s{\"source\": \"%s\", \"target\": \"%s\", \"type\": \"%s\", "
                              "\"from\": \"%s\"",
                              i ? ", " : "", rels[i].source, rels[i].target, rels[i].type,
                              rels[i].from);
        if (rels[i].to)
            n += (size_t)snprintf(text + n, 65536 - n, ", \"to\": \"%s\"", rels[i].to);
        n += (size_t)snprintf(text + n, 65536 - n,
                              ", \"status\": \"confirmed\", \"evidence\": [{\"source\": \"s\"}]}");
    }
    n += (size_t)snprintf(text + n, 65536 - n, "]}");
    assert_true(n < 65536);
    ent_graph *g = load_string(text);
    free(text);
    return g;
}

/* The bloc of the actor with this id. */
static uint32_t bloc_of(const ent_graph *g, const uint32_t *bloc, const char *id)
{
    for (size_t a = 0; a < ent_graph_actor_count(g); a++)
        if (strcmp(ent_graph_actor(g, a)->id, id) == 0)
            return bloc[a];
    fail_msg("no actor %s", id);
    return 0;
}

/* -------------------------------------------------------------- tests --- */

/* The two camps of the balance fixture in 2020: friends inside each camp,
 * enemies across, and Galia without a tie yet. */
static void two_camps_found(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v = view_at(g, "balanced");
    uint32_t bloc[16];
    size_t k = 0;
    assert_int_equal(ent_blocs(v, NULL, bloc, &k), 0);
    assert_int_equal(k, 2);
    /* Equal sizes: bloc 1 is the one with the first actor in file order. */
    assert_int_equal(bloc_of(g, bloc, "ardenia"), 1);
    assert_int_equal(bloc_of(g, bloc, "borvia"), 1);
    assert_int_equal(bloc_of(g, bloc, "corland"), 1);
    assert_int_equal(bloc_of(g, bloc, "dorvia"), 2);
    assert_int_equal(bloc_of(g, bloc, "estmark"), 2);
    assert_int_equal(bloc_of(g, bloc, "felland"), 2);
    assert_int_equal(bloc_of(g, bloc, "galia"), 0);

    ent_table *blocs = NULL, *between = NULL, *members = NULL;
    assert_int_equal(ent_blocs_tables(&blocs, &between, &members, v, NULL), 0);
    assert_int_equal(ent_table_row_count(blocs), 2);
    /* Camp 1: ar-bo, ar-co, bo-co inside; ar-do, ar-es, bo-es, co-fe across. */
    assert_string_equal(sval(blocs, 0, "members"), "ardenia, borvia, corland");
    assert_int_equal(ival(blocs, 0, "pos_inside"), 3);
    assert_int_equal(ival(blocs, 0, "neg_inside"), 0);
    assert_int_equal(ival(blocs, 0, "pos_between"), 0);
    assert_int_equal(ival(blocs, 0, "neg_between"), 4);
    assert_int_equal(ival(blocs, 1, "pos_inside"), 3);
    assert_int_equal(ival(blocs, 1, "neg_between"), 4);
    assert_string_equal(sval(blocs, 0, "alliances"), "");
    assert_int_equal(ent_table_row_count(between), 1);
    assert_int_equal(ival(between, 0, "positive"), 0);
    assert_int_equal(ival(between, 0, "negative"), 4);
    /* Every actor with a tie, by bloc; no tie goes against the blocs. */
    assert_int_equal(ent_table_row_count(members), 6);
    for (size_t r = 0; r < 6; r++)
        assert_string_equal(sval(members, r, "against_blocs"), "");
    assert_string_equal(sval(members, 3, "actor"), "dorvia");
    assert_int_equal(ival(members, 3, "ties"), 3); /* do-es, do-fe, ar-do */
    ent_table_free(blocs);
    ent_table_free(between);
    ent_table_free(members);
    ent_view_free(v);
    ent_graph_free(g);
}

/* Three connected parts: {a, b | c, d} (friends a-b and c-d, enemies a-c and
 * b-d), {e, f, g} all friends, and {h, i} enemies. spinglass refuses a
 * disconnected graph; the parts are split one by one and no bloc spans two. */
static const char *const parts_actors[] = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
static const rel parts_rels[] = {
    {"a", "b", "allied_with", "2000", NULL},     {"c", "d", "allied_with", "2000", NULL},
    {"a", "c", "at_war_with", "2000", NULL},     {"b", "d", "at_war_with", "2000", NULL},
    {"e", "f", "allied_with", "2000", NULL},     {"f", "g", "allied_with", "2000", NULL},
    {"e", "g", "cooperates_with", "2000", NULL}, {"h", "i", "at_war_with", "2000", NULL},
};

static void disconnected_parts(void **state)
{
    (void)state;
    ent_graph *g = build(parts_actors, 9, NULL, parts_rels, 8);
    ent_view *v = view_at(g, "2010-01-01");
    uint32_t bloc[9];
    size_t k = 0;
    assert_int_equal(ent_blocs(v, NULL, bloc, &k), 0);
    assert_int_equal(k, 5);
    /* Sizes 3, 2, 2, 1, 1; equal sizes in the order of their first actor. */
    static const uint32_t want[9] = {2, 2, 3, 3, 1, 1, 1, 4, 5};
    for (size_t i = 0; i < 9; i++)
        assert_int_equal(bloc[i], want[i]);
    ent_table *blocs = NULL;
    assert_int_equal(ent_blocs_tables(&blocs, NULL, NULL, v, NULL), 0);
    assert_int_equal(ival(blocs, 0, "part"), 2); /* e, f, g: the part of e, second in order */
    assert_int_equal(ival(blocs, 1, "part"), 1);
    assert_int_equal(ival(blocs, 2, "part"), 1);
    assert_int_equal(ival(blocs, 3, "part"), 3);
    assert_int_equal(ival(blocs, 4, "part"), 3);
    assert_int_equal(ival(blocs, 1, "neg_between"), 2);
    assert_int_equal(ival(blocs, 3, "neg_between"), 1);
    ent_table_free(blocs);
    ent_view_free(v);
    ent_graph_free(g);
}

/* The same input gives the same blocs, whatever ran before and whatever the
 * state of igraph's random generator; other seeds find the same clear camps. */
static void reproducible(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v = view_at(g, "galia");
    uint32_t first[16], again[16];
    size_t k1 = 0, k2 = 0;
    assert_int_equal(ent_blocs(v, NULL, first, &k1), 0);
    ent_view *other = view_at(g, "flipped");
    ent_blocs_options seeded;
    ent_blocs_options_init(&seeded);
    for (int run = 0; run < 3; run++) {
        /* Leave igraph's generator in another state first. */
        seeded.seed = 1000 + (unsigned long)run;
        assert_int_equal(ent_blocs(other, &seeded, again, &k2), 0);
        assert_int_equal(ent_blocs(v, NULL, again, &k2), 0);
        assert_int_equal(k1, k2);
        assert_memory_equal(first, again, ent_graph_actor_count(g) * sizeof *first);
    }
    ent_table *t1 = NULL, *t2 = NULL;
    assert_int_equal(ent_blocs_tables(NULL, NULL, &t1, v, NULL), 0);
    assert_int_equal(ent_blocs_tables(NULL, NULL, &t2, v, NULL), 0);
    assert_int_equal(ent_table_row_count(t1), ent_table_row_count(t2));
    for (size_t r = 0; r < ent_table_row_count(t1); r++) {
        assert_string_equal(sval(t1, r, "actor"), sval(t2, r, "actor"));
        assert_int_equal(ival(t1, r, "bloc"), ival(t2, r, "bloc"));
    }
    ent_table_free(t1);
    ent_table_free(t2);
    ent_view_free(other);
    ent_view_free(v);
    v = view_at(g, "balanced");
    ent_blocs_options o;
    ent_blocs_options_init(&o);
    assert_int_equal(ent_blocs(v, &o, first, &k1), 0);
    for (unsigned long seed = 1; seed <= 5; seed++) {
        o.seed = seed;
        assert_int_equal(ent_blocs(v, &o, again, &k2), 0);
        assert_memory_equal(first, again, ent_graph_actor_count(g) * sizeof *first);
    }
    ent_view_free(v);
    ent_graph_free(g);
}

/* Swing is the friend of the x camp until 2019 and of the y camp from 2021,
 * at war with x1 from then; newcomer appears in 2021 in the y camp. */
static const char *const swing_actors[] = {"x1", "x2", "x3", "y1", "y2", "y3", "swing", "newcomer"};
static const rel swing_rels[] = {
    {"x1", "x2", "allied_with", "2000", NULL},      {"x2", "x3", "allied_with", "2000", NULL},
    {"x1", "x3", "allied_with", "2000", NULL},      {"y1", "y2", "allied_with", "2000", NULL},
    {"y2", "y3", "allied_with", "2000", NULL},      {"y1", "y3", "allied_with", "2000", NULL},
    {"x1", "y1", "at_war_with", "2000", NULL},      {"x2", "y2", "at_war_with", "2000", NULL},
    {"swing", "x1", "allied_with", "2000", "2019"}, {"swing", "x2", "allied_with", "2000", "2019"},
    {"swing", "y1", "allied_with", "2021", NULL},   {"swing", "y2", "allied_with", "2021", NULL},
    {"swing", "x1", "at_war_with", "2021", NULL},   {"newcomer", "y3", "allied_with", "2021", NULL},
};

static void actor_moves(void **state)
{
    (void)state;
    ent_graph *g = build(swing_actors, 8, NULL, swing_rels, 14);
    ent_view *a = view_at(g, "2018-06-30"), *b = view_at(g, "2022-06-30");
    uint32_t before[8], after[8];
    size_t ka = 0, kb = 0;
    assert_int_equal(ent_blocs(a, NULL, before, &ka), 0);
    assert_int_equal(ent_blocs(b, NULL, after, &kb), 0);
    assert_int_equal(ka, 2);
    assert_int_equal(kb, 2);
    assert_int_equal(before[6], before[0]); /* swing with x1 */
    assert_int_equal(after[6], after[3]);   /* then with y1 */
    assert_int_equal(after[7], after[3]);   /* newcomer with y */

    ent_table *summary = NULL, *moves = NULL;
    assert_int_equal(ent_blocs_change_tables(&summary, &moves, a, b, NULL), 0);
    assert_int_equal(ent_table_row_count(summary), 2);
    assert_int_equal(ival(summary, 0, "ties"), 10); /* 8 + swing-x1, swing-x2 */
    assert_int_equal(ival(summary, 1, "ties"), 12); /* 8 + 3 of swing + newcomer */
    assert_int_equal(ival(summary, 0, "in_line"), 10);
    assert_int_equal(ival(summary, 1, "in_line"), 12);
    /* moved first, then left, then joined. */
    assert_int_equal(ent_table_row_count(moves), 2);
    assert_string_equal(sval(moves, 0, "actor"), "swing");
    assert_string_equal(sval(moves, 0, "change"), "moved");
    assert_string_equal(sval(moves, 0, "companions_before"), "x1, x2, x3");
    assert_string_equal(sval(moves, 0, "companions_after"), "y1, y2, y3, newcomer");
    assert_string_equal(sval(moves, 1, "actor"), "newcomer");
    assert_string_equal(sval(moves, 1, "change"), "joined");
    assert_int_equal(ival(moves, 1, "bloc_before"), 0);
    ent_table_free(summary);
    ent_table_free(moves);

    /* Aligned numbering: the y bloc has the same number on both dates. */
    assert_int_equal(ent_blocs_aligned(a, b, NULL, before, after), 0);
    assert_int_equal(before[3], after[3]);
    assert_int_equal(before[0], after[0]);
    assert_int_equal(after[6], before[3]);

    /* Views of two graphs cannot be compared. */
    ent_graph *other = build(swing_actors, 8, NULL, swing_rels, 14);
    ent_view *c = view_at(other, "2022-06-30");
    assert_int_equal(ent_blocs_change_tables(&summary, &moves, a, c, NULL), ENT_EUSAGE);
    assert_null(summary);
    ent_view_free(c);
    ent_graph_free(other);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/* The blocs found once (ent_blocs_find) give what the one-shot calls give,
 * with the options they were found with, and compare across two dates. */
static void found_object(void **state)
{
    (void)state;
    ent_graph *g = build(swing_actors, 8, NULL, swing_rels, 14);
    ent_view *a = view_at(g, "2018-06-30"), *b = view_at(g, "2022-06-30");
    ent_blocs_found *fa = NULL, *fb = NULL;
    assert_int_equal(ent_blocs_find(&fa, a, NULL), 0);
    assert_int_equal(ent_blocs_find(&fb, b, NULL), 0);
    assert_int_equal(ent_blocs_found_count(fa), 2);
    assert_int_equal(ent_blocs_found_count(fb), 2);
    uint32_t of[8], before[8], after[8];
    ent_blocs_found_of(fa, of);
    /* x1, x2, x3 and swing in bloc 1 (the first actor's), y1..y3 in 2; the
     * newcomer has no tie before 2022. */
    const uint32_t want[8] = {1, 1, 1, 2, 2, 2, 1, 0};
    assert_memory_equal(of, want, sizeof want);

    ent_table *summary = NULL, *moves = NULL;
    assert_int_equal(ent_blocs_found_change_tables(&summary, &moves, fa, fb), 0);
    assert_int_equal(ival(summary, 0, "ties"), 10);
    assert_int_equal(ival(summary, 1, "ties"), 12);
    assert_int_equal(ent_table_row_count(moves), 2);
    assert_string_equal(sval(moves, 0, "actor"), "swing");
    assert_string_equal(sval(moves, 0, "change"), "moved");
    ent_table_free(summary);
    ent_table_free(moves);

    ent_table *blocs = NULL, *members = NULL;
    assert_int_equal(ent_blocs_found_tables(&blocs, NULL, &members, fa), 0);
    assert_int_equal(ent_table_row_count(blocs), 2);
    assert_string_equal(sval(blocs, 0, "members"), "x1, x2, x3, swing");
    assert_int_equal(ent_table_row_count(members), 7);
    ent_table_free(blocs);
    ent_table_free(members);

    assert_int_equal(ent_blocs_found_aligned(fa, fb, before, after), 0);
    assert_int_equal(before[3], after[3]);
    assert_int_equal(after[6], before[3]);

    /* Blocs of another graph's view are not comparable; the options are kept:
     * a part larger than max_part is refused. */
    ent_graph *other = build(swing_actors, 8, NULL, swing_rels, 14);
    ent_view *c = view_at(other, "2022-06-30");
    ent_blocs_found *fc = NULL;
    assert_int_equal(ent_blocs_find(&fc, c, NULL), 0);
    assert_int_equal(ent_blocs_found_change_tables(&summary, &moves, fa, fc), ENT_EUSAGE);
    assert_null(summary);
    assert_int_equal(ent_blocs_found_aligned(fa, fc, before, after), ENT_EUSAGE);
    ent_blocs_options o;
    ent_blocs_options_init(&o);
    o.max_part = 3;
    ent_blocs_found *small = (ent_blocs_found *)1;
    assert_int_equal(ent_blocs_find(&small, a, &o), ENT_EUSAGE);
    assert_null(small);
    ent_blocs_found_free(NULL);
    ent_blocs_found_free(fc);
    ent_blocs_found_free(fa);
    ent_blocs_found_free(fb);
    ent_view_free(c);
    ent_graph_free(other);
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/* An alliance of p and q (member_of), friends of each other and of r, all
 * three at war with s and t, who are allies. */
static const char *const pact_actors[] = {"p", "q", "r", "s", "t", "pact"};
static const rel pact_rels[] = {
    {"p", "pact", "member_of", "2000", NULL},    {"q", "pact", "member_of", "2000", NULL},
    {"p", "q", "allied_with", "2000", NULL},     {"q", "r", "allied_with", "2000", NULL},
    {"p", "r", "cooperates_with", "2000", NULL}, {"s", "t", "allied_with", "2000", NULL},
    {"p", "s", "at_war_with", "2000", NULL},     {"q", "t", "at_war_with", "2000", NULL},
    {"r", "s", "at_war_with", "2000", NULL},
};

static void alliances_overlapped(void **state)
{
    (void)state;
    ent_graph *g = build(pact_actors, 6, "pact", pact_rels, 9);
    ent_view *v = view_at(g, "2010-01-01");
    ent_table *blocs = NULL, *members = NULL;
    assert_int_equal(ent_blocs_tables(&blocs, NULL, &members, v, NULL), 0);
    assert_int_equal(ent_table_row_count(blocs), 2);
    assert_string_equal(sval(blocs, 0, "members"), "p, q, r, pact");
    assert_string_equal(sval(blocs, 0, "alliances"),
                        "pact (2 of 2 members, and the alliance itself)");
    assert_string_equal(sval(blocs, 1, "members"), "s, t");
    assert_string_equal(sval(blocs, 1, "alliances"), "");
    assert_int_equal(ival(blocs, 0, "pos_inside"), 5); /* p-q, q-r, p-r, p-pact, q-pact */
    assert_int_equal(ival(blocs, 0, "neg_between"), 3);
    ent_table_free(blocs);
    ent_table_free(members);
    ent_view_free(v);
    ent_graph_free(g);
}

/* A tie that goes against the blocs is listed with the relations behind it. */
static void against_listed(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v = view_at(g, "galia");
    ent_table *members = NULL;
    assert_int_equal(ent_blocs_tables(NULL, NULL, &members, v, NULL), 0);
    /* Galia befriends ardenia and dorvia, in different blocs: one of its two
     * ties goes against the blocs whichever bloc it joins. */
    int found = 0;
    for (size_t r = 0; r < ent_table_row_count(members); r++)
        if (strcmp(sval(members, r, "actor"), "galia") == 0) {
            const char *s = sval(members, r, "against_blocs");
            found = 1;
            assert_true(strstr(s, "ga-ar allied_with") || strstr(s, "ga-ar cooperates_with") ||
                        strstr(s, "ga-do aligned_with"));
        }
    assert_true(found);
    ent_table_free(members);
    ent_view_free(v);
    ent_graph_free(g);
}

/*
 * Two hostile camps (x1 x2 x3 allied with one another, y1 y2 y3 likewise,
 * x_i at war with y_i) where x1 and y2 are members of one defence pact. The
 * pact binds them: a positive tie x1~y2 of +6 (both memberships weigh the
 * default 6) across the camps, which the tables list with the memberships
 * behind it. By hand, x1's ties: x2, x3 (+8), y1 (-10), y2 (+6, the bond)
 * and the pact (+6): 5, and 4 without the bond.
 */
static const char *bound_across =
    "{\"format\": \"entente/1\", \"actors\": [\n"
    "  {\"id\": \"x1\", \"name\": \"X1\", \"kind\": \"state\"},\n"
    "  {\"id\": \"x2\", \"name\": \"X2\", \"kind\": \"state\"},\n"
    "  {\"id\": \"x3\", \"name\": \"X3\", \"kind\": \"state\"},\n"
    "  {\"id\": \"y1\", \"name\": \"Y1\", \"kind\": \"state\"},\n"
    "  {\"id\": \"y2\", \"name\": \"Y2\", \"kind\": \"state\"},\n"
    "  {\"id\": \"y3\", \"name\": \"Y3\", \"kind\": \"state\"},\n"
    "  {\"id\": \"pact\", \"name\": \"Pact\", \"kind\": \"alliance\", \"collective_defense\": "
    "true}],\n"
    " \"relations\": [\n"
    "  {\"id\": \"m1\", \"source\": \"x1\", \"target\": \"pact\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"id\": \"m2\", \"source\": \"y2\", \"target\": \"pact\", \"type\": \"member_of\", "
    "\"from\": \"2000\"},\n"
    "  {\"source\": \"x1\", \"target\": \"x2\", \"type\": \"allied_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"x1\", \"target\": \"x3\", \"type\": \"allied_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"x2\", \"target\": \"x3\", \"type\": \"allied_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"y1\", \"target\": \"y2\", \"type\": \"allied_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"y1\", \"target\": \"y3\", \"type\": \"allied_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"y2\", \"target\": \"y3\", \"type\": \"allied_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"x1\", \"target\": \"y1\", \"type\": \"at_war_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"x2\", \"target\": \"y2\", \"type\": \"at_war_with\", \"from\": \"2000\"},\n"
    "  {\"source\": \"x3\", \"target\": \"y3\", \"type\": \"at_war_with\", \"from\": \"2000\"}]}";

static void bound_tie_across_blocs(void **state)
{
    (void)state;
    ent_graph *g = NULL;
    ent_diags *d = NULL;
    assert_int_equal(load_text(bound_across, &g, &d), 0);
    ent_diags_free(d);
    ent_view *v = view_at(g, "2010");
    uint32_t bloc[7];
    size_t nb = 0;
    assert_int_equal(ent_blocs(v, NULL, bloc, &nb), 0);
    assert_int_equal(bloc_of(g, bloc, "x1"), bloc_of(g, bloc, "x2"));
    assert_int_equal(bloc_of(g, bloc, "x1"), bloc_of(g, bloc, "x3"));
    assert_int_equal(bloc_of(g, bloc, "y1"), bloc_of(g, bloc, "y2"));
    assert_int_equal(bloc_of(g, bloc, "y1"), bloc_of(g, bloc, "y3"));
    assert_true(bloc_of(g, bloc, "x1") != bloc_of(g, bloc, "y1"));

    ent_table *between = NULL, *members = NULL;
    assert_int_equal(ent_blocs_tables(NULL, &between, &members, v, NULL), 0);
    int listed = 0;
    for (size_t r = 0; r < ent_table_row_count(between); r++)
        listed |= strstr(sval(between, r, "ties"), "x1~y2 +6.00 (alliance +6.00)") != NULL;
    assert_true(listed);
    for (size_t r = 0; r < ent_table_row_count(members); r++)
        if (strcmp(sval(members, r, "actor"), "x1") == 0) {
            assert_int_equal(ival(members, r, "ties"), 5);
            assert_non_null(strstr(sval(members, r, "against_blocs"),
                                   ": bound by alliance pact: x1->pact m1 member_of 2000..; "
                                   "y2->pact m2 member_of 2000.."));
        }
    ent_table_free(between);
    ent_table_free(members);

    ent_blocs_options o;
    ent_blocs_options_init(&o);
    o.direct_only = 1;
    assert_int_equal(ent_blocs_tables(NULL, NULL, &members, v, &o), 0);
    for (size_t r = 0; r < ent_table_row_count(members); r++)
        if (strcmp(sval(members, r, "actor"), "x1") == 0)
            assert_int_equal(ival(members, r, "ties"), 4);
    ent_table_free(members);
    ent_view_free(v);
    ent_graph_free(g);
}

static void options_checked(void **state)
{
    (void)state;
    ent_graph *g = build(parts_actors, 9, NULL, parts_rels, 8);
    ent_view *v = view_at(g, "2010-01-01");
    uint32_t bloc[9];
    size_t k = 0;
    ent_blocs_options o;
    ent_blocs_options_init(&o);
    o.max_part = 3; /* the part {a, b, c, d} is too large */
    assert_int_equal(ent_blocs(v, &o, bloc, &k), ENT_EUSAGE);
    assert_non_null(strstr(ent_error_last(), "4 actors"));
    o.max_part = 4;
    assert_int_equal(ent_blocs(v, &o, bloc, &k), 0);
    o.max_blocs = 1;
    assert_int_equal(ent_blocs(v, &o, bloc, &k), ENT_EUSAGE);
    ent_view_free(v);
    ent_graph_free(g);
}

/* The influence table carries the bloc column when asked. */
static void influence_bloc_column(void **state)
{
    (void)state;
    ent_graph *g = load_fixture("two-camps.json");
    ent_view *v = view_at(g, "balanced");
    uint32_t bloc[16];
    size_t k = 0;
    assert_int_equal(ent_blocs(v, NULL, bloc, &k), 0);
    ent_influence_options ao = ENT_INFLUENCE_OPTIONS_INIT;
    ao.bloc = bloc;
    ent_table *t = NULL;
    assert_int_equal(ent_influence_table(&t, v, &ao), 0);
    for (size_t r = 0; r < ent_table_row_count(t); r++) {
        const char *id = sval(t, r, "actor");
        long long want = strcmp(id, "galia") == 0                       ? 0 /* no tie yet */
                         : id[0] == 'a' || id[0] == 'b' || id[0] == 'c' ? 1
                                                                        : 2;
        assert_int_equal(ival(t, r, "bloc"), want);
    }
    ent_table_free(t);
    ao.bloc = NULL;
    assert_int_equal(ent_influence_table(&t, v, &ao), 0);
    assert_int_equal(ent_table_column_index(t, "bloc"), -1);
    ent_table_free(t);
    ent_view_free(v);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(two_camps_found),        cmocka_unit_test(disconnected_parts),
        cmocka_unit_test(reproducible),           cmocka_unit_test(actor_moves),
        cmocka_unit_test(alliances_overlapped),   cmocka_unit_test(against_listed),
        cmocka_unit_test(options_checked),        cmocka_unit_test(influence_bloc_column),
        cmocka_unit_test(bound_tie_across_blocs), cmocka_unit_test(found_object),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
