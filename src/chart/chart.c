/*
 * chart.c: line charts of values over dates: one layout, written as SVG text
 * here, or drawn as PNG or PDF through cairo. The SVG is written here rather
 * than through a plotting library: the chart must put a <title> on every line
 * and keep its text as text, escape every name from a graph file, and give
 * the same bytes for the same input; a few hundred lines do that, with the
 * layout rules the charts need (legend beside the plot, tick labels spaced by
 * their width). docs/diagrams.md, "Timeline charts", gives the reasons and
 * describes every mark.
 *
 * Text widths are estimated, not measured (no font is loaded): 0.62 em per
 * character, a little wider than DejaVu Sans's average, so that spacing
 * computed from the estimate errs on the side of room.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/chart.h"
#include "entente/date.h"
#include "entente/error.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/strbuf.h"

/* Okabe and Ito's palette without its yellow, too pale on white. */
static const char *const palette[] = {"#000000", "#E69F00", "#56B4E9", "#009E73",
                                      "#0072B2", "#D55E00", "#CC79A7"};
#define N_COLORS 7
/* Dash patterns for the lines beyond the palette's length. */
static const char *const dashes[] = {"", "7 3", "2 3", "9 3 2 3"};
#define N_DASHES 4

#define WIDTH 960.0
#define FONT 12.0      /* tick labels, legend, marks */
#define TITLE_FONT 16.0
#define SUB_FONT 11.0
#define EM 0.62        /* estimated character width in em */
#define LEFT 84.0      /* room for the y tick labels and the axis title */
#define GAP 16.0       /* between the plot and the legend */
#define PANEL_H 300.0  /* plot height, at least */
#define LEGEND_ROW 18.0
#define MARK_ROW 16.0
#define MARK_ROWS 8 /* rows of mark numbers above the plot, at most */

/* Code points of a UTF-8 string (continuation bytes not counted). */
static size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static double text_width(const char *s, double font)
{
    return (double)text_chars(s) * font * EM;
}

/* Appends s escaped for XML text and attributes (util/escape.h). */
static void add_escaped(ent_strbuf *sb, const char *s)
{
    ent__escape_xml(sb, s ? s : "");
}

/* Appends at most `max_chars` code points of s as they are, with "..." when cut. */
static void add_clipped_plain(ent_strbuf *sb, const char *s, size_t max_chars)
{
    if (text_chars(s) <= max_chars) {
        ent_strbuf_adds(sb, s);
        return;
    }
    size_t keep = max_chars > 3 ? max_chars - 3 : 0, n = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && n++ == keep)
            break;
    }
    ent_strbuf_add(sb, s, i);
    ent_strbuf_adds(sb, "...");
}

/* Appends at most `max_chars` code points of s, escaped, with "..." when cut. */
static void add_clipped(ent_strbuf *sb, const char *s, size_t max_chars)
{
    ent_strbuf cut = ENT_STRBUF_INIT;
    add_clipped_plain(&cut, s, max_chars);
    if (cut.failed)
        sb->failed = 1;
    else
        add_escaped(sb, ent_strbuf_str(&cut));
    ent_strbuf_release(&cut);
}

/* ---------------------------------------------------------------------------
 * Ticks
 * ------------------------------------------------------------------------- */

/* A step of 1, 2 or 5 times a power of ten near span / 5. */
static double nice_step(double span)
{
    double raw = span / 5, p = pow(10, floor(log10(raw))), f = raw / p;
    return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/* A value tick's label: as many decimals as the step needs. */
static void value_label(char *buf, size_t size, double v, double step)
{
    int dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
    if (fabs(v) < step / 1e6)
        v = 0; /* no "-0.00" */
    snprintf(buf, size, "%.*f", dec, v);
}

/* A unit of the date ticks: so many days, months or years between two ticks. */
typedef struct date_unit {
    int kind; /* 0 days, 1 months, 2 years */
    int count;
    int min_days; /* the shortest distance between two ticks, in days */
    int chars;    /* length of a label */
} date_unit;

static const date_unit units[] = {
    {0, 1, 1, 10},        {0, 2, 2, 10},        {0, 7, 7, 10},        {0, 14, 14, 10},
    {1, 1, 28, 7},        {1, 2, 59, 7},        {1, 3, 89, 7},        {1, 6, 181, 7},
    {2, 1, 365, 4},       {2, 2, 730, 4},       {2, 5, 1826, 4},      {2, 10, 3652, 4},
    {2, 20, 7305, 4},     {2, 50, 18262, 4},    {2, 100, 36524, 4},   {2, 500, 182621, 4},
    {2, 1000, 365242, 4},
};

/* The finest unit whose labels, `scale` pixels a day apart, leave room between them. */
static const date_unit *pick_unit(double scale)
{
    size_t n = sizeof units / sizeof *units;
    for (size_t i = 0; i < n; i++)
        if (units[i].min_days * scale >= units[i].chars * FONT * EM + 14)
            return &units[i];
    return &units[n - 1];
}

/* The first tick at or after day d0 of unit u; then next_tick gives the next. */
static int32_t first_tick(const date_unit *u, int32_t d0)
{
    if (u->kind == 0)
        return d0;
    ent_date d = ent_date_from_day(d0);
    if (u->kind == 1) {
        long m = (long)d.year * 12 + (d.month - 1);
        if (d.day > 1)
            m++;
        while (m % u->count)
            m++;
        ent_date t = {(int16_t)(m / 12), (uint8_t)(m % 12 + 1), 1};
        return m / 12 > 9999 ? INT32_MAX : ent_date_first_day(t);
    }
    long y = d.year + (d.month > 1 || d.day > 1);
    while (y % u->count)
        y++;
    ent_date t = {(int16_t)y, 1, 1};
    return y > 9999 ? INT32_MAX : ent_date_first_day(t);
}

static int32_t next_tick(const date_unit *u, int32_t day)
{
    if (u->kind == 0)
        return day + u->count;
    ent_date d = ent_date_from_day(day);
    long m = (long)d.year * 12 + (d.month - 1) + (u->kind == 1 ? u->count : 12L * u->count);
    if (m / 12 > 9999)
        return INT32_MAX;
    ent_date t = {(int16_t)(m / 12), (uint8_t)(m % 12 + 1), 1};
    return ent_date_first_day(t);
}

static void tick_label(const date_unit *u, int32_t day, char *buf)
{
    ent_date d = ent_date_from_day(day);
    if (u->kind == 1)
        d.day = 0;
    else if (u->kind == 2)
        d.month = d.day = 0;
    ent_date_format(d, buf);
}

/* ---------------------------------------------------------------------------
 * Layout and drawing
 * ------------------------------------------------------------------------- */

typedef struct frame {
    double x0, x1, y0, y1;  /* the plot area: x0 left, y0 top */
    int32_t d0, d1;         /* the dates at x0 and x1 */
    double v0, v1;          /* the values at y1 (bottom) and y0 (top) */
    double step;            /* between two value ticks */
} frame;

static double x_of(const frame *f, int32_t day)
{
    return f->x0 + (f->x1 - f->x0) * (double)(day - f->d0) / (double)(f->d1 - f->d0);
}

static double y_of(const frame *f, double v)
{
    return f->y1 - (f->y1 - f->y0) * (v - f->v0) / (f->v1 - f->v0);
}

/* The code points a line of `width` pixels holds at `font` (at least 10). */
static size_t wrap_max(double width, double font)
{
    size_t max = (size_t)(width / (font * EM));
    return max < 10 ? 10 : max;
}

/* The next line of text from p: the longest prefix of at most `max` code points
 * ending before a space (or cut at `max` when there is none). Returns its end and
 * sets *next to the start of the following line. */
static const char *wrap_line(const char *p, size_t max, const char **next)
{
    const char *end, *cut = NULL, *q = p;
    size_t n = 0;
    while (*q && n < max) {
        if (*q == ' ')
            cut = q;
        q++;
        while (((unsigned char)*q & 0xC0) == 0x80)
            q++;
        n++;
    }
    end = !*q ? q : cut && cut > p ? cut : q;
    *next = end;
    while (**next == ' ')
        (*next)++;
    return end;
}

/* Splits text into lines of at most `width` pixels at spaces, appending a <text>
 * per line from y on; returns the number of lines. */
static int wrapped(ent_strbuf *sb, const char *text, double x, double y, double font,
                   double width, const char *attrs, int draw)
{
    size_t max = wrap_max(width, font);
    int lines = 0;
    const char *p = text;
    while (*p) {
        const char *next, *end = wrap_line(p, max, &next);
        if (draw) {
            char *line = malloc((size_t)(end - p) + 1);
            if (!line) {
                sb->failed = 1;
                return lines;
            }
            memcpy(line, p, (size_t)(end - p));
            line[end - p] = '\0';
            ent_strbuf_addf(sb, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%g\"%s>", x,
                            y + lines * font * 1.3, font, attrs);
            add_escaped(sb, line);
            ent_strbuf_adds(sb, "</text>\n");
            free(line);
        }
        lines++;
        p = next;
    }
    return lines;
}

/* The range of a panel's finite values, 0 included when all are >= 0. */
static void value_range(const ent_chart *c, const ent_chart_panel *p, double *lo, double *hi)
{
    double a = INFINITY, b = -INFINITY;
    for (size_t s = 0; s < p->n_series; s++)
        for (size_t i = 0; i < c->n_days; i++) {
            double v = p->series[s].values[i];
            if (isfinite(v)) {
                a = v < a ? v : a;
                b = v > b ? v : b;
            }
        }
    if (!isfinite(a)) {
        a = 0;
        b = 1;
    }
    if (a >= 0)
        a = 0;
    if (b <= a)
        b = a + 1;
    *lo = a;
    *hi = b;
}

/* The default <title> of a line: its label, first and last values, and its highest. */
static void series_title(ent_strbuf *sb, const ent_chart *c, const ent_chart_panel *p,
                         const ent_chart_series *s)
{
    if (s->title) {
        add_escaped(sb, s->title);
        return;
    }
    add_escaped(sb, s->label);
    if (p->y_label) {
        ent_strbuf_adds(sb, ": ");
        add_escaped(sb, p->y_label);
    }
    long first = -1, last = -1, top = -1;
    for (size_t i = 0; i < c->n_days; i++)
        if (isfinite(s->values[i])) {
            if (first < 0)
                first = (long)i;
            last = (long)i;
            if (top < 0 || s->values[i] > s->values[top])
                top = (long)i;
        }
    char d[11];
    if (first < 0) {
        ent_strbuf_adds(sb, ", no value in the period");
        return;
    }
    ent_strbuf_addf(sb, " %.*f on %s", p->decimals, s->values[first],
                    ent_date_format(ent_date_from_day(c->days[first]), d));
    ent_strbuf_addf(sb, ", %.*f on %s", p->decimals, s->values[last],
                    ent_date_format(ent_date_from_day(c->days[last]), d));
    ent_strbuf_addf(sb, "; highest %.*f on %s", p->decimals, s->values[top],
                    ent_date_format(ent_date_from_day(c->days[top]), d));
}

/* Draws one panel in frame f, with its legend at x = lx. */
static void draw_panel(ent_strbuf *sb, const ent_chart *c, size_t pi, const frame *f, double lx,
                       size_t legend_chars)
{
    const ent_chart_panel *p = &c->panels[pi];
    char buf[64];
    ent_strbuf_addf(sb, "<g class=\"panel\" id=\"panel-%zu\">\n", pi + 1);
    /* Value grid and ticks. */
    double step = f->step;
    ent_strbuf_adds(sb, "<g class=\"y-ticks\" font-size=\"12\" text-anchor=\"end\">\n");
    for (double v = f->v0; v <= f->v1 + step / 2; v += step) {
        double y = y_of(f, v);
        value_label(buf, sizeof buf, v, step);
        ent_strbuf_addf(sb,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#dddddd\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                        f->x0, y, f->x1, y, f->x0 - 6, y + 4, buf);
    }
    ent_strbuf_adds(sb, "</g>\n");
    /* Date ticks. */
    const date_unit *u = pick_unit((f->x1 - f->x0) / (double)(f->d1 - f->d0));
    ent_strbuf_adds(sb, "<g class=\"x-ticks\" font-size=\"12\" text-anchor=\"middle\">\n");
    for (int32_t d = first_tick(u, f->d0); d <= f->d1; d = next_tick(u, d)) {
        double x = x_of(f, d);
        tick_label(u, d, buf);
        ent_strbuf_addf(sb,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#555555\"/>"
                        "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                        x, f->y1, x, f->y1 + 5, x, f->y1 + 19, buf);
        if (d == INT32_MAX)
            break;
    }
    ent_strbuf_adds(sb, "</g>\n");
    /* Axes and the y axis title. */
    ent_strbuf_addf(sb,
                    "<path d=\"M%.1f %.1fV%.1fH%.1f\" fill=\"none\" stroke=\"#555555\"/>\n"
                    "<text class=\"y-label\" transform=\"translate(%.1f %.1f) rotate(-90)\" "
                    "font-size=\"12\" text-anchor=\"middle\">",
                    f->x0, f->y0, f->y1, f->x1, 18.0, (f->y0 + f->y1) / 2);
    add_escaped(sb, p->y_label ? p->y_label : "");
    ent_strbuf_adds(sb, "</text>\n");
    /* Marked dates, under the lines. */
    for (size_t m = 0; m < c->n_marks; m++) {
        const ent_chart_mark *k = &c->marks[m];
        if (k->day < f->d0 || k->day > f->d1)
            continue;
        double x = x_of(f, k->day);
        ent_strbuf_addf(sb,
                        "<line class=\"mark\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                        "stroke=\"#888888\"%s><title>",
                        x, f->y0, x, f->y1, k->dashed ? " stroke-dasharray=\"4 3\"" : "");
        add_escaped(sb, k->label);
        ent_strbuf_addf(sb, " (%s)</title></line>\n",
                        ent_date_format(ent_date_from_day(k->day), buf));
    }
    /* The lines, each with its title. */
    for (size_t s = 0; s < p->n_series; s++) {
        const ent_chart_series *se = &p->series[s];
        const char *dash = dashes[(s / N_COLORS) % N_DASHES];
        ent_strbuf_addf(sb,
                        "<path class=\"line\" data-series=\"%zu\" fill=\"none\" stroke=\"%s\" "
                        "stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\"",
                        s + 1, palette[s % N_COLORS]);
        if (*dash)
            ent_strbuf_addf(sb, " stroke-dasharray=\"%s\"", dash);
        ent_strbuf_adds(sb, " d=\"");
        int pen = 0;
        for (size_t i = 0; i < c->n_days; i++) {
            double v = se->values[i];
            if (!isfinite(v)) {
                pen = 0;
                continue;
            }
            int alone = (i + 1 >= c->n_days || !isfinite(se->values[i + 1])) && !pen;
            ent_strbuf_addf(sb, "%s%.1f %.1f%s", pen ? "L" : "M", x_of(f, c->days[i]),
                            y_of(f, v), alone ? "h0" : "");
            pen = 1;
        }
        ent_strbuf_adds(sb, "\"><title>");
        series_title(sb, c, p, se);
        ent_strbuf_adds(sb, "</title></path>\n");
    }
    /* The legend, beside the plot. */
    ent_strbuf_adds(sb, "<g class=\"legend\" font-size=\"12\">\n");
    for (size_t s = 0; s < p->n_series; s++) {
        const char *dash = dashes[(s / N_COLORS) % N_DASHES];
        double y = f->y0 + 8 + LEGEND_ROW * (double)s;
        ent_strbuf_addf(sb,
                        "<g class=\"legend-entry\" data-series=\"%zu\"><line x1=\"%.1f\" "
                        "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"",
                        s + 1, lx, y, lx + 24, y, palette[s % N_COLORS]);
        if (*dash)
            ent_strbuf_addf(sb, " stroke-dasharray=\"%s\"", dash);
        ent_strbuf_addf(sb, "/><text x=\"%.1f\" y=\"%.1f\">", lx + 30, y + 4);
        add_clipped(sb, p->series[s].label, legend_chars);
        ent_strbuf_adds(sb, "<title>");
        add_escaped(sb, p->series[s].label);
        ent_strbuf_adds(sb, "</title></text></g>\n");
    }
    ent_strbuf_adds(sb, "</g>\n</g>\n");
}

/* Where everything goes: computed once, drawn as SVG or through cairo. */
typedef struct layout {
    size_t legend_chars; /* legend labels longer than this are cut */
    double x0, x1, lx;   /* the plot's left and right, the legend's left */
    double text_w;       /* the width of the wrapped texts */
    double sub_y;        /* the subtitle's first line's top */
    int32_t d0, d1;      /* the dates at x0 and x1 */
    double *mark_x;      /* per mark: its x */
    int *mark_row;       /* per mark: its row of numbers (0: lowest), -1 outside the span */
    int rows;            /* rows of mark numbers */
    double marks_top;
    frame *frames; /* per panel */
    double key_y;  /* the top of the key to the marks */
    int key_lines;
    double height;
} layout;

static void layout_release(layout *l)
{
    free(l->mark_x);
    free(l->mark_row);
    free(l->frames);
    memset(l, 0, sizeof *l);
}

/* The key's entry of mark m: "N: LABEL (DATE)". */
static void mark_key(ent_strbuf *key, const ent_chart *c, size_t m)
{
    char d[11];
    ent_strbuf_reset(key);
    ent_strbuf_addf(key, "%zu: %s (%s)", m + 1, c->marks[m].label ? c->marks[m].label : "",
                    ent_date_format(ent_date_from_day(c->marks[m].day), d));
}

static int chart_layout(layout *l, const ent_chart *c)
{
    memset(l, 0, sizeof *l);
    if (!c || !c->n_days || !c->days || !c->n_panels || !c->panels)
        return ent_error_set(ENT_EUSAGE, "a chart needs at least one day and one panel");
    for (size_t i = 1; i < c->n_days; i++)
        if (c->days[i] <= c->days[i - 1])
            return ent_error_set(ENT_EUSAGE, "a chart's days must increase");
    ent_strbuf sb = ENT_STRBUF_INIT; /* wrapped() only counts here */
    /* Legend width: the longest label, within bounds (longer ones are cut, the
     * whole text kept in their title). */
    l->legend_chars = 8;
    for (size_t p = 0; p < c->n_panels; p++)
        for (size_t s = 0; s < c->panels[p].n_series; s++) {
            size_t n = text_chars(c->panels[p].series[s].label);
            l->legend_chars = n > l->legend_chars ? n : l->legend_chars;
        }
    if (l->legend_chars > 26)
        l->legend_chars = 26;
    double legend_w = 30 + (double)l->legend_chars * FONT * EM + 8;
    l->x0 = LEFT;
    l->x1 = WIDTH - 12 - legend_w - GAP;
    l->lx = l->x1 + GAP;
    /* Header: title and wrapped subtitle. */
    l->text_w = WIDTH - 24;
    const char *title = c->title ? c->title : "";
    int title_lines = wrapped(&sb, title, 0, 0, TITLE_FONT, l->text_w * 0.88, "", 0);
    l->sub_y = 28 + (title_lines - 1) * TITLE_FONT * 1.3;
    int sub_lines = c->subtitle ? wrapped(&sb, c->subtitle, 0, 0, SUB_FONT, l->text_w, "", 0) : 0;
    double y = l->sub_y + sub_lines * SUB_FONT * 1.3 + 8;
    /* Mark numbers above the first plot, in up to MARK_ROWS rows so that they do not
     * collide (the numbers of more marks close together than that may). */
    l->d0 = c->days[0];
    l->d1 = c->days[c->n_days - 1];
    if (l->d0 == l->d1) {
        l->d0 -= 1;
        l->d1 += 1;
    }
    frame f0 = {l->x0, l->x1, 0, 0, l->d0, l->d1, 0, 1, 1};
    l->mark_x = malloc((c->n_marks ? c->n_marks : 1) * sizeof *l->mark_x);
    l->mark_row = malloc((c->n_marks ? c->n_marks : 1) * sizeof *l->mark_row);
    l->frames = malloc(c->n_panels * sizeof *l->frames);
    if (!l->mark_x || !l->mark_row || !l->frames) {
        layout_release(l);
        return ent_error_set(ENT_ENOMEM, "out of memory while drawing a chart");
    }
    double row_end[MARK_ROWS];
    for (int k = 0; k < MARK_ROWS; k++)
        row_end[k] = -1e9;
    for (size_t m = 0; m < c->n_marks; m++) {
        l->mark_row[m] = -1;
        if (c->marks[m].day < l->d0 || c->marks[m].day > l->d1)
            continue;
        char num[24];
        snprintf(num, sizeof num, "%zu", m + 1);
        double x = x_of(&f0, c->marks[m].day), w = text_width(num, FONT) + 6;
        int r = 0;
        while (r < MARK_ROWS - 1 && x - w / 2 < row_end[r])
            r++;
        l->mark_x[m] = x;
        l->mark_row[m] = r;
        row_end[r] = x + w / 2;
        l->rows = r + 1 > l->rows ? r + 1 : l->rows;
    }
    l->marks_top = y;
    y += l->rows * MARK_ROW + (l->rows ? 4 : 0);
    /* Panels: tall enough for their legends; values from a rounded range. */
    for (size_t p = 0; p < c->n_panels; p++) {
        double need = 16 + LEGEND_ROW * (double)c->panels[p].n_series;
        double h = need > PANEL_H ? need : PANEL_H;
        frame *f = &l->frames[p];
        *f = (frame){l->x0, l->x1, y, y + h, l->d0, l->d1, 0, 1, 1};
        value_range(c, &c->panels[p], &f->v0, &f->v1);
        f->step = nice_step(f->v1 - f->v0);
        f->v0 = floor(f->v0 / f->step + 1e-9) * f->step;
        f->v1 = ceil(f->v1 / f->step - 1e-9) * f->step;
        if (f->v1 <= f->v0)
            f->v1 = f->v0 + f->step;
        y += h + 44;
    }
    /* The key to the marks, under the last panel: one entry per mark. */
    l->key_y = y;
    ent_strbuf key = ENT_STRBUF_INIT;
    for (size_t m = 0; m < c->n_marks; m++) {
        if (l->mark_row[m] < 0)
            continue;
        mark_key(&key, c, m);
        l->key_lines += wrapped(&sb, ent_strbuf_str(&key), 0, 0, FONT, l->text_w, "", 0);
    }
    y += l->key_lines * FONT * 1.3 + 12;
    l->height = ceil(y);
    int failed = key.failed || sb.failed;
    ent_strbuf_release(&key);
    ent_strbuf_release(&sb);
    if (failed) {
        layout_release(l);
        return ent_error_set(ENT_ENOMEM, "out of memory while drawing a chart");
    }
    return ENT_OK;
}

int ent_chart_svg(const ent_chart *c, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    layout l;
    int rc = chart_layout(&l, c);
    if (rc)
        return rc;
    ent_strbuf sb = ENT_STRBUF_INIT, key = ENT_STRBUF_INIT;
    const char *title = c->title ? c->title : "";
    ent_strbuf_addf(&sb,
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                    "viewBox=\"0 0 %.0f %.0f\" role=\"img\" "
                    "font-family=\"DejaVu Sans, Verdana, Arial, sans-serif\">\n<title>",
                    WIDTH, l.height, WIDTH, l.height);
    add_escaped(&sb, title);
    ent_strbuf_adds(&sb, "</title>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
    wrapped(&sb, title, 12, 22, TITLE_FONT, l.text_w * 0.88, " class=\"title\" font-weight=\"bold\"", 1);
    if (c->subtitle)
        wrapped(&sb, c->subtitle, 12, l.sub_y + SUB_FONT * 1.3, SUB_FONT, l.text_w,
                " class=\"subtitle\" fill=\"#333333\"", 1);
    for (size_t m = 0; m < c->n_marks; m++) {
        if (l.mark_row[m] < 0)
            continue;
        ent_strbuf_addf(&sb,
                        "<text class=\"mark-number\" x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                        "text-anchor=\"middle\" fill=\"#555555\">%zu<title>",
                        l.mark_x[m], l.marks_top + MARK_ROW * (l.rows - l.mark_row[m]) - 3, m + 1);
        add_escaped(&sb, c->marks[m].label);
        ent_strbuf_adds(&sb, "</title></text>\n");
    }
    for (size_t p = 0; p < c->n_panels; p++)
        draw_panel(&sb, c, p, &l.frames[p], l.lx, l.legend_chars);
    if (l.key_lines) {
        double y = l.key_y;
        ent_strbuf_adds(&sb, "<g class=\"mark-key\">\n");
        for (size_t m = 0; m < c->n_marks; m++) {
            if (l.mark_row[m] < 0)
                continue;
            mark_key(&key, c, m);
            int n = wrapped(&sb, ent_strbuf_str(&key), 12, y, FONT, l.text_w, " fill=\"#333333\"", 1);
            y += n * FONT * 1.3;
        }
        ent_strbuf_adds(&sb, "</g>\n");
    }
    ent_strbuf_adds(&sb, "</svg>\n");
    int failed = sb.failed || key.failed;
    ent_strbuf_release(&key);
    layout_release(&l);
    if (failed) {
        ent_strbuf_release(&sb);
        return ent_error_set(ENT_ENOMEM, "out of memory while drawing a chart");
    }
    *out = sb.buf ? sb.buf : calloc(1, 1);
    if (!*out)
        return ent_error_set(ENT_ENOMEM, "out of memory while drawing a chart");
    *len = sb.len;
    return ENT_OK;
}

/* ---------------------------------------------------------------------------
 * PNG and PDF, through cairo: the same layout, drawn with the same marks
 * ------------------------------------------------------------------------- */

/* The date cairo's PDF carries as its creation date: fixed, so that the same
 * chart gives the same bytes (cairo would write the time of the run). */
#define PDF_DATE "2000-01-01T00:00:00Z"

static void set_colour(cairo_t *cr, const char *hex)
{
    unsigned v = (unsigned)strtoul(hex + 1, NULL, 16);
    cairo_set_source_rgb(cr, ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0,
                         (v & 255) / 255.0);
}

/* Dash pattern `d` ("7 3", "" for a solid line). */
static void set_dash(cairo_t *cr, const char *d)
{
    double a[8];
    int n = 0;
    for (char *end; *d && n < 8; d = end) {
        a[n] = strtod(d, &end);
        if (end == d)
            break;
        n++;
    }
    cairo_set_dash(cr, a, n, 0);
}

static void stroke_line(cairo_t *cr, double x1, double y1, double x2, double y2)
{
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    cairo_stroke(cr);
}

/* Text with its baseline at y, anchored at x: 0 start, 1 middle, 2 end. */
static void show_text(cairo_t *cr, const char *text, double x, double y, double font, int anchor,
                      int bold)
{
    cairo_text_extents_t e;
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, font);
    cairo_text_extents(cr, text, &e);
    cairo_move_to(cr, x - (anchor == 1 ? e.x_advance / 2 : anchor == 2 ? e.x_advance : 0), y);
    cairo_show_text(cr, text);
}

/* Wrapped text as wrapped() draws it; returns the number of lines. */
static int show_wrapped(cairo_t *cr, ent_strbuf *line, const char *text, double x, double y,
                        double font, double width, int bold)
{
    size_t max = wrap_max(width, font);
    int lines = 0;
    for (const char *p = text, *next; *p; p = next) {
        const char *end = wrap_line(p, max, &next);
        ent_strbuf_reset(line);
        ent_strbuf_add(line, p, (size_t)(end - p));
        show_text(cr, ent_strbuf_str(line), x, y + lines * font * 1.3, font, 0, bold);
        lines++;
    }
    return lines;
}

/* One panel, as draw_panel draws it in SVG. */
static void panel_cairo(cairo_t *cr, ent_strbuf *tmp, const ent_chart *c, size_t pi,
                        const frame *f, double lx, size_t legend_chars)
{
    const ent_chart_panel *p = &c->panels[pi];
    char buf[64];
    cairo_set_line_width(cr, 1);
    cairo_set_dash(cr, NULL, 0, 0);
    for (double v = f->v0; v <= f->v1 + f->step / 2; v += f->step) {
        double y = y_of(f, v);
        value_label(buf, sizeof buf, v, f->step);
        set_colour(cr, "#dddddd");
        stroke_line(cr, f->x0, y, f->x1, y);
        set_colour(cr, "#000000");
        show_text(cr, buf, f->x0 - 6, y + 4, FONT, 2, 0);
    }
    const date_unit *u = pick_unit((f->x1 - f->x0) / (double)(f->d1 - f->d0));
    for (int32_t d = first_tick(u, f->d0); d <= f->d1; d = next_tick(u, d)) {
        double x = x_of(f, d);
        tick_label(u, d, buf);
        set_colour(cr, "#555555");
        stroke_line(cr, x, f->y1, x, f->y1 + 5);
        set_colour(cr, "#000000");
        show_text(cr, buf, x, f->y1 + 19, FONT, 1, 0);
        if (d == INT32_MAX)
            break;
    }
    set_colour(cr, "#555555");
    cairo_move_to(cr, f->x0, f->y0);
    cairo_line_to(cr, f->x0, f->y1);
    cairo_line_to(cr, f->x1, f->y1);
    cairo_stroke(cr);
    cairo_save(cr);
    cairo_translate(cr, 18.0, (f->y0 + f->y1) / 2);
    cairo_rotate(cr, -asin(1.0)); /* a quarter turn back */
    set_colour(cr, "#000000");
    show_text(cr, p->y_label ? p->y_label : "", 0, 0, FONT, 1, 0);
    cairo_restore(cr);
    for (size_t m = 0; m < c->n_marks; m++) {
        const ent_chart_mark *k = &c->marks[m];
        if (k->day < f->d0 || k->day > f->d1)
            continue;
        double x = x_of(f, k->day);
        set_colour(cr, "#888888");
        set_dash(cr, k->dashed ? "4 3" : "");
        stroke_line(cr, x, f->y0, x, f->y1);
    }
    cairo_set_line_width(cr, 2);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
    for (size_t s = 0; s < p->n_series; s++) {
        const ent_chart_series *se = &p->series[s];
        set_colour(cr, palette[s % N_COLORS]);
        set_dash(cr, dashes[(s / N_COLORS) % N_DASHES]);
        int pen = 0;
        for (size_t i = 0; i < c->n_days; i++) {
            double v = se->values[i];
            if (!isfinite(v)) {
                pen = 0;
                continue;
            }
            /* The SVG's coordinates, rounded to 0.1 as it writes them. */
            double x = round(x_of(f, c->days[i]) * 10) / 10, y = round(y_of(f, v) * 10) / 10;
            if (pen)
                cairo_line_to(cr, x, y);
            else {
                cairo_move_to(cr, x, y);
                if (i + 1 >= c->n_days || !isfinite(se->values[i + 1]))
                    cairo_line_to(cr, x, y); /* a lone day: a dot, by the round cap */
            }
            pen = 1;
        }
        cairo_stroke(cr);
    }
    cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
    for (size_t s = 0; s < p->n_series; s++) {
        double y = f->y0 + 8 + LEGEND_ROW * (double)s;
        set_colour(cr, palette[s % N_COLORS]);
        set_dash(cr, dashes[(s / N_COLORS) % N_DASHES]);
        stroke_line(cr, lx, y, lx + 24, y);
        ent_strbuf_reset(tmp);
        add_clipped_plain(tmp, p->series[s].label ? p->series[s].label : "", legend_chars);
        set_colour(cr, "#000000");
        show_text(cr, ent_strbuf_str(tmp), lx + 30, y + 4, FONT, 0, 0);
    }
    cairo_set_dash(cr, NULL, 0, 0);
}

/* The whole chart on cairo context cr, as ent_chart_svg lays it out. */
static void chart_cairo(cairo_t *cr, ent_strbuf *tmp, const ent_chart *c, const layout *l)
{
    const char *title = c->title ? c->title : "";
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    set_colour(cr, "#000000");
    show_wrapped(cr, tmp, title, 12, 22, TITLE_FONT, l->text_w * 0.88, 1);
    if (c->subtitle) {
        set_colour(cr, "#333333");
        show_wrapped(cr, tmp, c->subtitle, 12, l->sub_y + SUB_FONT * 1.3, SUB_FONT, l->text_w, 0);
    }
    for (size_t m = 0; m < c->n_marks; m++) {
        char num[24];
        if (l->mark_row[m] < 0)
            continue;
        snprintf(num, sizeof num, "%zu", m + 1);
        set_colour(cr, "#555555");
        show_text(cr, num, l->mark_x[m], l->marks_top + MARK_ROW * (l->rows - l->mark_row[m]) - 3,
                  FONT, 1, 0);
    }
    for (size_t p = 0; p < c->n_panels; p++)
        panel_cairo(cr, tmp, c, p, &l->frames[p], l->lx, l->legend_chars);
    double y = l->key_y;
    ent_strbuf key = ENT_STRBUF_INIT;
    for (size_t m = 0; m < c->n_marks; m++) {
        if (l->mark_row[m] < 0)
            continue;
        mark_key(&key, c, m);
        set_colour(cr, "#333333");
        y += show_wrapped(cr, tmp, ent_strbuf_str(&key), 12, y, FONT, l->text_w, 0) * FONT * 1.3;
    }
    if (key.failed)
        tmp->failed = 1;
    ent_strbuf_release(&key);
}

static cairo_status_t to_strbuf(void *closure, const unsigned char *data, unsigned int length)
{
    ent_strbuf *sb = closure;
    ent_strbuf_add(sb, (const char *)data, length);
    return sb->failed ? CAIRO_STATUS_NO_MEMORY : CAIRO_STATUS_SUCCESS;
}

int ent_chart_render(const ent_chart *c, ent_chart_format format, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (format == ENT_CHART_SVG)
        return ent_chart_svg(c, out, len);
    if (format != ENT_CHART_PNG && format != ENT_CHART_PDF)
        return ent_error_set(ENT_EUSAGE, "unknown chart format %d", (int)format);
    layout l;
    int rc = chart_layout(&l, c);
    if (rc)
        return rc;
    ent_strbuf sb = ENT_STRBUF_INIT, tmp = ENT_STRBUF_INIT;
    cairo_surface_t *surface =
        format == ENT_CHART_PNG
            ? cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)WIDTH, (int)l.height)
            : cairo_pdf_surface_create_for_stream(to_strbuf, &sb, WIDTH, l.height);
    if (format == ENT_CHART_PDF && cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, PDF_DATE);
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                       c->title ? c->title : "");
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "entente");
    }
    cairo_t *cr = cairo_create(surface);
    cairo_status_t st = cairo_status(cr);
    if (st == CAIRO_STATUS_SUCCESS) {
        chart_cairo(cr, &tmp, c, &l);
        st = cairo_status(cr);
    }
    cairo_destroy(cr);
    if (st == CAIRO_STATUS_SUCCESS && format == ENT_CHART_PNG)
        st = cairo_surface_write_to_png_stream(surface, to_strbuf, &sb);
    cairo_surface_finish(surface); /* the PDF is written out here */
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    layout_release(&l);
    int failed = sb.failed || tmp.failed || st == CAIRO_STATUS_NO_MEMORY;
    ent_strbuf_release(&tmp);
    if (failed || st != CAIRO_STATUS_SUCCESS) {
        ent_strbuf_release(&sb);
        return failed ? ent_error_set(ENT_ENOMEM, "out of memory while drawing a chart")
                      : ent_error_set(ENT_EINTERNAL, "cairo could not draw the chart: %s",
                                      cairo_status_to_string(st));
    }
    *out = sb.buf;
    *len = sb.len;
    return *out ? ENT_OK : ent_error_set(ENT_EINTERNAL, "cairo wrote an empty chart");
}

void ent_chart_free(char *buf)
{
    free(buf);
}
