// luoshi — the little JavaScript the web app uses, served by luoshi itself.
// Tables with class "sortable" sort by a column when its header is clicked;
// a report's table of contents starts folded on a phone; everything else
// works without JavaScript.
(function () {
  'use strict';
  function cellValue(row, i) {
    var text = row.cells[i] ? row.cells[i].textContent.trim() : '';
    var n = parseFloat(text.replace(/[,%]/g, ''));
    return isNaN(n) || !/^[-\d.,%\s]+$/.test(text) ? text : n;
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
  document.addEventListener('DOMContentLoaded', function () {
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
