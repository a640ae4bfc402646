/*
 * entente/render.h: alliance diagrams of snapshots, drawn with Graphviz.
 *
 * Three kinds of picture, all on one layout computed once for every actor
 * they show, so that an actor sits at the same place in each panel:
 *   - one snapshot;
 *   - two snapshots side by side (compare);
 *   - the changes from one snapshot to another in one picture (diff).
 * docs/diagrams.md describes every shape, colour and line style.
 */
#ifndef ENTENTE_RENDER_H
#define ENTENTE_RENDER_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#include "view.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_render_mode {
    ENT_RENDER_ONE = 0, /**< the snapshot `a` */
    ENT_RENDER_COMPARE, /**< `a` and `b` side by side (or stacked: options' `stack`) */
    ENT_RENDER_DIFF     /**< the changes from `a` to `b` */
} ent_render_mode;

typedef enum ent_render_format {
    ENT_RENDER_SVG = 0,
    ENT_RENDER_PNG,
    ENT_RENDER_PDF,
    ENT_RENDER_DOT /**< the drawing as DOT text, positions pinned (`dot -Tsvg` redraws it) */
} ent_render_format;

/** The version of ent_render_options this header describes. */
#define ENT_RENDER_OPTIONS_VERSION 1

/** How to draw. Initialise with ENT_RENDER_OPTIONS_INIT, then set what differs. */
typedef struct ent_render_options {
    unsigned version;         /**< ENT_RENDER_OPTIONS_VERSION */
    const char *layout;       /**< "dot", "fdp", "neato", "sfdp", "circo", "twopi"; NULL: by size */
    const uint32_t *focus; /**< actors drawn larger, their lines wider (NULL: none) */
    size_t n_focus;
    unsigned depth;        /**< with focus: draw only the actors this many steps out from
                                one of them (default 1); 0: every actor, the focus only
                                emphasised */
    int all_actors;        /**< draw the actors without a relation on the days shown too;
                                by default they are left out and named in a note */
    unsigned kinds;           /**< bit (1 << ent_actor_kind) per kind drawn; 0: every kind */
    const char *const *types; /**< relation type ids or families drawn; none: every type */
    size_t n_types;
    const char *title;    /**< NULL: the graph's title */
    const char *label[2]; /**< how to name the two dates, e.g. a snapshot's label; NULL: none */
    const char *const *colors;   /**< when not NULL, a fill colour per actor ("" for none) */
    const char *const *colors_b; /**< compare: the colours of the second panel (NULL: colors) */
    const char *color_legend;    /**< with colors: what they mean, for the legend */
    int stack; /**< compare: the second panel below the first (same positions within each
                    panel) instead of beside it, for a drawing half as wide */
    const char *left_out_hint; /**< how to have the actors left out drawn, put in brackets in
                                    the note that names them, e.g. "--all-actors draws them"
                                    (NULL: nothing said) */
} ent_render_options;

/** The defaults: the layout chosen by size, no focus (depth 1 when one is set), every
 *  kind and type, the actors without a relation left out, no colours, a comparison's
 *  panels side by side. */
#define ENT_RENDER_OPTIONS_INIT                                                              \
    {                                                                                        \
        .version = ENT_RENDER_OPTIONS_VERSION, .layout = NULL, .focus = NULL, .n_focus = 0,  \
        .depth = 1, .all_actors = 0, .kinds = 0, .types = NULL, .n_types = 0, .title = NULL, \
        .label = {NULL, NULL}, .colors = NULL, .colors_b = NULL, .color_legend = NULL,       \
        .stack = 0, .left_out_hint = NULL                                                    \
    }

/** Sets *o to ENT_RENDER_OPTIONS_INIT. */
ENT_EXPORT void ent_render_options_init(ent_render_options *o);

/**
 * The fill colour of bloc number `bloc` (1, 2, ...; as ent_blocs numbers
 * them): one of ten pale colours, the same grey for every bloc beyond the
 * tenth, "" for 0 (no bloc).
 */
ENT_EXPORT const char *ent_render_bloc_color(uint32_t bloc);

/** The layout engine chosen for a drawing of `actors` actors when none is asked for. */
ENT_EXPORT const char *ent_render_auto_layout(size_t actors);

/** Whether `name` is a layout engine entente can use. */
ENT_EXPORT int ent_render_layout_known(const char *name);

/**
 * Draws a picture. `b` is NULL for ENT_RENDER_ONE and required otherwise.
 * On success returns 0 and sets *out to a buffer of *len bytes that the
 * caller frees with ent_render_free and, when `engine` is not NULL, *engine
 * to the layout engine used. On failure returns an ent_error code, with the
 * message in ent_error_last(): ENT_EUSAGE for a bad option (an unknown
 * layout, a focus actor absent from the snapshots, nothing left to draw),
 * ENT_EINTERNAL when Graphviz reported an error, ENT_ENOMEM.
 */
ENT_EXPORT int ent_render(const ent_view *a, const ent_view *b, ent_render_mode mode,
                          const ent_render_options *o, ent_render_format format, char **out,
                          size_t *len, const char **engine);

/** Frees a buffer ent_render returned. Accepts NULL. */
ENT_EXPORT void ent_render_free(char *buf);

#ifdef __cplusplus
}
#endif
#endif
