/*
 * entente/load.h: reading graph files.
 *
 * The loader reads one or more graph files in the entente/1 format
 * (docs/format.md), merges them into one graph and reports every problem it
 * finds to a diagnostics list, each at its file, line and column.
 */
#ifndef ENTENTE_LOAD_H
#define ENTENTE_LOAD_H

#include "api.h"

#include <stddef.h>

#include "diag.h"
#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of ent_load_options this header describes. */
#define ENT_LOAD_OPTIONS_VERSION 1

/**
 * Loader settings. Initialise with ENT_LOAD_OPTIONS_INIT (or
 * ent_load_options_init), then set what you need. The loader refuses another
 * `version` with ENT_EUSAGE.
 */
typedef struct ent_load_options {
    unsigned version; /**< ENT_LOAD_OPTIONS_VERSION */
    /** Stop after this many errors (0: the default, 100; SIZE_MAX: never). */
    size_t max_errors;
    /** 1: do not warn about relations without evidence. */
    int allow_missing_evidence;
    /**
     * 1: warn (no-from) about every alliance, organization, force or de facto
     * state that has relations but no `from`, which is then taken to exist
     * on every date, before it was founded too. `entente check` sets it.
     */
    int warn_no_from;
    /**
     * Threads for loading. 0: the default, two threads where it pays (a
     * relations array of a megabyte or more is scanned, and 20000 relations
     * or more are checked, in two halves); 1: one thread, the caller's; 2 or
     * more: as the default (the loader uses at most two today). The graph
     * and the diagnostics are the same whatever the number. The library
     * reads no environment variable (the CLI's ENTENTE_THREADS=1 sets 1).
     */
    unsigned threads;
} ent_load_options;

/** The defaults: 100 errors at most, every warning, threads chosen by size. */
#define ENT_LOAD_OPTIONS_INIT                                                              \
    {                                                                                      \
        .version = ENT_LOAD_OPTIONS_VERSION, .max_errors = 0, .allow_missing_evidence = 0, \
        .warn_no_from = 0, .threads = 0                                                    \
    }

/** Sets *o to ENT_LOAD_OPTIONS_INIT. */
ENT_EXPORT void ent_load_options_init(ent_load_options *o);

/** One graph file already in memory. */
typedef struct ent_load_input {
    const char *name; /**< shown in diagnostics, e.g. the path */
    const char *data; /**< the bytes, not necessarily NUL-terminated */
    size_t len;
} ent_load_input;

/**
 * Reads and merges the files at `paths` (n of them) into a new graph.
 *
 * On success returns 0 and sets `*out` (free it with ent_graph_free); there
 * may be warnings in `diags`. Returns ENT_EINVALID when the data has errors,
 * ENT_EIO when a file could not be read (both are described in `diags`; `*out`
 * is NULL), ENT_ENOMEM, or ENT_EUSAGE for NULL arguments. `opts` may be NULL.
 * Time and memory are linear in the total size of the files.
 *
 * Not for two threads at once: while it runs, the loader installs its own
 * allocator in cJSON, whose hooks are process-wide (and it restores cJSON's
 * defaults before returning). Do not use cJSON elsewhere in the meantime.
 * On a large file the loader scans and checks the relations on a second
 * thread of its own as well (joined before it returns); opts->threads 1 keeps
 * it to one thread. The result is the same.
 *
 * Regular files are mapped into memory, not copied. As with any mapped file,
 * one that another program truncates while it is being loaded raises SIGBUS
 * in the calling process (the entente CLI turns that into a message and exit
 * status 3). A program that cannot rule this out reads the bytes itself and
 * calls ent_load_inputs.
 */
ENT_EXPORT int ent_load_files(ent_graph **out, const char *const *paths, size_t n,
                              const ent_load_options *opts, ent_diags *diags);

/** As ent_load_files, for files already in memory. The inputs are not kept. */
ENT_EXPORT int ent_load_inputs(ent_graph **out, const ent_load_input *inputs, size_t n,
                               const ent_load_options *opts, ent_diags *diags);

#ifdef __cplusplus
}
#endif
#endif
