// Taking a quiz. Each answer is saved as it is given; an answer that cannot be sent (no
// connection) is kept and sent again until it arrives, so a reload or a lost connection loses
// nothing. The countdown shows the time the server gave; the server enforces it, and when it
// runs out the page submits what has been saved.
(() => {
  const bar = document.querySelector("[data-quiz]");
  const form = document.querySelector(".quiz-form");
  if (!bar || !form) return;
  const texts = document.getElementById("quiz-messages").dataset;
  const status = bar.querySelector("[data-save-status]");
  const answered = bar.querySelector("[data-answered]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const pending = new Map(); // item id -> FormData not yet saved
  const timers = new Map();
  let submitting = false;

  const collect = (section) => {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", csrf);
    data.append("item", section.dataset.item);
    section.querySelectorAll("input, textarea, select").forEach((field) => {
      if (!field.name || field.disabled) return;
      if ((field.type === "radio" || field.type === "checkbox") && !field.checked) return;
      data.append(field.name, field.value);
    });
    return data;
  };

  const show = (text) => { status.textContent = text; };

  const send = async (id) => {
    const data = pending.get(id);
    if (!data) return;
    show(texts.saving);
    let response;
    try {
      response = await fetch(bar.dataset.answerUrl, {
        method: "POST", body: data, credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" },
      });
    } catch {
      show(texts.offline);
      return; // kept in `pending`: retried below
    }
    if (pending.get(id) === data) pending.delete(id);
    const body = await response.json().catch(() => ({}));
    const section = form.querySelector(`[data-item="${id}"]`);
    if (response.status === 409 && body.over) {
      window.location.assign(body.result_url);
      return;
    }
    const error = section.querySelector("[data-error]") || document.createElement("p");
    error.dataset.error = "";
    error.className = "form-errors";
    error.setAttribute("role", "alert");
    if (!response.ok) {
      error.textContent = body.error || "";
      section.prepend(error);
      show("");
      return;
    }
    error.remove();
    show(texts.saved);
    if (typeof body.answered_count === "number" && answered) {
      answered.textContent = answered.textContent.replace(/^\d+/, String(body.answered_count));
    }
    if (body.feedback) {
      section.querySelector("[data-feedback]").innerHTML = body.feedback;
      section.querySelectorAll("input, textarea").forEach((f) => { f.disabled = true; });
    }
  };

  const queue = (section, delay) => {
    const id = section.dataset.item;
    pending.set(id, collect(section));
    clearTimeout(timers.get(id));
    timers.set(id, setTimeout(() => send(id), delay));
  };

  form.addEventListener("change", (event) => {
    const section = event.target.closest("[data-item]");
    if (section) queue(section, 0);
  });
  form.addEventListener("input", (event) => {
    const section = event.target.closest("[data-item]");
    if (section && event.target.matches("textarea, input[type=text]")) queue(section, 800);
  });
  const retry = () => pending.forEach((_data, id) => send(id));
  window.addEventListener("online", retry);
  setInterval(retry, 5000);

  form.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (!button || button.value !== "submit" || submitting) return;
    const blank = [...form.querySelectorAll("[data-item]")].some(
      (section) => !section.querySelector("input:checked, textarea:not(:placeholder-shown), input[type=text]:not(:placeholder-shown)")
    );
    const question = blank ? `${texts.unanswered} ${texts.confirm}` : texts.confirm;
    if (!window.confirm(question)) event.preventDefault();
  });

  const clock = bar.querySelector("[data-clock]");
  if (clock && bar.dataset.secondsLeft) {
    const end = Date.now() + Number(bar.dataset.secondsLeft) * 1000;
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      clock.textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      if (left <= 60) clock.parentElement.classList.add("quiz-clock--low");
      if (left === 0 && !submitting) {
        submitting = true;
        show(texts.timeUp);
        const go = document.createElement("input");
        go.type = "hidden"; go.name = "go"; go.value = "submit";
        form.append(go);
        form.submit();
      }
    };
    tick();
    setInterval(tick, 1000);
  }
})();
