/*
 * build.c: filling a table cell by cell with the first failure remembered,
 * so that a pass builds its table in straight-line code and checks once.
 */
#include "entente/error.h"
#include "table/build.h"
#include "util/error.h"

void ent__tb_row(tb *b)
{
    if (!b->rc)
        b->rc = ent_table_add_row(b->t);
}

void ent__tb_str(tb *b, size_t col, const char *s)
{
    if (!b->rc)
        b->rc = ent_table_set_string(b->t, col, s);
}

void ent__tb_int(tb *b, size_t col, long long v)
{
    if (!b->rc)
        b->rc = ent_table_set_int(b->t, col, v);
}

void ent__tb_real(tb *b, size_t col, double v)
{
    if (!b->rc)
        b->rc = ent_table_set_real(b->t, col, v);
}

void ent__tb_col(tb *b, const char *name, ent_coltype type, int decimals)
{
    if (!b->rc)
        b->rc = ent_table_add_column(b->t, name, type, decimals);
}

void ent__tb_note(tb *b, const char *note)
{
    if (!b->rc)
        b->rc = ent_table_add_note(b->t, note);
}

int ent__tb_finish(tb *b, ent_strbuf *sb, ent_table **out)
{
    if (!b->rc && sb && sb->failed)
        b->rc = ENT_ENOMEM;
    if (sb)
        ent_strbuf_release(sb);
    if (b->rc) {
        ent_table_free(b->t);
        b->t = NULL;
        return ent_error_set(b->rc, "out of memory");
    }
    *out = b->t;
    return ENT_OK;
}
