/*
 * parts.c — finds the heading line where a report turns from review to plan.
 *
 * A heading line is short (at most LINE_MAX_CHARS characters once numbering
 * like 一、 or （三） is set aside) and names a plan part by one of the words
 * of plan_words[]; a line that also names the review (回顾, 总结) without
 * a plan word is the review's own heading. It does not build the outline.
 */
#include "parts.h"

#include <string.h>

#define LINE_MAX_CHARS 40

static const char *const plan_words[] = {
    "总体要求", "目标任务", "主要目标", "预期目标", "工作任务", "工作安排", "重点工作",
    "主要任务", "重大任务", "重点任务", "工作部署", "主要考虑", "目标和任务",
};

static const char *const review_words[] = {"回顾", "总结", "成就", "过去一年", "过去五年"};

/* True when 'word' occurs in [s, s + n). */
static int contains(const char *s, size_t n, const char *word)
{
    size_t w = strlen(word), i;

    for (i = 0; i + w <= n; i++)
        if (memcmp(s + i, word, w) == 0)
            return 1;
    return 0;
}

/* The number of UTF-8 characters in [s, s + n). */
static size_t char_count(const char *s, size_t n)
{
    size_t count = 0, i;

    for (i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

/* True when the line [s, s + n) is a heading that opens the plan. */
static int is_plan_heading(const char *s, size_t n)
{
    size_t i;
    int plan = 0;

    if (char_count(s, n) > LINE_MAX_CHARS)
        return 0;
    for (i = 0; i < sizeof plan_words / sizeof plan_words[0]; i++)
        plan |= contains(s, n, plan_words[i]);
    if (!plan) {
        /* 2024年工作, 关于2026年工作: a year's work named alone */
        if (n >= 6 && memcmp(s + n - 6, "工作", 6) == 0 && contains(s, n, "年"))
            plan = 1;
        for (i = 0; plan && i < sizeof review_words / sizeof review_words[0]; i++)
            if (contains(s, n, review_words[i]))
                plan = 0;
    }
    /* an intro sentence (今年政府工作的总体要求是：) is not a heading */
    if (plan && n >= 3 && (memcmp(s + n - 3, "是:", 3) == 0 || memcmp(s + n - 1, ":", 1) == 0))
        plan = 0;
    return plan;
}

/* True when the line starts with a top-level Chinese number: 一、 二、 */
static int starts_top_numbered(const char *s, size_t n, int first)
{
    static const char *const numbers[] = {"一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"};
    size_t i, from = first ? 0 : 1, to = first ? 1 : 8;

    for (i = from; i < to; i++)
        if (n >= 6 && memcmp(s, numbers[i], 6) == 0)
            return 1;
    return 0;
}

/* True when the line [s, s + n) is the heading of the review: a short line
 * with 回顾/总结/成就, or the first top-level numbered heading (一、), since
 * a work report always opens with the review of the past. */
static int is_review_heading(const char *s, size_t n)
{
    size_t i;

    if (char_count(s, n) > LINE_MAX_CHARS)
        return 0;
    if (starts_top_numbered(s, n, 1))
        return 1;
    for (i = 0; i < sizeof review_words / sizeof review_words[0]; i++)
        if (contains(s, n, review_words[i]))
            return 1;
    return 0;
}

/* The plan opens at the first plan heading (by its words), or at the next
 * top-level numbered heading after the review heading (二、 after 一、), when
 * that one stands past REVIEW_MIN_SHARE of the text: a review takes a good
 * part of a report, so an early 二、 numbers an area inside the review. */
#define REVIEW_MIN_SHARE 5 /* one fifth */

size_t ls_parts_plan_start(const char *norm, size_t len)
{
    size_t pos = 0;
    int review_seen = 0;

    while (pos < len) {
        const char *nl = memchr(norm + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - norm) : len;
        size_t a = pos, b = end;

        while (a < b && (norm[a] == ' ' || norm[a] == '\t'))
            a++;
        while (b > a && (norm[b - 1] == ' ' || norm[b - 1] == '\t' || norm[b - 1] == '\r'))
            b--;
        if (b > a && is_plan_heading(norm + a, b - a))
            return a;
        if (review_seen && a >= len / REVIEW_MIN_SHARE && char_count(norm + a, b - a) <= LINE_MAX_CHARS &&
            starts_top_numbered(norm + a, b - a, 0))
            return a;
        if (b > a && !review_seen && is_review_heading(norm + a, b - a))
            review_seen = 1;
        pos = end + 1;
    }
    return len;
}
