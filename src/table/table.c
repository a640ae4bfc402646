/*
 * table.c: result tables and their generic formatting.
 *
 * Cells are stored row-major in one array; strings are owned copies. Reals
 * print in fixed notation with the column's number of decimals, and -0 prints
 * as 0, so the same results always give the same bytes.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/error.h"
#include "entente/table.h"
#include "table/build.h"
#include "util/error.h"
#include "util/escape.h"
#include "util/jsonout.h"
#include "util/strbuf.h"

typedef struct column {
    char *name;
    ent_coltype type;
    int decimals;
} column;

typedef union cell {
    char *s;
    long long i;
    double r;
} cell;

struct ent_table {
    char *title;
    column *cols;
    size_t n_cols;
    cell *cells; /* n_rows * n_cols */
    size_t n_rows, cap_rows;
    char **notes;
    size_t n_notes;
};

/* ENT_ENOMEM with its message, for the building functions. */
static int out_of_memory(void)
{
    return ent_error_set(ENT_ENOMEM, "out of memory while building a table");
}

ent_table *ent__table_new(const char *title)
{
    ent_table *t = calloc(1, sizeof *t);
    if (!t) {
        out_of_memory();
        return NULL;
    }
    t->title = strdup(title ? title : "");
    if (!t->title) {
        free(t);
        out_of_memory();
        return NULL;
    }
    return t;
}

int ent_table_new(ent_table **out, const char *title)
{
    *out = ent__table_new(title);
    return *out ? ENT_OK : ENT_ENOMEM;
}

void ent_table_free(ent_table *t)
{
    if (!t)
        return;
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++)
            if (t->cols[c].type == ENT_COL_STRING)
                free(t->cells[r * t->n_cols + c].s);
    for (size_t c = 0; c < t->n_cols; c++)
        free(t->cols[c].name);
    for (size_t i = 0; i < t->n_notes; i++)
        free(t->notes[i]);
    free(t->notes);
    free(t->cols);
    free(t->cells);
    free(t->title);
    free(t);
}

int ent_table_copy(ent_table **out, const ent_table *t)
{
    *out = NULL;
    ent_table *c = ent__table_new(t->title);
    int rc = c ? ENT_OK : ENT_ENOMEM;
    for (size_t k = 0; !rc && k < t->n_cols; k++)
        rc = ent_table_add_column(c, t->cols[k].name, t->cols[k].type, t->cols[k].decimals);
    for (size_t r = 0; !rc && r < t->n_rows; r++) {
        rc = ent_table_add_row(c);
        for (size_t k = 0; !rc && k < t->n_cols; k++) {
            const cell *x = &t->cells[r * t->n_cols + k];
            switch (t->cols[k].type) {
            case ENT_COL_STRING: /* a cell never set stays unset */
                rc = x->s ? ent_table_set_string(c, k, x->s) : ENT_OK;
                break;
            case ENT_COL_INT:
                rc = ent_table_set_int(c, k, x->i);
                break;
            default:
                rc = ent_table_set_real(c, k, x->r);
            }
        }
    }
    for (size_t i = 0; !rc && i < t->n_notes; i++)
        rc = ent_table_add_note(c, t->notes[i]);
    if (rc) {
        ent_table_free(c);
        return rc;
    }
    *out = c;
    return ENT_OK;
}

int ent_table_add_column(ent_table *t, const char *name, ent_coltype type, int decimals)
{
    if (t->n_rows)
        return ENT_EUSAGE;
    column *cols = realloc(t->cols, (t->n_cols + 1) * sizeof *cols);
    if (!cols)
        return out_of_memory();
    t->cols = cols;
    if (!(cols[t->n_cols].name = strdup(name)))
        return out_of_memory();
    cols[t->n_cols].type = type;
    cols[t->n_cols].decimals = decimals;
    t->n_cols++;
    return ENT_OK;
}

int ent_table_add_row(ent_table *t)
{
    if (t->n_rows == t->cap_rows) {
        size_t cap = t->cap_rows ? t->cap_rows * 2 : 16;
        cell *cells = realloc(t->cells, cap * (t->n_cols ? t->n_cols : 1) * sizeof *cells);
        if (!cells)
            return out_of_memory();
        t->cells = cells;
        t->cap_rows = cap;
    }
    memset(&t->cells[t->n_rows * t->n_cols], 0, t->n_cols * sizeof *t->cells);
    t->n_rows++;
    return ENT_OK;
}

static cell *last(ent_table *t, size_t col)
{
    return t->n_rows && col < t->n_cols ? &t->cells[(t->n_rows - 1) * t->n_cols + col] : NULL;
}

int ent_table_set_string(ent_table *t, size_t col, const char *s)
{
    cell *c = last(t, col);
    if (!c || t->cols[col].type != ENT_COL_STRING)
        return ENT_EUSAGE;
    char *copy = strdup(s ? s : "");
    if (!copy)
        return out_of_memory();
    free(c->s);
    c->s = copy;
    return ENT_OK;
}

int ent_table_set_int(ent_table *t, size_t col, long long v)
{
    cell *c = last(t, col);
    if (!c || t->cols[col].type != ENT_COL_INT)
        return ENT_EUSAGE;
    c->i = v;
    return ENT_OK;
}

int ent_table_set_real(ent_table *t, size_t col, double v)
{
    cell *c = last(t, col);
    if (!c || t->cols[col].type != ENT_COL_REAL)
        return ENT_EUSAGE;
    c->r = v;
    return ENT_OK;
}

int ent_table_add_note(ent_table *t, const char *note)
{
    char **notes = realloc(t->notes, (t->n_notes + 1) * sizeof *notes);
    if (!notes)
        return out_of_memory();
    t->notes = notes;
    if (!(notes[t->n_notes] = strdup(note)))
        return out_of_memory();
    t->n_notes++;
    return ENT_OK;
}

size_t ent_table_row_count(const ent_table *t)
{
    return t->n_rows;
}

size_t ent_table_column_count(const ent_table *t)
{
    return t->n_cols;
}

const char *ent_table_title(const ent_table *t)
{
    return t->title;
}

const char *ent_table_column_name(const ent_table *t, size_t col)
{
    return col < t->n_cols ? t->cols[col].name : "";
}

ent_coltype ent_table_column_type(const ent_table *t, size_t col)
{
    return col < t->n_cols ? t->cols[col].type : ENT_COL_STRING;
}

long ent_table_column_index(const ent_table *t, const char *name)
{
    for (size_t c = 0; c < t->n_cols; c++)
        if (strcmp(t->cols[c].name, name) == 0)
            return (long)c;
    return -1;
}

const char *ent_table_string(const ent_table *t, size_t row, size_t col)
{
    if (row >= t->n_rows || col >= t->n_cols || t->cols[col].type != ENT_COL_STRING)
        return "";
    const char *s = t->cells[row * t->n_cols + col].s;
    return s ? s : "";
}

long long ent_table_int(const ent_table *t, size_t row, size_t col)
{
    if (row >= t->n_rows || col >= t->n_cols || t->cols[col].type != ENT_COL_INT)
        return 0;
    return t->cells[row * t->n_cols + col].i;
}

double ent_table_real(const ent_table *t, size_t row, size_t col)
{
    if (row >= t->n_rows || col >= t->n_cols || t->cols[col].type != ENT_COL_REAL)
        return NAN;
    return t->cells[row * t->n_cols + col].r;
}

/* ---------------------------------------------------------------------------
 * Formatting
 * ------------------------------------------------------------------------- */

/* The error of a table writer that ran out of memory, with its message. */
static int no_memory(const ent_table *t)
{
    return ent_error_set(ENT_ENOMEM, "out of memory while writing the table \"%s\"", t->title);
}

/* A cell as text into sb; NaN is "" (no value). Returns ENT_OK, or ENT_ENOMEM
 * (with the message set) when sb could not grow: sb's content is then not the
 * cell's and must not be used. Once sb failed it stays failed until released. */
static int cell_text(const ent_table *t, size_t r, size_t c, ent_strbuf *sb)
{
    const cell *x = &t->cells[r * t->n_cols + c];
    ent_strbuf_reset(sb);
    if (sb->failed)
        return no_memory(t);
    switch (t->cols[c].type) {
    case ENT_COL_STRING:
        ent_strbuf_adds(sb, x->s ? x->s : "");
        break;
    case ENT_COL_INT:
        ent_strbuf_addf(sb, "%lld", x->i);
        break;
    case ENT_COL_REAL:
        if (isnan(x->r))
            break;
        ent_strbuf_addf(sb, "%.*f", t->cols[c].decimals, x->r);
        if (sb->failed)
            break;
        /* "-0.000" and "0.000" are the same number: print one of them. */
        if (sb->buf[0] == '-' && strspn(sb->buf + 1, "0.") == sb->len - 1)
            memmove(sb->buf, sb->buf + 1, sb->len--);
        break;
    }
    return sb->failed ? no_memory(t) : ENT_OK;
}

size_t ent_table_cell_text(const ent_table *t, size_t row, size_t col, char *buf, size_t size)
{
    ent_strbuf sb = ENT_STRBUF_INIT;
    if (row >= t->n_rows || col >= t->n_cols) {
        if (size)
            buf[0] = '\0';
        return 0;
    }
    if (cell_text(t, row, col, &sb) != ENT_OK) {
        /* No memory for the text: not an empty cell, which would be a wrong
         * answer; SIZE_MAX says so (the message is set). */
        if (size)
            buf[0] = '\0';
        ent_strbuf_release(&sb);
        return SIZE_MAX;
    }
    size_t len = sb.len;
    if (size) {
        size_t n = len < size - 1 ? len : size - 1;
        if (n)
            memcpy(buf, sb.buf, n);
        buf[n] = '\0';
    }
    ent_strbuf_release(&sb);
    return len;
}

size_t ent_table_note_count(const ent_table *t)
{
    return t->n_notes;
}

const char *ent_table_note(const ent_table *t, size_t i)
{
    return i < t->n_notes ? t->notes[i] : NULL;
}

/* Display width of a UTF-8 string: code points. */
static size_t width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80)
            w++;
    return w;
}

/* Every cell is formatted once to size the columns before anything is
 * printed, so running out of memory there writes nothing. */
static int write_text(const ent_table *t, FILE *out)
{
    int rc = ENT_OK;
    size_t *w = calloc(t->n_cols ? t->n_cols : 1, sizeof *w);
    ent_strbuf sb = ENT_STRBUF_INIT;
    if (!w)
        return no_memory(t);
    for (size_t c = 0; c < t->n_cols; c++)
        w[c] = width(t->cols[c].name);
    for (size_t r = 0; r < t->n_rows; r++)
        for (size_t c = 0; c < t->n_cols; c++) {
            if ((rc = cell_text(t, r, c, &sb)) != ENT_OK)
                goto done;
            size_t k = width(ent_strbuf_str(&sb));
            if (k > w[c])
                w[c] = k;
        }
    if (t->title[0])
        fprintf(out, "%s\n", t->title);
    for (size_t pass = 0; pass <= t->n_rows; pass++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            const char *text;
            if (pass == 0)
                text = t->cols[c].name;
            else {
                if ((rc = cell_text(t, pass - 1, c, &sb)) != ENT_OK)
                    goto done;
                text = ent_strbuf_str(&sb);
            }
            size_t pad = w[c] - width(text);
            int right = t->cols[c].type != ENT_COL_STRING;
            int lastcol = c + 1 == t->n_cols;
            if (right)
                fprintf(out, "%*s%s", (int)pad, "", text);
            else
                fprintf(out, "%s%*s", text, lastcol ? 0 : (int)pad, "");
            fputs(lastcol ? "\n" : "  ", out);
        }
    }
    if (t->n_rows == 0)
        fputs("(no rows)\n", out);
    for (size_t i = 0; i < t->n_notes; i++)
        fprintf(out, "note: %s\n", t->notes[i]);
done:
    free(w);
    ent_strbuf_release(&sb);
    return rc;
}

static int write_csv(const ent_table *t, FILE *out)
{
    int rc = ENT_OK;
    ent_strbuf sb = ENT_STRBUF_INIT;
    for (size_t c = 0; c < t->n_cols; c++) {
        if (c)
            fputc(',', out);
        ent__escape_csv(out, t->cols[c].name);
    }
    fputc('\n', out);
    for (size_t r = 0; r < t->n_rows; r++) {
        for (size_t c = 0; c < t->n_cols; c++) {
            if (c)
                fputc(',', out);
            if ((rc = cell_text(t, r, c, &sb)) != ENT_OK)
                goto done;
            ent__escape_csv(out, ent_strbuf_str(&sb));
        }
        fputc('\n', out);
    }
done:
    ent_strbuf_release(&sb);
    return rc;
}

static int write_json_body(const ent_table *t, FILE *out, const char *indent)
{
    int rc = ENT_OK;
    ent_strbuf sb = ENT_STRBUF_INIT;
    fprintf(out, "{\n%s  \"title\": ", indent);
    ent_json_quote(out, t->title);
    fprintf(out, ",\n%s  \"columns\": [", indent);
    for (size_t c = 0; c < t->n_cols; c++) {
        fputs(c ? ", " : "", out);
        ent_json_quote(out, t->cols[c].name);
    }
    fprintf(out, "],\n%s  \"rows\": [", indent);
    for (size_t r = 0; r < t->n_rows; r++) {
        fprintf(out, "%s\n%s    {", r ? "," : "", indent);
        for (size_t c = 0; c < t->n_cols; c++) {
            fputs(c ? ", " : "", out);
            ent_json_quote(out, t->cols[c].name);
            fputs(": ", out);
            if ((rc = cell_text(t, r, c, &sb)) != ENT_OK)
                goto done;
            if (t->cols[c].type == ENT_COL_STRING)
                ent_json_quote(out, ent_strbuf_str(&sb));
            else
                fputs(sb.len ? ent_strbuf_str(&sb) : "null", out);
        }
        fputc('}', out);
    }
    if (t->n_rows)
        fprintf(out, "\n%s  ", indent);
    fprintf(out, "],\n%s  \"notes\": [", indent);
    for (size_t i = 0; i < t->n_notes; i++) {
        fputs(i ? ", " : "", out);
        ent_json_quote(out, t->notes[i]);
    }
    fprintf(out, "]\n%s}", indent);
done:
    ent_strbuf_release(&sb);
    return rc;
}

int ent_table_write(const ent_table *t, ent_table_format fmt, FILE *out)
{
    int rc = ENT_OK;
    if (fmt == ENT_TABLE_TEXT)
        rc = write_text(t, out);
    else if (fmt == ENT_TABLE_CSV)
        rc = write_csv(t, out);
    else if ((rc = write_json_body(t, out, "")) == ENT_OK)
        fputc('\n', out);
    if (rc == ENT_OK && ferror(out))
        rc = ENT_EIO;
    return rc;
}

int ent_table_write_all(const ent_table *const *tables, size_t n, ent_table_format fmt, FILE *out)
{
    if (fmt == ENT_TABLE_JSON) {
        fputs("{\n  \"tables\": [", out);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",\n    " : "\n    ", out);
            int rc = write_json_body(tables[i], out, "    ");
            if (rc)
                return rc;
        }
        fputs("\n  ]\n}\n", out);
        return ferror(out) ? ENT_EIO : ENT_OK;
    }
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc('\n', out);
        int rc = ent_table_write(tables[i], fmt, out);
        if (rc)
            return rc;
    }
    return ENT_OK;
}
