// Performance pages: confirmations, "select all", the cascade tree highlight and the progress chart.
// A static file because the CSP forbids inline scripts; data comes from json_script and data-* attributes.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

document.addEventListener("click", (event) => {
  const all = event.target.closest("[data-check-all]");
  if (all) {
    const boxes = document.querySelectorAll(`input[type=checkbox][name="${all.dataset.checkAll}"]`);
    const check = Array.from(boxes).some((b) => !b.checked);
    boxes.forEach((b) => { b.checked = check; });
    return;
  }
  const flagged = event.target.closest("[data-only-flagged]");
  if (flagged) {
    const tree = document.querySelector(flagged.dataset.onlyFlagged);
    if (!tree) return;
    const on = tree.classList.toggle("only-flagged");
    flagged.setAttribute("aria-pressed", on ? "true" : "false");
    flagged.classList.toggle("active", on);
  }
});

function drawProgressChart(canvas) {
  if (typeof Chart === "undefined") return;
  const source = document.querySelector(canvas.dataset.chart);
  if (!source) return;
  const data = JSON.parse(source.textContent);
  const primary = getComputedStyle(document.documentElement).getPropertyValue("--pembina-primary").trim() || "#0b5e55";
  // eslint-disable-next-line no-new
  new Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "bar", label: canvas.dataset.labelFilled, data: data.filled, backgroundColor: "rgba(13,110,253,.25)", yAxisID: "y", order: 3 },
        { type: "line", label: canvas.dataset.labelAchieved, data: data.achieved, borderColor: primary, backgroundColor: primary, tension: 0.2, spanGaps: false, order: 1 },
        { type: "line", label: canvas.dataset.labelExpected, data: data.expected, borderColor: "#adb5bd", borderDash: [6, 4], pointRadius: 0, order: 2 },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      scales: { y: { beginAtZero: true, suggestedMax: 120, ticks: { callback: (v) => `${v}%` } } },
      plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
    },
  });
}

document.querySelectorAll("canvas[data-chart]").forEach(drawProgressChart);
