/*
 * load_scan.c: reads each file (mapped or read) and runs the first pass, which validates
 * the whole text with jscan and records where each top-level member and each
 * array element is.
 */
#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Reading files
 * ------------------------------------------------------------------------- */

int ent__read_file(loader *L, lfile *f)
{
    int fd = strcmp(f->name, "-") == 0 ? 0 : open(f->name, O_RDONLY);
    if (fd < 0) {
        ent__report(L, ENT_SEV_ERROR, "io-error", f, 0, "cannot open \"%s\": %s", f->name,
                    strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ent__report(L, ENT_SEV_ERROR, "io-error", f, 0, "cannot read \"%s\": it is a directory",
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
            ent__report(L, ENT_SEV_ERROR, "io-error", f, 0, "cannot read \"%s\": %s", f->name,
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

static void split_start(loader *L, lfile *f, size_t arr);

static void on_member(void *ud, const jscan *s, size_t key_pos, size_t val_pos)
{
    loader *L = ud;
    lfile *f = L->cur;
    char key[64];
    size_t klen = ent__jscan_decode_string(s->buf, s->len, key_pos, key, sizeof key);
    L->cur_sec = NULL;
    if (klen == (size_t)-1)
        key[0] = '\0';
    for (int i = 0; i < SEC_COUNT; i++) {
        if (strcmp(key, ent__section_names[i]) != 0)
            continue;
        section *sec = &f->sec[i];
        if (sec->present) {
            ent__report(L, ENT_SEV_ERROR, "duplicate-key", f, key_pos,
                        "the top-level object has \"%s\" twice", key);
            ent__report(L, ENT_SEV_NOTE, "duplicate-key", f, sec->key_pos, "first \"%s\" is here",
                        key);
            return;
        }
        sec->present = 1;
        sec->key_pos = key_pos;
        sec->val_pos = val_pos;
        if (val_pos < s->len && s->buf[val_pos] == '[') {
            L->cur_sec = sec;
            if (i == SEC_RELATIONS)
                split_start(L, f, val_pos);
        }
        return;
    }
    for (int i = 0; i < TOP_COUNT; i++) {
        if (strcmp(key, ent__scalar_names[i]) != 0)
            continue;
        if (f->scalar_present[i]) {
            ent__report(L, ENT_SEV_ERROR, "duplicate-key", f, key_pos,
                        "the top-level object has \"%s\" twice", key);
            ent__report(L, ENT_SEV_NOTE, "duplicate-key", f, f->scalar_key[i],
                        "first \"%s\" is here", key);
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
        ent_fuzzy_offer(&fz, ent__section_names[i]);
    for (int i = 0; i < TOP_COUNT; i++)
        ent_fuzzy_offer(&fz, ent__scalar_names[i]);
    if (fz.best)
        ent__report_guess(L, ENT_SEV_ERROR, "unknown-field", f, key_pos, fz.best,
                          "unknown member \"%s\" at the top level", key);
    else
        ent__report(L, ENT_SEV_ERROR, "unknown-field", f, key_pos,
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
    if (ent__grow((void **)&sec->items, &sec->cap, sec->n + 1, sizeof *sec->items) < 0) {
        L->oom = 1;
        return;
    }
    sec->items[sec->n].start = start;
    sec->items[sec->n].end = end;
    sec->items[sec->n].line = line;
    sec->n++;
}

static int can_start_value(char c)
{
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
           c == 'f' || c == 'n';
}

/* ---------------------------------------------------------------------------
 * First pass on two threads
 *
 * The relations array is nearly all of a large file. When it is long, a
 * second thread scans its second half while this one scans the first: the
 * second starts at a guess of where an element begins (a '{' that follows
 * "}," past the middle) and scans from there to the end of the document, as
 * if the top-level object and the relations array were open, recording the
 * elements and members it meets. The guess may be wrong (the bytes "}, {"
 * can sit inside a string). It is checked by the only thread that knows:
 * this one, when its own scan reaches the guessed byte at the start of an
 * element. Only then are the second thread's records taken, in order, with
 * its line numbers shifted by the line of that byte; since a JSON value that
 * starts at an element boundary is scanned the same whatever came before,
 * the result is the one-thread result. If this scan never stops exactly
 * there, or the second thread met anything wrong (a syntax error, which this
 * thread then finds and reports itself, or no memory), its work is dropped.
 * ------------------------------------------------------------------------- */

/* Below this many bytes of relations, one thread scans them. */
#define SPLIT_MIN_BYTES ((size_t)1 << 20)
/* Checking an actor's bytes against scanning as many (see split_start). */
#define AHEAD_COST 10

/* How far past the middle a guess is looked for. */
#define SPLIT_SEARCH ((size_t)1 << 20)

typedef struct split_event {
    size_t a, b;   /* element: [a, b); member: key at a, value at b */
    unsigned line; /* element: its line, counted from the guessed byte (0) */
    char member;
} split_event;

struct scan_split {
    pthread_t th;
    jscan s;
    jscan_hooks hooks;
    int rc, oom;
    split_event *ev;
    size_t n, cap;
};

static int split_push(struct scan_split *sp, char member, size_t a, size_t b, unsigned line)
{
    if (sp->oom)
        return -1;
    if (ent__grow((void **)&sp->ev, &sp->cap, sp->n + 1, sizeof *sp->ev) < 0) {
        sp->oom = 1;
        return -1;
    }
    split_event *e = &sp->ev[sp->n++];
    e->a = a;
    e->b = b;
    e->line = line;
    e->member = member;
    return 0;
}

static void split_on_member(void *ud, const jscan *s, size_t key_pos, size_t val_pos)
{
    (void)s;
    split_push(ud, 1, key_pos, val_pos, 0);
}

static void split_on_element(void *ud, size_t start, size_t end, unsigned line)
{
    split_push(ud, 0, start, end, line);
}

static void *split_run(void *arg)
{
    struct scan_split *sp = arg;
    sp->rc = ent__jscan_value(&sp->s, 0);
    return NULL;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/*
 * A guess of where an element of the array at `arr` starts in [from, to): a
 * '{' that follows "}" "," with white space between, or 0. Preferred: one
 * that looks like the array's first element, with the same white space
 * between ',' and '{' as between '[' and the first element and the same
 * first member name, which a '{' in a nested array seldom has.
 */
static size_t split_guess(const char *b, size_t len, size_t arr, size_t from, size_t to)
{
    size_t first = arr + 1;
    while (first < len && is_ws(b[first]))
        first++;
    if (first >= len || b[first] != '{')
        return 0;
    size_t seplen = first - arr - 1, keylen = 0;
    while (first + 1 + keylen < len && keylen < 32 && b[first + 1 + keylen] != ':')
        keylen++;
    size_t loose = 0;
    for (size_t p = from; p < to; p++) {
        if (b[p] != '{')
            continue;
        size_t q = p;
        while (q > from && is_ws(b[q - 1]))
            q--;
        if (q == from || b[q - 1] != ',')
            continue;
        size_t comma = q - 1;
        while (q > from + 1 && is_ws(b[q - 2]))
            q--;
        if (q < from + 2 || b[q - 2] != '}')
            continue;
        if (p - comma - 1 == seplen && memcmp(b + comma + 1, b + arr + 1, seplen) == 0 &&
            p + 1 + keylen <= len && memcmp(b + p + 1, b + first + 1, keylen) == 0)
            return p;
        if (!loose)
            loose = p;
    }
    return loose;
}

/* At the relations array `arr` of f: starts the second thread when it pays. */
static void split_start(loader *L, lfile *f, size_t arr)
{
    if (L->split || ent__threads(L) == 1 || f->len - arr < SPLIT_MIN_BYTES)
        return;
    /* Halves, unless this thread is to check the actors before it scans its
     * part: checking an actor costs about as much as scanning ten times
     * its bytes, so the second thread then takes that much more. */
    size_t rest = f->len - arr, ahead = ent__actors_ahead_bytes(L, f) * AHEAD_COST;
    size_t mine = ahead < rest / 2 ? (rest - ahead) / 2 : rest / 4;
    size_t mid = arr + mine;
    size_t guess = split_guess(f->buf, f->len, arr, mid,
                               mid + SPLIT_SEARCH < f->len ? mid + SPLIT_SEARCH : f->len);
    if (!guess)
        return;
    struct scan_split *sp = calloc(1, sizeof *sp);
    if (!sp)
        return; /* one thread will do */
    ent__jscan_init(&sp->s, f->buf, f->len);
    sp->s.pos = guess;
    sp->s.line = 0;
    sp->s.resume = "{[";
    sp->hooks.ud = sp;
    sp->hooks.member = split_on_member;
    sp->hooks.element = split_on_element;
    sp->s.hooks = &sp->hooks;
    if (pthread_create(&sp->th, NULL, split_run, sp) != 0) {
        free(sp);
        return;
    }
    L->split = sp;
    L->scan->split_pos = guess;
    ent__actors_ahead(L, f);
}

/* Waits for the second thread; returns its record, or NULL. */
static struct scan_split *split_join(loader *L)
{
    struct scan_split *sp = L->split;
    if (sp)
        pthread_join(sp->th, NULL);
    L->split = NULL;
    return sp;
}

static void split_free(struct scan_split *sp)
{
    if (sp) {
        free(sp->ev);
        free(sp);
    }
}

/* jscan's split hook: this scan has reached the guessed byte at the start of
 * an element, so the guess was right. */
static int split_take(void *ud, jscan *s)
{
    loader *L = ud;
    struct scan_split *sp = split_join(L);
    if (!sp)
        return 0;
    int ok = sp->rc == 0 && !sp->oom;
    if (ok) {
        unsigned base = s->line;
        for (size_t i = 0; i < sp->n && !L->oom; i++) {
            const split_event *e = &sp->ev[i];
            if (e->member)
                on_member(L, s, e->a, e->b);
            else
                on_element(L, e->a, e->b, base + e->line);
        }
        s->pos = sp->s.pos;
        s->line = base + sp->s.line;
    }
    split_free(sp);
    return ok;
}

static void first_pass(loader *L, lfile *f, jscan *s, const jscan_hooks *hooks);

void ent__first_pass(loader *L, lfile *f)
{
    jscan s;
    jscan_hooks hooks = {L, on_member, on_element, split_take};
    first_pass(L, f, &s, &hooks);
    split_free(split_join(L)); /* a guess this scan never confirmed */
    L->scan = NULL;
}

static void first_pass(loader *L, lfile *f, jscan *s, const jscan_hooks *hooks)
{
    ent__jscan_init(s, f->buf, f->len);
    s->hooks = hooks;
    L->scan = s;
    L->cur = f;
    L->cur_sec = NULL;
    L->base_file = f->index; /* lines are counted from the start of the file */
    L->base_pos = 0;
    L->base_line = 1;
    if (f->len >= 3 && memcmp(f->buf, "\xef\xbb\xbf", 3) == 0)
        s->pos = 3; /* a UTF-8 byte order mark is tolerated */
    jscan_ws_fast(s);
    if (s->pos >= f->len) {
        ent__report(L, ENT_SEV_ERROR, "empty-file", f, s->pos,
                    "the file is empty; a graph file is a JSON object such as "
                    "{\"format\": \"entente/1\", \"actors\": [...], \"relations\": [...]}");
        return;
    }
    char first = f->buf[s->pos];
    if (!can_start_value(first)) {
        unsigned char c = (unsigned char)first;
        if (c >= 0x21 && c < 0x7f)
            ent__report(L, ENT_SEV_ERROR, "not-json", f, s->pos,
                        "this is not JSON: it starts with '%c' where '{' was expected", c);
        else
            ent__report(L, ENT_SEV_ERROR, "not-json", f, s->pos,
                        "this is not JSON text: it starts with byte 0x%02x where '{' was expected",
                        c);
        return;
    }
    f->top_pos = s->pos;
    if (ent__jscan_value(s, 0) < 0) {
        if (s->err_open_kind) {
            unsigned line, col;
            size_t ls;
            ent__linecol(L, f, s->err_open_pos, &line, &col, &ls);
            ent__report(L, ENT_SEV_ERROR, s->err_code, f, s->err_pos,
                        "unexpected end of file: the %s opened at line %u, column %u is not closed",
                        s->err_open_kind == '"'   ? "string"
                        : s->err_open_kind == '{' ? "object"
                                                  : "array",
                        line, col);
        } else
            ent__report(L, ENT_SEV_ERROR, s->err_code, f, s->err_pos, "%s", s->err_msg);
        return;
    }
    jscan_ws_fast(s);
    if (s->pos < f->len) {
        ent__report(L, ENT_SEV_ERROR, "json-syntax", f, s->pos,
                    "unexpected text after the end of the JSON document");
        return;
    }
    if (first != '{') {
        const char *what = first == '['                   ? "an array"
                           : first == '"'                 ? "a string"
                           : first == 't' || first == 'f' ? "a boolean"
                           : first == 'n'                 ? "null"
                                                          : "a number";
        ent__report(L, ENT_SEV_ERROR, "top-level-type", f, f->top_pos,
                    "the top level is %s; a graph file must be a JSON object with "
                    "\"format\": \"entente/1\"",
                    what);
        return;
    }
    f->syntax_ok = 1;
}
