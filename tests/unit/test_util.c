/*
 * test_util.c: the small data structures: edit distance for suggestions,
 * the string map, the arena.
 */
#include "test_common.h"

#include "util/arena.h"
#include "util/fuzzy.h"
#include "util/strmap.h"

static void distances_by_hand(void **state)
{
    (void)state;
    assert_int_equal(ent_fuzzy_distance("armenia", "armenia", 5), 0);
    assert_int_equal(ent_fuzzy_distance("armnia", "armenia", 5), 1);  /* one insertion */
    assert_int_equal(ent_fuzzy_distance("Armenia", "armenia", 5), 0); /* ASCII case */
    assert_int_equal(ent_fuzzy_distance("amrenia", "armenia", 5), 1); /* a transposition */
    assert_int_equal(ent_fuzzy_distance("kitten", "sitting", 5), 3);  /* the classic */
    assert_int_equal(ent_fuzzy_distance("russia", "georgia", 2), 3);  /* cut off: limit+1 */
    assert_int_equal(ent_fuzzy_distance("", "abc", 5), 3);
}

static void suggests_the_closest(void **state)
{
    (void)state;
    ent_fuzzy f;
    ent_fuzzy_init(&f, "atack");
    ent_fuzzy_offer(&f, "attacks");
    ent_fuzzy_offer(&f, "attack");
    ent_fuzzy_offer(&f, "aid");
    assert_string_equal(f.best, "attack");
    ent_fuzzy_init(&f, "zzzz");
    ent_fuzzy_offer(&f, "armenia");
    assert_null(f.best);
}

static void map_stores_and_finds(void **state)
{
    (void)state;
    ent_arena a;
    ent_arena_init(&a);
    ent_strmap m;
    ent_strmap_init(&m);
    char key[32];
    for (uint32_t i = 0; i < 10000; i++) {
        snprintf(key, sizeof key, "actor-%u", i);
        assert_int_equal(ent_strmap_put(&m, ent_arena_strdup(&a, key), i, NULL), 1);
    }
    uint32_t v, prev;
    for (uint32_t i = 0; i < 10000; i += 7) {
        snprintf(key, sizeof key, "actor-%u", i);
        assert_int_equal(ent_strmap_get(&m, key, &v), 1);
        assert_int_equal(v, i);
    }
    assert_int_equal(ent_strmap_put(&m, "actor-5", 99, &prev), 0);
    assert_int_equal(prev, 5);
    assert_int_equal(ent_strmap_get(&m, "actor-10000", &v), 0);
    *ent_strmap_ref(&m, "actor-5") = 42;
    assert_int_equal(ent_strmap_get(&m, "actor-5", &v), 1);
    assert_int_equal(v, 42);
    ent_strmap_release(&m);
    ent_arena_release(&a);
}

static void arena_keeps_big_and_small(void **state)
{
    (void)state;
    ent_arena a;
    ent_arena_init(&a);
    char *s = ent_arena_strdup(&a, "Stepanakert");
    void *big = ent_arena_alloc(&a, 5u << 20);
    assert_non_null(big);
    memset(big, 0xab, 5u << 20);
    char *t = ent_arena_strndup(&a, "Khankendi!", 9);
    assert_string_equal(s, "Stepanakert");
    assert_string_equal(t, "Khankendi");
    assert_int_equal(((uintptr_t)ent_arena_alloc(&a, 3)) % 16, 0);
    ent_arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(distances_by_hand),
        cmocka_unit_test(suggests_the_closest),
        cmocka_unit_test(map_stores_and_finds),
        cmocka_unit_test(arena_keeps_big_and_small),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
