/*
 * load.c: reads entente/1 graph files into an ent_graph, reporting every
 * problem at its file, line and column.
 *
 * Two passes per file. The first (jscan) validates the whole text in one
 * sweep, counts lines and records where each top-level member and each
 * element of the top-level arrays starts. The second hands one element at a
 * time to cJSON, checks it against the format and adds it to the model, then
 * frees the element's tree: memory stays near the size of the file plus the
 * model, instead of cJSON's whole-document tree (about ten times the file).
 * Positions inside an element, needed only for diagnostics, are found again
 * by walking that element's text.
 *
 * Sections are processed in dependency order across all files (relation
 * types, sources, actors, snapshots, relations, comparisons), so a relation
 * may refer to an actor defined later in the same file or in another file,
 * and a comparison to any snapshot.
 */
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

static const char *const section_names[SEC_COUNT] = {"relation_types", "sources",   "actors",
                                                     "snapshots",      "relations", "comparisons"};
/* What one element of each section is called in messages. */
static const char *const element_names[SEC_COUNT] = {"relation type", "source",   "actor",
                                                     "snapshot",      "relation", "comparison"};

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
static const char *const scalar_names[TOP_COUNT] = {"format", "title", "description"};

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
    unsigned threads; /* ent_load_options.threads */
    lfile *cur;       /* file of the first pass's hooks */
    section *cur_sec; /* section of the member being scanned, or NULL */
    ent_strbuf msg;   /* scratch for messages */
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
    /* Where strings and relations go: the graph's arena and relation array,
     * or a worker's own while relations are checked on two threads. */
    ent_arena *arena;
    ent_relation **rel_items;
    size_t *rel_n, *rel_cap;
    /* On a worker: relation ids are collected here, not registered. */
    int collect_ids;
    const char **ids;
    origin *id_origins;
    size_t n_ids, cap_ids, cap_id_origins;
    /* Path of the object being checked for duplicate keys (see dupcheck). */
    struct pathstep {
        const char *key; /* NULL for an array index */
        int occurrence;  /* which member of that name (0 = first) */
        size_t index;
    } path[ENT_JSON_MAX_DEPTH + 1];
} loader;

/* ---------------------------------------------------------------------------
 * Positions and diagnostics
 * ------------------------------------------------------------------------- */

/*
 * Line and column (both 1-based, column in code points) of byte `pos`, and the
 * first byte of its line. Continues from the last position located when that
 * is earlier in the same file (and after the checkpoint or on its line), so that
 * positions located in increasing order cost the bytes between them; any
 * other position counts lines from the checkpoint or the file's start and
 * looks back for its line's start. Remembers `pos` for the next call.
 */
static void linecol(loader *L, const lfile *f, size_t pos, unsigned *line, unsigned *col,
                    size_t *line_start)
{
    struct poscache *pc = &L->pc;
    const char *b = f->buf;
    size_t from = 0, ls;
    unsigned ln = 1, c;
    if (pos > f->len)
        pos = f->len;
    int same_file = pc->valid && pc->file == f->index;
    int from_base = L->base_file == f->index && L->base_pos <= pos;
    /* The remembered position serves when it is nearer than the checkpoint,
     * or on the checkpoint's line (no newline between them to count). */
    if (same_file && pc->pos <= pos &&
        (!from_base || pc->pos >= L->base_pos || pc->line == L->base_line)) {
        from = pc->pos;
        ln = pc->line;
        ls = pc->line_start;
    } else if (from_base) {
        from = L->base_pos;
        ln = L->base_line;
        ls = SIZE_MAX;
    } else
        ls = SIZE_MAX;
    size_t count_from = from;
    for (;;) {
        const char *nl = memchr(b + from, '\n', pos - from);
        if (!nl)
            break;
        ln++;
        from = (size_t)(nl - b) + 1;
        ls = count_from = from;
    }
    if (ls == SIZE_MAX) {
        ls = pos;
        while (ls > 0 && b[ls - 1] != '\n')
            ls--;
        count_from = ls;
    }
    c = count_from == ls ? 1 : pc->col;
    for (size_t i = count_from; i < pos; i++)
        if (((unsigned char)b[i] & 0xc0) != 0x80)
            c++;
    if (!same_file || pc->line_start != ls) {
        pc->chars = 0;
        pc->chars_end = ls;
        pc->ring[0] = ls;
    }
    pc->valid = 1;
    pc->file = f->index;
    pc->pos = pos;
    pc->line = ln;
    pc->col = c;
    pc->line_start = ls;
    *line = ln;
    *col = c;
    *line_start = ls;
}

/* Length of the character at p for display: a valid UTF-8 sequence, or 1. */
static size_t display_char(const unsigned char *b, size_t n, size_t p, int *valid)
{
    unsigned char c = b[p];
    size_t k = c < 0x80                 ? 1
               : c >= 0xc2 && c <= 0xdf ? 2
               : c >= 0xe0 && c <= 0xef ? 3
               : c >= 0xf0 && c <= 0xf4 ? 4
                                        : 0;
    *valid = k != 0 && p + k <= n;
    for (size_t i = 1; *valid && i < k; i++)
        if ((b[p + i] & 0xc0) != 0x80)
            *valid = 0;
    /* The second byte's range rules out overlong forms, UTF-16 surrogates and
     * code points past U+10FFFF (RFC 3629, section 4). */
    if (*valid && k > 2) {
        unsigned char d = b[p + 1];
        if ((c == 0xe0 && d < 0xa0) || (c == 0xed && d > 0x9f) || (c == 0xf0 && d < 0x90) ||
            (c == 0xf4 && d > 0x8f))
            *valid = 0;
    }
    return *valid ? k : 1;
}

#define CLIP_BEFORE 60
#define CLIP_WIDTH  140

/*
 * Writes the source line from byte `start` to `end` to `out`, made safe to
 * print (control characters and bytes that are not UTF-8 become '?', tabs
 * become spaces), at most CLIP_WIDTH characters, with "..." before when
 * `clipped_left` and after when the line goes on. `before` is the number of
 * characters from `start` to the caret; *caret receives its index in `out`.
 */
static void excerpt_write(const unsigned char *b, size_t n, size_t start, size_t end,
                          unsigned before, int clipped_left, ent_strbuf *out, unsigned *caret)
{
    ent_strbuf_reset(out);
    if (clipped_left)
        ent_strbuf_adds(out, "...");
    *caret = before + (clipped_left ? 3 : 0);
    unsigned shown = 0;
    size_t p = start;
    while (p < end && shown < CLIP_WIDTH) {
        int v;
        size_t k = display_char(b, n, p, &v);
        /* C1 controls (U+0080 to U+009F) are valid UTF-8 but as unsafe as C0 ones. */
        if (!v || b[p] == 0x7f || (b[p] < 0x20 && b[p] != '\t') ||
            (k == 2 && b[p] == 0xc2 && b[p + 1] < 0xa0))
            ent_strbuf_addc(out, '?');
        else if (b[p] == '\t')
            ent_strbuf_addc(out, ' ');
        else
            ent_strbuf_add(out, (const char *)b + p, k);
        p += k;
        shown++;
    }
    if (p < end)
        ent_strbuf_adds(out, "...");
}

/* Lines are read for excerpts up to this many bytes from their start. */
#define EXCERPT_LINE_MAX ((size_t)1 << 20)
/* How far past the caret an excerpt can reach: CLIP_WIDTH characters of at
 * most 4 bytes each from a start at or before the caret, with room to spare. */
#define EXCERPT_REACH 1024

/*
 * The source line around `pos`, clipped around the caret when long (more
 * than CLIP_WIDTH characters with more than CLIP_BEFORE before the caret),
 * by walking the whole line: for positions past EXCERPT_LINE_MAX, where
 * source_excerpt's bounded look-ahead does not apply.
 */
static void excerpt_scan(const lfile *f, size_t line_start, size_t pos, ent_strbuf *out,
                         unsigned *caret)
{
    const unsigned char *b = (const unsigned char *)f->buf;
    size_t n = f->len, end = line_start;
    while (end < n && b[end] != '\n' && end - line_start < EXCERPT_LINE_MAX)
        end++;
    if (end > line_start && b[end - 1] == '\r')
        end--;
    /* Characters before the caret and in the whole line, to decide on clipping. */
    size_t start = line_start;
    unsigned before = 0, total = 0;
    for (size_t p = line_start; p < end;) {
        int v;
        p += display_char(b, n, p, &v);
        if (p <= pos)
            before++;
        total++;
    }
    int clipped_left = 0;
    if (total > CLIP_WIDTH && before > CLIP_BEFORE) {
        unsigned skip = before - CLIP_BEFORE / 2;
        for (unsigned i = 0; i < skip; i++) {
            int v;
            start += display_char(b, n, start, &v);
        }
        before -= skip;
        clipped_left = 1;
    }
    excerpt_write(b, n, start, end, before, clipped_left, out, caret);
}

/*
 * The source line around `pos` (on the line starting at `line_start`, the
 * one linecol just located), made safe to print and clipped around the caret
 * when long; *caret receives the caret's character index in the result.
 * Costs the bytes since the last position located on the same line plus a
 * bounded look-ahead, not the line's length: characters are counted on from
 * L->pc, which remembers the last POSCACHE_RING character boundaries for the
 * clip's start. Output is exactly excerpt_scan's.
 */
static void source_excerpt(loader *L, const lfile *f, size_t line_start, size_t pos,
                           ent_strbuf *out, unsigned *caret)
{
    const unsigned char *b = (const unsigned char *)f->buf;
    size_t n = f->len;
    size_t hard_end = n - line_start > EXCERPT_LINE_MAX ? line_start + EXCERPT_LINE_MAX : n;
    struct poscache *pc = &L->pc;
    if (pos >= hard_end || !pc->valid || pc->line_start != line_start) {
        excerpt_scan(f, line_start, pos, out, caret);
        return;
    }
    /* The line's end, looked for only as far as the excerpt can reach: when
     * it is further, `end` is a bound below it that nothing here reaches. */
    size_t lim = hard_end - pos > EXCERPT_REACH ? pos + EXCERPT_REACH : hard_end;
    const unsigned char *nl = memchr(b + pos, '\n', lim - pos);
    size_t end;
    if (nl || lim == hard_end) {
        end = nl ? (size_t)(nl - b) : lim;
        if (end > line_start && b[end - 1] == '\r')
            end--;
    } else
        end = lim - 1;
    /* Whole characters before the caret, counted on from the last time. */
    if (pc->chars_end > pos) {
        pc->chars = 0;
        pc->chars_end = line_start;
        pc->ring[0] = line_start;
    }
    size_t p = pc->chars_end, cnt = pc->chars;
    while (p < end) {
        int v;
        size_t k = display_char(b, n, p, &v);
        if (p + k > pos)
            break;
        p += k;
        cnt++;
        pc->ring[cnt % POSCACHE_RING] = p;
    }
    pc->chars = cnt;
    pc->chars_end = p;
    /* Whether the whole line is longer than CLIP_WIDTH characters. */
    size_t total = cnt;
    for (size_t q = p; q < end && total <= CLIP_WIDTH; total++) {
        int v;
        q += display_char(b, n, q, &v);
    }
    size_t start = line_start, before = cnt;
    int clipped_left = 0;
    if (total > CLIP_WIDTH && before > CLIP_BEFORE) {
        size_t skip = before - CLIP_BEFORE / 2;
        start = pc->ring[skip % POSCACHE_RING];
        before -= skip;
        clipped_left = 1;
    }
    excerpt_write(b, n, start, end, (unsigned)before, clipped_left, out, caret);
}

static void add_diag(loader *L, ent_severity sev, const char *code, const lfile *f, size_t pos,
                     const char *message)
{
    int rc;
    if (f && f->buf) {
        unsigned line, col, caret = 0;
        size_t ls;
        ent_strbuf src = ENT_STRBUF_INIT;
        linecol(L, f, pos, &line, &col, &ls);
        source_excerpt(L, f, ls, pos, &src, &caret);
        rc = ent_diags_add(L->diags, sev, code, f->name, line, col, ent_strbuf_str(&src), caret,
                           message);
        if (src.failed)
            L->oom = 1;
        ent_strbuf_release(&src);
    } else
        rc = ent_diags_add(L->diags, sev, code, f ? f->name : NULL, 0, 0, NULL, 0, message);
    if (rc < 0)
        L->oom = 1;
    if (sev == ENT_SEV_ERROR && ++L->errors >= L->max_errors && !L->stopped) {
        L->stopped = 1;
        char note[160];
        snprintf(note, sizeof note,
                 "stopped after %zu errors; raise the limit with --max-errors to see more",
                 L->errors);
        if (ent_diags_add(L->diags, ENT_SEV_NOTE, "too-many-errors", NULL, 0, 0, NULL, 0, note) < 0)
            L->oom = 1;
    }
}

static void vreport(loader *L, ent_severity sev, const char *code, const lfile *f, size_t pos,
                    const char *guess, const char *fmt, va_list ap)
{
    if (L->stopped && sev != ENT_SEV_NOTE)
        return;
    ent_strbuf_reset(&L->msg);
    ent_strbuf_vaddf(&L->msg, fmt, ap);
    if (guess)
        ent_strbuf_addf(&L->msg, "; did you mean \"%s\"?", guess);
    add_diag(L, sev, code, f, pos, ent_strbuf_str(&L->msg));
}

/* Adds a diagnostic at byte `pos` of file `f` (f NULL: no position). */
__attribute__((format(printf, 6, 7))) static void report(loader *L, ent_severity sev,
                                                         const char *code, const lfile *f,
                                                         size_t pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, sev, code, f, pos, NULL, fmt, ap);
    va_end(ap);
}

/* As report, ending with "; did you mean "guess"?" when guess is not NULL. */
__attribute__((format(printf, 7, 8))) static void report_guess(loader *L, ent_severity sev,
                                                               const char *code, const lfile *f,
                                                               size_t pos, const char *guess,
                                                               const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, sev, code, f, pos, guess, fmt, ap);
    va_end(ap);
}

/* ---------------------------------------------------------------------------
 * Reading files
 * ------------------------------------------------------------------------- */

static int read_file(loader *L, lfile *f)
{
    int fd = strcmp(f->name, "-") == 0 ? 0 : open(f->name, O_RDONLY);
    if (fd < 0) {
        report(L, ENT_SEV_ERROR, "io-error", f, 0, "cannot open \"%s\": %s", f->name,
               strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        report(L, ENT_SEV_ERROR, "io-error", f, 0, "cannot read \"%s\": it is a directory",
               f->name);
        close(fd);
        return -1;
    }
    if (fd && S_ISREG(st.st_mode) && st.st_size > 0) {
        /* Map regular files: no copy, and the kernel reads ahead. */
        void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p != MAP_FAILED) {
            posix_madvise(p, (size_t)st.st_size, POSIX_MADV_SEQUENTIAL);
            close(fd);
            f->owned = p;
            f->mapped = (size_t)st.st_size;
            f->buf = p;
            f->len = (size_t)st.st_size;
            return 0;
        }
    }
    size_t cap = S_ISREG(st.st_mode) && st.st_size > 0 ? (size_t)st.st_size + 1 : 1 << 16;
    size_t len = 0;
    char *buf = malloc(cap);
    if (!buf)
        goto oom;
    for (;;) {
        if (len == cap) {
            char *nb = realloc(buf, cap * 2);
            if (!nb)
                goto oom;
            buf = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            report(L, ENT_SEV_ERROR, "io-error", f, 0, "cannot read \"%s\": %s", f->name,
                   strerror(errno));
            free(buf);
            if (fd)
                close(fd);
            return -1;
        }
        if (r == 0)
            break;
        len += (size_t)r;
    }
    if (fd)
        close(fd);
    f->owned = buf;
    f->buf = buf;
    f->len = len;
    return 0;
oom:
    free(buf);
    if (fd)
        close(fd);
    L->oom = 1;
    return -1;
}

/* ---------------------------------------------------------------------------
 * First pass: the whole text
 * ------------------------------------------------------------------------- */

static void on_member(void *ud, const jscan *s, size_t key_pos, size_t val_pos)
{
    loader *L = ud;
    lfile *f = L->cur;
    char key[64];
    size_t klen = jscan_decode_string(s->buf, s->len, key_pos, key, sizeof key);
    L->cur_sec = NULL;
    if (klen == (size_t)-1)
        key[0] = '\0';
    for (int i = 0; i < SEC_COUNT; i++) {
        if (strcmp(key, section_names[i]) != 0)
            continue;
        section *sec = &f->sec[i];
        if (sec->present) {
            report(L, ENT_SEV_ERROR, "duplicate-key", f, key_pos,
                   "the top-level object has \"%s\" twice", key);
            report(L, ENT_SEV_NOTE, "duplicate-key", f, sec->key_pos, "first \"%s\" is here", key);
            return;
        }
        sec->present = 1;
        sec->key_pos = key_pos;
        sec->val_pos = val_pos;
        if (val_pos < s->len && s->buf[val_pos] == '[')
            L->cur_sec = sec;
        return;
    }
    for (int i = 0; i < TOP_COUNT; i++) {
        if (strcmp(key, scalar_names[i]) != 0)
            continue;
        if (f->scalar_present[i]) {
            report(L, ENT_SEV_ERROR, "duplicate-key", f, key_pos,
                   "the top-level object has \"%s\" twice", key);
            report(L, ENT_SEV_NOTE, "duplicate-key", f, f->scalar_key[i], "first \"%s\" is here",
                   key);
            return;
        }
        f->scalar_present[i] = 1;
        f->scalar_key[i] = key_pos;
        f->scalar_val[i] = val_pos;
        return;
    }
    /* "x-..." members are the users' own data. Any other unknown member is an
     * error: a misspelt section ("relatons") would otherwise drop its records. */
    if (strncmp(key, "x-", 2) == 0)
        return;
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, key);
    for (int i = 0; i < SEC_COUNT; i++)
        ent_fuzzy_offer(&fz, section_names[i]);
    for (int i = 0; i < TOP_COUNT; i++)
        ent_fuzzy_offer(&fz, scalar_names[i]);
    if (fz.best)
        report_guess(L, ENT_SEV_ERROR, "unknown-field", f, key_pos, fz.best,
                     "unknown member \"%s\" at the top level", key);
    else
        report(L, ENT_SEV_ERROR, "unknown-field", f, key_pos,
               "unknown member \"%s\" at the top level; a member of your own must start "
               "with \"x-\"",
               key);
}

static void on_element(void *ud, size_t start, size_t end, unsigned line)
{
    loader *L = ud;
    section *sec = L->cur_sec;
    if (!sec)
        return;
    if (ent_grow_((void **)&sec->items, &sec->cap, sec->n + 1, sizeof *sec->items) < 0) {
        L->oom = 1;
        return;
    }
    sec->items[sec->n].start = start;
    sec->items[sec->n].end = end;
    sec->items[sec->n].line = line;
    sec->n++;
}

static const char *json_type_name(const cJSON *v);

static int can_start_value(char c)
{
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
           c == 'f' || c == 'n';
}

static void first_pass(loader *L, lfile *f)
{
    jscan s;
    jscan_hooks hooks = {L, on_member, on_element};
    jscan_init(&s, f->buf, f->len);
    s.hooks = &hooks;
    L->cur = f;
    L->cur_sec = NULL;
    L->base_file = f->index; /* lines are counted from the start of the file */
    L->base_pos = 0;
    L->base_line = 1;
    if (f->len >= 3 && memcmp(f->buf, "\xef\xbb\xbf", 3) == 0)
        s.pos = 3; /* a UTF-8 byte order mark is tolerated */
    jscan_ws(&s);
    if (s.pos >= f->len) {
        report(L, ENT_SEV_ERROR, "empty-file", f, s.pos,
               "the file is empty; a graph file is a JSON object such as "
               "{\"format\": \"entente/1\", \"actors\": [...], \"relations\": [...]}");
        return;
    }
    char first = f->buf[s.pos];
    if (!can_start_value(first)) {
        unsigned char c = (unsigned char)first;
        if (c >= 0x21 && c < 0x7f)
            report(L, ENT_SEV_ERROR, "not-json", f, s.pos,
                   "this is not JSON: it starts with '%c' where '{' was expected", c);
        else
            report(L, ENT_SEV_ERROR, "not-json", f, s.pos,
                   "this is not JSON text: it starts with byte 0x%02x where '{' was expected", c);
        return;
    }
    f->top_pos = s.pos;
    if (jscan_value(&s, 0) < 0) {
        if (s.err_open_kind) {
            unsigned line, col;
            size_t ls;
            linecol(L, f, s.err_open_pos, &line, &col, &ls);
            report(L, ENT_SEV_ERROR, s.err_code, f, s.err_pos,
                   "unexpected end of file: the %s opened at line %u, column %u is not closed",
                   s.err_open_kind == '"'   ? "string"
                   : s.err_open_kind == '{' ? "object"
                                            : "array",
                   line, col);
        } else
            report(L, ENT_SEV_ERROR, s.err_code, f, s.err_pos, "%s", s.err_msg);
        return;
    }
    jscan_ws(&s);
    if (s.pos < f->len) {
        report(L, ENT_SEV_ERROR, "json-syntax", f, s.pos,
               "unexpected text after the end of the JSON document");
        return;
    }
    if (first != '{') {
        const char *what = first == '['                   ? "an array"
                           : first == '"'                 ? "a string"
                           : first == 't' || first == 'f' ? "a boolean"
                           : first == 'n'                 ? "null"
                                                          : "a number";
        report(L, ENT_SEV_ERROR, "top-level-type", f, f->top_pos,
               "the top level is %s; a graph file must be a JSON object with "
               "\"format\": \"entente/1\"",
               what);
        return;
    }
    f->syntax_ok = 1;
}

/* ---------------------------------------------------------------------------
 * Memory for cJSON: each element's tree lives in a bump allocator that is
 * reset after the element, instead of thousands of malloc/free pairs per
 * element. cJSON's hooks are process-wide, so they are installed for the
 * second pass only and the defaults restored afterwards (which is why loading
 * must not run in two threads at once; see load.h).
 * ------------------------------------------------------------------------- */

#define BUMP_BLOCK (256u << 10)

typedef struct bump_block {
    struct bump_block *next;
    size_t cap, used;
    max_align_t data[];
} bump_block;

static _Thread_local bump_block *bump_head; /* one allocator per thread */

static void *bump_malloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!bump_head || bump_head->cap - bump_head->used < n) {
        size_t cap = n > BUMP_BLOCK ? n : BUMP_BLOCK;
        bump_block *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = bump_head;
        bump_head = b;
    }
    void *p = (unsigned char *)bump_head->data + bump_head->used;
    bump_head->used += n;
    return p;
}

static void bump_free(void *p)
{
    (void)p; /* everything goes at once in bump_reset */
}

/* Frees every tree made since the last reset, keeping one block for reuse. */
static void bump_reset(void)
{
    while (bump_head && bump_head->next) {
        bump_block *next = bump_head->next;
        free(bump_head);
        bump_head = next;
    }
    if (bump_head)
        bump_head->used = 0;
}

static void bump_release(void)
{
    bump_reset();
    free(bump_head);
    bump_head = NULL;
}

/* ---------------------------------------------------------------------------
 * Second pass: helpers for checking one element
 * ------------------------------------------------------------------------- */

/* JSON types a member may have; T_DATE is a string holding a date, which
 * only changes what a wrong-type message asks for. */
enum { T_STR = 1, T_NUM = 2, T_BOOL = 4, T_ARR = 8, T_OBJ = 16, T_DATE = 32 };

typedef struct field {
    const char *name;
    unsigned types;
} field;

#define MAX_FIELDS 16

static const char *json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "null";
}

static int has_type(const cJSON *v, unsigned types)
{
    return ((types & (T_STR | T_DATE)) && cJSON_IsString(v)) ||
           ((types & T_NUM) && cJSON_IsNumber(v)) || ((types & T_BOOL) && cJSON_IsBool(v)) ||
           ((types & T_ARR) && cJSON_IsArray(v)) || ((types & T_OBJ) && cJSON_IsObject(v));
}

static const char *expected_name(unsigned types)
{
    switch (types) {
    case T_DATE:
        return "a date string such as \"2023-09-19\"";
    case T_STR:
        return "a string";
    case T_NUM:
        return "a number";
    case T_BOOL:
        return "true or false";
    case T_ARR:
        return "an array";
    case T_OBJ:
        return "an object";
    }
    return "something else";
}

/* Position of member `key` of the object at `obj`: its value, or its name. */
static size_t member_pos(const lfile *f, size_t obj, const char *key, int want_key)
{
    size_t kp, vp;
    if (!jscan_member(f->buf, f->len, obj, key, 0, &kp, &vp))
        return obj;
    return want_key ? kp : vp;
}

/* Position of element `i` of the array member `key` of the object at `obj`. */
static size_t element_pos(const lfile *f, size_t obj, const char *key, size_t i)
{
    size_t arr = member_pos(f, obj, key, 0);
    size_t p = jscan_element(f->buf, f->len, arr, i);
    return p ? p : arr;
}

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

static size_t resolve(lazy_pos *lp)
{
    if (lp->key) {
        lp->pos = element_pos(lp->f, lp->parent, lp->key, lp->index);
        lp->key = NULL;
    }
    return lp->pos;
}

static lazy_pos known_pos(const lfile *f, size_t pos)
{
    lazy_pos lp = {f, 0, NULL, 0, pos};
    return lp;
}

/*
 * Sorts the members of `obj` into `slots` by the table `fields` (NULL-name
 * terminated, at most MAX_FIELDS). Unknown members get a warning, or an error
 * when close to a known name (a typo that would lose the value; not for "x-"
 * names); members of the wrong JSON type an error. `what` names the object in messages ("a
 * relation"). Returns the number of errors.
 */
static int collect(loader *L, const lfile *f, lazy_pos *where, const cJSON *obj,
                   const field *fields, const cJSON **slots, const char *what)
{
    int errs = 0;
    for (int i = 0; fields[i].name; i++)
        slots[i] = NULL;
    for (const cJSON *c = obj->child; c; c = c->next) {
        int i;
        for (i = 0; fields[i].name; i++) /* first bytes first: this runs per member */
            if (fields[i].name[0] == c->string[0] && strcmp(fields[i].name, c->string) == 0)
                break;
        if (!fields[i].name) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, c->string);
            for (int k = 0; fields[k].name; k++)
                ent_fuzzy_offer(&fz, fields[k].name);
            size_t kp = member_pos(f, resolve(where), c->string, 1);
            if (fz.best && strncmp(c->string, "x-", 2) != 0)
                report_guess(L, ENT_SEV_ERROR, "unknown-field", f, kp, fz.best,
                             "unknown member \"%s\" in %s", c->string, what);
            else
                report_guess(L, ENT_SEV_WARNING, "unknown-field", f, kp, fz.best,
                             "unknown member \"%s\" in %s is ignored", c->string, what);
            continue;
        }
        if (slots[i])
            continue; /* a duplicate key, already reported */
        if (!has_type(c, fields[i].types)) {
            report(L, ENT_SEV_ERROR, "wrong-type", f, member_pos(f, resolve(where), c->string, 0),
                   "\"%s\" in %s must be %s, found %s", c->string, what,
                   expected_name(fields[i].types), json_type_name(c));
            errs++;
            continue;
        }
        slots[i] = c;
    }
    return errs;
}

/* Reports a missing required member. */
static void missing(loader *L, const lfile *f, size_t obj_pos, const char *what, const char *name)
{
    report(L, ENT_SEV_ERROR, "missing-field", f, obj_pos, "%s needs \"%s\"", what, name);
}

static int valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > MAX_ID_LEN)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '_' && c != '-' && c != '.' && c != ':')))
            return 0;
    }
    return 1;
}

/* Checks the "id" of the object at obj_pos; reports and returns -1 when invalid. */
static int check_id(loader *L, const lfile *f, size_t obj_pos, const char *id, const char *what)
{
    if (valid_id(id))
        return 0;
    report(L, ENT_SEV_ERROR, "invalid-id", f, member_pos(f, obj_pos, "id", 0),
           "invalid %s id \"%s\": ids are 1 to %d letters, digits and _ - . : and start with "
           "a letter or digit",
           what, id, MAX_ID_LEN);
    return -1;
}

static const char *month_name(int m)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    return m >= 1 && m <= 12 ? names[m - 1] : "?";
}

/*
 * Parses the date in member `v` of the object at obj_pos; reports invalid-date
 * and returns -1 on failure.
 */
static int get_date(loader *L, const lfile *f, size_t obj_pos, const cJSON *v, ent_date *out)
{
    const char *s = v->valuestring;
    ent_date_status st = ent_date_parse(out, s, strlen(s));
    if (st == ENT_DATE_OK)
        return 0;
    size_t pos = member_pos(f, obj_pos, v->string, 0);
    if (st == ENT_DATE_DAY_RANGE) {
        int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
        if (d == 0)
            report(L, ENT_SEV_ERROR, "invalid-date", f, pos,
                   "invalid date \"%s\": days are numbered from 01", s);
        else
            report(L, ENT_SEV_ERROR, "invalid-date", f, pos,
                   "invalid date \"%s\": %s %d has %d days", s, month_name(m), y,
                   ent_date_days_in_month(y, m));
    } else
        report(L, ENT_SEV_ERROR, "invalid-date", f, pos, "invalid date \"%s\": %s", s,
               ent_date_status_str(st));
    return -1;
}

/* Checks that `to` does not end before `from` begins, in the object at obj_pos. */
static int check_order(loader *L, const lfile *f, size_t obj_pos, ent_date from, ent_date to)
{
    if (!from.year || !to.year || ent_date_last_day(to) >= ent_date_first_day(from))
        return 0;
    char a[11], b[11];
    report(L, ENT_SEV_ERROR, "date-order", f, member_pos(f, obj_pos, "to", 0),
           "\"to\" (%s) comes before \"from\" (%s)", ent_date_format(to, b),
           ent_date_format(from, a));
    return -1;
}

static const char *keep(loader *L, const char *s)
{
    const char *p = ent_arena_strdup(L->arena, s ? s : "");
    if (!p) {
        L->oom = 1;
        return "";
    }
    return p;
}

static const char *opt_str(loader *L, const cJSON *v)
{
    return v ? keep(L, v->valuestring) : "";
}

static int record_origin(loader *L, origin **arr, size_t *cap, size_t index, const lfile *f,
                         size_t pos, unsigned line)
{
    if (ent_grow_((void **)arr, cap, index + 1, sizeof **arr) < 0) {
        L->oom = 1;
        return -1;
    }
    (*arr)[index].file = f->index;
    (*arr)[index].pos = pos;
    (*arr)[index].line = line;
    return 0;
}

/* Reports that `id` is defined twice, with a note at the first definition. */
static void duplicate_id(loader *L, const lfile *f, size_t pos, const char *what, const char *id,
                         const origin *first)
{
    report(L, ENT_SEV_ERROR, "duplicate-id", f, pos, "duplicate %s id \"%s\"", what, id);
    if (first) {
        lfile *ff = &L->files[first->file];
        report(L, ENT_SEV_NOTE, "duplicate-id", ff, member_pos(ff, first->pos, "id", 0),
               "\"%s\" is first defined here", id);
    }
}

/*
 * Reports keys that appear twice in one object, anywhere inside `v`, whose
 * text starts at `base`. `depth` is the length of L->path so far.
 */
static void dupcheck(loader *L, const lfile *f, size_t base, const cJSON *v, int depth);

static size_t path_pos(const lfile *f, size_t base, const struct pathstep *steps, int n)
{
    size_t pos = base, kp;
    for (int i = 0; i < n; i++) {
        if (steps[i].key) {
            if (!jscan_member(f->buf, f->len, pos, steps[i].key, steps[i].occurrence, &kp, &pos))
                return base;
        } else {
            size_t e = jscan_element(f->buf, f->len, pos, steps[i].index);
            if (!e)
                return base;
            pos = e;
        }
    }
    return pos;
}

static int cmp_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int c = strcmp(x->string, y->string);
    if (c)
        return c;
    return x < y ? -1 : x > y; /* never equal: distinct nodes */
}

static void report_dup_key(loader *L, const lfile *f, size_t base, int depth, const char *key,
                           int occurrence)
{
    size_t obj = path_pos(f, base, L->path, depth), kp, vp;
    size_t second = jscan_member(f->buf, f->len, obj, key, occurrence, &kp, &vp) ? kp : obj;
    size_t first = jscan_member(f->buf, f->len, obj, key, 0, &kp, &vp) ? kp : obj;
    report(L, ENT_SEV_ERROR, "duplicate-key", f, second,
           "\"%s\" appears twice in the same object; JSON parsers would keep only one", key);
    report(L, ENT_SEV_NOTE, "duplicate-key", f, first, "first \"%s\" is here", key);
}

static void dupcheck(loader *L, const lfile *f, size_t base, const cJSON *v, int depth)
{
    if (cJSON_IsObject(v)) {
        size_t k = 0;
        for (const cJSON *c = v->child; c; c = c->next)
            k++;
        if (k > 1 && k <= 24) {
            for (const cJSON *a = v->child->next; a; a = a->next) {
                int occ = 0;
                for (const cJSON *b = v->child; b != a; b = b->next)
                    occ += a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0;
                if (occ)
                    report_dup_key(L, f, base, depth, a->string, occ);
            }
        } else if (k > 24) {
            const cJSON **sorted = malloc(k * sizeof *sorted);
            if (!sorted) {
                L->oom = 1;
                return;
            }
            size_t i = 0;
            for (const cJSON *c = v->child; c; c = c->next)
                sorted[i++] = c;
            /* Sorting by name, then by node address, does not give document
             * order within a name; count occurrences instead of ranking. */
            qsort(sorted, k, sizeof *sorted, cmp_names);
            int occ = 0;
            for (i = 1; i < k; i++) {
                occ = strcmp(sorted[i]->string, sorted[i - 1]->string) == 0 ? occ + 1 : 0;
                if (occ)
                    report_dup_key(L, f, base, depth, sorted[i]->string, occ);
            }
            free(sorted);
        }
        for (const cJSON *c = v->child; c; c = c->next) {
            if (!(cJSON_IsObject(c) || cJSON_IsArray(c)) || !c->child)
                continue;
            L->path[depth].key = c->string;
            L->path[depth].occurrence = 0;
            dupcheck(L, f, base, c, depth + 1);
        }
    } else if (cJSON_IsArray(v)) {
        size_t i = 0;
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            if (!(cJSON_IsObject(c) || cJSON_IsArray(c)) || !c->child)
                continue;
            L->path[depth].key = NULL;
            L->path[depth].index = i;
            dupcheck(L, f, base, c, depth + 1);
        }
    }
}

static const char *closest_actor(const ent_graph *g, const char *word)
{
    long idx = ent_graph_resolve_actor(g, word, NULL);
    if (idx >= 0)
        return g->actors[idx].id; /* a name or alias written where the id belongs */
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, word);
    for (size_t i = 0; i < g->n_actors; i++)
        ent_fuzzy_offer(&fz, g->actors[i].id);
    return fz.best;
}

/* ---------------------------------------------------------------------------
 * Second pass: relation types
 * ------------------------------------------------------------------------- */

static const field type_fields[] = {{"id", T_STR},
                                    {"label", T_STR},
                                    {"sign", T_NUM},
                                    {"intensity", T_NUM},
                                    {"durable", T_BOOL},
                                    {"obligation", T_BOOL},
                                    {"cameo", T_STR},
                                    {"family", T_STR},
                                    {"description", T_STR},
                                    {"role", T_STR},
                                    {"mode", T_STR},
                                    {"symmetric", T_BOOL},
                                    {NULL, 0}};
enum {
    TF_ID,
    TF_LABEL,
    TF_SIGN,
    TF_INTENSITY,
    TF_DURABLE,
    TF_OBLIGATION,
    TF_CAMEO,
    TF_FAMILY,
    TF_DESCRIPTION,
    TF_ROLE,
    TF_MODE,
    TF_SYMMETRIC
};

/* The closest name of `names` (n of them) to `s`, for "did you mean". */
static const char *closest_name(const char *s, const char *(*name)(int), int n)
{
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, s);
    for (int i = 0; i < n; i++)
        ent_fuzzy_offer(&fz, name(i));
    return fz.best;
}

static const char *role_name_i(int i)
{
    return ent_role_name((ent_role)i);
}

static const char *mode_name_i(int i)
{
    return ent_mode_name((ent_mode)i);
}

/* Whether a role may go with a sign: acts of cooperation are not hostile and
 * acts of hostility not cooperative; structure goes with any sign. */
static int role_fits_sign(ent_role r, int sign)
{
    switch (r) {
    case ENT_ROLE_REFUSES:
    case ENT_ROLE_DISAPPROVES:
    case ENT_ROLE_COERCES:
    case ENT_ROLE_FIGHTS:
        return sign <= 0;
    case ENT_ROLE_STRUCTURE:
        return 1;
    default:
        return sign >= 0;
    }
}

static int intensity_ok(double x)
{
    return isfinite(x) && x >= -10.0 && x <= 10.0;
}

/*
 * The number at `pos` as the file writes it, for a message: "1e400" rather than
 * the "inf" it reads as. A long number is cut after 24 characters with "...";
 * when `pos` holds no number, the value `x` itself, or "a number too large" when
 * it is not finite. `buf` must hold 32 bytes; returns it.
 */
static const char *number_text(const lfile *f, size_t pos, double x, char *buf)
{
    size_t n = 0;
    while (pos + n < f->len && strchr("+-.0123456789eE", f->buf[pos + n]) && f->buf[pos + n])
        n++;
    if (n == 0) {
        if (isfinite(x))
            snprintf(buf, 32, "%g", x);
        else
            snprintf(buf, 32, "a number too large");
    } else if (n > 24)
        snprintf(buf, 32, "%.24s...", f->buf + pos);
    else
        snprintf(buf, 32, "%.*s", (int)n, f->buf + pos);
    return buf;
}

static void do_type(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a relation type";
    lazy_pos where = known_pos(f, at);
    int errs = collect(L, f, &where, obj, type_fields, v, what);
    if (!v[TF_ID]) {
        missing(L, f, at, what, "id");
        return;
    }
    const char *id = v[TF_ID]->valuestring;
    if (check_id(L, f, at, id, "relation type") < 0 || errs)
        return;
    ent_graph *g = L->g;
    uint32_t idx;
    int builtin = 0;
    if (ent_strmap_get(&g->type_ids, id, &idx)) {
        if (idx >= ent_vocab_builtin_count()) {
            duplicate_id(L, f, member_pos(f, at, "id", 0), "relation type", id,
                         &L->type_origin[idx - ent_vocab_builtin_count()]);
            return;
        }
        builtin = 1;
    }
    ent_reltype t;
    if (builtin)
        t = g->types[idx];
    else {
        memset(&t, 0, sizeof t);
        t.id = keep(L, id);
        t.label = t.id;
        t.cameo = t.description = "";
        t.family = "custom";
        t.role = ENT_ROLE_COUNT_; /* set from the file, else by default below */
        t.mode = ENT_MODE_COUNT_;
        int bad = 0;
        if (!v[TF_SIGN])
            missing(L, f, at, "a new relation type", "sign"), bad = 1;
        if (!v[TF_INTENSITY])
            missing(L, f, at, "a new relation type", "intensity"), bad = 1;
        if (!v[TF_DURABLE])
            missing(L, f, at, "a new relation type", "durable"), bad = 1;
        if (bad)
            return;
    }
    if (v[TF_SIGN]) {
        double s = v[TF_SIGN]->valuedouble;
        if (s != -1.0 && s != 0.0 && s != 1.0) {
            char num[32];
            size_t vp = member_pos(f, at, "sign", 0);
            report(L, ENT_SEV_ERROR, "invalid-value", f, vp,
                   "\"sign\" must be -1, 0 or 1, found %s", number_text(f, vp, s, num));
            return;
        }
        t.sign = (int)s;
    }
    if (v[TF_INTENSITY]) {
        double x = v[TF_INTENSITY]->valuedouble;
        if (!intensity_ok(x)) {
            char num[32];
            size_t vp = member_pos(f, at, "intensity", 0);
            report(L, ENT_SEV_ERROR, "intensity-range", f, vp,
                   "intensity %s is outside the Goldstein scale, -10 to 10",
                   number_text(f, vp, x, num));
            return;
        }
        t.intensity = x;
    }
    if (v[TF_DURABLE])
        t.durable = cJSON_IsTrue(v[TF_DURABLE]);
    if (v[TF_OBLIGATION])
        t.obligation = cJSON_IsTrue(v[TF_OBLIGATION]);
    if (v[TF_SYMMETRIC])
        t.symmetric = cJSON_IsTrue(v[TF_SYMMETRIC]);
    if (v[TF_LABEL])
        t.label = keep(L, v[TF_LABEL]->valuestring);
    if (v[TF_FAMILY])
        t.family = keep(L, v[TF_FAMILY]->valuestring);
    if (v[TF_DESCRIPTION])
        t.description = keep(L, v[TF_DESCRIPTION]->valuestring);
    if (v[TF_CAMEO]) {
        const char *c = v[TF_CAMEO]->valuestring;
        size_t n = strlen(c), k = strspn(c, "0123456789");
        if (n < 2 || n > 4 || k != n) {
            report(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "cameo", 0),
                   "\"cameo\" must be a CAMEO code of 2 to 4 digits such as \"057\", found "
                   "\"%s\"",
                   c);
            return;
        }
        t.cameo = keep(L, c);
        if (!v[TF_MODE] && ent_mode_of_cameo(c) >= 0)
            t.mode = (ent_mode)ent_mode_of_cameo(c);
    }
    if (v[TF_ROLE]) {
        const char *r = v[TF_ROLE]->valuestring;
        int role = ent_role_from_name(r);
        if (role < 0) {
            report_guess(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "role", 0),
                         closest_name(r, role_name_i, ENT_ROLE_COUNT_),
                         "unknown role \"%s\"; a role is one of provides, seeks, yields, "
                         "refuses, brokers, engages, approves, disapproves, coerces, fights, "
                         "structure",
                         r);
            return;
        }
        t.role = (ent_role)role;
    }
    if (v[TF_MODE]) {
        const char *m = v[TF_MODE]->valuestring;
        int mode = ent_mode_from_name(m);
        if (mode < 0) {
            report_guess(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "mode", 0),
                         closest_name(m, mode_name_i, ENT_MODE_COUNT_),
                         "unknown mode \"%s\"; a mode is one of verbal_cooperation, "
                         "material_cooperation, verbal_conflict, material_conflict, structure",
                         m);
            return;
        }
        t.mode = (ent_mode)mode;
    }
    /* Defaults of a new type that leaves them out: a role that makes nobody
     * rely on anybody, and words rather than deeds (docs/format.md). */
    if (t.role == ENT_ROLE_COUNT_)
        t.role = t.sign < 0 ? ENT_ROLE_DISAPPROVES : ENT_ROLE_ENGAGES;
    if (t.mode == ENT_MODE_COUNT_) {
        int q = ent_mode_of_cameo(t.cameo);
        t.mode = q >= 0       ? (ent_mode)q
                 : t.sign > 0 ? ENT_MODE_VERBAL_COOPERATION
                 : t.sign < 0 ? ENT_MODE_VERBAL_CONFLICT
                              : ENT_MODE_STRUCTURE;
    }
    if (!role_fits_sign(t.role, t.sign)) {
        report(L, ENT_SEV_ERROR, "type-definition", f,
               member_pos(f, at, v[TF_ROLE] ? "role" : "sign", 0),
               "relation type \"%s\" has role %s but sign %+d; %s is an act of %s", id,
               ent_role_name(t.role), t.sign, ent_role_name(t.role),
               t.sign > 0 ? "hostility, so its sign must be -1 or 0"
                          : "cooperation, so its sign must be +1 or 0");
        return;
    }
    if ((t.sign > 0 && !(t.intensity > 0)) || (t.sign < 0 && !(t.intensity < 0)) ||
        (t.sign == 0 && t.intensity != 0)) {
        report(L, ENT_SEV_ERROR, "type-definition", f,
               member_pos(f, at, v[TF_INTENSITY] ? "intensity" : "sign", 0),
               "relation type \"%s\" has sign %+d but intensity %g; the intensity must have "
               "the type's sign (0 for a neutral type)",
               id, t.sign, t.intensity);
        return;
    }
    if (builtin) {
        g->types[idx] = t;
        return;
    }
    if (ent_grow_((void **)&g->types, &g->cap_types, g->n_types + 1, sizeof *g->types) < 0) {
        L->oom = 1;
        return;
    }
    size_t custom = g->n_types - ent_vocab_builtin_count();
    if (record_origin(L, &L->type_origin, &L->cap_type_origin, custom, f, at, el->line) < 0)
        return;
    g->types[g->n_types] = t;
    if (ent_strmap_put(&g->type_ids, t.id, (uint32_t)g->n_types, NULL) < 0)
        L->oom = 1;
    g->n_types++;
    (void)index;
}

/* ---------------------------------------------------------------------------
 * Second pass: sources
 * ------------------------------------------------------------------------- */

static const field source_fields[] = {{"id", T_STR},     {"title", T_STR}, {"publisher", T_STR},
                                      {"author", T_STR}, {"date", T_DATE}, {"url", T_STR},
                                      {"kind", T_STR},   {NULL, 0}};
enum { SF_ID, SF_TITLE, SF_PUBLISHER, SF_AUTHOR, SF_DATE, SF_URL, SF_KIND };

/* The index of source kind `kind` in g->source_kinds, added when new; -1 when
 * there would be more than ENT_MAX_SOURCE_KINDS, -2 when out of memory. */
static int source_kind_index(loader *L, const char *kind)
{
    ent_graph *g = L->g;
    for (size_t k = 0; k < g->n_source_kinds; k++)
        if (strcmp(g->source_kinds[k], kind) == 0)
            return (int)k;
    if (g->n_source_kinds == ENT_MAX_SOURCE_KINDS)
        return -1;
    const char *copy = keep(L, kind);
    if (!copy)
        return -2;
    g->source_kinds[g->n_source_kinds] = copy;
    return (int)g->n_source_kinds++;
}

static void do_source(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a source";
    lazy_pos where = known_pos(f, at);
    int errs = collect(L, f, &where, obj, source_fields, v, what);
    (void)index;
    if (!v[SF_ID])
        missing(L, f, at, what, "id"), errs++;
    if (!v[SF_TITLE])
        missing(L, f, at, what, "title"), errs++;
    ent_source s;
    memset(&s, 0, sizeof s);
    if (v[SF_DATE] && get_date(L, f, at, v[SF_DATE], &s.date) < 0)
        errs++;
    if (!v[SF_ID])
        return;
    if (check_id(L, f, at, v[SF_ID]->valuestring, "source") < 0)
        return;
    ent_graph *g = L->g;
    uint32_t first;
    if (ent_strmap_get(&g->source_ids, v[SF_ID]->valuestring, &first)) {
        duplicate_id(L, f, member_pos(f, at, "id", 0), "source", v[SF_ID]->valuestring,
                     &L->source_origin[first]);
        return;
    }
    (void)errs; /* registered even with errors: evidence citing it stays quiet */
    s.id = keep(L, v[SF_ID]->valuestring);
    s.title = opt_str(L, v[SF_TITLE]);
    s.publisher = opt_str(L, v[SF_PUBLISHER]);
    s.author = opt_str(L, v[SF_AUTHOR]);
    s.url = opt_str(L, v[SF_URL]);
    s.kind = "";
    if (v[SF_KIND]) {
        const char *kind = v[SF_KIND]->valuestring;
        int k = valid_id(kind) ? source_kind_index(L, kind) : -3;
        if (k == -2) {
            L->oom = 1;
            return;
        }
        if (k == -3)
            report(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "kind", 0),
                   "invalid source kind \"%s\": a kind is written like an id (letters, digits "
                   "and _ - . :), for example \"article\" or \"reference\"",
                   kind);
        else if (k == -1)
            report(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "kind", 0),
                   "too many kinds of source: \"%s\" would be kind number %d, and at most %d "
                   "are allowed",
                   kind, ENT_MAX_SOURCE_KINDS + 1, ENT_MAX_SOURCE_KINDS);
        else
            s.kind = g->source_kinds[k];
    }
    s.loc.file = f->index;
    s.loc.line = el->line;
    if (ent_grow_((void **)&g->sources, &g->cap_sources, g->n_sources + 1, sizeof *g->sources) <
            0 ||
        record_origin(L, &L->source_origin, &L->cap_source_origin, g->n_sources, f, at, el->line) <
            0) {
        L->oom = 1;
        return;
    }
    g->sources[g->n_sources] = s;
    if (ent_strmap_put(&g->source_ids, s.id, (uint32_t)g->n_sources, NULL) < 0)
        L->oom = 1;
    g->n_sources++;
}

/* ---------------------------------------------------------------------------
 * Second pass: actors
 * ------------------------------------------------------------------------- */

static const field actor_fields[] = {
    {"id", T_STR},          {"name", T_STR},       {"kind", T_STR}, {"aliases", T_ARR},
    {"from", T_DATE},       {"to", T_DATE},        {"tags", T_ARR}, {"collective_defense", T_BOOL},
    {"description", T_STR}, {"attributes", T_OBJ}, {NULL, 0}};
enum {
    AF_ID,
    AF_NAME,
    AF_KIND,
    AF_ALIASES,
    AF_FROM,
    AF_TO,
    AF_TAGS,
    AF_CDEF,
    AF_DESCRIPTION,
    AF_ATTRIBUTES
};

/* Copies an array of strings; reports elements that are not strings. */
static int string_list(loader *L, const lfile *f, size_t obj_pos, const char *member,
                       const cJSON *arr, const char *const **out, size_t *n_out)
{
    size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
    int errs = 0;
    const char **list = n ? ent_arena_alloc(L->arena, n * sizeof *list) : NULL;
    if (n && !list) {
        L->oom = 1;
        return -1;
    }
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        if (!cJSON_IsString(c)) {
            report(L, ENT_SEV_ERROR, "wrong-type", f, element_pos(f, obj_pos, member, i),
                   "each of \"%s\" must be a string, found %s", member, json_type_name(c));
            errs++;
            continue;
        }
        if (!c->valuestring[0]) {
            report(L, ENT_SEV_ERROR, "invalid-value", f, element_pos(f, obj_pos, member, i),
                   "an element of \"%s\" is an empty string", member);
            errs++;
            continue;
        }
        list[i] = keep(L, c->valuestring);
    }
    *out = list;
    *n_out = errs ? 0 : n; /* never hand out a list with holes */
    return errs ? -1 : 0;
}

static int kind_from_string(const char *s)
{
    for (int k = 0; k < ENT_KIND_COUNT_; k++)
        if (strcmp(s, ent_actor_kind_str((ent_actor_kind)k)) == 0)
            return k;
    return -1;
}

/*
 * Registers a lowercased name of actor `a`; warns when another actor has it.
 * The name is member `key` (element `index` of it, when >= 0) of the object
 * at obj_pos, located only when there is something to report.
 */
static void add_name(loader *L, const lfile *f, size_t obj_pos, const char *key, long index,
                     uint32_t a, const char *name)
{
    ent_graph *g = L->g;
    char *low = ent_graph_lower_(g, name);
    if (!low) {
        L->oom = 1;
        return;
    }
    uint32_t prev;
    int r = ent_strmap_put(&g->names, low, a, &prev);
    if (r < 0) {
        L->oom = 1;
        return;
    }
    if (r == 1 || prev == a)
        return;
    size_t pos =
        index >= 0 ? element_pos(f, obj_pos, key, (size_t)index) : member_pos(f, obj_pos, key, 0);
    if (prev != ENT_NAME_AMBIGUOUS)
        report(L, ENT_SEV_WARNING, "ambiguous-name", f, pos,
               "\"%s\" names both actor \"%s\" and actor \"%s\", so the command line cannot "
               "tell them apart by it",
               name, g->actors[prev].id, g->n_actors > a ? g->actors[a].id : "?");
    *ent_strmap_ref(&g->names, low) = ENT_NAME_AMBIGUOUS;
}

static void do_actor(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "an actor";
    lazy_pos where = known_pos(f, at);
    int errs = collect(L, f, &where, obj, actor_fields, v, what);
    ent_graph *g = L->g;
    ent_actor a;
    memset(&a, 0, sizeof a);
    (void)index;
    if (!v[AF_ID])
        missing(L, f, at, what, "id"), errs++;
    if (!v[AF_NAME])
        missing(L, f, at, what, "name"), errs++;
    else if (!v[AF_NAME]->valuestring[0]) {
        report(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "name", 0),
               "an actor's \"name\" must not be empty");
        errs++;
    }
    if (!v[AF_KIND])
        missing(L, f, at, what, "kind"), errs++;
    else {
        int k = kind_from_string(v[AF_KIND]->valuestring);
        if (k < 0) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[AF_KIND]->valuestring);
            for (int i = 0; i < ENT_KIND_COUNT_; i++)
                ent_fuzzy_offer(&fz, ent_actor_kind_str((ent_actor_kind)i));
            report_guess(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "kind", 0),
                         fz.best,
                         "unknown actor kind \"%s\"; kinds are state, de_facto_state, leader, "
                         "person, alliance, organization, force, group, place and issue",
                         v[AF_KIND]->valuestring);
            errs++;
        } else
            a.kind = (ent_actor_kind)k;
    }
    if (v[AF_FROM] && get_date(L, f, at, v[AF_FROM], &a.from) < 0)
        errs++;
    if (v[AF_TO] && get_date(L, f, at, v[AF_TO], &a.to) < 0)
        errs++;
    if (!errs && check_order(L, f, at, a.from, a.to) < 0)
        errs++;
    if (v[AF_ALIASES] &&
        string_list(L, f, at, "aliases", v[AF_ALIASES], &a.aliases, &a.n_aliases) < 0)
        errs++;
    if (v[AF_TAGS] && string_list(L, f, at, "tags", v[AF_TAGS], &a.tags, &a.n_tags) < 0)
        errs++;
    a.collective_defense = v[AF_CDEF] ? cJSON_IsTrue(v[AF_CDEF]) : -1;
    if (!errs && v[AF_CDEF] && a.kind != ENT_KIND_ALLIANCE)
        report(L, ENT_SEV_WARNING, "unused-field", f, member_pos(f, at, "collective_defense", 1),
               "\"collective_defense\" applies only to actors of kind \"alliance\" and is "
               "ignored here");
    if (!errs && !v[AF_CDEF] && a.kind == ENT_KIND_ALLIANCE)
        report(L, ENT_SEV_WARNING, "missing-field", f, at,
               "alliance \"%s\" does not say whether its members must defend each other; add "
               "\"collective_defense\": true or false",
               v[AF_ID]->valuestring);
    if (!v[AF_ID])
        return;
    const char *id = v[AF_ID]->valuestring;
    if (check_id(L, f, at, id, "actor") < 0)
        return;
    uint32_t first;
    if (ent_strmap_get(&g->actor_ids, id, &first)) {
        duplicate_id(L, f, member_pos(f, at, "id", 0), "actor", id, &L->actor_origin[first]);
        return;
    }
    /* An actor with errors is still registered under its id, so that the
     * relations naming it do not add "unknown actor" errors of their own. */
    a.id = keep(L, id);
    a.name = keep(L, v[AF_NAME] ? v[AF_NAME]->valuestring : id);
    a.description = opt_str(L, v[AF_DESCRIPTION]);
    a.attributes = "";
    if (v[AF_ATTRIBUTES]) {
        char *text = cJSON_PrintUnformatted(v[AF_ATTRIBUTES]);
        if (!text) {
            L->oom = 1;
            return;
        }
        a.attributes = keep(L, text);
        cJSON_free(text);
    }
    a.loc.file = f->index;
    a.loc.line = el->line;
    uint32_t ai = (uint32_t)g->n_actors;
    if (ent_grow_((void **)&g->actors, &g->cap_actors, g->n_actors + 1, sizeof *g->actors) < 0 ||
        record_origin(L, &L->actor_origin, &L->cap_actor_origin, ai, f, at, el->line) < 0) {
        L->oom = 1;
        return;
    }
    if (ent_grow_((void **)&L->actor_kind, &L->cap_actor_kind, ai + 1, 1) < 0 ||
        ent_grow_((void **)&L->actor_dated, &L->cap_actor_dated, ai + 1, 1) < 0) {
        L->oom = 1;
        return;
    }
    L->actor_kind[ai] = (uint8_t)a.kind;
    L->actor_dated[ai] = a.from.year || a.to.year;
    g->actors[ai] = a;
    g->n_actors++;
    if (ent_strmap_put(&g->actor_ids, a.id, ai, NULL) < 0)
        L->oom = 1;
    add_name(L, f, at, "id", -1, ai, a.id);
    add_name(L, f, at, "name", -1, ai, a.name);
    for (size_t i = 0; i < a.n_aliases; i++)
        add_name(L, f, at, "aliases", (long)i, ai, a.aliases[i]);
}

/* ---------------------------------------------------------------------------
 * Second pass: snapshots
 * ------------------------------------------------------------------------- */

/* Whether an id has the shape of a date (even an impossible one such as
 * "2023-13"), so that a command line could not tell the two apart. */
static int looks_like_date(const char *id)
{
    ent_date probe;
    return ent_date_parse(&probe, id, strlen(id)) != ENT_DATE_SYNTAX;
}

static const field snapshot_fields[] = {{"id", T_STR}, {"at", T_DATE}, {"label", T_STR}, {NULL, 0}};
enum { NF_ID, NF_AT, NF_LABEL };

static void do_snapshot(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a snapshot";
    lazy_pos where = known_pos(f, at);
    int errs = collect(L, f, &where, obj, snapshot_fields, v, what);
    ent_snapshot s;
    memset(&s, 0, sizeof s);
    (void)index;
    if (!v[NF_ID])
        missing(L, f, at, what, "id"), errs++;
    if (!v[NF_AT])
        missing(L, f, at, what, "at"), errs++;
    else if (get_date(L, f, at, v[NF_AT], &s.at) < 0)
        errs++;
    if (!v[NF_ID])
        return;
    const char *id = v[NF_ID]->valuestring;
    size_t id_pos = member_pos(f, at, "id", 0);
    if (check_id(L, f, at, id, "snapshot") < 0)
        return;
    if (looks_like_date(id)) {
        report(L, ENT_SEV_ERROR, "invalid-id", f, id_pos,
               "snapshot id \"%s\" looks like a date, so \"--at %s\" would be ambiguous; use a "
               "name such as \"before-2022\"",
               id, id);
        return;
    }
    ent_graph *g = L->g;
    uint32_t first;
    if (ent_strmap_get(&g->snapshot_ids, id, &first)) {
        duplicate_id(L, f, id_pos, "snapshot", id, &L->snapshot_origin[first]);
        return;
    }
    /* A snapshot with errors is still registered under its id, without a
     * date, so that the comparisons naming it do not add "unknown snapshot"
     * errors of their own (the graph is not kept then anyway). */
    if (errs)
        memset(&s.at, 0, sizeof s.at);
    s.id = keep(L, id);
    s.label = opt_str(L, v[NF_LABEL]);
    s.loc.file = f->index;
    s.loc.line = el->line;
    if (ent_grow_((void **)&g->snapshots, &g->cap_snapshots, g->n_snapshots + 1,
                  sizeof *g->snapshots) < 0 ||
        record_origin(L, &L->snapshot_origin, &L->cap_snapshot_origin, g->n_snapshots, f, at,
                      el->line) < 0) {
        L->oom = 1;
        return;
    }
    g->snapshots[g->n_snapshots] = s;
    if (ent_strmap_put(&g->snapshot_ids, s.id, (uint32_t)g->n_snapshots, NULL) < 0)
        L->oom = 1;
    g->n_snapshots++;
}

/* ---------------------------------------------------------------------------
 * Second pass: relations
 * ------------------------------------------------------------------------- */

static const field relation_fields[] = {{"id", T_STR},     {"source", T_STR},
                                        {"target", T_STR}, {"type", T_STR},
                                        {"from", T_DATE},  {"to", T_DATE},
                                        {"at", T_DATE},    {"intensity", T_NUM},
                                        {"status", T_STR}, {"claimed_by", T_STR},
                                        {"via", T_STR},    {"evidence", T_ARR},
                                        {"note", T_STR},   {NULL, 0}};
enum {
    RF_ID,
    RF_SOURCE,
    RF_TARGET,
    RF_TYPE,
    RF_FROM,
    RF_TO,
    RF_AT,
    RF_INTENSITY,
    RF_STATUS,
    RF_CLAIMED_BY,
    RF_VIA,
    RF_EVIDENCE,
    RF_NOTE
};

static const field evidence_fields[] = {
    {"source", T_STR}, {"locator", T_STR}, {"note", T_STR}, {NULL, 0}};
enum { EF_SOURCE, EF_LOCATOR, EF_NOTE };

/* Resolves an actor id member; reports unknown-actor. Returns the index or -1. */
static long actor_ref(loader *L, const lfile *f, size_t obj_pos, const char *member, const cJSON *v)
{
    uint32_t idx;
    if (ent_strmap_get(&L->g->actor_ids, v->valuestring, &idx))
        return (long)idx;
    report_guess(L, ENT_SEV_ERROR, "unknown-actor", f, member_pos(f, obj_pos, member, 0),
                 closest_actor(L->g, v->valuestring), "\"%s\" names unknown actor \"%s\"", member,
                 v->valuestring);
    return -1;
}

static int status_from_string(const char *s)
{
    for (int k = 0; k < ENT_STATUS_COUNT_; k++)
        if (strcmp(s, ent_status_str((ent_status)k)) == 0)
            return k;
    return -1;
}

/* An "existence" warning at member `role` of the relation at obj_pos. The
 * member is located only now: finding it costs a scan of the relation's text. */
__attribute__((format(printf, 5, 6))) static void
existence_warning(loader *L, const lfile *f, size_t obj_pos, const char *role, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vreport(L, ENT_SEV_WARNING, "existence", f, member_pos(f, obj_pos, role, 0), NULL, fmt, ap);
    va_end(ap);
}

/*
 * Warns when a relation's dates fall outside an actor's existence; the actor
 * is named by member `role` ("source", "target") of the relation at obj_pos.
 */
/* Which existence warning, if any, a relation's dates call for against actor
 * `a`: 0 none, 1 an event outside its existence, 2 a durable relation that
 * starts before it exists, 3 one without end after it ceased, 4 one that
 * ends after it ceased. */
static int existence_case(const ent_relation *r, const ent_reltype *t, const ent_actor *a)
{
    if (!a->from.year && !a->to.year)
        return 0;
    if (!t->durable)
        return (a->from.year && ent_date_last_day(r->at) < ent_date_first_day(a->from)) ||
               (a->to.year && ent_date_first_day(r->at) > ent_date_last_day(a->to));
    if (a->from.year && r->from.year && ent_date_first_day(r->from) < ent_date_first_day(a->from))
        return 2;
    if (a->to.year && !r->to.year)
        return 3;
    if (a->to.year && r->to.year && ent_date_last_day(r->to) > ent_date_last_day(a->to))
        return 4;
    return 0;
}

static void check_existence(loader *L, const lfile *f, size_t obj_pos, const char *role,
                            const ent_relation *r, const ent_reltype *t, const ent_actor *a)
{
    char d1[11], d2[11];
    switch (existence_case(r, t, a)) {
    case 1:
        existence_warning(L, f, obj_pos, role,
                          "this %s on %s lies outside the existence of \"%s\" (%s to %s)", t->label,
                          ent_date_format(r->at, d1), a->id,
                          a->from.year ? ent_date_format(a->from, d2) : "its start",
                          a->to.year ? ent_date_format(a->to, (char[11]){0}) : "today");
        break;
    case 2:
        existence_warning(L, f, obj_pos, role, "this %s starts (%s) before \"%s\" exists (%s)",
                          t->label, ent_date_format(r->from, d1), a->id,
                          ent_date_format(a->from, d2));
        break;
    case 3:
        existence_warning(L, f, obj_pos, role,
                          "this %s has no end date, but \"%s\" ceased to exist on %s; give \"to\"",
                          t->label, a->id, ent_date_format(a->to, d2));
        break;
    case 4:
        existence_warning(L, f, obj_pos, role,
                          "this %s ends (%s) after \"%s\" ceased to exist (%s)", t->label,
                          ent_date_format(r->to, d1), a->id, ent_date_format(a->to, d2));
        break;
    }
}

static int do_evidence(loader *L, const lfile *f, size_t rel_pos, const cJSON *arr, ent_relation *r)
{
    size_t n = (size_t)cJSON_GetArraySize(arr), i = 0;
    int errs = 0;
    ent_evidence *ev = n ? ent_arena_alloc(L->arena, n * sizeof *ev) : NULL;
    if (n && !ev) {
        L->oom = 1;
        return -1;
    }
    for (const cJSON *c = arr->child; c; c = c->next, i++) {
        lazy_pos where = {f, rel_pos, "evidence", i, 0};
        if (!cJSON_IsObject(c)) {
            report(L, ENT_SEV_ERROR, "wrong-type", f, resolve(&where),
                   "each element of \"evidence\" must be an object such as {\"source\": "
                   "\"...\", \"locator\": \"...\", \"note\": \"...\"}, found %s",
                   json_type_name(c));
            errs++;
            continue;
        }
        const cJSON *v[MAX_FIELDS];
        errs += collect(L, f, &where, c, evidence_fields, v, "evidence");
        if (!v[EF_SOURCE]) {
            missing(L, f, resolve(&where), "evidence", "source");
            errs++;
            continue;
        }
        uint32_t si;
        if (!ent_strmap_get(&L->g->source_ids, v[EF_SOURCE]->valuestring, &si)) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[EF_SOURCE]->valuestring);
            for (size_t k = 0; k < L->g->n_sources; k++)
                ent_fuzzy_offer(&fz, L->g->sources[k].id);
            report_guess(L, ENT_SEV_ERROR, "unknown-source", f,
                         member_pos(f, resolve(&where), "source", 0), fz.best,
                         "evidence cites unknown source \"%s\"", v[EF_SOURCE]->valuestring);
            errs++;
            continue;
        }
        ev[i].source = si;
        ev[i].locator = opt_str(L, v[EF_LOCATOR]);
        ev[i].note = opt_str(L, v[EF_NOTE]);
    }
    r->evidence = ev;
    r->n_evidence = n;
    return errs ? -1 : 0;
}

static void do_relation(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a relation";
    ent_graph *g = L->g;
    lazy_pos where = known_pos(f, at);
    int errs = collect(L, f, &where, obj, relation_fields, v, what);
    ent_relation r;
    memset(&r, 0, sizeof r);
    r.claimed_by = r.via = ENT_NO_ACTOR;
    (void)index;

    long src = -1, tgt = -1;
    if (!v[RF_SOURCE])
        missing(L, f, at, what, "source"), errs++;
    else if ((src = actor_ref(L, f, at, "source", v[RF_SOURCE])) < 0)
        errs++;
    if (!v[RF_TARGET])
        missing(L, f, at, what, "target"), errs++;
    else if ((tgt = actor_ref(L, f, at, "target", v[RF_TARGET])) < 0)
        errs++;
    if (src >= 0 && src == tgt) {
        report(L, ENT_SEV_ERROR, "self-relation", f, member_pos(f, at, "target", 0),
               "a relation's source and target are both \"%s\"", g->actors[src].id);
        errs++;
    }

    const ent_reltype *t = NULL;
    if (!v[RF_TYPE])
        missing(L, f, at, what, "type"), errs++;
    else {
        uint32_t ti;
        if (ent_strmap_get(&g->type_ids, v[RF_TYPE]->valuestring, &ti)) {
            t = &g->types[ti];
            r.type = ti;
        } else {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[RF_TYPE]->valuestring);
            for (size_t k = 0; k < g->n_types; k++)
                ent_fuzzy_offer(&fz, g->types[k].id);
            report_guess(L, ENT_SEV_ERROR, "unknown-type", f, member_pos(f, at, "type", 0), fz.best,
                         "unknown relation type \"%s\"", v[RF_TYPE]->valuestring);
            errs++;
        }
    }

    /* Dates: parse what is there, then check it fits the type. */
    if (v[RF_FROM] && get_date(L, f, at, v[RF_FROM], &r.from) < 0)
        errs++;
    if (v[RF_TO] && get_date(L, f, at, v[RF_TO], &r.to) < 0)
        errs++;
    if (v[RF_AT] && get_date(L, f, at, v[RF_AT], &r.at) < 0)
        errs++;
    if (t && t->durable && v[RF_AT]) {
        report(L, ENT_SEV_ERROR, "date-kind", f, member_pos(f, at, "at", 1),
               "\"%s\" is a durable relation type: give \"from\" and \"to\", not \"at\"", t->id);
        errs++;
    } else if (t && !t->durable && (v[RF_FROM] || v[RF_TO])) {
        report(L, ENT_SEV_ERROR, "date-kind", f, member_pos(f, at, v[RF_FROM] ? "from" : "to", 1),
               "\"%s\" is an event type: give \"at\", not \"from\" or \"to\"", t->id);
        errs++;
    } else if (t && !t->durable && !v[RF_AT]) {
        report(L, ENT_SEV_ERROR, "missing-field", f, at,
               "a relation of event type \"%s\" needs \"at\", the date it happened", t->id);
        errs++;
    }
    if (!errs && check_order(L, f, at, r.from, r.to) < 0)
        errs++;

    if (v[RF_INTENSITY]) {
        double x = v[RF_INTENSITY]->valuedouble;
        if (!intensity_ok(x)) {
            char num[32];
            size_t vp = member_pos(f, at, "intensity", 0);
            report(L, ENT_SEV_ERROR, "intensity-range", f, vp,
                   "intensity %s is outside the Goldstein scale, -10 to 10",
                   number_text(f, vp, x, num));
            errs++;
        } else {
            r.intensity = x;
            r.intensity_given = 1;
            if (t && ((t->sign > 0 && x < 0) || (t->sign < 0 && x > 0)))
                report(L, ENT_SEV_WARNING, "sign-mismatch", f, member_pos(f, at, "intensity", 0),
                       "intensity %g has the opposite sign of \"%s\" (%s); is the type right?", x,
                       t->id, t->sign > 0 ? "cooperative" : "hostile");
        }
    } else if (t)
        r.intensity = t->intensity;

    r.status = ENT_STATUS_REPORTED;
    if (v[RF_STATUS]) {
        int st = status_from_string(v[RF_STATUS]->valuestring);
        if (st < 0) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, v[RF_STATUS]->valuestring);
            for (int k = 0; k < ENT_STATUS_COUNT_; k++)
                ent_fuzzy_offer(&fz, ent_status_str((ent_status)k));
            report_guess(L, ENT_SEV_ERROR, "invalid-value", f, member_pos(f, at, "status", 0),
                         fz.best,
                         "unknown status \"%s\"; it is confirmed, reported, claimed or disputed",
                         v[RF_STATUS]->valuestring);
            errs++;
        } else
            r.status = (ent_status)st;
    }
    if (v[RF_CLAIMED_BY]) {
        long c = actor_ref(L, f, at, "claimed_by", v[RF_CLAIMED_BY]);
        if (c < 0)
            errs++;
        else
            r.claimed_by = (uint32_t)c;
        if (r.status == ENT_STATUS_CONFIRMED || r.status == ENT_STATUS_REPORTED)
            report(L, ENT_SEV_WARNING, "unused-field", f, member_pos(f, at, "claimed_by", 1),
                   "\"claimed_by\" is ignored when the status is \"%s\"; use \"claimed\" or "
                   "\"disputed\"",
                   ent_status_str(r.status));
    } else if (r.status == ENT_STATUS_CLAIMED) {
        report(L, ENT_SEV_ERROR, "claim-without-claimant", f, member_pos(f, at, "status", 0),
               "a claimed relation must say who claims it: add \"claimed_by\"");
        errs++;
    }
    if (v[RF_VIA]) {
        long c = actor_ref(L, f, at, "via", v[RF_VIA]);
        if (c < 0)
            errs++;
        else
            r.via = (uint32_t)c;
    }

    if (v[RF_EVIDENCE] && do_evidence(L, f, at, v[RF_EVIDENCE], &r) < 0)
        errs++;
    if (!errs && r.n_evidence == 0 && !L->allow_missing_evidence)
        report(L, ENT_SEV_WARNING, "no-evidence", f, at,
               "this relation has no evidence; add \"evidence\": [{\"source\": ..., "
               "\"locator\": ..., \"note\": ...}]");

    /* Kinds: stances point at issues, and issues do not act. */
    if (src >= 0 && L->actor_kind[src] == ENT_KIND_ISSUE) {
        report(L, ENT_SEV_ERROR, "kind-mismatch", f, member_pos(f, at, "source", 0),
               "\"%s\" is an issue, and an issue cannot be the source of a relation",
               g->actors[src].id);
        errs++;
    }
    if (t && tgt >= 0 && t->family[0] == 's' && strcmp(t->family, "stance") == 0 &&
        L->actor_kind[tgt] != ENT_KIND_ISSUE) {
        report(L, ENT_SEV_ERROR, "kind-mismatch", f, member_pos(f, at, "target", 0),
               "\"%s\" takes an issue as its target, but \"%s\" is of kind \"%s\"", t->id,
               g->actors[tgt].id, ent_actor_kind_str(g->actors[tgt].kind));
        errs++;
    }

    const char *rid = v[RF_ID] ? v[RF_ID]->valuestring : NULL;
    if (rid && check_id(L, f, at, rid, "relation") < 0)
        errs++;
    else if (rid) {
        /* One probe both checks and registers the id (a relation with errors
         * still claims its id: the graph is not kept then anyway). */
        rid = keep(L, rid);
        uint32_t first, slot = (uint32_t)L->n_relation_ids;
        if (L->collect_ids) {
            /* A worker leaves registering to the main thread (see below). */
            if (ent_grow_((void **)&L->ids, &L->cap_ids, L->n_ids + 1, sizeof *L->ids) < 0 ||
                record_origin(L, &L->id_origins, &L->cap_id_origins, L->n_ids, f, at, el->line) <
                    0) {
                L->oom = 1;
                return;
            }
            L->ids[L->n_ids++] = rid;
            goto id_done;
        }
        int fresh = ent_strmap_put(&g->relation_ids, rid, slot, &first);
        if (fresh < 0) {
            L->oom = 1;
            return;
        }
        if (!fresh) {
            duplicate_id(L, f, member_pos(f, at, "id", 0), "relation", rid,
                         &L->relation_origin[first]);
            errs++;
        } else if (record_origin(L, &L->relation_origin, &L->cap_relation_origin, slot, f, at,
                                 el->line) < 0)
            return;
        else
            L->n_relation_ids++;
    }
id_done:
    if (errs)
        return;

    if (src >= 0 && t && L->actor_dated[src])
        check_existence(L, f, at, "source", &r, t, &g->actors[src]);
    if (tgt >= 0 && t && L->actor_dated[tgt])
        check_existence(L, f, at, "target", &r, t, &g->actors[tgt]);

    r.source = (uint32_t)src;
    r.target = (uint32_t)tgt;
    r.id = rid ? rid : "";
    r.note = opt_str(L, v[RF_NOTE]);
    r.loc.file = f->index;
    r.loc.line = el->line;
    size_t ri = *L->rel_n;
    if (ent_grow_((void **)L->rel_items, L->rel_cap, ri + 1, sizeof **L->rel_items) < 0) {
        L->oom = 1;
        return;
    }
    (*L->rel_items)[ri] = r;
    (*L->rel_n)++;
}

/* ---------------------------------------------------------------------------
 * Second pass: relations without cJSON
 *
 * Nearly every relation of a large file is clean, and building a cJSON tree
 * for each (then looking its members up by name) was most of the cost of
 * loading. relation_fast reads the members straight from the validated text
 * and builds the relation only when the element is plainly well-formed and
 * would draw no diagnostic at all: every member known, of the right JSON
 * type, once; strings without \u escapes; every reference resolved; every
 * check of do_relation passed, warnings included. Anything else makes it
 * return 0 before touching shared state, and the element is read again by
 * cJSON and do_relation, which report exactly as before.
 * ------------------------------------------------------------------------- */

/* A member's value in the text: kind 's' string (pos at its opening quote,
 * end after the closing one), 'n' number, 'a' array; 0 when absent. */
typedef struct fval {
    char kind;
    char esc; /* a string holding a backslash escape */
    size_t pos, end;
} fval;

#define FAST_MAX_EVIDENCE 16
#define FAST_CSTR         (MAX_ID_LEN + 8)

/* End of the (validated) string at `p`; *esc is 1 for escapes, 2 for \u. */
static size_t fast_string(const char *b, size_t len, size_t p, char *esc)
{
    *esc = 0;
    for (p++;; p++) {
        p = jscan_plain_run(b, p, len); /* stops at the closing quote at the latest */
        char c = b[p];
        if (c == '"')
            return p + 1;
        if (c == '\\') {
            if (b[p + 1] == 'u')
                *esc = 2;
            else if (!*esc)
                *esc = 1;
            p++;
        }
    }
}

/*
 * Reads the object at `p` into `slots` by the table `fields`. Returns 1 with
 * *after just past the object, or 0 when the object is anything but plain:
 * not an object, an escaped, unknown or repeated key, a value of a type the
 * field does not take (or an object, a literal, a long number, a \u escape).
 */
static int fast_object(const lfile *f, size_t p, const field *fields, fval *slots, size_t *after)
{
    const char *b = f->buf;
    size_t len = f->len;
    for (int i = 0; fields[i].name; i++)
        slots[i].kind = 0;
    if (b[p] != '{')
        return 0;
    p = jscan_skip_ws(b, len, p + 1);
    if (b[p] == '}') {
        *after = p + 1;
        return 1;
    }
    for (;;) {
        char esc;
        size_t kend = fast_string(b, len, p, &esc), klen = kend - p - 2;
        if (esc)
            return 0;
        int i;
        for (i = 0; fields[i].name; i++)
            if (fields[i].name[0] == b[p + 1] && strlen(fields[i].name) == klen &&
                memcmp(fields[i].name, b + p + 1, klen) == 0)
                break;
        if (!fields[i].name || slots[i].kind)
            return 0;
        fval *v = &slots[i];
        p = jscan_skip_ws(b, len, jscan_skip_ws(b, len, kend) + 1); /* past the ':' */
        v->pos = p;
        v->esc = 0;
        char c = b[p];
        if (c == '"') {
            if (!(fields[i].types & (T_STR | T_DATE)))
                return 0;
            v->kind = 's';
            v->end = fast_string(b, len, p, &v->esc);
            if (v->esc == 2)
                return 0;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (!(fields[i].types & T_NUM))
                return 0;
            v->kind = 'n';
            v->end = jscan_skip(b, len, p);
            if (v->end - p > 32) /* cJSON reads at most 63 characters of a number */
                return 0;
        } else if (c == '[') {
            if (!(fields[i].types & T_ARR))
                return 0;
            v->kind = 'a';
            v->end = jscan_skip(b, len, p);
        } else
            return 0;
        p = jscan_skip_ws(b, len, v->end);
        if (b[p] == '}') {
            *after = p + 1;
            return 1;
        }
        p = jscan_skip_ws(b, len, p + 1); /* past the ',' */
    }
}

/* The unescaped string `v` as a C string in out[FAST_CSTR], or NULL. */
static const char *fast_cstr(const lfile *f, const fval *v, char *out)
{
    size_t n = v->end - v->pos - 2;
    if (v->esc || n >= FAST_CSTR)
        return NULL;
    memcpy(out, f->buf + v->pos + 1, n);
    out[n] = '\0';
    return out;
}

/* The actor named by string `v`, or -1. */
static long fast_actor(loader *L, const lfile *f, const fval *v)
{
    char buf[FAST_CSTR];
    uint32_t idx;
    const char *s = fast_cstr(f, v, buf);
    return s && ent_strmap_get(&L->g->actor_ids, s, &idx) ? (long)idx : -1;
}

/* The date in string `v`; 0, or -1 when it is not a valid date. */
static int fast_date(const lfile *f, const fval *v, ent_date *out)
{
    if (v->esc)
        return -1;
    return ent_date_parse(out, f->buf + v->pos + 1, v->end - v->pos - 2) == ENT_DATE_OK ? 0 : -1;
}

/* The string `v` (absent: "") kept in the loader's arena; NULL when out of memory. */
static const char *fast_keep(loader *L, const lfile *f, const fval *v)
{
    if (!v->kind)
        return "";
    size_t n = v->end - v->pos - 2;
    if (!v->esc)
        return ent_arena_strndup(L->arena, f->buf + v->pos + 1, n);
    char *p = ent_arena_alloc(L->arena, n + 1);
    if (p)
        jscan_decode_string(f->buf, f->len, v->pos, p, n + 1);
    return p;
}

/*
 * Builds the relation `el` of file f without cJSON when it draws no
 * diagnostic (see above). Returns 1 when the relation was added (or memory
 * ran out: L->oom is set), 0 when do_relation must read it.
 */
static int relation_fast(loader *L, lfile *f, const elem *el)
{
    ent_graph *g = L->g;
    const char *b = f->buf;
    fval v[MAX_FIELDS], ev[FAST_MAX_EVIDENCE][4];
    size_t after, n_ev = 0;
    char buf[FAST_CSTR], idbuf[FAST_CSTR];
    if (!fast_object(f, el->start, relation_fields, v, &after))
        return 0;
    if (!v[RF_SOURCE].kind || !v[RF_TARGET].kind || !v[RF_TYPE].kind)
        return 0;
    ent_relation r;
    memset(&r, 0, sizeof r);
    r.claimed_by = r.via = ENT_NO_ACTOR;
    long src = fast_actor(L, f, &v[RF_SOURCE]), tgt = fast_actor(L, f, &v[RF_TARGET]);
    if (src < 0 || tgt < 0 || src == tgt)
        return 0;
    uint32_t ti;
    const char *s = fast_cstr(f, &v[RF_TYPE], buf);
    if (!s || !ent_strmap_get(&g->type_ids, s, &ti))
        return 0;
    const ent_reltype *t = &g->types[ti];
    r.type = ti;

    if ((v[RF_FROM].kind && fast_date(f, &v[RF_FROM], &r.from) < 0) ||
        (v[RF_TO].kind && fast_date(f, &v[RF_TO], &r.to) < 0) ||
        (v[RF_AT].kind && fast_date(f, &v[RF_AT], &r.at) < 0))
        return 0;
    if (t->durable ? v[RF_AT].kind != 0 : (v[RF_FROM].kind || v[RF_TO].kind || !v[RF_AT].kind))
        return 0;
    if (r.from.year && r.to.year && ent_date_last_day(r.to) < ent_date_first_day(r.from))
        return 0;

    if (v[RF_INTENSITY].kind) {
        double x = strtod(b + v[RF_INTENSITY].pos, NULL);
        if (!intensity_ok(x) || (t->sign > 0 && x < 0) || (t->sign < 0 && x > 0))
            return 0;
        r.intensity = x;
        r.intensity_given = 1;
    } else
        r.intensity = t->intensity;

    r.status = ENT_STATUS_REPORTED;
    if (v[RF_STATUS].kind) {
        int st = (s = fast_cstr(f, &v[RF_STATUS], buf)) ? status_from_string(s) : -1;
        if (st < 0)
            return 0;
        r.status = (ent_status)st;
    }
    if (v[RF_CLAIMED_BY].kind) {
        long c = fast_actor(L, f, &v[RF_CLAIMED_BY]);
        if (c < 0 || r.status == ENT_STATUS_CONFIRMED || r.status == ENT_STATUS_REPORTED)
            return 0;
        r.claimed_by = (uint32_t)c;
    } else if (r.status == ENT_STATUS_CLAIMED)
        return 0;
    if (v[RF_VIA].kind) {
        long c = fast_actor(L, f, &v[RF_VIA]);
        if (c < 0)
            return 0;
        r.via = (uint32_t)c;
    }

    if (v[RF_EVIDENCE].kind) {
        size_t p = jscan_skip_ws(b, f->len, v[RF_EVIDENCE].pos + 1);
        while (b[p] != ']') {
            if (n_ev == FAST_MAX_EVIDENCE || !fast_object(f, p, evidence_fields, ev[n_ev], &after))
                return 0;
            if (!ev[n_ev][EF_SOURCE].kind)
                return 0;
            n_ev++;
            p = jscan_skip_ws(b, f->len, after);
            if (b[p] == ',')
                p = jscan_skip_ws(b, f->len, p + 1);
        }
    }
    uint32_t sources[FAST_MAX_EVIDENCE];
    for (size_t i = 0; i < n_ev; i++) {
        s = fast_cstr(f, &ev[i][EF_SOURCE], buf);
        if (!s || !ent_strmap_get(&g->source_ids, s, &sources[i]))
            return 0;
    }
    if (n_ev == 0 && !L->allow_missing_evidence)
        return 0;

    if (L->actor_kind[src] == ENT_KIND_ISSUE)
        return 0;
    if (t->family[0] == 's' && strcmp(t->family, "stance") == 0 &&
        L->actor_kind[tgt] != ENT_KIND_ISSUE)
        return 0;
    if (v[RF_ID].kind && (!fast_cstr(f, &v[RF_ID], idbuf) || !valid_id(idbuf)))
        return 0;
    if ((L->actor_dated[src] && existence_case(&r, t, &g->actors[src])) ||
        (L->actor_dated[tgt] && existence_case(&r, t, &g->actors[tgt])))
        return 0;

    /* Clean: register the id (a repeated one goes to do_relation, which
     * reports it), then keep the strings and the relation. */
    const char *rid = "";
    if (v[RF_ID].kind) {
        if (!(rid = ent_arena_strdup(L->arena, idbuf)))
            goto oom;
        if (L->collect_ids) {
            if (ent_grow_((void **)&L->ids, &L->cap_ids, L->n_ids + 1, sizeof *L->ids) < 0 ||
                record_origin(L, &L->id_origins, &L->cap_id_origins, L->n_ids, f, el->start,
                              el->line) < 0)
                goto oom;
            L->ids[L->n_ids++] = rid;
        } else {
            uint32_t first, slot = (uint32_t)L->n_relation_ids;
            int fresh = ent_strmap_put(&g->relation_ids, rid, slot, &first);
            if (fresh < 0)
                goto oom;
            if (!fresh)
                return 0;
            if (record_origin(L, &L->relation_origin, &L->cap_relation_origin, slot, f, el->start,
                              el->line) < 0)
                return 1;
            L->n_relation_ids++;
        }
    }
    ent_evidence *evs = n_ev ? ent_arena_alloc(L->arena, n_ev * sizeof *evs) : NULL;
    if (n_ev && !evs)
        goto oom;
    for (size_t i = 0; i < n_ev; i++) {
        evs[i].source = sources[i];
        evs[i].locator = fast_keep(L, f, &ev[i][EF_LOCATOR]);
        evs[i].note = fast_keep(L, f, &ev[i][EF_NOTE]);
        if (!evs[i].locator || !evs[i].note)
            goto oom;
    }
    r.evidence = evs;
    r.n_evidence = n_ev;
    r.source = (uint32_t)src;
    r.target = (uint32_t)tgt;
    r.id = rid;
    if (!(r.note = fast_keep(L, f, &v[RF_NOTE])))
        goto oom;
    r.loc.file = f->index;
    r.loc.line = el->line;
    size_t ri = *L->rel_n;
    if (ent_grow_((void **)L->rel_items, L->rel_cap, ri + 1, sizeof **L->rel_items) < 0)
        goto oom;
    (*L->rel_items)[ri] = r;
    (*L->rel_n)++;
    return 1;
oom:
    L->oom = 1;
    return 1;
}

/* ---------------------------------------------------------------------------
 * Second pass: comparisons
 * ------------------------------------------------------------------------- */

static const field comparison_fields[] = {{"id", T_STR},    {"from", T_STR},      {"to", T_STR},
                                          {"label", T_STR}, {"headline", T_BOOL}, {NULL, 0}};
enum { CF_ID, CF_FROM, CF_TO, CF_LABEL, CF_HEADLINE };

/*
 * Resolves member `member` ("from", "to") of the comparison at obj_pos to a
 * snapshot; reports unknown-snapshot. Returns the snapshot index or -1.
 */
static long snapshot_ref(loader *L, const lfile *f, size_t obj_pos, const char *member,
                         const cJSON *v)
{
    const ent_graph *g = L->g;
    const char *name = v->valuestring;
    uint32_t idx;
    if (ent_strmap_get(&g->snapshot_ids, name, &idx))
        return (long)idx;
    size_t pos = member_pos(f, obj_pos, member, 0);
    ent_date d;
    if (ent_date_parse(&d, name, strlen(name)) == ENT_DATE_OK) {
        /* A date where a snapshot id belongs: point at a snapshot of that day. */
        const char *same = NULL;
        for (size_t i = 0; i < g->n_snapshots && !same; i++)
            if (g->snapshots[i].at.year &&
                ent_date_last_day(g->snapshots[i].at) == ent_date_last_day(d))
                same = g->snapshots[i].id;
        if (same)
            report_guess(L, ENT_SEV_ERROR, "unknown-snapshot", f, pos, same,
                         "\"%s\" is a date, but a comparison names snapshots by their ids", member);
        else
            report(L, ENT_SEV_ERROR, "unknown-snapshot", f, pos,
                   "\"%s\" is a date, but a comparison names snapshots by their ids; declare a "
                   "snapshot at %s in \"snapshots\" and give its id here",
                   member, name);
        return -1;
    }
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, name);
    for (size_t i = 0; i < g->n_snapshots; i++)
        ent_fuzzy_offer(&fz, g->snapshots[i].id);
    report_guess(L, ENT_SEV_ERROR, "unknown-snapshot", f, pos, fz.best,
                 "\"%s\" names unknown snapshot \"%s\"", member, name);
    return -1;
}

/* A snapshot's date for messages: "2023-09-21", or "2023, that is 2023-12-31"
 * for a partial date, since the day it stands for is what is compared. */
static const char *snapshot_day(const ent_snapshot *s, char buf[40])
{
    char written[11], day[11];
    ent_date_format(s->at, written);
    if (s->at.day)
        snprintf(buf, 40, "%s", written);
    else
        snprintf(buf, 40, "%s, that is %s", written,
                 ent_date_format(ent_date_from_day(ent_date_last_day(s->at)), day));
    return buf;
}

/*
 * Checks that snapshot `from` comes before snapshot `to`, each taken on the
 * day it stands for on the command line (the last day of a partial date).
 */
static int check_sequence(loader *L, const lfile *f, size_t obj_pos, long from, long to)
{
    const ent_snapshot *a = &L->g->snapshots[from], *b = &L->g->snapshots[to];
    if (!a->at.year || !b->at.year)
        return 0; /* a snapshot with errors of its own, already reported */
    size_t pos = member_pos(f, obj_pos, "to", 0);
    if (from == to) {
        report(L, ENT_SEV_ERROR, "date-order", f, pos,
               "\"from\" and \"to\" are both snapshot \"%s\"; a comparison needs two "
               "snapshots, the earlier first",
               a->id);
        return -1;
    }
    if (ent_date_last_day(a->at) < ent_date_last_day(b->at))
        return 0;
    char d1[40], d2[40];
    report(L, ENT_SEV_ERROR, "date-order", f, pos,
           "\"to\" snapshot \"%s\" (%s) is not later than \"from\" snapshot \"%s\" (%s); a "
           "comparison goes from the earlier snapshot to the later",
           b->id, snapshot_day(b, d1), a->id, snapshot_day(a, d2));
    return -1;
}

static void do_comparison(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a comparison";
    lazy_pos where = known_pos(f, at);
    int errs = collect(L, f, &where, obj, comparison_fields, v, what);
    ent_graph *g = L->g;
    ent_comparison c;
    memset(&c, 0, sizeof c);
    (void)index;
    long from = -1, to = -1;
    if (!v[CF_ID])
        missing(L, f, at, what, "id"), errs++;
    if (!v[CF_FROM])
        missing(L, f, at, what, "from"), errs++;
    else if ((from = snapshot_ref(L, f, at, "from", v[CF_FROM])) < 0)
        errs++;
    if (!v[CF_TO])
        missing(L, f, at, what, "to"), errs++;
    else if ((to = snapshot_ref(L, f, at, "to", v[CF_TO])) < 0)
        errs++;
    if (from >= 0 && to >= 0 && check_sequence(L, f, at, from, to) < 0)
        errs++;
    if (v[CF_HEADLINE] && cJSON_IsTrue(v[CF_HEADLINE])) {
        c.headline = 1;
        if (L->headline_seen) {
            const origin *o = &L->headline_origin;
            lfile *ff = &L->files[o->file];
            report(L, ENT_SEV_ERROR, "duplicate-headline", f, member_pos(f, at, "headline", 0),
                   "a second comparison has \"headline\": true; only one comparison can be the "
                   "headline");
            report(L, ENT_SEV_NOTE, "duplicate-headline", ff, member_pos(ff, o->pos, "headline", 0),
                   "the first headline comparison is here");
            errs++;
        } else {
            L->headline_seen = 1;
            L->headline_origin.file = f->index;
            L->headline_origin.pos = at;
            L->headline_origin.line = el->line;
        }
    }
    if (!v[CF_ID])
        return;
    const char *id = v[CF_ID]->valuestring;
    size_t id_pos = member_pos(f, at, "id", 0);
    if (check_id(L, f, at, id, "comparison") < 0)
        return;
    if (looks_like_date(id)) {
        report(L, ENT_SEV_ERROR, "invalid-id", f, id_pos,
               "comparison id \"%s\" looks like a date; like a snapshot id, it must be a name "
               "such as \"before-and-after-2022\"",
               id);
        return;
    }
    uint32_t first;
    if (ent_strmap_get(&g->comparison_ids, id, &first)) {
        duplicate_id(L, f, id_pos, "comparison", id, &L->comparison_origin[first]);
        return;
    }
    /* Registered even with errors, so that a later duplicate is still
     * reported (the graph is not kept then anyway). */
    c.id = keep(L, id);
    c.label = opt_str(L, v[CF_LABEL]);
    c.from = from >= 0 ? (uint32_t)from : 0;
    c.to = to >= 0 ? (uint32_t)to : 0;
    c.loc.file = f->index;
    c.loc.line = el->line;
    size_t ci = g->n_comparisons;
    if (ent_grow_((void **)&g->comparisons, &g->cap_comparisons, ci + 1, sizeof *g->comparisons) <
            0 ||
        record_origin(L, &L->comparison_origin, &L->cap_comparison_origin, ci, f, at, el->line) <
            0) {
        L->oom = 1;
        return;
    }
    g->comparisons[ci] = c;
    if (c.headline && g->headline < 0)
        g->headline = (long)ci;
    if (ent_strmap_put(&g->comparison_ids, c.id, (uint32_t)ci, NULL) < 0)
        L->oom = 1;
    g->n_comparisons++;
}

/* ---------------------------------------------------------------------------
 * Driver
 * ------------------------------------------------------------------------- */

typedef void (*element_fn)(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index);

static const element_fn element_fns[SEC_COUNT] = {do_type,     do_source,   do_actor,
                                                  do_snapshot, do_relation, do_comparison};

/* Parses a top-level scalar member with cJSON; NULL when absent. */
static cJSON *parse_at(const lfile *f, size_t pos)
{
    size_t end = jscan_skip(f->buf, f->len, pos);
    return cJSON_ParseWithLengthOpts(f->buf + pos, end - pos, NULL, 0);
}

static void check_header(loader *L, lfile *f)
{
    L->base_file = f->index;
    L->base_pos = 0;
    L->base_line = 1;
    f->format_ok = 1;
    if (!f->scalar_present[TOP_FORMAT]) {
        report(L, ENT_SEV_ERROR, "missing-format", f, f->top_pos,
               "missing \"format\": a graph file starts with {\"format\": \"entente/1\", ...}");
    } else {
        cJSON *v = parse_at(f, f->scalar_val[TOP_FORMAT]);
        if (!v)
            L->oom = 1;
        else if (!cJSON_IsString(v))
            report(L, ENT_SEV_ERROR, "wrong-type", f, f->scalar_val[TOP_FORMAT],
                   "\"format\" must be the string \"entente/1\", found %s", json_type_name(v));
        else if (strcmp(v->valuestring, ENT_FORMAT) != 0) {
            report(L, ENT_SEV_ERROR, "unknown-format", f, f->scalar_val[TOP_FORMAT],
                   "unsupported format \"%s\"; this version of entente reads \"%s\"",
                   v->valuestring, ENT_FORMAT);
            f->format_ok = 0;
        }
        cJSON_Delete(v);
    }
    for (int i = TOP_TITLE; i <= TOP_DESCRIPTION; i++) {
        if (!f->scalar_present[i])
            continue;
        cJSON *v = parse_at(f, f->scalar_val[i]);
        if (!v)
            L->oom = 1;
        else if (!cJSON_IsString(v))
            report(L, ENT_SEV_ERROR, "wrong-type", f, f->scalar_val[i],
                   "\"%s\" must be a string, found %s", scalar_names[i], json_type_name(v));
        else if (i == TOP_TITLE && !L->g->title[0])
            L->g->title = keep(L, v->valuestring);
        else if (i == TOP_DESCRIPTION && !L->g->description[0])
            L->g->description = keep(L, v->valuestring);
        cJSON_Delete(v);
    }
    for (int s = 0; s < SEC_COUNT; s++) {
        section *sec = &f->sec[s];
        if (sec->present && f->buf[sec->val_pos] != '[') {
            cJSON *v = parse_at(f, sec->val_pos);
            report(L, ENT_SEV_ERROR, "wrong-type", f, sec->val_pos,
                   "\"%s\" must be an array, found %s", section_names[s],
                   v ? json_type_name(v) : "something else");
            cJSON_Delete(v);
        }
    }
}

/* Checks element i of section s of file f and adds it to the model. */
static void process_element(loader *L, lfile *f, int s, size_t i)
{
    const elem *el = &f->sec[s].items[i];
    L->base_file = f->index;
    L->base_pos = el->start;
    L->base_line = el->line;
    if (s == SEC_RELATIONS && relation_fast(L, f, el))
        return;
    cJSON *obj = cJSON_ParseWithLengthOpts(f->buf + el->start, el->end - el->start, NULL, 0);
    if (!obj) {
        L->oom = 1; /* the text was validated: only memory can fail here */
        return;
    }
    if (!cJSON_IsObject(obj))
        report(L, ENT_SEV_ERROR, "wrong-type", f, el->start,
               "each element of \"%s\" must be an object describing a %s, found %s",
               section_names[s], element_names[s], json_type_name(obj));
    else {
        dupcheck(L, f, el->start, obj, 0);
        element_fns[s](L, f, el, obj, i);
    }
    bump_reset(); /* frees obj and everything cJSON made for it */
}

static void process_section(loader *L, int s)
{
    for (size_t fi = 0; fi < L->n_files && !L->stopped && !L->oom; fi++) {
        lfile *f = &L->files[fi];
        if (!f->syntax_ok || !f->format_ok)
            continue;
        for (size_t i = 0; i < f->sec[s].n && !L->stopped && !L->oom; i++)
            process_element(L, f, s, i);
    }
}

/* ---------------------------------------------------------------------------
 * Relations on two threads
 *
 * Checking relations is most of the work of loading a large graph, and each
 * relation is checked on its own against what came before (actors, types,
 * sources: read-only by then). So the relations are split in two halves, the
 * second checked on a worker thread with its own copy of the loader state,
 * its own strings and its own relation array, merged afterwards.
 *
 * This is the fast path for clean data only. When either half reports
 * anything at all, or the two halves share an id, the parallel result is
 * thrown away and the relations are checked again on one thread, so that the
 * diagnostics are exactly those of the sequential reader, in the same order.
 * ------------------------------------------------------------------------- */

#define PARALLEL_MIN_RELATIONS 20000

typedef struct rel_ref {
    uint32_t file;
    uint32_t index;
} rel_ref;

typedef struct rel_job {
    loader *L;
    const rel_ref *refs;
    size_t from, to;
} rel_job;

static void *run_rel_job(void *arg)
{
    rel_job *j = arg;
    for (size_t k = j->from; k < j->to && !j->L->stopped && !j->L->oom; k++)
        process_element(j->L, &j->L->files[j->refs[k].file], SEC_RELATIONS, j->refs[k].index);
    bump_release(); /* this thread's blocks */
    return NULL;
}

/*
 * Tries the two-thread path; returns 1 when it produced the relations, 0
 * when the caller must check them sequentially (nothing of the attempt stays).
 */
static int relations_in_parallel(loader *L)
{
    ent_graph *g = L->g;
    size_t total = 0;
    for (size_t fi = 0; fi < L->n_files; fi++)
        if (L->files[fi].syntax_ok && L->files[fi].format_ok)
            total += L->files[fi].sec[SEC_RELATIONS].n;
    /* threads 1, or by default ENTENTE_THREADS=1, forces the single-threaded
     * path (for tests, and to rule the worker out when chasing a problem). */
    unsigned threads = L->threads;
    if (threads == 0) {
        const char *env = getenv("ENTENTE_THREADS");
        if (env && strcmp(env, "1") == 0)
            threads = 1;
    }
    if (total < PARALLEL_MIN_RELATIONS || L->stopped || L->oom || threads == 1)
        return 0;
    rel_ref *refs = malloc(total * sizeof *refs);
    loader *W = malloc(sizeof *W);
    ent_diags *wdiags = ent_diags_new();
    ent_arena warena;
    ent_arena_init(&warena);
    ent_relation *wrels = NULL;
    size_t wn = 0, wcap = 0, mark = ent_diags_count(L->diags);
    size_t errors_before = L->errors, ids_before = L->n_relation_ids;
    int ok = 0;
    if (!refs || !W || !wdiags)
        goto done;
    size_t k = 0;
    for (size_t fi = 0; fi < L->n_files; fi++)
        if (L->files[fi].syntax_ok && L->files[fi].format_ok)
            for (size_t i = 0; i < L->files[fi].sec[SEC_RELATIONS].n; i++) {
                refs[k].file = (uint32_t)fi;
                refs[k++].index = (uint32_t)i;
            }
    *W = *L;
    W->diags = wdiags;
    W->errors = 0;
    W->msg = (ent_strbuf)ENT_STRBUF_INIT;
    W->arena = &warena;
    W->rel_items = &wrels;
    W->rel_n = &wn;
    W->rel_cap = &wcap;
    W->collect_ids = 1;
    W->ids = NULL;
    W->id_origins = NULL;
    W->n_ids = W->cap_ids = W->cap_id_origins = 0;
    /* Origins recorded by the worker are not used: it never reports a
     * duplicate itself. Give it no shared array to grow. */
    W->relation_origin = NULL;
    W->cap_relation_origin = 0;

    size_t half = total / 2;
    rel_job jw = {W, refs, half, total};
    pthread_t th;
    if (pthread_create(&th, NULL, run_rel_job, &jw) != 0)
        goto done;
    for (size_t i = 0; i < half && !L->stopped && !L->oom; i++)
        process_element(L, &L->files[refs[i].file], SEC_RELATIONS, refs[i].index);
    pthread_join(th, NULL);

    if (L->oom || W->oom || ent_diags_count(L->diags) != mark || ent_diags_count(wdiags))
        goto done;
    /* Register the worker's ids after the first half's, as one thread would. */
    for (size_t i = 0; i < W->n_ids; i++) {
        uint32_t first, slot = (uint32_t)L->n_relation_ids;
        int fresh = ent_strmap_put(&g->relation_ids, W->ids[i], slot, &first);
        if (fresh <= 0)
            goto done; /* a duplicate (or no memory): the sequential path will say */
        if (record_origin(L, &L->relation_origin, &L->cap_relation_origin, slot,
                          &L->files[W->id_origins[i].file], W->id_origins[i].pos,
                          W->id_origins[i].line) < 0)
            goto done;
        L->n_relation_ids++;
    }
    if (ent_grow_((void **)&g->relations, &g->cap_relations, g->n_relations + wn,
                  sizeof *g->relations) < 0)
        goto done;
    memcpy(g->relations + g->n_relations, wrels, wn * sizeof *wrels);
    g->n_relations += wn;
    ent_arena_adopt(&g->arena, &warena);
    ok = 1;
done:
    if (!ok) {
        /* Undo everything the attempt did to the shared state. */
        ent_diags_truncate_(L->diags, mark);
        L->errors = errors_before;
        L->stopped = 0;
        g->n_relations = 0;
        L->n_relation_ids = ids_before;
        ent_strmap_release(&g->relation_ids);
        ent_strmap_init(&g->relation_ids);
        ent_arena_release(&warena);
        L->oom = 0; /* an attempt that ran out of memory leaves the sequential path to try */
        if (ent_strmap_reserve(&g->relation_ids, total) < 0)
            L->oom = 1;
    }
    if (W) {
        free(W->ids);
        free(W->id_origins);
        ent_strbuf_release(&W->msg);
    }
    free(wrels);
    free(W);
    free(refs);
    ent_diags_free(wdiags);
    return ok;
}

/* ---------------------------------------------------------------------------
 * Symmetric types coded both ways
 * ------------------------------------------------------------------------- */

typedef struct sym_key {
    uint32_t lo, hi, type, rel;
} sym_key;

static int by_sym_key(const void *x, const void *y)
{
    const sym_key *a = x, *b = y;
    if (a->lo != b->lo)
        return a->lo < b->lo ? -1 : 1;
    if (a->hi != b->hi)
        return a->hi < b->hi ? -1 : 1;
    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    return (a->rel > b->rel) - (a->rel < b->rel);
}

/* The days a relation covers: its interval, or the period of its date. */
static void rel_days(const ent_relation *r, int durable, int32_t *first, int32_t *last)
{
    if (!durable) {
        *first = ent_date_first_day(r->at);
        *last = ent_date_last_day(r->at);
        return;
    }
    *first = r->from.year ? ent_date_first_day(r->from) : INT32_MIN;
    *last = r->to.year ? ent_date_last_day(r->to) : INT32_MAX;
}

/*
 * A symmetric type holds in both directions, so a file that codes A -> B and
 * B -> A of one type for periods that overlap counts the tie twice: warn at
 * the later of the two. Runs only on a graph without errors, where relation
 * i of file f is the element at the same rank of f's relations.
 */
static void check_symmetric_twice(loader *L)
{
    ent_graph *g = L->g;
    size_t n = 0;
    for (size_t i = 0; i < g->n_relations; i++)
        n += g->types[g->relations[i].type].symmetric;
    if (!n)
        return;
    sym_key *k = malloc(n * sizeof *k);
    size_t *base = calloc(L->n_files + 1, sizeof *base);
    if (!k || !base) {
        free(k);
        free(base);
        L->oom = 1;
        return;
    }
    for (size_t f = 0; f < L->n_files; f++)
        base[f + 1] = base[f] + L->files[f].sec[SEC_RELATIONS].n;
    n = 0;
    for (size_t i = 0; i < g->n_relations; i++) {
        const ent_relation *r = &g->relations[i];
        if (!g->types[r->type].symmetric || r->source == r->target)
            continue;
        k[n++] = (sym_key){r->source < r->target ? r->source : r->target,
                           r->source < r->target ? r->target : r->source, r->type, (uint32_t)i};
    }
    qsort(k, n, sizeof *k, by_sym_key);
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1;
             j < n && k[j].lo == k[i].lo && k[j].hi == k[i].hi && k[j].type == k[i].type; j++) {
            const ent_relation *a = &g->relations[k[i].rel], *b = &g->relations[k[j].rel];
            if (a->source == b->source)
                continue;
            int durable = g->types[a->type].durable;
            int32_t af, al, bf, bl;
            rel_days(a, durable, &af, &al);
            rel_days(b, durable, &bf, &bl);
            if (af > bl || bf > al)
                continue;
            lfile *f = &L->files[b->loc.file];
            size_t rank = k[j].rel - base[b->loc.file];
            if (rank >= f->sec[SEC_RELATIONS].n)
                continue;
            char where[64];
            snprintf(where, sizeof where, "line %u", (unsigned)a->loc.line);
            report(L, ENT_SEV_WARNING, "symmetric-twice", f,
                   f->sec[SEC_RELATIONS].items[rank].start,
                   "this \"%s\" relation from \"%s\" to \"%s\" is the other direction of the one "
                   "at %s%s%s; \"%s\" is symmetric and holds both ways, so code the tie once",
                   g->types[b->type].id, g->actors[b->source].id, g->actors[b->target].id,
                   a->loc.file == b->loc.file ? "" : L->files[a->loc.file].name,
                   a->loc.file == b->loc.file ? "" : " ", where, g->types[b->type].id);
            break;
        }
    free(k);
    free(base);
}

static void release_files(loader *L)
{
    for (size_t i = 0; i < L->n_files; i++) {
        lfile *f = &L->files[i];
        if (f->mapped)
            munmap(f->owned, f->mapped);
        else
            free(f->owned);
        for (int s = 0; s < SEC_COUNT; s++)
            free(f->sec[s].items);
    }
    free(L->files);
    free(L->type_origin);
    free(L->source_origin);
    free(L->actor_origin);
    free(L->snapshot_origin);
    free(L->relation_origin);
    free(L->comparison_origin);
    free(L->actor_kind);
    free(L->actor_dated);
    ent_strbuf_release(&L->msg);
}

static int load(ent_graph **out, const char *const *paths, const ent_load_input *inputs, size_t n,
                const ent_load_options *opts, ent_diags *diags)
{
    if (!out || (!paths && !inputs && n))
        return ent_error_set(ENT_EUSAGE, "ent_load: NULL argument");
    *out = NULL;
    loader *L = calloc(1, sizeof *L);
    if (!L)
        return ent_error_set(ENT_ENOMEM, "out of memory");
    int rc = ENT_OK;
    L->diags = diags;
    L->max_errors = opts && opts->max_errors ? opts->max_errors : DEFAULT_MAX_ERRORS;
    L->allow_missing_evidence = opts ? opts->allow_missing_evidence : 0;
    L->threads = opts ? opts->threads : 0;
    L->g = ent_graph_new_();
    if (L->g) {
        L->arena = &L->g->arena;
        L->rel_items = &L->g->relations;
        L->rel_n = &L->g->n_relations;
        L->rel_cap = &L->g->cap_relations;
    }
    L->files = calloc(n ? n : 1, sizeof *L->files);
    if (!L->g || !L->files)
        goto oom;
    L->g->files = ent_arena_alloc(&L->g->arena, (n ? n : 1) * sizeof *L->g->files);
    if (!L->g->files)
        goto oom;
    L->n_files = n;
    L->g->n_files = n;
    for (size_t i = 0; i < n; i++) {
        lfile *f = &L->files[i];
        f->index = (uint32_t)i;
        f->name = keep(L, paths ? paths[i] : inputs[i].name);
        L->g->files[i] = f->name;
        if (paths) {
            if (read_file(L, f) < 0) {
                L->io_failed = 1;
                continue;
            }
        } else {
            f->buf = inputs[i].data;
            f->len = inputs[i].len;
        }
        f->readable = 1;
        first_pass(L, f);
        if (L->oom)
            goto oom;
    }
    int all_ok = !L->io_failed;
    for (size_t i = 0; i < n; i++)
        all_ok &= L->files[i].syntax_ok;
    /* After a syntax error or an unreadable file, references between files
     * cannot be checked without a flood of false "unknown actor" errors. */
    if (all_ok) {
        /* Size the maps once: rehashing a million ids costs more than the probes. */
        size_t n_actors = 0, n_rel = 0;
        for (size_t i = 0; i < n; i++) {
            n_actors += L->files[i].sec[SEC_ACTORS].n;
            n_rel += L->files[i].sec[SEC_RELATIONS].n;
        }
        if (ent_strmap_reserve(&L->g->actor_ids, n_actors) < 0 ||
            ent_strmap_reserve(&L->g->names, 2 * n_actors) < 0 ||
            ent_strmap_reserve(&L->g->relation_ids, n_rel) < 0 ||
            ent_grow_((void **)&L->g->relations, &L->g->cap_relations, n_rel,
                      sizeof *L->g->relations) < 0 ||
            ent_grow_((void **)&L->g->actors, &L->g->cap_actors, n_actors, sizeof *L->g->actors) <
                0)
            goto oom;
        cJSON_Hooks hooks = {bump_malloc, bump_free};
        cJSON_InitHooks(&hooks);
        for (size_t i = 0; i < n; i++) {
            check_header(L, &L->files[i]);
            bump_reset();
        }
        for (int s = 0; s < SEC_COUNT; s++)
            if (s != SEC_RELATIONS || !relations_in_parallel(L))
                process_section(L, s);
        cJSON_InitHooks(NULL);
        bump_release();
    }
    if (all_ok && !L->errors && !L->oom)
        check_symmetric_twice(L);
    if (L->oom)
        goto oom;
    if (L->io_failed)
        rc = ENT_EIO;
    else if (L->errors)
        rc = ENT_EINVALID;
    if (rc == ENT_OK && ent_graph_index_(L->g) < 0)
        goto oom;
    if (rc == ENT_OK) {
        *out = L->g;
        L->g = NULL;
    } else
        ent_error_set(rc,
                      rc == ENT_EIO ? "a graph file could not be read"
                                    : "the graph files have %zu error(s)",
                      L->errors);
    goto done;
oom:
    rc = ent_error_set(ENT_ENOMEM, "out of memory while loading graph files");
done:
    ent_graph_free(L->g);
    release_files(L);
    free(L);
    return rc;
}

int ent_load_files(ent_graph **out, const char *const *paths, size_t n,
                   const ent_load_options *opts, ent_diags *diags)
{
    if (!paths && n)
        return ent_error_set(ENT_EUSAGE, "ent_load_files: NULL paths");
    return load(out, paths, NULL, n, opts, diags);
}

int ent_load_inputs(ent_graph **out, const ent_load_input *inputs, size_t n,
                    const ent_load_options *opts, ent_diags *diags)
{
    if (!inputs && n)
        return ent_error_set(ENT_EUSAGE, "ent_load_inputs: NULL inputs");
    return load(out, NULL, inputs, n, opts, diags);
}
