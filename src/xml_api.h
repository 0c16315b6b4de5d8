/*
 * xml_api.h — the functions of libxml2 that the HTML reader (html.c) and
 * the reader of DOCX and XLSX members (format/sheet_zip.c) call, in a
 * table filled on first use (lazylib.h): luoshi loads libxml2 (and ICU and
 * the C++ runtime it pulls in) only when it reads such a file, not at the
 * start of every command. The table also holds libxml2's accessors of its
 * per-thread error handlers, which its headers' macros (xmlGenericError …)
 * would call directly. It says nothing of HTML or of the formats.
 */
#ifndef LS_XML_API_H
#define LS_XML_API_H

#include <libxml/HTMLparser.h>
#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_XML_FUNCTIONS(X)                                                                   \
    X(void, xmlInitParser, (void))                                                            \
    X(htmlParserCtxtPtr, htmlNewParserCtxt, (void))                                           \
    X(htmlDocPtr, htmlCtxtReadMemory,                                                         \
      (xmlParserCtxtPtr, const char *, int, const char *, const char *, int))                 \
    X(void, htmlFreeParserCtxt, (htmlParserCtxtPtr))                                          \
    X(void, xmlFreeDoc, (xmlDocPtr))                                                          \
    X(xmlNodePtr, xmlDocGetRootElement, (const xmlDoc *))                                     \
    X(void, xmlSetGenericErrorFunc, (void *, xmlGenericErrorFunc))                            \
    X(void, xmlSetStructuredErrorFunc, (void *, xmlStructuredErrorFunc))                      \
    X(xmlGenericErrorFunc *, __xmlGenericError, (void))                                       \
    X(void **, __xmlGenericErrorContext, (void))                                              \
    X(xmlStructuredErrorFunc *, __xmlStructuredError, (void))                                 \
    X(void **, __xmlStructuredErrorContext, (void))                                           \
    X(xmlTextReaderPtr, xmlReaderForIO,                                                       \
      (xmlInputReadCallback, xmlInputCloseCallback, void *, const char *, const char *, int)) \
    X(void, xmlTextReaderSetStructuredErrorHandler,                                           \
      (xmlTextReaderPtr, xmlStructuredErrorFunc, void *))                                     \
    X(int, xmlTextReaderRead, (xmlTextReaderPtr))                                             \
    X(int, xmlTextReaderNodeType, (xmlTextReaderPtr))                                         \
    X(int, xmlTextReaderDepth, (xmlTextReaderPtr))                                            \
    X(int, xmlTextReaderIsEmptyElement, (xmlTextReaderPtr))                                   \
    X(const xmlChar *, xmlTextReaderConstLocalName, (xmlTextReaderPtr))                       \
    X(const xmlChar *, xmlTextReaderConstNamespaceUri, (xmlTextReaderPtr))                    \
    X(const xmlChar *, xmlTextReaderConstValue, (xmlTextReaderPtr))                           \
    X(int, xmlTextReaderMoveToFirstAttribute, (xmlTextReaderPtr))                             \
    X(int, xmlTextReaderMoveToNextAttribute, (xmlTextReaderPtr))                              \
    X(int, xmlTextReaderMoveToElement, (xmlTextReaderPtr))                                    \
    X(int, xmlTextReaderIsNamespaceDecl, (xmlTextReaderPtr))                                  \
    X(void, xmlFreeTextReader, (xmlTextReaderPtr))

typedef struct {
    LS_XML_FUNCTIONS(LS_LAZY_FIELD)
} ls_xml_api;

/* The table. Read it only after ls_xml_load succeeded. */
extern ls_xml_api ls_xml;

/* Loads libxml2 once and initializes its parser (before any thread
 * parses); LS_OK, or LS_EIO with the reason in 'err'. */
ls_status ls_xml_load(ls_error *err);

/* This thread's libxml2 error handlers (libxml2 keeps them per thread). */
typedef struct {
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
} ls_xml_handlers;

/* After ls_xml_load: saves this thread's handlers into 'saved' and sets
 * ones that print nothing, for a parse (libxml2 sends some errors, encoding
 * and I/O, to its global handlers, which print; the library never prints:
 * what matters comes back through the reader's own checks). */
void ls_xml_quiet(ls_xml_handlers *saved);
/* Puts back the handlers ls_xml_quiet saved. */
void ls_xml_restore(const ls_xml_handlers *saved);

#endif
