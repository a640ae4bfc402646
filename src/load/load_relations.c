/*
 * load_relations.c: checks relations: through cJSON with every diagnostic, and the fast path
 * that reads a plainly well-formed relation straight from the text.
 */
#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Second pass: relations
 * ------------------------------------------------------------------------- */

static const field relation_fields[] = {FIELD("id", T_STR),     FIELD("source", T_STR),
                                        FIELD("target", T_STR), FIELD("type", T_STR),
                                        FIELD("from", T_DATE),  FIELD("to", T_DATE),
                                        FIELD("at", T_DATE),    FIELD("intensity", T_NUM),
                                        FIELD("status", T_STR), FIELD("claimed_by", T_STR),
                                        FIELD("via", T_STR),    FIELD("evidence", T_ARR),
                                        FIELD("note", T_STR),   {NULL, 0, 0}};
enum {
    RF_ID,
    RF_SOURCE,
    RF_TARGET,
    RF_TYPE,
    RF_FROM,
    RF_TO,
    RF_AT,
    RF_INTENSITY,
    RF_STATUS,
    RF_CLAIMED_BY,
    RF_VIA,
    RF_EVIDENCE,
    RF_NOTE
};

static const field evidence_fields[] = {
    FIELD("source", T_STR), FIELD("locator", T_STR), FIELD("note", T_STR), {NULL, 0, 0}};
enum { EF_SOURCE, EF_LOCATOR, EF_NOTE };

/* Resolves an actor id member; reports unknown-actor. Returns the index or -1. */
static long actor_ref(loader *L, const lfile *f, size_t obj_pos, const char *member, const cJSON *v)
{
    uint32_t idx;
    if (ent_strmap_get(&L->g->actor_ids, v->valuestring, &idx))
        return (long)idx;
    ent__report_guess(L, ENT_SEV_ERROR, "unknown-actor", f, ent__member_pos(f, obj_pos, member, 0),
                      ent__closest_actor(L->g, v->valuestring), "\"%s\" names unknown actor \"%s\"",
                      member, v->valuestring);
    return -1;
}

static int status_from_string(const char *s)
{
    for (int k = 0; k < ENT_STATUS_COUNT_; k++)
        if (strcmp(s, ent_status_str((ent_status)k)) == 0)
            return k;
    return -1;
}

/* An "existence" warning at member `role` of the relation at obj_pos. The
 * member is located only now: finding it costs a scan of the relation's text. */
__attribute__((format(printf, 5, 6))) static void
existence_warning(loader *L, const lfile *f, size_t obj_pos, const char *role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vreport(L, ENT_SEV_WARNING, "existence", f, ent__member_pos(f, obj_pos, role, 0), NULL,
                 fmt, ap);
    va_end(ap);
}

/*
 * Warns when a relation's dates fall outside an actor's existence; the actor
 * is named by member `role` ("source", "target") of the relation at obj_pos.
 */
/* Which existence warning, if any, a relation's dates call for against actor
 * `a`: 0 none, 1 an event outside its existence, 2 a durable relation that
 * starts before it exists, 3 one without end after it ceased, 4 one that
 * ends after it ceased. */
static int existence_case(const ent_relation *r, const ent_reltype *t, const int32_t days[2])
{
    int32_t from = days[0], to = days[1];
    int has_from = from != INT32_MIN, has_to = to != INT32_MAX;
    if (!has_from && !has_to)
        return 0;
    if (!t->durable)
        return (has_from && ent_date_last_day(r->at) < from) ||
               (has_to && ent_date_first_day(r->at) > to);
    if (has_from && r->from.year && ent_date_first_day(r->from) < from)
        return 2;
    if (has_to && !r->to.year)
        return 3;
    if (has_to && r->to.year && ent_date_last_day(r->to) > to)
        return 4;
    return 0;
}

static void check_existence(loader *L, const lfile *f, size_t obj_pos, const char *role,
                            const ent_relation *r, const ent_reltype *t, long ai)
{
    const ent_actor *a = &L->g->actors[ai];
    char d1[11], d2[11];
    switch (existence_case(r, t, L->actor_days[ai])) {
    case 1:
        existence_warning(L, f, obj_pos, role,
                          "this %s on %s lies outside the existence of \"%s\" (%s to %s)", t->label,
                          ent_date_format(r->at, d1), a->id,
                          a->from.year ? ent_date_format(a->from, d2) : "its start",
                          a->to.year ? ent_date_format(a->to, (char[11]){0}) : "today");
        break;
    case 2:
        existence_warning(L, f, obj_pos, role, "this %s starts (%s) before \"%s\" exists (%s)",
                          t->label, ent_date_format(r->from, d1), a->id,
                          ent_date_format(a->from, d2));
        break;
    case 3:
        existence_warning(L, f, obj_pos, role,
                          "this %s has no end date, but \"%s\" ceased to exist on %s; give \"to\"",
                          t->label, a->id, ent_date_format(a->to, d2));
        break;
    case 4:
        existence_warning(L, f, obj_pos, role,
                          "this %s ends (%s) after \"%s\" ceased to exist (%s)", t->label,
                          ent_date_format(r->to, d1), a->id, ent_date_format(a->to, d2));
        break;
    }
}

static int do_evidence(loader *L, const lfile *f, size_t rel_pos, const cJSON *arr, ent_relation *r)
{
    size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
    int errs = 0;
    ent_evidence *ev = n ? ent_arena_alloc(L->arena, n * sizeof *ev) : NULL;
    if (n && !ev) {
        L->oom = 1;
        return -1;
    }
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        lazy_pos where = {f, rel_pos, "evidence", i, 0};
        if (!cJSON_IsObject(c)) {
            ent__report(L, ENT_SEV_ERROR, "wrong-type", f, ent__resolve(&where),
                        "each element of \"evidence\" must be an object such as {\"source\": "
                        "\"...\", \"locator\": \"...\", \"note\": \"...\"}, found %s",
                        ent__json_type_name(c));
            errs++;
            continue;
        }
        const cJSON *v[MAX_FIELDS];
        errs += ent__collect(L, f, &where, c, evidence_fields, v, "evidence");
        if (!v[EF_SOURCE]) {
            ent__missing(L, f, ent__resolve(&where), "evidence", "source");
            errs++;
            continue;
        }
        uint32_t si;
        if (!ent_strmap_get(&L->g->source_ids, v[EF_SOURCE]->valuestring, &si)) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[EF_SOURCE]->valuestring);
            for (size_t k = 0; k < L->g->n_sources; k++)
                ent_fuzzy_offer(&fz, L->g->sources[k].id);
            ent__report_guess(L, ENT_SEV_ERROR, "unknown-source", f,
                              ent__member_pos(f, ent__resolve(&where), "source", 0), fz.best,
                              "evidence cites unknown source \"%s\"", v[EF_SOURCE]->valuestring);
            errs++;
            continue;
        }
        ev[i].source = si;
        ev[i].locator = ent__opt_str(L, v[EF_LOCATOR]);
        ev[i].note = ent__opt_str(L, v[EF_NOTE]);
    }
    r->evidence = ev;
    r->n_evidence = n;
    return errs ? -1 : 0;
}

/* Keeps relation r of type t (NULL when unknown) after the others; one of a
 * symmetric type is also listed in L->sym. 0, or -1 when out of memory. */
static int keep_relation(loader *L, const ent_relation *r, const ent_reltype *t)
{
    size_t ri = *L->rel_n;
    if (ent__grow((void **)L->rel_items, L->rel_cap, ri + 1, sizeof **L->rel_items) < 0)
        return -1;
    if (t && t->symmetric && r->source != r->target) {
        if (ent__grow((void **)&L->sym, &L->cap_sym, L->n_sym + 1, sizeof *L->sym) < 0)
            return -1;
        L->sym[L->n_sym++] = (uint32_t)ri;
    }
    (*L->rel_items)[ri] = *r;
    (*L->rel_n)++;
    return 0;
}

void ent__do_relation(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a relation";
    ent_graph *g = L->g;
    lazy_pos where = ent__known_pos(f, at);
    int errs = ent__collect(L, f, &where, obj, relation_fields, v, what);
    ent_relation r;
    memset(&r, 0, sizeof r);
    r.claimed_by = r.via = ENT_NO_ACTOR;
    (void)index;

    long src = -1, tgt = -1;
    if (!v[RF_SOURCE])
        ent__missing(L, f, at, what, "source"), errs++;
    else if ((src = actor_ref(L, f, at, "source", v[RF_SOURCE])) < 0)
        errs++;
    if (!v[RF_TARGET])
        ent__missing(L, f, at, what, "target"), errs++;
    else if ((tgt = actor_ref(L, f, at, "target", v[RF_TARGET])) < 0)
        errs++;
    if (src >= 0 && src == tgt) {
        ent__report(L, ENT_SEV_ERROR, "self-relation", f, ent__member_pos(f, at, "target", 0),
                    "a relation's source and target are both \"%s\"", g->actors[src].id);
        errs++;
    }

    const ent_reltype *t = NULL;
    if (!v[RF_TYPE])
        ent__missing(L, f, at, what, "type"), errs++;
    else {
        uint32_t ti;
        if (ent_strmap_get(&g->type_ids, v[RF_TYPE]->valuestring, &ti)) {
            t = &g->types[ti];
            r.type = ti;
        } else {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[RF_TYPE]->valuestring);
            for (size_t k = 0; k < g->n_types; k++)
                ent_fuzzy_offer(&fz, g->types[k].id);
            ent__report_guess(L, ENT_SEV_ERROR, "unknown-type", f,
                              ent__member_pos(f, at, "type", 0), fz.best,
                              "unknown relation type \"%s\"", v[RF_TYPE]->valuestring);
            errs++;
        }
    }

    /* Dates: parse what is there, then check it fits the type. */
    if (v[RF_FROM] && ent__get_date(L, f, at, v[RF_FROM], &r.from) < 0)
        errs++;
    if (v[RF_TO] && ent__get_date(L, f, at, v[RF_TO], &r.to) < 0)
        errs++;
    if (v[RF_AT] && ent__get_date(L, f, at, v[RF_AT], &r.at) < 0)
        errs++;
    if (t && t->durable && v[RF_AT]) {
        ent__report(L, ENT_SEV_ERROR, "date-kind", f, ent__member_pos(f, at, "at", 1),
                    "\"%s\" is a durable relation type: give \"from\" and \"to\", not \"at\"",
                    t->id);
        errs++;
    } else if (t && !t->durable && (v[RF_FROM] || v[RF_TO])) {
        ent__report(L, ENT_SEV_ERROR, "date-kind", f,
                    ent__member_pos(f, at, v[RF_FROM] ? "from" : "to", 1),
                    "\"%s\" is an event type: give \"at\", not \"from\" or \"to\"", t->id);
        errs++;
    } else if (t && !t->durable && !v[RF_AT]) {
        ent__report(L, ENT_SEV_ERROR, "missing-field", f, at,
                    "a relation of event type \"%s\" needs \"at\", the date it happened", t->id);
        errs++;
    }
    if (!errs && ent__check_order(L, f, at, r.from, r.to) < 0)
        errs++;

    if (v[RF_INTENSITY]) {
        double x = v[RF_INTENSITY]->valuedouble;
        if (!ent__intensity_ok(x)) {
            char num[32];
            size_t vp = ent__member_pos(f, at, "intensity", 0);
            ent__report(L, ENT_SEV_ERROR, "intensity-range", f, vp,
                        "intensity %s is outside the Goldstein scale, -10 to 10",
                        ent__number_text(f, vp, x, num));
            errs++;
        } else {
            r.intensity = x;
            r.intensity_given = 1;
            if (t && ((t->sign > 0 && x < 0) || (t->sign < 0 && x > 0)))
                ent__report(L, ENT_SEV_WARNING, "sign-mismatch", f,
                            ent__member_pos(f, at, "intensity", 0),
                            "intensity %g has the opposite sign of \"%s\" (%s); is the type right?",
                            x, t->id, t->sign > 0 ? "cooperative" : "hostile");
        }
    } else if (t)
        r.intensity = t->intensity;

    r.status = ENT_STATUS_REPORTED;
    if (v[RF_STATUS]) {
        int st = status_from_string(v[RF_STATUS]->valuestring);
        if (st < 0) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[RF_STATUS]->valuestring);
            for (int k = 0; k < ENT_STATUS_COUNT_; k++)
                ent_fuzzy_offer(&fz, ent_status_str((ent_status)k));
            ent__report_guess(
                L, ENT_SEV_ERROR, "invalid-value", f, ent__member_pos(f, at, "status", 0), fz.best,
                "unknown status \"%s\"; it is confirmed, reported, claimed or disputed",
                v[RF_STATUS]->valuestring);
            errs++;
        } else
            r.status = (ent_status)st;
    }
    if (v[RF_CLAIMED_BY]) {
        long c = actor_ref(L, f, at, "claimed_by", v[RF_CLAIMED_BY]);
        if (c < 0)
            errs++;
        else
            r.claimed_by = (uint32_t)c;
        if (r.status == ENT_STATUS_CONFIRMED || r.status == ENT_STATUS_REPORTED)
            ent__report(L, ENT_SEV_WARNING, "unused-field", f,
                        ent__member_pos(f, at, "claimed_by", 1),
                        "\"claimed_by\" is ignored when the status is \"%s\"; use \"claimed\" or "
                        "\"disputed\"",
                        ent_status_str(r.status));
    } else if (r.status == ENT_STATUS_CLAIMED) {
        ent__report(L, ENT_SEV_ERROR, "claim-without-claimant", f,
                    ent__member_pos(f, at, "status", 0),
                    "a claimed relation must say who claims it: add \"claimed_by\"");
        errs++;
    }
    if (v[RF_VIA]) {
        long c = actor_ref(L, f, at, "via", v[RF_VIA]);
        if (c < 0)
            errs++;
        else
            r.via = (uint32_t)c;
    }

    if (v[RF_EVIDENCE] && do_evidence(L, f, at, v[RF_EVIDENCE], &r) < 0)
        errs++;
    if (!errs && r.n_evidence == 0 && !L->allow_missing_evidence)
        ent__report(L, ENT_SEV_WARNING, "no-evidence", f, at,
                    "this relation has no evidence; add \"evidence\": [{\"source\": ..., "
                    "\"locator\": ..., \"note\": ...}]");

    /* Kinds: stances point at issues, and issues do not act. */
    if (src >= 0 && L->actor_kind[src] == ENT_KIND_ISSUE) {
        ent__report(L, ENT_SEV_ERROR, "kind-mismatch", f, ent__member_pos(f, at, "source", 0),
                    "\"%s\" is an issue, and an issue cannot be the source of a relation",
                    g->actors[src].id);
        errs++;
    }
    if (t && tgt >= 0 && t->family[0] == 's' && strcmp(t->family, "stance") == 0 &&
        L->actor_kind[tgt] != ENT_KIND_ISSUE) {
        ent__report(L, ENT_SEV_ERROR, "kind-mismatch", f, ent__member_pos(f, at, "target", 0),
                    "\"%s\" takes an issue as its target, but \"%s\" is of kind \"%s\"", t->id,
                    g->actors[tgt].id, ent_actor_kind_str(g->actors[tgt].kind));
        errs++;
    }

    const char *rid = v[RF_ID] ? v[RF_ID]->valuestring : NULL;
    if (rid && ent__check_id(L, f, at, rid, "relation") < 0)
        errs++;
    else if (rid) {
        /* One probe both checks and registers the id (a relation with errors
         * still claims its id: the graph is not kept then anyway). */
        rid = ent__keep(L, rid);
        uint32_t first, slot = (uint32_t)L->n_relation_ids;
        if (L->collect_ids) {
            /* On two threads ids are collected and checked for repeats
             * afterwards (load_parallel.c). */
            if (ent__grow((void **)&L->ids, &L->cap_ids, L->n_ids + 1, sizeof *L->ids) < 0) {
                L->oom = 1;
                return;
            }
            L->ids[L->n_ids++] = rid;
            goto id_done;
        }
        int fresh = ent_strmap_put(&g->relation_ids, rid, slot, &first);
        if (fresh < 0) {
            L->oom = 1;
            return;
        }
        if (!fresh) {
            ent__duplicate_id(L, f, ent__member_pos(f, at, "id", 0), "relation", rid,
                              &L->relation_origin[first]);
            errs++;
        } else if (ent__record_origin(L, &L->relation_origin, &L->cap_relation_origin, slot, f, at,
                                      el->line) < 0)
            return;
        else
            L->n_relation_ids++;
    }
id_done:
    if (errs)
        return;

    if (src >= 0 && t && L->actor_dated[src])
        check_existence(L, f, at, "source", &r, t, src);
    if (tgt >= 0 && t && L->actor_dated[tgt])
        check_existence(L, f, at, "target", &r, t, tgt);

    r.source = (uint32_t)src;
    r.target = (uint32_t)tgt;
    r.id = rid ? rid : "";
    r.note = ent__opt_str(L, v[RF_NOTE]);
    r.loc.file = f->index;
    r.loc.line = el->line;
    if (keep_relation(L, &r, t) < 0)
        L->oom = 1;
}

/* ---------------------------------------------------------------------------
 * Second pass: relations without cJSON
 *
 * Nearly every relation of a large file is clean, and building a cJSON tree
 * for each (then looking its members up by name) was most of the cost of
 * loading. ent__relation_fast reads the members straight from the validated text
 * and builds the relation only when the element is plainly well-formed and
 * would draw no diagnostic at all: every member known, of the right JSON
 * type, once; strings without \u escapes; every reference resolved; every
 * check of ent__do_relation passed, warnings included. Anything else makes it
 * return 0 before touching shared state, and the element is read again by
 * cJSON and ent__do_relation, which report exactly as before.
 * ------------------------------------------------------------------------- */

#define FAST_MAX_EVIDENCE 16

/* The evidence of a relation, read while its members are: each element a
 * plain object with a "source", at most FAST_MAX_EVIDENCE of them. */
typedef struct evidence_reader {
    fast_array arr;
    fval (*ev)[4];
    size_t n;
} evidence_reader;

static int read_evidence(fast_array *a, const lfile *f, size_t pos, size_t *end)
{
    evidence_reader *r = (evidence_reader *)a;
    const char *b = f->buf;
    size_t p = jscan_skip_ws_fast(b, f->len, pos + 1), after;
    while (b[p] != ']') {
        if (r->n == FAST_MAX_EVIDENCE ||
            !ent__fast_object(f, p, evidence_fields, r->ev[r->n], &after, NULL) ||
            !r->ev[r->n][EF_SOURCE].kind)
            return 0;
        r->n++;
        p = jscan_skip_ws_fast(b, f->len, after);
        if (b[p] == ',')
            p = jscan_skip_ws_fast(b, f->len, p + 1);
    }
    *end = p + 1;
    return 1;
}

/*
 * Builds the relation `el` of file f without cJSON when it draws no
 * diagnostic (see above). Returns 1 when the relation was added (or memory
 * ran out: L->oom is set), 0 when ent__do_relation must read it.
 */
int ent__relation_fast(loader *L, lfile *f, const elem *el)
{
    ent_graph *g = L->g;
    const char *b = f->buf;
    fval v[MAX_FIELDS], ev[FAST_MAX_EVIDENCE][4];
    size_t after, n_ev = 0;
    char buf[FAST_CSTR];
    evidence_reader er = {{RF_EVIDENCE, read_evidence}, ev, 0};
    if (!ent__fast_object(f, el->start, relation_fields, v, &after, &er.arr))
        return 0;
    n_ev = er.n;
    if (!v[RF_SOURCE].kind || !v[RF_TARGET].kind || !v[RF_TYPE].kind)
        return 0;
    ent_relation r;
    memset(&r, 0, sizeof r);
    r.claimed_by = r.via = ENT_NO_ACTOR;
    /* The two actors are looked up after the cheap checks, their slots
     * fetched now: the table is large, and the type and date checks in
     * between hide the wait for memory. */
    if (v[RF_SOURCE].esc || v[RF_TARGET].esc)
        return 0;
    const char *sname = b + v[RF_SOURCE].pos + 1, *tname = b + v[RF_TARGET].pos + 1;
    size_t slen = v[RF_SOURCE].end - v[RF_SOURCE].pos - 2,
           tlen = v[RF_TARGET].end - v[RF_TARGET].pos - 2;
    uint32_t sh = ent_strmap_hash(sname, slen), th = ent_strmap_hash(tname, tlen);
    ent_strmap_prefetch(&g->actor_ids, sh);
    ent_strmap_prefetch(&g->actor_ids, th);
    uint32_t ti;
    const char *s;
    if (v[RF_TYPE].esc || !ent_strmap_get_n(&g->type_ids, b + v[RF_TYPE].pos + 1,
                                            v[RF_TYPE].end - v[RF_TYPE].pos - 2, &ti))
        return 0;
    const ent_reltype *t = &g->types[ti];
    r.type = ti;

    if ((v[RF_FROM].kind && ent__fast_date(f, &v[RF_FROM], &r.from) < 0) ||
        (v[RF_TO].kind && ent__fast_date(f, &v[RF_TO], &r.to) < 0) ||
        (v[RF_AT].kind && ent__fast_date(f, &v[RF_AT], &r.at) < 0))
        return 0;
    if (t->durable ? v[RF_AT].kind != 0 : (v[RF_FROM].kind || v[RF_TO].kind || !v[RF_AT].kind))
        return 0;
    if (r.from.year && r.to.year && ent_date_last_day(r.to) < ent_date_first_day(r.from))
        return 0;

    if (v[RF_INTENSITY].kind) {
        double x = ent__fast_number(f, &v[RF_INTENSITY]);
        if (!ent__intensity_ok(x) || (t->sign > 0 && x < 0) || (t->sign < 0 && x > 0))
            return 0;
        r.intensity = x;
        r.intensity_given = 1;
    } else
        r.intensity = t->intensity;

    uint32_t si, tj;
    if (!ent_strmap_get2_nh(&g->actor_ids, sname, slen, sh, &si, tname, tlen, th, &tj) || si == tj)
        return 0;
    long src = (long)si, tgt = (long)tj;
    /* Read near the end, after the evidence: fetched now. */
    __builtin_prefetch(&L->actor_days[si]);
    __builtin_prefetch(&L->actor_days[tj]);
    __builtin_prefetch(&L->actor_dated[si]);
    __builtin_prefetch(&L->actor_dated[tj]);

    r.status = ENT_STATUS_REPORTED;
    if (v[RF_STATUS].kind) {
        int st = (s = ent__fast_cstr(f, &v[RF_STATUS], buf)) ? status_from_string(s) : -1;
        if (st < 0)
            return 0;
        r.status = (ent_status)st;
    }
    if (v[RF_CLAIMED_BY].kind) {
        long c = ent__fast_actor(L, f, &v[RF_CLAIMED_BY]);
        if (c < 0 || r.status == ENT_STATUS_CONFIRMED || r.status == ENT_STATUS_REPORTED)
            return 0;
        r.claimed_by = (uint32_t)c;
    } else if (r.status == ENT_STATUS_CLAIMED)
        return 0;
    if (v[RF_VIA].kind) {
        long c = ent__fast_actor(L, f, &v[RF_VIA]);
        if (c < 0)
            return 0;
        r.via = (uint32_t)c;
    }

    uint32_t sources[FAST_MAX_EVIDENCE];
    for (size_t i = 0; i < n_ev; i++) {
        const fval *src_id = &ev[i][EF_SOURCE];
        if (src_id->esc || !ent_strmap_get_n(&g->source_ids, b + src_id->pos + 1,
                                             src_id->end - src_id->pos - 2, &sources[i]))
            return 0;
    }
    if (n_ev == 0 && !L->allow_missing_evidence)
        return 0;

    if (L->actor_kind[src] == ENT_KIND_ISSUE)
        return 0;
    if (t->family[0] == 's' && strcmp(t->family, "stance") == 0 &&
        L->actor_kind[tgt] != ENT_KIND_ISSUE)
        return 0;
    const char *id_text = NULL;
    size_t id_len = 0;
    if (v[RF_ID].kind) {
        id_text = b + v[RF_ID].pos + 1;
        id_len = v[RF_ID].end - v[RF_ID].pos - 2;
        if (v[RF_ID].esc || !ent__valid_id_n(id_text, id_len))
            return 0;
    }
    if ((L->actor_dated[src] && existence_case(&r, t, L->actor_days[src])) ||
        (L->actor_dated[tgt] && existence_case(&r, t, L->actor_days[tgt])))
        return 0;

    /* Clean: register the id (a repeated one goes to ent__do_relation, which
     * reports it), then keep the strings and the relation. */
    const char *rid = "";
    if (v[RF_ID].kind) {
        if (!(rid = ent_arena_strndup(L->arena, id_text, id_len)))
            goto oom;
        if (L->collect_ids) {
            if (ent__grow((void **)&L->ids, &L->cap_ids, L->n_ids + 1, sizeof *L->ids) < 0)
                goto oom;
            L->ids[L->n_ids++] = rid;
        } else {
            uint32_t first, slot = (uint32_t)L->n_relation_ids;
            int fresh = ent_strmap_put(&g->relation_ids, rid, slot, &first);
            if (fresh < 0)
                goto oom;
            if (!fresh)
                return 0;
            if (ent__record_origin(L, &L->relation_origin, &L->cap_relation_origin, slot, f,
                                   el->start, el->line) < 0)
                return 1;
            L->n_relation_ids++;
        }
    }
    ent_evidence *evs = n_ev ? ent_arena_alloc(L->arena, n_ev * sizeof *evs) : NULL;
    if (n_ev && !evs)
        goto oom;
    for (size_t i = 0; i < n_ev; i++) {
        evs[i].source = sources[i];
        evs[i].locator = ent__fast_keep(L, f, &ev[i][EF_LOCATOR]);
        evs[i].note = ent__fast_keep(L, f, &ev[i][EF_NOTE]);
        if (!evs[i].locator || !evs[i].note)
            goto oom;
    }
    r.evidence = evs;
    r.n_evidence = n_ev;
    r.source = (uint32_t)src;
    r.target = (uint32_t)tgt;
    r.id = rid;
    if (!(r.note = ent__fast_keep(L, f, &v[RF_NOTE])))
        goto oom;
    r.loc.file = f->index;
    r.loc.line = el->line;
    if (keep_relation(L, &r, t) < 0)
        goto oom;
    return 1;
oom:
    L->oom = 1;
    return 1;
}
