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
        if (val_pos < s->len && s->buf[val_pos] == '[')
            L->cur_sec = sec;
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

void ent__first_pass(loader *L, lfile *f)
{
    jscan s;
    jscan_hooks hooks = {L, on_member, on_element};
    ent__jscan_init(&s, f->buf, f->len);
    s.hooks = &hooks;
    L->cur = f;
    L->cur_sec = NULL;
    L->base_file = f->index; /* lines are counted from the start of the file */
    L->base_pos = 0;
    L->base_line = 1;
    if (f->len >= 3 && memcmp(f->buf, "\xef\xbb\xbf", 3) == 0)
        s.pos = 3; /* a UTF-8 byte order mark is tolerated */
    ent__jscan_ws(&s);
    if (s.pos >= f->len) {
        ent__report(L, ENT_SEV_ERROR, "empty-file", f, s.pos,
                    "the file is empty; a graph file is a JSON object such as "
                    "{\"format\": \"entente/1\", \"actors\": [...], \"relations\": [...]}");
        return;
    }
    char first = f->buf[s.pos];
    if (!can_start_value(first)) {
        unsigned char c = (unsigned char)first;
        if (c >= 0x21 && c < 0x7f)
            ent__report(L, ENT_SEV_ERROR, "not-json", f, s.pos,
                        "this is not JSON: it starts with '%c' where '{' was expected", c);
        else
            ent__report(L, ENT_SEV_ERROR, "not-json", f, s.pos,
                        "this is not JSON text: it starts with byte 0x%02x where '{' was expected",
                        c);
        return;
    }
    f->top_pos = s.pos;
    if (ent__jscan_value(&s, 0) < 0) {
        if (s.err_open_kind) {
            unsigned line, col;
            size_t ls;
            ent__linecol(L, f, s.err_open_pos, &line, &col, &ls);
            ent__report(L, ENT_SEV_ERROR, s.err_code, f, s.err_pos,
                        "unexpected end of file: the %s opened at line %u, column %u is not closed",
                        s.err_open_kind == '"'   ? "string"
                        : s.err_open_kind == '{' ? "object"
                                                 : "array",
                        line, col);
        } else
            ent__report(L, ENT_SEV_ERROR, s.err_code, f, s.err_pos, "%s", s.err_msg);
        return;
    }
    ent__jscan_ws(&s);
    if (s.pos < f->len) {
        ent__report(L, ENT_SEV_ERROR, "json-syntax", f, s.pos,
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
