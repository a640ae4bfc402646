/*
 * model.c: small readings of the public model that every layer above it
 * shares: a type looked up by id, the stance a relation takes, a day
 * number as a date.
 */
#include <string.h>

#include "model/model.h"

/*
 * The stance a relation takes for "backed" and "opposed": the sign of its
 * intensity, except that some cooperative acts back nobody, by their role:
 * a request for help (seeks) or a surrender (yields) makes the source rely
 * on or give way to the target, a mediation (brokers) stands between
 * parties, and contact or agreement (engages: a call, a meeting, a
 * negotiation, a ceasefire) takes no side, unless it is cooperation in the
 * family "support" (a partnership, cooperation in a course of action).
 * docs/analyses.md states the rule.
 */
int ent__relation_stance(const ent_graph *g, const ent_relation *rel)
{
    const ent_reltype *t = ent_graph_type(g, rel->type);
    if (rel->intensity > 0 &&
        (t->role == ENT_ROLE_SEEKS || t->role == ENT_ROLE_YIELDS || t->role == ENT_ROLE_BROKERS ||
         (t->role == ENT_ROLE_ENGAGES && strcmp(t->family, "support") != 0)))
        return 0;
    return (rel->intensity > 0) - (rel->intensity < 0);
}

int32_t ent__type_by_id(const ent_graph *g, const char *id)
{
    for (size_t t = 0; t < ent_graph_type_count(g); t++)
        if (strcmp(ent_graph_type(g, t)->id, id) == 0)
            return (int32_t)t;
    return -1;
}

char *ent__day_str(int32_t day, char *buf)
{
    return ent_date_format(ent_date_from_day(day), buf);
}
