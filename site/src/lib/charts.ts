import * as echarts from 'echarts';

/**
 * Charts are drawn at build time: Apache ECharts renders SVG on the server (`ssr: true`), and the
 * page embeds the SVG as it is — no chart script reaches the browser. Each chart has a single
 * series in one colour, so colour never carries meaning; values are written on the bars and the
 * same numbers stand in the table next to the chart.
 */

const FONT = '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif';
const BAR = '#1d4f7c';
const AXIS = '#3d4046';

export interface BarChartInput {
  categories: string[];
  /** null: no bar (a month not released, a suppressed cell). */
  values: (number | null)[];
  /** The value axis name, e.g. "万元". */
  unit: string;
  horizontal?: boolean;
  width?: number;
  height?: number;
  /** Decimals of the labels. */
  digits?: number;
}

/** Cleans ECharts' SVG: no hover styles, no metadata attributes, sized by its viewBox. */
function tidy(svg: string, labelledBy: string): string {
  return svg
    .replace(/<style\b[\s\S]*?<\/style>/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/ pointer-events="visible"/g, '')
    .replace(/<svg width="(\d+)" height="(\d+)"/, `<svg role="img" aria-labelledby="${labelledBy}" focusable="false" class="chart"`)
    .replace(/\n/g, '');
}

export function barChart(input: BarChartInput, labelledBy: string): string {
  const horizontal = input.horizontal ?? false;
  const width = input.width ?? 720;
  const height = input.height ?? (horizontal ? Math.max(160, 40 + input.categories.length * 30) : 320);
  const digits = input.digits ?? 2;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const category = {
    type: 'category' as const,
    data: input.categories,
    axisLabel: { color: AXIS, fontSize: 12, interval: 0, rotate: !horizontal && input.categories.length > 12 ? 45 : 0 },
    axisLine: { lineStyle: { color: AXIS } },
    axisTick: { alignWithLabel: true },
    inverse: horizontal,
  };
  const value = {
    type: 'value' as const,
    name: input.unit,
    nameTextStyle: { color: AXIS, fontSize: 12 },
    axisLabel: { color: AXIS, fontSize: 12 },
    splitLine: { lineStyle: { color: '#d9dce1' } },
  };
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 16, right: horizontal ? 80 : 24, top: horizontal ? 12 : 36, bottom: horizontal ? 28 : 16, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [
      {
        type: 'bar',
        data: input.values,
        barMaxWidth: 36,
        itemStyle: { color: BAR },
        label: {
          show: true,
          position: horizontal ? 'right' : 'top',
          color: '#1a1a1a',
          fontSize: 11,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? p.value.toFixed(digits) : ''),
        },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return tidy(svg, labelledBy);
}
