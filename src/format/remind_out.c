/*
 * remind_out.c — the 催办单 (reminder) of each unit, laid out as an
 * official document through one sink (doc_sink.c):
 *
 *   大同市人民政府督查室            (the issuer, when given)
 *   催办单
 *   能源局：
 *   截至2023年9月20日，你单位牵头的重点任务中，逾期未完成1项、…
 *   【红·逾期】【第5项】…（完成时限：2023-09-15；已过完成时限 …）
 *   【黄·欠进度】…    【蓝·临近时限】…（完成时限：…，还有5天）
 *   请…报送整改情况。            落款, date (set right)
 *
 * Which rows and which colour is the ledger's (src/ledger/remind.c).
 */
#include "remind_out.h"

#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "error.h"

/* The mark of each colour, ORDER LS_ALERT. */
static const char *const marks[] = {"", "【蓝·临近时限】", "【黄·欠进度】", "【红·逾期】"};


/* The sentence that opens a unit's 催办单: how many rows of each colour. */
static void write_summary(ls_sink *s, const ls_remind *r, const ls_remind_unit *u)
{
    char day[40];
    ls_buf p;

    ls_buf_init(&p);
    ls_buf_printf(&p, "截至%s，你单位牵头的重点任务中，", ls_cn_date(r->as_of, day, sizeof day));
    if (u->n[LS_ALERT_RED])
        ls_buf_printf(&p, "逾期未完成%zu项（红色）；", u->n[LS_ALERT_RED]);
    if (u->n[LS_ALERT_YELLOW])
        ls_buf_printf(&p, "低于序时进度%zu项（黄色）；", u->n[LS_ALERT_YELLOW]);
    if (u->n[LS_ALERT_BLUE])
        ls_buf_printf(&p, "%d日内到达完成时限%zu项（蓝色）；", r->within, u->n[LS_ALERT_BLUE]);
    if (p.len >= 3 && strcmp(p.data + p.len - 3, "；") == 0)
        p.len -= 3, p.data[p.len] = '\0';
    ls_buf_puts(&p, "。具体如下：");
    ls_sink_para(s, p.data ? p.data : "");
    ls_buf_release(&p);
}

static void write_row(ls_sink *s, const ls_item *it, ls_alert a)
{
    ls_buf p;

    ls_buf_init(&p);
    ls_buf_printf(&p, "【第%lld项】%s（完成时限：%s；%s）", it->id, it->text ? it->text : "",
                  it->due ? it->due : "年底", it->reason ? it->reason : "");
    ls_sink_marked(s, marks[a], ls_alert_code(a), p.data ? p.data : "");
    ls_buf_release(&p);
}

static void write_unit(ls_sink *s, const ls_remind *r, const ls_remind_unit *u,
                       const char *issuer, const char *signature)
{
    char day[40];
    ls_buf p;
    size_t i;

    if (issuer && *issuer)
        ls_sink_issuer(s, issuer);
    ls_sink_title(s, "催办单");
    ls_buf_init(&p);
    ls_buf_printf(&p, "%s：", u->unit);
    ls_sink_line(s, LS_DOCX_LEFT, p.data ? p.data : "");
    ls_buf_release(&p);
    write_summary(s, r, u);
    for (i = 0; i < u->nrows; i++)
        write_row(s, u->rows[i], u->alerts[i]);
    if (s->kind == LS_SINK_MD)
        ls_buf_puts(s->b, "\n");
    ls_sink_para(s, "请你单位对上述事项逐项分析原因，明确整改措施和完成时限，于5个工作日内"
                    "将办理情况书面报送督查室；逾期事项请同时说明未按期完成的原因。");
    if (signature && *signature)
        ls_sink_line(s, LS_DOCX_RIGHT, signature);
    ls_sink_line(s, LS_DOCX_RIGHT, ls_cn_date(r->as_of, day, sizeof day));
}

ls_status ls_remind_text(const ls_remind *r, const char *format, const char *issuer,
                         const char *signature, char **out, size_t *len, ls_error *err)
{
    ls_sink s;
    size_t u;
    ls_status st = ls_sink_open(&s, format, "reminder", err);

    *out = NULL;
    *len = 0;
    if (st != LS_OK)
        return st;
    ls_sink_begin(&s, "催办单");
    for (u = 0; u < r->nunits; u++) {
        if (u > 0)
            ls_sink_page_break(&s);
        write_unit(&s, r, &r->units[u], issuer, signature);
    }
    if (r->nunits == 0)
        ls_sink_para(&s, "无需催办的事项。");
    ls_sink_end(&s);
    return ls_sink_close(&s, out, len, err);
}
