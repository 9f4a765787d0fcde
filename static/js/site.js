// Turn clause badges into popovers; pages work without this (badges keep a title attribute).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-bs-toggle='popover']").forEach((el) => new bootstrap.Popover(el));
});
