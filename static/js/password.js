// Show password: a form with data-show-password="…label…" gets one toggle button after its last
// password box, which shows the typed characters of every password box of the form (type=text)
// and hides them again; aria-pressed says which. The button is made here, so without JavaScript
// the form is as it was. Before the form is sent the boxes turn back into password boxes, so
// that the browser still offers to remember the password.
(() => {
  for (const form of document.querySelectorAll("form[data-show-password]")) {
    const boxes = [...form.querySelectorAll('input[type="password"]')];
    if (!boxes.length) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "button button--quiet password-toggle";
    button.textContent = form.dataset.showPassword;
    button.setAttribute("aria-pressed", "false");
    button.setAttribute("aria-controls", boxes.map((box) => box.id).join(" "));
    const last = boxes[boxes.length - 1];
    (last.closest(".field") || last).after(button);

    const show = (shown) => {
      for (const box of boxes) box.type = shown ? "text" : "password";
      button.setAttribute("aria-pressed", String(shown));
    };
    button.addEventListener("click", () => show(button.getAttribute("aria-pressed") !== "true"));
    form.addEventListener("submit", () => show(false));
  }
})();
