#!/usr/bin/env python3
"""make_fengong.py OUTDIR — writes the 分工方案 of the Shanxi 2026 report
(tests/fixtures/corpus/provinces-2026/shanxi.txt) in the forms offices
publish it: CSV (序号, 重点工作任务, 牵头单位, 配合单位, 责任领导, 完成时限),
XLSX (other headings: 工作内容, 责任单位, 协办单位, 分管省领导, 时间节点),
text in the bracket form and the same text as a web page; and
shanxi-2026.expected.json, the ledger rows each line of assignment means
(by order: the k-th line that assigns anything in every form).

The lines are written as an office writes them: shortened, reworded and
reordered, two sentences in one line, one sentence in two lines, the whole
headline in one line, joint leads, placeholders (各市人民政府, 省(中)直有关
单位), the office's numbering (一、 （1） 1.), deadlines as 6月底前, 年底前,
12月31日前, 三季度末, 长期坚持. Run with Debian's python3 (openpyxl)."""
import csv
import json
import os
import sys

import openpyxl

# (section heading) or (task, leads, co, placeholders, leader, due, rows)
PLAN = [
    "主要预期目标",
    ("地区生产总值增长4.5%—5%，固定资产投资增长5%，社会消费品零售总额增长5%，居民消费价格涨幅控制在2%左右，"
     "城镇新增就业45万人，城镇调查失业率5.5%左右", ["省发展改革委", "省统计局"],
     ["省商务厅", "省人力资源社会保障厅"], [], "", "年底前", [3, 4, 5, 6, 7, 8]),
    "着力实施扩大内需战略",
    ("优化“两新”政策实施，促进大宗消费更新升级", ["省商务厅", "省发展改革委"], ["省财政厅"], [],
     "", "年底前", [9]),
    ("深入实施提振消费专项行动和服务消费提质惠民行动，释放文旅、赛事、餐饮等消费潜力", ["省商务厅"],
     ["省文化和旅游厅", "省体育局"], [], "", "长期坚持", [10]),
    ("发展总部经济、首发经济、夜间经济等新业态，创新多元消费场景，支持太原市开展零售业创新提升国家试点",
     ["省商务厅"], ["太原市人民政府"], [], "", "年底前", [11]),
    ("抓好629个省级重点工程项目，持续开展重大项目建设年活动，优化实施“两重”项目", ["省发改委"], [],
     ["各市人民政府"], "王副省长", "12月31日前", [16]),
    ("推动雄忻高铁、武宿机场三期改扩建、洪大高速等项目建设", ["省交通运输厅", "省发展改革委"],
     ["中国铁路太原局集团有限公司"], [], "", "三季度末", [17]),
    ("加快建设高标准市场体系，常态化开展市场准入壁垒清理整治行动，综合整治“内卷式”竞争，"
     "规范政府经济促进行为和招标投标主体行为", ["省发展改革委", "省市场监管局"], [], [], "",
     "持续推进", [22, 23, 24]),
    "着力推动能源转型",
    ("抓好煤炭产能接续，煤炭产量稳定在13亿吨左右", ["省能源局"], ["省应急厅"], [], "", "年底前",
     [30]),
    ("新建智能化煤矿60座，推广先进成套技术装备", ["省能源局"], [], [], "", "6月底前", [31]),
    ("推动大吉煤层气田等项目建设，力争非常规天然气产量突破200亿立方米、投资超120亿元", ["省能源局"],
     ["省自然资源厅"], [], "", "年底前", [37]),
    ("实施再电气化工程", ["省能源局"], [], ["有关单位"], "", "年底前", [40]),
    ("建设大同至天津南等特高压工程，提升晋电外送质效", ["国网山西省电力公司"], ["省能源局"], [], "",
     "年底前", [41]),
    "着力推进产业升级",
    ("大力发展工业互联网，新培育30户以上智能工厂", ["省工信厅"], [], [], "", "年底前", [54]),
    ("数字经济核心产业增加值增长10%", ["省工业和信息化厅"], ["省统计局"], [], "", "年底前", [56]),
    ("省级重点产业链营收达到8400亿元、同比增长7%左右", ["省工业和信息化厅"], ["省发展改革委"], [],
     "", "年底前", [59]),
    ("新建改造高标准农田80万亩，推动粮食稳产增产", ["省农业农村厅"], ["省水利厅", "省财政厅"], [],
     "", "10月底前", [63]),
    ("一产增加值增长4.5%以上", ["省农业农村厅"], ["省统计局"], [], "", "年底前", [70]),
    ("推动关公故里、北岳恒山景区等创建国家5A级旅游景区", ["省文化和旅游厅"], [],
     ["相关市人民政府"], "", "年底前", [71]),
    ("开展10个两业融合省级试点，促进“服务+制造”融合创新", ["省发展改革委"], ["省工业和信息化厅"], [],
     "", "三季度末", [82]),
    ("新立项找矿项目100个", ["省自然资源厅"], [], [], "", "三季度末", [83]),
    "着力提升科技创新能力",
    ("筹建一批省实验室，新建省重点实验室、省技术创新中心、省工程研究中心各20家", ["省科技厅",
     "省发展改革委"], [], [], "", "年底前", [87]),
    ("实施10个以上省科技重大专项", ["省科技厅"], [], [], "", "年底前", [94]),
    ("技术合同成交额突破350亿元", ["省科技厅"], ["省财政厅", "省委金融办"], [], "", "年底前", [97]),
    ("新认定高新技术企业1400家以上", ["省科技厅"], ["省财政厅", "国家税务总局山西省税务局"], [], "",
     "年底前", [98]),
    "着力深化改革",
    ("研究出台优化气价改革举措", ["省发展改革委"], [], [], "", "6月底前", [113]),
    ("深化零基预算改革，加强预算绩效管理", ["省财政厅"], [], ["省(中)直有关单位"], "", "长期坚持",
     [121]),
    ("新增贷款主要用于中小微企业，着力解决中小微企业融资难、融资贵问题", ["省委金融办",
     "省地方金融管理局"], ["人民银行山西省分行"], [], "", "年底前", [124]),
    ("积极申建国家自贸试验区", ["省商务厅"], [], [], "", "长期坚持", [130]),
    ("推动跨境电商综试区提质增效，优化布局海外仓", ["省商务厅"], ["太原海关"], [], "", "年底前",
     [133]),
    ("选择11个左右的县探索片区化推进乡村振兴，建设300个以上精品示范村", ["省农业农村厅"], [],
     ["各市人民政府"], "", "年底前", [139]),
    "着力保障和改善民生",
    ("增加1万个普惠性学前教育学位", ["省教育厅"], [], ["各市县人民政府"], "", "9月底前", [198]),
    ("增加1万个普通高中学位，推进县域普通高中发展振兴", ["省教育厅"], [], ["各市县人民政府"], "",
     "9月底前", [200]),
    ("新建6个国家级、20个省级临床重点专科", ["省卫生健康委"], [], [], "", "年底前", [207]),
    ("打造15个紧密型县域医共体升级版，促进优质医疗资源下沉", ["省卫生健康委"], ["省医保局"], [], "",
     "年底前", [209]),
    ("对上消化道癌高危人群开展内镜检查3万名", ["省卫生健康委"], [], [], "", "12月31日前", [234]),
    ("招募“西部计划”志愿者3000名、社区助理3000名", ["团省委"], ["省民政厅"], [], "", "三季度末",
     [235]),
    ("实施毕业生就业能力培训“万人计划”，促进高校毕业生就业", ["省人力资源社会保障厅"], ["省教育厅"],
     [], "", "年底前", [235]),
    ("改扩建50个社区养老工程和乡镇区域养老服务中心", ["省民政厅"], [], ["各市人民政府"], "",
     "年底前", [239]),
]

HAN = "一二三四五六七八九十"


def numbered():
    """(number, kind, entry): kind 'heading' or 'task'; tasks numbered 1.. per section."""
    out, sec, k = [], 0, 0
    for e in PLAN:
        if isinstance(e, str):
            out.append((HAN[sec] + "、", "heading", e))
            sec, k = sec + 1, 0
        else:
            k += 1
            out.append((str(k), "task", e))
    return out


def owners(e, joined):
    task, leads, co, others, leader, due, rows = e
    if joined:  # "X、Y牵头，Z等按职责分工负责" in one cell
        s = "、".join(leads) + "牵头"
        if co or others:
            s += "，" + "、".join(co + others) + "等按职责分工负责"
        return s, ""
    return "、".join(leads), "、".join(co + others)


def write_csv(path):
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["山西省2026年政府工作报告重点工作任务分工方案"])
        w.writerow(["序号", "重点工作任务", "牵头单位", "配合单位", "责任领导", "完成时限"])
        for i, (no, kind, e) in enumerate(numbered()):
            if kind == "heading":
                w.writerow([no, e, "", "", "", ""])
                continue
            lead, co = owners(e, i % 3 == 0)
            w.writerow([no, e[0], lead, co, e[4], e[5]])


def write_xlsx(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["山西省2026年政府工作报告重点工作任务分工方案"])
    ws.append(["序\n号", "工作内容", "责任单位", "协办单位", "分管省领导", "时间节点"])
    for no, kind, e in numbered():
        if kind == "heading":
            ws.append([None, no + e, None, None, None, None])
            continue
        lead, co = owners(e, False)
        ws.append([f"（{no}）", e[0], lead, co or None, e[4] or None, e[5]])
    wb.save(path)


def text_lines():
    lines, pending = [], None
    for no, kind, e in numbered():
        if kind == "heading":
            lines.append(no + e)
            continue
        task, leads, co, others, leader, due, rows = e
        b = "、".join(leads) + "牵头"
        if co or others:
            b += "，" + "、".join(co + others) + "等按职责分工负责"
        if due in ("长期坚持", "持续推进"):
            b += "，" + due
        else:
            b += "，" + due + "完成"
        line = f"{no}.{task}。〔{b}〕"
        # the two lines of row 235 stand in one paragraph, as offices write it
        if rows == [235] and pending is None:
            pending = line
            continue
        if pending:
            line, pending = pending + line[len(no) + 1:], None
        lines.append(line)
    return lines


def main():
    out = sys.argv[1]
    write_csv(os.path.join(out, "shanxi-2026.csv"))
    write_xlsx(os.path.join(out, "shanxi-2026.xlsx"))
    lines = text_lines()
    with open(os.path.join(out, "shanxi-2026.txt"), "w", encoding="utf-8") as f:
        f.write("山西省人民政府办公厅关于印发2026年《政府工作报告》重点工作任务分工方案的通知\n\n")
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(out, "shanxi-2026.html"), "w", encoding="utf-8") as f:
        f.write("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>分工方案</title></head>"
                "<body><div class=\"nav\">首页 | 政务公开</div><div class=\"article\">"
                "<h1>2026年《政府工作报告》重点工作任务分工方案</h1>\n")
        for line in lines:
            f.write(f"<p>{line}</p>\n")
        f.write("</div></body></html>\n")
    tasks = [e for e in PLAN if not isinstance(e, str)]
    with open(os.path.join(out, "shanxi-2026.expected.json"), "w", encoding="utf-8") as f:
        json.dump([{"task": e[0], "rows": e[6], "leads": e[1], "co": e[2], "others": e[3],
                    "due": e[5]} for e in tasks], f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
