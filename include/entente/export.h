/*
 * entente/export.h: the graph in the formats other tools read: GEXF (Gephi),
 * GraphML (NetworkX, igraph, Cytoscape), node-link JSON (NetworkX's
 * node_link_graph, d3) and two CSV tables (actors, edges).
 *
 * Every format holds the same graph: one node per actor and one directed edge
 * per relation (parallel edges where two relations join the same actors), with
 * the relation's type, sign, weight (its intensity), dates, status, claimant,
 * intermediary and evidence as attributes. docs/export.md lists the columns.
 */
#ifndef ENTENTE_EXPORT_H
#define ENTENTE_EXPORT_H

#include "api.h"

#include <stdint.h>
#include <stdio.h>

#include "graph.h"
#include "view.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What ent_export_write writes. */
typedef enum ent_export_format {
    ENT_EXPORT_GEXF = 0,   /**< GEXF 1.3, time as spells (Gephi 0.9.3 and later) */
    ENT_EXPORT_GEXF12,     /**< GEXF 1.2 (older readers; NetworkX 2.8's read_gexf) */
    ENT_EXPORT_GRAPHML,    /**< GraphML with typed keys */
    ENT_EXPORT_JSON_GRAPH, /**< node-link JSON */
    ENT_EXPORT_CSV_ACTORS, /**< the actors table, RFC 4180 */
    ENT_EXPORT_CSV_EDGES,  /**< the edges table, RFC 4180 */
    ENT_EXPORT_FORMAT_COUNT_
} ent_export_format;

/** The version of ent_export_options this header describes. */
#define ENT_EXPORT_OPTIONS_VERSION 1

/**
 * Which part of the graph to write. Initialise with ENT_EXPORT_OPTIONS_INIT:
 * the whole graph with its time, GEXF in dynamic mode, every relation with
 * its interval.
 */
typedef struct ent_export_options {
    unsigned version; /**< ENT_EXPORT_OPTIONS_VERSION */
    /** Non-NULL: the static snapshot of this view (of the same graph): the
     *  actors present and the relations behind its edges, no time. */
    const ent_view *view;
    /** 1: only relations whose interval meets [from_day, to_day] (day
     *  numbers, see date.h), and the actors that exist then or take part. */
    int has_range;
    int32_t from_day, to_day;
    /** Non-NULL: drop the relations these options do not keep (status,
     *  claimants, source kinds; see ent_view_options_keep). */
    const ent_view_options *keep;
} ent_export_options;

/** The defaults: the whole graph with its time. */
#define ENT_EXPORT_OPTIONS_INIT                                                             \
    {                                                                                       \
        .version = ENT_EXPORT_OPTIONS_VERSION, .view = NULL, .has_range = 0, .from_day = 0, \
        .to_day = 0, .keep = NULL                                                           \
    }

/** Sets *o to ENT_EXPORT_OPTIONS_INIT. */
ENT_EXPORT void ent_export_options_init(ent_export_options *o);

/**
 * Writes `g` in format `f` to `out`, which the caller opened and closes.
 * Strings are escaped for the format; XML 1.0 cannot hold control characters
 * other than tab, line feed and carriage return, nor bytes that are not
 * UTF-8: in GEXF and GraphML each such character becomes U+FFFD. Returns 0,
 * ENT_EIO when `out` could not be written (the message says why), ENT_ENOMEM
 * or ENT_EUSAGE. Time O(actors + relations + evidence).
 */
ENT_EXPORT int ent_export_write(FILE *out, const ent_graph *g, ent_export_format f,
                                const ent_export_options *o);

/** The format's name on the command line ("gexf", "graphml" ...). */
ENT_EXPORT const char *ent_export_format_name(ent_export_format f);

#ifdef __cplusplus
}
#endif
#endif
