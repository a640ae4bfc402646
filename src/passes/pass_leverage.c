/*
 * pass_leverage.c: the pairs behind one actor's leverage and reliance: on
 * whom it relies and how much of its reliance falls on each, and who relies
 * on it. The figures are those of the leverage metric (reliance.c), so the
 * leverage column of the "relied on by" rows adds up to the actor's leverage.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "passes/metrics.h"
#include "util/error.h"

typedef struct pair_row {
    int relies_on; /* 1: the actor relies on `other`; 0: `other` relies on the actor */
    uint32_t other;
    double amount, share, leverage;
} pair_row;

static int by_part_then_leverage(const void *x, const void *y)
{
    const pair_row *a = x, *b = y;
    if (a->relies_on != b->relies_on)
        return b->relies_on - a->relies_on;
    if (a->leverage != b->leverage)
        return a->leverage > b->leverage ? -1 : 1;
    return (a->other > b->other) - (a->other < b->other);
}

/* The relations of the edge s -> t that add to `client`'s reliance on `patron`. */
static void add_relations(const ent_view *v, uint32_t s, uint32_t t, uint32_t client,
                          uint32_t patron, ent_strbuf *rels, ent_strbuf *evid)
{
    const ent_graph *g = ent_view_graph(v);
    const ent_edge *x = ent_view_find_edge(v, s, t);
    ent_reliance d[2];
    for (size_t k = 0; x && k < x->n_relations; k++) {
        uint32_t r = x->relations[k];
        int n = ent_relation_reliance(v, r, d), hit = -1;
        /* A symmetric relation stands behind both directions' edges: name it
         * under the edge of its own direction only. */
        if (ent_graph_relation(g, r)->source != s)
            continue;
        for (int i = 0; i < n; i++)
            if (d[i].client == client && d[i].patron == patron)
                hit = i;
        if (hit < 0)
            continue;
        if (rels->len)
            ent_strbuf_adds(rels, "; ");
        ent__describe_relation(g, r, rels);
        ent_strbuf_addf(rels, " (%+.2f)", d[hit].amount);
        ent_edge one = {0, 0, 0, 0, 0, &x->relations[k], 1, 0};
        if (evid->len && ent_graph_relation(g, r)->n_evidence)
            ent_strbuf_adds(evid, " | ");
        ent__describe_evidence(g, &one, evid);
    }
}

int ent_leverage_table(ent_table **out, const ent_view *v, uint32_t actor)
{
    const ent_graph *g = ent_view_graph(v);
    elist e;
    reliance r;
    uint32_t *map = NULL, *back = NULL;
    pair_row *rows = NULL;
    size_t n = 0;
    tb t = {NULL, ENT_OK};
    ent_strbuf rels = ENT_STRBUF_INIT, evid = ENT_STRBUF_INIT;
    *out = NULL;
    memset(&r, 0, sizeof r);
    if (actor >= ent_graph_actor_count(g))
        return ent_error_set(ENT_EUSAGE, "ent_leverage_table: no actor %u", (unsigned)actor);
    int rc = ent__elist_from_view(&e, &map, &back, v);
    if (rc)
        return rc;
    if ((rc = ent__reliance_compute(&e, &r)))
        goto done;
    uint32_t me = map[actor];
    double own_total = 0, own_leverage = 0;
    size_t cap = 0;
    if (me != UINT32_MAX) {
        own_total = e.n ? r.total[me] : 0;
        cap = r.start[me + 1] - r.start[me];
        for (size_t c = 0; c < e.n; c++)
            for (size_t k = r.start[c]; k < r.start[c + 1]; k++)
                cap += r.patron[k] == me;
    }
    rows = malloc((cap ? cap : 1) * sizeof *rows);
    if (!rows) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    if (me != UINT32_MAX) {
        for (size_t k = r.start[me]; k < r.start[me + 1]; k++) {
            double share = r.amount[k] / r.total[me];
            rows[n++] = (pair_row){1, back[r.patron[k]], r.amount[k], share, r.amount[k] * share};
        }
        for (size_t c = 0; c < e.n; c++)
            for (size_t k = r.start[c]; k < r.start[c + 1]; k++)
                if (r.patron[k] == me) {
                    double share = r.amount[k] / r.total[c];
                    rows[n++] = (pair_row){0, back[c], r.amount[k], share, r.amount[k] * share};
                    own_leverage += r.amount[k] * share;
                }
    }
    qsort(rows, n, sizeof *rows, by_part_then_leverage);

    char day[11], title[256];
    snprintf(title, sizeof title, "reliance and leverage of %s on %s",
             ent_graph_actor(g, actor)->id, ent__day_str(ent_view_day(v), day));
    if (!(t.t = ent__table_new(title))) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    ent__tb_col(&t, "direction", ENT_COL_STRING, 0);
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "reliance", ENT_COL_REAL, 3);
    ent__tb_col(&t, "share", ENT_COL_REAL, 3);
    ent__tb_col(&t, "leverage", ENT_COL_REAL, 3);
    ent__tb_col(&t, "relations", ENT_COL_STRING, 0);
    ent__tb_col(&t, "evidence", ENT_COL_STRING, 0);
    for (size_t i = 0; i < n; i++) {
        const pair_row *p = &rows[i];
        uint32_t client = p->relies_on ? actor : p->other;
        uint32_t patron = p->relies_on ? p->other : actor;
        const ent_actor *o = ent_graph_actor(g, p->other);
        ent__tb_row(&t);
        ent__tb_str(&t, 0, p->relies_on ? "relies on" : "relied on by");
        ent__tb_str(&t, 1, o->id);
        ent__tb_str(&t, 2, o->name);
        ent__tb_real(&t, 3, p->amount);
        ent__tb_real(&t, 4, p->share);
        ent__tb_real(&t, 5, p->leverage);
        ent_strbuf_reset(&rels);
        ent_strbuf_reset(&evid);
        add_relations(v, patron, client, client, patron, &rels, &evid);
        add_relations(v, client, patron, client, patron, &rels, &evid);
        ent__tb_str(&t, 6, ent_strbuf_str(&rels));
        ent__tb_str(&t, 7, ent_strbuf_str(&evid));
    }
    char note[512];
    snprintf(note, sizeof note,
             "%s relies on others for %.3f in all (the 'relies on' rows; share: of that total) "
             "and holds leverage %.3f (the sum of the 'relied on by' rows; share: of each "
             "client's own total)",
             ent_graph_actor(g, actor)->id, own_total, own_leverage);
    ent__tb_note(&t, note);
    ent__tb_note(&t, "reliance: provides (target on source), seeks and yields (source on target), "
                     "membership of a collective-defence alliance (member on alliance), less "
                     "refusals; words count half, events half again; leverage = reliance x share");
    ent__view_note(&t, v);
    rc = t.rc ? t.rc : (rels.failed || evid.failed) ? ENT_ENOMEM : ENT_OK;
    if (rc)
        ent_error_set(rc, "out of memory");
done:
    free(rows);
    free(map);
    free(back);
    ent__reliance_release(&r);
    ent__elist_release(&e);
    ent_strbuf_release(&rels);
    ent_strbuf_release(&evid);
    if (rc)
        ent_table_free(t.t);
    else
        *out = t.t;
    return rc;
}
