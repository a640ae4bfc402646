/*
 * entente/date.h: calendar dates with year, month or day precision.
 *
 * Graph files write dates as "YYYY", "YYYY-MM" or "YYYY-MM-DD" (proleptic
 * Gregorian calendar, years 1 to 9999). A partial date stands for its whole
 * period: "2022-09" is every day from 2022-09-01 to 2022-09-30. Functions that
 * compare dates work on day numbers: days since 1970-01-01, negative before.
 */
#ifndef ENTENTE_DATE_H
#define ENTENTE_DATE_H

#include "api.h"

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A date; year 0 means "no date". month and day are 0 when not given. */
typedef struct ent_date {
    int16_t year;  /**< 1..9999, or 0 for "no date" */
    uint8_t month; /**< 1..12, or 0 for year precision */
    uint8_t day;   /**< 1..31, or 0 for month or year precision */
} ent_date;

/** Why a date string was rejected (ent_date_parse). */
typedef enum ent_date_status {
    ENT_DATE_OK = 0,
    ENT_DATE_SYNTAX,     /**< not YYYY, YYYY-MM or YYYY-MM-DD */
    ENT_DATE_YEAR_RANGE, /**< year 0000 */
    ENT_DATE_MONTH_RANGE,
    ENT_DATE_DAY_RANGE /**< day 00, or past the end of that month */
} ent_date_status;

/** Precision of a date. */
typedef enum ent_date_precision {
    ENT_DATE_NONE = 0,
    ENT_DATE_YEAR,
    ENT_DATE_MONTH,
    ENT_DATE_DAY
} ent_date_precision;

/**
 * Parses the first `len` bytes of `text` as a date into `*out`. Returns
 * ENT_DATE_OK or the reason it is not a valid date; `*out` is zeroed on
 * failure. O(len).
 */
ENT_EXPORT ent_date_status ent_date_parse(ent_date *out, const char *text, size_t len);

/** True when `d` holds a date (year != 0). */
ENT_EXPORT int ent_date_is_set(ent_date d);

/** Precision of `d`; ENT_DATE_NONE for "no date". */
ENT_EXPORT ent_date_precision ent_date_precision_of(ent_date d);

/** Number of days in `month` (1..12) of `year`, leap years included. */
ENT_EXPORT int ent_date_days_in_month(int year, int month);

/** Day number of the first day `d` covers. `d` must be set. */
ENT_EXPORT int32_t ent_date_first_day(ent_date d);

/** Day number of the last day `d` covers. `d` must be set. */
ENT_EXPORT int32_t ent_date_last_day(ent_date d);

/** The full date of a day number. */
ENT_EXPORT ent_date ent_date_from_day(int32_t day);

/**
 * Writes `d` as it appears in graph files ("2022", "2022-09", "2022-09-21";
 * "" for no date) into `buf`, which must hold at least 11 bytes. Returns buf.
 */
ENT_EXPORT char *ent_date_format(ent_date d, char *buf);

/** A short English explanation of an ent_date_status, for messages. */
ENT_EXPORT const char *ent_date_status_str(ent_date_status st);

#ifdef __cplusplus
}
#endif
#endif
