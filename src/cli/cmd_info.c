/*
 * cmd_info.c: `entente info FILE...`, what a graph holds: actors by kind,
 * relations by type and status, the date span, sources, snapshots and the
 * comparisons declared between them.
 */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

const char cmd_info_help[] =
    "usage: entente info [OPTIONS] FILE...\n"
    "\n"
    "Describes a graph: how many actors of each kind, relations by type and by\n"
    "status (durable and events apart), the span of the dates, the sources, the\n"
    "declared snapshots and the comparisons between them (the headline one marked).\n"
    "Several files are read together as one graph. Problems in the data are\n"
    "reported as by 'entente check'; with errors, nothing else is printed.\n"
    "\n"
    "options:\n"
    "  --format FORMAT     text (default) or json\n"
    "  --max-errors N      stop after N errors (default 100; 0 means no limit)\n"
    "  --threads N         load the files on N threads (default 0: automatic; 1: one)\n"
    "  -q, --quiet         do not print the line that counts the files' warnings\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit status: 0 success, 1 the data has errors, 2 usage error, 3 a file could\n"
    "not be read or written, or an internal failure.\n"
    "\n"
    "examples:\n"
    "  entente info graphs/south-caucasus.json\n"
    "  entente info --format json graphs/south-caucasus.json | jq .relations.by_type\n";

static const cli_opt opts[] = {
    {"format", 0, 1}, {"max-errors", 0, 1}, {"threads", 0, 1}, {"quiet", 'q', 0}, {NULL, 0, 0}};

typedef struct count {
    const char *name;
    size_t n;
} count;

/* Most first, then by name: a stable order for equal counts. */
static int by_count(const void *a, const void *b)
{
    const count *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->name, y->name);
}

typedef struct summary {
    count kinds[ENT_KIND_COUNT_];
    size_t n_kinds;
    count *types;
    size_t n_types;
    count statuses[ENT_STATUS_COUNT_];
    size_t n_statuses;
    size_t durable, events;
    ent_date first, last; /* earliest and latest dates written, year 0 when none */
} summary;

static void widen(summary *s, ent_date d)
{
    if (!d.year)
        return;
    if (!s->first.year || ent_date_first_day(d) < ent_date_first_day(s->first))
        s->first = d;
    if (!s->last.year || ent_date_last_day(d) > ent_date_last_day(s->last))
        s->last = d;
}

static int summarise(const ent_graph *g, summary *s)
{
    memset(s, 0, sizeof *s);
    size_t nt = ent_graph_type_count(g);
    size_t *per_type = calloc(nt ? nt : 1, sizeof *per_type);
    size_t per_kind[ENT_KIND_COUNT_] = {0}, per_status[ENT_STATUS_COUNT_] = {0};
    if (!per_type)
        return -1;
    for (size_t i = 0; i < ent_graph_actor_count(g); i++)
        per_kind[ent_graph_actor(g, i)->kind]++;
    for (size_t i = 0; i < ent_graph_relation_count(g); i++) {
        const ent_relation *r = ent_graph_relation(g, i);
        per_type[r->type]++;
        per_status[r->status]++;
        if (ent_graph_type(g, r->type)->durable)
            s->durable++;
        else
            s->events++;
        widen(s, r->from);
        widen(s, r->to);
        widen(s, r->at);
    }
    for (int k = 0; k < ENT_KIND_COUNT_; k++)
        if (per_kind[k])
            s->kinds[s->n_kinds++] = (count){ent_actor_kind_str((ent_actor_kind)k), per_kind[k]};
    for (int k = 0; k < ENT_STATUS_COUNT_; k++)
        if (per_status[k])
            s->statuses[s->n_statuses++] = (count){ent_status_str((ent_status)k), per_status[k]};
    s->types = calloc(nt ? nt : 1, sizeof *s->types);
    if (!s->types) {
        free(per_type);
        return -1;
    }
    for (size_t t = 0; t < nt; t++)
        if (per_type[t])
            s->types[s->n_types++] = (count){ent_graph_type(g, t)->id, per_type[t]};
    free(per_type);
    qsort(s->kinds, s->n_kinds, sizeof *s->kinds, by_count);
    qsort(s->types, s->n_types, sizeof *s->types, by_count);
    qsort(s->statuses, s->n_statuses, sizeof *s->statuses, by_count);
    return 0;
}

static void json_counts(cli_json *j, const char *key, const count *c, size_t n)
{
    cli_json_key(j, key);
    cli_json_begin_object(j);
    for (size_t i = 0; i < n; i++) {
        cli_json_key(j, c[i].name);
        cli_json_int(j, (long long)c[i].n);
    }
    cli_json_end_object(j);
}

static void print_json(const ent_graph *g, const summary *s)
{
    char d[11];
    cli_json j;
    cli_json_init(&j, stdout);
    cli_json_begin_object(&j);
    cli_json_key(&j, "files");
    cli_json_begin_array(&j);
    for (size_t i = 0; i < ent_graph_file_count(g); i++)
        cli_json_string(&j, ent_graph_file(g, i));
    cli_json_end_array(&j);
    cli_json_key(&j, "title");
    cli_json_string(&j, ent_graph_title(g));
    cli_json_key(&j, "actors");
    cli_json_begin_object(&j);
    cli_json_key(&j, "total");
    cli_json_int(&j, (long long)ent_graph_actor_count(g));
    json_counts(&j, "by_kind", s->kinds, s->n_kinds);
    cli_json_end_object(&j);
    cli_json_key(&j, "relations");
    cli_json_begin_object(&j);
    cli_json_key(&j, "total");
    cli_json_int(&j, (long long)ent_graph_relation_count(g));
    cli_json_key(&j, "durable");
    cli_json_int(&j, (long long)s->durable);
    cli_json_key(&j, "events");
    cli_json_int(&j, (long long)s->events);
    json_counts(&j, "by_type", s->types, s->n_types);
    json_counts(&j, "by_status", s->statuses, s->n_statuses);
    cli_json_end_object(&j);
    cli_json_key(&j, "dates");
    cli_json_begin_object(&j);
    cli_json_key(&j, "first");
    if (s->first.year)
        cli_json_string(&j, ent_date_format(s->first, d));
    else
        cli_json_null(&j);
    cli_json_key(&j, "last");
    if (s->last.year)
        cli_json_string(&j, ent_date_format(s->last, d));
    else
        cli_json_null(&j);
    cli_json_end_object(&j);
    cli_json_key(&j, "sources");
    cli_json_begin_array(&j);
    for (size_t i = 0; i < ent_graph_source_count(g); i++) {
        const ent_source *src = ent_graph_source(g, i);
        cli_json_begin_object(&j);
        cli_json_key(&j, "id");
        cli_json_string(&j, src->id);
        cli_json_key(&j, "title");
        cli_json_string(&j, src->title);
        cli_json_key(&j, "publisher");
        cli_json_string(&j, src->publisher);
        cli_json_key(&j, "author");
        cli_json_string(&j, src->author);
        cli_json_key(&j, "date");
        cli_json_string(&j, ent_date_format(src->date, d));
        cli_json_key(&j, "url");
        cli_json_string(&j, src->url);
        cli_json_key(&j, "kind");
        cli_json_string(&j, src->kind);
        cli_json_end_object(&j);
    }
    cli_json_end_array(&j);
    cli_json_key(&j, "snapshots");
    cli_json_begin_array(&j);
    for (size_t i = 0; i < ent_graph_snapshot_count(g); i++) {
        const ent_declared_snapshot *sn = ent_graph_snapshot(g, i);
        cli_json_begin_object(&j);
        cli_json_key(&j, "id");
        cli_json_string(&j, sn->id);
        cli_json_key(&j, "at");
        cli_json_string(&j, ent_date_format(sn->at, d));
        cli_json_key(&j, "label");
        cli_json_string(&j, sn->label);
        cli_json_end_object(&j);
    }
    cli_json_end_array(&j);
    cli_json_key(&j, "comparisons");
    cli_json_begin_array(&j);
    for (size_t i = 0; i < ent_graph_comparison_count(g); i++) {
        const ent_comparison *c = ent_graph_comparison(g, i);
        cli_json_begin_object(&j);
        cli_json_key(&j, "id");
        cli_json_string(&j, c->id);
        cli_json_key(&j, "from");
        cli_json_string(&j, ent_graph_snapshot(g, c->from)->id);
        cli_json_key(&j, "to");
        cli_json_string(&j, ent_graph_snapshot(g, c->to)->id);
        cli_json_key(&j, "label");
        cli_json_string(&j, c->label);
        cli_json_key(&j, "headline");
        cli_json_bool(&j, c->headline);
        cli_json_end_object(&j);
    }
    cli_json_end_array(&j);
    cli_json_end_object(&j);
}

static void text_counts(const char *heading, const count *c, size_t n)
{
    printf("  %s\n", heading);
    for (size_t i = 0; i < n; i++)
        printf("    %-24s %6zu\n", c[i].name, c[i].n);
}

static void print_text(const ent_graph *g, const summary *s)
{
    char d1[11], d2[11];
    for (size_t i = 0; i < ent_graph_file_count(g); i++)
        printf("%-11s%s\n", i ? "" : "file", ent_graph_file(g, i));
    if (ent_graph_title(g)[0])
        printf("%-11s%s\n", "title", ent_graph_title(g));
    printf("%-11s%zu\n", "actors", ent_graph_actor_count(g));
    text_counts("by kind", s->kinds, s->n_kinds);
    printf("%-11s%zu (%zu durable, %zu %s)\n", "relations", ent_graph_relation_count(g), s->durable,
           s->events, s->events == 1 ? "event" : "events");
    text_counts("by type", s->types, s->n_types);
    text_counts("by status", s->statuses, s->n_statuses);
    if (s->first.year)
        printf("%-11s%s to %s\n", "dates", ent_date_format(s->first, d1),
               ent_date_format(s->last, d2));
    else
        printf("%-11s%s\n", "dates", "none");
    printf("%-11s%zu\n", "sources", ent_graph_source_count(g));
    for (size_t i = 0; i < ent_graph_source_count(g); i++) {
        const ent_source *src = ent_graph_source(g, i);
        printf("  %s: %s", src->id, src->title);
        if (src->kind[0])
            printf(" [%s]", src->kind);
        if (src->publisher[0])
            printf(", %s", src->publisher);
        if (src->date.year)
            printf(", %s", ent_date_format(src->date, d1));
        printf("\n");
    }
    printf("%-11s%zu\n", "snapshots", ent_graph_snapshot_count(g));
    for (size_t i = 0; i < ent_graph_snapshot_count(g); i++) {
        const ent_declared_snapshot *sn = ent_graph_snapshot(g, i);
        printf("  %-20s %-10s %s\n", sn->id, ent_date_format(sn->at, d1), sn->label);
    }
    /* One column wider than the labels above: "comparisons" has 11 letters.
     * Each comparison: id, the pair, "headline" when it is (from column 54),
     * the label, with no padding left at the end of a line. */
    printf("%s %zu\n", "comparisons", ent_graph_comparison_count(g));
    for (size_t i = 0; i < ent_graph_comparison_count(g); i++) {
        const ent_comparison *c = ent_graph_comparison(g, i);
        int col = printf("  %-20s %s -> %s", c->id, ent_graph_snapshot(g, c->from)->id,
                         ent_graph_snapshot(g, c->to)->id);
        if (c->headline || c->label[0]) {
            printf("%*s", col < 52 ? 53 - col : 1, "");
            if (c->headline)
                printf("headline");
            if (c->label[0])
                printf("%*s%s", c->headline ? 1 : 9, "", c->label);
        }
        printf("\n");
    }
}

int cmd_info(int argc, char **argv)
{
    cli_input in;
    ent_diags *diags = NULL;
    ent_graph *g = NULL;
    summary s;
    memset(&s, 0, sizeof s);
    int status =
        cli_input_parse(&in, "info", opts, argc, argv, 1u << CLI_TEXT | 1u << CLI_JSON, NULL, NULL);
    if (status != EXIT_OK)
        goto done;
    if (in.n_files == 0) {
        status = cli_usage_error("info", "no graph file given");
        goto done;
    }
    if (ent_diags_new(&diags) < 0) {
        fprintf(stderr, "entente info: out of memory for the list of diagnostics\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    status = cli_input_load(&in, &g, diags, CLI_DIAGS_SUMMARY);
    if (status != EXIT_OK)
        goto done;
    if (summarise(g, &s) < 0) {
        fprintf(stderr, "entente info: out of memory\n");
        status = EXIT_FAILURE_;
        goto done;
    }
    if (in.format == CLI_JSON)
        print_json(g, &s);
    else
        print_text(g, &s);
done:
    free(s.types);
    return cli_end(status, &in, diags, g, NULL, NULL);
}
