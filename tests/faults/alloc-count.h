/*
 * alloc-count.h: the count file of the two failing allocators (failalloc.c,
 * preloaded; wrapalloc.c, linked), read by alloc-loop.sh: "count N",
 * "failed 0|1", "main M", then "own K" for each allocation number in `own`.
 * Written with write(2) at exit, after the program's own output.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Writes the file named by ENTENTE_FAIL_ALLOC_COUNT, if set. A short file is
 * caught by the loop, which reads the count first. */
static void write_alloc_count(unsigned long long count, int failed, unsigned long long at_main,
                              const unsigned long long *own, size_t n_own)
{
    const char *path = getenv("ENTENTE_FAIL_ALLOC_COUNT");
    if (!path || !*path)
        return;
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return;
    char line[64];
    int len = snprintf(line, sizeof line, "count %llu\nfailed %d\nmain %llu\n", count, failed,
                       at_main);
    int ok = len > 0 && write(fd, line, (size_t)len) == len;
    for (size_t i = 0; ok && i < n_own; i++) {
        len = snprintf(line, sizeof line, "own %llu\n", own[i]);
        ok = len > 0 && write(fd, line, (size_t)len) == len;
    }
    close(fd);
}
