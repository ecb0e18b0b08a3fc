// Keyboard shortcuts for triage. The pages work without this file; it only adds keys.
// Inbox list: j/k select, Enter opens. Inbox entry: a takes it, r focuses the reply, d done, x ignore.
(function () {
  function typing(event) {
    var tag = (event.target && event.target.tagName) || "";
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || event.ctrlKey || event.metaKey || event.altKey;
  }
  document.addEventListener("keydown", function (event) {
    if (typing(event)) return;
    var entries = Array.prototype.slice.call(document.querySelectorAll(".inbox-entry"));
    if (entries.length) {
      var index = entries.findIndex(function (e) { return e.classList.contains("selected"); });
      if (event.key === "j" || event.key === "k") {
        if (index >= 0) entries[index].classList.remove("selected");
        index = event.key === "j" ? Math.min(entries.length - 1, index + 1) : Math.max(0, index - 1);
        entries[index].classList.add("selected");
        entries[index].scrollIntoView({ block: "nearest" });
        event.preventDefault();
      } else if (event.key === "Enter" && index >= 0) {
        entries[index].querySelector("a.open").click();
      }
      return;
    }
    var button = null;
    if (event.key === "a") button = document.querySelector("button[data-key='a']");
    if (event.key === "d") button = document.querySelector("button[data-state='done']");
    if (event.key === "x") button = document.querySelector("button[data-state='ignored']");
    if (button) { button.click(); event.preventDefault(); return; }
    if (event.key === "r") {
      var reply = document.getElementById("reply-body");
      if (reply) { reply.focus(); event.preventDefault(); }
    }
  });
})();
