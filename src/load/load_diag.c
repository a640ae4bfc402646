/*
 * load_diag.c: locating a byte offset (line, column, a quoted excerpt of the source line)
 * and recording diagnostics, each at a cost independent of what came before.
 */
#include "load/load_impl.h"

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
void ent__linecol(loader *L, const lfile *f, size_t pos, unsigned *line, unsigned *col,
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
        ent__linecol(L, f, pos, &line, &col, &ls);
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

void ent__vreport(loader *L, ent_severity sev, const char *code, const lfile *f, size_t pos,
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
__attribute__((format(printf, 6, 7))) void ent__report(loader *L, ent_severity sev,
                                                       const char *code, const lfile *f, size_t pos,
                                                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vreport(L, sev, code, f, pos, NULL, fmt, ap);
    va_end(ap);
}

/* As report, ending with "; did you mean "guess"?" when guess is not NULL. */
__attribute__((format(printf, 7, 8))) void ent__report_guess(loader *L, ent_severity sev,
                                                             const char *code, const lfile *f,
                                                             size_t pos, const char *guess,
                                                             const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent__vreport(L, sev, code, f, pos, guess, fmt, ap);
    va_end(ap);
}
