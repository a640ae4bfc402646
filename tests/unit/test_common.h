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
    ent_diags_new(diags);
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

/* Loads one document from a string, relations without evidence allowed;
 * fails the test, printing the diagnostics, when it does not load. */
static inline ent_graph *load_string(const char *text)
{
    ent_load_input in = {"test.json", text, strlen(text)};
    ent_load_options o = {.version = ENT_LOAD_OPTIONS_VERSION, .allow_missing_evidence = 1};
    ent_graph *g = NULL;
    ent_diags *d = NULL;
    ent_diags_new(&d);
    int rc = ent_load_inputs(&g, &in, 1, &o, d);
    for (size_t i = 0; rc && i < ent_diags_count(d); i++)
        print_error("%s\n", ent_diags_get(d, i)->message);
    assert_int_equal(rc, 0);
    ent_diags_free(d);
    return g;
}

/* The source tree (ctest sets ENTENTE_SOURCE_DIR), for fixtures. */
static inline const char *source_dir(void)
{
    const char *d = getenv("ENTENTE_SOURCE_DIR");
    return d ? d : ".";
}

/* Loads tests/fixtures/DIR/NAME, which must load without any diagnostic;
 * fails the test, printing them, otherwise. */
static inline ent_graph *load_fixture_in(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/fixtures/%s/%s", source_dir(), dir, name);
    const char *paths[] = {path};
    ent_graph *g = NULL;
    ent_diags *d = NULL;
    assert_int_equal(ent_diags_new(&d), 0);
    int rc = ent_load_files(&g, paths, 1, NULL, d);
    for (size_t i = 0; i < ent_diags_count(d); i++)
        print_error("%s: %s\n", path, ent_diags_get(d, i)->message);
    assert_int_equal(rc, 0);
    assert_int_equal(ent_diags_count(d), 0);
    ent_diags_free(d);
    return g;
}

/* The view of g on `when` (a snapshot id or a date) with the default rules. */
static inline ent_view *view_at(const ent_graph *g, const char *when)
{
    int32_t day;
    assert_int_equal(ent_graph_resolve_when(g, when, &day, NULL), 0);
    ent_view *v = NULL;
    assert_int_equal(ent_view_new(&v, g, day, NULL), 0);
    return v;
}

/* The index of column `name` of t; fails the test when there is none. */
static inline size_t col(const ent_table *t, const char *name)
{
    long c = ent_table_column_index(t, name);
    if (c < 0)
        fail_msg("no column %s in \"%s\"", name, ent_table_title(t));
    return (size_t)c;
}

/* Whether one of t's notes is exactly `note`. */
static inline int has_note(const ent_table *t, const char *note)
{
    for (size_t i = 0; i < ent_table_note_count(t); i++)
        if (strcmp(ent_table_note(t, i), note) == 0)
            return 1;
    return 0;
}

/* Cells by row and column name. */
static inline long long ival(const ent_table *t, size_t row, const char *name)
{
    return ent_table_int(t, row, col(t, name));
}

static inline double rval(const ent_table *t, size_t row, const char *name)
{
    return ent_table_real(t, row, col(t, name));
}

static inline const char *sval(const ent_table *t, size_t row, const char *name)
{
    return ent_table_string(t, row, col(t, name));
}

#endif
