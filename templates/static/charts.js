// Draws the charts of a page with ECharts (static/vendor/echarts). Each chart is an element
// <div class="chart" data-option="ID"> and a <script type="application/json" id="ID"> holding
// its option, written by the site generator; the table beside each chart holds the same
// figures, so the page is complete without this script.
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  var charts = [];
  var nodes = document.querySelectorAll('.chart[data-option]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var source = document.getElementById(el.getAttribute('data-option'));
    if (!source) {
      continue;
    }
    var option;
    try {
      option = JSON.parse(source.textContent);
    } catch (e) {
      continue;
    }
    var base = option.baseOption || option;
    localAxisLabels(base.xAxis);
    localAxisLabels(base.yAxis);
    el.hidden = false;
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption(option);
    charts.push(chart);
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
      charts[k].resize();
    }
  }
  window.addEventListener('resize', function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(resize);
    }
  });
  // Printing: fit the charts to the printed page width, and back.
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
})();
