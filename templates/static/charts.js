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
//
// Each chart's texts are fitted to the size it is drawn at (fit), again whenever that size
// changes: the names beside horizontal bars take as many lines as there is room for, the last
// cut with an ellipsis, and the values over vertical bars are left to the tooltips and the
// table where they are wider than the bars; the table beside the chart has every name and
// value whole, as the tooltips do.
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
  // labelFont is the font ECharts draws axis and value labels in (its default, which the
  // options keep); valueHeight the height a value over a point takes, with a pixel of room.
  var labelFont = '12px sans-serif';
  var valueHeight = 16;
  var measure = null; // the canvas context textWidth measures with

  var charts = [];
  var nodes = document.querySelectorAll('.chart[data-option]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var source = document.getElementById(el.getAttribute('data-option'));
    if (!source) {
      continue;
    }
    var item = { el: el, source: source, chart: null, dark: false, quiet: false, hidden: '', names: '' };
    if (draw(item)) {
      charts.push(item);
    }
  }

  // draw draws (or draws again) a chart in the current scheme, and fits its texts to its
  // size (fit); false when its option cannot be read.
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
    if (item.quiet) {
      quietValues(option);
    }
    if (item.hidden) {
      hidePoints(option, item.hidden);
    }
    item.el.hidden = false;
    if (item.chart) {
      item.chart.dispose();
    }
    item.chart = echarts.init(item.el, useDark ? 'elreport-dark' : null, { renderer: 'svg' });
    item.chart.setOption(option);
    item.dark = useDark;
    item.names = '';
    fit(item);
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
  // fit fits the texts of a chart to the size it is drawn at, which only the page knows, so
  // that no two overlap: the names beside horizontal bars take as many lines as a category's
  // band holds, the last cut with an ellipsis (each name is whole in the table and in its
  // bars' tooltips); the values over vertical bars are left to the tooltips and the table
  // where the widest is wider than a bar's room, and so is the value of a point of a line
  // that would touch the value of a point of an earlier line.
  function fit(item) {
    var option = item.chart.getOption();
    var x = option.xAxis && option.xAxis[0];
    var y = option.yAxis && option.yAxis[0];
    var series = option.series || [];
    if (y && y.type === 'category') {
      fitNames(item, y);
    } else if (x && x.type === 'category' && series.length && series[0].type === 'line') {
      fitPoints(item, series);
    } else if (x && x.type === 'category') {
      fitValues(item, x, series);
    }
  }

  // band returns the distance between two neighbouring categories of the first x or y axis
  // (axis: 'xAxisIndex' or 'yAxisIndex'), in pixels; whole when there is one category.
  function band(chart, axis, count, whole) {
    if (count < 2) {
      return whole;
    }
    var finder = {};
    finder[axis] = 0;
    var a = chart.convertToPixel(finder, 0);
    var b = chart.convertToPixel(finder, 1);
    return Math.abs(b - a) || whole;
  }

  // fitNames gives the names of a category axis beside horizontal bars as many lines of the
  // axis's label width as a category's band holds; one line where the option cuts them (a
  // phone's drawing). The lines are broken here, not by ECharts, which would wrap a name
  // onto as many lines as it takes.
  function fitNames(item, axis) {
    var label = axis.axisLabel || {};
    var names = axis.data || [];
    if (!names.length || !label.width) {
      return;
    }
    var lines = 1;
    if (label.overflow !== 'truncate') {
      var lineHeight = label.lineHeight || 15;
      lines = Math.max(1, Math.floor((band(item.chart, 'yAxisIndex', names.length, item.el.clientHeight) - 2) / lineHeight));
    }
    var width = label.width;
    if (item.names === lines + ' ' + width) {
      return; // fitted so already
    }
    item.names = lines + ' ' + width;
    item.chart.setOption({ yAxis: [{ axisLabel: { formatter: function (name) {
      return clamp(String(name), width, lines, labelFont);
    } } }] });
  }

  // fitValues leaves the values over vertical bars out (item.quiet) where the widest is wider
  // than a bar's room (the bars take 80% of a category's band, ECharts' default, shared by
  // the series), and puts them back where it fits; the chart is drawn again when that
  // changes, since the option's media query (a phone's drawing, or not) would undo a change
  // made to the chart drawn.
  function fitValues(item, axis, series) {
    var bars = 0;
    var widest = 0;
    for (var i = 0; i < series.length; i++) {
      if (series[i].type !== 'bar') {
        continue;
      }
      bars++;
      var data = series[i].data || [];
      for (var d = 0; d < data.length; d++) {
        var text = data[d] && data[d].label && data[d].label.formatter;
        if (typeof text === 'string') {
          widest = Math.max(widest, textWidth(text, labelFont));
        }
      }
    }
    var names = axis.data || [];
    if (!bars || !names.length) {
      return;
    }
    var room = band(item.chart, 'xAxisIndex', names.length, item.el.clientWidth) * 0.8 / bars;
    var quiet = widest + 4 > room;
    if (quiet !== item.quiet) {
      item.quiet = quiet;
      draw(item);
    }
  }

  // fitPoints leaves out the value over a point of a line (item.hidden) that would touch the
  // value over a point of an earlier line or an earlier point, keeping the others; the chart
  // is drawn again when that changes. ECharts' own hideOverlap measures the values smaller
  // than they are drawn, and lets close ones touch.
  function fitPoints(item, series) {
    var kept = [];
    var hidden = [];
    for (var s = 0; s < series.length; s++) {
      var label = series[s].label || {};
      var data = series[s].data || [];
      if (!label.show) {
        continue;
      }
      var radius = (series[s].symbolSize || 8) / 2;
      for (var i = 0; i < data.length; i++) {
        var text = data[i] && data[i].label && data[i].label.formatter;
        if (typeof text !== 'string' || typeof data[i].value !== 'number') {
          continue;
        }
        var at = item.chart.convertToPixel({ seriesIndex: s }, [i, data[i].value]);
        if (!at) {
          continue;
        }
        var w = textWidth(text, labelFont) + 4;
        var box = { left: at[0] - w / 2, right: at[0] + w / 2, bottom: at[1] - radius - 3, top: at[1] - radius - 3 - valueHeight };
        var touches = false;
        for (var k = 0; k < kept.length && !touches; k++) {
          var o = kept[k];
          touches = box.left < o.right && o.left < box.right && box.top < o.bottom && o.top < box.bottom;
        }
        if (touches) {
          hidden.push(s + ':' + i);
        } else {
          kept.push(box);
        }
      }
    }
    var key = hidden.join(' ');
    if (key !== item.hidden) {
      item.hidden = key;
      draw(item);
    }
  }

  // hidePoints leaves out the values of the points item.hidden names ("series:index").
  function hidePoints(option, hidden) {
    var series = (option.baseOption || option).series || [];
    var names = hidden.split(' ');
    for (var n = 0; n < names.length; n++) {
      var at = names[n].split(':');
      var point = series[+at[0]] && series[+at[0]].data && series[+at[0]].data[+at[1]];
      if (point && typeof point === 'object') {
        point.label = point.label || {};
        point.label.show = false;
      }
    }
  }

  // quietValues leaves the values of a bar chart's series out, in its base option and in its
  // media queries' options.
  function quietValues(option) {
    var options = [option.baseOption || option];
    var media = option.media || [];
    for (var m = 0; m < media.length; m++) {
      if (media[m].option) {
        options.push(media[m].option);
      }
    }
    for (var o = 0; o < options.length; o++) {
      var series = options[o].series || [];
      for (var k = 0; k < series.length; k++) {
        series[k].label = series[k].label || {};
        series[k].label.show = false;
      }
    }
  }

  // textWidth returns the width of a text in a font, in pixels.
  function textWidth(text, font) {
    if (!measure) {
      measure = document.createElement('canvas').getContext('2d');
    }
    measure.font = font;
    return measure.measureText(text).width;
  }

  // wrap breaks a text into lines no wider than width: at its spaces, and within a word
  // wider than a line (or a text without spaces, as Chinese is written) between characters.
  function wrap(text, width, font) {
    var lines = [];
    var line = '';
    var words = text.split(/\s+/);
    for (var i = 0; i < words.length; i++) {
      var word = words[i];
      if (!word) {
        continue;
      }
      var next = line ? line + ' ' + word : word;
      if (textWidth(next, font) <= width) {
        line = next;
        continue;
      }
      if (line) {
        lines.push(line);
      }
      var chars = Array.from(word);
      line = '';
      for (var c = 0; c < chars.length; c++) {
        if (line && textWidth(line + chars[c], font) > width) {
          lines.push(line);
          line = '';
        }
        line += chars[c];
      }
    }
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  // clamp wraps a text into at most max lines no wider than width, the last cut with an
  // ellipsis when the text is longer, and joins them with line breaks.
  function clamp(text, width, max, font) {
    var lines = wrap(text, width, font);
    if (lines.length <= max) {
      return lines.join('\n');
    }
    var last = Array.from(lines[max - 1]);
    while (last.length && textWidth(last.join('').replace(/\s+$/, '') + '\u2026', font) > width) {
      last.pop();
    }
    return lines.slice(0, max - 1).concat([last.join('').replace(/\s+$/, '') + '\u2026']).join('\n');
  }

  var pending = false;
  function resize() {
    pending = false;
    for (var k = 0; k < charts.length; k++) {
      charts[k].chart.resize();
      fit(charts[k]);
    }
  }
  window.addEventListener('resize', function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(resize);
    }
  });
  // Printing: light charts (from beforeprint, so that the printed drawing never starts dark),
  // drawn again at the printed size once the page is laid out for print, which is when the
  // print media query matches (in beforeprint the page still has the screen's layout), and
  // back to the screen's after. Each is drawn anew rather than resized: a new drawing is
  // painted at once, a resized one only at the next frame, after the page is printed.
  function printMode(on) {
    printing = on;
    for (var k = 0; k < charts.length; k++) {
      draw(charts[k]);
    }
  }
  window.addEventListener('beforeprint', function () { printMode(true); });
  window.addEventListener('afterprint', function () { printMode(false); });
  var print = window.matchMedia ? window.matchMedia('print') : null;
  if (print) {
    var onPrint = function (e) { printMode(e.matches); };
    if (print.addEventListener) {
      print.addEventListener('change', onPrint);
    } else if (print.addListener) {
      print.addListener(onPrint);
    }
  }
})();
