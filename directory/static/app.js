// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  // Name suggestions as you type, into the search box's <datalist>; choosing one opens the
  // profile (the box's data-profile is a profile's address with "_" for the slug).
  function suggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    var profile = input.getAttribute("data-profile");
    var timer = null;
    var controller = null;
    var slugs = {};
    if (!list || !url || !window.fetch) return;
    input.addEventListener("input", function (event) {
      // A pick from the list replaces the text (some browsers give no inputType for it).
      var picked = !event.inputType || event.inputType === "insertReplacementText";
      if (picked && profile && Object.prototype.hasOwnProperty.call(slugs, input.value)) {
        window.location.assign(profile.replace(/_$/, encodeURIComponent(slugs[input.value])));
        return;
      }
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) {
        list.replaceChildren();
        return;
      }
      timer = setTimeout(function () {
        if (controller) controller.abort();
        controller = window.AbortController ? new AbortController() : null;
        fetch(url + "?q=" + encodeURIComponent(text), {
          headers: { Accept: "application/json" },
          signal: controller ? controller.signal : undefined,
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            slugs = {};
            var options = (data.suggestions || []).map(function (item) {
              var option = document.createElement("option");
              option.value = item.name; // textContent-style assignment: never parsed as HTML
              slugs[item.name] = item.slug;
              return option;
            });
            list.replaceChildren.apply(list, options);
          })
          .catch(function () { /* a failed suggestion is not worth a message */ });
      }, 120);
    });
  }

  // Selects marked data-autosubmit submit their form on change (the button stays for no-JS users).
  function autosubmit(select) {
    select.addEventListener("change", function () {
      if (select.form) select.form.submit();
    });
  }

  // "/" jumps to the search box from anywhere but a text field, as on most search sites.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) return;
    var box = document.querySelector("input[type=search]");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  document.querySelectorAll("input[data-suggest]").forEach(suggest);
  document.querySelectorAll("select[data-autosubmit]").forEach(autosubmit);
})();
