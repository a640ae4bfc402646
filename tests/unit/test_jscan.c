/*
 * test_jscan.c: the validating JSON scanner: what it accepts, what it
 * rejects and where it says the problem is.
 */
#include "test_common.h"

#include "load/jscan.h"
#include "load/load_impl.h"

/* Scans a whole document; returns 0 or -1, leaving the scanner for inspection. */
static int scan(jscan *s, const char *text)
{
    ent__jscan_init(s, text, strlen(text));
    ent__jscan_ws(s);
    if (ent__jscan_value(s, 0) < 0)
        return -1;
    ent__jscan_ws(s);
    return s->pos == s->len ? 0 : -1;
}

static void accepts_valid_json(void **state)
{
    (void)state;
    jscan s;
    const char *good[] = {
        "{}",
        "[]",
        "0",
        "-0",
        "12.5e-3",
        "1E+2",
        "true",
        "false",
        "null",
        "\"\"",
        "{\"a\": [1, 2, {\"b\": null}], \"c\": \"\\u00e9\\n\\\"\"}",
        "\"Xank\xc9\x99ndi \xd5\x8d\xd5\xbf\"", /* 2-byte UTF-8 */
        "\"\xe2\x82\xac \xf0\x9f\x98\x80\"",    /* 3- and 4-byte UTF-8 */
        "\"\\ud83d\\ude00\"",                   /* a surrogate pair */
        " \t\r\n{ \"x\" : 1 } \n",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        assert_int_equal(scan(&s, good[i]), 0);
}

typedef struct bad_case {
    const char *text;
    const char *code;
    size_t pos;
} bad_case;

static void rejects_invalid_json_at_the_right_byte(void **state)
{
    (void)state;
    const bad_case cases[] = {
        {"[1, 2,, 3]", "json-syntax", 6},
        {"[1, 2,]", "json-syntax", 5}, /* the trailing comma itself */
        {"{\"a\": 1,}", "json-syntax", 7},
        {"{\"a\": 1 \"b\": 2}", "json-syntax", 7}, /* right after the value */
        {"{\"a\" 1}", "json-syntax", 5},
        {"{'a': 1}", "json-syntax", 1},
        {"[tru]", "json-syntax", 1},
        {"[True]", "json-syntax", 1},
        {"[NaN]", "json-syntax", 1},
        {"[01]", "json-syntax", 1},
        {"[1.]", "json-syntax", 1},
        {"[-]", "json-syntax", 1},
        {"[1e]", "json-syntax", 1},
        {"[\"a\\qb\"]", "json-syntax", 3},
        {"[\"a\nb\"]", "json-syntax", 3},
        {"[\"\\u12\"]", "json-syntax", 2},
        {"[\"\\ud800\"]", "json-syntax", 2},
        {"[\"\\udc00\"]", "json-syntax", 2},
        {"[\"a\\u0000b\"]", "nul-character", 3},
        {"[\"\xff\"]", "invalid-utf8", 2},
        {"[\"\xc3(\"]", "invalid-utf8", 2},
        {"[\"\xc0\xaf\"]", "invalid-utf8", 2},         /* overlong '/' */
        {"[\"\xed\xa0\x80\"]", "invalid-utf8", 2},     /* an encoded surrogate */
        {"[\"\xf4\x90\x80\x80\"]", "invalid-utf8", 2}, /* past U+10FFFF */
        {"[1 // note\n]", "json-syntax", 3},
        {"[1, 2", "json-truncated", 5},
        {"{\"a\": \"b", "json-truncated", 8},
        {"{\"a\":", "json-truncated", 5},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        jscan s;
        int rc = scan(&s, cases[i].text);
        if (rc == 0 || strcmp(s.err_code, cases[i].code) != 0 || s.err_pos != cases[i].pos)
            fail_msg("case %zu (%s): rc %d code %s pos %zu, expected %s at %zu: %s", i,
                     cases[i].text, rc, rc ? s.err_code : "-", rc ? s.err_pos : 0, cases[i].code,
                     cases[i].pos, rc ? s.err_msg : "");
    }
}

static void reports_where_an_unclosed_bracket_opened(void **state)
{
    (void)state;
    jscan s;
    assert_int_equal(scan(&s, "{\"a\": [1, {\"b\": 2}"), -1);
    assert_string_equal(s.err_code, "json-truncated");
    assert_int_equal(s.err_open_kind, '[');
    assert_int_equal(s.err_open_pos, 6);
    assert_int_equal(scan(&s, "[\"abc"), -1);
    assert_int_equal(s.err_open_kind, '"');
    assert_int_equal(s.err_open_pos, 1);
}

static void limits_nesting_without_recursion(void **state)
{
    (void)state;
    size_t n = 100000; /* far deeper than any C stack would survive */
    char *deep = malloc(2 * n + 1);
    assert_non_null(deep);
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    jscan s;
    assert_int_equal(scan(&s, deep), -1);
    assert_string_equal(s.err_code, "json-too-deep");
    assert_int_equal(s.err_pos, ENT_JSON_MAX_DEPTH);
    /* Exactly at the limit is fine. */
    deep[ENT_JSON_MAX_DEPTH] = '\0';
    memset(deep, '[', ENT_JSON_MAX_DEPTH / 2);
    memset(deep + ENT_JSON_MAX_DEPTH / 2, ']', ENT_JSON_MAX_DEPTH / 2);
    assert_int_equal(scan(&s, deep), 0);
    free(deep);
}

static void counts_lines_in_white_space(void **state)
{
    (void)state;
    jscan s;
    assert_int_equal(scan(&s, "{\n\"a\":\n[\n1\n]\n}\n"), 0);
    assert_int_equal(s.line, 7);
}

typedef struct seen {
    int members;
    int elements;
    size_t starts[8];
    size_t ends[8];
    unsigned lines[8];
} seen;

static void on_member(void *ud, const jscan *s, size_t key_pos, size_t val_pos)
{
    (void)s;
    (void)key_pos;
    (void)val_pos;
    ((seen *)ud)->members++;
}

static void on_element(void *ud, size_t start, size_t end, unsigned line)
{
    seen *x = ud;
    x->starts[x->elements] = start;
    x->ends[x->elements] = end;
    x->lines[x->elements] = line;
    x->elements++;
}

static void hooks_see_top_level_members_and_elements(void **state)
{
    (void)state;
    const char *doc = "{\"a\": [ {\"x\": [1]},\n  2 ], \"b\": {\"c\": [3, 4]}, \"d\": []}";
    seen x;
    memset(&x, 0, sizeof x);
    jscan_hooks h = {&x, on_member, on_element, NULL};
    jscan s;
    ent__jscan_init(&s, doc, strlen(doc));
    s.hooks = &h;
    assert_int_equal(ent__jscan_value(&s, 0), 0);
    assert_int_equal(x.members, 3);  /* a, b, d; not c */
    assert_int_equal(x.elements, 2); /* the two elements of "a" only */
    assert_int_equal(x.starts[0], 8);
    assert_int_equal(x.ends[0], 18);
    assert_int_equal(x.starts[1], 22);
    assert_int_equal(x.ends[1], 23);
    assert_int_equal(x.lines[1], 2);
}

static void finds_members_and_elements_again(void **state)
{
    (void)state;
    const char *doc = "{\"a\": 1, \"b\": [10, 20, 30], \"a\": 2}";
    size_t n = strlen(doc), kp, vp;
    assert_int_equal(ent__jscan_member(doc, n, 0, "b", 0, &kp, &vp), 1);
    assert_int_equal(kp, 9);
    assert_int_equal(vp, 14);
    assert_int_equal(ent__jscan_element(doc, n, vp, 2), 23);
    assert_int_equal(ent__jscan_member(doc, n, 0, "a", 1, &kp, &vp), 1);
    assert_int_equal(vp, 33);
    assert_int_equal(ent__jscan_member(doc, n, 0, "zz", 0, &kp, &vp), 0);
    char out[16];
    const char *esc = "\"a\\u00e9\\n\\ud83d\\ude00\"";
    assert_int_equal(ent__jscan_decode_string(esc, strlen(esc), 0, out, sizeof out), 8);
    assert_memory_equal(out, "a\xc3\xa9\n\xf0\x9f\x98\x80", 8);
}

/* Scanning from an element of a top-level array, as the loader's second
 * thread does: the same elements (lines counted from 0 there) and members
 * as the whole scan finds from that point, and the end of the document. */
static void resumes_at_an_element_of_a_top_level_array(void **state)
{
    (void)state;
    const char *doc =
        "{\"a\": [ {\"x\": [1]},\n  2,\n  \"s\" ], \"b\": {\"c\": [3, 4]}, \"d\": [5]}";
    size_t n = strlen(doc);
    seen x;
    memset(&x, 0, sizeof x);
    jscan_hooks h = {&x, on_member, on_element, NULL};
    jscan s;
    ent__jscan_init(&s, doc, n);
    s.pos = 22; /* the element 2 */
    s.line = 0;
    s.resume = "{[";
    s.hooks = &h;
    assert_int_equal(ent__jscan_value(&s, 0), 0);
    assert_int_equal(s.pos, n);
    assert_int_equal(x.members, 2);  /* b, d */
    assert_int_equal(x.elements, 3); /* 2, "s" and 5 */
    assert_int_equal(x.starts[0], 22);
    assert_int_equal(x.starts[1], 27);
    assert_int_equal(x.lines[1], 1);
    assert_int_equal(x.starts[2], n - 3);
    /* A resumed scan still finds what is wrong after its start. */
    const char *bad = "{\"a\": [1, 2, 3,]}";
    ent__jscan_init(&s, bad, strlen(bad));
    s.pos = 10;
    s.resume = "{[";
    assert_int_equal(ent__jscan_value(&s, 0), -1);
    assert_string_equal(s.err_code, "json-syntax");
}

typedef struct splitter {
    seen x;
    int calls;
    size_t at;
    int take;
} splitter;

static void sp_member(void *ud, const jscan *s, size_t key_pos, size_t val_pos)
{
    on_member(&((splitter *)ud)->x, s, key_pos, val_pos);
}

static void sp_element(void *ud, size_t start, size_t end, unsigned line)
{
    on_element(&((splitter *)ud)->x, start, end, line);
}

static int sp_split(void *ud, jscan *s)
{
    splitter *p = ud;
    p->calls++;
    p->at = s->pos;
    if (p->take)
        s->pos = s->len; /* "the rest is accounted for" */
    return p->take;
}

/* The split hook is called once, exactly when an element starts at
 * split_pos; taking over ends the scan there, declining lets it go on. */
static void calls_the_split_hook_at_an_element_start(void **state)
{
    (void)state;
    const char *doc = "{\"a\": [\"}, {\", {\"k\": 1}, {\"k\": 2}]}";
    size_t n = strlen(doc);
    for (int take = 0; take < 2; take++) {
        splitter p;
        memset(&p, 0, sizeof p);
        p.take = take;
        jscan_hooks h = {&p, sp_member, sp_element, sp_split};
        jscan s;
        ent__jscan_init(&s, doc, n);
        s.hooks = &h;
        s.split_pos = 15; /* the '{' of {"k": 1} */
        assert_int_equal(ent__jscan_value(&s, 0), 0);
        assert_int_equal(p.calls, 1);
        assert_int_equal(p.at, 15);
        assert_int_equal(p.x.elements, take ? 1 : 3);
        assert_int_equal(s.split_pos, 0);
    }
    /* A guess inside a string is never an element start: no call. */
    splitter p;
    memset(&p, 0, sizeof p);
    p.take = 1;
    jscan_hooks h = {&p, sp_member, sp_element, sp_split};
    jscan s;
    ent__jscan_init(&s, doc, n);
    s.hooks = &h;
    s.split_pos = 11; /* the '{' inside "}, {" */
    assert_int_equal(ent__jscan_value(&s, 0), 0);
    assert_int_equal(p.calls, 0);
    assert_int_equal(p.x.elements, 3);
}

/* The loader's fast reading of numbers gives exactly strtod's double: plain
 * decimals up to 15 digits (its own path) and longer ones, exponents (strtod). */
static void fast_numbers_equal_strtod(void **state)
{
    (void)state;
    static const char *fixed[] = {"0",
                                  "-0",
                                  "0.5",
                                  "-8.8",
                                  "10",
                                  "0.1",
                                  "0.3",
                                  "9.95",
                                  "-10.0",
                                  "1e2",
                                  "1.5E-3",
                                  "123456789012345",
                                  "1234567890123456",
                                  "0.000000000000001",
                                  "0.1234567890123456789",
                                  "-9999999999.99999"};
    char text[64];
    for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++) {
        lfile f = {0};
        f.buf = fixed[i];
        f.len = strlen(fixed[i]);
        fval v = {'n', 0, 0, f.len};
        double want = strtod(fixed[i], NULL), got = ent__fast_number(&f, &v);
        assert_memory_equal(&want, &got, sizeof want);
    }
    /* Every decimal with one to six digits and up to six after the point,
     * from a fixed pseudo-random sequence. */
    uint64_t x = 88172645463325252u;
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        static const long tens[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
        int whole = (int)(x % 1000000), d = (int)((x >> 20) % 7);
        long frac = (long)((x >> 32) % (uint64_t)tens[d]);
        const char *sign = (x >> 60) & 1 ? "-" : "";
        if (d)
            snprintf(text, sizeof text, "%s%d.%0*ld", sign, whole, d, frac);
        else
            snprintf(text, sizeof text, "%s%d", sign, whole);
        lfile f = {0};
        f.buf = text;
        f.len = strlen(text);
        fval v = {'n', 0, 0, f.len};
        double want = strtod(text, NULL), got = ent__fast_number(&f, &v);
        assert_memory_equal(&want, &got, sizeof want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accepts_valid_json),
        cmocka_unit_test(rejects_invalid_json_at_the_right_byte),
        cmocka_unit_test(reports_where_an_unclosed_bracket_opened),
        cmocka_unit_test(limits_nesting_without_recursion),
        cmocka_unit_test(counts_lines_in_white_space),
        cmocka_unit_test(hooks_see_top_level_members_and_elements),
        cmocka_unit_test(finds_members_and_elements_again),
        cmocka_unit_test(resumes_at_an_element_of_a_top_level_array),
        cmocka_unit_test(calls_the_split_hook_at_an_element_start),
        cmocka_unit_test(fast_numbers_equal_strtod),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
