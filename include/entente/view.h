/*
 * entente/view.h: views, the graph as it stood on a date (ent_view_*).
 *
 * A view (a snapshot taken on a day) holds the actors present on a day and one aggregated, signed
 * edge per ordered pair of actors, built from the relations in force: durable relations whose
 * interval covers the day, and events that fall in a window before it, optionally decayed with a
 * half-life. Each edge keeps the list of relations behind it, so every answer can show its
 * evidence. The rules are in docs/analyses.md.
 */
#ifndef ENTENTE_VIEW_H
#define ENTENTE_VIEW_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of ent_view_options this header describes. */
#define ENT_VIEW_OPTIONS_VERSION 1

/**
 * How to take a snapshot. Initialise with ENT_VIEW_OPTIONS_INIT (or
 * ent_view_options_init), then set what differs. Every function taking these
 * options refuses another `version` with ENT_EUSAGE.
 */
typedef struct ent_view_options {
    unsigned version;                  /**< ENT_VIEW_OPTIONS_VERSION */
    int32_t window_days;               /**< events count when in (day - window, day]; default 365 */
    double half_life_days;             /**< > 0: events decay with this half-life; 0: no decay */
    unsigned status_mask;              /**< bit (1 << ent_status) per status kept; default all */
    const uint32_t *exclude_claims_by; /**< drop relations claimed or disputed by these */
    size_t n_exclude;
    uint32_t source_kinds; /**< 0: every relation; else keep only relations with
                                evidence from a source of a kind whose bit
                                (1 << ent_graph_source_kind index) is set */
} ent_view_options;

/** The defaults: a 365-day window, no decay, every status, no filter. */
#define ENT_VIEW_OPTIONS_INIT                                                                    \
    {                                                                                            \
        .version = ENT_VIEW_OPTIONS_VERSION, .window_days = 365, .half_life_days = 0.0,          \
        .status_mask = (1u << ENT_STATUS_COUNT_) - 1, .exclude_claims_by = NULL, .n_exclude = 0, \
        .source_kinds = 0                                                                        \
    }

/** Sets *o to ENT_VIEW_OPTIONS_INIT. */
ENT_EXPORT void ent_view_options_init(ent_view_options *o);

/**
 * One aggregated edge: every kept relation from `source` to `target`. A
 * relation of a symmetric type (an alliance, a war) holds both ways and stands
 * behind the edges of both directions, so the source of a relation of an edge
 * may be the edge's target.
 */
typedef struct ent_edge {
    uint32_t source, target;   /**< actor indices */
    double positive;           /**< sum of the positive weights (>= 0) */
    double negative;           /**< sum of the negative weights (<= 0) */
    double weight;             /**< positive + negative */
    const uint32_t *relations; /**< indices of the relations behind the edge */
    size_t n_relations;
    double mirrored; /**< the part of `weight` from symmetric relations coded in
                          the other direction (they are counted in both edges:
                          subtract it to count every relation once) */
} ent_edge;

typedef struct ent_view ent_view;

/**
 * Takes the snapshot of `g` on day number `day` (see date.h). Returns 0 and
 * sets *out, or ENT_ENOMEM / ENT_EUSAGE. Time O(relations + actors).
 */
ENT_EXPORT int ent_view_new(ent_view **out, const ent_graph *g, int32_t day,
                            const ent_view_options *o);

/** Frees a view. Accepts NULL. */
ENT_EXPORT void ent_view_free(ent_view *v);

ENT_EXPORT const ent_graph *ent_view_graph(const ent_view *v);
ENT_EXPORT int32_t ent_view_day(const ent_view *v);
ENT_EXPORT const ent_view_options *ent_view_opts(const ent_view *v);

/** Whether actor `a` is present: it exists on the day or takes part in an edge. */
ENT_EXPORT int ent_view_has_actor(const ent_view *v, uint32_t a);
ENT_EXPORT size_t ent_view_actor_count(const ent_view *v);

/** Edges, ordered by source then target. */
ENT_EXPORT size_t ent_view_edge_count(const ent_view *v);
ENT_EXPORT const ent_edge *ent_view_edge(const ent_view *v, size_t i);
/** The edges leaving actor a (ordered by target): *n of them from the returned one. */
ENT_EXPORT const ent_edge *ent_view_out(const ent_view *v, uint32_t a, size_t *n);

/** The edge from s to t, or NULL. O(log degree). */
ENT_EXPORT const ent_edge *ent_view_find_edge(const ent_view *v, uint32_t s, uint32_t t);

/**
 * Whether options `o` keep relation `r` of `g` whatever the day: its status,
 * its claimant and its sources' kinds. O(number of excluded claimants).
 */
ENT_EXPORT int ent_view_options_keep(const ent_graph *g, const ent_view_options *o, uint32_t r);

/**
 * The events the view counts although their partial date reaches back before
 * the window's start (an event dated "2022-09" on a view whose window starts
 * on 2022-09-20): they may have happened before the window. In graph order.
 */
ENT_EXPORT size_t ent_view_uncertain_count(const ent_view *v);
/** The i-th of them (a relation index), or UINT32_MAX. */
ENT_EXPORT uint32_t ent_view_uncertain(const ent_view *v, size_t i);

/** The weight relation `r` contributes on the view's day (after decay). */
ENT_EXPORT double ent_view_relation_weight(const ent_view *v, uint32_t r);

#ifdef __cplusplus
}
#endif
#endif
