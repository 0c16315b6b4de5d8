/*
 * docx_read.h — the text and the tables of a Word document (DOCX), read
 * as a stream within the limits of sheet_zip.h (inflated size and ratio,
 * no DOCTYPE, the shape of the XML): libzip inflates word/document.xml a
 * few KB at a time into libxml2's xmlTextReader; no tree, no member whole
 * in memory. What the text means is the reading stages' (a report) or
 * src/ledger/'s (a 分工方案); a PDF is pdf_read.c's.
 *
 *   <w:p><w:pPr><w:numPr>…</w:numPr></w:pPr>        一、坚持工业强市…      (numbering rendered)
 *     <w:r><w:rPr><w:b/></w:rPr><w:t>做大数字产业。  **做大数字产业。**…    (a bold lead, for a report)
 *   <w:tbl><w:tr><w:tc>序号</w:tc><w:tc>任务…        序号<TAB>任务…          (a table row a line)
 */
#ifndef LS_FORMAT_DOCX_READ_H
#define LS_FORMAT_DOCX_READ_H

#include <stddef.h>

#include "buf.h"
#include "luoshi.h"
#include "sheet.h"

/* The most text a document may give (bytes), numbering included. */
#define LS_DOCX_MAX_TEXT ((size_t)64 << 20)

/* True when the 'len' bytes at 'bytes' begin as a zip archive does
 * ("PK\3\4"): a DOCX, or some other archive ls_docx_* will name. */
int ls_docx_detect(const char *bytes, size_t len);

/* The text of DOCX file 'bytes' ('len' bytes; 'name' names it in errors)
 * into 'text', which the call initialises (ls_buf_init) and the caller
 * releases with ls_buf_release: one paragraph a line, each ended by '\n',
 * no empty line; automatic numbering (w:numPr, directly or by paragraph
 * style: 一、 （一） 1. ①) written before the paragraph's text as Word shows
 * it; a manual line break (w:br) ends a line too; a tab is a space;
 * deleted, hidden and text-box text is left out; a table is one line a
 * row, its cells separated by a tab (a cell's paragraphs joined by a
 * space, a vertically merged cell empty below its first row).
 * Fails with LS_EINVAL naming the file and what is wrong (not a zip
 * archive, no word/document.xml, damaged, a limit passed), LS_ENOMEM;
 * 'text' is then empty. */
ls_status ls_docx_text(const char *name, const char *bytes, size_t len, ls_buf *text,
                       ls_error *err);

/* As ls_docx_text, for a report: a bold run that opens a paragraph or a
 * sentence (a run-in lead, 做大数字产业。) is written **like this**, the
 * Markdown bold the outline stage reads, as html.c writes <strong>. */
ls_status ls_docx_report_text(const char *name, const char *bytes, size_t len, ls_buf *text,
                              ls_error *err);

/* The largest table of DOCX file 'bytes' (the one with the most cells
 * holding text; the first of equals) into grid 'grid' (sheet.h, read with
 * ls_grid_cell, freed with ls_grid_free): a row of the table a row of the
 * grid, a cell's paragraphs joined by '\n' (numbering included), a cell
 * spanning columns (w:gridSpan) in its first column, a vertically merged
 * cell (w:vMerge) repeating the text of its first cell in every row it
 * covers; a table nested in a cell is text of that cell. The limits of
 * sheet.h apply. LS_EINVAL "no table" when the document has none, and the
 * errors of ls_docx_text; 'grid' is then empty. */
ls_status ls_docx_table(const char *name, const char *bytes, size_t len, ls_grid *grid,
                        ls_error *err);

#endif
