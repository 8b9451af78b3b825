// Draw each outcome chart from its json_script data. The table under every chart holds the
// same numbers, so the page is complete without JavaScript. Hidden (suppressed) values are
// null and drawn as gaps.
(function () {
  "use strict";
  const COLOURS = ["#1e5aa8", "#2e8540", "#c05600"];
  // The page's language (nb, nn or en) picks the number format; the words come from Django's
  // JavaScript catalogue (jsi18n), with bokmål as the fallback if it did not load.
  const LOCALES = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };
  const locale = LOCALES[document.documentElement.lang] || "nb-NO";
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const gettext = typeof window.gettext === "function" ? window.gettext : (text) => text;
  const HIDDEN = gettext("skjult");

  function draw(canvas) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source || typeof window.Chart === "undefined") return;
    const spec = JSON.parse(source.textContent);
    const horizontal = spec.kind === "hbar";
    const suffix = spec.unit === "%" ? " %" : "";
    const options = {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      indexAxis: horizontal ? "y" : "x",
      plugins: {
        legend: { display: spec.datasets.length > 1 },
        tooltip: {
          callbacks: {
            label: (ctx) =>
              `${ctx.dataset.label}: ${ctx.raw === null ? HIDDEN : numberFormat.format(ctx.raw) + suffix}`,
          },
        },
      },
      scales: {},
    };
    const valueAxis = horizontal ? "x" : "y";
    options.scales[valueAxis] = {
      beginAtZero: true,
      ticks: { callback: (value) => numberFormat.format(value) + suffix },
    };
    if (spec.unit === "%") options.scales[valueAxis].max = 100;
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((dataset, i) => ({
          label: dataset.label,
          data: dataset.data,
          backgroundColor: COLOURS[i % COLOURS.length],
        })),
      },
      options: options,
    });
  }

  function drawAll() {
    document.querySelectorAll("canvas[data-chart]").forEach(draw);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
