/*
 * pass_explain.c: which relation changes account for one actor's change of a
 * metric between two dates.
 *
 * Attribution is computed, not guessed: for each edge that changed (formed,
 * dissolved, sign-flipped, or of changed intensity), the metric is computed
 * again on the later snapshot with that one change reverted, and the
 * difference is that change's contribution. For the strengths this is exact
 * and the contributions add up to the total change; for PageRank,
 * betweenness and the PN index changes interact, and the table's note gives
 * the part that one-at-a-time reversal does not account for.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "passes/common.h"
#include "util/error.h"
#include "passes/metrics.h"

/* At most this many changes are tried (each costs one metric computation). */
#define MAX_TRIED 200

typedef struct change {
    const ent_edge *ea, *eb; /* the pair's edge on each date, or NULL */
    const char *kind;
    double delta;        /* |weight after - weight before| */
    int incident;        /* touches the actor */
    double contribution; /* NaN until computed */
    const char *sid, *tid; /* the pair's actor ids, for ties in sorting */
} change;

typedef struct collect_ctx {
    change *items;
    size_t n, cap;
    uint32_t actor;
    int oom;
} collect_ctx;

static void collect(void *ud, const ent_edge *ea, const ent_edge *eb)
{
    collect_ctx *c = ud;
    const char *kind = ent__pair_change(ea, eb);
    if (!kind || c->oom)
        return;
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        change *items = realloc(c->items, cap * sizeof *items);
        if (!items) {
            c->oom = 1;
            return;
        }
        c->items = items;
        c->cap = cap;
    }
    const ent_edge *any = ea ? ea : eb;
    change *x = &c->items[c->n++];
    x->ea = ea;
    x->eb = eb;
    x->kind = kind;
    x->delta = fabs((eb ? eb->weight : 0) - (ea ? ea->weight : 0));
    x->incident = any->source == c->actor || any->target == c->actor;
    x->contribution = NAN;
}

static int by_priority(const void *x, const void *y)
{
    const change *a = x, *b = y;
    if (a->incident != b->incident)
        return b->incident - a->incident;
    if (a->delta != b->delta)
        return a->delta > b->delta ? -1 : 1;
    return 0;
}

static int by_contribution(const void *x, const void *y)
{
    const change *a = x, *b = y;
    double ca = isnan(a->contribution) ? -1 : fabs(a->contribution);
    double cb = isnan(b->contribution) ? -1 : fabs(b->contribution);
    if (ca != cb)
        return ca > cb ? -1 : 1;
    int s = strcmp(a->sid, b->sid);
    return s ? s : strcmp(a->tid, b->tid);
}

/*
 * The metric of `actor` on view b with the pair of `c` put back as it was on
 * the earlier date (0 when the actor is not among the vertices).
 */
static int reverted_value(const ent_view *a, const ent_view *b, const elist *eb,
                          const uint32_t *map_b, const change *c, ent_metric metric, uint32_t actor,
                          double *value)
{
    const ent_graph *g = ent_view_graph(b);
    size_t na = ent_graph_actor_count(g);
    uint32_t *map = malloc((na ? na : 1) * sizeof *map);
    elist e;
    memset(&e, 0, sizeof e);
    double *out = NULL;
    int rc = ENT_OK;
    if (!map)
        return ent_error_set(ENT_ENOMEM, "out of memory reverting a change");
    memcpy(map, map_b, na * sizeof *map);
    e.n = eb->n;
    if (c->ea) {
        if (map[c->ea->source] == UINT32_MAX)
            map[c->ea->source] = (uint32_t)e.n++;
        if (map[c->ea->target] == UINT32_MAX)
            map[c->ea->target] = (uint32_t)e.n++;
    }
    /* eb holds b's edges in the view's order, with their reliance. */
    for (size_t i = 0; !rc && i < ent_view_edge_count(b); i++) {
        const ent_edge *x = ent_view_edge(b, i);
        if (x == c->eb)
            continue;
        rc = ent__elist_push(&e, map[x->source], map[x->target], x->positive, x->negative,
                             eb->rel_to[i], eb->rel_from[i], x->mirrored);
    }
    if (!rc && c->ea) {
        double rt, rf;
        ent__edge_reliance(a, c->ea, &rt, &rf);
        rc = ent__elist_push(&e, map[c->ea->source], map[c->ea->target], c->ea->positive,
                             c->ea->negative, rt, rf, c->ea->mirrored);
    }
    if (!rc && !(out = malloc((e.n ? e.n : 1) * sizeof *out)))
        rc = ent_error_set(ENT_ENOMEM, "out of memory for the explanation table");
    if (!rc)
        rc = ent__metric_compute(&e, metric, out);
    if (!rc)
        *value = map[actor] == UINT32_MAX ? 0 : out[map[actor]];
    free(out);
    free(map);
    ent__elist_release(&e);
    return rc;
}

static double or_zero(double x)
{
    return isnan(x) ? 0 : x;
}

/* x as the note shows it with `dec` decimals: a value that rounds to zero is
 * 0, never -0 (a sum of contributions may miss the change by 1e-16). */
static double shown(double x, int dec)
{
    return fabs(x) < 0.5 * pow(10, -dec) ? 0 : x;
}

int ent_explain_table(ent_table **out, const ent_view *a, const ent_view *b, uint32_t actor,
                      const ent_analysis_options *opts)
{
    *out = NULL;
    if (opts &&
        ent__options_version(opts->version, ENT_ANALYSIS_OPTIONS_VERSION, "ent_analysis_options"))
        return ENT_EUSAGE;
    const ent_graph *g = ent_view_graph(b);
    ent_metric metric = opts ? opts->metric : ENT_METRIC_LEVERAGE;
    size_t top = opts ? opts->top : 0;
    collect_ctx cc = {NULL, 0, 0, actor, 0};
    ent_metrics *ma = NULL, *mb = NULL;
    elist eb;
    uint32_t *map_b = NULL, *back_b = NULL;
    ent_strbuf sb = ENT_STRBUF_INIT;
    tb t = {NULL, ENT_OK};
    memset(&eb, 0, sizeof eb);
    *out = NULL;

    ent__walk_pairs(a, b, collect, &cc);
    int rc = cc.oom ? ent_error_set(ENT_ENOMEM, "out of memory listing the changes") : ENT_OK;
    if (!rc)
        rc = ent_metrics_compute(&ma, a, 1u << metric);
    if (!rc)
        rc = ent_metrics_compute(&mb, b, 1u << metric);
    if (!rc)
        rc = ent__elist_from_view(&eb, &map_b, &back_b, b);
    if (rc)
        goto done;
    double before = or_zero(ma->values[metric][actor]);
    double after = or_zero(mb->values[metric][actor]);

    /* Try the changes most likely to matter first: those touching the actor,
     * then by size. */
    if (cc.n)
        qsort(cc.items, cc.n, sizeof *cc.items, by_priority);
    size_t tried = cc.n < MAX_TRIED ? cc.n : MAX_TRIED;
    double sum = 0;
    for (size_t i = 0; !rc && i < tried; i++) {
        double v = 0;
        rc = reverted_value(a, b, &eb, map_b, &cc.items[i], metric, actor, &v);
        if (!rc) {
            cc.items[i].contribution = after - v;
            sum += after - v;
        }
    }
    if (rc)
        goto done;
    /* The ids the sort breaks ties by, in the items: no shared state, so
     * explanations may run on several threads. */
    for (size_t i = 0; i < tried; i++) {
        const ent_edge *e = cc.items[i].ea ? cc.items[i].ea : cc.items[i].eb;
        cc.items[i].sid = ent_graph_actor(g, e->source)->id;
        cc.items[i].tid = ent_graph_actor(g, e->target)->id;
    }
    if (tried)
        qsort(cc.items, tried, sizeof *cc.items, by_contribution);

    char d1[11], d2[11], title[256], note[512];
    ent__day_str(ent_view_day(a), d1);
    ent__day_str(ent_view_day(b), d2);
    snprintf(title, sizeof title, "changes that explain the shift of %s of %s from %s to %s",
             ent_metric_name(metric), ent_graph_actor(g, actor)->id, d1, d2);
    if (!(t.t = ent__table_new(title))) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory for the explanation table");
        goto done;
    }
    int dec = ent__metric_decimals(metric);
    ent__tb_col(&t, "change", ENT_COL_STRING, 0);
    ent__tb_col(&t, "source", ENT_COL_STRING, 0);
    ent__tb_col(&t, "target", ENT_COL_STRING, 0);
    ent__tb_col(&t, "weight_before", ENT_COL_REAL, 2);
    ent__tb_col(&t, "weight_after", ENT_COL_REAL, 2);
    ent__tb_col(&t, "contribution", ENT_COL_REAL, dec);
    ent__tb_col(&t, "relations", ENT_COL_STRING, 0);
    ent__tb_col(&t, "evidence", ENT_COL_STRING, 0);
    for (size_t i = 0; i < tried && (!top || i < top); i++) {
        const change *c = &cc.items[i];
        const ent_edge *any = c->eb ? c->eb : c->ea;
        ent__tb_row(&t);
        ent__tb_str(&t, 0, c->kind);
        ent__tb_str(&t, 1, ent_graph_actor(g, any->source)->id);
        ent__tb_str(&t, 2, ent_graph_actor(g, any->target)->id);
        ent__tb_real(&t, 3, c->ea ? c->ea->weight : NAN);
        ent__tb_real(&t, 4, c->eb ? c->eb->weight : NAN);
        ent__tb_real(&t, 5, c->contribution);
        /* The relations that make the edge what it became, or what it was. */
        ent_strbuf_reset(&sb);
        ent__describe_edge(g, any, &sb);
        if (c->ea && c->eb && c->ea != c->eb) {
            ent_strbuf_adds(&sb, " (before: ");
            ent__describe_edge(g, c->ea, &sb);
            ent_strbuf_adds(&sb, ")");
        }
        ent__tb_str(&t, 6, ent_strbuf_str(&sb));
        ent_strbuf_reset(&sb);
        ent__describe_evidence(g, any, &sb);
        ent__tb_str(&t, 7, ent_strbuf_str(&sb));
    }
    snprintf(note, sizeof note,
             "%s of %s: %.*f on %s, %.*f on %s, a change of %.*f; the contributions listed "
             "add up to %.*f, leaving %.*f that comes from changes acting together",
             ent_metric_name(metric), ent_graph_actor(g, actor)->id, dec, shown(before, dec), d1,
             dec, shown(after, dec), d2, dec, shown(after - before, dec), dec, shown(sum, dec), dec,
             shown((after - before) - sum, dec));
    ent__tb_note(&t, note);
    ent__view_note(&t, b);
    if (cc.n > tried) {
        snprintf(note, sizeof note,
                 "%zu edges changed; the %d touching the actor or changing most were tried", cc.n,
                 MAX_TRIED);
        ent__tb_note(&t, note);
    }
    rc = t.rc        ? t.rc
         : sb.failed ? ent_error_set(ENT_ENOMEM, "out of memory for the explanation table")
                     : ENT_OK;
done:
    free(cc.items);
    free(map_b);
    free(back_b);
    ent__elist_release(&eb);
    ent_metrics_free(ma);
    ent_metrics_free(mb);
    ent_strbuf_release(&sb);
    if (rc)
        ent_table_free(t.t);
    else
        *out = t.t;
    return rc;
}
