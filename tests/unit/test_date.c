/*
 * test_date.c: parsing partial dates and converting them to day numbers.
 * Expected day numbers were computed with Python's datetime module
 * ((date(y, m, d) - date(1970, 1, 1)).days), independently of this code.
 */
#include "test_common.h"

static void parses_three_precisions(void **state)
{
    (void)state;
    ent_date d;
    assert_int_equal(ent_date_parse(&d, "2022", 4), ENT_DATE_OK);
    assert_int_equal(ent_date_precision_of(d), ENT_DATE_YEAR);
    assert_int_equal(ent_date_parse(&d, "2022-09", 7), ENT_DATE_OK);
    assert_int_equal(ent_date_precision_of(d), ENT_DATE_MONTH);
    assert_int_equal(ent_date_parse(&d, "2022-09-21", 10), ENT_DATE_OK);
    assert_int_equal(ent_date_precision_of(d), ENT_DATE_DAY);
    assert_int_equal(d.year, 2022);
    assert_int_equal(d.month, 9);
    assert_int_equal(d.day, 21);
}

static void rejects_impossible_dates(void **state)
{
    (void)state;
    ent_date d;
    assert_int_equal(ent_date_parse(&d, "2023-02-30", 10), ENT_DATE_DAY_RANGE);
    assert_int_equal(ent_date_parse(&d, "2023-02-29", 10), ENT_DATE_DAY_RANGE);
    assert_int_equal(ent_date_parse(&d, "2024-02-29", 10), ENT_DATE_OK); /* leap year */
    assert_int_equal(ent_date_parse(&d, "1900-02-29", 10), ENT_DATE_DAY_RANGE);
    assert_int_equal(ent_date_parse(&d, "2000-02-29", 10), ENT_DATE_OK);
    assert_int_equal(ent_date_parse(&d, "2023-04-31", 10), ENT_DATE_DAY_RANGE);
    assert_int_equal(ent_date_parse(&d, "2023-13", 7), ENT_DATE_MONTH_RANGE);
    assert_int_equal(ent_date_parse(&d, "2023-00", 7), ENT_DATE_MONTH_RANGE);
    assert_int_equal(ent_date_parse(&d, "2023-01-00", 10), ENT_DATE_DAY_RANGE);
    assert_int_equal(ent_date_parse(&d, "0000", 4), ENT_DATE_YEAR_RANGE);
    assert_int_equal(d.year, 0); /* zeroed on failure */
}

static void rejects_bad_syntax(void **state)
{
    (void)state;
    ent_date d;
    const char *bad[] = {"",          "22",         "20222",      "2022-9",
                         "2022-09-1", "2022/09/21", "21-09-2022", "2022-09-21T00",
                         "abcd",      "2022-0a",    " 2022"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(ent_date_parse(&d, bad[i], strlen(bad[i])), ENT_DATE_SYNTAX);
}

static int32_t day_of(const char *s)
{
    ent_date d;
    assert_int_equal(ent_date_parse(&d, s, strlen(s)), ENT_DATE_OK);
    return ent_date_first_day(d);
}

static void day_numbers_match_python(void **state)
{
    (void)state;
    assert_int_equal(day_of("1970-01-01"), 0);
    assert_int_equal(day_of("2000-03-01"), 11017);
    assert_int_equal(day_of("2022-02-23"), 19046);
    assert_int_equal(day_of("2023-09-21"), 19621);
    assert_int_equal(day_of("1923-07-07"), -16980);
    assert_int_equal(day_of("2024-02-29"), 19782);
    assert_int_equal(day_of("0001-01-01"), -719162);
    assert_int_equal(day_of("9999-12-31"), 2932896);
    assert_int_equal(day_of("1900-02-28"), -25509);
    assert_int_equal(day_of("2100-03-01"), 47541);
}

static void partial_dates_cover_their_period(void **state)
{
    (void)state;
    ent_date d;
    ent_date_parse(&d, "2022-09", 7);
    assert_int_equal(ent_date_first_day(d), day_of("2022-09-01"));
    assert_int_equal(ent_date_last_day(d), day_of("2022-09-30"));
    ent_date_parse(&d, "2024-02", 7);
    assert_int_equal(ent_date_last_day(d), day_of("2024-02-29"));
    ent_date_parse(&d, "2022", 4);
    assert_int_equal(ent_date_first_day(d), day_of("2022-01-01"));
    assert_int_equal(ent_date_last_day(d), day_of("2022-12-31"));
    ent_date_parse(&d, "2022-12-31", 10);
    assert_int_equal(ent_date_first_day(d), ent_date_last_day(d));
}

static void round_trips_day_numbers(void **state)
{
    (void)state;
    char buf[11];
    for (int32_t z = -719162; z <= 2932896; z += 997) {
        ent_date d = ent_date_from_day(z);
        assert_int_equal(ent_date_first_day(d), z);
        ent_date back;
        ent_date_format(d, buf);
        assert_int_equal(ent_date_parse(&back, buf, strlen(buf)), ENT_DATE_OK);
        assert_int_equal(ent_date_first_day(back), z);
    }
}

static void formats_each_precision(void **state)
{
    (void)state;
    char buf[11];
    ent_date none = {0, 0, 0}, y = {1923, 0, 0}, m = {2022, 9, 0}, d = {2023, 9, 1};
    assert_string_equal(ent_date_format(none, buf), "");
    assert_string_equal(ent_date_format(y, buf), "1923");
    assert_string_equal(ent_date_format(m, buf), "2022-09");
    assert_string_equal(ent_date_format(d, buf), "2023-09-01");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_three_precisions),
        cmocka_unit_test(rejects_impossible_dates),
        cmocka_unit_test(rejects_bad_syntax),
        cmocka_unit_test(day_numbers_match_python),
        cmocka_unit_test(partial_dates_cover_their_period),
        cmocka_unit_test(round_trips_day_numbers),
        cmocka_unit_test(formats_each_precision),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
