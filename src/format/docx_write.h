/*
 * docx_write.h — the project's one writer of Word documents (DOCX, OOXML
 * WordprocessingML): a document is built as a list of blocks (a title,
 * headings, paragraphs, a marked item, a table, page breaks) and saved as
 * a ZIP archive in memory (libzip). It knows the look of a Chinese official
 * document (GB/T 9704: A4, margins 37/35/28/26 mm, title in 小标宋, headings
 * in 黑体 and 楷体, body in 仿宋 三号) and nothing of what a document says:
 * the bulletin and the 催办单 are laid out by their writers (bulletin_out.c,
 * remind_out.c). Text is escaped for XML here; the caller passes UTF-8.
 */
#ifndef LS_FORMAT_DOCX_WRITE_H
#define LS_FORMAT_DOCX_WRITE_H

#include <stddef.h>

#include "luoshi.h"

typedef struct ls_docx ls_docx;

typedef enum { LS_DOCX_LEFT = 0, LS_DOCX_CENTER, LS_DOCX_RIGHT } ls_docx_align;

/* A new, empty document; NULL when out of memory. ls_docx_free frees it. */
ls_docx *ls_docx_new(void);
void ls_docx_free(ls_docx *d);

/* The 发文机关 of the head: red, centred, 小标宋 26 pt, a red rule under it. */
void ls_docx_issuer(ls_docx *d, const char *text);
/* The title (小标宋 二号, centred). */
void ls_docx_title(ls_docx *d, const char *text);
/* A heading: level 1 in 黑体 (一、), level 2 in 楷体 (（一）). */
void ls_docx_heading(ls_docx *d, int level, const char *text);
/* A paragraph of body text (仿宋 三号), indented two characters. */
void ls_docx_para(ls_docx *d, const char *text);
/* A line set 'align' with no indent (a 文号, a 落款, a date, an addressee). */
void ls_docx_line(ls_docx *d, ls_docx_align align, const char *text);
/* A body paragraph led by 'mark' in bold colour 'rgb' ("C62828"): 【红】. */
void ls_docx_marked(ls_docx *d, const char *mark, const char *rgb, const char *text);
/* A table of 'nrows' rows of 'ncols' cells ('cells' row by row, NULL for an
 * empty cell); the first row is its header, bold and repeated on each page. */
void ls_docx_add_table(ls_docx *d, const char *const *cells, size_t nrows, size_t ncols);
/* A page break (the next 催办单 starts on a new page). */
void ls_docx_page_break(ls_docx *d);

/* The document as a DOCX file in a new buffer '*out' of '*len' bytes
 * (ls_free). LS_ENOMEM; LS_EIO when libzip fails. */
ls_status ls_docx_save(ls_docx *d, char **out, size_t *len, ls_error *err);

#endif
