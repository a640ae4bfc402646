/*
 * date.c: partial calendar dates and day numbers.
 *
 * Day numbers count days from 1970-01-01 in the proleptic Gregorian calendar;
 * the conversion is the classic era-based civil-calendar arithmetic (400-year
 * eras of 146097 days), exact for years 1..9999.
 */
#include <stdio.h>
#include <string.h>

#include "entente/date.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ent_date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static int digits(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

ent_date_status ent_date_parse(ent_date *out, const char *text, size_t len)
{
    ent_date d = {0, 0, 0};
    *out = d;
    if (len != 4 && len != 7 && len != 10)
        return ENT_DATE_SYNTAX;
    int y = digits(text, 4);
    int m = 0, day = 0;
    if (y < 0)
        return ENT_DATE_SYNTAX;
    if (len >= 7) {
        if (text[4] != '-' || (m = digits(text + 5, 2)) < 0)
            return ENT_DATE_SYNTAX;
    }
    if (len == 10) {
        if (text[7] != '-' || (day = digits(text + 8, 2)) < 0)
            return ENT_DATE_SYNTAX;
    }
    if (y == 0)
        return ENT_DATE_YEAR_RANGE;
    if (len >= 7 && (m < 1 || m > 12))
        return ENT_DATE_MONTH_RANGE;
    if (len == 10 && (day < 1 || day > ent_date_days_in_month(y, m)))
        return ENT_DATE_DAY_RANGE;
    d.year = (int16_t)y;
    d.month = (uint8_t)m;
    d.day = (uint8_t)day;
    *out = d;
    return ENT_DATE_OK;
}

int ent_date_is_set(ent_date d)
{
    return d.year != 0;
}

ent_date_precision ent_date_precision_of(ent_date d)
{
    if (!d.year)
        return ENT_DATE_NONE;
    if (!d.month)
        return ENT_DATE_YEAR;
    return d.day ? ENT_DATE_DAY : ENT_DATE_MONTH;
}

/* Days from 1970-01-01 to y-m-d. */
static int32_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int32_t ent_date_first_day(ent_date d)
{
    return days_from_civil(d.year, d.month ? d.month : 1, d.day ? d.day : 1);
}

int32_t ent_date_last_day(ent_date d)
{
    int m = d.month ? d.month : 12;
    int day = d.day ? d.day : ent_date_days_in_month(d.year, m);
    return days_from_civil(d.year, m, day);
}

ent_date ent_date_from_day(int32_t z)
{
    z += 719468;
    const int era = (z >= 0 ? z : z - 146096) / 146097;
    const int doe = z - era * 146097;
    const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int mp = (5 * doy + 2) / 153;
    const int d = doy - (153 * mp + 2) / 5 + 1;
    const int m = mp < 10 ? mp + 3 : mp - 9;
    ent_date out = {(int16_t)(yoe + era * 400 + (m <= 2)), (uint8_t)m, (uint8_t)d};
    return out;
}

char *ent_date_format(ent_date d, char *buf)
{
    char tmp[32];
    switch (ent_date_precision_of(d)) {
    case ENT_DATE_NONE:
        tmp[0] = '\0';
        break;
    case ENT_DATE_YEAR:
        snprintf(tmp, sizeof tmp, "%04d", d.year);
        break;
    case ENT_DATE_MONTH:
        snprintf(tmp, sizeof tmp, "%04d-%02u", d.year, (unsigned)d.month);
        break;
    case ENT_DATE_DAY:
        snprintf(tmp, sizeof tmp, "%04d-%02u-%02u", d.year, (unsigned)d.month, (unsigned)d.day);
        break;
    }
    memcpy(buf, tmp, 11);
    buf[10] = '\0';
    return buf;
}

const char *ent_date_status_str(ent_date_status st)
{
    switch (st) {
    case ENT_DATE_OK:
        return "valid";
    case ENT_DATE_SYNTAX:
        return "a date is written YYYY, YYYY-MM or YYYY-MM-DD";
    case ENT_DATE_YEAR_RANGE:
        return "the year must be from 0001 to 9999";
    case ENT_DATE_MONTH_RANGE:
        return "the month must be from 01 to 12";
    case ENT_DATE_DAY_RANGE:
        return "that month has no such day";
    }
    return "invalid date";
}
