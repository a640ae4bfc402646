/*
 * report.c: `entente report`, the whole story of a graph as one HTML page,
 * the same in Markdown, and every table in JSON.
 *
 * This file is the page shell: the options, the style sheet, results.json
 * and ent_report_write, which takes the snapshots, has story.c tell each
 * part through the writer in document.c, and writes the files.
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "report/report_impl.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/jsonout.h"
#include "util/strbuf.h"

void ent_report_options_init(ent_report_options *o)
{
    *o = (ent_report_options)ENT_REPORT_OPTIONS_INIT;
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
    "figcaption{font-size:13px;color:#555}.left-out{font-size:12px}\n"
    ".table{overflow-x:auto}\n"
    "table{border-collapse:collapse;font-size:12.5px;margin:.5em 0}\n"
    "caption{text-align:left;font-weight:600;padding:.2em 0}\n"
    "th,td{border:1px solid #ccd;padding:.2em .45em;vertical-align:top;text-align:left;"
    "max-width:36em;overflow-wrap:anywhere}\n"
    "th{background:#eef}.n{text-align:right;white-space:nowrap}\n"
    "p.note{font-size:12px;color:#555;margin:.1em 0}\n"
    "ul.evidence,ul.sources{font-size:13px}\n"
    "@media print{nav{display:none}section{break-before:page}"
    "figure svg{max-width:100%;min-width:0!important}"
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
    ent__report_stopped(r);
}

int ent_report_write(const ent_graph *g, const ent_report_options *o, const char *dir,
                     char **summary)
{
    ent_report_options defaults;
    if (!o) {
        ent_report_options_init(&defaults);
        o = &defaults;
    } else if (ent__options_version(o->version, ENT_REPORT_OPTIONS_VERSION, "ent_report_options")) {
        return ENT_EUSAGE;
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
        ent__report_fail(&r, ENT_ENOMEM);
        goto done;
    }
    for (size_t i = 0; i < nr; i++)
        if (ent_graph_relation(g, i)->id[0])
            r.rel_ids[r.n_rel_ids++] = (char *)ent_graph_relation(g, i)->id;
    qsort(r.rel_ids, r.n_rel_ids, sizeof *r.rel_ids, ent__report_by_str);
    double t0 = now();
    for (size_t i = 0; i < r.n_snap && !ent__report_stopped(&r); i++) {
        int32_t day = ent_date_last_day(ent_graph_snapshot(g, i)->at);
        int rc = ent_view_new(&r.views[i], g, day, &r.vo);
        if (rc)
            ent__report_fail(&r, rc);
        else if ((rc = ent_blocs_find(&r.blocs[i], r.views[i], &r.bo)) == ENT_EUSAGE)
            r.blocs_why[i] = "a connected part is too large for the bloc detection";
        else if (rc)
            ent__report_fail(&r, rc);
    }
    step_done(&r, "snapshots", t0);
    if (r.rc) /* a snapshot may be missing: nothing below may run */
        goto done;

    t0 = now();
    ent__report_summary_section(&r);
    step_done(&r, "summary", t0);
    ent__report_overview(&r);
    long hc = ent_graph_headline_comparison(g);
    if (hc >= 0 && !r.rc) {
        const ent_comparison *c = ent_graph_comparison(g, (size_t)hc);
        t0 = now();
        ent__report_comparison_section(&r, c->from, c->to, c->label, 1);
        step_done(&r, "headline comparison", t0);
    }
    for (size_t i = 0; i < r.n_snap && !ent__report_stopped(&r); i++) {
        t0 = now();
        ent__report_snapshot_section(&r, i);
        step_done(&r, ent_graph_snapshot(g, i)->id, t0);
    }
    /* Consecutive pairs by date (the file's order may differ). */
    size_t *order = malloc((r.n_snap + 1) * sizeof *order);
    if (!order)
        ent__report_fail(&r, ENT_ENOMEM);
    for (size_t i = 0; order && i < r.n_snap; i++) {
        size_t k = i;
        int32_t day = ent_view_day(r.views[i]);
        while (k > 0 && ent_view_day(r.views[order[k - 1]]) > day) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    const ent_comparison *head = hc >= 0 ? ent_graph_comparison(g, (size_t)hc) : NULL;
    for (size_t i = 0; order && i + 1 < r.n_snap && !ent__report_stopped(&r); i++) {
        /* The headline's pair is told once, at the top: a second section
         * would repeat it under the same id. */
        if (head && head->from == order[i] && head->to == order[i + 1])
            continue;
        const ent_comparison *c = NULL;
        for (size_t k = 0; k < ent_graph_comparison_count(g); k++) {
            const ent_comparison *x = ent_graph_comparison(g, k);
            if (x->from == order[i] && x->to == order[i + 1])
                c = x;
        }
        t0 = now();
        ent__report_comparison_section(&r, order[i], order[i + 1], c ? c->label : NULL, 0);
        step_done(&r, "comparison", t0);
    }
    /* Declared comparisons that are neither the headline nor consecutive. */
    for (size_t k = 0; k < ent_graph_comparison_count(g) && !ent__report_stopped(&r); k++) {
        const ent_comparison *x = ent_graph_comparison(g, k);
        int consecutive = 0;
        for (size_t i = 0; order && i + 1 < r.n_snap; i++)
            consecutive |= x->from == order[i] && x->to == order[i + 1];
        if ((long)k != hc && !consecutive)
            ent__report_comparison_section(&r, x->from, x->to, x->label, 0);
    }
    free(order);
    ent__report_sources_section(&r);
    ent__report_evidence_section(&r);
    if (r.rc)
        goto done;

    /* The page. */
    ent_strbuf page = ENT_STRBUF_INIT, mdown = ENT_STRBUF_INIT;
    const char *title = o->title ? o->title : ent_graph_title(g);
    ent_strbuf_adds(&page, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                           "<meta name=\"viewport\" content=\"width=device-width, "
                           "initial-scale=1\">\n<title>");
    ent__escape_html(&page, title[0] ? title : "entente report");
    ent_strbuf_adds(&page, "</title>\n<style>\n");
    ent_strbuf_adds(&page, css);
    ent_strbuf_adds(&page, "</style>\n</head>\n<body>\n<nav id=\"nav\">\n");
    ent_strbuf_adds(&page, ent_strbuf_str(&r.nav));
    ent_strbuf_adds(&page, "</nav>\n<main>\n<h1>");
    ent__escape_html(&page, title[0] ? title : "entente report");
    ent_strbuf_adds(&page, "</h1>\n<p class=\"note\">Written by entente from the graph files named "
                           "below.</p>\n");
    ent_strbuf_adds(&page, ent_strbuf_str(&r.h));
    ent_strbuf_adds(&page, "</section>\n</main>\n</body>\n</html>\n");
    ent_strbuf_adds(&mdown, "# ");
    ent__escape_md(&mdown, title[0] ? title : "entente report", 1);
    ent_strbuf_adds(&mdown,
                    "\n\nWritten by entente from the graph files named below. Contents:\n\n");
    for (size_t i = 0; i < r.n_secs; i++) {
        ent_strbuf_adds(&mdown, "- [");
        ent__escape_md(&mdown, r.secs[i].title, 1);
        ent_strbuf_adds(&mdown, "](#");
        ent_strbuf_adds(&mdown, r.secs[i].id);
        ent_strbuf_adds(&mdown, ")\n");
    }
    ent_strbuf_adds(&mdown, ent_strbuf_str(&r.m));
    if (page.failed || mdown.failed || r.h.failed || r.m.failed || r.nav.failed)
        ent__report_fail(&r, ENT_ENOMEM);
    if (!r.rc)
        ent__report_write_file(&r, "index.html", page.buf, page.len);
    if (!r.rc)
        ent__report_write_file(&r, "report.md", mdown.buf, mdown.len);
    ent_strbuf_release(&page);
    ent_strbuf_release(&mdown);
    if (!r.rc)
        write_results(&r);
    if (!r.rc && summary) {
        if (r.summary.failed || !(*summary = strdup(ent_strbuf_str(&r.summary))))
            ent__report_fail(&r, ENT_ENOMEM);
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
        ent_blocs_found_free(r.blocs[i]);
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

void ent_report_summary_free(char *summary)
{
    free(summary);
}
