/*
 * test_table.c: the table writers under memory pressure. The test is linked
 * with -Wl,--wrap for malloc, calloc and realloc, so every allocation the
 * library makes goes through the wrappers below; writing one table is repeated
 * with the 1st, 2nd, ... allocation failing until a run needs no more
 * allocations than the countdown allows. Every failing run must return
 * ENT_ENOMEM with a message, never crash (the sanitizer build catches misuse).
 */
#include "test_common.h"

#include <stdlib.h>

#include "entente/error.h"
#include "entente/table.h"
#include "util/error.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t size);

static long countdown = -1; /* allocations left before the one that fails; -1: none fails */
static int injected;        /* an allocation was made to fail since the last arm() */

static int fail_now(void)
{
    if (countdown < 0)
        return 0;
    if (countdown-- == 0) {
        injected = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t size)
{
    return fail_now() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    return fail_now() ? NULL : __real_realloc(p, size);
}

/* The n-th allocation from now (0: the next) fails. */
static void arm(long n)
{
    countdown = n;
    injected = 0;
}

/* No allocation fails; `injected` keeps what happened. */
static void disarm(void)
{
    countdown = -1;
}

/* A table with every kind of cell, long enough that the cell buffer must grow. */
static ent_table *sample(void)
{
    ent_table *t = NULL;
    assert_int_equal(ent_table_new(&t, "shift"), 0);
    assert_non_null(t);
    assert_int_equal(ent_table_add_column(t, "actor", ENT_COL_STRING, 0), ENT_OK);
    assert_int_equal(ent_table_add_column(t, "ties", ENT_COL_INT, 0), ENT_OK);
    assert_int_equal(ent_table_add_column(t, "change", ENT_COL_REAL, 3), ENT_OK);
    char name[300];
    memset(name, 'x', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    for (int r = 0; r < 5; r++) {
        assert_int_equal(ent_table_add_row(t), ENT_OK);
        assert_int_equal(ent_table_set_string(t, 0, r == 3 ? name : "armenia"), ENT_OK);
        assert_int_equal(ent_table_set_int(t, 1, r * 1000003LL), ENT_OK);
        assert_int_equal(ent_table_set_real(t, 2, r == 1 ? -0.0 : r * 1e120), ENT_OK);
    }
    assert_int_equal(ent_table_add_note(t, "a note"), ENT_OK);
    return t;
}

static void each_allocation_fails_in_turn(ent_table_format fmt, int all)
{
    ent_table *t = sample();
    const ent_table *both[2] = {t, t};
    FILE *out = fopen("/dev/null", "w");
    assert_non_null(out);
    for (long n = 0;; n++) {
        assert_true(n < 1000);
        arm(n);
        int rc = all ? ent_table_write_all(both, 2, fmt, out) : ent_table_write(t, fmt, out);
        disarm();
        if (!injected) {
            assert_int_equal(rc, ENT_OK);
            break;
        }
        assert_int_equal(rc, ENT_ENOMEM);
        assert_string_equal(ent_error_last(), "out of memory while writing the table \"shift\"");
    }
    fclose(out);
    ent_table_free(t);
}

static void text_fails_cleanly(void **state)
{
    (void)state;
    each_allocation_fails_in_turn(ENT_TABLE_TEXT, 0);
    each_allocation_fails_in_turn(ENT_TABLE_TEXT, 1);
}

static void csv_fails_cleanly(void **state)
{
    (void)state;
    each_allocation_fails_in_turn(ENT_TABLE_CSV, 0);
    each_allocation_fails_in_turn(ENT_TABLE_CSV, 1);
}

static void json_fails_cleanly(void **state)
{
    (void)state;
    each_allocation_fails_in_turn(ENT_TABLE_JSON, 0);
    each_allocation_fails_in_turn(ENT_TABLE_JSON, 1);
}

/* Building a table: each allocation fails in turn; the call that fails says so. */
static void building_fails_with_a_message(void **state)
{
    (void)state;
    for (long n = 0;; n++) {
        assert_true(n < 1000);
        ent_error_set(ENT_OK, "%s", "");
        arm(n);
        ent_table *t = NULL;
        int rc = ent_table_new(&t, "built");
        if (!rc)
            rc = ent_table_add_column(t, "actor", ENT_COL_STRING, 0);
        if (!rc)
            rc = ent_table_add_row(t);
        if (!rc)
            rc = ent_table_set_string(t, 0, "armenia");
        if (!rc)
            rc = ent_table_add_note(t, "a note");
        disarm();
        ent_table_free(t);
        if (!injected) {
            assert_int_equal(rc, ENT_OK);
            break;
        }
        assert_int_equal(rc, ENT_ENOMEM);
        assert_string_equal(ent_error_last(), "out of memory while building a table");
    }
}

/* A cell whose text cannot be allocated says so (SIZE_MAX, buf ""), never
 * passing for an empty cell. */
static void cell_text_fails_visibly(void **state)
{
    (void)state;
    ent_table *t = sample();
    char buf[8] = "junk";
    arm(0);
    size_t n = ent_table_cell_text(t, 1, 2, buf, sizeof buf);
    disarm();
    assert_true(n == SIZE_MAX);
    assert_string_equal(buf, "");
    assert_int_equal(ent_table_cell_text(t, 1, 2, buf, sizeof buf), 5); /* -0 prints as 0 */
    assert_string_equal(buf, "0.000");
    ent_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_fails_cleanly),    cmocka_unit_test(csv_fails_cleanly),
        cmocka_unit_test(json_fails_cleanly),    cmocka_unit_test(building_fails_with_a_message),
        cmocka_unit_test(cell_text_fails_visibly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
