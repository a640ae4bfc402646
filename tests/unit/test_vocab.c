/*
 * test_vocab.c: the built-in relation vocabulary: its invariants, that the
 * table in docs/vocabulary.md says the same, and that every intensity taken
 * from CAMEO equals the official Goldstein value (read from the CAMEO table in
 * ../shared/external when it is there; skipped otherwise).
 */
#include "test_common.h"

static void table_is_consistent(void **state)
{
    (void)state;
    size_t n = ent_vocab_builtin_count();
    assert_true(n >= 50);
    for (size_t i = 0; i < n; i++) {
        const ent_reltype *t = ent_vocab_builtin(i);
        assert_true(t->intensity >= -10.0 && t->intensity <= 10.0);
        if (t->sign > 0)
            assert_true(t->intensity > 0);
        else if (t->sign < 0)
            assert_true(t->intensity < 0);
        else
            assert_true(t->intensity == 0.0);
        assert_true(t->label[0] && t->family[0] && t->description[0]);
        assert_true((unsigned)t->role < ENT_ROLE_COUNT_);
        assert_true((unsigned)t->mode < ENT_MODE_COUNT_);
        /* The mode of a type with a CAMEO code is that code's quad class. */
        if (t->cameo[0])
            assert_int_equal(t->mode, ent_mode_of_cameo(t->cameo));
        /* Cooperative roles are never hostile, hostile roles never cooperative. */
        if (t->role == ENT_ROLE_REFUSES || t->role == ENT_ROLE_DISAPPROVES ||
            t->role == ENT_ROLE_COERCES || t->role == ENT_ROLE_FIGHTS)
            assert_true(t->sign <= 0);
        else if (t->role != ENT_ROLE_STRUCTURE)
            assert_true(t->sign >= 0);
        for (size_t k = 0; k < i; k++)
            assert_string_not_equal(t->id, ent_vocab_builtin(k)->id);
        assert_ptr_equal(ent_vocab_builtin_find(t->id), t);
    }
    assert_null(ent_vocab_builtin(n));
    assert_null(ent_vocab_builtin_find("nonsense"));
}

static void covers_the_required_types(void **state)
{
    (void)state;
    /* The list, by the id chosen for each. */
    const char *need[] = {"member_of",
                          "leader_of",
                          "allied_with",
                          "security_guarantee",
                          "peacekeeping_mandate",
                          "deployed_in",
                          "recognizes",
                          "support_military",
                          "support_diplomatic",
                          "support_economic",
                          "support_humanitarian",
                          "support_political",
                          "aid",
                          "mediation",
                          "brokers_ceasefire",
                          "praise",
                          "endorses",
                          "negotiation",
                          "meeting",
                          "statement",
                          "criticizes",
                          "condemns",
                          "blames",
                          "protests",
                          "rejects_request",
                          "threatens",
                          "sanctions",
                          "blockades",
                          "attacks",
                          "occupies",
                          "surrenders_to",
                          "evacuates",
                          "reports",
                          "stance_for",
                          "stance_against"};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        if (!ent_vocab_builtin_find(need[i]))
            fail_msg("missing relation type %s", need[i]);
    /* Obligations: exactly the defence and protection commitments. */
    assert_true(ent_vocab_builtin_find("member_of")->obligation);
    assert_true(ent_vocab_builtin_find("security_guarantee")->obligation);
    assert_true(ent_vocab_builtin_find("peacekeeping_mandate")->obligation);
    assert_false(ent_vocab_builtin_find("partner_of")->obligation);
    assert_true(ent_vocab_builtin_find("blockades")->durable);
    /* The roles the influence measures rest on (docs/vocabulary.md). */
    assert_int_equal(ent_vocab_builtin_find("call")->role, ENT_ROLE_ENGAGES);
    assert_int_equal(ent_vocab_builtin_find("praise")->role, ENT_ROLE_APPROVES);
    assert_int_equal(ent_vocab_builtin_find("requests_help")->role, ENT_ROLE_SEEKS);
    assert_int_equal(ent_vocab_builtin_find("surrenders_to")->role, ENT_ROLE_YIELDS);
    assert_int_equal(ent_vocab_builtin_find("rejects_request")->role, ENT_ROLE_REFUSES);
    assert_int_equal(ent_vocab_builtin_find("peacekeeping_mandate")->role, ENT_ROLE_PROVIDES);
    assert_int_equal(ent_vocab_builtin_find("mediation")->role, ENT_ROLE_BROKERS);
    assert_int_equal(ent_vocab_builtin_find("blockades")->role, ENT_ROLE_COERCES);
    assert_int_equal(ent_vocab_builtin_find("attacks")->role, ENT_ROLE_FIGHTS);
    assert_int_equal(ent_vocab_builtin_find("member_of")->role, ENT_ROLE_STRUCTURE);
    assert_true(ent_mode_is_material(ent_vocab_builtin_find("aid_military")->mode));
    /* Ties that hold both ways. */
    assert_true(ent_vocab_builtin_find("allied_with")->symmetric);
    assert_true(ent_vocab_builtin_find("at_war_with")->symmetric);
    assert_true(ent_vocab_builtin_find("ceasefire")->symmetric);
    assert_false(ent_vocab_builtin_find("support_military")->symmetric);
    assert_false(ent_vocab_builtin_find("attacks")->symmetric);
    assert_false(ent_mode_is_material(ent_vocab_builtin_find("support_diplomatic")->mode));
    assert_false(ent_vocab_builtin_find("attacks")->durable);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/* Splits a Markdown table row "| a | b |" into trimmed cells. */
static int split_row(char *line, char **cells, int max)
{
    int n = 0;
    char *p = strchr(line, '|');
    while (p && n < max) {
        char *q = strchr(p + 1, '|');
        if (!q)
            break;
        *q = '\0';
        char *s = p + 1;
        while (*s == ' ')
            s++;
        char *e = s + strlen(s);
        while (e > s && e[-1] == ' ')
            *--e = '\0';
        if (s[0] == '`' && e > s + 1 && e[-1] == '`') {
            e[-1] = '\0';
            s++;
        }
        cells[n++] = s;
        p = q;
    }
    return n;
}

static void docs_table_agrees(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/docs/vocabulary.md", source_dir());
    char *text = slurp(path);
    assert_non_null(text);
    size_t rows = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| `", 3) != 0)
            continue;
        char *c[13];
        int n = split_row(line, c, 13);
        assert_int_equal(n, 12);
        const ent_reltype *t = ent_vocab_builtin(rows);
        if (!t)
            fail_msg("docs/vocabulary.md has more rows than the code: %s", c[0]);
        if (strcmp(c[0], t->id) != 0)
            fail_msg("row %zu: docs say %s, code says %s", rows, c[0], t->id);
        assert_string_equal(c[1], t->label);
        assert_int_equal(atoi(c[2]), t->sign);
        assert_true(strtod(c[3], NULL) == t->intensity);
        assert_string_equal(c[4], t->durable ? "durable" : "event");
        assert_string_equal(c[5], t->obligation ? "yes" : "no");
        assert_string_equal(c[6], t->cameo[0] ? t->cameo : "-");
        assert_string_equal(c[7], ent_role_name(t->role));
        assert_string_equal(c[8], ent_mode_name(t->mode));
        assert_string_equal(c[9], t->symmetric ? "yes" : "no");
        assert_string_equal(c[10], t->family);
        assert_string_equal(c[11], t->description);
        rows++;
    }
    assert_int_equal(rows, ent_vocab_builtin_count());
    free(text);
}

static void cameo_values_are_official(void **state)
{
    (void)state;
    char path[4096];
    snprintf(path, sizeof path, "%s/../shared/external/gdelt/CAMEO.goldsteinscale.txt",
             source_dir());
    char *text = slurp(path);
    if (!text)
        skip(); /* the external data is not on this machine */
    size_t checked = 0;
    for (size_t i = 0; i < ent_vocab_builtin_count(); i++) {
        const ent_reltype *t = ent_vocab_builtin(i);
        if (!t->cameo[0])
            continue;
        /* Lines are "CODE\tVALUE"; codes keep their leading zeros. */
        char key[16];
        snprintf(key, sizeof key, "\n%s\t", t->cameo);
        const char *hit = strstr(text, key);
        if (!hit)
            fail_msg("%s: CAMEO code %s is not in the official table", t->id, t->cameo);
        double official = strtod(hit + strlen(key), NULL);
        if (official != t->intensity)
            fail_msg("%s: intensity %.1f but CAMEO %s is %.1f", t->id, t->intensity, t->cameo,
                     official);
        checked++;
    }
    assert_true(checked >= 40);
    free(text);
}

/* The quad class of every root code, as GDELT publishes it with its events
 * (read from the sample in ../shared/external when it is there). */
static void quad_classes_match_gdelt(void **state)
{
    (void)state;
    /* By hand from the classes' definition first. */
    assert_int_equal(ent_mode_of_cameo("051"), ENT_MODE_VERBAL_COOPERATION);
    assert_int_equal(ent_mode_of_cameo("0874"), ENT_MODE_MATERIAL_COOPERATION);
    assert_int_equal(ent_mode_of_cameo("122"), ENT_MODE_VERBAL_CONFLICT);
    assert_int_equal(ent_mode_of_cameo("191"), ENT_MODE_MATERIAL_CONFLICT);
    assert_int_equal(ent_mode_of_cameo(""), -1);
    assert_int_equal(ent_mode_of_cameo("21"), -1);
    assert_int_equal(ent_mode_of_cameo("00"), -1);
    char path[4096];
    snprintf(path, sizeof path, "%s/../shared/external/gdelt/gdelt2_events_sample_2017.csv",
             source_dir());
    char *text = slurp(path);
    if (!text)
        skip();
    /* Header: find the columns EventRootCode and QuadClass. */
    char *line = strtok(text, "\n");
    int root_col = -1, quad_col = -1, col = 0;
    for (char *p = line, *q; p; p = q ? q + 1 : NULL, col++) {
        q = strchr(p, ',');
        size_t len = q ? (size_t)(q - p) : strlen(p);
        if (len == 13 && strncmp(p, "EventRootCode", 13) == 0)
            root_col = col;
        if (len == 9 && strncmp(p, "QuadClass", 9) == 0)
            quad_col = col;
    }
    assert_true(root_col >= 0 && quad_col >= 0);
    size_t checked = 0;
    for (line = strtok(NULL, "\n"); line; line = strtok(NULL, "\n")) {
        /* Fields are comma-separated, some quoted (with commas inside). */
        char root[8] = "", quad[8] = "";
        int inq = 0;
        col = 0;
        const char *field = line;
        for (const char *p = line;; p++) {
            if (*p == '"')
                inq = !inq;
            if ((*p == ',' && !inq) || !*p) {
                size_t len = (size_t)(p - field);
                if (col == root_col && len < sizeof root)
                    memcpy(root, field, len), root[len] = '\0';
                if (col == quad_col && len < sizeof quad)
                    memcpy(quad, field, len), quad[len] = '\0';
                col++;
                field = p + 1;
                if (!*p)
                    break;
            }
        }
        if (!root[0] || !quad[0])
            continue;
        if (ent_mode_of_cameo(root) != atoi(quad) - 1)
            fail_msg("root %s: GDELT says quad class %s, entente %d", root, quad,
                     ent_mode_of_cameo(root) + 1);
        checked++;
    }
    assert_true(checked > 1000);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table_is_consistent),      cmocka_unit_test(covers_the_required_types),
        cmocka_unit_test(docs_table_agrees),        cmocka_unit_test(cameo_values_are_official),
        cmocka_unit_test(quad_classes_match_gdelt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
