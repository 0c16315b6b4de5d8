/*
 * due.c — a deadline (完成时限) as offices write it, read as YYYY-MM-DD:
 * 2026-12-31, 2026年12月31日前, 6月底前, 六月底前, 年底前, 三季度末, 上半年, an
 * Excel date; 长期坚持, 持续推进, 常态化, 每季度 mean none. Used by the
 * 分工方案 and the 报送表 readers. It only reads: nothing here is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fengong.h"
#include "pace.h"

/* 'out' = YYYY-MM-DD and true when it is a day of the years 1900-9999
 * (2023-02-30 is not). */
static int format_date(char out[16], int y, int m, int d)
{
    ls_date date;

    if (y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    snprintf(out, 16, "%04u-%02u-%02u", (unsigned)y, (unsigned)m, (unsigned)d);
    return ls_date_parse(out, &date);
}

/* Periods that end a deadline, after an optional year and 第 or 前:
 * 2023年底, 年底前, 上半年, 第三季度, 前三季度, 三季度末 (the report's year
 * when none is written). Longer words before the words they start. */
static const struct {
    const char *word;
    int month, day;
} periods[] = {
    {"年底", 12, 31},   {"年末", 12, 31},   {"年内", 12, 31},   {"全年", 12, 31},
    {"年中", 6, 30},    {"底", 12, 31},     {"末", 12, 31},     {"内", 12, 31},
    {"上半年", 6, 30},  {"下半年", 12, 31}, {"一季度", 3, 31},  {"二季度", 6, 30},
    {"三季度", 9, 30},  {"四季度", 12, 31}, {"1季度", 3, 31},   {"2季度", 6, 30},
    {"3季度", 9, 30},   {"4季度", 12, 31},
};

/* Words that say a task has no deadline. */
static const char *const no_deadline[] = {"长期", "持续", "常态", "每月", "每季", "每年",
                                          "定期", NULL};

/* A month written in Chinese at 's' (六月, 十二月): its number and the
 * bytes before 月 in '*n'; 0 when none. */
static int chinese_month(const char *s, size_t *n)
{
    static const char *const months[] = {"十二", "十一", "十", "一", "二", "三", "四",
                                         "五",   "六",   "七", "八", "九", NULL};
    static const int values[] = {12, 11, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    size_t k;

    for (k = 0; months[k]; k++) {
        size_t len = strlen(months[k]);
        if (strncmp(s, months[k], len) == 0 && strncmp(s + len, "月", 3) == 0) {
            *n = len;
            return values[k];
        }
    }
    return 0;
}

int ls_ledger_due(const char *s, int year, char out[16], int *none)
{
    int y = 0, m = 0, d = 0, n = 0;
    double serial;
    char *end;
    size_t k, cn;
    int had_year = 0;

    *none = 0;
    for (k = 0; no_deadline[k]; k++)
        if (strstr(s, no_deadline[k])) {
            *none = 1;
            return 1;
        }
    serial = strtod(s, &end);
    if (*end == '\0' && end != s && serial > 3000)
        return ls_grid_serial_date(serial, out);
    if ((sscanf(s, "%d-%d-%d%n", &y, &m, &d, &n) == 3 ||
         sscanf(s, "%d/%d/%d%n", &y, &m, &d, &n) == 3 ||
         sscanf(s, "%d.%d.%d%n", &y, &m, &d, &n) == 3) &&
        (s[n] == '\0' || s[n] == ' ' || s[n] == 'T')) {
        return format_date(out, y, m, d);
    }
    /* Chinese forms: an optional year, then a period, or a month and a day */
    if (strncmp(s, "于", 3) == 0 || strncmp(s, "在", 3) == 0)
        s += 3;
    /* sscanf counts %d even when 年 does not follow (6月): %n says it did */
    n = 0;
    if (sscanf(s, "%d年%n", &y, &n) == 1 && n > 3) {
        s += n;
        had_year = 1;
    } else
        y = year;
    if (strncmp(s, "第", 3) == 0 || strncmp(s, "前", 3) == 0)
        s += 3;
    /* 底, 末, 内 alone only after a year (2026年底): 内蒙古 is no deadline */
    for (k = 0; k < sizeof periods / sizeof periods[0]; k++)
        if (strncmp(s, periods[k].word, strlen(periods[k].word)) == 0 &&
            (had_year || strlen(periods[k].word) > 3)) {
            return format_date(out, y, periods[k].month, periods[k].day);
        }
    n = 0;
    if ((m = chinese_month(s, &cn)) != 0)
        n = (int)cn + 3;
    else if (sscanf(s, "%d月%n", &m, &n) != 1 || n == 0 || m < 1 || m > 12)
        return 0;
    s += n;
    if (sscanf(s, "%d日", &d) != 1)
        d = ls_date_days_in_month(y, m); /* 6月底, 6月, 6月份 */
    return format_date(out, y, m, d);
}
