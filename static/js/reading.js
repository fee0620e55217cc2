// Honest reading time. Counts the seconds this lesson is on screen, reports them every 15
// seconds, and again when the reader reaches the end or leaves. A report that fails is kept
// and sent with the next one; the server credits no more than has really passed.
(() => {
  const box = document.querySelector("[data-reading]");
  if (!box) return;
  const url = box.dataset.reportUrl;
  const bar = box.querySelector("[data-reading-bar]");
  const csrf = (document.cookie.match(/(?:^|; )csrftoken=([^;]+)/) || [])[1] || "";
  let unsent = 0;
  let atEnd = false;
  let sending = false;

  setInterval(() => {
    if (document.visibilityState === "visible") unsent += 1;
  }, 1000);

  const form = () => {
    const data = new FormData();
    data.append("seconds", String(unsent));
    data.append("at_end", atEnd ? "1" : "0");
    return data;
  };

  const report = async () => {
    if (sending || (unsent === 0 && !atEnd)) return;
    sending = true;
    const sent = unsent;
    try {
      const response = await fetch(url, {
        method: "POST",
        body: form(),
        headers: { "X-CSRFToken": decodeURIComponent(csrf) },
        credentials: "same-origin",
      });
      if (response.ok) {
        unsent -= sent;
        const state = await response.json();
        if (bar) bar.value = Math.min(100, Math.floor((100 * state.seconds) / state.required));
        if (state.complete) box.classList.add("reading-status--complete");
      }
    } catch (error) {
      // Offline or a weak signal: keep the seconds for the next report.
    } finally {
      sending = false;
    }
  };

  setInterval(report, 15000);
  const end = document.getElementById("lesson-end");
  if (end && "IntersectionObserver" in window) {
    new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !atEnd) {
        atEnd = true;
        report();
      }
    }).observe(end);
  }
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden" && unsent > 0) {
      const data = form();
      data.append("csrfmiddlewaretoken", decodeURIComponent(csrf));
      if (navigator.sendBeacon(url, data)) unsent = 0;
    }
  });
})();
