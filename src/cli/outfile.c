/*
 * outfile.c: output files written whole or not at all: a temporary file
 * beside the target, renamed into place when everything is written, removed
 * otherwise. An existing target that is not a regular file (a symbolic link,
 * a device, a fifo, a directory) is refused and left as it was. The temporary
 * file is named .NAME.entente-PID.XXXXXX: a run killed before it could remove
 * its own (kill -9) leaves one, which the next run for the same target
 * removes once no process of that number is running.
 *
 * SIGINT, SIGTERM and SIGHUP while an output is being written: the handler
 * only records the signal in a flag. The temporary files are removed outside
 * it, by whichever comes first of a watcher thread that looks at the flag
 * every WATCH_MS milliseconds (so a long layout or a slow write is stopped
 * promptly) and the next call here (open, close, commit, abort); that code
 * then ends the process by the same signal, with its default action. The list
 * of files being written is shared by the two under a mutex, which the
 * handler never takes, so no rename can happen between the removal and the
 * end.
 */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* The outputs being written (opened and not yet renamed or removed). */
#define MAX_PENDING 4
static cli_outfile *pending[MAX_PENDING];
static pthread_mutex_t pending_lock = PTHREAD_MUTEX_INITIALIZER;

/* The signal that asked the process to end, 0 when none: set by the handler
 * and nothing else; read with an atomic load by the watcher thread. */
static volatile sig_atomic_t interrupted;

#define WATCH_MS 20

static void on_signal(int sig)
{
    __atomic_store_n(&interrupted, sig, __ATOMIC_SEQ_CST);
}

/* Removes every pending temporary file and ends the process by the signal
 * recorded (default action). Not in a handler: called with pending_lock not
 * held, by the watcher thread or at a safe point of the main thread. */
static void finish_interrupted(void)
{
    int sig = __atomic_load_n(&interrupted, __ATOMIC_SEQ_CST);
    pthread_mutex_lock(&pending_lock); /* held to the end: no rename slips in */
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] && pending[i]->tmp) {
            unlink(pending[i]->tmp);
            fprintf(stderr, "entente %s: interrupted; '%s' not written\n", pending[i]->cmd,
                    pending[i]->path);
        }
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: the default action of these signals ends the process */
}

/* The safe point of the calls below: ends the process if a signal asked for it. */
static void check_interrupted(void)
{
    if (__atomic_load_n(&interrupted, __ATOMIC_SEQ_CST))
        finish_interrupted();
}

static void *watch(void *unused)
{
    (void)unused;
    struct timespec ts = {0, WATCH_MS * 1000000L};
    for (;;) {
        check_interrupted();
        nanosleep(&ts, NULL);
    }
    return NULL;
}

/* Installs the handler and starts the watcher, once. Without a watcher (no
 * thread could be made), the safe points of the calls below still honour the
 * signal, later. */
static void install(void)
{
    static int installed;
    if (installed)
        return;
    installed = 1;
    cli_catch_stop_signals(on_signal);
    pthread_attr_t attr;
    pthread_t t;
    if (pthread_attr_init(&attr) == 0) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        pthread_attr_setstacksize(&attr, 64 * 1024);
        /* the watcher takes no signal: they go to the threads doing the work */
        sigset_t block, old;
        sigemptyset(&block);
        sigaddset(&block, SIGINT);
        sigaddset(&block, SIGTERM);
        sigaddset(&block, SIGHUP);
        pthread_sigmask(SIG_BLOCK, &block, &old);
        pthread_create(&t, &attr, watch, NULL);
        pthread_sigmask(SIG_SETMASK, &old, NULL);
        pthread_attr_destroy(&attr);
    }
}

/* Adds `of` to the pending outputs before its temporary file exists; 0, or -1
 * when MAX_PENDING are already pending. */
static int track(cli_outfile *of)
{
    install();
    int rc = -1;
    pthread_mutex_lock(&pending_lock);
    for (int i = 0; i < MAX_PENDING && rc < 0; i++)
        if (!pending[i]) {
            pending[i] = of;
            rc = 0;
        }
    pthread_mutex_unlock(&pending_lock);
    return rc;
}

/* Removes `of` from the pending outputs; called with pending_lock held. */
static void untrack_locked(const cli_outfile *of)
{
    for (int i = 0; i < MAX_PENDING; i++)
        if (pending[i] == of)
            pending[i] = NULL;
}

void cli_catch_stop_signals(void (*handler)(int))
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
        /* A signal ignored when the program started (SIGINT for a job that a
         * shell put in the background, SIGHUP under nohup) stays ignored. */
        struct sigaction old;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(sigs[i], &sa, NULL);
    }
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
    check_interrupted();
    if (cli_outfile_refused(path)) {
        fprintf(stderr, "entente %s: '%s' exists and is not a regular file; not replaced\n", cmd,
                path);
        return EXIT_FAILURE_;
    }
    size_t n = strlen(path);
    char *tmp = malloc(n + 48);
    if (!(of->path = strdup(path)) || !tmp) {
        fprintf(stderr, "entente %s: out of memory\n", cmd);
        free(tmp);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    remove_stale(path);
    snprintf(tmp, n + 48, "%.*s.%s.entente-%ld.XXXXXX", (int)dir, path, path + dir,
             (long)getpid());
    if (track(of) != 0) {
        fprintf(stderr, "entente %s: internal error: more than %d outputs open at once\n", cmd,
                MAX_PENDING);
        free(tmp);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    /* Created under the lock, so that an interruption sees the file's name
     * only once it is whole. */
    pthread_mutex_lock(&pending_lock);
    int fd = mkstemp(tmp);
    int err = errno;
    if (fd >= 0)
        of->tmp = tmp;
    pthread_mutex_unlock(&pending_lock);
    if (fd < 0) {
        fprintf(stderr, "entente %s: cannot create a file beside '%s': %s\n", cmd, path,
                strerror(err));
        free(tmp);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    /* mkstemp makes it private; give it the usual permissions. */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(of->fp = fdopen(fd, "w"))) {
        fprintf(stderr, "entente %s: cannot write '%s': %s\n", cmd, of->tmp, strerror(errno));
        close(fd);
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    check_interrupted();
    return EXIT_OK;
}

int cli_outfile_close(cli_outfile *of)
{
    check_interrupted();
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
    check_interrupted();
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
    /* The rename and the end of tracking under the lock: an interruption
     * removes the temporary file before the rename or leaves the new output. */
    pthread_mutex_lock(&pending_lock);
    int interrupt = __atomic_load_n(&interrupted, __ATOMIC_SEQ_CST) != 0;
    int renamed = !interrupt && rename(of->tmp, of->path) == 0;
    int err = errno;
    if (renamed) {
        untrack_locked(of);
        free(of->tmp);
        of->tmp = NULL;
    }
    pthread_mutex_unlock(&pending_lock);
    if (interrupt)
        finish_interrupted();
    if (!renamed) {
        fprintf(stderr, "entente %s: cannot write '%s': %s\n", of->cmd, of->path, strerror(err));
        cli_outfile_abort(of);
        return EXIT_FAILURE_;
    }
    cli_outfile_abort(of);
    return EXIT_OK;
}

void cli_outfile_abort(cli_outfile *of)
{
    if (of->fp)
        fclose(of->fp);
    of->fp = NULL;
    pthread_mutex_lock(&pending_lock);
    if (of->tmp)
        unlink(of->tmp);
    untrack_locked(of);
    free(of->tmp);
    of->tmp = NULL;
    pthread_mutex_unlock(&pending_lock);
    free(of->path);
    of->path = NULL;
    check_interrupted();
}
