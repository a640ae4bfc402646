/*
 * version.c: the version of the library linked at run time.
 */
#include <stdio.h>

#include "entente/version.h"

#define STR_(x) #x
#define STR(x)  STR_(x)

const char *ent_version(void)
{
    return STR(ENT_VERSION_MAJOR) "." STR(ENT_VERSION_MINOR) "." STR(ENT_VERSION_PATCH);
}
