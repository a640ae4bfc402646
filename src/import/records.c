/*
 * records.c: the importers' table reader: a file read as a stream through
 * libarchive (which undoes .gz and .zip and passes plain files through) and
 * split into records by libcsv (RFC 4180, strict), the only module that sees
 * either library.
 *
 * Positions. libcsv reports a field when the byte after it (a delimiter or a
 * line break) is parsed, but not where that byte was. So the reader hands it
 * the file in chunks that each end at the next delimiter, CR or LF byte
 * (found by a plain scan): a field reported while a chunk is parsed ended at
 * the chunk's last byte, and the next field starts just after it. Every LF
 * starts a new line, inside quotes too, so a field after a quoted line break
 * is placed on its own line. Columns count bytes from the line's start (a
 * byte-order mark not counted); the diagnostics turn them into characters.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <archive.h>
#include <archive_entry.h>
#include <csv.h>

#include "entente/error.h"
#include "import/records.h"

/* Appends a field of the current record, which started at (cur_line,
 * cur_col); data[len] is its NUL. */
static int push_field(ent__records *r, const void *data, size_t len)
{
    if (r->nf == r->capf) {
        size_t c = r->capf ? r->capf * 2 : 64;
        size_t *o = realloc(r->off, c * sizeof *o);
        if (o)
            r->off = o;
        unsigned *l = realloc(r->fline, c * sizeof *l);
        if (l)
            r->fline = l;
        unsigned *k = realloc(r->fcol, c * sizeof *k);
        if (k)
            r->fcol = k;
        if (!o || !l || !k)
            return -1;
        r->capf = c;
    }
    r->off[r->nf] = r->field.len;
    r->fline[r->nf] = r->cur_line;
    r->fcol[r->nf] = r->cur_col;
    r->nf++;
    ent_strbuf_add(&r->field, data, len + 1); /* with its NUL (CSV_APPEND_NULL) */
    return r->field.failed ? -1 : 0;
}

static void reader_reset_record(ent__records *r)
{
    ent_strbuf_reset(&r->field);
    ent_strbuf_reset(&r->text);
    r->nf = 0;
    r->in_record = 0;
}

/* libcsv back at the start of a row, whatever it was in the middle of. */
static void csv_reset(ent__records *r)
{
    unsigned char opts = (unsigned char)csv_get_opts(r->csv);
    csv_set_opts(r->csv, CSV_APPEND_NULL); /* with CSV_STRICT_FINI, an open quote would not reset */
    csv_fini(r->csv, NULL, NULL, NULL);
    csv_set_opts(r->csv, opts);
}

static void reader_release(ent__records *r)
{
    ent_strbuf_release(&r->field);
    ent_strbuf_release(&r->text);
    free(r->off);
    free(r->fline);
    free(r->fcol);
    if (r->csv) {
        csv_free(r->csv);
        free(r->csv);
        r->csv = NULL;
    }
    r->off = NULL;
    r->fline = r->fcol = NULL;
    r->capf = r->nf = 0;
}

const char *ent__records_field(const ent__records *r, size_t k)
{
    return k < r->nf ? r->field.buf + r->off[k] : "";
}

/* The column (in characters) of byte `b` of `s`. */
static unsigned char_col(const char *s, size_t b)
{
    unsigned n = 0;
    for (size_t i = 0; i < b && s[i]; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* Reports a problem at byte column bcol of `line` within the current record. */
static void problem_at(ent__records *r, unsigned line, unsigned bcol, const char *code,
                       const char *msg)
{
    r->bad++;
    size_t max = r->max_errors ? r->max_errors : 100;
    if (r->stop || r->errors >= max)
        return; /* with skip_bad, rows past the limit are only counted */
    /* The text of `line` within the record's raw text. */
    const char *t = ent_strbuf_str(&r->text);
    for (unsigned l = r->rec_line; l < line && t; l++) {
        t = strchr(t, '\n');
        t = t ? t + 1 : NULL;
    }
    char shown[200];
    size_t caret = 0;
    shown[0] = '\0';
    if (t) {
        size_t len = strcspn(t, "\r\n");
        /* A field after a lone CR (a line end to this display, not to the
         * reader) lies past the shown line: point at its end. */
        if (bcol > len)
            bcol = (unsigned)len;
        /* Long lines (GDELT rows are) are shown around the field. */
        size_t from = bcol > 60 ? bcol - 60 : 0;
        while (from > 0 && ((unsigned char)t[from] & 0xC0) == 0x80)
            from--;
        size_t to = len - from > 150 ? from + 150 : len;
        while (to < len && ((unsigned char)t[to] & 0xC0) == 0x80)
            to--;
        snprintf(shown, sizeof shown, "%s%.*s%s", from ? "..." : "", (int)(to - from), t + from,
                 to < len ? "..." : "");
        caret = (from ? 3 : 0) + char_col(t + from, bcol - from);
        /* Tabs as spaces; control characters and bytes that are not UTF-8 as '?'. */
        for (unsigned char *p = (unsigned char *)shown; *p;) {
            size_t cl = 1;
            if (*p >= 0x80) {
                cl = *p >= 0xF0 && *p <= 0xF4 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC2 ? 2 : 0;
                for (size_t j = 1; j < cl; j++)
                    if ((p[j] & 0xC0) != 0x80)
                        cl = 0;
                if (!cl) {
                    *p = '?';
                    cl = 1;
                }
            } else if (*p == '\t')
                *p = ' ';
            else if (*p < 0x20 || *p == 0x7F)
                *p = '?';
            p += cl;
        }
    }
    unsigned col = t ? char_col(t, bcol) + 1 : 1;
    ent_severity sev = r->skip_bad ? ENT_SEV_WARNING : ENT_SEV_ERROR;
    if (ent_diags_add(r->diags, sev, code, r->file, line, col, shown, (unsigned)caret, msg) != 0)
        r->stop = r->oom = 1;
    if (++r->errors >= max && !r->skip_bad)
        r->stop = 1;
}

/* Reports a problem with field k of the current record (k < 0: the record
 * as a whole, at its first field). */
void ent__records_problem(ent__records *r, int k, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    unsigned line = r->rec_line, bcol = 0;
    if (k >= 0 && (size_t)k < r->nf) {
        line = r->fline[k];
        bcol = r->fcol[k];
    }
    problem_at(r, line, bcol, code, msg);
}

void ent__records_file_problem(ent__records *r, const char *file, const char *code, const char *msg)
{
    if (ent_diags_add(r->diags, ENT_SEV_ERROR, code, file, 0, 0, NULL, 0, msg) != 0)
        r->oom = 1;
    r->errors++;
}

/* libcsv trims spaces and tabs around unquoted fields unless told that no
 * byte is a space; the tables' text is kept as it is. */
static int no_space(unsigned char c)
{
    (void)c;
    return 0;
}

/* The record's raw text, for carets, is copied from the buffer in one go:
 * from r->seg up to `to`. */
static void flush_text(ent__records *r, const char *to)
{
    if (to > r->seg)
        ent_strbuf_add(&r->text, r->seg, (size_t)(to - r->seg));
    r->seg = to;
}

/* libcsv's field callback: field text ended by the chunk's last byte. */
static void on_csv_field(void *data, size_t len, void *ud)
{
    ent__records *r = ud;
    if (r->oom)
        return;
    if (push_field(r, data, len) != 0)
        r->oom = 1;
    /* The next field starts after the delimiter, on the chunk's line: the
     * chunk holds no line break but its last byte. */
    r->cur_line = r->line;
    r->cur_col = r->end_col + 1;
}

/* Offset of the first byte of s that does not belong to well-formed UTF-8
 * (no overlong forms, surrogates or code points past U+10FFFF), or -1. */
static long bad_utf8(const unsigned char *s)
{
    for (const unsigned char *p = s; *p;) {
        if (*p < 0x80) {
            p++;
            continue;
        }
        size_t n = *p >= 0xC2 && *p <= 0xDF   ? 2
                   : *p >= 0xE0 && *p <= 0xEF ? 3
                   : *p >= 0xF0 && *p <= 0xF4 ? 4
                                              : 0;
        unsigned lo = 0x80, hi = 0xBF; /* the second byte's range */
        if (*p == 0xE0)
            lo = 0xA0;
        else if (*p == 0xED)
            hi = 0x9F;
        else if (*p == 0xF0)
            lo = 0x90;
        else if (*p == 0xF4)
            hi = 0x8F;
        if (!n || p[1] < lo || p[1] > hi)
            return (long)(p - s);
        for (size_t j = 2; j < n; j++)
            if ((p[j] & 0xC0) != 0x80)
                return (long)(p - s);
        p += n;
    }
    return -1;
}

/* Whether every field of the record is UTF-8; reports the first that is not. */
static int record_utf8(ent__records *r)
{
    for (size_t k = 0; k < r->nf; k++) {
        const char *v = ent__records_field(r, k);
        long at = bad_utf8((const unsigned char *)v);
        if (at >= 0) {
            ent__records_problem(r, (int)k, r->utf8_code ? r->utf8_code : "encoding",
                                 "field %zu holds byte 0x%02x, which is not UTF-8: the file must "
                                 "be UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8)",
                                 k + 1, (unsigned char)v[at]);
            return 0;
        }
    }
    return 1;
}

/* libcsv's row callback: the record is complete (libcsv reports no empty
 * rows, so blank lines are no records); hand it to the caller when its
 * fields are UTF-8. */
static void on_csv_row(int c, void *ud)
{
    (void)c;
    ent__records *r = ud;
    flush_text(r, r->chunk_end);
    if (!r->oom && !r->stop && record_utf8(r)) {
        r->on_record(r->ud, r);
        r->index++;
    }
    reader_reset_record(r);
}

/* Reports the row refused for its quoting (bad_quote), once the rest of its
 * line has been read, so that the line is shown whole. */
static void report_bad_quote(ent__records *r)
{
    problem_at(r, r->line, r->quote_col, r->quote_code,
               r->skip_line == '"'
                   ? "a quote inside a field that does not start with one (quote the whole "
                     "field and double the quote)"
                   : "the quoted field goes on after its closing quote (a quote inside "
                     "quotes is written twice)");
    reader_reset_record(r);
    r->skip_line = 0;
}

/* libcsv stopped at byte c, column bcol of the current line (strict mode): a
 * quote where RFC 4180 allows none. The row is refused; the rest of its line
 * is skipped (and kept for the report), then reading goes on. */
static void bad_quote(ent__records *r, unsigned bcol, unsigned char c)
{
    csv_reset(r);
    r->quote_col = bcol;
    r->skip_line = c == '"' ? '"' : 1;
}

/* Feeds `n` bytes of the file to libcsv, a chunk at a time. */
static int feed(ent__records *r, const char *buf, size_t n)
{
    size_t i = 0;
    if (r->at_start) {
        if (n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            i = 3;
        /* The delimiter: a tab on the first line makes it tab-separated. */
        const char *nl = memchr(buf + i, '\n', n - i);
        size_t first = nl ? (size_t)(nl - (buf + i)) : n - i;
        if (memchr(buf + i, '\0', n - i)) {
            char msg[256];
            snprintf(msg, sizeof msg, "the file holds binary data, not %s", r->what);
            ent__records_file_problem(r, r->file, "import-binary", msg);
            r->stop = 1;
            return 0;
        }
        r->delim = memchr(buf + i, '\t', first) ? '\t' : ',';
        r->quoting = r->delim == ',';
        csv_set_delim(r->csv, (unsigned char)r->delim);
        /* Comma-separated: RFC 4180 quotes, any quote elsewhere an error.
         * Tab-separated (GDELT): no quoting, quotes are text (below). */
        csv_set_opts(r->csv, CSV_APPEND_NULL | (r->quoting ? CSV_STRICT | CSV_STRICT_FINI : 0));
        csv_set_quote(r->csv, r->quoting ? '"' : r->tsv_quote);
        r->at_start = 0;
    }
    const char d = r->delim;
    r->seg = buf + i;
    while (i < n && !r->stop) {
        /* The chunk: up to and including the next delimiter, CR or LF. */
        size_t k = i;
        while (k < n && buf[k] != d && buf[k] != '\n' && buf[k] != '\r')
            k++;
        size_t len = k < n ? k - i + 1 : n - i;
        const char last = buf[i + len - 1];
        if (r->skip_line) {
            /* the rest of a refused row's line (its text kept for the report) */
        } else if (!r->in_record && (buf[i] == '\n' || buf[i] == '\r')) {
            /* a line end between records: libcsv skips it too */
        } else {
            if (!r->in_record) {
                r->in_record = 1;
                r->rec_line = r->cur_line = r->line;
                r->cur_col = r->col;
                r->seg = buf + i;
            }
            if (!r->quoting && (unsigned char)buf[i] == r->tsv_quote) {
                /* libcsv always has a quote character, and a field that
                 * starts with it is quoted. Fields start at a chunk's first
                 * byte: give libcsv a quote character other than this one. */
                r->tsv_quote = r->tsv_quote == 0xFF ? 0xFE : 0xFF;
                csv_set_quote(r->csv, r->tsv_quote);
            }
            r->chunk_end = buf + i + len;
            r->end_col = r->col + (unsigned)len - 1;
            size_t done = csv_parse(r->csv, buf + i, len, on_csv_field, on_csv_row, r);
            if (r->oom)
                return -1;
            if (done < len) {
                if (csv_error(r->csv) != CSV_EPARSE)
                    return -1; /* out of memory (CSV_ENOMEM, CSV_ETOOBIG) */
                bad_quote(r, r->col + (unsigned)done, (unsigned char)buf[i + done]);
            }
        }
        if (r->skip_line && last == '\n') {
            flush_text(r, buf + i + len);
            report_bad_quote(r);
        }
        if (last == '\n') {
            r->line++;
            r->col = 0;
        } else
            r->col += (unsigned)len;
        i += len;
    }
    if (r->in_record || r->skip_line)
        flush_text(r, buf + i); /* the record goes on in the next block */
    return r->text.failed ? -1 : 0;
}

/* The end of a file: a last record without a final newline, or a quote left open. */
static void finish_file(ent__records *r)
{
    if (r->skip_line && !r->stop)
        report_bad_quote(r); /* on the last line, without a final newline */
    if (r->stop || !r->in_record) {
        csv_reset(r);
        return;
    }
    if (csv_fini(r->csv, on_csv_field, on_csv_row, r) != 0) {
        /* CSV_STRICT_FINI: the last field's quote is still open */
        problem_at(r, r->cur_line, r->cur_col, r->quote_code,
                   "a quoted field is not closed before the end of the file");
        reader_reset_record(r);
        csv_reset(r);
    }
}

int ent__records_read(ent__records *r, const char *file)
{
    struct stat sb;
    if (strcmp(file, "-") != 0 && stat(file, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size == 0) {
        ent__records_file_problem(r, file, "import-empty", "the file is empty");
        return ENT_EINVALID;
    }
    struct archive *ar = archive_read_new();
    if (!ar)
        return ENT_ENOMEM;
    archive_read_support_filter_all(ar);
    archive_read_support_format_zip(ar);
    archive_read_support_format_raw(ar);
    int rc = strcmp(file, "-") == 0 ? archive_read_open_fd(ar, 0, 1 << 16)
                                    : archive_read_open_filename(ar, file, 1 << 16);
    char msg[512];
    int status = 0;
    if (rc != ARCHIVE_OK) {
        snprintf(msg, sizeof msg, "cannot read: %s",
                 archive_error_string(ar) ? archive_error_string(ar) : strerror(errno));
        ent__records_file_problem(r, file, "import-read", msg);
        archive_read_free(ar);
        return ENT_EIO;
    }
    struct archive_entry *e;
    size_t entries = 0;
    uint64_t bytes = 0;
    char *buf = malloc(1 << 16);
    if (!r->csv && (r->csv = malloc(sizeof *r->csv)) != NULL &&
        csv_init(r->csv, CSV_APPEND_NULL) != 0) {
        free(r->csv);
        r->csv = NULL;
    }
    if (!buf || !r->csv) {
        free(buf);
        archive_read_free(ar);
        reader_release(r);
        return ENT_ENOMEM;
    }
    csv_set_space_func(r->csv, no_space);
    csv_set_blk_size(r->csv, 1024);
    r->tsv_quote = 0xFF;
    while (!r->stop && (rc = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
        if (archive_format(ar) != ARCHIVE_FORMAT_RAW && archive_entry_filetype(e) != AE_IFREG)
            continue;
        entries++;
        r->file = file;
        r->line = 1;
        r->col = 0;
        r->at_start = 1;
        r->index = 0;
        r->skip_line = 0;
        reader_reset_record(r);
        la_ssize_t got;
        while (!r->stop && (got = archive_read_data(ar, buf, 1 << 16)) > 0) {
            bytes += (uint64_t)got;
            if (feed(r, buf, (size_t)got) != 0)
                r->oom = r->stop = 1;
        }
        if (!r->stop && got < 0) {
            snprintf(msg, sizeof msg, "the compressed data is damaged or cut short: %s",
                     archive_error_string(ar));
            ent__records_file_problem(r, file, "import-archive", msg);
            status = ENT_EINVALID;
            r->stop = 1;
        }
        finish_file(r);
    }
    if (!r->stop && rc != ARCHIVE_EOF && rc != ARCHIVE_OK) {
        snprintf(msg, sizeof msg, "the archive is damaged or cut short: %s",
                 archive_error_string(ar));
        ent__records_file_problem(r, file, "import-archive", msg);
        status = ENT_EINVALID;
    } else if (!r->stop && (entries == 0 || bytes == 0) && status == 0) {
        ent__records_file_problem(r, file, "import-empty",
                                  entries ? "the file is empty" : "the archive holds no file");
        status = ENT_EINVALID;
    }
    free(buf);
    archive_read_free(ar);
    reader_release(r);
    if (r->oom)
        return ENT_ENOMEM;
    return status;
}
