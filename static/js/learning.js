// Learning pages: confirmations, the step form's show/hide by kind, and the charts (Chart.js).
// A static file because the CSP forbids inline scripts; data comes from json_script and data-* attributes.
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// Scenario step form: only the fields of the chosen kind (choice, free text, ending) are shown.
function syncStepForm(form) {
  const kind = form.querySelector("select[name=kind]");
  if (!kind) return;
  const show = {
    choice: [],
    free_text: ["prompt", "rubric", "min_points", "next", "low_next"],
    ending: ["ending_kind", "closing_feedback"],
  }[kind.value] || [];
  ["prompt", "rubric", "min_points", "next", "low_next", "ending_kind", "closing_feedback"].forEach((name) => {
    const box = form.querySelector(`[data-step-field="${name}"]`);
    if (box) box.hidden = !show.includes(name);
  });
}
document.querySelectorAll("form[data-step-form]").forEach((form) => {
  syncStepForm(form);
  form.addEventListener("change", (event) => { if (event.target.name === "kind") syncStepForm(form); });
});

const PRIMARY = getComputedStyle(document.documentElement).getPropertyValue("--pembina-primary").trim() || "#0b5e55";

function chartConfig(kind, data) {
  const base = { responsive: true, maintainAspectRatio: false, animation: false };
  if (kind === "gaps") {
    const datasets = [
      { label: data.label_required, data: data.required, backgroundColor: "rgba(108,117,125,.35)", borderColor: "#6c757d", borderWidth: 1 },
      { label: data.label_current, data: data.current, backgroundColor: PRIMARY },
    ];
    if (data.target && data.target.length) {
      datasets.push({ label: data.label_target, data: data.target, backgroundColor: "rgba(255,193,7,.6)" });
    }
    return {
      type: "bar",
      data: { labels: data.labels, datasets },
      options: { ...base, indexAxis: "y", scales: { x: { min: 0, max: 5, ticks: { stepSize: 1 } } }, plugins: { legend: { position: "bottom" } } },
    };
  }
  if (kind === "jp") {
    return {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.label_values, data: data.values, borderColor: PRIMARY, backgroundColor: PRIMARY, tension: 0.2 },
          { label: data.label_target, data: data.labels.map(() => data.target), borderColor: "#dc3545", borderDash: [6, 4], pointRadius: 0 },
        ],
      },
      options: { ...base, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: "bottom" } } },
    };
  }
  return {
    type: "bar",
    data: {
      labels: data.labels,
      datasets: data.series.map((s) => ({ label: s.label, data: s.data, backgroundColor: s.color })),
    },
    options: { ...base, indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: "bottom" } } },
  };
}

document.querySelectorAll("canvas[data-learning-chart]").forEach((canvas) => {
  if (typeof Chart === "undefined") return;
  const source = document.querySelector(canvas.dataset.source);
  if (!source) return;
  // eslint-disable-next-line no-new
  new Chart(canvas, chartConfig(canvas.dataset.learningChart, JSON.parse(source.textContent)));
});
