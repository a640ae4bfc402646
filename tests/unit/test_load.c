/*
 * test_load.c: the loader through the public API: the model it builds,
 * defaults, merging files, name resolution, comparisons of snapshots and the
 * diagnostics' locations.
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
    assert_int_equal(ent_graph_comparison_count(g), 0);
    assert_int_equal(ent_graph_headline_comparison(g), -1);
    assert_null(ent_graph_comparison(g, 0));

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
    ent_diags *d = NULL;
    ent_diags_new(&d);
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
    ent_diags *d = NULL;
    ent_diags_new(&d);
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
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION,
                          .allow_missing_evidence = 1}; /* no evidence warnings */
    ent_load_input in = {"t.json", doc, strlen(doc)};
    ent_diags_new(&d);
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), ENT_OK);
    assert_int_equal(ent_diags_count(d), 0);
    assert_true(ent_graph_relation(g, 0)->intensity == -3.0);
    const ent_reltype *t = ent_graph_type(g, ent_graph_relation(g, 1)->type);
    assert_string_equal(t->id, "hosts_base");
    assert_int_equal(t->obligation, 1);
    assert_string_equal(t->family, "custom");
    assert_int_equal(ent_graph_type_count(g), ent_vocab_builtin_count() + 1);
    /* No role given: a role that makes nobody rely on anybody; no mode and no
     * CAMEO code: words. The override keeps the built-in role and mode. */
    assert_int_equal(t->role, ENT_ROLE_ENGAGES);
    assert_int_equal(t->mode, ENT_MODE_VERBAL_COOPERATION);
    t = ent_graph_type(g, ent_graph_relation(g, 0)->type);
    assert_int_equal(t->role, ENT_ROLE_DISAPPROVES);
    assert_int_equal(t->mode, ENT_MODE_VERBAL_CONFLICT);
    ent_graph_free(g);
    ent_diags_free(d);
}

static void reads_roles_and_modes(void **state)
{
    (void)state;
    const char *doc =
        "{\"format\": \"entente/1\",\n"
        " \"relation_types\": [\n"
        "  {\"id\": \"hosts_base\", \"sign\": 1, \"intensity\": 7.4, \"durable\": true,"
        " \"cameo\": \"062\", \"role\": \"provides\"},\n"
        "  {\"id\": \"arms_embargo\", \"sign\": -1, \"intensity\": -8, \"durable\": true},\n"
        "  {\"id\": \"plea\", \"sign\": 1, \"intensity\": 3.4, \"durable\": false,"
        " \"role\": \"seeks\", \"mode\": \"material_cooperation\"},\n"
        "  {\"id\": \"call\", \"role\": \"brokers\"}]}";
    ent_graph *g;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_load_input in = {"t.json", doc, strlen(doc)};
    assert_int_equal(ent_load_inputs(&g, &in, 1, &o, d), ENT_OK);
    assert_int_equal(ent_diags_count(d), 0);
    size_t nb = ent_vocab_builtin_count();
    const ent_reltype *t = ent_graph_type(g, nb);
    assert_int_equal(t->role, ENT_ROLE_PROVIDES);
    assert_int_equal(t->mode, ENT_MODE_MATERIAL_COOPERATION); /* CAMEO 062: root 06 */
    t = ent_graph_type(g, nb + 1);
    assert_int_equal(t->role, ENT_ROLE_DISAPPROVES);
    assert_int_equal(t->mode, ENT_MODE_VERBAL_CONFLICT);
    t = ent_graph_type(g, nb + 2);
    assert_int_equal(t->role, ENT_ROLE_SEEKS);
    assert_int_equal(t->mode, ENT_MODE_MATERIAL_COOPERATION);
    /* An override of a built-in type sets its role and keeps its mode. */
    for (size_t i = 0; i < nb; i++)
        if (strcmp(ent_graph_type(g, i)->id, "call") == 0) {
            assert_int_equal(ent_graph_type(g, i)->role, ENT_ROLE_BROKERS);
            assert_int_equal(ent_graph_type(g, i)->mode, ENT_MODE_VERBAL_COOPERATION);
        }
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
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .max_errors = 10};
    ent_load_input in = {"t.json", doc, strlen(doc)};
    ent_diags *d = NULL;
    ent_diags_new(&d);
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
    ent_diags *d = NULL;
    ent_diags_new(&d);
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

/* Checks diagnostic i: code, severity, line and column. */
static void expect_diag(const ent_diags *d, size_t i, const char *code, ent_severity sev,
                        unsigned line, unsigned col)
{
    const ent_diag *e = ent_diags_get(d, i);
    assert_non_null(e);
    assert_string_equal(e->code, code);
    assert_int_equal(e->severity, sev);
    assert_int_equal(e->line, line);
    assert_int_equal(e->col, col);
}

static void builds_comparisons(void **state)
{
    (void)state;
    const char *doc =
        "{\n"
        "  \"format\": \"entente/1\",\n"
        "  \"snapshots\": [{\"id\": \"war-2020\", \"at\": \"2020-10-15\"},\n"
        "    {\"id\": \"before-2022\", \"at\": \"2022-02-23\"}, {\"id\": \"after-2022\", \"at\": "
        "\"2023-09-21\"}],\n"
        "  \"comparisons\": [\n"
        "    {\"id\": \"since-war-2020\", \"from\": \"war-2020\", \"to\": \"after-2022\"},\n"
        "    {\"id\": \"before-after-2022\", \"from\": \"before-2022\", \"to\": \"after-2022\",\n"
        "     \"label\": \"Before and after\", \"headline\": true}\n"
        "  ]\n"
        "}\n";
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(doc, &g, &d), ENT_OK);
    assert_int_equal(ent_diags_count(d), 0);
    assert_int_equal(ent_graph_comparison_count(g), 2);

    const ent_comparison *c0 = ent_graph_comparison(g, 0);
    assert_string_equal(c0->id, "since-war-2020");
    assert_int_equal(c0->from, 0); /* war-2020 */
    assert_int_equal(c0->to, 2);   /* after-2022 */
    assert_string_equal(c0->label, "");
    assert_int_equal(c0->headline, 0);
    assert_int_equal(c0->loc.file, 0);
    assert_int_equal(c0->loc.line, 6);

    const ent_comparison *c1 = ent_graph_comparison(g, 1);
    assert_string_equal(c1->id, "before-after-2022");
    assert_int_equal(c1->from, 1); /* before-2022 */
    assert_int_equal(c1->to, 2);
    assert_string_equal(c1->label, "Before and after");
    assert_int_equal(c1->headline, 1);
    assert_int_equal(c1->loc.line, 7);
    assert_string_equal(ent_graph_snapshot(g, c1->from)->id, "before-2022");

    assert_int_equal(ent_graph_headline_comparison(g), 1);
    assert_int_equal(ent_graph_comparison_by_id(g, "before-after-2022"), 1);
    assert_int_equal(ent_graph_comparison_by_id(g, "since-war-2020"), 0);
    assert_int_equal(ent_graph_comparison_by_id(g, "before-2022"), -1); /* a snapshot */
    assert_null(ent_graph_comparison(g, 2));
    ent_graph_free(g);
    ent_diags_free(d);
}

static void locates_comparison_errors(void **state)
{
    (void)state;
    /* Columns counted by hand; each comparison's line starts with two
     * spaces, so every "id" value is at column 10, and the "from" value of a
     * one-letter id at column 23. */
    const char *doc =
        "{\"format\": \"entente/1\",\n"
        " \"snapshots\": [{\"id\": \"before-2022\", \"at\": \"2022-02-23\"},\n"
        "  {\"id\": \"after-2022\", \"at\": \"2023-09-21\"}],\n"
        " \"comparisons\": [\n"
        "  {\"id\": \"a\", \"from\": \"befor-2022\", \"to\": \"after-2022\", \"headline\": true},\n"
        "  {\"id\": \"b\", \"from\": \"after-2022\", \"to\": \"before-2022\"},\n"
        "  {\"id\": \"c\", \"from\": \"before-2022\", \"to\": \"after-2022\", \"headline\": "
        "true},\n"
        "  {\"id\": \"a\", \"from\": \"before-2022\", \"to\": \"after-2022\"},\n"
        "  {\"id\": \"2023-09\", \"from\": \"before-2022\", \"to\": \"after-2022\", \"colour\": "
        "\"red\"}\n"
        " ]}\n";
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(doc, &g, &d), ENT_EINVALID);
    assert_null(g);
    assert_int_equal(ent_diags_count(d), 8);
    assert_int_equal(ent_diags_count_severity(d, ENT_SEV_ERROR), 5);

    expect_diag(d, 0, "unknown-snapshot", ENT_SEV_ERROR, 5, 23);
    assert_string_equal(ent_diags_get(d, 0)->message,
                        "\"from\" names unknown snapshot \"befor-2022\"; did you mean "
                        "\"before-2022\"?");
    /* after-2022 (2023-09-21) to before-2022 (2022-02-23): at the "to" value. */
    expect_diag(d, 1, "date-order", ENT_SEV_ERROR, 6, 43);
    assert_string_equal(ent_diags_get(d, 1)->message,
                        "\"to\" snapshot \"before-2022\" (2022-02-23) is not later than \"from\" "
                        "snapshot \"after-2022\" (2023-09-21); a comparison goes from the "
                        "earlier snapshot to the later");
    /* The second headline, with a note at the first (comparison "a", whose
     * own error does not stop its headline from counting). */
    expect_diag(d, 2, "duplicate-headline", ENT_SEV_ERROR, 7, 70);
    expect_diag(d, 3, "duplicate-headline", ENT_SEV_NOTE, 5, 69);
    expect_diag(d, 4, "duplicate-id", ENT_SEV_ERROR, 8, 10);
    assert_string_equal(ent_diags_get(d, 4)->message, "duplicate comparison id \"a\"");
    expect_diag(d, 5, "duplicate-id", ENT_SEV_NOTE, 5, 10);
    /* An unknown member is a warning at its name, as everywhere else. */
    expect_diag(d, 6, "unknown-field", ENT_SEV_WARNING, 9, 64);
    assert_string_equal(ent_diags_get(d, 6)->message,
                        "unknown member \"colour\" in a comparison is ignored");
    expect_diag(d, 7, "invalid-id", ENT_SEV_ERROR, 9, 10);
    ent_diags_free(d);
}

static void compares_the_days_snapshots_stand_for(void **state)
{
    (void)state;
    const char *doc =
        "{\"format\": \"entente/1\",\n"
        " \"snapshots\": [{\"id\": \"year-2023\", \"at\": \"2023\"}, {\"id\": \"broken\", \"at\": "
        "\"2023-02-30\"},\n"
        "  {\"id\": \"after-2022\", \"at\": \"2023-09-21\"}],\n"
        " \"comparisons\": [\n"
        "  {\"id\": \"a\", \"from\": \"2023-09-21\", \"to\": \"broken\"},\n"
        "  {\"id\": \"b\", \"from\": \"year-2023\", \"to\": \"after-2022\"},\n"
        "  {\"id\": \"c\", \"from\": \"after-2022\", \"to\": \"after-2022\"},\n"
        "  {\"id\": \"d\", \"from\": \"after-2022\", \"to\": \"year-2023\", \"label\": 7}\n"
        " ]}\n";
    ent_graph *g;
    ent_diags *d;
    assert_int_equal(load_text(doc, &g, &d), ENT_EINVALID);
    assert_int_equal(ent_diags_count(d), 5);
    expect_diag(d, 0, "invalid-date", ENT_SEV_ERROR, 2, 74);
    /* A date where a snapshot id belongs: the snapshot of that day is
     * suggested. "broken" has an error of its own but still names a
     * snapshot, so it adds no unknown-snapshot error. */
    expect_diag(d, 1, "unknown-snapshot", ENT_SEV_ERROR, 5, 23);
    assert_string_equal(ent_diags_get(d, 1)->message,
                        "\"from\" is a date, but a comparison names snapshots by their ids; did "
                        "you mean \"after-2022\"?");
    /* "2023" stands for 2023-12-31, after 2023-09-21; the reverse, "d", is fine. */
    expect_diag(d, 2, "date-order", ENT_SEV_ERROR, 6, 42);
    assert_non_null(strstr(ent_diags_get(d, 2)->message,
                           "\"from\" snapshot \"year-2023\" (2023, that is 2023-12-31)"));
    expect_diag(d, 3, "date-order", ENT_SEV_ERROR, 7, 43);
    assert_string_equal(ent_diags_get(d, 3)->message,
                        "\"from\" and \"to\" are both snapshot \"after-2022\"; a comparison needs "
                        "two snapshots, the earlier first");
    expect_diag(d, 4, "wrong-type", ENT_SEV_ERROR, 8, 65);
    assert_string_equal(ent_diags_get(d, 4)->message,
                        "\"label\" in a comparison must be a string, found a number");
    ent_diags_free(d);
}

static void merges_comparisons_across_files(void **state)
{
    (void)state;
    const char *a = "{\"format\": \"entente/1\",\n"
                    " \"snapshots\": [{\"id\": \"s1\", \"at\": \"2020\"}, {\"id\": \"s2\", \"at\": "
                    "\"2021\"}],\n"
                    " \"comparisons\": [{\"id\": \"c1\", \"from\": \"s1\", \"to\": \"s2\", "
                    "\"headline\": true}]}";
    /* b names a's snapshots; given first, so they are defined later. */
    const char *b_ok = "{\"format\": \"entente/1\",\n"
                       " \"comparisons\": [{\"id\": \"c0\", \"from\": \"s1\", \"to\": \"s2\"}]}";
    const char *b_bad = "{\"format\": \"entente/1\",\n"
                        " \"comparisons\": [{\"id\": \"c2\", \"from\": \"s1\", \"to\": \"s2\", "
                        "\"headline\": true},\n"
                        "  {\"id\": \"c3\", \"from\": \"s2\"}]}";
    ent_load_input in[2] = {{"b.json", b_ok, strlen(b_ok)}, {"a.json", a, strlen(a)}};
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_graph *g;
    assert_int_equal(ent_load_inputs(&g, in, 2, NULL, d), ENT_OK);
    assert_int_equal(ent_graph_comparison_count(g), 2);
    assert_string_equal(ent_graph_comparison(g, 0)->id, "c0"); /* files in the order given */
    assert_int_equal(ent_graph_comparison(g, 0)->loc.file, 0);
    assert_int_equal(ent_graph_comparison(g, 1)->loc.file, 1);
    assert_int_equal(ent_graph_headline_comparison(g), 1);
    ent_graph_free(g);
    ent_diags_free(d);

    in[0] = (ent_load_input){"a.json", a, strlen(a)};
    in[1] = (ent_load_input){"b.json", b_bad, strlen(b_bad)};
    ent_diags_new(&d);
    assert_int_equal(ent_load_inputs(&g, in, 2, NULL, d), ENT_EINVALID);
    assert_null(g);
    assert_int_equal(ent_diags_count(d), 3);
    expect_diag(d, 0, "duplicate-headline", ENT_SEV_ERROR, 2, 69);
    assert_string_equal(ent_diags_get(d, 0)->file, "b.json");
    expect_diag(d, 1, "duplicate-headline", ENT_SEV_NOTE, 3, 69);
    assert_string_equal(ent_diags_get(d, 1)->file, "a.json");
    expect_diag(d, 2, "missing-field", ENT_SEV_ERROR, 3, 3);
    assert_string_equal(ent_diags_get(d, 2)->message, "a comparison needs \"to\"");
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
        cmocka_unit_test(reads_roles_and_modes),
        cmocka_unit_test(rejects_inconsistent_relation_types),
        cmocka_unit_test(stops_after_max_errors),
        cmocka_unit_test(reports_unreadable_paths_as_io_errors),
        cmocka_unit_test(checks_kinds_and_claims),
        cmocka_unit_test(builds_comparisons),
        cmocka_unit_test(locates_comparison_errors),
        cmocka_unit_test(compares_the_days_snapshots_stand_for),
        cmocka_unit_test(merges_comparisons_across_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
