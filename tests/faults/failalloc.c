/*
 * failalloc.c: an allocator that fails on request, for the allocation-failure
 * loop (tests/faults/alloc-loop.sh). Loaded with LD_PRELOAD in front of a
 * build of entente, it sees every call to malloc, calloc, realloc,
 * posix_memalign, aligned_alloc and memalign made in the process (entente's,
 * igraph's, Graphviz's and the C library's own: strdup, fopen and printf
 * allocate through malloc), counts them from process start and makes the Nth
 * return NULL with errno ENOMEM; every other call goes to the allocator that
 * would have served it (the C library's, or the sanitizers' in the ASan build,
 * which then run with ASAN_OPTIONS=verify_asan_link_order=0).
 *
 *   ENTENTE_FAIL_ALLOC=N        the Nth allocation fails (1-based); 0 or unset: none
 *   ENTENTE_FAIL_ALLOC_COUNT=F  at exit, write to file F the number of allocations
 *                               made and whether the Nth was reached ("count N\nfailed 1\n"),
 *                               then one line "own K" for each allocation K called
 *                               directly from the executable itself (entente's code,
 *                               linked statically), not from a shared library,
 *                               and "main K": the allocations made before main()
 *                               began (the constructors of the shared libraries)
 *
 *   ENTENTE_FAIL_ALLOC_BACKTRACE=1  print the call stack of the failing allocation
 *                               to standard error (to find where it was made), and
 *                               that of a crash (SIGSEGV, SIGABRT, SIGBUS) after it
 *
 * Only the Nth fails: the loop tests each failure path on its own, and the
 * message about it can still be printed. realloc(p, 0) and free are not
 * counted. While the real functions are being looked up, dlsym's own
 * allocations come from a small static buffer.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <execinfo.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc-count.h"

static void *(*real_malloc)(size_t);
static void *(*real_calloc)(size_t, size_t);
static void *(*real_realloc)(void *, size_t);
static void (*real_free)(void *);
static int (*real_posix_memalign)(void **, size_t, size_t);
static void *(*real_aligned_alloc)(size_t, size_t);
static void *(*real_memalign)(size_t, size_t);

static unsigned long long fail_at;  /* 0: never */
static unsigned long long count;    /* allocations so far */
static int failed;                  /* the Nth was reached */
static unsigned long long at_main;  /* allocations before main() */
static int resolving;

/* The executable's own allocations (by number), when ENTENTE_FAIL_ALLOC_COUNT is set. */
static int want_own;
static unsigned long long *own;
static size_t n_own, cap_own;
static uintptr_t exe_lo, exe_hi; /* the executable's loaded segments */

static _Alignas(max_align_t) unsigned char boot[8192];
static size_t boot_used;

static int in_boot(const void *p)
{
    return (const unsigned char *)p >= boot && (const unsigned char *)p < boot + sizeof boot;
}

static void *boot_alloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (boot_used + n > sizeof boot)
        return NULL;
    void *p = boot + boot_used;
    boot_used += n;
    return p;
}

static void resolve(void)
{
    if (real_malloc || resolving)
        return;
    resolving = 1;
    real_calloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "calloc");
    real_malloc = (void *(*)(size_t))dlsym(RTLD_NEXT, "malloc");
    real_realloc = (void *(*)(void *, size_t))dlsym(RTLD_NEXT, "realloc");
    real_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
    real_posix_memalign = (int (*)(void **, size_t, size_t))dlsym(RTLD_NEXT, "posix_memalign");
    real_aligned_alloc = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "aligned_alloc");
    real_memalign = (void *(*)(size_t, size_t))dlsym(RTLD_NEXT, "memalign");
    const char *n = getenv("ENTENTE_FAIL_ALLOC");
    fail_at = n ? strtoull(n, NULL, 10) : 0;
    const char *c = getenv("ENTENTE_FAIL_ALLOC_COUNT");
    want_own = c && *c;
    resolving = 0;
}

/* The first object dl_iterate_phdr reports is the executable. */
static int exe_range(struct dl_phdr_info *info, size_t size, void *data)
{
    (void)size;
    (void)data;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        if (ph->p_type != PT_LOAD)
            continue;
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr, hi = lo + ph->p_memsz;
        if (!exe_lo || lo < exe_lo)
            exe_lo = lo;
        if (hi > exe_hi)
            exe_hi = hi;
    }
    return 1;
}

static void note_caller(const void *ret)
{
    if (!exe_hi)
        dl_iterate_phdr(exe_range, NULL);
    uintptr_t a = (uintptr_t)ret;
    if (a < exe_lo || a >= exe_hi)
        return;
    if (n_own == cap_own) {
        size_t cap = cap_own ? 2 * cap_own : 1024;
        unsigned long long *p = real_realloc(own, cap * sizeof *own);
        if (!p)
            return;
        own = p;
        cap_own = cap;
    }
    own[n_own++] = count;
}

static void on_crash(int sig)
{
    void *frames[64];
    int n = backtrace(frames, 64);
    static const char head[] = "failalloc: the process crashed, in:\n";
    if (write(2, head, sizeof head - 1) > 0)
        backtrace_symbols_fd(frames, n, 2);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Counts one allocation, called from `ret`; 1 when it is the one to fail. */
#define fail_this() fail_this_from(__builtin_return_address(0))
static int fail_this_from(const void *ret)
{
    count++;
    if (want_own && !resolving)
        note_caller(ret);
    if (fail_at && count == fail_at) {
        failed = 1;
        const char *bt = getenv("ENTENTE_FAIL_ALLOC_BACKTRACE");
        if (bt && *bt == '1') {
            void *frames[64];
            int n = backtrace(frames, 64);
            static const char head[] = "failalloc: this allocation fails, called from:\n";
            if (write(2, head, sizeof head - 1) > 0)
                backtrace_symbols_fd(frames, n, 2);
            signal(SIGSEGV, on_crash);
            signal(SIGABRT, on_crash);
            signal(SIGBUS, on_crash);
        }
        errno = ENOMEM;
        return 1;
    }
    return 0;
}

void *malloc(size_t n)
{
    resolve();
    if (!real_malloc)
        return boot_alloc(n);
    return fail_this() ? NULL : real_malloc(n);
}

void *calloc(size_t k, size_t n)
{
    resolve();
    if (!real_calloc) {
        if (n && k > SIZE_MAX / n)
            return NULL;
        return boot_alloc(k * n); /* static, so already zero */
    }
    return fail_this() ? NULL : real_calloc(k, n);
}

void *realloc(void *p, size_t n)
{
    resolve();
    if (in_boot(p)) {
        void *q = malloc(n);
        if (q)
            memcpy(q, p, n < (size_t)(boot + sizeof boot - (unsigned char *)p)
                             ? n
                             : (size_t)(boot + sizeof boot - (unsigned char *)p));
        return q;
    }
    if (p && n == 0)
        return real_realloc(p, n);
    return fail_this() ? NULL : real_realloc(p, n);
}

void free(void *p)
{
    if (!p || in_boot(p))
        return;
    resolve();
    real_free(p);
}

int posix_memalign(void **out, size_t align, size_t n)
{
    resolve();
    return fail_this() ? ENOMEM : real_posix_memalign(out, align, n);
}

void *aligned_alloc(size_t align, size_t n)
{
    resolve();
    return fail_this() ? NULL : real_aligned_alloc(align, n);
}

void *memalign(size_t align, size_t n)
{
    resolve();
    return fail_this() ? NULL : real_memalign(align, n);
}

/* main() is found by wrapping the C library's start: its wrapper notes the
 * count of allocations so far, then runs the program's main. */
typedef int (*main_fn)(int, char **, char **);
static main_fn program_main;

static int counting_main(int argc, char **argv, char **envp)
{
    at_main = count;
    return program_main(argc, argv, envp);
}

int __libc_start_main(main_fn main_, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end);
int __libc_start_main(main_fn main_, int argc, char **argv, void (*init)(void),
                      void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
    int (*real)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void), void *) =
        (int (*)(main_fn, int, char **, void (*)(void), void (*)(void), void (*)(void),
                 void *))dlsym(RTLD_NEXT, "__libc_start_main");
    program_main = main_;
    return real(counting_main, argc, argv, init, fini, rtld_fini, stack_end);
}

/* Writes the count at exit (normal exit only: a signal leaves no file, which
 * the loop counts as a failure in itself). */
__attribute__((destructor)) static void report_count(void)
{
    write_alloc_count(count, failed, at_main, own, n_own);
}
