/*
 * test_report.c: the report (ent_report_write) of a graph built here, written
 * into a temporary folder: the files it promises (include/entente/report.h,
 * docs/report.md), the sections in their order, and a name full of markup
 * and Markdown that every file shows as text. The graph:
 *
 *   r1  evil sanctions good          from 2010
 *   r2  good cooperates_with third   from 2010
 *   r3  third support_military evil  from 2020
 *
 * with the snapshots early (2015-06-30, labelled "Early <days>") and late
 * (2021-06-30), and early -> late as the headline comparison. Only r3 makes
 * anybody rely on anybody: evil relies 7.4 on third from 2020, so third's
 * leverage rises from 0 to 7.4 and the summary says so. The headline's pair
 * is also the one consecutive pair: it gets one section, at the top (there
 * were two, under one id).
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test_common.h"

static const char *text =
    "{\"format\": \"entente/1\", \"title\": \"Report <test> & co\","
    " \"snapshots\": [{\"id\": \"early\", \"at\": \"2015-06-30\", \"label\": \"Early <days>\"},"
    "  {\"id\": \"late\", \"at\": \"2021-06-30\"}],"
    " \"comparisons\": [{\"id\": \"then-now\", \"from\": \"early\", \"to\": \"late\","
    "  \"headline\": true}],"
    " \"actors\": ["
    " {\"id\": \"evil\", \"name\": \"<script>alert(1)</script> \\\"q\\\" *b* |p|\","
    "  \"kind\": \"state\"},"
    " {\"id\": \"good\", \"name\": \"Good\", \"kind\": \"state\"},"
    " {\"id\": \"third\", \"name\": \"Third\", \"kind\": \"state\"}],"
    " \"relations\": ["
    " {\"id\": \"r1\", \"source\": \"evil\", \"target\": \"good\", \"type\": \"sanctions\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r2\", \"source\": \"good\", \"target\": \"third\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\"},"
    " {\"id\": \"r3\", \"source\": \"third\", \"target\": \"evil\", \"type\": \"support_military\","
    "  \"from\": \"2020\"}]}";

static char dir[64];
static char *summary;

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* Writes the report once into a new temporary folder. */
static int setup(void **state)
{
    (void)state;
    const char *tmp = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/test_report.XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
    if (!mkdtemp(dir))
        return -1;
    ent_graph *g = load_string(text);
    ent_report_options o;
    ent_report_options_init(&o);
    const char *files[] = {"test.json"};
    o.files = files;
    o.n_files = 1;
    int rc = ent_report_write(g, &o, dir, &summary);
    if (rc)
        print_error("ent_report_write: %s\n", ent_error_last());
    ent_graph_free(g);
    return rc;
}

static int teardown(void **state)
{
    (void)state;
    ent_report_summary_free(summary);
    return nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The whole of file `name` of the report, NUL-terminated (the caller frees it). */
static char *slurp(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("%s was not written", name);
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        if (len + 4096 + 1 > cap) {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        size_t n = fread(buf + len, 1, 4096, f);
        len += n;
        if (n < 4096)
            break;
    }
    fclose(f);
    buf[len] = '\0';
    assert_int_equal(strlen(buf), len); /* no NUL inside */
    return buf;
}

/* Fails unless the `n` strings occur in `text` in this order. */
static void in_order(const char *doc, const char *what, const char *const *s, size_t n)
{
    const char *at = doc;
    for (size_t i = 0; i < n; i++) {
        const char *p = strstr(at, s[i]);
        if (!p)
            fail_msg("%s: \"%s\" missing or out of order", what, s[i]);
        at = p + strlen(s[i]);
    }
}

static void the_page(void **state)
{
    (void)state;
    char *html = slurp("index.html");
    /* Self-contained and inert: no script at all, the name's included. */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<SCRIPT"));
    assert_non_null(strstr(html, "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; *b* |p|"));
    assert_non_null(strstr(html, "Report &lt;test&gt; &amp; co"));
    assert_null(strstr(html, "<test>"));
    /* The sections, in the order docs/report.md gives. */
    const char *ids[] = {"<section id=\"summary\">",        "<section id=\"overview\">",
                         "<section id=\"cmp-early-late\">", "<section id=\"snap-early\">",
                         "<section id=\"snap-late\">",      "<section id=\"sources\">",
                         "<section id=\"evidence\">"};
    in_order(html, "index.html", ids, sizeof ids / sizeof *ids);
    /* Each section once: the headline's pair is not repeated among the
     * consecutive pairs. */
    const char *first = strstr(html, " id=\"cmp-early-late\"");
    assert_non_null(first);
    assert_null(strstr(first + 1, " id=\"cmp-early-late\""));
    free(html);
}

static void the_markdown(void **state)
{
    (void)state;
    char *md = slurp("report.md");
    const char *heads[] = {"# Report &lt;test&gt; &amp; co\n",
                           "\n## Summary: what changed\n",
                           "\n## Overview\n",
                           "\nGraph files: test.json.",
                           "\n## Headline: early to late\n",
                           "(img/cmp-early-late-compare.svg)",
                           "(img/cmp-early-late-diff.svg)",
                           "\n## Snapshot early: Early &lt;days&gt; (2015-06-30)\n",
                           "(img/snapshot-early.svg)",
                           "\n## Snapshot late: late (2021-06-30)\n",
                           "(img/snapshot-late.svg)",
                           "\n## Sources\n",
                           "\n## Evidence: every relation and its sources\n"};
    in_order(md, "report.md", heads, sizeof heads / sizeof *heads);
    assert_null(strstr(md, "\n## early to late\n"));
    /* The name as text: HTML's specials as entities, Markdown's escaped (a
     * table cell would end at a bare |). */
    assert_null(strstr(md, "<script"));
    assert_non_null(strstr(md, "&lt;script&gt;alert(1)&lt;/script&gt; \"q\" \\*b\\* \\|p\\|"));
    free(md);
}

static void the_tables_and_pictures(void **state)
{
    (void)state;
    char *json = slurp("results.json");
    /* JSON keeps the name as it is, quotes escaped. */
    assert_non_null(strstr(json, "\"<script>alert(1)</script> \\\"q\\\" *b* |p|\""));
    const char *ids[] = {"\"summary\"",   "\"overview\"", "\"cmp-early-late\"", "\"snap-early\"",
                         "\"snap-late\"", "\"sources\"",  "\"evidence\""};
    in_order(json, "results.json", ids, sizeof ids / sizeof *ids);
    free(json);
    const char *img[] = {"img/timeline.svg", "img/snapshot-early.svg", "img/snapshot-late.svg",
                         "img/cmp-early-late-compare.svg", "img/cmp-early-late-diff.svg"};
    for (size_t i = 0; i < sizeof img / sizeof *img; i++) {
        char *svg = slurp(img[i]);
        if (!strstr(svg, "<svg"))
            fail_msg("%s is not an SVG", img[i]);
        assert_null(strstr(svg, "<script"));
        free(svg);
    }
}

static void the_summary(void **state)
{
    (void)state;
    assert_non_null(summary);
    /* third's leverage: 0 on 2015-06-30, 7.4 on 2021-06-30, the only change. */
    assert_string_equal(summary, "  Third (third): leverage rose by 7.400\n");
}

static void no_snapshot_no_report(void **state)
{
    (void)state;
    ent_graph *g =
        load_string("{\"format\": \"entente/1\", \"actors\": [{\"id\": \"a\", \"name\": \"A\", "
                    "\"kind\": \"state\"}]}");
    char sub[128];
    snprintf(sub, sizeof sub, "%s/empty", dir);
    assert_int_equal(mkdir(sub, 0700), 0);
    char *s = (char *)1;
    assert_int_equal(ent_report_write(g, NULL, sub, &s), ENT_EUSAGE);
    ent_graph_free(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_page),
        cmocka_unit_test(the_markdown),
        cmocka_unit_test(the_tables_and_pictures),
        cmocka_unit_test(the_summary),
        cmocka_unit_test(no_snapshot_no_report),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
