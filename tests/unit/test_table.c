/*
 * test_table.c: the table writers under memory pressure. The test is linked
 * with -Wl,--wrap for malloc, calloc and realloc, so every allocation the
 * library makes goes through the wrappers below; writing one table is repeated
 * with the 1st, 2nd, ... allocation failing until a run needs no more
 * allocations than the countdown allows. Every failing run must return
 * ENT_ENOMEM with a message, never crash (the sanitizer build catches misuse).
 * Then, with every allocation succeeding, what each writer prints for a small
 * table, written out by hand from the formats' rules.
 */
#include <math.h>

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

/* The whole of what `fmt` writes for t, NUL-terminated (the caller frees it). */
static char *written(const ent_table *t, ent_table_format fmt)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    assert_non_null(out);
    assert_int_equal(ent_table_write(t, fmt, out), ENT_OK);
    assert_int_equal(fclose(out), 0);
    return buf;
}

/*
 * name (string), x (real, 2 decimals), n (int); three rows: a name with a
 * comma and quotes, 3.14159 and 7; three letters of which two are not ASCII,
 * no value (NaN) and -12; "x", -0.001 (rounds to 0.00, never -0.00) and 0.
 */
static ent_table *small(void)
{
    ent_table *t = NULL;
    assert_int_equal(ent_table_new(&t, "t"), 0);
    assert_int_equal(ent_table_add_column(t, "name", ENT_COL_STRING, 0), ENT_OK);
    assert_int_equal(ent_table_add_column(t, "x", ENT_COL_REAL, 2), ENT_OK);
    assert_int_equal(ent_table_add_column(t, "n", ENT_COL_INT, 0), ENT_OK);
    const char *names[] = {"a, \"b\"", "\xc3\x9cn\xc3\xaf", "x"};
    const double xs[] = {3.14159, NAN, -0.001};
    const long long ns[] = {7, -12, 0};
    for (size_t r = 0; r < 3; r++) {
        assert_int_equal(ent_table_add_row(t), ENT_OK);
        assert_int_equal(ent_table_set_string(t, 0, names[r]), ENT_OK);
        assert_int_equal(ent_table_set_real(t, 1, xs[r]), ENT_OK);
        assert_int_equal(ent_table_set_int(t, 2, ns[r]), ENT_OK);
    }
    assert_int_equal(ent_table_add_note(t, "a note"), ENT_OK);
    return t;
}

/* Text: the title, then columns two spaces apart, each as wide as its widest
 * cell counted in characters (the name column: 6, "a, \"b\""; x: 4, "3.14";
 * n: 3, "-12"); strings to the left, numbers to the right, no value blank;
 * the notes last. */
static void text_by_hand(void **state)
{
    (void)state;
    ent_table *t = small();
    char *s = written(t, ENT_TABLE_TEXT);
    assert_string_equal(s, "t\n"
                           "name       x    n\n"
                           "a, \"b\"  3.14    7\n"
                           "\xc3\x9cn\xc3\xaf           -12\n"
                           "x       0.00    0\n"
                           "note: a note\n");
    free(s);
    ent_table_free(t);
}

/* CSV (RFC 4180): a header, a field with a comma or a quote in quotes with
 * the quotes doubled, no value empty, no title and no notes. */
static void csv_by_hand(void **state)
{
    (void)state;
    ent_table *t = small();
    char *s = written(t, ENT_TABLE_CSV);
    assert_string_equal(s, "name,x,n\n"
                           "\"a, \"\"b\"\"\",3.14,7\n"
                           "\xc3\x9cn\xc3\xaf,,-12\n"
                           "x,0.00,0\n");
    free(s);
    ent_table_free(t);
}

/* JSON: the title, the columns, one object per row (numbers as printed, no
 * value as null), the notes. */
static void json_by_hand(void **state)
{
    (void)state;
    ent_table *t = small();
    char *s = written(t, ENT_TABLE_JSON);
    assert_string_equal(s, "{\n"
                           "  \"title\": \"t\",\n"
                           "  \"columns\": [\"name\", \"x\", \"n\"],\n"
                           "  \"rows\": [\n"
                           "    {\"name\": \"a, \\\"b\\\"\", \"x\": 3.14, \"n\": 7},\n"
                           "    {\"name\": \"\xc3\x9cn\xc3\xaf\", \"x\": null, \"n\": -12},\n"
                           "    {\"name\": \"x\", \"x\": 0.00, \"n\": 0}\n"
                           "  ],\n"
                           "  \"notes\": [\"a note\"]\n"
                           "}\n");
    free(s);
    ent_table_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_fails_cleanly),
        cmocka_unit_test(csv_fails_cleanly),
        cmocka_unit_test(json_fails_cleanly),
        cmocka_unit_test(building_fails_with_a_message),
        cmocka_unit_test(cell_text_fails_visibly),
        cmocka_unit_test(text_by_hand),
        cmocka_unit_test(csv_by_hand),
        cmocka_unit_test(json_by_hand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
