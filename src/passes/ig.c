/*
 * ig.c: igraph's global state, set in one place (see ig.h for the contract).
 */
#include <pthread.h>

#include <igraph.h>

#include "passes/ig.h"

static pthread_once_t quiet_once = PTHREAD_ONCE_INIT;

static void set_handlers(void)
{
    igraph_set_error_handler(igraph_error_handler_ignore);
    igraph_set_warning_handler(igraph_warning_handler_ignore);
}

void ent__igraph_quiet(void)
{
    pthread_once(&quiet_once, set_handlers);
}

void ent__igraph_seed(unsigned long seed)
{
    ent__igraph_quiet();
    igraph_rng_seed(igraph_rng_default(), (igraph_uint_t)seed);
}
