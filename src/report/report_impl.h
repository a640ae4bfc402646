/*
 * report_impl.h: the inside of `entente report`, shared by its three files:
 * document.c, the writer of blocks into the page, the Markdown and
 * results.json; story.c, the sections that tell the graph's story; and
 * report.c, the page shell and ent_report_write. Nothing outside
 * src/report includes it.
 */
#ifndef ENT_REPORT_REPORT_IMPL_H
#define ENT_REPORT_REPORT_IMPL_H

#include "entente/entente.h"
#include "entente/report.h"
#include "util/strbuf.h"

/* A section of the report: its anchor, its title and the tables it keeps
 * for results.json (owned). */
typedef struct section {
    char *id, *title;   /* the anchor and the heading */
    ent_table **tables; /* n of them, cap allocated */
    size_t n, cap;
} section;

/* One report being written. */
typedef struct report {
    const ent_graph *g;          /* the graph told */
    const ent_report_options *o; /* the caller's options */
    ent_view_options vo;         /* how every snapshot is taken */
    const char *dir;             /* the output directory */
    ent_strbuf h, m;             /* the page and the Markdown */
    ent_strbuf nav;              /* the navigation's links */
    ent_strbuf tmp;              /* scratch for paragraphs */
    section *secs;               /* the sections so far */
    size_t n_secs, cap_secs;
    size_t figures;          /* figures so far, to make their ids unique */
    ent_view **views;        /* one per snapshot */
    ent_blocs_found **blocs; /* their blocs, found once */
    const char **blocs_why;  /* NULL, or why there are none (a part too large) */
    ent_blocs_options bo;    /* how blocs are found */
    size_t n_snap;           /* snapshots of the graph */
    char **rel_ids;          /* sorted relation ids, for linking */
    size_t n_rel_ids;
    ent_strbuf summary; /* the summary handed back to the caller */
    int rc;             /* 0, or the first failure */
} report;

/* --- document.c: the writer ------------------------------------------------ */

/* Records failure rc (ENT_ENOMEM gets its message) unless one is recorded
 * already; returns the recorded one. */
int ent__report_fail(report *r, int rc);

/* A safe point: true (with r->rc set) when the caller asked to stop or the
 * report already failed. */
int ent__report_stopped(report *r);

/* Opens a section: a level-2 heading with an anchor, a link in the nav. */
void ent__report_section(report *r, const char *id, const char *title, const char *short_title);

/* A level-3 heading, escaped. */
void ent__report_heading3(report *r, const char *text);

/* A paragraph, escaped. */
void ent__report_para(report *r, const char *text);

/* A paragraph from a format (its arguments may come from the graph file:
 * the whole text is escaped). */
void ent__report_paraf(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* strcmp over two `const char *` elements, for qsort and bsearch. */
int ent__report_by_str(const void *x, const void *y);

/* Keeps a table for results.json (the report owns it from here): 0, or -1
 * with the table freed when it cannot be kept. */
int ent__report_keep(report *r, ent_table *t);

/* A table: into the page and the Markdown, and kept for results.json (the
 * report owns it from here). `bloc_col`: colour rows by this int column. */
void ent__report_table(report *r, ent_table *t, const char *bloc_col);

/* Writes buf to DIR/name: 0, or the failure recorded in r. */
int ent__report_write_file(report *r, const char *name, const char *buf, size_t len);

/* A diagram: drawn as SVG, inlined in the page (its ids made unique), and
 * written to img/NAME.svg for the Markdown. */
void ent__report_figure(report *r, const char *html_id, const char *name, const char *caption,
                        const ent_view *a, const ent_view *b, ent_render_mode mode,
                        const char *const *colors, const char *const *colors_b, const char *legend,
                        const char *label_a, const char *label_b, const uint32_t *focus,
                        size_t n_focus);

/* --- story.c: the sections --------------------------------------------------- */

/* --- summary.c: the findings in words and the timeline ---------------------- */

/* The first section: the headline comparison's findings in words, each
 * naming its relations, then the main actors' leverage month by month. */
void ent__report_summary_section(report *r);

/* What the graph is: its title, description, files and what it holds. */
void ent__report_overview(report *r);

/* Snapshot i: its diagram, main actors, rankings, blocs and balance. */
void ent__report_snapshot_section(report *r, size_t i);

/* A comparison of snapshots i and j; `headline` gives the section its ids. */
void ent__report_comparison_section(report *r, size_t i, size_t j, const char *label, int headline);

/* The sources cited, with their links. */
void ent__report_sources_section(report *r);

/* One line per relation with its evidence, and the relations as a table. */
void ent__report_evidence_section(report *r);

#endif
