/*
 * test_io.c: the import and export API beyond what the command-line tests
 * see: the CAMEO mapping's invariants (every root has a rule, every rule
 * lands on a built-in event type whose quad class is the code's), the
 * contracts of ent_export_write and ent_import_csv on bad arguments, and an
 * import and an export in memory.
 */
#include "test_common.h"

/* Every rule names a built-in event type; every CAMEO root 01..20 has a rule;
 * the type's mode (CAMEO's quad class) is that of the rule's code, except the
 * neutral statement, which takes in-between codes of several roots. */
static void cameo_rules(void **state)
{
    (void)state;
    int root_seen[21] = {0};
    size_t n = ent_cameo_rule_count();
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++) {
        const ent_cameo_rule *r = ent_cameo_rule_at(i);
        const ent_reltype *t = ent_vocab_builtin_find(r->type);
        assert_non_null(t);
        assert_false(t->durable);
        size_t len = strlen(r->code);
        assert_true(len >= 2 && len <= 4);
        int root = (r->code[0] - '0') * 10 + (r->code[1] - '0');
        assert_true(root >= 1 && root <= 20);
        if (len == 2)
            root_seen[root] = 1;
        if (strcmp(t->id, "statement") != 0)
            assert_int_equal(t->mode, ent_mode_of_cameo(r->code));
        assert_true(r->description[0] != '\0');
    }
    for (int root = 1; root <= 20; root++)
        assert_true(root_seen[root]);
    assert_null(ent_cameo_rule_at(n));
    const char *name = NULL;
    assert_string_equal(ent_cameo_region(0, &name), "AFR");
    assert_string_equal(name, "Africa");
}

static void export_contracts(void **state)
{
    (void)state;
    assert_int_equal(ent_export_write(NULL, NULL, ENT_EXPORT_GEXF, NULL), ENT_EUSAGE);
    assert_true(strstr(ent_error_last(), "ent_export_write") != NULL);
    assert_string_equal(ent_export_format_name(ENT_EXPORT_GRAPHML), "graphml");
    assert_string_equal(ent_export_format_name(ENT_EXPORT_FORMAT_COUNT_), "unknown");
}

/* A graph of two actors and one relation, exported as node-link JSON into
 * memory: the text holds exactly what it must. */
static void export_json_in_memory(void **state)
{
    (void)state;
    static const char text[] =
        "{\"format\": \"entente/1\", \"sources\": [{\"id\": \"s\", \"title\": \"T\"}],"
        " \"actors\": [{\"id\": \"a\", \"name\": \"A \\\"q\\\"\", \"kind\": \"state\"},"
        "              {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"}],"
        " \"relations\": [{\"source\": \"a\", \"target\": \"b\", \"type\": \"attacks\", \"at\": \"2023-09\","
        "                \"evidence\": [{\"source\": \"s\"}]}]}";
    ent_load_input in = {"mem.json", text, sizeof text - 1};
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_graph *g = NULL;
    assert_int_equal(ent_load_inputs(&g, &in, 1, NULL, d), ENT_OK);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    assert_int_equal(ent_export_write(f, g, ENT_EXPORT_JSON_GRAPH, NULL), 0);
    fclose(f);
    assert_non_null(strstr(buf, "\"label\": \"A \\\"q\\\"\""));
    assert_non_null(strstr(buf, "\"source\": \"a\", \"target\": \"b\", \"key\": 0, \"weight\": -10,"));
    assert_non_null(strstr(buf, "\"first_day\": \"2023-09-01\", \"last_day\": \"2023-09-30\""));
    assert_non_null(strstr(buf, "\"evidence\": [\"s\"]"));
    free(buf);
    ent_graph_free(g);
    ent_diags_free(d);
}

static void import_csv_contracts(void **state)
{
    (void)state;
    ent_import_csv_options o = ENT_IMPORT_CSV_OPTIONS_INIT;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    o.map[ENT_CSV_SOURCE] = "a";
    assert_int_equal(ent_import_csv(f, NULL, 0, &o, d, NULL), ENT_EUSAGE);
    assert_non_null(strstr(ent_error_last(), "--map needs"));
    o.map[ENT_CSV_TARGET] = "b";
    o.map[ENT_CSV_AT] = "c";
    o.type = "hugs";
    assert_int_equal(ent_import_csv(f, NULL, 0, &o, d, NULL), ENT_EUSAGE);
    assert_non_null(strstr(ent_error_last(), "'hugs' is not a relation type"));
    fclose(f);
    assert_int_equal(len, 0); /* nothing written */
    free(buf);
    ent_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cameo_rules),
        cmocka_unit_test(export_contracts),
        cmocka_unit_test(export_json_in_memory),
        cmocka_unit_test(import_csv_contracts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
