/*
 * docx_num.h — the automatic numbering of a Word document (docx_num.c):
 * the lists of word/numbering.xml, the paragraph styles of
 * word/styles.xml that carry a list (a heading style numbered 一、), and
 * the counters that turn a numbered paragraph into the text Word shows
 * before it (一、 （二） 3. ④). Used by docx_read.c only.
 */
#ifndef LS_FORMAT_DOCX_NUM_H
#define LS_FORMAT_DOCX_NUM_H

#include <stddef.h>

#include "luoshi.h"
#include "sheet_zip.h"

#define LS_DOCX_LEVELS 9      /* w:ilvl 0-8 */
#define LS_DOCX_MAX_LISTS 4096 /* w:abstractNum, and w:num, each */
#define LS_DOCX_MAX_STYLES 8192
#define LS_DOCX_LVL_TEXT 40   /* bytes of a level's w:lvlText: "（%1）" */
#define LS_DOCX_STYLE_ID 64   /* bytes of a style id kept */

typedef struct ls_docx_list ls_docx_list;
typedef struct ls_docx_inst ls_docx_inst;
typedef struct ls_docx_style ls_docx_style;

/* A document's numbering: lists and instances sorted by id, styles by id. */
typedef struct {
    ls_docx_list *lists;
    size_t nlists;
    ls_docx_inst *insts;
    size_t ninsts;
    ls_docx_style *styles;
    size_t nstyles;
} ls_docx_numbering;

/* Reads word/numbering.xml and word/styles.xml of archive 'ar' into 'nb'
 * (zeroed first; release it with ls_docx_numbering_free, also after a
 * failure). A missing or damaged part means no numbering, not an error;
 * a limit passed (sheet_zip.h, or more lists or styles than above) is
 * LS_EINVAL in 'err', LS_ENOMEM. */
ls_status ls_docx_numbering_read(ls_archive *ar, ls_docx_numbering *nb, ls_error *err);
void ls_docx_numbering_free(ls_docx_numbering *nb);

/* The numbering of a paragraph: its own w:numPr ('num_id', 'ilvl', each
 * -1 when absent) or else that of its style 'style' ("" for none).
 * Counts the paragraph and writes the text Word shows before it into
 * 'out' ('size' bytes, NUL-terminated, "" when it is not numbered or is a
 * bullet). */
void ls_docx_number(ls_docx_numbering *nb, const char *style, long num_id, long ilvl, char *out,
                    size_t size);

#endif
