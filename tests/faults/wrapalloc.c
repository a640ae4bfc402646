/*
 * wrapalloc.c: the failing allocator of the linked allocation-failure loop
 * (tests/faults/alloc-loop.sh with "-" for the allocator; docs/testing.md).
 *
 * The test build entente-failwrap is the command-line tool linked with
 * -Wl,--wrap for every allocating function that entente's own code calls
 * (malloc, calloc, realloc, strdup, strndup, open_memstream): the linker sends
 * those calls, and only those, to the wrappers below; calls made inside the
 * shared libraries (igraph, cJSON, Graphviz, the C library) are not wrapped.
 * Each wrapper counts the call and either makes the Nth fail (NULL, errno
 * ENOMEM) or passes it on to the real function, __real_NAME, which is the
 * allocator that would have served it: the C library's, or AddressSanitizer's
 * in the ASan build (its interceptors stay in front of the C library). So,
 * unlike the preloaded failalloc.c, this loop runs under the sanitizers: a
 * failed buffer that is used anyway is an AddressSanitizer report, not only
 * a crash that may or may not happen.
 *
 *   ENTENTE_FAIL_ALLOC=N        the Nth allocation fails (1-based); 0 or unset: none
 *   ENTENTE_FAIL_ALLOC_COUNT=F  at exit, write to F "count N", "failed 0|1", "main 0",
 *                               then "own K" for each K that is the first allocation
 *                               made from a call path not seen before (the call
 *                               site and the two calls above it): the sampling
 *                               rule of alloc-loop.sh fails each of those
 *   ENTENTE_FAIL_ALLOC_BACKTRACE=1  print the call stack of the failing allocation
 *
 * realloc(p, 0) and free are not counted. The count is shared by the loader's
 * threads (an atomic counter); on the fixtures of the loop the loader runs on
 * one thread, so the numbering is the same from run to run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc-count.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t k, size_t n);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_open_memstream(char **buf, size_t *n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t k, size_t n);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
FILE *__wrap_open_memstream(char **buf, size_t *n);

static unsigned long long fail_at; /* 0: never */
static unsigned long long count;   /* allocations so far (atomic) */
static int failed;                 /* the Nth was reached */
static int ready;                  /* the environment was read */
static int want_sites;             /* ENTENTE_FAIL_ALLOC_COUNT is set */
static int want_backtrace;

/* The call paths seen so far (a hash of return addresses, open addressing)
 * and, for each new one, the number of its first allocation. */
#define SITE_SLOTS 65536
static uint64_t *sites;
static unsigned long long *firsts;
static size_t n_firsts, cap_firsts;
static volatile int site_lock;

static void setup(void)
{
    if (__atomic_load_n(&ready, __ATOMIC_ACQUIRE))
        return;
    const char *n = getenv("ENTENTE_FAIL_ALLOC");
    fail_at = n ? strtoull(n, NULL, 10) : 0;
    const char *c = getenv("ENTENTE_FAIL_ALLOC_COUNT");
    want_sites = c && *c;
    const char *b = getenv("ENTENTE_FAIL_ALLOC_BACKTRACE");
    want_backtrace = b && *b == '1';
    __atomic_store_n(&ready, 1, __ATOMIC_RELEASE);
}

/* Notes the call path of allocation `k` (only in the counting run). */
static void note_site(unsigned long long k)
{
    void *frames[5];
    int depth = backtrace(frames, 5); /* this, the wrapper, its caller and two above */
    uint64_t h = 1469598103934665603ull;
    for (int i = 2; i < depth; i++)
        h = (h ^ (uint64_t)(uintptr_t)frames[i]) * 1099511628211ull;
    h |= 1; /* 0 marks an empty slot */
    while (__atomic_exchange_n(&site_lock, 1, __ATOMIC_ACQUIRE))
        ;
    if (!sites)
        sites = __real_calloc(SITE_SLOTS, sizeof *sites);
    if (sites) {
        size_t i = (size_t)(h % SITE_SLOTS), probes = 0;
        while (sites[i] && sites[i] != h && ++probes < SITE_SLOTS)
            i = (i + 1) % SITE_SLOTS;
        if (!sites[i] && probes < SITE_SLOTS) {
            sites[i] = h;
            if (n_firsts == cap_firsts) {
                size_t cap = cap_firsts ? 2 * cap_firsts : 1024;
                unsigned long long *p = __real_realloc(firsts, cap * sizeof *firsts);
                if (p) {
                    firsts = p;
                    cap_firsts = cap;
                }
            }
            if (n_firsts < cap_firsts)
                firsts[n_firsts++] = k;
        }
    }
    __atomic_store_n(&site_lock, 0, __ATOMIC_RELEASE);
}

/* Counts one allocation; 1 when it is the one to fail. */
static int fail_this(void)
{
    setup();
    unsigned long long k = __atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
    if (want_sites)
        note_site(k);
    if (!fail_at || k != fail_at)
        return 0;
    failed = 1;
    if (want_backtrace) {
        void *frames[64];
        int n = backtrace(frames, 64);
        static const char head[] = "failalloc: this allocation fails, called from:\n";
        if (write(2, head, sizeof head - 1) > 0)
            backtrace_symbols_fd(frames, n, 2);
    }
    errno = ENOMEM;
    return 1;
}

void *__wrap_malloc(size_t n)
{
    return fail_this() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t k, size_t n)
{
    return fail_this() ? NULL : __real_calloc(k, n);
}

void *__wrap_realloc(void *p, size_t n)
{
    if (p && n == 0)
        return __real_realloc(p, n);
    return fail_this() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fail_this() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return fail_this() ? NULL : __real_strndup(s, n);
}

FILE *__wrap_open_memstream(char **buf, size_t *n)
{
    return fail_this() ? NULL : __real_open_memstream(buf, n);
}

/* Writes the count at a normal exit; a signal leaves no file, which the loop
 * counts as a failure in itself. */
__attribute__((destructor)) static void report_count(void)
{
    write_alloc_count(__atomic_load_n(&count, __ATOMIC_RELAXED), failed, 0, firsts, n_firsts);
}
