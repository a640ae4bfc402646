/*
 * entente/import.h: event data to graph files. `ent_import_gdelt` reads GDELT
 * event tables (1.0 and 2.0, tab- or comma-separated, with or without a
 * header, plain, .gz or .zip) and writes an entente/1 graph file: one actor
 * per country (or country and CAMEO actor type), one relation per source,
 * target, relation type and period, with the events as its evidence.
 * docs/import.md describes the rules.
 */
#ifndef ENTENTE_IMPORT_H
#define ENTENTE_IMPORT_H

#include "api.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One rule of the CAMEO mapping: events whose code is `code`, or begins
 *  with it when no longer rule matches, become relations of `type`. */
typedef struct ent_cameo_rule {
    const char *code;        /**< a root (2 digits), base (3) or full (4) CAMEO code */
    const char *type;        /**< a built-in event type */
    const char *description; /**< CAMEO's name for the code, shortened */
} ent_cameo_rule;

/** The mapping rules, in the documented order. */
ENT_EXPORT size_t ent_cameo_rule_count(void);
ENT_EXPORT const ent_cameo_rule *ent_cameo_rule_at(size_t i);

/** CAMEO's region codes that are not ISO countries: the i-th code, its name in *name. */
ENT_EXPORT size_t ent_cameo_region_count(void);
ENT_EXPORT const char *ent_cameo_region(size_t i, const char **name);

/** The CAMEO actor types kept by `actor_types`: code, id suffix, label. */
ENT_EXPORT size_t ent_cameo_actor_type_count(void);
ENT_EXPORT const char *ent_cameo_actor_type(size_t i, const char **suffix, const char **label);

/** How many events one relation gathers. */
typedef enum ent_import_per {
    ENT_PER_DAY = 0, /**< one relation per source, target, type and day (the default) */
    ENT_PER_WEEK,    /**< ... and ISO week (Monday to Sunday), dated by its Monday */
    ENT_PER_MONTH,   /**< ... and month, dated YYYY-MM */
    ENT_PER_EVENT    /**< one relation per event */
} ent_import_per;

/** Progress callback: the file being read and the rows read so far. */
typedef void (*ent_import_progress)(void *ud, const char *file, uint64_t rows);

/** The version of ent_import_options this header describes. */
#define ENT_IMPORT_OPTIONS_VERSION 1

/** Options of an import. Initialise with ENT_IMPORT_OPTIONS_INIT. */
typedef struct ent_import_options {
    unsigned version; /**< ENT_IMPORT_OPTIONS_VERSION */
    ent_import_per per;
    int actor_types;       /**< 1: an actor per country and CAMEO actor type (usa-gov) */
    uint64_t min_mentions; /**< keep events with at least this many mentions */
    int root_only;         /**< keep only GDELT's root events (IsRootEvent 1) */
    int has_range;         /**< keep only events from from_day to to_day (day numbers) */
    int32_t from_day, to_day;
    const char *const *countries; /**< non-NULL: keep events between these codes only */
    size_t n_countries;
    int skip_bad;                 /**< 1: skip malformed rows (counted) instead of failing */
    size_t max_errors;            /**< stop after this many errors (0: 100) */
    ent_import_progress progress; /**< called every 65,536 rows, or NULL */
    void *progress_ud;
} ent_import_options;

/** The defaults: per day, countries only, everything kept, 100 errors at most. */
#define ENT_IMPORT_OPTIONS_INIT                                                                \
    {                                                                                          \
        .version = ENT_IMPORT_OPTIONS_VERSION, .per = ENT_PER_DAY, .actor_types = 0,           \
        .min_mentions = 0, .root_only = 0, .has_range = 0, .from_day = 0, .to_day = 0,         \
        .countries = NULL, .n_countries = 0, .skip_bad = 0, .max_errors = 0, .progress = NULL, \
        .progress_ud = NULL                                                                    \
    }

/** Sets *o to ENT_IMPORT_OPTIONS_INIT. */
ENT_EXPORT void ent_import_options_init(ent_import_options *o);

/** What an import read and kept. */
typedef struct ent_import_stats {
    uint64_t rows;       /**< data rows read */
    uint64_t events;     /**< events that became evidence of a relation */
    uint64_t bad;        /**< malformed rows (skipped with skip_bad) */
    uint64_t no_country; /**< rows without a country on one side */
    uint64_t same_actor; /**< rows whose two sides are the same actor */
    uint64_t filtered;   /**< rows dropped by the options (mentions, root, dates, countries) */
    uint64_t relations, actors, sources; /**< what the graph file holds */
} ent_import_stats;

/**
 * Reads the GDELT event files and, when they hold no error (or skip_bad is
 * set), writes the graph file to `out` in one go at the end: nothing is
 * written otherwise. Malformed rows are reported in `diags` as
 * FILE:LINE:COLUMN with the line. Returns 0, ENT_EINVALID (errors; see
 * diags), ENT_EIO (a file could not be read or is not a readable archive;
 * in diags too), ENT_ENOMEM or ENT_EUSAGE. Memory grows with the actors,
 * sources and relations kept and the events cited, not with the rows read.
 */
ENT_EXPORT int ent_import_gdelt(FILE *out, const char *const *files, size_t n_files,
                                const ent_import_options *o, ent_diags *diags,
                                ent_import_stats *stats);

/** The fields `ent_import_csv` fills from a table's columns (--map). */
typedef enum ent_csv_field {
    ENT_CSV_SOURCE = 0,
    ENT_CSV_TARGET,
    ENT_CSV_TYPE,
    ENT_CSV_AT,
    ENT_CSV_FROM,
    ENT_CSV_TO,
    ENT_CSV_INTENSITY,
    ENT_CSV_STATUS,
    ENT_CSV_NOTE,
    ENT_CSV_URL,
    ENT_CSV_FIELD_COUNT_
} ent_csv_field;

/** The field's name in --map ("source", "at" ...). */
ENT_EXPORT const char *ent_csv_field_name(ent_csv_field f);

/** The version of ent_import_csv_options this header describes. */
#define ENT_IMPORT_CSV_OPTIONS_VERSION 1

/** Options of ent_import_csv. Initialise with ENT_IMPORT_CSV_OPTIONS_INIT. */
typedef struct ent_import_csv_options {
    unsigned version; /**< ENT_IMPORT_CSV_OPTIONS_VERSION */
    /** The column of each field, by its header name (any case); NULL when not mapped. A
     *  date field may name three columns "YEAR/MONTH/DAY". source, target, and at or
     *  from, are required; type unless `type` is given. */
    const char *map[ENT_CSV_FIELD_COUNT_];
    const char *type;          /**< the type of every row, or NULL (then map[TYPE]) */
    const char *actors_file;   /**< CSV with id[,name,kind,value]: the actors, or NULL */
    const char *type_map_file; /**< CSV with code,type: the table's codes to types, or NULL */
    const char *date_format;   /**< NULL: ISO dates; else %Y %m %d %b %B and literal text */
    const char *unknown_day;   /**< in YEAR/MONTH/DAY columns, the marker of an unknown day
                                    or month (e.g. "-9"), or NULL */
    int skip_bad;              /**< skip malformed rows (counted) instead of failing */
    size_t max_errors;         /**< stop after this many errors (0: 100) */
} ent_import_csv_options;

/** The defaults: nothing mapped, ISO dates, 100 errors at most. */
#define ENT_IMPORT_CSV_OPTIONS_INIT                                                           \
    {                                                                                         \
        .version = ENT_IMPORT_CSV_OPTIONS_VERSION, .map = {NULL}, .type = NULL,               \
        .actors_file = NULL, .type_map_file = NULL, .date_format = NULL, .unknown_day = NULL, \
        .skip_bad = 0, .max_errors = 0                                                        \
    }

/** Sets *o to ENT_IMPORT_CSV_OPTIONS_INIT. */
ENT_EXPORT void ent_import_csv_options_init(ent_import_csv_options *o);

/**
 * Reads a table of dated relations (a header row, then one relation per
 * row; comma- or tab-separated, plain, .gz or .zip) and writes a graph file
 * to `out` at the end, when no row has an error (or skip_bad). Actors are the
 * distinct source and target values (or those of the actors file), one
 * relation per row, its evidence the row (and its URL). Returns as
 * ent_import_gdelt; stats->rows, events (relations), bad, actors, sources.
 */
ENT_EXPORT int ent_import_csv(FILE *out, const char *const *files, size_t n_files,
                              const ent_import_csv_options *o, ent_diags *diags,
                              ent_import_stats *stats);

#ifdef __cplusplus
}
#endif
#endif
