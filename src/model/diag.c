/*
 * diag.c: the diagnostics list. Each entry owns one allocation holding its
 * strings, so a list of thousands of diagnostics frees in one pass.
 */
#include <stdlib.h>
#include <string.h>

#include "entente/diag.h"
#include "entente/error.h"
#include "model/diag_impl.h"
#include "util/error.h"

struct ent_diags {
    ent_diag *items;
    size_t count, cap;
    size_t per_severity[3];
};

int ent_diags_new(ent_diags **out)
{
    *out = calloc(1, sizeof(ent_diags));
    if (!*out)
        return ent_error_set(ENT_ENOMEM, "out of memory for a diagnostics list");
    return ENT_OK;
}

void ent_diags_clear(ent_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++)
        free((void *)d->items[i].code); /* the block that holds every string */
    d->count = 0;
    memset(d->per_severity, 0, sizeof d->per_severity);
}

void ent_diags_free(ent_diags *d)
{
    if (!d)
        return;
    ent_diags_clear(d);
    free(d->items);
    free(d);
}

size_t ent_diags_count(const ent_diags *d)
{
    return d ? d->count : 0;
}

const ent_diag *ent_diags_get(const ent_diags *d, size_t i)
{
    return d && i < d->count ? &d->items[i] : NULL;
}

size_t ent_diags_count_severity(const ent_diags *d, ent_severity sev)
{
    return d && (unsigned)sev < 3 ? d->per_severity[sev] : 0;
}

int ent_diags_add(ent_diags *d, ent_severity sev, const char *code, const char *file, unsigned line,
                  unsigned col, const char *source_line, unsigned caret, const char *message)
{
    if (!d)
        return ENT_OK;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        ent_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return ENT_ENOMEM;
        d->items = items;
        d->cap = cap;
    }
    const char *parts[4] = {code ? code : "", file ? file : "", message ? message : "",
                            source_line ? source_line : ""};
    size_t lens[4], total = 0;
    for (int i = 0; i < 4; i++)
        total += (lens[i] = strlen(parts[i])) + 1;
    char *block = malloc(total), *p = block;
    if (!block)
        return ENT_ENOMEM;
    const char *copies[4];
    for (int i = 0; i < 4; i++) {
        memcpy(p, parts[i], lens[i] + 1);
        copies[i] = p;
        p += lens[i] + 1;
    }
    ent_diag *e = &d->items[d->count++];
    e->severity = sev;
    e->code = copies[0];
    e->file = copies[1];
    e->message = copies[2];
    e->source_line = copies[3];
    e->line = line;
    e->col = col;
    e->caret = caret;
    if ((unsigned)sev < 3)
        d->per_severity[sev]++;
    return ENT_OK;
}

const char *ent_severity_str(ent_severity sev)
{
    switch (sev) {
    case ENT_SEV_ERROR:
        return "error";
    case ENT_SEV_WARNING:
        return "warning";
    case ENT_SEV_NOTE:
        return "note";
    }
    return "error";
}

void ent__diags_truncate(ent_diags *d, size_t count)
{
    if (!d)
        return;
    while (d->count > count) {
        ent_diag *e = &d->items[--d->count];
        if ((unsigned)e->severity < 3)
            d->per_severity[e->severity]--;
        free((void *)e->code); /* the block that holds every string */
    }
}
