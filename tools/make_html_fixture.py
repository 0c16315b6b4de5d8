#!/usr/bin/env python3
"""make_html_fixture.py — the HTML test pages of tests/test_html.c, made from corpus reports.

usage: tools/make_html_fixture.py [FIXTURES_DIR]   (default: tests/fixtures)

Writes two pages as a government website serves its 政府工作报告 page:

  datong-2023.html   UTF-8 (<meta charset>), a modern layout: header, menu, breadcrumb,
                     the article in <div class="TRS_Editor">, share buttons, related
                     links, footer with the ICP number, scripts; from datong-2023.txt
  hailaer-2019.html  GBK (<meta http-equiv ... charset=gbk>, bytes made by iconv), an older
                     table layout with the article in <td id="zoom">; from the first 34
                     lines of hailaer-2019.txt

Each non-empty line of the report is one <p> (or <h2> for the two year headings of the
Datong report); `**lead**` becomes <strong>lead</strong>, and a line split over several
lines (政府\\n自身\\n建设) one <p> with <br>. The pages are committed: run this again only
when the generator or the reports change.
"""
import html
import os
import re
import subprocess
import sys

# Datong lines written as <h2>; other own-line headings become <p><strong>.
DATONG_H2 = {"2022年工作回顾", "2023年工作任务"}

# Datong lines that open a part: one bold paragraph each.
DATONG_PART_PREFIX = "坚持"
DATONG_PART_MAX = 60  # characters: a part heading is one short line without '。'


def esc(text):
    """HTML-escapes 'text' the way the TRS editor writes it: quotes as entities."""
    text = html.escape(text, quote=False)
    return text.replace("\u201c", "&ldquo;").replace("\u201d", "&rdquo;")


def bold_inline(text):
    """Turns **lead** markers of the report into <strong> elements."""
    parts = re.split(r"\*\*(.+?)\*\*", text)
    out = []
    for i, part in enumerate(parts):
        out.append("<strong>%s</strong>" % esc(part) if i % 2 else esc(part))
    return "".join(out)


def wrap_cjk(text, every):
    """Breaks a long source line between two ideographs about every 'every' characters, as
    some editors do; a browser shows no space there (CSS segment break rule)."""
    out, run = [], 0
    for i, ch in enumerate(text):
        out.append(ch)
        run += 1
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if run >= every and "\u4e00" <= ch <= "\u9fff" and "\u4e00" <= nxt <= "\u9fff":
            out.append("\n")
            run = 0
    return "".join(out)


def blocks(lines):
    """Groups the report lines into paragraphs: consecutive non-empty lines form one (the
    split headings), blank lines separate them."""
    group = []
    for line in lines:
        if line.strip():
            group.append(line.strip())
        elif group:
            yield group
            group = []
    if group:
        yield group


def datong_body(lines):
    """The TRS_Editor contents for the Datong report."""
    out = []
    for n, group in enumerate(blocks(lines)):
        text = group[0]
        if len(group) > 1:
            inner = "<br>".join(esc(g) for g in group)
            out.append("<p><strong>%s</strong></p>" % inner)
        elif text in DATONG_H2:
            out.append("<h2>%s</h2>" % esc(text))
        elif text.startswith("在市") or text.startswith("张强"):
            out.append('<p style="text-align: center;">%s</p>' % esc(text))
        elif text.startswith("今年重点") or (
            text.startswith(DATONG_PART_PREFIX) and len(text) < DATONG_PART_MAX and "。" not in text
        ):
            out.append("<p><strong>%s</strong></p>" % esc(text))
        elif n % 3 == 0:
            # an editor that indents with ideographic spaces and wraps long lines
            out.append("<p>\u3000\u3000%s</p>" % wrap_cjk(bold_inline(text), 70))
        elif n % 3 == 1:
            out.append(
                '<p style="text-indent: 2em;"><span style="font-family: 仿宋_GB2312; '
                'font-size: 16pt;">%s</span></p>' % bold_inline(text)
            )
        else:
            out.append("<p>&nbsp;&nbsp;&nbsp;&nbsp;%s</p>" % bold_inline(text))
    return "\n".join(out)


DATONG_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="SiteName" content="大同市人民政府">
<meta name="ArticleTitle" content="2023年大同市政府工作报告">
<meta name="PubDate" content="2023-01-20 09:30">
<title>2023年大同市政府工作报告_政府工作报告_大同市人民政府</title>
<link rel="stylesheet" href="/css/common.css">
<style type="text/css">
body { margin: 0; font-family: "Microsoft YaHei", "微软雅黑", sans-serif; }
.nav li { float: left; } .TRS_Editor p { line-height: 2em; font-size: 16px; }
.footer { background: #1f5fa6; color: #fff; }
</style>
<script type="text/javascript" src="/js/jquery-1.11.3.min.js"></script>
<script type="text/javascript">
var _hmt = _hmt || [];
(function() { var hm = document.createElement("script"); hm.src = "https://hm.baidu.com/hm.js?0a1b2c";
  var s = document.getElementsByTagName("script")[0]; s.parentNode.insertBefore(hm, s); })();
</script>
</head>
<body>
<!-- 头部 -->
<div class="top-bar">
  <div class="wrap">
    <span class="date">今天是：<script>document.write(new Date().toLocaleDateString());</script></span>
    <span class="top-links"><a href="/">网站首页</a> | <a href="/wzdt/">网站地图</a> | <a href="javascript:;" id="wza">无障碍浏览</a> | <a href="/en/">English</a></span>
  </div>
</div>
<div class="header">
  <div class="wrap">
    <div class="logo"><a href="/"><img src="/images/logo.png" alt="大同市人民政府"></a></div>
    <div class="search">
      <form action="/search/" method="get" target="_blank">
        <input type="text" name="q" placeholder="请输入关键字">
        <button type="submit">搜索</button>
      </form>
    </div>
  </div>
</div>
<div class="nav">
  <ul class="wrap">
    <li><a href="/">首页</a></li>
    <li><a href="/yw/">要闻动态</a></li>
    <li><a href="/zwgk/">政务公开</a></li>
    <li><a href="/zwfw/">政务服务</a></li>
    <li><a href="/zmhd/">政民互动</a></li>
    <li><a href="/zjdt/">走进大同</a></li>
    <li><a href="/ztzl/">专题专栏</a></li>
  </ul>
</div>
<div class="main wrap">
  <div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfgzbg/">政府工作报告</a></div>
  <div class="article">
    <h1 class="article-title">2023年大同市政府工作报告</h1>
    <div class="article-info">
      <span>发布时间：2023-01-20 09:30</span>
      <span>来源：大同日报</span>
      <span>字号：<a href="javascript:doZoom(20)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span>
    </div>
    <div class="TRS_Editor">
%(body)s
    </div>
    <div class="share">
      <span>分享到：</span><a class="share-wx" href="javascript:;" title="分享到微信">微信</a><a class="share-wb" href="javascript:;" title="分享到微博">微博</a><a class="share-qq" href="javascript:;">QQ空间</a>
    </div>
    <div class="article-tools">
      <a href="javascript:window.print();">【打印本页】</a>
      <a href="javascript:window.close();">【关闭窗口】</a>
    </div>
  </div>
  <div class="related">
    <h3>相关链接</h3>
    <ul>
      <li><a href="/zwgk/zfgzbg/202201/t20220118_1.html">2022年大同市政府工作报告</a><span>2022-01-18</span></li>
      <li><a href="/zwgk/zfgzbg/202101/t20210125_1.html">2021年大同市政府工作报告</a><span>2021-01-25</span></li>
      <li><a href="/zwgk/zfgzbg/202001/t20200110_1.html">2020年大同市政府工作报告</a><span>2020-01-10</span></li>
    </ul>
  </div>
</div>
<div class="footer">
  <div class="wrap">
    <p class="footer-links"><a href="/gywm/">关于我们</a> | <a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p>
    <p>主办：大同市人民政府办公室　承办：大同市大数据应用局</p>
    <p>地址：山西省大同市御东行政中心　邮编：037000　网站标识码：1402000001</p>
    <p><a href="https://beian.miit.gov.cn/" target="_blank">晋ICP备05003432号</a>　<a href="#">晋公网安备 14020002000001号</a></p>
  </div>
</div>
<script type="text/javascript">
var zoomSize = 16;
function doZoom(size) { var el = document.querySelector(".TRS_Editor"); if (el) { el.style.fontSize = size + "px"; } }
</script>
</body>
</html>
"""


def hailaer_body(lines):
    """The contents of <td id="zoom"> for the first lines of the Hailaer report."""
    out = []
    for line in lines:
        text = line.strip()
        if line.strip("\n") == " ":
            out.append("<p>&nbsp;</p>")  # the report's own spacer lines
        elif not text:
            continue
        elif text.startswith("政 府"):
            out.append('<p align="center"><b><font size="5">%s</font></b></p>' % esc(text))
        elif text.startswith("——") or text.startswith("呼伦贝尔"):
            out.append('<p align="center">%s</p>' % esc(text).replace("  ", "&nbsp;&nbsp;"))
        elif re.match(r"^[一二三四五六七八九十]+、", text):
            out.append('<p><font face="黑体">%s</font></p>' % esc(text))
        else:
            out.append("<p>\u3000\u3000%s</p>" % esc(text))
    return "\n".join(out)


HAILAER_PAGE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">
<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gbk">
<title>2019年海拉尔区政府工作报告 - 海拉尔区人民政府</title>
<style type="text/css">
td { font-size: 12px; } .zoom p { font-size: 14px; line-height: 180%%; }
</style>
<script language="javascript">
function fontZoom(size) { document.getElementById("zoom").style.fontSize = size + "px"; }
</script>
</head>
<body topmargin="0" leftmargin="0">
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="top">
  <tr><td><img src="/images/banner.jpg" width="1000" height="150" alt="海拉尔区人民政府"></td></tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" id="menu">
  <tr>
    <td><a href="/">首 页</a></td><td><a href="/zwgk/">政务公开</a></td><td><a href="/hlxw/">海拉尔新闻</a></td>
    <td><a href="/bsfw/">办事服务</a></td><td><a href="/hdjl/">互动交流</a></td><td><a href="/zjhle/">走进海拉尔</a></td>
  </tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0">
  <tr>
    <td width="230" valign="top" class="left">
      <table width="100%%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="lanmu">政务公开</td></tr>
        <tr><td><a href="/zwgk/zfwj/">政府文件</a></td></tr>
        <tr><td><a href="/zwgk/zfgzbg/">政府工作报告</a></td></tr>
        <tr><td><a href="/zwgk/rsxx/">人事信息</a></td></tr>
        <tr><td><a href="/zwgk/czxx/">财政信息</a></td></tr>
      </table>
    </td>
    <td width="770" valign="top">
      <table width="100%%" border="0" cellspacing="0" cellpadding="0">
        <tr><td class="weizhi">您现在的位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; <a href="/zwgk/zfgzbg/">政府工作报告</a></td></tr>
      </table>
      <table width="96%%" border="0" align="center" cellpadding="0" cellspacing="0">
        <tr><td align="center" class="biaoti"><b>2019年海拉尔区政府工作报告</b></td></tr>
        <tr><td align="center" class="riqi">发布日期：2019-03-15&nbsp;&nbsp;浏览次数：<script>document.write("1024");</script>&nbsp;&nbsp;【字体：<a href="javascript:fontZoom(16)">大</a> <a href="javascript:fontZoom(14)">中</a> <a href="javascript:fontZoom(12)">小</a>】</td></tr>
        <tr><td id="zoom" class="zoom">
%(body)s
        </td></tr>
        <tr><td align="right">【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
      </table>
    </td>
  </tr>
</table>
<table width="1000" border="0" align="center" cellpadding="0" cellspacing="0" class="foot">
  <tr><td align="center">版权所有：海拉尔区人民政府办公室&nbsp;&nbsp;<a href="https://beian.miit.gov.cn/">蒙ICP备05001234号</a><br>
  地址：内蒙古呼伦贝尔市海拉尔区胜利大街&nbsp;&nbsp;电话：0470-8888888</td></tr>
</table>
</body>
</html>
"""

HAILAER_LINES = 34  # the heading, the review's opening and its six numbered paragraphs


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return f.read().split("\n")


def main():
    fixtures = sys.argv[1] if len(sys.argv) > 1 else os.path.join("tests", "fixtures")

    datong = read_lines(os.path.join(fixtures, "datong-2023.txt"))
    page = DATONG_PAGE % {"body": datong_body(datong)}
    with open(os.path.join(fixtures, "datong-2023.html"), "w", encoding="utf-8") as f:
        f.write(page)

    hailaer = read_lines(os.path.join(fixtures, "hailaer-2019.txt"))[:HAILAER_LINES]
    page = HAILAER_PAGE % {"body": hailaer_body(hailaer)}
    gbk = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", "GBK"], input=page.encode("utf-8"), check=True,
        stdout=subprocess.PIPE,
    ).stdout
    with open(os.path.join(fixtures, "hailaer-2019.html"), "wb") as f:
        f.write(gbk)


if __name__ == "__main__":
    main()
