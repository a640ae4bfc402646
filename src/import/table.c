/*
 * table.c: any table of dated relations to an entente/1 graph file (`entente
 * import csv`): a spreadsheet an analyst keeps, an ACLED- or ICEWS-style
 * export. The columns of each field come from a map (--map source=COL,...);
 * one relation per row, its evidence the row and its URL; actors from the
 * distinct source and target values, or from an actors table. The tables are
 * read by records.c, so every problem is located at its row and column.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entente/date.h"
#include "entente/error.h"
#include "entente/import.h"
#include "entente/vocab.h"
#include "import/records.h"
#include "util/arena.h"
#include "util/error.h"
#include "util/grow.h"
#include "util/jsonout.h"
#include "util/strbuf.h"
#include "util/strmap.h"

static const char *const field_names[ENT_CSV_FIELD_COUNT_] = {
    "source", "target", "type", "at", "from", "to", "intensity", "status", "note", "url"};

const char *ent_csv_field_name(ent_csv_field f)
{
    return (unsigned)f < ENT_CSV_FIELD_COUNT_ ? field_names[f] : "unknown";
}

typedef struct tactor {
    const char *id, *name, *kind;
} tactor;

typedef struct trel {
    uint32_t src, tgt;
    const char *type;
    ent_date at, from, to;
    double intensity;
    int has_intensity;
    const char *status, *note; /* NULL when not given */
    uint32_t url;              /* index into urls, or UINT32_MAX: the file's own source */
    uint32_t file;             /* index of the input file */
    unsigned line;
} trel;

typedef struct timp {
    const ent_import_csv_options *o;
    ent_import_stats *st;
    ent__records rec;
    ent_arena arena;
    int oom;
    /* the actors file: value, name or id -> preset actor */
    ent_strmap preset_map;
    tactor *presets;
    size_t n_presets, cap_presets;
    int pcol[4]; /* id, name, kind, value columns of the actors file */
    /* the type map: code -> index into tvals */
    ent_strmap type_map;
    const char **tvals;
    size_t n_tvals, cap_tvals;
    int tcol[2];
    /* actors of the graph: by table value and by id */
    ent_strmap value_map, id_map;
    tactor *actors;
    size_t n_actors, cap_actors;
    /* sources */
    ent_strmap url_map;
    const char **urls;
    size_t n_urls, cap_urls;
    unsigned char *file_used; /* per input file: some row cites the file itself */
    uint32_t file;
    /* relations */
    trel *rels;
    size_t n_rels, cap_rels;
    /* columns of the current table: up to three per field (YEAR/MONTH/DAY) */
    int cols[ENT_CSV_FIELD_COUNT_][3];
    int ncols[ENT_CSV_FIELD_COUNT_];
    size_t width; /* the header's number of columns */
} timp;

static const char *intern(timp *m, const char *s)
{
    char *p = ent_arena_strdup(&m->arena, s);
    if (!p)
        m->oom = 1;
    return p;
}

/* The index of the header column named `name` (any case), or -1. */
static int header_col(const ent__records *r, const char *name, size_t len)
{
    for (size_t k = 0; k < r->nf; k++) {
        const char *h = ent__records_field(r, k);
        if (strlen(h) == len && strncasecmp(h, name, len) == 0)
            return (int)k;
    }
    return -1;
}

/* Lists the header's columns into sb, for messages. */
static void list_header(const ent__records *r, ent_strbuf *sb)
{
    for (size_t k = 0; k < r->nf && k < 30; k++)
        ent_strbuf_addf(sb, "%s%s", k ? ", " : "", ent__records_field(r, k));
    if (r->nf > 30)
        ent_strbuf_adds(sb, ", ...");
}

/* ---------------------------------------------------------------------------
 * The actors file and the type map
 * ------------------------------------------------------------------------- */

static void on_actor_row(void *ud, ent__records *r)
{
    timp *m = ud;
    static const char *const names[4] = {"id", "name", "kind", "value"};
    if (r->index == 0) {
        for (int c = 0; c < 4; c++)
            m->pcol[c] = header_col(r, names[c], strlen(names[c]));
        if (m->pcol[0] < 0) {
            ent__records_problem(r, -1, "csv-header",
                                 "the actors table needs a column 'id' (and may have name, "
                                 "kind, value)");
            r->stop = 1;
        }
        return;
    }
    const char *id = ent__records_field(r, (size_t)m->pcol[0]);
    const char *name = m->pcol[1] >= 0 ? ent__records_field(r, (size_t)m->pcol[1]) : "";
    const char *kind = m->pcol[2] >= 0 ? ent__records_field(r, (size_t)m->pcol[2]) : "";
    const char *value = m->pcol[3] >= 0 ? ent__records_field(r, (size_t)m->pcol[3]) : "";
    if (!id[0]) {
        ent__records_problem(r, m->pcol[0], "csv-actor", "an actor without an id");
        return;
    }
    if (kind[0]) {
        int ok = 0;
        for (int k = 0; k < ENT_KIND_COUNT_; k++)
            ok |= strcmp(kind, ent_actor_kind_str((ent_actor_kind)k)) == 0;
        if (!ok) {
            ent__records_problem(r, m->pcol[2], "csv-actor",
                                 "'%.60s' is not an actor kind (state, alliance, force, group ...)",
                                 kind);
            return;
        }
    }
    if (ent__grow((void **)&m->presets, &m->cap_presets, m->n_presets + 1, sizeof *m->presets) !=
        0) {
        m->oom = r->stop = r->oom = 1;
        return;
    }
    tactor *a = &m->presets[m->n_presets];
    a->id = intern(m, id);
    a->name = intern(m, name[0] ? name : id);
    a->kind = intern(m, kind[0] ? kind : "state");
    if (m->oom)
        return;
    uint32_t idx = (uint32_t)m->n_presets++;
    const char *keys[3] = {a->id, a->name, value[0] ? intern(m, value) : NULL};
    for (int i = 0; i < 3; i++)
        if (keys[i] && ent_strmap_put(&m->preset_map, keys[i], idx, NULL) < 0)
            m->oom = r->stop = r->oom = 1;
}

static void on_type_row(void *ud, ent__records *r)
{
    timp *m = ud;
    if (r->index == 0) {
        m->tcol[0] = header_col(r, "code", 4);
        m->tcol[1] = header_col(r, "type", 4);
        if (m->tcol[0] < 0 || m->tcol[1] < 0) {
            ent__records_problem(r, -1, "csv-header",
                                 "the type map needs the columns 'code' and 'type'");
            r->stop = 1;
        }
        return;
    }
    const char *code = ent__records_field(r, (size_t)m->tcol[0]);
    const char *type = ent__records_field(r, (size_t)m->tcol[1]);
    if (!ent_vocab_builtin_find(type)) {
        ent__records_problem(r, m->tcol[1], "csv-type",
                             "'%.60s' is not a relation type (see 'entente types')", type);
        return;
    }
    const char *c = intern(m, code), *t = intern(m, type);
    if (m->oom)
        return;
    uint32_t idx;
    if (ent_strmap_get(&m->type_map, c, &idx))
        return; /* the first mapping of a code wins */
    if (ent__grow((void **)&m->tvals, &m->cap_tvals, m->n_tvals + 1, sizeof *m->tvals) != 0) {
        m->oom = r->stop = r->oom = 1;
        return;
    }
    m->tvals[m->n_tvals] = t;
    if (ent_strmap_put(&m->type_map, c, (uint32_t)m->n_tvals, NULL) < 0)
        m->oom = r->stop = r->oom = 1;
    m->n_tvals++;
}

/* ---------------------------------------------------------------------------
 * The table
 * ------------------------------------------------------------------------- */

/* An id from a table value: ASCII letters and digits in lower case, other
 * characters as single hyphens; a value with none of them gets "actor-HASH". */
static void slug(const char *v, char *out, size_t n)
{
    size_t k = 0;
    int dash = 0;
    for (const unsigned char *p = (const unsigned char *)v; *p && k + 2 < n; p++) {
        unsigned char c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) {
            if (dash && k)
                out[k++] = '-';
            dash = 0;
            out[k++] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        } else
            dash = 1;
    }
    out[k] = '\0';
    if (!k)
        snprintf(out, n, "actor-%08x", (unsigned)ent_strmap_hash(v, strlen(v)));
}

/* The actor of a table value, created on first use. UINT32_MAX when out of memory. */
static uint32_t actor_of(timp *m, const char *value)
{
    uint32_t idx;
    if (ent_strmap_get(&m->value_map, value, &idx))
        return idx;
    tactor a;
    uint32_t p;
    char id[80];
    if (ent_strmap_get(&m->preset_map, value, &p))
        a = m->presets[p];
    else {
        slug(value, id, sizeof id);
        /* A new id: suffixed when another value took it. */
        uint32_t other;
        if (ent_strmap_get(&m->id_map, id, &other) || ent_strmap_get(&m->preset_map, id, &other)) {
            size_t base = strlen(id);
            for (unsigned n = 2; n < 100000; n++) {
                snprintf(id + base, sizeof id - base, "-%u", n);
                if (!ent_strmap_get(&m->id_map, id, &other) &&
                    !ent_strmap_get(&m->preset_map, id, &other))
                    break;
            }
        }
        a.id = intern(m, id);
        a.name = intern(m, value);
        a.kind = "state";
    }
    /* Two values may name one preset actor: one actor. */
    if (ent_strmap_get(&m->id_map, a.id, &idx)) {
        const char *v = intern(m, value);
        if (!v || ent_strmap_put(&m->value_map, v, idx, NULL) < 0)
            m->oom = 1;
        return m->oom ? UINT32_MAX : idx;
    }
    if (m->oom ||
        ent__grow((void **)&m->actors, &m->cap_actors, m->n_actors + 1, sizeof *m->actors) != 0) {
        m->oom = 1;
        return UINT32_MAX;
    }
    idx = (uint32_t)m->n_actors++;
    m->actors[idx] = a;
    const char *v = intern(m, value);
    if (!v || ent_strmap_put(&m->value_map, v, idx, NULL) < 0 ||
        ent_strmap_put(&m->id_map, a.id, idx, NULL) < 0) {
        m->oom = 1;
        return UINT32_MAX;
    }
    return idx;
}

static int month_name(const char *s, size_t *len)
{
    static const char *const names[12] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
    for (int i = 0; i < 12; i++) {
        size_t n = strlen(names[i]);
        if (strncasecmp(s, names[i], n) == 0) {
            *len = n;
            return i + 1;
        }
    }
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, names[i], 3) == 0) {
            *len = 3;
            return i + 1;
        }
    return 0;
}

/* Reads digits (at most `max`) at *p into *v. */
static int digits(const char **p, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        x = x * 10 + (*(*p)++ - '0');
        n++;
    }
    *v = x;
    return n;
}

/* Parses a date written in `fmt` (%Y %m %d %b %B, other characters literal)
 * into *d. Returns ENT_DATE_OK or why not. */
static ent_date_status parse_formatted(const char *text, const char *fmt, ent_date *d)
{
    int y = 0, mo = 0, dd = 0, n;
    const char *p = text;
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            if (*p++ != *f)
                return ENT_DATE_SYNTAX;
            continue;
        }
        size_t len = 0;
        switch (*++f) {
        case 'Y':
            if (digits(&p, 4, &y) != 4)
                return ENT_DATE_SYNTAX;
            break;
        case 'm':
            if (!digits(&p, 2, &mo))
                return ENT_DATE_SYNTAX;
            break;
        case 'd':
            if (!digits(&p, 2, &dd))
                return ENT_DATE_SYNTAX;
            break;
        case 'b':
        case 'B':
            if (!(mo = month_name(p, &len)))
                return ENT_DATE_SYNTAX;
            p += len;
            break;
        default:
            return ENT_DATE_SYNTAX;
        }
    }
    if (*p)
        return ENT_DATE_SYNTAX;
    char iso[16];
    n = snprintf(iso, sizeof iso, dd ? "%04d-%02d-%02d" : mo ? "%04d-%02d" : "%04d", y, mo, dd);
    return ent_date_parse(d, iso, (size_t)n);
}

/* Reads date field f of the current row into *d: 0, 1 when the field is
 * empty (*d unset), -1 after reporting a problem. */
static int row_date(timp *m, int f, ent_date *d)
{
    ent__records *r = &m->rec;
    memset(d, 0, sizeof *d);
    if (m->ncols[f] == 0)
        return 1;
    const char *v = ent__records_field(r, (size_t)m->cols[f][0]);
    ent_date_status st;
    if (m->ncols[f] == 3) {
        const char *mo = ent__records_field(r, (size_t)m->cols[f][1]);
        const char *dd = ent__records_field(r, (size_t)m->cols[f][2]);
        const char *unk = m->o->unknown_day;
        if (!v[0])
            return 1;
        int mo_known = mo[0] && !(unk && strcmp(mo, unk) == 0);
        int dd_known = mo_known && dd[0] && !(unk && strcmp(dd, unk) == 0);
        char iso[48];
        int n = snprintf(iso, sizeof iso, "%s", v);
        int x;
        const char *q;
        if (mo_known) {
            q = mo;
            if (!digits(&q, 2, &x) || *q)
                x = 0;
            n += snprintf(iso + n, sizeof iso - (size_t)n, "-%02d", x);
        }
        if (dd_known) {
            q = dd;
            if (!digits(&q, 2, &x) || *q)
                x = 0;
            n += snprintf(iso + n, sizeof iso - (size_t)n, "-%02d", x);
        }
        st = ent_date_parse(d, iso, strlen(iso));
        if (st != ENT_DATE_OK) {
            ent__records_problem(r, m->cols[f][0], "csv-date",
                                 "year %.20s, month %.20s, day %.20s is not a date: %s%s", v, mo,
                                 dd, ent_date_status_str(st),
                                 unk ? "" : " (--unknown-day names the marker of an unknown day)");
            return -1;
        }
        return 0;
    }
    if (!v[0])
        return 1;
    st = m->o->date_format ? parse_formatted(v, m->o->date_format, d)
                           : ent_date_parse(d, v, strlen(v));
    if (st != ENT_DATE_OK) {
        if (st == ENT_DATE_SYNTAX)
            ent__records_problem(
                r, m->cols[f][0], "csv-date", "'%.40s' is not a date written %s", v,
                m->o->date_format ? m->o->date_format
                                  : "YYYY, YYYY-MM or YYYY-MM-DD (see --date-format)");
        else
            ent__records_problem(r, m->cols[f][0], "csv-date", "'%.40s' is not a date: %s", v,
                                 ent_date_status_str(st));
        return -1;
    }
    return 0;
}

/* The header: find the mapped columns. */
static void take_header(timp *m)
{
    ent__records *r = &m->rec;
    m->width = r->nf;
    for (int f = 0; f < ENT_CSV_FIELD_COUNT_; f++) {
        m->ncols[f] = 0;
        const char *spec = m->o->map[f];
        if (!spec)
            continue;
        int parts = 0;
        for (const char *p = spec; parts < 3;) {
            size_t len = strcspn(p, "/");
            int k = header_col(r, p, len);
            if (k < 0) {
                ent_strbuf cols = ENT_STRBUF_INIT;
                list_header(r, &cols);
                ent__records_problem(r, -1, "csv-map",
                                     "the table has no column '%.*s' for %s=; its columns: %s",
                                     (int)len, p, field_names[f], ent_strbuf_str(&cols));
                ent_strbuf_release(&cols);
                r->stop = 1;
                return;
            }
            m->cols[f][parts++] = k;
            if (!p[len])
                break;
            p += len + 1;
        }
        if (parts == 2 || (parts == 3 && f != ENT_CSV_AT && f != ENT_CSV_FROM && f != ENT_CSV_TO)) {
            ent__records_problem(r, -1, "csv-map", "%s= takes one column%s", field_names[f],
                                 f == ENT_CSV_AT || f == ENT_CSV_FROM || f == ENT_CSV_TO
                                     ? ", or three: YEAR/MONTH/DAY"
                                     : "");
            r->stop = 1;
            return;
        }
        m->ncols[f] = parts;
    }
}

static void take_table_row(timp *m)
{
    ent__records *r = &m->rec;
    m->st->rows++;
    if (r->nf != m->width) {
        ent__records_problem(r, -1, "csv-columns", "this row has %zu columns, the header %zu",
                             r->nf, m->width);
        return;
    }
    const char *sv = ent__records_field(r, (size_t)m->cols[ENT_CSV_SOURCE][0]);
    const char *tv = ent__records_field(r, (size_t)m->cols[ENT_CSV_TARGET][0]);
    if (!sv[0] || !tv[0]) {
        ent__records_problem(r, m->cols[!sv[0] ? ENT_CSV_SOURCE : ENT_CSV_TARGET][0], "csv-actor",
                             "the %s is empty", !sv[0] ? "source" : "target");
        return;
    }
    /* The type. */
    const char *type = m->o->type;
    if (!type) {
        const char *code = ent__records_field(r, (size_t)m->cols[ENT_CSV_TYPE][0]);
        uint32_t ti;
        if (m->o->type_map_file) {
            if (!ent_strmap_get(&m->type_map, code, &ti)) {
                ent__records_problem(r, m->cols[ENT_CSV_TYPE][0], "csv-type",
                                     "'%.60s' is not in the type map", code);
                return;
            }
            type = m->tvals[ti];
        } else
            type = code;
    }
    const ent_reltype *rt = ent_vocab_builtin_find(type);
    if (!rt) {
        ent__records_problem(r, m->o->type ? -1 : m->cols[ENT_CSV_TYPE][0], "csv-type",
                             "'%.60s' is not a relation type (see 'entente types'; --type-map "
                             "maps the table's own codes)",
                             type);
        return;
    }
    trel x;
    memset(&x, 0, sizeof x);
    x.type = rt->id;
    int at = row_date(m, ENT_CSV_AT, &x.at);
    int from = at < 0 ? -1 : row_date(m, ENT_CSV_FROM, &x.from);
    int to = from < 0 ? -1 : row_date(m, ENT_CSV_TO, &x.to);
    if (at < 0 || from < 0 || to < 0)
        return;
    if (rt->durable) {
        if (at == 0 && from != 0) { /* a state dated by one day holds from that day */
            x.from = x.at;
            from = 0;
        }
        memset(&x.at, 0, sizeof x.at);
    } else {
        if (at != 0 && from == 0) { /* an event dated by from= */
            x.at = x.from;
            at = 0;
        }
        if (at != 0) {
            ent__records_problem(r, m->ncols[ENT_CSV_AT] ? m->cols[ENT_CSV_AT][0] : -1, "csv-date",
                                 "this \"%s\" event has no date", rt->id);
            return;
        }
        memset(&x.from, 0, sizeof x.from);
        memset(&x.to, 0, sizeof x.to);
    }
    (void)to;
    if (ent_date_is_set(x.from) && ent_date_is_set(x.to) &&
        ent_date_first_day(x.to) < ent_date_first_day(x.from)) {
        ent__records_problem(r, m->cols[ENT_CSV_TO][0], "csv-date",
                             "'to' ends before 'from' begins");
        return;
    }
    if (m->ncols[ENT_CSV_INTENSITY]) {
        const char *v = ent__records_field(r, (size_t)m->cols[ENT_CSV_INTENSITY][0]);
        if (v[0]) {
            char *end;
            x.intensity = strtod(v, &end);
            if (*end || !(x.intensity >= -10 && x.intensity <= 10)) {
                ent__records_problem(r, m->cols[ENT_CSV_INTENSITY][0], "csv-field",
                                     "intensity '%.40s' is not a number from -10 to 10", v);
                return;
            }
            if ((rt->sign > 0 && x.intensity < 0) || (rt->sign < 0 && x.intensity > 0)) {
                ent__records_problem(r, m->cols[ENT_CSV_INTENSITY][0], "csv-field",
                                     "intensity %.40s has the opposite sign of \"%s\"", v, rt->id);
                return;
            }
            x.has_intensity = 1;
        }
    }
    if (m->ncols[ENT_CSV_STATUS]) {
        const char *v = ent__records_field(r, (size_t)m->cols[ENT_CSV_STATUS][0]);
        if (v[0]) {
            if (strcmp(v, "confirmed") && strcmp(v, "reported") && strcmp(v, "disputed")) {
                ent__records_problem(r, m->cols[ENT_CSV_STATUS][0], "csv-field",
                                     "status '%.40s' is not confirmed, reported or disputed", v);
                return;
            }
            x.status = v[0] == 'c' ? "confirmed" : v[0] == 'r' ? "reported" : "disputed";
        }
    }
    if (m->ncols[ENT_CSV_NOTE]) {
        const char *v = ent__records_field(r, (size_t)m->cols[ENT_CSV_NOTE][0]);
        x.note = v[0] ? intern(m, v) : NULL;
    }
    x.src = actor_of(m, sv);
    x.tgt = x.src == UINT32_MAX ? UINT32_MAX : actor_of(m, tv);
    if (x.src == UINT32_MAX || x.tgt == UINT32_MAX)
        return;
    if (x.src == x.tgt) {
        ent__records_problem(r, m->cols[ENT_CSV_TARGET][0], "csv-actor",
                             "the source and the target are the same actor, '%.60s'",
                             m->actors[x.src].id);
        return;
    }
    x.url = UINT32_MAX;
    if (m->ncols[ENT_CSV_URL]) {
        const char *u = ent__records_field(r, (size_t)m->cols[ENT_CSV_URL][0]);
        if (u[0] && !ent_strmap_get(&m->url_map, u, &x.url)) {
            if (ent__grow((void **)&m->urls, &m->cap_urls, m->n_urls + 1, sizeof *m->urls) != 0) {
                m->oom = 1;
                return;
            }
            const char *ui = intern(m, u);
            x.url = (uint32_t)m->n_urls;
            if (!ui || ent_strmap_put(&m->url_map, ui, x.url, NULL) < 0) {
                m->oom = 1;
                return;
            }
            m->urls[m->n_urls++] = ui;
        }
    }
    if (x.url == UINT32_MAX)
        m->file_used[m->file] = 1;
    x.file = m->file;
    x.line = r->rec_line;
    if (ent__grow((void **)&m->rels, &m->cap_rels, m->n_rels + 1, sizeof *m->rels) != 0) {
        m->oom = 1;
        return;
    }
    m->rels[m->n_rels++] = x;
    m->st->events++;
}

static void on_table_row(void *ud, ent__records *r)
{
    timp *m = ud;
    if (r->index == 0)
        take_header(m);
    else
        take_table_row(m);
    if (m->oom)
        r->stop = r->oom = 1;
}

/* ---------------------------------------------------------------------------
 * Writing the graph file
 * ------------------------------------------------------------------------- */

typedef struct ukey {
    const char *url;
    uint32_t idx;
} ukey;

static int cmp_ukey(const void *a, const void *b)
{
    return strcmp(((const ukey *)a)->url, ((const ukey *)b)->url);
}

static int cmp_tactor(const void *a, const void *b)
{
    return strcmp(((const tactor *)a)->id, ((const tactor *)b)->id);
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

static int write_table_graph(FILE *out, timp *m, const char *const *files, size_t n_files)
{
    size_t nu = m->n_urls;
    ukey *uk = malloc((nu + 1) * sizeof *uk);
    uint32_t *uno = malloc((nu + 1) * sizeof *uno);
    tactor *sorted = malloc((m->n_actors + 1) * sizeof *sorted);
    if (!uk || !uno || !sorted) {
        free(uk);
        free(uno);
        free(sorted);
        return ent_error_set(ENT_ENOMEM, "out of memory writing the graph file");
    }
    for (size_t i = 0; i < nu; i++)
        uk[i] = (ukey){m->urls[i], (uint32_t)i};
    qsort(uk, nu, sizeof *uk, cmp_ukey);
    for (size_t i = 0; i < nu; i++)
        uno[uk[i].idx] = (uint32_t)i + 1;
    if (m->n_actors) /* a table of no rows has no actors, and no array */
        memcpy(sorted, m->actors, m->n_actors * sizeof *sorted);
    qsort(sorted, m->n_actors, sizeof *sorted, cmp_tactor);

    fputs("{\n  \"format\": \"entente/1\",\n  \"title\": ", out);
    ent_strbuf t = ENT_STRBUF_INIT;
    for (size_t i = 0; i < n_files; i++)
        ent_strbuf_addf(&t, "%s%s", i ? ", " : "", base_name(files[i]));
    ent_json_quote(out, ent_strbuf_str(&t));
    ent_strbuf_release(&t);
    fprintf(out,
            ",\n  \"description\": \"Imported by entente import csv: one relation per row, %zu "
            "in all.\",\n  \"sources\": [",
            m->n_rels);
    int first = 1;
    for (size_t i = 0; i < n_files; i++) {
        if (!m->file_used[i])
            continue;
        fprintf(out, "%s\n    {\"id\": \"table%zu\", \"title\": ", first ? "" : ",", i + 1);
        first = 0;
        ent_json_quote(out, base_name(files[i]));
        fputs(", \"kind\": \"dataset\"}", out);
    }
    char host[256];
    for (size_t i = 0; i < nu; i++) {
        fprintf(out, "%s\n    {\"id\": \"s%zu\", \"title\": ", first ? "" : ",", i + 1);
        first = 0;
        ent_json_quote(out, uk[i].url);
        const char *p = strstr(uk[i].url, "://");
        p = p ? p + 3 : uk[i].url;
        snprintf(host, sizeof host, "%.*s", (int)strcspn(p, "/?#"), p);
        fputs(", \"publisher\": ", out);
        ent_json_quote(out, host);
        fputs(", \"url\": ", out);
        ent_json_quote(out, uk[i].url);
        fputs(", \"kind\": \"article\"}", out);
    }
    fputs(first ? "],\n  \"actors\": [" : "\n  ],\n  \"actors\": [", out);
    for (size_t i = 0; i < m->n_actors; i++) {
        fprintf(out, "%s\n    {\"id\": ", i ? "," : "");
        ent_json_quote(out, sorted[i].id);
        fputs(", \"name\": ", out);
        ent_json_quote(out, sorted[i].name);
        fprintf(out, ", \"kind\": \"%s\"}", sorted[i].kind);
    }
    fputs(m->n_actors ? "\n  ],\n  \"relations\": [" : "],\n  \"relations\": [", out);
    char d[11];
    for (size_t i = 0; i < m->n_rels; i++) {
        const trel *x = &m->rels[i];
        fprintf(out, "%s\n    {\"id\": \"row-%zu\", \"source\": ", i ? "," : "", i + 1);
        ent_json_quote(out, m->actors[x->src].id);
        fputs(", \"target\": ", out);
        ent_json_quote(out, m->actors[x->tgt].id);
        fprintf(out, ", \"type\": \"%s\"", x->type);
        if (ent_date_is_set(x->at))
            fprintf(out, ", \"at\": \"%s\"", ent_date_format(x->at, d));
        if (ent_date_is_set(x->from))
            fprintf(out, ", \"from\": \"%s\"", ent_date_format(x->from, d));
        if (ent_date_is_set(x->to))
            fprintf(out, ", \"to\": \"%s\"", ent_date_format(x->to, d));
        if (x->has_intensity)
            fprintf(out, ", \"intensity\": %.15g", x->intensity);
        if (x->status)
            fprintf(out, ", \"status\": \"%s\"", x->status);
        if (x->url == UINT32_MAX)
            fprintf(out, ", \"evidence\": [{\"source\": \"table%u\", \"locator\": ", x->file + 1);
        else
            fprintf(out, ", \"evidence\": [{\"source\": \"s%u\", \"locator\": ", uno[x->url]);
        char loc[64];
        snprintf(loc, sizeof loc, "line %u", x->line);
        ent_strbuf l = ENT_STRBUF_INIT;
        ent_strbuf_addf(&l, "%s %s", base_name(files[x->file]), loc);
        ent_json_quote(out, ent_strbuf_str(&l));
        ent_strbuf_release(&l);
        fputs("}]", out);
        if (x->note) {
            fputs(", \"note\": ", out);
            ent_json_quote(out, x->note);
        }
        fputc('}', out);
    }
    /* Snapshots on the first and the last day the rows name, for the
     * report and the comparisons (one when they are the same day). */
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (size_t i = 0; i < m->n_rels; i++) {
        const ent_date ds[3] = {m->rels[i].at, m->rels[i].from, m->rels[i].to};
        for (int k = 0; k < 3; k++)
            if (ent_date_is_set(ds[k])) {
                int32_t a = ent_date_first_day(ds[k]), b = ent_date_last_day(ds[k]);
                lo = a < lo ? a : lo;
                hi = b > hi ? b : hi;
            }
    }
    if (lo <= hi) {
        char d0[11], d1[11];
        ent_date_format(ent_date_from_day(lo), d0);
        ent_date_format(ent_date_from_day(hi), d1);
        fputs("\n  ],\n  \"snapshots\": [", out);
        if (lo != hi)
            fprintf(out,
                    "\n    {\"id\": \"first-day\", \"at\": \"%s\", \"label\": \"First day the "
                    "table names\"},",
                    d0);
        fprintf(out,
                "\n    {\"id\": \"last-day\", \"at\": \"%s\", \"label\": \"Last day the "
                "table names\"}\n  ]\n}\n",
                d1);
    } else
        fputs(m->n_rels ? "\n  ]\n}\n" : "]\n}\n", out);
    m->st->relations = m->n_rels;
    m->st->actors = m->n_actors;
    m->st->sources = nu;
    for (size_t i = 0; i < n_files; i++)
        m->st->sources += m->file_used[i];
    free(uk);
    free(uno);
    free(sorted);
    return 0;
}

/* ---------------------------------------------------------------------------
 * Entry point
 * ------------------------------------------------------------------------- */

void ent_import_csv_options_init(ent_import_csv_options *o)
{
    *o = (ent_import_csv_options)ENT_IMPORT_CSV_OPTIONS_INIT;
}

int ent_import_csv(FILE *out, const char *const *files, size_t n_files,
                   const ent_import_csv_options *o, ent_diags *diags, ent_import_stats *stats)
{
    ent_import_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!out || !diags || !o || (!files && n_files))
        return ent_error_set(ENT_EUSAGE, "ent_import_csv: no output, options or diagnostics list");
    if (ent__options_version(o->version, ENT_IMPORT_CSV_OPTIONS_VERSION, "ent_import_csv_options"))
        return ENT_EUSAGE;
    if (!o->map[ENT_CSV_SOURCE] || !o->map[ENT_CSV_TARGET] ||
        (!o->map[ENT_CSV_AT] && !o->map[ENT_CSV_FROM]) || (!o->type && !o->map[ENT_CSV_TYPE]))
        return ent_error_set(ENT_EUSAGE, "--map needs source=, target=, type= (or --type) and "
                                         "at= or from=");
    if (o->type && !ent_vocab_builtin_find(o->type))
        return ent_error_set(ENT_EUSAGE, "'%s' is not a relation type (see 'entente types')",
                             o->type);
    timp m;
    memset(&m, 0, sizeof m);
    m.o = o;
    m.st = stats;
    m.rec.diags = diags;
    m.rec.skip_bad = o->skip_bad;
    m.rec.max_errors = o->max_errors;
    m.rec.what = "a table";
    m.rec.quote_code = "csv-quote";
    m.rec.utf8_code = "csv-encoding";
    m.rec.ud = &m;
    int rc = 0;
    m.file_used = calloc(n_files + 1, 1);
    if (!m.file_used)
        rc = ENT_ENOMEM;
    if (!rc && o->actors_file) {
        m.rec.on_record = on_actor_row;
        rc = ent__records_read(&m.rec, o->actors_file);
    }
    if (!rc && !m.rec.stop && o->type_map_file) {
        m.rec.on_record = on_type_row;
        rc = ent__records_read(&m.rec, o->type_map_file);
    }
    m.rec.on_record = on_table_row;
    for (size_t i = 0;
         i < n_files && !rc && !m.rec.stop && ent_diags_count_severity(diags, ENT_SEV_ERROR) == 0;
         i++) {
        m.file = (uint32_t)i;
        int r = ent__records_read(&m.rec, files[i]);
        if (r)
            rc = r;
    }
    stats->bad = m.rec.bad;
    if (m.oom || m.rec.oom || rc == ENT_ENOMEM)
        rc = ent_error_set(ENT_ENOMEM, "out of memory importing the table");
    else if (rc == ENT_EIO)
        ent_error_set(ENT_EIO, "an input file could not be read");
    else if (ent_diags_count_severity(diags, ENT_SEV_ERROR) > 0)
        rc = ENT_EINVALID;
    if (rc == 0)
        rc = write_table_graph(out, &m, files, n_files);
    if (rc == 0 && ferror(out))
        rc = ent_error_set(ENT_EIO, "cannot write the graph file: %s",
                           strerror(errno ? errno : EIO));
    free(m.file_used);
    free(m.presets);
    free(m.actors);
    free(m.urls);
    free(m.tvals);
    free(m.rels);
    ent_strmap_release(&m.preset_map);
    ent_strmap_release(&m.type_map);
    ent_strmap_release(&m.value_map);
    ent_strmap_release(&m.id_map);
    ent_strmap_release(&m.url_map);
    ent_arena_release(&m.arena);
    return rc;
}
