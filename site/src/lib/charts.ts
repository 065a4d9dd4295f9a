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

/** 1234.5 → "1,234.50": chart labels carry thousands separators like the tables. */
export function chartNumber(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/**
 * Charts already drawn in this build, by what they were drawn from: the plain URLs and the latest
 * release's permanent copy show the same charts, and ECharts' server rendering is the slowest part
 * of a page. The same input gives the same SVG, so a chart is drawn once per build.
 */
const charts = new Map<string, string>();
function drawn(input: unknown, draw: () => string): string {
  const key = JSON.stringify(input);
  let svg = charts.get(key);
  if (svg === undefined) charts.set(key, (svg = draw()));
  return svg;
}

/** Width (viewBox units) of the phone version: at a 390 px screen it is drawn at about 0.9 ×. */
export const NARROW_WIDTH = 360;

/**
 * A chart for every width: the wide version (as designed, `input`) for screens from 50rem, and a
 * phone version drawn as horizontal bars NARROW_WIDTH wide, so that its 12-unit labels render at
 * 10 px or more on a 390 px screen instead of shrinking with a 720-unit drawing. CSS shows one.
 */
export function barChart(input: BarChartInput, labelledBy: string): string {
  return drawn(['bar', input, labelledBy], () => {
    const wide = drawBarChart(input, labelledBy);
    const phone: BarChartInput & { narrow?: boolean } = { ...input, horizontal: true, width: NARROW_WIDTH, narrow: true };
    delete phone.height;
    const narrow = drawBarChart(phone, labelledBy);
    return `<div class="chart-wide">${wide}</div><div class="chart-narrow">${narrow}</div>`;
  });
}

function drawBarChart(input: BarChartInput & { narrow?: boolean }, labelledBy: string): string {
  const horizontal = input.horizontal ?? false;
  const width = input.width ?? 720;
  const height = input.height ?? (horizontal ? Math.max(160, 40 + input.categories.length * 30) : 320);
  const digits = input.digits ?? 2;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  const category = {
    type: 'category' as const,
    data: input.categories,
    axisLabel: {
      color: AXIS,
      fontSize: 12,
      interval: 0,
      rotate: !horizontal && input.categories.length > 12 ? 45 : 0,
      ...(input.narrow ? { width: 110, overflow: 'break' as const } : {}),
    },
    axisLine: { lineStyle: { color: AXIS } },
    axisTick: { alignWithLabel: true },
    inverse: horizontal,
  };
  const value = {
    type: 'value' as const,
    name: input.unit,
    nameTextStyle: { color: AXIS, fontSize: 12 },
    axisLabel: { color: AXIS, fontSize: 12, hideOverlap: true, formatter: (v: number) => chartNumber(v, 0) },
    ...(input.narrow ? { splitNumber: 3 } : {}),
    splitLine: { lineStyle: { color: '#d9dce1' } },
  };
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: {
      left: 8,
      right: horizontal ? (input.narrow ? 72 : 96) : 24,
      top: horizontal ? 12 : 36,
      bottom: horizontal ? 28 : 16,
      containLabel: true,
    },
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
          fontSize: 12,
          formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? chartNumber(p.value, digits) : ''),
        },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return tidy(svg, labelledBy);
}

export interface LineChartInput {
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  unit: string;
  digits?: number;
}

const SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect', 'pin', 'arrow'];
const DASHES = ['solid', 'dashed', 'dotted'] as const;

function drawLineChart(input: LineChartInput, labelledBy: string, width: number): string {
  const legendRows = width < 500 ? input.series.length : Math.ceil(input.series.length / 2);
  const top = 16 + legendRows * 22;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: top + 260 });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    legend: {
      top: 4,
      left: 8,
      right: 8,
      orient: 'horizontal',
      itemGap: 12,
      textStyle: { color: '#1a1a1a', fontSize: 12, width: width < 500 ? width - 60 : 300, overflow: 'truncate' },
      ...(width < 500 ? { orient: 'vertical' as const } : {}),
    },
    grid: { left: 8, right: 24, top: top + 8, bottom: 16, containLabel: true },
    xAxis: { type: 'category', data: input.categories, axisLabel: { color: AXIS, fontSize: 12 }, axisLine: { lineStyle: { color: AXIS } } },
    yAxis: {
      type: 'value',
      name: input.unit,
      nameTextStyle: { color: AXIS, fontSize: 12 },
      axisLabel: { color: AXIS, fontSize: 12, formatter: (v: number) => chartNumber(v, 0) },
      splitLine: { lineStyle: { color: '#d9dce1' } },
    },
    series: input.series.map((s, i) => ({
      type: 'line',
      name: s.name,
      data: s.values,
      connectNulls: false,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 8,
      lineStyle: { color: BAR, width: 2, type: DASHES[i % DASHES.length] },
      itemStyle: { color: BAR },
      label: {
        show: i === 0 || input.series.length <= 3,
        position: 'top',
        color: '#1a1a1a',
        fontSize: 12,
        formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? chartNumber(p.value, input.digits ?? 0) : ''),
      },
    })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return tidy(svg, labelledBy);
}

/**
 * Several series over the same categories (standards across years): one colour, told apart by
 * their symbols and line styles and named in the legend; a wide and a phone version like barChart.
 */
export function lineChart(input: LineChartInput, labelledBy: string): string {
  return drawn(
    ['line', input, labelledBy],
    () =>
      `<div class="chart-wide">${drawLineChart(input, labelledBy, 720)}</div><div class="chart-narrow">${drawLineChart(input, labelledBy, NARROW_WIDTH)}</div>`,
  );
}
