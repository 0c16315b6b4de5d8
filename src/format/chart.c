/*
 * chart.c — bar charts as inline SVG (chart.h). The numbers of each layout
 * are in one table, so that the bulletin's document and the dashboard's
 * phone-sized page draw their bars with the same code; the text of every
 * label and tooltip goes through ls_escape_html.
 */
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
