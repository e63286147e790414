// Public portal: monthly charts from the page's JSON (json_script; the CSP allows no inline script),
// and the complaint form's anonymous switch. Months with fewer than 5 cases are null: a gap.
(function () {
  "use strict";

  const GREEN = "#0b5e55";
  const TEAL = "#2a9d8f";
  const AMBER = "#e9a23b";
  const RED = "#c8553d";
  const GREY = "#6c757d";
  const COUNTS = { ticks: { precision: 0 } }; // whole requests, never 2.5

  // A dashed vertical line at the month the program started.
  const programStartLine = {
    id: "programStartLine",
    afterDatasetsDraw(chart, _args, options) {
      if (options.index === null || options.index === undefined) return;
      const x = chart.scales.x.getPixelForValue(options.index);
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = GREY;
      ctx.setLineDash([5, 4]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = GREY;
      ctx.font = "11px system-ui, sans-serif";
      ctx.textAlign = x > chart.chartArea.right - 80 ? "right" : "left";
      ctx.fillText(options.label || "", x + (ctx.textAlign === "left" ? 4 : -4), top + 10);
      ctx.restore();
    },
  };

  function line(label, data, color, extra) {
    return Object.assign(
      { type: "line", label, data, borderColor: color, backgroundColor: color, tension: 0.25, spanGaps: false, pointRadius: 2 },
      extra || {}
    );
  }

  function bar(label, data, color) {
    return { type: "bar", label, data, backgroundColor: color, borderRadius: 2 };
  }

  function options(data, yExtra) {
    const small = window.matchMedia("(max-width: 576px)").matches;
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false, // figures, not a show: draw at once (also on slow phones)
      interaction: { mode: "index", intersect: false },
      scales: {
        x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 12, maxTicksLimit: small ? 4 : 12 } },
        y: Object.assign({ beginAtZero: true }, yExtra || {}),
      },
      plugins: {
        legend: { position: "bottom", labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label(ctx) {
              const value = ctx.parsed.y;
              const text = value === null || value === undefined ? data.text.suppressed : value.toLocaleString("id-ID");
              return `${ctx.dataset.label}: ${text}`;
            },
          },
        },
        programStartLine: { index: data.programStart, label: data.text.programStart },
      },
    };
  }

  function build(kind, data) {
    const s = data.series;
    const t = data.text;
    switch (kind) {
      case "volume":
        return { type: "bar", data: { labels: data.labels, datasets: [bar(t.received, s.received, TEAL), bar(t.completed, s.completed, GREEN)] }, options: options(data, COUNTS) };
      case "duration":
        return { type: "line", data: { labels: data.labels, datasets: [line(t.p50, s.p50, GREEN), line(t.p90, s.p90, AMBER)] }, options: options(data) };
      case "compliance":
        return {
          type: "line",
          data: { labels: data.labels, datasets: [line(t.withinPct, s.withinPct, GREEN), line(t.complaintsOnTimePct, s.complaintsOnTimePct, RED)] },
          options: options(data, { max: 100 }),
        };
      case "complaints":
        return { type: "bar", data: { labels: data.labels, datasets: [bar(t.complaints, s.complaints, RED), bar(t.complaintsResolved, s.complaintsResolved, GREEN)] }, options: options(data, COUNTS) };
      case "distribution": {
        const d = data.distribution;
        if (!d) return null;
        const opts = options(data, { max: 100 });
        opts.plugins.programStartLine = { index: null };
        opts.plugins.legend = { display: false };
        opts.plugins.tooltip.callbacks.label = (ctx) => `${ctx.parsed.y.toLocaleString("id-ID")}% (${d.counts[ctx.dataIndex].toLocaleString("id-ID")})`;
        return { type: "bar", data: { labels: d.labels, datasets: [bar(d.title, d.pct, GREEN)] }, options: opts };
      }
      case "ikm":
        return { type: "line", data: { labels: data.labels, datasets: [line(t.ikm, s.ikm, GREEN, { fill: false })] }, options: options(data, { beginAtZero: false, suggestedMin: 60, max: 100 }) };
      default:
        return null;
    }
  }

  function drawCharts() {
    const source = document.getElementById("portal-chart-data");
    if (!source || typeof Chart === "undefined") return;
    const data = JSON.parse(source.textContent);
    Chart.register(programStartLine);
    document.querySelectorAll("canvas[data-portal-chart]").forEach((canvas) => {
      const config = build(canvas.dataset.portalChart, data);
      if (config) new Chart(canvas, config);
    });
  }

  // Complaint form: an anonymous complaint carries no identity, so hide (and clear) those fields.
  function anonymousSwitch() {
    const box = document.getElementById("id_is_anonymous");
    const identity = document.querySelector("[data-identity]");
    if (!box || !identity) return;
    const apply = () => {
      identity.hidden = box.checked;
      if (box.checked) identity.querySelectorAll("input[type=text], input:not([type])").forEach((i) => { i.value = ""; });
    };
    box.addEventListener("change", apply);
    apply();
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) window.print();
  });

  document.addEventListener("DOMContentLoaded", () => {
    drawCharts();
    anonymousSwitch();
  });
})();
