// Site-wide behaviour. Nothing inline in the templates (the Content Security Policy forbids it): pages mark
// elements with data- attributes and this file wires them up. Pages work without it.
document.addEventListener("DOMContentLoaded", () => {
  // Clause badges become popovers (without this they keep a title attribute).
  document.querySelectorAll("[data-bs-toggle='popover']").forEach((el) => new bootstrap.Popover(el));
});

// Print buttons: <button type="button" data-print>. Delegated, so buttons htmx swaps in work too.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
