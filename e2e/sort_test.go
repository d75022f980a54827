package e2e

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/chromedp/chromedp"
)

// jsSortPick checks that every table of two rows or more has a sort button in each column
// header (static/sort.js), and marks the button of the column of numbers to sort by: one
// with cells that show no number (suppressed, no figure) if there is one, else the one with
// the most distinct values.
const jsSortPick = `(() => {` + jsDescribe + `
  const problems = [];
  let best = null;
  for (const table of document.querySelectorAll('table')) {
    const head = table.tHead, body = table.tBodies[0];
    if (!head || !body || body.rows.length < 2) continue;
    if (!table.classList.contains('sortable')) {
      problems.push(describe(table) + ' has ' + body.rows.length + ' rows and cannot be sorted (no table.sortable)');
      continue;
    }
    const headers = Array.from(head.rows[0].cells);
    headers.forEach((th, col) => {
      if (!th.querySelector('button.sort')) {
        problems.push(describe(table) + ': the header "' + th.textContent.trim() + '" has no sort button');
        return;
      }
      const cells = Array.from(body.rows).filter((r) => !r.classList.contains('strong')).map((r) => r.cells[col]);
      if (!cells.some((c) => c.tagName === 'TD' && c.classList.contains('num'))) return;
      const values = cells.map((c) => c.getAttribute('data-sort')).filter((v) => v !== null);
      const distinct = new Set(values).size;
      if (distinct < 2) return;
      const score = (values.length < cells.length ? 1000 : 0) + distinct;
      if (!best || score > best.score) best = {th, score, table};
    });
  }
  for (const b of document.querySelectorAll('[data-e2e-sort]')) b.removeAttribute('data-e2e-sort');
  if (!best) return {problems, table: '', header: ''};
  best.th.querySelector('button.sort').setAttribute('data-e2e-sort', '');
  return {problems, table: describe(best.table), header: best.th.textContent.trim()};
})()`

// jsSortRead reads the table of the marked button: the header's aria-sort, the other headers
// that have one, and each row's header and data-sort in the sorted column.
const jsSortRead = `(() => {
  const th = document.querySelector('[data-e2e-sort]').closest('th');
  const headers = Array.from(th.parentElement.cells);
  const col = headers.indexOf(th);
  const rows = Array.from(th.closest('table').tBodies[0].rows);
  return {
    ariaSort: th.getAttribute('aria-sort') || '',
    others: headers.filter((h) => h !== th && h.hasAttribute('aria-sort')).map((h) => h.textContent.trim() + ': ' + h.getAttribute('aria-sort')),
    rows: rows.map((r) => ({strong: r.classList.contains('strong'), head: r.cells[0].textContent.trim(), sort: r.cells[col].getAttribute('data-sort')})),
  };
})()`

// sortedTable is what jsSortRead returns.
type sortedTable struct {
	AriaSort string
	Others   []string
	Rows     []struct {
		Strong bool
		Head   string
		Sort   *string
	}
}

// checkSort checks that the tables can be sorted (static/sort.js), and sorts a column of
// numbers: a click on its header sorts it ascending, Enter on the focused header then
// descending. Each time the header says so (aria-sort, and no other header does), the
// values (data-sort) are in order as numbers, cells without one come last, the district's
// row stays on top and every row keeps its cells. It returns a summary for the log.
func (c check) checkSort(t tb, ctx context.Context, do func(string, ...chromedp.Action[chromedp.Void])) string {
	t.Helper()
	pick := eval[struct {
		Problems      []string
		Table, Header string
	}](t, ctx, "sortable tables", jsSortPick)
	for _, p := range pick.Problems {
		t.Errorf("%s: %s", c.url(), p)
	}
	if pick.Table == "" {
		return "no column of numbers"
	}
	before := eval[sortedTable](t, ctx, "table before sorting", jsSortRead)
	button := chromedp.CSS(`[data-e2e-sort]`)
	what := fmt.Sprintf("%s, sorted by %q", pick.Table, pick.Header)

	do("click on the header "+pick.Header, chromedp.Click(button), settle())
	c.checkSorted(t, what+" (a click)", before, eval[sortedTable](t, ctx, "table sorted ascending", jsSortRead), "ascending")
	do("Enter on the header "+pick.Header, chromedp.Focus(button), chromedp.KeyEvent("\r"), settle())
	c.checkSorted(t, what+" (Enter)", before, eval[sortedTable](t, ctx, "table sorted descending", jsSortRead), "descending")
	return fmt.Sprintf("%s by %q, %d rows, both ways", pick.Table, pick.Header, len(before.Rows))
}

// checkSorted checks a table sorted in the direction want against the table before.
func (c check) checkSorted(t tb, what string, before, after sortedTable, want string) {
	t.Helper()
	if after.AriaSort != want {
		t.Errorf("%s: the header has aria-sort=%q, want %q", c.url(), after.AriaSort, want)
	}
	if len(after.Others) > 0 {
		t.Errorf("%s: other headers keep an aria-sort: %s", c.url(), strings.Join(after.Others, ", "))
	}
	row := func(i int) string {
		r := after.Rows[i]
		if r.Sort == nil {
			return r.Head + ": no number"
		}
		return r.Head + ": " + *r.Sort
	}
	var got, was []string
	for i, r := range before.Rows {
		was = append(was, fmt.Sprintf("%v %s %v", r.Strong, r.Head, deref(r.Sort)))
		if i < len(after.Rows) {
			got = append(got, fmt.Sprintf("%v %s %v", after.Rows[i].Strong, after.Rows[i].Head, deref(after.Rows[i].Sort)))
		}
	}
	slices.Sort(got)
	slices.Sort(was)
	if !slices.Equal(got, was) {
		t.Errorf("%s: %s: the rows changed (a row lost or mixed its cells):\n\tbefore %q\n\tafter  %q", c.url(), what, was, got)
		return
	}
	prev, first, seenEmpty := 0.0, true, false
	for i, r := range after.Rows {
		if r.Strong {
			if i > 0 && !after.Rows[i-1].Strong {
				t.Errorf("%s: %s: the district's row %q is row %d, want it on top", c.url(), what, r.Head, i+1)
			}
			continue
		}
		if r.Sort == nil {
			seenEmpty = true
			continue
		}
		if seenEmpty {
			t.Errorf("%s: %s: %s comes after a cell without a number; those sort last", c.url(), what, row(i))
			return
		}
		v, err := strconv.ParseFloat(*r.Sort, 64)
		if err != nil {
			t.Errorf("%s: %s: %s: data-sort is not a number", c.url(), what, row(i))
			return
		}
		if !first && ((want == "ascending" && v < prev) || (want == "descending" && v > prev)) {
			t.Errorf("%s: %s: %s follows %s: not %s", c.url(), what, row(i), row(i-1), want)
			return
		}
		prev, first = v, false
	}
}

// deref is the value of a data-sort, or "-" for none.
func deref(s *string) string {
	if s == nil {
		return "-"
	}
	return *s
}
