/*
 * fuzz_import.c: the importers on one input file (the input's bytes, written
 * to a temporary file, since they read files): `import gdelt` (plain, .gz or
 * .zip, whichever the bytes are) and `import csv` with the columns source,
 * target, date, type and note. Checks what each promises: 0, ENT_EINVALID
 * with at least one diagnostic, or ENT_EIO with one; nothing written unless
 * it succeeded; and a graph file written on success that the loader reads
 * without an error.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[64];

static void remove_input(void)
{
    if (path[0])
        unlink(path);
}

/* The temporary file holding the input, created once per process. */
static int write_input(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/entente-fuzz-import-XXXXXX");
        int fd = mkstemp(path);
        if (fd < 0) {
            path[0] = '\0';
            return -1;
        }
        close(fd);
        atexit(remove_input);
    }
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    int ok = fwrite(data, 1, size, f) == size;
    return fclose(f) == 0 && ok ? 0 : -1;
}

/* The importer's promises for result rc, output `out` (len bytes). */
static void check(int rc, const ent_diags *d, const char *out, size_t len)
{
    if (rc == ENT_OK) {
        if (len == 0)
            abort(); /* success writes a graph file */
        ent_load_input in = {"imported.json", out, len};
        ent_load_options o = ENT_LOAD_OPTIONS_INIT;
        o.threads = 1;
        ent_diags *ld = NULL;
        ent_diags_new(&ld);
        ent_graph *g = NULL;
        int lrc = ent_load_inputs(&g, &in, 1, &o, ld);
        if (lrc == ENT_EINVALID || (lrc == ENT_OK && ent_diags_count_severity(ld, ENT_SEV_ERROR)))
            abort(); /* an imported graph file is one the loader accepts */
        ent_graph_free(g);
        ent_diags_free(ld);
    } else if (rc == ENT_EINVALID || rc == ENT_EIO) {
        if (ent_diags_count(d) == 0)
            abort(); /* a refused input is said why */
        if (len != 0)
            abort(); /* nothing half-written */
    } else if (rc != ENT_ENOMEM) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (write_input(data, size) < 0)
        return 0;
    const char *files[] = {path};
    for (int which = 0; which < 2; which++) {
        char *out = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&out, &len);
        ent_diags *d = NULL;
        ent_diags_new(&d);
        if (!f || !d) {
            if (f)
                fclose(f);
            free(out);
            ent_diags_free(d);
            return 0;
        }
        int rc;
        if (which == 0) {
            ent_import_options o = ENT_IMPORT_OPTIONS_INIT;
            rc = ent_import_gdelt(f, files, 1, &o, d, NULL);
        } else {
            ent_import_csv_options o = ENT_IMPORT_CSV_OPTIONS_INIT;
            o.map[ENT_CSV_SOURCE] = "source";
            o.map[ENT_CSV_TARGET] = "target";
            o.map[ENT_CSV_AT] = "date";
            o.map[ENT_CSV_TYPE] = "type";
            o.map[ENT_CSV_NOTE] = "note";
            rc = ent_import_csv(f, files, 1, &o, d, NULL);
        }
        fclose(f);
        check(rc, d, out, len);
        free(out);
        ent_diags_free(d);
    }
    return 0;
}
