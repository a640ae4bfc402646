/*
 * build.h: a table cell setter that remembers the first failure, so that a
 * table is built in straight-line code and checked once at the end.
 * Internal to the library.
 */
#ifndef ENT_TABLE_BUILD_H
#define ENT_TABLE_BUILD_H

#include "entente/table.h"
#include "util/strbuf.h"

/*
 * ent_table_new for the library's own code: the new table, or NULL (with the
 * message "out of memory") when out of memory.
 */
ent_table *ent__table_new(const char *title);

typedef struct tb {
    ent_table *t; /* the table being filled */
    int rc;       /* 0, or the first failure (a negative ENT_E* code) */
} tb;
void ent__tb_row(tb *b);
void ent__tb_str(tb *b, size_t col, const char *s);
void ent__tb_int(tb *b, size_t col, long long v);
void ent__tb_real(tb *b, size_t col, double v);
void ent__tb_col(tb *b, const char *name, ent_coltype type, int decimals);
void ent__tb_note(tb *b, const char *note);

/*
 * Ends a table built with b: releases the scratch buffer sb (may be NULL),
 * whose running out of memory counts as a failure, then hands the table to
 * *out and returns 0, or frees it and returns the first failure with the
 * message "out of memory". The ending every table-building pass shares.
 */
int ent__tb_finish(tb *b, ent_strbuf *sb, ent_table **out);

#endif
