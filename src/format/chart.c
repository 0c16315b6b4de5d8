/*
 * chart.c — the charts as inline SVG (chart.h): bars of paces (the numbers
 * of each layout in one table, so that the bulletin's document and the
 * dashboard's phone-sized page draw their bars with the same code) and
 * the lines of a metric across governments and years (the comparison
 * page). The text of every label and tooltip goes through ls_escape_html.
 */
#include <string.h>

#include "chart.h"

#include "escape.h"

const char *const ls_chart_pace_colours[LS_PACE_COUNT] = {"#2e7d32", "#1565c0", "#66bb6a",
                                                          "#f9a825", "#9e9e9e", "#c62828",
                                                          "#6a1b9a", "#d7ccc8"};

static double share(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0;
}

void ls_chart_pace_bars(ls_buf *b, const ls_pace_totals *totals)
{
    const ls_pace_tally *t = &totals->all;
    size_t max = 1, c;
    int i, y;

    for (c = 0; c < totals->ncols; c++)
        if (t->n[totals->cols[c]] > max)
            max = t->n[totals->cols[c]];
    ls_buf_printf(b, "<svg class=\"chart\" role=\"img\" aria-label=\"各状态事项数\" "
                     "viewBox=\"0 0 520 %zu\" width=\"520\" height=\"%zu\">\n",
                  totals->ncols * 28 + 8, totals->ncols * 28 + 8);
    for (c = 0; c < totals->ncols; c++) {
        double w;
        i = (int)totals->cols[c];
        y = (int)c * 28;
        w = 360.0 * (double)t->n[i] / (double)max;
        ls_buf_printf(b,
                      "<text x=\"0\" y=\"%d\" font-size=\"14\">%s</text>"
                      "<rect x=\"70\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"/>"
                      "<text x=\"%.1f\" y=\"%d\" font-size=\"13\">%zu（%.1f%%）</text>\n",
                      y + 20, ls_pace_name((ls_pace)i), y + 5, w, ls_chart_pace_colours[i],
                      76 + w, y + 20, t->n[i], share(t->n[i], t->total));
    }
    ls_buf_puts(b, "</svg>\n");
}

/* The numbers of a layout of stacked bars. */
typedef struct {
    int width;           /* of the viewBox */
    int sized;           /* width and height attributes as well */
    size_t row, pad;     /* height of a row; added to the chart's height */
    size_t label_y;      /* of a name, from the top of its row */
    int label_size;
    double bar_x, bar_w; /* where the bars start; the longest bar's width */
    size_t bar_y, bar_h;
    double total_dx;     /* the total after the bar */
    size_t total_y;
    int total_size;
    size_t cut;          /* characters of a name shown (0: all); all in its tooltip */
    int fill;            /* fill="#…" (1) or class="st-…" (0) */
    const char *eol;     /* after each row */
} layout;

static const layout layouts[] = {
    [LS_CHART_WIDE] = {620, 1, 26, 8, 18, 13, 170, 400, 4, 18, 6, 18, 12, 0, 1, "\n"},
    [LS_CHART_NARROW] = {360, 0, 42, 4, 15, 14, 0, 310, 21, 14, 5, 33, 13, 20, 0, ""},
};

/* The name of a row: whole, or cut after 'cut' characters with "…" and
 * whole in a tooltip. */
static void put_label(ls_buf *b, const char *s, size_t cut)
{
    size_t i = 0, chars = 0;

    if (!cut) {
        ls_escape_html_str(b, s);
        return;
    }
    ls_buf_puts(b, "<title>");
    ls_escape_html_str(b, s);
    ls_buf_puts(b, "</title>");
    while (s[i] && chars < cut) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    ls_escape_html(b, s, i);
    if (s[i])
        ls_buf_puts(b, "…");
}

void ls_chart_pace_stacked(ls_buf *b, const ls_pace_tally *rows, size_t n, const char *label,
                           ls_chart_layout how)
{
    const layout *l = &layouts[how];
    size_t u, max = 1, height = n * l->row + l->pad;
    int i;

    for (u = 0; u < n; u++)
        if (rows[u].total > max)
            max = rows[u].total;
    ls_buf_puts(b, "<svg class=\"chart\" role=\"img\" aria-label=\"");
    ls_escape_html_str(b, label);
    if (l->sized)
        ls_buf_printf(b, "\" viewBox=\"0 0 %d %zu\" width=\"%d\" height=\"%zu\">\n", l->width,
                      height, l->width, height);
    else
        ls_buf_printf(b, "\" viewBox=\"0 0 %d %zu\">", l->width, height);
    for (u = 0; u < n; u++) {
        double x = l->bar_x;
        ls_buf_printf(b, "<text x=\"0\" y=\"%zu\" font-size=\"%d\">", u * l->row + l->label_y,
                      l->label_size);
        put_label(b, rows[u].name ? rows[u].name : "", l->cut);
        ls_buf_puts(b, "</text>");
        for (i = 0; i < LS_PACE_COUNT; i++) {
            double w = l->bar_w * (double)rows[u].n[i] / (double)max;
            if (rows[u].n[i] && l->fill)
                ls_buf_printf(b,
                              "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"%zu\" "
                              "fill=\"%s\"><title>%s %zu</title></rect>",
                              x, u * l->row + l->bar_y, w, l->bar_h, ls_chart_pace_colours[i],
                              ls_pace_name((ls_pace)i), rows[u].n[i]);
            else if (rows[u].n[i])
                ls_buf_printf(b,
                              "<rect class=\"st-%s\" x=\"%.1f\" y=\"%zu\" width=\"%.1f\" "
                              "height=\"%zu\"><title>%s %zu</title></rect>",
                              ls_pace_code((ls_pace)i), x, u * l->row + l->bar_y, w, l->bar_h,
                              ls_pace_name((ls_pace)i), rows[u].n[i]);
            x += w;
        }
        ls_buf_printf(b, "<text x=\"%.1f\" y=\"%zu\" font-size=\"%d\">%zu</text>%s",
                      x + l->total_dx, u * l->row + l->total_y, l->total_size, rows[u].total,
                      l->eol);
    }
    ls_buf_puts(b, l->sized ? "</svg>\n" : "</svg>");
}

/* ---- a metric across governments and years (the comparison page) ---- */

#define CHART_W 640
#define CHART_H 260

/* The index of government 'gov' among the first 'n' of 'govs' (added
 * when new and there is room), or -1. */
static int gov_index(const char **govs, int *n, int max, const char *gov)
{
    int i;

    for (i = 0; i < *n; i++)
        if (strcmp(govs[i], gov) == 0)
            return i;
    if (*n == max)
        return -1;
    govs[*n] = gov;
    return (*n)++;
}

/* One line per government and kind: targets dashed with hollow points,
 * actuals solid, by the year they are about, scaled to the largest value
 * in the unit of the first mention (others are left out). */
void ls_chart_compare(ls_buf *b, const ls_comparison *cmp, int from, int to)
{
    static const char *const colours[] = {"#c62828", "#1565c0", "#2e7d32", "#6a1b9a",
                                          "#ef6c00", "#00838f"};
    const char *govs[6], *unit = NULL;
    int ngovs = 0, g, kind, last_year;
    double max = 0;
    size_t i;

    for (i = 0; i < cmp->nmentions; i++) {
        const ls_compared *m = &cmp->mentions[i];
        if (!unit)
            unit = m->unit;
        if (unit && strcmp(unit, m->unit) == 0 && m->value > max)
            max = m->value;
        gov_index(govs, &ngovs, 6, m->gov);
    }
    if (max <= 0 || to <= from)
        return;
    ls_buf_printf(b, "<svg class=\"chart\" role=\"img\" aria-label=\"指标对比\" "
                           "viewBox=\"0 0 %d %d\">",
                  CHART_W, CHART_H + 30);
    for (i = 0; (int)i <= to - from; i++)
        ls_buf_printf(b, "<text x=\"%.1f\" y=\"%d\" font-size=\"12\">%d</text>",
                      40 + (double)i * (CHART_W - 80) / (to - from) - 14, CHART_H + 20,
                      from + (int)i);
    for (g = 0; g < ngovs; g++)
        for (kind = 0; kind < 2; kind++) {
            ls_buf_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s "
                                   "points=\"",
                          colours[g], kind ? " stroke-dasharray=\"6 4\"" : "");
            last_year = 0;
            for (i = 0; i < cmp->nmentions; i++) {
                const ls_compared *m = &cmp->mentions[i];
                int target = strcmp(m->kind, "target") == 0, y = (int)m->for_year;
                if (target != kind || y == last_year || !m->unit || strcmp(m->unit, unit) != 0 ||
                    strcmp(m->gov, govs[g]) != 0)
                    continue;
                last_year = y;
                ls_buf_printf(b, "%.1f,%.1f ",
                              40 + (double)(y - from) * (CHART_W - 80) / (to - from),
                              CHART_H - m->value / max * (CHART_H - 20));
            }
            ls_buf_puts(b, "\"/>");
        }
    for (i = 0; i < cmp->nmentions; i++) {
        const ls_compared *m = &cmp->mentions[i];
        int target = strcmp(m->kind, "target") == 0, y = (int)m->for_year;
        g = gov_index(govs, &ngovs, 6, m->gov);
        if (g < 0 || !m->unit || strcmp(m->unit, unit) != 0)
            continue;
        ls_buf_printf(b,
                      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\" stroke=\"%s\" "
                      "stroke-width=\"2\"><title>",
                      40 + (double)(y - from) * (CHART_W - 80) / (to - from),
                      CHART_H - m->value / max * (CHART_H - 20), target ? "#fff" : colours[g],
                      colours[g]);
        ls_escape_html_str(b, govs[g]);
        ls_buf_printf(b, " %d %s ", y, target ? "目标" : "实际");
        ls_escape_html_str(b, m->text);
        ls_buf_puts(b, "</title></circle>");
    }
    ls_buf_puts(b, "</svg><p class=\"muted\">");
    for (g = 0; g < ngovs; g++) {
        ls_buf_printf(b, "<span style=\"color:%s\">■</span> ", colours[g]);
        ls_escape_html_str(b, govs[g]);
        ls_buf_puts(b, "　");
    }
    ls_buf_puts(b, "实线实心点：实际；虚线空心点：目标（按所指年份）。单位：");
    ls_escape_html_str(b, unit);
    ls_buf_puts(b, "</p>");
}
