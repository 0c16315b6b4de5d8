// luoshi — the little JavaScript the web app uses, served by luoshi itself.
// Tables with class "sortable" sort by a column when its header is clicked;
// a report's table of contents starts folded on a phone; a form with class
// "api" (an upload to the JSON API) shows the answer in the page instead of
// the raw JSON. Everything works without JavaScript too.
(function () {
  'use strict';
  function cellValue(row, i) {
    var text = row.cells[i] ? row.cells[i].textContent.trim() : '';
    // 160,000,000 and -74.2% are numbers; 2023-06-30 is text (sorts as a date)
    return /^[+-]?[\d,]+(\.\d+)?%?$/.test(text) ? parseFloat(text.replace(/[,%+]/g, '')) : text;
  }
  function sortBy(table, i, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute('aria-sort') !== 'ascending';
    rows.sort(function (a, b) {
      var x = cellValue(a, i), y = cellValue(b, i);
      if (typeof x === 'number' && typeof y === 'number') return asc ? x - y : y - x;
      return asc ? String(x).localeCompare(String(y), 'zh') : String(y).localeCompare(String(x), 'zh');
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (c) { c.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
  }
  // Posts 'form' with fetch and writes the outcome under it: its
  // data-done text with {field}s of the JSON answer, or the error's message.
  function apiForm(form) {
    var note = document.createElement('p');
    note.setAttribute('role', 'status');
    form.appendChild(note);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      note.className = 'notice';
      note.textContent = '正在上传…';
      fetch(form.action, {
        method: 'POST', body: new FormData(form), credentials: 'same-origin',
        headers: { 'X-CSRF-Token': form.elements.csrf ? form.elements.csrf.value : '' }
      }).then(function (res) {
        return res.json().then(function (j) { return { ok: res.ok, body: j }; });
      }).then(function (r) {
        var err = r.body && r.body.error;
        note.className = 'notice ' + (r.ok ? 'ok' : 'error');
        note.textContent = r.ok
          ? (form.getAttribute('data-done') || '完成').replace(/\{(\w+)\}/g, function (m, k) { return r.body[k]; })
          : '未完成：' + (err ? err.message : '服务器错误');
      }).catch(function () {
        note.className = 'notice error';
        note.textContent = '未完成：无法连接服务器';
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form.api'), apiForm);
    // the ledger's batch form: one box selects every row of the page
    var all = document.getElementById('select-all');
    if (all) all.addEventListener('change', function () {
      Array.prototype.forEach.call(document.querySelectorAll('input[form="batch"][name="id"]'),
        function (b) { b.checked = all.checked; });
    });
    // on a phone the table of contents of a report starts folded
    var toc = document.querySelector('.toc details');
    if (toc && window.matchMedia('(max-width: 720px)').matches) toc.removeAttribute('open');
    Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
      if (!table.tHead || !table.tBodies[0]) return;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
        th.style.cursor = 'pointer';
        th.title = '点击排序';
        th.addEventListener('click', function () { sortBy(table, i, th); });
      });
    });
  });
})();
// The 分工方案 upload (form.fengong): the file is sent once as a preview
// (dry_run), each line shown with what became of it and a checkbox per
// ledger row (a matched line's rows checked, an ambiguous line's
// candidates left for the office to choose), then the same file is sent
// again with the rows checked ("picks"). Every text from the file is put
// in the page as text, never as HTML.
(function () {
  'use strict';
  var RESULT = { matched: '已匹配', ambiguous: '待确认', unmatched: '未匹配', heading: '标题' };
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function cut(s, n) { s = s || ''; return s.length > n ? s.slice(0, n) + '…' : s; }
  function post(form, data) {
    return fetch(form.action, {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': form.elements.csrf ? form.elements.csrf.value : '' }
    }).then(function (res) {
      return res.json().then(function (j) { return { ok: res.ok, status: res.status, body: j }; });
    });
  }
  function failure(r) {
    var err = r.body && r.body.error;
    if (r.status === 404) return '未找到该报告';
    if (r.status === 503) return '服务器繁忙，请稍后重试';
    return '未能读取或应用分工方案（请上传 XLSX、CSV、Word，或含“〔××牵头〕”的文本、网页、PDF）' +
      (err && err.message ? '。详情：' + err.message : '');
  }
  function rowsCell(line, at, create) {
    var td = el('td');
    var ok = line.problem !== 'bad_date' && (line.problem !== 'unknown_unit' || create);
    (line.rows || []).forEach(function (row) {
      var label = el('label', null, 'pick');
      var box = el('input');
      box.type = 'checkbox';
      box.value = at + ':' + row.item;
      box.checked = line.result === 'matched' && ok;
      box.disabled = !ok;
      label.appendChild(box);
      label.appendChild(document.createTextNode(' 第' + row.item + '项（相似度 ' +
        row.score.toFixed(2) + '）' + cut(row.text, 40)));
      td.appendChild(label);
    });
    if (!line.rows || !line.rows.length) td.textContent = '（台账中没有相近的条目）';
    if (line.problem === 'unknown_unit' && !create) td.appendChild(el('p', '含未登记的单位：勾选“自动新建”后再预览', 'muted'));
    if (line.problem === 'bad_date') td.appendChild(el('p', '完成时限无法识别：' + line.due_text, 'muted'));
    return td;
  }
  function owners(line) {
    var lead = (line.leads || []).join('、');
    var co = (line.co || []).concat(line.others ? [line.others] : []).join('、');
    var due = line.clears_due ? '长期' : (line.due || line.due_text || '');
    return [lead, co, due];
  }
  function table(p, create) {
    var t = el('table', null, 'wide');
    var head = t.createTHead().insertRow();
    ['行', '序号', '结果', '方案中的任务', '对应台账条目（勾选即应用）', '牵头单位', '配合单位', '完成时限']
      .forEach(function (h) { head.appendChild(el('th', h)); });
    var body = t.createTBody();
    p.lines.forEach(function (line, at) {
      var tr = body.insertRow();
      tr.className = 'fg-' + line.result;
      tr.appendChild(el('td', String(line.line), 'num'));
      tr.appendChild(el('td', line.no || ''));
      tr.appendChild(el('td', RESULT[line.result] || line.result));
      tr.appendChild(el('td', line.task || '', 'long'));
      if (line.result === 'heading') { tr.appendChild(el('td')); tr.appendChild(el('td')); tr.appendChild(el('td')); tr.appendChild(el('td')); return; }
      tr.appendChild(rowsCell(line, at, create));
      owners(line).forEach(function (s) { tr.appendChild(el('td', s)); });
    });
    return t;
  }
  function units(p) {
    var box = el('div');
    var alias = p.units.filter(function (u) { return u.alias; });
    var missing = p.units.filter(function (u) { return !u.unit; });
    if (alias.length) box.appendChild(el('p', '按别名对应到已登记单位：' + alias.map(function (u) { return u.name + ' → ' + u.unit; }).join('；')));
    if (missing.length) box.appendChild(el('p', '尚未登记的单位（共 ' + missing.length + ' 个）：' + missing.map(function (u) { return u.name; }).join('、')));
    return box;
  }
  function fengongForm(form) {
    // the preview takes the page's width, below the two panels of forms
    var out = el('section', null, 'panel fengong-preview');
    var after = form.closest('.grid2') || form;
    after.parentNode.insertBefore(out, after.nextSibling);
    function say(cls, text) { var n = el('p', text, 'notice ' + cls); n.setAttribute('role', 'status'); out.appendChild(n); }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      out.textContent = '';
      say('', '正在读取分工方案…');
      var data = new FormData(form);
      data.set('dry_run', '1');
      var create = !!(form.elements.create_units && form.elements.create_units.checked);
      post(form, data).then(function (r) {
        out.textContent = '';
        if (!r.ok) { say('error', failure(r)); return; }
        var p = r.body.preview;
        say('ok', '共 ' + p.lines.length + ' 行：已匹配 ' + p.matched + ' 行，待确认 ' + p.ambiguous +
          ' 行，未匹配 ' + p.unmatched + ' 行，标题 ' + p.headings + ' 行。请核对后勾选要应用的条目。');
        out.appendChild(units(p));
        out.appendChild(table(p, create));
        var apply = el('button', '应用所选分工');
        apply.type = 'button';
        out.appendChild(apply);
        apply.addEventListener('click', function () {
          var picks = Array.prototype.map.call(out.querySelectorAll('input[type=checkbox]:checked'),
            function (b) { return b.value; });
          if (!picks.length) { say('error', '没有勾选任何条目'); return; }
          var again = new FormData(form);
          again.set('picks', picks.join(','));
          apply.disabled = true;
          post(form, again).then(function (r2) {
            if (!r2.ok) { apply.disabled = false; say('error', failure(r2)); return; }
            say('ok', '已按分工方案分工 ' + r2.body.assigned + ' 项（方案中 ' + r2.body.applied_lines + ' 行）。');
          }).catch(function () { apply.disabled = false; say('error', '未完成：无法连接服务器'); });
        });
      }).catch(function () { out.textContent = ''; say('error', '未完成：无法连接服务器'); });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    Array.prototype.forEach.call(document.querySelectorAll('form.fengong'), fengongForm);
  });
})();
