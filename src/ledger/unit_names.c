/*
 * unit_names.c — unit names as offices write them in a 分工方案: who leads
 * and who helps in a cell or a bracket ("省发展改革委牵头，省财政厅等按职责
 * 分工负责"), placeholders that are no unit (有关单位, 各县区, 成员单位), and
 * the department a name stands for at any level, from the alias table
 * data/unit_aliases.txt (区发改局 = 发展改革委 = 省发展改革委). It reads
 * names only; finding them in the store is fengong.c's.
 */
#include <string.h>

#include "fengong.h"

extern const struct ls_pair {
    const char *key, *value;
} ls_unit_aliases[];

int ls_unit_is_placeholder(const char *name)
{
    static const char *const inside[] = {"有关", "相关", "成员单位", "各级", "各地", "其他",
                                         "属地", NULL};
    size_t k;

    if (strncmp(name, "各", 3) == 0)
        return 1; /* 各县区, 各街道, 各市（州）人民政府 */
    for (k = 0; inside[k]; k++)
        if (strstr(name, inside[k]))
            return 1;
    return 0;
}

/* True when 'rest', what follows a department's stem in a name, is a word
 * of level or kind (厅, 局, 委, 委员会, 办公室, 管理局 …) or nothing. */
static int is_level_word(const char *rest)
{
    static const char *const words[] = {"",       "厅",     "局",     "委",       "委员会", "办",
                                        "办公室", "部",     "署",     "中心",     "管理局", "工作局",
                                        "监管局", "事务局", "总队",   "支队",     "大队",   "会",
                                        "社",     "院",     "分局",   "服务中心", "工作办", "室",
                                        "管委会", "委办",   "公司",   NULL};
    size_t k;

    for (k = 0; words[k]; k++)
        if (strcmp(rest, words[k]) == 0)
            return 1;
    return 0;
}

const char *ls_unit_department(const char *name)
{
    const struct ls_pair *p, *best = NULL;
    size_t best_len = 0;

    for (p = ls_unit_aliases; name && p->key; p++) {
        size_t len = strlen(p->key);
        const char *hit = strstr(name, p->key);
        /* the stem's last place in the name, with only a level word after it */
        while (hit && !is_level_word(hit + len))
            hit = strstr(hit + 1, p->key);
        if (hit && len > best_len) {
            best = p;
            best_len = len;
        }
    }
    return best ? best->value : NULL;
}

/* ---- owners in a cell ---- */

/* Appends 'name' to list '*at' (of '*n') in 'm' unless it is there. */
static void push(const char ***at, size_t *n, const char *name, ls_mem *m)
{
    const char **grown;
    size_t i;

    for (i = 0; i < *n; i++)
        if (strcmp((*at)[i], name) == 0)
            return;
    grown = ls_mem_alloc(m, (*n + 1) * sizeof *grown);
    if (!grown)
        return;
    if (*n)
        memcpy(grown, *at, *n * sizeof *grown);
    grown[(*n)++] = ls_mem_str(m, name);
    *at = grown;
}

/* Adds placeholder 'name' to o->others ("有关单位、各县区"). */
static void push_other(ls_owner_names *o, const char *name, ls_mem *m)
{
    size_t a = o->others ? strlen(o->others) : 0, b = strlen(name);
    char *s;

    if (o->others && strstr(o->others, name))
        return;
    s = ls_mem_alloc(m, a + b + 4);
    if (!s)
        return;
    if (a) {
        memcpy(s, o->others, a);
        memcpy(s + a, "、", 3);
        a += 3;
    }
    memcpy(s + a, name, b + 1);
    o->others = s;
}

/* Cuts words that are no part of a name off both ends of [*b, *e): 由 and
 * 请 before; 等, 配合, 参与, 负责, 牵头 and the like after. */
static void trim_name(const char **b, const char **e)
{
    static const char *const before[] = {"由", "请", "：", ":", NULL};
    static const char *const after[] = {"按职责分工负责", "按职责负责", "分工负责", "分别负责",
                                        "共同负责", "按职责", "负责", "配合", "参与", "协助",
                                        "协同", "牵头", "等单位", "等部门", "等", NULL};
    size_t k;
    int again = 1;

    while (again) {
        again = 0;
        while (*b < *e && (**b == ' ' || **b == '\t'))
            (*b)++;
        while (*e > *b && ((*e)[-1] == ' ' || (*e)[-1] == '\t'))
            (*e)--;
        for (k = 0; before[k]; k++) {
            size_t n = strlen(before[k]);
            if ((size_t)(*e - *b) > n && strncmp(*b, before[k], n) == 0) {
                *b += n;
                again = 1;
            }
        }
        for (k = 0; after[k]; k++) {
            size_t n = strlen(after[k]);
            if ((size_t)(*e - *b) >= n && strncmp(*e - n, after[k], n) == 0) {
                *e -= n;
                again = 1;
            }
        }
    }
}

/* True when [s, s+n) starts a separator of names: 、 ， , ； ; / 和 no. */
static size_t name_separator(const char *s, size_t n)
{
    static const char *const seps[] = {"、", "，", ",", "；", ";", "/", " ", "　", "\n", NULL};
    size_t k;

    for (k = 0; seps[k]; k++) {
        size_t len = strlen(seps[k]);
        if (n >= len && strncmp(s, seps[k], len) == 0)
            return len;
    }
    return 0;
}

/* A copy of [b, e) in 'm' (NULL when out of memory). */
static char *copy_span(const char *b, const char *e, ls_mem *m)
{
    char *s = ls_mem_alloc(m, (size_t)(e - b) + 1);

    if (s) {
        memcpy(s, b, (size_t)(e - b));
        s[e - b] = '\0';
    }
    return s;
}

/* Adds the names of [b, e) with role 'lead' (1) or co (0); every name is
 * kept, however long. */
static void add_names(ls_owner_names *o, const char *b, const char *e, int lead, ls_mem *m)
{
    char *name;

    while (b < e) {
        const char *p = b, *nb, *ne;
        size_t sep = 0;
        while (p < e && !(sep = name_separator(p, (size_t)(e - p))))
            p++;
        nb = b;
        ne = p;
        trim_name(&nb, &ne);
        if (ne > nb && (name = copy_span(nb, ne, m)) != NULL) {
            if (ls_unit_is_placeholder(name))
                push_other(o, name, m);
            else if (lead)
                push(&o->leads, &o->nleads, name, m);
            else
                push(&o->co, &o->nco, name, m);
        }
        b = p + sep;
        if (!sep)
            break;
    }
}

/* The role a clause says by a word of its own: 1 lead (牵头, 负责 alone),
 * 0 co (配合, 参与, 协助, 按职责分工负责), -1 none. */
static int role_word(const char *clause)
{
    static const char *const co_words[] = {"配合", "参与", "协助", "协同", "按职责", "分工负责",
                                           "分别负责", NULL};
    size_t k;

    if (strstr(clause, "牵头"))
        return 1;
    for (k = 0; co_words[k]; k++)
        if (strstr(clause, co_words[k]))
            return 0;
    if (strstr(clause, "负责"))
        return 1;
    return -1;
}

/* One clause [b, e) of a cell: a labelled one (牵头单位：…), a deadline,
 * or names with the role its words say (else 'lead'). */
static void add_clause(ls_owner_names *o, const char *b, const char *e, int lead, ls_mem *m)
{
    char due[16], *clause;
    const char *colon = NULL, *p;
    size_t n = (size_t)(e - b);
    int none, role;

    /* a copy of any length: no name of a long list is dropped */
    if (n == 0 || (clause = copy_span(b, e, m)) == NULL)
        return;
    for (p = clause; *p && !colon; p++)
        if (strncmp(p, "：", 3) == 0 || *p == ':')
            colon = p;
    if (colon) {
        char label[128];
        size_t ln = (size_t)(colon - clause);
        fg_column col;
        const char *value = colon + (*colon == ':' ? 1 : 3);
        if (ln >= sizeof label)
            ln = sizeof label - 1;
        memcpy(label, clause, ln);
        label[ln] = '\0';
        col = ls_fg_column_of(label);
        if (col == FG_LEADER) {
            o->leader = ls_mem_str(m, value);
            return;
        }
        if (col == FG_DUE) {
            o->due = ls_mem_str(m, value);
            return;
        }
        if (col == FG_LEAD || col == FG_CO) {
            add_names(o, b + (value - clause), e, col == FG_LEAD, m);
            return;
        }
    }
    if (ls_ledger_due(clause, 2000, due, &none) ||
        (n > 6 && strcmp(clause + n - 6, "完成") == 0)) {
        o->due = ls_mem_str(m, clause);
        return;
    }
    role = role_word(clause);
    add_names(o, b, e, role < 0 ? lead : role, m);
}

void ls_owner_names_add(ls_owner_names *o, const char *text, int lead, ls_mem *m)
{
    static const char *const clause_ends[] = {"，", "；", ";", "。", "\n", NULL};
    const char *b = text, *p = text;
    size_t k;

    while (text && *p) {
        size_t len = 0;
        for (k = 0; clause_ends[k] && !len; k++)
            if (strncmp(p, clause_ends[k], strlen(clause_ends[k])) == 0)
                len = strlen(clause_ends[k]);
        if (!len) {
            p++;
            continue;
        }
        add_clause(o, b, p, lead, m);
        p += len;
        b = p;
    }
    if (text && p > b)
        add_clause(o, b, p, lead, m);
}
