/*
 * load_records.c: checks sources, actors, snapshots and comparisons.
 */
#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Second pass: sources
 * ------------------------------------------------------------------------- */

static const field source_fields[] = {
    FIELD("id", T_STR),    FIELD("title", T_STR), FIELD("publisher", T_STR), FIELD("author", T_STR),
    FIELD("date", T_DATE), FIELD("url", T_STR),   FIELD("kind", T_STR),      {NULL, 0, 0}};
enum { SF_ID, SF_TITLE, SF_PUBLISHER, SF_AUTHOR, SF_DATE, SF_URL, SF_KIND };

/* The index of source kind `kind` in g->source_kinds, added when new; -1 when
 * there would be more than ENT_MAX_SOURCE_KINDS, -2 when out of memory. */
static int source_kind_index(loader *L, const char *kind)
{
    ent_graph *g = L->g;
    for (size_t k = 0; k < g->n_source_kinds; k++)
        if (strcmp(g->source_kinds[k], kind) == 0)
            return (int)k;
    if (g->n_source_kinds == ENT_MAX_SOURCE_KINDS)
        return -1;
    const char *copy = ent__keep(L, kind);
    if (!copy)
        return -2;
    g->source_kinds[g->n_source_kinds] = copy;
    return (int)g->n_source_kinds++;
}

void ent__do_source(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a source";
    lazy_pos where = ent__known_pos(f, at);
    int errs = ent__collect(L, f, &where, obj, source_fields, v, what);
    (void)index;
    if (!v[SF_ID])
        ent__missing(L, f, at, what, "id"), errs++;
    if (!v[SF_TITLE])
        ent__missing(L, f, at, what, "title"), errs++;
    ent_source s;
    memset(&s, 0, sizeof s);
    if (v[SF_DATE] && ent__get_date(L, f, at, v[SF_DATE], &s.date) < 0)
        errs++;
    if (!v[SF_ID])
        return;
    if (ent__check_id(L, f, at, v[SF_ID]->valuestring, "source") < 0)
        return;
    ent_graph *g = L->g;
    uint32_t first;
    if (ent_strmap_get(&g->source_ids, v[SF_ID]->valuestring, &first)) {
        ent__duplicate_id(L, f, ent__member_pos(f, at, "id", 0), "source", v[SF_ID]->valuestring,
                          &L->source_origin[first]);
        return;
    }
    (void)errs; /* registered even with errors: evidence citing it stays quiet */
    s.id = ent__keep(L, v[SF_ID]->valuestring);
    s.title = ent__opt_str(L, v[SF_TITLE]);
    s.publisher = ent__opt_str(L, v[SF_PUBLISHER]);
    s.author = ent__opt_str(L, v[SF_AUTHOR]);
    s.url = ent__opt_str(L, v[SF_URL]);
    s.kind = "";
    if (v[SF_KIND]) {
        const char *kind = v[SF_KIND]->valuestring;
        int k = ent__valid_id(kind) ? source_kind_index(L, kind) : -3;
        if (k == -2) {
            L->oom = 1;
            return;
        }
        if (k == -3)
            ent__report(L, ENT_SEV_ERROR, "invalid-value", f, ent__member_pos(f, at, "kind", 0),
                        "invalid source kind \"%s\": a kind is written like an id (letters, digits "
                        "and _ - . :), for example \"article\" or \"reference\"",
                        kind);
        else if (k == -1)
            ent__report(L, ENT_SEV_ERROR, "invalid-value", f, ent__member_pos(f, at, "kind", 0),
                        "too many kinds of source: \"%s\" would be kind number %d, and at most %d "
                        "are allowed",
                        kind, ENT_MAX_SOURCE_KINDS + 1, ENT_MAX_SOURCE_KINDS);
        else
            s.kind = g->source_kinds[k];
    }
    s.loc.file = f->index;
    s.loc.line = el->line;
    if (ent__grow((void **)&g->sources, &g->cap_sources, g->n_sources + 1, sizeof *g->sources) <
            0 ||
        ent__record_origin(L, &L->source_origin, &L->cap_source_origin, g->n_sources, f, at,
                           el->line) < 0) {
        L->oom = 1;
        return;
    }
    g->sources[g->n_sources] = s;
    if (ent_strmap_put(&g->source_ids, s.id, (uint32_t)g->n_sources, NULL) < 0)
        L->oom = 1;
    g->n_sources++;
}

/* ---------------------------------------------------------------------------
 * Second pass: actors
 * ------------------------------------------------------------------------- */

static const field actor_fields[] = {FIELD("id", T_STR),
                                     FIELD("name", T_STR),
                                     FIELD("kind", T_STR),
                                     FIELD("aliases", T_ARR),
                                     FIELD("from", T_DATE),
                                     FIELD("to", T_DATE),
                                     FIELD("tags", T_ARR),
                                     FIELD("collective_defense", T_BOOL),
                                     FIELD("description", T_STR),
                                     FIELD("attributes", T_OBJ),
                                     {NULL, 0, 0}};
enum {
    AF_ID,
    AF_NAME,
    AF_KIND,
    AF_ALIASES,
    AF_FROM,
    AF_TO,
    AF_TAGS,
    AF_CDEF,
    AF_DESCRIPTION,
    AF_ATTRIBUTES
};

/* Copies an array of strings; reports elements that are not strings. */
static int string_list(loader *L, const lfile *f, size_t obj_pos, const char *member,
                       const cJSON *arr, const char *const **out, size_t *n_out)
{
    size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
    int errs = 0;
    const char **list = n ? ent_arena_alloc(L->arena, n * sizeof *list) : NULL;
    if (n && !list) {
        L->oom = 1;
        return -1;
    }
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        if (!cJSON_IsString(c)) {
            ent__report(L, ENT_SEV_ERROR, "wrong-type", f, ent__element_pos(f, obj_pos, member, i),
                        "each of \"%s\" must be a string, found %s", member,
                        ent__json_type_name(c));
            errs++;
            continue;
        }
        if (!c->valuestring[0]) {
            ent__report(L, ENT_SEV_ERROR, "invalid-value", f,
                        ent__element_pos(f, obj_pos, member, i),
                        "an element of \"%s\" is an empty string", member);
            errs++;
            continue;
        }
        list[i] = ent__keep(L, c->valuestring);
    }
    *out = list;
    *n_out = errs ? 0 : n; /* never hand out a list with holes */
    return errs ? -1 : 0;
}

static int kind_from_string(const char *s)
{
    for (int k = 0; k < ENT_KIND_COUNT_; k++)
        if (strcmp(s, ent_actor_kind_str((ent_actor_kind)k)) == 0)
            return k;
    return -1;
}

/*
 * Registers a lowercased name of actor `a`; warns when another actor has it.
 * The name is member `key` (element `index` of it, when >= 0) of the object
 * at obj_pos, located only when there is something to report.
 */
static void add_name(loader *L, const lfile *f, size_t obj_pos, const char *key, long index,
                     uint32_t a, const char *name)
{
    ent_graph *g = L->g;
    char *low = ent__graph_lower(g, name);
    if (!low) {
        L->oom = 1;
        return;
    }
    uint32_t prev;
    int r = ent_strmap_put(&g->names, low, a, &prev);
    if (r < 0) {
        L->oom = 1;
        return;
    }
    if (r == 1 || prev == a)
        return;
    size_t pos = index >= 0 ? ent__element_pos(f, obj_pos, key, (size_t)index)
                            : ent__member_pos(f, obj_pos, key, 0);
    if (prev != ENT_NAME_AMBIGUOUS)
        ent__report(L, ENT_SEV_WARNING, "ambiguous-name", f, pos,
                    "\"%s\" names both actor \"%s\" and actor \"%s\", so the command line cannot "
                    "tell them apart by it",
                    name, g->actors[prev].id, g->n_actors > a ? g->actors[a].id : "?");
    *ent_strmap_ref(&g->names, low) = ENT_NAME_AMBIGUOUS;
}

static void register_actor(loader *L, lfile *f, const elem *el, ent_actor *ap);

void ent__do_actor(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "an actor";
    lazy_pos where = ent__known_pos(f, at);
    int errs = ent__collect(L, f, &where, obj, actor_fields, v, what);
    ent_graph *g = L->g;
    ent_actor a;
    memset(&a, 0, sizeof a);
    (void)index;
    if (!v[AF_ID])
        ent__missing(L, f, at, what, "id"), errs++;
    if (!v[AF_NAME])
        ent__missing(L, f, at, what, "name"), errs++;
    else if (!v[AF_NAME]->valuestring[0]) {
        ent__report(L, ENT_SEV_ERROR, "invalid-value", f, ent__member_pos(f, at, "name", 0),
                    "an actor's \"name\" must not be empty");
        errs++;
    }
    if (!v[AF_KIND])
        ent__missing(L, f, at, what, "kind"), errs++;
    else {
        int k = kind_from_string(v[AF_KIND]->valuestring);
        if (k < 0) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[AF_KIND]->valuestring);
            for (int i = 0; i < ENT_KIND_COUNT_; i++)
                ent_fuzzy_offer(&fz, ent_actor_kind_str((ent_actor_kind)i));
            ent__report_guess(L, ENT_SEV_ERROR, "invalid-value", f,
                              ent__member_pos(f, at, "kind", 0), fz.best,
                              "unknown actor kind \"%s\"; kinds are state, de_facto_state, leader, "
                              "person, alliance, organization, force, group, place and issue",
                              v[AF_KIND]->valuestring);
            errs++;
        } else
            a.kind = (ent_actor_kind)k;
    }
    if (v[AF_FROM] && ent__get_date(L, f, at, v[AF_FROM], &a.from) < 0)
        errs++;
    if (v[AF_TO] && ent__get_date(L, f, at, v[AF_TO], &a.to) < 0)
        errs++;
    if (!errs && ent__check_order(L, f, at, a.from, a.to) < 0)
        errs++;
    if (v[AF_ALIASES] &&
        string_list(L, f, at, "aliases", v[AF_ALIASES], &a.aliases, &a.n_aliases) < 0)
        errs++;
    if (v[AF_TAGS] && string_list(L, f, at, "tags", v[AF_TAGS], &a.tags, &a.n_tags) < 0)
        errs++;
    a.collective_defense = v[AF_CDEF] ? cJSON_IsTrue(v[AF_CDEF]) : -1;
    if (!errs && v[AF_CDEF] && a.kind != ENT_KIND_ALLIANCE)
        ent__report(L, ENT_SEV_WARNING, "unused-field", f,
                    ent__member_pos(f, at, "collective_defense", 1),
                    "\"collective_defense\" applies only to actors of kind \"alliance\" and is "
                    "ignored here");
    if (!errs && !v[AF_CDEF] && a.kind == ENT_KIND_ALLIANCE)
        ent__report(L, ENT_SEV_WARNING, "missing-field", f, at,
                    "alliance \"%s\" does not say whether its members must defend each other; add "
                    "\"collective_defense\": true or false",
                    v[AF_ID]->valuestring);
    if (!v[AF_ID])
        return;
    const char *id = v[AF_ID]->valuestring;
    if (ent__check_id(L, f, at, id, "actor") < 0)
        return;
    uint32_t first;
    if (ent_strmap_get(&g->actor_ids, id, &first)) {
        ent__duplicate_id(L, f, ent__member_pos(f, at, "id", 0), "actor", id,
                          &L->actor_origin[first]);
        return;
    }
    /* An actor with errors is still registered under its id, so that the
     * relations naming it do not add "unknown actor" errors of their own. */
    /* Ids go to an arena of their own: packed together, the keys that every
     * relation's lookups compare stay in cache (see load_impl.h). */
    a.id = ent_arena_strdup(&L->id_arena, id);
    if (!a.id) {
        L->oom = 1;
        return;
    }
    a.name = ent__keep(L, v[AF_NAME] ? v[AF_NAME]->valuestring : id);
    a.description = ent__opt_str(L, v[AF_DESCRIPTION]);
    a.attributes = "";
    if (v[AF_ATTRIBUTES]) {
        char *text = cJSON_PrintUnformatted(v[AF_ATTRIBUTES]);
        if (!text) {
            L->oom = 1;
            return;
        }
        a.attributes = ent__keep(L, text);
        cJSON_free(text);
    }
    register_actor(L, f, el, &a);
}

/* Adds actor a (all of it but the registration) of element el: its origin,
 * the per-actor bytes relations check, its id and its names. */
static void register_actor(loader *L, lfile *f, const elem *el, ent_actor *ap)
{
    ent_graph *g = L->g;
    ent_actor a = *ap;
    size_t at = el->start;
    a.loc.file = f->index;
    a.loc.line = el->line;
    uint32_t ai = (uint32_t)g->n_actors;
    if (ent__grow((void **)&g->actors, &g->cap_actors, g->n_actors + 1, sizeof *g->actors) < 0 ||
        ent__record_origin(L, &L->actor_origin, &L->cap_actor_origin, ai, f, at, el->line) < 0) {
        L->oom = 1;
        return;
    }
    if (ent__grow((void **)&L->actor_kind, &L->cap_actor_kind, ai + 1, 1) < 0 ||
        ent__grow((void **)&L->actor_dated, &L->cap_actor_dated, ai + 1, 1) < 0 ||
        ent__grow((void **)&L->actor_days, &L->cap_actor_days, ai + 1, sizeof *L->actor_days) < 0) {
        L->oom = 1;
        return;
    }
    L->actor_kind[ai] = (uint8_t)a.kind;
    L->actor_dated[ai] = a.from.year || a.to.year;
    L->actor_days[ai][0] = a.from.year ? ent_date_first_day(a.from) : INT32_MIN;
    L->actor_days[ai][1] = a.to.year ? ent_date_last_day(a.to) : INT32_MAX;
    g->actors[ai] = a;
    g->n_actors++;
    if (ent_strmap_put(&g->actor_ids, a.id, ai, NULL) < 0)
        L->oom = 1;
    add_name(L, f, at, "id", -1, ai, a.id);
    add_name(L, f, at, "name", -1, ai, a.name);
    for (size_t i = 0; i < a.n_aliases; i++)
        add_name(L, f, at, "aliases", (long)i, ai, a.aliases[i]);
}

/* The length of the plain string of at most 63 bytes whose text starts at q
 * (its text lowercased into low[64]), or (size_t)-1 when it is not one. */
static size_t peek_string(const char *q, const char *end, char low[64])
{
    size_t k = 0;
    while (q + k < end && k < 63 && q[k] != '"' && q[k] != '\\') {
        char c = q[k];
        low[k] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
        k++;
    }
    return q + k < end && q[k] == '"' ? k : (size_t)-1;
}

void ent__actor_peek(loader *L, const lfile *f, const elem *el)
{
    static const char id_key[] = "{\"id\": \"", name_key[] = ", \"name\": \"";
    const char *b = f->buf + el->start, *end = f->buf + el->end;
    char low[64];
    size_t n;
    if ((size_t)(end - b) < sizeof id_key || memcmp(b, id_key, sizeof id_key - 1) != 0)
        return;
    const char *id = b + sizeof id_key - 1;
    if ((n = peek_string(id, end, low)) == (size_t)-1)
        return;
    ent_strmap_prefetch(&L->g->actor_ids, ent_strmap_hash(id, n));
    ent_strmap_prefetch(&L->g->names, ent_strmap_hash(low, n));
    const char *q = id + n + 1;
    if ((size_t)(end - q) < sizeof name_key || memcmp(q, name_key, sizeof name_key - 1) != 0)
        return;
    if ((n = peek_string(q + sizeof name_key - 1, end, low)) != (size_t)-1)
        ent_strmap_prefetch(&L->g->names, ent_strmap_hash(low, n));
}

/*
 * Adds actor `el` of file f without cJSON when it is plain and would draw no
 * diagnostic from ent__do_actor (as ent__relation_fast does for relations):
 * only id, name, kind, from, to, description, aliases and tags (lists of
 * non-empty strings), every one well-formed, the
 * id new and valid, the dates in order, and not an alliance (which is told
 * to say whether its members must defend each other). The names are added as
 * by ent__do_actor, warnings about shared names included. Returns 1 when the
 * actor was added (or memory ran out: L->oom is set), 0 when ent__do_actor
 * must read it.
 */
int ent__actor_fast(loader *L, lfile *f, const elem *el)
{
    fval v[MAX_FIELDS];
    size_t after;
    char idbuf[FAST_CSTR], kbuf[FAST_CSTR];
    if (!ent__fast_object(f, el->start, actor_fields, v, &after, NULL))
        return 0;
    if (!v[AF_ID].kind || !v[AF_NAME].kind || !v[AF_KIND].kind || v[AF_CDEF].kind ||
        v[AF_ATTRIBUTES].kind)
        return 0;
    const char *id = ent__fast_cstr(f, &v[AF_ID], idbuf), *k = ent__fast_cstr(f, &v[AF_KIND], kbuf);
    int kind = k ? kind_from_string(k) : -1;
    if (!id || !ent__valid_id(id) || kind < 0 || kind == ENT_KIND_ALLIANCE ||
        v[AF_NAME].end - v[AF_NAME].pos == 2 /* "" */)
        return 0;
    ent_actor a;
    memset(&a, 0, sizeof a);
    a.kind = (ent_actor_kind)kind;
    a.collective_defense = -1;
    if ((v[AF_FROM].kind && ent__fast_date(f, &v[AF_FROM], &a.from) < 0) ||
        (v[AF_TO].kind && ent__fast_date(f, &v[AF_TO], &a.to) < 0))
        return 0;
    if (a.from.year && a.to.year && ent_date_last_day(a.to) < ent_date_first_day(a.from))
        return 0;
    uint32_t first;
    if (ent_strmap_get(&L->g->actor_ids, id, &first))
        return 0;
    /* The lists last: what they keep stays in the arena if the actor is not
     * plain after all, as unused bytes, never as data. */
    int rc = 0;
    if ((v[AF_ALIASES].kind &&
         (rc = ent__fast_string_list(L, f, &v[AF_ALIASES], &a.aliases, &a.n_aliases)) != 0) ||
        (v[AF_TAGS].kind &&
         (rc = ent__fast_string_list(L, f, &v[AF_TAGS], &a.tags, &a.n_tags)) != 0))
        return rc > 0; /* out of memory: handled; not plain: the full reader */
    a.id = ent_arena_strdup(&L->id_arena, id);
    a.name = ent__fast_keep(L, f, &v[AF_NAME]);
    a.description = ent__fast_keep(L, f, &v[AF_DESCRIPTION]);
    a.attributes = "";
    if (!a.id || !a.name || !a.description) {
        L->oom = 1;
        return 1;
    }
    register_actor(L, f, el, &a);
    return 1;
}

/* ---------------------------------------------------------------------------
 * Second pass: snapshots
 * ------------------------------------------------------------------------- */

/* Whether an id has the shape of a date (even an impossible one such as
 * "2023-13"), so that a command line could not tell the two apart. */
static int looks_like_date(const char *id)
{
    ent_date probe;
    return ent_date_parse(&probe, id, strlen(id)) != ENT_DATE_SYNTAX;
}

static const field snapshot_fields[] = {
    FIELD("id", T_STR), FIELD("at", T_DATE), FIELD("label", T_STR), {NULL, 0, 0}};
enum { NF_ID, NF_AT, NF_LABEL };

void ent__do_snapshot(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a snapshot";
    lazy_pos where = ent__known_pos(f, at);
    int errs = ent__collect(L, f, &where, obj, snapshot_fields, v, what);
    ent_declared_snapshot s;
    memset(&s, 0, sizeof s);
    (void)index;
    if (!v[NF_ID])
        ent__missing(L, f, at, what, "id"), errs++;
    if (!v[NF_AT])
        ent__missing(L, f, at, what, "at"), errs++;
    else if (ent__get_date(L, f, at, v[NF_AT], &s.at) < 0)
        errs++;
    if (!v[NF_ID])
        return;
    const char *id = v[NF_ID]->valuestring;
    size_t id_pos = ent__member_pos(f, at, "id", 0);
    if (ent__check_id(L, f, at, id, "snapshot") < 0)
        return;
    if (looks_like_date(id)) {
        ent__report(
            L, ENT_SEV_ERROR, "invalid-id", f, id_pos,
            "snapshot id \"%s\" looks like a date, so \"--at %s\" would be ambiguous; use a "
            "name such as \"before-2022\"",
            id, id);
        return;
    }
    ent_graph *g = L->g;
    uint32_t first;
    if (ent_strmap_get(&g->snapshot_ids, id, &first)) {
        ent__duplicate_id(L, f, id_pos, "snapshot", id, &L->snapshot_origin[first]);
        return;
    }
    /* A snapshot with errors is still registered under its id, without a
     * date, so that the comparisons naming it do not add "unknown snapshot"
     * errors of their own (the graph is not kept then anyway). */
    if (errs)
        memset(&s.at, 0, sizeof s.at);
    s.id = ent__keep(L, id);
    s.label = ent__opt_str(L, v[NF_LABEL]);
    s.loc.file = f->index;
    s.loc.line = el->line;
    if (ent__grow((void **)&g->snapshots, &g->cap_snapshots, g->n_snapshots + 1,
                  sizeof *g->snapshots) < 0 ||
        ent__record_origin(L, &L->snapshot_origin, &L->cap_snapshot_origin, g->n_snapshots, f, at,
                           el->line) < 0) {
        L->oom = 1;
        return;
    }
    g->snapshots[g->n_snapshots] = s;
    if (ent_strmap_put(&g->snapshot_ids, s.id, (uint32_t)g->n_snapshots, NULL) < 0)
        L->oom = 1;
    g->n_snapshots++;
}

/* ---------------------------------------------------------------------------
 * Second pass: comparisons
 * ------------------------------------------------------------------------- */

static const field comparison_fields[] = {FIELD("id", T_STR),        FIELD("from", T_STR),
                                          FIELD("to", T_STR),        FIELD("label", T_STR),
                                          FIELD("headline", T_BOOL), {NULL, 0, 0}};
enum { CF_ID, CF_FROM, CF_TO, CF_LABEL, CF_HEADLINE };

/*
 * Resolves member `member` ("from", "to") of the comparison at obj_pos to a
 * snapshot; reports unknown-snapshot. Returns the snapshot index or -1.
 */
static long snapshot_ref(loader *L, const lfile *f, size_t obj_pos, const char *member,
                         const cJSON *v)
{
    const ent_graph *g = L->g;
    const char *name = v->valuestring;
    uint32_t idx;
    if (ent_strmap_get(&g->snapshot_ids, name, &idx))
        return (long)idx;
    size_t pos = ent__member_pos(f, obj_pos, member, 0);
    ent_date d;
    if (ent_date_parse(&d, name, strlen(name)) == ENT_DATE_OK) {
        /* A date where a snapshot id belongs: point at a snapshot of that day. */
        const char *same = NULL;
        for (size_t i = 0; i < g->n_snapshots && !same; i++)
            if (g->snapshots[i].at.year &&
                ent_date_last_day(g->snapshots[i].at) == ent_date_last_day(d))
                same = g->snapshots[i].id;
        if (same)
            ent__report_guess(L, ENT_SEV_ERROR, "unknown-snapshot", f, pos, same,
                              "\"%s\" is a date, but a comparison names snapshots by their ids",
                              member);
        else
            ent__report(
                L, ENT_SEV_ERROR, "unknown-snapshot", f, pos,
                "\"%s\" is a date, but a comparison names snapshots by their ids; declare a "
                "snapshot at %s in \"snapshots\" and give its id here",
                member, name);
        return -1;
    }
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, name);
    for (size_t i = 0; i < g->n_snapshots; i++)
        ent_fuzzy_offer(&fz, g->snapshots[i].id);
    ent__report_guess(L, ENT_SEV_ERROR, "unknown-snapshot", f, pos, fz.best,
                      "\"%s\" names unknown snapshot \"%s\"", member, name);
    return -1;
}

/* A snapshot's date for messages: "2023-09-21", or "2023, that is 2023-12-31"
 * for a partial date, since the day it stands for is what is compared. */
static const char *snapshot_day(const ent_declared_snapshot *s, char buf[40])
{
    char written[11], day[11];
    ent_date_format(s->at, written);
    if (s->at.day)
        snprintf(buf, 40, "%s", written);
    else
        snprintf(buf, 40, "%s, that is %s", written,
                 ent_date_format(ent_date_from_day(ent_date_last_day(s->at)), day));
    return buf;
}

/*
 * Checks that snapshot `from` comes before snapshot `to`, each taken on the
 * day it stands for on the command line (the last day of a partial date).
 */
static int check_sequence(loader *L, const lfile *f, size_t obj_pos, long from, long to)
{
    const ent_declared_snapshot *a = &L->g->snapshots[from], *b = &L->g->snapshots[to];
    if (!a->at.year || !b->at.year)
        return 0; /* a snapshot with errors of its own, already reported */
    size_t pos = ent__member_pos(f, obj_pos, "to", 0);
    if (from == to) {
        ent__report(L, ENT_SEV_ERROR, "date-order", f, pos,
                    "\"from\" and \"to\" are both snapshot \"%s\"; a comparison needs two "
                    "snapshots, the earlier first",
                    a->id);
        return -1;
    }
    if (ent_date_last_day(a->at) < ent_date_last_day(b->at))
        return 0;
    char d1[40], d2[40];
    ent__report(L, ENT_SEV_ERROR, "date-order", f, pos,
                "\"to\" snapshot \"%s\" (%s) is not later than \"from\" snapshot \"%s\" (%s); a "
                "comparison goes from the earlier snapshot to the later",
                b->id, snapshot_day(b, d1), a->id, snapshot_day(a, d2));
    return -1;
}

void ent__do_comparison(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a comparison";
    lazy_pos where = ent__known_pos(f, at);
    int errs = ent__collect(L, f, &where, obj, comparison_fields, v, what);
    ent_graph *g = L->g;
    ent_comparison c;
    memset(&c, 0, sizeof c);
    (void)index;
    long from = -1, to = -1;
    if (!v[CF_ID])
        ent__missing(L, f, at, what, "id"), errs++;
    if (!v[CF_FROM])
        ent__missing(L, f, at, what, "from"), errs++;
    else if ((from = snapshot_ref(L, f, at, "from", v[CF_FROM])) < 0)
        errs++;
    if (!v[CF_TO])
        ent__missing(L, f, at, what, "to"), errs++;
    else if ((to = snapshot_ref(L, f, at, "to", v[CF_TO])) < 0)
        errs++;
    if (from >= 0 && to >= 0 && check_sequence(L, f, at, from, to) < 0)
        errs++;
    if (v[CF_HEADLINE] && cJSON_IsTrue(v[CF_HEADLINE])) {
        c.headline = 1;
        if (L->headline_seen) {
            const origin *o = &L->headline_origin;
            lfile *ff = &L->files[o->file];
            ent__report(
                L, ENT_SEV_ERROR, "duplicate-headline", f, ent__member_pos(f, at, "headline", 0),
                "a second comparison has \"headline\": true; only one comparison can be the "
                "headline");
            ent__report(L, ENT_SEV_NOTE, "duplicate-headline", ff,
                        ent__member_pos(ff, o->pos, "headline", 0),
                        "the first headline comparison is here");
            errs++;
        } else {
            L->headline_seen = 1;
            L->headline_origin.file = f->index;
            L->headline_origin.pos = at;
            L->headline_origin.line = el->line;
        }
    }
    if (!v[CF_ID])
        return;
    const char *id = v[CF_ID]->valuestring;
    size_t id_pos = ent__member_pos(f, at, "id", 0);
    if (ent__check_id(L, f, at, id, "comparison") < 0)
        return;
    if (looks_like_date(id)) {
        ent__report(L, ENT_SEV_ERROR, "invalid-id", f, id_pos,
                    "comparison id \"%s\" looks like a date; like a snapshot id, it must be a name "
                    "such as \"before-and-after-2022\"",
                    id);
        return;
    }
    uint32_t first;
    if (ent_strmap_get(&g->comparison_ids, id, &first)) {
        ent__duplicate_id(L, f, id_pos, "comparison", id, &L->comparison_origin[first]);
        return;
    }
    /* Registered even with errors, so that a later duplicate is still
     * reported (the graph is not kept then anyway). */
    c.id = ent__keep(L, id);
    c.label = ent__opt_str(L, v[CF_LABEL]);
    c.from = from >= 0 ? (uint32_t)from : 0;
    c.to = to >= 0 ? (uint32_t)to : 0;
    c.loc.file = f->index;
    c.loc.line = el->line;
    size_t ci = g->n_comparisons;
    if (ent__grow((void **)&g->comparisons, &g->cap_comparisons, ci + 1, sizeof *g->comparisons) <
            0 ||
        ent__record_origin(L, &L->comparison_origin, &L->cap_comparison_origin, ci, f, at,
                           el->line) < 0) {
        L->oom = 1;
        return;
    }
    g->comparisons[ci] = c;
    if (c.headline && g->headline < 0)
        g->headline = (long)ci;
    if (ent_strmap_put(&g->comparison_ids, c.id, (uint32_t)ci, NULL) < 0)
        L->oom = 1;
    g->n_comparisons++;
}
