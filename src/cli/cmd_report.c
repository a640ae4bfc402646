/*
 * cmd_report.c: `entente report FILE... -o DIR`, the whole story of a graph
 * as a web page, Markdown and JSON, written into a temporary directory
 * beside DIR and renamed into place, so that DIR is either the old report or
 * the new one, never half of one.
 */
#define _XOPEN_SOURCE 700 /* sigaction */
#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

const char cmd_report_help[] =
    "usage: entente report [OPTIONS] FILE... -o DIR\n"
    "\n"
    "Writes the whole story of the graph into DIR: for every snapshot the file\n"
    "declares, the alliance diagram (actors filled by bloc), the influence table\n"
    "ranked by leverage, who relies on whom, who backed and who opposed the main\n"
    "actors, blocs, balance and commitments;\n"
    "for the headline comparison the file marks and for every pair of consecutive\n"
    "snapshots, the two snapshots on one layout, the diff diagram, the shift of\n"
    "leverage with the changes that explain each leading actor's move, the\n"
    "commitments kept and broken, and what changed in balance and blocs; then\n"
    "every source, and every relation with its status, claimant and evidence,\n"
    "which the tables link to.\n"
    "\n"
    "  DIR/index.html    one self-contained page (inline SVG and CSS, no script,\n"
    "                    nothing fetched from the network), printable\n"
    "  DIR/report.md     the same in Markdown, with the diagrams in DIR/img/\n"
    "  DIR/results.json  every table behind the report, by section\n"
    "\n"
    "The report is written into a temporary directory and renamed to DIR when\n"
    "complete; an interrupted run removes it, and one left by a run killed\n"
    "outright is removed by the next run. An existing DIR is replaced only with\n"
    "--force, and only when it is a previous report (index.html, report.md,\n"
    "results.json, img/*.svg) or empty; anything else there, or a DIR that is not\n"
    "a directory (a symbolic link, a device), is refused (exit 2). The terminal\n"
    "gets the headline shift and where the page is.\n"
    "\n"
    "options:\n"
    "  -o, --output DIR            the directory to write (required)\n"
    "  --force                     replace DIR if it is a previous report or empty\n"
    "  --actors LIST               the main actors, e.g. russia,armenia (default:\n"
    "                              the top 3 of each snapshot's leverage ranking)\n"
    "  --top N                     rows of the influence and shift tables (default 10)\n"
    "  --title TEXT                the report's title (default: the graph's title)\n"
    "  --window DAYS               events of the last DAYS days count (default 365)\n"
    "  --half-life DAYS            events weigh less with age, halving every DAYS days\n"
    "  --status LIST               keep only these statuses, e.g. confirmed,reported\n"
    "  --exclude-claims-by ACTOR   drop relations claimed or disputed by ACTOR\n"
    "  --sources KINDS             keep only relations with evidence from sources of\n"
    "                              these kinds, e.g. article (see 'entente info')\n"
    "  --max-errors N              stop reading after N errors (default 100)\n"
    "  --threads N                 load the files on N threads (default 0: automatic;\n"
    "                              1: one thread)\n" CLI_QUIET_HELP
    "  -h, --help                  show this help\n"
    "\n"
    "exit status: 0 success, 1 the data has errors, 2 usage error (DIR exists\n"
    "without --force, or is not a previous report), 3 a file could not be read\n"
    "or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente report graphs/south-caucasus.json -o report\n"
    "  entente report graphs/south-caucasus.json -o report --force --actors russia\n";

enum { O_OUTPUT, O_FORCE, O_ACTORS, O_TOP, O_TITLE };
static const cli_opt opts[] = {
    {"output", 'o', 1},  {"force", 0, 0},      {"actors", 0, 1},
    {"top", 0, 1},       {"title", 0, 1},      {"window", 0, 1},
    {"half-life", 0, 1}, {"status", 0, 1},     {"exclude-claims-by", 0, 1},
    {"sources", 0, 1},   {"max-errors", 0, 1}, {"threads", 0, 1},
    {"quiet", 'q', 0},   {NULL, 0, 0}};

#define MAX_ACTORS 64

typedef struct args {
    const char *output, *actors, *title;
    int force;
    long top;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    switch (k) {
    case O_OUTPUT:
        a->output = val;
        return 0;
    case O_FORCE:
        a->force = 1;
        return 0;
    case O_ACTORS:
        a->actors = val;
        return 0;
    case O_TITLE:
        a->title = val;
        return 0;
    case O_TOP: {
        long n = cli_parse_count("report", "top", val);
        if (n < 1) {
            if (n == 0)
                cli_usage_error("report", "'--top' must be at least 1");
            return -1;
        }
        a->top = n;
        return 0;
    }
    default:
        return cli_view_option("report", &a->va, opts[k].name, val) < 0 ? -1 : 0;
    }
}

/* ------------------------------------------------ the temporary directory --- */

/* Removes DIR and what the report writes in it (files and img/). */
static void remove_tree(const char *dir)
{
    char path[4096];
    for (int depth = 1; depth >= 0; depth--) {
        snprintf(path, sizeof path, depth ? "%s/img" : "%s", dir);
        DIR *d = opendir(path);
        if (!d)
            continue;
        struct dirent *e;
        while ((e = readdir(d))) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char file[4352];
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            if (unlink(file) != 0 && errno == EISDIR)
                rmdir(file);
        }
        closedir(d);
        rmdir(path);
    }
}

/* The signal that interrupted the run, 0 when none. The handler only sets it
 * (nothing else is async-signal-safe enough): the report asks for it at its
 * safe points through stop_asked, and the temporary directory is removed here
 * in normal context. */
static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
    /* A second signal while the first is being honoured: leave at once; the
     * next run removes the temporary directory. */
    if (interrupted)
        _exit(128 + sig);
    interrupted = sig;
}

static int stop_asked(void *ud)
{
    (void)ud;
    return interrupted != 0;
}

/* True when every entry of `path` (a regular file, or img/ a directory) is
 * one that the report writes, so that nothing else is lost by --force. */
static int only_report_files(const char *dir, int in_img)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int ok = 1;
    struct dirent *e;
    while (ok && (e = readdir(d))) {
        const char *s = e->d_name;
        if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
            continue;
        char path[4352];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", dir, s) >= (int)sizeof path ||
            lstat(path, &st) != 0) {
            ok = 0;
        } else if (in_img) {
            size_t n = strlen(s);
            ok = S_ISREG(st.st_mode) && n > 4 && strcmp(s + n - 4, ".svg") == 0;
        } else if (strcmp(s, "img") == 0) {
            ok = S_ISDIR(st.st_mode) && only_report_files(path, 1);
        } else {
            ok = S_ISREG(st.st_mode) &&
                 (strcmp(s, "index.html") == 0 || strcmp(s, "report.md") == 0 ||
                  strcmp(s, "results.json") == 0);
        }
    }
    closedir(d);
    return ok;
}

/* Removes what an interrupted or killed run left beside DIR: the directories
 * parent/NAME.tmp-PID-XXXXXX and parent/NAME.old-PID-XXXXXX of a process that
 * is gone (or of an older entente, without PID), if they are ours. */
static void remove_stale(const char *parent, const char *name)
{
    DIR *d = opendir(parent);
    if (!d)
        return;
    size_t n = strlen(name);
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *s = e->d_name;
        if (strncmp(s, name, n) != 0 ||
            (strncmp(s + n, ".tmp-", 5) != 0 && strncmp(s + n, ".old-", 5) != 0))
            continue;
        char *end;
        long pid = strtol(s + n + 5, &end, 10);
        if (end != s + n + 5 && *end == '-' && pid > 0 &&
            (kill((pid_t)pid, 0) == 0 || errno == EPERM))
            continue; /* another run still writing */
        char path[4352];
        struct stat st;
        if (snprintf(path, sizeof path, "%s/%s", parent, s) >= (int)sizeof path ||
            lstat(path, &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != geteuid())
            continue;
        remove_tree(path);
    }
    closedir(d);
}

static void progress(void *ud, const char *step, double seconds)
{
    (void)ud;
    if (seconds >= 1.0)
        fprintf(stderr, "entente report: %s took %.1f s\n", step, seconds);
}

/* "parent/name": splits DIR into its parent ("." when none) and last name. */
static void split_dir(const char *dir, char *parent, size_t psize, const char **name)
{
    const char *slash = strrchr(dir, '/');
    if (!slash) {
        snprintf(parent, psize, ".");
        *name = dir;
    } else if (slash == dir) {
        snprintf(parent, psize, "/");
        *name = slash + 1;
    } else {
        snprintf(parent, psize, "%.*s", (int)(slash - dir), dir);
        *name = slash + 1;
    }
}

/* Refuses an output that is one of the graph files or a directory holding
 * one (--force would delete it). */
static int check_inputs(const cli_input *in, const char *out)
{
    size_t i;
    switch (cli_output_clash(in->files, in->n_files, out, &i)) {
    case CLI_CLASH_IS_INPUT:
        return cli_usage_error("report", "'%s' is one of the graph files; choose another directory",
                               out);
    case CLI_CLASH_HOLDS_INPUT:
        return cli_usage_error("report", "'%s' holds the graph file '%s'; choose another directory",
                               out, in->files[i]);
    default:
        return EXIT_OK;
    }
}

int cmd_report(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    a.top = 10;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    char *summary = NULL, out[4096];
    uint32_t actors[MAX_ACTORS];
    size_t n_actors = 0;
    cli_view_args_init(&a.va);
    int status = cli_input_parse(&in, "report", opts, argc, argv, 0, on_option, &a);
    if (status)
        goto done;
    if (!in.n_files || !a.output) {
        status = cli_usage_error("report", "%s",
                                 !in.n_files ? "no graph file given" : "'-o DIR' is required");
        goto done;
    }
    /* Trailing slashes would make the temporary directory a child of DIR. */
    snprintf(out, sizeof out, "%s", a.output);
    for (size_t n = strlen(out); n > 1 && out[n - 1] == '/'; n--)
        out[n - 1] = '\0';
    if (!out[0] || strcmp(out, ".") == 0 || strcmp(out, "..") == 0 || strcmp(out, "/") == 0) {
        status = cli_usage_error("report",
                                 "'%s' cannot be the report's directory; name a new "
                                 "one, e.g. -o report",
                                 a.output);
        goto done;
    }
    struct stat st;
    if ((status = check_inputs(&in, out)))
        goto done;
    if (lstat(out, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            status = cli_usage_error("report", "'%s' exists and is not a directory", out);
            goto done;
        }
        if (!a.force) {
            status = cli_usage_error("report", "'%s' exists; add --force to replace it", out);
            goto done;
        }
        /* --force replaces a previous report (or an empty directory), never a
         * directory holding anything else. */
        if (!only_report_files(out, 0)) {
            status = cli_usage_error("report",
                                     "'%s' holds files that are not a report's; --force "
                                     "replaces only a previous report, so choose another "
                                     "directory",
                                     out);
            goto done;
        }
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente report: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if ((status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY)))
        goto done;
    if (a.actors) {
        char buf[2048];
        snprintf(buf, sizeof buf, "%s", a.actors);
        for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
            while (*tok == ' ')
                tok++;
            if (!*tok)
                continue;
            long id = cli_actor("report", g, tok);
            if (id < 0) {
                status = EXIT_USAGE;
                goto done;
            }
            if (n_actors == MAX_ACTORS) {
                status =
                    cli_usage_error("report", "'--actors' names at most %d actors", MAX_ACTORS);
                goto done;
            }
            actors[n_actors++] = (uint32_t)id;
        }
        if (!n_actors) {
            status = cli_usage_error("report", "'--actors' names no actor");
            goto done;
        }
    }
    ent_view_options vo;
    if ((status = cli_view_options("report", g, &a.va, &vo)))
        goto done;
    if (!ent_graph_snapshot_count(g)) {
        status = cli_usage_error("report", "the graph declares no snapshot; add a 'snapshots' "
                                           "section (docs/format.md) for the report to tell");
        goto done;
    }

    char parent[4096];
    const char *name;
    char pending[4096];
    split_dir(out, parent, sizeof parent, &name);
    if (snprintf(pending, sizeof pending, "%s/%s.tmp-%ld-XXXXXX", parent, name, (long)getpid()) >=
        (int)sizeof pending) {
        status = cli_usage_error("report", "the path '%s' is too long", out);
        goto done;
    }
    remove_stale(parent, name);
    cli_catch_stop_signals(on_signal);
    if (!mkdtemp(pending)) {
        fprintf(stderr, "entente report: cannot create a directory in '%s': %s\n", parent,
                strerror(errno));
        status = EXIT_FAILURE_;
        goto done;
    }
    chmod(pending, 0755); /* mkdtemp makes it 0700; a report is for sharing */
    ent_report_options ro;
    ent_report_options_init(&ro);
    ro.view = &vo;
    ro.actors = n_actors ? actors : NULL;
    ro.n_actors = n_actors;
    ro.top = (size_t)a.top;
    ro.title = a.title;
    ro.files = in.files;
    ro.n_files = in.n_files;
    ro.progress = progress;
    ro.stop = stop_asked;
    /* The last safe point is before the old DIR is moved aside: from there on
     * the report is put in place whatever comes, and the signal honoured after. */
    if (ent_report_write(g, &ro, pending, &summary) || interrupted) {
        fprintf(stderr, "entente report: %s\n", interrupted ? "interrupted" : ent_error_last());
        remove_tree(pending);
        status = EXIT_FAILURE_;
        goto done;
    }
    /* Into place: an old DIR (with --force) is moved aside first, then removed. */
    char old[4200] = "";
    if (lstat(out, &st) == 0) {
        int n = snprintf(old, sizeof old, "%s/%s.old-%ld-XXXXXX", parent, name, (long)getpid());
        if (n >= (int)sizeof old || !mkdtemp(old) || rmdir(old) != 0 || rename(out, old) != 0) {
            fprintf(stderr, "entente report: cannot move the old '%s' aside: %s\n", out,
                    strerror(errno));
            remove_tree(pending);
            status = EXIT_FAILURE_;
            goto done;
        }
    }
    if (rename(pending, out) != 0) {
        fprintf(stderr, "entente report: cannot rename '%s' to '%s': %s\n", pending, out,
                strerror(errno));
        if (old[0])
            rename(old, out);
        remove_tree(pending);
        status = EXIT_FAILURE_;
        goto done;
    }
    if (old[0])
        remove_tree(old);
    long hc = ent_graph_headline_comparison(g);
    if (hc >= 0) {
        const ent_comparison *c = ent_graph_comparison(g, (size_t)hc);
        printf("headline, %s to %s: the largest shifts of leverage\n",
               ent_graph_snapshot(g, c->from)->id, ent_graph_snapshot(g, c->to)->id);
        fputs(summary ? summary : "", stdout);
    }
    printf("report: %s/index.html (also %s/report.md and %s/results.json)\n", out, out, out);
    status = fflush(stdout) == 0 ? EXIT_OK : EXIT_FAILURE_;
done:
    ent_report_summary_free(summary);
    status = cli_end(status, &in, diags, g, NULL, NULL);
    if (interrupted) {
        /* Cleaned up: now end the way the signal would have, so that the
         * caller sees it (a shell reports 130 for SIGINT, 143 for SIGTERM). */
        signal(interrupted, SIG_DFL);
        raise(interrupted);
    }
    return status;
}
