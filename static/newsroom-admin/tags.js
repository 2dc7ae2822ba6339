// Suggest existing tags in the comma-separated tag field: the last tag being
// typed is looked up (articles.admin_views.tag_suggestions) and offered through
// a <datalist>, each suggestion completing the field as typed so far.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("input[data-tag-suggest-url]");
    if (!input) { return; }
    var list = document.createElement("datalist");
    list.id = input.id + "_suggestions";
    input.parentNode.appendChild(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;

    function suggest() {
      var value = input.value;
      var cut = value.lastIndexOf(",");
      var typed = value.slice(cut + 1).trim();
      var before = cut >= 0 ? value.slice(0, cut + 1) + " " : "";
      if (typed.length < 1) { list.replaceChildren(); return; }
      var url = input.dataset.tagSuggestUrl + "?q=" + encodeURIComponent(typed);
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { tags: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.tags.map(function (name) {
            var option = document.createElement("option");
            option.value = before + name;
            return option;
          }));
        })
        .catch(function () { /* suggestions are a convenience; typing still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
  });
})();
