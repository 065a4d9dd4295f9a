/**
 * Progressive enhancement: tables marked data-sortable get a sort button in each column header.
 * Without JavaScript the tables are complete and in their published order. Numeric columns
 * (th.num) sort by value, thousands separators ignored; `c` and `—` sort below every number.
 */
export function enhanceTables(): void {
  const status = document.createElement('p');
  status.className = 'sr-only';
  status.setAttribute('role', 'status');
  (document.querySelector('main') ?? document.body).append(status);
  for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    const body = table.tBodies[0];
    const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
    if (!body || body.rows.length < 2) continue;
    headers.forEach((th, column) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      button.innerHTML = `<span></span><span class="arrow" aria-hidden="true"></span>`;
      button.firstElementChild!.textContent = th.textContent ?? '';
      th.textContent = '';
      th.append(button);
      button.addEventListener('click', () => {
        const ascending = th.getAttribute('aria-sort') !== 'ascending';
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        const numeric = th.classList.contains('num');
        const key = (row: HTMLTableRowElement) => {
          const cell = row.cells[column];
          const raw = cell?.textContent?.trim() ?? '';
          if (!numeric) return raw;
          const value = Number(raw.replace(/,/g, ''));
          return raw === '' || Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
        };
        const rows = [...body.rows];
        rows.sort((a, b) => {
          const x = key(a);
          const y = key(b);
          const order =
            typeof x === 'number' && typeof y === 'number' ? (x === y ? 0 : x < y ? -1 : 1) : String(x).localeCompare(String(y), 'zh-CN');
          return ascending ? order : -order;
        });
        body.append(...rows);
        status.textContent = `已按“${button.firstElementChild!.textContent}”${ascending ? '升序' : '降序'}排列`;
      });
    });
  }
}

/**
 * A table wider than its box scrolls inside it (.table-wrap); a line above the box says so while
 * it does (checked again when the window changes size). Without JavaScript the box's edge shadows
 * (site.css) show the same.
 */
export function markScrollingTables(): void {
  const update = () => {
    for (const box of document.querySelectorAll<HTMLElement>('.table-wrap')) {
      const wide = box.scrollWidth > box.clientWidth + 1;
      const hint = box.previousElementSibling?.classList.contains('scroll-hint') ? box.previousElementSibling : null;
      if (wide && !hint) {
        const p = document.createElement('p');
        p.className = 'scroll-hint';
        p.setAttribute('aria-hidden', 'true');
        p.textContent = '↔ 表格较宽，可左右滑动查看其余各列';
        box.before(p);
      } else if (!wide && hint) hint.remove();
    }
  };
  update();
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(update);
  });
}
