/*
 * load_parallel.c: checks the relations of a large graph on two threads, keeping the result
 * only when it equals what one thread would produce.
 */
#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Relations on two threads
 *
 * Checking relations is most of the work of loading a large graph, and each
 * relation is checked on its own against what came before (actors, types,
 * sources: read-only by then). So the relations are split in two halves, the
 * second checked on a worker thread with its own copy of the loader state
 * and its own strings. The graph's relation array is sized for all the
 * relations beforehand, and the worker writes the second half's straight into
 * their places: when nothing is reported, the first half keeps exactly one
 * relation per element, so the second half's start at `half`.
 *
 * This is the fast path for clean data only. When either half reports
 * anything at all, or the two halves share an id, the parallel result is
 * thrown away and the relations are checked again on one thread, so that the
 * diagnostics are exactly those of the sequential reader, in the same order.
 * ------------------------------------------------------------------------- */

#define PARALLEL_MIN_RELATIONS 20000

typedef struct rel_ref {
    uint32_t file;
    uint32_t index;
} rel_ref;

typedef struct rel_job {
    loader *L;
    const rel_ref *refs;
    size_t from, to;
    uint64_t *keys; /* out: the ids L collected, sorted (sorted_keys) */
} rel_job;

static uint64_t *sorted_keys(const char **ids, size_t n);

static void *run_rel_job(void *arg)
{
    rel_job *j = arg;
    text_mark m = {NULL, 0};
    for (size_t k = j->from; k < j->to && !j->L->stopped && !j->L->oom; k++) {
        lfile *f = &j->L->files[j->refs[k].file];
        ent__text_done(&m, f, f->sec[SEC_RELATIONS].items[j->refs[k].index].start);
        ent__process_element(j->L, f, SEC_RELATIONS, j->refs[k].index);
    }
    ent__bump_release(); /* this thread's blocks */
    j->keys = sorted_keys(j->L->ids, j->L->n_ids);
    return NULL;
}

/*
 * The ids[0..n) as keys (hash << 32 | index) in the order of their hashes, by
 * a radix sort on the hash's four bytes (linear in n); NULL when out of
 * memory. Each thread sorts its own half: a million ids sorted cost far less
 * than probing a table of a million slots at random.
 */
static uint64_t *sorted_keys(const char **ids, size_t n)
{
    uint64_t *key = malloc((n ? n : 1) * sizeof *key), *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!key || !tmp) {
        free(key);
        free(tmp);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        key[i] = (uint64_t)ent_strmap_hash(ids[i], strlen(ids[i])) << 32 | (uint64_t)i;
    /* Least significant digit first. */
    for (int shift = 32; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++)
            count[((key[i] >> shift) & 0xff) + 1]++;
        for (int d = 0; d < 256; d++)
            count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++)
            tmp[count[(key[i] >> shift) & 0xff]++] = key[i];
        uint64_t *t = key;
        key = tmp;
        tmp = t;
    }
    free(tmp);
    return key;
}

/*
 * Whether any id occurs twice among a[0..na) and b[0..nb), given each list's
 * keys from sorted_keys: 1 when one does, 0 when none does, -1 when a list's
 * keys are missing (out of memory). The two key lists are walked together in
 * hash order, and only ids of equal hash are compared.
 */
static int ids_repeat(const char **a, size_t na, const uint64_t *ka, const char **b, size_t nb,
                      const uint64_t *kb)
{
    if (!ka || !kb)
        return -1;
    size_t i = 0, j = 0;
    while (i < na || j < nb) {
        uint32_t h = i < na && (j >= nb || ka[i] >> 32 <= kb[j] >> 32) ? (uint32_t)(ka[i] >> 32)
                                                                        : (uint32_t)(kb[j] >> 32);
        size_t i2 = i, j2 = j;
        while (i2 < na && (uint32_t)(ka[i2] >> 32) == h)
            i2++;
        while (j2 < nb && (uint32_t)(kb[j2] >> 32) == h)
            j2++;
        /* The ids of hash h: a[ka[i..i2)] and b[kb[j..j2)]; nearly always one. */
        if (i2 - i + j2 - j > 1)
            for (size_t x = i; x < i2 + (j2 - j); x++)
                for (size_t y = x + 1; y < i2 + (j2 - j); y++) {
                    const char *sx = x < i2 ? a[(uint32_t)ka[x]] : b[(uint32_t)kb[j + x - i2]];
                    const char *sy = y < i2 ? a[(uint32_t)ka[y]] : b[(uint32_t)kb[j + y - i2]];
                    if (strcmp(sx, sy) == 0)
                        return 1;
                }
        i = i2;
        j = j2;
    }
    return 0;
}

/*
 * Tries the two-thread path; returns 1 when it produced the relations, 0
 * when the caller must check them sequentially (nothing of the attempt stays).
 */
int ent__relations_in_parallel(loader *L)
{
    ent_graph *g = L->g;
    size_t total = 0;
    for (size_t fi = 0; fi < L->n_files; fi++)
        if (L->files[fi].syntax_ok && L->files[fi].format_ok)
            total += L->files[fi].sec[SEC_RELATIONS].n;
    if (total < PARALLEL_MIN_RELATIONS || L->stopped || L->oom || ent__threads(L) == 1)
        return 0;
    rel_ref *refs = malloc(total * sizeof *refs);
    loader *W = malloc(sizeof *W);
    ent_diags *wdiags = NULL;
    ent_diags_new(&wdiags);
    ent_arena warena;
    ent_arena_init(&warena);
    size_t wn = 0, mark = ent_diags_count(L->diags), sym_before = L->n_sym;
    size_t errors_before = L->errors;
    int ok = 0;
    if (!refs || !W || !wdiags)
        goto done;
    size_t k = 0;
    for (size_t fi = 0; fi < L->n_files; fi++)
        if (L->files[fi].syntax_ok && L->files[fi].format_ok)
            for (size_t i = 0; i < L->files[fi].sec[SEC_RELATIONS].n; i++) {
                refs[k].file = (uint32_t)fi;
                refs[k++].index = (uint32_t)i;
            }
    *W = *L;
    W->diags = wdiags;
    W->errors = 0;
    W->msg = (ent_strbuf)ENT_STRBUF_INIT;
    W->arena = &warena;
    /* The worker's relations go to [half, total) of the graph's array, which
     * has room for them all: neither thread grows it, both only read where
     * it is. */
    W->rel_n = &wn;
    W->ids = NULL;
    W->n_ids = W->cap_ids = 0;
    W->sym = NULL;
    W->n_sym = W->cap_sym = 0;
    /* Neither half registers relation ids: both collect them, and repeats
     * are looked for once both are done (ids_repeat). */
    L->collect_ids = W->collect_ids = 1;
    L->ids = NULL;
    L->n_ids = L->cap_ids = 0;

    size_t half = total / 2;
    if (g->n_relations != 0 || g->cap_relations < total)
        goto done;
    wn = half;
    rel_job jw = {W, refs, half, total, NULL};
    pthread_t th;
    if (pthread_create(&th, NULL, run_rel_job, &jw) != 0)
        goto done;
    text_mark m = {NULL, 0};
    for (size_t i = 0; i < half && !L->stopped && !L->oom; i++) {
        lfile *f = &L->files[refs[i].file];
        ent__text_done(&m, f, f->sec[SEC_RELATIONS].items[refs[i].index].start);
        ent__process_element(L, f, SEC_RELATIONS, refs[i].index);
    }
    uint64_t *keys = sorted_keys(L->ids, L->n_ids);
    pthread_join(th, NULL);
    int repeat = ids_repeat(L->ids, L->n_ids, keys, W->ids, W->n_ids, jw.keys);
    free(keys);
    free(jw.keys);

    if (L->oom || W->oom || ent_diags_count(L->diags) != mark || ent_diags_count(wdiags))
        goto done;
    /* A repeated id (or no memory to look): the sequential path will say. */
    if (repeat != 0)
        goto done;
    /* Everything was clean, so each half kept one relation per element. */
    if (g->n_relations != half || wn != total)
        goto done;
    /* The second half's symmetric relations follow the first half's. */
    if (ent__grow((void **)&L->sym, &L->cap_sym, L->n_sym + W->n_sym, sizeof *L->sym) < 0)
        goto done;
    if (W->n_sym)
        memcpy(L->sym + L->n_sym, W->sym, W->n_sym * sizeof *L->sym);
    L->n_sym += W->n_sym;
    g->n_relations = total;
    ent_arena_adopt(&g->arena, &warena);
    ok = 1;
done:
    if (!ok) {
        /* Undo everything the attempt did to the shared state. */
        ent__diags_truncate(L->diags, mark);
        L->errors = errors_before;
        L->stopped = 0;
        g->n_relations = 0;
        L->n_sym = sym_before;
        ent_arena_release(&warena);
        L->oom = 0; /* an attempt that ran out of memory leaves the sequential path to try */
    }
    L->collect_ids = 0;
    free(L->ids);
    L->ids = NULL;
    L->n_ids = L->cap_ids = 0;
    if (W) {
        free(W->ids);
        free(W->sym);
        ent_strbuf_release(&W->msg);
    }
    free(W);
    free(refs);
    ent_diags_free(wdiags);
    return ok;
}

/* ---------------------------------------------------------------------------
 * Actors checked ahead
 *
 * The actors are checked on one thread, after the first pass, and nothing
 * else runs then: on a large file that is a tenth of the loading time with a
 * core idle. Actors need nothing that comes later in the file (relations,
 * snapshots and comparisons refer to them, not the other way round), so when
 * the first pass meets the relations array of the only file and hands half
 * of it to its second thread, this thread checks the actors before it scans
 * its own half. The check's messages go to a list of their own; the result
 * is kept only when that list stayed empty and the sequential reader would
 * have checked the actors exactly so: the first pass and the header went on
 * to pass, the actors section did not change, and no error limit stopped
 * the reading before the actors. Otherwise the actors are undone and checked
 * again in order, so diagnostics never depend on this.
 * ------------------------------------------------------------------------- */

#define AHEAD_MIN_ACTORS 2000

size_t ent__actors_ahead_bytes(const loader *L, const lfile *f)
{
    const section *sec = &f->sec[SEC_ACTORS];
    if (L->n_files != 1 || !sec->present || sec->n < AHEAD_MIN_ACTORS || L->errors || L->stopped ||
        L->oom || ent_diags_count(L->diags) || L->g->n_actors)
        return 0;
    return sec->items[sec->n - 1].end - sec->items[0].start;
}

void ent__actors_ahead(loader *L, lfile *f)
{
    ent_graph *g = L->g;
    section *sec = &f->sec[SEC_ACTORS];
    if (!L->split || !ent__actors_ahead_bytes(L, f))
        return;
    ent_diags *quiet = NULL;
    if (ent_diags_new(&quiet) != ENT_OK)
        return;
    if (ent_strmap_reserve(&g->actor_ids, sec->n) < 0 ||
        ent_strmap_reserve(&g->names, 2 * sec->n) < 0 ||
        ent__grow((void **)&g->actors, &g->cap_actors, sec->n, sizeof *g->actors) < 0) {
        ent_diags_free(quiet);
        return;
    }
    /* The first pass is paused on this thread: keep what it relies on. */
    loader saved = *L;
    L->diags = quiet;
    L->pc.valid = 0;
    cJSON_Hooks hooks = {ent__bump_malloc, ent__bump_free};
    cJSON_InitHooks(&hooks);
    for (size_t i = 0; i < sec->n && !L->stopped && !L->oom; i++)
        ent__process_element(L, f, SEC_ACTORS, i);
    cJSON_InitHooks(NULL);
    ent__bump_release();
    int clean = !L->oom && !L->stopped && !L->errors && ent_diags_count(quiet) == 0;
    L->diags = saved.diags;
    L->errors = saved.errors;
    L->stopped = saved.stopped;
    L->oom = saved.oom;
    L->base_file = saved.base_file;
    L->base_pos = saved.base_pos;
    L->base_line = saved.base_line;
    L->pc = saved.pc;
    L->cur = saved.cur;
    L->cur_sec = saved.cur_sec;
    L->scan = saved.scan;
    L->split = saved.split;
    ent_diags_free(quiet);
    L->actors_ahead = clean ? 1 : -1;
    L->ahead_n = sec->n;
}

int ent__actors_ahead_keep(loader *L)
{
    if (!L->actors_ahead)
        return 0;
    lfile *f = &L->files[0];
    int keep = L->actors_ahead > 0 && L->n_files == 1 && f->syntax_ok && f->format_ok &&
               !L->stopped && !L->oom && f->sec[SEC_ACTORS].n == L->ahead_n &&
               L->g->n_actors == L->ahead_n;
    L->actors_ahead = 0;
    if (keep)
        return 1;
    /* Undo: the sequential check starts from no actors. The strings stay in
     * the arenas until the graph goes. */
    L->g->n_actors = 0;
    ent_strmap_clear(&L->g->actor_ids);
    ent_strmap_clear(&L->g->names);
    return 0;
}
