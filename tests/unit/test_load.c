/*
 * test_load.c: the loader through the public API: the model it builds,
 * defaults, merging files, name resolution and the diagnostics' locations.
 */
#include "test_common.h"

static const char *base_doc =
    "{\n"
    "  \"format\": \"entente/1\",\n"
    "  \"title\": \"Test graph\",\n"
    "  \"sources\": [{\"id\": \"ki\", \"title\": \"Report\", \"date\": \"2023-09-21\"}],\n"
    "  \"actors\": [\n"
    "    {\"id\": \"armenia\", \"name\": \"Armenia\", \"kind\": \"state\", \"aliases\": "
    "[\"Yerevan\"]},\n"
    "    {\"id\": \"azerbaijan\", \"name\": \"Azerbaijan\", \"kind\": \"state\", \"aliases\": "
    "[\"Baku\"]},\n"
    "    {\"id\": \"csto\", \"name\": \"Collective Security Treaty Organization\", \"kind\": "
    "\"alliance\", \"collective_defense\": true, \"aliases\": [\"CSTO\"]}\n"
    "  ],\n"
    "  \"relations\": [\n"
    "    {\"id\": \"r1\", \"source\": \"azerbaijan\", \"target\": \"armenia\", \"type\": "
    "\"attacks\", \"at\": \"2022-09\", \"evidence\": [{\"source\": \"ki\", \"locator\": \"p1\", "
    "\"note\": \"n\"}]},\n"
    "    {\"source\": \"armenia\", \"target\": \"csto\", \"type\": \"member_of\", \"from\": "
    "\"1994\", \"intensity\": 4.5, \"status\": \"confirmed\", \"evidence\": [{\"source\": "
    "\"ki\"}]}\n"
    "  ],\n"
    "  \"snapshots\": [{\"id\": \"after-2022\", \"at\": \"2023-09-21\", \"label\": \"L\"}]\n"
    "}\n";

static void builds_the_model(void **state)
{
    (void)state;
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(base_doc, &g, &d), ENT_OK);
    assert_int_equal(ent_diags_count(d), 0);
    assert_string_equal(ent_graph_title(g), "Test graph");
    assert_int_equal(ent_graph_actor_count(g), 3);
    assert_int_equal(ent_graph_relation_count(g), 2);
    assert_int_equal(ent_graph_source_count(g), 1);
    assert_int_equal(ent_graph_snapshot_count(g), 1);

    const ent_actor *csto = ent_graph_actor(g, 2);
    assert_string_equal(csto->id, "csto");
    assert_int_equal(csto->kind, ENT_KIND_ALLIANCE);
    assert_int_equal(csto->collective_defense, 1);
    assert_int_equal(csto->n_aliases, 1);
    assert_int_equal(csto->loc.line, 8);
    assert_int_equal(ent_graph_actor(g, 0)->collective_defense, -1);

    const ent_relation *r1 = ent_graph_relation(g, 0);
    assert_string_equal(r1->id, "r1");
    assert_int_equal(r1->source, 1);
    assert_int_equal(r1->target, 0);
    assert_string_equal(ent_graph_type(g, r1->type)->id, "attacks");
    /* Defaults: status reported, intensity from the vocabulary (CAMEO 190: -10). */
    assert_int_equal(r1->status, ENT_STATUS_REPORTED);
    assert_true(r1->intensity == -10.0);
    assert_int_equal(r1->intensity_given, 0);
    assert_int_equal(r1->at.year, 2022);
    assert_int_equal(r1->at.month, 9);
    assert_int_equal(r1->n_evidence, 1);
    assert_string_equal(r1->evidence[0].locator, "p1");
    assert_int_equal(r1->claimed_by, ENT_NO_ACTOR);
    assert_int_equal(r1->loc.line, 11);

    const ent_relation *r2 = ent_graph_relation(g, 1);
    assert_string_equal(r2->id, "");
    assert_true(r2->intensity == 4.5);
    assert_int_equal(r2->intensity_given, 1);
    assert_int_equal(r2->status, ENT_STATUS_CONFIRMED);
    assert_int_equal(r2->from.year, 1994);
    assert_int_equal(r2->to.year, 0);
    ent_graph_free(g);
    ent_diags_free(d);
}

static void resolves_names_as_users_type_them(void **state)
{
    (void)state;
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(base_doc, &g, &d), ENT_OK);
    const char *guess;
    assert_int_equal(ent_graph_resolve_actor(g, "armenia", NULL), 0);
    assert_int_equal(ent_graph_resolve_actor(g, "ARMENIA", NULL), 0);
    assert_int_equal(ent_graph_resolve_actor(g, "baku", NULL), 1);
    assert_int_equal(ent_graph_resolve_actor(g, "cSTo", NULL), 2);
    assert_int_equal(ent_graph_resolve_actor(g, "Collective Security Treaty Organization", NULL),
                     2);
    assert_int_equal(ent_graph_resolve_actor(g, "Azerbajan", &guess), -1);
    assert_non_null(guess);
    assert_string_equal(guess, "azerbaijan"); /* id and name tie at distance 1: the id */
    assert_int_equal(ent_graph_resolve_actor(g, "Kremlin", &guess), -1);
    assert_null(guess);
    assert_int_equal(ent_graph_actor_by_id(g, "Armenia"), -1); /* ids are exact */
    assert_int_equal(ent_graph_snapshot_by_id(g, "after-2022"), 0);
    ent_graph_free(g);
    ent_diags_free(d);
}

static void merges_files_in_order(void **state)
{
    (void)state;
    const char *a = "{\"format\": \"entente/1\", \"title\": \"A\",\n"
                    " \"sources\": [{\"id\": \"s\", \"title\": \"S\"}],\n"
                    " \"relations\": [{\"source\": \"x\", \"target\": \"y\", \"type\": \"praise\","
                    " \"at\": \"2020\", \"evidence\": [{\"source\": \"s\"}]}]}";
    const char *b = "{\"format\": \"entente/1\", \"title\": \"B\",\n"
                    " \"actors\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},\n"
                    "             {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"state\"}]}";
    ent_load_input in[2] = {{"a.json", a, strlen(a)}, {"b.json", b, strlen(b)}};
    ent_diags *d = ent_diags_new();
    ent_graph *g;
    assert_int_equal(ent_load_inputs(&g, in, 2, NULL, d), ENT_OK);
    assert_string_equal(ent_graph_title(g), "A");
    assert_int_equal(ent_graph_file_count(g), 2);
    assert_string_equal(ent_graph_file(g, 1), "b.json");
    assert_int_equal(ent_graph_actor(g, 0)->loc.file, 1);
    assert_int_equal(ent_graph_relation(g, 0)->loc.file, 0);
    ent_graph_free(g);
    ent_diags_free(d);
}

static void names_both_places_of_a_duplicate_across_files(void **state)
{
    (void)state;
    const char *a = "{\"format\": \"entente/1\",\n"
                    " \"actors\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"}]}";
    const char *b = "{\"format\": \"entente/1\",\n\n"
                    " \"actors\": [{\"id\": \"x\", \"name\": \"X2\", \"kind\": \"group\"}]}";
    ent_load_input in[2] = {{"a.json", a, strlen(a)}, {"b.json", b, strlen(b)}};
    ent_diags *d = ent_diags_new();
    ent_graph *g;
    assert_int_equal(ent_load_inputs(&g, in, 2, NULL, d), ENT_EINVALID);
    assert_null(g);
    assert_int_equal(ent_diags_count(d), 2);
    const ent_diag *e = ent_diags_get(d, 0), *n = ent_diags_get(d, 1);
    assert_string_equal(e->code, "duplicate-id");
    assert_string_equal(e->file, "b.json");
    assert_int_equal(e->line, 3);
    assert_int_equal(e->col, 20);
    assert_int_equal(n->severity, ENT_SEV_NOTE);
    assert_string_equal(n->file, "a.json");
    assert_int_equal(n->line, 2);
    assert_int_equal(n->col, 20);
    ent_diags_free(d);
}

static void counts_columns_in_characters(void **state)
{
    (void)state;
    /* "Xankəndi" has 8 characters in 9 bytes; the column is in characters. */
    const char *doc = "{\"format\": \"entente/1\", \"actors\": [{\"id\": \"x\", \"name\": "
                      "\"Xank\xc9\x99ndi\", \"kind\": \"town\"}]}";
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(doc, &g, &d), ENT_EINVALID);
    const ent_diag *e = find_diag(d, "invalid-value");
    assert_non_null(e);
    assert_int_equal(e->line, 1);
    assert_int_equal(e->col, 76); /* counted with Python: s.index('"town"') + 1 */
    assert_non_null(strstr(e->message, "unknown actor kind \"town\""));
    ent_diags_free(d);
}

static void applies_relation_type_overrides(void **state)
{
    (void)state;
    const char *doc = "{\"format\": \"entente/1\",\n"
                      " \"relation_types\": [{\"id\": \"criticizes\", \"intensity\": -3},\n"
                      "   {\"id\": \"hosts_base\", \"sign\": 1, \"intensity\": 7.4, "
                      "\"durable\": true, \"obligation\": true}],\n"
                      " \"actors\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},\n"
                      "             {\"id\": \"y\", \"name\": \"Y\", \"kind\": \"state\"}],\n"
                      " \"relations\": [{\"source\": \"x\", \"target\": \"y\", \"type\": "
                      "\"criticizes\", \"at\": \"2020\"},\n"
                      "  {\"source\": \"y\", \"target\": \"x\", \"type\": \"hosts_base\", "
                      "\"from\": \"2020\"}]}";
    ent_graph *g;
    ent_diags *d;
    ent_load_options o = {0, 1}; /* no evidence warnings */
    ent_load_input in = {"t.json", doc, strlen(doc)};
    d = ent_diags_new();
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), ENT_OK);
    assert_int_equal(ent_diags_count(d), 0);
    assert_true(ent_graph_relation(g, 0)->intensity == -3.0);
    const ent_reltype *t = ent_graph_type(g, ent_graph_relation(g, 1)->type);
    assert_string_equal(t->id, "hosts_base");
    assert_int_equal(t->obligation, 1);
    assert_string_equal(t->family, "custom");
    assert_int_equal(ent_graph_type_count(g), ent_vocab_builtin_count() + 1);
    ent_graph_free(g);
    ent_diags_free(d);
}

static void rejects_inconsistent_relation_types(void **state)
{
    (void)state;
    const char *doc = "{\"format\": \"entente/1\", \"relation_types\": [\n"
                      " {\"id\": \"odd\", \"sign\": 1, \"intensity\": -2, \"durable\": false},\n"
                      " {\"id\": \"half\", \"sign\": 1},\n"
                      " {\"id\": \"praise\", \"sign\": -1}]}";
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(doc, &g, &d), ENT_EINVALID);
    const ent_diag *e = find_diag(d, "type-definition");
    assert_non_null(e);
    assert_int_equal(e->line, 2);
    assert_non_null(find_diag(d, "missing-field"));
    /* Overriding praise's sign without its intensity contradicts +3.4. */
    assert_int_equal(ent_diags_count_severity(d, ENT_SEV_ERROR), 4);
    ent_diags_free(d);
}

static void stops_after_max_errors(void **state)
{
    (void)state;
    /* 50 relations each naming an unknown actor. */
    size_t cap = 8192, len = 0;
    char *doc = malloc(cap);
    len += (size_t)snprintf(doc + len, cap - len, "{\"format\": \"entente/1\", \"relations\": [");
    for (int i = 0; i < 50; i++)
        len += (size_t)snprintf(doc + len, cap - len,
                                "%s{\"source\": \"a%d\", \"target\": \"b\", \"type\": \"praise\", "
                                "\"at\": \"2020\"}",
                                i ? "," : "", i);
    snprintf(doc + len, cap - len, "]}");
    ent_load_options o = {10, 0};
    ent_load_input in = {"t.json", doc, strlen(doc)};
    ent_diags *d = ent_diags_new();
    ent_graph *g;
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), ENT_EINVALID);
    assert_int_equal(ent_diags_count_severity(d, ENT_SEV_ERROR), 10);
    assert_non_null(find_diag(d, "too-many-errors"));
    ent_diags_free(d);
    free(doc);
}

static void reports_unreadable_paths_as_io_errors(void **state)
{
    (void)state;
    const char *paths[] = {"/nonexistent/graph.json", "/"};
    ent_diags *d = ent_diags_new();
    ent_graph *g;
    assert_int_equal(ent_load_files(&g, paths, 2, NULL, d), ENT_EIO);
    assert_null(g);
    assert_int_equal(ent_diags_count(d), 2);
    assert_string_equal(ent_diags_get(d, 0)->code, "io-error");
    assert_int_equal(ent_diags_get(d, 0)->line, 0);
    assert_non_null(strstr(ent_diags_get(d, 1)->message, "is a directory"));
    ent_diags_free(d);
}

static void checks_kinds_and_claims(void **state)
{
    (void)state;
    const char *doc =
        "{\"format\": \"entente/1\", \"sources\": [{\"id\": \"s\", \"title\": \"S\"}],\n"
        " \"actors\": [{\"id\": \"x\", \"name\": \"X\", \"kind\": \"state\"},\n"
        "  {\"id\": \"i\", \"name\": \"An issue\", \"kind\": \"issue\"}],\n"
        " \"relations\": [\n"
        "  {\"source\": \"x\", \"target\": \"i\", \"type\": \"stance_for\", \"evidence\": "
        "[{\"source\": \"s\"}]},\n"
        "  {\"source\": \"i\", \"target\": \"x\", \"type\": \"praise\", \"at\": \"2020\", "
        "\"evidence\": [{\"source\": \"s\"}]},\n"
        "  {\"source\": \"x\", \"target\": \"x\", \"type\": \"praise\", \"at\": \"2020\", "
        "\"evidence\": [{\"source\": \"s\"}]},\n"
        "  {\"source\": \"x\", \"target\": \"i\", \"type\": \"praise\", \"at\": \"2020\", "
        "\"status\": \"claimed\", \"claimed_by\": \"x\", \"evidence\": [{\"source\": \"s\"}]}\n"
        " ]}";
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(doc, &g, &d), ENT_EINVALID);
    const ent_diag *e = find_diag(d, "kind-mismatch");
    assert_non_null(e);
    assert_int_equal(e->line, 6);
    assert_non_null(find_diag(d, "self-relation"));
    assert_int_equal(ent_diags_count_severity(d, ENT_SEV_ERROR), 2);
    ent_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(builds_the_model),
        cmocka_unit_test(resolves_names_as_users_type_them),
        cmocka_unit_test(merges_files_in_order),
        cmocka_unit_test(names_both_places_of_a_duplicate_across_files),
        cmocka_unit_test(counts_columns_in_characters),
        cmocka_unit_test(applies_relation_type_overrides),
        cmocka_unit_test(rejects_inconsistent_relation_types),
        cmocka_unit_test(stops_after_max_errors),
        cmocka_unit_test(reports_unreadable_paths_as_io_errors),
        cmocka_unit_test(checks_kinds_and_claims),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
