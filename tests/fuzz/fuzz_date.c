/*
 * fuzz_date.c: the date parser on arbitrary text. A date it accepts must
 * format back to text that parses to the same date (the round trip).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entente/entente.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ent_date d;
    if (ent_date_parse(&d, (const char *)data, size) != ENT_DATE_OK)
        return 0;
    char buf[32];
    const char *s = ent_date_format(d, buf);
    ent_date e;
    if (ent_date_parse(&e, s, strlen(s)) != ENT_DATE_OK || memcmp(&d, &e, sizeof d) != 0)
        abort();
    return 0;
}
