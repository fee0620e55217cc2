// Honest reading time. Counts the seconds this lesson is on screen, reports them every 15
// seconds, and again when the reader reaches the end or leaves. A report that fails is kept
// and sent with the next one; the server credits no more than has really passed. Each report's
// answer carries the server's words for the reading time still needed (courses.reading): they
// replace the page's, and screen readers hear once, politely, when the lesson has counted.
(() => {
  const box = document.querySelector("[data-reading]");
  if (!box) return;
  const url = box.dataset.reportUrl;
  const bar = box.querySelector("[data-reading-bar]");
  const text = box.querySelector("[data-reading-text]");
  const rules = box.querySelector("[data-reading-rules]");
  const announce = box.querySelector("[data-reading-announce]");
  const note = document.querySelector("[data-reading-note]");
  const noteText = document.querySelector("[data-reading-note-text]");
  let announced = box.classList.contains("reading-status--complete");
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

  // Only words that changed are written (the minutes change at most once a minute).
  const show = (state) => {
    if (bar) bar.value = state.percent;
    if (text && text.textContent !== state.text) text.textContent = state.text;
    if (noteText && noteText.textContent !== state.note) noteText.textContent = state.note;
    if (!state.complete) return;
    box.classList.add("reading-status--complete");
    if (bar) bar.hidden = true;
    if (rules) rules.hidden = true;
    if (note) note.hidden = true;
    if (announce && !announced) announce.textContent = state.text;
    announced = true;
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
        show(await response.json());
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
