// The sign-in page: one field, the access token. The token is tried at once against
// GET /api/v1/whoami, which says whose it is (role, unit, office): the person never types which
// unit they are, and a wrong or expired token is said here rather than on the first page.
import { h } from "./dom.js";

export function renderSignIn(view, { t, api, onSignIn }) {
  const problem = h("p", { class: "problem", id: "signin-problem", role: "alert", hidden: true });
  const token = h("input", {
    id: "token", name: "token", type: "password", autocomplete: "off", required: true,
    placeholder: t("signin.token.hint"),
  });
  const submit = h("button", { type: "submit", id: "signin-submit", class: "primary" }, t("signin.submit"));
  const form = h(
    "form", { id: "signin", class: "card signin" },
    h("h1", {}, t("signin.title")),
    h("label", { for: "token" }, t("signin.token")), token,
    problem,
    submit,
  );
  function say(text) {
    problem.textContent = text;
    problem.hidden = !text;
  }
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = token.value.trim();
    if (!value) {
      say(t("signin.empty"));
      token.focus();
      return;
    }
    submit.disabled = true;
    say("");
    const answer = await api.whoami(value);
    submit.disabled = false;
    if (answer.ok && answer.body) {
      onSignIn({ token: value, who: answer.body });
      return;
    }
    say(answer.status === 401 ? t("signin.refused") : t("error.load", { m: answer.error.message }));
    token.focus();
  });
  view.append(form);
  token.focus();
}
