// Bulk evidence upload: drag and drop, one request per file with its own progress bar.
// Without this script the page is a plain multi-file form, so everything here is an enhancement.
(function () {
  "use strict";
  const form = document.getElementById("bulk-upload");
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  const drop = document.getElementById("bulk-drop");
  const input = document.getElementById("id_files");
  const list = document.getElementById("bulk-progress");
  const endpoint = form.dataset.endpoint;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let running = 0;

  drop.hidden = false;

  function row(file) {
    const item = document.createElement("li");
    item.className = "mb-2";
    const label = document.createElement("div");
    label.className = "d-flex justify-content-between small";
    const name = document.createElement("span");
    name.className = "text-break";
    name.textContent = file.name;
    const state = document.createElement("span");
    state.className = "ms-2 text-body-secondary";
    state.textContent = "Waiting";
    label.append(name, state);
    const bar = document.createElement("progress");
    bar.className = "w-100";
    bar.max = 100;
    bar.value = 0;
    bar.setAttribute("aria-label", "Upload progress of " + file.name);
    item.append(label, bar);
    list.append(item);
    return { item, state, bar };
  }

  function send(file) {
    const view = row(file);
    const data = new FormData();
    data.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", endpoint);
    xhr.setRequestHeader("X-CSRFToken", csrf);
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable) {
        view.bar.value = Math.round((event.loaded / event.total) * 100);
        view.state.textContent = view.bar.value + "%";
      }
    });
    xhr.addEventListener("load", () => {
      let reply = {};
      try { reply = JSON.parse(xhr.responseText); } catch (e) { reply = {}; }
      if (xhr.status === 200 && reply.ok) {
        view.bar.value = 100;
        view.state.textContent = "Uploaded";
        view.state.className = "ms-2 text-success";
        view.item.dataset.state = "uploaded";
      } else {
        fail(view, reply.error || "The upload failed (" + xhr.status + "). Try again.");
      }
      finished();
    });
    xhr.addEventListener("error", () => { fail(view, "The connection failed. Try again."); finished(); });
    running += 1;
    xhr.send(data);
  }

  function fail(view, message) {
    view.state.textContent = "Not uploaded";
    view.state.className = "ms-2 text-danger";
    view.item.dataset.state = "refused";
    const why = document.createElement("div");
    why.className = "small text-danger";
    why.textContent = message;
    view.item.append(why);
  }

  // Once every file has answered, fetch the page again for the table of files waiting for a record.
  function finished() {
    running -= 1;
    if (running > 0) return;
    fetch(window.location.href, { credentials: "same-origin" })
      .then((response) => response.text())
      .then((html) => {
        const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("bulk-assign");
        const current = document.getElementById("bulk-assign");
        if (fresh && current) current.replaceWith(fresh);
      });
  }

  function sendAll(files) {
    Array.from(files).forEach(send);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    sendAll(input.files);
    input.value = "";
  });
  ["dragenter", "dragover"].forEach((name) => drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.add("bg-primary-subtle");
  }));
  ["dragleave", "drop"].forEach((name) => drop.addEventListener(name, (event) => {
    event.preventDefault();
    drop.classList.remove("bg-primary-subtle");
  }));
  drop.addEventListener("drop", (event) => sendAll(event.dataTransfer.files));
})();
