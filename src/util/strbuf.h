/*
 * strbuf.h: a growable NUL-terminated string for building messages and output.
 * On allocation failure the buffer keeps what it had and sets `failed`; callers
 * check once at the end instead of after every append.
 */
#ifndef ENT_UTIL_STRBUF_H
#define ENT_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct ent_strbuf {
    char *buf; /* always NUL-terminated once anything was added; may be NULL */
    size_t len;
    size_t cap;
    int failed; /* an allocation failed; the content is truncated */
} ent_strbuf;

#define ENT_STRBUF_INIT \
    {                   \
        NULL, 0, 0, 0   \
    }

void ent_strbuf_release(ent_strbuf *sb);
void ent_strbuf_reset(ent_strbuf *sb);
void ent_strbuf_add(ent_strbuf *sb, const char *s, size_t len);
void ent_strbuf_adds(ent_strbuf *sb, const char *s);
void ent_strbuf_addc(ent_strbuf *sb, char c);
void ent_strbuf_addf(ent_strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ent_strbuf_vaddf(ent_strbuf *sb, const char *fmt, va_list ap);
/* The content, "" when empty. */
const char *ent_strbuf_str(const ent_strbuf *sb);

#endif
