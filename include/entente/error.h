/*
 * entente/error.h: operational error codes and the last-error message.
 *
 * Bad input data is never reported through these codes alone: it goes to a
 * caller-owned diagnostics list (see diag.h). The codes say why a call as a
 * whole could not produce its result.
 */
#ifndef ENTENTE_ERROR_H
#define ENTENTE_ERROR_H

#include "api.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes of every fallible public function: 0 or a negative ENT_E*. */
typedef enum ent_error_code {
    ENT_OK = 0,         /**< success */
    ENT_EINVALID = -1,  /**< the input data has errors; see the diagnostics list */
    ENT_EIO = -2,       /**< a file could not be read or written */
    ENT_ENOMEM = -3,    /**< out of memory */
    ENT_EUSAGE = -4,    /**< the caller passed an invalid argument */
    ENT_EINTERNAL = -5, /**< a bug or a failure inside a third-party library */
    ENT_ECANCELED = -6  /**< the caller asked the call to stop (e.g. on a signal) */
} ent_error_code;

/**
 * The message of the last operational error raised on this thread, or "" when
 * there is none. The string stays valid until the next failing call on the
 * same thread. This function can't fail.
 */
ENT_EXPORT const char *ent_error_last(void);

/** A short fixed description of an ENT_E* code ("out of memory"). */
ENT_EXPORT const char *ent_error_str(int code);

#ifdef __cplusplus
}
#endif
#endif
