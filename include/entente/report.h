/*
 * entente/report.h: the whole story of a graph in one page.
 *
 * For every declared snapshot: the alliance diagram coloured by bloc, the
 * influence table, the blocs and balance, and who backed and opposed the
 * main actors. For every consecutive pair of snapshots and for the
 * headline comparison: the two snapshots on one layout, the diff diagram,
 * the shift of influence with the changes that explain each leading actor's
 * move, the commitments kept and broken, and what changed in balance and
 * blocs. Then every source and every relation with its evidence, which the
 * tables link to. Written as one self-contained HTML page, the same content
 * in Markdown with the diagrams beside it, and every table in JSON.
 */
#ifndef ENTENTE_REPORT_H
#define ENTENTE_REPORT_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>

#include "view.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of ent_report_options this header describes. */
#define ENT_REPORT_OPTIONS_VERSION 1

/** What to report. Initialise with ENT_REPORT_OPTIONS_INIT, then set what differs. */
typedef struct ent_report_options {
    unsigned version;             /**< ENT_REPORT_OPTIONS_VERSION */
    const ent_view_options *view; /**< how snapshots are taken; NULL: the defaults */
    const uint32_t *actors;       /**< the main actors; none: the top of each ranking */
    size_t n_actors;
    size_t main_actors;       /**< without `actors`: this many from the top (default 3) */
    size_t top;               /**< rows of the influence and shift tables (default 10) */
    size_t leaders;           /**< leading actors explained per comparison (default 3) */
    const char *title;        /**< NULL: the graph's title */
    const char *const *files; /**< the input files' names, shown as given */
    size_t n_files;
    /** Called after each step with its name and its time, when not NULL. */
    void (*progress)(void *ud, const char *step, double seconds);
    void *progress_ud;
    /**
     * Asked at safe points (before and after each step, before each file is
     * written), when not NULL: a non-zero answer stops the report with
     * ENT_ECANCELED. It runs in the writer's thread, not in a signal handler,
     * so it may do anything; a signal handler should only set a flag it reads.
     */
    int (*stop)(void *ud);
    void *stop_ud;
} ent_report_options;

/** The defaults: 3 main actors from the top, 10 rows, 3 leaders explained, no callback. */
#define ENT_REPORT_OPTIONS_INIT                                                                \
    {                                                                                          \
        .version = ENT_REPORT_OPTIONS_VERSION, .view = NULL, .actors = NULL, .n_actors = 0,    \
        .main_actors = 3, .top = 10, .leaders = 3, .title = NULL, .files = NULL, .n_files = 0, \
        .progress = NULL, .progress_ud = NULL, .stop = NULL, .stop_ud = NULL                   \
    }

/** Sets *o to ENT_REPORT_OPTIONS_INIT. */
ENT_EXPORT void ent_report_options_init(ent_report_options *o);

/**
 * Writes the report of g into the directory `dir`, which must exist and be
 * empty: index.html, report.md, results.json and img/ with the diagrams. On
 * success sets *summary (when not NULL) to a text of a few lines, the
 * headline shift of each leading actor, that the caller frees with
 * ent_report_summary_free. Returns 0, or ENT_EIO (a file could not be
 * written), ENT_EINTERNAL (Graphviz or igraph failed), ENT_ENOMEM, ENT_EUSAGE (no snapshot
 * declared), ENT_ECANCELED (o->stop asked to stop), with the message in ent_error_last(). Files may
 * be left in `dir` on failure: write into a temporary directory and rename it.
 */
ENT_EXPORT int ent_report_write(const ent_graph *g, const ent_report_options *o, const char *dir,
                                char **summary);

/** Frees the summary ent_report_write returned. Accepts NULL. */
ENT_EXPORT void ent_report_summary_free(char *summary);

#ifdef __cplusplus
}
#endif
#endif
