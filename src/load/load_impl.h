/*
 * load_impl.h: what the loader's files share (private to src/load/): the
 * files and their layout found by the first pass, the loader's state, and the
 * functions one part of the loader offers the others. load.c tells how the
 * parts fit together.
 */
#ifndef ENT_LOAD_IMPL_H
#define ENT_LOAD_IMPL_H

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cJSON.h>

#include "entente/entente.h"
#include "load/jscan.h"
#include "model/diag_impl.h"
#include "model/graph_impl.h"
#include "util/error.h"
#include "util/fuzzy.h"
#include "util/strbuf.h"

#define DEFAULT_MAX_ERRORS 100
/* Character boundaries remembered behind the caret: more than CLIP_BEFORE / 2. */
#define POSCACHE_RING 32
#define MAX_ID_LEN    128

/* ---------------------------------------------------------------------------
 * Files and their layout as found by the first pass
 * ------------------------------------------------------------------------- */

enum section_id {
    SEC_TYPES,
    SEC_SOURCES,
    SEC_ACTORS,
    SEC_SNAPSHOTS,
    SEC_RELATIONS,
    SEC_COMPARISONS,
    SEC_COUNT
};

extern const char *const ent__section_names[SEC_COUNT];
extern const char *const ent__element_names[SEC_COUNT];

typedef struct elem {
    size_t start, end; /* byte range of the element's text */
    unsigned line;     /* line of `start` */
} elem;

typedef struct section {
    int present;    /* the member was seen */
    size_t key_pos; /* its name, for duplicate-key notes */
    size_t val_pos; /* its value */
    elem *items;    /* the elements when the value is an array */
    size_t n, cap;
} section;

/* Top-level members that are not arrays of records. */
enum scalar_id { TOP_FORMAT, TOP_TITLE, TOP_DESCRIPTION, TOP_COUNT };
extern const char *const ent__scalar_names[TOP_COUNT];

typedef struct lfile {
    const char *name; /* as given */
    char *owned;      /* the bytes when the loader read them */
    size_t mapped;    /* when not 0, `owned` is a read-only mapping of this length */
    const char *buf;
    size_t len;
    uint32_t index; /* in the graph's file list */
    int readable;   /* the bytes could be read */
    int syntax_ok;  /* the first pass succeeded */
    int format_ok;  /* "format" is "entente/1" (or missing: assumed) */
    size_t top_pos; /* the top-level '{' */
    section sec[SEC_COUNT];
    int scalar_present[TOP_COUNT];
    size_t scalar_key[TOP_COUNT], scalar_val[TOP_COUNT];
} lfile;

/* Where a record was defined, for "first defined here" notes. */
typedef struct origin {
    uint32_t file;
    size_t pos; /* the record's object; its "id" is found from there */
    unsigned line;
} origin;

typedef struct loader {
    ent_graph *g;
    ent_diags *diags;
    lfile *files;
    size_t n_files;
    size_t errors, max_errors;
    int stopped;   /* max_errors reached */
    int oom;       /* an allocation failed */
    int io_failed; /* a file could not be read */
    int allow_missing_evidence;
    int warn_no_from;         /* ent_load_options.warn_no_from */
    unsigned threads;         /* ent_load_options.threads */
    lfile *cur;               /* file of the first pass's hooks */
    section *cur_sec;         /* section of the member being scanned, or NULL */
    jscan *scan;              /* the first pass's scanner */
    struct scan_split *split; /* the first pass's second thread, or NULL */
    ent_strbuf msg;           /* scratch for messages */
    origin *type_origin, *source_origin, *actor_origin, *snapshot_origin, *relation_origin,
        *comparison_origin;
    size_t cap_type_origin, cap_source_origin, cap_actor_origin, cap_snapshot_origin,
        cap_relation_origin, cap_comparison_origin;
    /* The first comparison marked "headline": true, whatever its other
     * problems, so that a second one is reported against it. */
    int headline_seen;
    origin headline_origin;
    size_t n_relation_ids; /* relation ids registered, and origins recorded */
    /* Per actor, what every relation checks: its kind, and whether it has
     * existence dates. Kept apart from the actor records so that checking a
     * million relations stays in cache. */
    uint8_t *actor_kind, *actor_dated;
    size_t cap_actor_kind, cap_actor_dated;
    /* Per actor, the first day of its "from" and the last of its "to"
     * (INT32_MIN and INT32_MAX when not given), packed for the existence
     * checks: the actors themselves are large and read at random. */
    int32_t (*actor_days)[2];
    size_t cap_actor_days;
    /* A line-counting checkpoint: byte `base_pos` of file `base_file` is on
     * line `base_line` (the element being checked), so that locating a
     * problem counts lines from there rather than from the file's start. */
    size_t base_file, base_pos;
    unsigned base_line;
    /* The last position located, so that diagnostics coming in increasing
     * order (as they do on a long line with many errors) each cost only the
     * bytes between them, not the length of the line before them. */
    struct poscache {
        int valid;                  /* the fields below describe a position */
        size_t file;                /* the file's index */
        size_t pos;                 /* byte located */
        unsigned line, col;         /* its line and column */
        size_t line_start;          /* first byte of its line */
        size_t chars;               /* display characters counted from line_start... */
        size_t chars_end;           /* ...up to this byte, the end of the last one */
        size_t ring[POSCACHE_RING]; /* ring[c % POSCACHE_RING]: the end of character c */
    } pc;
    /* Actor ids, packed apart from the other strings: a million relations
     * look them up by comparing keys, which then share a few cache lines
     * instead of one each. Handed to the graph's arena at the end. */
    ent_arena id_arena;
    /* Where strings and relations go: the graph's arena and relation array,
     * or a worker's own while relations are checked on two threads. */
    ent_arena *arena;
    ent_relation **rel_items;
    size_t *rel_n, *rel_cap;
    /* On a worker: relation ids are collected here, not registered. */
    int collect_ids;
    const char **ids;
    size_t n_ids, cap_ids;
    /* The relations of a symmetric type, by index in the order they were
     * kept, for the check that such a tie is not coded both ways. */
    uint32_t *sym;
    size_t n_sym, cap_sym;
    /* The actors were checked ahead, while the first pass scanned the
     * relations (see ent__actors_ahead): how many, and whether cleanly. */
    int actors_ahead;
    size_t ahead_n;
    /* Path of the object being checked for duplicate keys (see dupcheck). */
    struct pathstep {
        const char *key; /* NULL for an array index */
        int occurrence;  /* which member of that name (0 = first) */
        size_t index;
    } path[ENT_JSON_MAX_DEPTH + 1];
} loader;

/* JSON types a member may have; T_DATE is a string holding a date, which
 * only changes what a wrong-type message asks for. */
enum { T_STR = 1, T_NUM = 2, T_BOOL = 4, T_ARR = 8, T_OBJ = 16, T_DATE = 32 };

typedef struct field {
    const char *name;
    unsigned types;
    size_t len; /* strlen(name), for matching names in place */
} field;

/* An entry of a field table: FIELD("id", T_STR). */
#define FIELD(name, types)           \
    {                                \
        name, types, sizeof name - 1 \
    }

#define MAX_FIELDS 16

/*
 * The position of an object that may never be needed: element `index` of the
 * array member `key` of the object at `parent`, found only when asked for.
 */
typedef struct lazy_pos {
    const lfile *f;
    size_t parent;
    const char *key; /* NULL: `pos` is already known */
    size_t index;
    size_t pos;
} lazy_pos;

/* load_diag.c: positions and diagnostics */
__attribute__((format(printf, 6, 7))) void ent__report(loader *L, ent_severity sev,
                                                       const char *code, const lfile *f, size_t pos,
                                                       const char *fmt, ...);
__attribute__((format(printf, 7, 8))) void ent__report_guess(loader *L, ent_severity sev,
                                                             const char *code, const lfile *f,
                                                             size_t pos, const char *guess,
                                                             const char *fmt, ...);
void ent__vreport(loader *L, ent_severity sev, const char *code, const lfile *f, size_t pos,
                  const char *guess, const char *fmt, va_list ap);
void ent__linecol(loader *L, const lfile *f, size_t pos, unsigned *line, unsigned *col,
                  size_t *line_start);

/* load_scan.c: reading files and the first pass */
int ent__read_file(loader *L, lfile *f);
void ent__first_pass(loader *L, lfile *f);

/* load_check.c: cJSON's memory and the helpers that check one element */
void ent__bump_release(void);
const char *ent__closest_actor(const ent_graph *g, const char *word);
int ent__record_origin(loader *L, origin **arr, size_t *cap, size_t index, const lfile *f,
                       size_t pos, unsigned line);
void ent__bump_reset(void);
const char *ent__json_type_name(const cJSON *v);
size_t ent__member_pos(const lfile *f, size_t obj, const char *key, int want_key);
lazy_pos ent__known_pos(const lfile *f, size_t pos);
int ent__valid_id(const char *s);
/* The same for the n bytes at s. */
int ent__valid_id_n(const char *s, size_t n);
void ent__duplicate_id(loader *L, const lfile *f, size_t pos, const char *what, const char *id,
                       const origin *first);
void *ent__bump_malloc(size_t n);
int ent__collect(loader *L, const lfile *f, lazy_pos *where, const cJSON *obj, const field *fields,
                 const cJSON **slots, const char *what);
const char *ent__opt_str(loader *L, const cJSON *v);
void ent__dupcheck(loader *L, const lfile *f, size_t base, const cJSON *v, int depth);
size_t ent__resolve(lazy_pos *lp);
const char *ent__keep(loader *L, const char *s);
int ent__check_id(loader *L, const lfile *f, size_t obj_pos, const char *id, const char *what);
void ent__missing(loader *L, const lfile *f, size_t obj_pos, const char *what, const char *name);
int ent__check_order(loader *L, const lfile *f, size_t obj_pos, ent_date from, ent_date to);
void ent__bump_free(void *p);
size_t ent__element_pos(const lfile *f, size_t obj, const char *key, size_t i);
int ent__get_date(loader *L, const lfile *f, size_t obj_pos, const cJSON *v, ent_date *out);

/* load_types.c: relation types */
int ent__intensity_ok(double x);
const char *ent__number_text(const lfile *f, size_t pos, double x, char *buf);
void ent__do_type(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);

/* load_records.c: sources, actors, snapshots and comparisons */
void ent__do_source(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);
void ent__do_comparison(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);
void ent__do_snapshot(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);
void ent__do_actor(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);

/* load_relations.c: relations (with cJSON and without) */
int ent__relation_fast(loader *L, lfile *f, const elem *el);
void ent__do_relation(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);

/* load_parallel.c: relations on two threads */
int ent__relations_in_parallel(loader *L);

/* At the relations of the only file, with the first pass's second thread
 * scanning: checks the actors now, on this thread (see load_parallel.c). */
void ent__actors_ahead(loader *L, lfile *f);

/* The bytes of the actors that ent__actors_ahead would check, or 0 when it
 * would not. */
size_t ent__actors_ahead_bytes(const loader *L, const lfile *f);

/* Whether the actors checked ahead stand for the sequential check of the
 * actors section; when they do not, undoes them and returns 0. */
int ent__actors_ahead_keep(loader *L);

/* load.c: the driver and the public functions */
/*
 * Relations are most of a file, and once checked their text is needed again
 * only to quote it in a message, which is rare. So a mapped file's pages
 * behind the relation being checked are handed back to the kernel as the
 * check goes (madvise MADV_DONTNEED: the mapping stays, and a page read
 * again, for a message, is simply read again from the page cache). The peak
 * memory of a large load is then about the larger of the file and the model,
 * not their sum. A text_mark follows one thread's progress through a file.
 */
typedef struct text_mark {
    const lfile *f;
    size_t pos; /* text before this byte of f is let go, or will be */
} text_mark;
/* The text of f before `upto` is checked: lets it go (in large steps). */
void ent__text_done(text_mark *m, lfile *f, size_t upto);
/* The same for a thread that goes backwards through f: the text of
 * [from, upto) is checked, and so is all that m saw after it. */
void ent__text_done_back(text_mark *m, lfile *f, size_t from, size_t upto);
/* Threads the loader may use: 1 when the options say 1, else 2. */
unsigned ent__threads(const loader *L);
void ent__process_element(loader *L, lfile *f, int s, size_t i);

/* load_fast.c: records read straight from the validated text */
/* A member's value in the text: kind 's' string (pos at its opening quote,
 * end after the closing one), 'n' number, 'a' array; 0 when absent. */
typedef struct fval {
    char kind;
    char esc; /* a string holding a backslash escape */
    size_t pos, end;
} fval;

#define FAST_CSTR (MAX_ID_LEN + 8)

/* Reads an array member in place of skipping it: 1 with *end just past the
 * array at `pos`, 0 when it is not plain. */
typedef struct fast_array {
    int field; /* the index in the table of the member it reads */
    int (*read)(struct fast_array *a, const lfile *f, size_t pos, size_t *end);
} fast_array;

/* Reads the object at `p` into `slots` by the table `fields` (see load_fast.c).
 * 1 with *after just past it, or 0 when the object is anything but plain.
 * `arr`, when not NULL, reads one array member as it is met. */
int ent__fast_object(const lfile *f, size_t p, const field *fields, fval *slots, size_t *after,
                     fast_array *arr);
/* The unescaped string `v` as a C string in out[FAST_CSTR], or NULL. */
const char *ent__fast_cstr(const lfile *f, const fval *v, char *out);

/* The number `v` (kind 'n') as strtod would read it. */
double ent__fast_number(const lfile *f, const fval *v);
/* The array `v` as a list of strings in the loader's arena: 0; -1 when it is
 * not a list of plain non-empty strings (nothing kept); 1 when memory ran out
 * (L->oom is set). */
int ent__fast_string_list(loader *L, const lfile *f, const fval *v, const char *const **out,
                          size_t *n_out);
/* The actor named by string `v`, or -1. */
long ent__fast_actor(loader *L, const lfile *f, const fval *v);
/* The date in string `v`; 0, or -1 when it is not a valid date. */
int ent__fast_date(const lfile *f, const fval *v, ent_date *out);
/* The string `v` (absent: "") kept in the loader's arena; NULL when out of memory. */
const char *ent__fast_keep(loader *L, const lfile *f, const fval *v);

/* An actor without cJSON when plain (load_records.c); 1 when added. */
int ent__actor_fast(loader *L, lfile *f, const elem *el);

/* Actors are registered this many elements after ent__actor_peek. */
#define ACTOR_PEEK_AHEAD 4
/*
 * Asks the processor for the map slots that registering the actor of
 * element `el` will touch (its id, and its id and name lowercased among the
 * names), when the element starts as generated files and most hand-written
 * ones do: {"id": "...", "name": "...". Only a fetch: the element is read
 * and checked later as always. The tables are large, and those lookups
 * would otherwise each wait for memory in turn (a third of the actors'
 * time on a file of 100,000).
 */
void ent__actor_peek(loader *L, const lfile *f, const elem *el);
#endif
