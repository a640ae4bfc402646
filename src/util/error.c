/*
 * error.c: the per-thread last-error message behind ent_error_last.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>

#include "entente/error.h"
#include "util/error.h"

static _Thread_local char last_error[512];

const char *ent_error_last(void)
{
    return last_error;
}

int ent_error_set(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_error, sizeof last_error, fmt, ap);
    va_end(ap);
    return code;
}

const char *ent_error_str(int code)
{
    switch (code) {
    case ENT_OK:
        return "success";
    case ENT_EINVALID:
        return "the input data has errors";
    case ENT_EIO:
        return "input/output error";
    case ENT_ENOMEM:
        return "out of memory";
    case ENT_EUSAGE:
        return "invalid argument";
    case ENT_EINTERNAL:
        return "internal error";
    case ENT_ECANCELED:
        return "cancelled";
    }
    return "unknown error";
}

int ent__options_version(unsigned version, unsigned known, const char *type)
{
    if (version == known)
        return 0;
    char macro[64];
    size_t n = 0;
    for (const char *c = type; *c && n + 1 < sizeof macro; c++)
        macro[n++] = (char)toupper((unsigned char)*c);
    macro[n] = '\0';
    return ent_error_set(ENT_EUSAGE,
                         "%s: version %u is not one this library knows (it knows %u): "
                         "initialise the options with %s_INIT or %s_init",
                         type, version, known, macro, type);
}
