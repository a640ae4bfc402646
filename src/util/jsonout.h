/*
 * jsonout.h: writing JSON string literals, shared by the result tables and
 * the command line.
 */
#ifndef ENT_UTIL_JSONOUT_H
#define ENT_UTIL_JSONOUT_H

#include <stdio.h>

/* Writes s as a JSON string literal, escaping quotes, backslashes and control characters. */
void ent_json_quote(FILE *out, const char *s);

#endif
