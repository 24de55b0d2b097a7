/* canbo programmes: ECharts for an indicator's history and the comparison of units.
   Each chart is a [data-chart] element whose data (prepared by the server, texts already in Vietnamese)
   sits in the <script type="application/json"> named by data-source. Charts inside htmx fragments are
   drawn when the fragment arrives. */
(function () {
  "use strict";

  var NAVY = "#17325c", BLUE = "#206bc4", TARGET = "#2fb344", MUTED = "#6b7789";
  var charts = [];

  function percent(value, digits) {
    if (value === null || value === undefined) { return ""; }
    return value.toFixed(digits === undefined ? 2 : digits).replace(".", ",") + "%";
  }
  function esc(text) {
    return String(text || "").replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  function targetMarks(target, axis) {
    if (!target) { return {}; }
    var lineStyle = { color: TARGET, type: "dashed", width: 1.5 };
    var label = { formatter: target.label, color: "#1a7f37", fontSize: 11, position: axis === "y" ? "insideEndTop" : "start" };
    if (target.high !== null && target.high !== undefined) {
      var from = {}, to = {};
      from[axis + "Axis"] = target.low; to[axis + "Axis"] = target.high;
      from.name = target.label;
      return {
        markArea: { silent: true, itemStyle: { color: "rgba(47,179,68,0.10)" },
                    label: { color: "#1a7f37", fontSize: 11, position: axis === "y" ? "insideTopRight" : "insideTop" },
                    data: [[from, to]] }
      };
    }
    var line = {}; line[axis + "Axis"] = target.low;
    return { markLine: { silent: true, symbol: "none", lineStyle: lineStyle, label: label, data: [line] } };
  }

  function historyOption(data) {
    /* A category axis: one labelled point per year on the baseline's day (11/12), the last one the as-of date. */
    var days = data.points.map(function (p) { return p.day; });
    var values = data.points.map(function (p) { return p.value; }).filter(function (v) { return v !== null; });
    var base = data.baseline && data.baseline.value !== null ? data.baseline : null;
    var baseIndex = base ? days.indexOf(base.day) : -1;
    if (baseIndex >= 0) { values.push(base.value); }
    if (data.target) { values.push(data.target.high !== null && data.target.high !== undefined ? data.target.high : data.target.low); }
    var top = Math.max.apply(null, values.concat([1]));
    var series = [Object.assign({
      name: data.names.computed, type: "line", connectNulls: false,
      data: data.points.map(function (p) { return { value: p.value, point: p }; }),
      symbol: "circle", symbolSize: 7, lineStyle: { width: 2.5, color: BLUE }, itemStyle: { color: BLUE },
      label: { show: true, position: "top", distance: 8, fontSize: 11, color: NAVY,
               formatter: function (p) { return p.value === null ? "" : percent(p.value); } }
    }, targetMarks(data.target, "y"))];
    if (baseIndex >= 0) {
      var baseData = days.map(function (d, i) {
        return i === baseIndex ? { value: base.value, point: { day: base.day, label: base.label, pair: base.pair, baseline: true } } : null;
      });
      series.push({
        name: data.names.baseline, type: "scatter", symbol: "diamond", symbolSize: 13, z: 3, data: baseData,
        itemStyle: { color: "#f59f00", borderColor: "#fff", borderWidth: 1 },
        label: { show: true, position: "left", distance: 8, fontSize: 11, color: "#b06d00",
                 formatter: function (p) { return percent(p.value); } }
      });
    }
    return {
      animation: false,
      textStyle: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" },
      grid: { left: 48, right: 28, top: 34, bottom: 28 },
      legend: { top: 0, left: 0, itemWidth: 14, textStyle: { fontSize: 11, color: MUTED } },
      tooltip: {
        trigger: "item",
        formatter: function (p) {
          var pt = p.data.point;
          var head = (pt.baseline ? esc(data.names.baseline) + " · " : "") + esc(pt.day);
          var body = p.value === null ? esc(pt.status_label) : "<b>" + esc(pt.label) + "</b> " + esc(pt.pair);
          return head + "<br>" + body + (pt.note ? "<br><span style='color:#6b7789'>" + esc(pt.note) + "</span>" : "");
        }
      },
      xAxis: { type: "category", data: days, boundaryGap: true,
               axisLabel: { color: MUTED, fontSize: 11 }, axisTick: { alignWithLabel: true },
               axisLine: { lineStyle: { color: "#d9dee6" } } },
      yAxis: { type: "value", min: 0, max: Math.min(100, Math.ceil(top * 1.2 / 5) * 5 || 5),
               axisLabel: { color: MUTED, fontSize: 11, formatter: function (v) { return percent(v, 0); } },
               splitLine: { lineStyle: { color: "#eef1f5" } } },
      series: series
    };
  }

  function compareOption(data) {
    var values = data.values.filter(function (v) { return v !== null; });
    if (data.target) { values.push(data.target.high !== null && data.target.high !== undefined ? data.target.high : data.target.low); }
    var top = Math.max.apply(null, values.concat([1]));
    return {
      animation: false,
      textStyle: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" },
      grid: { left: 8, right: 110, top: 30, bottom: 8, containLabel: true },
      tooltip: { trigger: "item", formatter: function (p) { return esc(p.name) + "<br><b>" + esc(data.labels[p.dataIndex]) + "</b>"; } },
      xAxis: { type: "value", min: 0, max: Math.min(100, Math.ceil(top * 1.15 / 5) * 5 || 5),
               axisLabel: { color: MUTED, fontSize: 11, formatter: function (v) { return percent(v, 0); } },
               splitLine: { lineStyle: { color: "#eef1f5" } } },
      yAxis: { type: "category", inverse: true, data: data.units,
               axisLabel: { color: "#1f2d3d", fontSize: 12, width: 220, overflow: "truncate" },
               axisTick: { show: false }, axisLine: { lineStyle: { color: "#d9dee6" } } },
      series: [Object.assign({
        type: "bar", barMaxWidth: 20,
        data: data.values.map(function (v, i) { return { value: v === null ? 0 : v, itemStyle: { color: data.colours[i] } }; }),
        label: { show: true, position: "right", fontSize: 11, color: "#1f2d3d",
                 formatter: function (p) { return data.labels[p.dataIndex]; } }
      }, targetMarks(data.target, "x"))]
    };
  }

  function draw(el) {
    if (!window.echarts || el.dataset.drawn) { return; }
    var source = document.getElementById(el.dataset.source);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(el, null, { renderer: "svg" });
    chart.setOption(el.dataset.chart === "compare" ? compareOption(data) : historyOption(data));
    el.dataset.drawn = "1";
    charts.push(chart);
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  document.addEventListener("DOMContentLoaded", function () { drawAll(document); });
  document.addEventListener("htmx:afterSettle", function (event) { drawAll(event.detail.elt); });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
