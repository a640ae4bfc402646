/*
 * jscan.h: a validating JSON scanner that keeps byte positions.
 *
 * cJSON records no positions and accepts some things entente must refuse
 * (invalid UTF-8, "\u0000"), so the loader first walks the raw text with this
 * scanner: it checks the full RFC 8259 grammar, counts lines, and tells where
 * each value starts and ends. Only then are values handed to cJSON, one array
 * element at a time. The scanner allocates nothing and never recurses, so no
 * input can exhaust the stack.
 */
#ifndef ENT_LOAD_JSCAN_H
#define ENT_LOAD_JSCAN_H

#include <stddef.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* Deepest nesting of arrays and objects accepted (cJSON's own limit). */
#define ENT_JSON_MAX_DEPTH 1000

typedef struct jscan jscan;

/*
 * Optional callbacks for the document pass (ent__jscan_value at depth 0): the
 * loader uses them to learn where the top-level members are and where each
 * element of a top-level array starts and ends, in the same single pass that
 * validates the text.
 */
typedef struct jscan_hooks {
    void *ud;
    /* A member of the top-level object; its value starts at val_pos. */
    void (*member)(void *ud, const jscan *s, size_t key_pos, size_t val_pos);
    /* An element of an array that is a top-level member: [start, end). */
    void (*element)(void *ud, size_t start, size_t end, unsigned line);
    /* Optional: called when such an element is about to start at the
     * scanner's split_pos. Returns 1 when it has accounted for the rest of the
     * document itself (s->pos and s->line then stand just after the top-level
     * value, and the scan ends with success), 0 to let the scan go on. */
    int (*split)(void *ud, struct jscan *s);
} jscan_hooks;

struct jscan {
    const jscan_hooks *hooks; /* may be NULL */
    const char *buf;          /* the text; need not be NUL-terminated */
    size_t len;
    size_t pos;    /* current byte offset */
    unsigned line; /* line of `pos`, kept up to date by ent__jscan_ws */
    /* Where hooks->split is called (0: nowhere); cleared when it is. */
    size_t split_pos;
    /* Scanning from the middle of a document: the containers open at `pos`,
     * outermost first ("{[" for an element of a top-level array), or NULL.
     * ent__jscan_value at depth 0 then goes on until they are all closed. */
    const char *resume;
    /* Set by a failing call: */
    const char *err_code; /* diagnostic code, e.g. "json-syntax" */
    char err_msg[256];
    size_t err_pos;      /* where the problem is */
    char err_open_kind;  /* for "json-truncated": '{', '[' or '"' left open, else 0 */
    size_t err_open_pos; /* ... and where it was opened */
};

void ent__jscan_init(jscan *s, const char *buf, size_t len);

/* Skips white space, counting line breaks. */
void ent__jscan_ws(jscan *s);

/*
 * Validates one value starting at s->pos (white space already skipped),
 * leaving s->pos just after it. `depth` is the nesting depth of the value's
 * container (0 at the top level). Returns 0, or -1 with the err_* fields set.
 */
int ent__jscan_value(jscan *s, int depth);

/* Length of the valid UTF-8 sequence of 2 to 4 bytes at p (before n), 0
 * when it is not one: no overlong forms, no surrogates, nothing above
 * U+10FFFF. */
size_t ent__jscan_utf8_len(const unsigned char *b, size_t n, size_t p);

/* End of the JSON number at p (before n), or (size_t)-1 with *why: 0 no
 * digit after '-' (or none at all), 1 a leading zero, 2 no digit after the
 * point, 3 an exponent without digits. */
size_t ent__jscan_number_end(const char *b, size_t n, size_t p, int *why);

/*
 * A quick check of the array or object at `pos`, tried before the full
 * scanner on each element of a top-level array. Returns 1 when the value is
 * valid JSON that nests at most max_depth containers, with *end just past it
 * and *lines the line breaks inside it; 0 when it cannot tell (the value is
 * invalid, or holds a \u escape or deep nesting), and the full scanner must
 * read it. It never returns 1 for text the full scanner refuses.
 */
int ent__jscan_fast_value(const char *buf, size_t len, size_t pos, int max_depth, size_t *end,
                          unsigned *lines);

/* For tests: the widest instructions ent__jscan_fast_value may use, 0 (SSE2
 * or plain C), 1 (AVX2) or 2 (AVX-512BW, the default); it uses them only
 * where the processor has them. Not to be called while loading. */
void ent__jscan_fast_isa(int max);

/*
 * Validates a string starting at s->pos (which must be a '"'), leaving pos
 * after the closing quote. Returns 0 or -1.
 */
int ent__jscan_string(jscan *s);

/*
 * Decodes the JSON string whose opening quote is at `pos` (already validated)
 * into out (at most cap-1 bytes, NUL-terminated). Returns the decoded length,
 * or (size_t)-1 when it does not fit.
 */
size_t ent__jscan_decode_string(const char *buf, size_t len, size_t pos, char *out, size_t cap);

/* Position just after the (already validated) value at `pos`. */
size_t ent__jscan_skip(const char *buf, size_t len, size_t pos);

/* Sets an error at `pos` and returns -1. */
int ent__jscan_fail(jscan *s, size_t pos, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * The first position at or after p (and before n) holding a byte that may
 * end a plain run of string text: '"', '\\', a control character or a byte
 * of 0x80 or more; n when there is none. Sixteen bytes at a time where SSE2
 * is there (signed comparison with 0x20 catches both the control characters
 * and the bytes from 0x80 up, which are negative as signed chars).
 */
static inline size_t jscan_plain_run(const char *buf, size_t p, size_t n)
{
    const unsigned char *b = (const unsigned char *)buf;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(0x20);
    while (p + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + p));
        __m128i hit =
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                         _mm_cmplt_epi8(x, space));
        unsigned mask = (unsigned)_mm_movemask_epi8(hit);
        if (mask)
            return p + (size_t)__builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < n && b[p] >= 0x20 && b[p] < 0x80 && b[p] != '"' && b[p] != '\\')
        p++;
    return p;
}

/*
 * In text already validated: the first position at or after p (and before n)
 * of a '"' or a '\\', n when there is none. Bytes from 0x80 up are plain here
 * (their UTF-8 was checked by the first pass), so text in other scripts runs
 * sixteen bytes at a time too.
 */
static inline size_t jscan_quote_run(const char *buf, size_t p, size_t n)
{
    const unsigned char *b = (const unsigned char *)buf;
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
    while (p + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + p));
        unsigned mask = (unsigned)_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)));
        if (mask)
            return p + (size_t)__builtin_ctz(mask);
        p += 16;
    }
#endif
    while (p < n && b[p] != '"' && b[p] != '\\')
        p++;
    return p;
}

/* Position of the next non-space byte at or after pos. */
size_t ent__jscan_skip_ws(const char *buf, size_t len, size_t pos);

/* ent__jscan_ws with its two commonest cases inline (no line counted). */
static inline void jscan_ws_fast(jscan *s)
{
    const unsigned char *b = (const unsigned char *)s->buf;
    if (s->pos < s->len && b[s->pos] > ' ')
        return;
    if (s->pos + 1 < s->len && b[s->pos] == ' ' && b[s->pos + 1] > ' ') {
        s->pos++;
        return;
    }
    ent__jscan_ws(s);
}

/* ent__jscan_skip_ws with its two commonest cases inline: no space at all,
 * and the one space after a ':' or a ','. */
static inline size_t jscan_skip_ws_fast(const char *buf, size_t len, size_t pos)
{
    if (pos < len && (unsigned char)buf[pos] > ' ')
        return pos;
    if (pos + 1 < len && buf[pos] == ' ' && (unsigned char)buf[pos + 1] > ' ')
        return pos + 1;
    return ent__jscan_skip_ws(buf, len, pos);
}

/*
 * In the (validated) object at `obj`, finds the n-th (0-based) member named
 * `key`. Sets *key_pos to its name's opening quote and *val_pos to its value.
 * Returns 1 when found, 0 otherwise.
 */
int ent__jscan_member(const char *buf, size_t len, size_t obj, const char *key, int n,
                      size_t *key_pos, size_t *val_pos);

/* In the (validated) array at `arr`, the position of element `index`, or 0. */
size_t ent__jscan_element(const char *buf, size_t len, size_t arr, size_t index);

#endif
