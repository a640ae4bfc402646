/*
 * entente/api.h: ENT_EXPORT, which marks every function of the public API.
 *
 * The shared library is built with hidden visibility (-fvisibility=hidden):
 * only what a public header marks ENT_EXPORT is exported, so the library's
 * internal functions (ent__*, and the helpers of src/util) stay private to
 * it. Every public header includes this one.
 */
#ifndef ENTENTE_API_H
#define ENTENTE_API_H

#if defined(__GNUC__) || defined(__clang__)
#define ENT_EXPORT __attribute__((visibility("default")))
#else
#define ENT_EXPORT
#endif

#endif
