/*
 * test_common.h: the includes every cmocka test needs, in the order cmocka
 * requires, plus small helpers for loading graphs from strings.
 */
#ifndef ENT_TEST_COMMON_H
#define ENT_TEST_COMMON_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "entente/entente.h"

/* Loads one document from a string; diagnostics go to *diags (new list). */
static inline int load_text(const char *text, ent_graph **g, ent_diags **diags)
{
    ent_load_input in = {"test.json", text, strlen(text)};
    *diags = ent_diags_new();
    return ent_load_inputs(g, &in, 1, NULL, *diags);
}

/* The first diagnostic with this code, or NULL. */
static inline const ent_diag *find_diag(const ent_diags *d, const char *code)
{
    for (size_t i = 0; i < ent_diags_count(d); i++)
        if (strcmp(ent_diags_get(d, i)->code, code) == 0)
            return ent_diags_get(d, i);
    return NULL;
}

#endif
