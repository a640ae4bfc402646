/*
 * load_parallel.c: checks the relations of a large graph on two threads, keeping the result
 * only when it equals what one thread would produce.
 */
#include <stdatomic.h>

#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Relations on two threads
 *
 * Checking relations is most of the work of loading a large graph, and each
 * relation is checked on its own against what came before (actors, types,
 * sources: read-only by then). So the relations are checked on two threads,
 * in chunks that this thread claims from the front and a worker, with its
 * own copy of the loader state and its own strings, from the back. The
 * graph's relation array is sized for all the relations beforehand, and each
 * thread writes a relation straight to the index of its element: when
 * nothing is reported, each element keeps exactly one relation.
 *
 * This is the fast path for clean data only. When either thread reports
 * anything at all, an element keeps no relation, or the two share an id, the
 * parallel result is thrown away and the relations are checked again on one
 * thread, so that the diagnostics are exactly those of the sequential reader,
 * in the same order.
 * ------------------------------------------------------------------------- */

#define PARALLEL_MIN_RELATIONS 20000

typedef struct rel_ref {
    uint32_t file;
    uint32_t index;
} rel_ref;

/* Relations are claimed this many at a time. */
#define CHUNK 512

/*
 * What the two threads share: the relations not yet claimed, [front, back)
 * packed as back << 32 | front. This thread claims chunks from the front,
 * the worker from the back, so that neither waits long for the other when one
 * is held up; each relation still lands at its own index. `failed` stops both
 * as soon as one element keeps anything but exactly one relation.
 */
typedef struct rel_share {
    _Atomic uint64_t range;
    atomic_int failed;
} rel_share;

/* Claims the next chunk from the front or the back: 1 with [*c, *e), or 0
 * when none is left. */
static int claim(rel_share *sh, int back, size_t *c, size_t *e)
{
    uint64_t r = atomic_load_explicit(&sh->range, memory_order_relaxed);
    for (;;) {
        uint32_t f = (uint32_t)r, b = (uint32_t)(r >> 32);
        if (f >= b || atomic_load_explicit(&sh->failed, memory_order_relaxed))
            return 0;
        uint32_t nf = f, nb = b;
        if (back)
            nb = b - f > CHUNK ? b - CHUNK : f;
        else
            nf = b - f > CHUNK ? f + CHUNK : b;
        if (atomic_compare_exchange_weak_explicit(&sh->range, &r, (uint64_t)nb << 32 | nf,
                                                  memory_order_relaxed, memory_order_relaxed)) {
            *c = back ? nb : f;
            *e = back ? b : nf;
            return 1;
        }
    }
}

typedef struct rel_job {
    loader *L;
    const rel_ref *refs;
    rel_share *share;
    int back;       /* claims from the back */
    size_t pos;     /* where L keeps its next relation (L->rel_n points here) */
    size_t mark;    /* L's diagnostics when it started: one more ends the attempt */
    uint64_t *keys; /* out: the ids L collected, sorted (sorted_keys) */
} rel_job;

static uint64_t *sorted_keys(const char **ids, size_t n);

static int by_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return a < b ? -1 : a > b;
}

/* Checks chunks of relations on j->L until none is left; each relation kept
 * goes to the index of its element. */
static void check_chunks(rel_job *j)
{
    loader *L = j->L;
    const rel_ref *refs = j->refs;
    text_mark m = {NULL, 0};
    size_t c, e;
    while (claim(j->share, j->back, &c, &e)) {
        for (size_t k = c; k < e; k++) {
            lfile *f = &L->files[refs[k].file];
            if (!j->back)
                ent__text_done(&m, f, f->sec[SEC_RELATIONS].items[refs[k].index].start);
            j->pos = k;
            ent__process_element(L, f, SEC_RELATIONS, refs[k].index);
            if (j->pos != k + 1 || L->stopped || L->oom || ent_diags_count(L->diags) != j->mark) {
                atomic_store_explicit(&j->share->failed, 1, memory_order_relaxed);
                return;
            }
        }
        if (j->back && refs[e - 1].file == refs[c].file) {
            lfile *f = &L->files[refs[c].file];
            ent__text_done_back(&m, f, f->sec[SEC_RELATIONS].items[refs[c].index].start,
                                f->sec[SEC_RELATIONS].items[refs[e - 1].index].end);
        }
    }
    /* Claimed from the back, the chunks came in descending order. */
    if (j->back && L->n_sym > 1)
        qsort(L->sym, L->n_sym, sizeof *L->sym, by_u32);
}

static void *run_rel_job(void *arg)
{
    rel_job *j = arg;
    check_chunks(j);
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
    loader *W = calloc(1, sizeof *W); /* zeroed: the way out frees its lists */
    ent_diags *wdiags = NULL;
    ent_diags_new(&wdiags);
    ent_arena warena;
    ent_arena_init(&warena);
    size_t mark = ent_diags_count(L->diags), sym_before = L->n_sym;
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
    W->ids = NULL;
    W->n_ids = W->cap_ids = 0;
    W->sym = NULL;
    W->n_sym = W->cap_sym = 0;
    /* Neither half registers relation ids: both collect them, and repeats
     * are looked for once both are done (ids_repeat). */
    L->collect_ids = W->collect_ids = 1;
    L->ids = NULL;
    L->n_ids = L->cap_ids = 0;

    if (g->n_relations != 0 || g->cap_relations < total || total >= UINT32_MAX)
        goto done;
    rel_share share;
    atomic_init(&share.range, (uint64_t)total << 32);
    atomic_init(&share.failed, 0);
    rel_job jm = {L, refs, &share, 0, 0, mark, NULL}, jw = {W, refs, &share, 1, 0, 0, NULL};
    L->rel_n = &jm.pos;
    W->rel_n = &jw.pos;
    pthread_t th;
    if (pthread_create(&th, NULL, run_rel_job, &jw) != 0)
        goto done;
    check_chunks(&jm);
    jm.keys = sorted_keys(L->ids, L->n_ids);
    pthread_join(th, NULL);
    int repeat = ids_repeat(L->ids, L->n_ids, jm.keys, W->ids, W->n_ids, jw.keys);
    free(jm.keys);
    free(jw.keys);
    int failed = atomic_load_explicit(&share.failed, memory_order_relaxed);

    if (L->oom || W->oom || ent_diags_count(L->diags) != mark || ent_diags_count(wdiags))
        goto done;
    /* A repeated id (or no memory to look): the sequential path will say. */
    if (repeat != 0 || failed)
        goto done;
    /* The worker's symmetric relations (from the back) follow this thread's. */
    if (ent__grow((void **)&L->sym, &L->cap_sym, L->n_sym + W->n_sym, sizeof *L->sym) < 0)
        goto done;
    if (W->n_sym)
        memcpy(L->sym + L->n_sym, W->sym, W->n_sym * sizeof *L->sym);
    L->n_sym += W->n_sym;
    g->n_relations = total;
    ent_arena_adopt(&g->arena, &warena);
    ok = 1;
done:
    L->rel_n = &g->n_relations;
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
    for (size_t i = 0; i < sec->n && !L->stopped && !L->oom; i++) {
        if (i + ACTOR_PEEK_AHEAD < sec->n)
            ent__actor_peek(L, f, &sec->items[i + ACTOR_PEEK_AHEAD]);
        ent__process_element(L, f, SEC_ACTORS, i);
    }
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
