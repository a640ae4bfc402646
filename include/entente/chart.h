/*
 * entente/chart.h: line charts of values over dates, written as SVG text, or
 * drawn as PNG or PDF with cairo in the same layout.
 *
 * One or more panels share the dates on the x axis; each panel draws one
 * line per series, with its legend to the right of the plot (never over the
 * lines), axis ticks chosen so that their labels do not collide, marked dates
 * as vertical lines numbered above the plot and listed under it, and a
 * <title> on every line that says what it is. Colours come from the
 * Okabe-Ito palette (distinguishable with the common colour-vision
 * deficiencies), and lines beyond its seven colours get dash patterns too.
 * The same chart gives the same bytes; every text is escaped.
 * docs/diagrams.md, "Timeline charts", describes the marks.
 */
#ifndef ENTENTE_CHART_H
#define ENTENTE_CHART_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One line of a panel. */
typedef struct ent_chart_series {
    const char *label;    /**< the legend's text, e.g. an actor's name */
    const char *title;    /**< the line's <title> (hover text); NULL: made from the label and
                               the values */
    const double *values; /**< one per day of the chart; NaN: no value that day (a gap) */
} ent_chart_series;

/** One panel: a y axis and its lines. */
typedef struct ent_chart_panel {
    const char *y_label; /**< what the y axis measures, e.g. "leverage" */
    const ent_chart_series *series;
    size_t n_series;
    int decimals; /**< digits after the point in the values of the titles */
} ent_chart_panel;

/** A date marked by a vertical line. */
typedef struct ent_chart_mark {
    int32_t day;       /**< day number (date.h) */
    const char *label; /**< e.g. a snapshot's id and label */
    int dashed;        /**< 0: solid (a declared snapshot), 1: dashed (an event) */
} ent_chart_mark;

typedef struct ent_chart {
    const char *title;    /**< what is drawn */
    const char *subtitle; /**< under what rules (may be long: it is wrapped); NULL: none */
    const int32_t *days;  /**< the x values, increasing */
    size_t n_days;
    const ent_chart_panel *panels;
    size_t n_panels;
    const ent_chart_mark *marks;
    size_t n_marks;
} ent_chart;

/**
 * Writes chart `c` as a standalone SVG document. On success returns 0 and
 * sets *out to a NUL-terminated buffer of *len bytes that the caller frees
 * with ent_chart_free (*out NULL on failure). Returns ENT_EUSAGE (no day, days not increasing, no
 * panel) or ENT_ENOMEM, with a message. O(panels * series * days + marks).
 */
ENT_EXPORT int ent_chart_svg(const ent_chart *c, char **out, size_t *len);

/** The formats a chart is written in. */
typedef enum ent_chart_format {
    ENT_CHART_SVG = 0, /**< SVG text (ent_chart_svg) */
    ENT_CHART_PNG,     /**< a PNG image, one pixel per SVG unit (drawn with cairo) */
    ENT_CHART_PDF      /**< a one-page PDF, one point per SVG unit (drawn with cairo) */
} ent_chart_format;

/**
 * Writes chart `c` in `format`: SVG as ent_chart_svg; PNG and PDF drawn with
 * cairo from the same layout, with the same marks (without the SVG's hover
 * titles, which these formats cannot carry). The same chart gives the same
 * bytes: the PDF's creation date is fixed (2000-01-01). Sets *out (binary
 * for PNG and PDF; free it with ent_chart_free) and *len. Returns 0, ENT_EUSAGE (as
 * ent_chart_svg, or an unknown format), ENT_ENOMEM or ENT_EINTERNAL (cairo
 * failed).
 */
ENT_EXPORT int ent_chart_render(const ent_chart *c, ent_chart_format format, char **out,
                                size_t *len);

/**
 * Frees a chart that ent_chart_svg, ent_chart_render or ent_timeline_chart
 * returned. Accepts NULL.
 */
ENT_EXPORT void ent_chart_free(char *buf);

#ifdef __cplusplus
}
#endif
#endif
