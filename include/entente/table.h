/*
 * entente/table.h: result tables. Every analysis returns one: named, typed
 * columns and rows of cells. Formatting is generic (text, JSON, CSV), so each
 * command gets every output format from the same table, and the report reuses
 * the tables as they are.
 */
#ifndef ENTENTE_TABLE_H
#define ENTENTE_TABLE_H

#include "api.h"

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ent_coltype { ENT_COL_STRING = 0, ENT_COL_INT, ENT_COL_REAL } ent_coltype;

typedef struct ent_table ent_table;

/**
 * A new empty table titled `title` (NULL: "") into *out. Returns 0, or
 * ENT_ENOMEM with *out NULL. Here and in the functions that add to a table,
 * a failure comes with a message for ent_error_last.
 */
ENT_EXPORT int ent_table_new(ent_table **out, const char *title);

/** Frees the table. Accepts NULL. */
ENT_EXPORT void ent_table_free(ent_table *t);

/**
 * A copy of table t, its title, columns, rows and notes, into a new *out
 * (the caller frees it). Returns 0 or ENT_ENOMEM (*out NULL).
 * O(rows * columns).
 */
ENT_EXPORT int ent_table_copy(ent_table **out, const ent_table *t);

/**
 * Adds a column (before any row). `decimals` is the number of digits after
 * the decimal point when a real is printed (fixed format, so output is
 * byte-identical from run to run). Returns 0, ENT_ENOMEM, or ENT_EUSAGE when
 * the table has rows already.
 */
ENT_EXPORT int ent_table_add_column(ent_table *t, const char *name, ent_coltype type, int decimals);

/** Starts a new row whose cells are empty (NULL string, 0). Returns 0 or ENT_ENOMEM. */
ENT_EXPORT int ent_table_add_row(ent_table *t);

/**
 * Sets a cell of the last row. The string is copied. Returns 0, ENT_ENOMEM,
 * or ENT_EUSAGE when there is no row, no such column or the column is of
 * another type.
 */
ENT_EXPORT int ent_table_set_string(ent_table *t, size_t col, const char *s);
ENT_EXPORT int ent_table_set_int(ent_table *t, size_t col, long long v);
ENT_EXPORT int ent_table_set_real(ent_table *t, size_t col, double v);

ENT_EXPORT size_t ent_table_row_count(const ent_table *t);
ENT_EXPORT size_t ent_table_column_count(const ent_table *t);
ENT_EXPORT const char *ent_table_title(const ent_table *t);
ENT_EXPORT const char *ent_table_column_name(const ent_table *t, size_t col);
ENT_EXPORT ent_coltype ent_table_column_type(const ent_table *t, size_t col);
/** Index of the column named `name`, or -1. */
ENT_EXPORT long ent_table_column_index(const ent_table *t, const char *name);

/** Cell values; a string cell never set reads as "". */
ENT_EXPORT const char *ent_table_string(const ent_table *t, size_t row, size_t col);
ENT_EXPORT long long ent_table_int(const ent_table *t, size_t row, size_t col);
ENT_EXPORT double ent_table_real(const ent_table *t, size_t row, size_t col);

/**
 * A cell as the text and CSV formats print it (reals with the column's
 * decimals, NaN as ""), written into buf when size > 0, cut to size - 1
 * bytes and NUL-terminated. Returns the length of the whole text, so that a
 * first call with size 0 tells how much room to give; SIZE_MAX (with buf
 * set to "") when memory ran out while forming the text (ent_error_last
 * says so), never a length that could pass for an empty cell.
 */
ENT_EXPORT size_t ent_table_cell_text(const ent_table *t, size_t row, size_t col, char *buf,
                                      size_t size);

/** The notes, in the order they were added. */
ENT_EXPORT size_t ent_table_note_count(const ent_table *t);
ENT_EXPORT const char *ent_table_note(const ent_table *t, size_t i);

/** A note printed under the table in text form and kept as "notes" in JSON. */
ENT_EXPORT int ent_table_add_note(ent_table *t, const char *note);

typedef enum ent_table_format {
    ENT_TABLE_TEXT = 0,
    ENT_TABLE_JSON,
    ENT_TABLE_CSV
} ent_table_format;

/**
 * Writes the table to `out`. Returns 0, ENT_EIO when writing fails, or
 * ENT_ENOMEM (with a message for ent_error_last) when out of memory; after a
 * failure `out` may hold part of the table.
 */
ENT_EXPORT int ent_table_write(const ent_table *t, ent_table_format fmt, FILE *out);

/**
 * Writes several tables as one document (JSON: an object keyed by title).
 * Returns and fails as ent_table_write.
 */
ENT_EXPORT int ent_table_write_all(const ent_table *const *tables, size_t n, ent_table_format fmt,
                                   FILE *out);

#ifdef __cplusplus
}
#endif
#endif
