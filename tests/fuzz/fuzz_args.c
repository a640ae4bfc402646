/*
 * fuzz_args.c: the command line of every command. The input picks a command
 * (its first byte) and gives its arguments (the rest, split at NUL bytes);
 * the command runs as `entente COMMAND ARGS...` would, up to the point where
 * it would read its input or create its output: this program is linked with
 * -Wl,--wrap for ent_load_files, the importers and cli_outfile_open, and
 * the wrappers below answer "cannot" without reading or creating anything.
 * So no analysis runs and no file is read or written (render and report
 * write only after loading, through their own code). What is
 * checked: the parsing never crashes, and a command ends with a documented
 * exit status (0 to 3).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int __wrap_ent_load_files(ent_graph **out, const char *const *paths, size_t n,
                          const ent_load_options *opts, ent_diags *diags);

int __wrap_ent_load_files(ent_graph **out, const char *const *paths, size_t n,
                          const ent_load_options *opts, ent_diags *diags)
{
    (void)paths;
    (void)n;
    (void)opts;
    (void)diags;
    *out = NULL;
    return ENT_EIO;
}

int __wrap_ent_import_gdelt(FILE *out, const char *const *files, size_t n_files,
                            const ent_import_options *o, ent_diags *diags,
                            ent_import_stats *stats);
int __wrap_ent_import_gdelt(FILE *out, const char *const *files, size_t n_files,
                            const ent_import_options *o, ent_diags *diags,
                            ent_import_stats *stats)
{
    (void)out;
    (void)files;
    (void)n_files;
    (void)o;
    (void)diags;
    memset(stats, 0, sizeof *stats);
    return ENT_EIO;
}

int __wrap_ent_import_csv(FILE *out, const char *const *files, size_t n_files,
                          const ent_import_csv_options *o, ent_diags *diags,
                          ent_import_stats *stats);
int __wrap_ent_import_csv(FILE *out, const char *const *files, size_t n_files,
                          const ent_import_csv_options *o, ent_diags *diags,
                          ent_import_stats *stats)
{
    (void)out;
    (void)files;
    (void)n_files;
    (void)o;
    (void)diags;
    memset(stats, 0, sizeof *stats);
    return ENT_EIO;
}

int __wrap_cli_outfile_open(cli_outfile *of, const char *cmd, const char *path);
int __wrap_cli_outfile_open(cli_outfile *of, const char *cmd, const char *path)
{
    (void)path;
    memset(of, 0, sizeof *of);
    of->cmd = cmd;
    return EXIT_FAILURE_;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* Usage errors and help texts are not wanted on the terminal: the C streams
     * stdout and stderr go to /dev/null, while file descriptors 1 and 2 stay
     * as they are for libFuzzer's and the sanitizers' reports. */
    FILE *null_out = fopen("/dev/null", "w");
    if (!null_out)
        abort();
    stdout = null_out;
    stderr = null_out;
    return 0;
}

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        LLVMFuzzerInitialize(NULL, NULL);
        ready = 1;
    }
    size_t n_cmds = 0;
    while (cli_commands[n_cmds].name)
        n_cmds++;
    if (size == 0)
        return 0;
    const cli_cmd *c = &cli_commands[data[0] % n_cmds];
    /* A NUL-terminated copy of the rest, split at NULs into arguments. */
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data + 1, size - 1);
    buf[size - 1] = '\0';
    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = (char *)c->name;
    for (size_t i = 0; i < size - 1 && argc <= MAX_ARGS; i += strlen(buf + i) + 1)
        argv[argc++] = buf + i;
    argv[argc] = NULL;
    int status = c->run(argc, argv);
    if (status < 0 || status > 3)
        abort();
    free(buf);
    return 0;
}
