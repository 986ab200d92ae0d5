// Clicking an attribution in the text shows its details beside it. Reading needs no script:
// without it, the same click jumps to the attribution's entry in the list below the text.
"use strict";

function showAttribution(id) {
  const entry = document.getElementById("attribution-" + id);
  const panel = document.getElementById("attribution-panel");
  if (!entry || !panel) return false;
  const detail = entry.querySelector("[data-detail]");
  panel.replaceChildren(detail.cloneNode(true)); // a copy of escaped markup, never HTML from strings
  panel.dataset.attribution = id;
  panel.hidden = false;
  for (const seg of document.querySelectorAll(".seg.selected")) seg.classList.remove("selected");
  for (const seg of document.querySelectorAll('.seg[data-attribution="' + CSS.escape(id) + '"]')) {
    seg.classList.add("selected");
  }
  return true;
}

document.addEventListener("click", (event) => {
  const link = event.target.closest("#article-text [data-attribution], #attribution-panel [data-attribution], #figures-table [data-attribution]");
  if (link && showAttribution(link.dataset.attribution)) event.preventDefault();
});
