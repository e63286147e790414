// Pembina: small behaviours without inline scripts (the CSP forbids them).
document.addEventListener("change", (event) => {
  const form = event.target.closest("form[data-autosubmit]");
  if (form) form.submit();
});
