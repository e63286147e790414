// 20 JP dashboards: the year's trend chart and confirmations. A static file because the CSP forbids
// inline scripts; the data comes from json_script and the labels from data-* attributes.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

function drawJpTrend(canvas) {
  if (typeof Chart === "undefined") return;
  const source = document.querySelector(canvas.dataset.jpChart);
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const primary = getComputedStyle(document.documentElement).getPropertyValue("--pembina-primary").trim() || "#0b5e55";
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: canvas.dataset.labelMet, data: data.met_percent, backgroundColor: "rgba(25,135,84,.25)", yAxisID: "pct", order: 3 },
        { type: "line", label: canvas.dataset.labelAvg, data: data.avg_jp, borderColor: primary, backgroundColor: primary, tension: 0.2, yAxisID: "jp", order: 1 },
        { type: "line", label: canvas.dataset.labelTarget, data: data.labels.map(() => data.target), borderColor: "#dc3545", borderDash: [6, 4], pointRadius: 0, yAxisID: "jp", order: 2 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        jp: { type: "linear", position: "left", beginAtZero: true, suggestedMax: data.target * 1.25, title: { display: true, text: "JP" } },
        pct: { type: "linear", position: "right", beginAtZero: true, max: 100, grid: { drawOnChartArea: false }, ticks: { callback: (v) => `${v}%` } },
      },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
}

document.querySelectorAll("canvas[data-jp-chart]").forEach(drawJpTrend);
