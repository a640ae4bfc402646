/*
 * slowflush.c: makes entente's writes to its temporary output files slow, for
 * tests/faults/outfile-signal.sh. Preloaded (LD_PRELOAD), it interposes
 * fflush (which src/cli/outfile.c calls before closing an output): when the
 * stream writes to a file whose name holds ".entente-" (an output being
 * written) and, if ENTENTE_SLOW_FLUSH_NAME is set, that text too, the call
 * first sleeps ENTENTE_SLOW_FLUSH_MS milliseconds (default 10000), the whole
 * time even when a signal arrives (as a write to a stalled disk or network
 * share would), then does its work. Every other stream is left alone.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void slow_if_output(FILE *fp)
{
    if (!fp)
        return;
    int fd = fileno(fp);
    if (fd < 0)
        return;
    char link[64], target[PATH_MAX];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, target, sizeof target - 1);
    if (n <= 0)
        return;
    target[n] = '\0';
    const char *only = getenv("ENTENTE_SLOW_FLUSH_NAME");
    if (!strstr(target, ".entente-") || (only && *only && !strstr(target, only)))
        return;
    const char *ms = getenv("ENTENTE_SLOW_FLUSH_MS");
    long t = ms ? atol(ms) : 10000;
    struct timespec ts = {t / 1000, (t % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

int fflush(FILE *fp)
{
    static int (*real)(FILE *);
    if (!real)
        real = (int (*)(FILE *))dlsym(RTLD_NEXT, "fflush");
    slow_if_output(fp);
    return real(fp);
}
