/*
 * jscan.c: the validating scanner described in jscan.h.
 *
 * Containers are tracked on an explicit stack (one byte per level plus the
 * offset of its opening bracket, for "not closed" messages), so nesting is
 * bounded by ENT_JSON_MAX_DEPTH and never by the C stack.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "load/jscan.h"

void ent__jscan_init(jscan *s, const char *buf, size_t len)
{
    memset(s, 0, sizeof *s);
    s->buf = buf;
    s->len = len;
    s->line = 1;
}

int ent__jscan_fail(jscan *s, size_t pos, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err_msg, sizeof s->err_msg, fmt, ap);
    va_end(ap);
    s->err_code = code;
    s->err_pos = pos;
    return -1;
}

/* After a line break at p-1: the position past the spaces that indent the
 * next line, sixteen at a time where SSE2 is there. */
static inline size_t indent_end(const char *b, size_t p, size_t n)
{
#ifdef __SSE2__
    const __m128i space = _mm_set1_epi8(' ');
    while (p + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + p));
        unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, space));
        if (m != 0xffffu)
            return p + (size_t)__builtin_ctz(~m);
        p += 16;
    }
#endif
    while (p < n && b[p] == ' ')
        p++;
    return p;
}

void ent__jscan_ws(jscan *s)
{
    const char *b = s->buf;
    size_t p = s->pos, n = s->len;
    while (p < n) {
        char c = b[p];
        if (c == ' ' || c == '\t' || c == '\r')
            p++;
        else if (c == '\n') {
            s->line++;
            p = indent_end(b, p + 1, n);
        } else
            break;
    }
    s->pos = p;
}

size_t ent__jscan_skip_ws(const char *buf, size_t len, size_t pos)
{
    while (pos < len) {
        char c = buf[pos];
        if (c == ' ' || c == '\t' || c == '\r')
            pos++;
        else if (c == '\n')
            pos = indent_end(buf, pos + 1, len);
        else
            break;
    }
    return pos;
}

/* Describes the byte at pos for a message: "'x'", "byte 0xff", "end of file". */
static const char *describe(const jscan *s, size_t pos, char *out, size_t cap)
{
    if (pos >= s->len)
        snprintf(out, cap, "the end of the file");
    else {
        unsigned char c = (unsigned char)s->buf[pos];
        if (c >= 0x21 && c < 0x7f)
            snprintf(out, cap, "'%c'", c);
        else if (c == ' ')
            snprintf(out, cap, "a space");
        else
            snprintf(out, cap, "byte 0x%02x", c);
    }
    return out;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads 4 hex digits at p; -1 when they are not hex. */
static long hex4(const char *b, size_t n, size_t p)
{
    if (p + 4 > n)
        return -1;
    long v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(b[p + i]);
        if (h < 0)
            return -1;
        v = v * 16 + h;
    }
    return v;
}

size_t ent__jscan_utf8_len(const unsigned char *b, size_t n, size_t p)
{
    unsigned char c = b[p];
    size_t need;
    unsigned long cp;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
        cp = c & 0x1f;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        cp = c & 0x0f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        cp = c & 0x07;
    } else
        return 0;
    if (p + need > n)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((b[p + i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (b[p + i] & 0x3f);
    }
    if ((need == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (need == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return need;
}

/* End of file inside an unclosed string ('"'), object or array opened at `open`. */
static int truncated(jscan *s, char kind, size_t open)
{
    s->err_open_kind = kind;
    s->err_open_pos = open;
    return ent__jscan_fail(s, s->len, "json-truncated",
                           "unexpected end of file: the %s is not closed",
                           kind == '"'   ? "string"
                           : kind == '{' ? "object"
                                         : "array");
}

int ent__jscan_string(jscan *s)
{
    const unsigned char *b = (const unsigned char *)s->buf;
    size_t n = s->len, start = s->pos, p = s->pos + 1;
    for (;;) {
        /* Fast path: plain printable ASCII. */
        p = jscan_plain_run(s->buf, p, n);
        if (p >= n)
            return truncated(s, '"', start);
        unsigned char c = b[p];
        if (c == '"') {
            s->pos = p + 1;
            return 0;
        }
        if (c == '\\') {
            if (p + 1 >= n)
                return truncated(s, '"', start);
            char e = (char)b[p + 1];
            if (strchr("\"\\/bfnrt", e) && e) {
                p += 2;
                continue;
            }
            if (e != 'u')
                return ent__jscan_fail(
                    s, p, "json-syntax",
                    "invalid escape '\\%c' in a string; JSON knows \\\" \\\\ \\/ "
                    "\\b \\f \\n \\r \\t and \\uXXXX",
                    e >= 0x20 && e < 0x7f ? e : '?');
            long u = hex4(s->buf, n, p + 2);
            if (u < 0)
                return ent__jscan_fail(s, p, "json-syntax",
                                       "'\\u' must be followed by four hexadecimal digits");
            if (u == 0)
                return ent__jscan_fail(s, p, "nul-character",
                                       "a string holds \\u0000 (the NUL character), which entente "
                                       "cannot keep");
            if (u >= 0xd800 && u <= 0xdbff) {
                long lo = (p + 7 < n && b[p + 6] == '\\' && b[p + 7] == 'u')
                              ? hex4(s->buf, n, p + 8)
                              : -1;
                if (lo < 0xdc00 || lo > 0xdfff)
                    return ent__jscan_fail(s, p, "json-syntax",
                                           "unpaired surrogate \\u%04lx: a high surrogate must be "
                                           "followed by a low one (\\udc00-\\udfff)",
                                           u);
                p += 12;
                continue;
            }
            if (u >= 0xdc00 && u <= 0xdfff)
                return ent__jscan_fail(s, p, "json-syntax",
                                       "unpaired surrogate \\u%04lx: a low surrogate must follow a "
                                       "high one",
                                       u);
            p += 6;
            continue;
        }
        if (c < 0x20) {
            if (c == '\n')
                return ent__jscan_fail(s, p, "json-syntax",
                                       "a line break inside a string must be written \\n (is a "
                                       "closing quote missing?)");
            return ent__jscan_fail(s, p, "json-syntax",
                                   "control character 0x%02x inside a string must be escaped as "
                                   "\\u%04x",
                                   c, c);
        }
        size_t k = ent__jscan_utf8_len(b, n, p);
        if (!k)
            return ent__jscan_fail(
                s, p, "invalid-utf8",
                "invalid UTF-8: byte 0x%02x cannot appear here; graph files must "
                "be UTF-8",
                c);
        p += k;
    }
}

/* ent__jscan_string for the commonest string, plain printable ASCII with no
 * escape, without the call: the run ends at its closing quote. */
static inline int scan_string(jscan *s)
{
    size_t p = jscan_plain_run(s->buf, s->pos + 1, s->len);
    if (p < s->len && s->buf[p] == '"') {
        s->pos = p + 1;
        return 0;
    }
    return ent__jscan_string(s);
}

size_t ent__jscan_number_end(const char *b, size_t n, size_t p, int *why)
{
    if (p < n && b[p] == '-')
        p++;
    if (p >= n || b[p] < '0' || b[p] > '9')
        return *why = 0, (size_t)-1;
    if (b[p] == '0') {
        p++;
        if (p < n && b[p] >= '0' && b[p] <= '9')
            return *why = 1, (size_t)-1;
    } else
        while (p < n && b[p] >= '0' && b[p] <= '9')
            p++;
    if (p < n && b[p] == '.') {
        p++;
        if (p >= n || b[p] < '0' || b[p] > '9')
            return *why = 2, (size_t)-1;
        while (p < n && b[p] >= '0' && b[p] <= '9')
            p++;
    }
    if (p < n && (b[p] == 'e' || b[p] == 'E')) {
        p++;
        if (p < n && (b[p] == '+' || b[p] == '-'))
            p++;
        if (p >= n || b[p] < '0' || b[p] > '9')
            return *why = 3, (size_t)-1;
        while (p < n && b[p] >= '0' && b[p] <= '9')
            p++;
    }
    return p;
}

static int scan_number(jscan *s)
{
    static const char *const why_text[] = {"invalid number: a digit must follow '-'",
                                           "invalid number: JSON numbers cannot have leading zeros",
                                           "invalid number: a digit must follow the decimal point",
                                           "invalid number: the exponent needs digits"};
    int why;
    size_t end = ent__jscan_number_end(s->buf, s->len, s->pos, &why);
    if (end == (size_t)-1)
        return ent__jscan_fail(s, s->pos, "json-syntax", "%s", why_text[why]);
    s->pos = end;
    return 0;
}

static int is_word_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A value cannot start at s->pos: explain what is there. */
static int bad_value_start(jscan *s)
{
    const char *b = s->buf;
    size_t p = s->pos;
    char what[32];
    if (p >= s->len)
        return ent__jscan_fail(s, p, "json-truncated",
                               "unexpected end of file where a value was "
                               "expected");
    char c = b[p];
    if (c == '/')
        return ent__jscan_fail(s, p, "json-syntax", "comments are not allowed in JSON");
    if (c == '\'')
        return ent__jscan_fail(s, p, "json-syntax", "strings must be in double quotes, not single");
    if (is_word_char(c)) {
        size_t e = p;
        while (e < s->len && is_word_char(b[e]) && e - p < 20)
            e++;
        return ent__jscan_fail(s, p, "json-syntax",
                               "unexpected word \"%.*s\"; JSON values are objects, arrays, strings "
                               "in double quotes, numbers, true, false and null",
                               (int)(e - p), b + p);
    }
    if ((unsigned char)c >= 0x80 && !ent__jscan_utf8_len((const unsigned char *)b, s->len, p))
        return ent__jscan_fail(s, p, "invalid-utf8",
                               "invalid UTF-8: byte 0x%02x cannot appear here; graph files must be "
                               "UTF-8",
                               (unsigned char)c);
    return ent__jscan_fail(s, p, "json-syntax", "expected a value, found %s",
                           describe(s, p, what, sizeof what));
}

static int scan_literal(jscan *s, const char *word)
{
    size_t k = strlen(word);
    if (s->len - s->pos >= k && memcmp(s->buf + s->pos, word, k) == 0 &&
        (s->pos + k >= s->len || !is_word_char(s->buf[s->pos + k]))) {
        s->pos += k;
        return 0;
    }
    return bad_value_start(s);
}

int ent__jscan_value(jscan *s, int depth)
{
    /* stack[i]: '{' or '[' of the i-th open container of this value. */
    char kinds[ENT_JSON_MAX_DEPTH + 1];
    size_t opens[ENT_JSON_MAX_DEPTH + 1];
    int top = 0; /* number of open containers within this value */
    char what[32];
    /* With hooks, at the top level: the element of a top-level array being read. */
    const jscan_hooks *hooks = depth == 0 ? s->hooks : NULL;
    size_t elem_start = 0;
    unsigned elem_line = 0;
    if (depth == 0 && s->resume)
        for (; s->resume[top] && top < ENT_JSON_MAX_DEPTH; top++) {
            kinds[top] = s->resume[top];
            opens[top] = s->pos;
        }

    for (;;) {
        /* Here: a value is expected at s->pos (white space skipped). */
        if (hooks && top == 2 && kinds[0] == '{' && kinds[1] == '[') {
            if (s->split_pos && s->pos == s->split_pos && hooks->split) {
                s->split_pos = 0;
                if (hooks->split(hooks->ud, s))
                    return 0;
            }
            elem_start = s->pos;
            elem_line = s->line;
            size_t fast_end;
            unsigned fast_lines;
            if (ent__jscan_fast_value(s->buf, s->len, s->pos, ENT_JSON_MAX_DEPTH - depth - top,
                                      &fast_end, &fast_lines)) {
                s->pos = fast_end;
                s->line += fast_lines;
                goto after_value;
            }
        }
        if (s->pos >= s->len)
            return bad_value_start(s);
        char c = s->buf[s->pos];
        if (c == '{' || c == '[') {
            if (depth + top + 1 > ENT_JSON_MAX_DEPTH)
                return ent__jscan_fail(s, s->pos, "json-too-deep",
                                       "arrays and objects are nested more than %d levels deep",
                                       ENT_JSON_MAX_DEPTH);
            kinds[top] = c;
            opens[top] = s->pos;
            top++;
            s->pos++;
            jscan_ws_fast(s);
            if (c == '{') {
                if (s->pos < s->len && s->buf[s->pos] == '}') {
                    s->pos++;
                    top--;
                    goto after_value;
                }
                goto member_name;
            }
            if (s->pos < s->len && s->buf[s->pos] == ']') {
                s->pos++;
                top--;
                goto after_value;
            }
            continue; /* first element */
        }
        if (c == '"') {
            if (scan_string(s) < 0)
                return -1;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            if (scan_number(s) < 0)
                return -1;
        } else if (c == 't') {
            if (scan_literal(s, "true") < 0)
                return -1;
        } else if (c == 'f') {
            if (scan_literal(s, "false") < 0)
                return -1;
        } else if (c == 'n') {
            if (scan_literal(s, "null") < 0)
                return -1;
        } else
            return bad_value_start(s);

    after_value:
        if (top == 0)
            return 0;
        if (hooks && top == 2 && kinds[0] == '{' && kinds[1] == '[' && hooks->element)
            hooks->element(hooks->ud, elem_start, s->pos, elem_line);
        size_t value_end = s->pos; /* a missing ',' belongs right here */
        jscan_ws_fast(s);
        if (s->pos >= s->len) {
            return truncated(s, kinds[top - 1], opens[top - 1]);
        }
        c = s->buf[s->pos];
        if (kinds[top - 1] == '{') {
            if (c == '}') {
                s->pos++;
                top--;
                goto after_value;
            }
            if (c != ',') {
                if (c == '"')
                    return ent__jscan_fail(s, value_end, "json-syntax",
                                           "missing ',' between object members");
                return ent__jscan_fail(s, s->pos, "json-syntax",
                                       "expected ',' or '}' after an object member, found %s",
                                       describe(s, s->pos, what, sizeof what));
            }
            size_t comma = s->pos;
            s->pos++;
            jscan_ws_fast(s);
            if (s->pos < s->len && s->buf[s->pos] == '}')
                return ent__jscan_fail(s, comma, "json-syntax",
                                       "trailing comma before '}' is not allowed in JSON");
            goto member_name;
        }
        if (c == ']') {
            s->pos++;
            top--;
            goto after_value;
        }
        if (c != ',') {
            if (c == '"' || c == '{' || c == '[' || (c >= '0' && c <= '9'))
                return ent__jscan_fail(s, value_end, "json-syntax",
                                       "missing ',' between array elements");
            return ent__jscan_fail(s, s->pos, "json-syntax",
                                   "expected ',' or ']' after an array element, found %s",
                                   describe(s, s->pos, what, sizeof what));
        }
        {
            size_t comma = s->pos;
            s->pos++;
            jscan_ws_fast(s);
            if (s->pos < s->len && s->buf[s->pos] == ']')
                return ent__jscan_fail(s, comma, "json-syntax",
                                       "trailing comma before ']' is not allowed in JSON");
        }
        continue;

    member_name:
        if (s->pos >= s->len) {
            return truncated(s, '{', opens[top - 1]);
        }
        if (s->buf[s->pos] != '"') {
            if (s->buf[s->pos] == '\'')
                return ent__jscan_fail(s, s->pos, "json-syntax",
                                       "member names must be in double quotes, not single");
            if (s->buf[s->pos] == '/')
                return ent__jscan_fail(s, s->pos, "json-syntax",
                                       "comments are not allowed in JSON");
            return ent__jscan_fail(s, s->pos, "json-syntax",
                                   "expected a member name in double quotes, found %s",
                                   describe(s, s->pos, what, sizeof what));
        }
        size_t key_pos = s->pos;
        if (scan_string(s) < 0)
            return -1;
        jscan_ws_fast(s);
        if (s->pos >= s->len || s->buf[s->pos] != ':') {
            if (s->pos >= s->len) {
                return truncated(s, '{', opens[top - 1]);
            }
            return ent__jscan_fail(s, s->pos, "json-syntax",
                                   "expected ':' after the member name, found %s",
                                   describe(s, s->pos, what, sizeof what));
        }
        s->pos++;
        jscan_ws_fast(s);
        if (hooks && top == 1 && hooks->member)
            hooks->member(hooks->ud, s, key_pos, s->pos);
    }
}

size_t ent__jscan_decode_string(const char *buf, size_t len, size_t pos, char *out, size_t cap)
{
    size_t p = pos + 1, o = 0;
    while (p < len && buf[p] != '"') {
        unsigned long cp;
        if (buf[p] != '\\') {
            if (o + 1 >= cap)
                return (size_t)-1;
            out[o++] = buf[p++];
            continue;
        }
        char e = buf[p + 1];
        p += 2;
        switch (e) {
        case 'b':
            cp = '\b';
            break;
        case 'f':
            cp = '\f';
            break;
        case 'n':
            cp = '\n';
            break;
        case 'r':
            cp = '\r';
            break;
        case 't':
            cp = '\t';
            break;
        case 'u':
            cp = (unsigned long)hex4(buf, len, p);
            p += 4;
            if (cp >= 0xd800 && cp <= 0xdbff) {
                unsigned long lo = (unsigned long)hex4(buf, len, p + 2);
                cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                p += 6;
            }
            break;
        default:
            cp = (unsigned char)e;
        }
        char tmp[4];
        size_t k;
        if (cp < 0x80) {
            tmp[0] = (char)cp;
            k = 1;
        } else if (cp < 0x800) {
            tmp[0] = (char)(0xc0 | (cp >> 6));
            tmp[1] = (char)(0x80 | (cp & 0x3f));
            k = 2;
        } else if (cp < 0x10000) {
            tmp[0] = (char)(0xe0 | (cp >> 12));
            tmp[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
            tmp[2] = (char)(0x80 | (cp & 0x3f));
            k = 3;
        } else {
            tmp[0] = (char)(0xf0 | (cp >> 18));
            tmp[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
            tmp[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
            tmp[3] = (char)(0x80 | (cp & 0x3f));
            k = 4;
        }
        if (o + k >= cap)
            return (size_t)-1;
        memcpy(out + o, tmp, k);
        o += k;
    }
    if (cap)
        out[o] = '\0';
    return o;
}

size_t ent__jscan_skip(const char *buf, size_t len, size_t pos)
{
    jscan s;
    ent__jscan_init(&s, buf, len);
    s.pos = pos;
    if (ent__jscan_value(&s, 0) < 0)
        return len;
    return s.pos;
}

int ent__jscan_member(const char *buf, size_t len, size_t obj, const char *key, int n,
                      size_t *key_pos, size_t *val_pos)
{
    if (obj >= len || buf[obj] != '{')
        return 0;
    size_t p = ent__jscan_skip_ws(buf, len, obj + 1);
    char name[256];
    while (p < len && buf[p] == '"') {
        size_t kp = p;
        size_t klen = ent__jscan_decode_string(buf, len, p, name, sizeof name);
        p = ent__jscan_skip(buf, len, p);
        p = ent__jscan_skip_ws(buf, len, p) + 1; /* the ':' */
        p = ent__jscan_skip_ws(buf, len, p);
        if (klen != (size_t)-1 && strcmp(name, key) == 0 && n-- == 0) {
            *key_pos = kp;
            *val_pos = p;
            return 1;
        }
        p = ent__jscan_skip(buf, len, p);
        p = ent__jscan_skip_ws(buf, len, p);
        if (p < len && buf[p] == ',')
            p = ent__jscan_skip_ws(buf, len, p + 1);
    }
    return 0;
}

size_t ent__jscan_element(const char *buf, size_t len, size_t arr, size_t index)
{
    if (arr >= len || buf[arr] != '[')
        return 0;
    size_t p = ent__jscan_skip_ws(buf, len, arr + 1);
    for (size_t i = 0; p < len && buf[p] != ']'; i++) {
        if (i == index)
            return p;
        p = ent__jscan_skip(buf, len, p);
        p = ent__jscan_skip_ws(buf, len, p);
        if (p < len && buf[p] == ',')
            p = ent__jscan_skip_ws(buf, len, p + 1);
    }
    return 0;
}
