/*
 * run.c: what every command does the same way: the dates it is asked about
 * (--at WHEN, --from WHEN --to WHEN, --between A B), the end of a run
 * (everything freed in one call), and the refusal of an output that would
 * overwrite an input.
 */
#define _XOPEN_SOURCE 700 /* realpath */

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

int cli_dates_option(cli_dates *d, const char *name, const char *val)
{
    if (strcmp(name, "at") == 0)
        d->at = val;
    else if (strcmp(name, "from") == 0)
        d->from = val;
    else if (strcmp(name, "to") == 0)
        d->to = val;
    else
        return 0;
    return 1;
}

int cli_dates_view_option(const char *cmd, cli_dates *d, cli_view_args *va, const char *name,
                          const char *val)
{
    if (cli_dates_option(d, name, val))
        return 0;
    return cli_view_option(cmd, va, name, val) < 0 ? -1 : 0;
}

const char *cli_dates_missing(const cli_dates *d, cli_dates_rule rule)
{
    switch (rule) {
    case CLI_AT:
        return d->at ? NULL : "'--at WHEN' is required";
    case CLI_FROM_TO:
        return d->from && d->to ? NULL : "'--from WHEN' and '--to WHEN' are required";
    case CLI_AT_OR_FROM_TO:
    default:
        if (d->at && (d->from || d->to))
            return "give either '--at WHEN' or '--from WHEN --to WHEN', not both";
        if (!d->at && !(d->from && d->to))
            return d->from || d->to ? "'--from' and '--to' go together"
                                    : "'--at WHEN' (or '--from WHEN --to WHEN') is required";
        return NULL;
    }
}

const char *cli_missing_at(void *d)
{
    return cli_dates_missing(d, CLI_AT);
}

const char *cli_missing_from_to(void *d)
{
    return cli_dates_missing(d, CLI_FROM_TO);
}

const char *cli_missing_at_or_from_to(void *d)
{
    return cli_dates_missing(d, CLI_AT_OR_FROM_TO);
}

char **cli_rewrite_between(int argc, char **argv, int *out_argc)
{
    char **v = malloc(((size_t)argc * 2 + 1) * sizeof *v);
    int n = 0;
    if (!v)
        return NULL;
    for (int i = 0; i < argc; i++) {
        v[n++] = argv[i];
        if (strcmp(argv[i], "--") == 0) {
            while (++i < argc)
                v[n++] = argv[i];
            break;
        }
        if (strcmp(argv[i], "--between") == 0 && i + 2 < argc) {
            v[n++] = argv[++i];
            v[n++] = "--until";
            v[n++] = argv[++i];
        }
    }
    v[n] = NULL;
    *out_argc = n;
    return v;
}

int cli_dates_views(const char *cmd, const ent_graph *g, const cli_dates *d, cli_view_args *va,
                    ent_view **a, ent_view **b)
{
    *a = *b = NULL;
    if (d->at)
        return cli_view_new(cmd, g, d->at, va, a);
    return cli_view_pair(cmd, g, d->from, d->to, va, a, b);
}

int cli_end(int status, cli_input *in, ent_diags *diags, ent_graph *g, ent_view *a, ent_view *b)
{
    ent_view_free(a);
    ent_view_free(b);
    ent_graph_free(g);
    ent_diags_free(diags);
    if (in)
        cli_input_release(in);
    return status;
}

/* Whether the directory `dir` (a canonical path) holds the canonical path `file`. */
static int holds(const char *dir, const char *file)
{
    size_t n = strlen(dir);
    return strncmp(file, dir, n) == 0 && (file[n] == '/' || (n == 1 && dir[0] == '/'));
}

cli_clash cli_output_clash(const char *const *files, size_t n, const char *out, size_t *which)
{
    struct stat o;
    if (stat(out, &o) != 0)
        return CLI_CLASH_NONE; /* does not exist yet: it is no input and holds none */
    char dir[PATH_MAX];
    int is_dir = S_ISDIR(o.st_mode) && realpath(out, dir) != NULL;
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(files[i], "-") == 0 || stat(files[i], &st) != 0)
            continue;
        *which = i;
        /* The same file by device and inode: through a link, a hard link or another
         * spelling of the path. */
        if (st.st_dev == o.st_dev && st.st_ino == o.st_ino)
            return CLI_CLASH_IS_INPUT;
        char file[PATH_MAX];
        if (is_dir && realpath(files[i], file) && holds(dir, file))
            return CLI_CLASH_HOLDS_INPUT;
    }
    return CLI_CLASH_NONE;
}
