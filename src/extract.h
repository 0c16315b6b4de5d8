/*
 * extract.h — quantity mentions of a document.
 */
#ifndef LS_EXTRACT_H
#define LS_EXTRACT_H

#include "doc.h"

/* Finds every quantity mention in the folded text of 'doc' and appends it
 * to the document's mentions. Returns LS_ENOMEM or LS_OK. */
ls_status ls_extract_run(ls_doc *doc);

#endif
