/*
 * igraph-spinglass-oom.c: the reproducer of the igraph defect listed in
 * tests/faults/alloc-known.txt, without entente: igraph_community_spinglass
 * (negative implementation, as entente's blocs use it) on a ring of six with
 * one negative tie, under the failing allocator. Build and run (docs/testing.md):
 *
 *   cc tests/faults/igraph-spinglass-oom.c $(pkg-config --cflags --libs igraph) -o sg
 *   cc -shared -fPIC tests/faults/failalloc.c -o failalloc.so -ldl
 *   for n in $(seq 1 250); do ENTENTE_FAIL_ALLOC=$n LD_PRELOAD=./failalloc.so ./sg; \
 *       echo "$n: $?"; done
 *
 * With igraph 0.10.2 (Debian 12) most allocation numbers inside the call end
 * in SIGSEGV or SIGABRT (double free) instead of IGRAPH_ENOMEM.
 */
#include <igraph.h>
#include <stdio.h>
int main(void)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
    igraph_t g;
    igraph_vector_int_t membership;
    igraph_vector_t w;
    /* a ring of 6 with one negative tie */
    if (igraph_ring(&g, 6, IGRAPH_UNDIRECTED, 0, 1) || igraph_vector_init(&w, 6))
        return 3;
    for (int i = 0; i < 6; i++) VECTOR(w)[i] = i == 2 ? -1 : 1;
    if (igraph_vector_int_init(&membership, 0))
        return 3;
    igraph_rng_seed(igraph_rng_default(), 1);
    igraph_real_t q, t;
    igraph_error_t e = igraph_community_spinglass(&g, &w, &q, &t, &membership, NULL, 6, 0, 1.0, 0.01, 0.99,
        IGRAPH_SPINCOMM_UPDATE_CONFIG, 1.0, IGRAPH_SPINCOMM_IMP_NEG, 1.0);
    printf("spinglass: %s\n", e ? igraph_strerror(e) : "ok");
    igraph_vector_int_destroy(&membership);
    igraph_vector_destroy(&w);
    igraph_destroy(&g);
    return e ? 3 : 0;
}
