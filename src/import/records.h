/*
 * records.h: the importers' table reader (internal): files read as streams
 * through libarchive (plain, .gz, .zip), split into records by libcsv (RFC
 * 4180 quoting in strict mode), the line and column of every field kept, and
 * problems reported at those positions with the line and a caret.
 */
#ifndef ENT_IMPORT_RECORDS_H
#define ENT_IMPORT_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "entente/diag.h"
#include "util/strbuf.h"

typedef struct ent__records ent__records;
struct csv_parser; /* libcsv's, seen by records.c alone */

struct ent__records {
    /* Set by the caller. */
    ent_diags *diags;
    int skip_bad;           /* row problems are warnings (the row is skipped) */
    size_t max_errors;      /* stop after this many errors; 0: 100 */
    const char *what;       /* what the file should be, e.g. "a GDELT event table" */
    const char *quote_code; /* the code of a quote left open, e.g. "gdelt-quote" */
    const char *utf8_code;  /* the code of a field that is not UTF-8, e.g. "csv-encoding" */
    void (*on_record)(void *ud, ent__records *r); /* each record; may set r->stop */
    void *ud;

    /* Read by the caller. */
    const char *file; /* the file being read */
    uint64_t index;   /* records of this file (or zip entry) before this one */
    size_t nf;        /* fields of the current record */
    size_t errors;    /* problems reported (and counted towards max_errors) */
    uint64_t bad;     /* rows with a problem */
    int stop;         /* stop reading: too many errors, a fatal problem */
    int oom;          /* out of memory */

    /* The reader's state. */
    char delim;              /* '\t' or ',' */
    int quoting;             /* comma-separated: RFC 4180 quotes */
    struct csv_parser *csv;  /* libcsv's parser */
    unsigned char tsv_quote; /* tab-separated: the quote character libcsv is given */
    ent_strbuf field;        /* the current record's fields, each NUL-terminated */
    size_t *off;             /* start of each field in `field` */
    unsigned *fline, *fcol;  /* line and byte column (0-based) of each field */
    size_t capf;
    ent_strbuf text;            /* the record's raw text, for carets */
    unsigned line, col;         /* where the next byte is (line 1-based, col 0-based) */
    unsigned rec_line;          /* the line the record starts on */
    unsigned cur_line, cur_col; /* where the field being read starts */
    unsigned end_col;           /* the column of the byte that ends the chunk being parsed */
    const char *chunk_end;      /* just after that byte, in the block being read */
    const char *seg;            /* the record's raw text not yet copied to `text` */
    int at_start;               /* nothing of the file read yet (for the BOM) */
    int in_record;              /* a record has begun (libcsv is within a row) */
    int skip_line;              /* a row's quoting was refused ('"': a stray quote, 1: text
                                   after a closing quote): skip to the end of its line */
    unsigned quote_col;         /* where on the line */
};

/* Field k of the current record (NUL-terminated); "" when k is out of range. */
const char *ent__records_field(const ent__records *r, size_t k);

/* Reports a problem with field k of the current record (k < 0: the record as
 * a whole), at its line and column, with the line; counts the row as bad. */
void ent__records_problem(ent__records *r, int k, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports a problem with a whole file (an error, whatever skip_bad says). */
void ent__records_file_problem(ent__records *r, const char *file, const char *code,
                               const char *msg);

/* Reads `file` ('-': standard input), calling on_record for every record.
 * Returns 0, ENT_EINVALID (a problem reported), ENT_EIO (cannot be opened,
 * reported) or ENT_ENOMEM. */
int ent__records_read(ent__records *r, const char *file);

#endif
