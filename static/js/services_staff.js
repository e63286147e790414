// Public services, staff pages: charts from json_script data (the CSP allows no inline script), the
// print buttons, the anonymous switch of the complaint form, the liaison picker and delete confirmations.
(function () {
  "use strict";

  const GREEN = "#0b5e55";
  const TEAL = "#2a9d8f";
  const AMBER = "#e9a23b";
  const RED = "#c8553d";
  const GREY = "#6c757d";

  function data(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
      event.preventDefault();
      window.print();
    }
    const confirmButton = event.target.closest("[data-confirm]");
    if (confirmButton && !window.confirm(confirmButton.dataset.confirm)) event.preventDefault();
  });

  // Complaint form: an anonymous complainant gives no name or contact.
  function syncAnonymous(box) {
    const target = document.querySelector(box.dataset.anonymousToggle);
    if (!target) return;
    target.hidden = box.checked;
    target.querySelectorAll("input").forEach((input) => { input.disabled = box.checked; });
  }
  document.querySelectorAll("[data-anonymous-toggle]").forEach((box) => {
    syncAnonymous(box);
    box.addEventListener("change", () => syncAnonymous(box));
  });

  // Complaint verify/forward: the liaison officer picker lists the chosen unit's OPD (server-rendered
  // options, so names are escaped by the template).
  document.querySelectorAll("select[data-liaison-url]").forEach((unitSelect) => {
    unitSelect.addEventListener("change", async () => {
      const target = document.querySelector(unitSelect.dataset.liaisonTarget);
      if (!target) return;
      const url = new URL(unitSelect.dataset.liaisonUrl, window.location.href);
      if (unitSelect.value) url.searchParams.set("unit", unitSelect.value);
      target.disabled = true;
      try {
        const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
        if (response.ok) target.innerHTML = await response.text();
      } finally {
        target.disabled = false;
      }
    });
  });

  if (typeof window.Chart === "undefined") return;

  // SKM: NRR of the nine elements (1..4), bars coloured by the regulation's grade bands.
  const skmCanvas = document.querySelector("[data-skm-chart]");
  if (skmCanvas) {
    const d = data(skmCanvas.dataset.skmChart);
    if (d) {
      const colour = (v) => (v === null ? GREY : v * 25 > 88.3 ? GREEN : v * 25 > 76.6 ? TEAL : v * 25 >= 65 ? AMBER : RED);
      new window.Chart(skmCanvas, {
        type: "bar",
        data: {
          labels: d.labels,
          datasets: [{ label: d.title, data: d.values, backgroundColor: d.values.map(colour), borderRadius: 3 }],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          scales: { y: { min: 1, max: 4, ticks: { stepSize: 0.5 } } },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { title: (items) => `${items[0].label} ${d.names[items[0].dataIndex]}` } },
          },
        },
      });
    }
  }

  // Statistics: monthly volumes (bars) and the share within the deadline (line, right axis).
  const statsCanvas = document.querySelector("[data-stats-chart]");
  if (statsCanvas) {
    const d = data(statsCanvas.dataset.statsChart);
    if (d) {
      const startIndex = d.labels.indexOf(statsCanvas.dataset.programStart || "");
      const programStartLine = {
        id: "programStartLine",
        afterDatasetsDraw(chart) {
          if (startIndex < 0) return;
          const x = chart.scales.x.getPixelForValue(startIndex) - (chart.scales.x.width / d.labels.length) / 2;
          const { top, bottom } = chart.chartArea;
          const ctx = chart.ctx;
          ctx.save();
          ctx.strokeStyle = GREY;
          ctx.setLineDash([5, 4]);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.stroke();
          ctx.setLineDash([]);
          ctx.fillStyle = GREY;
          ctx.font = "11px system-ui, sans-serif";
          ctx.fillText(statsCanvas.dataset.programLabel || "", x + 4, top + 10);
          ctx.restore();
        },
      };
      const small = window.matchMedia("(max-width: 576px)").matches;
      new window.Chart(statsCanvas, {
        data: {
          labels: d.labels,
          datasets: [
            { type: "bar", label: d.labels_text.received, data: d.received, backgroundColor: "#b7d7d3", yAxisID: "y" },
            { type: "bar", label: d.labels_text.completed, data: d.completed, backgroundColor: TEAL, yAxisID: "y" },
            { type: "line", label: d.labels_text.within, data: d.within, borderColor: GREEN, backgroundColor: GREEN, yAxisID: "pct", tension: 0.25, pointRadius: 2 },
            { type: "line", label: d.labels_text.ikm, data: d.ikm, borderColor: AMBER, backgroundColor: AMBER, yAxisID: "pct", tension: 0.25, pointRadius: 2 },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          interaction: { mode: "index", intersect: false },
          scales: {
            x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: small ? 6 : 12 } },
            y: { beginAtZero: true, position: "left" },
            pct: { min: 0, max: 100, position: "right", grid: { drawOnChartArea: false } },
          },
          plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } },
        },
        plugins: [programStartLine],
      });
    }
  }
})();
