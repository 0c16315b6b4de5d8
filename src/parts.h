/*
 * parts.h — where the review of last year ends and the plan begins.
 *
 * A work report reviews the past (工作回顾) and then plans the coming period
 * (总体要求, 主要预期目标, 工作任务/工作安排/重点工作, 政府自身建设). The kind of
 * a figure (actual or target) depends first on which side of that line it
 * stands. The full outline (levels, titles) is outline.c's job; this file
 * only finds the boundary, by the meaning of the heading lines.
 */
#ifndef LS_PARTS_H
#define LS_PARTS_H

#include <stddef.h>

/* The offset in the folded text 'norm' ('len' bytes) of the first heading
 * line that opens the plan, or 'len' when the report has none. */
size_t ls_parts_plan_start(const char *norm, size_t len);

#endif
