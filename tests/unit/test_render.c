/*
 * test_render.c: the diagrams (ent_render) on a graph built here:
 *
 *   - a name full of what DOT, SVG and Graphviz's escapes read specially
 *     (< > & " and a literal \N, which Graphviz would replace by the node's
 *     name) comes out as written: as entities in the DOT label, and shown as
 *     itself in the SVG's text and tooltip;
 *   - the two panels of a comparison share one layout: every actor drawn in
 *     both sits at the same place in each, the second panel shifted right
 *     by the same amount for all;
 *   - PNG and PDF start with their signatures; usage errors say what is wrong.
 *
 *   r1  evil sanctions good          from 2010
 *   r2  good cooperates_with third   from 2010
 *   r3  third support_military evil  from 2020
 *   r4  late aligned_with good       from 2020 (late exists from 2020)
 */
#include <math.h>

#include "test_common.h"

/* The name <i>&"\N, as JSON. */
static const char *text =
    "{\"format\": \"entente/1\", \"title\": \"T <b>&</b>\", \"actors\": ["
    " {\"id\": \"evil\", \"name\": \"<i>&\\\"\\\\N\", \"kind\": \"state\"},"
    " {\"id\": \"good\", \"name\": \"Good\", \"kind\": \"state\"},"
    " {\"id\": \"third\", \"name\": \"Third\", \"kind\": \"state\"},"
    " {\"id\": \"late\", \"name\": \"Late\", \"kind\": \"state\", \"from\": \"2020\"}],"
    " \"relations\": ["
    " {\"source\": \"evil\", \"target\": \"good\", \"type\": \"sanctions\", \"from\": \"2010\"},"
    " {\"source\": \"good\", \"target\": \"third\", \"type\": \"cooperates_with\","
    "  \"from\": \"2010\"},"
    " {\"source\": \"third\", \"target\": \"evil\", \"type\": \"support_military\","
    "  \"from\": \"2020\"},"
    " {\"source\": \"late\", \"target\": \"good\", \"type\": \"aligned_with\", \"from\": \"2020\"}"
    "]}";

static ent_graph *graph;
static ent_view *v15, *v21;

static int setup(void **state)
{
    (void)state;
    graph = load_string(text);
    v15 = view_at(graph, "2015-06-30");
    v21 = view_at(graph, "2021-06-30");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ent_view_free(v15);
    ent_view_free(v21);
    ent_graph_free(graph);
    return 0;
}

/* The picture, copied into a NUL-terminated string the caller frees (the
 * library's buffer is *len bytes, with no NUL promised after them). */
static char *draw(const ent_view *a, const ent_view *b, ent_render_mode mode,
                  ent_render_format format, size_t *len)
{
    ent_render_options o;
    ent_render_options_init(&o);
    char *out = NULL;
    size_t n = 0;
    int rc = ent_render(a, b, mode, &o, format, &out, &n, NULL);
    if (rc)
        fail_msg("ent_render: %s", ent_error_last());
    assert_non_null(out);
    assert_true(n > 0);
    char *copy = malloc(n + 1);
    assert_non_null(copy);
    memcpy(copy, out, n);
    copy[n] = '\0';
    ent_render_free(out);
    if (len)
        *len = n;
    return copy;
}

static void hostile_names_in_dot(void **state)
{
    (void)state;
    size_t n;
    char *dot = draw(v15, NULL, ENT_RENDER_ONE, ENT_RENDER_DOT, &n);
    assert_int_equal(strlen(dot), n); /* DOT is text: no NUL inside */
    /* The HTML-like label: & < > " as entities, the backslash doubled so that
     * Graphviz shows it rather than reading \N. */
    assert_non_null(strstr(dot, "label=<&lt;i&gt;&amp;&quot;\\\\N>"));
    /* The tooltip, a quoted DOT string: & as an entity, the quote escaped,
     * and the backslash as four, since Graphviz reads a node's tooltip for
     * escapes twice. */
    assert_non_null(strstr(dot, "tooltip=\"<i>&amp;\\\"\\\\\\\\N (state)\""));
    /* The title, in the graph's HTML-like label. */
    assert_non_null(strstr(dot, "T &lt;b&gt;&amp;&lt;/b&gt;"));
    assert_null(strstr(dot, "<b>&</b>"));
    free(dot);
}

static void hostile_names_in_svg(void **state)
{
    (void)state;
    char *svg = draw(v15, NULL, ENT_RENDER_ONE, ENT_RENDER_SVG, NULL);
    /* No element from the name, and the name shown as written: in the
     * label's text and in the tooltip. */
    assert_null(strstr(svg, "<i>"));
    assert_null(strstr(svg, "<b>"));
    assert_non_null(strstr(svg, ">&lt;i&gt;&amp;&quot;\\N</text>"));
    assert_non_null(strstr(svg, "xlink:title=\"&lt;i&gt;&amp;&quot;\\N (state)\""));
    /* \N would have become the node's name, evil. */
    assert_null(strstr(svg, "&quot;evil"));
    free(svg);
}

/* The position of node `name` in DOT text: its statement, "NAME"<tab>[, then
 * pos="X,Y!". 0, or -1 when the node is not there. */
static int node_pos(const char *dot, const char *name, double *x, double *y)
{
    char head[64];
    snprintf(head, sizeof head, "\"%s\"\t[", name);
    const char *p = strstr(dot, head);
    if (!p)
        return -1;
    const char *end = strstr(p, "];");
    const char *pos = strstr(p, "pos=\"");
    assert_non_null(end);
    assert_true(pos && pos < end);
    assert_int_equal(sscanf(pos, "pos=\"%lf,%lf!\"", x, y), 2);
    return 0;
}

static void both_panels_share_one_layout(void **state)
{
    (void)state;
    char *dot = draw(v15, v21, ENT_RENDER_COMPARE, ENT_RENDER_DOT, NULL);
    /* evil, good and third are in both panels; late only in the second. */
    const char *both[] = {"evil", "good", "third"};
    double shift = NAN;
    for (size_t i = 0; i < 3; i++) {
        char n1[32], n2[32];
        double x1, y1, x2, y2;
        snprintf(n1, sizeof n1, "1/%s", both[i]);
        snprintf(n2, sizeof n2, "2/%s", both[i]);
        if (node_pos(dot, n1, &x1, &y1) || node_pos(dot, n2, &x2, &y2))
            fail_msg("%s is not in both panels", both[i]);
        assert_true(fabs(y1 - y2) < 0.005); /* positions are written to 0.01 */
        if (isnan(shift))
            shift = x2 - x1;
        assert_true(fabs((x2 - x1) - shift) < 0.015);
    }
    assert_true(shift > 0);
    double x, y;
    assert_int_equal(node_pos(dot, "1/late", &x, &y), -1);
    assert_int_equal(node_pos(dot, "2/late", &x, &y), 0);
    /* The second panel lies right of every node of the first. */
    for (size_t i = 0; i < 3; i++) {
        char n1[32];
        double x1, y1;
        snprintf(n1, sizeof n1, "1/%s", both[i]);
        node_pos(dot, n1, &x1, &y1);
        assert_true(x > x1);
    }
    free(dot);
}

static void png_and_pdf(void **state)
{
    (void)state;
    size_t n;
    char *png = draw(v15, NULL, ENT_RENDER_ONE, ENT_RENDER_PNG, &n);
    assert_true(n > 8);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    free(png);
    char *pdf = draw(v15, v21, ENT_RENDER_DIFF, ENT_RENDER_PDF, &n);
    assert_true(n > 5);
    assert_memory_equal(pdf, "%PDF-", 5);
    free(pdf);
}

static void usage_errors(void **state)
{
    (void)state;
    ent_render_options o;
    ent_render_options_init(&o);
    char *out = (char *)1;
    size_t n = 1;
    o.layout = "spring";
    assert_int_equal(ent_render(v15, NULL, ENT_RENDER_ONE, &o, ENT_RENDER_SVG, &out, &n, NULL),
                     ENT_EUSAGE);
    assert_null(out);
    assert_int_equal(n, 0);
    assert_string_equal(ent_error_last(),
                        "unknown layout 'spring'; use dot, fdp, neato, sfdp, circo or twopi");
    /* A comparison needs a second view. */
    ent_render_options_init(&o);
    assert_int_equal(ent_render(v15, NULL, ENT_RENDER_COMPARE, &o, ENT_RENDER_SVG, &out, &n, NULL),
                     ENT_EUSAGE);
    /* late does not exist in 2015: it cannot be the focus there. */
    uint32_t late = 3;
    o.focus = &late;
    o.n_focus = 1;
    assert_int_equal(ent_render(v15, NULL, ENT_RENDER_ONE, &o, ENT_RENDER_SVG, &out, &n, NULL),
                     ENT_EUSAGE);
    assert_string_equal(ent_error_last(), "late is not in the snapshot drawn");
    assert_null(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hostile_names_in_dot),
        cmocka_unit_test(hostile_names_in_svg),
        cmocka_unit_test(both_panels_share_one_layout),
        cmocka_unit_test(png_and_pdf),
        cmocka_unit_test(usage_errors),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
