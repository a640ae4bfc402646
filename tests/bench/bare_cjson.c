/*
 * bare_cjson.c: ent_bench_cjson, the baseline peer of the loader benchmark.
 *
 *     ent_bench_cjson FILE
 *
 * Does the least any reader of a graph file must do: read the bytes into memory and parse them
 * with cJSON (cJSON_ParseWithLength), building cJSON's tree of the whole document, and nothing
 * else: no validation, no model. The loader's targets are stated against this (its time at
 * most 1.5 times read + parse here, its peak memory well under this tree's), so it runs in its
 * own process, as run.sh does, for its peak RSS to mean something.
 *
 * Prints one line of key=value figures, times in seconds on the monotonic clock:
 *     peer=cjson bytes=N relations=N read_s=T parse_s=T load_s=T free_s=T total_s=T
 * where load_s = read_s + parse_s (the phase comparable to ent_load_files, which reads its
 * files too) and total_s adds cJSON_Delete. `relations` is the length of the top-level
 * "relations" array, counted outside the timings, to show that the parse saw everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cjson/cJSON.h>

static double ent_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reads the whole file into a new buffer; NULL (with a message) on failure. */
static char *ent_bench_read(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long size;

    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
        goto fail;
    buf = malloc((size_t)size + 1);
    if (!buf || fread(buf, 1, (size_t)size, f) != (size_t)size)
        goto fail;
    fclose(f);
    buf[size] = '\0';
    *len = (size_t)size;
    return buf;
fail:
    perror(path);
    free(buf);
    if (f)
        fclose(f);
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: ent_bench_cjson FILE\n");
        return 2;
    }

    size_t len = 0;
    double t0 = ent_bench_now();
    char *buf = ent_bench_read(argv[1], &len);
    if (!buf)
        return 1;
    double t1 = ent_bench_now();
    cJSON *doc = cJSON_ParseWithLength(buf, len);
    double t2 = ent_bench_now();
    if (!doc) {
        const char *at = cJSON_GetErrorPtr();
        fprintf(stderr, "ent_bench_cjson: %s: JSON syntax error at byte %ld\n", argv[1],
                at ? (long)(at - buf) : -1L);
        free(buf);
        return 1;
    }

    int relations = cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "relations"));

    double t3 = ent_bench_now();
    cJSON_Delete(doc);
    free(buf);
    double t4 = ent_bench_now();

    printf("peer=cjson bytes=%zu relations=%d read_s=%.3f parse_s=%.3f load_s=%.3f free_s=%.3f "
           "total_s=%.3f\n",
           len, relations, t1 - t0, t2 - t1, t2 - t0, t4 - t3, (t2 - t0) + (t4 - t3));
    return 0;
}
