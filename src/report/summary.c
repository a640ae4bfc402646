/*
 * summary.c: the report's first section, its findings in words, and the
 * timeline chart under them.
 *
 * For the headline comparison (or, without one, the earliest and the latest
 * snapshot): the actors whose leverage rose and fell most, with their values
 * and ranks (the shift table); the three edge changes that explain each
 * (the explain table), each with the relations that came or went; the
 * commitments broken on the later date that were not broken on the earlier
 * (the commitments tables); and, among the actors named, the pairs whose
 * direct tie changed sign (the alignment change tables). Every sentence is
 * read off those tables, which the sections below show in full, and names
 * its relations by id, each a link to its evidence. The sentences are also
 * kept as a table ("summary") for results.json. Before them, the leverage of
 * the main actors month by month over the span of the declared snapshots, as
 * the chart `entente timeline` draws, with the snapshots marked; after them,
 * when the declared comparisons cover less than half of that span, the same
 * chart over their span.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "report/report_impl.h"
#include "util/error.h"
#include "util/escape.h"

/* Movers shown each way, and changes explained for each. */
#define MOVERS  2
#define REASONS 3

/* The summary being written: its sentences go to the page, the Markdown and a table. */
typedef struct story {
    report *r;
    ent_table *t;     /* finding, text, relations */
    ent_strbuf text;  /* the current sentence, plain */
    ent_strbuf rels;  /* its relations, "id id ..." */
} story;

/* Appends plain text (from the graph or computed) to the page, the Markdown and the
 * sentence. */
static void say(story *s, const char *text)
{
    ent__escape_html(&s->r->h, text);
    ent__escape_md(&s->r->m, text, 0);
    ent_strbuf_adds(&s->text, text);
}

static void sayf(story *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sayf(story *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent_strbuf_reset(&s->r->tmp);
    ent_strbuf_vaddf(&s->r->tmp, fmt, ap);
    va_end(ap);
    say(s, ent_strbuf_str(&s->r->tmp));
}

/* Names relation `rel` as a link to its line in the evidence section. */
static void say_rel(story *s, uint32_t rel)
{
    const ent_relation *x = ent_graph_relation(s->r->g, rel);
    char anchor[200], shown[200];
    if (x->id[0]) {
        snprintf(anchor, sizeof anchor, "rel-%s", x->id);
        snprintf(shown, sizeof shown, "%s", x->id);
    } else {
        snprintf(anchor, sizeof anchor, "rel-%u", rel + 1);
        snprintf(shown, sizeof shown, "%u", rel + 1);
    }
    ent_strbuf_adds(&s->r->h, "<a href=\"#");
    ent__escape_html(&s->r->h, anchor);
    ent_strbuf_adds(&s->r->h, "\">");
    ent__escape_html(&s->r->h, shown);
    ent_strbuf_adds(&s->r->h, "</a>");
    ent_strbuf_adds(&s->r->m, "[");
    ent__escape_md(&s->r->m, shown, 0);
    ent_strbuf_adds(&s->r->m, "](#");
    ent_strbuf_adds(&s->r->m, anchor); /* an id: safe characters only */
    ent_strbuf_adds(&s->r->m, ")");
    ent_strbuf_adds(&s->text, shown);
    ent_strbuf_addf(&s->rels, "%s%s", s->rels.len ? " " : "", shown);
}

/* Starts a list item (a finding). */
static void item_begin(story *s)
{
    ent_strbuf_adds(&s->r->h, "<li>");
    ent_strbuf_adds(&s->r->m, "- ");
    ent_strbuf_reset(&s->text);
    ent_strbuf_reset(&s->rels);
}

/* Ends a finding and keeps it in the summary table under `kind`. */
static void item_end(story *s, const char *kind)
{
    ent_strbuf_adds(&s->r->h, "</li>\n");
    ent_strbuf_adds(&s->r->m, "\n");
    if (!s->t)
        return;
    if (s->text.failed || s->rels.failed || ent_table_add_row(s->t) ||
        ent_table_set_string(s->t, 0, kind) ||
        ent_table_set_string(s->t, 1, ent_strbuf_str(&s->text)) ||
        ent_table_set_string(s->t, 2, ent_strbuf_str(&s->rels)))
        ent__report_fail(s->r, ENT_ENOMEM);
}

/* An actor as the sentences name it: "Name (id)". */
static void say_actor(story *s, uint32_t a)
{
    const ent_actor *x = ent_graph_actor(s->r->g, a);
    if (x->name[0] && strcmp(x->name, x->id) != 0)
        sayf(s, "%s (%s)", x->name, x->id);
    else
        say(s, x->id);
}

/* Whether relation `rel` stands behind edge e. */
static int behind(const ent_edge *e, uint32_t rel)
{
    for (size_t i = 0; e && i < e->n_relations; i++)
        if (e->relations[i] == rel)
            return 1;
    return 0;
}

/* Appends rel to list (of at most 64) unless it is there. */
static void add_once(uint32_t *list, size_t *n, uint32_t rel)
{
    for (size_t i = 0; i < *n; i++)
        if (list[i] == rel)
            return;
    if (*n < 64)
        list[(*n)++] = rel;
}

/* The relations that came to the edges from s to t (and from t to s when `both`)
 * between views a and b, and those that went; when none did (only weights moved),
 * those behind them on the later date. */
static void say_edge_relations(story *st, const ent_view *a, const ent_view *b, uint32_t s,
                               uint32_t t, int both)
{
    uint32_t came[64], went[64], kept[64];
    size_t nc = 0, nw = 0, nk = 0;
    for (int dir = 0; dir <= both; dir++) {
        uint32_t x = dir ? t : s, y = dir ? s : t;
        const ent_edge *ea = ent_view_find_edge(a, x, y), *eb = ent_view_find_edge(b, x, y);
        for (size_t i = 0; eb && i < eb->n_relations; i++) {
            if (!behind(ea, eb->relations[i]))
                add_once(came, &nc, eb->relations[i]);
            add_once(kept, &nk, eb->relations[i]);
        }
        for (size_t i = 0; ea && i < ea->n_relations; i++)
            if (!behind(eb, ea->relations[i]))
                add_once(went, &nw, ea->relations[i]);
    }
    for (size_t i = 0; i < nc; i++) {
        say(st, i ? ", " : "; came: ");
        say_rel(st, came[i]);
    }
    for (size_t i = 0; i < nw; i++) {
        say(st, i ? ", " : "; went: ");
        say_rel(st, went[i]);
    }
    for (size_t i = 0; !nc && !nw && i < nk; i++) {
        say(st, i ? ", " : "; through ");
        say_rel(st, kept[i]);
    }
}

/* The value of a metric as the tables print it, or "absent". */
static void value_text(char *buf, size_t size, double v, double rank)
{
    if (isnan(v))
        snprintf(buf, size, "absent");
    else
        snprintf(buf, size, "%.3f (rank %.0f)", v, rank);
}

/* One mover: its values and ranks, and the changes that explain its move. */
static void mover(story *s, const ent_table *shift, size_t row, const ent_view *a,
                  const ent_view *b)
{
    report *r = s->r;
    long a_id = ent_graph_actor_by_id(r->g, ent_table_string(shift, row, 0));
    if (a_id < 0)
        return;
    double before = ent_table_real(shift, row, 2), after = ent_table_real(shift, row, 3);
    double change = ent_table_real(shift, row, 4);
    char v1[64], v2[64], d1[11], d2[11];
    value_text(v1, sizeof v1, before, ent_table_real(shift, row, 5));
    value_text(v2, sizeof v2, after, ent_table_real(shift, row, 6));
    item_begin(s);
    say_actor(s, (uint32_t)a_id);
    sayf(s, ": leverage %s by %.3f, from %s on %s to %s on %s.", change > 0 ? "rose" : "fell",
         fabs(change), v1, ent__day_str(ent_view_day(a), d1), v2,
         ent__day_str(ent_view_day(b), d2));
    ent_table *ex = NULL;
    ent_analysis_options eo = ENT_ANALYSIS_OPTIONS_INIT;
    if (ent_explain_table(&ex, a, b, (uint32_t)a_id, &eo)) {
        ent__report_fail(r, ENT_ENOMEM);
        item_end(s, "mover");
        return;
    }
    size_t shown = 0;
    for (size_t k = 0; k < ent_table_row_count(ex) && shown < REASONS; k++) {
        double contrib = ent_table_real(ex, k, 5);
        if (isnan(contrib) || fabs(contrib) < 0.0005)
            continue; /* prints as 0.000: explains nothing */
        const char *how = ent_table_string(ex, k, 0);
        long src = ent_graph_actor_by_id(r->g, ent_table_string(ex, k, 1));
        long tgt = ent_graph_actor_by_id(r->g, ent_table_string(ex, k, 2));
        if (src < 0 || tgt < 0)
            continue;
        say(s, shown++ ? " " : " The largest contributions: ");
        sayf(s, "%s \u2192 %s ", ent_table_string(ex, k, 1), ent_table_string(ex, k, 2));
        double wb = ent_table_real(ex, k, 3), wa = ent_table_real(ex, k, 4);
        if (strcmp(how, "formed") == 0)
            sayf(s, "formed (weight %.2f)", wa);
        else if (strcmp(how, "dissolved") == 0)
            sayf(s, "dissolved (weight %.2f before)", wb);
        else if (strcmp(how, "sign-flipped") == 0)
            sayf(s, "turned %s (weight %.2f to %.2f)", wa < 0 ? "hostile" : "cooperative", wb, wa);
        else
            sayf(s, "changed (weight %.2f to %.2f)", wb, wa);
        sayf(s, ", %+.3f", contrib);
        say_edge_relations(s, a, b, (uint32_t)src, (uint32_t)tgt, 0);
        say(s, ".");
    }
    if (!shown)
        say(s, " No single change of an edge accounts for it.");
    ent_table_free(ex);
    item_end(s, "mover");
}

/* Relation indices named in text by id (the ids of the graph's relations), into out. */
static size_t ids_in(const report *r, const char *text, uint32_t *out, size_t max)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < max) {
        while (*p && (*p == ' ' || *p == ';' || *p == ',' || *p == '[' || *p == ']'))
            p++;
        const char *q = p;
        while (*q && *q != ' ' && *q != ';' && *q != ',')
            q++;
        char buf[160];
        size_t len = (size_t)(q - p);
        if (len && len < sizeof buf) {
            memcpy(buf, p, len);
            buf[len] = '\0';
            const char *key = buf;
            if (bsearch(&key, r->rel_ids, r->n_rel_ids, sizeof *r->rel_ids,
                        ent__report_by_str))
                for (size_t i = 0; i < ent_graph_relation_count(r->g); i++)
                    if (strcmp(ent_graph_relation(r->g, i)->id, buf) == 0) {
                        out[n++] = (uint32_t)i;
                        break;
                    }
        }
        p = q;
    }
    return n;
}

/* The commitments broken on b's date that were not broken on a's. */
static void broken_commitments(story *s, const ent_view *a, const ent_view *b)
{
    report *r = s->r;
    ent_table *ca = NULL, *cb = NULL;
    if (ent_commitments_table(&ca, a) || ent_commitments_table(&cb, b)) {
        ent__report_fail(r, ENT_ENOMEM);
        ent_table_free(ca);
        ent_table_free(cb);
        return;
    }
    size_t found = 0;
    char d1[11], d2[11];
    for (size_t i = 0; i < ent_table_row_count(cb); i++) {
        if (strcmp(ent_table_string(cb, i, 2), "broken") != 0)
            continue;
        int before = 0;
        for (size_t k = 0; k < ent_table_row_count(ca) && !before; k++)
            before = strcmp(ent_table_string(ca, k, 2), "broken") == 0 &&
                     strcmp(ent_table_string(ca, k, 0), ent_table_string(cb, i, 0)) == 0 &&
                     strcmp(ent_table_string(ca, k, 1), ent_table_string(cb, i, 1)) == 0 &&
                     strcmp(ent_table_string(ca, k, 3), ent_table_string(cb, i, 3)) == 0;
        if (before)
            continue;
        uint32_t ob[16], acts[16];
        size_t no = ids_in(r, ent_table_string(cb, i, 3), ob, 16);
        size_t na = ids_in(r, ent_table_string(cb, i, 5), acts, 16);
        item_begin(s);
        long x = ent_graph_actor_by_id(r->g, ent_table_string(cb, i, 0));
        long y = ent_graph_actor_by_id(r->g, ent_table_string(cb, i, 1));
        if (x >= 0)
            say_actor(s, (uint32_t)x);
        say(s, " broke its commitment to ");
        if (y >= 0)
            say_actor(s, (uint32_t)y);
        sayf(s, " by %s (not broken on %s)", ent__day_str(ent_view_day(b), d2),
             ent__day_str(ent_view_day(a), d1));
        for (size_t k = 0; k < no; k++) {
            say(s, k ? ", " : "; the obligation: ");
            say_rel(s, ob[k]);
        }
        for (size_t k = 0; k < na; k++) {
            say(s, k ? ", " : "; what it did: ");
            say_rel(s, acts[k]);
        }
        say(s, ".");
        item_end(s, "commitment broken");
        found++;
    }
    if (!found) {
        item_begin(s);
        sayf(s, "No commitment was broken on %s that was not broken on %s already.",
             ent__day_str(ent_view_day(b), d2), ent__day_str(ent_view_day(a), d1));
        item_end(s, "commitment broken");
    }
    ent_table_free(ca);
    ent_table_free(cb);
}

/* The pairs among `actors` whose direct tie changed sign from a to b. */
static void turned_ties(story *s, const ent_view *a, const ent_view *b, const uint32_t *actors,
                        size_t n)
{
    report *r = s->r;
    size_t found = 0;
    for (size_t i = 0; i < n && !r->rc; i++) {
        if (!ent_view_has_actor(a, actors[i]) || !ent_view_has_actor(b, actors[i]))
            continue;
        ent_table *t = NULL;
        int rc = ent_align_change_table(&t, a, b, actors[i], NULL);
        if (rc == ENT_EUSAGE)
            continue;
        if (rc) {
            ent__report_fail(r, rc);
            return;
        }
        long cf = ent_table_column_index(t, "sign_from"), ct = ent_table_column_index(t, "sign_to");
        long tf = ent_table_column_index(t, "tie_from"), tt = ent_table_column_index(t, "tie_to");
        for (size_t row = 0; cf >= 0 && ct >= 0 && row < ent_table_row_count(t); row++) {
            const char *sf = ent_table_string(t, row, (size_t)cf);
            const char *st = ent_table_string(t, row, (size_t)ct);
            if (!((sf[0] == '+' && st[0] == '-') || (sf[0] == '-' && st[0] == '+')))
                continue;
            long p = ent_graph_actor_by_id(r->g, ent_table_string(t, row, 0));
            if (p < 0)
                continue;
            /* Each pair once: skip it from the partner's side when the partner comes
             * earlier in the list. */
            int dup = 0;
            for (size_t k = 0; k < i; k++)
                dup |= actors[k] == (uint32_t)p;
            if (dup)
                continue;
            item_begin(s);
            say_actor(s, actors[i]);
            say(s, " and ");
            say_actor(s, (uint32_t)p);
            sayf(s, ": their tie turned %s, from %.2f to %.2f", st[0] == '-' ? "hostile" : "cooperative",
                 ent_table_real(t, row, (size_t)tf), ent_table_real(t, row, (size_t)tt));
            say_edge_relations(s, a, b, actors[i], (uint32_t)p, 1);
            say(s, ".");
            item_end(s, "tie turned");
            found++;
        }
        ent_table_free(t);
    }
    if (!found && !r->rc) {
        item_begin(s);
        say(s, "No pair of the actors named here turned from cooperation to hostility or "
               "back.");
        item_end(s, "tie turned");
    }
}

/* The leverage of the main actors month by month from day `first` to day
 * `last`, drawn as `entente timeline -o` draws it, inline in the page as
 * <figure id="ID"> and img/ID.svg for the Markdown; its table is kept for
 * results.json. */
static void timeline_figure(report *r, const char *id, int32_t first, int32_t last,
                            const char *title_start, const char *caption)
{
    if (r->rc)
        return;
    int32_t *days = NULL;
    size_t nd = 0;
    ent_table *t = NULL;
    char *svg = NULL;
    size_t len = 0;
    int rc = ent_timeline_days(&days, &nd, first, last, ENT_EVERY_MONTH, 0);
    ent_timeline_options to = ENT_TIMELINE_OPTIONS_INIT;
    to.actors = r->o->n_actors ? r->o->actors : NULL;
    to.n_actors = r->o->n_actors;
    to.top = 6;
    if (!rc)
        rc = ent_timeline_table(&t, r->g, &r->vo, days, nd, &to);
    ent_timeline_chart_options co = ENT_TIMELINE_CHART_OPTIONS_INIT;
    co.every = ENT_EVERY_MONTH;
    char title[200];
    char d1[11], d2[11];
    snprintf(title, sizeof title, "%s, %s to %s", title_start, ent__day_str(first, d1),
             ent__day_str(last, d2));
    co.title = title;
    if (!rc)
        rc = ent_timeline_chart(&svg, &len, r->g, t, days, nd, &to, &co);
    ent_timeline_days_free(days);
    if (rc) {
        ent_table_free(t);
        ent__report_fail(r, rc);
        return;
    }
    char file[64];
    snprintf(file, sizeof file, "img/%s.svg", id);
    ent__report_write_file(r, file, svg, len);
    const char *start = strstr(svg, "<svg");
    ent_strbuf_addf(&r->h, "<figure id=\"%s\"><div class=\"svg\">", id);
    /* The chart's own ids ("panel-1") get a prefix of their own in the page. */
    for (const char *p = start ? start : ""; *p;) {
        const char *hit = strstr(p, " id=\"");
        if (!hit) {
            ent_strbuf_adds(&r->h, p);
            break;
        }
        ent_strbuf_add(&r->h, p, (size_t)(hit - p) + 5);
        ent_strbuf_addf(&r->h, "%s-", id);
        p = hit + 5;
    }
    ent_strbuf_adds(&r->h, "</div><figcaption>");
    ent__escape_html(&r->h, caption);
    ent_strbuf_adds(&r->h, "</figcaption></figure>\n");
    ent_strbuf_adds(&r->m, "![");
    ent__escape_md(&r->m, caption, 1);
    ent_strbuf_addf(&r->m, "](%s)\n\n", file);
    ent_chart_free(svg);
    if (ent__report_keep(r, t))
        ent__report_fail(r, ENT_ENOMEM);
}

/* The trajectory over the span of the declared snapshots; then, when the
 * comparisons the files declare cover less than half of it (the bundled
 * graph's span from 2020 to 2023 in its century), the same over their span,
 * so that the months that matter are not squeezed into a sliver of the
 * first chart. `zoom`: 0 for the first chart, 1 for the second. */
static void timeline_figures(report *r, int zoom)
{
    int32_t first = INT32_MAX, last = INT32_MIN;
    for (size_t i = 0; i < r->n_snap; i++) {
        int32_t d = ent_view_day(r->views[i]);
        first = d < first ? d : first;
        last = d > last ? d : last;
    }
    if (!zoom) {
        timeline_figure(r, "timeline", first, last,
                        "Leverage of the main actors, month by month over the span of the "
                        "declared snapshots",
                        "The trajectory: leverage of the main actors every month over the span "
                        "of the declared snapshots, which are the numbered lines; point at a line "
                        "for its actor and values");
        return;
    }
    int32_t cf = INT32_MAX, cl = INT32_MIN;
    for (size_t k = 0; k < ent_graph_comparison_count(r->g); k++) {
        const ent_comparison *c = ent_graph_comparison(r->g, k);
        int32_t a = ent_view_day(r->views[c->from]), b = ent_view_day(r->views[c->to]);
        cf = a < cf ? a : cf;
        cf = b < cf ? b : cf;
        cl = a > cl ? a : cl;
        cl = b > cl ? b : cl;
    }
    /* Worth a chart of its own: at least two months, and under half the span. */
    if (cf == INT32_MAX || cl - cf < 60 || 2 * (int64_t)(cl - cf) >= (int64_t)last - first)
        return;
    timeline_figure(r, "timeline-comparisons", cf, cl,
                    "Leverage of the main actors, month by month over the span of the "
                    "declared comparisons",
                    "The same over the span of the comparisons the graph declares, where the "
                    "first chart is crowded: the snapshots in it are the numbered lines");
}

void ent__report_summary_section(report *r)
{
    if (r->rc)
        return;
    ent__report_section(r, "summary", "Summary: what changed", "Summary");
    /* The comparison told: the headline, or the earliest and the latest snapshot. */
    long hc = ent_graph_headline_comparison(r->g);
    size_t ia = 0, ib = 0;
    if (hc >= 0) {
        ia = ent_graph_comparison(r->g, (size_t)hc)->from;
        ib = ent_graph_comparison(r->g, (size_t)hc)->to;
    } else
        for (size_t i = 0; i < r->n_snap; i++) {
            if (ent_view_day(r->views[i]) < ent_view_day(r->views[ia]))
                ia = i;
            if (ent_view_day(r->views[i]) > ent_view_day(r->views[ib]))
                ib = i;
        }
    story s = {r, NULL, ENT_STRBUF_INIT, ENT_STRBUF_INIT};
    if (ent_table_new(&s.t, "summary") || ent_table_add_column(s.t, "finding", ENT_COL_STRING, 0) ||
        ent_table_add_column(s.t, "text", ENT_COL_STRING, 0) ||
        ent_table_add_column(s.t, "relations", ENT_COL_STRING, 0)) {
        ent_table_free(s.t);
        ent__report_fail(r, ENT_ENOMEM);
        return;
    }
    const ent_declared_snapshot *sa = ent_graph_snapshot(r->g, ia),
                                *sb = ent_graph_snapshot(r->g, ib);
    const ent_view *a = r->views[ia], *b = r->views[ib];
    char d1[11], d2[11];
    ent_strbuf_adds(&r->h, "<p>");
    if (ia == ib) {
        sayf(&s, "The graph declares one snapshot, %s on %s: there is no change to tell. The "
                 "chart shows where leverage stood on that day.",
             sa->id, ent__day_str(ent_view_day(a), d1));
        ent_strbuf_adds(&r->h, "</p>\n");
        ent_strbuf_adds(&r->m, "\n\n");
        timeline_figures(r, 0);
    } else {
        sayf(&s, "From %s%s%s%s (%s) to %s%s%s%s (%s)%s, by leverage, how much others rely on "
                 "an actor. Each finding is read off the tables of the sections below; each "
                 "relation named links to its evidence.",
             sa->id, sa->label[0] ? ", \u201c" : "", sa->label, sa->label[0] ? "\u201d" : "",
             ent__day_str(ent_view_day(a), d1), sb->id, sb->label[0] ? ", \u201c" : "", sb->label,
             sb->label[0] ? "\u201d" : "", ent__day_str(ent_view_day(b), d2),
             hc >= 0 ? ", the graph's headline comparison" : "");
        ent_strbuf_adds(&r->h, "</p>\n");
        ent_strbuf_adds(&r->m, "\n\n");
        timeline_figures(r, 0); /* the trajectory first, then the findings */
        ent_strbuf_adds(&r->h, "<ul class=\"findings\">\n");
        /* Movers: the largest rises, then the largest falls. */
        ent_table *shift = NULL;
        ent_analysis_options all = ENT_ANALYSIS_OPTIONS_INIT;
        if (ent_shift_table(&shift, a, b, &all))
            ent__report_fail(r, ENT_ENOMEM);
        uint32_t named[2 * MOVERS];
        size_t n_named = 0;
        for (int up = 1; up >= 0 && shift && !r->rc; up--) {
            size_t shown = 0;
            for (size_t row = 0; row < ent_table_row_count(shift) && shown < MOVERS; row++) {
                double c = ent_table_real(shift, row, 4);
                if (isnan(c) || fabs(c) < 0.0005 || (c > 0) != up)
                    continue;
                mover(&s, shift, row, a, b);
                long x = ent_graph_actor_by_id(r->g, ent_table_string(shift, row, 0));
                if (x >= 0)
                    named[n_named++] = (uint32_t)x;
                shown++;
            }
            if (!shown) {
                item_begin(&s);
                sayf(&s, "No actor's leverage %s.", up ? "rose" : "fell");
                item_end(&s, "mover");
            }
        }
        ent_table_free(shift);
        if (!r->rc)
            broken_commitments(&s, a, b);
        if (!r->rc)
            turned_ties(&s, a, b, named, n_named);
        ent_strbuf_adds(&r->h, "</ul>\n");
        ent_strbuf_adds(&r->m, "\n");
        timeline_figures(r, 1); /* the period of the comparisons, after the findings */
    }
    if (s.text.failed || s.rels.failed)
        ent__report_fail(r, ENT_ENOMEM);
    ent_strbuf_release(&s.text);
    ent_strbuf_release(&s.rels);
    if (ent__report_keep(r, s.t))
        ent__report_fail(r, ENT_ENOMEM);
}
