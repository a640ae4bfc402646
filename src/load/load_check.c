/*
 * load_check.c: gives cJSON a bump allocator per element, and holds the helpers every
 * element's check uses: member positions, typed member collection, ids, dates,
 * duplicate keys.
 */
#include "load/load_impl.h"

/* ---------------------------------------------------------------------------
 * Memory for cJSON: each element's tree lives in a bump allocator that is
 * reset after the element, instead of thousands of malloc/free pairs per
 * element. cJSON's hooks are process-wide, so they are installed for the
 * second pass only and the defaults restored afterwards (which is why loading
 * must not run in two threads at once; see load.h).
 * ------------------------------------------------------------------------- */

#define BUMP_BLOCK (256u << 10)

typedef struct bump_block {
    struct bump_block *next;
    size_t cap, used;
    max_align_t data[];
} bump_block;

static _Thread_local bump_block *bump_head; /* one allocator per thread */

void *ent__bump_malloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!bump_head || bump_head->cap - bump_head->used < n) {
        size_t cap = n > BUMP_BLOCK ? n : BUMP_BLOCK;
        bump_block *b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->cap = cap;
        b->used = 0;
        b->next = bump_head;
        bump_head = b;
    }
    void *p = (unsigned char *)bump_head->data + bump_head->used;
    bump_head->used += n;
    return p;
}

void ent__bump_free(void *p)
{
    (void)p; /* everything goes at once in ent__bump_reset */
}

/* Frees every tree made since the last reset, keeping one block for reuse. */
void ent__bump_reset(void)
{
    while (bump_head && bump_head->next) {
        bump_block *next = bump_head->next;
        free(bump_head);
        bump_head = next;
    }
    if (bump_head)
        bump_head->used = 0;
}

void ent__bump_release(void)
{
    ent__bump_reset();
    free(bump_head);
    bump_head = NULL;
}

/* ---------------------------------------------------------------------------
 * Second pass: helpers for checking one element
 * ------------------------------------------------------------------------- */

const char *ent__json_type_name(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "a string";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return cJSON_IsTrue(v) ? "true" : "false";
    if (cJSON_IsArray(v))
        return "an array";
    if (cJSON_IsObject(v))
        return "an object";
    return "null";
}

static int ent__has_type(const cJSON *v, unsigned types)
{
    return ((types & (T_STR | T_DATE)) && cJSON_IsString(v)) ||
           ((types & T_NUM) && cJSON_IsNumber(v)) || ((types & T_BOOL) && cJSON_IsBool(v)) ||
           ((types & T_ARR) && cJSON_IsArray(v)) || ((types & T_OBJ) && cJSON_IsObject(v));
}

static const char *expected_name(unsigned types)
{
    switch (types) {
    case T_DATE:
        return "a date string such as \"2023-09-19\"";
    case T_STR:
        return "a string";
    case T_NUM:
        return "a number";
    case T_BOOL:
        return "true or false";
    case T_ARR:
        return "an array";
    case T_OBJ:
        return "an object";
    }
    return "something else";
}

/* Position of member `key` of the object at `obj`: its value, or its name. */
size_t ent__member_pos(const lfile *f, size_t obj, const char *key, int want_key)
{
    size_t kp, vp;
    if (!ent__jscan_member(f->buf, f->len, obj, key, 0, &kp, &vp))
        return obj;
    return want_key ? kp : vp;
}

/* Position of element `i` of the array member `key` of the object at `obj`. */
size_t ent__element_pos(const lfile *f, size_t obj, const char *key, size_t i)
{
    size_t arr = ent__member_pos(f, obj, key, 0);
    size_t p = ent__jscan_element(f->buf, f->len, arr, i);
    return p ? p : arr;
}

size_t ent__resolve(lazy_pos *lp)
{
    if (lp->key) {
        lp->pos = ent__element_pos(lp->f, lp->parent, lp->key, lp->index);
        lp->key = NULL;
    }
    return lp->pos;
}

lazy_pos ent__known_pos(const lfile *f, size_t pos)
{
    lazy_pos lp = {f, 0, NULL, 0, pos};
    return lp;
}

/*
 * Sorts the members of `obj` into `slots` by the table `fields` (NULL-name
 * terminated, at most MAX_FIELDS). Unknown members get a warning, or an error
 * when close to a known name (a typo that would lose the value; not for "x-"
 * names); members of the wrong JSON type an error. `what` names the object in messages ("a
 * relation"). Returns the number of errors.
 */
int ent__collect(loader *L, const lfile *f, lazy_pos *where, const cJSON *obj, const field *fields,
                 const cJSON **slots, const char *what)
{
    int errs = 0;
    for (int i = 0; fields[i].name; i++)
        slots[i] = NULL;
    for (const cJSON *c = obj->child; c; c = c->next) {
        int i;
        for (i = 0; fields[i].name; i++) /* first bytes first: this runs per member */
            if (fields[i].name[0] == c->string[0] && strcmp(fields[i].name, c->string) == 0)
                break;
        if (!fields[i].name) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, c->string);
            for (int k = 0; fields[k].name; k++)
                ent_fuzzy_offer(&fz, fields[k].name);
            size_t kp = ent__member_pos(f, ent__resolve(where), c->string, 1);
            if (fz.best && strncmp(c->string, "x-", 2) != 0)
                ent__report_guess(L, ENT_SEV_ERROR, "unknown-field", f, kp, fz.best,
                                  "unknown member \"%s\" in %s", c->string, what);
            else
                ent__report_guess(L, ENT_SEV_WARNING, "unknown-field", f, kp, fz.best,
                                  "unknown member \"%s\" in %s is ignored", c->string, what);
            continue;
        }
        if (slots[i])
            continue; /* a duplicate key, already reported */
        if (!ent__has_type(c, fields[i].types)) {
            ent__report(L, ENT_SEV_ERROR, "wrong-type", f,
                        ent__member_pos(f, ent__resolve(where), c->string, 0),
                        "\"%s\" in %s must be %s, found %s", c->string, what,
                        expected_name(fields[i].types), ent__json_type_name(c));
            errs++;
            continue;
        }
        slots[i] = c;
    }
    return errs;
}

/* Reports a missing required member. */
void ent__missing(loader *L, const lfile *f, size_t obj_pos, const char *what, const char *name)
{
    ent__report(L, ENT_SEV_ERROR, "missing-field", f, obj_pos, "%s needs \"%s\"", what, name);
}

int ent__valid_id_n(const char *s, size_t n)
{
    /* Bit c of LO (c < 64) or of HI (c - 64) is set for each byte allowed
     * after the first: - . 0-9 : and A-Z _ a-z. */
    static const uint64_t LO = (1ull << '-') | (1ull << '.') | (0x3ffull << '0') | (1ull << ':'),
                          HI = (0x3ffffffull << ('A' - 64)) | (1ull << ('_' - 64)) |
                               (0x3ffffffull << ('a' - 64));
    if (n == 0 || n > MAX_ID_LEN)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!(c < 64 ? LO >> c & 1 : c < 128 && HI >> (c - 64) & 1))
            return 0;
    }
    unsigned char c = (unsigned char)s[0];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

int ent__valid_id(const char *s)
{
    return ent__valid_id_n(s, strlen(s));
}

/* Checks the "id" of the object at obj_pos; reports and returns -1 when invalid. */
int ent__check_id(loader *L, const lfile *f, size_t obj_pos, const char *id, const char *what)
{
    if (ent__valid_id(id))
        return 0;
    ent__report(L, ENT_SEV_ERROR, "invalid-id", f, ent__member_pos(f, obj_pos, "id", 0),
                "invalid %s id \"%s\": ids are 1 to %d letters, digits and _ - . : and start with "
                "a letter or digit",
                what, id, MAX_ID_LEN);
    return -1;
}

static const char *month_name(int m)
{
    static const char *const names[] = {"January",   "February", "March",    "April",
                                        "May",       "June",     "July",     "August",
                                        "September", "October",  "November", "December"};
    return m >= 1 && m <= 12 ? names[m - 1] : "?";
}

/*
 * Parses the date in member `v` of the object at obj_pos; reports invalid-date
 * and returns -1 on failure.
 */
int ent__get_date(loader *L, const lfile *f, size_t obj_pos, const cJSON *v, ent_date *out)
{
    const char *s = v->valuestring;
    ent_date_status st = ent_date_parse(out, s, strlen(s));
    if (st == ENT_DATE_OK)
        return 0;
    size_t pos = ent__member_pos(f, obj_pos, v->string, 0);
    if (st == ENT_DATE_DAY_RANGE) {
        int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
        if (d == 0)
            ent__report(L, ENT_SEV_ERROR, "invalid-date", f, pos,
                        "invalid date \"%s\": days are numbered from 01", s);
        else
            ent__report(L, ENT_SEV_ERROR, "invalid-date", f, pos,
                        "invalid date \"%s\": %s %d has %d days", s, month_name(m), y,
                        ent_date_days_in_month(y, m));
    } else
        ent__report(L, ENT_SEV_ERROR, "invalid-date", f, pos, "invalid date \"%s\": %s", s,
                    ent_date_status_str(st));
    return -1;
}

/* Checks that `to` does not end before `from` begins, in the object at obj_pos. */
int ent__check_order(loader *L, const lfile *f, size_t obj_pos, ent_date from, ent_date to)
{
    if (!from.year || !to.year || ent_date_last_day(to) >= ent_date_first_day(from))
        return 0;
    char a[11], b[11];
    ent__report(L, ENT_SEV_ERROR, "date-order", f, ent__member_pos(f, obj_pos, "to", 0),
                "\"to\" (%s) comes before \"from\" (%s)", ent_date_format(to, b),
                ent_date_format(from, a));
    return -1;
}

const char *ent__keep(loader *L, const char *s)
{
    const char *p = ent_arena_strdup(L->arena, s ? s : "");
    if (!p) {
        L->oom = 1;
        return "";
    }
    return p;
}

const char *ent__opt_str(loader *L, const cJSON *v)
{
    return v ? ent__keep(L, v->valuestring) : "";
}

int ent__record_origin(loader *L, origin **arr, size_t *cap, size_t index, const lfile *f,
                       size_t pos, unsigned line)
{
    if (ent__grow((void **)arr, cap, index + 1, sizeof **arr) < 0) {
        L->oom = 1;
        return -1;
    }
    (*arr)[index].file = f->index;
    (*arr)[index].pos = pos;
    (*arr)[index].line = line;
    return 0;
}

/* Reports that `id` is defined twice, with a note at the first definition. */
void ent__duplicate_id(loader *L, const lfile *f, size_t pos, const char *what, const char *id,
                       const origin *first)
{
    ent__report(L, ENT_SEV_ERROR, "duplicate-id", f, pos, "duplicate %s id \"%s\"", what, id);
    if (first) {
        lfile *ff = &L->files[first->file];
        ent__report(L, ENT_SEV_NOTE, "duplicate-id", ff, ent__member_pos(ff, first->pos, "id", 0),
                    "\"%s\" is first defined here", id);
    }
}

/*
 * Reports keys that appear twice in one object, anywhere inside `v`, whose
 * text starts at `base`. `depth` is the length of L->path so far.
 */

static size_t path_pos(const lfile *f, size_t base, const struct pathstep *steps, int n)
{
    size_t pos = base, kp;
    for (int i = 0; i < n; i++) {
        if (steps[i].key) {
            if (!ent__jscan_member(f->buf, f->len, pos, steps[i].key, steps[i].occurrence, &kp,
                                   &pos))
                return base;
        } else {
            size_t e = ent__jscan_element(f->buf, f->len, pos, steps[i].index);
            if (!e)
                return base;
            pos = e;
        }
    }
    return pos;
}

static int cmp_names(const void *a, const void *b)
{
    const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
    int c = strcmp(x->string, y->string);
    if (c)
        return c;
    return x < y ? -1 : x > y; /* never equal: distinct nodes */
}

static void report_dup_key(loader *L, const lfile *f, size_t base, int depth, const char *key,
                           int occurrence)
{
    size_t obj = path_pos(f, base, L->path, depth), kp, vp;
    size_t second = ent__jscan_member(f->buf, f->len, obj, key, occurrence, &kp, &vp) ? kp : obj;
    size_t first = ent__jscan_member(f->buf, f->len, obj, key, 0, &kp, &vp) ? kp : obj;
    ent__report(L, ENT_SEV_ERROR, "duplicate-key", f, second,
                "\"%s\" appears twice in the same object; JSON parsers would keep only one", key);
    ent__report(L, ENT_SEV_NOTE, "duplicate-key", f, first, "first \"%s\" is here", key);
}

void ent__dupcheck(loader *L, const lfile *f, size_t base, const cJSON *v, int depth)
{
    if (cJSON_IsObject(v)) {
        size_t k = 0;
        for (const cJSON *c = v->child; c; c = c->next)
            k++;
        if (k > 1 && k <= 24) {
            for (const cJSON *a = v->child->next; a; a = a->next) {
                int occ = 0;
                for (const cJSON *b = v->child; b != a; b = b->next)
                    occ += a->string[0] == b->string[0] && strcmp(a->string, b->string) == 0;
                if (occ)
                    report_dup_key(L, f, base, depth, a->string, occ);
            }
        } else if (k > 24) {
            const cJSON **sorted = malloc(k * sizeof *sorted);
            if (!sorted) {
                L->oom = 1;
                return;
            }
            size_t i = 0;
            for (const cJSON *c = v->child; c; c = c->next)
                sorted[i++] = c;
            /* Sorting by name, then by node address, does not give document
             * order within a name; count occurrences instead of ranking. */
            qsort(sorted, k, sizeof *sorted, cmp_names);
            int occ = 0;
            for (i = 1; i < k; i++) {
                occ = strcmp(sorted[i]->string, sorted[i - 1]->string) == 0 ? occ + 1 : 0;
                if (occ)
                    report_dup_key(L, f, base, depth, sorted[i]->string, occ);
            }
            free(sorted);
        }
        for (const cJSON *c = v->child; c; c = c->next) {
            if (!(cJSON_IsObject(c) || cJSON_IsArray(c)) || !c->child)
                continue;
            L->path[depth].key = c->string;
            L->path[depth].occurrence = 0;
            ent__dupcheck(L, f, base, c, depth + 1);
        }
    } else if (cJSON_IsArray(v)) {
        size_t i = 0;
        for (const cJSON *c = v->child; c; c = c->next, i++) {
            if (!(cJSON_IsObject(c) || cJSON_IsArray(c)) || !c->child)
                continue;
            L->path[depth].key = NULL;
            L->path[depth].index = i;
            ent__dupcheck(L, f, base, c, depth + 1);
        }
    }
}

const char *ent__closest_actor(const ent_graph *g, const char *word)
{
    long idx = ent_graph_resolve_actor(g, word, NULL);
    if (idx >= 0)
        return g->actors[idx].id; /* a name or alias written where the id belongs */
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, word);
    for (size_t i = 0; i < g->n_actors; i++)
        ent_fuzzy_offer(&fz, g->actors[i].id);
    return fz.best;
}
