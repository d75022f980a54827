// Draws the charts of a page with ECharts (static/vendor/echarts). Each chart is an element
// <div class="chart" data-option="ID"> and a <script type="application/json" id="ID"> holding
// its option, written by the site generator; the table beside each chart holds the same
// figures, so the page is complete without this script.
//
// When the reader's system is dark (prefers-color-scheme: dark) and the page is dark too (a
// stylesheet without a dark mode leaves it light), the charts are drawn with the dark theme
// below and the option's darkColor (the series colours chosen for the dark page, same
// decals) in place of color, and drawn again when the scheme changes; printed, they are
// drawn light, as the printed page is.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  // The dark theme: the colours of style.css's dark mode for texts, axes and tooltips, on
  // the page's own background.
  var ink = '#e6e6e6', muted = '#b8b8b8', line = '#8c8c8c', rule = '#3b434d';
  var axis = {
    axisLine: { lineStyle: { color: line } },
    axisTick: { lineStyle: { color: line } },
    axisLabel: { color: muted },
    splitLine: { lineStyle: { color: [rule] } },
    nameTextStyle: { color: muted }
  };
  echarts.registerTheme('elreport-dark', {
    darkMode: true,
    backgroundColor: 'transparent',
    textStyle: { color: ink },
    legend: { textStyle: { color: ink }, inactiveColor: '#6e6e6e' },
    tooltip: { backgroundColor: '#1b2027', borderColor: rule, textStyle: { color: ink } },
    categoryAxis: axis,
    valueAxis: axis,
    bar: { label: { color: ink } },
    line: { label: { color: ink } }
  });
  var dark = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  var printing = false;

  var charts = [];
  var nodes = document.querySelectorAll('.chart[data-option]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var source = document.getElementById(el.getAttribute('data-option'));
    if (!source) {
      continue;
    }
    var item = { el: el, source: source, chart: null, dark: false };
    if (draw(item)) {
      charts.push(item);
    }
  }

  // draw draws (or draws again) a chart in the current scheme; false when its option cannot
  // be read.
  function draw(item) {
    var option;
    try {
      option = JSON.parse(item.source.textContent);
    } catch (e) {
      return false;
    }
    var base = option.baseOption || option;
    var useDark = isDark();
    if (useDark && base.darkColor) {
      base.color = base.darkColor;
    }
    delete base.darkColor;
    localAxisLabels(base.xAxis);
    localAxisLabels(base.yAxis);
    item.el.hidden = false;
    if (item.chart) {
      item.chart.dispose();
    }
    item.chart = echarts.init(item.el, useDark ? 'elreport-dark' : null, { renderer: 'svg' });
    item.chart.setOption(option);
    item.dark = useDark;
    return true;
  }

  // isDark reports whether the charts are to be drawn dark: the system is, the page's
  // background is dark, and the page is not being printed.
  function isDark() {
    if (!dark || !dark.matches || printing) {
      return false;
    }
    var m = /rgba?\((\d+), *(\d+), *(\d+)(?:, *([\d.]+))?/.exec(getComputedStyle(document.body).backgroundColor);
    if (!m || m[4] === '0') {
      return false; // transparent: the browser's white
    }
    return 0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3] < 128;
  }

  // redraw draws again the charts drawn in the other scheme.
  function redraw() {
    var useDark = isDark();
    for (var k = 0; k < charts.length; k++) {
      if (charts[k].dark !== useDark) {
        draw(charts[k]);
      }
    }
  }
  if (dark) {
    if (dark.addEventListener) {
      dark.addEventListener('change', redraw);
    } else if (dark.addListener) {
      dark.addListener(redraw);
    }
  }

  // localAxisLabels formats the labels of value axes that name their number format
  // (axisLabel.numberLocale) as the page's tables do: its digits, decimal sign and percent.
  function localAxisLabels(axes) {
    if (!axes || typeof Intl === 'undefined') {
      return;
    }
    for (var a = 0; a < axes.length; a++) {
      var label = axes[a].axisLabel;
      if (!label || !label.numberLocale) {
        continue;
      }
      try {
        var fmt = new Intl.NumberFormat(label.numberLocale, label.percent ?
          { style: 'percent', maximumFractionDigits: 1 } : { maximumFractionDigits: 1 });
        label.formatter = (function (f, percent) {
          return function (v) { return f.format(percent ? v / 100 : v); };
        })(fmt, label.percent);
      } catch (e) {
        // An unknown tag: keep the plain labels.
      }
    }
  }
  var pending = false;
  function resize() {
    pending = false;
    for (var k = 0; k < charts.length; k++) {
      charts[k].chart.resize();
    }
  }
  window.addEventListener('resize', function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(resize);
    }
  });
  // Printing: light charts, fitted to the printed page width, and back.
  window.addEventListener('beforeprint', function () {
    printing = true;
    redraw();
    resize();
  });
  window.addEventListener('afterprint', function () {
    printing = false;
    redraw();
    resize();
  });
})();
