// Evaluation pages: confirmations, the live predicate preview of the rating form, and the charts
// (Chart.js). A static file because the CSP forbids inline scripts; data comes from json_script.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// Rating form: show the predicate the matrix gives for the two chosen ratings, and mark its cell.
function syncPredicate(form) {
  const source = document.getElementById("predicate-matrix");
  const out = form.querySelector("[data-predicate-preview]");
  if (!source || !out) return;
  const matrix = JSON.parse(source.textContent);
  const result = form.querySelector("input[name=rating_result]:checked");
  const behaviour = form.querySelector("input[name=rating_behaviour]:checked");
  document.querySelectorAll("td[data-cell]").forEach((td) => td.classList.remove("matrix-preview"));
  if (!result || !behaviour) { out.textContent = "—"; return; }
  const key = `${result.value}|${behaviour.value}`;
  out.textContent = matrix.cells[key] || "—";
  out.dataset.code = matrix.codes[key] || "";
  const cell = document.querySelector(`td[data-cell="${key}"]`);
  if (cell) cell.classList.add("matrix-preview");
}
document.querySelectorAll("form[data-matrix-form]").forEach((form) => {
  syncPredicate(form);
  form.addEventListener("change", (event) => {
    if (event.target.name === "rating_result" || event.target.name === "rating_behaviour") syncPredicate(form);
  });
});

const PRIMARY = getComputedStyle(document.documentElement).getPropertyValue("--pembina-primary").trim() || "#0b5e55";
const BAND_COLOURS = { above: "#198754", meets: PRIMARY, below: "#dc3545", no_data: "#adb5bd" };

function ikiChart(data) {
  const flat = (value, label, color) => ({
    type: "line", label, data: data.labels.map(() => value), borderColor: color, borderDash: [6, 4],
    pointRadius: 0, borderWidth: 1.5, fill: false,
  });
  return {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        { label: data.label_values, data: data.values, backgroundColor: data.bands.map((b) => BAND_COLOURS[b] || PRIMARY) },
        flat(data.above_min, data.label_above, "#198754"),
        flat(data.meets_min, data.label_meets, "#fd7e14"),
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, ticks: { callback: (v) => `${v}%` } } },
      plugins: { legend: { position: "bottom" } },
    },
  };
}

function curveChart(data) {
  return {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: [
        {
          label: data.label_share, data: data.shares,
          backgroundColor: data.violated.map((bad) => (bad ? "#dc3545" : PRIMARY)),
        },
        {
          type: "line", label: data.label_upper, data: data.upper, showLine: false, pointStyle: "line",
          pointRadius: 14, pointBorderWidth: 3, borderColor: "#dc3545", backgroundColor: "#dc3545",
        },
        {
          type: "line", label: data.label_lower, data: data.lower, showLine: false, pointStyle: "line",
          pointRadius: 14, pointBorderWidth: 3, borderColor: "#fd7e14", backgroundColor: "#fd7e14",
        },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      scales: { y: { beginAtZero: true, max: 100, ticks: { callback: (v) => `${v}%` } } },
      plugins: {
        legend: { position: "bottom" },
        tooltip: { callbacks: { afterLabel: (ctx) => (ctx.datasetIndex === 0 ? `n = ${data.counts[ctx.dataIndex]}` : "") } },
      },
    },
  };
}

document.querySelectorAll("canvas[data-eval-chart]").forEach((canvas) => {
  if (typeof Chart === "undefined") return;
  const source = document.querySelector(canvas.dataset.source);
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const config = canvas.dataset.evalChart === "curve" ? curveChart(data) : ikiChart(data);
  // eslint-disable-next-line no-new
  new Chart(canvas, config);
});
