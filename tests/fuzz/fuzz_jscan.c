/*
 * fuzz_jscan.c: the loader's quick check of an array element
 * (ent__jscan_fast_value) against its full scanner, on arbitrary text. With
 * each instruction set the processor has, the quick check must give the
 * same answer, and whatever it accepts the full scanner must accept with the
 * same end and the same number of line breaks.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "load/jscan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t end[3] = {0};
    unsigned lines[3] = {0};
    int ok[3];
    for (int isa = 0; isa <= 2; isa++) {
        ent__jscan_fast_isa(isa);
        /* At most 8 levels, so that deep nesting is left over too. */
        ok[isa] = ent__jscan_fast_value(text, size, 0, 8, &end[isa], &lines[isa]);
    }
    ent__jscan_fast_isa(2);
    for (int isa = 1; isa <= 2; isa++)
        if (ok[isa] != ok[0] || end[isa] != end[0] || lines[isa] != lines[0])
            abort();
    if (!ok[0])
        return 0;
    /* The scanner, with the value as an element of a top-level array (two
     * levels open) and room for 8 more. */
    jscan s;
    ent__jscan_init(&s, text, size);
    if (ent__jscan_value(&s, ENT_JSON_MAX_DEPTH - 2 - 8) < 0 || s.pos != end[0] ||
        s.line - 1 != lines[0])
        abort();
    return 0;
}
