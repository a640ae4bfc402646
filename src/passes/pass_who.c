/*
 * pass_who.c: who backed whom, who opposed whom, who did what to whom.
 *
 * A breadth-first walk from the actor asked about, over the relations in the
 * period asked about, through the by-target (or, reversed, by-source) index:
 * its cost grows with the neighbourhood within --depth of the actor, not with
 * the graph. Depth 1 gives the actors with a relation of the asked kind
 * towards the actor. Deeper, chains of backing and opposition carry a sign,
 * the product of the signs of their relations: a backer of a backer backs,
 * and so does an opponent of an opponent (reported as "enemy of an enemy").
 * A relation given "via" an alliance or force also counts as an act of that
 * intermediary, so that backing through an alliance reaches its members.
 *
 * Membership of a collective-defence alliance binds the members to one
 * another (allies.h): the fellow members of the actor asked about are its
 * backers at depth 1 (and those it backs, reversed), found through the
 * actor's memberships and each alliance's incoming relations. Such bonds are
 * a first step from that actor only; deeper steps follow recorded relations.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "model/model.h"
#include "util/grow.h"
#include "passes/allies.h"
#include "passes/common.h"
#include "util/error.h"
#include "util/fuzzy.h"

/* ---------------------------------------------------------------------------
 * Verbs
 * ------------------------------------------------------------------------- */

/* Past tense of a type id, by English rules good enough for the vocabulary
 * ("attacks" -> "attacked", "occupies" -> "occupied", "praise" -> "praised"). */
static void past_tense(const char *id, char *out, size_t cap)
{
    size_t n = strlen(id);
    if (n >= 3 && strcmp(id + n - 3, "ies") == 0)
        snprintf(out, cap, "%.*sied", (int)(n - 3), id);
    else if (n >= 1 && id[n - 1] == 's' && n >= 2 && id[n - 2] == 'e')
        snprintf(out, cap, "%.*sd", (int)(n - 1), id); /* "condemnes" does not occur */
    else if (n >= 1 && id[n - 1] == 's')
        snprintf(out, cap, "%.*sed", (int)(n - 1), id);
    else if (n >= 1 && id[n - 1] == 'e')
        snprintf(out, cap, "%sd", id);
    else
        snprintf(out, cap, "%sed", id);
}

/* Verbs that no rule derives, mapped to a family or a type. */
static const struct {
    const char *verb, *kind;
} irregular[] = {
    {"mediated", "mediation"},
    {"negotiated", "negotiation"},
    {"met", "meeting"},
    {"called", "call"},
    {"visited", "visit"},
    {"aided", "aid"},
    {"expelled", "expels"},
    {"brokered", "brokers_ceasefire"},
    {"supported", "support"},
    {"recognised", "recognizes"},
    {"criticised", "criticizes"},
    {"requested", "requests_help"},
    {"surrendered", "surrenders_to"},
    {"evacuated", "evacuates"},
    {"protested", "protests"},
    {"ruled", "rules_against"},
};

int ent_who_verb(const ent_graph *g, const char *verb, ent_who_query *q, const char **suggestion)
{
    if (suggestion)
        *suggestion = NULL;
    q->kind = NULL;
    if (strcmp(verb, "backed") == 0 || strcmp(verb, "back") == 0) {
        q->sign = 1;
        return 0;
    }
    if (strcmp(verb, "opposed") == 0 || strcmp(verb, "oppose") == 0) {
        q->sign = -1;
        return 0;
    }
    q->sign = 0;
    if (strcmp(verb, "any") == 0) {
        q->kind = "any"; /* every relation, whatever its type and sign */
        return 0;
    }
    for (size_t i = 0; i < sizeof irregular / sizeof *irregular; i++)
        if (strcmp(verb, irregular[i].verb) == 0)
            verb = irregular[i].kind;
    char past[64];
    for (size_t t = 0; t < ent_graph_type_count(g); t++) {
        const ent_reltype *rt = ent_graph_type(g, t);
        past_tense(rt->id, past, sizeof past);
        if (strcmp(verb, rt->id) == 0 || strcmp(verb, past) == 0) {
            q->kind = rt->id;
            return 0;
        }
    }
    for (size_t t = 0; t < ent_graph_type_count(g); t++)
        if (strcmp(verb, ent_graph_type(g, t)->family) == 0) {
            q->kind = ent_graph_type(g, t)->family;
            return 0;
        }
    if (suggestion) {
        ent_fuzzy fz;
        ent_fuzzy_init(&fz, verb);
        ent_fuzzy_offer(&fz, "backed");
        ent_fuzzy_offer(&fz, "opposed");
        ent_fuzzy_offer(&fz, "any");
        for (size_t t = 0; t < ent_graph_type_count(g); t++) {
            ent_fuzzy_offer(&fz, ent_graph_type(g, t)->id);
        }
        *suggestion = fz.best;
        if (!fz.best) {
            /* Past tenses live in a buffer: suggest them by rebuilding the best. */
            size_t best_t = SIZE_MAX, best_d = ent_fuzzy_limit(strlen(verb)) + 1;
            for (size_t t = 0; t < ent_graph_type_count(g); t++) {
                past_tense(ent_graph_type(g, t)->id, past, sizeof past);
                size_t d = ent_fuzzy_distance(verb, past, best_d - 1);
                if (d < best_d) {
                    best_d = d;
                    best_t = t;
                }
            }
            /* A suggestion must outlive this call: give the type id, which
             * the verb parser accepts as well. */
            if (best_t != SIZE_MAX)
                *suggestion = ent_graph_type(g, best_t)->id;
        }
    }
    return -1;
}

/* ---------------------------------------------------------------------------
 * The walk
 * ------------------------------------------------------------------------- */

typedef struct hit {
    uint32_t actor;
    unsigned depth;  /* 0 for the actor asked about */
    int sign;        /* of the chain between this actor and the one asked about */
    int hop;         /* of the relations between this actor and the previous one */
    size_t prev;     /* the hit this one was reached from (SIZE_MAX for the root) */
    double strength; /* sum of |intensity| of its relations */
    uint8_t direct;  /* 1: reached through a recorded relation */
    uint8_t force;   /* 1: reached through the act of a force it commands */
    uint8_t bound;   /* 1: bound to the actor asked about by a shared alliance */
} hit;

/* One relation behind a hit, or for a bond two: the fellow member's
 * membership (rel) and that of the actor asked about (rel2) of `alliance`. */
typedef struct link {
    uint32_t hit;
    uint32_t rel;
    uint32_t rel2;     /* UINT32_MAX for a recorded relation */
    uint32_t alliance; /* UINT32_MAX for a recorded relation */
} link;

typedef struct walk {
    const ent_graph *g;
    const ent_view_options *o;
    const ent_when *when;
    const ent_who_query *q;
    hit *hits;
    size_t n_hits, cap_hits;
    link *links;
    size_t n_links, cap_links;
    /* The hits by actor and chain sign (key actor * 2 + (sign > 0)): an open-addressing table
     * of hit index + 1 (0: free), sized to the hits, not to the graph. */
    uint32_t *slots;
    size_t n_slots; /* a power of two, at least twice the hits */
    size_t examined;
    int32_t commanded_by; /* the type commanded_by, or -1 */
} walk;

static size_t slot_of(const walk *w, uint64_t key)
{
    size_t mask = w->n_slots - 1, i = (size_t)((key * 0x9E3779B97F4A7C15u) >> 17) & mask;
    for (;;) {
        uint32_t v = w->slots[i];
        if (!v)
            return i;
        const hit *h = &w->hits[v - 1];
        if ((uint64_t)h->actor * 2 + (h->sign > 0) == key)
            return i;
        i = (i + 1) & mask;
    }
}

/* Makes room for one more hit in the table (doubling it when half full). */
static int slots_reserve(walk *w)
{
    if (w->n_slots && (w->n_hits + 1) * 2 <= w->n_slots)
        return ENT_OK;
    size_t n = w->n_slots ? w->n_slots * 2 : 64;
    uint32_t *old = w->slots;
    if (!(w->slots = calloc(n, sizeof *w->slots))) {
        w->slots = old;
        return ENT_ENOMEM;
    }
    w->n_slots = n;
    for (size_t i = 0; i < w->n_hits; i++) {
        const hit *h = &w->hits[i];
        w->slots[slot_of(w, (uint64_t)h->actor * 2 + (h->sign > 0))] = (uint32_t)i + 1;
    }
    free(old);
    return ENT_OK;
}

/* Whether relation r counts in the period asked about. */
static int in_frame(const walk *w, uint32_t r)
{
    if (!ent_view_options_keep(w->g, w->o, r))
        return 0;
    ent_span s = ent_graph_relation_span(w->g, r);
    if (w->when->between)
        return s.begins <= w->when->last && s.last >= w->when->first;
    int32_t d = w->when->day;
    if (s.durable)
        return s.begins <= d && s.last >= d;
    return s.begins <= d && s.last >= d - w->o->window_days + 1;
}

/* Whether relation r is of the kind asked about (for type and family verbs). */
static int of_kind(const walk *w, uint32_t r)
{
    const ent_reltype *t = ent_graph_type(w->g, ent_graph_relation(w->g, r)->type);
    return strcmp(w->q->kind, "any") == 0 || strcmp(t->id, w->q->kind) == 0 ||
           strcmp(t->family, w->q->kind) == 0;
}

/* Appends hit h, stored in slot `slot` of the table, as hit *hi. */
static int push_hit(walk *w, size_t slot, hit h, size_t *hi)
{
    if (ent__grow((void **)&w->hits, &w->cap_hits, w->n_hits + 1, sizeof *w->hits) < 0)
        return ENT_ENOMEM;
    *hi = w->n_hits;
    w->hits[w->n_hits++] = h;
    w->slots[slot] = (uint32_t)w->n_hits;
    return ENT_OK;
}

static int push_link(walk *w, link l)
{
    if (ent__grow((void **)&w->links, &w->cap_links, w->n_links + 1, sizeof *w->links) < 0)
        return ENT_ENOMEM;
    w->links[w->n_links++] = l;
    return ENT_OK;
}

/*
 * Relation r links `other` to the actor of hit `fi`. Records it when it is
 * of the kind asked about: a new hit for `other` with the chain's sign, or
 * one more relation of the hit `other` already has from the same hit `fi`.
 */
static int visit_as(walk *w, size_t fi, uint32_t r, uint32_t other, int through_force);

static int visit(walk *w, size_t fi, uint32_t r, uint32_t other)
{
    return visit_as(w, fi, r, other, 0);
}

/* As visit; with through_force, `other` commands the force that acted. */
static int visit_as(walk *w, size_t fi, uint32_t r, uint32_t other, int through_force)
{
    const ent_relation *rel = ent_graph_relation(w->g, r);
    if (other == w->q->actor || other == w->hits[fi].actor)
        return ENT_OK;
    int rs = ent__relation_stance(w->g, rel);
    if (w->q->sign == 0 ? !of_kind(w, r) : rs == 0)
        return ENT_OK;
    int s = w->q->sign == 0 ? 1 : rs * w->hits[fi].sign;
    if (w->n_hits >= UINT32_MAX - 1 || slots_reserve(w) < 0)
        return ENT_ENOMEM;
    size_t slot = slot_of(w, (uint64_t)other * 2 + (s > 0)), hi;
    if (w->slots[slot]) {
        hi = (size_t)w->slots[slot] - 1;
        if (w->hits[hi].prev != fi || w->hits[hi].hop != rs)
            return ENT_OK; /* reached already, more directly or through another actor */
    } else {
        hit h = {other, w->hits[fi].depth + 1, s, rs, fi, 0, 0, 0, 0};
        if (push_hit(w, slot, h, &hi) < 0)
            return ENT_ENOMEM;
    }
    link l = {(uint32_t)hi, r, UINT32_MAX, UINT32_MAX};
    if (push_link(w, l) < 0)
        return ENT_ENOMEM;
    w->hits[hi].strength += fabs(rel->intensity);
    if (through_force)
        w->hits[hi].force = 1;
    else
        w->hits[hi].direct = 1;
    return ENT_OK;
}

/* Whether the memberships r and m were both counted at a common time: on the
 * day for --at (in_frame checked each), within the span for --between. */
static int together(const walk *w, uint32_t r, uint32_t m)
{
    if (!w->when->between)
        return 1;
    ent_span a = ent_graph_relation_span(w->g, r), b = ent_graph_relation_span(w->g, m);
    int32_t first = a.begins > b.begins ? a.begins : b.begins;
    int32_t last = a.last < b.last ? a.last : b.last;
    if (first < w->when->first)
        first = w->when->first;
    if (last > w->when->last)
        last = w->when->last;
    return first <= last;
}

/* Records that `fellow` (membership r) and the actor asked about (membership
 * m) are bound by `alliance`: a backer at depth 1, or one more bond of it. */
static int bind(walk *w, uint32_t fellow, uint32_t r, uint32_t m, uint32_t alliance)
{
    if (w->n_hits >= UINT32_MAX - 1 || slots_reserve(w) < 0)
        return ENT_ENOMEM;
    size_t slot = slot_of(w, (uint64_t)fellow * 2 + 1), hi;
    if (w->slots[slot]) {
        hi = (size_t)w->slots[slot] - 1;
        if (w->hits[hi].depth != 1)
            return ENT_OK; /* cannot happen: only the actor asked about was expanded */
    } else {
        hit h = {fellow, 1, 1, 1, 0, 0, 0, 0, 0};
        if (push_hit(w, slot, h, &hi) < 0)
            return ENT_ENOMEM;
    }
    link l = {(uint32_t)hi, r, m, alliance};
    if (push_link(w, l) < 0)
        return ENT_ENOMEM;
    w->hits[hi].bound = 1;
    return ENT_OK;
}

/* The fellow members of the actor asked about in its collective-defence
 * alliances of the period: its memberships through the by-source index, the
 * other members through each alliance's by-target index. */
static int bind_fellows(walk *w)
{
    const ent_graph *g = w->g;
    uint32_t a = w->q->actor;
    int rc = ENT_OK;
    const uint32_t *out_a;
    size_t n_out_a = ent_graph_relations_from(g, a, &out_a);
    for (size_t k = 0; !rc && k < n_out_a; k++) {
        uint32_t m = out_a[k];
        if (ent_graph_relation(g, m)->source != a || !ent__is_defence_membership(g, m) ||
            !in_frame(w, m))
            continue;
        uint32_t al = ent_graph_relation(g, m)->target;
        const uint32_t *in_al;
        size_t n_in_al = ent_graph_relations_to(g, al, &in_al);
        w->examined += n_in_al;
        for (size_t j = 0; !rc && j < n_in_al; j++) {
            uint32_t r = in_al[j];
            uint32_t fellow = ent_graph_relation(g, r)->source;
            if (fellow == a || fellow == al || !ent__is_defence_membership(g, r) ||
                !in_frame(w, r) || !together(w, r, m))
                continue;
            rc = bind(w, fellow, r, m, al);
        }
    }
    return rc;
}

/* The commanders of force f in the frame (its commanded_by relations), each
 * passed to fn; the walk looks only at f's outgoing relations. */
static int each_commander(walk *w, uint32_t f, size_t fi, uint32_t r,
                          int (*fn)(walk *, size_t, uint32_t, uint32_t, int))
{
    const ent_graph *g = w->g;
    int rc = ENT_OK;
    if (w->commanded_by < 0 || ent_graph_actor(g, f)->kind != ENT_KIND_FORCE)
        return ENT_OK;
    const uint32_t *out_f;
    size_t n_out_f = ent_graph_relations_from(g, f, &out_f);
    for (size_t k = 0; !rc && k < n_out_f; k++) {
        uint32_t c = out_f[k];
        const ent_relation *x = ent_graph_relation(g, c);
        if ((int32_t)x->type == w->commanded_by && x->source == f && in_frame(w, c))
            rc = fn(w, fi, r, x->target, 1);
    }
    return rc;
}

/* Follows every relation of the actor of hit `fi` that is in the frame. */
static int expand(walk *w, size_t fi)
{
    const ent_graph *g = w->g;
    uint32_t a = w->hits[fi].actor;
    int rc = ENT_OK;
    if (!w->q->reverse) {
        /* Who acted towards a: the sources of its incoming relations, and the
         * intermediaries they acted through. */
        const uint32_t *in_a;
        size_t n_in_a = ent_graph_relations_to(g, a, &in_a);
        w->examined += n_in_a;
        for (size_t k = 0; !rc && k < n_in_a; k++) {
            uint32_t r = in_a[k];
            if (!in_frame(w, r))
                continue;
            uint32_t other = ent__in_other(g, r, a);
            rc = visit(w, fi, r, other);
            if (!rc && ent_graph_relation(g, r)->via != ENT_NO_ACTOR &&
                ent_graph_relation(g, r)->target == a)
                rc = visit(w, fi, r, ent_graph_relation(g, r)->via);
            /* A force's acts count as its commander's too. */
            if (!rc)
                rc = each_commander(w, other, fi, r, visit_as);
        }
    } else {
        /* Towards whom a acted, itself or as an intermediary. */
        const uint32_t *out_a;
        size_t n_out_a = ent_graph_relations_from(g, a, &out_a);
        w->examined += n_out_a;
        for (size_t k = 0; !rc && k < n_out_a; k++) {
            uint32_t r = out_a[k];
            if (in_frame(w, r))
                rc = visit(w, fi, r, ent__out_other(g, r, a));
        }
        /* And the acts of the forces it commands. */
        if (w->commanded_by >= 0) {
            const uint32_t *in_a;
            size_t n_in_a = ent_graph_relations_to(g, a, &in_a);
            w->examined += n_in_a;
            for (size_t k = 0; !rc && k < n_in_a; k++) {
                uint32_t c = in_a[k];
                const ent_relation *x = ent_graph_relation(g, c);
                if ((int32_t)x->type != w->commanded_by || x->target != a ||
                    ent_graph_actor(g, x->source)->kind != ENT_KIND_FORCE || !in_frame(w, c))
                    continue;
                uint32_t f = x->source;
                const uint32_t *out_f;
                size_t n_out_f = ent_graph_relations_from(g, f, &out_f);
                w->examined += n_out_f;
                for (size_t j = 0; !rc && j < n_out_f; j++) {
                    uint32_t r = out_f[j];
                    uint32_t other = ent__out_other(g, r, f);
                    if (r != c && other != a && in_frame(w, r))
                        rc = visit_as(w, fi, r, other, 1);
                }
            }
        }
    }
    return rc;
}

/* The first of hit hi's links, which are sorted by hit: a binary search. */
static size_t first_link(const walk *w, size_t hi)
{
    size_t lo = 0, up = w->n_links;
    while (lo < up) {
        size_t mid = lo + (up - lo) / 2;
        if (w->links[mid].hit < hi)
            lo = mid + 1;
        else
            up = mid;
    }
    return lo;
}

/* The verb of the step that reached hit h. */
static const char *step_verb(const hit *h)
{
    if (h->hop < 0)
        return "opposes";
    return h->depth == 1 && !h->direct ? "is bound by alliance to" : "backs";
}

/* "opposes azerbaijan, which opposes armenia (enemy of an enemy)", read from
 * the hit's actor towards the one asked about (or, reversed, outwards). */
static void describe_chain(const walk *w, size_t hi, ent_strbuf *sb)
{
    const ent_graph *g = w->g;
    const hit *h = &w->hits[hi];
    if (h->depth == 1) {
        if (h->direct)
            ent_strbuf_adds(sb, "direct");
        if (h->force)
            ent_strbuf_adds(sb, h->direct ? "; through a force it commands"
                                          : "through a force it commands");
        if (h->bound) {
            /* The alliances of its bonds: its links are sorted, bonds last by alliance. */
            ent_strbuf_adds(sb,
                            h->direct || h->force ? "; bound by alliance " : "bound by alliance ");
            uint32_t last = UINT32_MAX;
            for (size_t j = first_link(w, hi); j < w->n_links && w->links[j].hit == hi; j++) {
                const link *l = &w->links[j];
                if (l->alliance == UINT32_MAX || l->alliance == last)
                    continue;
                ent_strbuf_addf(sb, "%s%s", last == UINT32_MAX ? "" : ", ",
                                ent_graph_actor(g, l->alliance)->id);
                last = l->alliance;
            }
        }
        return;
    }
    if (!w->q->reverse) {
        int negatives = 0;
        for (const hit *c = h; c->depth > 0; c = &w->hits[c->prev]) {
            ent_strbuf_addf(sb, "%s%s %s", c == h ? "" : ", which ", step_verb(c),
                            ent_graph_actor(g, w->hits[c->prev].actor)->id);
            negatives += c->hop < 0;
        }
        if (h->depth == 2 && negatives == 2)
            ent_strbuf_adds(sb, " (enemy of an enemy)");
        return;
    }
    /* Reversed: the chain runs outwards from the actor asked about. */
    size_t path[64], n = 0;
    for (size_t c = hi; w->hits[c].depth > 0 && n < 64; c = w->hits[c].prev)
        path[n++] = c;
    ent_strbuf_addf(sb, "%s", ent_graph_actor(g, w->q->actor)->id);
    for (size_t k = n; k-- > 0;)
        ent_strbuf_addf(sb, " %s %s", step_verb(&w->hits[path[k]]),
                        ent_graph_actor(g, w->hits[path[k]].actor)->id);
}

/* A row to be: the hit and the keys it is ordered by. */
typedef struct row {
    size_t hit;
    unsigned depth;
    int direct;
    double strength;
    uint32_t actor;
} row;

/* Rows: by depth, then those with recorded relations before those bound by
 * an alliance alone, then strongest first, then graph order. */
static int by_row(const void *x, const void *y)
{
    const row *a = x, *b = y;
    if (a->depth != b->depth)
        return a->depth < b->depth ? -1 : 1;
    if (a->direct != b->direct)
        return a->direct > b->direct ? -1 : 1;
    if (a->strength != b->strength)
        return a->strength > b->strength ? -1 : 1;
    return (a->actor > b->actor) - (a->actor < b->actor);
}

static int by_hit(const void *x, const void *y)
{
    const link *a = x, *b = y;
    if (a->hit != b->hit)
        return a->hit < b->hit ? -1 : 1;
    /* Recorded relations first, then the bonds by alliance: adding 1 turns a
     * recorded relation's UINT32_MAX into 0. */
    uint32_t ka = a->alliance + 1u, kb = b->alliance + 1u;
    if (ka != kb)
        return ka < kb ? -1 : 1;
    if (a->rel != b->rel)
        return a->rel < b->rel ? -1 : 1;
    return (a->rel2 > b->rel2) - (a->rel2 < b->rel2);
}

int ent_who_table(ent_table **out, const ent_graph *g, const ent_view_options *o,
                  const ent_when *when, const ent_who_query *q)
{
    *out = NULL;
    if (o && ent__options_version(o->version, ENT_VIEW_OPTIONS_VERSION, "ent_view_options"))
        return ENT_EUSAGE;
    size_t na = ent_graph_actor_count(g);
    if (q->actor >= na)
        return ent_error_set(ENT_EUSAGE, "ent_who_table: no such actor");
    walk w;
    memset(&w, 0, sizeof w);
    w.g = g;
    w.o = o;
    w.when = when;
    w.q = q;
    w.commanded_by = ent__type_by_id(g, "commanded_by");
    row *rows = NULL;
    ent_strbuf sb = ENT_STRBUF_INIT;
    tb t = {NULL, ENT_OK};
    int rc = ENT_ENOMEM;
    if (ent__grow((void **)&w.hits, &w.cap_hits, 1, sizeof *w.hits) < 0 || slots_reserve(&w) < 0)
        goto done;
    hit root = {q->actor, 0, 1, 0, SIZE_MAX, 0, 0, 0, 0};
    w.hits[w.n_hits++] = root;
    w.slots[slot_of(&w, (uint64_t)q->actor * 2 + 1)] = 1;
    unsigned depth = q->sign == 0 ? 1 : (q->depth ? q->depth : 1);
    rc = ENT_OK;
    /* Breadth first: hits are appended in order of depth. */
    for (size_t fi = 0; !rc && fi < w.n_hits; fi++) {
        if (w.hits[fi].depth < depth)
            rc = expand(&w, fi);
        /* Bonds count for backing, and deeper for chains through the fellows. */
        if (!rc && fi == 0 && (q->sign > 0 || (q->sign < 0 && depth > 1)))
            rc = bind_fellows(&w);
    }
    if (q->examined)
        *q->examined = w.examined;
    if (rc)
        goto done;
    if (w.n_links)
        qsort(w.links, w.n_links, sizeof *w.links, by_hit);

    /* The rows: the hits whose chain has the sign asked about. */
    rows = malloc((w.n_hits ? w.n_hits : 1) * sizeof *rows);
    if (!rows) {
        rc = ENT_ENOMEM;
        goto done;
    }
    size_t nrows = 0;
    for (size_t i = 1; i < w.n_hits; i++)
        if (q->sign == 0 || w.hits[i].sign == q->sign) {
            row r = {i, w.hits[i].depth, w.hits[i].direct, w.hits[i].strength, w.hits[i].actor};
            rows[nrows++] = r;
        }
    if (nrows)
        qsort(rows, nrows, sizeof *rows, by_row);

    char d1[11], d2[11], title[200];
    const char *what = q->sign > 0 ? "backed" : q->sign < 0 ? "opposed" : q->kind;
    const char *who = ent_graph_actor(g, q->actor)->id;
    if (when->between)
        snprintf(title, sizeof title, "%s %s %s, %s to %s", q->reverse ? "whom" : "who",
                 q->reverse ? who : what, q->reverse ? what : who, ent__day_str(when->first, d1),
                 ent__day_str(when->last, d2));
    else
        snprintf(title, sizeof title, "%s %s %s on %s", q->reverse ? "whom" : "who",
                 q->reverse ? who : what, q->reverse ? what : who, ent__day_str(when->day, d1));
    if (!(t.t = ent__table_new(title))) {
        rc = ENT_ENOMEM;
        goto done;
    }
    ent__tb_col(&t, "actor", ENT_COL_STRING, 0);
    ent__tb_col(&t, "name", ENT_COL_STRING, 0);
    ent__tb_col(&t, "depth", ENT_COL_INT, 0);
    ent__tb_col(&t, "link", ENT_COL_STRING, 0);
    ent__tb_col(&t, "relations", ENT_COL_STRING, 0);
    if (q->evidence)
        ent__tb_col(&t, "evidence", ENT_COL_STRING, 0);
    for (size_t k = 0; k < nrows; k++) {
        size_t hi = rows[k].hit;
        const hit *h = &w.hits[hi];
        ent__tb_row(&t);
        ent__tb_str(&t, 0, ent_graph_actor(g, h->actor)->id);
        ent__tb_str(&t, 1, ent_graph_actor(g, h->actor)->name);
        ent__tb_int(&t, 2, h->depth);
        ent_strbuf_reset(&sb);
        describe_chain(&w, hi, &sb);
        ent__tb_str(&t, 3, ent_strbuf_str(&sb));
        size_t lo = first_link(&w, hi);
        ent_strbuf_reset(&sb);
        for (size_t j = lo; j < w.n_links && w.links[j].hit == hi; j++) {
            const link *l = &w.links[j];
            if (j > lo)
                ent_strbuf_adds(&sb, "; ");
            if (l->alliance != UINT32_MAX)
                ent_strbuf_addf(&sb, "bound by alliance %s: ", ent_graph_actor(g, l->alliance)->id);
            for (int two = 0; two < 1 + (l->rel2 != UINT32_MAX); two++) {
                uint32_t ri = two ? l->rel2 : l->rel;
                const ent_relation *rel = ent_graph_relation(g, ri);
                ent_strbuf_addf(&sb, "%s%s->%s ", two ? ", " : "",
                                ent_graph_actor(g, rel->source)->id,
                                ent_graph_actor(g, rel->target)->id);
                ent__describe_relation(g, ri, &sb);
                if (rel->via != ENT_NO_ACTOR)
                    ent_strbuf_addf(&sb, " via %s", ent_graph_actor(g, rel->via)->id);
            }
        }
        ent__tb_str(&t, 4, ent_strbuf_str(&sb));
        if (q->evidence) {
            ent_strbuf_reset(&sb);
            for (size_t j = lo; j < w.n_links && w.links[j].hit == hi; j++) {
                uint32_t both[2] = {w.links[j].rel, w.links[j].rel2};
                ent_edge one = {0, 0, 0, 0, 0, both, w.links[j].rel2 != UINT32_MAX ? 2 : 1, 0};
                if (j > lo)
                    ent_strbuf_adds(&sb, " | ");
                ent__describe_evidence(g, &one, &sb);
            }
            ent__tb_str(&t, 5, ent_strbuf_str(&sb));
        }
    }
    if (!when->between) {
        char note[160];
        snprintf(note, sizeof note,
                 "durable relations in force on the day, events of the last %d days",
                 (int)o->window_days);
        ent__tb_note(&t, note);
        /* Events whose partial date reaches back before the window: counted,
         * but they may have happened before it (docs/analyses.md). */
        ent_strbuf_reset(&sb);
        size_t nu = 0;
        int32_t start = when->day - o->window_days + 1;
        for (size_t j = 0; j < w.n_links; j++) {
            uint32_t r = w.links[j].rel;
            ent_span sp = ent_graph_relation_span(g, r);
            if (sp.durable || sp.first >= start)
                continue;
            int shown = 0; /* only the relations of the rows listed */
            for (size_t k = 0; k < nrows && !shown; k++)
                shown = rows[k].hit == w.links[j].hit;
            if (!shown)
                continue;
            int seen = 0;
            for (size_t i = 0; i < j && !seen; i++)
                seen = w.links[i].rel == r;
            if (seen)
                continue;
            ent_strbuf_adds(&sb, nu++ ? ", " : "");
            ent__describe_relation(g, r, &sb);
        }
        if (nu) {
            ent_strbuf sb2 = ENT_STRBUF_INIT;
            ent_strbuf_addf(&sb2,
                            "%zu event%s counted although %s partial date reaches back before "
                            "the window (it may have happened before it): %s",
                            nu, nu == 1 ? "" : "s", nu == 1 ? "its" : "their", ent_strbuf_str(&sb));
            ent__tb_note(&t, sb2.failed ? "some events' partial dates reach back before the window"
                                        : ent_strbuf_str(&sb2));
            ent_strbuf_release(&sb2);
        }
    }
    rc = t.rc ? t.rc : sb.failed ? ENT_ENOMEM : ENT_OK;
done:
    free(w.slots);
    free(w.hits);
    free(w.links);
    free(rows);
    ent_strbuf_release(&sb);
    if (rc)
        ent_table_free(t.t);
    else
        *out = t.t;
    return rc ? ent_error_set(rc, "out of memory while answering") : ENT_OK;
}
