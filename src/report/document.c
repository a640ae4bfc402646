/*
 * document.c: the report's writer. The report is assembled once, as a
 * sequence of blocks (headings, paragraphs, tables, figures), each written
 * at once into the HTML and the Markdown buffers by the same function, so
 * the two always tell the same story; tables are also kept per section for
 * results.json. Every string that comes from the graph file goes through
 * ent__escape_html() or ent__escape_md() on its way out; relation ids found
 * in table cells become links to the evidence section.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_impl.h"
#include "util/error.h"
#include "util/escape.h"

int ent__report_fail(report *r, int rc)
{
    if (!r->rc)
        r->rc = rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory") : rc;
    return r->rc;
}

/* A safe point: true (with r->rc set) when the caller asked to stop or the
 * report already failed. */
int ent__report_stopped(report *r)
{
    if (!r->rc && r->o->stop && r->o->stop(r->o->stop_ud))
        r->rc = ent_error_set(ENT_ECANCELED, "interrupted");
    return r->rc != 0;
}

static section *cur(report *r)
{
    return r->n_secs ? &r->secs[r->n_secs - 1] : NULL;
}

/* Opens a section: a level-2 heading with an anchor, a link in the nav. */
void ent__report_section(report *r, const char *id, const char *title, const char *short_title)
{
    if (r->rc)
        return;
    if (r->n_secs == r->cap_secs) {
        size_t cap = r->cap_secs ? 2 * r->cap_secs : 16;
        section *s = realloc(r->secs, cap * sizeof *s);
        if (!s) {
            ent__report_fail(r, ENT_ENOMEM);
            return;
        }
        r->secs = s;
        r->cap_secs = cap;
    }
    section *s = &r->secs[r->n_secs++];
    memset(s, 0, sizeof *s);
    s->id = strdup(id);
    s->title = strdup(title);
    if (!s->id || !s->title)
        ent__report_fail(r, ENT_ENOMEM);
    if (r->n_secs > 1)
        ent_strbuf_adds(&r->h, "</section>\n");
    ent_strbuf_adds(&r->h, "<section id=\"");
    ent__escape_html(&r->h, id);
    ent_strbuf_adds(&r->h, "\">\n<h2>");
    ent__escape_html(&r->h, title);
    ent_strbuf_adds(&r->h, "</h2>\n");
    ent_strbuf_adds(&r->nav, "<a href=\"#");
    ent__escape_html(&r->nav, id);
    ent_strbuf_adds(&r->nav, "\">");
    ent__escape_html(&r->nav, short_title ? short_title : title);
    ent_strbuf_adds(&r->nav, "</a>\n");
    ent_strbuf_adds(&r->m, "\n<a id=\"");
    ent__escape_html(&r->m, id);
    ent_strbuf_adds(&r->m, "\"></a>\n\n## ");
    ent__escape_md(&r->m, title, 1);
    ent_strbuf_adds(&r->m, "\n\n");
}

void ent__report_heading3(report *r, const char *text)
{
    ent_strbuf_adds(&r->h, "<h3>");
    ent__escape_html(&r->h, text);
    ent_strbuf_adds(&r->h, "</h3>\n");
    ent_strbuf_adds(&r->m, "### ");
    ent__escape_md(&r->m, text, 1);
    ent_strbuf_adds(&r->m, "\n\n");
}

void ent__report_para(report *r, const char *text)
{
    ent_strbuf_adds(&r->h, "<p>");
    ent__escape_html(&r->h, text);
    ent_strbuf_adds(&r->h, "</p>\n");
    ent__escape_md(&r->m, text, 1);
    ent_strbuf_adds(&r->m, "\n\n");
}

/* A paragraph from a format (its arguments may come from the graph file:
 * the whole text is escaped). */
void ent__report_paraf(report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent_strbuf_reset(&r->tmp);
    ent_strbuf_vaddf(&r->tmp, fmt, ap);
    va_end(ap);
    ent__report_para(r, ent_strbuf_str(&r->tmp));
}

int ent__report_by_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static int is_rel_id(const report *r, const char *tok, size_t len)
{
    char buf[160];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, tok, len);
    buf[len] = '\0';
    const char *key = buf;
    return bsearch(&key, r->rel_ids, r->n_rel_ids, sizeof *r->rel_ids, ent__report_by_str) != NULL;
}

static int id_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.' || c == ':';
}

/* A cell's text, escaped, with relation ids made links to their evidence. */
static void cell(report *r, const char *s, int to_md)
{
    ent_strbuf *sb = to_md ? &r->m : &r->h;
    const char *p = s;
    ent_strbuf piece = ENT_STRBUF_INIT;
    while (*p) {
        const char *q = p;
        while (*q && id_char(*q))
            q++;
        /* A token starts after a non-id character (or at the start). */
        if (q > p && (p == s || !id_char(p[-1])) && is_rel_id(r, p, (size_t)(q - p))) {
            ent_strbuf_reset(&piece);
            ent_strbuf_add(&piece, p, (size_t)(q - p));
            if (to_md) {
                ent_strbuf_adds(sb, "[");
                ent__escape_md(sb, ent_strbuf_str(&piece), 0);
                ent_strbuf_adds(sb, "](#rel-");
                ent_strbuf_adds(sb, ent_strbuf_str(&piece)); /* an id: safe characters only */
                ent_strbuf_adds(sb, ")");
            } else {
                ent_strbuf_adds(sb, "<a href=\"#rel-");
                ent__escape_html(sb, ent_strbuf_str(&piece));
                ent_strbuf_adds(sb, "\">");
                ent__escape_html(sb, ent_strbuf_str(&piece));
                ent_strbuf_adds(sb, "</a>");
            }
            p = q;
            continue;
        }
        /* Plain text up to the next token start. */
        const char *e = q > p ? q : p + 1;
        while (*e && !(id_char(*e) && !id_char(e[-1])))
            e++;
        ent_strbuf_reset(&piece);
        ent_strbuf_add(&piece, p, (size_t)(e - p));
        if (to_md)
            ent__escape_md(sb, ent_strbuf_str(&piece), 0); /* no block starts inside a table row */
        else
            ent__escape_html(sb, ent_strbuf_str(&piece));
        p = e;
    }
    if (piece.failed)
        sb->failed = 1;
    ent_strbuf_release(&piece);
}

static char *cell_str(const ent_table *t, size_t row, size_t col)
{
    size_t n = ent_table_cell_text(t, row, col, NULL, 0);
    if (n == SIZE_MAX)
        return NULL; /* out of memory */
    char *s = malloc(n + 1);
    if (s && ent_table_cell_text(t, row, col, s, n + 1) == SIZE_MAX) {
        free(s);
        return NULL;
    }
    return s;
}

/* Keeps a table for results.json (the report owns it from here): 0, or -1
 * with the table freed when it cannot be kept. */
int ent__report_keep(report *r, ent_table *t)
{
    section *s = cur(r);
    if (!t)
        return -1;
    if (r->rc || !s) {
        ent_table_free(t);
        return -1;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 8;
        ent_table **ts = realloc(s->tables, cap * sizeof *ts);
        if (!ts) {
            ent_table_free(t);
            ent__report_fail(r, ENT_ENOMEM);
            return -1;
        }
        s->tables = ts;
        s->cap = cap;
    }
    s->tables[s->n++] = t;
    return 0;
}

/* A table: into the page and the Markdown, and kept for results.json (the
 * report owns it from here). `bloc_col`: colour rows by this int column. */
void ent__report_table(report *r, ent_table *t, const char *bloc_col)
{
    if (ent__report_keep(r, t))
        return;
    size_t rows = ent_table_row_count(t), cols = ent_table_column_count(t);
    long bc = bloc_col ? ent_table_column_index(t, bloc_col) : -1;
    /* HTML */
    ent_strbuf_adds(&r->h, "<div class=\"table\"><table>\n<caption>");
    ent__escape_html(&r->h, ent_table_title(t));
    ent_strbuf_adds(&r->h, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < cols; c++) {
        ent_strbuf_adds(&r->h, ent_table_column_type(t, c) == ENT_COL_STRING ? "<th>"
                                                                             : "<th class=\"n\">");
        ent__escape_html(&r->h, ent_table_column_name(t, c));
        ent_strbuf_adds(&r->h, "</th>");
    }
    ent_strbuf_adds(&r->h, "</tr></thead>\n<tbody>\n");
    for (size_t row = 0; row < rows && !r->rc; row++) {
        if (bc >= 0) {
            long long b = ent_table_int(t, row, (size_t)bc);
            const char *color = ent_render_bloc_color((uint32_t)(b > 0 ? b : 0));
            if (color[0])
                ent_strbuf_addf(&r->h, "<tr style=\"background:%s\">", color);
            else
                ent_strbuf_adds(&r->h, "<tr>");
        } else
            ent_strbuf_adds(&r->h, "<tr>");
        for (size_t c = 0; c < cols; c++) {
            char *v = cell_str(t, row, c);
            if (!v) {
                ent__report_fail(r, ENT_ENOMEM);
                break;
            }
            ent_strbuf_adds(
                &r->h, ent_table_column_type(t, c) == ENT_COL_STRING ? "<td>" : "<td class=\"n\">");
            cell(r, v, 0);
            ent_strbuf_adds(&r->h, "</td>");
            free(v);
        }
        ent_strbuf_adds(&r->h, "</tr>\n");
    }
    ent_strbuf_adds(&r->h, "</tbody></table></div>\n");
    if (!rows)
        ent_strbuf_adds(&r->h, "<p class=\"note\">(no rows)</p>\n");
    for (size_t i = 0; i < ent_table_note_count(t); i++) {
        ent_strbuf_adds(&r->h, "<p class=\"note\">");
        ent__escape_html(&r->h, ent_table_note(t, i));
        ent_strbuf_adds(&r->h, "</p>\n");
    }
    /* Markdown */
    ent_strbuf_adds(&r->m, "**");
    ent__escape_md(&r->m, ent_table_title(t), 1);
    ent_strbuf_adds(&r->m, "**\n\n");
    if (rows) {
        ent_strbuf_adds(&r->m, "|");
        for (size_t c = 0; c < cols; c++) {
            ent_strbuf_adds(&r->m, " ");
            ent__escape_md(&r->m, ent_table_column_name(t, c), 1);
            ent_strbuf_adds(&r->m, " |");
        }
        ent_strbuf_adds(&r->m, "\n|");
        for (size_t c = 0; c < cols; c++)
            ent_strbuf_adds(&r->m,
                            ent_table_column_type(t, c) == ENT_COL_STRING ? "---|" : "---:|");
        ent_strbuf_adds(&r->m, "\n");
        for (size_t row = 0; row < rows && !r->rc; row++) {
            ent_strbuf_adds(&r->m, "|");
            for (size_t c = 0; c < cols; c++) {
                char *v = cell_str(t, row, c);
                if (!v) {
                    ent__report_fail(r, ENT_ENOMEM);
                    break;
                }
                ent_strbuf_adds(&r->m, " ");
                cell(r, v, 1);
                ent_strbuf_adds(&r->m, " |");
                free(v);
            }
            ent_strbuf_adds(&r->m, "\n");
        }
        ent_strbuf_adds(&r->m, "\n");
    } else
        ent_strbuf_adds(&r->m, "(no rows)\n\n");
    for (size_t i = 0; i < ent_table_note_count(t); i++) {
        ent_strbuf_adds(&r->m, "*note:* ");
        ent__escape_md(&r->m, ent_table_note(t, i), 1);
        ent_strbuf_adds(&r->m, "  \n");
    }
    ent_strbuf_adds(&r->m, "\n");
}

/* Writes buf to DIR/name. */
int ent__report_write_file(report *r, const char *name, const char *buf, size_t len)
{
    if (ent__report_stopped(r))
        return -1;
    ent_strbuf path = ENT_STRBUF_INIT;
    ent_strbuf_addf(&path, "%s/%s", r->dir, name);
    FILE *f = path.failed ? NULL : fopen(ent_strbuf_str(&path), "wb");
    int ok = f && fwrite(buf, 1, len, f) == len;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok && !r->rc)
        r->rc = ent_error_set(ENT_EIO, "cannot write '%s': %s", ent_strbuf_str(&path),
                              strerror(errno ? errno : EIO));
    ent_strbuf_release(&path);
    return ok ? 0 : -1;
}

/* The actors present on the day of a (or of b) that no relation ties to
 * anyone on either day, which ent_render leaves out of the drawing (the
 * rule of src/render/select.c with no --kinds or --types: the focus is
 * always drawn), named in a line of the page and of the Markdown. */
static void left_out_line(report *r, const ent_view *a, const ent_view *b, const uint32_t *focus,
                          size_t n_focus, int md)
{
    size_t na = ent_graph_actor_count(r->g);
    unsigned char *tied = calloc(na ? na : 1, 1);
    if (!tied) {
        ent__report_fail(r, ENT_ENOMEM);
        return;
    }
    for (int vi = 0; vi < (b ? 2 : 1); vi++) {
        const ent_view *v = vi ? b : a;
        for (size_t i = 0; i < ent_view_edge_count(v); i++) {
            const ent_edge *e = ent_view_edge(v, i);
            if (e->n_relations)
                tied[e->source] = tied[e->target] = 1;
        }
    }
    for (size_t k = 0; k < n_focus; k++)
        if (focus[k] < na)
            tied[focus[k]] = 1;
    size_t n = 0;
    ent_strbuf *sb = md ? &r->m : &r->h;
    for (size_t x = 0; x < na; x++) {
        if (tied[x] ||
            !(ent_view_has_actor(a, (uint32_t)x) || (b && ent_view_has_actor(b, (uint32_t)x))))
            continue;
        const ent_actor *act = ent_graph_actor(r->g, x);
        if (n++ == 0)
            ent_strbuf_addf(sb,
                            md ? "*Not drawn, without a relation on %s:* "
                               : "<br><span class=\"left-out\">Not drawn, without a relation "
                                 "on %s: ",
                            b ? "either date" : "the date");
        else
            ent_strbuf_adds(sb, ", ");
        if (md)
            ent__escape_md(sb, act->name[0] ? act->name : act->id, 0);
        else
            ent__escape_html(sb, act->name[0] ? act->name : act->id);
    }
    if (n)
        ent_strbuf_adds(sb, md ? ".\n\n" : ".</span>");
    free(tied);
}

/* The width in points of a drawing Graphviz wrote (<svg width="NNNpt" ...>):
 * 0 when it cannot be read. */
static double svg_width_pt(const char *svg)
{
    const char *w = svg ? strstr(svg, " width=\"") : NULL;
    double pt = 0;
    if (w && sscanf(w + 8, "%lfpt\"", &pt) != 1)
        pt = 0;
    return pt > 0 && pt < 1e6 ? pt : 0;
}

/* A diagram: drawn as SVG, inlined in the page (its ids made unique), and
 * written to img/NAME.svg for the Markdown. The main actors (`focus`) are
 * drawn larger, their lines wider; every actor with a relation is drawn,
 * the others are named under it. A comparison's panels are stacked, one
 * above the other on the same positions, so that the drawing is one panel
 * wide. In the page, the drawing is never shown narrower than one pixel per
 * point (MIN_PX_PER_PT): actor labels (10 points) stay at 10 px or more,
 * and a drawing wider than the page scrolls sideways in its frame. */
#define MIN_PX_PER_PT 1.0
void ent__report_figure(report *r, const char *html_id, const char *name, const char *caption,
                        const ent_view *a, const ent_view *b, ent_render_mode mode,
                        const char *const *colors, const char *const *colors_b, const char *legend,
                        const char *label_a, const char *label_b, const uint32_t *focus,
                        size_t n_focus)
{
    if (ent__report_stopped(r))
        return;
    ent_render_options ro;
    ent_render_options_init(&ro);
    ro.focus = focus;
    ro.n_focus = n_focus;
    ro.depth = 0;
    ro.title = r->o->title;
    ro.colors = colors;
    ro.colors_b = colors_b;
    ro.color_legend = colors ? legend : NULL;
    ro.label[0] = label_a;
    ro.label[1] = label_b;
    ro.stack = mode == ENT_RENDER_COMPARE;
    char *svg = NULL;
    size_t len = 0;
    int rc = ent_render(a, b, mode, &ro, ENT_RENDER_SVG, &svg, &len, NULL);
    if (rc == ENT_EUSAGE) {
        /* Nothing to draw (no actor on the day): say so instead. */
        ent__report_paraf(r, "%s: nothing to draw (%s).", caption, ent_error_last());
        return;
    }
    if (rc) {
        ent__report_fail(r, rc);
        return;
    }
    /* The drawing is len bytes, not a C string; ent_render's buffer comes
     * from malloc (render.c), so the library may grow it. */
    char *z = realloc(svg, len + 1);
    if (!z) {
        ent_render_free(svg);
        ent__report_fail(r, ENT_ENOMEM);
        return;
    }
    svg = z;
    svg[len] = '\0';
    char file[200];
    snprintf(file, sizeof file, "img/%s.svg", name);
    ent__report_write_file(r, file, svg, len);
    r->figures++;
    const char *start = strstr(svg, "<svg");
    ent_strbuf_adds(&r->h, "<figure");
    if (html_id) {
        ent_strbuf_adds(&r->h, " id=\"");
        ent__escape_html(&r->h, html_id);
        ent_strbuf_adds(&r->h, "\"");
    }
    ent_strbuf_adds(&r->h, "><div class=\"svg\">");
    double pt = svg_width_pt(start);
    if (start && pt > 0) {
        /* The smallest width at which it is shown (the page's style keeps
         * it within the page otherwise). */
        ent_strbuf_addf(&r->h, "<svg style=\"min-width:%.0fpx\"", ceil(pt * MIN_PX_PER_PT));
        start += 4;
    }
    /* Graphviz's own ids (graph0, node1, clust1, a_node1 ...) repeat from one
     * drawing to the next: prefix them with the figure's number. */
    for (const char *p = start ? start : ""; *p;) {
        const char *hit = strstr(p, " id=\"");
        if (!hit) {
            ent_strbuf_adds(&r->h, p);
            break;
        }
        ent_strbuf_add(&r->h, p, (size_t)(hit - p) + 5);
        ent_strbuf_addf(&r->h, "f%zu-", r->figures);
        p = hit + 5;
    }
    ent_strbuf_adds(&r->h, "</div><figcaption>");
    ent__escape_html(&r->h, caption);
    left_out_line(r, a, mode == ENT_RENDER_ONE ? NULL : b, focus, n_focus, 0);
    ent_strbuf_adds(&r->h, "</figcaption></figure>\n");
    ent_strbuf_adds(&r->m, "![");
    ent__escape_md(&r->m, caption, 1);
    ent_strbuf_addf(&r->m, "](%s)\n\n", file);
    left_out_line(r, a, mode == ENT_RENDER_ONE ? NULL : b, focus, n_focus, 1);
    ent_render_free(svg);
}
