/*
 * chart.h — the charts of the project, as inline SVG (chart.c), written
 * once for every front end: the bulletin's file and pages, the dashboard,
 * the comparison page. Texts in a chart are escaped like any HTML text
 * (escape.h); a chart never reads the store.
 */
#ifndef LS_FORMAT_CHART_H
#define LS_FORMAT_CHART_H

#include <stddef.h>

#include "buf.h"
#include "luoshi.h"

/* The colours of the paces where a chart stands alone (a bulletin file
 * has no stylesheet; ORDER LS_PACE). */
extern const char *const ls_chart_pace_colours[LS_PACE_COUNT];

/* Horizontal bars, one per column of 'totals' (ls_ledger_totals), each
 * with its count and share of the total: the bulletin's 各状态事项数. */
void ls_chart_pace_bars(ls_buf *b, const ls_pace_totals *totals);

/* How stacked bars are laid out. */
typedef enum {
    LS_CHART_WIDE,   /* a document: the name left of its bar, fills in colour */
    LS_CHART_NARROW  /* a page at phone width: the name (cut) above its bar,
                        fills by the stylesheet's st-<code> classes */
} ls_chart_layout;

/* One stacked bar per tally of 'rows' ('n' of them), split by pace, its
 * total after it; 'label' names the chart for screen readers. */
void ls_chart_pace_stacked(ls_buf *b, const ls_pace_tally *rows, size_t n, const char *label,
                           ls_chart_layout layout);

/* One line per government and kind of 'cmp' over the years 'from' to
 * 'to': targets dashed with hollow points, actuals solid, by the year they
 * are about, scaled to the largest value in the unit of the first mention
 * (mentions in other units are left out), then a legend. Nothing when no
 * value is positive or the years make no span. */
void ls_chart_compare(ls_buf *b, const ls_comparison *cmp, int from, int to);

#endif
