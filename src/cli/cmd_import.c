/*
 * cmd_import.c: `entente import gdelt FILE... -o OUT.json`, GDELT event
 * tables to an entente/1 graph file.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "entente/import.h"

const char cmd_import_help[] =
    "usage: entente import gdelt [OPTIONS] FILE... -o OUT\n"
    "   or: entente import csv [OPTIONS] FILE... -o OUT --map FIELD=COLUMN,...\n"
    "\n"
    "Turns event data into a graph file that every other command reads. Files may\n"
    "be plain, gzipped (.gz) or zipped (.zip); '-' reads standard input.\n"
    "\n"
    "gdelt: GDELT 2.0 (61 columns) or 1.0 (57 or 58 columns) event tables, tab- or\n"
    "comma-separated, with or without a header row. One actor per country\n"
    "(Actor1CountryCode, Actor2CountryCode), named from ISO 3166 (CAMEO's regions\n"
    "such as AFR, EUR and WST by their names); events without a country on both\n"
    "sides are left out. Each CAMEO event code maps to a relation type by its full\n"
    "code, else its base code, else its root ('entente types --cameo'). Events of\n"
    "the same source, target, type and day become one relation, whose intensity is\n"
    "the mean of their Goldstein values and whose evidence cites each event (id and\n"
    "source URL, one source per URL); the note counts events and mentions.\n"
    "\n"
    "csv: any table of dated relations with a header row, one relation per row.\n"
    "--map names the column of each field: source, target, type (or --type for\n"
    "all rows), at (events) or from and to (durable relations), and optionally\n"
    "intensity, status, note and url. A date column holds YYYY, YYYY-MM or\n"
    "YYYY-MM-DD (or what --date-format says); a date may also be three columns,\n"
    "YEAR/MONTH/DAY. Actors are the distinct source and target values, with ids\n"
    "made from them, unless --actors gives them.\n"
    "\n"
    "A malformed row is reported as FILE:LINE:COLUMN with the line; the import then\n"
    "writes nothing and exits 1, unless --skip-bad is given. The output is written\n"
    "whole to a temporary file beside OUT and renamed into place; importing the same\n"
    "files twice gives the same bytes.\n"
    "\n"
    "options:\n"
    "  -o, --output OUT            the graph file to write ('-' for standard output)\n"
    "                              (required)\n"
    "  --skip-bad                  skip malformed rows, count them and say why\n"
    "  --max-errors N              stop after N errors (default 100)\n"
    "  -q, --quiet                 no summary or progress on standard error\n"
    "  -h, --help                  show this help\n"
    " for gdelt:\n"
    "  --per UNIT                  one relation per day (default), week, month or event\n"
    "  --cameo-types               one actor per country and CAMEO actor type (usa-gov,\n"
    "                              rus-mil ...) instead of one per country\n"
    "  --min-mentions N            keep events mentioned at least N times\n"
    "  --root-only                 keep only GDELT's root events (IsRootEvent 1)\n"
    "  --between FROM TO           keep events from FROM to TO (dates, both included)\n"
    "  --countries LIST            keep events between these country codes, e.g.\n"
    "                              ARM,AZE,RUS,TUR\n"
    " for csv:\n"
    "  --map SPEC                  FIELD=COLUMN,... e.g. source=actor1,target=actor2,\n"
    "                              type=event_type,at=event_date (required)\n"
    "  --type TYPE                 the relation type of every row\n"
    "  --actors FILE               a CSV of actors: id, and name, kind, value (the text\n"
    "                              the table uses for the actor)\n"
    "  --type-map FILE             a CSV with code,type: the table's codes to types\n"
    "  --date-format FORMAT        dates written e.g. %d/%m/%Y or %d %B %Y\n"
    "  --unknown-day MARK          in YEAR/MONTH/DAY columns, MARK (e.g. -9) is an\n"
    "                              unknown day or month\n"
    "\n"
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"
    "not be read or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente import gdelt 20230919.export.CSV.zip -o day.json\n"
    "  entente import gdelt events.csv --countries ARM,AZE,RUS --per month -o caucasus.json\n"
    "  entente import csv acled.csv --map source=actor1,target=actor2,type=sub_event_type,\n"
    "      at=event_date --type-map acled-types.csv -o acled.json\n"
    "  entente import csv alliances.csv --type allied_with --unknown-day -9 \\\n"
    "      --map source=state_a,target=state_b,from=start_year/start_month/start_day\n"
    "      -o alliances.json\n";

enum {
    O_OUTPUT,
    O_PER,
    O_CAMEO_TYPES,
    O_MIN_MENTIONS,
    O_ROOT_ONLY,
    O_BETWEEN,
    O_UNTIL,
    O_COUNTRIES,
    O_SKIP_BAD,
    O_MAX_ERRORS,
    O_QUIET,
    O_MAP,
    O_TYPE,
    O_ACTORS,
    O_TYPE_MAP,
    O_DATE_FORMAT,
    O_UNKNOWN_DAY,
    O_GDELT_FIRST = O_PER,
    O_GDELT_LAST = O_COUNTRIES
};
static const cli_opt opts[] = {
    {"output", 'o', 1},  {"per", 0, 1},         {"cameo-types", 0, 0}, {"min-mentions", 0, 1},
    {"root-only", 0, 0}, {"between", 0, 1},     {"until", 0, 1},       {"countries", 0, 1},
    {"skip-bad", 0, 0},  {"max-errors", 0, 1},  {"quiet", 'q', 0},     {"map", 0, 1},
    {"type", 0, 1},      {"actors", 0, 1},      {"type-map", 0, 1},    {"date-format", 0, 1},
    {"unknown-day", 0, 1}, {NULL, 0, 0}};

typedef struct progress {
    double start, last;
    int shown;
} progress;

static void on_progress(void *ud, const char *file, uint64_t rows)
{
    progress *p = ud;
    double now = cli_now();
    if (now - p->start < 3 || now - p->last < 2)
        return;
    p->last = now;
    p->shown = 1;
    fprintf(stderr, "entente import: %s: %llu rows read%s", file, (unsigned long long)rows,
            isatty(2) ? "\r" : "\n");
}

static int parse_day(const char *text, int last, int32_t *day)
{
    ent_date d;
    if (ent_date_parse(&d, text, strlen(text)) != ENT_DATE_OK) {
        cli_usage_error("import", "'%s' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)", text);
        return -1;
    }
    *day = last ? ent_date_last_day(d) : ent_date_first_day(d);
    return 0;
}

int cmd_import(int argc, char **argv)
{
    ent_import_options o = ENT_IMPORT_OPTIONS_INIT;
    const char *output = NULL, *from = NULL, *until = NULL, *countries = NULL;
    int quiet = 0;
    const char **files = NULL, **codes = NULL;
    char *list = NULL;
    size_t n_files = 0;
    ent_diags *diags = NULL;
    cli_outfile of;
    memset(&of, 0, sizeof of);
    int status = EXIT_OK, nargc = 0;
    if (argc < 2 || argv[1][0] == '-')
        return cli_usage_error("import", "say what to import: 'entente import gdelt FILE... -o OUT'");
    int csv = strcmp(argv[1], "csv") == 0;
    if (!csv && strcmp(argv[1], "gdelt") != 0)
        return cli_usage_error("import", "unknown source '%s'; entente imports 'gdelt' or 'csv'",
                               argv[1]);
    ent_import_csv_options co = ENT_IMPORT_CSV_OPTIONS_INIT;
    char *map = NULL;
    char **nargv = cli_rewrite_between(argc - 1, argv + 1, &nargc);
    if (!nargv || !(files = calloc((size_t)argc + 1, sizeof *files))) {
        fprintf(stderr, "entente import: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    cli_args a;
    const char *val;
    int k;
    cli_args_init(&a, "import", opts, nargc, nargv);
    while ((k = cli_next(&a, &val)) != -2) {
        long n;
        if (csv && k >= O_GDELT_FIRST && k <= O_GDELT_LAST) {
            status = cli_usage_error("import", "--%s is an option of 'import gdelt'", opts[k].name);
            goto done;
        }
        if (k >= O_MAP && k <= O_UNKNOWN_DAY && !csv) {
            status = cli_usage_error("import", "--%s is an option of 'import csv'", opts[k].name);
            goto done;
        }
        switch (k) {
        case -3:
            status = EXIT_USAGE;
            goto done;
        case -1:
            files[n_files++] = val;
            break;
        case O_OUTPUT:
            output = val;
            break;
        case O_PER:
            if (strcmp(val, "day") == 0)
                o.per = ENT_PER_DAY;
            else if (strcmp(val, "week") == 0)
                o.per = ENT_PER_WEEK;
            else if (strcmp(val, "month") == 0)
                o.per = ENT_PER_MONTH;
            else if (strcmp(val, "event") == 0)
                o.per = ENT_PER_EVENT;
            else {
                status = cli_usage_error("import", "--per takes day, week, month or event, not '%s'",
                                         val);
                goto done;
            }
            break;
        case O_CAMEO_TYPES:
            o.actor_types = 1;
            break;
        case O_MAP:
            free(map);
            if (!(map = strdup(val))) {
                fprintf(stderr, "entente import: out of memory\n");
                status = EXIT_FAILURE_;
                goto done;
            }
            break;
        case O_TYPE:
            co.type = val;
            break;
        case O_ACTORS:
            co.actors_file = val;
            break;
        case O_TYPE_MAP:
            co.type_map_file = val;
            break;
        case O_DATE_FORMAT:
            co.date_format = val;
            break;
        case O_UNKNOWN_DAY:
            co.unknown_day = val;
            break;
        case O_MIN_MENTIONS:
            if ((n = cli_parse_count("import", "min-mentions", val)) < 0) {
                status = EXIT_USAGE;
                goto done;
            }
            o.min_mentions = (uint64_t)n;
            break;
        case O_ROOT_ONLY:
            o.root_only = 1;
            break;
        case O_BETWEEN:
            from = val;
            break;
        case O_UNTIL:
            until = val;
            break;
        case O_COUNTRIES:
            countries = val;
            break;
        case O_SKIP_BAD:
            o.skip_bad = 1;
            break;
        case O_MAX_ERRORS:
            if ((n = cli_parse_count("import", "max-errors", val)) < 0) {
                status = EXIT_USAGE;
                goto done;
            }
            o.max_errors = n == 0 ? (size_t)-1 : (size_t)n;
            break;
        case O_QUIET:
            quiet = 1;
            break;
        }
    }
    if (!n_files) {
        status = cli_usage_error("import", "no event file given");
        goto done;
    }
    if (!output) {
        status = cli_usage_error("import", "'-o OUT' is required");
        goto done;
    }
    if (csv) {
        if (!map) {
            status = cli_usage_error("import", "'--map FIELD=COLUMN,...' is required for csv");
            goto done;
        }
        for (char *p = map, *save = NULL, *t; (t = strtok_r(p, ",", &save)); p = NULL) {
            char *eq = strchr(t, '=');
            int f = -1;
            if (eq) {
                *eq = '\0';
                for (int i = 0; i < ENT_CSV_FIELD_COUNT_; i++)
                    if (strcmp(t, ent_csv_field_name((ent_csv_field)i)) == 0)
                        f = i;
            }
            if (f < 0 || !eq[1]) {
                status = cli_usage_error("import",
                                         "--map takes FIELD=COLUMN pairs, FIELD one of source, target, "
                                         "type, at, from, to, intensity, status, note, url; not '%s'",
                                         t);
                goto done;
            }
            co.map[f] = eq + 1;
        }
        const char *need = !co.map[ENT_CSV_SOURCE] ? "source=" : !co.map[ENT_CSV_TARGET] ? "target="
                           : !co.map[ENT_CSV_TYPE] && !co.type                            ? "type= (or --type)"
                           : !co.map[ENT_CSV_AT] && !co.map[ENT_CSV_FROM]                  ? "at= or from="
                                                                                          : NULL;
        if (need) {
            status = cli_usage_error("import", "--map needs %s", need);
            goto done;
        }
        if (co.type && co.map[ENT_CSV_TYPE]) {
            status = cli_usage_error("import", "give either --type or type= in --map, not both");
            goto done;
        }
        if (co.type && !ent_vocab_builtin_find(co.type)) {
            status = cli_usage_error("import", "'%s' is not a relation type (see 'entente types')",
                                     co.type);
            goto done;
        }
        co.skip_bad = o.skip_bad;
        co.max_errors = o.max_errors;
    }
    if (from && !until) {
        status = cli_usage_error("import", "'--between' takes two dates: --between FROM TO");
        goto done;
    }
    if (from) {
        if (parse_day(from, 0, &o.from_day) || parse_day(until, 1, &o.to_day)) {
            status = EXIT_USAGE;
            goto done;
        }
        if (o.from_day > o.to_day) {
            status = cli_usage_error("import", "'--between %s %s': the period ends before it starts",
                                     from, until);
            goto done;
        }
        o.has_range = 1;
    }
    if (countries) {
        size_t n = 1;
        for (const char *p = countries; *p; p++)
            n += *p == ',';
        if (!(list = strdup(countries)) || !(codes = calloc(n, sizeof *codes))) {
            fprintf(stderr, "entente import: out of memory\n");
            status = EXIT_FAILURE_;
            goto done;
        }
        for (char *p = list, *save = NULL, *t; (t = strtok_r(p, ",", &save)); p = NULL) {
            for (char *c = t; *c; c++)
                if (*c >= 'a' && *c <= 'z')
                    *c = (char)(*c - 'a' + 'A');
            codes[o.n_countries++] = t;
        }
        if (!o.n_countries) {
            status = cli_usage_error("import", "--countries needs at least one country code");
            goto done;
        }
        o.countries = codes;
    }
    size_t which;
    if (strcmp(output, "-") != 0 &&
        cli_output_clash(files, n_files, output, &which) == CLI_CLASH_IS_INPUT) {
        status =
            cli_usage_error("import", "'%s' is one of the input files; not overwritten", output);
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente import: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    progress pr = {cli_now(), 0, 0};
    if (!quiet) {
        o.progress = on_progress;
        o.progress_ud = &pr;
    }
    FILE *out = stdout;
    if (strcmp(output, "-") != 0) {
        if ((status = cli_outfile_open(&of, "import", output)) != EXIT_OK)
            goto done;
        out = of.fp;
    }
    ent_import_stats st;
    int rc = csv ? ent_import_csv(out, files, n_files, &co, diags, &st)
                 : ent_import_gdelt(out, files, n_files, &o, diags, &st);
    if (pr.shown && isatty(2))
        fputc('\n', stderr);
    cli_print_diags(stderr, diags);
    if (rc != ENT_OK && rc != ENT_EINVALID && rc != ENT_EIO)
        fprintf(stderr, "entente import: %s\n", ent_error_last());
    if (rc != ENT_OK) {
        if (rc == ENT_EINVALID)
            fprintf(stderr, "entente import: nothing written%s\n",
                    st.bad ? " (--skip-bad skips malformed rows)" : "");
        status = cli_exit_for(rc == ENT_EIO ? ENT_EIO : rc);
        goto done;
    }
    if (of.fp && (status = cli_outfile_commit(&of)) != EXIT_OK)
        goto done;
    if (!quiet && csv)
        fprintf(stderr,
                "entente import: %llu rows read, %llu relations between %llu actors, citing %llu "
                "sources%s\n",
                (unsigned long long)st.rows, (unsigned long long)st.relations,
                (unsigned long long)st.actors, (unsigned long long)st.sources,
                o.skip_bad && st.bad ? "; malformed rows skipped (see the warnings above)" : "");
    else if (!quiet) {
        fprintf(stderr,
                "entente import: %llu rows read, %llu events kept in %llu relations between "
                "%llu actors, citing %llu sources\n",
                (unsigned long long)st.rows, (unsigned long long)st.events,
                (unsigned long long)st.relations, (unsigned long long)st.actors,
                (unsigned long long)st.sources);
        fprintf(stderr,
                "entente import: left out: %llu without a country on both sides, %llu with the "
                "same actor on both, %llu by the options",
                (unsigned long long)st.no_country, (unsigned long long)st.same_actor,
                (unsigned long long)st.filtered);
        if (o.skip_bad)
            fprintf(stderr, ", %llu malformed (skipped, see the warnings above)",
                    (unsigned long long)st.bad);
        fputc('\n', stderr);
    }
done:
    cli_outfile_abort(&of);
    free(files);
    free(codes);
    free(list);
    free(map);
    free(nargv);
    return cli_end(status, NULL, diags, NULL, NULL, NULL);
}
