/*
 * entente/timeline.h: metrics over time. A timeline takes the graph's
 * snapshot at a series of dates (steps) and computes per-actor metrics at
 * each, as one long table: date, actor, metric, value, rank.
 *
 * The steps are taken by one sweep over the dates: the relations are sorted
 * once by the step at which they come into force and the step at which they
 * leave it, and each step adds and removes only those, keeping one aggregated
 * edge per ordered pair of actors up to date. The values equal those of a
 * fresh snapshot per step (ent_view_new, then ent_metrics_compute) up to the
 * order in which floating-point sums are added. docs/analyses.md, "Timeline",
 * gives the rules and the cost.
 */
#ifndef ENTENTE_TIMELINE_H
#define ENTENTE_TIMELINE_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#include "analysis.h"
#include "chart.h"
#include "view.h"
#include "table.h"

#ifdef __cplusplus
extern "C" {
#endif

/** How far apart the steps are. */
typedef enum ent_every {
    ENT_EVERY_DAY = 0,
    ENT_EVERY_WEEK,
    ENT_EVERY_MONTH,
    ENT_EVERY_QUARTER,
    ENT_EVERY_YEAR,
    ENT_EVERY_COUNT_
} ent_every;

/** "day", "week", "month", "quarter" or "year". */
ENT_EXPORT const char *ent_every_name(ent_every e);
/** The period named `name`, or -1. */
ENT_EXPORT int ent_every_from_name(const char *name);

/**
 * The days of a timeline from day `from` to day `to` (from <= to): `from`,
 * then `from` plus one period, two periods ... while not after `to`, and
 * `to` itself last when the periods do not land on it. A month (quarter,
 * year) later keeps the day of the month of `from`, or the month's last day
 * when the month is shorter (from 2020-01-31: 2020-02-29, 2020-03-31 ...).
 * Sets *days (free it with ent_timeline_days_free) and *n. Returns 0, ENT_EUSAGE
 * when from > to or there would be more than `max_steps` days (0: no limit),
 * or ENT_ENOMEM. O(steps).
 */
ENT_EXPORT int ent_timeline_days(int32_t **days, size_t *n, int32_t from, int32_t to,
                                 ent_every every, size_t max_steps);

/** Frees the days ent_timeline_days returned. Accepts NULL. */
ENT_EXPORT void ent_timeline_days_free(int32_t *days);

/** The digits after the point with which tables print metric `m` (3 for leverage, 8 for
 * the PageRanks, 6 for the PN index, 2 for sums of intensities). */
ENT_EXPORT int ent_metric_decimals(ent_metric m);

/** The version of ent_timeline_options this header describes. */
#define ENT_TIMELINE_OPTIONS_VERSION 1

/** What a timeline computes. Initialise with ENT_TIMELINE_OPTIONS_INIT. */
typedef struct ent_timeline_options {
    unsigned version;          /**< ENT_TIMELINE_OPTIONS_VERSION */
    const ent_metric *metrics; /**< n_metrics metrics; none: leverage */
    size_t n_metrics;
    const uint32_t *actors; /**< the actors to show, in this order; NULL: chosen by `top` */
    size_t n_actors;
    size_t top;      /**< without `actors`: the `top` actors whose highest value of the first
                          metric over the steps is highest (ties in graph order); 0: every
                          actor present at some step, in graph order */
    int independent; /**< 1: take a fresh snapshot at every step instead of sweeping (as
                          slow as running 'influence' per step; for checking the sweep) */
    const uint32_t *pairs; /**< n_pairs pairs of actors, two indices each (A, B, A, B ...):
                                their alignment at every step (see ent_timeline_table) */
    size_t n_pairs;
} ent_timeline_options;

/** The defaults: leverage of every actor present at some step, by a sweep, no pairs. */
#define ENT_TIMELINE_OPTIONS_INIT                                                                 \
    {                                                                                             \
        .version = ENT_TIMELINE_OPTIONS_VERSION, .metrics = NULL, .n_metrics = 0, .actors = NULL, \
        .n_actors = 0, .top = 0, .independent = 0, .pairs = NULL, .n_pairs = 0                    \
    }

/** Sets *o to ENT_TIMELINE_OPTIONS_INIT. */
ENT_EXPORT void ent_timeline_options_init(ent_timeline_options *o);

/**
 * The long table of a timeline of graph `g` under the snapshot options `vo`
 * (NULL: the defaults) at the `n_days` days `days` (strictly increasing):
 * one row per day, metric and shown actor, in that order, with the columns
 * date, actor, name, metric, value (empty when the actor is absent that
 * day) and rank (1 for the highest value among the actors present that
 * day, ties in graph order; empty when absent). With pairs, each day's
 * actor rows are followed by the pairs' rows: metric "tie" for every pair,
 * then "S", then "pi" (ent_align_table's measures on that day's snapshot),
 * the actor column "A:B" (the two ids), the name "NameA and NameB", no
 * rank, and an empty value when either actor is absent (or pi undefined).
 * `actors` non-NULL with n_actors 0 shows pairs alone. Returns 0, ENT_EUSAGE (no
 * day, days not increasing, an actor or metric out of range), ENT_ENOMEM or
 * ENT_EINTERNAL (igraph failed). Time: O(R log R) to sort the relations,
 * then at each step O(c + E log E + A) plus the metric's own cost on the
 * snapshot, with R relations, c of them entering or leaving the snapshot at
 * that step, E edges and A actors in the snapshot (with a half-life, also
 * the events in the window, re-weighed). Twice the steps with `top` and no
 * `actors` (one sweep to choose, one to tabulate).
 */
ENT_EXPORT int ent_timeline_table(ent_table **out, const ent_graph *g, const ent_view_options *vo,
                                  const int32_t *days, size_t n_days,
                                  const ent_timeline_options *o);

/** The version of ent_timeline_chart_options this header describes. */
#define ENT_TIMELINE_CHART_OPTIONS_VERSION 1

/** How ent_timeline_chart draws. Initialise with ENT_TIMELINE_CHART_OPTIONS_INIT. */
typedef struct ent_timeline_chart_options {
    unsigned version;  /**< ENT_TIMELINE_CHART_OPTIONS_VERSION */
    const char *title; /**< NULL: the graph's title, the metrics, the period and the span */
    ent_every every;   /**< the period, named in the default title */
    const ent_chart_mark *marks; /**< dates to mark besides the snapshots (dashed) */
    size_t n_marks;
    ent_chart_format format; /**< SVG (0), PNG or PDF */
} ent_timeline_chart_options;

/** The defaults: the default title, monthly steps, no extra mark, SVG. */
#define ENT_TIMELINE_CHART_OPTIONS_INIT                                                         \
    {                                                                                           \
        .version = ENT_TIMELINE_CHART_OPTIONS_VERSION, .title = NULL, .every = ENT_EVERY_MONTH, \
        .marks = NULL, .n_marks = 0, .format = ENT_CHART_SVG                                    \
    }

/** Sets *o to ENT_TIMELINE_CHART_OPTIONS_INIT. */
ENT_EXPORT void ent_timeline_chart_options_init(ent_timeline_chart_options *o);

/**
 * Draws timeline table `t` of graph `g` (made by ent_timeline_table with the
 * same `days` and options `to`) as a line chart (chart.h) in co->format: one panel
 * per metric, one line per actor labelled with its name, the graph's
 * snapshots that fall in the span as solid marks and `co->marks` as given,
 * numbered in date order; the table's notes on the actors and the rules
 * under the title. Sets *svg (free it with ent_chart_free) and *len. Returns 0, ENT_EUSAGE
 * (a table of another shape) or ENT_ENOMEM. With pairs, three more panels
 * (tie, S and pi) with one line per pair.
 */
ENT_EXPORT int ent_timeline_chart(char **svg, size_t *len, const ent_graph *g, const ent_table *t,
                                  const int32_t *days, size_t n_days,
                                  const ent_timeline_options *to,
                                  const ent_timeline_chart_options *co);

#ifdef __cplusplus
}
#endif
#endif
