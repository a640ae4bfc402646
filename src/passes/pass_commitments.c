/*
 * pass_commitments.c: obligations in force on a date, and whether each bound
 * party acted on its obligation in the window before it.
 *
 * An obligation is a relation whose type the vocabulary marks so (an
 * alliance, a security guarantee, a peacekeeping mandate ...): its source is
 * bound to protect its target. Membership binds the other way round, and only
 * of an alliance with collective defence: the alliance is bound to defend its
 * member. The bound party's acts include those it made as the intermediary
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
#include "model/graph_impl.h"
#include "passes/common.h"
#include "util/error.h"

/* A relation kept in the view (in force or in its window). */
static int kept(const ent_view *v, uint32_t r)
{
    return !isnan(ent_view_relation_weight(v, r));
}

static void add(const ent_graph *g, ent_strbuf *sb, uint32_t r)
{
    if (sb->len)
        ent_strbuf_adds(sb, "; ");
    const ent_relation *rel = ent_graph_relation(g, r);
    ent_strbuf_addf(sb, "%s->%s ", ent_graph_actor(g, rel->source)->id,
                    ent_graph_actor(g, rel->target)->id);
    describe_relation(g, r, sb);
    if (rel->via != ENT_NO_ACTOR)
        ent_strbuf_addf(sb, " via %s", ent_graph_actor(g, rel->via)->id);
}

/* Whether a relation is an attack in the wide sense: force or coercion (an
 * attack, a blockade, an occupation, sanctions, a threat, a build-up), not
 * words. Decided by the type's family, so that graphs with their own types
 * take part by naming those families. */
static int is_attack(const ent_graph *g, const ent_relation *x)
{
    const char *fam = g->types[x->type].family;
    return x->intensity < 0 && (strcmp(fam, "force") == 0 || strcmp(fam, "coercion") == 0);
}

/* Whether `attacker` attacked `victim` (see is_attack) in the view. */
static int attacked(const ent_view *v, uint32_t attacker, uint32_t victim)
{
    const ent_graph *g = ent_view_graph(v);
    for (size_t k = g->out_start[attacker]; k < g->out_start[attacker + 1]; k++) {
        uint32_t r = g->by_source[k];
        const ent_relation *rel = &g->relations[r];
        if (rel->target == victim && is_attack(g, rel) && kept(v, r))
            return 1;
    }
    return 0;
}

int ent_commitments_table(ent_table **out, const ent_view *v)
{
    const ent_graph *g = ent_view_graph(v);
    ent_strbuf trig = ENT_STRBUF_INIT, acts = ENT_STRBUF_INIT, ob = ENT_STRBUF_INIT;
    char d[11], title[160];
    *out = NULL;
    snprintf(title, sizeof title, "obligations in force on %s and what was done about them",
             day_str(ent_view_day(v), d));
    tb t = {ent_table_new(title), ENT_OK};
    if (!t.t)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    tb_col(&t, "bound", ENT_COL_STRING, 0);
    tb_col(&t, "protected", ENT_COL_STRING, 0);
    tb_col(&t, "verdict", ENT_COL_STRING, 0);
    tb_col(&t, "obligation", ENT_COL_STRING, 0);
    tb_col(&t, "called_for", ENT_COL_STRING, 0);
    tb_col(&t, "acts", ENT_COL_STRING, 0);
    for (uint32_t r = 0; r < g->n_relations; r++) {
        const ent_relation *rel = &g->relations[r];
        const ent_reltype *type = &g->types[rel->type];
        if (!type->obligation || !type->durable || !kept(v, r))
            continue;
        uint32_t bound = rel->source, prot = rel->target;
        if (strcmp(type->id, "member_of") == 0) {
            if (g->actors[rel->target].kind != ENT_KIND_ALLIANCE ||
                g->actors[rel->target].collective_defense != 1)
                continue;
            bound = rel->target;
            prot = rel->source;
        }
        ent_strbuf_reset(&trig);
        ent_strbuf_reset(&acts);
        ent_strbuf_reset(&ob);
        add(g, &ob, r);
        int called = 0, backed = 0, against = 0;
        /* What called for action: hostile acts against the protected party by
         * others, and its requests for help to the bound party. */
        for (size_t k = g->in_start[prot]; k < g->in_start[prot + 1]; k++) {
            uint32_t q = g->by_target[k];
            const ent_relation *x = &g->relations[q];
            if (q == r || !kept(v, q) || x->source == bound || x->via == bound ||
                x->intensity >= 0 || !is_attack(g, x))
                continue;
            called = 1;
            add(g, &trig, q);
        }
        for (size_t k = g->out_start[prot]; k < g->out_start[prot + 1]; k++) {
            uint32_t q = g->by_source[k];
            const ent_relation *x = &g->relations[q];
            if (x->target == bound && x->source == prot && kept(v, q) &&
                strcmp(g->types[x->type].id, "requests_help") == 0) {
                called = 1;
                add(g, &trig, q);
            }
        }
        /* What the bound party did: towards the protected party, and with those
         * who attacked it. Its own acts and those made through it. */
        ent_strbuf against_sb = ENT_STRBUF_INIT, backed_sb = ENT_STRBUF_INIT;
        for (size_t k = g->out_start[bound]; k < g->out_start[bound + 1]; k++) {
            uint32_t q = g->by_source[k];
            const ent_relation *x = &g->relations[q];
            if (q == r || !kept(v, q) || x->intensity == 0)
                continue;
            if (x->target == prot) {
                if (x->intensity > 0 && g->types[x->type].obligation)
                    continue; /* another standing obligation is not an act */
                if (x->intensity > 0) {
                    backed = 1;
                    add(g, &backed_sb, q);
                } else {
                    against = 1;
                    add(g, &against_sb, q);
                }
            } else if (x->intensity > 0 && x->target != prot && attacked(v, x->target, prot)) {
                against = 1;
                add(g, &against_sb, q);
            }
        }
        const char *verdict = against  ? "broken"
                              : backed ? "kept"
                              : called ? "ignored"
                                       : "not tested";
        ent_strbuf_adds(&acts, ent_strbuf_str(against ? &against_sb : &backed_sb));
        ent_strbuf_release(&against_sb);
        ent_strbuf_release(&backed_sb);
        tb_row(&t);
        tb_str(&t, 0, g->actors[bound].id);
        tb_str(&t, 1, g->actors[prot].id);
        tb_str(&t, 2, verdict);
        tb_str(&t, 3, ent_strbuf_str(&ob));
        tb_str(&t, 4, ent_strbuf_str(&trig));
        tb_str(&t, 5, ent_strbuf_str(&acts));
    }
    view_note(&t, v);
    int rc = t.rc ? t.rc : trig.failed || acts.failed || ob.failed ? ENT_ENOMEM : ENT_OK;
    ent_strbuf_release(&trig);
    ent_strbuf_release(&acts);
    ent_strbuf_release(&ob);
    if (rc) {
        ent_table_free(t.t);
        return ent_error_set(rc, "out of memory");
    }
    *out = t.t;
    return ENT_OK;
}
