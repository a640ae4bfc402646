/*
 * gen.c: ent_bench_gen, the generator of synthetic graphs for the loader benchmark.
 *
 *     ent_bench_gen ACTORS RELATIONS [SEED] > graph.json
 *     ent_bench_gen --version
 *
 * The benchmark needs large entente/1 documents (up to a million relations) that look like the
 * hand-written ones: the same members, the same layout (a record on one to four lines, the way
 * docs/format.md writes them), dates of every precision, UTF-8 names and notes, escapes. It
 * must also be reproducible, so that figures measured on two machines or two commits are
 * measured on the same bytes: the output depends only on the arguments and GEN_VERSION,
 * never on the platform (a splitmix64 generator, integer arithmetic only).
 *
 * Every document is valid and clean: `entente check` reports no error and no warning. To that
 * end the generator keeps these rules by construction:
 *   - relation types are the built-in ones, durable types dated with from/to (to never before
 *     from) and events with at, every date within 1990..2023;
 *   - an intensity, when given, has the sign of its type (none for neutral types);
 *   - source != target; an `issue` is never the source, claimant or intermediary of a
 *     relation, and is the target of stance_for/stance_against and of nothing else;
 *   - every relation has one or two evidence items citing a listed source, claimed ones name
 *     their claimant;
 *   - alliances, organizations, forces and de facto states were founded in 1989 (entente
 *     check warns about such actors without "from"), before every relation, and the other
 *     actors have no existence dates, so no relation can fall outside them;
 *   - no two names or aliases coincide, even without regard to case: each actor has a unique
 *     word built from fixed-length syllables, names are that word in a template whose other
 *     words are never syllable words, and aliases are the same word spelt with non-ASCII
 *     letters (Azerbaijani-style vowels or Armenian script), one spelling per script.
 *
 * Output goes through stdout with a 4 MiB buffer; a million relations take about 1.5 s.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Bump this whenever the output for given arguments changes: run.sh regenerates files whose
 * recorded version differs. */
#define GEN_VERSION  "2"
#define DEFAULT_SEED UINT64_C(0x656e74656e746531) /* "entente1" */

/* ---------------------------------------------------------------- random numbers --- */

/* splitmix64 (Steele, Lea, Flood 2014): one 64-bit state, full period, good enough for
 * synthetic data and identical everywhere. */
typedef struct ent_rng {
    uint64_t state;
} ent_rng;

static uint64_t rng_next(ent_rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* A number in 0..n-1 (n >= 1), by multiply-shift; the bias is below 2^-32. */
static uint32_t rng_below(ent_rng *r, uint32_t n)
{
    return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* True with probability percent/100. */
static int rng_percent(ent_rng *r, unsigned percent)
{
    return rng_below(r, 100) < percent;
}

static uint32_t rng_range(ent_rng *r, uint32_t lo, uint32_t hi)
{
    return lo + rng_below(r, hi - lo + 1);
}

/* ------------------------------------------------------------------------- dates --- */

/* Day numbers since 1970-01-01, civil-calendar arithmetic of H. Hinnant's
 * days_from_civil / civil_from_days, on integers only. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int32_t first_day, last_day; /* 1990-01-01 and 2023-12-31 */

/* Writes day `day` at a random precision: mostly full dates, some months, a few years. */
static const char *fmt_date(ent_rng *r, int32_t day, char buf[16])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    uint32_t p = rng_below(r, 100);
    int len = p < 55 ? 10 : p < 85 ? 7 : 4;
    const int v[8] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
    for (int i = 0, k = 0; i < len; i++)
        buf[i] = i == 4 || i == 7 ? '-' : (char)('0' + v[k++]);
    buf[len] = '\0';
    return buf;
}

/* ------------------------------------------------------------------------- kinds --- */

enum {
    K_STATE,
    K_DEFACTO,
    K_LEADER,
    K_PERSON,
    K_ALLIANCE,
    K_ORG,
    K_FORCE,
    K_GROUP,
    K_PLACE,
    K_ISSUE,
    K_COUNT
};

static const char *const kind_names[K_COUNT] = {
    "state",        "de_facto_state", "leader", "person", "alliance",
    "organization", "force",          "group",  "place",  "issue",
};

/* Share of each kind among actors, in per mille. */
static const unsigned kind_weight[K_COUNT] = {140, 20, 90, 200, 6, 124, 100, 110, 130, 80};

#define B(k)       (1u << (k))
#define M_STATEISH (B(K_STATE) | B(K_DEFACTO))
#define M_PEOPLE   (B(K_LEADER) | B(K_PERSON))
#define M_SPEAKERS (M_STATEISH | M_PEOPLE | B(K_ORG))
#define M_ARMED    (M_STATEISH | B(K_FORCE))
#define M_ANY      (((1u << K_COUNT) - 1) & ~B(K_ISSUE)) /* anything but an issue */

/* ------------------------------------------------------------------ relation types --- */

/* The built-in types (src/model/vocab.c) with the sign and durability the loader checks
 * against, the kinds of actor that make sense at each end, and how often each is drawn. */
typedef struct gen_type {
    const char *id;
    int sign;
    int durable;
    unsigned src, dst; /* kind masks */
    unsigned weight;
} gen_type;

static const gen_type types[] = {
    {"member_of", 1, 1, M_STATEISH | B(K_ORG), B(K_ALLIANCE) | B(K_ORG), 12},
    {"leader_of", 1, 1, B(K_LEADER), M_STATEISH | B(K_ORG) | B(K_FORCE) | B(K_GROUP), 8},
    {"official_of", 1, 1, B(K_PERSON), M_STATEISH | B(K_ORG), 8},
    {"part_of", 0, 1, B(K_PLACE), B(K_PLACE) | M_STATEISH, 6},
    {"controls", 0, 1, M_ARMED, B(K_PLACE), 8},
    {"deployed_in", 0, 1, B(K_FORCE), B(K_PLACE) | M_STATEISH, 6},
    {"allied_with", 1, 1, M_STATEISH, M_STATEISH, 4},
    {"security_guarantee", 1, 1, B(K_STATE) | B(K_ALLIANCE), M_STATEISH, 3},
    {"peacekeeping_mandate", 1, 1, B(K_FORCE) | B(K_ORG) | B(K_ALLIANCE),
     B(K_PLACE) | B(K_GROUP) | B(K_DEFACTO), 2},
    {"ceasefire", 1, 1, M_ARMED, M_ARMED, 4},
    {"partner_of", 1, 1, M_STATEISH | B(K_ORG), M_STATEISH | B(K_ORG), 6},
    {"aligned_with", 1, 1, M_STATEISH | M_PEOPLE, M_STATEISH | M_PEOPLE, 6},
    {"cooperates_with", 1, 1, M_SPEAKERS | B(K_FORCE), M_SPEAKERS | B(K_FORCE), 6},
    {"recognizes", 1, 1, B(K_STATE), M_STATEISH, 4},
    {"support_military", 1, 1, B(K_STATE) | B(K_ALLIANCE), M_ARMED | B(K_GROUP), 5},
    {"support_diplomatic", 1, 1, B(K_STATE) | B(K_ORG), M_STATEISH | B(K_GROUP), 5},
    {"support_economic", 1, 1, B(K_STATE) | B(K_ORG), M_STATEISH | B(K_GROUP), 4},
    {"support_humanitarian", 1, 1, B(K_STATE) | B(K_ORG), B(K_GROUP) | B(K_PLACE), 4},
    {"support_political", 1, 1, M_SPEAKERS, M_SPEAKERS | B(K_GROUP), 4},
    {"stance_for", 1, 1, M_SPEAKERS | B(K_GROUP), B(K_ISSUE), 8},
    {"stance_against", -1, 1, M_SPEAKERS | B(K_GROUP), B(K_ISSUE), 8},
    {"at_war_with", -1, 1, M_ARMED, M_ARMED, 3},
    {"occupies", -1, 1, M_ARMED, B(K_PLACE) | M_STATEISH, 3},
    {"blockades", -1, 1, M_ARMED, B(K_PLACE) | B(K_GROUP) | M_STATEISH, 2},
    {"sanctions", -1, 1, B(K_STATE) | B(K_ORG) | B(K_ALLIANCE), M_STATEISH | M_PEOPLE | B(K_ORG),
     4},

    {"statement", 0, 0, M_SPEAKERS, M_ANY, 24},
    {"reports", 0, 0, B(K_ORG) | B(K_PERSON), M_ANY, 24},
    {"call", 1, 0, M_PEOPLE | B(K_STATE), M_PEOPLE | M_STATEISH, 14},
    {"meeting", 1, 0, M_PEOPLE | B(K_STATE) | B(K_ORG), M_PEOPLE | M_STATEISH | B(K_ORG), 22},
    {"visit", 1, 0, M_PEOPLE, M_STATEISH | B(K_PLACE) | B(K_ORG), 14},
    {"negotiation", 1, 0, M_STATEISH | M_PEOPLE, M_STATEISH | M_PEOPLE, 10},
    {"mediation", 1, 0, B(K_STATE) | B(K_ORG) | B(K_LEADER), M_STATEISH, 5},
    {"brokers_ceasefire", 1, 0, B(K_STATE) | B(K_ORG) | B(K_LEADER), M_ARMED, 3},
    {"requests_help", 1, 0, M_STATEISH | B(K_GROUP), B(K_STATE) | B(K_ALLIANCE) | B(K_ORG), 5},
    {"praise", 1, 0, M_SPEAKERS, M_ANY, 8},
    {"endorses", 1, 0, M_SPEAKERS, M_ANY, 6},
    {"defends_verbally", 1, 0, M_SPEAKERS, M_ANY, 5},
    {"aid", 1, 0, B(K_STATE) | B(K_ORG), M_STATEISH | B(K_GROUP) | B(K_PLACE), 5},
    {"aid_economic", 1, 0, B(K_STATE) | B(K_ORG), M_STATEISH | B(K_GROUP), 5},
    {"aid_military", 1, 0, B(K_STATE) | B(K_ALLIANCE), M_ARMED, 4},
    {"aid_humanitarian", 1, 0, B(K_STATE) | B(K_ORG), B(K_GROUP) | B(K_PLACE), 5},
    {"evacuates", 1, 0, B(K_FORCE) | B(K_ORG) | B(K_STATE), B(K_GROUP), 3},
    {"surrenders_to", 1, 0, B(K_FORCE) | B(K_DEFACTO), B(K_FORCE) | B(K_STATE), 2},
    {"criticizes", -1, 0, M_SPEAKERS, M_ANY, 18},
    {"condemns", -1, 0, M_SPEAKERS, M_ANY, 16},
    {"blames", -1, 0, M_SPEAKERS, M_ANY, 10},
    {"accuses", -1, 0, M_SPEAKERS, M_ANY, 12},
    {"denies_responsibility", -1, 0, M_STATEISH | M_PEOPLE, M_ANY, 5},
    {"rules_against", -1, 0, B(K_ORG), M_STATEISH | M_PEOPLE | B(K_ORG), 3},
    {"rejects_request", -1, 0, B(K_STATE) | B(K_ALLIANCE) | B(K_ORG), M_STATEISH, 3},
    {"demands", -1, 0, M_STATEISH | B(K_LEADER) | B(K_GROUP), M_ANY, 8},
    {"threatens", -1, 0, M_STATEISH | B(K_LEADER) | B(K_FORCE), M_ANY, 8},
    {"protests", -1, 0, B(K_GROUP), M_STATEISH | M_PEOPLE | B(K_ORG), 6},
    {"mobilizes_against", -1, 0, M_ARMED, M_STATEISH, 4},
    {"imposes_sanctions", -1, 0, B(K_STATE) | B(K_ORG) | B(K_ALLIANCE),
     M_STATEISH | M_PEOPLE | B(K_ORG), 4},
    {"attacks", -1, 0, M_ARMED | B(K_GROUP), M_ARMED | B(K_PLACE) | B(K_GROUP), 20},
    {"violates_ceasefire", -1, 0, M_ARMED, M_ARMED, 8},
    {"expels", -1, 0, M_ARMED, B(K_GROUP), 2},
    {"mass_killing", -1, 0, M_ARMED, B(K_GROUP), 1},
    {"establishes", 0, 0, B(K_STATE) | B(K_ORG) | B(K_LEADER),
     B(K_ORG) | B(K_FORCE) | B(K_PLACE) | B(K_DEFACTO), 2},
};
#define N_TYPES (sizeof types / sizeof types[0])

/* ---------------------------------------------------------------------- word lists --- */

/* Names are built from fixed-length syllables consonant+vowel, so a word decodes to exactly
 * one syllable sequence and distinct numbers give distinct words. The template words below
 * ("Republic", "Front", first names...) never have the shape CVCVCV... over these letters,
 * so they can't be mistaken for a syllable word. */
static const char cons_latin[] = "bdgklmnrstvz";
static const char vowel_latin[] = "aeiou";
/* The same letters for the Azerbaijani-style alias: every vowel becomes a non-ASCII one. */
static const char *const vowel_az[] = {"ə", "ä", "ı", "ö", "ü"};
static const char *const cons_hy_upper[] = {"Բ", "Դ", "Գ", "Կ", "Լ", "Մ",
                                            "Ն", "Ր", "Ս", "Տ", "Վ", "Զ"};
static const char *const cons_hy[] = {"բ", "դ", "գ", "կ", "լ", "մ", "ն", "ր", "ս", "տ", "վ", "զ"};
static const char *const vowel_hy[] = {"ա", "ե", "ի", "ո", "ու"};
#define N_CONS  12
#define N_VOWEL 5
#define N_SYL   (N_CONS * N_VOWEL)

static const char *const first_names[] = {
    "Arsen",  "Ilham", "Nikol",  "Serzh", "Heydar", "Tigran", "Ruben", "Anna",  "Zara",
    "Mariam", "Leyla", "Samvel", "Ayaz",  "Vazgen", "Narine", "Elmar", "Gohar", "Farid",
};
#define N_FIRST (sizeof first_names / sizeof first_names[0])

/* Notes of evidence, 40 to 80 characters once filled in, half of them with UTF-8 places. */
static const char *const places[] = {
    "Xankəndi", "Ստեփանակերտ", "Şuşa",   "Ağdam",   "Goris", "Lachin", "Füzuli",  "Kəlbəcər",
    "Երևան",    "Gyumri",      "Jermuk", "Tbilisi", "Bakı",  "Hadrut", "Martuni", "Tovuz",
};
#define N_PLACES (sizeof places / sizeof places[0])

static const char *const note_fmt[] = {
    "Shelling near %s was reported by residents.",
    "Officials in %s confirmed that talks took place.",
    "Read out at a press briefing held in %s.",
    "Witnesses saw columns of vehicles leaving %s.",
    "Quotes an unnamed official speaking from %s.",
    "Satellite images show new positions west of %s.",
    "The so-called \\\"buffer zone\\\" near %s was discussed.",
    "Aid convoys reached %s after a week of delays.",
    "Talks in %s ended without a joint communiqué.",
    "Cites earlier incidents around %s and %s.",
};
#define N_NOTES (sizeof note_fmt / sizeof note_fmt[0])

static const char *const locator_words[] = {
    "In a widely-condemned escalation", "According to the ministry", "Speaking to reporters",
    "The report's second section",      "Late on Tuesday",           "In its weekly bulletin",
};
#define N_LOCWORDS (sizeof locator_words / sizeof locator_words[0])

static const char *const tag_words[] = {
    "caucasus", "post-soviet", "eu-partner", "csto",      "nato-partner", "energy",
    "border",   "diaspora",    "media",      "un-member", "landlocked",   "coastal",
};
#define N_TAGS (sizeof tag_words / sizeof tag_words[0])

static const struct {
    const char *id, *title, *publisher, *date;
} sources[] = {
    {"s01", "Azerbaijan's offensive in Nagorno-Karabakh", "The Kyiv Independent", "2023-09-21"},
    {"s02", "Annual conflict monitor", "Caucasus Watch", "2022"},
    {"s03", "Chronology of the ceasefire", "OSCE Minsk Group", "2010-06"},
    {"s04", "Statement by the Ministry of Foreign Affairs", "MFA press office", "2020-10-10"},
    {"s05", "The 44-day war, a timeline", "Eurasianet", "2020-12-01"},
    {"s06", "Humanitarian situation report", "ICRC", "2023-01"},
    {"s07", "Sanctions tracker", "Castellum.AI", "2023-06-30"},
    {"s08", "Rapport de mission au Haut-Karabakh", "Assemblée nationale", "2021-03"},
    {"s09", "Country report", "Human Rights Watch", "2019"},
    {"s10", "Interview with the foreign minister", "Meduza", "2022-11-17"},
    {"s11", "Parliamentary hearing transcript", "Azgayin Zhoghov", "2021-05-06"},
    {"s12", "Trilateral statement of 9 November", "Kremlin.ru", "2020-11-10"},
};
#define N_SOURCES (sizeof sources / sizeof sources[0])

static const struct {
    const char *id, *at, *label;
} snapshots[] = {
    {"before-1994-ceasefire", "1994-05-11", "Eve of the Bishkek ceasefire"},
    {"after-1994-ceasefire", "1994-05-12", "Bishkek ceasefire in force"},
    {"madrid-principles", "2007-11-29", "Madrid principles presented"},
    {"april-war", "2016-04-05", "End of the four-day war"},
    {"before-2020-war", "2020-09-26", "Day before the 44-day war"},
    {"after-2020-war", "2020-11-10", "Trilateral statement signed"},
    {"blockade", "2022-12-12", "Lachin corridor closed"},
    {"end", "2023-09-28", "Dissolution decree"},
};
#define N_SNAPSHOTS (sizeof snapshots / sizeof snapshots[0])

/* ---------------------------------------------------------------------- the actors --- */

typedef struct gen_actor {
    unsigned char kind;
} gen_actor;

typedef struct gen {
    ent_rng rng;
    FILE *out;
    uint32_t n_actors;
    uint32_t n_relations;
    int syllables;         /* syllables per word */
    uint64_t word_modulus; /* N_SYL ^ syllables */
    uint64_t word_mult;    /* coprime to word_modulus, near its golden section */
    int id_width;          /* digits in actor ids */
    int rel_width;         /* digits in relation ids */
    gen_actor *actors;
    uint32_t *pool[1u << K_COUNT]; /* actors of each kind mask, built on demand */
    uint32_t pool_len[1u << K_COUNT];
    unsigned type_pick[1024]; /* type index per slot, slots proportional to weights */
    unsigned type_slots;
} gen;

/* The syllable digits of actor i's word: an affine bijection of 0..word_modulus-1 (the
 * multiplier is coprime to 60^n), whose multiplier near 0.618 * 60^n sends neighbouring actors
 * far apart, so that names don't come out in alphabetical order. */
static void word_digits(const gen *g, uint32_t i, unsigned *digits)
{
    uint64_t x = ((uint64_t)i * g->word_mult + 12345u) % g->word_modulus;
    for (int s = g->syllables - 1; s >= 0; s--) {
        digits[s] = (unsigned)(x % N_SYL);
        x /= N_SYL;
    }
}

static void put_word_latin(const gen *g, uint32_t i)
{
    unsigned dg[8];
    char buf[24];
    size_t n = 0;
    word_digits(g, i, dg);
    for (int s = 0; s < g->syllables; s++) {
        char c = cons_latin[dg[s] / N_VOWEL];
        buf[n++] = s == 0 ? (char)(c - 'a' + 'A') : c;
        buf[n++] = vowel_latin[dg[s] % N_VOWEL];
    }
    fwrite(buf, 1, n, g->out);
}

static void put_word_az(const gen *g, uint32_t i)
{
    unsigned dg[8];
    word_digits(g, i, dg);
    for (int s = 0; s < g->syllables; s++) {
        char c = cons_latin[dg[s] / N_VOWEL];
        putc(s == 0 ? c - 'a' + 'A' : c, g->out);
        fputs(vowel_az[dg[s] % N_VOWEL], g->out);
    }
}

static void put_word_hy(const gen *g, uint32_t i)
{
    unsigned dg[8];
    word_digits(g, i, dg);
    for (int s = 0; s < g->syllables; s++) {
        fputs((s == 0 ? cons_hy_upper : cons_hy)[dg[s] / N_VOWEL], g->out);
        fputs(vowel_hy[dg[s] % N_VOWEL], g->out);
    }
}

/* The display name: the actor's word in a template of its kind. */
static void put_name(gen *g, uint32_t i, unsigned kind)
{
    static const char *const suffix[K_COUNT] = {"",      " Republic",    "",         "",
                                                " Pact", " Agency",      " Brigade", " Refugees",
                                                " Pass", " Independence"};
    unsigned variant = (unsigned)(i % 4);
    int council = kind == K_ORG && variant == 1;
    if (kind == K_LEADER || kind == K_PERSON)
        fprintf(g->out, "%s ", first_names[(i * 2654435761u >> 8) % N_FIRST]);
    else if (kind == K_STATE && variant == 0) /* the others go by their short name */
        fputs("Republic of ", g->out);
    else if (council)
        fputs("Council of ", g->out);
    put_word_latin(g, i);
    if (kind == K_ALLIANCE && variant % 2 == 0)
        fputs(" Treaty Organization", g->out);
    else if (!council)
        fputs(suffix[kind], g->out);
}

static void write_actor(gen *g, uint32_t i, int last)
{
    ent_rng *r = &g->rng;
    unsigned kind = g->actors[i].kind;
    int az = rng_percent(r, 25), hy = rng_percent(r, 15), tags = rng_percent(r, 30);
    fprintf(g->out, "    {\"id\": \"a%0*u\", \"name\": \"", g->id_width, i);
    put_name(g, i, kind);
    fprintf(g->out, "\", \"kind\": \"%s\"", kind_names[kind]);
    if (kind == K_ALLIANCE || kind == K_ORG || kind == K_FORCE || kind == K_DEFACTO)
        fputs(", \"from\": \"1989\"", g->out);
    /* The short members share a second line, the way a person would wrap them. */
    if (kind == K_ALLIANCE || az || hy || tags)
        fputs(",\n     ", g->out);
    if (kind == K_ALLIANCE)
        fprintf(g->out, "\"collective_defense\": %s%s", i % 3 ? "true" : "false",
                az || hy || tags ? ", " : "");
    if (az || hy) {
        fputs("\"aliases\": [", g->out);
        if (az) {
            putc('"', g->out);
            put_word_az(g, i);
            putc('"', g->out);
        }
        if (hy) {
            fputs(az ? ", \"" : "\"", g->out);
            put_word_hy(g, i);
            putc('"', g->out);
        }
        fputs(tags ? "], " : "]", g->out);
    }
    if (tags) {
        uint32_t t1 = rng_below(r, N_TAGS), t2 = rng_below(r, N_TAGS);
        fprintf(g->out, "\"tags\": [\"%s\"", tag_words[t1]);
        if (t2 != t1)
            fprintf(g->out, ", \"%s\"", tag_words[t2]);
        putc(']', g->out);
    }
    if (rng_percent(r, 10))
        fputs(",\n     \"description\": \"Synthetic actor; any likeness to a real one is "
              "chance.\"",
              g->out);
    if (kind == K_STATE && rng_percent(r, 30))
        fprintf(g->out, ",\n     \"attributes\": {\"population\": %u, \"un_member\": %s}",
                rng_range(r, 50000, 90000000), rng_percent(r, 80) ? "true" : "false");
    fputs(last ? "}\n" : "},\n", g->out);
}

/* Assigns kinds: the first K_COUNT actors take one kind each so that no kind is empty, the
 * others are drawn by kind_weight. */
static void assign_kinds(gen *g)
{
    for (uint32_t i = 0; i < g->n_actors; i++) {
        unsigned k = 0;
        if (i < K_COUNT) {
            k = i;
        } else {
            uint32_t x = rng_below(&g->rng, 1000);
            while (k + 1 < K_COUNT && x >= kind_weight[k])
                x -= kind_weight[k++];
        }
        g->actors[i].kind = (unsigned char)k;
    }
}

/* The actors whose kind is in `mask`. */
static const uint32_t *pool_of(gen *g, unsigned mask, uint32_t *len)
{
    if (!g->pool[mask]) {
        uint32_t n = 0;
        g->pool[mask] = malloc(sizeof(uint32_t) * g->n_actors);
        if (!g->pool[mask]) {
            fprintf(stderr, "ent_bench_gen: out of memory\n");
            exit(2);
        }
        for (uint32_t i = 0; i < g->n_actors; i++)
            if (mask & B(g->actors[i].kind))
                g->pool[mask][n++] = i;
        g->pool_len[mask] = n;
    }
    *len = g->pool_len[mask];
    return g->pool[mask];
}

static uint32_t pick(gen *g, unsigned mask)
{
    uint32_t n;
    const uint32_t *p = pool_of(g, mask, &n);
    return p[rng_below(&g->rng, n)];
}

/* -------------------------------------------------------------------- the relations --- */

static void write_evidence(gen *g)
{
    ent_rng *r = &g->rng;
    char note[256];
    const char *fmt = note_fmt[rng_below(r, N_NOTES)];
    snprintf(note, sizeof note, fmt, places[rng_below(r, N_PLACES)],
             places[rng_below(r, N_PLACES)]);
    fprintf(g->out, "{\"source\": \"%s\"", sources[rng_below(r, N_SOURCES)].id);
    uint32_t loc = rng_below(r, 10);
    if (loc < 3)
        fprintf(g->out, ", \"locator\": \"para. %u\"", rng_range(r, 1, 60));
    else if (loc < 5)
        fprintf(g->out, ", \"locator\": \"¶ %u\"", rng_range(r, 1, 40));
    else if (loc < 7)
        fprintf(g->out, ", \"locator\": \"%s\"", locator_words[rng_below(r, N_LOCWORDS)]);
    fprintf(g->out, ",\n                   \"note\": \"%s\"}", note);
}

/* Starts the next member of a relation's second line: the first one opens the line. */
static void next_member(gen *g, int *first)
{
    fputs(*first ? ",\n     " : ", ", g->out);
    *first = 0;
}

static void write_relation(gen *g, uint32_t n, int last)
{
    ent_rng *r = &g->rng;
    const gen_type *t = &types[g->type_pick[rng_below(r, g->type_slots)]];
    char d1[16], d2[16];
    int first = 1;

    uint32_t src = pick(g, t->src), dst = pick(g, t->dst);
    for (int tries = 0; dst == src && tries < 32; tries++)
        dst = pick(g, t->dst);
    while (dst == src) /* a kind with a single actor: fall back to any other actor */
        dst = pick(g, t->dst == B(K_ISSUE) ? B(K_ISSUE) : M_ANY);

    fprintf(g->out,
            "    {\"id\": \"r%0*u\", \"source\": \"a%0*u\", \"target\": \"a%0*u\", "
            "\"type\": \"%s\"",
            g->rel_width, n, g->id_width, src, g->id_width, dst, t->id);

    if (t->durable) {
        int has_from = rng_percent(r, 75), has_to = rng_percent(r, has_from ? 45 : 30);
        int32_t from = (int32_t)rng_range(r, (uint32_t)first_day, (uint32_t)last_day);
        if (has_from) {
            next_member(g, &first);
            fprintf(g->out, "\"from\": \"%s\"", fmt_date(r, from, d1));
        }
        if (has_to) {
            int32_t to = has_from ? from + (int32_t)rng_range(r, 0, 3650) : from;
            if (to > last_day)
                to = last_day;
            next_member(g, &first);
            fprintf(g->out, "\"to\": \"%s\"", fmt_date(r, to, d2));
        }
    } else {
        int32_t at = (int32_t)rng_range(r, (uint32_t)first_day, (uint32_t)last_day);
        next_member(g, &first);
        fprintf(g->out, "\"at\": \"%s\"", fmt_date(r, at, d1));
    }

    if (t->sign != 0 && rng_percent(r, 30)) {
        uint32_t tenths = rng_range(r, 1, 100); /* 0.1 .. 10.0 */
        next_member(g, &first);
        fprintf(g->out, "\"intensity\": %s%u.%u", t->sign < 0 ? "-" : "", tenths / 10, tenths % 10);
    }

    uint32_t st = rng_below(r, 100);
    if (st < 80) /* else no status: "reported", the default */
        next_member(g, &first);
    if (st < 35)
        fputs("\"status\": \"confirmed\"", g->out);
    else if (st < 55)
        fputs("\"status\": \"reported\"", g->out);
    else if (st < 65)
        fprintf(g->out, "\"status\": \"claimed\", \"claimed_by\": \"a%0*u\"", g->id_width, src);
    else if (st < 72)
        fprintf(g->out, "\"status\": \"disputed\", \"claimed_by\": \"a%0*u\"", g->id_width,
                rng_percent(r, 50) || g->actors[dst].kind == K_ISSUE ? src : dst);
    else if (st < 80)
        fputs("\"status\": \"disputed\"", g->out);

    if (rng_percent(r, 8)) {
        uint32_t via = pick(g, B(K_ALLIANCE) | B(K_ORG) | B(K_FORCE));
        if (via != src && via != dst) {
            next_member(g, &first);
            fprintf(g->out, "\"via\": \"a%0*u\"", g->id_width, via);
        }
    }
    if (rng_percent(r, 4)) {
        next_member(g, &first);
        fputs("\"note\": \"Dates approximate.\"", g->out);
    }

    fputs(",\n     \"evidence\": [", g->out);
    write_evidence(g);
    if (rng_percent(r, 15)) {
        fputs(",\n                  ", g->out);
        write_evidence(g);
    }
    fputs(last ? "]}\n" : "]},\n", g->out);
}

/* --------------------------------------------------------------------- the document --- */

static int parse_count(const char *s, uint32_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*s < '0' || *s > '9' || *end || v > UINT32_MAX - 1)
        return -1;
    *out = (uint32_t)v;
    return 0;
}

static int digits_for(uint64_t n, int min)
{
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d < min ? min : d;
}

static void write_document(gen *g, uint64_t seed)
{
    FILE *o = g->out;
    fputs("{\n  \"format\": \"entente/1\",\n", o);
    fprintf(o, "  \"title\": \"Synthetic benchmark graph: %u actors, %u relations\",\n",
            g->n_actors, g->n_relations);
    fprintf(o,
            "  \"description\": \"Generated by ent_bench_gen %s, seed %llu. Not real data: "
            "names, dates and sources are drawn at random.\",\n",
            GEN_VERSION, (unsigned long long)seed);

    fputs("  \"sources\": [\n", o);
    for (size_t i = 0; i < N_SOURCES; i++)
        fprintf(o,
                "    {\"id\": \"%s\", \"title\": \"%s\",\n"
                "     \"publisher\": \"%s\", \"date\": \"%s\",\n"
                "     \"url\": \"https://example.org/%s\"}%s\n",
                sources[i].id, sources[i].title, sources[i].publisher, sources[i].date,
                sources[i].id, i + 1 < N_SOURCES ? "," : "");
    fputs("  ],\n", o);

    fputs("  \"actors\": [\n", o);
    for (uint32_t i = 0; i < g->n_actors; i++)
        write_actor(g, i, i + 1 == g->n_actors);
    fputs("  ],\n", o);

    fputs("  \"relations\": [\n", o);
    for (uint32_t i = 0; i < g->n_relations; i++)
        write_relation(g, i + 1, i + 1 == g->n_relations);
    fputs("  ],\n", o);

    fputs("  \"snapshots\": [\n", o);
    for (size_t i = 0; i < N_SNAPSHOTS; i++)
        fprintf(o, "    {\"id\": \"%s\", \"at\": \"%s\", \"label\": \"%s\"}%s\n", snapshots[i].id,
                snapshots[i].at, snapshots[i].label, i + 1 < N_SNAPSHOTS ? "," : "");
    fputs("  ]\n}\n", o);
}

int main(int argc, char **argv)
{
    static gen g;
    uint64_t seed = DEFAULT_SEED;

    if (argc == 2 && strcmp(argv[1], "--version") == 0) {
        printf("ent_bench_gen %s\n", GEN_VERSION);
        return 0;
    }
    if (argc < 3 || argc > 4 || parse_count(argv[1], &g.n_actors) != 0 ||
        parse_count(argv[2], &g.n_relations) != 0) {
        fprintf(stderr, "usage: ent_bench_gen ACTORS RELATIONS [SEED] > graph.json\n"
                        "       ent_bench_gen --version\n");
        return 2;
    }
    if (argc == 4) {
        char *end;
        seed = strtoull(argv[3], &end, 0);
        if (!*argv[3] || *end) {
            fprintf(stderr, "ent_bench_gen: bad seed '%s'\n", argv[3]);
            return 2;
        }
    }
    if (g.n_actors < 2 * K_COUNT) {
        fprintf(stderr, "ent_bench_gen: need at least %d actors\n", 2 * K_COUNT);
        return 2;
    }

    g.rng.state = seed;
    g.out = stdout;
    setvbuf(stdout, NULL, _IOFBF, 4u << 20);
    first_day = days_from_civil(1990, 1, 1);
    last_day = days_from_civil(2023, 12, 31);
    g.syllables = 3;
    g.word_modulus = N_SYL * N_SYL * N_SYL;
    while (g.word_modulus < g.n_actors) {
        g.syllables++;
        g.word_modulus *= N_SYL;
    }
    g.id_width = digits_for(g.n_actors - 1, 6);
    g.rel_width = digits_for(g.n_relations, 7);
    g.word_mult = g.word_modulus / 1000000 * 618034 + g.word_modulus % 1000000 * 618034 / 1000000;
    while (g.word_mult % 2 == 0 || g.word_mult % 3 == 0 || g.word_mult % 5 == 0)
        g.word_mult++;
    for (unsigned t = 0; t < N_TYPES; t++)
        for (unsigned w = 0; w < types[t].weight; w++)
            g.type_pick[g.type_slots++] = t;

    g.actors = malloc(sizeof *g.actors * g.n_actors);
    if (!g.actors) {
        fprintf(stderr, "ent_bench_gen: out of memory\n");
        return 2;
    }
    assign_kinds(&g);
    write_document(&g, seed);

    int bad = fflush(stdout) != 0 || ferror(stdout);
    for (size_t m = 0; m < sizeof g.pool / sizeof g.pool[0]; m++)
        free(g.pool[m]);
    free(g.actors);
    if (bad) {
        perror("ent_bench_gen: writing the output");
        return 1;
    }
    return 0;
}
