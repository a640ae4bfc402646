/*
 * story.c: the report's sections, the story of the graph: the overview,
 * each snapshot (diagram, main actors, rankings, blocs, balance), each
 * comparison, the sources and the evidence. Each section asks the analysis
 * passes for its tables and hands them to the writer (document.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_impl.h"
#include "util/error.h"
#include "util/escape.h"

/* Whether a URL may be a link: http or https only. */
static int linkable(const char *url)
{
    return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
}

static char *date_of(const ent_declared_snapshot *s, char *buf)
{
    return ent_date_format(s->at, buf);
}

/* "label (YYYY-MM-DD)" or the id when there is no label. */
static void snap_name(const ent_declared_snapshot *s, ent_strbuf *sb)
{
    char d[16];
    ent_strbuf_addf(sb, "%s (%s)", s->label[0] ? s->label : s->id, date_of(s, d));
}

/* Bloc colours of one view, or of two aligned; NULL when none can be found. */
typedef struct colors {
    uint32_t *bloc;
    const char **c;
    size_t na;
} colors;

static void colors_release(colors *c)
{
    free(c->bloc);
    free(c->c);
    memset(c, 0, sizeof *c);
}

/* The bloc colours of snapshot i, or of i and j numbered alike. */
static int colors_of(report *r, size_t i, long j, colors *out)
{
    size_t na = ent_graph_actor_count(r->g);
    memset(out, 0, sizeof *out);
    if (r->blocs_why[i] || (j >= 0 && r->blocs_why[j]))
        return 0; /* no blocs: draw by kind */
    out->na = na;
    out->bloc = malloc((2 * na + 1) * sizeof *out->bloc);
    out->c = malloc((2 * na + 1) * sizeof *out->c);
    if (!out->bloc || !out->c) {
        colors_release(out);
        return ent__report_fail(r, ENT_ENOMEM);
    }
    const ent_blocs_found *fa = r->blocs[i];
    if (j >= 0) {
        int rc = ent_blocs_found_aligned(fa, r->blocs[j], out->bloc, out->bloc + na);
        if (rc) {
            colors_release(out);
            return ent__report_fail(r, rc);
        }
    } else
        ent_blocs_found_of(fa, out->bloc);
    for (size_t k = 0; k < (j >= 0 ? 2 * na : na); k++)
        out->c[k] = ent_render_bloc_color(out->bloc[k]);
    return 0;
}

/* The main actors of a view: o->actors present on the day, or the top of
 * the influence ranking. */
static size_t main_actors(report *r, const ent_view *v, uint32_t *out, size_t max)
{
    size_t n = 0;
    if (r->o->n_actors) {
        for (size_t i = 0; i < r->o->n_actors && n < max; i++)
            if (ent_view_has_actor(v, r->o->actors[i]))
                out[n++] = r->o->actors[i];
        return n;
    }
    ent_influence_options ao = ENT_INFLUENCE_OPTIONS_INIT;
    ao.top = r->o->main_actors;
    ent_table *t = NULL;
    if (ent_influence_table(&t, v, &ao)) {
        ent__report_fail(r, ENT_ENOMEM);
        return 0;
    }
    long col = ent_table_column_index(t, "actor");
    for (size_t row = 0; row < ent_table_row_count(t) && n < max; row++) {
        long a = ent_graph_actor_by_id(r->g, ent_table_string(t, row, (size_t)col));
        if (a >= 0)
            out[n++] = (uint32_t)a;
    }
    ent_table_free(t);
    return n;
}

void ent__report_snapshot_section(report *r, size_t i)
{
    const ent_declared_snapshot *s = ent_graph_snapshot(r->g, i);
    const ent_view *v = r->views[i];
    char d[16], sid[200];
    snprintf(sid, sizeof sid, "snap-%s", s->id);
    ent_strbuf t = ENT_STRBUF_INIT;
    ent_strbuf_addf(&t, "Snapshot %s: ", s->id);
    snap_name(s, &t);
    ent__report_section(r, sid, ent_strbuf_str(&t), s->id);
    ent_strbuf_release(&t);
    ent__report_paraf(r, "%zu actors present and %zu signed pairs of actors on %s.",
                      ent_view_actor_count(v), ent_view_edge_count(v), date_of(s, d));
    colors c;
    colors_of(r, i, -1, &c);
    char name[220];
    uint32_t focus[16];
    size_t n_focus = main_actors(r, v, focus, 16);
    snprintf(name, sizeof name, "snapshot-%s", s->id);
    ent__report_figure(r, NULL, name,
                       "Alliance diagram; fill: the actor's bloc; larger: the main actors", v, NULL,
                       ENT_RENDER_ONE, c.c, NULL, "fill: bloc (entente blocs)",
                       s->label[0] ? s->label : s->id, NULL, focus, n_focus);
    ent__report_heading3(r, "Influence");
    ent__report_para(
        r, "Ranked by leverage: how much others rely on the actor (support, aid, guarantees "
           "and mandates it provides, requests for help and surrenders made to it, membership "
           "of a defence alliance; less refusals), each client's reliance weighted by the "
           "share of the client's whole reliance that falls on the actor. The other columns "
           "are the other measures of docs/analyses.md.");
    ent_influence_options ao = ENT_INFLUENCE_OPTIONS_INIT;
    ao.top = r->o->top;
    ao.bloc = c.bloc;
    ent_table *tb = NULL;
    if (ent_influence_table(&tb, v, &ao))
        ent__report_fail(r, ENT_ENOMEM);
    ent__report_table(r, tb, c.bloc ? "bloc" : NULL);
    colors_release(&c);

    uint32_t actors[64];
    size_t n = main_actors(r, v, actors, 64);
    ent__report_heading3(r, "Who relies on whom: the main actors");
    size_t shown = 0;
    for (size_t k = 0; k < n && !r->rc; k++) {
        ent_table *lt = NULL;
        if (ent_leverage_table(&lt, v, actors[k]))
            ent__report_fail(r, ENT_ENOMEM);
        else if (ent_table_row_count(lt)) {
            ent__report_table(r, lt, NULL); /* the report owns it now */
            shown++;
        } else
            ent_table_free(lt);
    }
    if (!shown && !r->rc)
        ent__report_para(
            r, "None of the main actors relies on another, or is relied on, on this day.");

    ent__report_heading3(r, "Who backed and who opposed the main actors");
    if (!n)
        ent__report_para(r, "None of the main actors is present on this day.");
    ent_when when = {0, ent_view_day(v), 0, 0};
    for (size_t k = 0; k < n && !r->rc; k++)
        for (int sign = 1; sign >= -1; sign -= 2) {
            ent_who_query q;
            memset(&q, 0, sizeof q);
            q.actor = actors[k];
            q.sign = sign;
            q.depth = 1;
            q.evidence = 1;
            ent_table *w = NULL;
            if (ent_who_table(&w, r->g, &r->vo, &when, &q))
                ent__report_fail(r, ENT_ENOMEM);
            ent__report_table(r, w, NULL);
        }

    ent__report_heading3(r, "Blocs and balance");
    ent_table *bl = NULL, *bs = NULL, *tri = NULL;
    int rc;
    if (r->blocs_why[i])
        ent__report_paraf(r, "Blocs: %s.", r->blocs_why[i]);
    else if ((rc = ent_blocs_found_tables(&bl, NULL, NULL, r->blocs[i])))
        ent__report_fail(r, rc);
    ent__report_table(r, bl, NULL);
    ent_balance_options bo;
    ent_balance_options_init(&bo);
    bo.top = r->o->top;
    if ((rc = ent_balance_tables(&bs, &tri, NULL, v, &bo)))
        ent__report_fail(r, rc);
    ent__report_table(r, bs, NULL);
    ent__report_table(r, tri, NULL);
    ent_table *cm = NULL;
    if ((rc = ent_commitments_table(&cm, v)))
        ent__report_fail(r, rc);
    ent__report_heading3(r, "Commitments");
    ent__report_table(r, cm, NULL);
}

/* The actors whose metric moved most (by absolute change), from a shift table. */
static size_t leaders(report *r, const ent_table *shift, uint32_t *out, double *change, size_t max)
{
    long ca = ent_table_column_index(shift, "actor"), cc = ent_table_column_index(shift, "change");
    size_t n = 0;
    if (ca < 0 || cc < 0)
        return 0;
    for (size_t row = 0; row < ent_table_row_count(shift); row++) {
        double x = ent_table_real(shift, row, (size_t)cc);
        if (isnan(x) || x == 0)
            continue;
        size_t pos = n < max ? n++ : max;
        while (pos > 0 && fabs(change[pos - 1]) < fabs(x)) {
            if (pos < max) {
                change[pos] = change[pos - 1];
                out[pos] = out[pos - 1];
            }
            pos--;
        }
        if (pos < max) {
            /* The table's ids are the graph's: the lookup finds them. */
            out[pos] =
                (uint32_t)ent_graph_actor_by_id(r->g, ent_table_string(shift, row, (size_t)ca));
            change[pos] = x;
        }
    }
    return n;
}

/* A comparison of snapshots i and j; `headline` gives the section its ids. */
void ent__report_comparison_section(report *r, size_t i, size_t j, const char *label, int headline)
{
    const ent_declared_snapshot *a = ent_graph_snapshot(r->g, i), *b = ent_graph_snapshot(r->g, j);
    const ent_view *va = r->views[i], *vb = r->views[j];
    char sid[420], name[440];
    snprintf(sid, sizeof sid, "cmp-%s-%s", a->id, b->id);
    ent_strbuf t = ENT_STRBUF_INIT;
    if (headline)
        ent_strbuf_adds(&t, "Headline: ");
    ent_strbuf_addf(&t, "%s to %s", a->id, b->id);
    if (label && label[0])
        ent_strbuf_addf(&t, ": %s", label);
    char nav[420];
    snprintf(nav, sizeof nav, "%s%s \u2192 %s", headline ? "Headline: " : "", a->id, b->id);
    ent__report_section(r, sid, ent_strbuf_str(&t), nav);
    ent_strbuf_reset(&t);
    ent_strbuf_adds(&t, "From ");
    snap_name(a, &t);
    ent_strbuf_adds(&t, " to ");
    snap_name(b, &t);
    ent_strbuf_adds(&t, ".");
    ent__report_para(r, ent_strbuf_str(&t));
    ent_strbuf_release(&t);

    colors c;
    colors_of(r, i, (long)j, &c);
    uint32_t focus[16];
    size_t n_focus = main_actors(r, vb, focus, 16);
    snprintf(name, sizeof name, "%s-compare", sid);
    ent__report_figure(r, headline ? "headline-before-after" : NULL, name,
                       "Before and after, on one layout; fill: the actor's bloc on each date", va,
                       vb, ENT_RENDER_COMPARE, c.c, c.c ? c.c + c.na : NULL,
                       "fill: bloc on the panel's date (entente blocs)",
                       a->label[0] ? a->label : a->id, b->label[0] ? b->label : b->id, focus,
                       n_focus);
    snprintf(name, sizeof name, "%s-diff", sid);
    ent__report_figure(r, headline ? "headline-diff" : NULL, name, "What changed", va, vb,
                       ENT_RENDER_DIFF, NULL, NULL, NULL, a->label[0] ? a->label : a->id,
                       b->label[0] ? b->label : b->id, focus, n_focus);
    colors_release(&c);

    ent__report_heading3(r, "Shift of leverage");
    ent_analysis_options all = ENT_ANALYSIS_OPTIONS_INIT;
    ent_table *shift = NULL;
    if (ent_shift_table(&shift, va, vb, &all))
        ent__report_fail(r, ENT_ENOMEM);
    uint32_t lead[16];
    double change[16];
    size_t nl =
        shift ? leaders(r, shift, lead, change, r->o->leaders < 16 ? r->o->leaders : 16) : 0;
    ent_table_free(shift);
    ent_analysis_options top = ENT_ANALYSIS_OPTIONS_INIT;
    top.top = r->o->top;
    shift = NULL;
    if (ent_shift_table(&shift, va, vb, &top))
        ent__report_fail(r, ENT_ENOMEM);
    ent__report_table(r, shift, NULL);
    for (size_t k = 0; k < nl && !r->rc; k++) {
        const ent_actor *ac = ent_graph_actor(r->g, lead[k]);
        ent_strbuf h = ENT_STRBUF_INIT;
        ent_strbuf_addf(&h, "Why %s's leverage %s by %.3f", ac->name[0] ? ac->name : ac->id,
                        change[k] > 0 ? "rose" : "fell", fabs(change[k]));
        ent__report_heading3(r, ent_strbuf_str(&h));
        if (headline) {
            ent_strbuf_addf(&r->summary, "  %s (%s): leverage %s by %.3f\n",
                            ac->name[0] ? ac->name : ac->id, ac->id,
                            change[k] > 0 ? "rose" : "fell", fabs(change[k]));
        }
        ent_strbuf_release(&h);
        ent_table *ex = NULL;
        ent_analysis_options eo = ENT_ANALYSIS_OPTIONS_INIT;
        eo.top = r->o->top;
        if (ent_explain_table(&ex, va, vb, lead[k], &eo))
            ent__report_fail(r, ENT_ENOMEM);
        ent__report_table(r, ex, NULL);
    }

    ent__report_heading3(r, "Commitments kept and broken");
    ent_table *cm = NULL;
    if (ent_commitments_table(&cm, vb))
        ent__report_fail(r, ENT_ENOMEM);
    ent__report_table(r, cm, NULL);

    ent__report_heading3(r, "What changed: actors and relations");
    ent_table *da = NULL, *de = NULL, *ds = NULL;
    if (ent_diff_tables(&da, &de, &ds, va, vb))
        ent__report_fail(r, ENT_ENOMEM);
    ent__report_table(r, ds, NULL);
    ent__report_table(r, da, NULL);
    ent__report_table(r, de, NULL);

    ent__report_heading3(r, "Balance and blocs");
    ent_balance_options bo;
    ent_balance_options_init(&bo);
    bo.top = r->o->top;
    ent_table *bs = NULL, *bt = NULL, *cs = NULL, *mv = NULL;
    int rc = ent_balance_change_tables(&bs, &bt, va, vb, &bo);
    if (rc)
        ent__report_fail(r, rc);
    ent__report_table(r, bs, NULL);
    ent__report_table(r, bt, NULL);
    if (r->blocs_why[i] || r->blocs_why[j])
        ent__report_paraf(r, "Blocs: %s.", r->blocs_why[i] ? r->blocs_why[i] : r->blocs_why[j]);
    else {
        if ((rc = ent_blocs_found_change_tables(&cs, &mv, r->blocs[i], r->blocs[j])))
            ent__report_fail(r, rc);
    }
    ent__report_table(r, cs, NULL);
    ent__report_table(r, mv, NULL);
}

void ent__report_overview(report *r)
{
    const ent_graph *g = r->g;
    ent__report_section(r, "overview", "Overview", NULL);
    const char *desc = ent_graph_description(g);
    if (desc && desc[0])
        ent__report_para(r, desc);
    ent_strbuf t = ENT_STRBUF_INIT;
    ent_strbuf_adds(&t, "Graph files: ");
    for (size_t i = 0; i < r->o->n_files; i++)
        ent_strbuf_addf(&t, "%s%s", i ? ", " : "", r->o->files[i]);
    ent_strbuf_addf(&t, ". %zu actors, %zu relations, %zu sources, %zu snapshots.",
                    ent_graph_actor_count(g), ent_graph_relation_count(g),
                    ent_graph_source_count(g), r->n_snap);
    ent__report_para(r, ent_strbuf_str(&t));
    ent_strbuf_release(&t);
    ent__report_para(r,
                     "Every table names the relations behind its answers; their ids link to the "
                     "evidence section, where each relation has its status, its claimant and its "
                     "sources with their notes. The methods are those of entente's documentation "
                     "(docs/analyses.md), with the snapshot rules given under each table.");
}

void ent__report_sources_section(report *r)
{
    const ent_graph *g = r->g;
    ent__report_section(r, "sources", "Sources", NULL);
    ent_strbuf_adds(&r->h, "<ul class=\"sources\">\n");
    for (size_t i = 0; i < ent_graph_source_count(g); i++) {
        const ent_source *s = ent_graph_source(g, i);
        char d[16];
        ent_strbuf_adds(&r->h, "<li id=\"src-");
        ent__escape_html(&r->h, s->id);
        ent_strbuf_adds(&r->h, "\"><b>");
        ent__escape_html(&r->h, s->id);
        ent_strbuf_adds(&r->h, "</b>: ");
        ent__escape_html(&r->h, s->title[0] ? s->title : "(no title)");
        ent_strbuf_adds(&r->m, "- <a id=\"src-");
        ent_strbuf_adds(&r->m, s->id);
        ent_strbuf_adds(&r->m, "\"></a>**");
        ent__escape_md(&r->m, s->id, 1);
        ent_strbuf_adds(&r->m, "**: ");
        ent__escape_md(&r->m, s->title[0] ? s->title : "(no title)", 1);
        const char *parts[3] = {s->author, s->publisher,
                                s->date.year ? ent_date_format(s->date, d) : ""};
        for (int k = 0; k < 3; k++)
            if (parts[k][0]) {
                ent_strbuf_adds(&r->h, ", ");
                ent__escape_html(&r->h, parts[k]);
                ent_strbuf_adds(&r->m, ", ");
                ent__escape_md(&r->m, parts[k], 1);
            }
        if (s->url[0]) {
            if (linkable(s->url)) {
                ent_strbuf_adds(&r->h, ", <a href=\"");
                ent__escape_html(&r->h, s->url);
                ent_strbuf_adds(&r->h, "\">");
                ent__escape_html(&r->h, s->url);
                ent_strbuf_adds(&r->h, "</a>");
            } else {
                ent_strbuf_adds(&r->h, ", <span class=\"url\">");
                ent__escape_html(&r->h, s->url);
                ent_strbuf_adds(&r->h, "</span>");
            }
            ent_strbuf_adds(&r->m, ", ");
            ent__escape_md(&r->m, s->url, 1);
        }
        ent_strbuf_adds(&r->h, "</li>\n");
        ent_strbuf_adds(&r->m, "\n");
    }
    ent_strbuf_adds(&r->h, "</ul>\n");
    ent_strbuf_adds(&r->m, "\n");
    ent_table *t = NULL;
    int rc = ent_table_new(&t, "sources");
    static const char *const cols[] = {"source", "title", "author", "publisher", "date", "url"};
    for (size_t c = 0; c < 6 && !rc; c++)
        rc = ent_table_add_column(t, cols[c], ENT_COL_STRING, 0);
    for (size_t i = 0; i < ent_graph_source_count(g) && !rc; i++) {
        const ent_source *s = ent_graph_source(g, i);
        char d[16];
        const char *v[6] = {s->id,
                            s->title,
                            s->author,
                            s->publisher,
                            s->date.year ? ent_date_format(s->date, d) : "",
                            s->url};
        rc = ent_table_add_row(t);
        for (size_t c = 0; c < 6 && !rc; c++)
            rc = ent_table_set_string(t, c, v[c]);
    }
    if (rc) {
        ent_table_free(t);
        ent__report_fail(r, ENT_ENOMEM);
    } else
        ent__report_keep(r, t);
}

/* Every relation as a ent__report_table, for results.json. */
static void evidence_table(report *r)
{
    const ent_graph *g = r->g;
    ent_table *t = NULL;
    int rc = ent_table_new(&t, "relations and their evidence");
    static const char *const cols[] = {"relation",   "source", "type", "target",
                                       "from",       "to",     "at",   "status",
                                       "claimed_by", "via",    "note", "evidence"};
    for (size_t c = 0; c < 12 && !rc; c++)
        rc = ent_table_add_column(t, cols[c], ENT_COL_STRING, 0);
    ent_strbuf ev = ENT_STRBUF_INIT;
    for (size_t i = 0; i < ent_graph_relation_count(g) && !rc; i++) {
        const ent_relation *rel = ent_graph_relation(g, i);
        char d1[16], d2[16], d3[16];
        ent_strbuf_reset(&ev);
        for (size_t k = 0; k < rel->n_evidence; k++) {
            const ent_evidence *e = &rel->evidence[k];
            ent_strbuf_addf(&ev, "%s%s", k ? " | " : "", ent_graph_source(g, e->source)->id);
            if (e->locator[0])
                ent_strbuf_addf(&ev, " (%s)", e->locator);
            if (e->note[0])
                ent_strbuf_addf(&ev, ": %s", e->note);
        }
        const char *v[12] = {
            rel->id,
            ent_graph_actor(g, rel->source)->id,
            ent_graph_type(g, rel->type)->id,
            ent_graph_actor(g, rel->target)->id,
            rel->from.year ? ent_date_format(rel->from, d1) : "",
            rel->to.year ? ent_date_format(rel->to, d2) : "",
            rel->at.year ? ent_date_format(rel->at, d3) : "",
            ent_status_str(rel->status),
            rel->claimed_by != ENT_NO_ACTOR ? ent_graph_actor(g, rel->claimed_by)->id : "",
            rel->via != ENT_NO_ACTOR ? ent_graph_actor(g, rel->via)->id : "",
            rel->note,
            ent_strbuf_str(&ev)};
        rc = ent_table_add_row(t);
        for (size_t c = 0; c < 12 && !rc; c++)
            rc = ent_table_set_string(t, c, v[c]);
    }
    if (ev.failed)
        rc = ENT_ENOMEM;
    ent_strbuf_release(&ev);
    if (rc) {
        ent_table_free(t);
        ent__report_fail(r, ENT_ENOMEM);
    } else
        ent__report_keep(r, t);
}

/* One line per relation: its id (the anchor the tables link to), what it
 * says, its dates, status and claimant, and its evidence. */
void ent__report_evidence_section(report *r)
{
    const ent_graph *g = r->g;
    ent__report_section(r, "evidence", "Evidence: every relation and its sources", "Evidence");
    ent_strbuf line = ENT_STRBUF_INIT;
    ent_strbuf_adds(&r->h, "<ul class=\"evidence\">\n");
    for (size_t i = 0; i < ent_graph_relation_count(g) && !r->rc; i++) {
        const ent_relation *rel = ent_graph_relation(g, i);
        const ent_reltype *ty = ent_graph_type(g, rel->type);
        char d1[16], d2[16], anchor[200];
        if (rel->id[0])
            snprintf(anchor, sizeof anchor, "rel-%s", rel->id);
        else
            snprintf(anchor, sizeof anchor, "rel-%zu", i + 1);
        ent_strbuf_reset(&line);
        ent_strbuf_addf(&line, "%s %s %s", ent_graph_actor(g, rel->source)->id, ty->id,
                        ent_graph_actor(g, rel->target)->id);
        if (!ty->durable)
            ent_strbuf_addf(&line, ", %s", ent_date_format(rel->at, d1));
        else if (rel->from.year || rel->to.year)
            ent_strbuf_addf(&line, ", %s to %s",
                            rel->from.year ? ent_date_format(rel->from, d1) : "open",
                            rel->to.year ? ent_date_format(rel->to, d2) : "open");
        ent_strbuf_addf(&line, "; %s", ent_status_str(rel->status));
        if (rel->claimed_by != ENT_NO_ACTOR)
            ent_strbuf_addf(&line, " by %s", ent_graph_actor(g, rel->claimed_by)->id);
        if (rel->via != ENT_NO_ACTOR)
            ent_strbuf_addf(&line, "; via %s", ent_graph_actor(g, rel->via)->id);
        if (rel->note[0])
            ent_strbuf_addf(&line, "; note: %s", rel->note);
        /* HTML */
        ent_strbuf_adds(&r->h, "<li id=\"");
        ent__escape_html(&r->h, anchor);
        ent_strbuf_adds(&r->h, "\"><b>");
        ent__escape_html(&r->h, rel->id[0] ? rel->id : anchor + 4);
        ent_strbuf_adds(&r->h, "</b>: ");
        ent__escape_html(&r->h, ent_strbuf_str(&line));
        /* Markdown */
        ent_strbuf_adds(&r->m, "- <a id=\"");
        ent_strbuf_adds(&r->m, anchor);
        ent_strbuf_adds(&r->m, "\"></a>**");
        ent__escape_md(&r->m, rel->id[0] ? rel->id : anchor + 4, 1);
        ent_strbuf_adds(&r->m, "**: ");
        ent__escape_md(&r->m, ent_strbuf_str(&line), 1);
        if (rel->n_evidence) {
            ent_strbuf_adds(&r->h, "<ul>");
            for (size_t k = 0; k < rel->n_evidence; k++) {
                const ent_evidence *ev = &rel->evidence[k];
                const char *src = ent_graph_source(g, ev->source)->id;
                ent_strbuf_adds(&r->h, "<li><a href=\"#src-");
                ent__escape_html(&r->h, src);
                ent_strbuf_adds(&r->h, "\">");
                ent__escape_html(&r->h, src);
                ent_strbuf_adds(&r->h, "</a>");
                ent_strbuf_adds(&r->m, "\n  - [");
                ent__escape_md(&r->m, src, 1);
                ent_strbuf_adds(&r->m, "](#src-");
                ent_strbuf_adds(&r->m, src);
                ent_strbuf_adds(&r->m, ")");
                if (ev->locator[0]) {
                    ent_strbuf_adds(&r->h, " (");
                    ent__escape_html(&r->h, ev->locator);
                    ent_strbuf_adds(&r->h, ")");
                    ent_strbuf_adds(&r->m, " (");
                    ent__escape_md(&r->m, ev->locator, 1);
                    ent_strbuf_adds(&r->m, ")");
                }
                if (ev->note[0]) {
                    ent_strbuf_adds(&r->h, ": ");
                    ent__escape_html(&r->h, ev->note);
                    ent_strbuf_adds(&r->m, ": ");
                    ent__escape_md(&r->m, ev->note, 0);
                }
                ent_strbuf_adds(&r->h, "</li>");
            }
            ent_strbuf_adds(&r->h, "</ul>");
        }
        ent_strbuf_adds(&r->h, "</li>\n");
        ent_strbuf_adds(&r->m, "\n");
    }
    ent_strbuf_adds(&r->h, "</ul>\n");
    ent_strbuf_adds(&r->m, "\n");
    ent_strbuf_release(&line);
    evidence_table(r);
}