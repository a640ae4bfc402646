/*
 * load_fast.c: reading a plainly well-formed record straight from the
 * validated text, without cJSON (the fast paths of load_relations.c and
 * load_records.c): a record's members by a table of known names, strings,
 * dates and numbers in place.
 */
#include "load/load_impl.h"

/* End of the (validated) string at `p`; *esc is 1 for escapes, 2 for \u. */
static size_t fast_string(const char *b, size_t len, size_t p, char *esc)
{
    *esc = 0;
    for (p++;; p++) {
        p = jscan_quote_run(b, p, len); /* stops at the closing quote at the latest */
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

/* End of the (validated) number at `p`. */
static size_t fast_number_end(const char *b, size_t len, size_t p)
{
    while (p < len && ((b[p] >= '0' && b[p] <= '9') || b[p] == '-' || b[p] == '+' || b[p] == '.' ||
                       b[p] == 'e' || b[p] == 'E'))
        p++;
    return p;
}

/* The first position at or after p (before n) of a byte that matters to
 * bracket counting: a quote, a bracket or a brace; n when none. */
static inline size_t structural_run(const char *buf, size_t p, size_t n)
{
    const unsigned char *b = (const unsigned char *)buf;
#ifdef __SSE2__
    /* '[' ']' '{' '}' are 0x5b 0x5d 0x7b 0x7d: with bits 0x20, 0x04 and 0x02
     * masked off all four are 0x59 (so are 'Y' 'y' '_' and DEL, which the
     * caller steps over). */
    const __m128i quote = _mm_set1_epi8('"'), bracket = _mm_set1_epi8(0x59),
                  fold = _mm_set1_epi8((char)0xd9);
    while (p + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + p));
        __m128i hit =
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(_mm_and_si128(x, fold), bracket));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return p + (size_t)__builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < n && b[p] != '"' && (b[p] & 0xd9) != 0x59)
        p++;
    return p;
}

/* End of the (validated) array or object at `p`: brackets counted outside
 * strings. */
static size_t fast_container_end(const char *b, size_t len, size_t p)
{
    size_t depth = 0;
    for (;;) {
        p = structural_run(b, p, len);
        if (p >= len)
            return len;
        char c = b[p], esc;
        if (c == '"')
            p = fast_string(b, len, p, &esc);
        else if (c == '[' || c == '{') {
            depth++;
            p++;
        } else if ((c == ']' || c == '}') && --depth == 0)
            return p + 1;
        else
            p++;
    }
}

/*
 * Reads the object at `p` into `slots` by the table `fields`. Returns 1 with
 * *after just past the object, or 0 when the object is anything but plain:
 * not an object, an escaped, unknown or repeated key, a value of a type the
 * field does not take (or an object, a literal, a long number, a \u escape).
 */
int ent__fast_object(const lfile *f, size_t p, const field *fields, fval *slots, size_t *after,
                     fast_array *arr)
{
    const char *b = f->buf;
    size_t len = f->len;
    int n_fields = 0, next = 0;
    for (; fields[n_fields].name; n_fields++)
        slots[n_fields].kind = 0;
    if (b[p] != '{')
        return 0;
    p = jscan_skip_ws_fast(b, len, p + 1);
    if (b[p] == '}') {
        *after = p + 1;
        return 1;
    }
    for (;;) {
        /* The key, matched in place by its length and bytes. An escaped key
         * (the run stops at a backslash) or an unknown one sends the object
         * to the full reader. */
        int i;
        const char *key = b + p + 1;
        size_t kq = jscan_quote_run(b, p + 1, len), klen = kq - p - 1, kend = kq + 1;
        if (b[kq] != '"')
            return 0;
        /* Files list members in much the table's order: look from the one
         * after the previous match, round the table. */
        int k;
        for (k = 0, i = next; k < n_fields; k++, i = i + 1 < n_fields ? i + 1 : 0)
            if (fields[i].len == klen && fields[i].name[0] == key[0]) {
                size_t n = 1;
                while (n < klen && fields[i].name[n] == key[n])
                    n++;
                if (n == klen)
                    break;
            }
        if (k == n_fields || slots[i].kind)
            return 0;
        next = i + 1 < n_fields ? i + 1 : 0;
        fval *v = &slots[i];
        p = jscan_skip_ws_fast(b, len, jscan_skip_ws_fast(b, len, kend) + 1); /* past the ':' */
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
            v->end = fast_number_end(b, len, p);
            if (v->end - p > 32) /* cJSON reads at most 63 characters of a number */
                return 0;
        } else if (c == '[') {
            if (!(fields[i].types & T_ARR))
                return 0;
            v->kind = 'a';
            if (arr && arr->field == i) {
                if (!arr->read(arr, f, p, &v->end))
                    return 0;
            } else
                v->end = fast_container_end(b, len, p);
        } else
            return 0;
        p = jscan_skip_ws_fast(b, len, v->end);
        if (b[p] == '}') {
            *after = p + 1;
            return 1;
        }
        p = jscan_skip_ws_fast(b, len, p + 1); /* past the ',' */
    }
}

double ent__fast_number(const lfile *f, const fval *v)
{
    /* A plain decimal of at most 15 digits without exponent is its digits
     * divided by a power of ten: both are exact doubles, and one correctly
     * rounded division gives the same double as strtod (Clinger's fast
     * path). Anything else goes to strtod. */
    static const double pow10[] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    const char *s = f->buf + v->pos, *e = f->buf + v->end;
    int neg = *s == '-', digits = 0, frac = -1;
    uint64_t m = 0;
    for (const char *q = s + neg; q < e; q++) {
        if (*q >= '0' && *q <= '9') {
            m = m * 10 + (uint64_t)(*q - '0');
            if (++digits > 15)
                return strtod(s, NULL);
            if (frac >= 0)
                frac++;
        } else if (*q == '.' && frac < 0)
            frac = 0;
        else
            return strtod(s, NULL);
    }
    double x = (double)m / pow10[frac > 0 ? frac : 0];
    return neg ? -x : x;
}

/* The unescaped string `v` as a C string in out[FAST_CSTR], or NULL. */
const char *ent__fast_cstr(const lfile *f, const fval *v, char *out)
{
    size_t n = v->end - v->pos - 2;
    if (v->esc || n >= FAST_CSTR)
        return NULL;
    memcpy(out, f->buf + v->pos + 1, n);
    out[n] = '\0';
    return out;
}

/* The actor named by string `v`, or -1. */
long ent__fast_actor(loader *L, const lfile *f, const fval *v)
{
    uint32_t idx;
    size_t n = v->end - v->pos - 2;
    if (v->esc)
        return -1;
    return ent_strmap_get_n(&L->g->actor_ids, f->buf + v->pos + 1, n, &idx) ? (long)idx : -1;
}

/* The date in string `v`; 0, or -1 when it is not a valid date. */
int ent__fast_date(const lfile *f, const fval *v, ent_date *out)
{
    if (v->esc)
        return -1;
    return ent_date_parse(out, f->buf + v->pos + 1, v->end - v->pos - 2) == ENT_DATE_OK ? 0 : -1;
}

/* The string `v` (absent: "") kept in the loader's arena; NULL when out of memory. */
const char *ent__fast_keep(loader *L, const lfile *f, const fval *v)
{
    if (!v->kind)
        return "";
    size_t n = v->end - v->pos - 2;
    if (!v->esc)
        return ent_arena_strndup(L->arena, f->buf + v->pos + 1, n);
    char *p = ent_arena_alloc(L->arena, n + 1);
    if (p)
        ent__jscan_decode_string(f->buf, f->len, v->pos, p, n + 1);
    return p;
}

int ent__fast_string_list(loader *L, const lfile *f, const fval *v, const char *const **out,
                          size_t *n_out)
{
    const char *b = f->buf;
    size_t len = f->len, n = 0, p = jscan_skip_ws_fast(b, len, v->pos + 1);
    /* First pass: every element a plain, non-empty string. */
    for (size_t q = p; b[q] != ']';) {
        char esc;
        if (b[q] != '"')
            return -1;
        size_t end = fast_string(b, len, q, &esc);
        if (esc == 2 || end - q == 2)
            return -1;
        n++;
        q = jscan_skip_ws_fast(b, len, end);
        if (b[q] == ',')
            q = jscan_skip_ws_fast(b, len, q + 1);
    }
    const char **list = n ? ent_arena_alloc(L->arena, n * sizeof *list) : NULL;
    if (n && !list) {
        L->oom = 1;
        return 1;
    }
    for (size_t i = 0; i < n; i++) {
        fval e = {'s', 0, p, 0};
        e.end = fast_string(b, len, p, &e.esc);
        if (!(list[i] = ent__fast_keep(L, f, &e))) {
            L->oom = 1;
            return 1;
        }
        p = jscan_skip_ws_fast(b, len, e.end);
        if (b[p] == ',')
            p = jscan_skip_ws_fast(b, len, p + 1);
    }
    *out = list;
    *n_out = n;
    return 0;
}
