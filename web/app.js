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
