/*
 * escape.c: text from a graph file made safe for HTML, XML, Markdown,
 * Graphviz and CSV (see escape.h for each format's rules).
 */
#include <string.h>

#include "util/escape.h"

size_t ent__utf8_len(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

/* Appends one character of s at i (k bytes) to an HTML-like label: & < > "
 * as entities, a backslash doubled, control characters as spaces. */
static void label_char(ent_strbuf *sb, const char *s, size_t k)
{
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&':
        ent_strbuf_adds(sb, "&amp;");
        break;
    case '<':
        ent_strbuf_adds(sb, "&lt;");
        break;
    case '>':
        ent_strbuf_adds(sb, "&gt;");
        break;
    case '"':
        ent_strbuf_adds(sb, "&quot;");
        break;
    case '\\': /* Graphviz expands \N, \G ... in HTML-like labels too */
        ent_strbuf_adds(sb, "\\\\");
        break;
    default:
        if (c < 0x20 || c == 0x7F)
            ent_strbuf_addc(sb, ' ');
        else
            ent_strbuf_add(sb, s, k);
    }
}

void ent__escape_dot_label(ent_strbuf *sb, const char *s, size_t width, size_t lines)
{
    size_t col = 0, line = 1, n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t k = ent__utf8_len((unsigned char)s[i]);
        if (i + k > n)
            k = n - i;
        int brk = 0;
        if (width && s[i] == ' ' && col > 0) {
            /* Break here when the next word would not fit on this line. */
            size_t j = i + 1, w = 0;
            while (j < n && s[j] != ' ') {
                j += ent__utf8_len((unsigned char)s[j]);
                w++;
            }
            brk = col + 1 + w > width;
        } else if (width && col >= width + 4)
            brk = 2; /* a word too long for any line */
        if (brk) {
            if (line == lines) {
                ent_strbuf_adds(sb, "\xE2\x80\xA6");
                return;
            }
            ent_strbuf_adds(sb, "<br/>");
            line++;
            col = 0;
            if (brk == 1) {
                i++; /* the space */
                continue;
            }
        }
        label_char(sb, s + i, k);
        i += k;
        col++;
    }
}

void ent__escape_dot_plain(ent_strbuf *sb, const char *s, size_t max)
{
    size_t n = strlen(s);
    if (max && n > max) {
        while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
            max--;
        n = max;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\')
            ent_strbuf_adds(sb, "\\\\");
        else if (c == '&')
            ent_strbuf_adds(sb, "&amp;");
        else if (c < 0x20 || c == 0x7F)
            ent_strbuf_addc(sb, ' ');
        else
            ent_strbuf_addc(sb, (char)c);
    }
    if (n < strlen(s))
        ent_strbuf_adds(sb, "\xE2\x80\xA6");
}

/* & < > as HTML entities: 1 when c was one of them (and written), else 0. */
static int entity(ent_strbuf *sb, char c)
{
    const char *e = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : NULL;
    if (e)
        ent_strbuf_adds(sb, e);
    return e != NULL;
}

void ent__escape_html(ent_strbuf *sb, const char *s)
{
    for (; *s; s++) {
        if (entity(sb, *s))
            continue;
        switch (*s) {
        case '"':
            ent_strbuf_adds(sb, "&quot;");
            break;
        case '\'':
            ent_strbuf_adds(sb, "&#39;");
            break;
        default:
            ent_strbuf_addc(sb, *s);
        }
    }
}

void ent__escape_md(ent_strbuf *sb, const char *s, int line_start)
{
    const char *p = s;
    if (!line_start)
        goto inline_text;
    while (*p == ' ')
        p++;
    if (*p == '#' || *p == '-' || *p == '+' || *p == '=') {
        ent_strbuf_add(sb, s, (size_t)(p - s));
        ent_strbuf_addc(sb, '\\');
        s = p;
    } else if (*p >= '0' && *p <= '9') {
        const char *q = p;
        while (*q >= '0' && *q <= '9')
            q++;
        if (*q == '.' || *q == ')') {
            ent_strbuf_add(sb, s, (size_t)(q - s));
            ent_strbuf_addc(sb, '\\');
            s = q;
        }
    }
inline_text:
    for (; *s; s++) {
        if (entity(sb, *s))
            continue;
        switch (*s) {
        case '\n':
        case '\r':
        case '\t':
            ent_strbuf_addc(sb, ' ');
            break;
        case '\\':
        case '`':
        case '*':
        case '_':
        case '[':
        case ']':
        case '|':
        case '~':
        case '!':
            ent_strbuf_addc(sb, '\\');
            ent_strbuf_addc(sb, *s);
            break;
        default:
            ent_strbuf_addc(sb, *s);
        }
    }
}

void ent__escape_xml(ent_strbuf *sb, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            ent_strbuf_addc(sb, ' ');
            continue;
        }
        char one[2] = {*s, 0};
        ent__escape_html(sb, one);
    }
}

void ent__escape_csv(FILE *out, const char *s)
{
    if (!s[strcspn(s, ",\"\r\n")]) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}
