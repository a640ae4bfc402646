/*
 * vocab.c: the built-in relation vocabulary, one table.
 *
 * Intensities are Goldstein-scale values from the CAMEO table where a code
 * matches (the `cameo` column); the few types with no CAMEO counterpart take
 * the value of the nearest CAMEO category, as docs/vocabulary.md explains row
 * by row. docs/vocabulary.md holds the same table; tests/unit/test_vocab.c
 * checks that the two agree.
 */
#include <string.h>

#include "entente/vocab.h"

/* Column order: id, label, sign, intensity, durable, obligation, cameo,
 * family, description, role, mode, symmetric. The mode of a type with a CAMEO code is
 * that code's quad class (a unit test checks it). Durable types first, then
 * events, each by family. */
static const ent_reltype builtin[] = {
    /* structure */
    {"member_of", "membership", 1, 6.0, 1, 1, "", "structure",
     "the source is a member of the target organisation or alliance; an obligation only when "
     "the alliance has collective_defense",
     ENT_ROLE_STRUCTURE, ENT_MODE_STRUCTURE, 0},
    {"leader_of", "leadership", 1, 6.0, 1, 0, "", "structure",
     "the source leads the target (head of state or government, commander)", ENT_ROLE_STRUCTURE,
     ENT_MODE_STRUCTURE, 0},
    {"official_of", "office", 1, 6.0, 1, 0, "", "structure",
     "the source holds an office in the target (minister, secretary, spokesperson)",
     ENT_ROLE_STRUCTURE, ENT_MODE_STRUCTURE, 0},
    {"part_of", "territorial inclusion", 0, 0.0, 1, 0, "", "structure",
     "the source lies within, or is an administrative part of, the target", ENT_ROLE_STRUCTURE,
     ENT_MODE_STRUCTURE, 0},
    {"controls", "control", 0, 0.0, 1, 0, "", "structure",
     "the source holds control of the target (a territory, a route, a town)", ENT_ROLE_STRUCTURE,
     ENT_MODE_STRUCTURE, 0},
    {"deployed_in", "deployment", 0, 0.0, 1, 0, "", "structure",
     "the source (a force) is stationed in the target", ENT_ROLE_STRUCTURE, ENT_MODE_STRUCTURE, 0},
    {"commanded_by", "command", 1, 6.0, 1, 0, "", "structure",
     "the source (a force) is under the command of the target (a state, an alliance); its acts "
     "count as the commander's",
     ENT_ROLE_STRUCTURE, ENT_MODE_STRUCTURE, 0},
    /* alliance and obligations */
    {"allied_with", "alliance", 1, 8.0, 1, 1, "057", "alliance",
     "a formal alliance: each party is bound to defend the other", ENT_ROLE_PROVIDES,
     ENT_MODE_VERBAL_COOPERATION, 1},
    {"security_guarantee", "security guarantee", 1, 8.5, 1, 1, "074", "alliance",
     "the source guarantees the target's security", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"peacekeeping_mandate", "peacekeeping mandate", 1, 8.5, 1, 1, "074", "alliance",
     "the source holds a mandate to keep the peace for, and protect, the target", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"ceasefire", "ceasefire agreement", 1, 9.0, 1, 0, "0871", "agreement",
     "a ceasefire in force between the two parties", ENT_ROLE_ENGAGES,
     ENT_MODE_MATERIAL_COOPERATION, 1},
    {"partner_of", "strategic partnership", 1, 6.0, 1, 0, "060", "support",
     "a standing partnership of material cooperation, without a defence obligation",
     ENT_ROLE_ENGAGES, ENT_MODE_MATERIAL_COOPERATION, 1},
    {"aligned_with", "alignment", 1, 3.5, 1, 0, "050", "support",
     "the source sides diplomatically with the target in a conflict", ENT_ROLE_APPROVES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"cooperates_with", "cooperation", 1, 6.0, 1, 0, "060", "support",
     "the source cooperates with the target, openly or tacitly, in a course of action",
     ENT_ROLE_ENGAGES, ENT_MODE_MATERIAL_COOPERATION, 0},
    {"recognizes", "recognition", 1, 6.0, 1, 0, "054", "diplomacy",
     "the source recognises the target as a state or its authority as legitimate",
     ENT_ROLE_APPROVES, ENT_MODE_VERBAL_COOPERATION, 0},
    /* support, durable */
    {"support_military", "military support", 1, 7.4, 1, 0, "062", "support",
     "the source supports the target militarily over a period", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"support_diplomatic", "diplomatic support", 1, 3.5, 1, 0, "050", "support",
     "the source supports the target diplomatically over a period", ENT_ROLE_PROVIDES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"support_economic", "economic support", 1, 6.4, 1, 0, "061", "support",
     "the source supports the target economically over a period", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"support_humanitarian", "humanitarian support", 1, 7.4, 1, 0, "073", "support",
     "the source supports the target with humanitarian help over a period", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"support_political", "political support", 1, 3.4, 1, 0, "051", "support",
     "the source backs the target politically over a period", ENT_ROLE_PROVIDES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    /* stances */
    {"stance_for", "stance in favour", 1, 3.4, 1, 0, "051", "stance",
     "the source takes a position in favour of the target, an issue", ENT_ROLE_APPROVES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"stance_against", "stance against", -1, -2.0, 1, 0, "111", "stance",
     "the source takes a position against the target, an issue", ENT_ROLE_DISAPPROVES,
     ENT_MODE_VERBAL_CONFLICT, 0},
    /* hostile states */
    {"at_war_with", "war", -1, -10.0, 1, 0, "190", "force",
     "open armed conflict between the two parties", ENT_ROLE_FIGHTS, ENT_MODE_MATERIAL_CONFLICT, 1},
    {"occupies", "occupation", -1, -9.5, 1, 0, "192", "force",
     "the source occupies territory of the target", ENT_ROLE_FIGHTS, ENT_MODE_MATERIAL_CONFLICT, 0},
    {"blockades", "blockade", -1, -9.5, 1, 0, "191", "coercion",
     "the source blockades the target or restricts movement to it", ENT_ROLE_COERCES,
     ENT_MODE_MATERIAL_CONFLICT, 0},
    {"sanctions", "sanctions", -1, -8.0, 1, 0, "163", "coercion",
     "the source keeps sanctions, an embargo or a boycott against the target", ENT_ROLE_COERCES,
     ENT_MODE_MATERIAL_CONFLICT, 0},

    /* events: diplomacy */
    {"statement", "statement", 0, 0.0, 0, 0, "010", "statement",
     "the source makes a public statement about the target, neither for nor against",
     ENT_ROLE_ENGAGES, ENT_MODE_VERBAL_COOPERATION, 0},
    {"reports", "report", 0, 0.0, 0, 0, "", "statement",
     "the source (media, an observer) reports on the target", ENT_ROLE_ENGAGES, ENT_MODE_STRUCTURE,
     0},
    {"call", "telephone call", 1, 1.0, 0, 0, "041", "diplomacy",
     "the source discusses with the target by telephone", ENT_ROLE_ENGAGES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"meeting", "meeting", 1, 1.0, 0, 0, "040", "diplomacy",
     "the source meets or consults the target", ENT_ROLE_ENGAGES, ENT_MODE_VERBAL_COOPERATION, 0},
    {"visit", "visit", 1, 1.9, 0, 0, "042", "diplomacy", "the source makes a visit to the target",
     ENT_ROLE_ENGAGES, ENT_MODE_VERBAL_COOPERATION, 0},
    {"negotiation", "negotiation", 1, 7.0, 0, 0, "046", "diplomacy",
     "the two parties negotiate with each other", ENT_ROLE_ENGAGES, ENT_MODE_VERBAL_COOPERATION, 1},
    {"mediation", "mediation", 1, 5.0, 0, 0, "045", "mediation",
     "the source mediates between the target and another party", ENT_ROLE_BROKERS,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"brokers_ceasefire", "brokering a ceasefire", 1, 5.0, 0, 0, "045", "mediation",
     "the source brokers a ceasefire that the target accepts", ENT_ROLE_BROKERS,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"requests_help", "request for help", 1, 3.4, 0, 0, "0234", "diplomacy",
     "the source asks the target for help, protection or peacekeeping", ENT_ROLE_SEEKS,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"praise", "praise", 1, 3.4, 0, 0, "051", "verbal_support", "the source praises the target",
     ENT_ROLE_APPROVES, ENT_MODE_VERBAL_COOPERATION, 0},
    {"endorses", "endorsement", 1, 3.4, 0, 0, "051", "verbal_support",
     "the source endorses the target or an act of the target", ENT_ROLE_APPROVES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"defends_verbally", "verbal defence", 1, 3.5, 0, 0, "052", "verbal_support",
     "the source defends the target in words", ENT_ROLE_APPROVES, ENT_MODE_VERBAL_COOPERATION, 0},
    /* events: material cooperation */
    {"aid", "aid", 1, 7.0, 0, 0, "070", "aid", "the source provides aid to the target",
     ENT_ROLE_PROVIDES, ENT_MODE_MATERIAL_COOPERATION, 0},
    {"aid_economic", "economic aid", 1, 7.4, 0, 0, "071", "aid",
     "the source provides economic aid to the target", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"aid_military", "military aid", 1, 8.3, 0, 0, "072", "aid",
     "the source provides military aid to the target", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"aid_humanitarian", "humanitarian aid", 1, 7.4, 0, 0, "073", "aid",
     "the source provides humanitarian aid to the target", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"evacuates", "evacuation", 1, 7.4, 0, 0, "", "aid",
     "the source evacuates the target (people) out of danger", ENT_ROLE_PROVIDES,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    {"surrenders_to", "surrender", 1, 10.0, 0, 0, "0874", "yield",
     "the source surrenders or retreats militarily before the target", ENT_ROLE_YIELDS,
     ENT_MODE_MATERIAL_COOPERATION, 0},
    /* events: verbal conflict */
    {"criticizes", "criticism", -1, -2.0, 0, 0, "111", "verbal_conflict",
     "the source criticises or denounces the target", ENT_ROLE_DISAPPROVES,
     ENT_MODE_VERBAL_CONFLICT, 0},
    {"condemns", "condemnation", -1, -2.0, 0, 0, "111", "verbal_conflict",
     "the source condemns the target or an act of the target", ENT_ROLE_DISAPPROVES,
     ENT_MODE_VERBAL_CONFLICT, 0},
    {"blames", "blame", -1, -2.0, 0, 0, "112", "verbal_conflict",
     "the source blames the target for something", ENT_ROLE_DISAPPROVES, ENT_MODE_VERBAL_CONFLICT,
     0},
    {"accuses", "accusation", -1, -2.0, 0, 0, "112", "verbal_conflict",
     "the source accuses the target of a wrong (aggression, a crime, an attack)",
     ENT_ROLE_DISAPPROVES, ENT_MODE_VERBAL_CONFLICT, 0},
    {"denies_responsibility", "denial of responsibility", -1, -2.0, 0, 0, "016", "verbal_conflict",
     "the source denies a responsibility towards the target", ENT_ROLE_REFUSES,
     ENT_MODE_VERBAL_COOPERATION, 0},
    {"rules_against", "ruling", -1, -2.0, 0, 0, "116", "verbal_conflict",
     "the source (a court) rules against the target or finds it liable", ENT_ROLE_DISAPPROVES,
     ENT_MODE_VERBAL_CONFLICT, 0},
    {"rejects_request", "rejection of a request", -1, -4.0, 0, 0, "122", "rejection",
     "the source rejects the target's request for help or material aid", ENT_ROLE_REFUSES,
     ENT_MODE_VERBAL_CONFLICT, 0},
    {"demands", "demand", -1, -5.0, 0, 0, "100", "rejection",
     "the source makes a demand of the target", ENT_ROLE_COERCES, ENT_MODE_VERBAL_CONFLICT, 0},
    {"threatens", "threat", -1, -4.4, 0, 0, "130", "coercion", "the source threatens the target",
     ENT_ROLE_COERCES, ENT_MODE_VERBAL_CONFLICT, 0},
    {"protests", "protest", -1, -6.5, 0, 0, "141", "protest",
     "the source demonstrates or rallies against the target", ENT_ROLE_DISAPPROVES,
     ENT_MODE_VERBAL_CONFLICT, 0},
    {"mobilizes_against", "military build-up", -1, -7.2, 0, 0, "154", "coercion",
     "the source mobilises or builds up armed forces against the target", ENT_ROLE_COERCES,
     ENT_MODE_MATERIAL_CONFLICT, 0},
    {"imposes_sanctions", "sanctions imposed", -1, -8.0, 0, 0, "163", "coercion",
     "the source imposes sanctions, an embargo or a boycott on the target", ENT_ROLE_COERCES,
     ENT_MODE_MATERIAL_CONFLICT, 0},
    /* events: force */
    {"attacks", "attack", -1, -10.0, 0, 0, "190", "force",
     "the source uses military force against the target", ENT_ROLE_FIGHTS,
     ENT_MODE_MATERIAL_CONFLICT, 0},
    {"violates_ceasefire", "ceasefire violation", -1, -9.5, 0, 0, "196", "force",
     "the source breaks a ceasefire with the target", ENT_ROLE_FIGHTS, ENT_MODE_MATERIAL_CONFLICT,
     0},
    {"expels", "mass expulsion", -1, -9.5, 0, 0, "201", "force",
     "the source drives the target (a population) from its homes", ENT_ROLE_FIGHTS,
     ENT_MODE_MATERIAL_CONFLICT, 0},
    {"mass_killing", "mass killing", -1, -10.0, 0, 0, "202", "force",
     "the source kills many of the target (civilians) in a massacre", ENT_ROLE_FIGHTS,
     ENT_MODE_MATERIAL_CONFLICT, 0},
    {"establishes", "establishment", 0, 0.0, 0, 0, "", "structure",
     "the source creates or establishes the target (an entity, an office)", ENT_ROLE_STRUCTURE,
     ENT_MODE_STRUCTURE, 0},
};

size_t ent_vocab_builtin_count(void)
{
    return sizeof builtin / sizeof builtin[0];
}

const ent_reltype *ent_vocab_builtin(size_t i)
{
    return i < ent_vocab_builtin_count() ? &builtin[i] : NULL;
}

const ent_reltype *ent_vocab_builtin_find(const char *id)
{
    for (size_t i = 0; i < ent_vocab_builtin_count(); i++)
        if (strcmp(builtin[i].id, id) == 0)
            return &builtin[i];
    return NULL;
}

static const char *const role_names[ENT_ROLE_COUNT_] = {
    "provides", "seeks",       "yields",  "refuses", "brokers",  "engages",
    "approves", "disapproves", "coerces", "fights",  "structure"};

static const char *const mode_names[ENT_MODE_COUNT_] = {"verbal_cooperation",
                                                        "material_cooperation", "verbal_conflict",
                                                        "material_conflict", "structure"};

const char *ent_role_name(ent_role r)
{
    return (unsigned)r < ENT_ROLE_COUNT_ ? role_names[r] : "unknown";
}

int ent_role_from_name(const char *name)
{
    for (int r = 0; r < ENT_ROLE_COUNT_; r++)
        if (strcmp(name, role_names[r]) == 0)
            return r;
    return -1;
}

const char *ent_mode_name(ent_mode m)
{
    return (unsigned)m < ENT_MODE_COUNT_ ? mode_names[m] : "unknown";
}

int ent_mode_from_name(const char *name)
{
    for (int m = 0; m < ENT_MODE_COUNT_; m++)
        if (strcmp(name, mode_names[m]) == 0)
            return m;
    return -1;
}

int ent_mode_is_material(ent_mode m)
{
    return m == ENT_MODE_MATERIAL_COOPERATION || m == ENT_MODE_MATERIAL_CONFLICT;
}

int ent_mode_of_cameo(const char *cameo)
{
    if (!cameo || cameo[0] < '0' || cameo[0] > '9' || cameo[1] < '0' || cameo[1] > '9')
        return -1;
    int root = (cameo[0] - '0') * 10 + (cameo[1] - '0');
    if (root < 1 || root > 20)
        return -1;
    return root <= 5    ? ENT_MODE_VERBAL_COOPERATION
           : root <= 9  ? ENT_MODE_MATERIAL_COOPERATION
           : root <= 14 ? ENT_MODE_VERBAL_CONFLICT
                        : ENT_MODE_MATERIAL_CONFLICT;
}
