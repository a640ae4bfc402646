/*
 * cli.c: option parsing, diagnostics printing and JSON output for every
 * subcommand.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "util/fuzzy.h"

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
    while ((k = cli_next(&a, &val)) != -2) {
        if (k == -3)
            return EXIT_USAGE;
        if (k == -1) {
            in->files[in->n_files++] = val;
            continue;
        }
        if (strcmp(opts[k].name, "format") == 0) {
            if (cli_parse_format(cmd, val, formats, &in->format) < 0)
                return EXIT_USAGE;
        } else if (strcmp(opts[k].name, "max-errors") == 0) {
            long m = cli_parse_count(cmd, "max-errors", val);
            if (m < 0)
                return EXIT_USAGE;
            in->load.max_errors = m == 0 ? (size_t)-1 : (size_t)m;
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

int cli_input_load(const cli_input *in, ent_graph **g, ent_diags *diags, int print)
{
    int rc = ent_load_files(g, in->files, in->n_files, &in->load, diags);
    if (print)
        cli_print_diags(stderr, diags);
    if (rc != ENT_OK && rc != ENT_EINVALID && rc != ENT_EIO)
        fprintf(stderr, "entente %s: %s\n", in->cmd, ent_error_last());
    return cli_exit_for(rc);
}

int cli_print_help(const cli_cmd *c)
{
    fputs(c->help, stdout);
    return EXIT_OK;
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
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"':
            fputs("\\\"", out);
            break;
        case '\\':
            fputs("\\\\", out);
            break;
        case '\n':
            fputs("\\n", out);
            break;
        case '\r':
            fputs("\\r", out);
            break;
        case '\t':
            fputs("\\t", out);
            break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(out, "\\u%04x", *p);
            else
                fputc(*p, out);
        }
    }
    fputc('"', out);
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
