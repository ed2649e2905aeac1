import * as echarts from 'echarts';
import sharp from 'sharp';

/**
 * A chart for the Word report: drawn by ECharts on the server (SVG, no DOM), then made a PNG by
 * sharp, which Word shows everywhere (SVG in .docx is not read by older Word and WPS). The text is
 * in Chinese: the font named is one installed with the server (fonts-wqy-microhei), so librsvg
 * finds glyphs for it.
 */
const FONT = 'WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif';
export const CHART_WIDTH = 600;

export async function barChartPng(
  labels: string[],
  values: number[],
  unit = '人',
): Promise<{ png: Buffer; width: number; height: number }> {
  const height = Math.max(180, 60 + labels.length * 30);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT },
    grid: { left: 10, right: 50, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: labels.map((l) => (l.length > 16 ? `${l.slice(0, 15)}…` : l)),
      axisLabel: { fontFamily: FONT, fontSize: 12 },
    },
    series: [
      {
        type: 'bar',
        data: values,
        itemStyle: { color: '#c8161d' },
        label: { show: true, position: 'right', formatter: `{c}${unit}`, fontFamily: FONT },
      },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = await sharp(Buffer.from(svg)).flatten({ background: '#ffffff' }).png().toBuffer();
  return { png, width: CHART_WIDTH, height };
}
