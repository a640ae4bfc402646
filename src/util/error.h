/*
 * util/error.h: setting the last-error message (internal).
 */
#ifndef ENT_UTIL_ERROR_H
#define ENT_UTIL_ERROR_H

/* Records the message for ent_error_last and returns `code`. */
int ent_error_set(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Checks the version field of an options struct of type `type` (e.g.
 * "ent_load_options") against the one this library knows: 0, or ENT_EUSAGE
 * with a message that names the struct's INIT macro.
 */
int ent__options_version(unsigned version, unsigned known, const char *type);

#endif
