/*
 * pass_commitments.c: obligations in force on a date, and whether each bound
 * party acted on its obligation in the window before it.
 *
 * An obligation is a relation whose type the vocabulary marks so (an
 * alliance, a security guarantee, a peacekeeping mandate ...): its source is
 * bound to protect its target. Membership binds the other way round, and only
 * of an alliance with collective defence: the alliance is bound to defend its
 * member, and so is every fellow member (a row per bound member, protected
 * member and alliance, after the alliance's own row). The bound party's acts include those it made
 * as the intermediary
 * ("via") of another's act, so a member state refusing help on the
 * alliance's behalf counts as the alliance refusing it.
 *
 * Verdicts, from the relations in the window:
 *   broken      the bound party acted against the protected one, or
 *               cooperated with an actor that attacked it in the window
 *               (attacks are relations of the families "force" and
 *               "coercion": words are not attacks);
 *   kept        otherwise, it backed the protected party;
 *   ignored     the protected party was attacked, or asked the bound party
 *               for help, and the bound party did neither;
 *   not tested  nothing called for action.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "model/model.h"
#include "util/grow.h"
#include "passes/allies.h"
#include "passes/cache.h"
#include "passes/common.h"
#include "snapshot/cache.h"
#include "util/error.h"

/* A relation kept in the view (in force or in its window). */
static int kept(const ent_view *v, uint32_t r)
{
    return !isnan(ent_view_relation_weight(v, r));
}

/* "a->b r1 type dates" and the intermediary, if any. */
static void describe(const ent_graph *g, ent_strbuf *sb, uint32_t r)
{
    const ent_relation *rel = ent_graph_relation(g, r);
    ent_strbuf_addf(sb, "%s->%s ", ent_graph_actor(g, rel->source)->id,
                    ent_graph_actor(g, rel->target)->id);
    ent__describe_relation(g, r, sb);
    if (rel->via != ENT_NO_ACTOR)
        ent_strbuf_addf(sb, " via %s", ent_graph_actor(g, rel->via)->id);
}

/* Appends relation r to a list joined with "; ". */
static void add(const ent_graph *g, ent_strbuf *sb, uint32_t r)
{
    if (sb->len)
        ent_strbuf_adds(sb, "; ");
    describe(g, sb, r);
}

/* Whether a relation is an attack in the wide sense: force or coercion (an
 * attack, a blockade, an occupation, sanctions, a threat, a build-up), not
 * words. Decided by the type's family, so that graphs with their own types
 * take part by naming those families. */
static int is_attack(const ent_graph *g, const ent_relation *x)
{
    const ent_reltype *t = ent_graph_type(g, x->type);
    /* A symmetric tie (a war) says who fights whom, not who attacked: the
     * aggression itself is coded with a directed type (attacks, occupies). */
    return x->intensity < 0 && !t->symmetric &&
           (strcmp(t->family, "force") == 0 || strcmp(t->family, "coercion") == 0);
}

/* Whether `attacker` attacked `victim` (see is_attack) in the view. */
static int attacked(const ent_view *v, uint32_t attacker, uint32_t victim)
{
    const ent_graph *g = ent_view_graph(v);
    const uint32_t *out_attacker;
    size_t n_out_attacker = ent_graph_relations_from(g, attacker, &out_attacker);
    for (size_t k = 0; k < n_out_attacker; k++) {
        uint32_t r = out_attacker[k];
        const ent_relation *rel = ent_graph_relation(g, r);
        if (ent__out_other(g, r, attacker) == victim && is_attack(g, rel) && kept(v, r))
            return 1;
    }
    return 0;
}

/* The buffers of one verdict, reused from row to row. */
typedef struct cells {
    ent_strbuf trig, acts, ob, against, backed;
    int32_t commanded_by; /* the type commanded_by, or -1 */
} cells;

/*
 * Adds the row of one obligation: `bound` is to protect `prot`, as the
 * relations in cells->ob say; `skip` is the obligation's own relation (not an
 * act), or UINT32_MAX. The verdict comes from the bound party's acts in the
 * view, its own and those made through it.
 */
static void judge(const ent_view *v, tb *t, cells *c, uint32_t bound, uint32_t prot, uint32_t skip)
{
    const ent_graph *g = ent_view_graph(v);
    ent_strbuf_reset(&c->trig);
    ent_strbuf_reset(&c->acts);
    ent_strbuf_reset(&c->against);
    ent_strbuf_reset(&c->backed);
    int called = 0, backed = 0, against = 0;
    /* What called for action: hostile acts against the protected party by
     * others, and its requests for help to the bound party. */
    const uint32_t *in_prot;
    size_t n_in_prot = ent_graph_relations_to(g, prot, &in_prot);
    for (size_t k = 0; k < n_in_prot; k++) {
        uint32_t q = in_prot[k];
        const ent_relation *x = ent_graph_relation(g, q);
        if (q == skip || !kept(v, q) || ent__in_other(g, q, prot) == bound || x->via == bound ||
            x->intensity >= 0 || !is_attack(g, x))
            continue;
        called = 1;
        add(g, &c->trig, q);
    }
    const uint32_t *out_prot;
    size_t n_out_prot = ent_graph_relations_from(g, prot, &out_prot);
    for (size_t k = 0; k < n_out_prot; k++) {
        uint32_t q = out_prot[k];
        const ent_relation *x = ent_graph_relation(g, q);
        if (x->source == prot && x->target == bound && kept(v, q) &&
            strcmp(ent_graph_type(g, x->type)->id, "requests_help") == 0) {
            called = 1;
            add(g, &c->trig, q);
        }
    }
    /* What the bound party did: towards the protected party, and with those
     * who attacked it. Its own acts, those made through it, and those of the
     * forces it commands (listed by their commanded_by relations). */
    int32_t cmd = c->commanded_by;
    const uint32_t *in_bound;
    size_t n_in_bound = ent_graph_relations_to(g, bound, &in_bound);
    for (size_t f = 0; f <= n_in_bound; f++) {
        uint32_t actor = bound;
        if (f < n_in_bound) {
            uint32_t ci = in_bound[f];
            const ent_relation *cr = ent_graph_relation(g, ci);
            if (cmd < 0 || (int32_t)cr->type != cmd || cr->target != bound ||
                ent_graph_actor(g, cr->source)->kind != ENT_KIND_FORCE || !kept(v, ci))
                continue;
            actor = cr->source;
        }
        const uint32_t *out_actor;
        size_t n_out_actor = ent_graph_relations_from(g, actor, &out_actor);
        for (size_t k = 0; k < n_out_actor; k++) {
            uint32_t q = out_actor[k];
            const ent_relation *x = ent_graph_relation(g, q);
            int stance = ent__relation_stance(g, x);
            if (q == skip || !kept(v, q) || stance == 0 || (int32_t)x->type == cmd)
                continue;
            uint32_t other = ent__out_other(g, q, actor);
            if (other == prot) {
                /* Another standing obligation, or a tie that holds both ways
                 * (a partnership, a ceasefire), is the relationship, not an
                 * act on it. */
                if (stance > 0 && (ent_graph_type(g, x->type)->obligation ||
                                   ent_graph_type(g, x->type)->symmetric))
                    continue;
                if (stance > 0) {
                    backed = 1;
                    add(g, &c->backed, q);
                } else {
                    against = 1;
                    add(g, &c->against, q);
                }
            } else if (stance > 0 && attacked(v, other, prot)) {
                against = 1;
                add(g, &c->against, q);
            }
        }
    }
    const char *verdict = against ? "broken" : backed ? "kept" : called ? "ignored" : "not tested";
    ent_strbuf_adds(&c->acts, ent_strbuf_str(against ? &c->against : &c->backed));
    ent__tb_row(t);
    ent__tb_str(t, 0, ent_graph_actor(g, bound)->id);
    ent__tb_str(t, 1, ent_graph_actor(g, prot)->id);
    ent__tb_str(t, 2, verdict);
    ent__tb_str(t, 3, ent_strbuf_str(&c->ob));
    ent__tb_str(t, 4, ent_strbuf_str(&c->trig));
    ent__tb_str(t, 5, ent_strbuf_str(&c->acts));
}

/* A fellow member of an alliance: the member and its membership. */
typedef struct fellow {
    uint32_t member, rel;
} fellow;

static int by_member(const void *x, const void *y)
{
    const fellow *a = x, *b = y;
    if (a->member != b->member)
        return a->member < b->member ? -1 : 1;
    return (a->rel > b->rel) - (a->rel < b->rel);
}

/*
 * The rows of the fellow members of `prot` in the defence alliance `al`,
 * whose membership is relation r: each is bound to defend it. Fellows in
 * graph order, each once (its strongest membership on the day). Nothing when
 * r is not prot's membership that the allies module counts, so that a member
 * with two memberships of one alliance is protected once.
 */
static int fellows(const ent_view *v, tb *t, cells *c, uint32_t prot, uint32_t al, uint32_t r,
                   fellow **buf, size_t *cap)
{
    const ent_graph *g = ent_view_graph(v);
    if (ent__defence_membership(v, prot, al, NULL) != r)
        return ENT_OK;
    size_t n = 0;
    const uint32_t *in_al;
    size_t n_in_al = ent_graph_relations_to(g, al, &in_al);
    for (size_t k = 0; k < n_in_al; k++) {
        uint32_t q = in_al[k], m = ent_graph_relation(g, q)->source;
        if (m == prot || m == al || ent__defence_membership(v, m, al, NULL) != q)
            continue;
        if (ent__grow((void **)buf, cap, n + 1, sizeof **buf) < 0)
            return ENT_ENOMEM;
        fellow f = {m, q};
        (*buf)[n++] = f;
    }
    if (n)
        qsort(*buf, n, sizeof **buf, by_member);
    for (size_t i = 0; i < n; i++) {
        ent_strbuf_reset(&c->ob);
        ent_strbuf_addf(&c->ob, "fellow member of %s: ", ent_graph_actor(g, al)->id);
        describe(g, &c->ob, (*buf)[i].rel);
        ent_strbuf_adds(&c->ob, "; ");
        describe(g, &c->ob, r);
        judge(v, t, c, (*buf)[i].member, prot, UINT32_MAX);
    }
    return ENT_OK;
}

/* The rows of the commanders of force `force`, bound by its obligation r to
 * protect `prot`: each judged by its own acts and those of its forces. */
static int commanders(const ent_view *v, tb *t, cells *c, uint32_t force, uint32_t prot, uint32_t r)
{
    const ent_graph *g = ent_view_graph(v);
    int32_t cmd = c->commanded_by;
    if (cmd < 0 || ent_graph_actor(g, force)->kind != ENT_KIND_FORCE)
        return ENT_OK;
    const uint32_t *out_force;
    size_t n_out_force = ent_graph_relations_from(g, force, &out_force);
    for (size_t k = 0; k < n_out_force; k++) {
        uint32_t q = out_force[k];
        const ent_relation *x = ent_graph_relation(g, q);
        if ((int32_t)x->type != cmd || x->source != force || !kept(v, q) || x->target == prot)
            continue;
        ent_strbuf_reset(&c->ob);
        ent_strbuf_addf(&c->ob, "force of %s: ", ent_graph_actor(g, x->target)->id);
        describe(g, &c->ob, r);
        ent_strbuf_adds(&c->ob, "; ");
        describe(g, &c->ob, q);
        judge(v, t, c, x->target, prot, r);
    }
    return c->ob.failed ? ENT_ENOMEM : ENT_OK;
}

static int commitments_table(ent_table **out, const ent_view *v)
{
    const ent_graph *g = ent_view_graph(v);
    cells c = {ENT_STRBUF_INIT, ENT_STRBUF_INIT, ENT_STRBUF_INIT,
               ENT_STRBUF_INIT, ENT_STRBUF_INIT, ent__type_by_id(g, "commanded_by")};
    fellow *buf = NULL;
    size_t cap = 0;
    char d[11], title[160];
    *out = NULL;
    snprintf(title, sizeof title, "obligations in force on %s and what was done about them",
             ent__day_str(ent_view_day(v), d));
    tb t = {ent__table_new(title), ENT_OK};
    if (!t.t)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    ent__tb_col(&t, "bound", ENT_COL_STRING, 0);
    ent__tb_col(&t, "protected", ENT_COL_STRING, 0);
    ent__tb_col(&t, "verdict", ENT_COL_STRING, 0);
    ent__tb_col(&t, "obligation", ENT_COL_STRING, 0);
    ent__tb_col(&t, "called_for", ENT_COL_STRING, 0);
    ent__tb_col(&t, "acts", ENT_COL_STRING, 0);
    for (uint32_t r = 0; r < ent_graph_relation_count(g) && !t.rc; r++) {
        const ent_relation *rel = ent_graph_relation(g, r);
        const ent_reltype *type = ent_graph_type(g, rel->type);
        if (!type->obligation || !type->durable || !kept(v, r))
            continue;
        uint32_t bound = rel->source, prot = rel->target;
        int member = strcmp(type->id, "member_of") == 0;
        if (member) {
            if (!ent__is_defence_alliance(g, rel->target))
                continue;
            bound = rel->target;
            prot = rel->source;
        }
        ent_strbuf_reset(&c.ob);
        add(g, &c.ob, r);
        judge(v, &t, &c, bound, prot, r);
        /* A force's obligations are its commander's too. */
        if (!member && commanders(v, &t, &c, bound, prot, r))
            t.rc = ENT_ENOMEM;
        /* A symmetric obligation (an alliance) binds each party to the other. */
        if (type->symmetric && !member)
            judge(v, &t, &c, prot, bound, r);
        /* Membership binds the fellow members too, each to defend this one. */
        if (member && fellows(v, &t, &c, prot, bound, r, &buf, &cap))
            t.rc = ENT_ENOMEM;
    }
    ent__view_note(&t, v);
    ent__tb_note(&t, "fellow member of A: membership of an alliance with collective defence binds "
                     "every member to defend every other, as well as the alliance to its members");
    ent__tb_note(&t,
                 "force of C: a force's obligation binds the state or alliance that commands it "
                 "(commanded_by), judged by its own acts and those of its forces");
    int rc = t.rc ? t.rc
             : c.trig.failed || c.acts.failed || c.ob.failed || c.against.failed || c.backed.failed
                 ? ENT_ENOMEM
                 : ENT_OK;
    ent_strbuf_release(&c.trig);
    ent_strbuf_release(&c.acts);
    ent_strbuf_release(&c.ob);
    ent_strbuf_release(&c.against);
    ent_strbuf_release(&c.backed);
    free(buf);
    if (rc) {
        ent_table_free(t.t);
        return ent_error_set(rc, "out of memory");
    }
    *out = t.t;
    return ENT_OK;
}

/* The table is made once per view and kept there (passes/cache.h); each
 * caller gets a copy of its own. */
int ent_commitments_table(ent_table **out, const ent_view *v)
{
    *out = NULL;
    ent__view_lock(v);
    int rc = ENT_OK;
    const ent_table *kept = ent__cache_commitments(v);
    if (!kept) {
        ent_table *made = NULL;
        if (!(rc = commitments_table(&made, v)) && !(rc = ent__cache_put_commitments(v, made)))
            kept = made;
    }
    if (!rc)
        rc = ent_table_copy(out, kept);
    ent__view_unlock(v);
    return rc;
}
