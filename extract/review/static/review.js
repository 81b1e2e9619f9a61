// The paper view: evidence boxes over the page image, page and field navigation, keyboard shortcuts.
(function () {
  "use strict";
  const script = document.getElementById("review-script");
  const data = JSON.parse(document.getElementById("viewer-data").textContent);
  const docId = script.dataset.doc;
  const fields = Array.from(document.querySelectorAll("section.field"));
  const list = document.getElementById("fields");
  const image = document.getElementById("page-image");
  const frame = document.getElementById("page-canvas");
  let page = Number(script.dataset.page) || 1;
  let selected = fields.find((f) => f.dataset.key === script.dataset.selected) || fields[0];

  function drawBoxes() {
    if (!frame) return;
    frame.querySelectorAll(".hl").forEach((box) => box.remove());
    const size = data.pages[page - 1];
    if (!size) return;
    for (const [key, field] of Object.entries(data.fields)) {
      for (const [boxPage, x0, y0, x1, y1] of field.boxes) {
        if (boxPage !== page) continue;
        const box = document.createElement("div");
        box.className = "hl" + (selected && key === selected.dataset.key ? " active" : "");
        box.dataset.key = key;
        box.style.left = (100 * x0 / size[0]) + "%";
        box.style.top = (100 * y0 / size[1]) + "%";
        box.style.width = (100 * (x1 - x0) / size[0]) + "%";
        box.style.height = (100 * (y1 - y0) / size[1]) + "%";
        box.addEventListener("click", () => select(fields.find((f) => f.dataset.key === key)));
        frame.appendChild(box);
      }
    }
  }

  function showPage(number) {
    const last = Math.max(data.pages.length, 1);
    page = Math.min(Math.max(number, 1), last);
    document.getElementById("page-number").textContent = page;
    if (image) {
      image.src = "/paper/" + docId + "/page/" + page + ".png";
      image.alt = "Page " + page;
    }
    drawBoxes();
  }

  function select(field) {
    if (!field) return;
    fields.forEach((f) => f.classList.toggle("selected", f === field));
    selected = field;
    const url = new URL(window.location.href);
    url.searchParams.set("field", field.dataset.key);
    url.searchParams.delete("page");
    history.replaceState(null, "", url);
    const undoField = document.querySelector("#undo-form input[name=field]");
    if (undoField) undoField.value = field.dataset.key;
    reveal(field);
    const target = Number(field.dataset.page);
    if (target && target !== page) showPage(target); else drawBoxes();
  }

  function reveal(field) {
    // Scroll the field list only (not the window), so the page image stays in view.
    const top = field.offsetTop - 8;
    const bottom = field.offsetTop + field.offsetHeight + 8;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (bottom > list.scrollTop + list.clientHeight) list.scrollTop = bottom - list.clientHeight;
  }

  function submit(action) {
    if (!selected) return;
    const form = selected.querySelector("form.decide");
    form.requestSubmit(form.querySelector("button[value=" + action + "]"));
  }

  fields.forEach((field) => field.addEventListener("click", (event) => {
    if (!event.target.closest("form, a")) select(field);
  }));
  fields.forEach((field) => field.querySelectorAll("input").forEach((input) =>
    input.addEventListener("focus", () => { if (selected !== field) select(field); })));
  document.getElementById("page-prev").addEventListener("click", () => showPage(page - 1));
  document.getElementById("page-next").addEventListener("click", () => showPage(page + 1));
  if (image) image.addEventListener("load", drawBoxes);

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const typing = event.target.closest("input, textarea, select");
    if (typing) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    const index = fields.indexOf(selected);
    const actions = {
      j: () => select(fields[Math.min(index + 1, fields.length - 1)]),
      ArrowDown: () => select(fields[Math.min(index + 1, fields.length - 1)]),
      k: () => select(fields[Math.max(index - 1, 0)]),
      ArrowUp: () => select(fields[Math.max(index - 1, 0)]),
      a: () => submit("accept"),
      r: () => submit("reject"),
      e: () => selected && selected.querySelector("input.edit-value").select(),
      n: () => selected && selected.querySelector("input.note").focus(),
      u: () => document.getElementById("undo-form").requestSubmit(),
      ArrowLeft: () => showPage(page - 1),
      ArrowRight: () => showPage(page + 1),
    };
    if (actions[event.key]) {
      event.preventDefault();
      actions[event.key]();
    }
  });

  // In the edit box, Enter saves the edit (not an accept, the form's first button).
  fields.forEach((field) => field.querySelector("input.edit-value").addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      const form = field.querySelector("form.decide");
      form.requestSubmit(form.querySelector("button[value=edit]"));
    }
  }));

  drawBoxes();
  if (selected) reveal(selected);
})();
