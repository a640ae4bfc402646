/*
 * gdelt.c: GDELT event tables to an entente/1 graph file.
 *
 * The input is read as a stream of records (records.c: plain, .gz or .zip,
 * with the line and column of every field), checked field by field, and
 * folded into relations keyed by source, target, type and period. Nothing is
 * written until every file has been read: a file with errors writes nothing.
 * Memory holds the actors, sources, relations and cited event ids, never the
 * rows themselves.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entente/date.h"
#include "entente/error.h"
#include "entente/import.h"
#include "entente/vocab.h"
#include "import/import_impl.h"
#include "import/records.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/jsonout.h"
#include "util/strbuf.h"
#include "util/strmap.h"

/* ---------------------------------------------------------------------------
 * Columns
 * ------------------------------------------------------------------------- */

enum {
    C_ID,
    C_DATE,
    C_A1_COUNTRY,
    C_A1_TYPE,
    C_A2_COUNTRY,
    C_A2_TYPE,
    C_ROOT,
    C_CODE,
    C_QUAD,
    C_GOLDSTEIN,
    C_MENTIONS,
    C_URL,
    C_COUNT
};

/* Header names (GDELT's codebook), and the positions in the three layouts
 * GDELT publishes without a header: 2.0 (61 columns), 1.0 daily files (58,
 * with SOURCEURL) and 1.0 backfiles (57, without). */
static const char *const col_names[C_COUNT] = {
    "GLOBALEVENTID",     "SQLDATE",         "Actor1CountryCode", "Actor1Type1Code",
    "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent",       "EventCode",
    "QuadClass",         "GoldsteinScale",  "NumMentions",       "SOURCEURL"};
static const int layout61[C_COUNT] = {0, 1, 7, 12, 17, 22, 25, 26, 29, 30, 31, 60};
static const int layout58[C_COUNT] = {0, 1, 7, 12, 17, 22, 25, 26, 29, 30, 31, 57};
static const int layout57[C_COUNT] = {0, 1, 7, 12, 17, 22, 25, 26, 29, 30, 31, -1};

/* ---------------------------------------------------------------------------
 * The aggregate
 * ------------------------------------------------------------------------- */

typedef struct actor {
    const char *id, *name, *code; /* code: the CAMEO country or region code */
    ent_actor_kind kind;
} actor;

typedef struct rel {
    uint32_t src, tgt;
    const char *type;
    int32_t period;  /* first day of the period (the event's day per event) */
    uint64_t event;  /* the event id, per event; else 0 */
    uint32_t events; /* events gathered */
    uint64_t mentions;
    double goldstein;          /* sum of the events' Goldstein values */
    unsigned quads;            /* bit q-1 per QuadClass q seen */
    uint32_t ev_head, ev_tail; /* evidence list (indices into evid), UINT32_MAX when empty */
} rel;

typedef struct evid {
    uint64_t event;
    uint32_t source; /* index into sources; UINT32_MAX: no URL */
    uint32_t next;
} evid;

typedef struct agg {
    ent_arena arena;
    ent_strmap actor_map, source_map, rel_map;
    actor *actors;
    size_t n_actors, cap_actors;
    const char **sources; /* URLs */
    size_t n_sources, cap_sources;
    rel *rels;
    size_t n_rels, cap_rels;
    evid *evs;
    size_t n_evs, cap_evs;
    int no_url; /* some event has no URL */
    int oom;
} agg;

/* ---------------------------------------------------------------------------
 * The import
 * ------------------------------------------------------------------------- */

typedef struct imp {
    const ent_import_options *o;
    ent_diags *diags;
    ent_import_stats *st;
    ent__cameo_table *cameo;
    agg a;
    ent__records rec;
    int cols[C_COUNT]; /* positions for this file, -1 when absent */
    size_t ncols;      /* the number of columns every row of this file has */
    int have_layout;
} imp;

static const char *fieldv(const imp *m, int c)
{
    int k = m->cols[c];
    return k < 0 ? "" : ent__records_field(&m->rec, (size_t)k);
}

static int parse_u64(const char *s, uint64_t *v)
{
    if (!*s)
        return -1;
    uint64_t x = 0;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || x > (UINT64_MAX - 9) / 10)
            return -1;
        x = x * 10 + (uint64_t)(*s - '0');
    }
    *v = x;
    return 0;
}

static const char *intern(agg *a, const char *s)
{
    char *p = ent_arena_strdup(&a->arena, s);
    if (!p)
        a->oom = 1;
    return p;
}

/* The actor for a country code (and actor type code), created on first use;
 * UINT32_MAX when the code is unknown (reported) or memory ran out. */
static uint32_t actor_for(imp *m, int col_country, int col_type)
{
    agg *a = &m->a;
    const char *cc = fieldv(m, col_country);
    const char *tc = m->o->actor_types ? fieldv(m, col_type) : "";
    const ent__actor_type *at = tc[0] ? ent__actor_type_find(tc) : NULL;
    char id[32];
    snprintf(id, sizeof id, "%s%s%s", cc, at ? "-" : "", at ? at->suffix : "");
    for (char *p = id; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    uint32_t idx;
    if (ent_strmap_get(&a->actor_map, id, &idx))
        return idx;
    int region = 0;
    const ent__country *c = strlen(cc) == 3 ? ent__country_find(cc, &region) : NULL;
    if (!c) {
        ent__records_problem(
            &m->rec, m->cols[col_country], "gdelt-country",
            "unknown country code '%s'; GDELT uses ISO 3166 alpha-3 codes and CAMEO's "
            "region codes (docs/import.md)",
            cc);
        return UINT32_MAX;
    }
    if (ent__grow((void **)&a->actors, &a->cap_actors, a->n_actors + 1, sizeof *a->actors) != 0) {
        a->oom = 1;
        return UINT32_MAX;
    }
    actor *ac = &a->actors[a->n_actors];
    char name[256];
    if (at)
        snprintf(name, sizeof name, "%s (%s)", c->name, at->label);
    else
        snprintf(name, sizeof name, "%s", c->name);
    ac->id = intern(a, id);
    ac->name = intern(a, name);
    ac->code = c->code;
    ac->kind = at ? at->kind : region ? ENT_KIND_PLACE : ENT_KIND_STATE;
    if (a->oom || ent_strmap_put(&a->actor_map, ac->id, (uint32_t)a->n_actors, NULL) < 0) {
        a->oom = 1;
        return UINT32_MAX;
    }
    return (uint32_t)a->n_actors++;
}

static int32_t period_of(ent_import_per per, int32_t day)
{
    ent_date d = ent_date_from_day(day);
    switch (per) {
    case ENT_PER_WEEK: {
        /* 1970-01-01 was a Thursday: Monday is day 4 of that week. */
        int32_t dow = ((day + 3) % 7 + 7) % 7; /* 0 = Monday */
        return day - dow;
    }
    case ENT_PER_MONTH:
        d.day = 1;
        return ent_date_first_day(d);
    default:
        return day;
    }
}

static int country_kept(const imp *m, const char *cc)
{
    for (size_t i = 0; i < m->o->n_countries; i++)
        if (strcmp(m->o->countries[i], cc) == 0)
            return 1;
    return 0;
}

/* Writes the aggregation key "TAG a b c type" with a, b, c in hex into k
 * (96 bytes): a few times cheaper than snprintf, once per row. */
static void hex_key(char *k, char tag, uint64_t a, uint64_t b, uint64_t c, const char *type)
{
    static const char hex[] = "0123456789abcdef";
    uint64_t v[3] = {a, b, c};
    char *p = k;
    *p++ = tag;
    for (int i = 0; i < 3; i++) {
        *p++ = '|';
        char tmp[16];
        int n = 0;
        do {
            tmp[n++] = hex[v[i] & 15];
            v[i] >>= 4;
        } while (v[i]);
        while (n)
            *p++ = tmp[--n];
    }
    *p++ = '|';
    size_t len = strlen(type);
    if (len > 40)
        len = 40;
    memcpy(p, type, len);
    p[len] = '\0';
}

/* One data row: check it, filter it, fold it into its relation. */
static void take_row(imp *m)
{
    ent__records *r = &m->rec;
    agg *a = &m->a;
    m->st->rows++;
    if (m->o->progress && (m->st->rows & 0xFFFF) == 0)
        m->o->progress(m->o->progress_ud, r->file, m->st->rows);
    if (r->nf != m->ncols) {
        if (m->ncols == 61 || m->ncols == 58 || m->ncols == 57)
            ent__records_problem(&m->rec, -1, "gdelt-columns",
                                 "this row has %zu columns, not %zu like the rows before it", r->nf,
                                 m->ncols);
        else
            ent__records_problem(&m->rec, -1, "gdelt-columns",
                                 "this row has %zu columns, the header %zu", r->nf, m->ncols);
        return;
    }
    uint64_t id, mentions;
    if (parse_u64(fieldv(m, C_ID), &id) != 0) {
        ent__records_problem(&m->rec, m->cols[C_ID], "gdelt-field",
                             "GLOBALEVENTID '%.40s' is not a number", fieldv(m, C_ID));
        return;
    }
    const char *ds = fieldv(m, C_DATE);
    ent_date d;
    char iso[11];
    ent_date_status dst = ENT_DATE_SYNTAX;
    if (strlen(ds) == 8 && strspn(ds, "0123456789") == 8) {
        snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", ds, ds + 4, ds + 6);
        dst = ent_date_parse(&d, iso, 10);
    }
    if (dst != ENT_DATE_OK) {
        ent__records_problem(&m->rec, m->cols[C_DATE], "gdelt-date",
                             "SQLDATE '%.40s' is not a day written YYYYMMDD%s%s", ds,
                             dst == ENT_DATE_SYNTAX ? "" : ": ",
                             dst == ENT_DATE_SYNTAX ? "" : ent_date_status_str(dst));
        return;
    }
    const char *code = fieldv(m, C_CODE);
    int key = ent__cameo_key(code, strlen(code));
    if (key < 0 || !m->cameo->known[key]) {
        ent__records_problem(&m->rec, m->cols[C_CODE], "cameo-code",
                             "unknown CAMEO event code '%.40s' (see 'entente types --cameo')",
                             code);
        return;
    }
    char *end = NULL;
    const char *gs = fieldv(m, C_GOLDSTEIN);
    double g = strtod(gs, &end);
    if (!*gs || *end || !(g >= -10 && g <= 10)) {
        ent__records_problem(&m->rec, m->cols[C_GOLDSTEIN], "gdelt-field",
                             "GoldsteinScale '%.40s' is not a number from -10 to 10", gs);
        return;
    }
    if (parse_u64(fieldv(m, C_MENTIONS), &mentions) != 0) {
        ent__records_problem(&m->rec, m->cols[C_MENTIONS], "gdelt-field",
                             "NumMentions '%.40s' is not a count", fieldv(m, C_MENTIONS));
        return;
    }
    const char *root = fieldv(m, C_ROOT), *quad = fieldv(m, C_QUAD);
    if (strcmp(root, "0") != 0 && strcmp(root, "1") != 0) {
        ent__records_problem(&m->rec, m->cols[C_ROOT], "gdelt-field",
                             "IsRootEvent '%.40s' is not 0 or 1", root);
        return;
    }
    if (strlen(quad) != 1 || quad[0] < '1' || quad[0] > '4') {
        ent__records_problem(&m->rec, m->cols[C_QUAD], "gdelt-field",
                             "QuadClass '%.40s' is not 1, 2, 3 or 4", quad);
        return;
    }
    const char *c1 = fieldv(m, C_A1_COUNTRY), *c2 = fieldv(m, C_A2_COUNTRY);
    if (!c1[0] || !c2[0]) {
        m->st->no_country++;
        return;
    }
    int32_t day = ent_date_first_day(d);
    if ((m->o->root_only && root[0] != '1') || mentions < m->o->min_mentions ||
        (m->o->has_range && (day < m->o->from_day || day > m->o->to_day)) ||
        (m->o->countries && (!country_kept(m, c1) || !country_kept(m, c2)))) {
        m->st->filtered++;
        return;
    }
    uint32_t s = actor_for(m, C_A1_COUNTRY, C_A1_TYPE);
    uint32_t t = s == UINT32_MAX ? UINT32_MAX : actor_for(m, C_A2_COUNTRY, C_A2_TYPE);
    if (s == UINT32_MAX || t == UINT32_MAX)
        return;
    if (s == t) {
        m->st->same_actor++;
        return;
    }
    /* The type; an event whose Goldstein value contradicts its type's sign
     * (GDELT's own values never do) becomes a neutral statement. */
    const char *type = m->cameo->rule[key]->type;
    const ent_reltype *rt = m->cameo->type[key];
    if (!rt || (rt->sign > 0 && g < 0) || (rt->sign < 0 && g > 0)) {
        type = "statement";
        rt = ent_vocab_builtin_find(type);
    }
    /* A symmetric type (a negotiation) holds both ways: coded once, from the
     * actor whose id sorts first. */
    if (rt && rt->symmetric && strcmp(a->actors[s].id, a->actors[t].id) > 0) {
        uint32_t x = s;
        s = t;
        t = x;
    }
    /* The relation. */
    int32_t period = period_of(m->o->per, day);
    char k[96];
    if (m->o->per == ENT_PER_EVENT)
        hex_key(k, 'e', id, 0, 0, "");
    else
        hex_key(k, 'r', s, t, (uint64_t)(int64_t)period, type);
    uint32_t ri;
    if (!ent_strmap_get(&a->rel_map, k, &ri)) {
        if (ent__grow((void **)&a->rels, &a->cap_rels, a->n_rels + 1, sizeof *a->rels) != 0) {
            a->oom = 1;
            return;
        }
        const char *kk = intern(a, k);
        ri = (uint32_t)a->n_rels;
        if (!kk || ent_strmap_put(&a->rel_map, kk, ri, NULL) < 0) {
            a->oom = 1;
            return;
        }
        rel *nr = &a->rels[a->n_rels++];
        memset(nr, 0, sizeof *nr);
        nr->src = s;
        nr->tgt = t;
        nr->type = type;
        nr->period = period;
        nr->event = m->o->per == ENT_PER_EVENT ? id : 0;
        nr->ev_head = nr->ev_tail = UINT32_MAX;
    }
    rel *x = &a->rels[ri];
    x->events++;
    x->mentions += mentions;
    x->goldstein += g;
    x->quads |= 1u << (quad[0] - '1');
    /* Its evidence: the event, citing its URL (one source per URL). */
    uint32_t src = UINT32_MAX;
    const char *url = fieldv(m, C_URL);
    if (url[0]) {
        if (!ent_strmap_get(&a->source_map, url, &src)) {
            if (ent__grow((void **)&a->sources, &a->cap_sources, a->n_sources + 1,
                          sizeof *a->sources) != 0) {
                a->oom = 1;
                return;
            }
            const char *u = intern(a, url);
            src = (uint32_t)a->n_sources;
            if (!u || ent_strmap_put(&a->source_map, u, src, NULL) < 0) {
                a->oom = 1;
                return;
            }
            a->sources[a->n_sources++] = u;
        }
    } else
        a->no_url = 1;
    if (ent__grow((void **)&a->evs, &a->cap_evs, a->n_evs + 1, sizeof *a->evs) != 0) {
        a->oom = 1;
        return;
    }
    uint32_t ei = (uint32_t)a->n_evs++;
    a->evs[ei] = (evid){id, src, UINT32_MAX};
    if (x->ev_tail == UINT32_MAX)
        x->ev_head = ei;
    else
        a->evs[x->ev_tail].next = ei;
    x->ev_tail = ei;
    m->st->events++;
}

/* The first record of a file: a header, or the first row of a headerless
 * table whose column count names its layout. Returns 1 when it was a header. */
static int take_layout(imp *m)
{
    ent__records *r = &m->rec;
    const char *f0 = ent__records_field(r, 0);
    m->ncols = r->nf;
    m->have_layout = 1;
    if (strcasecmp(f0, "GLOBALEVENTID") == 0) {
        for (int c = 0; c < C_COUNT; c++) {
            m->cols[c] = -1;
            for (size_t k = 0; k < r->nf; k++)
                if (strcasecmp(ent__records_field(r, k), col_names[c]) == 0) {
                    m->cols[c] = (int)k;
                    break;
                }
            if (m->cols[c] < 0 && c != C_URL) {
                ent__records_problem(&m->rec, -1, "gdelt-header",
                                     "the header has no column '%s'; is this a GDELT event table?",
                                     col_names[c]);
                m->have_layout = 0;
                r->stop = 1;
                return 1;
            }
        }
        return 1;
    }
    const int *lay = r->nf == 61   ? layout61
                     : r->nf == 58 ? layout58
                     : r->nf == 57 ? layout57
                                   : NULL;
    if (!lay) {
        ent__records_problem(
            &m->rec, -1, "gdelt-columns",
            "this row has %zu columns; GDELT event rows have 61 (GDELT 2.0), 58 or 57 "
            "(GDELT 1.0), or a header naming them",
            r->nf);
        m->have_layout = 0;
        r->stop = 1;
        return 0;
    }
    memcpy(m->cols, lay, sizeof m->cols);
    return 0;
}

/* Each record of a file: the first names the layout (and may be a row too). */
static void on_record(void *ud, ent__records *r)
{
    imp *m = ud;
    if (r->index == 0) {
        m->have_layout = 0;
        if (!take_layout(m) && m->have_layout)
            take_row(m);
    } else if (m->have_layout)
        take_row(m);
    if (m->a.oom)
        r->stop = r->oom = 1;
}

/* ---------------------------------------------------------------------------
 * Writing the graph file
 * ------------------------------------------------------------------------- */

typedef struct rel_key {
    int32_t period;
    const char *src, *tgt, *type;
    uint64_t event;
    uint32_t idx;
} rel_key;

static int cmp_rel(const void *pa, const void *pb)
{
    const rel_key *a = pa, *b = pb;
    int c;
    if (a->period != b->period)
        return a->period < b->period ? -1 : 1;
    if ((c = strcmp(a->src, b->src)) || (c = strcmp(a->tgt, b->tgt)) ||
        (c = strcmp(a->type, b->type)))
        return c;
    return a->event < b->event ? -1 : a->event > b->event;
}

typedef struct src_key {
    const char *url;
    uint32_t idx;
} src_key;

static int cmp_src(const void *pa, const void *pb)
{
    return strcmp(((const src_key *)pa)->url, ((const src_key *)pb)->url);
}

static int cmp_actor(const void *pa, const void *pb)
{
    return strcmp(((const actor *)pa)->id, ((const actor *)pb)->id);
}

static int cmp_evid(const void *pa, const void *pb)
{
    const evid *a = pa, *b = pb;
    return a->event < b->event ? -1 : a->event > b->event;
}

static const char *quad_name(int q)
{
    static const char *const n[4] = {"verbal cooperation", "material cooperation",
                                     "verbal conflict", "material conflict"};
    return n[q];
}

/* The host of a URL, into buf. */
static const char *url_host(const char *url, char *buf, size_t n)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t len = strcspn(p, "/?#");
    snprintf(buf, n, "%.*s", (int)(len < n ? len : n - 1), p);
    return buf;
}

static int write_graph(FILE *out, imp *m, const char *const *files, size_t n_files)
{
    agg *a = &m->a;
    static const char *const per_name[] = {"day", "week", "month", "event"};
    int rc = ENT_ENOMEM;
    rel_key *rk = malloc((a->n_rels + 1) * sizeof *rk);
    src_key *sk = malloc((a->n_sources + 1) * sizeof *sk);
    uint32_t *src_no = malloc((a->n_sources + 1) * sizeof *src_no);
    evid *ev = NULL;
    size_t cap_ev = 0;
    if (!rk || !sk || !src_no)
        goto done;
    /* Sources by URL, numbered in that order. */
    for (size_t i = 0; i < a->n_sources; i++)
        sk[i] = (src_key){a->sources[i], (uint32_t)i};
    qsort(sk, a->n_sources, sizeof *sk, cmp_src);
    for (size_t i = 0; i < a->n_sources; i++)
        src_no[sk[i].idx] = (uint32_t)i + 1;
    /* Actors by id: the relations keep their indices, so sort a copy. */
    actor *sorted = malloc((a->n_actors + 1) * sizeof *sorted);
    if (!sorted)
        goto done;
    /* Only the actors of some relation (a row whose two sides were the same
     * actor made one that may have no other). */
    unsigned char *used = calloc(a->n_actors + 1, 1);
    if (!used) {
        free(sorted);
        goto done;
    }
    for (size_t i = 0; i < a->n_rels; i++)
        used[a->rels[i].src] = used[a->rels[i].tgt] = 1;
    size_t n_used = 0;
    for (size_t i = 0; i < a->n_actors; i++)
        if (used[i])
            sorted[n_used++] = a->actors[i];
    free(used);
    qsort(sorted, n_used, sizeof *sorted, cmp_actor);
    for (size_t i = 0; i < a->n_rels; i++) {
        const rel *r = &a->rels[i];
        rk[i] = (rel_key){r->period, a->actors[r->src].id, a->actors[r->tgt].id, r->type,
                          r->event,  (uint32_t)i};
    }
    qsort(rk, a->n_rels, sizeof *rk, cmp_rel);

    fputs("{\n  \"format\": \"entente/1\",\n  \"title\": ", out);
    ent_strbuf t = ENT_STRBUF_INIT;
    ent_strbuf_adds(&t, "GDELT events: ");
    for (size_t i = 0; i < n_files; i++) {
        const char *b = strrchr(files[i], '/');
        ent_strbuf_addf(&t, "%s%s", i ? ", " : "", b ? b + 1 : files[i]);
    }
    ent_json_quote(out, ent_strbuf_str(&t));
    ent_strbuf_reset(&t);
    ent_strbuf_addf(&t,
                    "Imported by entente import gdelt: %llu events in %zu relations (one per "
                    "source, target, type and %s), actors by %s.",
                    (unsigned long long)m->st->events, a->n_rels, per_name[m->o->per],
                    m->o->actor_types ? "country and CAMEO actor type" : "country");
    fputs(",\n  \"description\": ", out);
    ent_json_quote(out, ent_strbuf_str(&t));
    int oom = t.failed;
    ent_strbuf_release(&t);
    fputs(",\n  \"sources\": [", out);
    int first = 1;
    if (a->no_url) {
        fputs("\n    {\"id\": \"gdelt\", \"title\": \"GDELT event records without a source URL\", "
              "\"publisher\": \"GDELT Project\", \"kind\": \"dataset\"}",
              out);
        first = 0;
    }
    char host[256];
    for (size_t i = 0; i < a->n_sources; i++) {
        fprintf(out, "%s\n    {\"id\": \"s%zu\", \"title\": ", first ? "" : ",", i + 1);
        first = 0;
        ent_json_quote(out, sk[i].url);
        fputs(", \"publisher\": ", out);
        ent_json_quote(out, url_host(sk[i].url, host, sizeof host));
        fputs(", \"url\": ", out);
        ent_json_quote(out, sk[i].url);
        fputs(", \"kind\": \"article\"}", out);
    }
    fputs(first ? "],\n  \"actors\": [" : "\n  ],\n  \"actors\": [", out);
    for (size_t i = 0; i < n_used; i++) {
        const actor *ac = &sorted[i];
        fprintf(out, "%s\n    {\"id\": ", i ? "," : "");
        ent_json_quote(out, ac->id);
        fputs(", \"name\": ", out);
        ent_json_quote(out, ac->name);
        fprintf(out,
                ", \"kind\": \"%s\", \"attributes\": {\"cameo\": ", ent_actor_kind_str(ac->kind));
        ent_json_quote(out, ac->code);
        fputs("}}", out);
    }
    free(sorted);
    fputs(n_used ? "\n  ],\n  \"relations\": [" : "],\n  \"relations\": [", out);
    for (size_t i = 0; i < a->n_rels; i++) {
        const rel *r = &a->rels[rk[i].idx];
        char at[11];
        ent_date d = ent_date_from_day(r->period);
        if (m->o->per == ENT_PER_MONTH)
            d.day = 0;
        ent_date_format(d, at);
        fprintf(out, "%s\n    {\"id\": ", i ? "," : "");
        char id[96];
        if (m->o->per == ENT_PER_EVENT)
            snprintf(id, sizeof id, "gdelt-%llu", (unsigned long long)r->event);
        else
            snprintf(id, sizeof id, "%s-%s-%s-%s", a->actors[r->src].id, a->actors[r->tgt].id,
                     r->type, at);
        ent_json_quote(out, id);
        fputs(", \"source\": ", out);
        ent_json_quote(out, a->actors[r->src].id);
        fputs(", \"target\": ", out);
        ent_json_quote(out, a->actors[r->tgt].id);
        fprintf(out, ", \"type\": \"%s\", \"at\": \"%s\", \"intensity\": %.2f, ", r->type, at,
                r->goldstein / r->events + 0.0);
        fputs("\"status\": \"reported\", \"evidence\": [", out);
        /* The events, by id. */
        size_t ne = 0;
        for (uint32_t e = r->ev_head; e != UINT32_MAX; e = a->evs[e].next) {
            if (ent__grow((void **)&ev, &cap_ev, ne + 1, sizeof *ev) != 0)
                goto done;
            ev[ne++] = a->evs[e];
        }
        qsort(ev, ne, sizeof *ev, cmp_evid);
        for (size_t k = 0; k < ne; k++) {
            if (ev[k].source == UINT32_MAX)
                fprintf(out, "%s{\"source\": \"gdelt\", \"locator\": \"GDELT event %llu\"}",
                        k ? ", " : "", (unsigned long long)ev[k].event);
            else
                fprintf(out, "%s{\"source\": \"s%u\", \"locator\": \"GDELT event %llu\"}",
                        k ? ", " : "", src_no[ev[k].source], (unsigned long long)ev[k].event);
        }
        fprintf(out, "], \"note\": \"GDELT: %u event%s, %llu mention%s; quad class", r->events,
                r->events == 1 ? "" : "s", (unsigned long long)r->mentions,
                r->mentions == 1 ? "" : "s");
        for (int q = 0, n = 0; q < 4; q++)
            if (r->quads & (1u << q))
                fprintf(out, "%s %d (%s)", n++ ? "," : "", q + 1, quad_name(q));
        fputs("\"}", out);
    }
    /* Two snapshots, the first and last day of the events (one when they
     * are the same day), so that the report and the comparisons have dates
     * to start from. */
    if (a->n_rels) {
        int32_t lo = INT32_MAX, hi = INT32_MIN;
        for (size_t i = 0; i < a->n_rels; i++) {
            int32_t p0 = a->rels[i].period, p1 = p0;
            if (m->o->per == ENT_PER_WEEK)
                p1 = p0 + 6;
            else if (m->o->per == ENT_PER_MONTH) {
                ent_date md = ent_date_from_day(p0);
                md.day = 0;
                p1 = ent_date_last_day(md);
            }
            lo = p0 < lo ? p0 : lo;
            hi = p1 > hi ? p1 : hi;
        }
        char d0[11], d1[11];
        ent_date_format(ent_date_from_day(lo), d0);
        ent_date_format(ent_date_from_day(hi), d1);
        fputs("\n  ],\n  \"snapshots\": [", out);
        if (lo != hi)
            fprintf(out,
                    "\n    {\"id\": \"first-day\", \"at\": \"%s\", \"label\": \"First day of "
                    "the imported events\"},",
                    d0);
        fprintf(out,
                "\n    {\"id\": \"last-day\", \"at\": \"%s\", \"label\": \"Last day of the "
                "imported events\"}\n  ]\n}\n",
                d1);
    } else
        fputs("]\n}\n", out);
    m->st->relations = a->n_rels;
    m->st->actors = n_used;
    m->st->sources = a->n_sources + (a->no_url ? 1 : 0);
    rc = oom ? ENT_ENOMEM : 0;
done:
    if (rc == ENT_ENOMEM)
        ent_error_set(ENT_ENOMEM, "out of memory writing the graph file");
    free(ev);
    free(rk);
    free(sk);
    free(src_no);
    return rc;
}

/* ---------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------- */

void ent_import_options_init(ent_import_options *o)
{
    *o = (ent_import_options)ENT_IMPORT_OPTIONS_INIT;
}

int ent_import_gdelt(FILE *out, const char *const *files, size_t n_files,
                     const ent_import_options *o, ent_diags *diags, ent_import_stats *stats)
{
    static const ent_import_options defaults = ENT_IMPORT_OPTIONS_INIT;
    ent_import_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!out || !diags || (!files && n_files))
        return ent_error_set(ENT_EUSAGE, "ent_import_gdelt: no output or no diagnostics list");
    if (o && ent__options_version(o->version, ENT_IMPORT_OPTIONS_VERSION, "ent_import_options"))
        return ENT_EUSAGE;
    imp m;
    memset(&m, 0, sizeof m);
    m.o = o ? o : &defaults;
    m.diags = diags;
    m.st = stats;
    m.cameo = malloc(sizeof *m.cameo);
    if (!m.cameo)
        return ent_error_set(ENT_ENOMEM, "out of memory reading the CAMEO table");
    if (ent__cameo_table_init(m.cameo) != 0) {
        free(m.cameo);
        return ent_error_set(ENT_EINTERNAL, "a CAMEO code has no mapping rule");
    }
    m.rec.diags = diags;
    m.rec.skip_bad = m.o->skip_bad;
    m.rec.max_errors = m.o->max_errors;
    m.rec.what = "a GDELT event table";
    m.rec.quote_code = "gdelt-quote";
    m.rec.utf8_code = "gdelt-encoding";
    m.rec.on_record = on_record;
    m.rec.ud = &m;
    int rc = 0;
    for (size_t i = 0; i < n_files && !m.rec.stop; i++) {
        int r = ent__records_read(&m.rec, files[i]);
        if (r == ENT_ENOMEM || m.a.oom || m.rec.oom) {
            rc = ENT_ENOMEM;
            break;
        }
        if (r == ENT_EIO && !rc)
            rc = ENT_EIO;
    }
    stats->bad = m.rec.bad;
    if (m.a.oom || m.rec.oom)
        rc = ent_error_set(ENT_ENOMEM, "out of memory importing the events");
    else if (rc == ENT_EIO)
        ent_error_set(ENT_EIO, "an input file could not be read");
    else if (ent_diags_count_severity(diags, ENT_SEV_ERROR) > 0)
        rc = ENT_EINVALID;
    if (rc == 0)
        rc = write_graph(out, &m, files, n_files);
    if (rc == 0 && ferror(out))
        rc = ent_error_set(ENT_EIO, "cannot write the graph file: %s",
                           strerror(errno ? errno : EIO));
    free(m.cameo);
    free(m.a.actors);
    free(m.a.sources);
    free(m.a.rels);
    free(m.a.evs);
    ent_strmap_release(&m.a.actor_map);
    ent_strmap_release(&m.a.source_map);
    ent_strmap_release(&m.a.rel_map);
    ent_arena_release(&m.a.arena);
    return rc;
}
