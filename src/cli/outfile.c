/*
 * outfile.c: output files written whole or not at all: a temporary file
 * beside the target, renamed into place when everything is written, removed
 * otherwise, and by a signal handler when SIGINT, SIGTERM or SIGHUP ends the
 * process first. An existing target that is not a regular file (a symbolic
 * link, a device, a fifo, a directory) is refused and left as it was. The
 * temporary file is named .NAME.entente-PID.XXXXXX: a run killed before it
 * could remove its own (kill -9) leaves one, which the next run for the same
 * target removes once no process of that number is running.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

/* The temporary files being written, removed by the handler when a signal
 * (SIGINT, SIGTERM, SIGHUP) ends the process before they are renamed. */
#define MAX_PENDING 4
static char *volatile pending[MAX_PENDING];

static void on_signal(int sig)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i])
            unlink(pending[i]); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void track(char *tmp)
{
    static int installed;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGHUP, &sa, NULL);
        installed = 1;
    }
    for (int i = 0; i < MAX_PENDING; i++)
        if (!pending[i]) {
            pending[i] = tmp;
            return;
        }
}

static void untrack(const char *tmp)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] == tmp)
            pending[i] = NULL;
}

int cli_outfile_refused(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Removes the temporary files that runs no longer running left beside `path`. */
static void remove_stale(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path) : 0;
    const char *base = slash ? slash + 1 : path;
    char dir[4096], prefix[512], file[4608];
    if (dirlen >= sizeof dir || strlen(base) + 16 >= sizeof prefix)
        return;
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", (int)(dirlen ? dirlen : 1), path);
    int plen = snprintf(prefix, sizeof prefix, ".%s.entente-", base);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, prefix, (size_t)plen) != 0)
            continue;
        char *end;
        long pid = strtol(e->d_name + plen, &end, 10);
        /* The name mkstemp made: the number, a dot and six characters. */
        if (end == e->d_name + plen || pid <= 0 || *end != '.' || strlen(end + 1) != 6)
            continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
            continue; /* still running (or not ours to ask about) */
        snprintf(file, sizeof file, "%s/%s", dir, e->d_name);
        unlink(file);
    }
    closedir(d);
}

int cli_outfile_open(cli_outfile *of, const char *cmd, const char *path)
{
    memset(of, 0, sizeof *of);
    of->cmd = cmd;
    if (cli_outfile_refused(path)) {
        fprintf(stderr, "entente %s: '%s' exists and is not a regular file; not replaced\n", cmd,
                path);
        return EXIT_FAILURE_;
    }
    size_t n = strlen(path);
    if (!(of->path = strdup(path)) || !(of->tmp = malloc(n + 48))) {
        fprintf(stderr, "entente %s: out of memory\n", cmd);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    remove_stale(path);
    snprintf(of->tmp, n + 48, "%.*s.%s.entente-%ld.XXXXXX", (int)dir, path, path + dir,
             (long)getpid());
    int fd = mkstemp(of->tmp);
    if (fd < 0) {
        fprintf(stderr, "entente %s: cannot create a file beside '%s': %s\n", cmd, path,
                strerror(errno));
        free(of->tmp);
        of->tmp = NULL;
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    track(of->tmp);
    /* mkstemp makes it private; give it the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(of->fp = fdopen(fd, "w"))) {
        fprintf(stderr, "entente %s: cannot write '%s': %s\n", cmd, of->tmp, strerror(errno));
        close(fd);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    return EXIT_OK;
}

int cli_outfile_close(cli_outfile *of)
{
    if (!of->fp)
        return EXIT_OK;
    errno = 0;
    int bad = ferror(of->fp) | fflush(of->fp);
    int err = errno;
    if (fclose(of->fp) != 0 && !bad) {
        bad = 1;
        err = errno;
    }
    of->fp = NULL;
    if (bad) {
        fprintf(stderr, "entente %s: cannot write '%s': %s\n", of->cmd, of->path,
                strerror(err ? err : EIO));
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    return EXIT_OK;
}

int cli_outfile_commit(cli_outfile *of)
{
    int status = cli_outfile_close(of);
    if (status != EXIT_OK)
        return status;
    if (cli_outfile_refused(of->path)) {
        fprintf(stderr, "entente %s: '%s' exists and is not a regular file; not replaced\n",
                of->cmd, of->path);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    if (rename(of->tmp, of->path) != 0) {
        fprintf(stderr, "entente %s: cannot write '%s': %s\n", of->cmd, of->path,
                strerror(errno));
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    untrack(of->tmp);
    free(of->tmp);
    of->tmp = NULL;
    cli_outfile_abort(of);
    return EXIT_OK;
}

void cli_outfile_abort(cli_outfile *of)
{
    if (of->fp)
        fclose(of->fp);
    of->fp = NULL;
    if (of->tmp) {
        unlink(of->tmp);
        untrack(of->tmp);
    }
    free(of->tmp);
    free(of->path);
    of->tmp = of->path = NULL;
}
