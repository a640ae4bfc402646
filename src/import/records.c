/*
 * records.c: the importers' table reader: a file read as a stream through
 * libarchive (which undoes .gz and .zip and passes plain files through; the
 * importers are the only module that sees it), split into records by a small
 * RFC 4180 reader that copies runs of ordinary bytes at once and knows the
 * line and column of every field, so that a problem is reported where it is.
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

#include "entente/error.h"
#include "import/records.h"

enum { S_START, S_UNQUOTED, S_QUOTED, S_QUOTE_SEEN };



static int begin_field(ent__records *r)
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
    r->fline[r->nf] = r->line;
    r->fcol[r->nf] = r->col;
    r->nf++;
    r->state = S_START;
    return 0;
}

static void reader_reset_record(ent__records *r)
{
    ent_strbuf_reset(&r->field);
    ent_strbuf_reset(&r->text);
    r->nf = 0;
    r->in_record = 0;
}

static void reader_release(ent__records *r)
{
    ent_strbuf_release(&r->field);
    ent_strbuf_release(&r->text);
    free(r->off);
    free(r->fline);
    free(r->fcol);
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

/* Reports a problem with field k of the current record (k < 0: the record
 * as a whole, at its first field). */
void ent__records_problem(ent__records *r, int k, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    r->bad++;
    size_t max = r->max_errors ? r->max_errors : 100;
    if (r->stop || r->errors >= max)
        return; /* with skip_bad, rows past the limit are only counted */
    unsigned line = r->rec_line, bcol = 0;
    if (k >= 0 && (size_t)k < r->nf) {
        line = r->fline[k];
        bcol = r->fcol[k];
    }
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

void ent__records_file_problem(ent__records *r, const char *file, const char *code,
                               const char *msg)
{
    if (ent_diags_add(r->diags, ENT_SEV_ERROR, code, file, 0, 0, NULL, 0, msg) != 0)
        r->oom = 1;
    r->errors++;
}

/* A record is complete: hand it to the caller (a blank line is no record). */
static void end_record(ent__records *r)
{
    if (!(r->nf == 1 && r->field.len == 0)) {
        r->on_record(r->ud, r);
        r->index++;
    }
    reader_reset_record(r);
}

/* Feeds `n` bytes of the file to the record reader. */
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
        r->at_start = 0;
    }
    size_t seg = i; /* raw text of the record not yet copied to r->text */
    while (i < n && !r->stop) {
        if (!r->in_record) {
            r->in_record = 1;
            r->rec_line = r->line;
            seg = i;
            if (begin_field(r) != 0)
                return -1;
        }
        /* The run of ordinary bytes up to the next one that matters. */
        size_t k = i;
        if (r->state == S_QUOTED) {
            while (k < n && buf[k] != '"' && buf[k] != '\n')
                k++;
        } else {
            const char d = r->delim, q = r->quoting ? '"' : '\n';
            while (k < n && buf[k] != d && buf[k] != '\n' && buf[k] != '\r' && buf[k] != q)
                k++;
            if (k > i) /* after a closing quote too: the text is kept as it is */
                r->state = S_UNQUOTED;
        }
        if (k > i) {
            ent_strbuf_add(&r->field, buf + i, k - i);
            r->col += (unsigned)(k - i);
            i = k;
            if (i == n)
                break;
        }
        char c = buf[i++];
        if (r->state == S_QUOTED) {
            if (c == '"') {
                r->state = S_QUOTE_SEEN;
                r->col++;
            } else { /* a line break inside quotes */
                ent_strbuf_addc(&r->field, c);
                r->line++;
                r->col = 0;
            }
            continue;
        }
        if (c == '\r') {
            r->col++;
            continue;
        }
        if (c == '\n') {
            ent_strbuf_add(&r->text, buf + seg, i - seg);
            ent_strbuf_addc(&r->field, '\0');
            end_record(r);
            seg = i;
            r->line++;
            r->col = 0;
            continue;
        }
        if (c == r->delim) {
            ent_strbuf_addc(&r->field, '\0');
            r->col++;
            if (begin_field(r) != 0)
                return -1;
            continue;
        }
        /* a quote, in a comma-separated table */
        if (r->state == S_START)
            r->state = S_QUOTED;
        else {
            ent_strbuf_addc(&r->field, '"'); /* "" inside quotes, or a stray quote */
            if (r->state == S_QUOTE_SEEN)
                r->state = S_QUOTED;
        }
        r->col++;
    }
    if (r->in_record && seg < n)
        ent_strbuf_add(&r->text, buf + seg, n - seg);
    if (r->field.failed || r->text.failed)
        return -1;
    return 0;
}

/* The end of a file: a last record without a final newline, or a quote left open. */
static void finish_file(ent__records *r)
{
    if (r->stop || !r->in_record)
        return;
    if (r->state == S_QUOTED) {
        ent__records_problem(r, (int)r->nf - 1, r->quote_code,
                    "a quoted field is not closed before the end of the file");
        return;
    }
    ent_strbuf_addc(&r->field, '\0');
    end_record(r);
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
    if (!buf) {
        archive_read_free(ar);
        return ENT_ENOMEM;
    }
    while (!r->stop && (rc = archive_read_next_header(ar, &e)) == ARCHIVE_OK) {
        if (archive_format(ar) != ARCHIVE_FORMAT_RAW && archive_entry_filetype(e) != AE_IFREG)
            continue;
        entries++;
        r->file = file;
        r->line = 1;
        r->col = 0;
        r->at_start = 1;
        r->index = 0;
        r->state = S_START;
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

