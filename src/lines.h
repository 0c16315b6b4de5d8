/*
 * lines.h — line breaks that are not the end of a line of text: a web
 * page's sentence broken around a bold phrase, a quote or a subscript.
 */
#ifndef LS_LINES_H
#define LS_LINES_H

#include <stddef.h>

/* True when the line break at 'nl' of the folded text 's' ('len' bytes)
 * breaks a sentence of a web page, and the lines on both sides are one:
 * the line before ends with an opening mark or 的 (…做到“\n两个维护,
 * 发展的\n主要预期目标), or the line after opens with a closing or
 * continuing mark (”, ，, 。, 是：), or a subscript stands alone (PM\n2.5).
 * A line that ends a sentence (。 ! ? ;) or with a colon is never joined
 * to the next by its own end. */
int ls_line_joins_next(const char *s, size_t len, size_t nl);

#endif
