/*
 * util/error.h: setting the last-error message (internal).
 */
#ifndef ENT_UTIL_ERROR_H
#define ENT_UTIL_ERROR_H

/* Records the message for ent_error_last and returns `code`. */
int ent_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
