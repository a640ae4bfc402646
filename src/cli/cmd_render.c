/*
 * cmd_render.c: `entente render`, alliance diagrams of one snapshot, of two
 * side by side, or of the changes between two, written to a file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/fuzzy.h"

const char cmd_render_help[] =
    "usage: entente render [OPTIONS] FILE... (--at WHEN [--compare WHEN] | --from WHEN --to "
    "WHEN --diff) -o OUTPUT\n"
    "\n"
    "Draws an alliance diagram with Graphviz. With --at alone, the snapshot on that\n"
    "date; with --compare, the two snapshots side by side, every actor at the same\n"
    "place in both panels; with --from, --to and --diff, one picture of what changed:\n"
    "relations formed, dissolved, sign-flipped or unchanged, actors that appeared or\n"
    "left. Shapes tell the kinds of actor; the hue of a line is always its sign:\n"
    "blue cooperation, red hostility, grey neutral (wider for more intense\n"
    "relations); dashed lines are relations only claimed or disputed, labelled with\n"
    "who claims them. In a diff a mark beside a line tells its change (+ formed,\n"
    "x dissolved, a double arrow flipped, triangles strengthened or weakened). Lines\n"
    "go around the actors they do not connect; boxes hold an alliance and its\n"
    "members on the date and no one else; leaders sit next to the state they lead.\n"
    "A title and a legend of exactly the marks used are part of the picture.\n"
    "docs/diagrams.md describes every style.\n"
    "\n"
    "The output is written to a temporary file beside OUTPUT and renamed into place,\n"
    "so a failure never leaves half a file; '-o -' writes to standard output. An\n"
    "existing OUTPUT is replaced only if it is a regular file: a symbolic link, a\n"
    "device (even /dev/null), a fifo or a directory is refused (exit 2).\n"
    "\n"
    "options:\n"
    "  --at WHEN                   the date or snapshot id to draw\n"
    "  --compare WHEN              with --at: draw this date too, beside the first\n"
    "  --stack                     with --compare: the second panel below the first\n"
    "                              (a picture half as wide, for a narrow page)\n"
    "  --from WHEN                 with --to and --diff: the earlier date\n"
    "  --to WHEN                   the later date\n"
    "  --diff                      draw the changes from --from to --to\n"
    "  -o, --output OUTPUT         the file to write (required); '-' for stdout\n"
    "  --format FORMAT             svg, png, pdf or dot (default: by OUTPUT's\n"
    "                              extension, .svg .png .pdf .dot .gv)\n"
    "  --layout ENGINE             auto (default), dot, fdp, neato, sfdp, circo or\n"
    "                              twopi; auto takes neato up to 500 actors, sfdp beyond\n"
    "  --focus LIST                draw these actors (ids, names or aliases, comma-\n"
    "                              separated) larger and their lines wider,\n"
    "                              and only the actors near them (see --depth)\n"
    "  --depth N                   with --focus: how many steps out (default 1);\n"
    "                              0 draws every actor, the focus only emphasised\n"
    "  --all-actors                draw the actors without a relation on the days\n"
    "                              shown too (by default they are left out and\n"
    "                              named in a note under the legend)\n"
    "  --kinds LIST                draw only actors of these kinds, e.g. state,alliance\n"
    "  --types LIST                draw only relations of these types or families,\n"
    "                              e.g. attacks,support (see 'entente types')\n"
    "  --title TEXT                the title (default: the graph's title)\n"
    "  --color-by WHAT             kind (default: fill by kind of actor) or bloc\n"
    "                              (fill by the bloc 'entente blocs' finds on the\n"
    "                              panel's date; the later date in a diff)\n"
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
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"
    "not be read or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente render graphs/south-caucasus.json --at after-2022 -o after.svg\n"
    "  entente render graphs/south-caucasus.json --at before-2022 --compare after-2022 \\\n"
    "      -o before-after.svg\n"
    "  entente render graphs/south-caucasus.json --from before-2022 --to after-2022 \\\n"
    "      --diff -o diff.png\n"
    "  entente render graphs/south-caucasus.json --at after-2022 --focus Russia \\\n"
    "      --depth 2 --format dot -o - | dot -Tpdf > russia.pdf\n";

enum {
    O_AT,
    O_COMPARE,
    O_FROM,
    O_TO,
    O_DIFF,
    O_OUTPUT,
    O_LAYOUT,
    O_FOCUS,
    O_DEPTH,
    O_KINDS,
    O_TYPES,
    O_TITLE,
    O_COLOR,
    O_ALL,
    O_STACK
};
static const cli_opt opts[] = {
    {"at", 0, 1},       {"compare", 0, 1},    {"from", 0, 1},   {"to", 0, 1},
    {"diff", 0, 0},     {"output", 'o', 1},   {"layout", 0, 1}, {"focus", 0, 1},
    {"depth", 0, 1},    {"kinds", 0, 1},      {"types", 0, 1},  {"title", 0, 1},
    {"color-by", 0, 1}, {"all-actors", 0, 0}, {"stack", 0, 0},  CLI_VIEW_OPTIONS};

#define MAX_LIST 64

typedef struct args {
    const char *at, *compare, *from, *to, *output, *layout, *focus, *kinds, *types, *title;
    const char *format;
    int diff, by_bloc, all_actors, stack, depth_given;
    long depth;
    cli_view_args va;
} args;

static int on_option(void *ud, int k, const char *val)
{
    args *a = ud;
    const char **slot[] = {
        [O_AT] = &a->at,       [O_COMPARE] = &a->compare, [O_FROM] = &a->from,
        [O_TO] = &a->to,       [O_OUTPUT] = &a->output,   [O_LAYOUT] = &a->layout,
        [O_FOCUS] = &a->focus, [O_KINDS] = &a->kinds,     [O_TYPES] = &a->types,
        [O_TITLE] = &a->title};
    if (k == O_COLOR) {
        if (strcmp(val, "bloc") != 0 && strcmp(val, "kind") != 0) {
            cli_usage_error("render", "'--color-by' takes 'kind' (the default) or 'bloc', not '%s'",
                            val);
            return -1;
        }
        a->by_bloc = strcmp(val, "bloc") == 0;
        return 0;
    }
    if (k == O_DIFF) {
        a->diff = 1;
        return 0;
    }
    if (k == O_ALL) {
        a->all_actors = 1;
        return 0;
    }
    if (k == O_STACK) {
        a->stack = 1;
        return 0;
    }
    if (k == O_DEPTH) {
        a->depth = cli_parse_count("render", "depth", val);
        a->depth_given = 1;
        return a->depth < 0 ? -1 : 0;
    }
    if (k <= O_TITLE && slot[k]) {
        *slot[k] = val;
        return 0;
    }
    if (strcmp(opts[k].name, "format") == 0) {
        a->format = val;
        return 0;
    }
    return cli_view_option("render", &a->va, opts[k].name, val) < 0 ? -1 : 0;
}

static const char *missing(void *ud)
{
    const args *a = ud;
    if (!a->output)
        return "'-o OUTPUT' is required";
    if (a->depth_given && !a->focus)
        return "'--depth' goes with '--focus ACTOR'";
    if (a->at && (a->from || a->to || a->diff))
        return "give either '--at WHEN' (with '--compare WHEN') or '--from WHEN --to WHEN "
               "--diff', not both";
    if (a->stack && !a->compare)
        return "'--stack' goes with '--at WHEN --compare WHEN'";
    if (a->at)
        return NULL;
    if (a->compare)
        return "'--compare WHEN' goes with '--at WHEN'";
    if (!a->from && !a->to && !a->diff)
        return "give '--at WHEN', '--at WHEN --compare WHEN' or '--from WHEN --to WHEN --diff'";
    if (!a->from || !a->to)
        return "'--diff' needs both '--from WHEN' and '--to WHEN'";
    if (!a->diff)
        return "'--from' and '--to' draw the changes: add '--diff' (or use '--at A --compare "
               "B' for two panels)";
    return NULL;
}

/* The format asked for, or the output's extension's; -1 with a message when neither. */
static int pick_format(const args *a, ent_render_format *f)
{
    static const struct {
        const char *name;
        ent_render_format f;
    } names[] = {{"svg", ENT_RENDER_SVG},
                 {"png", ENT_RENDER_PNG},
                 {"pdf", ENT_RENDER_PDF},
                 {"dot", ENT_RENDER_DOT},
                 {"gv", ENT_RENDER_DOT}};
    const char *want = a->format;
    if (!want) {
        const char *dot = strrchr(a->output, '.'), *slash = strrchr(a->output, '/');
        if (!dot || (slash && dot < slash) || strcmp(a->output, "-") == 0) {
            cli_usage_error("render",
                            "cannot tell the format from '%s': give '--format svg|png|pdf|dot' "
                            "or an output ending in .svg, .png, .pdf or .dot",
                            a->output);
            return -1;
        }
        want = dot + 1;
    }
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strcasecmp(want, names[i].name) == 0) {
            *f = names[i].f;
            return 0;
        }
    if (a->format)
        cli_usage_error("render", "unknown format '%s'; use svg, png, pdf or dot", want);
    else
        cli_usage_error("render",
                        "unknown extension '.%s' of '%s'; give '--format svg|png|pdf|dot' or "
                        "use .svg, .png, .pdf or .dot",
                        want, a->output);
    return -1;
}

/* Splits a comma-separated list into at most MAX_LIST items (in place, in `buf`). */
static size_t split_list(char *buf, const char **items)
{
    size_t n = 0;
    for (char *p = buf, *save = NULL; n < MAX_LIST; p = NULL) {
        char *tok = strtok_r(p, ",", &save);
        if (!tok)
            break;
        while (*tok == ' ')
            tok++;
        if (*tok)
            items[n++] = tok;
    }
    return n;
}

/* --kinds: a bitmask of kinds; -1 after a message. */
static long parse_kinds(const char *text)
{
    char buf[512];
    const char *items[MAX_LIST];
    snprintf(buf, sizeof buf, "%s", text);
    size_t n = split_list(buf, items);
    unsigned long mask = 0;
    for (size_t i = 0; i < n; i++) {
        int found = -1;
        ent_fuzzy fz;
        ent_fuzzy_init(&fz, items[i]);
        for (int k = 0; k < ENT_KIND_COUNT_; k++) {
            const char *name = ent_actor_kind_str((ent_actor_kind)k);
            if (strcmp(items[i], name) == 0)
                found = k;
            ent_fuzzy_offer(&fz, name);
        }
        if (found < 0) {
            if (fz.best)
                cli_usage_error("render", "unknown kind '%s' in '--kinds'; did you mean '%s'?",
                                items[i], fz.best);
            else
                cli_usage_error("render",
                                "unknown kind '%s' in '--kinds'; kinds are state, "
                                "de_facto_state, leader, person, alliance, organization, "
                                "force, group, place and issue",
                                items[i]);
            return -1;
        }
        mask |= 1ul << found;
    }
    if (!mask) {
        cli_usage_error("render", "'--kinds' names no kind");
        return -1;
    }
    return (long)mask;
}

/* --types: checks every item is a type or a family of the graph's vocabulary. */
static int check_types(const ent_graph *g, const char **items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int found = 0;
        ent_fuzzy fz;
        ent_fuzzy_init(&fz, items[i]);
        for (size_t t = 0; t < ent_graph_type_count(g) && !found; t++) {
            const ent_reltype *rt = ent_graph_type(g, t);
            found = strcmp(items[i], rt->id) == 0 || strcmp(items[i], rt->family) == 0;
            ent_fuzzy_offer(&fz, rt->id);
            ent_fuzzy_offer(&fz, rt->family);
        }
        if (!found) {
            if (fz.best)
                cli_usage_error("render", "unknown type '%s' in '--types'; did you mean '%s'?",
                                items[i], fz.best);
            else
                cli_usage_error("render",
                                "unknown type '%s' in '--types'; 'entente types' lists the "
                                "types and their families",
                                items[i]);
            return -1;
        }
    }
    return n ? 0 : (cli_usage_error("render", "'--types' names no type"), -1);
}

/* The label of WHEN when it is a snapshot of the graph, else NULL. */
static const char *when_label(const ent_graph *g, const char *when)
{
    long s = ent_graph_snapshot_by_id(g, when);
    if (s < 0)
        return NULL;
    const ent_declared_snapshot *sn = ent_graph_snapshot(g, (size_t)s);
    return sn->label[0] ? sn->label : sn->id;
}

/* True when `path` exists and is not a regular file: a symbolic link (whose
 * target would be left and the link replaced), a device such as /dev/null, a
 * fifo, a socket or a directory. The rename would replace the link or the
 * node with a regular file, so such an output is refused. */
static int exists_not_regular(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* Writes buf to `path` through a temporary file in the same folder, renamed
 * into place at the end (cli_outfile); 0, or -1 after a message (nothing left
 * behind). A path that has become something other than a regular file since
 * it was checked is still refused. */
static int write_atomically(const char *path, const char *buf, size_t len)
{
    if (strcmp(path, "-") == 0) {
        errno = 0;
        if (fwrite(buf, 1, len, stdout) != len || fflush(stdout) != 0) {
            cli_output_error("render", errno);
            return -1;
        }
        return 0;
    }
    cli_outfile of;
    if (cli_outfile_open(&of, "render", path) != EXIT_OK)
        return -1;
    if (fwrite(buf, 1, len, of.fp) != len) {
        /* cli_outfile_close reports the stream's error with its reason */
        if (cli_outfile_close(&of) == EXIT_OK) {
            fprintf(stderr, "entente render: cannot write '%s'\n", path);
            cli_outfile_abort(&of);
        }
        return -1;
    }
    return cli_outfile_commit(&of) == EXIT_OK ? 0 : -1;
}

/* --color-by bloc: fills each actor with the colour of its bloc on its
 * panel's date (the later date in a diff), the blocs of two dates numbered
 * alike. *colors holds both panels' arrays; the caller frees it. */
static int bloc_colors(const ent_graph *g, const ent_view *va, const ent_view *vb,
                       ent_render_mode mode, ent_render_options *o, const char ***colors)
{
    size_t na = ent_graph_actor_count(g), k = 0;
    uint32_t *bloc = malloc((2 * na + 1) * sizeof *bloc);
    const char **c = malloc((2 * na + 1) * sizeof *c);
    int rc = !bloc || !c ? ENT_ENOMEM
             : vb        ? ent_blocs_aligned(va, vb, NULL, bloc, bloc + na)
                         : ent_blocs(va, NULL, bloc, &k);
    if (rc) {
        free(bloc);
        free(c);
        return cli_blocs_error("render", "--color-by bloc", rc,
                               "leave out --color-by bloc, or " CLI_BLOCS_NARROW);
    }
    for (size_t i = 0; i < (vb ? 2 * na : na); i++)
        c[i] = ent_render_bloc_color(bloc[i]);
    free(bloc);
    if (mode == ENT_RENDER_DIFF) {
        o->colors = c + na;
        o->color_legend = "fill: bloc on the later date (entente blocs)";
    } else {
        o->colors = c;
        o->colors_b = vb ? c + na : NULL;
        o->color_legend =
            vb ? "fill: bloc on the panel's date (entente blocs)" : "fill: bloc (entente blocs)";
    }
    *colors = c;
    return EXIT_OK;
}

int cmd_render(int argc, char **argv)
{
    cli_input in;
    args a;
    memset(&a, 0, sizeof a);
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    ent_view *va = NULL, *vb = NULL;
    char *out = NULL, types_buf[1024], focus_buf[1024];
    uint32_t focus[MAX_LIST];
    size_t n_focus = 0;
    const char **colors = NULL;
    const char *types[MAX_LIST];
    size_t len = 0;
    cli_view_args_init(&a.va);
    int status = cli_input_parse(&in, "render", opts, argc, argv, 0, on_option, &a);
    if (status)
        goto done;
    const char *why = missing(&a);
    if (!in.n_files || why) {
        status = cli_usage_error("render", "%s", !in.n_files ? "no graph file given" : why);
        goto done;
    }
    ent_render_format format;
    ent_render_options o;
    ent_render_options_init(&o);
    if (pick_format(&a, &format) < 0) {
        status = EXIT_USAGE;
        goto done;
    }
    if (a.layout && strcmp(a.layout, "auto") != 0) {
        if (!ent_render_layout_known(a.layout)) {
            status = cli_usage_error(
                "render", "unknown layout '%s'; use auto, dot, fdp, neato, sfdp, circo or twopi",
                a.layout);
            goto done;
        }
        o.layout = a.layout;
    }
    if (a.kinds) {
        long mask = parse_kinds(a.kinds);
        if (mask < 0) {
            status = EXIT_USAGE;
            goto done;
        }
        o.kinds = (unsigned)mask;
    }
    size_t which;
    if (strcmp(a.output, "-") != 0 &&
        cli_output_clash(in.files, in.n_files, a.output, &which) == CLI_CLASH_IS_INPUT) {
        status = cli_usage_error("render", "'%s' is one of the graph files; choose another output",
                                 a.output);
        goto done;
    }
    if (strcmp(a.output, "-") != 0 && exists_not_regular(a.output)) {
        status = cli_usage_error("render",
                                 "'%s' exists and is not a regular file; choose another "
                                 "output, or '-o -' for standard output",
                                 a.output);
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente render: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if ((status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY)))
        goto done;
    if (a.types) {
        snprintf(types_buf, sizeof types_buf, "%s", a.types);
        o.n_types = split_list(types_buf, types);
        o.types = types;
        if (check_types(g, types, o.n_types) < 0) {
            status = EXIT_USAGE;
            goto done;
        }
    }
    if (a.focus) {
        /* The whole text first (a name may hold a comma), else a list. */
        long f = ent_graph_resolve_actor(g, a.focus, NULL);
        if (f >= 0)
            focus[n_focus++] = (uint32_t)f;
        else {
            snprintf(focus_buf, sizeof focus_buf, "%s", a.focus);
            const char *names[MAX_LIST];
            size_t n = split_list(focus_buf, names);
            for (size_t i = 0; i < n; i++) {
                if ((f = cli_actor("render", g, names[i])) < 0) {
                    status = EXIT_USAGE;
                    goto done;
                }
                focus[n_focus++] = (uint32_t)f;
            }
            if (!n_focus) {
                status = cli_usage_error("render", "'--focus' names no actor");
                goto done;
            }
        }
        o.focus = focus;
        o.n_focus = n_focus;
        o.depth = a.depth_given ? (unsigned)a.depth : 1;
    }
    o.all_actors = a.all_actors;
    o.stack = a.stack;
    o.title = a.title;
    ent_render_mode mode = ENT_RENDER_ONE;
    const char *w1 = a.at ? a.at : a.from, *w2 = a.at ? a.compare : a.to;
    if (w2) {
        mode = a.diff ? ENT_RENDER_DIFF : ENT_RENDER_COMPARE;
        status = cli_view_pair("render", g, w1, w2, &a.va, &va, &vb);
    } else
        status = cli_view_new("render", g, w1, &a.va, &va);
    if (status)
        goto done;
    o.label[0] = when_label(g, w1);
    o.label[1] = w2 ? when_label(g, w2) : NULL;
    if (a.by_bloc && (status = bloc_colors(g, va, vb, mode, &o, &colors)))
        goto done;
    int rc = ent_render(va, vb, mode, &o, format, &out, &len, NULL);
    if (rc) {
        fprintf(stderr, "entente render: %s\n", ent_error_last());
        status = rc == ENT_EUSAGE ? EXIT_USAGE : EXIT_FAILURE_;
        goto done;
    }
    status = write_atomically(a.output, out, len) < 0 ? EXIT_FAILURE_ : EXIT_OK;
done:
    ent_render_free(out);
    free(colors);
    return cli_end(status, &in, diags, g, va, vb);
}
