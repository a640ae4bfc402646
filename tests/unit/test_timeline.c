/*
 * test_timeline.c: the timeline (docs/analyses.md, "Timeline"). The days of
 * each period worked out by hand; the leverage of a four-actor graph at each
 * month worked out by hand in the comments; and the sweep against a fresh
 * snapshot per day (ent_view_new and ent_metrics_compute, which know nothing
 * of the sweep) on generated graphs with relations entering and leaving at
 * many dates, partial dates, symmetric types, decay and a status filter:
 * every metric of every actor must agree to the last bit, and every rank.
 */
#include <math.h>

#include "test_common.h"

#define CLOSE(a, b) assert_true(fabs((a) - (b)) < 1e-9)

static int32_t day_of(const char *text)
{
    ent_date d;
    assert_int_equal(ent_date_parse(&d, text, strlen(text)), ENT_DATE_OK);
    return ent_date_first_day(d);
}

static void expect_days(const char *from, const char *to, ent_every every,
                        const char *const *want, size_t n_want)
{
    int32_t *days;
    size_t n;
    assert_int_equal(ent_timeline_days(&days, &n, day_of(from), day_of(to), every, 0), 0);
    assert_int_equal(n, n_want);
    for (size_t i = 0; i < n; i++)
        assert_int_equal(days[i], day_of(want[i]));
    ent_timeline_days_free(days);
}

static void steps_by_period(void **state)
{
    (void)state;
    /* A month later keeps the day of the month, or the month's last day; the
     * last date comes last even when the periods do not land on it. */
    const char *months[] = {"2020-01-31", "2020-02-29", "2020-03-31", "2020-04-30", "2020-05-10"};
    expect_days("2020-01-31", "2020-05-10", ENT_EVERY_MONTH, months, 5);
    const char *weeks[] = {"2021-12-27", "2022-01-03", "2022-01-10", "2022-01-12"};
    expect_days("2021-12-27", "2022-01-12", ENT_EVERY_WEEK, weeks, 4);
    const char *quarters[] = {"2020-11-30", "2021-02-28", "2021-05-30", "2021-08-30"};
    expect_days("2020-11-30", "2021-08-30", ENT_EVERY_QUARTER, quarters, 4);
    const char *years[] = {"2020-02-29", "2021-02-28", "2022-02-28", "2023-02-28", "2024-02-29"};
    expect_days("2020-02-29", "2024-02-29", ENT_EVERY_YEAR, years, 5);
    const char *one[] = {"2022-03-01"};
    expect_days("2022-03-01", "2022-03-01", ENT_EVERY_DAY, one, 1);
    const char *days[] = {"2022-02-27", "2022-02-28", "2022-03-01"};
    expect_days("2022-02-27", "2022-03-01", ENT_EVERY_DAY, days, 3);

    int32_t *d;
    size_t n;
    assert_int_equal(ent_timeline_days(&d, &n, day_of("2022-03-02"), day_of("2022-03-01"),
                                       ENT_EVERY_DAY, 0),
                     ENT_EUSAGE);
    assert_null(d);
    assert_int_equal(ent_timeline_days(&d, &n, day_of("2000-01-01"), day_of("2022-03-01"),
                                       ENT_EVERY_DAY, 1000),
                     ENT_EUSAGE);
    assert_non_null(strstr(ent_error_last(), "more than 1000 steps"));
    assert_int_equal(ent_every_from_name("quarter"), ENT_EVERY_QUARTER);
    assert_int_equal(ent_every_from_name("fortnight"), -1);
}

static ent_graph *load_doc(const char *doc)
{
    ent_graph *g;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_load_input in = {"test.json", doc, strlen(doc)};
    int rc = ent_load_inputs(&g, &in, 1, &o, d);
    for (size_t i = 0; i < ent_diags_count(d); i++)
        if (ent_diags_get(d, i)->severity == ENT_SEV_ERROR)
            fprintf(stderr, "%s\n", ent_diags_get(d, i)->message);
    assert_int_equal(rc, 0);
    ent_diags_free(d);
    return g;
}

static const char hand_graph[] =
    "{\"format\": \"entente/1\", \"actors\": ["
    "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"state\"},"
    "{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"state\"},"
    "{\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    "{\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\", \"from\": \"2020-02\"}],"
    " \"relations\": ["
    "{\"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\","
    " \"from\": \"2020-01\", \"to\": \"2020-03\"},"
    "{\"source\": \"q\", \"target\": \"c\", \"type\": \"support_diplomatic\", \"from\": \"2020-03\"},"
    "{\"source\": \"q\", \"target\": \"d\", \"type\": \"aid_military\", \"at\": \"2020-02-15\"},"
    "{\"source\": \"p\", \"target\": \"q\", \"type\": \"allied_with\","
    " \"from\": \"2020-03\", \"to\": \"2020-04\"}]}";

/* Reads row `row` of a timeline table: actor id, value and rank. */
static void row_is(const ent_table *t, size_t row, const char *date, const char *actor,
                   double value, double rank)
{
    assert_string_equal(ent_table_string(t, row, 0), date);
    assert_string_equal(ent_table_string(t, row, 1), actor);
    double v = ent_table_real(t, row, 4), r = ent_table_real(t, row, 5);
    if (isnan(value)) {
        assert_true(isnan(v));
        assert_true(isnan(r));
        return;
    }
    CLOSE(v, value);
    CLOSE(r, rank);
}

static void leverage_by_month_by_hand(void **state)
{
    (void)state;
    ent_graph *g = load_doc(hand_graph);
    ent_view_options vo;
    ent_view_options_init(&vo);
    vo.window_days = 60;
    int32_t *days;
    size_t nd;
    assert_int_equal(ent_timeline_days(&days, &nd, day_of("2020-01-15"), day_of("2020-05-15"),
                                       ENT_EVERY_MONTH, 0),
                     0);
    assert_int_equal(nd, 5);
    uint32_t shown[] = {0, 1, 2, 3}; /* p, q, c, d */
    ent_timeline_options o = {ENT_TIMELINE_OPTIONS_VERSION, NULL, 0, shown, 4, 0, 0, NULL, 0};
    ent_table *t;
    assert_int_equal(ent_timeline_table(&t, g, &vo, days, nd, &o), 0);
    assert_int_equal(ent_table_row_count(t), 5 * 4);
    /*
     * Relations count from the last day of the period of their `from` (or
     * `at`): p's support of c (support_military 7.4, deeds, durable: whole)
     * from 2020-01-31 to 2020-03-31; q's support of c (support_diplomatic
     * 3.5, words: 1.75) from 2020-03-31; q's military aid to d (8.3, an
     * event: 4.15) on 2020-02-15, counted for 60 days, to 2020-04-14; the
     * alliance of p and q (8.0, words: 4.0 each way, symmetric) from
     * 2020-03-31 to 2020-04-30. d exists from 2020-02-29.
     *
     * 2020-01-15: nothing in force; p, q, c at 0 (ranks in graph order), d
     *   absent.
     * 2020-02-15: c relies on p alone (7.4): p 7.4^2 / 7.4 = 7.4; d relies on
     *   q (4.15): q 4.15. d takes part in the aid, so it is present.
     * 2020-03-15: the same (q's support of c and the alliance start on the
     *   31st).
     * 2020-04-15: p's support has ended, the aid is out of the window
     *   (2020-02-15 < 2020-04-15 - 59 = 2020-02-16); c relies on q 1.75
     *   (share 1): 1.75; p and q rely on each other 4.0 (share 1): q 1.75 +
     *   4.0 = 5.75, p 4.0.
     * 2020-05-15: the alliance has ended: q 1.75, p 0.
     */
    row_is(t, 0, "2020-01-15", "p", 0, 1);
    row_is(t, 1, "2020-01-15", "q", 0, 2);
    row_is(t, 2, "2020-01-15", "c", 0, 3);
    row_is(t, 3, "2020-01-15", "d", NAN, NAN);
    row_is(t, 4, "2020-02-15", "p", 7.4, 1);
    row_is(t, 5, "2020-02-15", "q", 4.15, 2);
    row_is(t, 6, "2020-02-15", "c", 0, 3);
    row_is(t, 7, "2020-02-15", "d", 0, 4);
    row_is(t, 8, "2020-03-15", "p", 7.4, 1);
    row_is(t, 9, "2020-03-15", "q", 4.15, 2);
    row_is(t, 12, "2020-04-15", "p", 4.0, 2);
    row_is(t, 13, "2020-04-15", "q", 5.75, 1);
    row_is(t, 14, "2020-04-15", "c", 0, 3);
    row_is(t, 15, "2020-04-15", "d", 0, 4);
    row_is(t, 16, "2020-05-15", "p", 0, 2);
    row_is(t, 17, "2020-05-15", "q", 1.75, 1);
    ent_table_free(t);

    /* With a half-life of 30 days the aid weighs 4.15 * 0.5^(29 / 30) on
     * 2020-03-15, 29 days after it, and 4.15 * 0.5^(0 / 30) on the day. */
    vo.half_life_days = 30;
    assert_int_equal(ent_timeline_table(&t, g, &vo, days, nd, &o), 0);
    row_is(t, 5, "2020-02-15", "q", 4.15, 2);
    row_is(t, 9, "2020-03-15", "q", 4.15 * pow(0.5, 29.0 / 30.0), 2);
    ent_table_free(t);

    /* --top 2: the two with the highest peak: p (7.4) and q (5.75), by peak. */
    ent_timeline_options top = {ENT_TIMELINE_OPTIONS_VERSION, NULL, 0, NULL, 0, 2, 0, NULL, 0};
    vo.half_life_days = 0;
    assert_int_equal(ent_timeline_table(&t, g, &vo, days, nd, &top), 0);
    assert_int_equal(ent_table_row_count(t), 5 * 2);
    assert_string_equal(ent_table_string(t, 0, 1), "p");
    assert_string_equal(ent_table_string(t, 1, 1), "q");
    ent_table_free(t);

    /* Days that do not increase are refused. */
    int32_t bad[] = {days[1], days[0]};
    assert_int_equal(ent_timeline_table(&t, g, &vo, bad, 2, &o), ENT_EUSAGE);
    ent_timeline_days_free(days);
    ent_graph_free(g);
}

/* Four actors; a's and b's ties change month by month. */
static const char pair_graph[] =
    "{\"format\": \"entente/1\", \"actors\": ["
    "{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\"},"
    "{\"id\": \"b\", \"name\": \"B\", \"kind\": \"state\"},"
    "{\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
    "{\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"}],"
    " \"relations\": ["
    "{\"source\": \"a\", \"target\": \"c\", \"type\": \"support_military\", \"from\": \"2020-01\"},"
    "{\"source\": \"b\", \"target\": \"c\", \"type\": \"support_military\","
    " \"from\": \"2020-01\", \"to\": \"2020-02\"},"
    "{\"source\": \"b\", \"target\": \"c\", \"type\": \"sanctions\", \"from\": \"2020-03\"},"
    "{\"source\": \"a\", \"target\": \"b\", \"type\": \"allied_with\", \"from\": \"2020-02\"}]}";

/* Row `row` of a pair: its key, metric and value. */
static void pair_row_is(const ent_table *t, size_t row, const char *pair, const char *metric,
                        double value)
{
    assert_string_equal(ent_table_string(t, row, 1), pair);
    assert_string_equal(ent_table_string(t, row, 3), metric);
    assert_true(isnan(ent_table_real(t, row, 5)));
    if (isnan(value))
        assert_true(isnan(ent_table_real(t, row, 4)));
    else
        CLOSE(ent_table_real(t, row, 4), value);
}

static void pairs_by_month_by_hand(void **state)
{
    (void)state;
    ent_graph *g = load_doc(pair_graph);
    int32_t *days;
    size_t nd;
    assert_int_equal(ent_timeline_days(&days, &nd, day_of("2020-01-15"), day_of("2020-04-15"),
                                       ENT_EVERY_MONTH, 0),
                     0);
    assert_int_equal(nd, 4);
    uint32_t pairs[] = {0, 1, 0, 2}; /* a:b, a:c */
    uint32_t one = 3;                /* d, with leverage, before the pairs */
    /*
     * Portfolios over (a, b, c, d), all four present; S = 1 - sum|x - y| / 4,
     * pi = 1 - (1 - S) / De, De = 2 (pm p0 + p0 pp + 2 pm pp) with pp, pm, p0
     * the shares of +1, -1 and 0 in both portfolios together (8 values).
     * a's support of c (7.4) is in force from 2020-01-31, b's from 2020-01-31
     * to 2020-02-29, b's sanctions on c from 2020-03-31, the alliance of a
     * and b (4 each way, tie 8) from 2020-02-29.
     *
     * 2020-01-15: nothing; a (1,0,0,0), b (0,1,0,0), c (0,0,1,0): S 0.5 for
     *   both pairs, pp 2/8, p0 6/8, De 0.375, pi 1 - 0.5 / 0.375 = -1/3.
     * 2020-02-15: both support c. a (1,0,1,0), b (0,1,1,0), c (1,1,1,0).
     *   a:b: S 0.5, pp 4/8, De 0.5, pi 0. a:c: S 0.75, pp 5/8, De 30/64,
     *   pi 1 - 0.25 * 64 / 30 = 7/15; tie 7.4.
     * 2020-03-15: b's support has ended, the alliance holds. a (1,1,1,0),
     *   b (1,1,0,0), c (1,0,1,0): a:b S 0.75, pi 7/15, tie 8; a:c the same.
     * 2020-04-15: b sanctions c. a (1,1,1,0), b (1,1,-1,0), c (1,-1,1,0):
     *   both S 0.5; pp 5/8, pm 1/8, p0 2/8, De 44/64, pi 1 - 32/44 = 3/11.
     */
    ent_timeline_options o = {ENT_TIMELINE_OPTIONS_VERSION, NULL, 0, &one, 1, 0, 0, pairs, 2};
    ent_table *t;
    assert_int_equal(ent_timeline_table(&t, g, NULL, days, nd, &o), 0);
    assert_int_equal(ent_table_row_count(t), 4 * (1 + 6));
    static const double want[4][2][3] = {
        {{0, 0.5, -1.0 / 3}, {0, 0.5, -1.0 / 3}},
        {{0, 0.5, 0}, {7.4, 0.75, 7.0 / 15}},
        {{8, 0.75, 7.0 / 15}, {7.4, 0.75, 7.0 / 15}},
        {{8, 0.5, 3.0 / 11}, {7.4, 0.5, 3.0 / 11}},
    };
    static const char *const metric[3] = {"tie", "S", "pi"};
    static const char *const key[2] = {"a:b", "a:c"};
    for (int independent = 0; independent < 2; independent++) {
        if (independent) {
            ent_table_free(t);
            o.independent = 1;
            assert_int_equal(ent_timeline_table(&t, g, NULL, days, nd, &o), 0);
        }
        for (size_t k = 0; k < nd; k++) {
            assert_string_equal(ent_table_string(t, k * 7, 1), "d");
            for (size_t m = 0; m < 3; m++)
                for (size_t p = 0; p < 2; p++)
                    pair_row_is(t, k * 7 + 1 + m * 2 + p, key[p], metric[m], want[k][p][m]);
        }
    }
    assert_string_equal(ent_table_string(t, 1, 2), "A and B");
    ent_table_free(t);

    /* Pairs alone; the chart gets a panel for each measure. */
    ent_timeline_options alone = {ENT_TIMELINE_OPTIONS_VERSION, NULL, 0, &one, 0, 0, 0, pairs, 2};
    assert_int_equal(ent_timeline_table(&t, g, NULL, days, nd, &alone), 0);
    assert_int_equal(ent_table_row_count(t), 4 * 6);
    pair_row_is(t, 6 * 3 + 5, "a:c", "pi", 3.0 / 11);
    char *svg;
    size_t len;
    assert_int_equal(ent_timeline_chart(&svg, &len, g, t, days, nd, &alone, NULL), 0);
    assert_non_null(strstr(svg, "alignment: S"));
    assert_non_null(strstr(svg, "alignment: pi"));
    assert_non_null(strstr(svg, "A and C"));
    ent_chart_free(svg);
    ent_table_free(t);

    /* A pair of one actor is refused. */
    uint32_t same[] = {2, 2};
    ent_timeline_options bad = {ENT_TIMELINE_OPTIONS_VERSION, NULL, 0, &one, 0, 0, 0, same, 1};
    assert_int_equal(ent_timeline_table(&t, g, NULL, days, nd, &bad), ENT_EUSAGE);
    ent_timeline_days_free(days);
    ent_graph_free(g);
}

/* ---------------------------------------------------------------------------
 * The sweep against a fresh snapshot per day
 * ------------------------------------------------------------------------- */

static uint32_t rng_state;
static uint32_t rnd(uint32_t n)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return (rng_state >> 8) % n;
}

/* A date between 2018 and 2023 at a random precision. */
static void random_date(char *buf, size_t size, int *year, int *month)
{
    *year = 2018 + (int)rnd(6);
    *month = 1 + (int)rnd(12);
    switch (rnd(3)) {
    case 0:
        snprintf(buf, size, "%d", *year);
        *month = 12;
        break;
    case 1:
        snprintf(buf, size, "%d-%02d", *year, *month);
        break;
    default:
        snprintf(buf, size, "%d-%02d-%02d", *year, *month, 1 + (int)rnd(28));
    }
}

/* A graph of n_states + 2 actors and n relations of many roles, durable and events. */
static char *random_graph(uint32_t seed, size_t n, uint32_t n_states)
{
    static const char *const durable[] = {"support_military", "support_diplomatic", "member_of",
                                          "allied_with",      "at_war_with",        "partner_of",
                                          "blockades",        "ceasefire"};
    static const char *const events[] = {"aid_military",  "requests_help", "surrenders_to",
                                         "rejects_request", "attacks",     "condemns",
                                         "call",          "mediation",     "praise"};
    rng_state = seed;
    size_t cap = 512 + n * 200 + n_states * 80, len = 0;
    char *doc = malloc(cap);
    assert_non_null(doc);
    len += (size_t)snprintf(doc + len, cap - len,
                            "{\"format\": \"entente/1\", \"actors\": ["
                            "{\"id\": \"league\", \"name\": \"League\", \"kind\": \"alliance\","
                            " \"collective_defense\": true},"
                            "{\"id\": \"late\", \"name\": \"Late\", \"kind\": \"state\","
                            " \"from\": \"2020-06\", \"to\": \"2022\"}");
    for (uint32_t a = 0; a < n_states; a++)
        len += (size_t)snprintf(doc + len, cap - len,
                                ", {\"id\": \"a%u\", \"name\": \"A%u\", \"kind\": \"state\"}", a,
                                a);
    len += (size_t)snprintf(doc + len, cap - len, "], \"relations\": [");
    for (size_t i = 0; i < n; i++) {
        int is_durable = (int)rnd(2);
        const char *type = is_durable ? durable[rnd(8)] : events[rnd(9)];
        char s[16], t[16], d1[16], d2[16];
        int y1, m1, y2, m2;
        uint32_t x = rnd(n_states + 1), y = rnd(n_states + 1);
        if (y == x)
            y = (y + 1) % (n_states + 1);
        snprintf(s, sizeof s, x == n_states ? "late" : "a%u", x);
        snprintf(t, sizeof t, y == n_states ? "late" : "a%u", y);
        if (strcmp(type, "member_of") == 0)
            snprintf(t, sizeof t, "league");
        random_date(d1, sizeof d1, &y1, &m1);
        const char *status = rnd(4) == 0 ? "reported" : "confirmed";
        len += (size_t)snprintf(doc + len, cap - len,
                                "%s{\"source\": \"%s\", \"target\": \"%s\", \"type\": \"%s\", "
                                "\"status\": \"%s\", ",
                                i ? ", " : "", s, t, type, status);
        if (!is_durable) {
            len += (size_t)snprintf(doc + len, cap - len, "\"at\": \"%s\"}", d1);
            continue;
        }
        /* A `to` after `from` (another year), or open. */
        random_date(d2, sizeof d2, &y2, &m2);
        if (rnd(3) == 0 || y2 <= y1)
            len += (size_t)snprintf(doc + len, cap - len, "\"from\": \"%s\"}", d1);
        else
            len += (size_t)snprintf(doc + len, cap - len, "\"from\": \"%s\", \"to\": \"%s\"}",
                                    d1, d2);
    }
    len += (size_t)snprintf(doc + len, cap - len, "]}");
    assert_true(len < cap);
    return doc;
}

/* The metrics of the actors `shown` (every actor when NULL) at every day: the sweep's
 * table against a fresh view's ent_metrics_compute, value for value and rank for rank
 * among all the actors present. Every metric when `metrics` is NULL. */
static void check_sweep_of(const ent_graph *g, const ent_view_options *vo, const int32_t *days,
                           size_t nd, size_t min_changes, const ent_metric *metrics, size_t nm,
                           const uint32_t *shown, size_t n_shown)
{
    ent_metric all[ENT_METRIC_COUNT_];
    for (int m = 0; m < ENT_METRIC_COUNT_; m++)
        all[m] = (ent_metric)m;
    if (!metrics) {
        metrics = all;
        nm = ENT_METRIC_COUNT_;
    }
    size_t na = ent_graph_actor_count(g);
    uint32_t *everyone = malloc(na * sizeof *everyone);
    for (size_t a = 0; a < na; a++)
        everyone[a] = (uint32_t)a;
    if (!shown) {
        shown = everyone;
        n_shown = na;
    }
    ent_timeline_options o = {
        ENT_TIMELINE_OPTIONS_VERSION, metrics, nm, shown, n_shown, 0, 0, NULL, 0};
    ent_table *t;
    assert_int_equal(ent_timeline_table(&t, g, vo, days, nd, &o), 0);
    assert_int_equal(ent_table_row_count(t), nd * nm * n_shown);
    size_t row = 0, changes = 0;
    double *previous = malloc(na * sizeof *previous);
    for (size_t a = 0; a < na; a++)
        previous[a] = NAN;
    for (size_t k = 0; k < nd; k++) {
        ent_view *v;
        ent_metrics *m;
        assert_int_equal(ent_view_new(&v, g, days[k], vo), 0);
        assert_int_equal(ent_metrics_compute(&m, v, 0), 0);
        for (size_t i = 0; i < nm; i++)
            for (size_t j = 0; j < n_shown; j++, row++) {
                ent_metric x = metrics[i];
                uint32_t a = shown[j];
                assert_string_equal(ent_table_string(t, row, 1), ent_graph_actor(g, a)->id);
                double want = m->values[x][a], got = ent_table_real(t, row, 4);
                if (isnan(want)) {
                    assert_true(isnan(got));
                    assert_true(isnan(ent_table_real(t, row, 5)));
                    continue;
                }
                assert_true(want == got); /* the same sums in the same order */
                size_t above = 0;
                for (size_t b = 0; b < na; b++)
                    above += ent_view_has_actor(v, (uint32_t)b) &&
                             (m->values[x][b] > want || (m->values[x][b] == want && b < a));
                assert_true(ent_table_real(t, row, 5) == (double)(above + 1));
            }
        /* Whether some actor's leverage changed since the last step. */
        int moved = 0;
        for (size_t a = 0; a < na; a++) {
            double x = m->values[ENT_METRIC_LEVERAGE][a];
            moved |= !(x == previous[a]) && !(isnan(x) && isnan(previous[a]));
            previous[a] = x;
        }
        changes += moved;
        ent_metrics_free(m);
        ent_view_free(v);
    }
    /* The graph must move: the leverage changes at many of the steps. */
    assert_true(changes >= min_changes);
    free(previous);
    ent_table_free(t);
    free(everyone);
}

static void check_sweep(const ent_graph *g, const ent_view_options *vo, const int32_t *days,
                        size_t nd, size_t min_changes)
{
    check_sweep_of(g, vo, days, nd, min_changes, NULL, 0, NULL, 0);
}

static void sweep_equals_fresh_snapshots(void **state)
{
    (void)state;
    for (uint32_t seed = 1; seed <= 3; seed++) {
        char *doc = random_graph(seed, 300, 10);
        ent_graph *g = load_doc(doc);
        free(doc);
        int32_t *days;
        size_t nd;
        assert_int_equal(ent_timeline_days(&days, &nd, day_of("2017-12-20"), day_of("2024-02-01"),
                                           ENT_EVERY_WEEK, 0),
                         0);
        ent_view_options vo;
        ent_view_options_init(&vo);
        check_sweep(g, &vo, days, nd, 50);
        vo.window_days = 45;
        vo.half_life_days = 20;
        check_sweep(g, &vo, days, nd, 50);
        vo.status_mask = 1u << ENT_STATUS_CONFIRMED;
        vo.half_life_days = 0;
        check_sweep(g, &vo, days, nd, 50);
        ent_timeline_days_free(days);
        /* Steps a day apart, and a year apart (relations that enter and leave between
         * two steps never count). */
        assert_int_equal(ent_timeline_days(&days, &nd, day_of("2019-06-01"), day_of("2019-09-01"),
                                           ENT_EVERY_DAY, 0),
                         0);
        check_sweep(g, &vo, days, nd, 3);
        ent_timeline_days_free(days);
        assert_int_equal(ent_timeline_days(&days, &nd, day_of("2016-01-01"), day_of("2026-01-01"),
                                           ENT_EVERY_MONTH, 0),
                         0);
        ent_view_options_init(&vo);
        vo.window_days = 10;
        check_sweep(g, &vo, days, nd, 10);
        ent_timeline_days_free(days);
        ent_graph_free(g);
    }
}

/*
 * Leverage alone (kept up to date by the sweep, without forming the edge list) and with
 * another metric, on a wider graph whose clients rely on many patrons on both sides of
 * them in the actors' order (the order in which their reliance is summed); shown: a
 * third of the actors, in reverse order, ranked among all.
 */
static void leverage_sweep_on_a_wide_graph(void **state)
{
    (void)state;
    for (uint32_t seed = 11; seed <= 12; seed++) {
        char *doc = random_graph(seed, 2500, 40);
        ent_graph *g = load_doc(doc);
        free(doc);
        size_t na = ent_graph_actor_count(g), n_shown = 0;
        uint32_t shown[64];
        for (size_t a = na; a-- > 0;)
            if (a % 3 == 1)
                shown[n_shown++] = (uint32_t)a;
        int32_t *days;
        size_t nd;
        assert_int_equal(ent_timeline_days(&days, &nd, day_of("2017-12-31"), day_of("2024-01-31"),
                                           ENT_EVERY_MONTH, 0),
                         0);
        ent_metric lev = ENT_METRIC_LEVERAGE, two[] = {ENT_METRIC_PN, ENT_METRIC_LEVERAGE};
        ent_view_options vo;
        ent_view_options_init(&vo);
        check_sweep_of(g, &vo, days, nd, 40, &lev, 1, shown, n_shown);
        check_sweep_of(g, &vo, days, nd, 40, &lev, 1, NULL, 0);
        vo.window_days = 30;
        vo.half_life_days = 45;
        check_sweep_of(g, &vo, days, nd, 40, two, 2, shown, n_shown);
        check_sweep_of(g, &vo, days, nd, 40, &lev, 1, NULL, 0);
        ent_timeline_days_free(days);
        /* Daily steps: most steps change nothing, a few change one relation. */
        ent_view_options_init(&vo);
        vo.window_days = 7;
        assert_int_equal(ent_timeline_days(&days, &nd, day_of("2020-03-01"), day_of("2020-05-31"),
                                           ENT_EVERY_DAY, 0),
                         0);
        check_sweep_of(g, &vo, days, nd, 20, &lev, 1, shown, n_shown);
        ent_timeline_days_free(days);
        ent_graph_free(g);
    }
}

/* Relations leaving and entering the same pair on the same step: a durable tie replaced
 * by an equal one (the pair's reliance unchanged), one replaced by a symmetric alliance,
 * an event replaced by another in the window, and partial dates; every step against a
 * fresh snapshot, and the unchanged pair leaves its patron's leverage as it was. */
static void same_step_exits_and_entries(void **state)
{
    (void)state;
    ent_graph *g = load_doc(
        "{\"format\": \"entente/1\", \"actors\": ["
        "{\"id\": \"p\", \"name\": \"P\", \"kind\": \"state\"},"
        "{\"id\": \"q\", \"name\": \"Q\", \"kind\": \"state\"},"
        "{\"id\": \"c\", \"name\": \"C\", \"kind\": \"state\"},"
        "{\"id\": \"d\", \"name\": \"D\", \"kind\": \"state\"}],"
        " \"relations\": ["
        "{\"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\","
        " \"from\": \"2020-01-01\", \"to\": \"2020-02\"},"
        "{\"source\": \"p\", \"target\": \"c\", \"type\": \"support_military\","
        " \"from\": \"2020-03-01\", \"to\": \"2020-05\"},"
        "{\"source\": \"q\", \"target\": \"c\", \"type\": \"support_diplomatic\","
        " \"from\": \"2020-01-01\", \"to\": \"2020-03\"},"
        "{\"source\": \"c\", \"target\": \"q\", \"type\": \"allied_with\", \"from\": \"2020-04-01\"},"
        "{\"source\": \"c\", \"target\": \"p\", \"type\": \"requests_help\", \"at\": \"2020-04-10\"},"
        "{\"source\": \"c\", \"target\": \"p\", \"type\": \"requests_help\", \"at\": \"2020-05-14\"},"
        "{\"source\": \"d\", \"target\": \"p\", \"type\": \"requests_help\", \"at\": \"2020-05\"},"
        "{\"source\": \"q\", \"target\": \"d\", \"type\": \"aid_military\", \"at\": \"2020\"}]}");
    int32_t *days;
    size_t nd;
    assert_int_equal(ent_timeline_days(&days, &nd, day_of("2020-01-15"), day_of("2021-01-15"),
                                       ENT_EVERY_MONTH, 0),
                     0);
    ent_view_options vo;
    ent_view_options_init(&vo);
    vo.window_days = 30;
    ent_metric lev = ENT_METRIC_LEVERAGE;
    check_sweep_of(g, &vo, days, nd, 4, &lev, 1, NULL, 0);
    check_sweep_of(g, &vo, days, nd, 4, NULL, 0, NULL, 0);
    vo.half_life_days = 10;
    check_sweep_of(g, &vo, days, nd, 4, &lev, 1, NULL, 0);
    /* P's leverage on 2020-02-15 and 2020-03-15: C relies on P for 7.4 (one standing
     * military support, then the other) and on Q for 1.75 (standing diplomatic support,
     * 3.5, words: halved), so 7.4 * 7.4 / 9.15 on both days. */
    uint32_t p = 0;
    ent_timeline_options o = {ENT_TIMELINE_OPTIONS_VERSION, &lev, 1, &p, 1, 0, 0, NULL, 0};
    ent_table *t;
    ent_view_options_init(&vo);
    vo.window_days = 30;
    assert_int_equal(ent_timeline_table(&t, g, &vo, days, nd, &o), 0);
    assert_string_equal(ent_table_string(t, 1, 0), "2020-02-15");
    CLOSE(ent_table_real(t, 1, 4), 7.4 * 7.4 / 9.15);
    assert_true(ent_table_real(t, 1, 4) == ent_table_real(t, 2, 4));
    ent_table_free(t);
    ent_timeline_days_free(days);
    ent_graph_free(g);
}

/* The ranks the timeline and shift share (ent__rank_keys): shift's rows when it keeps a
 * few of many actors (ranked one by one) against the same rows when it keeps them all
 * (every actor sorted), for several metrics and both dates. */
static void shift_ranks_a_few_rows_as_it_ranks_all(void **state)
{
    (void)state;
    char *doc = random_graph(21, 3000, 100);
    ent_graph *g = load_doc(doc);
    free(doc);
    ent_view *a, *b;
    assert_int_equal(ent_view_new(&a, g, day_of("2019-03-31"), NULL), 0);
    assert_int_equal(ent_view_new(&b, g, day_of("2021-09-30"), NULL), 0);
    ent_metric ms[] = {ENT_METRIC_LEVERAGE, ENT_METRIC_POS_IN, ENT_METRIC_BETWEENNESS};
    for (size_t i = 0; i < 3; i++) {
        ent_analysis_options all = {ENT_ANALYSIS_OPTIONS_VERSION, ms[i], 0};
        ent_analysis_options few = {ENT_ANALYSIS_OPTIONS_VERSION, ms[i], 3};
        ent_table *ta, *tf;
        assert_int_equal(ent_shift_table(&ta, a, b, &all), 0);
        assert_int_equal(ent_shift_table(&tf, a, b, &few), 0);
        assert_true(ent_table_row_count(ta) > 3 * 32); /* so that shift ranks the 3 one by one */
        assert_int_equal(ent_table_row_count(tf), 3);
        for (size_t r = 0; r < 3; r++)
            for (size_t c = 0; c < ent_table_column_count(ta); c++) {
                char x[64], y[64];
                ent_table_cell_text(ta, r, c, x, sizeof x);
                ent_table_cell_text(tf, r, c, y, sizeof y);
                assert_string_equal(x, y);
            }
        ent_table_free(ta);
        ent_table_free(tf);
    }
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
}

/* The independent path gives the same table as the sweep. */
static void no_sweep_gives_the_same_table(void **state)
{
    (void)state;
    char *doc = random_graph(7, 200, 10);
    ent_graph *g = load_doc(doc);
    free(doc);
    int32_t *days;
    size_t nd;
    assert_int_equal(ent_timeline_days(&days, &nd, day_of("2018-01-01"), day_of("2023-12-31"),
                                       ENT_EVERY_MONTH, 0),
                     0);
    ent_metric ms[] = {ENT_METRIC_LEVERAGE, ENT_METRIC_PN};
    uint32_t pairs[] = {0, 1, 2, 3, 1, 4};
    ent_timeline_options o = {ENT_TIMELINE_OPTIONS_VERSION, ms, 2, NULL, 0, 5, 0, pairs, 3};
    ent_table *a, *b;
    assert_int_equal(ent_timeline_table(&a, g, NULL, days, nd, &o), 0);
    o.independent = 1;
    assert_int_equal(ent_timeline_table(&b, g, NULL, days, nd, &o), 0);
    assert_int_equal(ent_table_row_count(a), nd * (2 * 5 + 3 * 3));
    /* The pairs' rows against ent_align_table on a fresh snapshot (which folds the
     * view's ties its own way), at every step. */
    size_t checked = 0;
    for (size_t k = 0; k < nd; k++) {
        ent_view *v;
        assert_int_equal(ent_view_new(&v, g, days[k], NULL), 0);
        for (size_t p = 0; p < 3; p++) {
            size_t row = k * 19 + 10 + p;
            if (!ent_view_has_actor(v, pairs[2 * p]) || !ent_view_has_actor(v, pairs[2 * p + 1])) {
                assert_true(isnan(ent_table_real(a, row, 4)));
                continue;
            }
            ent_align_options ao = {ENT_ALIGN_OPTIONS_VERSION, 0, &pairs[2 * p + 1]};
            ent_table *al;
            assert_int_equal(ent_align_table(&al, v, pairs[2 * p], &ao), 0);
            assert_int_equal(ent_table_row_count(al), 1);
            for (size_t m = 0; m < 3; m++) {
                double want = ent_table_real(al, 0, m == 0 ? 2 : m == 1 ? 4 : 5);
                double got = ent_table_real(a, row + 3 * m, 4);
                if (isnan(want))
                    assert_true(isnan(got));
                else
                    CLOSE(got, want);
            }
            checked += ent_table_real(a, row, 4) != 0;
            ent_table_free(al);
        }
        ent_view_free(v);
    }
    assert_true(checked > 10); /* ties present on many steps, not only empty portfolios */
    assert_int_equal(ent_table_row_count(a), ent_table_row_count(b));
    for (size_t r = 0; r < ent_table_row_count(a); r++)
        for (size_t c = 0; c < ent_table_column_count(a); c++) {
            char x[64], y[64];
            ent_table_cell_text(a, r, c, x, sizeof x);
            ent_table_cell_text(b, r, c, y, sizeof y);
            assert_string_equal(x, y);
        }
    ent_table_free(a);
    ent_table_free(b);
    ent_timeline_days_free(days);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(steps_by_period),
        cmocka_unit_test(leverage_by_month_by_hand),
        cmocka_unit_test(pairs_by_month_by_hand),
        cmocka_unit_test(sweep_equals_fresh_snapshots),
        cmocka_unit_test(leverage_sweep_on_a_wide_graph),
        cmocka_unit_test(same_step_exits_and_entries),
        cmocka_unit_test(shift_ranks_a_few_rows_as_it_ranks_all),
        cmocka_unit_test(no_sweep_gives_the_same_table),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
