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
 * second checked on a worker thread with its own copy of the loader state,
 * its own strings and its own relation array, merged afterwards.
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
} rel_job;

static void *run_rel_job(void *arg)
{
    rel_job *j = arg;
    for (size_t k = j->from; k < j->to && !j->L->stopped && !j->L->oom; k++)
        ent__process_element(j->L, &j->L->files[j->refs[k].file], SEC_RELATIONS, j->refs[k].index);
    ent__bump_release(); /* this thread's blocks */
    return NULL;
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
    /* threads 1, or by default ENTENTE_THREADS=1, forces the single-threaded
     * path (for tests, and to rule the worker out when chasing a problem). */
    unsigned threads = L->threads;
    if (threads == 0) {
        const char *env = getenv("ENTENTE_THREADS");
        if (env && strcmp(env, "1") == 0)
            threads = 1;
    }
    if (total < PARALLEL_MIN_RELATIONS || L->stopped || L->oom || threads == 1)
        return 0;
    rel_ref *refs = malloc(total * sizeof *refs);
    loader *W = malloc(sizeof *W);
    ent_diags *wdiags = ent_diags_new();
    ent_arena warena;
    ent_arena_init(&warena);
    ent_relation *wrels = NULL;
    size_t wn = 0, wcap = 0, mark = ent_diags_count(L->diags);
    size_t errors_before = L->errors, ids_before = L->n_relation_ids;
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
    W->rel_items = &wrels;
    W->rel_n = &wn;
    W->rel_cap = &wcap;
    W->collect_ids = 1;
    W->ids = NULL;
    W->id_origins = NULL;
    W->n_ids = W->cap_ids = W->cap_id_origins = 0;
    /* Origins recorded by the worker are not used: it never reports a
     * duplicate itself. Give it no shared array to grow. */
    W->relation_origin = NULL;
    W->cap_relation_origin = 0;

    size_t half = total / 2;
    rel_job jw = {W, refs, half, total};
    pthread_t th;
    if (pthread_create(&th, NULL, run_rel_job, &jw) != 0)
        goto done;
    for (size_t i = 0; i < half && !L->stopped && !L->oom; i++)
        ent__process_element(L, &L->files[refs[i].file], SEC_RELATIONS, refs[i].index);
    pthread_join(th, NULL);

    if (L->oom || W->oom || ent_diags_count(L->diags) != mark || ent_diags_count(wdiags))
        goto done;
    /* Register the worker's ids after the first half's, as one thread would. */
    for (size_t i = 0; i < W->n_ids; i++) {
        uint32_t first, slot = (uint32_t)L->n_relation_ids;
        int fresh = ent_strmap_put(&g->relation_ids, W->ids[i], slot, &first);
        if (fresh <= 0)
            goto done; /* a duplicate (or no memory): the sequential path will say */
        if (ent__record_origin(L, &L->relation_origin, &L->cap_relation_origin, slot,
                               &L->files[W->id_origins[i].file], W->id_origins[i].pos,
                               W->id_origins[i].line) < 0)
            goto done;
        L->n_relation_ids++;
    }
    if (ent__grow((void **)&g->relations, &g->cap_relations, g->n_relations + wn,
                  sizeof *g->relations) < 0)
        goto done;
    memcpy(g->relations + g->n_relations, wrels, wn * sizeof *wrels);
    g->n_relations += wn;
    ent_arena_adopt(&g->arena, &warena);
    ok = 1;
done:
    if (!ok) {
        /* Undo everything the attempt did to the shared state. */
        ent__diags_truncate(L->diags, mark);
        L->errors = errors_before;
        L->stopped = 0;
        g->n_relations = 0;
        L->n_relation_ids = ids_before;
        ent_strmap_release(&g->relation_ids);
        ent_strmap_init(&g->relation_ids);
        ent_arena_release(&warena);
        L->oom = 0; /* an attempt that ran out of memory leaves the sequential path to try */
        if (ent_strmap_reserve(&g->relation_ids, total) < 0)
            L->oom = 1;
    }
    if (W) {
        free(W->ids);
        free(W->id_origins);
        ent_strbuf_release(&W->msg);
    }
    free(wrels);
    free(W);
    free(refs);
    ent_diags_free(wdiags);
    return ok;
}
