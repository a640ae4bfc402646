/*
 * ig.h: igraph's global state, touched in this one place (ig.c).
 *
 * igraph keeps process-wide state: an error handler (by default it prints
 * and aborts the process), a warning handler (it prints) and a default
 * random generator. The library's contract, stated in docs/library.md: on
 * first use of an analysis that calls igraph, the two handlers are set to
 * igraph's "ignore" handlers (every igraph call's return code is checked
 * instead), and igraph's default random generator is seeded before each
 * randomized call (the bloc detection) so that the same input gives the same
 * blocs. Nothing else of igraph's global state is changed, and nothing is
 * restored. Internal to the library.
 */
#ifndef ENT_PASSES_IG_H
#define ENT_PASSES_IG_H

/* Sets igraph's error and warning handlers to ignore, once per process. */
void ent__igraph_quiet(void);

/* ent__igraph_quiet, then seeds igraph's default random generator. */
void ent__igraph_seed(unsigned long seed);

#endif
