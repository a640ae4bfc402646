/*
 * escape.h: text from a graph file made safe for each format entente
 * writes: HTML and XML (elements and quoted attributes), Markdown, the two
 * kinds of Graphviz string (HTML-like labels and plain attributes) and CSV.
 * One module so that every writer escapes the same way; JSON strings are
 * quoted by util/jsonout.h. Internal to the library.
 */
#ifndef ENT_UTIL_ESCAPE_H
#define ENT_UTIL_ESCAPE_H

#include <stdio.h>

#include "util/strbuf.h"

/* Length of the UTF-8 sequence starting with byte c (1 for a stray byte). */
size_t ent__utf8_len(unsigned char c);

/* Text for HTML, in an element or a quoted attribute: & < > " ' as entities. */
void ent__escape_html(ent_strbuf *sb, const char *s);

/* Text for XML 1.0, in an element or a quoted attribute: as for HTML, and
 * the control characters XML cannot carry (all below 0x20 but tab, line
 * feed and carriage return) as spaces. */
void ent__escape_xml(ent_strbuf *sb, const char *s);

/* Text for Markdown, shown as itself wherever it lands (a paragraph, a
 * heading, a table cell): HTML's specials as entities, Markdown's as
 * backslash escapes, line breaks as spaces, and, when line_start is set,
 * what would open a block at the start (#, -, +, =, "1.") escaped. */
void ent__escape_md(ent_strbuf *sb, const char *s, int line_start);

/* Text for a Graphviz HTML-like label: & < > " as entities, a backslash
 * doubled (Graphviz expands \N, \G ... there too), control characters as
 * spaces. Wrapped at spaces into lines of at most `width` characters where
 * the words allow (0: one line; a word longer than a line is cut), at most
 * `lines` lines, the rest cut with an ellipsis. */
void ent__escape_dot_label(ent_strbuf *sb, const char *s, size_t width, size_t lines);

/* Text for a plain Graphviz attribute (tooltip, edge label): Graphviz reads
 * backslash escapes (\N, \n ...) and entities in them, so a backslash is
 * doubled and & written &amp;; control characters become spaces. At most
 * `max` bytes of the text are kept (0: all), cut at a character boundary
 * and followed by an ellipsis. */
void ent__escape_dot_plain(ent_strbuf *sb, const char *s, size_t max);

/* One CSV field (RFC 4180) written to out: as it is, or in double quotes
 * with quotes doubled when it holds a comma, a quote or a line break. CSV
 * goes straight to the table writer's stream, hence a FILE. */
void ent__escape_csv(FILE *out, const char *s);

#endif
