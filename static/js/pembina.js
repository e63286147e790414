// Pembina: small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form) form.submit();
});

// Organisation tree: open/close every node, and filter nodes by name (ancestors of a hit stay visible).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-tree-toggle]");
  if (!button) return;
  const tree = document.querySelector(button.dataset.treeToggle);
  if (!tree) return;
  const open = button.dataset.open === "1";
  tree.querySelectorAll("details").forEach((d) => { d.open = open; });
});

document.addEventListener("input", (event) => {
  const input = event.target.closest("[data-tree-filter]");
  if (!input) return;
  const tree = document.querySelector(input.dataset.treeFilter);
  if (!tree) return;
  const needle = input.value.trim().toLowerCase();
  const items = tree.querySelectorAll("li.tree-item");
  items.forEach((li) => li.classList.toggle("tree-hidden", needle !== ""));
  if (!needle) return;
  items.forEach((li) => {
    const label = li.querySelector(".tree-label");
    if (!label || !label.textContent.toLowerCase().includes(needle)) return;
    let node = li;
    while (node && node !== tree) {
      if (node.matches("li.tree-item")) node.classList.remove("tree-hidden");
      if (node.tagName === "DETAILS") node.open = true;
      node = node.parentElement;
    }
  });
});

// A fragment that fails to load says so (the translated text sits on the target as data-error-text).
document.addEventListener("htmx:responseError", (event) => {
  const target = event.detail.target;
  if (target && target.dataset.errorText) target.textContent = target.dataset.errorText;
});
