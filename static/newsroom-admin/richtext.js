// Turns the story body textarea into a Quill editor whose toolbar offers only
// what the server-side allow-list keeps (articles/sanitize.py). The textarea
// stays the form field: it is filled from the editor on every change, so the
// form posts plain HTML and the server sanitises it again on save.
(function () {
  "use strict";
  var TOOLBAR = [
    [{ header: [2, 3, false] }],
    ["bold", "italic", "link"],
    [{ list: "ordered" }, { list: "bullet" }],
    ["blockquote"],
    ["clean"]
  ];
  var FORMATS = ["header", "bold", "italic", "link", "list", "blockquote"];

  function bodyHtml(quill) {
    if (quill.getLength() <= 1) { return ""; }
    // getSemanticHTML writes proper <ul>/<ol>; it also turns spaces into &nbsp;.
    return quill.getSemanticHTML().replace(/&nbsp;/g, " ").replace(/\u00a0/g, " ");
  }

  function enhance(textarea) {
    if (!window.Quill) { return; }  // No editor: the plain textarea still works.
    var holder = document.createElement("div");
    holder.className = "richtext";
    var area = document.createElement("div");
    area.className = "richtext__area";
    holder.appendChild(area);
    textarea.parentNode.insertBefore(holder, textarea);
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");

    var quill = new window.Quill(area, {
      theme: "snow",
      modules: { toolbar: TOOLBAR },
      formats: FORMATS,
      placeholder: "Write the story…"
    });
    quill.clipboard.dangerouslyPasteHTML(textarea.value || "");
    quill.root.setAttribute("aria-label", "Story body");
    quill.root.setAttribute("data-richtext-editor", "");
    var sync = function () { textarea.value = bodyHtml(quill); };
    quill.on("text-change", sync);
    if (textarea.form) { textarea.form.addEventListener("submit", sync); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-rich-text]").forEach(enhance);
  });
})();
