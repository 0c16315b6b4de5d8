/*
 * fengong.h — the pieces of reading an office's own 分工方案 (issue 13),
 * private to src/ledger/: deadlines as offices write them (due.c), unit
 * names as offices write them (unit_names.c), the lines of a file in
 * whatever form it came (fengong_read.c: a table, or text in the bracket
 * form), and the alignment of a line to ledger rows by meaning (align.c).
 * fengong.c puts them together as ls_ledger_fengong_read / _apply
 * (luoshi.h). Nothing here writes to the store.
 */
#ifndef LS_LEDGER_FENGONG_H
#define LS_LEDGER_FENGONG_H

#include <stddef.h>

#include "arena.h"
#include "luoshi.h"
#include "sheet.h"

/* ---- due.c ---- */

/* Reads deadline 's' as offices write it: 2026-12-31 (a time after it is
 * ignored), 2026/12/31, 2026.12.31, 2026年12月31日(前), 2026年12月底,
 * 6月底前, 六月底前, 年底前, 年内, 上半年, 一季度 … 四季度, 三季度末, 前三季度,
 * 年中, an Excel date serial. 长期, 长期坚持, 持续, 持续推进, 常态化, 每月,
 * 每季度 mean no deadline ('*none' 1). A year left out is 'year'. 0 when
 * unreadable ('out' YYYY-MM-DD otherwise). */
int ls_ledger_due(const char *s, int year, char out[16], int *none);

/* ---- unit_names.c ---- */

/* True for a placeholder written where a unit would stand: 有关单位,
 * 各县区, 各街道, 区安委会各成员单位, 省(中)直有关单位, 相关部门. */
int ls_unit_is_placeholder(const char *name);

/* The department 'name' is at any level, from the alias table
 * (data/unit_aliases.txt): 区发改局, 发展改革委 and 省发展改革委 are all
 * 发展改革; 省财政厅 and 财政局 are 财政. NULL when the table knows none. */
const char *ls_unit_department(const char *name);

/* The owners named by one cell or bracket: "省发展改革委牵头，省财政厅等
 * 按职责分工负责", "X、Y" in a lead column (all lead), "配合单位：Z". */
typedef struct {
    const char **leads, **co; /* names as written, in 'mem' */
    size_t nleads, nco;
    char *others;             /* placeholders joined by "、", or NULL */
    const char *due;          /* a deadline clause found among them (2026年6月底前), or NULL */
    const char *leader;       /* a 分管领导：… clause, or NULL */
} ls_owner_names;

/* Adds the owners in 'text' to 'o' (names copied into 'm'): clauses
 * split on ，；。 and line ends; "X牵头" (or "X负责") leads, "Y配合"
 * ("参与", "协助", "按职责分工负责") helps, a clause "牵头单位：…" or
 * "配合单位：…" says its role by its label, and a clause with no word of
 * its own has role 'lead' (1) or co (0). Names split on 、 , / and
 * blanks, with 由 before and 等 after cut off. */
void ls_owner_names_add(ls_owner_names *o, const char *text, int lead, ls_mem *m);

/* ---- fengong_read.c ---- */

/* What a column (or a label "牵头单位：") holds, by its heading's meaning
 * (ORDER FG_COLUMNS). */
typedef enum {
    FG_NONE = -1,
    FG_NO = 0, /* 序号, 编号 */
    FG_TASK,   /* 任务, 重点工作任务, 工作内容, 目标任务, 主要任务 */
    FG_LEAD,   /* 牵头单位, 责任单位, 牵头领导单位, 主责部门 */
    FG_CO,     /* 配合单位, 协办单位, 参与单位 */
    FG_LEADER, /* 分管领导, 责任领导, 市领导 */
    FG_DUE,    /* 完成时限, 时间节点, 完成时间 */
    FG_COUNT
} fg_column;

/* The column heading or label 'text' means (blanks, *, brackets and a
 * final ： aside), or FG_NONE. */
fg_column ls_fg_column_of(const char *text);

/* One line of a 分工方案 as the file writes it. */
typedef struct {
    size_t line;      /* the sheet's row or the text's line, 1-based */
    const char *cell[FG_COUNT]; /* NULL where empty; [FG_LEAD] may hold a whole bracket */
} fg_raw;

typedef struct {
    fg_raw *at;
    size_t n, cap;
    int from_text;    /* 1: text in the bracket form */
} fg_raws;

/* Reads the lines of 'bytes': a table (XLSX, or CSV by the name's
 * extension; a ZIP archive is XLSX unless it holds word/document.xml) with
 * its header row found by meaning; a Word document (its largest table with
 * a header row, else its paragraphs); or text (plain, a web page's article,
 * a PDF's text) in the bracket form. A .doc (Word 97-2003) is refused
 * with the reason. Strings
 * live in 'm'. LS_EINVAL with the file named for a table with no header
 * row or a text with no line in the bracket form; the limits of
 * ls_grid_read and ls_doc_new. */
ls_status ls_fg_read(const char *bytes, size_t len, const char *name, fg_raws *out, ls_mem *m,
                     ls_error *err);

/* The two ways in, for a form read elsewhere (a Word file: its table as
 * an ls_grid, its paragraphs as text, one a line): the lines of table
 * 'g', its header row found by meaning (LS_EINVAL when it has none); the
 * lines of UTF-8 'text' in the bracket form (LS_EINVAL when none names a
 * lead). 'out' zeroed first by the caller; strings in 'm'. */
ls_status ls_fg_read_grid(const ls_grid *g, const char *name, fg_raws *out, ls_mem *m,
                          ls_error *err);
ls_status ls_fg_read_text(const char *text, size_t len, const char *name, fg_raws *out,
                          ls_mem *m, ls_error *err);

/* The office's own numbering at the start of 's' (一、 （一） (1) 1. 1、 ①):
 * its length in bytes, 0 when none. */
size_t ls_fg_numbering(const char *s);

/* ---- align.c ---- */

/* The rows of a ledger, indexed for alignment by text. */
typedef struct fg_index fg_index;

/* Indexes the 'n' texts 'rows' (a row's sentence; a target row's clause).
 * LS_ENOMEM. */
ls_status ls_fg_index_new(const char *const *rows, size_t n, fg_index **out, ls_error *err);
void ls_fg_index_free(fg_index *ix);

typedef struct {
    size_t row;   /* index into the rows given to ls_fg_index_new */
    double score; /* 0..1 */
} fg_hit;

/* Aligns 'text' (a line's task) to the rows: LS_FG_MATCHED with the rows
 * it covers in 'hits' (one, or several when it covers several), 
 * LS_FG_AMBIGUOUS with the candidates best first, LS_FG_UNMATCHED with the
 * nearest (if any) for the reader. At most 'max' hits; '*score' is the
 * line's score. LS_ENOMEM is -1. */
int ls_fg_align(const fg_index *ix, const char *text, fg_hit *hits, size_t max, size_t *nhits,
                double *score);

#endif
