/*
 * entente/entente.h: the whole public API of libentente in one include.
 */
#ifndef ENTENTE_ENTENTE_H
#define ENTENTE_ENTENTE_H

#include "version.h"
#include "error.h"
#include "date.h"
#include "vocab.h"
#include "diag.h"
#include "graph.h"
#include "load.h"
#include "table.h"
#include "view.h"
#include "analysis.h"
#include "timeline.h"
#include "render.h"
#include "chart.h"
#include "report.h"
#include "export.h"
#include "import.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The graph format this library reads: "entente/1". */
#define ENT_FORMAT "entente/1"

#ifdef __cplusplus
}
#endif
#endif
