/*
 * load.c: reads entente/1 graph files into an ent_graph, reporting every
 * problem at its file, line and column.
 *
 * Two passes per file. The first (jscan) validates the whole text in one
 * sweep, counts lines and records where each top-level member and each
 * element of the top-level arrays starts. The second hands one element at a
 * time to cJSON, checks it against the format and adds it to the model, then
 * frees the element's tree: memory stays near the size of the file plus the
 * model, instead of cJSON's whole-document tree (about ten times the file).
 * Positions inside an element, needed only for diagnostics, are found again
 * by walking that element's text.
 *
 * Sections are processed in dependency order across all files (relation
 * types, sources, actors, snapshots, relations, comparisons), so a relation
 * may refer to an actor defined later in the same file or in another file,
 * and a comparison to any snapshot.
 *
 * The loader's parts, one concern each, sharing load_impl.h: load_scan.c
 * (reading files, the first pass), load_check.c (cJSON's memory, the helpers
 * that check one element), load_types.c, load_records.c and load_relations.c
 * (one reader per kind of record), load_parallel.c (relations on two
 * threads), load_diag.c (positions and messages). This file drives them, finds
 * symmetric relations coded twice, and holds the public functions. Functions
 * one part offers another carry the internal prefix ent__.
 */
/* madvise(MADV_DONTNEED) is not POSIX (posix_madvise's POSIX_MADV_DONTNEED
 * does nothing on Linux): ask for it by name. */
#define _DEFAULT_SOURCE
#include "load/load_impl.h"

const char *const ent__section_names[SEC_COUNT] = {"relation_types", "sources",   "actors",
                                                   "snapshots",      "relations", "comparisons"};
/* What one element of each section is called in messages. */
const char *const ent__element_names[SEC_COUNT] = {"relation type", "source",   "actor",
                                                   "snapshot",      "relation", "comparison"};
const char *const ent__scalar_names[TOP_COUNT] = {"format", "title", "description"};

unsigned ent__threads(const loader *L)
{
    return L->threads == 1 ? 1 : 2;
}

/* ---------------------------------------------------------------------------
 * Driver
 * ------------------------------------------------------------------------- */

typedef void (*element_fn)(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);

static const element_fn element_fns[SEC_COUNT] = {ent__do_type,     ent__do_source,
                                                  ent__do_actor,    ent__do_snapshot,
                                                  ent__do_relation, ent__do_comparison};

/* Parses a top-level scalar member with cJSON; NULL when absent. */
static cJSON *parse_at(const lfile *f, size_t pos)
{
    size_t end = ent__jscan_skip(f->buf, f->len, pos);
    return cJSON_ParseWithLengthOpts(f->buf + pos, end - pos, NULL, 0);
}

static void check_header(loader *L, lfile *f)
{
    L->base_file = f->index;
    L->base_pos = 0;
    L->base_line = 1;
    f->format_ok = 1;
    if (!f->scalar_present[TOP_FORMAT]) {
        ent__report(
            L, ENT_SEV_ERROR, "missing-format", f, f->top_pos,
            "missing \"format\": a graph file starts with {\"format\": \"entente/1\", ...}");
    } else {
        cJSON *v = parse_at(f, f->scalar_val[TOP_FORMAT]);
        if (!v)
            L->oom = 1;
        else if (!cJSON_IsString(v))
            ent__report(L, ENT_SEV_ERROR, "wrong-type", f, f->scalar_val[TOP_FORMAT],
                        "\"format\" must be the string \"entente/1\", found %s",
                        ent__json_type_name(v));
        else if (strcmp(v->valuestring, ENT_FORMAT) != 0) {
            ent__report(L, ENT_SEV_ERROR, "unknown-format", f, f->scalar_val[TOP_FORMAT],
                        "unsupported format \"%s\"; this version of entente reads \"%s\"",
                        v->valuestring, ENT_FORMAT);
            f->format_ok = 0;
        }
        cJSON_Delete(v);
    }
    for (int i = TOP_TITLE; i <= TOP_DESCRIPTION; i++) {
        if (!f->scalar_present[i])
            continue;
        cJSON *v = parse_at(f, f->scalar_val[i]);
        if (!v)
            L->oom = 1;
        else if (!cJSON_IsString(v))
            ent__report(L, ENT_SEV_ERROR, "wrong-type", f, f->scalar_val[i],
                        "\"%s\" must be a string, found %s", ent__scalar_names[i],
                        ent__json_type_name(v));
        else if (i == TOP_TITLE && !L->g->title[0])
            L->g->title = ent__keep(L, v->valuestring);
        else if (i == TOP_DESCRIPTION && !L->g->description[0])
            L->g->description = ent__keep(L, v->valuestring);
        cJSON_Delete(v);
    }
    for (int s = 0; s < SEC_COUNT; s++) {
        section *sec = &f->sec[s];
        if (sec->present && f->buf[sec->val_pos] != '[') {
            cJSON *v = parse_at(f, sec->val_pos);
            ent__report(L, ENT_SEV_ERROR, "wrong-type", f, sec->val_pos,
                        "\"%s\" must be an array, found %s", ent__section_names[s],
                        v ? ent__json_type_name(v) : "something else");
            cJSON_Delete(v);
        }
    }
}

/* Checks element i of section s of file f and adds it to the model. */
void ent__process_element(loader *L, lfile *f, int s, size_t i)
{
    const elem *el = &f->sec[s].items[i];
    L->base_file = f->index;
    L->base_pos = el->start;
    L->base_line = el->line;
    if ((s == SEC_RELATIONS && ent__relation_fast(L, f, el)) ||
        (s == SEC_ACTORS && ent__actor_fast(L, f, el)))
        return;
    cJSON *obj = cJSON_ParseWithLengthOpts(f->buf + el->start, el->end - el->start, NULL, 0);
    if (!obj) {
        L->oom = 1; /* the text was validated: only memory can fail here */
        return;
    }
    if (!cJSON_IsObject(obj))
        ent__report(L, ENT_SEV_ERROR, "wrong-type", f, el->start,
                    "each element of \"%s\" must be an object describing a %s, found %s",
                    ent__section_names[s], ent__element_names[s], ent__json_type_name(obj));
    else {
        ent__dupcheck(L, f, el->start, obj, 0);
        element_fns[s](L, f, el, obj, i);
    }
    ent__bump_reset(); /* frees obj and everything cJSON made for it */
}

/* Text is let go in steps of at least this many bytes. */
#define RELEASE_STEP ((size_t)8 << 20)

/* Hands the whole pages of f's mapped text inside [from, to) back to the kernel. */
static void release_text(lfile *f, size_t from, size_t to)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t lo = (from + page - 1) / page * page, hi = to / page * page;
    if (hi > lo)
        madvise(f->owned + lo, hi - lo, MADV_DONTNEED);
}

void ent__text_done_back(text_mark *m, lfile *f, size_t from, size_t upto)
{
    if (m->f != f || m->pos < upto) {
        m->f = f;
        m->pos = upto;
    }
    if (!f->mapped || from + RELEASE_STEP > m->pos)
        return;
    release_text(f, from, m->pos);
    m->pos = from;
}

void ent__text_done(text_mark *m, lfile *f, size_t upto)
{
    if (m->f != f) {
        m->f = f;
        m->pos = upto;
        return;
    }
    if (!f->mapped || upto < m->pos + RELEASE_STEP)
        return;
    release_text(f, m->pos, upto);
    m->pos = upto;
}

static void process_section(loader *L, int s)
{
    text_mark m = {NULL, 0};
    for (size_t fi = 0; fi < L->n_files && !L->stopped && !L->oom; fi++) {
        lfile *f = &L->files[fi];
        if (!f->syntax_ok || !f->format_ok)
            continue;
        for (size_t i = 0; i < f->sec[s].n && !L->stopped && !L->oom; i++) {
            if (s == SEC_RELATIONS)
                ent__text_done(&m, f, f->sec[s].items[i].start);
            else if (s == SEC_ACTORS && i + ACTOR_PEEK_AHEAD < f->sec[s].n)
                ent__actor_peek(L, f, &f->sec[s].items[i + ACTOR_PEEK_AHEAD]);
            ent__process_element(L, f, s, i);
        }
    }
}

/* ---------------------------------------------------------------------------
 * Symmetric types coded both ways
 * ------------------------------------------------------------------------- */

typedef struct sym_key {
    uint32_t lo, hi, type, rel;
} sym_key;

/* The field of a sym_key that pass `f` sorts on: 0 type, 1 hi, 2 lo. */
static uint32_t sym_field(const sym_key *k, int f)
{
    return f == 0 ? k->type : f == 1 ? k->hi : k->lo;
}

/*
 * Sorts k[0..n) by (lo, hi, type), keeping relation order among equal keys
 * (they come in it): stable counting passes on a byte at a time, least
 * significant field first, as many bytes as the largest value needs. 0, or
 * -1 when out of memory.
 */
static int sort_sym_keys(sym_key *k, size_t n)
{
    sym_key *tmp = malloc((n ? n : 1) * sizeof *tmp), *from = k, *to = tmp;
    if (!tmp)
        return -1;
    for (int f = 0; f < 3; f++) {
        uint32_t max = 0;
        for (size_t i = 0; i < n; i++)
            if (sym_field(&from[i], f) > max)
                max = sym_field(&from[i], f);
        for (int shift = 0; shift < 32 && (shift == 0 || max >> shift); shift += 8) {
            size_t count[257] = {0};
            for (size_t i = 0; i < n; i++)
                count[((sym_field(&from[i], f) >> shift) & 0xff) + 1]++;
            for (int d = 0; d < 256; d++)
                count[d + 1] += count[d];
            for (size_t i = 0; i < n; i++)
                to[count[(sym_field(&from[i], f) >> shift) & 0xff]++] = from[i];
            sym_key *t = from;
            from = to;
            to = t;
        }
    }
    if (from != k)
        memcpy(k, from, n * sizeof *k);
    free(tmp);
    return 0;
}

/* The days a relation covers: its interval, or the period of its date. */
static void rel_days(const ent_relation *r, int durable, int32_t *first, int32_t *last)
{
    if (!durable) {
        *first = ent_date_first_day(r->at);
        *last = ent_date_last_day(r->at);
        return;
    }
    *first = r->from.year ? ent_date_first_day(r->from) : INT32_MIN;
    *last = r->to.year ? ent_date_last_day(r->to) : INT32_MAX;
}

/*
 * A symmetric type holds in both directions, so a file that codes A -> B and
 * B -> A of one type for periods that overlap counts the tie twice: warn at
 * the later of the two. Runs only on a graph without errors, where relation
 * i of file f is the element at the same rank of f's relations.
 */
static void check_symmetric_twice(loader *L)
{
    ent_graph *g = L->g;
    size_t n = L->n_sym;
    if (!n)
        return;
    sym_key *k = malloc(n * sizeof *k);
    size_t *base = calloc(L->n_files + 1, sizeof *base);
    if (!k || !base) {
        free(k);
        free(base);
        L->oom = 1;
        return;
    }
    for (size_t f = 0; f < L->n_files; f++)
        base[f + 1] = base[f] + L->files[f].sec[SEC_RELATIONS].n;
    /* The symmetric relations, listed as they were kept (in relation order). */
    for (size_t s = 0; s < n; s++) {
        uint32_t i = L->sym[s];
        const ent_relation *r = &g->relations[i];
        k[s] = (sym_key){r->source < r->target ? r->source : r->target,
                         r->source < r->target ? r->target : r->source, r->type, i};
    }
    if (sort_sym_keys(k, n) < 0) {
        free(k);
        free(base);
        L->oom = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1;
             j < n && k[j].lo == k[i].lo && k[j].hi == k[i].hi && k[j].type == k[i].type; j++) {
            const ent_relation *a = &g->relations[k[i].rel], *b = &g->relations[k[j].rel];
            if (a->source == b->source)
                continue;
            int durable = g->types[a->type].durable;
            int32_t af, al, bf, bl;
            rel_days(a, durable, &af, &al);
            rel_days(b, durable, &bf, &bl);
            if (af > bl || bf > al)
                continue;
            lfile *f = &L->files[b->loc.file];
            size_t rank = k[j].rel - base[b->loc.file];
            if (rank >= f->sec[SEC_RELATIONS].n)
                continue;
            char where[64];
            snprintf(where, sizeof where, "line %u", (unsigned)a->loc.line);
            ent__report(
                L, ENT_SEV_WARNING, "symmetric-twice", f, f->sec[SEC_RELATIONS].items[rank].start,
                "this \"%s\" relation from \"%s\" to \"%s\" is the other direction of the one "
                "at %s%s%s; \"%s\" is symmetric and holds both ways, so code the tie once",
                g->types[b->type].id, g->actors[b->source].id, g->actors[b->target].id,
                a->loc.file == b->loc.file ? "" : L->files[a->loc.file].name,
                a->loc.file == b->loc.file ? "" : " ", where, g->types[b->type].id);
            break;
        }
    free(k);
    free(base);
}

/*
 * Warns, once per actor and at its record, about an alliance, organization,
 * force or de facto state that has relations (as source, target or via) but
 * no `from`: it is then taken to exist on every date, so it is drawn and
 * counted before it was founded, the most common error of hand-written
 * graphs. In the order of the actors, which is that of the files.
 */
static void warn_no_from(loader *L)
{
    ent_graph *g = L->g;
    size_t na = g->n_actors;
    uint8_t *related = calloc(na ? na : 1, 1);
    if (!related) {
        L->oom = 1;
        return;
    }
    for (size_t i = 0; i < g->n_relations; i++) {
        const ent_relation *r = &g->relations[i];
        related[r->source] = related[r->target] = 1;
        if (r->via != ENT_NO_ACTOR)
            related[r->via] = 1;
    }
    for (size_t a = 0; a < na && !L->oom; a++) {
        const ent_actor *x = &g->actors[a];
        if (!related[a] || x->from.year ||
            (x->kind != ENT_KIND_ALLIANCE && x->kind != ENT_KIND_ORGANIZATION &&
             x->kind != ENT_KIND_FORCE && x->kind != ENT_KIND_DE_FACTO_STATE))
            continue;
        const origin *o = &L->actor_origin[a];
        lfile *f = &L->files[o->file];
        L->base_file = f->index;
        L->base_pos = o->pos;
        L->base_line = o->line;
        ent__report(L, ENT_SEV_WARNING, "no-from", f, o->pos,
                    "%s \"%s\" has relations but no \"from\": it is taken to exist on every "
                    "date, before it was founded too; give the date it was founded or formed",
                    ent_actor_kind_str(x->kind), x->id);
    }
    free(related);
}

static void release_files(loader *L)
{
    for (size_t i = 0; i < L->n_files; i++) {
        lfile *f = &L->files[i];
        if (f->mapped)
            munmap(f->owned, f->mapped);
        else
            free(f->owned);
        for (int s = 0; s < SEC_COUNT; s++)
            free(f->sec[s].items);
    }
    free(L->files);
    free(L->type_origin);
    free(L->source_origin);
    free(L->actor_origin);
    free(L->snapshot_origin);
    free(L->relation_origin);
    free(L->comparison_origin);
    free(L->actor_kind);
    free(L->actor_dated);
    free(L->actor_days);
    free(L->sym);
    ent_strbuf_release(&L->msg);
    /* Released once: the driver calls this as soon as the files are no
     * longer needed, and again on the way out. */
    L->files = NULL;
    L->n_files = 0;
    L->type_origin = L->source_origin = L->actor_origin = L->snapshot_origin = L->relation_origin =
        L->comparison_origin = NULL;
    L->actor_kind = L->actor_dated = NULL;
    L->actor_days = NULL;
    L->sym = NULL;
    L->n_sym = L->cap_sym = 0;
}

static int load(ent_graph **out, const char *const *paths, const ent_load_input *inputs, size_t n,
                const ent_load_options *opts, ent_diags *diags)
{
    if (!out || (!paths && !inputs && n))
        return ent_error_set(ENT_EUSAGE, "ent_load: NULL argument");
    *out = NULL;
    if (opts && ent__options_version(opts->version, ENT_LOAD_OPTIONS_VERSION, "ent_load_options"))
        return ENT_EUSAGE;
    loader *L = calloc(1, sizeof *L);
    if (!L)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    int rc = ENT_OK;
    L->diags = diags;
    L->max_errors = opts && opts->max_errors ? opts->max_errors : DEFAULT_MAX_ERRORS;
    L->allow_missing_evidence = opts ? opts->allow_missing_evidence : 0;
    L->warn_no_from = opts ? opts->warn_no_from : 0;
    L->threads = opts ? opts->threads : 0;
    ent_arena_init(&L->id_arena);
    L->g = ent__graph_new();
    if (L->g) {
        L->arena = &L->g->arena;
        L->rel_items = &L->g->relations;
        L->rel_n = &L->g->n_relations;
        L->rel_cap = &L->g->cap_relations;
    }
    L->files = calloc(n ? n : 1, sizeof *L->files);
    if (!L->g || !L->files)
        goto oom;
    L->g->files = ent_arena_alloc(&L->g->arena, (n ? n : 1) * sizeof *L->g->files);
    if (!L->g->files)
        goto oom;
    L->n_files = n;
    L->g->n_files = n;
    for (size_t i = 0; i < n; i++) {
        lfile *f = &L->files[i];
        f->index = (uint32_t)i;
        f->name = ent__keep(L, paths ? paths[i] : inputs[i].name);
        L->g->files[i] = f->name;
        if (paths) {
            if (ent__read_file(L, f) < 0) {
                L->io_failed = 1;
                continue;
            }
        } else {
            f->buf = inputs[i].data;
            f->len = inputs[i].len;
        }
        f->readable = 1;
        ent__first_pass(L, f);
        if (L->oom)
            goto oom;
    }
    int all_ok = !L->io_failed;
    for (size_t i = 0; i < n; i++)
        all_ok &= L->files[i].syntax_ok;
    /* After a syntax error or an unreadable file, references between files
     * cannot be checked without a flood of false "unknown actor" errors. */
    if (all_ok) {
        /* Size the maps once: rehashing a million ids costs more than the probes. */
        size_t n_actors = 0, n_rel = 0;
        for (size_t i = 0; i < n; i++) {
            n_actors += L->files[i].sec[SEC_ACTORS].n;
            n_rel += L->files[i].sec[SEC_RELATIONS].n;
        }
        if (ent_strmap_reserve(&L->g->actor_ids, n_actors) < 0 ||
            ent_strmap_reserve(&L->g->names, 2 * n_actors) < 0 ||
            ent__grow((void **)&L->g->relations, &L->g->cap_relations, n_rel,
                      sizeof *L->g->relations) < 0 ||
            ent__grow((void **)&L->g->actors, &L->g->cap_actors, n_actors, sizeof *L->g->actors) <
                0)
            goto oom;
        cJSON_Hooks hooks = {ent__bump_malloc, ent__bump_free};
        cJSON_InitHooks(&hooks);
        for (size_t i = 0; i < n; i++) {
            check_header(L, &L->files[i]);
            ent__bump_reset();
        }
        for (int s = 0; s < SEC_COUNT; s++) {
            if (s == SEC_ACTORS && ent__actors_ahead_keep(L))
                continue;
            if (s == SEC_RELATIONS) {
                if (ent__relations_in_parallel(L))
                    continue;
                /* One thread registers relation ids in a map sized once. */
                if (ent_strmap_reserve(&L->g->relation_ids, n_rel) < 0) {
                    L->oom = 1;
                    break;
                }
            }
            process_section(L, s);
        }
        cJSON_InitHooks(NULL);
        ent_arena_adopt(&L->g->arena, &L->id_arena);
        ent__bump_release();
    }
    if (all_ok && !L->errors && !L->oom)
        check_symmetric_twice(L);
    if (all_ok && !L->errors && !L->oom && L->warn_no_from)
        warn_no_from(L);
    if (L->oom)
        goto oom;
    if (L->io_failed)
        rc = ENT_EIO;
    else if (L->errors)
        rc = ENT_EINVALID;
    /* The files' text and the loader's tables are done with: let them go
     * before the graph's indexes take their memory, so that the peak is the
     * larger of the two and not their sum. */
    release_files(L);
    if (rc == ENT_OK && ent__graph_index(L->g) < 0)
        goto oom;
    if (rc == ENT_OK) {
        *out = L->g;
        L->g = NULL;
    } else
        ent_error_set(rc,
                      rc == ENT_EIO ? "a graph file could not be read"
                                    : "the graph files have %zu error(s)",
                      L->errors);
    goto done;
oom:
    rc = ent_error_set(ENT_ENOMEM, "out of memory while loading graph files");
done:
    ent_arena_release(&L->id_arena); /* empty once the graph has taken it */
    ent_graph_free(L->g);
    release_files(L);
    free(L);
    return rc;
}

void ent_load_options_init(ent_load_options *o)
{
    *o = (ent_load_options)ENT_LOAD_OPTIONS_INIT;
}

int ent_load_files(ent_graph **out, const char *const *paths, size_t n,
                   const ent_load_options *opts, ent_diags *diags)
{
    if (!paths && n)
        return ent_error_set(ENT_EUSAGE, "ent_load_files: NULL paths");
    return load(out, paths, NULL, n, opts, diags);
}

int ent_load_inputs(ent_graph **out, const ent_load_input *inputs, size_t n,
                    const ent_load_options *opts, ent_diags *diags)
{
    if (!inputs && n)
        return ent_error_set(ENT_EUSAGE, "ent_load_inputs: NULL inputs");
    return load(out, NULL, inputs, n, opts, diags);
}
