// The sign-in page: a token to paste and, until tokens carry the unit (docs/security.md), the
// unit the person works for. Nothing is checked against the server here: reads need no token
// today, and the first refused call says when a token is wrong.
import { h } from "./dom.js";

const UNIT = /^[a-z_]+:[^\s:]+$/;

export function renderSignIn(view, { t, onSignIn, previous }) {
  const problem = h("p", { class: "problem", role: "alert", hidden: true });
  const token = h("input", {
    id: "token", name: "token", type: "password", autocomplete: "off",
    placeholder: t("signin.token.hint"),
  });
  const unit = h("input", {
    id: "unit", name: "unit", type: "text", autocomplete: "off", autocapitalize: "off",
    spellcheck: "false", placeholder: t("signin.unit.hint"), required: true,
  });
  if (previous) unit.value = previous.unit;
  const form = h(
    "form", { id: "signin", class: "card signin" },
    h("h1", {}, t("signin.title")),
    h("label", { for: "token" }, t("signin.token")), token,
    h("label", { for: "unit" }, t("signin.unit")), unit,
    problem,
    h("button", { type: "submit", id: "signin-submit", class: "primary" }, t("signin.submit")),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const u = unit.value.trim();
    if (!UNIT.test(u)) {
      problem.textContent = t("signin.bad_unit");
      problem.hidden = false;
      unit.focus();
      return;
    }
    onSignIn({ token: token.value.trim(), unit: u });
  });
  view.append(form);
  unit.focus();
}
