/*
 * jscan_fast.c: the quick check of one plainly written array or object that
 * ent__jscan_value tries first for each element of a top-level array (see
 * ent__jscan_fast_value in jscan.h).
 *
 * The text is classified 64 bytes at a time into bit masks (quotes,
 * backslashes, white space, line breaks, control characters, bytes from 0x80
 * up), as simdjson's first stage does. A prefix XOR of the unescaped quotes
 * marks the bytes inside strings, so a string is skipped by finding the next
 * closing quote and white space by finding the next token bit. The grammar
 * is then walked token by token. Anything the scanner would have to explain
 * (and a few rare things it accepts, such as \u escapes) makes the check
 * answer "not sure", and the full scanner reads the element instead; so the
 * check never accepts what the scanner refuses, and the scanner stays the
 * one source of every message.
 */
#include <stdint.h>
#include <string.h>

#include "load/jscan.h"

/* Containers the quick check follows inside one element; deeper ones go to
 * the full scanner. */
#define FAST_DEPTH 32

#define NONE ((size_t)-1)

typedef struct fblock fblock;
typedef int (*load_fn)(fblock *k, size_t base);

struct fblock {
    load_fn load; /* classifies a block: load_block_isa for one instruction set */
    const unsigned char *b;
    size_t len;
    size_t base;        /* offset of the current 64-byte block */
    uint64_t tok;       /* bytes outside strings that are not white space, and opening quotes */
    uint64_t nl;        /* line breaks */
    uint64_t in_string; /* all ones when the next block starts inside a string */
    int escape_next;    /* the first byte of the next block is escaped */
    size_t utf8_done;   /* bytes before this offset are checked UTF-8 */
    unsigned lines;     /* line breaks in the blocks before the current one */
};

/* Bit i set: bits 0..i of x hold an odd number of ones. */
static inline uint64_t prefix_xor(uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

typedef struct {
    uint64_t quote, bslash, ws, nl, ctrl, high;
} bmasks;

static inline void classify(const unsigned char *x, bmasks *m)
{
#ifdef __SSE2__
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'),
                  space = _mm_set1_epi8(' '), lf = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t'),
                  cr = _mm_set1_epi8('\r'), c20 = _mm_set1_epi8(0x20);
    memset(m, 0, sizeof *m);
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(x + 16 * i));
        __m128i l = _mm_cmpeq_epi8(v, lf);
        __m128i w = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), l),
                                 _mm_or_si128(_mm_cmpeq_epi8(v, tab), _mm_cmpeq_epi8(v, cr)));
        unsigned sh = 16u * (unsigned)i;
        uint64_t hi = (uint64_t)(unsigned)_mm_movemask_epi8(v);
        /* Signed: below 0x20 are the control characters and the high bytes. */
        uint64_t lt = (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(v, c20));
        m->quote |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << sh;
        m->bslash |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, bslash)) << sh;
        m->ws |= (uint64_t)(unsigned)_mm_movemask_epi8(w) << sh;
        m->nl |= (uint64_t)(unsigned)_mm_movemask_epi8(l) << sh;
        m->ctrl |= (lt & ~hi) << sh;
        m->high |= hi << sh;
    }
#else
    memset(m, 0, sizeof *m);
    for (int i = 0; i < 64; i++) {
        uint64_t bit = (uint64_t)1 << i;
        unsigned char c = x[i];
        if (c == '"')
            m->quote |= bit;
        if (c == '\\')
            m->bslash |= bit;
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            m->ws |= bit;
        if (c == '\n')
            m->nl |= bit;
        if (c < 0x20)
            m->ctrl |= bit;
        if (c >= 0x80)
            m->high |= bit;
    }
#endif
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define FAST_X86 1
#include <immintrin.h>

/* The same masks from one 64-byte register (AVX-512BW). */
__attribute__((target("avx512bw"))) static inline void classify_avx512(const unsigned char *x,
                                                                       bmasks *m)
{
    __m512i v = _mm512_loadu_si512((const void *)x);
    uint64_t lf = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
    m->quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
    m->bslash = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
    m->ws = lf | _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8(' ')) |
            _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\t')) |
            _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
    m->nl = lf;
    m->ctrl = _mm512_cmplt_epu8_mask(v, _mm512_set1_epi8(0x20));
    m->high = _mm512_movepi8_mask(v);
}

/* ... and from two 32-byte ones (AVX2). */
__attribute__((target("avx2"))) static inline void classify_avx2(const unsigned char *x, bmasks *m)
{
    const __m256i quote = _mm256_set1_epi8('"'), bslash = _mm256_set1_epi8('\\'),
                  space = _mm256_set1_epi8(' '), lf = _mm256_set1_epi8('\n'),
                  tab = _mm256_set1_epi8('\t'), cr = _mm256_set1_epi8('\r'),
                  c20 = _mm256_set1_epi8(0x20);
    memset(m, 0, sizeof *m);
    for (int i = 0; i < 2; i++) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)(x + 32 * i));
        __m256i l = _mm256_cmpeq_epi8(v, lf);
        __m256i w =
            _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, space), l),
                            _mm256_or_si256(_mm256_cmpeq_epi8(v, tab), _mm256_cmpeq_epi8(v, cr)));
        unsigned sh = 32u * (unsigned)i;
        uint64_t hi = (uint32_t)_mm256_movemask_epi8(v);
        uint64_t lt = (uint32_t)_mm256_movemask_epi8(_mm256_cmpgt_epi8(c20, v));
        m->quote |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, quote)) << sh;
        m->bslash |= (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, bslash)) << sh;
        m->ws |= (uint64_t)(uint32_t)_mm256_movemask_epi8(w) << sh;
        m->nl |= (uint64_t)(uint32_t)_mm256_movemask_epi8(l) << sh;
        m->ctrl |= (lt & ~hi) << sh;
        m->high |= hi << sh;
    }
}
#endif

enum { ISA_BASE, ISA_AVX2, ISA_AVX512 };

/* Classifies the block at `base` (padded with spaces past the end of the
 * text) with the instructions `isa`. Returns 0 when it holds something for
 * the full scanner: an escape other than the two-character ones, a control
 * character in a string, invalid UTF-8, a high byte outside a string. */
static inline __attribute__((always_inline)) int load_block_isa(fblock *k, size_t base, int isa)
{
    unsigned char pad[64];
    const unsigned char *x = k->b + base;
    if (base >= k->len)
        return 0;
    if (k->len - base < 64) {
        size_t n = k->len - base;
        memcpy(pad, x, n);
        memset(pad + n, ' ', 64 - n);
        x = pad;
    }
    bmasks m;
#ifdef FAST_X86
    if (isa == ISA_AVX512)
        classify_avx512(x, &m);
    else if (isa == ISA_AVX2)
        classify_avx2(x, &m);
    else
#endif
        classify(x, &m);
    (void)isa;
    k->base = base;

    /* Escaped bytes: each backslash that is not itself escaped escapes the
     * byte after it, which must be one of  " \ / b f n r t. */
    uint64_t esc = k->escape_next ? 1 : 0;
    k->escape_next = 0;
    for (uint64_t bs = m.bslash; bs; bs &= bs - 1) {
        int i = __builtin_ctzll(bs);
        if (esc >> i & 1)
            continue;
        if (i == 63)
            k->escape_next = 1;
        else
            esc |= (uint64_t)1 << (i + 1);
    }
    for (uint64_t e = esc; e; e &= e - 1) {
        unsigned char c = x[__builtin_ctzll(e)];
        if (!(c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' || c == 'r' ||
              c == 't'))
            return 0;
    }
    uint64_t quote = m.quote & ~esc;
    uint64_t instr = prefix_xor(quote) ^ k->in_string; /* opening quote and text */
    k->in_string = (uint64_t)0 - (instr >> 63);
    uint64_t text = instr & ~quote;
    if (m.ctrl & text)
        return 0;
    if (m.high & ~instr)
        return 0;
    for (uint64_t h = m.high & text; h;) {
        int i = __builtin_ctzll(h);
        size_t p = base + (size_t)i;
        if (p >= k->utf8_done) {
            size_t n = ent__jscan_utf8_len(k->b, k->len, p);
            if (!n)
                return 0;
            k->utf8_done = p + n;
        }
        h &= h - 1;
    }
    k->tok = (~m.ws & ~instr & ~quote) | (quote & instr);
    k->nl = m.nl;
    return 1;
}

static int load_block_base(fblock *k, size_t base)
{
    return load_block_isa(k, base, ISA_BASE);
}

#ifdef FAST_X86
__attribute__((target("avx2"))) static int load_block_avx2(fblock *k, size_t base)
{
    return load_block_isa(k, base, ISA_AVX2);
}

__attribute__((target("avx512bw"))) static int load_block_avx512(fblock *k, size_t base)
{
    return load_block_isa(k, base, ISA_AVX512);
}
#endif

/* 0 (SSE2 or plain C), 1 (AVX2) or 2 (AVX-512BW): the widest the processor
 * and the system support, unless ent__jscan_fast_isa lowered it. */
static int isa_max = 2;

void ent__jscan_fast_isa(int max)
{
    isa_max = max;
}

static load_fn pick_loader(void)
{
#ifdef FAST_X86
    if (isa_max >= ISA_AVX512 && __builtin_cpu_supports("avx512bw"))
        return load_block_avx512;
    if (isa_max >= ISA_AVX2 && __builtin_cpu_supports("avx2"))
        return load_block_avx2;
#endif
    return load_block_base;
}

static inline unsigned count_bits(uint64_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1) /* line breaks are few in a block */
        n++;
    return n;
}

/* Moves to the next block. Returns 0 past the text or when it is refused. */
static __attribute__((noinline)) int next_block(fblock *k)
{
    k->lines += count_bits(k->nl);
    return k->load(k, k->base + 64);
}

/* Takes the next token into p (its byte into c), from m, the current block's
 * tokens not yet taken (k.tok: bytes outside strings that are not white
 * space, and the quotes that open strings); returns 0 from the function when
 * there is none or a block is refused. A string's closing quote need not be
 * visited: what follows it up to the next token is white space, and where
 * the string ends matters only for the element's end, which is a bracket. */
#define NEXT()                                   \
    do {                                         \
        while (!m) {                             \
            if (!next_block(&k))                 \
                return 0;                        \
            m = k.tok;                           \
        }                                        \
        p = k.base + (size_t)__builtin_ctzll(m); \
        m &= m - 1;                              \
        c = b[p];                                \
    } while (0)

int ent__jscan_fast_value(const char *buf, size_t len, size_t pos, int max_depth, size_t *end,
                          unsigned *lines)
{
    const unsigned char *b = (const unsigned char *)buf;
    char kinds[FAST_DEPTH];
    int top = 0;
    fblock k;
    memset(&k, 0, sizeof k);
    k.b = b;
    k.len = len;
    k.load = pick_loader();
    if (pos >= len || (b[pos] != '{' && b[pos] != '[') || !k.load(&k, pos))
        return 0;
    uint64_t m = k.tok & ~(uint64_t)1;
    size_t p = pos, after = 0; /* the current token; just past the last value */
    unsigned char c = b[pos];

value: /* the token at p starts a value */
    if (c == '{' || c == '[') {
        if (top == FAST_DEPTH || top >= max_depth)
            return 0;
        kinds[top++] = (char)c;
        unsigned char open = c;
        NEXT();
        if (c == (open == '{' ? '}' : ']')) {
            top--;
            after = p + 1;
            goto after_value;
        }
        if (open == '{')
            goto member;
        goto value;
    }
    if (c == '"')
        goto after_value;
    if (c == '-' || (c >= '0' && c <= '9')) {
        int why;
        if ((after = ent__jscan_number_end(buf, len, p, &why)) == NONE)
            return 0;
    } else if (c == 't' && len - p >= 4 && memcmp(b + p, "true", 4) == 0)
        after = p + 4;
    else if (c == 'f' && len - p >= 5 && memcmp(b + p, "false", 5) == 0)
        after = p + 5;
    else if (c == 'n' && len - p >= 4 && memcmp(b + p, "null", 4) == 0)
        after = p + 4;
    else
        return 0;
    /* Drop the tokens inside the number or literal; a word character right
     * after it stays a token, which no state below accepts. */
    while (after >= k.base + 64) {
        if (!next_block(&k))
            return 0;
        m = k.tok;
    }
    if (after > k.base)
        m &= ~(uint64_t)0 << (after - k.base);

after_value:
    if (top == 0) {
        uint64_t below =
            after - k.base >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (after - k.base)) - 1;
        *end = after;
        *lines = k.lines + count_bits(k.nl & below);
        return 1;
    }
    NEXT();
    if (c == (kinds[top - 1] == '{' ? '}' : ']')) {
        top--;
        after = p + 1;
        goto after_value;
    }
    if (c != ',')
        return 0;
    NEXT();
    if (kinds[top - 1] == '[')
        goto value;

member: /* the token at p starts a member */
    if (c != '"')
        return 0;
    NEXT();
    if (c != ':')
        return 0;
    NEXT();
    goto value;
}
