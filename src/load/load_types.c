/*
 * load_types.c: checks the relation types a file defines and adds them to the vocabulary.
 */
#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Second pass: relation types
 * ------------------------------------------------------------------------- */

static const field type_fields[] = {FIELD("id", T_STR),
                                    FIELD("label", T_STR),
                                    FIELD("sign", T_NUM),
                                    FIELD("intensity", T_NUM),
                                    FIELD("durable", T_BOOL),
                                    FIELD("obligation", T_BOOL),
                                    FIELD("cameo", T_STR),
                                    FIELD("family", T_STR),
                                    FIELD("description", T_STR),
                                    FIELD("role", T_STR),
                                    FIELD("mode", T_STR),
                                    FIELD("symmetric", T_BOOL),
                                    {NULL, 0, 0}};
enum {
    TF_ID,
    TF_LABEL,
    TF_SIGN,
    TF_INTENSITY,
    TF_DURABLE,
    TF_OBLIGATION,
    TF_CAMEO,
    TF_FAMILY,
    TF_DESCRIPTION,
    TF_ROLE,
    TF_MODE,
    TF_SYMMETRIC
};

/* The closest name of `names` (n of them) to `s`, for "did you mean". */
static const char *closest_name(const char *s, const char *(*name)(int), int n)
{
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, s);
    for (int i = 0; i < n; i++)
        ent_fuzzy_offer(&fz, name(i));
    return fz.best;
}

static const char *role_name_i(int i)
{
    return ent_role_name((ent_role)i);
}

static const char *mode_name_i(int i)
{
    return ent_mode_name((ent_mode)i);
}

/* Whether a role may go with a sign: acts of cooperation are not hostile and
 * acts of hostility not cooperative; structure goes with any sign. */
static int role_fits_sign(ent_role r, int sign)
{
    switch (r) {
    case ENT_ROLE_REFUSES:
    case ENT_ROLE_DISAPPROVES:
    case ENT_ROLE_COERCES:
    case ENT_ROLE_FIGHTS:
        return sign <= 0;
    case ENT_ROLE_STRUCTURE:
        return 1;
    default:
        return sign >= 0;
    }
}

int ent__intensity_ok(double x)
{
    return isfinite(x) && x >= -10.0 && x <= 10.0;
}

/*
 * The number at `pos` as the file writes it, for a message: "1e400" rather than
 * the "inf" it reads as. A long number is cut after 24 characters with "...";
 * when `pos` holds no number, the value `x` itself, or "a number too large" when
 * it is not finite. `buf` must hold 32 bytes; returns it.
 */
const char *ent__number_text(const lfile *f, size_t pos, double x, char *buf)
{
    size_t n = 0;
    while (pos + n < f->len && strchr("+-.0123456789eE", f->buf[pos + n]) && f->buf[pos + n])
        n++;
    if (n == 0) {
        if (isfinite(x))
            snprintf(buf, 32, "%g", x);
        else
            snprintf(buf, 32, "a number too large");
    } else if (n > 24)
        snprintf(buf, 32, "%.24s...", f->buf + pos);
    else
        snprintf(buf, 32, "%.*s", (int)n, f->buf + pos);
    return buf;
}

void ent__do_type(loader *L, lfile *f, const elem *el, const cJSON *obj, size_t index)
{
    const cJSON *v[MAX_FIELDS];
    size_t at = el->start;
    const char *what = "a relation type";
    lazy_pos where = ent__known_pos(f, at);
    int errs = ent__collect(L, f, &where, obj, type_fields, v, what);
    if (!v[TF_ID]) {
        ent__missing(L, f, at, what, "id");
        return;
    }
    const char *id = v[TF_ID]->valuestring;
    if (ent__check_id(L, f, at, id, "relation type") < 0 || errs)
        return;
    ent_graph *g = L->g;
    uint32_t idx;
    int builtin = 0;
    if (ent_strmap_get(&g->type_ids, id, &idx)) {
        if (idx >= ent_vocab_builtin_count()) {
            ent__duplicate_id(L, f, ent__member_pos(f, at, "id", 0), "relation type", id,
                              &L->type_origin[idx - ent_vocab_builtin_count()]);
            return;
        }
        builtin = 1;
    }
    ent_reltype t;
    if (builtin)
        t = g->types[idx];
    else {
        memset(&t, 0, sizeof t);
        t.id = ent__keep(L, id);
        t.label = t.id;
        t.cameo = t.description = "";
        t.family = "custom";
        t.role = ENT_ROLE_COUNT_; /* set from the file, else by default below */
        t.mode = ENT_MODE_COUNT_;
        int bad = 0;
        if (!v[TF_SIGN])
            ent__missing(L, f, at, "a new relation type", "sign"), bad = 1;
        if (!v[TF_INTENSITY])
            ent__missing(L, f, at, "a new relation type", "intensity"), bad = 1;
        if (!v[TF_DURABLE])
            ent__missing(L, f, at, "a new relation type", "durable"), bad = 1;
        if (bad)
            return;
    }
    if (v[TF_SIGN]) {
        double s = v[TF_SIGN]->valuedouble;
        if (s != -1.0 && s != 0.0 && s != 1.0) {
            char num[32];
            size_t vp = ent__member_pos(f, at, "sign", 0);
            ent__report(L, ENT_SEV_ERROR, "invalid-value", f, vp,
                        "\"sign\" must be -1, 0 or 1, found %s", ent__number_text(f, vp, s, num));
            return;
        }
        t.sign = (int)s;
    }
    if (v[TF_INTENSITY]) {
        double x = v[TF_INTENSITY]->valuedouble;
        if (!ent__intensity_ok(x)) {
            char num[32];
            size_t vp = ent__member_pos(f, at, "intensity", 0);
            ent__report(L, ENT_SEV_ERROR, "intensity-range", f, vp,
                        "intensity %s is outside the Goldstein scale, -10 to 10",
                        ent__number_text(f, vp, x, num));
            return;
        }
        t.intensity = x;
    }
    if (v[TF_DURABLE])
        t.durable = cJSON_IsTrue(v[TF_DURABLE]);
    if (v[TF_OBLIGATION])
        t.obligation = cJSON_IsTrue(v[TF_OBLIGATION]);
    if (v[TF_SYMMETRIC])
        t.symmetric = cJSON_IsTrue(v[TF_SYMMETRIC]);
    if (v[TF_LABEL])
        t.label = ent__keep(L, v[TF_LABEL]->valuestring);
    if (v[TF_FAMILY])
        t.family = ent__keep(L, v[TF_FAMILY]->valuestring);
    if (v[TF_DESCRIPTION])
        t.description = ent__keep(L, v[TF_DESCRIPTION]->valuestring);
    if (v[TF_CAMEO]) {
        const char *c = v[TF_CAMEO]->valuestring;
        size_t n = strlen(c), k = strspn(c, "0123456789");
        if (n < 2 || n > 4 || k != n) {
            ent__report(L, ENT_SEV_ERROR, "invalid-value", f, ent__member_pos(f, at, "cameo", 0),
                        "\"cameo\" must be a CAMEO code of 2 to 4 digits such as \"057\", found "
                        "\"%s\"",
                        c);
            return;
        }
        t.cameo = ent__keep(L, c);
        if (!v[TF_MODE] && ent_mode_of_cameo(c) >= 0)
            t.mode = (ent_mode)ent_mode_of_cameo(c);
    }
    if (v[TF_ROLE]) {
        const char *r = v[TF_ROLE]->valuestring;
        int role = ent_role_from_name(r);
        if (role < 0) {
            ent__report_guess(L, ENT_SEV_ERROR, "invalid-value", f,
                              ent__member_pos(f, at, "role", 0),
                              closest_name(r, role_name_i, ENT_ROLE_COUNT_),
                              "unknown role \"%s\"; a role is one of provides, seeks, yields, "
                              "refuses, brokers, engages, approves, disapproves, coerces, fights, "
                              "structure",
                              r);
            return;
        }
        t.role = (ent_role)role;
    }
    if (v[TF_MODE]) {
        const char *m = v[TF_MODE]->valuestring;
        int mode = ent_mode_from_name(m);
        if (mode < 0) {
            ent__report_guess(L, ENT_SEV_ERROR, "invalid-value", f,
                              ent__member_pos(f, at, "mode", 0),
                              closest_name(m, mode_name_i, ENT_MODE_COUNT_),
                              "unknown mode \"%s\"; a mode is one of verbal_cooperation, "
                              "material_cooperation, verbal_conflict, material_conflict, structure",
                              m);
            return;
        }
        t.mode = (ent_mode)mode;
    }
    /* Defaults of a new type that leaves them out: a role that makes nobody
     * rely on anybody, and words rather than deeds (docs/format.md). */
    if (t.role == ENT_ROLE_COUNT_)
        t.role = t.sign < 0 ? ENT_ROLE_DISAPPROVES : ENT_ROLE_ENGAGES;
    if (t.mode == ENT_MODE_COUNT_) {
        int q = ent_mode_of_cameo(t.cameo);
        t.mode = q >= 0       ? (ent_mode)q
                 : t.sign > 0 ? ENT_MODE_VERBAL_COOPERATION
                 : t.sign < 0 ? ENT_MODE_VERBAL_CONFLICT
                              : ENT_MODE_STRUCTURE;
    }
    if (!role_fits_sign(t.role, t.sign)) {
        ent__report(L, ENT_SEV_ERROR, "type-definition", f,
                    ent__member_pos(f, at, v[TF_ROLE] ? "role" : "sign", 0),
                    "relation type \"%s\" has role %s but sign %+d; %s is an act of %s", id,
                    ent_role_name(t.role), t.sign, ent_role_name(t.role),
                    t.sign > 0 ? "hostility, so its sign must be -1 or 0"
                               : "cooperation, so its sign must be +1 or 0");
        return;
    }
    if ((t.sign > 0 && !(t.intensity > 0)) || (t.sign < 0 && !(t.intensity < 0)) ||
        (t.sign == 0 && t.intensity != 0)) {
        ent__report(L, ENT_SEV_ERROR, "type-definition", f,
                    ent__member_pos(f, at, v[TF_INTENSITY] ? "intensity" : "sign", 0),
                    "relation type \"%s\" has sign %+d but intensity %g; the intensity must have "
                    "the type's sign (0 for a neutral type)",
                    id, t.sign, t.intensity);
        return;
    }
    if (builtin) {
        g->types[idx] = t;
        return;
    }
    if (ent__grow((void **)&g->types, &g->cap_types, g->n_types + 1, sizeof *g->types) < 0) {
        L->oom = 1;
        return;
    }
    size_t custom = g->n_types - ent_vocab_builtin_count();
    if (ent__record_origin(L, &L->type_origin, &L->cap_type_origin, custom, f, at, el->line) < 0)
        return;
    g->types[g->n_types] = t;
    if (ent_strmap_put(&g->type_ids, t.id, (uint32_t)g->n_types, NULL) < 0)
        L->oom = 1;
    g->n_types++;
    (void)index;
}
