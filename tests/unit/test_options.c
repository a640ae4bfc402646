/*
 * test_options.c: the one rule of every options struct (docs/library.md,
 * "Options"): a `version` first member, an ENT_<NAME>_OPTIONS_INIT macro that
 * gives the documented defaults, an ent_<name>_options_init function that
 * gives the same, and every function that takes the options refusing a
 * version it does not know with ENT_EUSAGE and a message naming the macro.
 *
 * The expected defaults are written out here from the headers' comments and
 * docs, not read from the library.
 */
#include "test_common.h"

static const char *text =
    "{\"format\": \"entente/1\", \"sources\": [{\"id\": \"s\", \"title\": \"invented\"}],"
    " \"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    "  {\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    "  {\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"}],"
    " \"relations\": ["
    "  {\"id\": \"r1\", \"source\": \"a\", \"target\": \"b\", \"type\": \"allied_with\","
    "   \"from\": \"2000\", \"evidence\": [{\"source\": \"s\"}]},"
    "  {\"id\": \"r2\", \"source\": \"c\", \"target\": \"a\", \"type\": \"attacks\","
    "   \"at\": \"2010-03-01\", \"evidence\": [{\"source\": \"s\"}]}],"
    " \"snapshots\": [{\"id\": \"then\", \"at\": \"2005\"}, {\"id\": \"now\", \"at\": \"2010\"}]}";

/* ---------------------------------------------------------------------------
 * The defaults
 * ------------------------------------------------------------------------- */

static void view_defaults(const ent_view_options *o)
{
    assert_int_equal(o->version, ENT_VIEW_OPTIONS_VERSION);
    assert_int_equal(o->window_days, 365);
    assert_true(o->half_life_days == 0.0);
    assert_int_equal(o->status_mask, 0xFu); /* confirmed, reported, claimed, disputed */
    assert_null(o->exclude_claims_by);
    assert_int_equal(o->n_exclude, 0);
    assert_int_equal(o->source_kinds, 0);
}

static void load_defaults(const ent_load_options *o)
{
    assert_int_equal(o->version, ENT_LOAD_OPTIONS_VERSION);
    assert_int_equal(o->max_errors, 0); /* 0: the loader's 100 */
    assert_int_equal(o->allow_missing_evidence, 0);
    assert_int_equal(o->warn_no_from, 0);
    assert_int_equal(o->threads, 0);
}

static void analysis_defaults(const ent_analysis_options *o)
{
    assert_int_equal(o->version, ENT_ANALYSIS_OPTIONS_VERSION);
    assert_int_equal(o->metric, ENT_METRIC_LEVERAGE);
    assert_int_equal(o->top, 0);
}

static void influence_defaults(const ent_influence_options *o)
{
    assert_int_equal(o->version, ENT_INFLUENCE_OPTIONS_VERSION);
    assert_int_equal(o->metric, ENT_METRIC_LEVERAGE);
    assert_int_equal(o->top, 0);
    assert_null(o->bloc);
}

static void balance_defaults(const ent_balance_options *o)
{
    assert_int_equal(o->version, ENT_BALANCE_OPTIONS_VERSION);
    assert_int_equal(o->top, 0);
    assert_int_equal(o->exact_max, 48);
    assert_int_equal(o->node_budget, 20000000ULL);
    assert_int_equal(o->walk_max, 1000);
    assert_int_equal(o->direct_only, 0);
}

static void blocs_defaults(const ent_blocs_options *o)
{
    assert_int_equal(o->version, ENT_BLOCS_OPTIONS_VERSION);
    assert_int_equal(o->seed, 42);
    assert_int_equal(o->max_blocs, 25);
    assert_int_equal(o->max_part, 1000);
    assert_true(o->gamma == 1.0 && o->gamma_minus == 1.0);
    assert_int_equal(o->direct_only, 0);
}

static void align_defaults(const ent_align_options *o)
{
    assert_int_equal(o->version, ENT_ALIGN_OPTIONS_VERSION);
    assert_int_equal(o->top, 0);
    assert_null(o->with);
}

static void render_defaults(const ent_render_options *o)
{
    assert_int_equal(o->version, ENT_RENDER_OPTIONS_VERSION);
    assert_null(o->layout);
    assert_null(o->focus);
    assert_int_equal(o->n_focus, 0);
    assert_int_equal(o->depth, 1);
    assert_int_equal(o->all_actors, 0);
    assert_int_equal(o->kinds, 0);
    assert_null(o->types);
    assert_int_equal(o->n_types, 0);
    assert_null(o->title);
    assert_null(o->label[0]);
    assert_null(o->label[1]);
    assert_null(o->colors);
    assert_null(o->colors_b);
    assert_null(o->color_legend);
    assert_int_equal(o->stack, 0);
}

static void report_defaults(const ent_report_options *o)
{
    assert_int_equal(o->version, ENT_REPORT_OPTIONS_VERSION);
    assert_null(o->view);
    assert_null(o->actors);
    assert_int_equal(o->n_actors, 0);
    assert_int_equal(o->main_actors, 3);
    assert_int_equal(o->top, 10);
    assert_int_equal(o->leaders, 3);
    assert_null(o->title);
    assert_null(o->files);
    assert_int_equal(o->n_files, 0);
    assert_null(o->progress);
    assert_null(o->progress_ud);
    assert_null(o->stop);
    assert_null(o->stop_ud);
}

static void export_defaults(const ent_export_options *o)
{
    assert_int_equal(o->version, ENT_EXPORT_OPTIONS_VERSION);
    assert_null(o->view);
    assert_int_equal(o->has_range, 0);
    assert_null(o->keep);
}

static void import_defaults(const ent_import_options *o)
{
    assert_int_equal(o->version, ENT_IMPORT_OPTIONS_VERSION);
    assert_int_equal(o->per, ENT_PER_DAY);
    assert_int_equal(o->actor_types, 0);
    assert_int_equal(o->min_mentions, 0);
    assert_int_equal(o->root_only, 0);
    assert_int_equal(o->has_range, 0);
    assert_null(o->countries);
    assert_int_equal(o->n_countries, 0);
    assert_int_equal(o->skip_bad, 0);
    assert_int_equal(o->max_errors, 0);
    assert_null(o->progress);
}

static void import_csv_defaults(const ent_import_csv_options *o)
{
    assert_int_equal(o->version, ENT_IMPORT_CSV_OPTIONS_VERSION);
    for (int f = 0; f < ENT_CSV_FIELD_COUNT_; f++)
        assert_null(o->map[f]);
    assert_null(o->type);
    assert_null(o->actors_file);
    assert_null(o->type_map_file);
    assert_null(o->date_format);
    assert_null(o->unknown_day);
    assert_int_equal(o->skip_bad, 0);
    assert_int_equal(o->max_errors, 0);
}

static void timeline_defaults(const ent_timeline_options *o)
{
    assert_int_equal(o->version, ENT_TIMELINE_OPTIONS_VERSION);
    assert_null(o->metrics);
    assert_int_equal(o->n_metrics, 0);
    assert_null(o->actors);
    assert_int_equal(o->n_actors, 0);
    assert_int_equal(o->top, 0);
    assert_int_equal(o->independent, 0);
    assert_null(o->pairs);
    assert_int_equal(o->n_pairs, 0);
}

static void chart_defaults(const ent_timeline_chart_options *o)
{
    assert_int_equal(o->version, ENT_TIMELINE_CHART_OPTIONS_VERSION);
    assert_null(o->title);
    assert_int_equal(o->every, ENT_EVERY_MONTH);
    assert_null(o->marks);
    assert_int_equal(o->n_marks, 0);
    assert_int_equal(o->format, ENT_CHART_SVG);
}

/* The macro and the function, each checked against the written-out defaults;
 * the function writes over a struct filled with garbage first. */
#define BOTH(type, INIT, init_fn, check)                    \
    do {                                                    \
        type from_macro = INIT;                             \
        check(&from_macro);                                 \
        type from_function;                                 \
        memset(&from_function, 0x5a, sizeof from_function); \
        init_fn(&from_function);                            \
        check(&from_function);                              \
    } while (0)

static void init_gives_the_documented_defaults(void **state)
{
    (void)state;
    BOTH(ent_view_options, ENT_VIEW_OPTIONS_INIT, ent_view_options_init, view_defaults);
    BOTH(ent_load_options, ENT_LOAD_OPTIONS_INIT, ent_load_options_init, load_defaults);
    BOTH(ent_analysis_options, ENT_ANALYSIS_OPTIONS_INIT, ent_analysis_options_init,
         analysis_defaults);
    BOTH(ent_influence_options, ENT_INFLUENCE_OPTIONS_INIT, ent_influence_options_init,
         influence_defaults);
    BOTH(ent_balance_options, ENT_BALANCE_OPTIONS_INIT, ent_balance_options_init, balance_defaults);
    BOTH(ent_blocs_options, ENT_BLOCS_OPTIONS_INIT, ent_blocs_options_init, blocs_defaults);
    BOTH(ent_align_options, ENT_ALIGN_OPTIONS_INIT, ent_align_options_init, align_defaults);
    BOTH(ent_render_options, ENT_RENDER_OPTIONS_INIT, ent_render_options_init, render_defaults);
    BOTH(ent_report_options, ENT_REPORT_OPTIONS_INIT, ent_report_options_init, report_defaults);
    BOTH(ent_export_options, ENT_EXPORT_OPTIONS_INIT, ent_export_options_init, export_defaults);
    BOTH(ent_import_options, ENT_IMPORT_OPTIONS_INIT, ent_import_options_init, import_defaults);
    BOTH(ent_import_csv_options, ENT_IMPORT_CSV_OPTIONS_INIT, ent_import_csv_options_init,
         import_csv_defaults);
    BOTH(ent_timeline_options, ENT_TIMELINE_OPTIONS_INIT, ent_timeline_options_init,
         timeline_defaults);
    BOTH(ent_timeline_chart_options, ENT_TIMELINE_CHART_OPTIONS_INIT,
         ent_timeline_chart_options_init, chart_defaults);
}

/* ---------------------------------------------------------------------------
 * Unknown versions are refused
 * ------------------------------------------------------------------------- */

/* rc is ENT_EUSAGE and the message names the struct and its INIT macro. */
static void refused(int rc, const char *macro)
{
    assert_int_equal(rc, ENT_EUSAGE);
    if (!strstr(ent_error_last(), macro))
        fail_msg("the message \"%s\" does not name %s", ent_error_last(), macro);
}

/* Runs `call` with the options' version set to 0 (zero-initialised) and to
 * one past the known version; both are refused. */
#define REFUSES(opts, known, macro, call) \
    do {                                  \
        (opts).version = 0;               \
        refused((call), macro);           \
        (opts).version = (known) + 1;     \
        refused((call), macro);           \
        (opts).version = (known);         \
    } while (0)

static void unknown_versions_are_refused(void **state)
{
    (void)state;
    ent_load_input in = {"test.json", text, strlen(text)};
    ent_diags *d = NULL;
    assert_int_equal(ent_diags_new(&d), 0);
    ent_graph *g = NULL;

    ent_load_options lo = ENT_LOAD_OPTIONS_INIT;
    REFUSES(lo, ENT_LOAD_OPTIONS_VERSION, "ENT_LOAD_OPTIONS_INIT",
            ent_load_inputs(&g, &in, 1, &lo, d));
    assert_null(g);
    assert_int_equal(ent_load_inputs(&g, &in, 1, &lo, d), 0);

    ent_view *a = NULL, *b = NULL;
    ent_view_options vo = ENT_VIEW_OPTIONS_INIT;
    int32_t then, now;
    assert_int_equal(ent_graph_resolve_when(g, "then", &then, NULL), 0);
    assert_int_equal(ent_graph_resolve_when(g, "now", &now, NULL), 0);
    REFUSES(vo, ENT_VIEW_OPTIONS_VERSION, "ENT_VIEW_OPTIONS_INIT", ent_view_new(&a, g, now, &vo));
    assert_null(a);
    assert_int_equal(ent_view_new(&a, g, then, &vo), 0);
    assert_int_equal(ent_view_new(&b, g, now, &vo), 0);

    ent_table *t = NULL, *t2 = NULL;
    ent_who_query q = {0, 0, 1, NULL, 1, 0, NULL};
    ent_when when = {0, now, 0, 0};
    REFUSES(vo, ENT_VIEW_OPTIONS_VERSION, "ENT_VIEW_OPTIONS_INIT",
            ent_who_table(&t, g, &vo, &when, &q));
    assert_null(t);

    ent_influence_options io = ENT_INFLUENCE_OPTIONS_INIT;
    REFUSES(io, ENT_INFLUENCE_OPTIONS_VERSION, "ENT_INFLUENCE_OPTIONS_INIT",
            ent_influence_table(&t, b, &io));
    assert_null(t);
    ent_analysis_options ao = ENT_ANALYSIS_OPTIONS_INIT;
    REFUSES(ao, ENT_ANALYSIS_OPTIONS_VERSION, "ENT_ANALYSIS_OPTIONS_INIT",
            ent_shift_table(&t, a, b, &ao));
    REFUSES(ao, ENT_ANALYSIS_OPTIONS_VERSION, "ENT_ANALYSIS_OPTIONS_INIT",
            ent_explain_table(&t, a, b, 0, &ao));
    assert_null(t);

    ent_balance_options bo = ENT_BALANCE_OPTIONS_INIT;
    REFUSES(bo, ENT_BALANCE_OPTIONS_VERSION, "ENT_BALANCE_OPTIONS_INIT",
            ent_balance_tables(&t, NULL, NULL, b, &bo));
    REFUSES(bo, ENT_BALANCE_OPTIONS_VERSION, "ENT_BALANCE_OPTIONS_INIT",
            ent_balance_change_tables(&t, NULL, a, b, &bo));
    assert_null(t);
    uint32_t from[] = {0}, to[] = {1};
    int sign[] = {1}, camp[2];
    ent_frustration_info fi;
    REFUSES(bo, ENT_BALANCE_OPTIONS_VERSION, "ENT_BALANCE_OPTIONS_INIT",
            ent_frustration(2, from, to, sign, 1, &bo, camp, &fi));

    ent_blocs_options co = ENT_BLOCS_OPTIONS_INIT;
    uint32_t bloc[3], bloc2[3];
    size_t nblocs;
    ent_blocs_found *found = NULL;
    REFUSES(co, ENT_BLOCS_OPTIONS_VERSION, "ENT_BLOCS_OPTIONS_INIT",
            ent_blocs(b, &co, bloc, &nblocs));
    REFUSES(co, ENT_BLOCS_OPTIONS_VERSION, "ENT_BLOCS_OPTIONS_INIT",
            ent_blocs_find(&found, b, &co));
    assert_null(found);
    REFUSES(co, ENT_BLOCS_OPTIONS_VERSION, "ENT_BLOCS_OPTIONS_INIT",
            ent_blocs_tables(&t, NULL, NULL, b, &co));
    REFUSES(co, ENT_BLOCS_OPTIONS_VERSION, "ENT_BLOCS_OPTIONS_INIT",
            ent_blocs_change_tables(&t, NULL, a, b, &co));
    REFUSES(co, ENT_BLOCS_OPTIONS_VERSION, "ENT_BLOCS_OPTIONS_INIT",
            ent_blocs_aligned(a, b, &co, bloc, bloc2));
    assert_null(t);

    ent_align_options alo = ENT_ALIGN_OPTIONS_INIT;
    REFUSES(alo, ENT_ALIGN_OPTIONS_VERSION, "ENT_ALIGN_OPTIONS_INIT",
            ent_align_table(&t, b, 0, &alo));
    REFUSES(alo, ENT_ALIGN_OPTIONS_VERSION, "ENT_ALIGN_OPTIONS_INIT",
            ent_align_change_table(&t, a, b, 0, &alo));
    assert_null(t);

    ent_render_options ro = ENT_RENDER_OPTIONS_INIT;
    char *buf = NULL;
    size_t len = 0;
    REFUSES(ro, ENT_RENDER_OPTIONS_VERSION, "ENT_RENDER_OPTIONS_INIT",
            ent_render(b, NULL, ENT_RENDER_ONE, &ro, ENT_RENDER_DOT, &buf, &len, NULL));
    assert_null(buf);

    ent_report_options rpo = ENT_REPORT_OPTIONS_INIT;
    REFUSES(rpo, ENT_REPORT_OPTIONS_VERSION, "ENT_REPORT_OPTIONS_INIT",
            ent_report_write(g, &rpo, "/nonexistent-entente-dir", NULL));

    FILE *f = tmpfile();
    assert_non_null(f);
    ent_export_options eo = ENT_EXPORT_OPTIONS_INIT;
    REFUSES(eo, ENT_EXPORT_OPTIONS_VERSION, "ENT_EXPORT_OPTIONS_INIT",
            ent_export_write(f, g, ENT_EXPORT_CSV_ACTORS, &eo));
    eo.keep = &vo;
    REFUSES(vo, ENT_VIEW_OPTIONS_VERSION, "ENT_VIEW_OPTIONS_INIT",
            ent_export_write(f, g, ENT_EXPORT_CSV_ACTORS, &eo));
    fflush(f);
    assert_int_equal(ftell(f), 0); /* nothing written */

    ent_import_options imo = ENT_IMPORT_OPTIONS_INIT;
    REFUSES(imo, ENT_IMPORT_OPTIONS_VERSION, "ENT_IMPORT_OPTIONS_INIT",
            ent_import_gdelt(f, NULL, 0, &imo, d, NULL));
    ent_import_csv_options ico = ENT_IMPORT_CSV_OPTIONS_INIT;
    REFUSES(ico, ENT_IMPORT_CSV_OPTIONS_VERSION, "ENT_IMPORT_CSV_OPTIONS_INIT",
            ent_import_csv(f, NULL, 0, &ico, d, NULL));
    fflush(f);
    assert_int_equal(ftell(f), 0);
    fclose(f);

    int32_t days[] = {then, now};
    ent_timeline_options tlo = ENT_TIMELINE_OPTIONS_INIT;
    REFUSES(tlo, ENT_TIMELINE_OPTIONS_VERSION, "ENT_TIMELINE_OPTIONS_INIT",
            ent_timeline_table(&t, g, NULL, days, 2, &tlo));
    REFUSES(vo, ENT_VIEW_OPTIONS_VERSION, "ENT_VIEW_OPTIONS_INIT",
            ent_timeline_table(&t, g, &vo, days, 2, &tlo));
    assert_null(t);
    assert_int_equal(ent_timeline_table(&t2, g, &vo, days, 2, &tlo), 0);
    ent_timeline_chart_options tco = ENT_TIMELINE_CHART_OPTIONS_INIT;
    REFUSES(tlo, ENT_TIMELINE_OPTIONS_VERSION, "ENT_TIMELINE_OPTIONS_INIT",
            ent_timeline_chart(&buf, &len, g, t2, days, 2, &tlo, &tco));
    REFUSES(tco, ENT_TIMELINE_CHART_OPTIONS_VERSION, "ENT_TIMELINE_CHART_OPTIONS_INIT",
            ent_timeline_chart(&buf, &len, g, t2, days, 2, &tlo, &tco));
    assert_null(buf);
    /* With the known versions the same calls work. */
    assert_int_equal(ent_timeline_chart(&buf, &len, g, t2, days, 2, &tlo, &tco), 0);
    assert_non_null(buf);
    ent_chart_free(buf);
    ent_table_free(t2);

    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
    ent_diags_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init_gives_the_documented_defaults),
        cmocka_unit_test(unknown_versions_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
