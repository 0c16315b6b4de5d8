/*
 * test_sheet.c — the table reader alone (src/format/sheet_read.c,
 * sheet_xlsx.c): every cell of tests/fixtures/sheet-edge.xlsx (rich text
 * without its phonetic guide, inline strings, dates by style and by type,
 * blank and empty strings, CDATA, formulas' results, two cells at one
 * place, rows and cells without r, a row out of order; the workbook is
 * written by edge() in tests/sheet_attacks.py); CSV as RFC 4180 has it,
 * with a guarded formula read back as written; the limits on rows and
 * columns in small form; and every allocation of the reader failing in
 * turn (LS_ENOMEM, nothing leaked, then the same grid).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "alloc.h"
#include "sheet.h"

static const char *fixtures;

/* The cells of sheet-edge.xlsx, as the reader before streaming read them
 * (row, column, text), then the end. */
static const struct {
    size_t row, col;
    const char *text;
} edge_cells[] = {
    {0, 0, "富 文本"},     {0, 1, "零"},     {0, 2, "3.5"},   {0, 4, "内联"},  {1, 0, "2023-12-31"},
    {1, 1, "2024-01-01"},  {1, 2, "45293"},  {1, 3, "45294"}, {1, 4, "45291"}, {1, 5, "2023-12-31"},
    {2, 2, "late"},        {3, 0, "7"},      {3, 1, "文字"},  {3, 2, "1"},     {3, 3, "#N/A"},
    {4, 1, "<cdata> & x"}, {4, 3, "&<中中"}, {4, 4, "零"},    {5, 0, "2"},     {5, 2, "全角"},
    {6, 0, "next"},        {8, 1, "x"},
};

/* A file of the fixtures directory (fixture.c). */
static char *read_fixture(const char *name, size_t *len)
{
    return ls_test_fixture(fixtures, name, len);
}

/* Checks that 'g' holds exactly the cells of 'edge_cells'. */
static void check_edge(const ls_grid *g)
{
    size_t i, r, c, found = 0;

    assert_int_equal(g->nrows, 9);
    assert_int_equal(g->ncols, 6);
    for (i = 0; i < sizeof edge_cells / sizeof edge_cells[0]; i++) {
        const char *s = ls_grid_cell(g, edge_cells[i].row, edge_cells[i].col);
        assert_non_null(s);
        assert_string_equal(s, edge_cells[i].text);
    }
    for (r = 0; r < g->nrows; r++)
        for (c = 0; c < g->ncols; c++)
            found += ls_grid_cell(g, r, c) != NULL;
    assert_int_equal(found, sizeof edge_cells / sizeof edge_cells[0]);
}

static void test_edge_workbook(void **state)
{
    size_t len;
    char *data = read_fixture("sheet-edge.xlsx", &len);
    ls_grid g;
    ls_error err;

    (void)state;
    assert_int_equal(ls_grid_read(data, len, "edge.xlsx", &g, &err), LS_OK);
    check_edge(&g);
    ls_grid_free(&g);
    /* a workbook by another name is still a workbook */
    assert_int_equal(ls_grid_read(data, len, "edge.bin", &g, &err), LS_OK);
    check_edge(&g);
    ls_grid_free(&g);
    free(data);
}

static void test_csv(void **state)
{
    static const char csv[] = "\xEF\xBB\xBF序号,任务,\"引\"\"号\"\r\n"
                              "1,\"两\n行, 逗号\",  空格  \r\n"
                              "\r\n"
                              ",'=SUM(A1),'-,'\tx\r"
                              "last,\"q\"tail";
    ls_grid g;
    ls_error err;

    (void)state;
    assert_int_equal(ls_grid_read(csv, sizeof csv - 1, "t.csv", &g, &err), LS_OK);
    assert_int_equal(g.nrows, 5);
    assert_string_equal(ls_grid_cell(&g, 0, 0), "序号");
    assert_string_equal(ls_grid_cell(&g, 0, 2), "引\"号");
    assert_string_equal(ls_grid_cell(&g, 1, 1), "两\n行, 逗号");
    assert_string_equal(ls_grid_cell(&g, 1, 2), "空格");
    assert_null(ls_grid_cell(&g, 2, 0));
    /* a formula guarded by csv.c reads as written; a lone '- was never one */
    assert_string_equal(ls_grid_cell(&g, 3, 1), "=SUM(A1)");
    assert_string_equal(ls_grid_cell(&g, 3, 2), "'-");
    assert_string_equal(ls_grid_cell(&g, 3, 3), "x");
    assert_string_equal(ls_grid_cell(&g, 4, 1), "qtail");
    ls_grid_free(&g);
    assert_int_equal(ls_grid_read("a,\"b", 4, "open.csv", &g, &err), LS_EINVAL);
    assert_string_equal(err.message, "open.csv: line 1: a quoted field is not closed");
    /* a NUL byte (UTF-16, or no text at all) would cut a cell short */
    assert_int_equal(ls_grid_read("a\nb,\0c", 6, "nul.csv", &g, &err), LS_EINVAL);
    assert_string_equal(err.message,
                        "nul.csv: line 2: a NUL byte, so not UTF-8 text (save it as CSV UTF-8)");
}

static void test_csv_limits(void **state)
{
    char line[400];
    size_t i, n = 0;
    ls_grid g;
    ls_error err;

    (void)state;
    /* 64 values fit; a 65th is an error, blanks past it are not */
    for (i = 0; i < 64; i++)
        n += (size_t)snprintf(line + n, sizeof line - n, "%sv", i ? "," : "");
    assert_int_equal(ls_grid_read(line, n, "w.csv", &g, &err), LS_OK);
    assert_int_equal(g.ncols, 64);
    ls_grid_free(&g);
    snprintf(line + n, sizeof line - n, ", ,\t,");
    assert_int_equal(ls_grid_read(line, strlen(line), "w.csv", &g, &err), LS_OK);
    ls_grid_free(&g);
    snprintf(line + n, sizeof line - n, ",x");
    assert_int_equal(ls_grid_read(line, strlen(line), "w.csv", &g, &err), LS_EINVAL);
    assert_string_equal(err.message, "w.csv: line 1: a value past column 64 (BL), the limit");
    assert_int_equal(g.ncells, 0);
}

/* A CSV of 'rows' lines of 'cols' fields 'field', in a new buffer (with two
 * bytes to spare). */
static char *csv_of(size_t rows, size_t cols, const char *field, size_t *len)
{
    size_t r, c, n = strlen(field), at = 0;
    char *s = malloc(rows * cols * (n + 1) + 3); /* room for a line more of "1\n" */

    assert_non_null(s);
    for (r = 0; r < rows; r++)
        for (c = 0; c < cols; c++) {
            memcpy(s + at, field, n);
            at += n;
            s[at++] = c + 1 < cols ? ',' : '\n';
        }
    *len = at;
    return s;
}

static void test_cell_and_text_limits(void **state)
{
    size_t len;
    char *s, field[1001];
    ls_grid g;
    ls_error err;

    (void)state;
    /* a million values fit (15,625 rows of 64), one more does not */
    s = csv_of(15625, 64, "1", &len);
    assert_int_equal(ls_grid_read(s, len, "m.csv", &g, &err), LS_OK);
    assert_int_equal(g.ncells, LS_GRID_MAX_CELLS);
    ls_grid_free(&g);
    memcpy(s + len, "1\n", 2);
    assert_int_equal(ls_grid_read(s, len + 2, "m.csv", &g, &err), LS_EINVAL);
    assert_string_equal(err.message, "m.csv: more than 1000000 cells with a value (the limit)");
    free(s);
    /* 16 MiB of text, counted with each cell's NUL: 17,000 cells of 1,000
     * bytes do not fit */
    memset(field, 'x', sizeof field - 1);
    field[sizeof field - 1] = '\0';
    s = csv_of(17000, 1, field, &len);
    assert_true(len > LS_GRID_MAX_TEXT);
    assert_int_equal(ls_grid_read(s, len, "t.csv", &g, &err), LS_EINVAL);
    assert_string_equal(err.message, "t.csv: more than 16 MB of text in its cells (the limit)");
    free(s);
}

/* Every allocation of a read failing in turn: LS_ENOMEM and an empty grid
 * each time (ASan finds any leak), then the same grid as without failures. */
static void test_alloc_failures(void **state)
{
    size_t len;
    char *data = read_fixture("sheet-edge.xlsx", &len);
    ls_grid g;
    ls_error err;
    ls_status s = LS_ENOMEM;
    long n;

    (void)state;
    for (n = 0; n < 1000 && s != LS_OK; n++) {
        ls_alloc_fail_after(n);
        s = ls_grid_read(data, len, "edge.xlsx", &g, &err);
        ls_alloc_fail_after(-1);
        if (s != LS_OK) {
            assert_int_equal(s, LS_ENOMEM);
            assert_null(g.cells);
            assert_null(g.text);
        }
    }
    assert_int_equal(s, LS_OK);
    assert_true(n > 3); /* the reader did allocate, and failed first */
    check_edge(&g);
    ls_grid_free(&g);
    free(data);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edge_workbook),  cmocka_unit_test(test_csv),
        cmocka_unit_test(test_csv_limits),     cmocka_unit_test(test_cell_and_text_limits),
        cmocka_unit_test(test_alloc_failures),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: test_sheet FIXTURE_DIR\n");
        return 2;
    }
    fixtures = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
