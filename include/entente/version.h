/*
 * entente/version.h: the library's version, at compile time and at run time.
 *
 * The version follows semantic versioning: MAJOR changes when the API or
 * the ABI breaks (the shared library's soname is libentente.so.MAJOR; while
 * MAJOR is 0, every MINOR may break, and the soname is libentente.so.0.MINOR),
 * MINOR when functions are added, PATCH for fixes. The build reads the
 * numbers from this file (CMakeLists.txt), so there is one place to change.
 */
#ifndef ENTENTE_VERSION_H
#define ENTENTE_VERSION_H

#include "api.h"

#ifdef __cplusplus
extern "C" {
#endif

#define ENT_VERSION_MAJOR 0
#define ENT_VERSION_MINOR 1
#define ENT_VERSION_PATCH 0

/** The library's version as a number, for comparisons: 0x00MMmmpp. */
#define ENT_VERSION_NUMBER \
    ((ENT_VERSION_MAJOR << 16) | (ENT_VERSION_MINOR << 8) | ENT_VERSION_PATCH)

/**
 * The version of the library linked at run time, "MAJOR.MINOR.PATCH" (it
 * may differ from the ENT_VERSION_* this program was compiled with).
 */
ENT_EXPORT const char *ent_version(void);

#ifdef __cplusplus
}
#endif
#endif
