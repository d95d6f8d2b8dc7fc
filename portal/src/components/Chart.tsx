import { BarChart, HeatmapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type EChartsCoreOption, type EChartsType, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';

// Only the parts of ECharts the portal draws with; only the pages with charts load this module.
use([BarChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

/**
 * An ECharts chart on a canvas, drawn again whenever `option` changes and resized with the window.
 * Tooltips should use `renderMode: 'richText'`: HTML tooltips carry inline styles, which the
 * portal's content security policy refuses.
 */
export function Chart({
  option,
  label,
  class: className = 'chart',
}: {
  option: EChartsCoreOption | undefined;
  label: string;
  class?: string;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType>();
  useEffect(() => {
    if (!element.current) return;
    chart.current = init(element.current, undefined, { renderer: 'canvas' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    if (option) chart.current?.setOption(option, true);
  }, [option]);
  return <div class={className} ref={element} role="img" aria-label={label} />;
}
