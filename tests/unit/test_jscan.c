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

/* ---------------------------------------------------------------------------
 * The quick check (jscan_fast.c), with each instruction set the processor has
 * ------------------------------------------------------------------------- */

/* The full scanner on the value at 0 of text[0, len), nested as an element of
 * a top-level array: 1 with its end and line breaks, 0 when it refuses it. */
static int full_scan(const char *text, size_t len, size_t *end, unsigned *lines)
{
    jscan s;
    ent__jscan_init(&s, text, len);
    if (ent__jscan_value(&s, 2) < 0)
        return 0;
    *end = s.pos;
    *lines = s.line - 1;
    return 1;
}

typedef struct quick_case {
    const char *text; /* the value, then what follows it in the array */
    size_t end;       /* where the value ends */
    unsigned lines;   /* line breaks inside it */
} quick_case;

static void quick_check_reads_plain_values(void **state)
{
    (void)state;
    /* 70 bytes of text: a string that crosses from one 64-byte block to the next. */
    static const char long_str[] = "{\"note\": \"Talks in Agdam ended without a joint "
                                   "communique, said the MFA.\"}";
    /* A backslash at byte 63 escapes the first byte of the next block. */
    static const char edge_escape[] = "{\"n\": \"0123456789012345678901234567890123456789"
                                      "0123456789012345\\\"x\"}";
    const quick_case cases[] = {
        {"{}", 2, 0},
        {"[]", 2, 0},
        {"{\"a\": 1}, {\"b\": 2}", 8, 0},
        {"[1, -0.5e+3, true, false, null, \"x\", [], {}]", 44, 0},
        {"{\"id\": \"r1\", \"source\": \"a\",\n     \"evidence\": [{\"source\": \"s1\",\n"
         "                   \"note\": \"Sh\xc3\xbcsha \\\"quoted\\\" \\\\ \xe2\x82\xac "
         "\xf0\x9f\x98\x80\"}]},\n    {\"id\": \"r2\"}",
         125, 2},
        {long_str, sizeof long_str - 1, 0},
        {edge_escape, sizeof edge_escape - 1, 0},
        {"{\"a\":\n\n\n\n[1,\n2]\n}", 17, 6},
    };
    for (int isa = 0; isa <= 2; isa++) {
        ent__jscan_fast_isa(isa);
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            size_t end = 0;
            unsigned lines = 0;
            const char *t = cases[i].text;
            int ok = ent__jscan_fast_value(t, strlen(t), 0, 10, &end, &lines);
            if (!ok || end != cases[i].end || lines != cases[i].lines)
                fail_msg("isa %d, case %zu: ok %d, end %zu (want %zu), lines %u (want %u)", isa, i,
                         ok, end, cases[i].end, lines, cases[i].lines);
        }
    }
    ent__jscan_fast_isa(2);
}

static void quick_check_leaves_the_rest_to_the_scanner(void **state)
{
    (void)state;
    const char *cases[] = {
        "{\"a\": 1,}",               /* trailing comma */
        "[1, 2,]",                   /* trailing comma */
        "{\"a\" 1}",                 /* no colon */
        "{\"a\": 1 \"b\": 2}",       /* no comma */
        "[01]",                      /* leading zero */
        "[1.]",                      /* no digit after the point */
        "[-]",                       /* no digit */
        "[1e]",                      /* no exponent */
        "[truex]",                   /* not a literal */
        "[nul]",                     /* truncated literal */
        "{\"a\": \"x\ty\"}",         /* a tab inside a string */
        "{\"a\": \"x\ny\"}",         /* a line break inside a string */
        "{\"a\": \"\xc0\x80\"}",     /* overlong UTF-8 */
        "{\"a\": \"\xed\xa0\x80\"}", /* a surrogate in UTF-8 */
        "{\"a\": \"\x80\"}",         /* a lone continuation byte */
        "{\"a\": \"\xc3\"}",         /* a cut sequence */
        "{\"a\": \xc3\xa9}",         /* text outside a string */
        "{\"a\": \"\\x\"}",          /* an unknown escape */
        "{\"a\": \"\\u00e9\"}",      /* valid, but \u is the scanner's */
        "{\"a\": \"open",            /* unclosed string */
        "{\"a\": [1, 2",             /* unclosed array */
        "{'a': 1}",                  /* single quotes */
        "{\"a\": 1} ",               /* fine... */
        "[[[[[[[[[[[[1]]]]]]]]]]]]", /* deeper than allowed below */
    };
    for (int isa = 0; isa <= 2; isa++) {
        ent__jscan_fast_isa(isa);
        for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
            size_t end;
            unsigned lines;
            int ok = ent__jscan_fast_value(cases[i], strlen(cases[i]), 0, 10, &end, &lines);
            int want = i == 22; /* the one valid case */
            if (ok != want)
                fail_msg("isa %d, case %zu (%s): quick check says %d", isa, i, cases[i], ok);
        }
    }
    ent__jscan_fast_isa(2);
}

/* Random edits of plain elements: whatever the quick check accepts, the full
 * scanner accepts with the same end and line count, and every instruction
 * set answers the same. */
static void quick_check_agrees_with_the_scanner(void **state)
{
    (void)state;
    static const char *seeds[] = {
        "{\"id\": \"r0000001\", \"source\": \"a033200\", \"target\": \"a097966\", \"type\": "
        "\"attacks\",\n     \"at\": \"1990-03-18\", \"intensity\": -8.7,\n     \"evidence\": "
        "[{\"source\": \"s03\", \"locator\": \"para. 37\",\n                   \"note\": "
        "\"Satellite images show new positions west of \xc5\x9eu\xc5\x9f"
        "a.\"}]},\n    {}",
        "{\"a\": [1, 2.5, {\"b\": null, \"c\": [true, false]}], \"d\": \"x\\\"y\\\\z\\/\"}",
        "[\"\xe2\x82\xac\", \"\xf0\x9f\x98\x80\", 0, -0, 1e5, {\"k\": {}}, []]",
    };
    static const char alphabet[] = "{}[]\":,\\ \n\t\r0123456789-+.eEtrufalsn/bu\x01\x7f\x80\xbf"
                                   "\xc3\xa9\xe2\xed\xf0\xf5";
    char buf[512];
    uint64_t x = 0x9e3779b97f4a7c15u;
    size_t accepted = 0, tried = 0;
    for (int round = 0; round < 30000; round++) {
        const char *seed = seeds[round % 3];
        size_t n = strlen(seed);
        memcpy(buf, seed, n);
        int edits = 1 + round % 3;
        for (int e = 0; e < edits; e++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t at = (size_t)(x % n);
            char c = alphabet[(x >> 32) % (sizeof alphabet - 1)];
            switch ((x >> 56) % 3) {
            case 0: /* replace */
                buf[at] = c;
                break;
            case 1: /* insert */
                if (n + 1 < sizeof buf) {
                    memmove(buf + at + 1, buf + at, n - at);
                    buf[at] = c;
                    n++;
                }
                break;
            default: /* delete */
                if (n > 1 && at > 0) {
                    memmove(buf + at, buf + at + 1, n - at - 1);
                    n--;
                }
            }
        }
        tried++;
        size_t end[3] = {0}, full_end = 0;
        unsigned lines[3] = {0}, full_lines = 0;
        int ok[3];
        for (int isa = 0; isa <= 2; isa++) {
            ent__jscan_fast_isa(isa);
            ok[isa] =
                ent__jscan_fast_value(buf, n, 0, ENT_JSON_MAX_DEPTH - 2, &end[isa], &lines[isa]);
        }
        if (ok[0] != ok[1] || ok[0] != ok[2] || end[0] != end[1] || end[0] != end[2] ||
            lines[0] != lines[1] || lines[0] != lines[2])
            fail_msg("round %d: the instruction sets disagree on \"%.*s\"", round, (int)n, buf);
        if (!ok[0])
            continue;
        accepted++;
        if (!full_scan(buf, n, &full_end, &full_lines) || full_end != end[0] ||
            full_lines != lines[0])
            fail_msg("round %d: the quick check accepts \"%.*s\" (end %zu, %u lines), the "
                     "scanner does not agree",
                     round, (int)n, buf, end[0], lines[0]);
    }
    ent__jscan_fast_isa(2);
    /* Many edits land in string text or white space: those stay valid. */
    assert_true(accepted > tried / 10);
    assert_true(accepted < tried);
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
        cmocka_unit_test(quick_check_reads_plain_values),
        cmocka_unit_test(quick_check_leaves_the_rest_to_the_scanner),
        cmocka_unit_test(quick_check_agrees_with_the_scanner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
