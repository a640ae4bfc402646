/*
 * pass_timeline.c: per-actor metrics at a series of dates, as one long table
 * (date, actor, name, metric, value, rank).
 *
 * Taking a fresh snapshot per step costs a scan of every relation and two
 * counting sorts of those in force, each time. The sweep here does the
 * selection once: every relation kept by the options is put, before the
 * first step, in the bucket of the step at which it comes into force and in
 * that of the step at which it leaves (binary search over the days), and
 * every ordered pair of actors that some relation links gets a slot, numbered
 * in (source, target) order. A step then removes the relations of its exit
 * bucket and adds those of its entry bucket to their slots' sums. With a
 * half-life, events weigh less every day: they are kept in a list of their
 * own and weighed again at every step.
 *
 * Leverage, the default metric, is kept up to date from the slots' reliance
 * (leverage_live.c): a step sums again only the clients whose reliance
 * changed and the patrons whose terms did. Any other metric, and the pairs'
 * alignment, read the step's edge list, formed on demand from the live slots
 * in slot order (the order in which a view gives its edges) and computed by
 * the code 'influence' runs (src/passes/metrics.c). Every sum is taken in
 * the order a fresh snapshot takes it, so the values are the same to the last
 * bit. docs/analyses.md, "Metrics over time", states the rules and the cost.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "entente/timeline.h"
#include "passes/common.h"
#include "passes/leverage_live.h"
#include "passes/metrics.h"
#include "snapshot/reliance.h"
#include "util/error.h"

/* ---------------------------------------------------------------------------
 * Steps
 * ------------------------------------------------------------------------- */

static const char *const every_names[ENT_EVERY_COUNT_] = {"day", "week", "month", "quarter",
                                                          "year"};

const char *ent_every_name(ent_every e)
{
    return (unsigned)e < ENT_EVERY_COUNT_ ? every_names[e] : "unknown";
}

int ent_every_from_name(const char *name)
{
    for (int e = 0; e < ENT_EVERY_COUNT_; e++)
        if (strcmp(name, every_names[e]) == 0)
            return e;
    return -1;
}

/* The day `k` periods of `months` months after `start` (day of month kept,
 * or the month's last day), or INT32_MAX past year 9999. */
static int32_t months_after(ent_date start, long k, int months)
{
    long m0 = (long)start.year * 12 + (start.month - 1) + k * months;
    long year = m0 / 12, month = m0 % 12 + 1;
    if (year > 9999)
        return INT32_MAX;
    int last = ent_date_days_in_month((int)year, (int)month);
    ent_date d = {(int16_t)year, (uint8_t)month, (uint8_t)(start.day < last ? start.day : last)};
    return ent_date_first_day(d);
}

int ent_timeline_days(int32_t **days_out, size_t *n_out, int32_t from, int32_t to, ent_every every,
                      size_t max_steps)
{
    *days_out = NULL;
    *n_out = 0;
    if (from > to)
        return ent_error_set(ENT_EUSAGE, "the timeline's start comes after its end");
    if ((unsigned)every >= ENT_EVERY_COUNT_)
        return ent_error_set(ENT_EUSAGE, "unknown step");
    static const int months[ENT_EVERY_COUNT_] = {0, 0, 1, 3, 12};
    ent_date start = ent_date_from_day(from);
    size_t n = 0, cap = 0;
    int32_t *days = NULL;
    for (long k = 0;; k++) {
        int32_t d = every == ENT_EVERY_DAY    ? (int32_t)(from + k)
                    : every == ENT_EVERY_WEEK ? (int32_t)(from + 7 * k)
                                              : months_after(start, k, months[every]);
        int last = d >= to;
        if (d > to)
            d = to;
        if (max_steps && n == max_steps) {
            free(days);
            return ent_error_set(ENT_EUSAGE,
                                 "the timeline would have more than %zu steps; choose a longer "
                                 "step or a shorter span",
                                 max_steps);
        }
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 64;
            int32_t *grown = realloc(days, nc * sizeof *grown);
            if (!grown) {
                free(days);
                return ent_error_set(ENT_ENOMEM, "out of memory while listing the timeline's days");
            }
            days = grown;
            cap = nc;
        }
        days[n++] = d;
        if (last)
            break;
    }
    *days_out = days;
    *n_out = n;
    return ENT_OK;
}

void ent_timeline_days_free(int32_t *days)
{
    free(days);
}

int ent_metric_decimals(ent_metric m)
{
    return ent__metric_decimals(m);
}

/* ---------------------------------------------------------------------------
 * The sweep
 * ------------------------------------------------------------------------- */

/* What the relations in force add to one ordered pair (an edge), as a view
 * sums them (src/snapshot/view.c). */
typedef struct agg {
    double pos, neg, mirrored; /* positive and negative weights; the mirrored part */
    double rel_to, rel_from;   /* reliance of the target on the source, and back */
} agg;

/* What an amount of reliance is multiplied by for ent_rel_span.halvings. */
static const double halved[3] = {1.0, 0.5, 0.25};

/*
 * Adds what relation r read in direction `dir` (0: as coded; 1: a symmetric
 * relation read from its target) with weight w brings to an edge's sums, by
 * the same rules and in the same order of operations as the view's grouping,
 * so that the sums come out the same to the last bit.
 */
static void contribute(agg *x, const ent_rel_span *r, int dir, double w)
{
    int code = dir ? r->rely_back : r->rely;
    if (code != ENT_RELY_NONE && w != 0) {
        double amount = fabs(w) * halved[r->halvings];
        uint32_t s = dir ? r->target : r->source, t = dir ? r->source : r->target;
        if (code == ENT_RELY_TO_ON_FROM)
            x->rel_to += amount;
        else if (code == ENT_RELY_REFUSAL)
            x->rel_to -= amount;
        else if (s == t)
            x->rel_to += amount;
        else
            x->rel_from += amount;
    }
    if (dir)
        x->mirrored += w;
    if (w > 0)
        x->pos += w;
    else
        x->neg += w;
}

#define NONE UINT32_MAX

typedef struct sweep {
    const ent_graph *g;
    const ent_rel_span *spans; /* the graph's, one per relation */
    ent_view_options o; /* window at least 1 day */
    const int32_t *days;
    size_t n_days, next; /* the next step to take */
    size_t na, nr;
    /* Buckets: enter_rel[enter_start[k] .. enter_start[k + 1]) come into force at step k,
     * exit_rel[...] leave it (are no longer in force) at step k. */
    size_t *enter_start, *exit_start;
    uint32_t *enter_rel, *exit_rel;
    /* Slots: one per ordered pair some relation in play links, numbered in (source,
     * target) order. slot_refs[slot_start[x] .. slot_start[x + 1]) are the relations
     * of slot x as 2 * relation + direction, in relation order (the order in which a
     * view sums them); rel_slot[2 r + dir] is the slot of relation r read in direction
     * dir. */
    uint32_t *rel_slot, *slot_refs;
    size_t *slot_start;
    size_t n_slots;
    uint32_t *slot_src, *slot_tgt;
    uint32_t *slot_count;      /* relations in force behind the slot */
    unsigned char *slot_dirty; /* its sums must be taken again this step */
    agg *slot_agg;             /* the sums of the relations in force */
    uint64_t *live;            /* bit x: slot x has relations in force; read in slot
                                  order, the live slots are the view's edges in its order */
    uint32_t *dirty; /* the slots to sum again this step */
    size_t n_dirty;
    unsigned char *rel_live; /* per relation: in force at the current step */
    /* Events that decay (with a half-life): the ones in force, weighed at each step. */
    uint32_t *decaying, *decaying_pos; /* list, and per relation its position or NONE */
    size_t n_decaying;
    uint32_t *touch; /* per actor: relations in force it takes part in */
    int32_t *exists_from, *exists_to; /* per actor: the days it exists, as a view reads them */
    /* The current step's snapshot, as the metrics read it. */
    int32_t day;
    unsigned char *present;
    live_leverage *lev; /* leverage kept up to date from the slots' reliance, or NULL */
    /* The step's edge list, formed only when a metric other than leverage (or a pair)
     * asks for it: */
    int have_edges;       /* e, map and back are the current step's */
    uint32_t *map, *back; /* actor -> vertex (NONE when absent), vertex -> actor */
    elist e;
    double *tmp;
} sweep;

static void sweep_free(sweep *s)
{
    if (!s)
        return;
    free(s->enter_start), free(s->exit_start), free(s->enter_rel), free(s->exit_rel);
    free(s->rel_slot), free(s->slot_refs), free(s->slot_start), free(s->slot_src);
    free(s->slot_tgt), free(s->slot_count), free(s->slot_dirty), free(s->exists_from);
    free(s->exists_to);
    free(s->slot_agg), free(s->live), free(s->dirty), free(s->rel_live);
    free(s->decaying), free(s->decaying_pos), free(s->touch);
    free(s->present), free(s->map), free(s->back), free(s->tmp);
    ent__live_leverage_free(s->lev);
    ent__elist_release(&s->e);
    free(s);
}

/* The first step whose day is at or after `day` (n_days when none). */
static size_t step_at(const int32_t *days, size_t n, int64_t day)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((int64_t)days[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A directed pair while numbering the slots. */
typedef struct pair_ref {
    uint32_t source, target;
    uint32_t ref; /* 2 * relation + direction */
} pair_ref;

/* Numbers the slots of the relations in play (marked in `enter`; NONE: not in play)
 * by (source, target), and lists each slot's relations. */
static int number_slots(sweep *s, const uint32_t *enter)
{
    const ent_rel_span *spans = s->spans;
    size_t np = 0, na = s->na;
    for (size_t r = 0; r < s->nr; r++)
        if (enter[r] != NONE)
            np += 1 + spans[r].symmetric;
    pair_ref *p = malloc((np ? np : 1) * sizeof *p), *q = malloc((np ? np : 1) * sizeof *q);
    size_t *count = calloc(na + 1, sizeof *count);
    int rc = ENT_OK;
    if (!p || !q || !count) {
        rc = ENT_ENOMEM;
        goto done;
    }
    np = 0;
    for (size_t r = 0; r < s->nr; r++) {
        if (enter[r] == NONE)
            continue;
        const ent_rel_span *x = &spans[r];
        p[np++] = (pair_ref){x->source, x->target, (uint32_t)(2 * r)};
        if (x->symmetric)
            p[np++] = (pair_ref){x->target, x->source, (uint32_t)(2 * r + 1)};
    }
    /* Counting sort by target, then stably by source: relation order within a pair. */
    for (int pass = 0; pass < 2; pass++) {
        memset(count, 0, (na + 1) * sizeof *count);
        for (size_t k = 0; k < np; k++)
            count[(pass ? p[k].source : p[k].target) + 1]++;
        for (size_t a = 0; a < na; a++)
            count[a + 1] += count[a];
        for (size_t k = 0; k < np; k++)
            q[count[pass ? p[k].source : p[k].target]++] = p[k];
        pair_ref *t = p;
        p = q;
        q = t;
    }
    size_t ns = 0;
    for (size_t k = 0; k < np; k++)
        ns += k == 0 || p[k].source != p[k - 1].source || p[k].target != p[k - 1].target;
    s->slot_refs = malloc((np ? np : 1) * sizeof *s->slot_refs);
    s->slot_start = malloc((ns + 1) * sizeof *s->slot_start);
    s->slot_src = malloc((ns ? ns : 1) * sizeof *s->slot_src);
    s->slot_tgt = malloc((ns ? ns : 1) * sizeof *s->slot_tgt);
    s->slot_count = calloc(ns ? ns : 1, sizeof *s->slot_count);
    s->slot_dirty = calloc(ns ? ns : 1, 1);
    s->slot_agg = calloc(ns ? ns : 1, sizeof *s->slot_agg);
    s->live = calloc(ns / 64 + 1, sizeof *s->live);
    s->dirty = malloc((ns ? ns : 1) * sizeof *s->dirty);
    if (!s->slot_refs || !s->slot_start || !s->slot_src || !s->slot_tgt || !s->slot_count ||
        !s->slot_dirty || !s->slot_agg || !s->live || !s->dirty) {
        rc = ENT_ENOMEM;
        goto done;
    }
    ns = 0;
    for (size_t k = 0; k < np; k++) {
        if (k == 0 || p[k].source != p[k - 1].source || p[k].target != p[k - 1].target) {
            s->slot_src[ns] = p[k].source;
            s->slot_tgt[ns] = p[k].target;
            s->slot_start[ns++] = k;
        }
        s->slot_refs[k] = p[k].ref;
        s->rel_slot[p[k].ref] = (uint32_t)(ns - 1);
    }
    s->slot_start[ns] = np;
    s->n_slots = ns;
done:
    free(p);
    free(q);
    free(count);
    return rc;
}

static int sweep_new(sweep **out, const ent_graph *g, const ent_view_options *vo,
                     const int32_t *days, size_t n_days, int want_leverage)
{
    *out = NULL;
    sweep *s = calloc(1, sizeof *s);
    uint32_t *enter = NULL, *leave = NULL;
    if (!s)
        return ent_error_set(ENT_ENOMEM, "out of memory while preparing the timeline");
    s->g = g;
    s->spans = ent__graph_spans(g);
    if (vo)
        s->o = *vo;
    else
        ent_view_options_init(&s->o);
    if (s->o.window_days < 1)
        s->o.window_days = 1;
    s->days = days;
    s->n_days = n_days;
    s->na = ent_graph_actor_count(g);
    s->nr = ent_graph_relation_count(g);
    size_t na = s->na, nr = s->nr, nd = n_days;
    enter = malloc((nr ? nr : 1) * sizeof *enter);
    leave = malloc((nr ? nr : 1) * sizeof *leave);
    s->enter_start = calloc(nd + 2, sizeof *s->enter_start);
    s->exit_start = calloc(nd + 2, sizeof *s->exit_start);
    s->rel_slot = malloc((nr ? 2 * nr : 1) * sizeof *s->rel_slot);
    s->rel_live = calloc(nr ? nr : 1, 1);
    s->decaying_pos = malloc((nr ? nr : 1) * sizeof *s->decaying_pos);
    s->touch = calloc(na ? na : 1, sizeof *s->touch);
    s->present = calloc(na ? na : 1, 1);
    s->map = malloc((na ? na : 1) * sizeof *s->map);
    s->back = malloc((na ? na : 1) * sizeof *s->back);
    s->tmp = malloc((na ? na : 1) * sizeof *s->tmp);
    s->exists_from = malloc((na ? na : 1) * sizeof *s->exists_from);
    s->exists_to = malloc((na ? na : 1) * sizeof *s->exists_to);
    if (!enter || !leave || !s->enter_start || !s->exit_start || !s->rel_slot || !s->rel_live ||
        !s->decaying_pos || !s->touch || !s->present || !s->map || !s->back || !s->tmp ||
        !s->exists_from || !s->exists_to)
        goto oom;
    /* An actor exists from the last day of the period of its `from` (when it surely
     * existed, as for relations) to the last day of its `to`. */
    for (size_t a = 0; a < na; a++) {
        const ent_actor *x = ent_graph_actor(g, a);
        s->exists_from[a] = x->from.year ? ent_date_last_day(x->from) : INT32_MIN;
        s->exists_to[a] = x->to.year ? ent_date_last_day(x->to) : INT32_MAX;
    }
    /* The step at which each kept relation comes into force and the one at which it
     * has left it: in force on day d when begins <= d and d < its end, the day after
     * its last (durable), or `window` days after its last (an event), as a view reads
     * it. */
    size_t n_play = 0, n_exit = 0;
    const ent_rel_span *spans = s->spans;
    for (size_t r = 0; r < nr; r++) {
        const ent_rel_span *x = &spans[r];
        s->decaying_pos[r] = NONE;
        s->rel_slot[2 * r] = s->rel_slot[2 * r + 1] = NONE;
        enter[r] = leave[r] = NONE;
        if (!ent_view_options_keep(g, &s->o, (uint32_t)r) || isnan(x->intensity))
            continue;
        int64_t end = x->durable ? (x->last == INT32_MAX ? INT64_MAX : (int64_t)x->last + 1)
                                 : (int64_t)x->last + s->o.window_days;
        size_t k0 = step_at(days, nd, x->begins), k1 = step_at(days, nd, end);
        if (k0 >= k1)
            continue; /* never in force on a step */
        enter[r] = (uint32_t)k0;
        leave[r] = (uint32_t)k1;
        s->enter_start[k0 + 1]++;
        if (k1 < nd) {
            s->exit_start[k1 + 1]++;
            n_exit++;
        }
        n_play++;
    }
    for (size_t k = 0; k < nd; k++) {
        s->enter_start[k + 1] += s->enter_start[k];
        s->exit_start[k + 1] += s->exit_start[k];
    }
    s->enter_rel = malloc((n_play ? n_play : 1) * sizeof *s->enter_rel);
    s->exit_rel = malloc((n_exit ? n_exit : 1) * sizeof *s->exit_rel);
    s->decaying = malloc((n_play ? n_play : 1) * sizeof *s->decaying);
    if (!s->enter_rel || !s->exit_rel || !s->decaying)
        goto oom;
    /* Fill the buckets in relation order: each start moves up as its bucket fills,
     * then they shift back by one. */
    for (size_t r = 0; r < nr; r++) {
        if (enter[r] == NONE)
            continue;
        s->enter_rel[s->enter_start[enter[r]]++] = (uint32_t)r;
        if (leave[r] < nd)
            s->exit_rel[s->exit_start[leave[r]]++] = (uint32_t)r;
    }
    for (size_t k = nd; k > 0; k--) {
        s->enter_start[k] = s->enter_start[k - 1];
        s->exit_start[k] = s->exit_start[k - 1];
    }
    s->enter_start[0] = s->exit_start[0] = 0;
    if (number_slots(s, enter))
        goto oom;
    free(enter);
    free(leave);
    if (want_leverage &&
        ent__live_leverage_new(&s->lev, na, s->n_slots, s->slot_src, s->slot_tgt)) {
        sweep_free(s);
        return ENT_ENOMEM; /* the message is set */
    }
    *out = s;
    return ENT_OK;
oom:
    free(enter);
    free(leave);
    sweep_free(s);
    return ent_error_set(ENT_ENOMEM, "out of memory while preparing the timeline");
}

/* Whether relation r weighs differently at every step: an event under a half-life. */
static int decays(const sweep *s, const ent_rel_span *r)
{
    return !r->durable && s->o.half_life_days > 0;
}

static void mark_dirty(sweep *s, uint32_t slot)
{
    if (!s->slot_dirty[slot]) {
        s->slot_dirty[slot] = 1;
        s->dirty[s->n_dirty++] = slot;
    }
}

/* Puts relation r in force (sign +1) or takes it out (-1). */
static void apply(sweep *s, uint32_t r, int sign)
{
    const ent_rel_span *x = &s->spans[r];
    s->rel_live[r] = sign > 0;
    if (decays(s, x) && sign > 0) {
        s->decaying_pos[r] = (uint32_t)s->n_decaying;
        s->decaying[s->n_decaying++] = r;
    } else if (decays(s, x)) {
        uint32_t at = s->decaying_pos[r], last = s->decaying[--s->n_decaying];
        s->decaying[at] = last;
        s->decaying_pos[last] = at;
        s->decaying_pos[r] = NONE;
    }
    s->touch[x->source] += (uint32_t)sign;
    s->touch[x->target] += (uint32_t)sign;
    for (int dir = 0; dir <= x->symmetric; dir++) {
        uint32_t slot = s->rel_slot[2 * (size_t)r + (size_t)dir];
        mark_dirty(s, slot);
        if (sign > 0 && s->slot_count[slot]++ == 0)
            s->live[slot / 64] |= (uint64_t)1 << (slot % 64);
        else if (sign < 0 && --s->slot_count[slot] == 0)
            s->live[slot / 64] &= ~((uint64_t)1 << (slot % 64));
    }
}

/* Sums the relations in force of a slot again, in relation order, with their weights
 * on the current day. */
static void resum(sweep *s, uint32_t slot)
{
    agg x = {0, 0, 0, 0, 0};
    for (size_t k = s->slot_start[slot]; k < s->slot_start[slot + 1]; k++) {
        uint32_t r = s->slot_refs[k] >> 1;
        if (!s->rel_live[r])
            continue;
        const ent_rel_span *sp = &s->spans[r];
        double w = sp->intensity;
        if (decays(s, sp))
            w = sp->intensity * pow(0.5, (s->day - sp->last) / s->o.half_life_days);
        contribute(&x, sp, (int)(s->slot_refs[k] & 1), w);
    }
    s->slot_agg[slot] = x;
    if (s->lev)
        ent__live_leverage_set(s->lev, slot, x.rel_to, x.rel_from);
}

/* Takes the next step: brings the slots and the actors present to its day. */
static int sweep_step(sweep *s)
{
    size_t k = s->next++;
    s->day = s->days[k];
    for (size_t i = s->exit_start[k]; i < s->exit_start[k + 1]; i++)
        apply(s, s->exit_rel[i], -1);
    for (size_t i = s->enter_start[k]; i < s->enter_start[k + 1]; i++)
        apply(s, s->enter_rel[i], +1);
    for (size_t i = 0; i < s->n_decaying; i++) {
        const ent_rel_span *x = &s->spans[s->decaying[i]];
        for (int dir = 0; dir <= x->symmetric; dir++)
            mark_dirty(s, s->rel_slot[2 * (size_t)s->decaying[i] + (size_t)dir]);
    }
    for (size_t i = 0; i < s->n_dirty; i++) {
        resum(s, s->dirty[i]);
        s->slot_dirty[s->dirty[i]] = 0;
    }
    s->n_dirty = 0;
    for (size_t a = 0; a < s->na; a++)
        s->present[a] =
            s->touch[a] > 0 || (s->exists_from[a] <= s->day && s->day <= s->exists_to[a]);
    s->have_edges = 0;
    return ENT_OK;
}

/* Forms the current step's edge list, once per step. */
static int sweep_edges(sweep *s)
{
    if (s->have_edges)
        return ENT_OK;
    size_t n = 0;
    for (size_t a = 0; a < s->na; a++) {
        s->map[a] = NONE;
        if (s->present[a]) {
            s->back[n] = (uint32_t)a;
            s->map[a] = (uint32_t)n++;
        }
    }
    /* The live slots in slot order are the view's edges in its order. */
    s->e.n = n;
    s->e.m = 0;
    for (size_t w = 0; w <= s->n_slots / 64; w++)
        for (uint64_t bits = s->live[w]; bits; bits &= bits - 1) {
            size_t slot = w * 64 + (size_t)__builtin_ctzll(bits);
            const agg *x = &s->slot_agg[slot];
            if (ent__elist_push(&s->e, s->map[s->slot_src[slot]], s->map[s->slot_tgt[slot]], x->pos,
                           x->neg, x->rel_to, x->rel_from, x->mirrored))
                return ent_error_set(ENT_ENOMEM, "out of memory while taking a timeline step");
        }
    s->have_edges = 1;
    return ENT_OK;
}

/* Metric m of every actor at the current step into values (NaN when absent). */
static int sweep_metric(sweep *s, ent_metric m, double *values)
{
    if (m == ENT_METRIC_LEVERAGE && s->lev) {
        const double *lev = ent__live_leverage_values(s->lev);
        for (size_t a = 0; a < s->na; a++)
            values[a] = s->present[a] ? lev[a] : NAN;
        return ENT_OK;
    }
    int rc = sweep_edges(s);
    if (!rc)
        rc = ent__metric_compute(&s->e, m, s->tmp);
    if (rc)
        return rc;
    for (size_t a = 0; a < s->na; a++)
        values[a] = s->map[a] == NONE ? NAN : s->tmp[s->map[a]];
    return ENT_OK;
}

/* ---------------------------------------------------------------------------
 * Steps, swept or taken one by one
 * ------------------------------------------------------------------------- */

/* What the table reads at each step, however it is taken. */
typedef struct stepper {
    const ent_graph *g;
    const ent_view_options *vo;
    const int32_t *days;
    size_t n_days, next;
    int independent;
    sweep *s;          /* swept */
    ent_view *v;       /* independent: the current step's snapshot */
    ent_metrics *m;    /* independent: its metrics */
    unsigned mask;     /* the metrics wanted */
    unsigned char *present_v; /* independent: per actor */
    elist ie;                 /* independent: the view's edges, for alignment */
    uint32_t *imap, *iback;   /* independent: their numbering; NULL until needed */
} stepper;

static void stepper_drop_elist(stepper *st)
{
    ent__elist_release(&st->ie);
    free(st->imap);
    free(st->iback);
    memset(&st->ie, 0, sizeof st->ie);
    st->imap = st->iback = NULL;
}

static void stepper_release(stepper *st)
{
    sweep_free(st->s);
    ent_view_free(st->v);
    ent_metrics_free(st->m);
    free(st->present_v);
    stepper_drop_elist(st);
    memset(st, 0, sizeof *st);
}

static int stepper_init(stepper *st, const ent_graph *g, const ent_view_options *vo,
                        const int32_t *days, size_t n_days, int independent, unsigned mask)
{
    memset(st, 0, sizeof *st);
    st->g = g;
    st->vo = vo;
    st->days = days;
    st->n_days = n_days;
    st->independent = independent;
    st->mask = mask;
    if (!independent)
        return sweep_new(&st->s, g, vo, days, n_days, (mask >> ENT_METRIC_LEVERAGE) & 1);
    size_t na = ent_graph_actor_count(g);
    st->present_v = calloc(na ? na : 1, 1);
    return st->present_v ? ENT_OK : ent_error_set(ENT_ENOMEM, "out of memory");
}

/* Takes the next step and computes the wanted metrics (none when mask is 0). */
static int stepper_next(stepper *st)
{
    size_t k = st->next++;
    if (!st->independent)
        return sweep_step(st->s);
    ent_view_free(st->v);
    ent_metrics_free(st->m);
    stepper_drop_elist(st);
    st->v = NULL;
    st->m = NULL;
    int rc = ent_view_new(&st->v, st->g, st->days[k], st->vo);
    if (rc)
        return rc;
    for (size_t a = 0; a < ent_graph_actor_count(st->g); a++)
        st->present_v[a] = (unsigned char)ent_view_has_actor(st->v, (uint32_t)a);
    return st->mask ? ent_metrics_compute(&st->m, st->v, st->mask) : ENT_OK;
}

static const unsigned char *stepper_present(const stepper *st)
{
    return st->independent ? st->present_v : st->s->present;
}

/* Metric m at the current step (it must be in the mask) into values, per actor. */
static int stepper_metric(stepper *st, ent_metric m, double *values)
{
    if (!st->independent)
        return sweep_metric(st->s, m, values);
    memcpy(values, st->m->values[m], ent_graph_actor_count(st->g) * sizeof *values);
    return ENT_OK;
}

/* The alignment of actors a and b at the current step into x[0] (the folded
 * tie), x[1] (S) and x[2] (pi); all NaN when either is absent. */
static int stepper_pair(stepper *st, uint32_t a, uint32_t b, double x[3])
{
    const elist *e;
    const uint32_t *map;
    x[0] = x[1] = x[2] = NAN;
    if (!st->independent) {
        int rc = sweep_edges(st->s);
        if (rc)
            return rc;
        e = &st->s->e;
        map = st->s->map;
    } else {
        if (!st->imap) {
            int rc = ent__elist_from_view(&st->ie, &st->imap, &st->iback, st->v);
            if (rc)
                return rc;
        }
        e = &st->ie;
        map = st->imap;
    }
    if (map[a] == NONE || map[b] == NONE)
        return ENT_OK;
    return ent__align_pair(e, map[a], map[b], &x[0], &x[1], &x[2]);
}

/* ---------------------------------------------------------------------------
 * The table
 * ------------------------------------------------------------------------- */

/* The metric column of a pair's rows, in their order at each step. */
static const char *const pair_metric[3] = {"tie", "S", "pi"};
static const int pair_decimals[3] = {2, 4, 4};

/* The actors to show when none are given: see ent_timeline_options.top. Sets
 * *shown (malloc'd) and *n. */
static int choose_actors(const ent_graph *g, const ent_view_options *vo, const int32_t *days,
                         size_t nd, const ent_timeline_options *o, ent_metric first,
                         uint32_t **shown, size_t *n)
{
    size_t na = ent_graph_actor_count(g), k = 0;
    double *peak = malloc((na ? na : 1) * sizeof *peak);
    double *values = malloc((na ? na : 1) * sizeof *values);
    keyed *order = malloc((na ? na : 1) * sizeof *order);
    unsigned char *seen = calloc(na ? na : 1, 1);
    stepper st;
    int rc = !peak || !values || !order || !seen
                 ? ent_error_set(ENT_ENOMEM, "out of memory")
                 : stepper_init(&st, g, vo, days, nd, o->independent, o->top ? 1u << first : 0);
    if (!peak || !values || !order || !seen)
        memset(&st, 0, sizeof st);
    for (size_t a = 0; !rc && a < na; a++)
        peak[a] = -INFINITY;
    for (size_t step = 0; !rc && step < nd; step++) {
        rc = stepper_next(&st);
        if (!rc && o->top)
            rc = stepper_metric(&st, first, values);
        const unsigned char *present = rc ? NULL : stepper_present(&st);
        for (size_t a = 0; present && a < na; a++)
            if (present[a]) {
                seen[a] = 1;
                if (o->top && values[a] > peak[a])
                    peak[a] = values[a];
            }
    }
    stepper_release(&st);
    if (!rc) {
        for (size_t a = 0; a < na; a++)
            if (seen[a])
                order[k++] = (keyed){o->top ? peak[a] : 0, (uint32_t)a};
        if (o->top)
            qsort(order, k, sizeof *order, ent__keyed_cmp);
        if (o->top && k > o->top)
            k = o->top;
        *shown = malloc((k ? k : 1) * sizeof **shown);
        if (!*shown)
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
        for (size_t i = 0; !rc && i < k; i++)
            (*shown)[i] = order[i].actor;
        *n = k;
    }
    free(peak);
    free(values);
    free(order);
    free(seen);
    return rc;
}

static int is_present(const void *present, uint32_t actor)
{
    return ((const unsigned char *)present)[actor];
}

/* Ranks at one step of the n actors `shown` among the present actors (1: the highest
 * value, ties in graph order; NaN when absent) into rank. `keys` holds n items, `hits`
 * n + 1. O(na log n + n log n). */
static void rank_shown(const double *values, const unsigned char *present, size_t na,
                       const uint32_t *shown, size_t n, double *rank, rank_key *keys,
                       size_t *hits)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        rank[i] = NAN;
        if (present[shown[i]])
            keys[m++] = (rank_key){values[shown[i]], shown[i], (uint32_t)i};
    }
    ent__rank_keys(keys, m, values, na, is_present, present, hits);
    for (size_t j = 0; j < m; j++)
        rank[keys[j].at] = keys[j].value;
}

/* The note saying how each step's snapshot is taken. */
static void rules_note(tb *t, const ent_graph *g, const ent_view_options *o)
{
    ent_strbuf sb = ENT_STRBUF_INIT;
    ent_strbuf_adds(&sb, "snapshot rules at every step: ");
    ent__rules_text(&sb, g, o);
    if (sb.failed)
        t->rc = ent_error_set(ENT_ENOMEM, "out of memory");
    else
        ent__tb_note(t, ent_strbuf_str(&sb));
    ent_strbuf_release(&sb);
}

void ent_timeline_options_init(ent_timeline_options *o)
{
    *o = (ent_timeline_options)ENT_TIMELINE_OPTIONS_INIT;
}

void ent_timeline_chart_options_init(ent_timeline_chart_options *o)
{
    *o = (ent_timeline_chart_options)ENT_TIMELINE_CHART_OPTIONS_INIT;
}

int ent_timeline_table(ent_table **out, const ent_graph *g, const ent_view_options *vo,
                       const int32_t *days, size_t nd, const ent_timeline_options *o)
{
    static const ent_metric leverage_only = ENT_METRIC_LEVERAGE;
    ent_timeline_options defaults = ENT_TIMELINE_OPTIONS_INIT;
    ent_view_options vdefault;
    *out = NULL;
    if (!g || !days)
        return ent_error_set(ENT_EUSAGE, "ent_timeline_table: NULL argument");
    if (!o)
        o = &defaults;
    else if (ent__options_version(o->version, ENT_TIMELINE_OPTIONS_VERSION, "ent_timeline_options"))
        return ENT_EUSAGE;
    if (!vo) {
        ent_view_options_init(&vdefault);
        vo = &vdefault;
    } else if (ent__options_version(vo->version, ENT_VIEW_OPTIONS_VERSION, "ent_view_options")) {
        return ENT_EUSAGE;
    }
    const ent_metric *metrics = o->n_metrics ? o->metrics : &leverage_only;
    size_t nm = o->n_metrics ? o->n_metrics : 1, na = ent_graph_actor_count(g);
    if (nd == 0)
        return ent_error_set(ENT_EUSAGE, "a timeline needs at least one day");
    for (size_t k = 1; k < nd; k++)
        if (days[k] <= days[k - 1])
            return ent_error_set(ENT_EUSAGE, "the timeline's days must increase");
    unsigned mask = 0;
    int decimals = 0;
    for (size_t i = 0; i < nm; i++) {
        if ((unsigned)metrics[i] >= ENT_METRIC_COUNT_)
            return ent_error_set(ENT_EUSAGE, "unknown metric");
        mask |= 1u << metrics[i];
        if (ent__metric_decimals(metrics[i]) > decimals)
            decimals = ent__metric_decimals(metrics[i]);
    }
    for (size_t i = 0; o->actors && i < o->n_actors; i++)
        if (o->actors[i] >= na)
            return ent_error_set(ENT_EUSAGE, "actor index out of range");
    size_t np = o->pairs ? o->n_pairs : 0;
    for (size_t i = 0; i < np; i++) {
        if (o->pairs[2 * i] >= na || o->pairs[2 * i + 1] >= na)
            return ent_error_set(ENT_EUSAGE, "actor index out of range");
        if (o->pairs[2 * i] == o->pairs[2 * i + 1])
            return ent_error_set(ENT_EUSAGE, "the pair '%s:%s' compares an actor with itself",
                                 ent_graph_actor(g, o->pairs[2 * i])->id,
                                 ent_graph_actor(g, o->pairs[2 * i])->id);
    }
    if (np && decimals < 4)
        decimals = 4; /* S and pi, as 'entente align' prints them */

    uint32_t *chosen = NULL;
    const uint32_t *shown = o->actors;
    size_t n_shown = o->n_actors;
    double *values = NULL, *rank = NULL, *aligned = NULL;
    rank_key *order = NULL;
    size_t *hits = NULL;
    char **pair_id = NULL, **pair_name = NULL;
    stepper st;
    memset(&st, 0, sizeof st);
    tb t = {NULL, ENT_OK};
    int rc = ENT_OK;
    if (!o->actors) {
        rc = choose_actors(g, vo, days, nd, o, metrics[0], &chosen, &n_shown);
        if (rc)
            goto done;
        shown = chosen;
    }
    values = malloc((na ? na : 1) * sizeof *values);
    rank = malloc((n_shown ? n_shown : 1) * sizeof *rank);
    order = malloc((n_shown ? n_shown : 1) * sizeof *order);
    hits = malloc((n_shown + 1) * sizeof *hits);
    aligned = malloc((3 * np + 1) * sizeof *aligned);
    pair_id = calloc(np + 1, sizeof *pair_id);
    pair_name = calloc(np + 1, sizeof *pair_name);
    for (size_t i = 0; pair_id && pair_name && i < np; i++) {
        const ent_actor *x = ent_graph_actor(g, o->pairs[2 * i]);
        const ent_actor *y = ent_graph_actor(g, o->pairs[2 * i + 1]);
        ent_strbuf a = ENT_STRBUF_INIT, b = ENT_STRBUF_INIT;
        ent_strbuf_addf(&a, "%s:%s", x->id, y->id);
        ent_strbuf_addf(&b, "%s and %s", x->name, y->name);
        pair_id[i] = a.failed ? NULL : strdup(ent_strbuf_str(&a));
        pair_name[i] = b.failed ? NULL : strdup(ent_strbuf_str(&b));
        ent_strbuf_release(&a);
        ent_strbuf_release(&b);
        if (!pair_id[i] || !pair_name[i]) {
            rc = ent_error_set(ENT_ENOMEM, "out of memory");
            goto done;
        }
    }
    if (!values || !rank || !order || !hits || !aligned || !pair_id || !pair_name) {
        rc = ent_error_set(ENT_ENOMEM, "out of memory");
        goto done;
    }
    char d1[11], d2[11], title[256];
    snprintf(title, sizeof title, "timeline of %s from %s to %s", ent_metric_name(metrics[0]),
             ent__day_str(days[0], d1), ent__day_str(days[nd - 1], d2));
    if (nm > 1)
        snprintf(title, sizeof title, "timeline of %zu metrics from %s to %s", nm, d1, d2);
    if (np && !n_shown)
        snprintf(title, sizeof title, "timeline of the alignment of %zu pair%s from %s to %s", np,
                 np == 1 ? "" : "s", d1, d2);
    else if (np)
        snprintf(title + strlen(title), sizeof title - strlen(title), ", with %zu pair%s", np,
                 np == 1 ? "" : "s");
    t.t = ent__table_new(title);
    if (!t.t) {
        rc = ENT_ENOMEM;
        goto done;
    }
    ent__tb_col(&t, "date", ENT_COL_STRING, 0);
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "metric", ENT_COL_STRING, 0);
    ent__tb_col(&t, "value", ENT_COL_REAL, decimals);
    ent__tb_col(&t, "rank", ENT_COL_REAL, 0);
    if ((rc = t.rc) || (rc = stepper_init(&st, g, vo, days, nd, o->independent, mask)))
        goto done;
    for (size_t k = 0; k < nd && !rc; k++) {
        if ((rc = stepper_next(&st)))
            break;
        const unsigned char *present = stepper_present(&st);
        ent__day_str(days[k], d1);
        for (size_t i = 0; i < nm && n_shown && !rc; i++) {
            if ((rc = stepper_metric(&st, metrics[i], values)))
                break;
            rank_shown(values, present, na, shown, n_shown, rank, order, hits);
            for (size_t j = 0; j < n_shown; j++) {
                const ent_actor *a = ent_graph_actor(g, shown[j]);
                ent__tb_row(&t);
                ent__tb_str(&t, 0, d1);
                ent__tb_str(&t, 1, a->id);
                ent__tb_str(&t, 2, a->name);
                ent__tb_str(&t, 3, ent_metric_name(metrics[i]));
                ent__tb_real(&t, 4, present[shown[j]] ? values[shown[j]] : NAN);
                ent__tb_real(&t, 5, rank[j]);
            }
            rc = t.rc;
        }
        for (size_t i = 0; i < np && !rc; i++)
            rc = stepper_pair(&st, o->pairs[2 * i], o->pairs[2 * i + 1], aligned + 3 * i);
        for (size_t m = 0; m < 3 && np && !rc; m++) {
            for (size_t i = 0; i < np; i++) {
                ent__tb_row(&t);
                ent__tb_str(&t, 0, d1);
                ent__tb_str(&t, 1, pair_id[i]);
                ent__tb_str(&t, 2, pair_name[i]);
                ent__tb_str(&t, 3, pair_metric[m]);
                ent__tb_real(&t, 4, aligned[3 * i + m]);
                ent__tb_real(&t, 5, NAN);
            }
            rc = t.rc;
        }
    }
    if (rc)
        goto done;
    ent__tb_note(&t, "rank 1 is the highest value among the actors present on the day; an empty value "
                "and rank: the actor is not present that day");
    if (!o->actors && o->top) {
        char note[160];
        snprintf(note, sizeof note, "actors shown: the %zu whose highest %s over the steps is "
                 "highest", n_shown, ent_metric_name(metrics[0]));
        ent__tb_note(&t, note);
    }
    if (np)
        ent__tb_note(&t, "pairs: actor A:B, metric tie (their tie: both directions' weights "
                         "summed), S and pi (how alike their valuations of every actor present "
                         "are, as 'entente align' computes them); no rank; an empty value: one "
                         "of the two is not present that day, or pi is undefined");
    rules_note(&t, g, vo);
    rc = t.rc;
done:
    for (size_t i = 0; i < np; i++) {
        free(pair_id ? pair_id[i] : NULL);
        free(pair_name ? pair_name[i] : NULL);
    }
    free(pair_id);
    free(pair_name);
    free(aligned);
    stepper_release(&st);
    free(chosen);
    free(values);
    free(rank);
    free(order);
    free(hits);
    if (rc) {
        ent_table_free(t.t);
        return rc;
    }
    *out = t.t;
    return ENT_OK;
}

/* ---------------------------------------------------------------------------
 * The chart
 * ------------------------------------------------------------------------- */

int ent_timeline_chart(char **svg, size_t *len, const ent_graph *g, const ent_table *t,
                       const int32_t *days, size_t nd, const ent_timeline_options *to,
                       const ent_timeline_chart_options *co)
{
    static const ent_metric leverage_only = ENT_METRIC_LEVERAGE;
    ent_timeline_options tdefault = ENT_TIMELINE_OPTIONS_INIT;
    ent_timeline_chart_options cdefault = ENT_TIMELINE_CHART_OPTIONS_INIT;
    *svg = NULL;
    *len = 0;
    if (!to)
        to = &tdefault;
    else if (ent__options_version(to->version, ENT_TIMELINE_OPTIONS_VERSION,
                                  "ent_timeline_options"))
        return ENT_EUSAGE;
    if (!co)
        co = &cdefault;
    else if (ent__options_version(co->version, ENT_TIMELINE_CHART_OPTIONS_VERSION,
                                  "ent_timeline_chart_options"))
        return ENT_EUSAGE;
    const ent_metric *metrics = to->n_metrics ? to->metrics : &leverage_only;
    size_t nm = to->n_metrics ? to->n_metrics : 1;
    size_t np = to->pairs ? to->n_pairs : 0, rows = ent_table_row_count(t);
    /* Each step's rows: nm * shown for the actors, then 3 * np for the pairs. */
    size_t per_day = nd ? rows / nd : 0;
    size_t shown = per_day >= 3 * np ? (per_day - 3 * np) / nm : 0;
    if (!nd || (shown * nm + 3 * np) * nd != rows || ent_table_column_count(t) < 6)
        return ent_error_set(ENT_EUSAGE, "ent_timeline_chart: the table is not this timeline's");
    size_t ns = ent_graph_snapshot_count(g), n_marks = 0;
    /* Panels: one per metric when actors are shown, then tie, S and pi when pairs are. */
    size_t n_panels = (shown ? nm : 0) + (np ? 3 : 0);
    ent_chart_panel *panels = calloc(n_panels + 1, sizeof *panels);
    ent_chart_series *series = calloc(nm * shown + 3 * np + 1, sizeof *series);
    double *values = malloc(((nm * shown + 3 * np) * nd + 1) * sizeof *values);
    ent_chart_mark *marks = calloc(ns + co->n_marks + 1, sizeof *marks);
    char **labels = calloc(ns + 1, sizeof *labels);
    ent_strbuf title = ENT_STRBUF_INIT, sub = ENT_STRBUF_INIT;
    int rc = ENT_ENOMEM;
    if (!panels || !series || !values || !marks || !labels)
        goto done;
    for (size_t i = 0; i < nm && shown; i++) {
        panels[i].y_label = ent_metric_name(metrics[i]);
        panels[i].decimals = ent__metric_decimals(metrics[i]);
        panels[i].series = series + i * shown;
        panels[i].n_series = shown;
        for (size_t j = 0; j < shown; j++) {
            ent_chart_series *s = &series[i * shown + j];
            s->label = ent_table_string(t, j, 2); /* the name */
            s->values = values + (i * shown + j) * nd;
            for (size_t k = 0; k < nd; k++)
                values[(i * shown + j) * nd + k] = ent_table_real(t, k * per_day + i * shown + j, 4);
        }
    }
    for (size_t m = 0; m < 3 && np; m++) {
        static const char *const pair_labels[3] = {"alignment: tie", "alignment: S",
                                                   "alignment: pi"};
        ent_chart_panel *p = &panels[(shown ? nm : 0) + m];
        p->y_label = pair_labels[m];
        p->decimals = pair_decimals[m];
        p->series = series + nm * shown + m * np;
        p->n_series = np;
        for (size_t j = 0; j < np; j++) {
            size_t at = nm * shown + m * np + j;
            ent_chart_series *sr = &series[at];
            sr->label = ent_table_string(t, nm * shown + j, 2); /* "A and B" */
            sr->values = values + at * nd;
            for (size_t k = 0; k < nd; k++)
                values[at * nd + k] = ent_table_real(t, k * per_day + nm * shown + m * np + j, 4);
        }
    }
    for (size_t s = 0; s < ns; s++) {
        const ent_declared_snapshot *sn = ent_graph_snapshot(g, s);
        int32_t day = ent_date_last_day(sn->at);
        if (day < days[0] || day > days[nd - 1])
            continue;
        ent_strbuf lb = ENT_STRBUF_INIT;
        ent_strbuf_addf(&lb, "%s%s%s", sn->id, sn->label[0] ? ", " : "", sn->label);
        /* The declared comparisons it opens or closes. */
        for (size_t k = 0; k < ent_graph_comparison_count(g); k++) {
            const ent_comparison *c = ent_graph_comparison(g, k);
            if (c->from == s || c->to == s)
                ent_strbuf_addf(&lb, " [%s of the %scomparison %s]",
                                c->from == s ? "start" : "end", c->headline ? "headline " : "",
                                c->id);
        }
        if (lb.failed) {
            ent_strbuf_release(&lb);
            goto done;
        }
        labels[n_marks] = lb.buf ? lb.buf : strdup("");
        if (!labels[n_marks])
            goto done;
        marks[n_marks] = (ent_chart_mark){day, labels[n_marks], 0};
        n_marks++;
    }
    for (size_t m = 0; m < co->n_marks; m++)
        marks[n_marks++] = co->marks[m];
    /* Numbered in date order (a snapshot before another mark of the same day). */
    for (size_t i = 1; i < n_marks; i++)
        for (size_t j = i; j > 0 && marks[j].day < marks[j - 1].day; j--) {
            ent_chart_mark m = marks[j];
            marks[j] = marks[j - 1];
            marks[j - 1] = m;
        }
    char d1[11], d2[11];
    ent__day_str(days[0], d1);
    ent__day_str(days[nd - 1], d2);
    if (co->title)
        ent_strbuf_adds(&title, co->title);
    else {
        const char *gt = ent_graph_title(g);
        ent_strbuf_addf(&title, "%s%s", gt, gt[0] ? ": " : "");
        for (size_t i = 0; i < nm && shown; i++)
            ent_strbuf_addf(&title, "%s%s", i ? ", " : "", ent_metric_name(metrics[i]));
        if (np)
            ent_strbuf_addf(&title, "%salignment of %zu pair%s", shown ? ", " : "", np,
                            np == 1 ? "" : "s");
        ent_strbuf_addf(&title, " every %s from %s to %s", ent_every_name(co->every), d1, d2);
    }
    for (size_t i = 1; i < ent_table_note_count(t); i++) /* the first is on empty cells */
        ent_strbuf_addf(&sub, "%s%s", sub.len ? ". " : "", ent_table_note(t, i));
    if (title.failed || sub.failed)
        goto done;
    ent_chart c = {ent_strbuf_str(&title), sub.len ? ent_strbuf_str(&sub) : NULL, days, nd, panels,
                   n_panels, marks, n_marks};
    rc = ent_chart_render(&c, co->format, svg, len);
done:
    if (rc == ENT_ENOMEM && !*svg)
        ent_error_set(ENT_ENOMEM, "out of memory while drawing the timeline");
    for (size_t i = 0; labels && i < ns; i++)
        free(labels[i]);
    free(labels);
    free(marks);
    free(values);
    free(series);
    free(panels);
    ent_strbuf_release(&title);
    ent_strbuf_release(&sub);
    return rc;
}
