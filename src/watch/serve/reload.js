// panelpaper's preview: reload this page when it is rebuilt; show a broken save's problems
// over it until the next good build. Added by `watch --serve` only, never to the files.
(() => {
  const page = decodeURIComponent(location.pathname.split("/").pop() || "index.html");
  const events = new EventSource("/_panelpaper/events");
  let overlay = null;
  const clear = () => {
    if (overlay) overlay.remove();
    overlay = null;
  };
  events.addEventListener("rebuilt", (event) => {
    const files = JSON.parse(event.data);
    // "*": the stream fell behind and cannot tell what changed.
    if (files.includes(page) || files.includes("*") || (page === "index.html" && location.pathname.endsWith("/"))) {
      location.reload();
    } else {
      clear();
    }
  });
  events.addEventListener("problems", (event) => {
    clear();
    overlay = document.createElement("section");
    overlay.id = "panelpaper-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("aria-label", "Problems in the last save");
    overlay.style.cssText =
      "position:fixed;inset:1rem;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.25rem;" +
      "background:#fff;color:#000;border:3px solid #b00020;border-radius:6px;box-shadow:0 4px 24px rgba(0,0,0,.35);" +
      "font:14px/1.45 ui-monospace,'Liberation Mono',monospace;";
    const heading = document.createElement("h2");
    heading.textContent = "The last save has problems: this page shows the last good build";
    heading.style.cssText = "font:bold 16px/1.3 Arial,sans-serif;margin:0 0 .75rem;color:#b00020;";
    const text = document.createElement("pre");
    text.textContent = JSON.parse(event.data);
    text.style.cssText = "white-space:pre-wrap;margin:0;";
    overlay.append(heading, text);
    document.body.append(overlay);
  });
})();
