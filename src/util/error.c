/*
 * error.c: the per-thread last-error message behind ent_error_last.
 */
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
