import type { TablePaginationConfig } from 'antd';

export interface PageState {
  page: number;
  pageSize: number;
}

/** A table whose rows the server pages: antd shows the server's total and asks for the chosen page. */
export function serverPagination(
  page: PageState,
  total: number | undefined,
  setPage: (next: PageState) => void,
  noun = '项',
): TablePaginationConfig {
  return {
    current: page.page,
    pageSize: page.pageSize,
    total,
    showTotal: (count) => `共 ${count} ${noun}`,
    onChange: (p, s) => setPage({ page: p, pageSize: s }),
  };
}
