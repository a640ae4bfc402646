/*
 * cli.h: what the subcommands share: the command table, option parsing,
 * printing diagnostics, a small JSON writer and the exit codes.
 */
#ifndef ENT_CLI_H
#define ENT_CLI_H

#include <stdint.h>
#include <stdio.h>

#include "entente/entente.h"

/* Exit codes, documented in docs/exit-codes.md and the man page. */
enum {
    EXIT_OK = 0,      /* success; warnings alone do not fail */
    EXIT_DATA = 1,    /* the data has errors (or warnings, with --strict) */
    EXIT_USAGE = 2,   /* the command line is wrong */
    EXIT_FAILURE_ = 3 /* a file could not be read or written, or an internal failure */
};

typedef struct cli_cmd {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary; /* one line for `entente help` */
    const char *help;    /* the full text of `entente help CMD` and `CMD --help` */
} cli_cmd;

extern const cli_cmd cli_commands[];

/* The subcommands (cmd_<name>.c) and their help texts. */
int cmd_check(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_types(int argc, char **argv);
int cmd_help(int argc, char **argv);
int cmd_snapshot(int argc, char **argv);
int cmd_influence(int argc, char **argv);
int cmd_shift(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_who(int argc, char **argv);
int cmd_whom(int argc, char **argv);
int cmd_path(int argc, char **argv);
int cmd_commitments(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_balance(int argc, char **argv);
int cmd_blocs(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_align(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
extern const char cmd_check_help[], cmd_info_help[], cmd_types_help[], cmd_help_help[],
    cmd_snapshot_help[], cmd_influence_help[], cmd_shift_help[], cmd_diff_help[], cmd_who_help[],
    cmd_whom_help[], cmd_path_help[], cmd_commitments_help[], cmd_render_help[], cmd_balance_help[],
    cmd_blocs_help[], cmd_report_help[];
extern const char cmd_align_help[], cmd_export_help[], cmd_import_help[], cmd_timeline_help[];
const cli_cmd *cli_find(const char *name);

/* --- option parsing ------------------------------------------------------ */

typedef struct cli_opt {
    const char *name; /* long name without dashes, e.g. "format" */
    char short_name;  /* 0 when none */
    int takes_value;
} cli_opt;

typedef struct cli_args {
    const char *cmd;     /* command name, for messages */
    const cli_opt *opts; /* terminated by a NULL name */
    int argc;
    char **argv;
    int i;               /* next argument */
    int only_positional; /* after "--" */
} cli_args;

void cli_args_init(cli_args *a, const char *cmd, const cli_opt *opts, int argc, char **argv);

/*
 * Reads the next argument. Returns the option's index in opts (with *value
 * set when it takes one), -1 for a positional argument (in *value), -2 at the
 * end, or -3 after printing a usage error.
 */
int cli_next(cli_args *a, const char **value);

/* Prints "entente CMD: message" and a hint to use --help; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Parses a whole number for option `opt`; prints an error and returns -1 when bad. */
long cli_parse_count(const char *cmd, const char *opt, const char *text);

/* Output formats. */
typedef enum cli_format { CLI_TEXT, CLI_JSON, CLI_CSV } cli_format;
/* Parses --format; `allowed` is a bitmask of 1 << cli_format. */
int cli_parse_format(const char *cmd, const char *text, unsigned allowed, cli_format *out);

/*
 * What every command that reads graph files takes: the files (positional
 * arguments), --format, --max-errors and --threads.
 */
typedef struct cli_input {
    const char *cmd;    /* command name, for messages */
    const char **files; /* n_files paths, owned (the strings are argv's) */
    size_t n_files;
    cli_format format;     /* CLI_TEXT unless --format says otherwise */
    ent_load_options load; /* max_errors from --max-errors, threads from --threads */
    int quiet;             /* -q / --quiet was given */
} cli_input;

/*
 * Parses argv against `opts`. Positional arguments become files; the options
 * named "format" (checked against `formats`, a bitmask of 1 << cli_format;
 * with `formats` 0 it goes to on_option like any other),
 * "max-errors", "threads" and "quiet" fill `in`; any other option goes to on_option(ud, index,
 * value), which returns 0, or -1 after printing a usage error. Returns 0, or
 * EXIT_USAGE / EXIT_FAILURE_ after printing why. Release `in` in any case.
 */
int cli_input_parse(cli_input *in, const char *cmd, const cli_opt *opts, int argc, char **argv,
                    unsigned formats, int (*on_option)(void *ud, int k, const char *val), void *ud);
void cli_input_release(cli_input *in);

/* What cli_input_load prints of the load's diagnostics, on stderr. */
typedef enum cli_diag_print {
    CLI_DIAGS_NONE, /* nothing (the caller reports them itself) */
    CLI_DIAGS_ALL,  /* every diagnostic in full: `entente check` */
    /* Errors (and their notes) in full; the warnings as one line per load,
     * "entente CMD: FILE has N warnings; run 'entente check FILE' to see them",
     * left out with --quiet: every other command, whose warnings `check` shows. */
    CLI_DIAGS_SUMMARY
} cli_diag_print;

/*
 * Loads the input's files into *g with the diagnostics in `diags`, printing
 * them to stderr as `print` says, and an operational failure's message.
 * Returns the exit status the outcome calls for.
 */
int cli_input_load(const cli_input *in, ent_graph **g, ent_diags *diags, cli_diag_print print);

/*
 * The snapshot options the analysis commands share: --window, --half-life,
 * --status, --exclude-claims-by (repeatable) and --sources. cli_view_option handles the
 * option named `name` when it is one of them: returns 1 when handled, 0 when
 * not one of them, -1 after printing a usage error.
 */
#define CLI_MAX_EXCLUDED 64
typedef struct cli_view_args {
    long window;          /* days, default 365 */
    double half_life;     /* days, 0: no decay */
    unsigned status_mask; /* default all */
    const char *excluded[CLI_MAX_EXCLUDED];
    size_t n_excluded;
    uint32_t excluded_ids[CLI_MAX_EXCLUDED]; /* resolved by cli_view_new */
    const char *sources;                     /* --sources KIND[,KIND...], or NULL */
} cli_view_args;

/* The --help lines of -q / --quiet, in the 30-column layout of the analysis commands. */
#define CLI_QUIET_HELP                                                                   \
    "  -q, --quiet                 do not print the line that counts the graph files'\n" \
    "                              warnings (errors are still printed)\n"

/* The shared options' lines of --help, and their entries in an option table. */
#define CLI_VIEW_OPTIONS_HELP                                                             \
    "  --window DAYS               events of the last DAYS days count (default 365)\n"    \
    "  --half-life DAYS            events weigh less with age, halving every DAYS days\n" \
    "  --status LIST               keep only these statuses, e.g. confirmed,reported\n"   \
    "  --exclude-claims-by ACTOR   drop relations claimed or disputed by ACTOR\n"         \
    "  --sources KINDS             keep only relations with evidence from sources of\n"   \
    "                              these kinds, e.g. article (see 'entente info')\n"      \
    "  --format FORMAT             text (default), json or csv\n"                         \
    "  --max-errors N              stop reading after N errors (default 100)\n"           \
    "  --threads N                 load the files on N threads (default 0: automatic;\n" \
    "                              1: one thread)\n" CLI_QUIET_HELP                       \
    "  -h, --help                  show this help\n"                                      \
    "\n"                                                                                  \
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"      \
    "not be read or written, or an internal failure.\n"
#define CLI_VIEW_OPTIONS                                                                  \
    {"window", 0, 1}, {"half-life", 0, 1}, {"status", 0, 1}, {"exclude-claims-by", 0, 1}, \
        {"sources", 0, 1}, {"format", 0, 1}, {"max-errors", 0, 1}, {"threads", 0, 1},     \
        {"quiet", 'q', 0},                                                                \
    {                                                                                     \
        NULL, 0, 0                                                                        \
    }

void cli_view_args_init(cli_view_args *va);
int cli_view_option(const char *cmd, cli_view_args *va, const char *name, const char *val);

/*
 * Resolves WHEN (a snapshot id or a date) and takes the view. Prints an error
 * and returns EXIT_USAGE for an unknown WHEN or actor, EXIT_FAILURE_ when out
 * of memory; EXIT_OK otherwise.
 */
int cli_view_new(const char *cmd, const ent_graph *g, const char *when, cli_view_args *va,
                 ent_view **out);

/*
 * Handles --metric NAME and --top N into `ao`: 1 when handled, 0 when `name`
 * is neither, -1 after printing a usage error.
 */
int cli_analysis_option(const char *cmd, ent_analysis_options *ao, const char *name,
                        const char *val);

/*
 * How every analysis command starts: parses the command line (all three
 * formats allowed), requires graph files and, when `missing` is not NULL,
 * fails with that message (a required option is absent); then loads the
 * graph into *g with its diagnostics in *diags. Returns the exit status so
 * far; the caller frees *g and *diags and releases `in` whatever it is.
 */
int cli_analysis_begin(const char *cmd, cli_input *in, const cli_opt *opts, int argc, char **argv,
                       int (*on_option)(void *ud, int k, const char *val), void *ud,
                       const char *(*missing)(void *ud), ent_diags **diags, ent_graph **g);

/* The view options of `va` with its excluded actors resolved; prints why not. */
int cli_view_options(const char *cmd, const ent_graph *g, cli_view_args *va, ent_view_options *o);

/* As cli_view_new for two dates at once, the second snapshot on another thread. */
int cli_view_pair(const char *cmd, const ent_graph *g, const char *when_a, const char *when_b,
                  cli_view_args *va, ent_view **a, ent_view **b);

/* Resolves an actor name for `cmd`, printing "did you mean" on a miss. -1 when unknown. */
long cli_actor(const char *cmd, const ent_graph *g, const char *name);

/* Writes tables to stdout in the input's format; returns an exit status. */
int cli_write_tables(const char *cmd, const ent_table *const *tables, size_t n, cli_format f);

/* Ends an analysis that made one table: when `failed` (the pass's return value) is non-zero,
 * reports the library's last error for `cmd` and returns EXIT_FAILURE_; otherwise writes the
 * table as cli_write_tables does. Run the pass into a variable first: C leaves the order in
 * which arguments are evaluated open, so cli_write_result(cmd, pass(&t), t, f) may read t
 * before the pass sets it. */
int cli_write_result(const char *cmd, int failed, const ent_table *t, cli_format f);

/* Hints after a part too large for the bloc detection, naming only options the command has. */
#define CLI_BLOCS_NARROW "narrow the snapshot with --status, --sources or --window"

/* Reports a failure `rc` of the bloc detection for `cmd`. ENT_EUSAGE (with the options the
 * CLI passes, only a connected part larger than the limit) is a usage error: the message,
 * then `hint`, which must name only options that `cmd` takes; returns EXIT_USAGE. Anything
 * else returns EXIT_FAILURE_. `what` (NULL for none) prefixes the message, e.g.
 * "--color-by bloc". */
int cli_blocs_error(const char *cmd, const char *what, int rc, const char *hint);

/* Seconds on a monotonic clock, for ENTENTE_TIMING=1 reports. */
double cli_now(void);
/* Prints "timing KEY=SECONDS" to stderr when ENTENTE_TIMING=1. */
void cli_timing(const char *key, double seconds);
/* Prints "timing KEY=N" to stderr when ENTENTE_TIMING=1: a count that goes with the times. */
void cli_timing_count(const char *key, size_t n);

/* Prints a command's help to stdout. Returns EXIT_OK, or EXIT_FAILURE_ after reporting a
 * write error (cli_output_error, once). */
int cli_print_help(const cli_cmd *c);

/* Reports that standard output could not be written, as "entente CMD: cannot write the
 * output: REASON" (`cmd` NULL for entente itself; `err` an errno value, 0 for EIO), and
 * returns EXIT_FAILURE_. Prints once per process: a later call only returns the status. */
int cli_output_error(const char *cmd, int err);

/* Flushes standard output at the end of a command: `status` when everything was written,
 * otherwise EXIT_FAILURE_ after cli_output_error. */
int cli_finish_output(const char *cmd, int status);

/* --- dates, the end of a run and inputs kept safe (run.c) ----------------- */

/* The dates a command is asked about, as given on the command line. */
typedef struct cli_dates {
    const char *at, *from, *to;
} cli_dates;

/* Which dates a command takes. */
typedef enum cli_dates_rule {
    CLI_AT,           /* --at WHEN */
    CLI_FROM_TO,      /* --from WHEN --to WHEN */
    CLI_AT_OR_FROM_TO /* either, not both */
} cli_dates_rule;

/* Records --at, --from or --to (by option name) into d: 1 when `name` is one of them, else 0. */
int cli_dates_option(cli_dates *d, const char *name, const char *val);

/* The on_option of a command whose options are its dates and the view options: 0, or -1
 * after a usage error. */
int cli_dates_view_option(const char *cmd, cli_dates *d, cli_view_args *va, const char *name,
                          const char *val);

/* What is missing or wrong in the dates given under `rule` (a usage message), or NULL. */
const char *cli_dates_missing(const cli_dates *d, cli_dates_rule rule);

/* cli_dates_missing as the `missing` callback of cli_analysis_begin, for a command whose
 * option record begins with its cli_dates (ud points to both). */
const char *cli_missing_at(void *d);
const char *cli_missing_from_to(void *d);
const char *cli_missing_at_or_from_to(void *d);

/* "--between A B" takes two values, which the option parser cannot: a copy of argv (argc
 * entries) with it rewritten as "--between A --until B" (nothing after "--" touched), its
 * length in *out_argc; the caller frees the array (not the strings). NULL when out of
 * memory. Used by the commands that take a period (who, export, import). */
char **cli_rewrite_between(int argc, char **argv, int *out_argc);

/* The views of the dates: with --at, *a on that date (*b NULL); otherwise *a on --from and
 * *b on --to (cli_view_pair). Returns an exit status, after a message when not EXIT_OK. */
int cli_dates_views(const char *cmd, const ent_graph *g, const cli_dates *d, cli_view_args *va,
                    ent_view **a, ent_view **b);

/* How every command ends: frees the views, the graph and the diagnostics (any may be NULL),
 * releases the input (when not NULL) and returns `status`. */
int cli_end(int status, cli_input *in, ent_diags *diags, ent_graph *g, ent_view *a, ent_view *b);

/* How an output path clashes with the input files. */
typedef enum cli_clash {
    CLI_CLASH_NONE = 0,
    CLI_CLASH_IS_INPUT,   /* it is one of them (same device and inode: links too) */
    CLI_CLASH_HOLDS_INPUT /* it is a directory that holds one of them, at any depth */
} cli_clash;

/* Whether writing to `out` would overwrite one of the n input `files` ("-" is stdin, never
 * clashes); *which is set to that input's index. An output that does not exist clashes
 * with nothing. The one check every command that writes files makes. */
cli_clash cli_output_clash(const char *const *files, size_t n, const char *out, size_t *which);

/* --- output files (outfile.c) --------------------------------------------- */

/* A file being written: the temporary file beside `path` until committed. */
typedef struct cli_outfile {
    const char *cmd; /* command name, for messages */
    char *path;      /* the target */
    char *tmp;       /* the temporary file, NULL once renamed or removed */
    FILE *fp;        /* open on tmp until closed */
} cli_outfile;

/* Installs `handler` for SIGINT, SIGTERM and SIGHUP (no flags, nothing blocked):
 * the signals that ask entente to stop, after removing what it was writing. */
void cli_catch_stop_signals(void (*handler)(int));
/* True when `path` exists and is not a regular file (a link, a device, a fifo,
 * a directory): such an output is refused, since the rename would replace it. */
int cli_outfile_refused(const char *path);
/* Creates the temporary file for `path`. EXIT_OK, or EXIT_FAILURE_ after a
 * message (a refused target included); `of` needs no abort then. */
int cli_outfile_open(cli_outfile *of, const char *cmd, const char *path);
/* Flushes and closes the temporary file without renaming it: EXIT_OK, or
 * EXIT_FAILURE_ after a message, the temporary file removed. */
int cli_outfile_close(cli_outfile *of);
/* Closes the temporary file and renames it to the target: EXIT_OK, or
 * EXIT_FAILURE_ after a message, nothing left behind. */
int cli_outfile_commit(cli_outfile *of);
/* Removes the temporary file, if any, and frees `of`. Safe to call twice. */
void cli_outfile_abort(cli_outfile *of);

/* --- loading and diagnostics --------------------------------------------- */

/* Prints one diagnostic, compiler style, to `out`. */
void cli_print_diag(FILE *out, const ent_diag *d);

/* Prints every diagnostic of the list to `out`. */
void cli_print_diags(FILE *out, const ent_diags *diags);

/* Maps a loader return code to an exit code. */
int cli_exit_for(int rc);

/* --- JSON output ----------------------------------------------------------- */

typedef struct cli_json {
    FILE *out;
    int depth;
    int first;     /* nothing written yet at this depth */
    int after_key; /* a key was just written */
} cli_json;

void cli_json_init(cli_json *j, FILE *out);
void cli_json_begin_object(cli_json *j);
void cli_json_end_object(cli_json *j);
void cli_json_begin_array(cli_json *j);
void cli_json_end_array(cli_json *j);
void cli_json_key(cli_json *j, const char *key);
void cli_json_string(cli_json *j, const char *s);
void cli_json_int(cli_json *j, long long v);
void cli_json_bool(cli_json *j, int v);
/* Numbers with a fixed format (%.6g), so output is byte-identical across runs. */
void cli_json_double(cli_json *j, double v);
void cli_json_null(cli_json *j);
/* Writes a JSON string literal for s to out. */
void cli_json_quote(FILE *out, const char *s);

#endif
