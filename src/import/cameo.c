/*
 * cameo.c: what the importers know about CAMEO (the Conflict and Mediation
 * Event Observations codebook that GDELT and ICEWS code events with): the
 * event codes that exist, the rules that map them to entente's relation
 * types, and the country and region codes of actors with their names.
 *
 * Country names come from ISO 3166-1 as Debian's iso-codes package ships it:
 * src/import/gen-iso3166.py turns its JSON into iso3166.c at build time
 * (CMake finds the package with pkg-config). CAMEO's codes for regions, which
 * ISO does not have, are listed here.
 */
#include <stdlib.h>
#include <string.h>

#include "entente/import.h"
#include "entente/vocab.h"
#include "import/import_impl.h"

/* ---------------------------------------------------------------------------
 * Event codes: the 311 codes of CAMEO 1.1b3 (root, base and full codes)
 * ------------------------------------------------------------------------- */

static const char known_codes[] =
    "01 010 011 012 013 014 015 016 017 018 019 02 020 021 0211 0212 0213 0214 022 023 0231 0232 0233 0234 024 0241 0242 0243 0244 025 0251 0252 0253 0254 0255 0256 026 027 028 03 030 031 0311 0312 0313 0314 032 033 0331 0332 0333 0334 034 0341 0342 0343 0344 035 0351 0352 0353 0354 0355 0356 036 037 038 039 04 040 041 042 043 044 045 046 05 050 051 052 053 054 055 056 057 06 060 061 062 063 064 07 070 071 072 073 074 075 08 080 081 0811 0812 0813 0814 082 083 0831 0832 0833 0834 084 0841 0842 085 086 0861 0862 0863 087 0871 0872 0873 0874 09 090 091 092 093 094 10 100 101 1011 1012 1013 1014 102 103 1031 1032 1033 1034 104 1041 1042 1043 1044 105 1051 1052 1053 1054 1055 1056 106 107 108 11 110 111 112 1121 1122 1123 1124 1125 113 114 115 116 12 120 121 1211 1212 122 1221 1222 1223 1224 123 1231 1232 1233 1234 124 1241 1242 1243 1244 1245 1246 125 126 127 128 129 13 130 131 1311 1312 1313 132 1321 1322 1323 1324 133 134 135 136 137 138 1381 1382 1383 1384 1385 139 14 140 141 1411 1412 1413 1414 142 1421 1422 1423 1424 143 1431 1432 1433 1434 144 1441 1442 1443 1444 145 1451 1452 1453 1454 15 150 151 152 153 154 16 160 161 162 1621 1622 1623 163 164 165 166 1661 1662 1663 17 170 171 1711 1712 172 1721 1722 1723 1724 173 174 175 18 180 181 182 1821 1822 1823 183 1831 1832 1833 184 185 186 19 190 191 192 193 194 195 196 20 200 201 202 203 204 2041 2042";

/* ---------------------------------------------------------------------------
 * The mapping, most specific first within a root. Every target is an event
 * type of the built-in vocabulary whose sign agrees with the Goldstein values
 * CAMEO gives the codes it receives (docs/import.md prints this table).
 * ------------------------------------------------------------------------- */

static const ent_cameo_rule rules[] = {
    {"01", "statement", "make a public statement"},
    {"016", "denies_responsibility", "deny responsibility"},
    {"02", "statement", "appeal"},
    {"023", "requests_help", "appeal for aid"},
    {"0234", "requests_help", "appeal for military protection or peacekeeping"},
    {"03", "statement", "express intent to cooperate"},
    {"04", "meeting", "consult"},
    {"041", "call", "discuss by telephone"},
    {"042", "visit", "make a visit"},
    {"043", "visit", "host a visit"},
    {"045", "mediation", "mediate"},
    {"046", "negotiation", "engage in negotiation"},
    {"05", "endorses", "engage in diplomatic cooperation"},
    {"051", "praise", "praise or endorse"},
    {"052", "defends_verbally", "defend verbally"},
    {"06", "aid", "engage in material cooperation"},
    {"061", "aid_economic", "cooperate economically"},
    {"062", "aid_military", "cooperate militarily"},
    {"07", "aid", "provide aid"},
    {"071", "aid_economic", "provide economic aid"},
    {"072", "aid_military", "provide military aid"},
    {"073", "aid_humanitarian", "provide humanitarian aid"},
    {"074", "aid_military", "provide military protection or peacekeeping"},
    {"075", "aid_humanitarian", "grant asylum"},
    {"08", "surrenders_to", "yield"},
    {"09", "statement", "investigate"},
    {"10", "demands", "demand"},
    {"11", "criticizes", "disapprove"},
    {"111", "condemns", "criticize or denounce"},
    {"112", "accuses", "accuse"},
    {"115", "accuses", "bring lawsuit against"},
    {"116", "rules_against", "find guilty or liable (legally)"},
    {"12", "rejects_request", "reject"},
    {"13", "threatens", "threaten"},
    {"14", "protests", "protest"},
    {"15", "mobilizes_against", "exhibit military posture"},
    {"16", "imposes_sanctions", "reduce relations"},
    {"17", "imposes_sanctions", "coerce"},
    {"18", "attacks", "assault"},
    {"19", "attacks", "fight"},
    {"196", "violates_ceasefire", "violate ceasefire"},
    {"20", "mass_killing", "use unconventional mass violence"},
    {"201", "expels", "engage in mass expulsion"},
};

size_t ent_cameo_rule_count(void)
{
    return sizeof rules / sizeof rules[0];
}

const ent_cameo_rule *ent_cameo_rule_at(size_t i)
{
    return i < ent_cameo_rule_count() ? &rules[i] : NULL;
}

/* A code of 2 to 4 digits as a small number: its length, then its digits
 * (so "01" and "010" differ). -1 when it is not such a code. */
int ent__cameo_key(const char *s, size_t n)
{
    if (n < 2 || n > 4)
        return -1;
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return (int)n * 10000 + v;
}

int ent__cameo_table_init(ent__cameo_table *t)
{
    memset(t, 0, sizeof *t);
    for (const char *p = known_codes; *p;) {
        size_t n = strcspn(p, " ");
        int k = ent__cameo_key(p, n);
        if (k >= 0)
            t->known[k] = 1;
        p += n;
        p += *p == ' ';
    }
    /* Resolve every known code once: exact, then base (3 digits), then root. */
    for (int k = 0; k < ENT__CAMEO_KEYS; k++) {
        if (!t->known[k])
            continue;
        int n = k / 10000;
        char code[8];
        snprintf(code, sizeof code, "%0*d", n, k % 10000);
        const ent_cameo_rule *best = NULL;
        for (int len = n; len >= 2 && !best; len--)
            for (size_t i = 0; i < ent_cameo_rule_count(); i++)
                if (strlen(rules[i].code) == (size_t)len && strncmp(rules[i].code, code, len) == 0) {
                    best = &rules[i];
                    break;
                }
        if (!best || !(t->type[k] = ent_vocab_builtin_find(best->type)))
            return -1; /* every root has a rule, every rule a built-in type: a bug */
        t->rule[k] = best;
    }
    return 0;
}

/* ---------------------------------------------------------------------------
 * Countries and regions
 * ------------------------------------------------------------------------- */

/* CAMEO's actor codes for regions, which are not ISO 3166 countries. */
static const ent__country regions[] = {
    {"AFR", "Africa"},          {"ASA", "Asia"},
    {"BLK", "Balkans"},         {"CRB", "Caribbean"},
    {"CAU", "Caucasus"},        {"CFR", "Central Africa"},
    {"CAS", "Central Asia"},    {"CEU", "Central Europe"},
    {"EIN", "East Indies"},     {"EAF", "Eastern Africa"},
    {"EEU", "Eastern Europe"},  {"EUR", "Europe"},
    {"LAM", "Latin America"},   {"MEA", "Middle East"},
    {"MDT", "Mediterranean"},   {"NAF", "North Africa"},
    {"NMR", "North America"},   {"PGS", "Persian Gulf"},
    {"SCN", "Scandinavia"},     {"SAM", "South America"},
    {"SAS", "South Asia"},      {"SEA", "Southeast Asia"},
    {"SAF", "Southern Africa"}, {"WAF", "West Africa"},
    {"WST", "the West"},
};

const ent__country *ent__country_find(const char *code, int *region)
{
    for (size_t i = 0; i < ent__iso3166_count; i++)
        if (strcmp(ent__iso3166[i].code, code) == 0) {
            *region = 0;
            return &ent__iso3166[i];
        }
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
        if (strcmp(regions[i].code, code) == 0) {
            *region = 1;
            return &regions[i];
        }
    return NULL;
}

size_t ent_cameo_region_count(void)
{
    return sizeof regions / sizeof regions[0];
}

const char *ent_cameo_region(size_t i, const char **name)
{
    if (i >= ent_cameo_region_count())
        return NULL;
    *name = regions[i].name;
    return regions[i].code;
}

/* ---------------------------------------------------------------------------
 * Actor types (--cameo-types). A government is its state; the others are
 * groups: GDELT gives no founding dates, which organizations and forces need
 * (entente check warns about those without one).
 * ------------------------------------------------------------------------- */

static const ent__actor_type actor_types[] = {
    {"GOV", "gov", "government", ENT_KIND_STATE},
    {"MIL", "mil", "military", ENT_KIND_GROUP},
    {"REB", "reb", "rebels", ENT_KIND_GROUP},
    {"OPP", "opp", "opposition", ENT_KIND_GROUP},
    {"COP", "cop", "police", ENT_KIND_GROUP},
    {"SPY", "spy", "intelligence services", ENT_KIND_GROUP},
    {"JUD", "jud", "judiciary", ENT_KIND_GROUP},
    {"LEG", "leg", "legislature", ENT_KIND_GROUP},
    {"PTY", "pty", "political parties", ENT_KIND_GROUP},
    {"IGO", "igo", "intergovernmental organizations", ENT_KIND_GROUP},
    {"NGO", "ngo", "non-governmental organizations", ENT_KIND_GROUP},
    {"INS", "ins", "insurgents", ENT_KIND_GROUP},
    {"SEP", "sep", "separatists", ENT_KIND_GROUP},
    {"UAF", "uaf", "unaligned armed forces", ENT_KIND_GROUP},
    {"CVL", "cvl", "civilians", ENT_KIND_GROUP},
    {"REF", "ref", "refugees", ENT_KIND_GROUP},
    {"BUS", "bus", "business", ENT_KIND_GROUP},
    {"MED", "med", "media", ENT_KIND_GROUP},
};

const ent__actor_type *ent__actor_type_find(const char *code)
{
    for (size_t i = 0; i < sizeof actor_types / sizeof actor_types[0]; i++)
        if (strcmp(actor_types[i].code, code) == 0)
            return &actor_types[i];
    return NULL;
}

size_t ent_cameo_actor_type_count(void)
{
    return sizeof actor_types / sizeof actor_types[0];
}

const char *ent_cameo_actor_type(size_t i, const char **suffix, const char **label)
{
    if (i >= ent_cameo_actor_type_count())
        return NULL;
    *suffix = actor_types[i].suffix;
    *label = actor_types[i].label;
    return actor_types[i].code;
}
