/*
 * cli.c: option parsing, diagnostics printing and JSON output for every
 * subcommand.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/fuzzy.h"
#include "util/jsonout.h"
#include "util/strbuf.h"

const cli_cmd *cli_find(const char *name)
{
    for (const cli_cmd *c = cli_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "entente%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'entente %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return EXIT_USAGE;
}

void cli_args_init(cli_args *a, const char *cmd, const cli_opt *opts, int argc, char **argv)
{
    a->cmd = cmd;
    a->opts = opts;
    a->argc = argc;
    a->argv = argv;
    a->i = 1;
    a->only_positional = 0;
}

int cli_next(cli_args *a, const char **value)
{
    *value = NULL;
    if (a->i >= a->argc)
        return -2;
    char *arg = a->argv[a->i++];
    if (a->only_positional || arg[0] != '-' || strcmp(arg, "-") == 0) {
        *value = arg;
        return -1;
    }
    if (strcmp(arg, "--") == 0) {
        a->only_positional = 1;
        return cli_next(a, value);
    }
    const char *name = arg + (arg[1] == '-' ? 2 : 1);
    size_t nlen = strcspn(name, "=");
    const char *inline_value = name[nlen] == '=' ? name + nlen + 1 : NULL;
    int is_long = arg[1] == '-';
    for (int k = 0; a->opts[k].name; k++) {
        const cli_opt *o = &a->opts[k];
        int match = is_long ? strlen(o->name) == nlen && strncmp(o->name, name, nlen) == 0
                            : o->short_name && nlen == 1 && name[0] == o->short_name;
        if (!match)
            continue;
        if (!o->takes_value) {
            if (inline_value) {
                cli_usage_error(a->cmd, "option '--%s' takes no value", o->name);
                return -3;
            }
            return k;
        }
        if (inline_value)
            *value = inline_value;
        else if (a->i < a->argc)
            *value = a->argv[a->i++];
        else {
            cli_usage_error(a->cmd, "option '--%s' needs a value", o->name);
            return -3;
        }
        return k;
    }
    char word[64];
    snprintf(word, sizeof word, "%.*s", (int)(nlen < 63 ? nlen : 63), name);
    ent_fuzzy fz;
    ent_fuzzy_init(&fz, word);
    for (int k = 0; a->opts[k].name; k++)
        ent_fuzzy_offer(&fz, a->opts[k].name);
    if (fz.best)
        cli_usage_error(a->cmd, "unknown option '%s'; did you mean '--%s'?", arg, fz.best);
    else
        cli_usage_error(a->cmd, "unknown option '%s'", arg);
    return -3;
}

long cli_parse_count(const char *cmd, const char *opt, const char *text)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < 0) {
        cli_usage_error(cmd, "'--%s' takes a whole number, not '%s'", opt, text);
        return -1;
    }
    return v;
}

int cli_parse_format(const char *cmd, const char *text, unsigned allowed, cli_format *out)
{
    static const char *const names[] = {"text", "json", "csv"};
    for (int k = 0; k < 3; k++)
        if (strcmp(text, names[k]) == 0 && (allowed & (1u << k))) {
            *out = (cli_format)k;
            return 0;
        }
    char list[32] = "";
    for (int k = 0; k < 3; k++)
        if (allowed & (1u << k)) {
            if (list[0])
                strcat(list, ", ");
            strcat(list, names[k]);
        }
    cli_usage_error(cmd, "unknown format '%s'; choose one of: %s", text, list);
    return -1;
}

int cli_input_parse(cli_input *in, const char *cmd, const cli_opt *opts, int argc, char **argv,
                    unsigned formats, int (*on_option)(void *ud, int k, const char *val), void *ud)
{
    memset(in, 0, sizeof *in);
    in->cmd = cmd;
    ent_load_options_init(&in->load);
    in->format = CLI_TEXT;
    in->files = calloc((size_t)argc + 1, sizeof *in->files);
    if (!in->files) {
        fprintf(stderr, "entente %s: out of memory\n", cmd);
        return EXIT_FAILURE_;
    }
    cli_args a;
    const char *val;
    int k;
    cli_args_init(&a, cmd, opts, argc, argv);
    /* ENTENTE_THREADS=1 is the CLI's way to keep the loader to one thread
     * (for tests and for chasing a problem); --threads overrides it. */
    const char *env = getenv("ENTENTE_THREADS");
    if (env && strcmp(env, "1") == 0)
        in->load.threads = 1;
    while ((k = cli_next(&a, &val)) != -2) {
        if (k == -3)
            return EXIT_USAGE;
        if (k == -1) {
            in->files[in->n_files++] = val;
            continue;
        }
        if (formats && strcmp(opts[k].name, "format") == 0) {
            if (cli_parse_format(cmd, val, formats, &in->format) < 0)
                return EXIT_USAGE;
        } else if (strcmp(opts[k].name, "max-errors") == 0) {
            long m = cli_parse_count(cmd, "max-errors", val);
            if (m < 0)
                return EXIT_USAGE;
            in->load.max_errors = m == 0 ? (size_t)-1 : (size_t)m;
        } else if (strcmp(opts[k].name, "threads") == 0) {
            long t = cli_parse_count(cmd, "threads", val);
            if (t < 0)
                return EXIT_USAGE;
            in->load.threads = t > 64 ? 64 : (unsigned)t;
        } else if (strcmp(opts[k].name, "quiet") == 0) {
            in->quiet = 1;
        } else if (!on_option || on_option(ud, k, val) < 0)
            return EXIT_USAGE;
    }
    return EXIT_OK;
}

void cli_input_release(cli_input *in)
{
    free(in->files);
    in->files = NULL;
}

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
    (void)ctx;
    /* A mapped page whose file is no longer there is BUS_ADRERR. Any other
     * SIGBUS (a fault of entente's own, one sent by another process) ends the
     * process as the signal does, not disguised as a shrunken file. */
    if (!si || si->si_code != BUS_ADRERR) {
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
        raise(sig);
        return;
    }
    static const char msg[] = "entente: a graph file shrank or was replaced while it was being "
                              "read; read it again once it is complete\n";
    ssize_t w = write(2, msg, sizeof msg - 1);
    (void)w;
    _exit(EXIT_FAILURE_);
}

/* How many of the warnings in `diags` are located in `file` ("" for those in none). */
static size_t warnings_in(const ent_diags *diags, const char *file)
{
    size_t n = 0;
    for (size_t i = 0; i < ent_diags_count(diags); i++) {
        const ent_diag *d = ent_diags_get(diags, i);
        n += d->severity == ENT_SEV_WARNING && strcmp(d->file, file) == 0;
    }
    return n;
}

/* Whether `file` is one of the first `n` input files (a file given twice is counted once). */
static int named_before(const cli_input *in, size_t n, const char *file)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(in->files[i], file) == 0)
            return 1;
    return 0;
}

/*
 * CLI_DIAGS_SUMMARY: the errors in full, each with the notes that follow it,
 * then the warnings counted per file on one line that points to `entente
 * check` with the same files (read together, as here). --quiet drops that line.
 */
static void print_summary(const cli_input *in, const ent_diags *diags)
{
    int in_error = 0; /* a note belongs to the diagnostic just before it */
    size_t total = 0;
    for (size_t i = 0; i < ent_diags_count(diags); i++) {
        const ent_diag *d = ent_diags_get(diags, i);
        if (d->severity != ENT_SEV_NOTE)
            in_error = d->severity == ENT_SEV_ERROR;
        if (in_error)
            cli_print_diag(stderr, d);
        total += d->severity == ENT_SEV_WARNING;
    }
    if (in->quiet || !total)
        return;
    fprintf(stderr, "entente %s: ", in->cmd);
    size_t counted = 0, parts = 0;
    for (size_t f = 0; f < in->n_files; f++) {
        if (named_before(in, f, in->files[f]))
            continue;
        size_t n = warnings_in(diags, in->files[f]);
        if (!n)
            continue;
        fprintf(stderr, "%s%s has %zu %s", parts++ ? ", " : "", in->files[f], n,
                n == 1 ? "warning" : "warnings");
        counted += n;
    }
    if (counted < total) /* warnings about the graph as a whole, or a file not named */
        fprintf(stderr, "%sthe graph has %zu%s %s", parts ? ", " : "", total - counted,
                parts ? " more" : "", total - counted == 1 ? "warning" : "warnings");
    fputs("; run 'entente check", stderr);
    for (size_t f = 0; f < in->n_files; f++)
        fprintf(stderr, " %s", in->files[f]);
    fprintf(stderr, "' to see %s\n", total == 1 ? "it" : "them");
}

int cli_input_load(const cli_input *in, ent_graph **g, ent_diags *diags, cli_diag_print print)
{
    /* The loader maps regular files: one that shrinks while it is read
     * raises SIGBUS when the vanished pages are touched. Turn that into a
     * message and status 3 while loading (nothing has been written yet);
     * afterwards SIGBUS is left alone, so that a real fault is not
     * disguised. */
    struct sigaction bus, old;
    memset(&bus, 0, sizeof bus);
    bus.sa_sigaction = on_sigbus;
    bus.sa_flags = SA_SIGINFO;
    sigemptyset(&bus.sa_mask);
    int guarded = sigaction(SIGBUS, &bus, &old) == 0;
    int rc = ent_load_files(g, in->files, in->n_files, &in->load, diags);
    if (guarded)
        sigaction(SIGBUS, &old, NULL);
    if (print == CLI_DIAGS_ALL)
        cli_print_diags(stderr, diags);
    else if (print == CLI_DIAGS_SUMMARY)
        print_summary(in, diags);
    if (rc != ENT_OK && rc != ENT_EINVALID && rc != ENT_EIO)
        fprintf(stderr, "entente %s: %s\n", in->cmd, ent_error_last());
    return cli_exit_for(rc);
}

int cli_print_help(const cli_cmd *c)
{
    /* Reported here, with the reason: a help text longer than the stream's
     * buffer fails inside fputs, and by the final flush errno no longer says why. */
    errno = 0;
    if (fputs(c->help, stdout) == EOF || fflush(stdout) != 0)
        return cli_output_error(c->name, errno);
    return EXIT_OK;
}

int cli_output_error(const char *cmd, int err)
{
    static int reported;
    if (!reported) {
        reported = 1;
        fprintf(stderr, "entente%s%s: cannot write the output: %s\n", cmd ? " " : "",
                cmd ? cmd : "", strerror(err ? err : EIO));
    }
    return EXIT_FAILURE_;
}

int cli_finish_output(const char *cmd, int status)
{
    /* Output that could not be written (a full disk, a closed pipe) is a failure,
     * not a success with a truncated answer. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout))
        return cli_output_error(cmd, errno);
    return status;
}

/* --- diagnostics ------------------------------------------------------------ */

void cli_print_diag(FILE *out, const ent_diag *d)
{
    if (d->file[0] && d->line)
        fprintf(out, "%s:%u:%u: ", d->file, d->line, d->col);
    else if (d->file[0])
        fprintf(out, "%s: ", d->file);
    else
        fputs("entente: ", out);
    fprintf(out, "%s: %s [%s]\n", ent_severity_str(d->severity), d->message, d->code);
    if (d->line && d->source_line[0]) {
        char num[16];
        int w = snprintf(num, sizeof num, "%u", d->line);
        fprintf(out, " %s | %s\n", num, d->source_line);
        fprintf(out, " %*s | %*s^\n", w, "", (int)d->caret, "");
    }
}

void cli_print_diags(FILE *out, const ent_diags *diags)
{
    for (size_t i = 0; i < ent_diags_count(diags); i++)
        cli_print_diag(out, ent_diags_get(diags, i));
}

int cli_exit_for(int rc)
{
    switch (rc) {
    case ENT_OK:
        return EXIT_OK;
    case ENT_EINVALID:
        return EXIT_DATA;
    case ENT_EUSAGE:
        return EXIT_USAGE;
    default:
        return EXIT_FAILURE_;
    }
}

/* --- JSON output ------------------------------------------------------------ */

void cli_json_init(cli_json *j, FILE *out)
{
    j->out = out;
    j->depth = 0;
    j->first = 1;
    j->after_key = 0;
}

static void indent(cli_json *j)
{
    fputc('\n', j->out);
    for (int i = 0; i < j->depth; i++)
        fputs("  ", j->out);
}

/* Separator and indentation before a value or key. */
static void before(cli_json *j)
{
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (!j->first)
        fputc(',', j->out);
    if (j->depth > 0)
        indent(j);
    j->first = 0;
}

void cli_json_begin_object(cli_json *j)
{
    before(j);
    fputc('{', j->out);
    j->depth++;
    j->first = 1;
}

void cli_json_end_object(cli_json *j)
{
    j->depth--;
    if (!j->first)
        indent(j);
    fputc('}', j->out);
    j->first = 0;
    if (j->depth == 0)
        fputc('\n', j->out);
}

void cli_json_begin_array(cli_json *j)
{
    before(j);
    fputc('[', j->out);
    j->depth++;
    j->first = 1;
}

void cli_json_end_array(cli_json *j)
{
    j->depth--;
    if (!j->first)
        indent(j);
    fputc(']', j->out);
    j->first = 0;
    if (j->depth == 0)
        fputc('\n', j->out);
}

void cli_json_quote(FILE *out, const char *s)
{
    ent_json_quote(out, s);
}

void cli_json_key(cli_json *j, const char *key)
{
    before(j);
    cli_json_quote(j->out, key);
    fputs(": ", j->out);
    j->after_key = 1;
}

void cli_json_string(cli_json *j, const char *s)
{
    before(j);
    cli_json_quote(j->out, s);
}

void cli_json_int(cli_json *j, long long v)
{
    before(j);
    fprintf(j->out, "%lld", v);
}

void cli_json_bool(cli_json *j, int v)
{
    before(j);
    fputs(v ? "true" : "false", j->out);
}

void cli_json_double(cli_json *j, double v)
{
    before(j);
    fprintf(j->out, "%.6g", v);
}

void cli_json_null(cli_json *j)
{
    before(j);
    fputs("null", j->out);
}

/* --- snapshot options --------------------------------------------------------- */

void cli_view_args_init(cli_view_args *va)
{
    memset(va, 0, sizeof *va);
    va->window = 365;
    va->status_mask = (1u << ENT_STATUS_COUNT_) - 1;
}

static int parse_statuses(const char *cmd, const char *list, unsigned *mask)
{
    *mask = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        int found = 0;
        for (int s = 0; s < ENT_STATUS_COUNT_; s++) {
            const char *name = ent_status_str((ent_status)s);
            if (strlen(name) == n && strncmp(name, p, n) == 0) {
                *mask |= 1u << s;
                found = 1;
            }
        }
        if (!found) {
            cli_usage_error(cmd,
                            "unknown status '%.*s' in '--status'; statuses are confirmed, "
                            "reported, claimed and disputed",
                            (int)n, p);
            return -1;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (!*mask) {
        cli_usage_error(cmd, "'--status' needs at least one status");
        return -1;
    }
    return 0;
}

int cli_view_option(const char *cmd, cli_view_args *va, const char *name, const char *val)
{
    if (strcmp(name, "window") == 0) {
        long w = cli_parse_count(cmd, "window", val);
        if (w < 1) {
            if (w == 0)
                cli_usage_error(cmd, "'--window' must be at least 1 day");
            return -1;
        }
        va->window = w;
        return 1;
    }
    if (strcmp(name, "half-life") == 0) {
        char *end;
        double h = strtod(val, &end);
        if (!*val || *end || !(h > 0) || !isfinite(h)) {
            cli_usage_error(cmd, "'--half-life' takes a positive number of days, not '%s'", val);
            return -1;
        }
        va->half_life = h;
        return 1;
    }
    if (strcmp(name, "status") == 0)
        return parse_statuses(cmd, val, &va->status_mask) < 0 ? -1 : 1;
    if (strcmp(name, "sources") == 0) {
        va->sources = val;
        return 1;
    }
    if (strcmp(name, "exclude-claims-by") == 0) {
        if (va->n_excluded == CLI_MAX_EXCLUDED) {
            cli_usage_error(cmd, "too many '--exclude-claims-by' (at most %d)", CLI_MAX_EXCLUDED);
            return -1;
        }
        va->excluded[va->n_excluded++] = val;
        return 1;
    }
    return 0;
}

/* "id (name, kind)" of each actor in `who`, joined with ", ", into sb. */
static void list_actors(const ent_graph *g, const uint32_t *who, size_t n, size_t skip,
                        ent_strbuf *sb)
{
    for (size_t i = 0; i < n; i++) {
        if (who[i] == skip)
            continue;
        const ent_actor *a = ent_graph_actor(g, who[i]);
        ent_strbuf_addf(sb, "%s'%s' (%s, %s)", sb->len ? ", " : "", a->id, a->name,
                        ent_actor_kind_str(a->kind));
    }
}

long cli_actor(const char *cmd, const ent_graph *g, const char *name)
{
    const char *guess;
    long a = ent_graph_resolve_actor(g, name, &guess);
    if (a == -1 && guess)
        cli_usage_error(cmd, "no actor '%s'; did you mean '%s'?", name, guess);
    else if (a == -1)
        cli_usage_error(cmd, "no actor '%s'", name);
    if (a == -1)
        return -1;
    /* An exact id wins over names and aliases; say so when the name is also
     * another actor's. Several actors by name alone: refuse and list them. */
    uint32_t who[16];
    size_t n = ent_graph_actor_matches(g, name, who, 16), shown = n < 16 ? n : 16;
    ent_strbuf sb = ENT_STRBUF_INIT;
    if (a >= 0 && n > 1) {
        list_actors(g, who, shown, (uint32_t)a, &sb);
        fprintf(stderr,
                "entente %s: note: '%s' is taken as the actor with that id, '%s' (%s); it is "
                "also the name or alias of %s%s\n",
                cmd, name, ent_graph_actor(g, (size_t)a)->id, ent_graph_actor(g, (size_t)a)->name,
                sb.failed ? "other actors" : ent_strbuf_str(&sb), n > shown ? ", ..." : "");
    } else if (a == -2) {
        list_actors(g, who, shown, UINT32_MAX, &sb);
        cli_usage_error(cmd, "'%s' names %zu actors: %s%s; name one by its id", name, n,
                        sb.failed ? "(out of memory listing them)" : ent_strbuf_str(&sb),
                        n > shown ? ", ..." : "");
    }
    ent_strbuf_release(&sb);
    return a < 0 ? -1 : a;
}

/* Resolves WHEN into *day, printing why not; returns EXIT_OK or EXIT_USAGE. */
static int resolve_when(const char *cmd, const ent_graph *g, const char *when, int32_t *day)
{
    const char *guess;
    if (ent_graph_resolve_when(g, when, day, &guess) == 0)
        return EXIT_OK;
    if (guess)
        return cli_usage_error(cmd, "'%s' is neither a date nor a snapshot; did you mean '%s'?",
                               when, guess);
    return cli_usage_error(cmd,
                           "'%s' is neither a date (YYYY, YYYY-MM, YYYY-MM-DD) nor a "
                           "snapshot of the graph",
                           when);
}

/* The view options of `va`, with its excluded actors resolved. */
int cli_view_options(const char *cmd, const ent_graph *g, cli_view_args *va, ent_view_options *o)
{
    for (size_t i = 0; i < va->n_excluded; i++) {
        long a = cli_actor(cmd, g, va->excluded[i]);
        if (a < 0)
            return EXIT_USAGE;
        va->excluded_ids[i] = (uint32_t)a;
    }
    ent_view_options_init(o);
    for (const char *p = va->sources; p && *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char kind[129];
        long k = -1;
        if (len && len < sizeof kind) {
            memcpy(kind, p, len);
            kind[len] = '\0';
            k = ent_graph_source_kind_by_name(g, kind);
        }
        if (k < 0) {
            ent_strbuf known = ENT_STRBUF_INIT;
            for (size_t i = 0; i < ent_graph_source_kind_count(g); i++)
                ent_strbuf_addf(&known, "%s%s", i ? ", " : "", ent_graph_source_kind(g, i));
            int rc = cli_usage_error(cmd, "no source of kind '%.*s'; %s%s", (int)len, p,
                                     known.len ? "the kinds in these files are: "
                                               : "no source in these files has a 'kind'",
                                     known.failed ? "" : ent_strbuf_str(&known));
            ent_strbuf_release(&known);
            return rc;
        }
        o->source_kinds |= 1u << k;
        p = end ? end + 1 : p + len;
    }
    o->window_days = (int32_t)va->window;
    o->half_life_days = va->half_life;
    o->status_mask = va->status_mask;
    o->exclude_claims_by = va->excluded_ids;
    o->n_exclude = va->n_excluded;
    return EXIT_OK;
}

int cli_view_new(const char *cmd, const ent_graph *g, const char *when, cli_view_args *va,
                 ent_view **out)
{
    int32_t day;
    ent_view_options o;
    int status;
    *out = NULL;
    if ((status = resolve_when(cmd, g, when, &day)) || (status = cli_view_options(cmd, g, va, &o)))
        return status;
    if (ent_view_new(out, g, day, &o) != ENT_OK) {
        fprintf(stderr, "entente %s: %s\n", cmd, ent_error_last());
        return EXIT_FAILURE_;
    }
    return EXIT_OK;
}

typedef struct view_job {
    const ent_graph *g;
    int32_t day;
    const ent_view_options *o;
    ent_view *view;
    int rc;
} view_job;

static void *run_view_job(void *arg)
{
    view_job *j = arg;
    j->rc = ent_view_new(&j->view, j->g, j->day, j->o);
    return NULL;
}

int cli_view_pair(const char *cmd, const ent_graph *g, const char *when_a, const char *when_b,
                  cli_view_args *va, ent_view **a, ent_view **b)
{
    int32_t da, db;
    ent_view_options o;
    int status;
    *a = *b = NULL;
    if ((status = resolve_when(cmd, g, when_a, &da)) ||
        (status = resolve_when(cmd, g, when_b, &db)) || (status = cli_view_options(cmd, g, va, &o)))
        return status;
    /* The two snapshots are independent: take the second on another thread
     * (snapshots use no igraph, whose Debian build is not thread-safe). */
    view_job jb = {g, db, &o, NULL, ENT_OK};
    pthread_t th;
    int threaded = pthread_create(&th, NULL, run_view_job, &jb) == 0;
    int rc = ent_view_new(a, g, da, &o);
    if (threaded)
        pthread_join(th, NULL);
    else
        run_view_job(&jb);
    *b = jb.view;
    if (rc == ENT_OK)
        rc = jb.rc;
    if (rc != ENT_OK) {
        fprintf(stderr, "entente %s: out of memory while taking the snapshots\n", cmd);
        ent_view_free(*a);
        ent_view_free(*b);
        *a = *b = NULL;
        return EXIT_FAILURE_;
    }
    return EXIT_OK;
}

int cli_write_tables(const char *cmd, const ent_table *const *tables, size_t n, cli_format f)
{
    ent_table_format tf = f == CLI_JSON  ? ENT_TABLE_JSON
                          : f == CLI_CSV ? ENT_TABLE_CSV
                                         : ENT_TABLE_TEXT;
    errno = 0;
    int rc = n == 1 ? ent_table_write(tables[0], tf, stdout)
                    : ent_table_write_all(tables, n, tf, stdout);
    if (rc == ENT_ENOMEM) {
        fprintf(stderr, "entente %s: %s\n", cmd, ent_error_last());
        return EXIT_FAILURE_;
    }
    if (rc)
        return cli_output_error(cmd, errno);
    return EXIT_OK;
}

int cli_write_result(const char *cmd, int failed, const ent_table *t, cli_format f)
{
    if (failed) {
        fprintf(stderr, "entente %s: %s\n", cmd, ent_error_last());
        return EXIT_FAILURE_;
    }
    const ent_table *one[1] = {t};
    return cli_write_tables(cmd, one, 1, f);
}

int cli_blocs_error(const char *cmd, const char *what, int rc, const char *hint)
{
    const char *msg = rc == ENT_ENOMEM ? "out of memory" : ent_error_last();
    if (rc == ENT_EUSAGE)
        return cli_usage_error(cmd, "%s%s%s; %s", what ? what : "", what ? ": " : "", msg, hint);
    fprintf(stderr, "entente %s: %s%s%s\n", cmd, what ? what : "", what ? ": " : "", msg);
    return EXIT_FAILURE_;
}

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_timing(const char *key, double seconds)
{
    const char *t = getenv("ENTENTE_TIMING");
    if (t && strcmp(t, "1") == 0)
        fprintf(stderr, "timing %s=%.6f\n", key, seconds);
}

void cli_timing_count(const char *key, size_t n)
{
    const char *t = getenv("ENTENTE_TIMING");
    if (t && strcmp(t, "1") == 0)
        fprintf(stderr, "timing %s=%zu\n", key, n);
}

int cli_analysis_option(const char *cmd, ent_analysis_options *ao, const char *name,
                        const char *val)
{
    if (strcmp(name, "metric") == 0) {
        int m = ent_metric_from_name(val);
        if (m < 0 && strcmp(val, "influence") == 0) {
            cli_usage_error(cmd, "there is no metric 'influence' any more: the default is "
                                 "'leverage' (how much others rely on an actor), and the "
                                 "former default, the PageRank of cooperative acts, is "
                                 "'cooperation_rank'");
            return -1;
        }
        if (m < 0) {
            ent_fuzzy fz;
            ent_fuzzy_init(&fz, val);
            for (int k = 0; k < ENT_METRIC_COUNT_; k++)
                ent_fuzzy_offer(&fz, ent_metric_name((ent_metric)k));
            if (fz.best)
                cli_usage_error(cmd, "unknown metric '%s'; did you mean '%s'?", val, fz.best);
            else
                cli_usage_error(cmd,
                                "unknown metric '%s'; metrics are leverage, cooperation_rank, "
                                "pressure, pos_in, pos_out, neg_in, neg_out, net_stance, "
                                "betweenness and pn",
                                val);
            return -1;
        }
        ao->metric = (ent_metric)m;
        return 1;
    }
    if (strcmp(name, "top") == 0) {
        long n = cli_parse_count(cmd, "top", val);
        if (n < 0)
            return -1;
        ao->top = (size_t)n;
        return 1;
    }
    return 0;
}

int cli_analysis_begin(const char *cmd, cli_input *in, const cli_opt *opts, int argc, char **argv,
                       int (*on_option)(void *ud, int k, const char *val), void *ud,
                       const char *(*missing)(void *ud), ent_diags **diags, ent_graph **g)
{
    *diags = NULL;
    *g = NULL;
    int status = cli_input_parse(in, cmd, opts, argc, argv,
                                 1u << CLI_TEXT | 1u << CLI_JSON | 1u << CLI_CSV, on_option, ud);
    if (status)
        return status;
    if (!in->n_files)
        return cli_usage_error(cmd, "no graph file given");
    const char *why = missing ? missing(ud) : NULL;
    if (why)
        return cli_usage_error(cmd, "%s", why);
    if (ent_diags_new(diags) < 0) {
        fprintf(stderr, "entente %s: out of memory for the list of diagnostics\n", cmd);
        return EXIT_FAILURE_;
    }
    return cli_input_load(in, g, *diags, CLI_DIAGS_SUMMARY);
}
