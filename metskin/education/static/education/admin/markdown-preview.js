// Admin: a "Preview" button under each Markdown field. The server renders the text through
// the same Markdown + nh3 sanitiser as the public pages, so what you see is what visitors get.
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function attach(textarea) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button ms-preview-button";
    button.textContent = "Preview";
    var status = document.createElement("span");
    status.className = "ms-preview-status";
    status.setAttribute("role", "status");
    var pane = document.createElement("div");
    pane.className = "ms-markdown-preview";
    pane.hidden = true;
    pane.setAttribute("aria-label", "Preview");
    var tools = document.createElement("div");
    tools.className = "ms-preview";
    tools.append(button, status, pane);
    textarea.insertAdjacentElement("afterend", tools);

    button.addEventListener("click", function () {
      var body = new URLSearchParams();
      body.set("text", textarea.value);
      status.textContent = "Rendering…";
      fetch(textarea.dataset.markdownPreview, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea.form) },
        body: body,
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          // data.html is sanitised on the server (nh3); nothing from the textarea runs here.
          pane.innerHTML = data.html;
          pane.hidden = false;
          status.textContent = "Preview updated.";
        })
        .catch(function () {
          status.textContent = "The preview could not be rendered. Save to see the result.";
        });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(attach);
  });
})();
