/*
 * cli.h: what the subcommands share: the command table, option parsing,
 * printing diagnostics, a small JSON writer and the exit codes.
 */
#ifndef ENT_CLI_H
#define ENT_CLI_H

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
extern const char cmd_check_help[], cmd_info_help[], cmd_types_help[], cmd_help_help[];
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
 * arguments), --format and --max-errors.
 */
typedef struct cli_input {
    const char *cmd;    /* command name, for messages */
    const char **files; /* n_files paths, owned (the strings are argv's) */
    size_t n_files;
    cli_format format;     /* CLI_TEXT unless --format says otherwise */
    ent_load_options load; /* max_errors from --max-errors */
} cli_input;

/*
 * Parses argv against `opts`. Positional arguments become files; the options
 * named "format" (checked against `formats`, a bitmask of 1 << cli_format) and
 * "max-errors" fill `in`; any other option goes to on_option(ud, index,
 * value), which returns 0, or -1 after printing a usage error. Returns 0, or
 * EXIT_USAGE / EXIT_FAILURE_ after printing why. Release `in` in any case.
 */
int cli_input_parse(cli_input *in, const char *cmd, const cli_opt *opts, int argc, char **argv,
                    unsigned formats, int (*on_option)(void *ud, int k, const char *val), void *ud);
void cli_input_release(cli_input *in);

/*
 * Loads the input's files into *g with the diagnostics in `diags`, printing
 * them to stderr when `print` is set, and an operational failure's message.
 * Returns the exit status the outcome calls for.
 */
int cli_input_load(const cli_input *in, ent_graph **g, ent_diags *diags, int print);

/* Prints a command's help to stdout. */
int cli_print_help(const cli_cmd *c);

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
