// BookSessionModal: one <dialog> for booking a session from any coach page. Openers carry what
// is already known in data-* attributes (client-id, name, email, package-id, application-id,
// kind, title); the modal checks the time against the calendar as the coach types, and books
// through the JSON API without reloading the page. Without this script the openers are links to
// /admin/bookings/new, a plain form doing the same.

const { t, tn, lang, apiHeaders } = globalThis.coachbook;

const dialog = document.querySelector("[data-bs-dialog]");
if (dialog) setUp(dialog);

function setUp(dialog) {
  const form = dialog.querySelector("[data-bs-form]");
  const $ = (sel) => form.querySelector(sel);
  const field = (name) => form.elements.namedItem(name);
  const typeSelect = $("[data-bs-type]");
  const packageField = $("[data-bs-package-field]");
  const packageSelect = $("[data-bs-package]");
  const credits = $("[data-bs-credits]");
  const search = $("[data-bs-client-search]");
  const list = $("[data-bs-client-list]");
  const chosen = $("[data-bs-chosen]");
  const clientId = $("[data-bs-client-id]");
  const applicationId = $("[data-bs-application-id]");
  const check = $("[data-bs-check]");
  const override = $("[data-bs-override]");
  const problem = $("[data-bs-problem]");
  const submit = $("[data-bs-submit]");
  const title = dialog.querySelector("[data-bs-title]");
  const overrideLabel = $("[data-bs-override-label]");
  const discard = dialog.querySelector("[data-bs-discard]");
  const templateField = $("[data-bs-template-field]");
  const templateSelect = $("[data-bs-template]");
  const templateNote = $("[data-bs-template-note]");
  const templateId = $("[data-bs-template-id]");
  // The picker needs this script; without it the form asks for a name and email only.
  $("[data-bs-client-field]").hidden = false;
  let opener = null;
  let idempotencyKey = "";
  let endEdited = false;
  let packages = [];
  // Something typed since the modal opened: closing then asks before throwing it away.
  let dirty = false;

  // ---- opening and closing ----------------------------------------------------------------

  document.addEventListener("click", (event) => {
    const trigger = event.target.closest("[data-book-session]");
    if (!trigger) return;
    event.preventDefault();
    open(trigger);
  });
  for (const close of dialog.querySelectorAll("[data-bs-close]")) {
    close.addEventListener("click", () => askToClose());
  }
  // Escape fires "cancel": a half-filled booking is not thrown away without asking.
  dialog.addEventListener("cancel", (event) => {
    if (!dirty) return;
    event.preventDefault();
    askToClose();
  });
  dialog.addEventListener("close", () => {
    hide(discard);
    opener?.focus();
  });
  form.addEventListener("input", () => {
    dirty = true;
  });
  form.addEventListener("change", () => {
    dirty = true;
  });
  discard.querySelector("[data-bs-discard-yes]").addEventListener("click", () => {
    dirty = false;
    dialog.close();
  });
  discard.querySelector("[data-bs-discard-no]").addEventListener("click", () => {
    hide(discard);
    (form.querySelector("[aria-invalid=true]") || field("date")).focus();
  });

  function askToClose() {
    if (!dirty) {
      dialog.close();
      return;
    }
    discard.hidden = false;
    discard.querySelector("[data-bs-discard-no]").focus();
  }

  function open(trigger) {
    opener = trigger;
    const d = trigger.dataset;
    form.reset();
    dirty = false;
    hide(discard);
    clearErrors();
    hide(check);
    hide(override);
    hide(problem);
    packages = [];
    fillPackages();
    endEdited = false;
    resetTemplate();
    idempotencyKey = crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random();
    title.textContent = d.title || t("js-bs-title");
    clientId.value = d.clientId || "";
    applicationId.value = d.applicationId || "";
    field("name").value = d.name || "";
    field("email").value = d.email || "";
    if (d.kind) {
      const match = [...typeSelect.options].find((o) => o.dataset.kind === d.kind);
      if (match) typeSelect.value = match.value;
    }
    if (d.sessionTypeId) typeSelect.value = d.sessionTypeId;
    field("date").value = d.date || "";
    // An empty time clicked on the Calendar: its start, and the end the type's length gives.
    if (d.startTime) {
      field("startTime").value = d.startTime;
      autoEnd();
      scheduleCheck();
    }
    // A known person needs no search: show who it is, with a way to change it.
    if (d.clientId || d.applicationId) {
      showChosen(d.name, d.email, d.applicationId ? "applicant" : "client");
    } else {
      showSearch();
    }
    if (d.clientId) loadClient(d.clientId, d.packageId);
    dialog.showModal();
    (d.clientId || d.applicationId ? field("date") : search).focus();
  }

  // ---- the client picker -------------------------------------------------------------------

  let searchTimer = 0;
  let options = [];
  let active = -1;

  search.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 200);
  });
  search.addEventListener("focus", runSearch);
  search.addEventListener("keydown", (event) => {
    if (list.hidden && event.key === "ArrowDown") runSearch();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + options.length) % Math.max(options.length, 1));
    } else if (event.key === "Enter" && !list.hidden && active >= 0) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      event.stopPropagation();
      closeList();
    }
  });
  search.addEventListener("blur", () => setTimeout(closeList, 150));

  async function runSearch() {
    const q = search.value.trim();
    let clients = [];
    try {
      const res = await fetch(`/api/coaching/clients?q=${encodeURIComponent(q)}`, {
        headers: { accept: "application/json" },
      });
      if (res.ok) clients = await res.json();
    } catch {
      clients = [];
    }
    options = clients.slice(0, 8).map((c) => ({ client: c }));
    options.push({ custom: true });
    list.replaceChildren(
      ...options.map((o, i) => {
        const li = document.createElement("li");
        li.id = `bs-client-opt-${i}`;
        li.setAttribute("role", "option");
        li.className = "combobox-option";
        if (o.custom) {
          li.textContent = t("js-bs-custom");
          li.classList.add("combobox-custom");
        } else {
          const name = document.createElement("strong");
          name.textContent = o.client.name;
          const email = document.createElement("span");
          email.textContent = o.client.email;
          li.append(name, " ", email);
        }
        li.addEventListener("mousedown", (e) => {
          e.preventDefault();
          choose(o);
        });
        return li;
      }),
    );
    list.hidden = false;
    search.setAttribute("aria-expanded", "true");
    setActive(0);
  }

  function setActive(i) {
    active = i;
    [...list.children].forEach((li, n) => li.setAttribute("aria-selected", String(n === i)));
    if (i >= 0) search.setAttribute("aria-activedescendant", `bs-client-opt-${i}`);
    else search.removeAttribute("aria-activedescendant");
  }

  function closeList() {
    list.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.removeAttribute("aria-activedescendant");
  }

  function choose(option) {
    closeList();
    if (option.custom) {
      // What was typed in the search is the start of the name (or the email, if it has an @).
      const typed = search.value.trim();
      clientId.value = "";
      packages = [];
      fillPackages();
      const target = typed.includes("@") ? field("email") : field("name");
      if (typed && !target.value) target.value = typed;
      search.value = "";
      target.focus();
      return;
    }
    const c = option.client;
    clientId.value = c.id;
    field("name").value = c.name;
    field("email").value = c.email;
    showChosen(c.name, c.email, "client");
    loadClient(c.id);
    field("date").focus();
  }

  // Who is chosen, by role: the message without an email and the one with it.
  const chosenWords = {
    client: ["js-bs-client", "js-bs-client-email"],
    applicant: ["js-bs-applicant", "js-bs-applicant-email"],
  };

  // `role`: "client" or "applicant".
  function showChosen(name, email, role) {
    chosen.replaceChildren();
    const who = document.createElement("span");
    who.textContent = t(chosenWords[role][email ? 1 : 0], { name: name || "", email });
    const change = document.createElement("button");
    change.type = "button";
    change.className = "link-button";
    change.textContent = t("js-bs-change");
    change.addEventListener("click", () => {
      clientId.value = "";
      applicationId.value = "";
      packages = [];
      fillPackages();
      showSearch();
      search.focus();
    });
    chosen.append(who, " ", change);
    chosen.hidden = false;
    search.closest(".combobox").hidden = true;
  }

  function showSearch() {
    chosen.hidden = true;
    search.closest(".combobox").hidden = false;
    search.value = "";
  }

  // ---- packages and credits ----------------------------------------------------------------

  async function loadClient(id, preferredPackage) {
    try {
      const res = await fetch(`/api/coaching/clients/${encodeURIComponent(id)}`, {
        headers: { accept: "application/json" },
      });
      if (!res.ok) return;
      const client = await res.json();
      packages = (client.enrolments || []).filter((e) => e.status === "active" || !e.status);
    } catch {
      packages = [];
    }
    fillPackages(preferredPackage);
  }

  function fillPackages(preferred) {
    packageSelect.replaceChildren();
    if (!packages.length) {
      hide(packageField);
      credits.textContent = "";
      return;
    }
    const none = new Option(t("js-bs-no-package"), "");
    packageSelect.append(none);
    for (const e of packages) {
      const left = e.creditsRemaining ?? e.remaining ?? "";
      const option = new Option(t("js-bs-package-left", { package: e.packageName || e.name, count: left }), e.packageId ?? e.id);
      option.dataset.minutes = e.sessionMinutes || "";
      option.dataset.left = left;
      option.dataset.sessionTypeId = e.sessionTypeId || "";
      packageSelect.append(option);
    }
    const pick =
      [...packageSelect.options].find((o) => preferred && o.value === String(preferred)) ||
      [...packageSelect.options].find((o) => o.value && Number(o.dataset.left) > 0) ||
      none;
    packageSelect.value = pick.value;
    packageField.hidden = false;
    onPackage();
  }

  function onPackage() {
    const option = packageSelect.selectedOptions[0];
    if (!option || !option.value) {
      credits.textContent = "";
    } else if (Number(option.dataset.left) <= 0) {
      credits.textContent = t("js-bs-no-credits");
    } else {
      credits.textContent = tn("js-bs-credits-left", Number(option.dataset.left));
    }
    if (option?.dataset.sessionTypeId) typeSelect.value = option.dataset.sessionTypeId;
    autoEnd();
    scheduleCheck();
  }
  packageSelect.addEventListener("change", onPackage);

  // ---- times and the live check ------------------------------------------------------------

  function duration() {
    if (templateMinutes > 0) return templateMinutes;
    const pkg = packageSelect.selectedOptions[0];
    if (pkg?.value && Number(pkg.dataset.minutes) > 0) return Number(pkg.dataset.minutes);
    return Number(typeSelect.selectedOptions[0]?.dataset.duration || 60);
  }

  function autoEnd() {
    const start = field("startTime").value;
    if (endEdited || !/^\d{2}:\d{2}/.test(start)) return;
    const [h, m] = start.split(":").map(Number);
    const total = (h * 60 + m + duration()) % (24 * 60);
    field("endTime").value = `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
  }

  // A field's error goes away as soon as it is being fixed.
  form.addEventListener("input", (event) => {
    const wrapper = event.target.closest?.(".field");
    if (!wrapper?.classList.contains("has-error")) return;
    wrapper.classList.remove("has-error");
    wrapper.querySelector(".field-error")?.remove();
    event.target.removeAttribute("aria-invalid");
    event.target.removeAttribute("aria-describedby");
  });

  field("endTime").addEventListener("input", () => {
    endEdited = field("endTime").value !== "";
  });
  field("startTime").addEventListener("input", autoEnd);
  typeSelect.addEventListener("change", autoEnd);
  for (const name of ["date", "startTime", "endTime", "sessionTypeId", "overrideAvailability", "fold"]) {
    field(name).addEventListener("change", scheduleCheck);
    field(name).addEventListener("input", scheduleCheck);
  }

  let checkTimer = 0;
  let checkSeq = 0;
  function scheduleCheck() {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(runCheck, 250);
  }

  async function runCheck() {
    if (!field("date").value || !field("startTime").value) {
      hide(check);
      return;
    }
    const seq = ++checkSeq;
    const body = payload();
    // The check is about the time; a half-typed name should not hide it.
    body.name ||= "Check";
    body.email ||= "check@example.invalid";
    const res = await post("/api/bookings/check", body);
    if (seq !== checkSeq || !res) return;
    check.hidden = false;
    check.className = "bs-check";
    if (res.status === 200) {
      const { status, message, notices = [] } = res.body;
      // A time the clocks show twice needs a choice; the answer says when.
      const fold = dialog.querySelector("[data-bs-fold]");
      if (fold) fold.hidden = !notices.some((n) => n.kind === "repeated") && field("fold").value !== "later";
      setOverrideLabel(res.body.reason);
      if (status === "free") {
        check.classList.add("ok");
        const free = field("overrideAvailability").checked
          ? ["js-bs-free-override", "js-bs-free-override-note"]
          : ["js-bs-free", "js-bs-free-note"];
        check.textContent = t(free[message ? 1 : 0], { note: message });
        override.hidden = !field("overrideAvailability").checked;
      } else {
        check.classList.add(status === "conflict" ? "bad" : "warn");
        check.textContent = status === "outside_availability" ? outsideWords(res.body.reason) : message;
        override.hidden = status !== "outside_availability";
      }
    } else if (res.status === 422) {
      const fields = res.body.error.fields || [];
      const timeField = fields.find((f) => ["date", "startTime", "endTime", "start", "end"].includes(f.field));
      check.classList.add("bad");
      check.textContent = timeField ? timeField.message : "";
      check.hidden = !timeField;
    } else {
      hide(check);
    }
  }

  // ---- from a template ---------------------------------------------------------------------
  // The coach's templates, read once; choosing one fills the type, length, meeting link, notes
  // and its client, and sends its id so that the server applies its capacity and the client's
  // agreed price. Anything typed afterwards wins.

  let templates = null;
  let templateMinutes = 0;

  async function resetTemplate() {
    templateMinutes = 0;
    if (!templateSelect) return;
    templateId.value = "";
    templateNote.textContent = "";
    if (templates === null) {
      templates = [];
      try {
        const res = await fetch("/api/session-templates", { headers: { accept: "application/json" } });
        if (res.ok) templates = await res.json();
      } catch {
        templates = [];
      }
      for (const template of templates) {
        const option = document.createElement("option");
        option.value = template.id;
        option.textContent = t("js-bs-template-option", {
          name: template.name,
          type: template.sessionTypeName,
          minutes: template.durationMinutes,
        });
        templateSelect.append(option);
      }
    }
    templateSelect.value = "";
    templateField.hidden = templates.length === 0;
  }

  templateSelect?.addEventListener("change", () => {
    const chosenTemplate = templates?.find((x) => String(x.id) === templateSelect.value);
    templateId.value = chosenTemplate ? chosenTemplate.id : "";
    templateMinutes = chosenTemplate ? chosenTemplate.durationMinutes : 0;
    templateNote.textContent = "";
    if (!chosenTemplate) {
      autoEnd();
      scheduleCheck();
      return;
    }
    if ([...typeSelect.options].some((o) => o.value === String(chosenTemplate.sessionTypeId))) {
      typeSelect.value = String(chosenTemplate.sessionTypeId);
    }
    if (chosenTemplate.meetingUrl) field("meetingUrl").value = chosenTemplate.meetingUrl;
    if (chosenTemplate.notes) field("notes").value = chosenTemplate.notes;
    if (chosenTemplate.clientId && !clientId.value && !applicationId.value) {
      clientId.value = chosenTemplate.clientId;
      field("name").value = chosenTemplate.clientName || "";
      showChosen(chosenTemplate.clientName, "", "client");
      loadClient(chosenTemplate.clientId);
    }
    const notes = [];
    if (chosenTemplate.capacity > 1) notes.push(t("js-bs-template-capacity", { count: chosenTemplate.capacity }));
    if (chosenTemplate.clientSpecificPriceCents != null && chosenTemplate.clientName) {
      notes.push(t("js-bs-template-price", {
        name: chosenTemplate.clientName,
        price: money(chosenTemplate.clientSpecificPriceCents, chosenTemplate.currency),
      }));
    }
    templateNote.textContent = notes.join(" ");
    endEdited = false;
    autoEnd();
    scheduleCheck();
  });

  // ---- saving ------------------------------------------------------------------------------

  function payload() {
    const number = (v) => (v ? Number(v) : undefined);
    return {
      sessionTypeId: number(typeSelect.value) || 0,
      date: field("date").value,
      startTime: field("startTime").value,
      endTime: field("endTime").value,
      fold: field("fold").value,
      name: field("name").value,
      email: field("email").value,
      meetingUrl: field("meetingUrl").value.trim(),
      notes: field("notes").value,
      overrideAvailability: field("overrideAvailability").checked,
      clientId: number(clientId.value),
      coachingPackageId: number(packageSelect.value),
      applicationId: number(applicationId.value),
      templateId: number(templateId?.value),
    };
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    hide(problem);
    submit.disabled = true;
    submit.textContent = t("js-bs-booking");
    const res = await post("/api/bookings", payload(), idempotencyKey);
    submit.disabled = false;
    submit.textContent = t("js-bs-book");
    if (!res) {
      showProblem(t("js-offline"));
      return;
    }
    if (res.status === 201 || res.status === 200) {
      dirty = false;
      dialog.close();
      announce(t("js-bs-booked", { name: res.body.name }));
      await refresh();
      return;
    }
    const error = res.body?.error;
    if (res.status === 422 && error?.fields?.length) {
      for (const f of error.fields) showFieldError(f.field, f.message);
      showProblem(t("js-fix-fields"));
      form.querySelector("[aria-invalid=true]")?.focus();
    } else if (error?.code === "outside_availability") {
      setOverrideLabel(error.reason);
      override.hidden = false;
      showProblem(outsideWords(error.reason));
      field("overrideAvailability").focus();
    } else {
      // A collision, or something else the server said: a new key, so a retry is a new try.
      idempotencyKey = crypto.randomUUID ? crypto.randomUUID() : String(Date.now());
      showProblem(error?.message || t("js-bs-save-failed"));
    }
  });

  async function post(url, body, key) {
    const headers = apiHeaders({ "content-type": "application/json", accept: "application/json" });
    if (key) headers["idempotency-key"] = key;
    try {
      const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
      let json = null;
      try {
        json = await res.json();
      } catch {
        json = null;
      }
      return { status: res.status, body: json };
    } catch {
      return null;
    }
  }

  // Regions marked data-refresh (or the bookings list) are re-read from the server, so the new
  // booking shows without reloading the page.
  async function refresh() {
    const regions = document.querySelectorAll("[data-bookings-list], [data-refresh]");
    if (!regions.length) return;
    try {
      const res = await fetch(location.href, { headers: { accept: "text/html" } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), "text/html");
      for (const region of regions) {
        const selector = region.id ? `#${CSS.escape(region.id)}` : region.hasAttribute("data-bookings-list") ? "[data-bookings-list]" : null;
        const fresh = selector && doc.querySelector(selector);
        if (fresh) region.replaceWith(fresh);
      }
    } catch {
      // The booking is saved; a stale list is only cosmetic until the next visit.
    }
  }

  // ---- messages ----------------------------------------------------------------------------

  // The page's words for a time outside the coach's hours, by the reason the API names in a JSON
  // field: the override's label, and the sentence that says why and how.
  const reasons = {
    in_the_past: ["js-bs-override-past", "js-bs-outside-past"],
    too_far_ahead: ["js-bs-override-horizon", "js-bs-outside-horizon"],
    outside_hours: ["js-bs-override-hours", "js-bs-outside-hours"],
  };

  function setOverrideLabel(reason) {
    overrideLabel.textContent = t((reasons[reason] || reasons.outside_hours)[0]);
  }

  function outsideWords(reason) {
    const [label, why] = reasons[reason] || reasons.outside_hours;
    return t(why, { choice: t(label) });
  }

  const aliases = { start: "startTime", end: "endTime", coachingPackageId: "coachingPackageId" };

  function showFieldError(name, message) {
    const input = field(aliases[name] || name);
    if (!input || !input.closest) {
      showProblem(message);
      return;
    }
    const wrapper = input.closest(".field") || input.parentElement;
    wrapper.classList.add("has-error");
    input.setAttribute("aria-invalid", "true");
    const p = document.createElement("p");
    p.className = "field-error";
    p.id = `${input.id}-error`;
    p.textContent = message;
    input.setAttribute("aria-describedby", p.id);
    wrapper.append(p);
  }

  function clearErrors() {
    for (const p of form.querySelectorAll(".field-error")) p.remove();
    for (const w of form.querySelectorAll(".has-error")) w.classList.remove("has-error");
    for (const i of form.querySelectorAll("[aria-invalid]")) {
      i.removeAttribute("aria-invalid");
      i.removeAttribute("aria-describedby");
    }
  }

  function showProblem(message) {
    problem.textContent = message;
    problem.hidden = false;
  }

  function hide(el) {
    if (el) el.hidden = true;
  }
}

// `minor` units of `currency` as the page's language writes money ("€80.00", "80,00 €"), with the
// currency's own decimals.
function money(minor, currency) {
  try {
    const format = new Intl.NumberFormat(lang, { style: "currency", currency });
    return format.format(minor / 10 ** format.resolvedOptions().maximumFractionDigits);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`;
  }
}

function announce(message) {
  let notice = document.querySelector("main > .notice");
  if (!notice) {
    notice = document.createElement("div");
    notice.className = "notice";
    notice.setAttribute("role", "status");
    document.querySelector("main")?.prepend(notice);
  }
  notice.textContent = message;
}
