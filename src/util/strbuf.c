/*
 * strbuf.c: growable strings (doubling growth).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strbuf.h"

void ent_strbuf_release(ent_strbuf *sb)
{
    free(sb->buf);
    sb->buf = NULL;
    sb->len = sb->cap = 0;
    sb->failed = 0;
}

void ent_strbuf_reset(ent_strbuf *sb)
{
    sb->len = 0;
    if (sb->buf)
        sb->buf[0] = '\0';
}

static int reserve(ent_strbuf *sb, size_t extra)
{
    if (sb->failed)
        return -1;
    if (sb->len + extra + 1 <= sb->cap)
        return 0;
    size_t cap = sb->cap ? sb->cap : 64;
    while (cap < sb->len + extra + 1)
        cap *= 2;
    char *p = realloc(sb->buf, cap);
    if (!p) {
        sb->failed = 1;
        return -1;
    }
    sb->buf = p;
    sb->cap = cap;
    return 0;
}

void ent_strbuf_add(ent_strbuf *sb, const char *s, size_t len)
{
    if (reserve(sb, len) < 0)
        return;
    memcpy(sb->buf + sb->len, s, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void ent_strbuf_adds(ent_strbuf *sb, const char *s)
{
    ent_strbuf_add(sb, s, strlen(s));
}

void ent_strbuf_addc(ent_strbuf *sb, char c)
{
    ent_strbuf_add(sb, &c, 1);
}

void ent_strbuf_vaddf(ent_strbuf *sb, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || reserve(sb, (size_t)n) < 0)
        return;
    vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
    sb->len += (size_t)n;
}

void ent_strbuf_addf(ent_strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ent_strbuf_vaddf(sb, fmt, ap);
    va_end(ap);
}

const char *ent_strbuf_str(const ent_strbuf *sb)
{
    return sb->buf ? sb->buf : "";
}
