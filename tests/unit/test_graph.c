/*
 * test_graph.c: the model's incidence API (the relations to and from an
 * actor, with their spans) on a graph small enough to list by hand.
 */
#include "test_common.h"

/*
 * r0: a attacks b in March 2022 (an event);
 * r1: b allied_with c from 2000 to 2010 (durable, of a symmetric type);
 * r2: c aid b on 2021-05-10, through a (via).
 */
static const char *text =
    "{\"format\": \"entente/1\", \"sources\": [{\"id\": \"s\", \"title\": \"invented\"}],"
    " \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"}],"
    " \"relations\": ["
    "  {\"source\": \"a\", \"target\": \"b\", \"type\": \"attacks\", \"at\": \"2022-03\","
    "   \"evidence\": [{\"source\": \"s\"}]},"
    "  {\"source\": \"b\", \"target\": \"c\", \"type\": \"allied_with\", \"from\": \"2000\","
    "   \"to\": \"2010\", \"evidence\": [{\"source\": \"s\"}]},"
    "  {\"source\": \"c\", \"target\": \"b\", \"type\": \"aid\", \"at\": \"2021-05-10\","
    "   \"via\": \"a\", \"evidence\": [{\"source\": \"s\"}]}]}";

static ent_graph *load(void)
{
    ent_graph *g = NULL;
    ent_diags *d = NULL;
    assert_int_equal(load_text(text, &g, &d), 0);
    ent_diags_free(d);
    return g;
}

static void expect(size_t n, const uint32_t *got, const uint32_t *want, size_t nwant)
{
    assert_int_equal(n, nwant);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(got[i], want[i]);
}

static void incidence(void **state)
{
    (void)state;
    ent_graph *g = load();
    const uint32_t *rels = NULL;
    size_t n;
    /* a: the source of r0, the channel of r2; nothing towards it. */
    n = ent_graph_relations_from(g, 0, &rels);
    expect(n, rels, (const uint32_t[]){0, 2}, 2);
    assert_int_equal(ent_graph_relations_to(g, 0, &rels), 0);
    /* b: the target of r0 and r2, and the source of the symmetric r1, which
     * is listed among both its incoming and its outgoing relations. */
    n = ent_graph_relations_to(g, 1, &rels);
    expect(n, rels, (const uint32_t[]){0, 1, 2}, 3);
    n = ent_graph_relations_from(g, 1, &rels);
    expect(n, rels, (const uint32_t[]){1}, 1);
    /* c: the target of r1 (and so among its outgoing too), the source of r2. */
    n = ent_graph_relations_to(g, 2, &rels);
    expect(n, rels, (const uint32_t[]){1}, 1);
    n = ent_graph_relations_from(g, 2, &rels);
    expect(n, rels, (const uint32_t[]){1, 2}, 2);
    /* Out of range: nothing. */
    rels = (const uint32_t *)g;
    assert_int_equal(ent_graph_relations_to(g, 3, &rels), 0);
    assert_null(rels);
    ent_graph_free(g);
}

static int32_t day(int y, int m, int d)
{
    ent_date x = {(int16_t)y, (uint8_t)m, (uint8_t)d};
    return ent_date_first_day(x);
}

static void spans(void **state)
{
    (void)state;
    ent_graph *g = load();
    /* An event dated to a month spans the month and counts from its end. */
    ent_span s = ent_graph_relation_span(g, 0);
    assert_int_equal(s.durable, 0);
    assert_int_equal(s.first, day(2022, 3, 1));
    assert_int_equal(s.last, day(2022, 3, 31));
    assert_int_equal(s.begins, day(2022, 3, 31));
    /* A durable relation from 2000 to 2010: from the first day of 2000 to the
     * last of 2010, surely in force from the last day of 2000. */
    s = ent_graph_relation_span(g, 1);
    assert_int_equal(s.durable, 1);
    assert_int_equal(s.first, day(2000, 1, 1));
    assert_int_equal(s.last, day(2010, 12, 31));
    assert_int_equal(s.begins, day(2000, 12, 31));
    /* A full date: one day. */
    s = ent_graph_relation_span(g, 2);
    assert_int_equal(s.first, day(2021, 5, 10));
    assert_int_equal(s.last, s.first);
    assert_int_equal(s.begins, s.first);
    s = ent_graph_relation_span(g, 3);
    assert_int_equal(s.first, 0);
    assert_int_equal(s.last, 0);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(incidence),
        cmocka_unit_test(spans),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
