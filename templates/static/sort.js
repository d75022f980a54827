// sort.js lets a reader sort a table's rows by any column. Each column header gets a button
// (added here, so that it is reached with the keyboard and announced as a button); pressing
// it sorts ascending, pressing it again descending, and the header's aria-sort says which
// (only the sorted header has one, as ARIA advises). Without JavaScript the tables read as
// the generator wrote them; sorting never changes the downloads.
//
// Numbers sort by the value the cell shows, which the generator writes plainly in data-sort
// ("65.4", "-12"), so that the page's digits, decimal sign, percent signs, "of 757" and words
// such as "12.0 points lower" are never read back. A cell without data-sort in a column of
// numbers (suppressed, no figure, not reported) sorts last, both ways. Text sorts in the
// page's language (Intl.Collator), numerals by their value. Ties keep the table's own order.
// The district's row (tr.strong) stays on top: it is what the schools are read against.
(function () {
  'use strict';
  var collator = makeCollator(document.documentElement.lang);
  var tables = document.querySelectorAll('table');
  for (var i = 0; i < tables.length; i++) {
    enhance(tables[i]);
  }

  // enhance makes a table sortable: one header row, one body of two rows or more, and a cell
  // per column in every row (no spans); others stay as they are.
  function enhance(table) {
    var head = table.tHead;
    var body = table.tBodies.length === 1 ? table.tBodies[0] : null;
    if (!head || head.rows.length !== 1 || !body || body.rows.length < 2) {
      return;
    }
    var headers = head.rows[0].cells;
    for (var r = 0; r < body.rows.length; r++) {
      var cells = body.rows[r].cells;
      if (cells.length !== headers.length) {
        return;
      }
      for (var c = 0; c < cells.length; c++) {
        if (cells[c].colSpan > 1 || cells[c].rowSpan > 1) {
          return;
        }
      }
    }
    var order = Array.prototype.slice.call(body.rows);
    for (var h = 0; h < headers.length; h++) {
      var th = headers[h];
      if (th.colSpan > 1 || th.querySelector('a, button, input, select, textarea')) {
        continue; // nothing interactive may go inside a button
      }
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) {
        button.appendChild(th.firstChild);
      }
      var icon = document.createElement('span');
      icon.className = 'sort-icon';
      icon.setAttribute('aria-hidden', 'true');
      button.appendChild(icon);
      th.appendChild(button);
      button.addEventListener('click', sorter(table, order, h));
    }
    table.classList.add('sortable');
  }

  // sorter returns the click handler of column col's button.
  function sorter(table, order, col) {
    return function () {
      var headers = table.tHead.rows[0].cells;
      var th = headers[col];
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var body = table.tBodies[0];
      var numeric = isNumeric(body, col);
      var pinned = [];
      var rows = [];
      for (var r = 0; r < body.rows.length; r++) {
        var row = body.rows[r];
        if (row.classList.contains('strong')) {
          pinned.push(row);
          continue;
        }
        var cell = row.cells[col];
        rows.push({ row: row, index: order.indexOf(row), key: numeric ? numberOf(cell) : textOf(cell) });
      }
      pinned.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
      rows.sort(function (a, b) {
        if (a.key === null || b.key === null) {
          if (a.key === b.key) {
            return a.index - b.index;
          }
          return a.key === null ? 1 : -1; // no number, no text: last either way
        }
        var d = numeric ? a.key - b.key : collator(a.key, b.key);
        return (ascending ? d : -d) || a.index - b.index;
      });
      var fragment = document.createDocumentFragment();
      for (var p = 0; p < pinned.length; p++) {
        fragment.appendChild(pinned[p]);
      }
      for (var s = 0; s < rows.length; s++) {
        fragment.appendChild(rows[s].row);
      }
      body.appendChild(fragment);
      for (var h = 0; h < headers.length; h++) {
        if (h === col) {
          headers[h].setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        } else {
          headers[h].removeAttribute('aria-sort');
        }
      }
    };
  }

  // isNumeric reports whether a column holds numbers: one of its cells is td.num.
  function isNumeric(body, col) {
    for (var r = 0; r < body.rows.length; r++) {
      var cell = body.rows[r].cells[col];
      if (cell.tagName === 'TD' && cell.classList.contains('num')) {
        return true;
      }
    }
    return false;
  }

  // numberOf returns a cell's data-sort as a number, or null.
  function numberOf(cell) {
    var v = cell.getAttribute('data-sort');
    if (v === null || v === '') {
      return null;
    }
    var n = parseFloat(v);
    return isNaN(n) ? null : n;
  }

  // textOf returns the text of a cell as read, without marks hidden from screen readers and
  // text only they read ("✓ Met" is "Met", "– no figure" nothing), or null when empty.
  function textOf(cell) {
    var text = '';
    var walk = function (node) {
      for (var n = node.firstChild; n; n = n.nextSibling) {
        if (n.nodeType === 3) {
          text += n.nodeValue;
        } else if (n.nodeType === 1 && n.getAttribute('aria-hidden') !== 'true' && !n.classList.contains('vh')) {
          walk(n);
        }
      }
    };
    walk(cell);
    text = text.replace(/\s+/g, ' ').trim();
    return text === '' ? null : text;
  }

  // makeCollator returns a comparison of texts in the page's language.
  function makeCollator(lang) {
    if (typeof Intl !== 'undefined' && Intl.Collator) {
      try {
        return new Intl.Collator(lang || undefined, { numeric: true, sensitivity: 'base' }).compare;
      } catch (e) {
        // An unknown tag: the browser's own language.
        return new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;
      }
    }
    return function (a, b) { return a < b ? -1 : a > b ? 1 : 0; };
  }
})();
