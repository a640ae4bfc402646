/*
 * report.c: `entente report`, the whole story of a graph as one HTML page,
 * the same in Markdown, and every table in JSON.
 *
 * The report is assembled once, as a sequence of blocks (headings,
 * paragraphs, tables, figures), each written at once into the HTML and the
 * Markdown buffers by the same function, so the two always tell the same
 * story. Tables come from the analysis passes unchanged; they are also kept
 * per section for results.json. Every string that comes from the graph file
 * goes through html() or md() on its way out; relation ids found in table
 * cells become links to the evidence section.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "entente/entente.h"
#include "entente/report.h"
#include "passes/blocs_impl.h"
#include "util/error.h"
#include "util/jsonout.h"
#include "util/strbuf.h"

#define DEFAULT_MAIN    3
#define DEFAULT_TOP     10
#define DEFAULT_LEADERS 3

void ent_report_options_init(ent_report_options *o)
{
    memset(o, 0, sizeof *o);
    o->main_actors = DEFAULT_MAIN;
    o->top = DEFAULT_TOP;
    o->leaders = DEFAULT_LEADERS;
}

/* ------------------------------------------------------------- escaping --- */

/* Text for HTML, in an element or a quoted attribute. */
static void html(ent_strbuf *sb, const char *s)
{
    for (; *s; s++)
        switch (*s) {
        case '&':
            ent_strbuf_adds(sb, "&amp;");
            break;
        case '<':
            ent_strbuf_adds(sb, "&lt;");
            break;
        case '>':
            ent_strbuf_adds(sb, "&gt;");
            break;
        case '"':
            ent_strbuf_adds(sb, "&quot;");
            break;
        case '\'':
            ent_strbuf_adds(sb, "&#39;");
            break;
        default:
            ent_strbuf_addc(sb, *s);
        }
}

/* Text for Markdown, shown as itself wherever it lands (a paragraph, a
 * heading, a table cell): HTML's specials as entities, Markdown's as
 * backslash escapes, line breaks as spaces, and what would open a block at
 * the start (#, -, +, =, "1.") escaped. */
static void md_text(ent_strbuf *sb, const char *s, int line_start)
{
    const char *p = s;
    if (!line_start)
        goto inline_text;
    while (*p == ' ')
        p++;
    if (*p == '#' || *p == '-' || *p == '+' || *p == '=') {
        ent_strbuf_add(sb, s, (size_t)(p - s));
        ent_strbuf_addc(sb, '\\');
        s = p;
    } else if (*p >= '0' && *p <= '9') {
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == '.' || *q == ')') {
            ent_strbuf_add(sb, s, (size_t)(q - s));
            ent_strbuf_addc(sb, '\\');
            s = q;
        }
    }
inline_text:
    for (; *s; s++)
        switch (*s) {
        case '&':
            ent_strbuf_adds(sb, "&amp;");
            break;
        case '<':
            ent_strbuf_adds(sb, "&lt;");
            break;
        case '>':
            ent_strbuf_adds(sb, "&gt;");
            break;
        case '\n':
        case '\r':
        case '\t':
            ent_strbuf_addc(sb, ' ');
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '~':
        case '!':
            ent_strbuf_addc(sb, '\\');
            ent_strbuf_addc(sb, *s);
            break;
        default:
            ent_strbuf_addc(sb, *s);
        }
}

static void md(ent_strbuf *sb, const char *s)
{
    md_text(sb, s, 1);
}

/* Whether a URL may be a link: http or https only. */
static int linkable(const char *url)
{
    return strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
}

/* ------------------------------------------------------------- the page --- */

typedef struct section {
    char *id, *title;
    ent_table **tables;
    size_t n, cap;
} section;

typedef struct report {
    const ent_graph *g;
    const ent_report_options *o;
    ent_view_options vo;
    const char *dir;
    ent_strbuf h, m; /* the page and the Markdown */
    ent_strbuf nav;  /* the navigation's links */
    ent_strbuf tmp;
    section *secs;
    size_t n_secs, cap_secs;
    size_t figures;
    ent_view **views;       /* one per snapshot */
    found *blocs;           /* their blocs, found once */
    const char **blocs_why; /* NULL, or why there are none (a part too large) */
    ent_blocs_options bo;
    size_t n_snap;
    char **rel_ids; /* sorted relation ids, for linking */
    size_t n_rel_ids;
    ent_strbuf summary;
    int rc;
} report;

static int fail(report *r, int rc)
{
    if (!r->rc)
        r->rc = rc == ENT_ENOMEM ? ent_error_set(rc, "out of memory") : rc;
    return r->rc;
}

/* A safe point: true (with r->rc set) when the caller asked to stop or the
 * report already failed. */
static int stopped(report *r)
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
static void begin_section(report *r, const char *id, const char *title, const char *short_title)
{
    if (r->rc)
        return;
    if (r->n_secs == r->cap_secs) {
        size_t cap = r->cap_secs ? 2 * r->cap_secs : 16;
        section *s = realloc(r->secs, cap * sizeof *s);
        if (!s) {
            fail(r, ENT_ENOMEM);
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
        fail(r, ENT_ENOMEM);
    if (r->n_secs > 1)
        ent_strbuf_adds(&r->h, "</section>\n");
    ent_strbuf_adds(&r->h, "<section id=\"");
    html(&r->h, id);
    ent_strbuf_adds(&r->h, "\">\n<h2>");
    html(&r->h, title);
    ent_strbuf_adds(&r->h, "</h2>\n");
    ent_strbuf_adds(&r->nav, "<a href=\"#");
    html(&r->nav, id);
    ent_strbuf_adds(&r->nav, "\">");
    html(&r->nav, short_title ? short_title : title);
    ent_strbuf_adds(&r->nav, "</a>\n");
    ent_strbuf_adds(&r->m, "\n<a id=\"");
    html(&r->m, id);
    ent_strbuf_adds(&r->m, "\"></a>\n\n## ");
    md(&r->m, title);
    ent_strbuf_adds(&r->m, "\n\n");
}

static void heading3(report *r, const char *text)
{
    ent_strbuf_adds(&r->h, "<h3>");
    html(&r->h, text);
    ent_strbuf_adds(&r->h, "</h3>\n");
    ent_strbuf_adds(&r->m, "### ");
    md(&r->m, text);
    ent_strbuf_adds(&r->m, "\n\n");
}

static void para(report *r, const char *text)
{
    ent_strbuf_adds(&r->h, "<p>");
    html(&r->h, text);
    ent_strbuf_adds(&r->h, "</p>\n");
    md(&r->m, text);
    ent_strbuf_adds(&r->m, "\n\n");
}

/* A paragraph from a format (its arguments may come from the graph file:
 * the whole text is escaped). */
static void paraf(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void paraf(report *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent_strbuf_reset(&r->tmp);
    ent_strbuf_vaddf(&r->tmp, fmt, ap);
    va_end(ap);
    para(r, ent_strbuf_str(&r->tmp));
}

static int by_str(const void *x, const void *y)
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
    return bsearch(&key, r->rel_ids, r->n_rel_ids, sizeof *r->rel_ids, by_str) != NULL;
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
                md_text(sb, ent_strbuf_str(&piece), 0);
                ent_strbuf_adds(sb, "](#rel-");
                ent_strbuf_adds(sb, ent_strbuf_str(&piece)); /* an id: safe characters only */
                ent_strbuf_adds(sb, ")");
            } else {
                ent_strbuf_adds(sb, "<a href=\"#rel-");
                html(sb, ent_strbuf_str(&piece));
                ent_strbuf_adds(sb, "\">");
                html(sb, ent_strbuf_str(&piece));
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
            md_text(sb, ent_strbuf_str(&piece), 0); /* no block starts inside a table row */
        else
            html(sb, ent_strbuf_str(&piece));
        p = e;
    }
    if (piece.failed)
        sb->failed = 1;
    ent_strbuf_release(&piece);
}

static char *cell_str(const ent_table *t, size_t row, size_t col)
{
    size_t n = ent_table_cell_text(t, row, col, NULL, 0);
    char *s = malloc(n + 1);
    if (s)
        ent_table_cell_text(t, row, col, s, n + 1);
    return s;
}

/* Keeps a table for results.json (the report owns it from here): 0, or -1
 * with the table freed when it cannot be kept. */
static int keep(report *r, ent_table *t)
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
            fail(r, ENT_ENOMEM);
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
static void table(report *r, ent_table *t, const char *bloc_col)
{
    if (keep(r, t))
        return;
    size_t rows = ent_table_rows(t), cols = ent_table_columns(t);
    long bc = bloc_col ? ent_table_column_index(t, bloc_col) : -1;
    /* HTML */
    ent_strbuf_adds(&r->h, "<div class=\"table\"><table>\n<caption>");
    html(&r->h, ent_table_title(t));
    ent_strbuf_adds(&r->h, "</caption>\n<thead><tr>");
    for (size_t c = 0; c < cols; c++) {
        ent_strbuf_adds(&r->h, ent_table_column_type(t, c) == ENT_COL_STRING ? "<th>"
                                                                             : "<th class=\"n\">");
        html(&r->h, ent_table_column_name(t, c));
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
                fail(r, ENT_ENOMEM);
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
        html(&r->h, ent_table_note(t, i));
        ent_strbuf_adds(&r->h, "</p>\n");
    }
    /* Markdown */
    ent_strbuf_adds(&r->m, "**");
    md(&r->m, ent_table_title(t));
    ent_strbuf_adds(&r->m, "**\n\n");
    if (rows) {
        ent_strbuf_adds(&r->m, "|");
        for (size_t c = 0; c < cols; c++) {
            ent_strbuf_adds(&r->m, " ");
            md(&r->m, ent_table_column_name(t, c));
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
                    fail(r, ENT_ENOMEM);
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
        md(&r->m, ent_table_note(t, i));
        ent_strbuf_adds(&r->m, "  \n");
    }
    ent_strbuf_adds(&r->m, "\n");
}

/* Writes buf to DIR/name. */
static int write_file(report *r, const char *name, const char *buf, size_t len)
{
    if (stopped(r))
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

/* A diagram: drawn as SVG, inlined in the page (its ids made unique), and
 * written to img/NAME.svg for the Markdown. */
static void figure(report *r, const char *html_id, const char *name, const char *caption,
                   const ent_view *a, const ent_view *b, ent_render_mode mode,
                   const char *const *colors, const char *const *colors_b, const char *legend,
                   const char *label_a, const char *label_b)
{
    if (stopped(r))
        return;
    ent_render_options ro;
    ent_render_options_init(&ro);
    ro.title = r->o->title;
    ro.colors = colors;
    ro.colors_b = colors_b;
    ro.color_legend = colors ? legend : NULL;
    ro.label[0] = label_a;
    ro.label[1] = label_b;
    char *svg = NULL;
    size_t len = 0;
    int rc = ent_render(a, b, mode, &ro, ENT_RENDER_SVG, &svg, &len, NULL);
    if (rc == ENT_EUSAGE) {
        /* Nothing to draw (no actor on the day): say so instead. */
        paraf(r, "%s: nothing to draw (%s).", caption, ent_error_last());
        return;
    }
    if (rc) {
        fail(r, rc);
        return;
    }
    char *z = realloc(svg, len + 1); /* the drawing is len bytes, not a C string */
    if (!z) {
        free(svg);
        fail(r, ENT_ENOMEM);
        return;
    }
    svg = z;
    svg[len] = '\0';
    char file[200];
    snprintf(file, sizeof file, "img/%s.svg", name);
    write_file(r, file, svg, len);
    r->figures++;
    const char *start = strstr(svg, "<svg");
    ent_strbuf_adds(&r->h, "<figure");
    if (html_id) {
        ent_strbuf_adds(&r->h, " id=\"");
        html(&r->h, html_id);
        ent_strbuf_adds(&r->h, "\"");
    }
    ent_strbuf_adds(&r->h, "><div class=\"svg\">");
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
    html(&r->h, caption);
    ent_strbuf_adds(&r->h, "</figcaption></figure>\n");
    ent_strbuf_adds(&r->m, "![");
    md(&r->m, caption);
    ent_strbuf_addf(&r->m, "](%s)\n\n", file);
    free(svg);
}

/* ---------------------------------------------------------- the content --- */

static char *date_of(const ent_snapshot *s, char *buf)
{
    return ent_date_format(s->at, buf);
}

/* "label (YYYY-MM-DD)" or the id when there is no label. */
static void snap_name(const ent_snapshot *s, ent_strbuf *sb)
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
        return fail(r, ENT_ENOMEM);
    }
    const found *fa = &r->blocs[i];
    if (j >= 0) {
        int rc = blocs_aligned_found(fa, &r->blocs[j], out->bloc, out->bloc + na);
        if (rc) {
            colors_release(out);
            return fail(r, rc);
        }
    } else
        for (size_t act = 0; act < na; act++)
            out->bloc[act] = fa->p.vertex[act] == SIGNED_NONE ? 0 : fa->bloc[fa->p.vertex[act]] + 1;
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
    ent_analysis_options ao = {ENT_METRIC_LEVERAGE, r->o->main_actors, NULL};
    ent_table *t = NULL;
    if (ent_influence_table(&t, v, &ao)) {
        fail(r, ENT_ENOMEM);
        return 0;
    }
    long col = ent_table_column_index(t, "actor");
    for (size_t row = 0; row < ent_table_rows(t) && n < max; row++) {
        long a = ent_graph_actor_by_id(r->g, ent_table_string(t, row, (size_t)col));
        if (a >= 0)
            out[n++] = (uint32_t)a;
    }
    ent_table_free(t);
    return n;
}

static void snapshot_section(report *r, size_t i)
{
    const ent_snapshot *s = ent_graph_snapshot(r->g, i);
    const ent_view *v = r->views[i];
    char d[16], sid[200];
    snprintf(sid, sizeof sid, "snap-%s", s->id);
    ent_strbuf t = ENT_STRBUF_INIT;
    ent_strbuf_addf(&t, "Snapshot %s: ", s->id);
    snap_name(s, &t);
    begin_section(r, sid, ent_strbuf_str(&t), s->id);
    ent_strbuf_release(&t);
    paraf(r, "%zu actors present and %zu signed pairs of actors on %s.", ent_view_actor_count(v),
          ent_view_edge_count(v), date_of(s, d));
    colors c;
    colors_of(r, i, -1, &c);
    char name[220];
    snprintf(name, sizeof name, "snapshot-%s", s->id);
    figure(r, NULL, name, "Alliance diagram; fill: the actor's bloc", v, NULL, ENT_RENDER_ONE, c.c,
           NULL, "fill: bloc (entente blocs)", s->label[0] ? s->label : s->id, NULL);
    heading3(r, "Influence");
    para(r, "Ranked by leverage: how much others rely on the actor (support, aid, guarantees "
            "and mandates it provides, requests for help and surrenders made to it, membership "
            "of a defence alliance; less refusals), each client's reliance weighted by the "
            "share of the client's whole reliance that falls on the actor. The other columns "
            "are the other measures of docs/analyses.md.");
    ent_analysis_options ao = {ENT_METRIC_LEVERAGE, r->o->top, c.bloc};
    ent_table *tb = NULL;
    if (ent_influence_table(&tb, v, &ao))
        fail(r, ENT_ENOMEM);
    table(r, tb, c.bloc ? "bloc" : NULL);
    colors_release(&c);

    uint32_t actors[64];
    size_t n = main_actors(r, v, actors, 64);
    heading3(r, "Who relies on whom: the main actors");
    size_t shown = 0;
    for (size_t k = 0; k < n && !r->rc; k++) {
        ent_table *lt = NULL;
        if (ent_leverage_table(&lt, v, actors[k]))
            fail(r, ENT_ENOMEM);
        else if (ent_table_rows(lt)) {
            table(r, lt, NULL); /* the report owns it now */
            shown++;
        } else
            ent_table_free(lt);
    }
    if (!shown && !r->rc)
        para(r, "None of the main actors relies on another, or is relied on, on this day.");

    heading3(r, "Who backed and who opposed the main actors");
    if (!n)
        para(r, "None of the main actors is present on this day.");
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
                fail(r, ENT_ENOMEM);
            table(r, w, NULL);
        }

    heading3(r, "Blocs and balance");
    ent_table *bl = NULL, *bs = NULL, *tri = NULL;
    int rc;
    if (r->blocs_why[i])
        paraf(r, "Blocs: %s.", r->blocs_why[i]);
    else if ((rc = blocs_table(&bl, &r->blocs[i], &r->bo)))
        fail(r, rc);
    table(r, bl, NULL);
    ent_balance_options bo;
    ent_balance_options_init(&bo);
    bo.top = r->o->top;
    if ((rc = ent_balance_tables(&bs, &tri, NULL, v, &bo)))
        fail(r, rc);
    table(r, bs, NULL);
    table(r, tri, NULL);
    ent_table *cm = NULL;
    if ((rc = ent_commitments_table(&cm, v)))
        fail(r, rc);
    heading3(r, "Commitments");
    table(r, cm, NULL);
}

/* The actors whose metric moved most (by absolute change), from a shift table. */
static size_t leaders(report *r, const ent_table *shift, uint32_t *out, double *change, size_t max)
{
    long ca = ent_table_column_index(shift, "actor"), cc = ent_table_column_index(shift, "change");
    size_t n = 0;
    if (ca < 0 || cc < 0)
        return 0;
    for (size_t row = 0; row < ent_table_rows(shift); row++) {
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
static void comparison_section(report *r, size_t i, size_t j, const char *label, int headline)
{
    const ent_snapshot *a = ent_graph_snapshot(r->g, i), *b = ent_graph_snapshot(r->g, j);
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
    begin_section(r, sid, ent_strbuf_str(&t), nav);
    ent_strbuf_reset(&t);
    ent_strbuf_adds(&t, "From ");
    snap_name(a, &t);
    ent_strbuf_adds(&t, " to ");
    snap_name(b, &t);
    ent_strbuf_adds(&t, ".");
    para(r, ent_strbuf_str(&t));
    ent_strbuf_release(&t);

    colors c;
    colors_of(r, i, (long)j, &c);
    snprintf(name, sizeof name, "%s-compare", sid);
    figure(r, headline ? "headline-before-after" : NULL, name,
           "Before and after, on one layout; fill: the actor's bloc on each date", va, vb,
           ENT_RENDER_COMPARE, c.c, c.c ? c.c + c.na : NULL,
           "fill: bloc on the panel's date (entente blocs)", a->label[0] ? a->label : a->id,
           b->label[0] ? b->label : b->id);
    snprintf(name, sizeof name, "%s-diff", sid);
    figure(r, headline ? "headline-diff" : NULL, name, "What changed", va, vb, ENT_RENDER_DIFF,
           NULL, NULL, NULL, a->label[0] ? a->label : a->id, b->label[0] ? b->label : b->id);
    colors_release(&c);

    heading3(r, "Shift of leverage");
    ent_analysis_options all = {ENT_METRIC_LEVERAGE, 0, NULL};
    ent_table *shift = NULL;
    if (ent_shift_table(&shift, va, vb, &all))
        fail(r, ENT_ENOMEM);
    uint32_t lead[16];
    double change[16];
    size_t nl =
        shift ? leaders(r, shift, lead, change, r->o->leaders < 16 ? r->o->leaders : 16) : 0;
    ent_table_free(shift);
    ent_analysis_options top = {ENT_METRIC_LEVERAGE, r->o->top, NULL};
    shift = NULL;
    if (ent_shift_table(&shift, va, vb, &top))
        fail(r, ENT_ENOMEM);
    table(r, shift, NULL);
    for (size_t k = 0; k < nl && !r->rc; k++) {
        const ent_actor *ac = ent_graph_actor(r->g, lead[k]);
        ent_strbuf h = ENT_STRBUF_INIT;
        ent_strbuf_addf(&h, "Why %s's leverage %s by %.3f", ac->name[0] ? ac->name : ac->id,
                        change[k] > 0 ? "rose" : "fell", fabs(change[k]));
        heading3(r, ent_strbuf_str(&h));
        if (headline) {
            ent_strbuf_addf(&r->summary, "  %s (%s): leverage %s by %.3f\n",
                            ac->name[0] ? ac->name : ac->id, ac->id,
                            change[k] > 0 ? "rose" : "fell", fabs(change[k]));
        }
        ent_strbuf_release(&h);
        ent_table *ex = NULL;
        ent_analysis_options eo = {ENT_METRIC_LEVERAGE, r->o->top, NULL};
        if (ent_explain_table(&ex, va, vb, lead[k], &eo))
            fail(r, ENT_ENOMEM);
        table(r, ex, NULL);
    }

    heading3(r, "Commitments kept and broken");
    ent_table *cm = NULL;
    if (ent_commitments_table(&cm, vb))
        fail(r, ENT_ENOMEM);
    table(r, cm, NULL);

    heading3(r, "What changed: actors and relations");
    ent_table *da = NULL, *de = NULL, *ds = NULL;
    if (ent_diff_tables(&da, &de, &ds, va, vb))
        fail(r, ENT_ENOMEM);
    table(r, ds, NULL);
    table(r, da, NULL);
    table(r, de, NULL);

    heading3(r, "Balance and blocs");
    ent_balance_options bo;
    ent_balance_options_init(&bo);
    bo.top = r->o->top;
    ent_table *bs = NULL, *bt = NULL, *cs = NULL, *mv = NULL;
    int rc = ent_balance_change_tables(&bs, &bt, va, vb, &bo);
    if (rc)
        fail(r, rc);
    table(r, bs, NULL);
    table(r, bt, NULL);
    if (r->blocs_why[i] || r->blocs_why[j])
        paraf(r, "Blocs: %s.", r->blocs_why[i] ? r->blocs_why[i] : r->blocs_why[j]);
    else {
        uint32_t *match = malloc((r->blocs[i].k + 1) * sizeof *match);
        if (!match)
            fail(r, ENT_ENOMEM);
        else if ((rc = match_blocs(&r->blocs[i], &r->blocs[j], match)) ||
                 (rc = blocs_change_summary(&cs, &r->blocs[i], &r->blocs[j], match, &r->bo)) ||
                 (rc = blocs_moves_table(&mv, &r->blocs[i], &r->blocs[j], match)))
            fail(r, rc);
        free(match);
    }
    table(r, cs, NULL);
    table(r, mv, NULL);
}

static void overview(report *r)
{
    const ent_graph *g = r->g;
    begin_section(r, "overview", "Overview", NULL);
    const char *desc = ent_graph_description(g);
    if (desc && desc[0])
        para(r, desc);
    ent_strbuf t = ENT_STRBUF_INIT;
    ent_strbuf_adds(&t, "Graph files: ");
    for (size_t i = 0; i < r->o->n_files; i++)
        ent_strbuf_addf(&t, "%s%s", i ? ", " : "", r->o->files[i]);
    ent_strbuf_addf(&t, ". %zu actors, %zu relations, %zu sources, %zu snapshots.",
                    ent_graph_actor_count(g), ent_graph_relation_count(g),
                    ent_graph_source_count(g), r->n_snap);
    para(r, ent_strbuf_str(&t));
    ent_strbuf_release(&t);
    para(r, "Every table names the relations behind its answers; their ids link to the "
            "evidence section, where each relation has its status, its claimant and its "
            "sources with their notes. The methods are those of entente's documentation "
            "(docs/analyses.md), with the snapshot rules given under each table.");
}

static void sources_section(report *r)
{
    const ent_graph *g = r->g;
    begin_section(r, "sources", "Sources", NULL);
    ent_strbuf_adds(&r->h, "<ul class=\"sources\">\n");
    for (size_t i = 0; i < ent_graph_source_count(g); i++) {
        const ent_source *s = ent_graph_source(g, i);
        char d[16];
        ent_strbuf_adds(&r->h, "<li id=\"src-");
        html(&r->h, s->id);
        ent_strbuf_adds(&r->h, "\"><b>");
        html(&r->h, s->id);
        ent_strbuf_adds(&r->h, "</b>: ");
        html(&r->h, s->title[0] ? s->title : "(no title)");
        ent_strbuf_adds(&r->m, "- <a id=\"src-");
        ent_strbuf_adds(&r->m, s->id);
        ent_strbuf_adds(&r->m, "\"></a>**");
        md(&r->m, s->id);
        ent_strbuf_adds(&r->m, "**: ");
        md(&r->m, s->title[0] ? s->title : "(no title)");
        const char *parts[3] = {s->author, s->publisher,
                                s->date.year ? ent_date_format(s->date, d) : ""};
        for (int k = 0; k < 3; k++)
            if (parts[k][0]) {
                ent_strbuf_adds(&r->h, ", ");
                html(&r->h, parts[k]);
                ent_strbuf_adds(&r->m, ", ");
                md(&r->m, parts[k]);
            }
        if (s->url[0]) {
            if (linkable(s->url)) {
                ent_strbuf_adds(&r->h, ", <a href=\"");
                html(&r->h, s->url);
                ent_strbuf_adds(&r->h, "\">");
                html(&r->h, s->url);
                ent_strbuf_adds(&r->h, "</a>");
            } else {
                ent_strbuf_adds(&r->h, ", <span class=\"url\">");
                html(&r->h, s->url);
                ent_strbuf_adds(&r->h, "</span>");
            }
            ent_strbuf_adds(&r->m, ", ");
            md(&r->m, s->url);
        }
        ent_strbuf_adds(&r->h, "</li>\n");
        ent_strbuf_adds(&r->m, "\n");
    }
    ent_strbuf_adds(&r->h, "</ul>\n");
    ent_strbuf_adds(&r->m, "\n");
    ent_table *t = ent_table_new("sources");
    int rc = t ? 0 : ENT_ENOMEM;
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
        fail(r, ENT_ENOMEM);
    } else
        keep(r, t);
}

/* Every relation as a table, for results.json. */
static void evidence_table(report *r)
{
    const ent_graph *g = r->g;
    ent_table *t = ent_table_new("relations and their evidence");
    int rc = t ? 0 : ENT_ENOMEM;
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
        fail(r, ENT_ENOMEM);
    } else
        keep(r, t);
}

/* One line per relation: its id (the anchor the tables link to), what it
 * says, its dates, status and claimant, and its evidence. */
static void evidence_section(report *r)
{
    const ent_graph *g = r->g;
    begin_section(r, "evidence", "Evidence: every relation and its sources", "Evidence");
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
        html(&r->h, anchor);
        ent_strbuf_adds(&r->h, "\"><b>");
        html(&r->h, rel->id[0] ? rel->id : anchor + 4);
        ent_strbuf_adds(&r->h, "</b>: ");
        html(&r->h, ent_strbuf_str(&line));
        /* Markdown */
        ent_strbuf_adds(&r->m, "- <a id=\"");
        ent_strbuf_adds(&r->m, anchor);
        ent_strbuf_adds(&r->m, "\"></a>**");
        md(&r->m, rel->id[0] ? rel->id : anchor + 4);
        ent_strbuf_adds(&r->m, "**: ");
        md(&r->m, ent_strbuf_str(&line));
        if (rel->n_evidence) {
            ent_strbuf_adds(&r->h, "<ul>");
            for (size_t k = 0; k < rel->n_evidence; k++) {
                const ent_evidence *ev = &rel->evidence[k];
                const char *src = ent_graph_source(g, ev->source)->id;
                ent_strbuf_adds(&r->h, "<li><a href=\"#src-");
                html(&r->h, src);
                ent_strbuf_adds(&r->h, "\">");
                html(&r->h, src);
                ent_strbuf_adds(&r->h, "</a>");
                ent_strbuf_adds(&r->m, "\n  - [");
                md(&r->m, src);
                ent_strbuf_adds(&r->m, "](#src-");
                ent_strbuf_adds(&r->m, src);
                ent_strbuf_adds(&r->m, ")");
                if (ev->locator[0]) {
                    ent_strbuf_adds(&r->h, " (");
                    html(&r->h, ev->locator);
                    ent_strbuf_adds(&r->h, ")");
                    ent_strbuf_adds(&r->m, " (");
                    md(&r->m, ev->locator);
                    ent_strbuf_adds(&r->m, ")");
                }
                if (ev->note[0]) {
                    ent_strbuf_adds(&r->h, ": ");
                    html(&r->h, ev->note);
                    ent_strbuf_adds(&r->m, ": ");
                    md_text(&r->m, ev->note, 0);
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

/* The page's style: readable on a laptop, printable (no navigation, each
 * section on its own page, wide tables wrapped). */
static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#222;"
    "background:#fff}\n"
    "nav{position:sticky;top:0;z-index:1;background:#f4f4f8;border-bottom:1px solid #ccd;"
    "padding:.4em 1em;max-height:6.5em;overflow:auto}\n"
    "nav a{display:inline-block;margin:.1em .6em .1em 0;color:#1f4e8c;text-decoration:none;"
    "font-size:13px}\n"
    "nav a:hover{text-decoration:underline}\n"
    "main{max-width:1200px;margin:0 auto;padding:0 1.2em 3em}\n"
    "section{scroll-margin-top:7em;border-top:2px solid #dde;margin-top:2em}\n"
    "li{scroll-margin-top:7em}\n"
    "h1{font-size:1.6em;margin:.8em 0 .2em}h2{font-size:1.3em}h3{font-size:1.05em;"
    "margin-top:1.4em}\n"
    "figure{margin:1em 0}figure .svg{overflow-x:auto}\n"
    "figure svg{max-width:100%;height:auto}\n"
    "figcaption{font-size:13px;color:#555}\n"
    ".table{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:12.5px;margin:.5em 0}\n"
    "caption{text-align:left;font-weight:600;padding:.2em 0}\n"
    "th,td{border:1px solid #ccd;padding:.2em .45em;vertical-align:top;text-align:left;"
    "max-width:36em;overflow-wrap:anywhere}\n"
    "th{background:#eef}.n{text-align:right;white-space:nowrap}\n"
    "p.note{font-size:12px;color:#555;margin:.1em 0}\n"
    "ul.evidence,ul.sources{font-size:13px}\n"
    "@media print{nav{display:none}section{break-before:page}figure svg{max-width:100%}"
    "th,td{max-width:none}}\n";

static int write_results(report *r)
{
    ent_strbuf path = ENT_STRBUF_INIT;
    ent_strbuf_addf(&path, "%s/results.json", r->dir);
    FILE *f = path.failed ? NULL : fopen(ent_strbuf_str(&path), "wb");
    int ok = f != NULL;
    if (f) {
        fputs("{\n  \"title\": ", f);
        ent_json_quote(f, r->o->title ? r->o->title : ent_graph_title(r->g));
        fputs(",\n  \"sections\": [\n", f);
        for (size_t i = 0; i < r->n_secs && ok; i++) {
            fputs(i ? ",\n    {\"id\": " : "    {\"id\": ", f);
            ent_json_quote(f, r->secs[i].id);
            fputs(", \"title\": ", f);
            ent_json_quote(f, r->secs[i].title);
            fputs(", \"tables\": [\n", f);
            for (size_t k = 0; k < r->secs[i].n && ok; k++) {
                if (k)
                    fputs(",\n", f);
                if (ent_table_write(r->secs[i].tables[k], ENT_TABLE_JSON, f))
                    ok = 0;
            }
            fputs("]", f);
            fputs("    }", f);
        }
        fputs("\n  ]\n}\n", f);
        if (ferror(f))
            ok = 0;
        if (fclose(f) != 0)
            ok = 0;
    }
    if (!ok && !r->rc)
        r->rc = ent_error_set(ENT_EIO, "cannot write '%s'", ent_strbuf_str(&path));
    ent_strbuf_release(&path);
    return ok ? 0 : -1;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void step_done(report *r, const char *step, double t0)
{
    if (r->o->progress)
        r->o->progress(r->o->progress_ud, step, now() - t0);
    stopped(r);
}

int ent_report_write(const ent_graph *g, const ent_report_options *o, const char *dir,
                     char **summary)
{
    ent_report_options defaults;
    if (!o) {
        ent_report_options_init(&defaults);
        o = &defaults;
    }
    if (summary)
        *summary = NULL;
    report r;
    memset(&r, 0, sizeof r);
    r.g = g;
    r.o = o;
    r.dir = dir;
    if (o->view)
        r.vo = *o->view;
    else
        ent_view_options_init(&r.vo);
    r.n_snap = ent_graph_snapshot_count(g);
    if (!r.n_snap)
        return ent_error_set(ENT_EUSAGE, "the graph declares no snapshot: add a 'snapshots' "
                                         "section (docs/format.md) for the report to tell");
    ent_strbuf img = ENT_STRBUF_INIT;
    ent_strbuf_addf(&img, "%s/img", dir);
    if (img.failed || (mkdir(ent_strbuf_str(&img), 0777) != 0 && errno != EEXIST)) {
        int e = errno;
        ent_strbuf_release(&img);
        return ent_error_set(ENT_EIO, "cannot create '%s/img': %s", dir, strerror(e));
    }
    ent_strbuf_release(&img);
    /* Relation ids, sorted, for the links from table cells. */
    size_t nr = ent_graph_relation_count(g);
    r.rel_ids = malloc((nr + 1) * sizeof *r.rel_ids);
    r.views = calloc(r.n_snap, sizeof *r.views);
    r.blocs = calloc(r.n_snap, sizeof *r.blocs);
    r.blocs_why = calloc(r.n_snap, sizeof *r.blocs_why);
    ent_blocs_options_init(&r.bo);
    if (!r.rel_ids || !r.views || !r.blocs || !r.blocs_why) {
        fail(&r, ENT_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < nr; i++)
        if (ent_graph_relation(g, i)->id[0])
            r.rel_ids[r.n_rel_ids++] = (char *)ent_graph_relation(g, i)->id;
    qsort(r.rel_ids, r.n_rel_ids, sizeof *r.rel_ids, by_str);
    double t0 = now();
    for (size_t i = 0; i < r.n_snap && !stopped(&r); i++) {
        int32_t day = ent_date_last_day(ent_graph_snapshot(g, i)->at);
        int rc = ent_view_new(&r.views[i], g, day, &r.vo);
        if (rc)
            fail(&r, rc);
        else if ((rc = blocs_find(&r.blocs[i], r.views[i], &r.bo)) == ENT_EUSAGE)
            r.blocs_why[i] = "a connected part is too large for the bloc detection";
        else if (rc)
            fail(&r, rc);
    }
    step_done(&r, "snapshots", t0);
    if (r.rc) /* a snapshot may be missing: nothing below may run */
        goto done;

    overview(&r);
    long hc = ent_graph_headline_comparison(g);
    if (hc >= 0 && !r.rc) {
        const ent_comparison *c = ent_graph_comparison(g, (size_t)hc);
        t0 = now();
        comparison_section(&r, c->from, c->to, c->label, 1);
        step_done(&r, "headline comparison", t0);
    }
    for (size_t i = 0; i < r.n_snap && !stopped(&r); i++) {
        t0 = now();
        snapshot_section(&r, i);
        step_done(&r, ent_graph_snapshot(g, i)->id, t0);
    }
    /* Consecutive pairs by date (the file's order may differ). */
    size_t *order = malloc((r.n_snap + 1) * sizeof *order);
    if (!order)
        fail(&r, ENT_ENOMEM);
    for (size_t i = 0; order && i < r.n_snap; i++) {
        size_t k = i;
        int32_t day = ent_view_day(r.views[i]);
        while (k > 0 && ent_view_day(r.views[order[k - 1]]) > day) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    for (size_t i = 0; order && i + 1 < r.n_snap && !stopped(&r); i++) {
        const ent_comparison *c = NULL;
        for (size_t k = 0; k < ent_graph_comparison_count(g); k++) {
            const ent_comparison *x = ent_graph_comparison(g, k);
            if (x->from == order[i] && x->to == order[i + 1])
                c = x;
        }
        t0 = now();
        comparison_section(&r, order[i], order[i + 1], c ? c->label : NULL, 0);
        step_done(&r, "comparison", t0);
    }
    /* Declared comparisons that are neither the headline nor consecutive. */
    for (size_t k = 0; k < ent_graph_comparison_count(g) && !stopped(&r); k++) {
        const ent_comparison *x = ent_graph_comparison(g, k);
        int consecutive = 0;
        for (size_t i = 0; order && i + 1 < r.n_snap; i++)
            consecutive |= x->from == order[i] && x->to == order[i + 1];
        if ((long)k != hc && !consecutive)
            comparison_section(&r, x->from, x->to, x->label, 0);
    }
    free(order);
    sources_section(&r);
    evidence_section(&r);
    if (r.rc)
        goto done;

    /* The page. */
    ent_strbuf page = ENT_STRBUF_INIT, mdown = ENT_STRBUF_INIT;
    const char *title = o->title ? o->title : ent_graph_title(g);
    ent_strbuf_adds(&page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, "
                           "initial-scale=1\">\n<title>");
    html(&page, title[0] ? title : "entente report");
    ent_strbuf_adds(&page, "</title>\n<style>\n");
    ent_strbuf_adds(&page, css);
    ent_strbuf_adds(&page, "</style>\n</head>\n<body>\n<nav id=\"nav\">\n");
    ent_strbuf_adds(&page, ent_strbuf_str(&r.nav));
    ent_strbuf_adds(&page, "</nav>\n<main>\n<h1>");
    html(&page, title[0] ? title : "entente report");
    ent_strbuf_adds(&page, "</h1>\n<p class=\"note\">Written by entente from the graph files named "
                           "below.</p>\n");
    ent_strbuf_adds(&page, ent_strbuf_str(&r.h));
    ent_strbuf_adds(&page, "</section>\n</main>\n</body>\n</html>\n");
    ent_strbuf_adds(&mdown, "# ");
    md(&mdown, title[0] ? title : "entente report");
    ent_strbuf_adds(&mdown,
                    "\n\nWritten by entente from the graph files named below. Contents:\n\n");
    for (size_t i = 0; i < r.n_secs; i++) {
        ent_strbuf_adds(&mdown, "- [");
        md(&mdown, r.secs[i].title);
        ent_strbuf_adds(&mdown, "](#");
        ent_strbuf_adds(&mdown, r.secs[i].id);
        ent_strbuf_adds(&mdown, ")\n");
    }
    ent_strbuf_adds(&mdown, ent_strbuf_str(&r.m));
    if (page.failed || mdown.failed || r.h.failed || r.m.failed || r.nav.failed)
        fail(&r, ENT_ENOMEM);
    if (!r.rc)
        write_file(&r, "index.html", page.buf, page.len);
    if (!r.rc)
        write_file(&r, "report.md", mdown.buf, mdown.len);
    ent_strbuf_release(&page);
    ent_strbuf_release(&mdown);
    if (!r.rc)
        write_results(&r);
    if (!r.rc && summary) {
        if (r.summary.failed)
            fail(&r, ENT_ENOMEM);
        else
            *summary = strdup(ent_strbuf_str(&r.summary));
    }
done:
    for (size_t i = 0; i < r.n_secs; i++) {
        for (size_t k = 0; k < r.secs[i].n; k++)
            ent_table_free(r.secs[i].tables[k]);
        free(r.secs[i].tables);
        free(r.secs[i].id);
        free(r.secs[i].title);
    }
    free(r.secs);
    for (size_t i = 0; r.views && i < r.n_snap; i++)
        ent_view_free(r.views[i]);
    for (size_t i = 0; r.blocs && i < r.n_snap; i++)
        found_release(&r.blocs[i]);
    free(r.blocs);
    free((void *)r.blocs_why);
    free(r.views);
    free(r.rel_ids);
    ent_strbuf_release(&r.h);
    ent_strbuf_release(&r.m);
    ent_strbuf_release(&r.nav);
    ent_strbuf_release(&r.tmp);
    ent_strbuf_release(&r.summary);
    return r.rc;
}
