/*
 * parts.h — which part of a report a heading opens, read by meaning: the
 * time its title looks to, the words that name a part, and what the
 * clauses of its body read as.
 */
#ifndef LS_PARTS_H
#define LS_PARTS_H

#include <stddef.h>
#include <stdint.h>

#include "luoshi.h"
#include "text.h"

/* A part as a bit of a set of candidates: LS_PART_BIT(LS_PART_PLAN). */
#define LS_PART_BIT(part) (1u << (unsigned)(part))

/* One character bigram of the generated table (part_table.c, by
 * tools/train_parts.py): 'key' is (first code point << 21) | second, 'w'
 * its log-odds for each part times 256 (ORDER PARTS: review, requirements,
 * plan, self; the values of ls_part 1..4). */
typedef struct {
    uint64_t key;
    int16_t w[4];
} ls_part_bigram;

extern const ls_part_bigram ls_part_bigrams[];
extern const size_t ls_part_bigram_count;
/* Bit c set when code point c (< 65536) begins a bigram of the table. */
extern const uint32_t ls_part_bigram_firsts[2048];
/* The rows by hash of their key: row + 1, 0 for an empty slot (linear
 * probing from ls_part_bigram_hash). ORDER HASH_SLOTS (tools/train_parts.py). */
#define LS_PART_HASH_SLOTS 4096
extern const uint16_t ls_part_bigram_slots[LS_PART_HASH_SLOTS];

/* What the clauses of a stretch of text read as: 'votes[part]' clauses
 * read as that part (indexed by ls_part; votes[LS_PART_OTHER] unused), out
 * of 'clauses'. */
typedef struct {
    size_t votes[5];
    size_t clauses;
} ls_part_votes;

/* Adds to 'v' the votes of the clauses of the folded text [a, b) of 's'
 * (a clause ends at 。 ; ! ? or a line break; one of fewer than four
 * characters does not vote). Each clause votes for the part whose bigrams
 * weigh most in it. */
void ls_parts_read(const char *s, size_t a, size_t b, ls_part_votes *v);

/* What the title [a, b) of 's' says of its part. */
typedef struct {
    unsigned named; /* LS_PART_BIT of each part a word of it names */
    int backward;   /* looks back: 过去, 一年来, 本届政府, 回顾, 成就 … */
    int forward;    /* looks forward: 今后, 未来, 今年, 目标, 任务, 安排 … */
    int five_year;  /* a five-year period (“十五五”, 今后五年) and no year */
    int period;     /* a five-year period, with or without a year */
    int plan_named; /* names a five-year plan itself (五年规划) */
    int year;       /* names a year (2026年) */
    int work;       /* names work or tasks (工作, 任务) */
    int tasks;      /* names tasks (目标任务): with a year, the year's */
} ls_title;

void ls_parts_title(const char *s, size_t a, size_t b, ls_title *t);

/* True when [a, b) of 's' names a five-year period: “十五五”, 十四五, 今后五年,
 * 未来五年. */
int ls_parts_names_period(const char *s, size_t a, size_t b);

/* True when the title 't' of a line names a part: a part word, or a time
 * and work (一年来的工作, 今后五年的工作). */
int ls_parts_is_part_title(const ls_title *t);

/* The parts the title 't' leaves open, as LS_PART_BIT set: one when the
 * title decides (a backward title is the review; a forward one never is;
 * self words name self), several when its body must (a combined part,
 * 2026年重点工作), all four when it names no part and no time. */
unsigned ls_parts_candidates(const ls_title *t);

/* The part among 'candidates' that most clauses of the body 'v' read as;
 * 'by_position' (the part the order of a report gives) when the body is
 * too short or two candidates tie, and it is one of them. */
ls_part ls_parts_choose(unsigned candidates, const ls_part_votes *v, ls_part by_position);

/* True when the line [a, b) calls on the audience to strive: the closing
 * words of a report (让我们更加紧密地团结在…周围, …而努力奋斗！). A call
 * opens a sentence with 让我们, or unites closely (紧密团结). */
int ls_parts_is_call(const char *s, size_t a, size_t b); /* 's' NUL-terminated */

/* True when a call starts at 'p' of the line or paragraph [a, b) (紧密团结,
 * or 让我们 opening a sentence); ls_parts_call_words adds the words a call
 * starts with to the filter 'f', for a scan that looks for more. */
int ls_parts_call_at(const char *s, size_t a, size_t p, size_t b);
void ls_parts_call_words(ls_word_filter *f);

/* True when the line [a, b) numbers an annex (附件, 附件1, 附件2：): the
 * annex's title is the next line. */
int ls_parts_is_annex_mark(const char *s, size_t a, size_t b);

/* True when the line [a, b) is the title of a glossary or a piece of a web
 * page around a report: 名词解释, 注释, 相关报道, 责任编辑, 扫一扫在手机打开当前页,
 * （来源：…）, 打印本页 … (after any opening bracket). */
int ls_parts_is_furniture(const char *s, size_t a, size_t b);

#endif
