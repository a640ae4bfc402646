/*
 * test_escape.c: the escaping of text from graph files for each output
 * format, against outputs written out by hand from each format's rules.
 */
#include "test_common.h"

#include "util/escape.h"

typedef void (*escaper)(ent_strbuf *sb, const char *s);

static void check(escaper fn, const char *in, const char *want)
{
    ent_strbuf sb = ENT_STRBUF_INIT;
    fn(&sb, in);
    assert_false(sb.failed);
    assert_string_equal(ent_strbuf_str(&sb), want);
    ent_strbuf_release(&sb);
}

static void md_block(ent_strbuf *sb, const char *s)
{
    ent__escape_md(sb, s, 1);
}

static void md_inline(ent_strbuf *sb, const char *s)
{
    ent__escape_md(sb, s, 0);
}

static void html_and_xml(void **state)
{
    (void)state;
    check(ent__escape_html, "a<b>&\"c\"'d'", "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
    check(ent__escape_html, "Ünïcödé stays", "Ünïcödé stays");
    /* XML 1.0 cannot carry most control characters: they become spaces;
     * tab, line feed and carriage return are kept. */
    check(ent__escape_xml, "x\x01y\tz\n<", "x y\tz\n&lt;");
}

static void markdown(void **state)
{
    (void)state;
    check(md_block, "# not a heading", "\\# not a heading");
    check(md_block, "  - not a list", "  \\- not a list");
    check(md_block, "12. not a list", "12\\. not a list");
    check(md_block, "1999 was a year", "1999 was a year");
    check(md_block, "*a* _b_ [c](d) |e| `f` ~g~ !h \\i",
          "\\*a\\* \\_b\\_ \\[c\\](d) \\|e\\| \\`f\\` \\~g\\~ \\!h \\\\i");
    check(md_block, "<script>&", "&lt;script&gt;&amp;");
    check(md_block, "two\nlines\tand\rmore", "two lines and more");
    /* Inside a line, a leading # or 1. opens nothing. */
    check(md_inline, "# 1.", "# 1.");
}

static void dot_label(ent_strbuf *sb, const char *s)
{
    ent__escape_dot_label(sb, s, 0, 0);
}

static void dot_wrapped(ent_strbuf *sb, const char *s)
{
    ent__escape_dot_label(sb, s, 10, 2);
}

static void dot_plain(ent_strbuf *sb, const char *s)
{
    ent__escape_dot_plain(sb, s, 0);
}

static void dot_cut(ent_strbuf *sb, const char *s)
{
    ent__escape_dot_plain(sb, s, 5);
}

static void graphviz(void **state)
{
    (void)state;
    /* HTML-like labels: entities, a backslash doubled (Graphviz expands \N
     * there), control characters as spaces. */
    check(dot_label, "A&B <x> \"q\" \\N\x07", "A&amp;B &lt;x&gt; &quot;q&quot; \\\\N ");
    /* Wrapped at spaces into lines of at most 10 characters ("Republic of"
     * is 11, "of Artsakh" 10), 2 lines at most, the rest cut with an
     * ellipsis. */
    check(dot_wrapped, "Republic of Artsakh forces", "Republic<br/>of Artsakh\xE2\x80\xA6");
    /* Plain attributes: a backslash doubled, & as &amp;, < kept. */
    check(dot_plain, "a\\nb & <c>\n", "a\\\\nb &amp; <c> ");
    /* Cut at 5 bytes, never inside a character: "ab" + "é" is 4 bytes, the
     * next "é" would end at byte 6. */
    check(dot_cut, "ab\xC3\xA9\xC3\xA9z", "ab\xC3\xA9\xE2\x80\xA6");
}

static void csv(void **state)
{
    (void)state;
    const char *in[] = {"plain", "a,b", "say \"hi\"", "two\nlines", ""};
    const char *want = "plain|\"a,b\"|\"say \"\"hi\"\"\"|\"two\nlines\"||";
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    assert_non_null(f);
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        ent__escape_csv(f, in[i]);
        fputc('|', f);
    }
    assert_int_equal(fclose(f), 0);
    assert_string_equal(buf, want);
    free(buf);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(html_and_xml),
        cmocka_unit_test(markdown),
        cmocka_unit_test(graphviz),
        cmocka_unit_test(csv),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
